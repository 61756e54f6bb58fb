"""What the search page costs a reader: bytes of the first query, and seconds to results.

Used by benchmarks/run.py with `--search-page`. The built site is served over HTTP from a
thread, gzip-compressing text files (HTML, JavaScript, CSS, JSON, SVG) for a browser that
asks, as a static host does; Pagefind's own files (`.pf_*` and its WebAssembly) are already
gzip-compressed and are sent as they are. The server writes down every response it sends,
with the bytes of its status line and headers and of its body, so what a page fetched is
counted as the network carried it.

Debian's Chromium, driven by Playwright, then:

1. **Bytes of the first query**: opens `/search/?q=<query>` in a fresh browser context
   (empty cache), waits for the count of results, and adds up everything fetched from
   `pagefind/`: Pagefind's script, its WebAssembly, the entry and metadata, the
   filter files, the index chunks and the fragments of the results drawn. Unthrottled.
2. **Seconds to results**, with Lighthouse's slow-4G throttling (the DevTools values of its
   mobile profile: 562.5 ms of latency, 1,474.56 kbps down, 675 kbps up) and a 4x CPU
   slowdown: opens `/search/` in a fresh context, types a query into the box and presses
   Enter, and measures, in the page, from the Enter key to the status line showing the
   count (set once the first results are drawn): "cold". Then, on the same page, the next
   query: "warm". Pagefind works on the page's own thread, as meshkit sets it up (so the
   4x slowdown applies to it too). This is done with the query put in the box at once as
   soon as the page has loaded (pasted: the worst case, Pagefind only just starting) and
   typed a key every `TYPING_MS`, as a teacher types it, from the moment the page has
   loaded (the page fetches the index while the words are typed).
"""

from __future__ import annotations

