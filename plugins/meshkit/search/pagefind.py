"""Pagefind's indexing process, fed by the build without waiting between pages.

Pagefind's own Python API sleeps 0.1 s before reading each answer, so 4,000 pages added one
call at a time take seven minutes. Its process speaks a small protocol on its standard input
and output instead (each message is base64-encoded JSON ended by a comma), so meshkit writes
every page to it at once and reads the answers on a thread of its own: the indexing runs in
Pagefind's process, beside the rest of the build.

Pagefind reads settings from `pagefind.yml` (or .json, .toml) in the folder it starts in and
from `PAGEFIND_*` variables; a contributed file could point its log at any file the build
may write. So it starts in an empty folder of its own, without those variables.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import queue
import subprocess
import tempfile
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from meshkit.search.documents import Document

PAGEFIND_OPTIONS: Mapping[str, Any] = {"exclude_selectors": [".headerlink"]}
"""Heading permalinks (`¶`) are not words of the page."""


QUIET_FOR = 600.0
"""Seconds Pagefind may go without answering before the build gives up on it (writing the
index of 10,000 guides takes about a minute, and answers come all along)."""


class IndexingError(Exception):
    """Pagefind could not index the site; the message says what it reported."""


def inside(path: str) -> bool:
    """Whether `path` names a file inside the index's folder (relative, no `..`)."""
    parts = path.split("/")
    return bool(path) and not path.startswith("/") and "\\" not in path and ".." not in parts


def _without_settings(environment: Mapping[str, str]) -> dict[str, str]:
    """The environment without Pagefind's own settings (`PAGEFIND_*`), which could point
    its log or output anywhere; meshkit gives it all it needs."""
    return {k: v for k, v in environment.items() if not k.upper().startswith("PAGEFIND_")}


def pagefind_executable() -> Path:
    """The Pagefind program: from the `pagefind_bin` wheel (or `PAGEFIND_BINARY_PATH`)."""
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise IndexingError(
            "Pagefind is not installed: run `make install` (it comes with meshkit's "
            "Python packages, as `pagefind[bin]`)"
        )
    return found


