"""What a page tells search engines and chat apps about itself: link previews and structured data.

A link shared in LinkedIn, Teams, Slack or an e-mail shows a preview built from Open Graph
tags (``og:title``, ``og:description``, ``og:image`` …; X/Twitter reads its own ``twitter:``
names), and search engines read JSON-LD: an ``Article`` for a content page, a
``WebApplication`` for a calculator page, a ``WebSite`` for the front page. Every URL in them
is this site's own (absolute, from ``site_url``); the only other address is JSON-LD's
``@context``, which names the vocabulary and is never fetched.

The JSON-LD block is data (``type="application/ld+json"``): the browser does not run it, so
the Content-Security-Policy, which allows no inline script without its hash, has nothing to
allow (``build_scripts.csp`` leaves data blocks out).

Kept apart from the MkDocs plugin, which only gathers each page's facts and calls it.
"""

from __future__ import annotations

import enum
import html
import json
from dataclasses import dataclass

#: The vocabulary JSON-LD's ``@context`` names; an identifier, never requested.
SCHEMA_ORG = "https://schema.org"
LOCALE = "nb_NO"
LANGUAGE = "nb"


class PageKind(enum.Enum):
    """What a page is, for ``og:type`` and the JSON-LD type."""

    FRONT = "website"
    ARTICLE = "article"
    CALCULATOR = "calculator"


@dataclass(frozen=True, slots=True, kw_only=True)
class PageFacts:
    """Everything a page's preview and structured data say.

    Attributes:
        title: The page's own title (not the browser tab's "title - site").
        description: The page's description (its front matter, or the site's).
        url: The page's canonical, absolute URL.
        site_name: The site's name.
        site_url: The site's absolute root URL, ending in ``/``.
        image_url: The preview image's absolute URL.
        image_alt: What the preview image shows, for readers who cannot see it.
        image_size: The preview image's width and height in pixels.
        kind: Front page, content page or calculator page.
        date_modified: ISO date of the page's last change (git), if known.
    """

    title: str
    description: str
    url: str
    site_name: str
    site_url: str
    image_url: str
    image_alt: str
    image_size: tuple[int, int]
    kind: PageKind
    date_modified: str | None = None


def head_tags(facts: PageFacts) -> str:
    """Return the Open Graph and Twitter tags and the JSON-LD block for a page's ``<head>``."""
    og_type = "website" if facts.kind is PageKind.FRONT else "article"
    width, height = facts.image_size
    properties = [
        ("og:type", og_type),
        ("og:site_name", facts.site_name),
        ("og:locale", LOCALE),
        ("og:title", facts.title),
        ("og:description", facts.description),
        ("og:url", facts.url),
        ("og:image", facts.image_url),
        ("og:image:type", "image/png"),
        ("og:image:width", str(width)),
        ("og:image:height", str(height)),
        ("og:image:alt", facts.image_alt),
    ]
    if facts.date_modified and og_type == "article":
        properties.append(("article:modified_time", facts.date_modified))
    names = [
        ("twitter:card", "summary_large_image"),
        ("twitter:title", facts.title),
        ("twitter:description", facts.description),
        ("twitter:image", facts.image_url),
        ("twitter:image:alt", facts.image_alt),
    ]
    tags = [f'<meta property="{key}" content="{html.escape(value)}">' for key, value in properties]
    tags += [f'<meta name="{key}" content="{html.escape(value)}">' for key, value in names]
    tags.append(f'<script type="application/ld+json">{json_ld(facts)}</script>')
    return "".join(tags)


def structured_data(facts: PageFacts) -> dict[str, object]:
    """Return the page's JSON-LD object (schema.org)."""
    site = {"@type": "WebSite", "name": facts.site_name, "url": facts.site_url}
    common: dict[str, object] = {
        "@context": SCHEMA_ORG,
        "name": facts.title,
        "description": facts.description,
        "url": facts.url,
        "inLanguage": LANGUAGE,
        "image": facts.image_url,
    }
    if facts.kind is PageKind.FRONT:
        return {**common, "@type": "WebSite"}
    data: dict[str, object]
    if facts.kind is PageKind.CALCULATOR:
        data = {
            **common,
            "@type": "WebApplication",
            "applicationCategory": "BusinessApplication",
            # It runs in the reader's browser, whatever the system.
            "operatingSystem": "Alle med en moderne nettleser",
            "browserRequirements": "WebAssembly",
            "isAccessibleForFree": True,
            "offers": {"@type": "Offer", "price": "0", "priceCurrency": "NOK"},
            "isPartOf": site,
        }
    else:
        publisher = {"@type": "Organization", "name": facts.site_name, "url": facts.site_url}
        data = {**common, "@type": "Article", "headline": facts.title, "isPartOf": site}
        data["publisher"] = publisher
    if facts.date_modified:
        data["dateModified"] = facts.date_modified
    return data


def json_ld(facts: PageFacts) -> str:
    """Return the JSON-LD text, safe inside ``<script>`` (no ``</`` can end the block early)."""
    text = json.dumps(structured_data(facts), ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/")
