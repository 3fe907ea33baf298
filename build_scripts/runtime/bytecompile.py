"""Byte-compile (and trim) the runtime with the Python 3.14 the site ships, at build time.

Pyodide imports the standard library from ``python_stdlib.zip`` and the calculators from
site-packages. Shipped as sources, every module is compiled in the visitor's browser on every
visit; that was most of Python's start-up time. The host has no CPython 3.14, so the pinned
Pyodide compiles instead, under Node (``run_in_pyodide.js``):

1. boot Pyodide, install the calculators' source wheel with Pyodide's own installer;
2. measure (:mod:`build_scripts.runtime.pyodide_measure`): import what
   :mod:`build_scripts.runtime.trim_stdlib` lists and every calculators module, run every
   calculator, note every standard-library module loaded;
3. compile (:mod:`build_scripts.runtime.pyodide_compile`): the package's modules to ``.pyc``
   and, unless a cached zip is reused, the measured standard-library modules into a new zip.

The trimmed zip depends only on Pyodide, this builder and the modules the calculators name,
so it is cached under a hash of those (``<cache>/stdlib/``) and reused when only a
calculator's code changed: then Pyodide boots from the cached zip (four times faster than
from sources) and step 2 checks it still has everything. If not (a calculator started to use
a module the zip left out without naming it in an import), the zip is measured again from
the full standard library and replaces the cached one.
"""

from __future__ import annotations

import io
import json
import logging
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from build_scripts.runtime import cache
from build_scripts.runtime.errors import RuntimeBuildError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from build_scripts.runtime.trim_stdlib import KeepList

#: npm files the build-time Pyodide boots from (``python_stdlib.zip`` is passed separately).
BOOT_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json")
STDLIB_NAME = "python_stdlib.zip"

_HERE = Path(__file__).parent
_RUNNER = _HERE / "run_in_pyodide.js"
_IN_PYODIDE = ("pyodide_measure.py", "pyodide_compile.py")
#: Optimisation levels, as ``python -O``/``-OO``. Both the standard library and the
#: calculators are compiled without docstrings and asserts: a third smaller, and nothing the
#: site runs reads a docstring or relies on an assert (CPython's own test suite runs the
#: standard library this way). The parity tests compare the calculators' results in Pyodide,
#: compiled so, with CPython running the same code unoptimised.
OPTIMIZE = {"package": 2, "stdlib": 2}
_NODE_TIMEOUT_SECONDS = 600
_LONGEST_LINE = 500
_KEEP_STDLIBS = 3

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class Compiled:
    """What the build-time Pyodide produced.

    Attributes:
        stdlib: The trimmed, byte-compiled ``python_stdlib.zip``.
        package_bytecode: ``.pyc`` bytes by wheel path (``calculators/api.pyc``).
        stdlib_modules: How many modules the trimmed zip holds.

    """

    stdlib: bytes
    package_bytecode: Mapping[str, bytes]
    stdlib_modules: int


def compile_runtime(
    *,
    npm_files: Mapping[str, bytes],
    source_wheel: Path,
    package: str,
    keep: KeepList,
    stdlib_cache: Path,
) -> Compiled:
    """Trim and compile the standard library (or reuse it) and compile the package.

    Args:
        npm_files: Verified npm files: :data:`BOOT_FILES` and ``python_stdlib.zip``.
        source_wheel: The package's wheel with sources.
        package: The package's import name.
        keep: Modules to import before measuring.
        stdlib_cache: Where the trimmed zip for these inputs is (or will be) cached.

    Raises:
        RuntimeBuildError: Node is missing, a module does not compile, or the calculators
            import a module Pyodide does not have.

    """
    with tempfile.TemporaryDirectory(prefix="pyodide-compile-") as scratch_name:
        scratch = Path(scratch_name)
        pyodide_dir = scratch / "pyodide"
        pyodide_dir.mkdir()
        for name in BOOT_FILES:
            (pyodide_dir / name).write_bytes(npm_files[name])
        for name in _IN_PYODIDE:
            shutil.copyfile(_HERE / name, pyodide_dir / name)
        full_stdlib = pyodide_dir / STDLIB_NAME
        full_stdlib.write_bytes(npm_files[STDLIB_NAME])

        if stdlib_cache.is_file():
            try:
                job = _run_job(
                    pyodide_dir=pyodide_dir,
                    stdlib=stdlib_cache,
                    job_dir=scratch / "job-cached",
                    source_wheel=source_wheel,
                    package=package,
                    keep=keep,
                    compile_stdlib=False,
                )
            except RuntimeBuildError as error:
                # A damaged cache file must not stop the build: measure from scratch.
                logger.warning("The cached standard library did not work (%s)", error)
                job = _JobResult(("(a damaged cache entry)",), {}, None)
            if not job.missing:
                cache.mark_used(stdlib_cache)
                stdlib = stdlib_cache.read_bytes()
                return Compiled(
                    stdlib=stdlib,
                    package_bytecode=job.package_bytecode,
                    stdlib_modules=_module_count(stdlib),
                )
            logger.info(
                "The cached standard library lacks %s; measuring it again",
                ", ".join(job.missing),
            )

        job = _run_job(
            pyodide_dir=pyodide_dir,
            stdlib=full_stdlib,
            job_dir=scratch / "job",
            source_wheel=source_wheel,
            package=package,
            keep=keep,
            compile_stdlib=True,
        )
        if job.missing or job.stdlib is None:
            msg = (
                f"the {package} package imports {', '.join(job.missing)}, which Pyodide's "
                "standard library does not have: the calculators can use only modules "
                "that run in the browser"
            )
            raise RuntimeBuildError(msg)
        cache.store_file(stdlib_cache, job.stdlib)
        cache.prune_files(stdlib_cache.parent, _KEEP_STDLIBS, stdlib_cache)
        return Compiled(
            stdlib=job.stdlib,
            package_bytecode=job.package_bytecode,
            stdlib_modules=_module_count(job.stdlib),
        )


