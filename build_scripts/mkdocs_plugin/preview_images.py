"""The pages' link-preview images, drawn at build time and kept between builds.

Each page gets a 1200 × 630 PNG with its title (``.social``), published under
``assets/social/`` with a content hash in its name: a changed title is a new file, so a chat
app that cached the old preview fetches the new one. Drawing takes tens of milliseconds a page,
so the PNGs are kept in the build cache, keyed by what they show and by the drawing code
itself: a rebuild with no change draws nothing.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from build_scripts.mkdocs_plugin import social

#: Published under the site root.
FOLDER = "assets/social/"
#: Changes whenever the drawing code does, so a new design redraws every image.
_DRAWING_CODE = hashlib.sha256(
    b"".join(path.read_bytes() for path in sorted(Path(social.__file__).parent.glob("*.py")))
).hexdigest()


class PreviewImages:
    """Draws (or finds in the cache) each page's preview and writes it into the site."""

    def __init__(self, cache_dir: Path) -> None:
        """Keep drawn images in ``cache_dir`` (created when needed)."""
        self._cache_dir = cache_dir

    def publish(
        self, *, site_dir: Path, page_url: str, title: str, section: str | None, site_name: str
    ) -> str:
        """Write the page's preview into ``site_dir``; return its path below the site root."""
        key = json.dumps([_DRAWING_CODE, title, section, site_name], ensure_ascii=False)
        cached = self._cache_dir / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.png"
        if cached.is_file():
            png = cached.read_bytes()
        else:
            png = social.render_preview(title=title, section=section, site_name=site_name)
            self._cache_dir.mkdir(parents=True, exist_ok=True)
            cached.write_bytes(png)
        relative = FOLDER + social.preview_file_name(page_url, png)
        target = site_dir / relative
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(png)
        return relative
