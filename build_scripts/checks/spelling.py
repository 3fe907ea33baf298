"""Norwegian spell-check of the site's Markdown with hunspell and a project word list.

Debian's ``hunspell-no`` dictionary (``nb_NO``) knows Norwegian Bokmål, compounds included;
``hunspell-en-us`` covers the English titles and terms the site quotes.
Words it does not know but the site uses on purpose (names, technical and English terms,
abbreviations with full stops) go in the word list, ``docs/.wordlist.txt``: one word a line,
``#`` starts a comment. A lowercase entry also accepts the word capitalised or in capitals;
an entry with capitals accepts only itself. Abbreviations defined with ``*[CLV]: …`` anywhere
in ``docs/`` are accepted too.

Hyphenated words are checked part by part (``KAM-teamet`` is ``KAM`` and ``teamet``) unless
the whole word is in the list; parts with digits and single letters are skipped.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from typing import TYPE_CHECKING

from build_scripts.checks.markdown_text import abbreviations, prose_words
from build_scripts.checks.problems import CheckToolMissingError, Problem

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from pathlib import Path

#: Norwegian Bokmål first; American English second, because the site cites English titles
#: and uses English terms (*commitment*, *customer lifetime value*) that would otherwise
#: fill the word list.
DICTIONARIES = "nb_NO,en_US"
#: The word list's place relative to the project root.
WORDLIST = "docs/.wordlist.txt"
#: Suggestions are slow for Norwegian compounds (a quarter of a second a word), so only the
#: first few unknown words get them.
MAX_SUGGESTED_WORDS = 10
INSTALL_HINT = (
    "installer hunspell og ordbøkene: sudo apt-get install hunspell hunspell-no hunspell-en-us "
    "(make check gjør det for deg)"
)

_PART_SEPARATOR = re.compile(r"[-'’.]")


@dataclass(frozen=True, slots=True)
class WordList:
    """The words the site uses on purpose that the dictionary does not know."""

    exact: frozenset[str]
    any_case: frozenset[str]

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> WordList:
        """Read entries, one a line; ``#`` starts a comment, blank lines are ignored."""
        entries = {entry for line in lines if (entry := line.split("#", 1)[0].strip())}
        return cls(
            exact=frozenset(entries),
            any_case=frozenset(entry for entry in entries if entry == entry.lower()),
        )

    def __contains__(self, word: object) -> bool:
        """Whether ``word`` is listed (a lowercase entry matches any capitalisation)."""
        if not isinstance(word, str):
            return False
        lowered = word.lower()
        return word in self.exact or (
            lowered in self.any_case and word in {lowered, lowered.capitalize(), word.upper()}
        )


def load_wordlist(path: Path) -> WordList:
    """Read the word list at ``path``; a missing file is an empty list."""
    if not path.is_file():
        return WordList.from_lines([])
    return WordList.from_lines(path.read_text(encoding="utf-8").splitlines())


def words_to_look_up(word: str, known: WordList) -> list[str]:
    """Return the parts of ``word`` the dictionary must know, or none if the list has it."""
    if word in known or word.rstrip(".") in known:
        return []
    parts = [part for part in _PART_SEPARATOR.split(word) if part]
    return [
        part
        for part in parts
        if len(part) > 1 and not any(c.isdigit() or c == "_" for c in part) and part not in known
    ]


class Hunspell:
    """Runs hunspell in batches: one call to find unknown words, one for suggestions."""

    def __init__(self, dictionaries: str = DICTIONARIES) -> None:
        """Find hunspell, or say how to install it.

        Raises:
            CheckToolMissingError: if hunspell is missing.

        """
        executable = shutil.which("hunspell")
        if executable is None:
            reason = f"fant ikke hunspell: {INSTALL_HINT}"
            raise CheckToolMissingError(reason)
        self.dictionaries = dictionaries
        self.command = [executable, "-d", dictionaries, "-i", "utf-8"]

    def unknown(self, words: Iterable[str]) -> set[str]:
        """Return the words the dictionary does not know."""
        candidates = sorted(set(words))
        # The dictionary is in ISO 8859-1: a word with letters outside it cannot be in it.
        unknown = {word for word in candidates if not _latin1(word)}
        checkable = [word for word in candidates if _latin1(word)]
        if checkable:
            output = self._run("-l", checkable)
            unknown |= {line.strip() for line in output.splitlines()} & set(checkable)
        return unknown

    def suggestions(self, words: Sequence[str]) -> dict[str, list[str]]:
        """Return the dictionary's suggestions for each of ``words``."""
        checkable = [word for word in words if _latin1(word)]
        if not checkable:
            return {}
        # Pipe mode: one result per word; "^" stops a word being read as a command.
        output = self._run("-a", [f"^{word}" for word in checkable])
        found: dict[str, list[str]] = {}
        for line in output.splitlines():
            if line.startswith("& ") and ": " in line:
                head, listed = line[2:].split(": ", 1)
                word = head.split(" ", 1)[0]
                # Splitting the word in two ("forne yde") is rarely what the author meant.
                useful = [s.strip() for s in listed.split(",") if not set(" -") & set(s.strip())]
                found[word] = useful[:3]
        return found

    def _run(self, mode: str, lines: Sequence[str]) -> str:
        result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [*self.command, mode],
            input="\n".join(lines) + "\n",
            capture_output=True,
            text=True,
            check=False,
        )
        if "Can't open" in result.stderr or result.returncode != 0:
            reason = f"hunspell fant ikke ordbøkene {self.dictionaries}: {INSTALL_HINT}"
            raise CheckToolMissingError(reason)
        return result.stdout


def _latin1(word: str) -> bool:
    try:
        word.encode("iso-8859-1")
    except UnicodeEncodeError:
        return False
    return True


def check_spelling(
    files: Sequence[tuple[str, str]],
    known: WordList,
    *,
    extra_texts: Iterable[str] = (),
    speller: Hunspell | None = None,
) -> list[Problem]:
    """Spell-check the prose of each file.

    Args:
        files: ``(path as shown, Markdown text)`` pairs.
        known: The project word list.
        extra_texts: Other Markdown whose abbreviation definitions count as known words
            (the site's ``docs/includes/abbreviations.md`` is appended to every page).
        speller: The hunspell runner; one is started if not given.

    Returns:
        One problem per unknown word occurrence, in file order.

    """
    speller = speller or Hunspell()
    defined = set().union(*(abbreviations(text) for _, text in files))
    defined |= set().union(*(abbreviations(text) for text in extra_texts))
    known = WordList(exact=known.exact | defined, any_case=known.any_case)
    occurrences = [
        (path, word, words_to_look_up(word.text, known))
        for path, text in files
        for word in prose_words(text)
    ]
    unknown = speller.unknown(part for _, _, parts in occurrences for part in parts)
    first_unknown = list(
        dict.fromkeys(part for _, _, parts in occurrences for part in parts if part in unknown)
    )
    suggested = speller.suggestions(first_unknown[:MAX_SUGGESTED_WORDS])
    problems = []
    for path, word, parts in occurrences:
        for part in parts:
            if part in unknown:
                message = f"ukjent ord «{part}»"
                if part != word.text:
                    message += f" i «{word.text}»"
                if suggested.get(part):
                    message += f" (forslag: {', '.join(f'«{s}»' for s in suggested[part])})"
                message += f". Rett skrivefeilen, eller legg ordet i {WORDLIST} hvis det er riktig."
                problems.append(
                    Problem(path=path, line=word.line, column=word.column, message=message)
                )
    return problems
