"""How long `mkdocs serve` takes to rebuild a site after one guide is saved.

An editor saves a guide and waits for the browser to show it. This starts `mkdocs serve` on
a generated site, waits for its first build, then saves one guide several times (a changed
sentence each time) and measures, for each save, the seconds from writing the file to the
end of the rebuild (meshkit's line at the end of every serve build), with meshkit's own
share of them as it reports it. The fastest rebuild counts, as for builds.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from measure import SOURCE_DATE_EPOCH

SAID = re.compile(r"meshkit: .* pages made, .* \(meshkit's part of this build: ([\d.]+) s\)")
SAVES = 3


def measure_rebuild(site: Path, saves: int = SAVES) -> dict[str, Any]:
    """Serve the site in `site` (its mkdocs.yml) and time rebuilds after saving one guide."""
    guides = sorted(p for p in (site / "guides").rglob("*.md") if "." not in p.stem)  # no .cy
    guide = guides[len(guides) // 2]
    original = guide.read_text(encoding="utf-8")
    server = _Server(site)
    try:
        server.wait(1)
        rebuilds = []
        for save in range(1, saves + 1):
            started = time.perf_counter()
            guide.write_text(original + f"\nA sentence saved {save} time(s).\n", encoding="utf-8")
            meshkit = server.wait(save + 1)
            rebuilds.append((time.perf_counter() - started, meshkit))
    finally:
        server.stop()
        guide.write_text(original, encoding="utf-8")
    best = min(rebuilds)
    return {
        "guide": guide.relative_to(site).as_posix(),
        "rebuild_seconds": round(best[0], 3),
        "meshkit_seconds": round(best[1], 3),
        "all_rebuild_seconds": [round(r[0], 3) for r in rebuilds],
    }


class _Server:
    """`python -m mkdocs serve` of a site, and the meshkit lines it has logged."""

    def __init__(self, site: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=site,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.said: list[float] = []
        self.serving = False
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            found = SAID.search(line)
            if found:
                self.said.append(float(found.group(1)))
            # Files are watched only once the server is up.
            self.serving = self.serving or "Serving on" in line

    def wait(self, builds: int, seconds: float = 600) -> float:
        """Wait for the `builds`-th build to end; meshkit's seconds in it."""
        deadline = time.monotonic() + seconds
        while len(self.said) < builds or not self.serving:
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("mkdocs serve stopped or did not rebuild")
            time.sleep(0.01)
        return self.said[builds - 1]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)
