"""The one local host for a built site, for the tests and the benchmark, at any network's pace.

``serve(site_dir)`` serves a folder on 127.0.0.1 as a static host does, at full speed
(the ``loopback`` profile): the tests' ``site_url`` is this. ``serve(site_dir, "slow-4g")``
serves it as a phone on a mobile network gets it, with the figures Lighthouse uses for its
mobile runs (:data:`PROFILES`); on 127.0.0.1 bytes are free, so a page that fetches too
much, or too late, looks as fast as one that does not.

* **Served as hosts serve** (:mod:`.handler`, :mod:`.files`, :mod:`.headers_file`).
  Text-like files (HTML, CSS, JavaScript, JSON, SVG, WebAssembly) are gzipped when the
  browser accepts it, as Netlify, Cloudflare and GitHub Pages do; ``.zip`` and ``.whl`` are
  not, unless asked (``gzip_types``). The site's ``_headers`` file is applied, every block
  to the paths it matches, and ``ETag``/``Last-Modified`` answer revalidations with 304,
  so browser caching behaves as in production. A missing file is a 404, as anywhere.
* **One link for all connections** (:mod:`.network`). A phone has one radio: concurrent
  downloads share its bandwidth rather than each getting its own. Bodies go out in small
  chunks, and every chunk books its time slot on the one shared link before it is written.
* **A round trip per request.** Each response waits the profile's latency before its first
  byte. Headers are then sent at once; only bodies are paced.
* **Observable and breakable** (:mod:`.request_log`). Every response is logged with the
  file it sent, its size on the wire and its timing, and tests can stall a download
  mid-body (:meth:`Host.stall`) to see how the pages cope with a broken network.

It listens on 127.0.0.1 only: it serves whatever folder it is given, to nobody else.
"""

from __future__ import annotations

from bench.host.files import DEFAULT_GZIP_TYPES, MIME_TYPES, gzip_size
from bench.host.handler import CHUNK_BYTES
from bench.host.headers_file import HeaderRule, read_header_rules
from bench.host.network import LOOPBACK, PROFILES, NetworkProfile
from bench.host.request_log import LoggedResponse, RequestLog
from bench.host.serving import Host, serve
from bench.host.state import LOOPBACK_HOST

__all__ = [
    "CHUNK_BYTES",
    "DEFAULT_GZIP_TYPES",
    "LOOPBACK",
    "LOOPBACK_HOST",
    "MIME_TYPES",
    "PROFILES",
    "HeaderRule",
    "Host",
    "LoggedResponse",
    "NetworkProfile",
    "RequestLog",
    "gzip_size",
    "read_header_rules",
    "serve",
]
