"""Content-Security-Policy for every page: only this site's own scripts may run.

The policy goes into each page as a ``<meta http-equiv>`` (works on any static host) and,
for hosts that read one, into a ``_headers`` file (Netlify/Cloudflare Pages format), where
``frame-ancestors`` is allowed too. Inline scripts the theme needs are allowed by their
SHA-256 hash, computed from the built HTML, never with ``'unsafe-inline'``.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

# An executable inline script: no src, and no type or a JavaScript type (JSON data blocks
# such as Material's __config are not run, so CSP does not apply to them).
_INLINE_SCRIPT = re.compile(
    r"<script(?P<attrs>(?![^>]*\bsrc=)[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE
)
_SCRIPT_TYPE = re.compile(r"""\btype\s*=\s*["']?(?P<type>[^"'\s>]+)""", re.IGNORECASE)
_JAVASCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript"}
_HEAD_START = re.compile(r"<head[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)

#: Directives every page gets. Styles may be inline: Material and the SVG charts set style
#: attributes, and CSS cannot run code. Scripts may not.
BASE_DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("worker-src", "'self'"),
    ("connect-src", "'self'"),
    ("manifest-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'none'"),
)
#: Requests never carry the page's address, which may hold what a reader typed (share links).
REFERRER_META = '<meta name="referrer" content="no-referrer">'
#: Only valid in a header: browsers ignore it in a meta element and log an error.
HEADER_ONLY_DIRECTIVES: tuple[tuple[str, str], ...] = (("frame-ancestors", "'none'"),)


def inline_script_hashes(html: str) -> list[str]:
    """Return the CSP source expressions (``'sha256-…'``) of the page's inline scripts."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        script_type = _SCRIPT_TYPE.search(match["attrs"])
        if (script_type["type"].lower() if script_type else "") not in _JAVASCRIPT_TYPES:
            continue
        digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return sorted(set(hashes))


def policy(script_hashes: Iterable[str], *, for_header: bool = False) -> str:
    """Return the policy text, with the given inline-script hashes allowed."""
    extra = " ".join(sorted(set(script_hashes)))
    directives = [*BASE_DIRECTIVES, *(HEADER_ONLY_DIRECTIVES if for_header else ())]
    parts = []
    for name, sources in directives:
        value = f"{sources} {extra}" if name == "script-src" and extra else sources
        parts.append(f"{name} {value}")
    return "; ".join(parts)


def with_meta_policy(html: str) -> str:
    """Insert the page's policy and referrer policy right after ``<meta charset>``.

    At the top of ``<head>``, so they govern every script, stylesheet and request after them.

    Raises:
        ValueError: if the page has no ``<head>``.
    """
    head = _CHARSET.search(html) or _HEAD_START.search(html)
    if head is None:
        msg = "page has no <head> to put the Content-Security-Policy in"
        raise ValueError(msg)
    content = policy(inline_script_hashes(html))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">{REFERRER_META}'
    return f"{html[: head.end()]}{meta}{html[head.end() :]}"


def headers_file(script_hashes: Iterable[str]) -> str:
    """Return a ``_headers`` file applying the policy (and friends) to every path."""
    return "\n".join(
        [
            "/*",
            f"  Content-Security-Policy: {policy(script_hashes, for_header=True)}",
            "  X-Content-Type-Options: nosniff",
            "  Referrer-Policy: no-referrer",
            "  Permissions-Policy: camera=(), microphone=(), geolocation=()",
            "",
        ]
    )
