"""Link-preview images (Open Graph ``og:image``) drawn with Pillow at build time.

Each page gets a 1200×630 PNG with its section, title and the site name in the site's indigo,
made offline and byte-for-byte reproducible so a content hash can name the file.
"""

from __future__ import annotations

import bisect
import hashlib
import io
import re
import unicodedata
from functools import cache
from importlib.resources import files

from PIL import Image, ImageDraw, ImageFont

PREVIEW_SIZE = (1200, 630)

# Pillow's built-in scalable font (Aileron) lacks æ ø å and the en dash, and system fonts vary
# between machines; Lato ships inside mkdocs, which is already pinned, and covers them all.
# WOFF, not WOFF2: FreeType reads it with zlib alone, WOFF2 also needs brotli.
_FONT_DIR = ("themes", "readthedocs", "css", "fonts")
_BOLD, _REGULAR = "lato-bold.woff", "lato-normal.woff"

_MARGIN = 80
_TITLE_SIZES = range(80, 47, -4)  # Largest first; 48 px is still legible at 500 px wide.
_TITLE_MAX_LINES = 3
_LINE_HEIGHT = 1.18
_SECTION_SIZE, _SITE_SIZE = 36, 34
_ELLIPSIS = "…"

# Material's indigo (#3f51b5) with white text, and its slate scheme for the dark variant.
_LIGHT = {"bg": "#3f51b5", "title": "#ffffff", "muted": "#c5cae9", "bar": "#7986cb"}
_DARK = {"bg": "#1e2029", "title": "#ffffff", "muted": "#9fa8da", "bar": "#3f51b5"}


@cache
def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    data = files("mkdocs").joinpath(*_FONT_DIR, name).read_bytes()
    # BASIC layout, not Raqm: the same glyph positions whether or not libraqm is present.
    return ImageFont.truetype(io.BytesIO(data), size, layout_engine=ImageFont.Layout.BASIC)


def _width(text: str, font: ImageFont.FreeTypeFont) -> float:
    # The ink's right edge, not the advance: an overhanging glyph must stay inside too.
    return max(font.getlength(text), font.getbbox(text)[2]) if text else 0.0


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Break ``text`` on spaces into lines no wider than ``width``, splitting overlong words."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if _width(candidate, font) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while _width(line, font) > width:  # A single word wider than the image.
            # Prefix widths grow with length, so a binary search finds the longest that fits.
            fits = bisect.bisect_right(
                range(1, len(line)), float(width), key=lambda i: _width(line[:i], font)
            )
            cut = max(fits, 1)
            lines.append(line[:cut])
            line = line[cut:]
    if line:
        lines.append(line)
    return lines


def _first_line(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    return next(iter(_wrap(text, font, width)), "")


def _fit_title(title: str, width: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """Return the largest title font whose wrapped lines fit, else the smallest, truncated."""
    for size in _TITLE_SIZES:
        font = _font(_BOLD, size)
        lines = _wrap(title, font, width)
        # Shrinking comes before splitting a word: only the smallest size may split one.
        if len(lines) <= _TITLE_MAX_LINES and " ".join(lines) == title:
            return font, lines
    if len(lines) <= _TITLE_MAX_LINES:
        return font, lines
    lines = lines[:_TITLE_MAX_LINES]
    last = lines[-1]
    while last and _width(last.rstrip(" ,.:;–-") + _ELLIPSIS, font) > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    lines[-1] = last.rstrip(" ,.:;–-") + _ELLIPSIS
    return font, lines


def render_preview(*, title: str, section: str | None, site_name: str, dark: bool = False) -> bytes:
    """Draw a page's link preview.

    Args:
        title: The page title, drawn large on up to three lines; shrunk, then cut with "…".
        section: The page's top-level section, drawn small above the title, or None.
        site_name: Drawn at the bottom.
        dark: Use the dark (slate) colours instead of indigo.

    Returns:
        The PNG's bytes, identical for identical arguments (no timestamps or metadata).
    """
    colours = _DARK if dark else _LIGHT
    width, height = PREVIEW_SIZE
    text_width = width - 2 * _MARGIN
    image = Image.new("RGB", PREVIEW_SIZE, colours["bg"])
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height - 16, width, height), fill=colours["bar"])

    top = _MARGIN
    if section:
        font = _font(_BOLD, _SECTION_SIZE)
        draw.text((_MARGIN, top), _first_line(section, font, text_width), colours["muted"], font)
        top += round(_SECTION_SIZE * 1.8)

    site_font = _font(_REGULAR, _SITE_SIZE)
    site_top = height - _MARGIN - _SITE_SIZE
    draw.text(
        (_MARGIN, site_top),
        _first_line(site_name, site_font, text_width),
        colours["muted"],
        site_font,
    )

    # The title sits centred in the space between the section and the site name.
    font, lines = _fit_title(" ".join(title.split()), text_width)
    step = round(font.size * _LINE_HEIGHT)
    block = step * (len(lines) - 1) + font.size
    y = top + max(0, (site_top - _SITE_SIZE - top - block) // 2)
    for line in lines:
        draw.text((_MARGIN, y), line, colours["title"], font)
        y += step

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


_TRANSLITERATION = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})


def preview_file_name(page_url: str, png: bytes) -> str:
    """Name a preview after its page and content, e.g. ``relasjoner-tillit-0123456789.png``.

    Args:
        page_url: The page's site-relative URL ("relasjoner/tillit/"); "" is the front page.
        png: The image, whose SHA-256 prefix makes the name change whenever the image does.

    Returns:
        A file name of lowercase ASCII letters, digits and hyphens, ending in ``.png``.
    """
    slug = re.sub(r"(^|/)index\.html$|\.html$", "", page_url).lower().translate(_TRANSLITERATION)
    slug = unicodedata.normalize("NFKD", slug).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", slug).strip("-") or "forside"
    return f"{slug}-{hashlib.sha256(png).hexdigest()[:10]}.png"
