"""Content-Security-Policy for every page: only this site's own scripts may run.

The policy goes into each page as a ``<meta http-equiv>`` (works on any static host) and,
for hosts that read one, into a ``_headers`` file (Netlify/Cloudflare Pages format), where
``frame-ancestors`` is allowed too. Inline scripts the theme needs are allowed by their
SHA-256 hash, computed from the built HTML, never with ``'unsafe-inline'``.
"""

from __future__ import annotations

import base64
import hashlib
from typing import TYPE_CHECKING

from build_scripts.finish.html_pages import FINISH_MARK, scan_page

if TYPE_CHECKING:
    from collections.abc import Iterable

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
REFERRER_META = f'<meta name="referrer" content="no-referrer" {FINISH_MARK}>'
#: Only valid in a header: browsers ignore it in a meta element and log an error.
HEADER_ONLY_DIRECTIVES: tuple[tuple[str, str], ...] = (("frame-ancestors", "'none'"),)


def inline_script_hashes(html: str) -> list[str]:
    """Return the CSP source expressions (``'sha256-…'``) of the page's inline scripts.

    Only scripts the browser runs: JSON data blocks such as Material's ``__config`` are not
    run, so the policy does not apply to them.
    """
    return script_hashes(scan_page(html).inline_scripts)


def script_hashes(bodies: Iterable[str]) -> list[str]:
    """Return the CSP source expressions (``'sha256-…'``) of these inline scripts' bodies."""
    hashes = set()
    for body in bodies:
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        hashes.add(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return sorted(hashes)


def policy(script_hashes: Iterable[str], *, for_header: bool = False) -> str:
    """Return the policy text, with the given inline-script hashes allowed."""
    extra = " ".join(sorted(set(script_hashes)))
    directives = [*BASE_DIRECTIVES, *(HEADER_ONLY_DIRECTIVES if for_header else ())]
    parts = []
    for name, sources in directives:
        value = f"{sources} {extra}" if name == "script-src" and extra else sources
        parts.append(f"{name} {value}")
    return "; ".join(parts)


def meta_policy(script_hashes: Iterable[str]) -> str:
    """Return a page's policy and referrer policy as ``<meta>`` tags for the top of ``<head>``.

    At the top (right after ``<meta charset>``), so they govern every script, stylesheet
    and request after them. ``script_hashes`` are those of the page's inline scripts.
    """
    content = policy(script_hashes)
    return (
        f'<meta http-equiv="Content-Security-Policy" content="{content}" {FINISH_MARK}>'
        f"{REFERRER_META}"
    )


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
