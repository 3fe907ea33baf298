"""Every page's own description: ``description:`` in its front matter.

MkDocs reads the YAML front matter at the top of a page into ``page.meta``, and Material puts
``page.meta.description`` into ``<meta name="description">``, which search engines show under
the page's title and link previews show under the link. Without one, every page gets the
site's description, so the check asks for one per page::

    ---
    description: Hva tillit er, hvordan den skaper bånd mellom partene, og ...
    ---
    # Tillit

Search engines cut a description at around 160 characters and make up their own from the
page when it is much shorter, so it must be 120–160 characters (Python's ``len()``). Two
pages with the same description look like the same page in a list of search results.
Snippets in ``docs/includes/`` are appended to pages and need none.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import yaml

from build_scripts.checks.problems import Problem

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

MIN_LENGTH = 120
MAX_LENGTH = 160
KEY = "description"

# The same front matter MkDocs reads (mkdocs.utils.meta): `---` on the first line, YAML, and
# `---` or `...` on a line of its own.
_FRONT_MATTER = re.compile(
    r"\A-{3}[ \t]*\n(?P<yaml>.*?\n)?(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.DOTALL
)
_WHAT = f"{MIN_LENGTH}–{MAX_LENGTH} tegn om hva leseren får på siden"
_MISSING = (
    f"Siden mangler beskrivelse. Skriv «{KEY}: …» mellom to linjer med --- øverst i filen, {_WHAT}."
)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Description:
    """A page's description and the line it is on (from 1), or what is wrong instead."""

    text: str | None = None
    line: int = 1
    problem: str | None = None


def _read(text: str) -> _Description:
    """Find the description in the page's front matter."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return _Description(problem=_MISSING)
    source = match["yaml"] or ""
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
        data = yaml.safe_load(source)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        # The YAML starts on the file's second line; marks count from 0.
        line = mark.line + 2 if mark else 1
        reason = error.problem or "ugyldig YAML"
        return _Description(
            line=line,
            problem=f"Front matter er ikke gyldig YAML ({reason}). Sett teksten i anførselstegn "
            "hvis den inneholder «: » eller « #».",
        )
    if not isinstance(data, dict) or KEY not in data:
        return _Description(problem=_MISSING)
    # The key's own line; a key that came in through a YAML merge (`<<:`) has none there.
    line = 2 + next(
        (
            key.start_mark.line
            for key, _ in getattr(node, "value", [])
            if isinstance(key, yaml.ScalarNode) and key.value == KEY
        ),
        -1,
    )
    value = data[KEY]
    if not isinstance(value, str) or not value.strip():
        return _Description(line=line, problem=f"Beskrivelsen må være tekst, {_WHAT}.")
    return _Description(text=value, line=line)


def check_descriptions(
    files: Sequence[tuple[str, str]], *, site_pages: Iterable[tuple[str, str]] = ()
) -> list[Problem]:
    """Check that each page has a description of the right length that no other page has.

    Args:
        files: ``(path as shown, Markdown text)`` pairs of the pages to check; snippets
            (``docs/includes/``) are left out by the caller.
        site_pages: Every page of the site, the same way, so a page checked alone is still
            compared with the others. ``files`` are always compared with each other.

    Returns:
        The problems found, in file order.

    """
    found = {path: _read(text) for path, text in files}
    others = {path: _read(text) for path, text in site_pages if path not in found}
    pages_by_text: defaultdict[str, list[str]] = defaultdict(list)
    for path, description in [*found.items(), *others.items()]:
        if description.text is not None:
            pages_by_text[description.text.strip()].append(path)

    problems: list[Problem] = []
    for path, description in found.items():
        if description.text is None:
            message = description.problem or _MISSING
            problems.append(Problem(path=path, line=description.line, column=1, message=message))
            continue
        length = len(description.text)
        if length < MIN_LENGTH:
            message = (
                f"Beskrivelsen er {length} tegn, men skal være minst {MIN_LENGTH}. Si mer konkret "
                "hva leseren får på siden."
            )
            problems.append(Problem(path=path, line=description.line, column=1, message=message))
        elif length > MAX_LENGTH:
            message = (
                f"Beskrivelsen er {length} tegn, men skal være høyst {MAX_LENGTH} (søkemotorer "
                "kutter resten). Kort den ned."
            )
            problems.append(Problem(path=path, line=description.line, column=1, message=message))
        twins = [other for other in pages_by_text[description.text.strip()] if other != path]
        if twins:
            names = ", ".join(twins)
            message = f"Beskrivelsen er lik den i {names}. Skriv en egen beskrivelse for hver side."
            problems.append(Problem(path=path, line=description.line, column=1, message=message))
    return problems
