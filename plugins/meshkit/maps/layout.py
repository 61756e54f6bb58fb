"""Maps laid out by Graphviz: many maps to one run, each map once for as long as it is the same.

meshkit uses graphviz-pure, a port of Graphviz's `dot` whose program ships inside its Python
wheel (README, "Knowledge maps", says why). One run of the program lays out any number of
graphs, one after another, so a build sends all its maps to a few runs, one per core, at
once, each in a process of its own that also writes the drawings from the layouts
(`meshkit.maps.lay_out`), and reads the drawings back in order. Each drawing is kept by a
fingerprint of its DOT source: in memory for `mkdocs serve`, and in one file of a folder
(`.cache/meshkit/maps/drawings.json` by default) from one build to the next. A map that did
not change is not laid out again; a kept drawing is used only if it is one meshkit could
have made (`meshkit.maps.svg.checked`): the folder is inside the site's, where a pull
request could put a file.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from meshkit.maps.svg import checked

PROGRAM = "graphviz-pure"
VERSION = "graphviz-pure 0.2.2; drawing 4"
"""Part of every fingerprint: a new Graphviz, or a change to what a drawing keeps, lays
every map out again."""
STORE = "drawings.json"
"""The file in the folder of kept drawings that holds them all, by fingerprint."""
MAX_STORE = 1 << 29
"""The largest store read (512 MiB, some 70,000 maps); a larger file is passed by."""
SECONDS_PER_MAP = 2.0
"""How long one map may take to lay out before its run is stopped (a map of 60 guides
takes a few hundredths of a second)."""
MAP_WEIGHT = 100
"""A map's cost to Graphviz beyond its length, in characters of DOT source. Measured on the
4,967 maps of the 4,000-guide benchmark (graphviz-pure 0.2.2): about 0.6 ms for each
thousand characters, whether of a guide's map of 7 guides or a subject's of 60, and next to
nothing more for each map."""
STOP_WAIT = 5.0
"""Seconds a stopped run has to stop its Graphviz before it is killed."""


class LayoutError(RuntimeError):
    """Graphviz could not be run at all (not installed, or not a program that works)."""


@dataclass(frozen=True)
class Drawn:
    """What became of one map: its drawing, or why it could not be drawn."""

    svg: str = ""
    """The drawing, written from Graphviz's layout (`meshkit.maps.plain`), with placeholders
    for each page's addresses and words (`meshkit.maps.svg.fill`)."""
    problem: str = ""


def program() -> str:
    """Where graphviz-pure is: beside this Python (in its virtual environment), else on PATH."""
    beside = Path(sysconfig.get_path("scripts")) / PROGRAM
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which(PROGRAM)
    if found is None:
        raise LayoutError(
            f"meshkit draws knowledge maps with the program '{PROGRAM}', which is not "
            "installed; run 'make install' (or pip install meshkit again) to install it"
        )
    return found


