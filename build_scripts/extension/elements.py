"""Building HTML as an element tree for Python-Markdown, text kept as it is."""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element, SubElement

from markdown.util import AtomicString

if TYPE_CHECKING:
    from collections.abc import Mapping


def add(
    parent: Element,
    tag: str,
    attributes: Mapping[str, str] | None = None,
    text: str | None = None,
) -> Element:
    """Append a child; text is atomic so no inline Markdown or abbreviation touches it."""
    element = SubElement(parent, tag, dict(attributes or {}))
    if text is not None:
        element.text = AtomicString(text)
    return element
