"""The site's ``_headers`` file, read as Netlify and Cloudflare Pages read it.

Each block is a path pattern (``/*``, ``/assets/pyodide/<hash>/*``) followed by indented
``Name: value`` lines; every block whose pattern matches a response's path adds its headers,
in file order. The finishing step writes the file (the Content-Security-Policy for every
page, a long cache life for the runtime), so the host applies it as production would.

Internal to :mod:`bench.host`, which re-exports the public names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


@dataclass(frozen=True, slots=True)
class HeaderRule:
    """One block of a ``_headers`` file: a path pattern and the headers it adds."""

    pattern: re.Pattern[str]
    headers: tuple[tuple[str, str], ...]

    def matches(self, url_path: str) -> bool:
        """Whether the block applies to a response for ``url_path``."""
        return self.pattern.match(url_path) is not None


def read_header_rules(path: Path) -> tuple[HeaderRule, ...]:
    """Read every block of a ``_headers`` file, in file order; none if there is no file."""
    if not path.exists():
        return ()
    rules: list[HeaderRule] = []
    pattern: str | None = None
    headers: list[tuple[str, str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line and not line[0].isspace():
            if pattern is not None:
                rules.append(_rule(pattern, headers))
            pattern, headers = line.strip(), []
        elif pattern is not None and ":" in line:
            name, value = line.strip().split(":", 1)
            headers.append((name.strip(), value.strip()))
    if pattern is not None:
        rules.append(_rule(pattern, headers))
    return tuple(rules)


def _rule(pattern: str, headers: list[tuple[str, str]]) -> HeaderRule:
    # A `*` matches anything, slashes included; the rest of the pattern is literal.
    regex = ".*".join(re.escape(part) for part in pattern.split("*"))
    return HeaderRule(re.compile(regex + r"\Z"), tuple(headers))
