"""The site's copies of Material's templates: Material's own text with a few edits.

``overrides/`` (``theme.custom_dir`` in ``mkdocs.yml``) holds a copy of each template whose
HTML the W3C checker or an accessibility check rejects, changed only where listed here.
tests/site/test_theme_overrides.py compares each copy with Material's installed template and
these edits, so a Material upgrade that changes one of them fails the test, naming the file:
copy Material's new template and re-apply the edits (``python -m tests.site.theme_overrides``
writes the copies).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import material

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
OVERRIDES = Path(__file__).resolve().parents[2] / "overrides"


@dataclass(frozen=True, slots=True)
class Override:
    """One template: why it is copied, and what in it changes."""

    path: str
    why: str
    edits: tuple[tuple[str, str], ...]


OVERRIDES_LIST = (
    Override(
        "base.html",
        "autocomplete is not allowed on a checkbox (HTML); Material sets it on the drawer's "
        "and the search's toggles to stop Firefox restoring them on a reload",
        (
            (
                '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
                '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">',
            ),
            (
                '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
                '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">',
            ),
        ),
    ),
    Override(
        "partials/nav-item.html",
        'a section\'s label got tabindex="" (not an integer): the attribute is left out instead',
        (
            (
                '<label class="md-nav__link" for="{{ path }}" id="{{ path }}_label" tabindex="{{ tabindex }}">',
                '<label class="md-nav__link" for="{{ path }}" id="{{ path }}_label"{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>',
            ),
            (
                '<label class="md-nav__link {{ class }}" for="{{ path }}" id="{{ path }}_label" tabindex="{{ tabindex }}">',
                '<label class="md-nav__link {{ class }}" for="{{ path }}" id="{{ path }}_label"{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>',
            ),
        ),
    ),
    Override(
        "partials/toc.html",
        "on a section's index page there is no __toc toggle for the title's label to name",
        (
            (
                '<label class="md-nav__title" for="__toc">',
                '<label class="md-nav__title"{% if not (page.is_index and not page.is_homepage) %} for="__toc"{% endif %}>',
            ),
        ),
    ),
    Override(
        "partials/search.html",
        "the search dialog had no accessible name (axe: aria-dialog-name)",
        (
            (
                '<div class="md-search" data-md-component="search" role="dialog">',
                '<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">',
            ),
        ),
    ),
)


def expected_copy(override: Override) -> str:
    """Return what ``overrides/<path>`` must hold: Material's template with the edits."""
    text = (MATERIAL_TEMPLATES / override.path).read_text(encoding="utf-8")
    for old, new in override.edits:
        if text.count(old) != 1:
            msg = f"Material's {override.path} no longer has exactly one {old!r}"
            raise ValueError(msg)
        text = text.replace(old, new)
    header = (
        "{#- A copy of Material for MkDocs' template, changed only as "
        "tests/site/theme_overrides.py lists:\n"
        f"    {override.why}. -#}}\n"
    )
    return header + text


if __name__ == "__main__":
    for item in OVERRIDES_LIST:
        target = OVERRIDES / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(expected_copy(item), encoding="utf-8")