import contextlib
import gzip
import os
import statistics
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from vocabulary import PRACTICES

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SLOW_4G = {
    "offline": False,
    "latency": 562.5,  # Lighthouse: 150 ms RTT x 3.75
    "downloadThroughput": int(1474.56 * 1024 / 8),  # 1,474.56 kbps = 1.6 Mbps x 0.9
    "uploadThroughput": int(675 * 1024 / 8),  # 675 kbps = 750 kbps x 0.9
}
"""Lighthouse's mobile slow-4G profile as DevTools throttling applies it (bytes/s, ms)."""
CPU_SLOWDOWN = 4
PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True}
"""Lighthouse's emulated phone screen."""
GZIP_TYPES = (".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".txt")
GZIP_LEVEL = 6
QUERIES = 10
TYPING_MS = 250
"""A key every quarter of a second from the moment the page has loaded: faster than most
people type on a phone (36 words a minute on average, a key every 330 ms or so, in Palin
et al., 2019, "How do people type on mobile devices?", MobileHCI), so no kinder to the
page than a real teacher."""
MODES = (("pasted", 0), ("typed", TYPING_MS))
"""How the seconds to results are measured: name, ms a key (0: the query put in the box
at once)."""
TIMEOUT_MS = 120_000
QUIET_SECONDS = 0.5
"""No response for this long after the count is shown: the query's fetching is over."""

PARTS = ("script", "wasm", "meta", "filters", "index", "fragments", "other")
"""How the first query's bytes are split, by what Pagefind fetched."""

TIMING_SCRIPT = """
(() => {
  window.__mkSearch = {};
  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target.id === "mk-search-query") {
      window.__mkSearch = { enter: performance.now() };
    }
    if (event.key === "Enter" && event.target.id === "mk-home-query") {
      sessionStorage.setItem("mkHomeEnter", String(Date.now()));
    }
  }, true);
  document.addEventListener("DOMContentLoaded", () => {
    const status = document.querySelector(".mk-search__status");
    if (!status) return;
    new MutationObserver(() => {
      const seen = window.__mkSearch;
      if (status.textContent.trim() && seen.results === undefined) {
        seen.results = performance.now();
        seen.text = status.textContent;
        seen.fromHome = Date.now() - Number(sessionStorage.getItem("mkHomeEnter") || NaN);
      }
    }).observe(status, { childList: true, characterData: true, subtree: true });
  });
})();
"""
"""Times, in the page, from Enter in the search box to the status line's count; and from
Enter in the home page's box to the count on the search page it opens (`fromHome`, by the
clock, as the two are different pages)."""


def queries(count: int = QUERIES) -> list[str]:
    """`count` real two-word queries from the generator's words: the topics of the guides
    (`retrieval practice`, `classroom routines`...), taken from each subject in turn."""
    pairs = [
        [p for p in practices if len(p.split()) == 2 and "-" not in p]
        for practices in PRACTICES.values()
    ]
    found: list[str] = []
    for rank in range(max(map(len, pairs))):
        found += [words[rank] for words in pairs if rank < len(words)]
    return found[:count]


# --- the server -------------------------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    """One response the server sent: its path, and the bytes of its head and its body."""

    path: str
    status: int
    head: int
    body: int


class Log:
    """Every response sent, in order (responses are written from several threads)."""

    def __init__(self) -> None:
        self._sent: list[Sent] = []
        self._lock = threading.Lock()
        self.last = time.monotonic()

    def add(self, sent: Sent) -> None:
        with self._lock:
            self._sent.append(sent)
            self.last = time.monotonic()

    def mark(self) -> int:
        """Where the log is now, to read what is sent after it."""
        with self._lock:
            return len(self._sent)

    def since(self, mark: int) -> list[Sent]:
        with self._lock:
            return self._sent[mark:]

    def wait_quiet(self, seconds: float = QUIET_SECONDS, limit: float = 30) -> None:
        """Wait until nothing has been sent for `seconds`."""
        deadline = time.monotonic() + limit
        while time.monotonic() - self.last < seconds and time.monotonic() < deadline:
            time.sleep(0.05)


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves files as a static host does (text gzip-compressed when asked), logging each."""

    protocol_version = "HTTP/1.1"
    log: Log
    compressed: dict[tuple[Path, int, int], bytes]
    """Each text file gzipped once (by path, modification time and size)."""

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                self._send(301, b"", "text/plain", {"Location": self.path + "/"})
                return
            path = path / "index.html"
        if not path.is_file():
            self._send(404, b"Not found", "text/plain")
            return
        data = path.read_bytes()
        extra = {}
        if path.suffix in GZIP_TYPES and "gzip" in self.headers.get("Accept-Encoding", ""):
            stat = path.stat()
            key = (path, stat.st_mtime_ns, stat.st_size)
            if key not in self.compressed:
                self.compressed[key] = gzip.compress(data, GZIP_LEVEL, mtime=0)
            data = self.compressed[key]
            extra["Content-Encoding"] = "gzip"
        self._send(200, data, self.guess_type(path), extra)

    def do_HEAD(self) -> None:
        self._send(405, b"", "text/plain")

    def _send(
        self, status: int, body: bytes, kind: str, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # as GitHub Pages sends
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        head = sum(map(len, getattr(self, "_headers_buffer", []))) + 2  # + the blank line
        self.end_headers()
        self.wfile.write(body)
        path = urllib.parse.urlsplit(self.path).path
        self.log.add(Sent(path, status, head, len(body)))


class Server(ThreadingHTTPServer):
    """A threading HTTP server that says nothing when the browser drops a connection (it
    does, for a fetch still under way when a page is left)."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serving(site: Path) -> Iterator[tuple[str, Log]]:
    """Serve the built site in `site` from a thread: its base URL (ending in /) and log."""
    log = Log()
    handler = type("Handler", (GzipHandler,), {"log": log, "compressed": {}})
    server = Server(("127.0.0.1", 0), partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", log
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --- what Pagefind fetched --------------------------------------------------------------


def part_of(path: str) -> str | None:
    """Which part of Pagefind's files `path` is (None: not one of Pagefind's)."""
    if "/pagefind/" not in path:
        return None
    name = path.rsplit("/pagefind/", 1)[1]
    if name.endswith(".js"):
        return "script"
    if name.startswith("wasm."):
        return "wasm"
    if name.endswith((".pf_meta", "pagefind-entry.json")):
        return "meta"
    if name.startswith("filter/"):
        return "filters"
    if name.startswith("index/"):
        return "index"
    if name.startswith("fragment/"):
        return "fragments"
    return "other"


def weigh(sent: Sequence[Sent]) -> dict[str, Any]:
    """The bytes Pagefind's files took: in all (status lines and headers included, as
    sent), their bodies alone, and the bodies by part; with the number of requests."""
    mine = [(part, s) for s in sent if (part := part_of(s.path))]
    parts = dict.fromkeys(PARTS, 0)
    counts = dict.fromkeys(PARTS, 0)
    for part, s in mine:
        parts[part] += s.body
        counts[part] += 1
    return {
        "bytes": sum(s.head + s.body for _, s in mine),
        "body_bytes": sum(s.body for _, s in mine),
        "requests": len(mine),
        "parts_bytes": parts,
        "parts_requests": counts,
        "not_ok": sorted({s.path for _, s in mine if s.status != 200}),
    }


def index_size(folder: Path) -> dict[str, Any]:
    """The index on disk, `site/pagefind/`: bytes and files, in all and by part."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    parts = dict.fromkeys(PARTS, 0)
    counts = dict.fromkeys(PARTS, 0)
    for path in files:
        part = part_of("/pagefind/" + path.relative_to(folder).as_posix()) or "other"
        parts[part] += path.stat().st_size
        counts[part] += 1
    return {
        "bytes": sum(parts.values()),
        "files": len(files),
        "parts_bytes": parts,
        "parts_files": counts,
    }


# --- the browser ------------------------------------------------------------------------


def measure_search_page(
    site: Path, count: int = QUERIES, executable: str = CHROMIUM
) -> dict[str, Any]:
    """Bytes of the first query and seconds to results on the built site in `site`."""
    from playwright.sync_api import sync_playwright

    words = queries(count)
    if len(words) < 2:
        raise ValueError("the search page is measured with at least two queries")
    with serving(site) as (url, log), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            first = [first_query(browser, url, log, word) for word in words]
            home = [time_from_home(browser, url, word) for word in words]
            timed = {
                mode: [
                    time_to_results(browser, url, word, words[(i + 1) % len(words)], typing_ms)
                    for i, word in enumerate(words)
                ]
                for mode, typing_ms in MODES
            }
        finally:
            browser.close()
    return summary(words, first, timed, home)


def first_query(browser: Any, url: str, log: Log, word: str) -> dict[str, Any]:
    """Open `/search/?q=word` in a fresh context; what Pagefind's files took, and the time
    from the start of the page's load to the count (over loopback, unthrottled)."""
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.add_init_script(TIMING_SCRIPT)
        mark = log.mark()
        page.goto(f"{url}search/?q={urllib.parse.quote_plus(word)}")
        page.wait_for_function("window.__mkSearch.results !== undefined", timeout=TIMEOUT_MS)
        log.wait_quiet()
        found = page.evaluate("window.__mkSearch")
        figures = weigh(log.since(mark))
        figures |= {
            "query": word,
            "status": found["text"].strip(),
            "loopback_ms": round(found["results"]),
        }
        return figures
    finally:
        context.close()


def time_to_results(
    browser: Any, url: str, word: str, then: str, typing_ms: float = 0
) -> dict[str, Any]:
    """Throttled (slow 4G, CPU x4): from Enter to the count for `word` on a freshly opened
    `/search/` (cold), then for `then` on the same page (warm). The query is put in the box
    at once, or with `typing_ms`, typed a key every `typing_ms` milliseconds."""
    page, context = throttled_page(browser)
    try:
        page.goto(f"{url}search/", wait_until="load", timeout=TIMEOUT_MS)
        times = {}
        for name, text in (("cold_ms", word), ("warm_ms", then)):
            if typing_ms:
                page.fill("#mk-search-query", "")
                page.locator("#mk-search-query").press_sequentially(text, delay=typing_ms)
            else:
                page.fill("#mk-search-query", text)
            page.press("#mk-search-query", "Enter")
            page.wait_for_function("window.__mkSearch.results !== undefined", timeout=TIMEOUT_MS)
            found = page.evaluate("window.__mkSearch")
            times[name] = round(found["results"] - found["enter"])
        return {"query": word, "then": then, **times}
    finally:
        context.close()


def throttled_page(browser: Any) -> tuple[Any, Any]:
    """A fresh context's page, throttled as a phone on slow 4G; and its context, to close."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.add_init_script(TIMING_SCRIPT)
    return page, context


def time_from_home(browser: Any, url: str, word: str) -> dict[str, Any]:
    """Throttled: `word` typed into the home page's box a key every `TYPING_MS` from the
    moment the home page has loaded, then Enter; milliseconds to the count on the search
    page it opens (in the same tab, throttled the same way)."""
    page, context = throttled_page(browser)
    try:
        page.goto(url, wait_until="load", timeout=TIMEOUT_MS)
        page.locator("#mk-home-query").press_sequentially(word, delay=TYPING_MS)
        page.press("#mk-home-query", "Enter")
        page.wait_for_function(
            "window.__mkSearch && window.__mkSearch.results !== undefined", timeout=TIMEOUT_MS
        )
        return {"query": word, "home_ms": round(page.evaluate("window.__mkSearch.fromHome"))}
    finally:
        context.close()


def median(values: Sequence[float]) -> float:
    """The median, to a tenth."""
    return round(statistics.median(values), 1)


def summary(
    words: Sequence[str],
    first: Sequence[dict[str, Any]],
    timed: dict[str, list[dict[str, Any]]],
    home: list[dict[str, Any]],
) -> dict[str, Any]:
    """The medians (and largest) over the queries, with every query's figures kept."""
    sizes = [f["bytes"] for f in first]
    result: dict[str, Any] = {
        "queries": list(words),
        "first_query_bytes_median": median(sizes),
        "first_query_bytes_max": max(sizes),
        "first_query_body_bytes_median": median([f["body_bytes"] for f in first]),
        "first_query_requests_median": median([f["requests"] for f in first]),
        "first_query_parts_bytes_median": {
            part: median([f["parts_bytes"][part] for f in first]) for part in PARTS
        },
        "loopback_ms_median": median([f["loopback_ms"] for f in first]),
        "throttling": {
            "network": SLOW_4G,
            "cpu_slowdown": CPU_SLOWDOWN,
            "screen": PHONE,
            "gzip_level": GZIP_LEVEL,
        },
        "first_queries": list(first),
    }
    for mode, runs in timed.items():
        result[f"{mode}_cold_ms_median"] = median([r["cold_ms"] for r in runs])
        result[f"{mode}_warm_ms_median"] = median([r["warm_ms"] for r in runs])
        result[f"{mode}_runs"] = runs
    result["home_ms_median"] = median([r["home_ms"] for r in home])
    result["home_runs"] = home
    return result


def chromium_available(executable: str = CHROMIUM) -> bool:
    """Whether the Chromium the search page is measured with is installed."""
    return os.access(executable, os.X_OK)
