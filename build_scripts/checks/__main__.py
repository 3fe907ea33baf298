"""Command line: ``python -m build_scripts.checks [--only spelling|lint|descriptions] [PATH ...]``.

With no paths it checks every Markdown file under ``docs/``. Exit status: 0 when all is
well, 1 when a check found problems, 2 when a tool it needs is missing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from build_scripts.checks.problems import CheckToolMissingError, Problem

if TYPE_CHECKING:
    from collections.abc import Sequence

CHECKS = ("spelling", "lint", "descriptions", "pages", "calculators")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the checks; return the process exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m build_scripts.checks",
        description=(
            "Stavekontroll (hunspell, norsk bokmål), Markdown-lint, sidebeskrivelser og "
            "fagsidenes faste deler for docs/, og kalkulatorenes regler."
        ),
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, help="Markdown files or folders (default: the docs folder)"
    )
    parser.add_argument(
        "--only", choices=CHECKS, action="append", help="run only this check (may be repeated)"
    )
    parser.add_argument(
        "--docs", type=Path, default=Path("docs"), help="the site's docs folder (default: docs)"
    )
    parser.add_argument(
        "--wordlist",
        type=Path,
        default=None,
        help="the project word list (default: DOCS/.wordlist.txt)",
    )
    arguments = parser.parse_args(argv)
    docs: Path = arguments.docs
    paths: list[Path] = arguments.paths or [docs]
    wordlist: Path = arguments.wordlist or docs / ".wordlist.txt"
    checks: list[str] = arguments.only or list(CHECKS)

    files = [(_shown(path), path.read_text(encoding="utf-8")) for path in _markdown_files(paths)]
    if not files:
        sys.stderr.write("Fant ingen Markdown-filer å sjekke.\n")
        return 2
    try:
        whole_site = not arguments.paths or arguments.only == ["calculators"]
        problems = _run(checks, files, docs, wordlist, whole_site=whole_site)
    except CheckToolMissingError as error:
        sys.stderr.write(f"Kan ikke sjekke: {error}\n")
        return 2
    for problem in sorted(problems):
        sys.stdout.write(f"{problem}\n")
    if not problems:
        count = len(files)
        sys.stdout.write(
            f"OK: {count} {'fil' if count == 1 else 'filer'} sjekket, ingenting å rette.\n"
        )
    if problems:
        count = len({problem.path for problem in problems})
        sys.stderr.write(
            f"{len(problems)} ting å rette i {count} {'fil' if count == 1 else 'filer'}. "
            "Se CONTRIBUTING.md, «Sjekk før du sender inn».\n"
        )
        return 1
    return 0


def _run(
    checks: Sequence[str],
    files: list[tuple[str, str]],
    docs: Path,
    wordlist: Path,
    *,
    whole_site: bool,
) -> list[Problem]:
    # Imported here so `--only lint` works without hunspell and `--only spelling` without
    # PyMarkdown.
    problems: list[Problem] = []
    snippets = _shown(docs / "includes") + "/"
    if "spelling" in checks:
        from build_scripts.checks.spelling import check_spelling, load_wordlist  # noqa: PLC0415

        site_pages = [path.read_text(encoding="utf-8") for path in _markdown_files([docs])]
        problems += check_spelling(files, load_wordlist(wordlist), extra_texts=site_pages)
    if "lint" in checks:
        from build_scripts.checks.lint import lint_markdown  # noqa: PLC0415

        problems += lint_markdown(
            files, snippets=[path for path, _ in files if path.startswith(snippets)]
        )
    if "descriptions" in checks:
        from build_scripts.checks.descriptions import check_descriptions  # noqa: PLC0415

        # Every page, so a page checked alone is still compared with the rest of the site.
        every_page = [
            (shown, path.read_text(encoding="utf-8"))
            for path in _markdown_files([docs])
            if not (shown := _shown(path)).startswith(snippets)
        ]
        problems += check_descriptions(
            [(path, text) for path, text in files if not path.startswith(snippets)],
            site_pages=every_page,
        )
    if "pages" in checks:
        from build_scripts.checks.page_rules import check_page_rules  # noqa: PLC0415

        problems += check_page_rules(
            (shown, _below(docs, Path(shown)), text) for shown, text in files
        )
    # The calculators' rules are the site's, not a page's: checked with the whole site, or
    # when asked for (--only calculators).
    if "calculators" in checks and whole_site:
        from build_scripts.checks.calculator_rules import check_calculators  # noqa: PLC0415

        problems += check_calculators(docs)
    return problems


def _below(docs: Path, path: Path) -> str:
    """Return a page's path below the docs folder (``relasjoner/tillit.md``), or ``""``."""
    try:
        return path.resolve().relative_to(docs.resolve()).as_posix()
    except ValueError:
        return ""


def _markdown_files(paths: Sequence[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        found += sorted(path.rglob("*.md")) if path.is_dir() else [path]
    return list(dict.fromkeys(found))


def _shown(path: Path) -> str:
    """Return the path as a maintainer would type it: relative to the current folder."""
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


if __name__ == "__main__":
    sys.exit(main())