@dataclass(frozen=True, slots=True)
class _JobResult:
    missing: tuple[str, ...]
    package_bytecode: Mapping[str, bytes]
    stdlib: bytes | None


def _run_job(  # noqa: PLR0913 - every argument named at the call sites
    *,
    pyodide_dir: Path,
    stdlib: Path,
    job_dir: Path,
    source_wheel: Path,
    package: str,
    keep: KeepList,
    compile_stdlib: bool,
) -> _JobResult:
    job_dir.mkdir()
    shutil.copyfile(source_wheel, job_dir / source_wheel.name)
    job = {
        "wheel": source_wheel.name,
        "package": package,
        "keep": keep.as_json(),
        "compile_stdlib": compile_stdlib,
        "optimize": OPTIMIZE,
    }
    (job_dir / "job.json").write_text(json.dumps(job), encoding="utf-8")
    _node(pyodide_dir, stdlib, job_dir)

    result = json.loads((job_dir / "result.json").read_text(encoding="utf-8"))
    missing = tuple(str(name) for name in result.get("missing", []))
    if missing:
        return _JobResult(missing, {}, None)
    with zipfile.ZipFile(job_dir / "package.zip") as archive:
        bytecode = {name: archive.read(name) for name in archive.namelist()}
    stdlib_zip = job_dir / "stdlib.zip"
    return _JobResult((), bytecode, stdlib_zip.read_bytes() if compile_stdlib else None)


def _node(pyodide_dir: Path, stdlib: Path, job_dir: Path) -> None:
    # The full standard library, for compiling after measuring; beside the Pyodide files.
    full_stdlib = pyodide_dir / STDLIB_NAME
    node = shutil.which("node")
    if node is None:
        msg = (
            "Node.js was not found on PATH: the runtime is byte-compiled by Pyodide under "
            "Node at build time. Install Node.js 20 or newer."
        )
        raise RuntimeBuildError(msg)
    command = [node, str(_RUNNER), str(pyodide_dir), str(stdlib), str(full_stdlib), str(job_dir)]
    try:
        subprocess.run(  # noqa: S603 - fixed arguments, node found on PATH
            command, capture_output=True, text=True, check=True, timeout=_NODE_TIMEOUT_SECONDS
        )
    except subprocess.CalledProcessError as error:
        # Node quotes the offending source line, and Pyodide's is one line of a megabyte.
        lines = (error.stderr or error.stdout or "").strip().splitlines()
        output = "\n".join(line for line in lines if len(line) <= _LONGEST_LINE)
        msg = f"byte-compiling in Pyodide under Node failed:\n{output[-4000:]}"
        raise RuntimeBuildError(msg) from error
    except subprocess.TimeoutExpired as error:
        msg = f"byte-compiling in Pyodide under Node did not finish in {_NODE_TIMEOUT_SECONDS} s"
        raise RuntimeBuildError(msg) from error


def _module_count(stdlib: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(stdlib)) as archive:
        return sum(1 for name in archive.namelist() if name.endswith(".pyc"))