@dataclass
class Layouts:
    """Lays out maps, keeping each drawing by its DOT source's fingerprint."""

    folder: Path | None = None
    """Where drawings are kept between builds (none: in memory only)."""
    runs: int = 1
    """How many runs of Graphviz may work at once."""
    kept: dict[str, str] = field(default_factory=dict)
    laid_out: int = 0
    """How many maps this object sent to Graphviz (the others were kept)."""
    _stored: dict[str, object] | None = field(default=None, repr=False)
    """The drawings read from the folder, each tested only when it is wanted."""
    _changed: bool = False
    _saving: threading.Thread | None = field(default=None, repr=False)

    def draw(self, sources: Sequence[str]) -> list[Drawn]:
        """The drawing of each DOT source, in order; those not kept are laid out now."""
        return self.start(sources).finish()

    def start(self, sources: Sequence[str]) -> Pending:
        """Start laying out the maps of `sources` not kept; `finish()` gives every drawing.
        Graphviz works in processes of its own meanwhile, so the build can go on."""
        keys = [fingerprint(source) for source in sources]
        wanted: dict[str, str] = {}
        for key, source in zip(keys, sources, strict=True):
            if key not in self.kept and key not in wanted and not self._read(key):
                wanted[key] = source
        self.laid_out += len(wanted)
        return Pending(self, keys, list(wanted), _Runs.start(list(wanted.values()), self.runs))

    def keep(self, key: str, made: Drawn) -> None:
        """Keep a drawing just made, in memory (`save` writes it to the folder)."""
        if made.svg:
            self.kept[key] = made.svg
            self._changed = True

    def save(self) -> None:
        """Write every drawing kept to the folder, in one file, if any is new (or the file is
        gone): one file written at once costs a build far less than a file for each map.
        A folder that cannot be written is passed by."""
        if self.folder is None or not (self._changed or not (self.folder / STORE).exists()):
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = self.folder / f".{STORE}.{os.getpid()}.tmp"
            partial.write_text(
                json.dumps({"version": VERSION, "drawings": self.kept}), encoding="utf-8"
            )
            partial.replace(self.folder / STORE)
        except OSError:
            self.folder = None
        self._changed = False

    def save_meanwhile(self) -> None:
        """Start writing the drawings kept (`save`) in a thread of its own: a build's last
        steps mostly wait for other processes (the search index), so the file is written on
        a core that would be idle. `saved()` waits for it."""
        self.saved()
        self._saving = threading.Thread(target=self.save, name="meshkit-maps-save")
        self._saving.start()

    def saved(self) -> None:
        """Wait until the drawings being written (`save_meanwhile`) are written."""
        if self._saving is not None:
            self._saving.join()
            self._saving = None

    def _read(self, key: str) -> bool:
        drawn = self._store().get(key)
        if not isinstance(drawn, str) or not checked(drawn):
            return False  # none, spoilt, or not meshkit's: laid out again and written anew
        self.kept[key] = drawn
        return True

    def _store(self) -> dict[str, object]:
        """The drawings kept in the folder by an earlier build (read once)."""
        if self._stored is None:
            self._stored = _read_store(self.folder / STORE) if self.folder is not None else {}
        return self._stored


def _read_store(path: Path) -> dict[str, object]:
    """The drawings in a store file, untested; none when it is missing, too big, of another
    version of meshkit, or not such a file at all (the folder is inside the site's)."""
    try:
        if path.stat().st_size > MAX_STORE:
            return {}
        loaded = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(loaded, dict) or loaded.get("version") != VERSION:
        return {}
    drawings = loaded.get("drawings")
    return drawings if isinstance(drawings, dict) else {}


@dataclass
class Pending:
    """Maps being laid out: `finish()` waits for them and gives every drawing asked for."""

    layouts: Layouts
    keys: list[str]
    wanted: list[str]
    runs: _Runs

    def finish(self, save: bool = True) -> list[Drawn]:
        """Each drawing asked for, in order (kept ones included), once Graphviz is done;
        the drawings kept are written to the folder unless `save` is false (the caller will
        see to it: `Layouts.save_meanwhile`)."""
        problems: dict[str, str] = {}
        for key, made in zip(self.wanted, self.runs.finish(), strict=True):
            self.layouts.keep(key, made)
            if made.problem:
                problems[key] = made.problem
        if save:
            self.layouts.save()
        kept = self.layouts.kept
        return [Drawn(kept.get(key, ""), problems.get(key, "")) for key in self.keys]

    def stop(self) -> None:
        """Stop Graphviz without waiting (the build stopped)."""
        self.runs.stop()


@dataclass
class _Runs:
    """Runs of Graphviz working at once on shares of the maps, in a folder of their own."""

    folder: Path | None
    started: list[_Run]
    shares: list[list[int]]
    """Which of the maps given each run lays out, by their places in the order given."""

    @classmethod
    def start(cls, sources: list[str], runs: int) -> _Runs:
        if not sources:
            return cls(None, [], [])
        folder = Path(tempfile.mkdtemp(prefix="meshkit-maps-"))
        shares = _shares(sources, runs)
        working = cls(folder, [], shares)
        _working.append(working)  # before any run starts: a stopped build stops them all
        try:
            for number, share in enumerate(shares):
                share_sources = [sources[index] for index in share]
                working.started.append(_Run.start(share_sources, folder / str(number)))
        except BaseException:  # LayoutError, or the build stopped (Ctrl-C) meanwhile
            working.stop()
            raise
        return working

    def finish(self) -> list[Drawn]:
        """Every map's drawing, in the order the maps were given."""
        try:
            made: dict[int, Drawn] = {}
            for run, share in zip(self.started, self.shares, strict=True):
                made.update(zip(share, run.finish(), strict=True))
            return [made[index] for index in range(len(made))]
        finally:
            self.stop()

    def stop(self) -> None:
        for run in self.started:
            run.stop()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
        _working[:] = [runs for runs in _working if runs is not self]


