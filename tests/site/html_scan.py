"""Small HTML scanner for built pages: which URLs a page loads and which it links to."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Tags whose URL attribute makes the browser fetch something when the page loads.
_LOADED = {
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("frame", "src"),
    ("source", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("track", "src"),
    ("input", "src"),
}
# <link rel=…> values that fetch their href.
_LOADED_LINK_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "icon", "manifest"}
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")


class PageScan(HTMLParser):
    """Collects the URLs a page loads and the links in its primary navigation."""

    def __init__(self) -> None:
        """Start with nothing collected."""
        super().__init__(convert_charrefs=True)
        self.loaded: list[str] = []
        self.nav_links: list[str] = []
        self.anchors: list[str] = []
        self._nav_depth = 0
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record loaded URLs and navigation links."""
        attributes = {name: value or "" for name, value in attrs}
        self.loaded.extend(_loaded_urls(tag, attributes))
        if tag == "style":
            self._in_style = True
        if tag == "nav" and "md-nav--primary" in attributes.get("class", ""):
            self._nav_depth = 1
        elif tag == "nav" and self._nav_depth:
            self._nav_depth += 1
        if tag == "a" and "href" in attributes:
            self.anchors.append(attributes["href"])
            if self._nav_depth:
                self.nav_links.append(attributes["href"])

    def handle_endtag(self, tag: str) -> None:
        """Track leaving <nav> and <style>."""
        if tag == "nav" and self._nav_depth:
            self._nav_depth -= 1
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        """Record url() references inside inline styles."""
        if self._in_style:
            self.loaded.extend(_CSS_URL.findall(data))


def _loaded_urls(tag: str, attributes: dict[str, str]) -> list[str]:
    """URLs that one start tag makes the browser fetch."""
    urls = [value for name, value in attributes.items() if (tag, name) in _LOADED]
    srcset = attributes.get("srcset", "")
    urls.extend(part.split()[0] for part in srcset.split(",") if part.strip())
    urls.extend(_CSS_URL.findall(attributes.get("style", "")))
    if tag == "link" and _LOADED_LINK_RELS & set(attributes.get("rel", "").split()):
        urls.append(attributes.get("href", ""))
    return urls


def scan(html: str) -> PageScan:
    """Scan one page."""
    scanner = PageScan()
    scanner.feed(html)
    scanner.close()
    return scanner


def css_urls(css: str) -> list[str]:
    """Return every ``url(…)`` a stylesheet references."""
    return _CSS_URL.findall(css)


def is_offsite(url: str) -> bool:
    """Whether loading ``url`` would leave the site's own origin."""
    lowered = url.strip().lower()
    return lowered.startswith(("http:", "https:", "//", "ftp:", "ws:", "wss:"))
