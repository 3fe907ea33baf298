"""Runs second inside Pyodide under Node: compile the kept modules with Python 3.14 itself.

Called by ``run_in_pyodide.js`` after :mod:`build_scripts.runtime.pyodide_measure`, with the
job folder mounted at ``/job``. It writes:

- ``package.zip``: every module of the installed package as ``<path>.pyc`` (``calculators/
  api.pyc``), compiled as the file it will be in site-packages, so tracebacks name it;
- ``stdlib.zip`` (when asked): the kept standard-library entries, each ``.py`` compiled to
  ``.pyc`` as ``/lib/python3XY.zip/<name>``, and nothing else.

Bytecode uses unchecked hashes: nothing is compared with a source or a timestamp at import
(there are no sources), and the same source gives the same bytes. Zip entries get fixed
dates and modes for the same reason. ``run_in_pyodide.js`` boots this Pyodide with
``PYTHONNODEBUGRANGES=1``, so the bytecode carries line numbers but no column ranges
(tracebacks lose their ``^^^`` markers; the files are a fifth smaller).
"""

from __future__ import annotations

import importlib
import py_compile
import sys
import tempfile
import zipfile
from pathlib import Path

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_FILE_ATTRIBUTES = 0o100644 << 16
_DIRECTORY_ATTRIBUTES = (0o040755 << 16) | 0x10


class CompileError(Exception):
    """A module does not compile; the message names it."""


def compile_job(
    job_dir: str,
    package: str,
    stdlib_entries: list[str] | None,
    optimize: dict[str, int],
) -> None:
    """Write ``package.zip`` and, if ``stdlib_entries`` is given, ``stdlib.zip``.

    ``optimize`` gives the optimisation level (as ``python -O``/``-OO``) for ``"package"``
    and ``"stdlib"``.
    """
    folder = Path(job_dir)
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        _compile_package(package, folder / "package.zip", scratch, optimize["package"])
        if stdlib_entries is not None:
            _compile_stdlib(stdlib_entries, folder / "stdlib.zip", scratch, optimize["stdlib"])


def _compile_package(package: str, destination: Path, scratch: Path, optimize: int) -> None:
    root = Path(importlib.import_module(package).__file__ or "").parent
    with _writer(destination) as target:
        for path in sorted(root.rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            name = path.relative_to(root.parent).as_posix()
            code = _bytecode(path.read_bytes(), str(path), scratch, optimize)
            _add(target, name + "c", code)


def _compile_stdlib(entries: list[str], destination: Path, scratch: Path, optimize: int) -> None:
    stdlib_zip = next(entry for entry in sys.path if entry.endswith(".zip"))
    with zipfile.ZipFile(stdlib_zip) as source, _writer(destination) as target:
        for name in entries:
            if name.endswith("/"):
                _add(target, name, b"")
            else:
                code = _bytecode(source.read(name), f"{stdlib_zip}/{name}", scratch, optimize)
                _add(target, name + "c", code)


def _bytecode(source: bytes, filename: str, scratch: Path, optimize: int) -> bytes:
    """Compile ``source`` as ``filename`` (what tracebacks show) to ``.pyc`` bytes."""
    source_file = scratch / "module.py"
    compiled_file = scratch / "module.pyc"
    source_file.write_bytes(source)
    try:
        py_compile.compile(
            str(source_file),
            cfile=str(compiled_file),
            dfile=filename,
            doraise=True,
            optimize=optimize,
            invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
        )
    except py_compile.PyCompileError as error:
        msg = f"{filename} does not compile: {error.msg}"
        raise CompileError(msg) from error
    return compiled_file.read_bytes()


def _writer(destination: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9)


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    if name.endswith("/"):
        info.external_attr = _DIRECTORY_ATTRIBUTES
        info.compress_type = zipfile.ZIP_STORED
    else:
        info.external_attr = _FILE_ATTRIBUTES
        info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)
