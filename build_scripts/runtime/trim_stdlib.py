"""Which standard-library modules the site's ``python_stdlib.zip`` keeps.

Pyodide's zip holds the whole standard library (~560 modules, 2.5 MB); a calculator page needs
about a third of it. What is kept is *measured*, not guessed: inside Pyodide (see
:mod:`build_scripts.runtime.pyodide_job`) the runtime boots, installs the calculators wheel,
imports every module named here, imports every calculators module and runs every calculator;
each standard-library module then in ``sys.modules`` is kept, with the packages above it.

The names to import come from two places:

- every ``import`` in the calculators' sources (:func:`imported_modules`), found by reading
  them, so a module imported only inside a function still counts;
- :data:`ALWAYS_KEEP`: modules Python may reach for at run time without any import statement
  naming them.

A new import in a calculator changes this list, hence the cache key of the trimmed zip, so the
next build measures again.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING

from build_scripts.runtime.errors import RuntimeBuildError

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from pathlib import PurePosixPath

#: Codecs Python looks up by name (``str.encode``, ``open(..., encoding=...)``, zip file
#: names), never by an import statement. UTF-8, ASCII and Latin-1 have fast paths in C, but
#: the lookup still imports their module the first time an unusual spelling is used.
ALWAYS_KEEP: tuple[str, ...] = (
    "encodings.aliases",
    "encodings.ascii",
    "encodings.latin_1",
    "encodings.raw_unicode_escape",
    "encodings.unicode_escape",
    "encodings.utf_8",
    "encodings.utf_8_sig",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class KeepList:
    """Module names to import before measuring what the runtime uses.

    Attributes:
        required: Names that must import (``import x``, ``from x import y``'s ``x``).
        optional: Names that may be a module or just an attribute (``y`` in
            ``from x import y``, tried as ``x.y``).

    """

    required: tuple[str, ...]
    optional: tuple[str, ...]

    def as_json(self) -> dict[str, list[str]]:
        """Return the list as the in-Pyodide job reads it."""
        return {"required": list(self.required), "optional": list(self.optional)}


def keep_list(sources: Mapping[PurePosixPath, bytes], package: str) -> KeepList:
    """Return the modules to import for ``sources`` (the package's own modules left out)."""
    required: set[str] = set(ALWAYS_KEEP)
    optional: set[str] = set()
    for path, content in sources.items():
        found_required, found_optional = imported_modules(content, filename=str(path))
        required |= found_required
        optional |= found_optional

    def outside(name: str) -> bool:
        return name.partition(".")[0] != package

    return KeepList(
        required=tuple(sorted(filter(outside, required))),
        optional=tuple(sorted(filter(outside, optional - required))),
    )


def imported_modules(source: bytes, *, filename: str = "<source>") -> tuple[set[str], set[str]]:
    """Return the absolute module names ``source`` imports at run time.

    Imports anywhere count (inside functions too), except under ``if TYPE_CHECKING:``, which
    never runs. Relative imports name the package's own modules and are left out.

    Returns:
        ``(required, optional)``: modules that must exist, and ``from x import y`` names
        ``x.y`` that are modules only if ``y`` is one.

    Raises:
        RuntimeBuildError: The source is not valid Python.

    """
    try:
        tree = ast.parse(source, filename=filename)
    except SyntaxError as error:
        msg = f"{filename} is not valid Python (line {error.lineno}): {error.msg}"
        raise RuntimeBuildError(msg) from error
    required: set[str] = set()
    optional: set[str] = set()
    for node in _runtime_nodes(tree.body):
        if isinstance(node, ast.Import):
            required.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            required.add(node.module)
            optional.update(f"{node.module}.{alias.name}" for alias in node.names)
    return required, optional


def _runtime_nodes(body: Iterable[ast.stmt]) -> Iterable[ast.AST]:
    """Walk statements, skipping the bodies of ``if TYPE_CHECKING:`` blocks."""
    pending: list[ast.AST] = list(body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            pending.extend(node.orelse)
            continue
        yield node
        pending.extend(ast.iter_child_nodes(node))


def _is_type_checking(test: ast.expr) -> bool:
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
