"""How long one hostile guide takes to read: seconds of `parse_guide` for each slow input.

A guide may be up to 1 MiB, and a pull request that touches only `guides/` must not be able
to stall a build or `meshkit check`. Each input below once took markdown-it-py or meshkit's
own rules time that grew with the square of its length. Run it before and after a change to
the parser or the citation rules:

    .venv/bin/python benchmarks/slow_inputs.py            # every input at full size
    .venv/bin/python benchmarks/slow_inputs.py --quick    # each at a tenth of the size
    .venv/bin/python benchmarks/slow_inputs.py --only "'['" --timeout 60

The first inputs are those of the security issue, at the sizes it gave; then each piece of
markup is repeated to fill the largest guide meshkit reads (1 MiB).

Each input is read in a child process, so one that stalls is stopped after `--timeout`
seconds and reported as such, and the rest are still measured. No test asserts a duration.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection

FRONT_MATTER = """\
title: A hostile guide
summary: Text made to be slow to read.
evidence:
  strength: 3
  transferability: 2
  rationale: None; it is a test.
subjects: [inclusion]
phases: [primary]
authors:
  - name: A. Author
published: 2026-03-01
updated: 2026-09-14
review_due: 2027-09-14
"""


@dataclass(frozen=True)
class Input:
    """A slow input: its name, and the body it makes at `scale` (1.0 is full size)."""

    name: str
    body: Callable[[float], str]


MIB = 1024 * 1024
"""The largest guide meshkit reads (`meshkit.content.reader.MAX_GUIDE_BYTES`)."""


def _times(piece: str, count: int) -> Callable[[float], str]:
    return lambda scale: piece * max(1, int(count * scale))


def _filled(piece: str) -> Callable[[float], str]:
    """`piece` repeated to fill a guide of the largest size (a body just under 1 MiB)."""
    return _times(piece, (MIB - 1024) // len(piece.encode("utf-8")))


REPORTED = (  # the inputs of the security issue, at the sizes it gave
    Input("'[' x 10,000", _times("[", 10_000)),
    Input("'[' x 50,000", _times("[", 50_000)),
    Input("'[a][' x 5,000", _times("[a][", 5_000)),
    Input("'[^' x 5,000", _times("[^", 5_000)),
    Input("'[a](' x 5,000", _times("[a](", 5_000)),
    Input("'![' x 5,000", _times("![", 5_000)),
    Input("'[@k]' x 200,000", _times("[@k]", 200_000)),
    Input("'- ' x 500 + 'x'", lambda scale: "- " * 500 + "x"),
    Input("'> ' x 500 + 'x'", lambda scale: "> " * 500 + "x"),
    Input("'*' x 2,000 + 'a' + '*' x 2,000", lambda scale: "*" * 2000 + "a" + "*" * 2000),
)
PIECES = (
    *("[", "[a][", "[^", "[a](", "![", "[@k]", "[@k", "@k ", "[a]", "\\["),
    *("<", "*a", "_a", "~~a", "`a", "&amp;", "x@", "www.", "http://x"),
    *("[x]: y\n[x]\n", "[^1]: x\n[^1]\n", "- [a\n", "> [a\n"),
)
FILLED = tuple(Input(f"{piece!r} to 1 MiB", _filled(piece)) for piece in PIECES)
INPUTS = REPORTED + FILLED


def read(body: str, keys: frozenset[str]) -> tuple[float, int, str]:
    """Seconds `parse_guide` takes on a guide with `body`, its problem count and first one."""
    from meshkit.content.model import ContentRules
    from meshkit.content.reader import parse_guide
    from meshkit.evidence.presets import MESH

    rules = ContentRules(MESH, {"inclusion": "Inclusion"}, {"primary": "Primary"})
    text = f"---\n{FRONT_MATTER}---\n{body}\n"
    started = time.perf_counter()
    result = parse_guide(text, "guides/inclusion/hostile.md", "hostile", rules, "", keys)
    seconds = time.perf_counter() - started
    first = result.issues[0].text() if result.issues else ""
    return seconds, len(result.issues), first


def _child(body: str, pipe: Connection) -> None:
    try:
        pipe.send(read(body, frozenset({"k"})))
    except BaseException as exc:  # reported, not raised: the point is to see it
        pipe.send((-1.0, 0, f"{type(exc).__name__}: {exc}"[:200]))


def measure(body: str, timeout: float) -> str:
    """One row of the table: the seconds (or why there are none) and what was reported."""
    receive, send = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.Process(target=_child, args=(body, send), daemon=True)
    child.start()
    if not receive.poll(timeout):
        child.kill()
        child.join()
        return f"over {timeout:.0f} s (stopped)"
    seconds, count, first = receive.recv()
    child.join()
    if seconds < 0:
        return f"raised {first}"
    shown = f"; {first[:110]}" if first else ""
    return f"{seconds:8.2f} s  {count} problem(s){shown}"


def main(argv: list[str] | None = None) -> int:
    """Measure every input (or those named by `--only`) and print one line each."""
    options = _options().parse_args(argv)
    scale = 0.1 if options.quick else 1.0
    for item in INPUTS:
        if options.only and not any(word in item.name for word in options.only):
            continue
        body = item.body(scale)
        size = f"{len(body.encode('utf-8')) / 1024:7.1f} KiB"
        print(f"{item.name:38} {size}  {measure(body, options.timeout)}", flush=True)
    return 0


def _options() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="each input at a tenth of its size")
    parser.add_argument(
        "--timeout", type=float, default=120, help="seconds before an input is stopped"
    )
    parser.add_argument("--only", nargs="*", help="measure inputs whose name contains a word")
    return parser


if __name__ == "__main__":
    sys.exit(main())