class Indexer:
    """One Pagefind index being built: add documents, then write its files to a folder."""

    def __init__(self, executable: Path | None = None, quiet_for: float = QUIET_FOR) -> None:
        self._log: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        self._room = tempfile.TemporaryDirectory(prefix="meshkit-pagefind-")
        self._quiet_for = quiet_for
        try:
            self._process = subprocess.Popen(
                [str(executable or pagefind_executable()), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._log,
                cwd=self._room.name,
                env=_without_settings(os.environ),
            )
        except OSError as error:
            self._room.cleanup()
            raise IndexingError(f"Pagefind could not be started: {error}") from error
        self._answers: dict[int, dict[str, Any]] = {}
        self._files = 0
        self._heard_at = time.monotonic()
        self._urls: dict[int, str] = {}
        self._stopped = False
        self._garbled = ""
        self._changed = threading.Condition()
        self._outbox: queue.Queue[bytes | None] = queue.Queue()
        self._last = 0
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._write, daemon=True).start()
        answer = self._wait(self._send({"type": "NewIndex", "config": dict(PAGEFIND_OPTIONS)}))
        self._index = int(answer["index_id"])
        self.pages = 0

    def add(self, document: Document) -> None:
        """Index one page (answered later; `finish` reports any page Pagefind refused)."""
        number = self._send(
            {
                "type": "AddFile",
                "index_id": self._index,
                "url": document.url,
                "file_path": None,
                "file_contents": document.html,
            }
        )
        self._urls[number] = document.url
        self.pages += 1

    def ask_for_files(self) -> None:
        """Ask for the index's files once every page added is indexed (`files` gives them).

        Pagefind's own writing to a folder answers before its last writes have landed
        (they finish on threads of its own, and it exits without waiting for them when its
        input closes), so its files come back in its answer and meshkit writes them."""
        self._files = self._send({"type": "GetFiles", "index_id": self._index})

    def files(self) -> dict[str, bytes]:
        """The index's files by their path in the index's folder (after `finish`)."""
        listed = self._answers.get(self._files, {}).get("files")
        if not isinstance(listed, list):
            raise IndexingError("Pagefind gave no files for the index")
        found: dict[str, bytes] = {}
        for file in listed:
            path = file.get("path") if isinstance(file, dict) else None
            if not isinstance(path, str) or not inside(path):
                raise IndexingError(f"Pagefind gave a file meshkit will not write: {path!r}")
            try:
                found[path] = base64.b64decode(file.get("content", ""), validate=True)
            except (ValueError, TypeError):
                raise IndexingError(
                    f"Pagefind gave {path!r} in a form meshkit cannot read"
                ) from None
        return found

    def finish(self) -> None:
        """Wait until everything asked is done; raise `IndexingError` on any refusal."""
        self._wait(self._last)
        refused = [
            f"{self._urls.get(number, 'the index')}: {answer.get('message', 'refused')}"
            for number, answer in sorted(self._answers.items())
            if answer.get("type") == "Error"
        ]
        if refused:
            raise IndexingError("Pagefind could not index " + "; ".join(refused))

    def close(self) -> None:
        """Stop Pagefind's process (at once, whatever it was doing)."""
        self._outbox.put(None)
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        self._log.close()
        self._room.cleanup()

    def _send(self, payload: dict[str, Any]) -> int:
        self._last += 1
        message = {"message_id": self._last, "payload": payload}
        self._outbox.put(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")
        return self._last

    def _wait(self, number: int) -> dict[str, Any]:
        with self._changed:
            while number not in self._answers and not self._stopped:
                quiet = time.monotonic() - self._heard_at
                if quiet >= self._quiet_for:
                    raise IndexingError(
                        f"Pagefind said nothing for {self._quiet_for:.0f} s; stopped waiting"
                    )
                self._changed.wait(self._quiet_for - quiet)
            if number not in self._answers:
                raise IndexingError(f"Pagefind stopped before it finished: {self._said()}")
            return self._answers[number]

    def _said(self) -> str:
        if self._garbled:
            return self._garbled
        self._log.seek(0)
        text = self._log.read()[-2000:].decode("utf-8", "replace").strip()
        return text or f"it exited with status {self._process.poll()}"

    def _write(self) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        while (message := self._outbox.get()) is not None:
            try:
                stdin.write(message)
                if self._outbox.empty():
                    stdin.flush()
            except (BrokenPipeError, ValueError):
                return
        with contextlib.suppress(BrokenPipeError):
            stdin.close()

    def _read(self) -> None:
        stdout = self._process.stdout
        assert isinstance(stdout, io.BufferedReader)
        pending: list[bytes] = []  # the unfinished message's parts (one answer may be 100 MB)
        try:
            while chunk := stdout.read1(1 << 16):
                *ends, rest = chunk.split(b",")
                if ends:
                    ends[0], pending = b"".join([*pending, ends[0]]), []
                pending.append(rest)
                with self._changed:
                    self._heard_at = time.monotonic()
                    for message in ends:
                        self._take(json.loads(base64.b64decode(message, validate=True)))
                    self._changed.notify_all()
        except (ValueError, TypeError, AttributeError) as error:  # not Pagefind's protocol
            self._garbled = f"it answered in a way meshkit cannot read ({error})"
            self._process.kill()
        with self._changed:
            self._stopped = True
            self._changed.notify_all()

    def _take(self, answer: dict[str, Any]) -> None:
        number = answer.get("message_id")
        payload = answer.get("payload") or {}
        if number is None and isinstance(payload.get("original_message"), str):
            number = json.loads(payload["original_message"]).get("message_id")
        if isinstance(number, int):
            self._answers[number] = payload
