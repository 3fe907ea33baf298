"""How long a browser may keep each file: the caching rules of ``_headers``.

A file whose name changes whenever a byte of it changes (the runtime's folder, named by its
hash; Material's bundle, search worker and stylesheets; the link previews' images) may be
kept for a year without asking again: a new build links to a new name. The site's own
scripts, styles, search index, sitemap and service worker keep their names from build to
build, so the browser must ask whether they changed (``no-cache``: it keeps them, but checks
first). Pages get the host's default, which on the hosts that read ``_headers`` (Netlify,
Cloudflare Pages) is to check every time.

No path may match two rules that set the same header: those hosts join the two values
into one header, and "no-cache, public, max-age=…" means neither.
"""

from __future__ import annotations

#: For files whose names carry their content's hash.
IMMUTABLE = "public, max-age=31536000, immutable"
#: For files kept under the same name from build to build.
REVALIDATE = "no-cache"

#: Material for MkDocs' files named by their content (bundle.<hash>.min.js and so on), and
#: the link previews' images (build_scripts/mkdocs_plugin/preview_images.py).
HASHED_PATTERNS = (
    "/assets/javascripts/bundle.*.min.js",
    "/assets/javascripts/workers/search.*.min.js",
    "/assets/stylesheets/*.min.css",
    "/assets/social/*",
)
#: The site's own files that keep their names.
RENAMELESS_PATTERNS = (
    "/javascripts/*",
    "/stylesheets/*",
    "/search/*",
    "/sitemap.xml",
    "/service-worker.js",
)


def caching_rules(runtime_folder: str) -> str:
    """Return the ``_headers`` blocks that set ``Cache-Control``.

    Args:
        runtime_folder: The runtime's folder below the site root (``assets/pyodide/<hash>/``).

    """
    immutable = (f"/{runtime_folder}*", *HASHED_PATTERNS)
    blocks = [f"{pattern}\n  Cache-Control: {IMMUTABLE}\n" for pattern in immutable]
    blocks += [f"{pattern}\n  Cache-Control: {REVALIDATE}\n" for pattern in RENAMELESS_PATTERNS]
    return "".join(blocks)
