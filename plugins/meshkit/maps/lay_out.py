"""One run of Graphviz over many maps, each drawing written as it comes out.

    python -m meshkit.maps.lay_out PROGRAM SOURCE     # prints a JSON list

`meshkit.maps.layout` starts one such process for each core's share of a build's maps:
Graphviz lays them out (`-Tplain`: only where each box and line goes), and the same process
writes each drawing from those numbers and the map's own DOT source (`meshkit.maps.plain`),
so that the work is done on every core while MkDocs reads the pages, and pages only put in
their addresses. It prints one
`[drawing, problem]` pair for each map, in order, and exits with Graphviz's status.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from meshkit.maps.plain import Source, drawn, layouts, sources
from meshkit.maps.svg import DrawingError


def lay_out(program: str, source: str) -> tuple[int, list[tuple[str, str]], bytes]:
    """Graphviz's status, each map's drawing (or why there is none), and what it said."""
    run = subprocess.run(
        [program, "-Tplain", source], capture_output=True, stdin=subprocess.DEVNULL, check=False
    )
    written = run.stdout.decode("utf-8", "replace")
    laid_out = layouts(written)
    maps = sources(Path(source).read_text(encoding="utf-8"))
    if len(laid_out) != len(maps):
        return run.returncode, [], run.stderr  # laid out one by one to find out why
    made = [_made(map_, layout) for map_, layout in zip(maps, laid_out, strict=True)]
    return run.returncode, made, run.stderr


def _made(map_: Source, layout: str) -> tuple[str, str]:
    try:
        return drawn(map_, layout), ""
    except DrawingError as exc:
        return "", f"Graphviz wrote something that is not a map: {exc}"


def main(argv: Sequence[str]) -> int:
    # Stopped by the build (SIGTERM), end as Ctrl-C ends it: by an exception, on which
    # `subprocess.run` kills Graphviz too rather than leave it working for nobody.
    signal.signal(signal.SIGTERM, _stopped)
    status, made, said = lay_out(argv[0], argv[1])
    sys.stderr.buffer.write(said)
    sys.stdout.write(json.dumps(made))
    return status


def _stopped(number: int, frame: object) -> None:
    raise SystemExit(128 + number)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
