"""A page's HTML as a tree, read with the standard library's parser as a browser would.

For tests that look at a built page's structure (what comes first in the article, which
list a heading is followed by) rather than at its text or the URLs it loads
(``html_scan``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

#: Elements without an end tag.
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


@dataclass
class Node:
    """One element of a parsed page: tag, attributes, children and text, in order."""

    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    def elements(self) -> Iterator[Node]:
        """This element and every element below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.elements()

    def find_all(self, tag: str, **attrs: str) -> list[Node]:
        """Descendants (and self) with this tag whose attributes contain these values.

        ``class_`` matches one class among several.
        """
        found = []
        for node in self.elements():
            if node.tag != tag:
                continue
            wanted = dict(attrs)
            css_class = wanted.pop("class_", None)
            if css_class is not None and css_class not in node.classes:
                continue
            if all(node.attrs.get(name.replace("_", "-")) == v for name, v in wanted.items()):
                found.append(node)
        return found

    @property
    def classes(self) -> set[str]:
        """The element's classes."""
        return set(self.attrs.get("class", "").split())

    @property
    def text(self) -> str:
        """All text below the element, whitespace (NBSP too) collapsed to single spaces."""
        parts: list[str] = []

        def collect(node: Node) -> None:
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                else:
                    collect(child)

        collect(self)
        return normalise("".join(parts))

    @property
    def heading_text(self) -> str:
        """A heading's text without Material's permalink (¶)."""
        return normalise(
            "".join(
                child if isinstance(child, str) else child.text
                for child in self.children
                if isinstance(child, str) or "headerlink" not in child.classes
            )
        )

    def element_children(self) -> list[Node]:
        """Child elements, without the text between them."""
        return [child for child in self.children if isinstance(child, Node)]


class _TreeBuilder(HTMLParser):
    """Builds a :class:`Node` tree; unmatched end tags are ignored, as a browser would."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self._stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs}, parent=self._stack[-1])
        self._stack[-1].children.append(node)
        if tag not in _VOID:
            self._stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs}, parent=self._stack[-1])
        self._stack[-1].children.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._stack) - 1, 0, -1):
            if self._stack[depth].tag == tag:
                del self._stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self._stack[-1].children.append(data)


def normalise(text: str) -> str:
    """Collapse every kind of whitespace (NBSP and narrow NBSP included) to one space."""
    return " ".join(text.split())


def parse(html: str) -> Node:
    """Parse a whole page."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def page_tree(site: Path, page: str) -> Node:
    """The parsed page at ``page`` (a site path like ``relasjoner/tillit/``)."""
    return parse((site / page / "index.html").read_text(encoding="utf-8"))


def article(tree: Node) -> Node:
    """The page's main content: Material's ``<article>``."""
    articles = tree.find_all("article")
    assert articles, "page has no <article>"
    return articles[0]


def built_pages(site: Path) -> list[str]:
    """Site paths of every built page, like ``relasjoner/tillit/``."""
    pages = []
    for index in sorted(site.rglob("index.html")):
        relative = index.parent.relative_to(site).as_posix()
        pages.append("" if relative == "." else relative + "/")
    return pages


def list_items(node: Node) -> list[Node]:
    """The top-level items of a ``<ul>`` or ``<ol>``."""
    return [child for child in node.element_children() if child.tag == "li"]


def h2s(content: Node) -> list[Node]:
    """The page's h2 headings in order."""
    return content.find_all("h2")
