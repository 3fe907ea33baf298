"""Command line for the build steps that must also run without MkDocs.

Usage::

    python -m build_scripts runtime --out DIR [--cache DIR] [--project-root DIR]
    python -m build_scripts finish SITE_DIR [--config mkdocs.yml]

Each subcommand is one ``_add_<name>_command`` function that registers its parser and
handler; add a new one there and in ``_COMMANDS``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from build_scripts.finish import FinishError, finish_site_from_config
from build_scripts.runtime import RuntimeBuildError, build_runtime, export_runtime

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

# argparse has no public name for this type; the `type` alias is evaluated lazily.
type _Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]  # noqa: SLF001


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; return the process exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m build_scripts", description="Build steps of the kunderelasjoner site."
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add_command in _COMMANDS:
        add_command(subparsers)
    arguments = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = arguments.handler
    try:
        return handler(arguments)
    except (RuntimeBuildError, FinishError, ValueError) as error:
        sys.stderr.write(f"error: {error}\n")
        return 1


def _add_runtime_command(subparsers: _Subparsers) -> None:
    command = subparsers.add_parser(
        "runtime",
        help="build the Pyodide runtime (verified Pyodide, calculators wheel, lock) into a folder",
        description=(
            "Build the browser runtime, or reuse the cached one, and copy its files into --out."
        ),
    )
    command.add_argument(
        "--out", type=Path, required=True, help="folder to copy the runtime's files into"
    )
    command.add_argument(
        "--project-root",
        type=Path,
        default=Path.cwd(),
        help="repository root with package.json and calculators/ (default: current folder)",
    )
    command.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="runtime cache folder (default: PROJECT_ROOT/.cache/runtime)",
    )
    command.set_defaults(handler=_run_runtime)


def _run_runtime(arguments: argparse.Namespace) -> int:
    project_root: Path = arguments.project_root
    cache_dir: Path = arguments.cache or project_root / ".cache" / "runtime"
    started = time.perf_counter()
    runtime = build_runtime(project_root, cache_dir)
    elapsed = time.perf_counter() - started
    for path in export_runtime(runtime, arguments.out):
        sys.stdout.write(f"{path}\t{path.stat().st_size} bytes\n")
    sys.stdout.write(
        f"Pyodide {runtime.pyodide_version} runtime {runtime.key[:12]} "
        f"({elapsed:.2f} s, cache {runtime.directory})\n"
    )
    return 0


def _add_finish_command(subparsers: _Subparsers) -> None:
    command = subparsers.add_parser(
        "finish",
        help="finish a built site folder: runtime, start hints, policy, shared names",
        description=(
            "Run the finishing step over a site folder any engine built (MkDocs runs it by "
            "itself through the calculators plugin; after `zensical build`, run it by hand)."
        ),
    )
    command.add_argument("site_dir", type=Path, help="the engine's output folder")
    command.add_argument(
        "--config",
        type=Path,
        default=Path("mkdocs.yml"),
        help="the site's mkdocs.yml, whose calculators plugin block holds the options",
    )
    command.set_defaults(handler=_run_finish)


def _run_finish(arguments: argparse.Namespace) -> int:
    started = time.perf_counter()
    finished = finish_site_from_config(arguments.site_dir, arguments.config.resolve())
    sys.stdout.write(
        f"{len(finished.pages)} sider, {len(finished.calculator_pages)} med kalkulator, "
        f"kjøretiden i {finished.runtime_folder} ({time.perf_counter() - started:.2f} s)\n"
    )
    return 0


_COMMANDS: tuple[Callable[[_Subparsers], None], ...] = (_add_runtime_command, _add_finish_command)


if __name__ == "__main__":
    sys.exit(main())
