"""Fast and still correct reloads under ``mkdocs serve --dirty`` (what ``make serve`` runs).

A dirty build renders only the Markdown pages whose source is newer than their HTML, so an
edited page is back in the browser in well under a second. That is right when only page
texts changed, and wrong otherwise: a new or removed page changes every page's navigation,
``mkdocs.yml`` or a snippet can change every page, and an edited calculator changes every
form and the runtime every page names. :class:`DirtyReload` tells the two apart by comparing
the modification times of everything the build reads with those seen at the previous build,
and in the second case makes every page look stale, so MkDocs rebuilds them all.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from mkdocs.structure.files import Files

#: MkDocs' own warning before every dirty build; with this module in charge it no longer holds.
_MKDOCS_DIRTY_WARNING = "A 'dirty' build is being performed"
# Folders whose files never reach the site: editor and tool droppings.
_IGNORED_PARTS = frozenset({"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"})


def modification_times(paths: Iterable[Path]) -> dict[Path, float]:
    """Return the modification time of every file at or below ``paths``."""
    times: dict[Path, float] = {}
    for path in paths:
        candidates = [path] if path.is_file() else sorted(path.rglob("*"))
        for candidate in candidates:
            if candidate.is_file() and not _IGNORED_PARTS.intersection(candidate.parts):
                times[candidate] = candidate.stat().st_mtime
    return times


def changed_files(before: dict[Path, float], now: dict[Path, float]) -> set[Path]:
    """Files added, removed or modified between two :func:`modification_times`."""
    return {path for path in before.keys() | now.keys() if before.get(path) != now.get(path)}


@dataclass
class DirtyReload:
    """Remembers what the previous build read; decides whether a dirty build may stay dirty."""

    #: Files and folders the build reads: ``mkdocs.yml``, ``docs/``, ``calculators/``.
    inputs: tuple[Path, ...]
    _seen: dict[Path, float] | None = field(default=None, init=False)

    def prepare(self, files: Files) -> bool:
        """Before a dirty build: make every page stale unless only page texts changed.

        Returns:
            Whether every page will be rebuilt.

        """
        now = modification_times(self.inputs)
        before, self._seen = self._seen, now
        if before is None:
            # The first build of a `mkdocs serve` writes into an empty folder: all pages.
            return True
        pages = {
            Path(file.abs_src_path)
            for file in files.documentation_pages()
            if file.abs_src_path is not None and file.generated_by is None
        }
        # Only edits to existing pages keep the build dirty; a page added or removed changes
        # the navigation of every other page.
        if before.keys() == now.keys() and changed_files(before, now) <= pages:
            return False
        for file in files.documentation_pages():
            destination = Path(file.abs_dest_path)
            if destination.is_file():
                # Older than any source: MkDocs' File.is_modified() now says "rebuild me".
                os.utime(destination, (0, 0))
        return True


@dataclass
class RememberedAnchors:
    """The anchors of the pages a dirty build did not render, as their last render left them.

    MkDocs checks a link's anchor only against a page it rendered in this build, so under
    ``--dirty`` a link from the saved page to a missing heading on any other page passed
    without a word. Between the rendering and that check (MkDocs' ``on_env``), the pages it
    did not render get the anchors they had.
    """

    _anchors: dict[str, set[str]] = field(default_factory=dict)

    def fill_in(self, files: Files) -> None:
        """Remember the rendered pages' anchors; lend the others theirs from before."""
        for file in files.documentation_pages():
            page = file.page
            if page is None:
                continue
            if page.present_anchor_ids is not None:
                self._anchors[file.src_uri] = set(page.present_anchor_ids)
            elif file.src_uri in self._anchors:
                page.present_anchor_ids = set(self._anchors[file.src_uri])


class HideMkDocsDirtyWarning(logging.Filter):
    """Drop MkDocs' warning about dirty builds, which :class:`DirtyReload` makes untrue."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Let every other record through."""
        return not record.getMessage().startswith(_MKDOCS_DIRTY_WARNING)
