"""A local static host for the benchmark: the built site, the baseline page, and a byte count.

Like a host that reads Netlify/Cloudflare ``_headers`` files, it sends each block's headers
to the paths the block matches (``/*``, ``/assets/pyodide/<hash>/*``), so the caching rules
written there are what the browser gets. Bodies go out uncompressed; every response is logged
with its size, so the benchmark can total raw bytes and what gzip would send.

To measure one lever at a time, a server can also serve the site *without* some of them
(:class:`Levers`): other runtime files in place of the shipped ones, no early start in the
pages' ``<head>``, no service worker. Each variant gets its own server, hence its own origin
and its own browser caches.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from build_scripts.finish.html_pages import FINISH_MARK

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

#: Where the baseline page (bare Pyodide from the npm files) is served.
BASELINE_PREFIX = "/__baseline/"
SERVICE_WORKER = "/service-worker.js"

_MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".zip": "application/zip",
    ".whl": "application/zip",
}
# What a page's <head> holds to start Python early (build_scripts/finish/page_hints.py).
_EARLY_START = re.compile(
    rf'<meta name="calculators-start"[^>]*>|<script type="module" async src="[^"]*" {FINISH_MARK}>'
    rf"</script>|<script {FINISH_MARK}>.*?</script>",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class HeaderRule:
    """One block of a ``_headers`` file: a path pattern and the headers it adds."""

    pattern: re.Pattern[str]
    headers: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Levers:
    """Which of the site's speed levers a server leaves in place.

    Attributes:
        early_start: Keep the ``<head>`` tags that start Python before the page is parsed.
        service_worker: Serve ``service-worker.js`` (else 404: never registered).
        replaced_files: URL path → file served instead (e.g. the source stdlib).

    """

    early_start: bool = True
    service_worker: bool = True
    replaced_files: Mapping[str, Path] = field(default_factory=dict)


def read_header_rules(path: Path) -> tuple[HeaderRule, ...]:
    """Read every block of a Netlify/Cloudflare ``_headers`` file, in file order."""
    if not path.exists():
        return ()
    rules: list[HeaderRule] = []
    pattern: str | None = None
    headers: list[tuple[str, str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line and not line[0].isspace():
            if pattern is not None:
                rules.append(_rule(pattern, headers))
            pattern, headers = line.strip(), []
        elif pattern is not None and ":" in line:
            name, value = line.strip().split(":", 1)
            headers.append((name.strip(), value.strip()))
    if pattern is not None:
        rules.append(_rule(pattern, headers))
    return tuple(rules)


def _rule(pattern: str, headers: list[tuple[str, str]]) -> HeaderRule:
    regex = ".*".join(re.escape(part) for part in pattern.split("*"))
    return HeaderRule(re.compile(regex + r"\Z"), tuple(headers))


@dataclass
class RequestLog:
    """Every response body the server sent: path and size, in order."""

    entries: list[tuple[str, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, path: str, size: int) -> None:
        """Record one response."""
        with self.lock:
            self.entries.append((path, size))

    def mark(self) -> int:
        """Return a position to count from."""
        with self.lock:
            return len(self.entries)

    def since(self, mark: int) -> list[tuple[str, int]]:
        """Return the responses sent after ``mark``."""
        with self.lock:
            return list(self.entries[mark:])


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 - mirrors the standard library's class attribute
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        **_MIME_TYPES,
    }
    rules: tuple[HeaderRule, ...] = ()
    baseline_dir: Path = Path()
    levers: Levers = Levers()
    log: RequestLog = RequestLog()

    def _url_path(self) -> str:
        return unquote(urlsplit(self.path).path)

    def translate_path(self, path: str) -> str:
        url_path = unquote(urlsplit(path).path)
        if url_path in self.levers.replaced_files:
            return str(self.levers.replaced_files[url_path])
        if url_path.startswith(BASELINE_PREFIX):
            relative = url_path.removeprefix(BASELINE_PREFIX)
            return str(self.baseline_dir / relative) if ".." not in relative else ""
        return super().translate_path(path)

    def do_GET(self) -> None:
        url_path = self._url_path()
        if url_path == SERVICE_WORKER and not self.levers.service_worker:
            self.send_error(404)
            return
        if not self.levers.early_start and url_path.endswith(("/", ".html")):
            self._send_without_early_start()
            return
        super().do_GET()

    def _send_without_early_start(self) -> None:
        path = Path(self.translate_path(self.path))
        path = path / "index.html" if path.is_dir() else path
        if not path.is_file():
            self.send_error(404)
            return
        body = _EARLY_START.sub("", path.read_text(encoding="utf-8")).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.log.add(self._url_path(), len(body))

    def end_headers(self) -> None:
        url_path = self._url_path()
        for rule in self.rules:
            if rule.pattern.match(url_path):
                for name, value in rule.headers:
                    self.send_header(name, value)
        super().end_headers()

    def copyfile(self, source: object, outputfile: object) -> None:
        # Count the body actually sent (304s and HEADs send none).
        counted = _CountingWriter(outputfile)
        super().copyfile(source, counted)  # type: ignore[arg-type]
        self.log.add(self._url_path(), counted.count)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        """Keep the benchmark's output readable."""


class _CountingWriter:
    def __init__(self, target: object) -> None:
        self._target = target
        self.count = 0

    def write(self, data: bytes) -> int:
        self.count += len(data)
        result: int = self._target.write(data)  # type: ignore[attr-defined]
        return result


@dataclass
class Host:
    """A running server: its base URL, its request log and what it serves."""

    url: str
    log: RequestLog
    site_dir: Path
    baseline_dir: Path
    levers: Levers

    def file_for(self, url_path: str) -> Path:
        """Map a logged URL path to the file that was sent."""
        if url_path in self.levers.replaced_files:
            return self.levers.replaced_files[url_path]
        if url_path.startswith(BASELINE_PREFIX):
            target = self.baseline_dir / url_path.removeprefix(BASELINE_PREFIX)
        else:
            target = self.site_dir / url_path.lstrip("/")
        return target / "index.html" if target.is_dir() else target


@functools.cache
def gzip_size(path: Path) -> int:
    """Return the size of ``path`` compressed as a host would (gzip level 6)."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


@contextlib.contextmanager
def serve(
    site_dir: Path, baseline_dir: Path, port: int = 0, levers: Levers | None = None
) -> Iterator[Host]:
    """Serve the site (and the baseline under ``/__baseline/``) until the block ends."""
    log = RequestLog()
    chosen = levers or Levers()
    handler_class = type(
        "BenchHandler",
        (_Handler,),
        {
            "rules": read_header_rules(site_dir / "_headers"),
            "baseline_dir": baseline_dir,
            "levers": chosen,
            "log": log,
        },
    )
    handler = functools.partial(handler_class, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Host(
            url=f"http://127.0.0.1:{server.server_address[1]}/",
            log=log,
            site_dir=site_dir,
            baseline_dir=baseline_dir,
            levers=chosen,
        )
    finally:
        server.shutdown()
        server.server_close()
