"""What the code, tests and Makefile refer a maintainer to is in the repository."""

from __future__ import annotations

import re
import subprocess

from tests.conftest import PROJECT_ROOT

#: A repository document by name (DESIGN.md, CONTRIBUTING.md): all capitals.
DOCUMENT = re.compile(r"\b([A-Z][A-Z_-]+\.md)\b")
#: A tracker's issue: the repository must explain itself, not point at a discussion elsewhere.
ISSUE = re.compile(r"\b[Ii]ssues? #?\d+")
#: Where maintainers read references: code, tests, build files (the pages are readers').
SOURCES = ("*.py", "*.mjs", "*.js", "*.css", "*.yml", "*.toml", "Makefile", "*.md", ".ci/*")


def tracked_files() -> list[str]:
    listed = subprocess.run(  # noqa: S603 - fixed argv, no shell
        ["git", "ls-files", "--", *SOURCES],  # noqa: S607 - git from PATH, as make uses it
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    return [name for name in listed if name and not name.startswith("docs/")]


def test_every_document_referred_to_exists() -> None:
    missing = {
        f"{name}: {document}"
        for name in tracked_files()
        for document in DOCUMENT.findall((PROJECT_ROOT / name).read_text(encoding="utf-8"))
        if not (PROJECT_ROOT / document).is_file()
    }
    assert sorted(missing) == []


def test_no_code_or_test_points_at_an_issue_instead_of_explaining() -> None:
    found = [
        f"{name}:{number}: {line.strip()}"
        for name in tracked_files()
        if not name.endswith(".md")
        for number, line in enumerate(
            (PROJECT_ROOT / name).read_text(encoding="utf-8").split("\n"), start=1
        )
        if ISSUE.search(line)
    ]
    assert found == []
