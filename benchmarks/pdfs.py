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
    try:
        count = min(PACK_READINGS, len(site.readings))
        made = _print(folder, count)
        if made is not None and site.reading_translations:  # the pack is translated too
            arabic = _print(folder, count, "ar")
            made["ar"] = arabic  # right to left, a fifth of its readings in Arabic
    finally:
        shutil.rmtree(folder / "packs", ignore_errors=True)
    return made


def _print(folder: Path, readings: int, language: str = "") -> dict[str, Any] | None:
    """`meshkit pack bench-pack` of `readings` readings (in `language`, when given): what
    it made and took."""
    target = folder / f"bench-pack{'.' + language if language else ''}.pdf"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    command = [sys.executable, "-m", "meshkit.cli", "-f", str(folder / "mkdocs.yml"), "pack"]
    command += ["bench-pack", "-o", str(target), *(["--language", language] if language else [])]
    started = time.perf_counter()
    run = subprocess.run(command, env=env, capture_output=True, text=True)
    whole = time.perf_counter() - started
    printed = _PRINTED.search(run.stderr)
    if run.returncode != 0 or printed is None:
        print(f"  pack FAILED ({run.returncode}):\n{run.stderr[-2000:]}", file=sys.stderr)
        return None
    return {
        "readings": readings,
        "pages": int(printed.group(1)),
        "pdf_seconds": float(printed.group(2)),
        "command_seconds": round(whole, 2),
        "pdf_bytes": target.stat().st_size,
    }
