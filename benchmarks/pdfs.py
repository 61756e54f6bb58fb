"""Timing a reading pack's PDF, apart from the build (a build that makes PDFs is timed for
its pages): `meshkit pack` on the generated site, with a pack of up to 15 of its readings."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import generate
from annotations import PACK_READINGS
from measure import SOURCE_DATE_EPOCH
from model import Site

_PRINTED = re.compile(r": (\d+) pages, printed in ([\d.]+) s")


def measure_pack(folder: Path, site: Site) -> dict[str, Any] | None:
    """Print the site's pack with `meshkit pack`: its pages, the seconds the PDF took, and
    the command's whole time (which also reads and checks the site); None if it failed."""
    generate.write_readings(site, folder, with_pack=True)
    target = folder / "bench-pack.pdf"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    command = [sys.executable, "-m", "meshkit.cli", "-f", str(folder / "mkdocs.yml")]
    started = time.perf_counter()
    run = subprocess.run(
        [*command, "pack", "bench-pack", "-o", str(target)], env=env, capture_output=True, text=True
    )
    whole = time.perf_counter() - started
    shutil.rmtree(folder / "packs", ignore_errors=True)
    printed = _PRINTED.search(run.stderr)
    if run.returncode != 0 or printed is None:
        print(f"  pack FAILED ({run.returncode}):\n{run.stderr[-2000:]}", file=sys.stderr)
        return None
    return {
        "readings": min(PACK_READINGS, len(site.readings)),
        "pages": int(printed.group(1)),
        "pdf_seconds": float(printed.group(2)),
        "command_seconds": round(whole, 2),
        "pdf_bytes": target.stat().st_size,
    }