def _shares(sources: list[str], runs: int) -> list[list[int]]:
    """Which maps (by index in `sources`) each run lays out: shares of about the same work,
    reckoned as each map's length and `MAP_WEIGHT` more. Maps are dealt out largest first,
    each to the run with the least work so far, so that every run gets some of a subject's
    large maps and some of the guides' small ones, and the runs end together: a run that
    ends early leaves a core idle while the build waits for the other. Each share keeps
    its maps in the order given."""
    count = max(1, min(runs, len(sources)))
    loads = [(0, number) for number in range(count)]
    shares: list[list[int]] = [[] for _ in range(count)]
    by_size = sorted(range(len(sources)), key=lambda index: -len(sources[index]))
    for index in by_size:
        load, number = heapq.heappop(loads)
        shares[number].append(index)
        heapq.heappush(loads, (load + len(sources[index]) + MAP_WEIGHT, number))
    return [sorted(share) for share in shares]


_working: list[_Runs] = []
"""Layouts started and not yet finished or stopped."""


def stop_layouts() -> None:
    """Stop every layout still working, and remove its folder (the build was stopped)."""
    for runs in list(_working):
        runs.stop()


def fingerprint(source: str) -> str:
    """A name for a map's drawing that changes when its DOT source or Graphviz does."""
    return hashlib.blake2b(f"{VERSION}\0{source}".encode(), digest_size=16).hexdigest()


@dataclass
class _Run:
    """One run of Graphviz over several DOT sources, working while the build goes on."""

    sources: list[str]
    process: subprocess.Popen[bytes] | None
    output: IO[bytes]
    problem: str = ""

    @classmethod
    def start(cls, sources: list[str], stem: Path) -> _Run:
        """Start laying out `sources` (written to `stem`.gv; drawings to `stem`.svg)."""
        source = stem.with_suffix(".gv")
        source.write_text("".join(sources), encoding="utf-8")
        output = stem.with_suffix(".svg").open("w+b")
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "meshkit.maps.lay_out", program(), str(source)],
                stdout=output,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
            )
        except OSError as exc:
            output.close()
            raise LayoutError(f"meshkit could not run '{PROGRAM}' to draw maps: {exc}") from exc
        return cls(sources, process, output)

    def stop(self) -> None:
        """Stop the run (and its Graphviz) if it is still working, and close its output."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=STOP_WAIT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.output.close()

    def finish(self) -> list[Drawn]:
        """Wait for the run; each source's drawing, or (run one by one) why it failed."""
        assert self.process is not None
        try:
            _, errors = self.process.communicate(timeout=30 + SECONDS_PER_MAP * len(self.sources))
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.communicate()
            errors = b"it took too long"
        self.output.seek(0)
        made = _made(self.output.read())
        self.output.close()
        whole = self.process.returncode == 0 and len(made) == len(self.sources)
        if whole and (all(drawn.svg for drawn in made) or len(made) == 1):
            return made
        if len(self.sources) == 1:
            said = errors.decode("utf-8", "replace").strip().splitlines()
            return [Drawn(problem=said[0] if said else "Graphviz stopped without a drawing")]
        return [_alone(source) for source in self.sources]


def _alone(source: str) -> Drawn:
    """A map laid out in a run of its own, to find which of several failed, and why."""
    with tempfile.TemporaryDirectory(prefix="meshkit-map-") as folder:
        return _Run.start([source], Path(folder) / "map").finish()[0]


def _made(written: bytes) -> list[Drawn]:
    """The drawings a run printed (see `meshkit.maps.lay_out`, which allowlisted and tested
    each). The run is meshkit's own process writing to a file in a folder only this user
    can open, so its drawings are not tested a third time on the build's critical path."""
    try:
        pairs = json.loads(written.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return []
    if not isinstance(pairs, list):
        return []
    made = []
    for pair in pairs:
        drawn, problem = pair if isinstance(pair, list) and len(pair) == 2 else ("", "")
        if isinstance(drawn, str) and drawn:
            made.append(Drawn(drawn))
        else:
            made.append(Drawn(problem=str(problem or "not a drawing meshkit made")))
    return made
