"""The site's one stylesheet, written in parts: each part put where its ``@import`` stands.

``docs/stylesheets/calculators.css`` lists its parts, one per subject, as
``@import url("calculators/forms.css");`` lines. A browser would follow them, but every part
would be one more request before a page can show, so the finishing step writes each part's
text in place of its ``@import``, between two comments that name it. A later run (``make
serve`` after a part changed, when MkDocs copies only that part again) finds the comments
and puts the part's current text between them, so the step gives the same file however
often it runs.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

#: The stylesheet every page links to (``extra_css`` in ``mkdocs.yml``).
STYLESHEET = "stylesheets/calculators.css"

_PART = r"[\w./-]+\.css"
_PLACE = re.compile(
    rf'@import url\("(?P<imported>{_PART})"\);\n'
    rf"|/\* part: (?P<inlined>{_PART}) \*/\n.*?/\* end of part: (?P=inlined) \*/\n",
    re.DOTALL,
)


def inline_parts(site_dir: Path) -> list[str]:
    """Put every part of the site's stylesheet in its place; return the parts not found.

    A site without the stylesheet (a test's made-up site) is left as it is. The file is
    written only when its text changes.
    """
    path = site_dir / STYLESHEET
    if not path.is_file():
        return []
    missing: list[str] = []

    def part_text(match: re.Match[str]) -> str:
        name = match["imported"] or match["inlined"]
        part = path.parent / name
        if not part.is_file():
            missing.append(name)
            return match[0]
        text = part.read_text(encoding="utf-8")
        newline = "" if text.endswith("\n") else "\n"
        return f"/* part: {name} */\n{text}{newline}/* end of part: {name} */\n"

    before = path.read_text(encoding="utf-8")
    after = _PLACE.sub(part_text, before)
    if after != before:
        path.write_text(after, encoding="utf-8")
    return missing
