"""Repairs to the theme's markup, made on the built pages, for any engine's templates.

The W3C's Nu checker rejects a few things Material for MkDocs writes on every page (and
Zensical, its successor, writes the same), and axe misses a name:

- ``autocomplete`` on a checkbox or a radio button (Material sets it on the drawer's and
  the search's toggles, to stop Firefox restoring them): not allowed there, removed;
- ``tabindex=""`` on a section's label in the navigation: not an integer, removed;
- a ``<label for>`` naming no element of the page (the table of contents' title on a
  section's index page, where the toggle it names is not written): ``for`` removed;
- the search's ``role="dialog"`` without a name (axe: aria-dialog-name): named.

Copying the templates and changing them would do the same under MkDocs only, and break the
other engine's pages, whose templates differ. Each repair is a start tag rewritten from
its attributes; the rest of the page keeps every byte.
"""

from __future__ import annotations

import html

#: The search dialog's name: the site is Norwegian, as the theme's "Søk" button says.
SEARCH_DIALOG_NAME = "Søk"
_NOT_AUTOCOMPLETED = {"checkbox", "radio"}


def repaired(tag: str, attributes: dict[str, str], page_ids: set[str]) -> dict[str, str] | None:
    """Return the start tag's attributes repaired, or ``None`` when nothing needs it."""
    fixed = dict(attributes)
    if tag == "input" and fixed.get("type") in _NOT_AUTOCOMPLETED:
        fixed.pop("autocomplete", None)
    if fixed.get("tabindex") == "":
        del fixed["tabindex"]
    if tag == "label" and "for" in fixed and fixed["for"] not in page_ids:
        del fixed["for"]
    named = "aria-label" in fixed or "aria-labelledby" in fixed
    if fixed.get("role") == "dialog" and fixed.get("data-md-component") == "search" and not named:
        fixed["aria-label"] = SEARCH_DIALOG_NAME
    return None if fixed == attributes else fixed


def start_tag(tag: str, attributes: dict[str, str], *, self_closing: bool = False) -> str:
    """Write a start tag from its attributes, each value quoted and escaped."""
    parts = [f'{name}="{html.escape(value)}"' for name, value in attributes.items()]
    inside = " ".join([tag, *parts])
    return f"<{inside}{' /' if self_closing else ''}>"
