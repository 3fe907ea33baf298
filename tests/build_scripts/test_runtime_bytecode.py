"""Byte-compilation: the shipped modules are Python 3.14 bytecode made by the pinned Pyodide.

The host has no CPython 3.14 to compare with, so the checks are on the files' structure; that
the bytecode runs is shown by test_runtime_node.py and test_pyodide_parity.py, which boot the
built runtime and run every calculator in it.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import zipfile
from typing import TYPE_CHECKING

import pytest

from build_scripts.runtime import Runtime, RuntimeBuildError, build_runtime
from build_scripts.runtime.bytecompile import STDLIB_NAME
from build_scripts.runtime.wheel import bytecode_wheel
from tests.build_scripts.runtime_support import PROJECT_ROOT

if TYPE_CHECKING:
    from pathlib import Path

# PEP 552: bit 0 = hash-based, bit 1 = check the source. Unchecked: the source is not shipped.
UNCHECKED_HASH_FLAGS = 0b01


def _bytecode(archive: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(archive) as opened:
        return {name: opened.read(name) for name in opened.namelist() if name.endswith(".pyc")}


def _headers(files: dict[str, bytes]) -> set[tuple[bytes, int]]:
    """(magic number, flags) of every ``.pyc``."""
    return {(data[:4], int.from_bytes(data[4:8], "little")) for data in files.values()}


def test_stdlib_and_wheel_are_bytecode_of_one_python(runtime: Runtime) -> None:
    stdlib = _bytecode(runtime.directory / STDLIB_NAME)
    wheel = _bytecode(runtime.directory / runtime.wheel_name)
    headers = _headers(stdlib) | _headers(wheel)
    assert len(headers) == 1, headers  # one interpreter, one kind of pyc
    [(magic, flags)] = headers
    assert magic.endswith(b"\r\n")  # every CPython magic number does
    assert flags == UNCHECKED_HASH_FLAGS


def test_wheel_record_lists_every_file_with_its_hash(runtime: Runtime) -> None:
    with zipfile.ZipFile(runtime.directory / runtime.wheel_name) as wheel:
        [record_name] = [name for name in wheel.namelist() if name.endswith(".dist-info/RECORD")]
        rows = list(csv.reader(io.StringIO(wheel.read(record_name).decode())))
        listed = {row[0] for row in rows}
        assert listed == set(wheel.namelist())
        for name, digest, size in rows:
            if name == record_name:
                assert (digest, size) == ("", "")
                continue
            data = wheel.read(name)
            expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            assert digest == f"sha256={expected.decode()}"
            assert int(size) == len(data)


def test_bytecode_wheel_refuses_a_module_without_bytecode(tmp_path: Path) -> None:
    source = tmp_path / "calculators-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(source, "w") as wheel:
        wheel.writestr("calculators/__init__.py", "")
        wheel.writestr("calculators-0.1.0.dist-info/WHEEL", "Tag: py3-none-any\n")
        wheel.writestr("calculators-0.1.0.dist-info/RECORD", "")
    (tmp_path / "out").mkdir()
    with pytest.raises(RuntimeBuildError, match=r"no bytecode for calculators/__init__\.py"):
        bytecode_wheel(source, {}, "cp314", tmp_path / "out")


@pytest.mark.slow
def test_same_inputs_give_the_same_bytes(runtime: Runtime, tmp_path: Path) -> None:
    """A build from an empty cache reproduces the shared one byte for byte (lock hashes too)."""
    again = build_runtime(PROJECT_ROOT, tmp_path / "cache")
    assert again.key == runtime.key
    for name in runtime.files:
        assert (again.directory / name).read_bytes() == (runtime.directory / name).read_bytes(), (
            name
        )
