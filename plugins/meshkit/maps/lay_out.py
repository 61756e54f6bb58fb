"""One run of Graphviz over many maps, each drawing made fit for a page as it comes out.

    python -m meshkit.maps.lay_out PROGRAM SOURCE     # prints a JSON list

`meshkit.maps.layout` starts one such process for each core's share of a build's maps:
Graphviz lays them out, and the same process allowlists each drawing
(`meshkit.maps.svg.drawing`) and tests the result (`meshkit.maps.svg.checked`), so that the
work is done on every core while MkDocs reads the pages, and pages only put in their
addresses. It prints one `[drawing, problem]` pair for
each map, in order, and exits with Graphviz's status.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence

from meshkit.maps.svg import DrawingError, checked, drawing


def lay_out(program: str, source: str) -> tuple[int, list[tuple[str, str]], bytes]:
    """Graphviz's status, each map's drawing (or why there is none), and what it said."""
    run = subprocess.run(
        [program, "-Tsvg", source], capture_output=True, stdin=subprocess.DEVNULL, check=False
    )
    written = run.stdout.decode("utf-8", "replace")
    made = [_made("<?xml " + document) for document in written.split("<?xml ")[1:]]
    return run.returncode, made, run.stderr


def _made(document: str) -> tuple[str, str]:
    try:
        made = drawing(document)
    except DrawingError as exc:
        return "", f"Graphviz wrote something that is not a map: {exc}"
    # A second, separate test of the allowlist's work, done here on every core rather than
    # in the build's own process, which waits for it.
    if not checked(made):
        return "", "the drawing kept something a map does not need"
    return made, ""


def main(argv: Sequence[str]) -> int:
    status, made, said = lay_out(argv[0], argv[1])
    sys.stderr.buffer.write(said)
    sys.stdout.write(json.dumps(made))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
