"""Pagefind's indexing process, fed by the build without waiting between pages.

Pagefind's own Python API sleeps 0.1 s before reading each answer, so 4,000 pages added one
call at a time take seven minutes. Its process speaks a small protocol on its standard input
and output instead (each message is base64-encoded JSON ended by a comma), so meshkit writes
every page to it at once and reads the answers on a thread of its own: the indexing runs in
Pagefind's process, beside the rest of the build.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import queue
import subprocess
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from meshkit.search.documents import Document

PAGEFIND_OPTIONS: Mapping[str, Any] = {"exclude_selectors": [".headerlink"]}
"""Heading permalinks (`¶`) are not words of the page."""


class IndexingError(Exception):
    """Pagefind could not index the site; the message says what it reported."""


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

    def __init__(self, executable: Path | None = None) -> None:
        self._log: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        try:
            self._process = subprocess.Popen(
                [str(executable or pagefind_executable()), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._log,
            )
        except OSError as error:
            raise IndexingError(f"Pagefind could not be started: {error}") from error
        self._answers: dict[int, dict[str, Any]] = {}
        self._urls: dict[int, str] = {}
        self._stopped = False
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

    def write(self, folder: Path) -> None:
        """Write the index's files into `folder` once every page added is indexed."""
        self._send({"type": "WriteFiles", "index_id": self._index, "output_path": str(folder)})

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

    def _send(self, payload: dict[str, Any]) -> int:
        self._last += 1
        message = {"message_id": self._last, "payload": payload}
        self._outbox.put(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")
        return self._last

    def _wait(self, number: int) -> dict[str, Any]:
        with self._changed:
            self._changed.wait_for(lambda: number in self._answers or self._stopped)
            if number not in self._answers:
                raise IndexingError(f"Pagefind stopped before it finished: {self._said()}")
            return self._answers[number]

    def _said(self) -> str:
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
        pending = b""
        while chunk := stdout.read1(1 << 16):
            pending += chunk
            *messages, pending = pending.split(b",")
            with self._changed:
                for message in messages:
                    self._take(json.loads(base64.b64decode(message)))
                self._changed.notify_all()
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
