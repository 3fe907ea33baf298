"""A reproducible pure-Python wheel of ``calculators/``, built by the standard backend.

The wheel is built with setuptools (through pypa/build's frontend API, without isolation)
from a throwaway project that holds only the package's ``.py`` files and a minimal
``pyproject.toml``, so nothing of ``build_scripts`` or the site's dependencies leaks in.
Fixed timestamps (``SOURCE_DATE_EPOCH``), fixed file modes and setuptools' sorted entries
make the same sources give the same bytes, hence the same sha256 in the lock.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import subprocess
import tempfile
import tomllib
import zipfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from packaging.version import InvalidVersion, Version

from build_scripts.runtime.errors import RuntimeBuildError

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

#: Import name, distribution name and source folder of the package shipped to browsers.
PACKAGE = "calculators"

# 1980-01-01T00:00:00Z, the earliest time a zip entry can carry; any constant would do.
_SOURCE_DATE_EPOCH = "315532800"
_FILE_MODE = 0o644


def python_sources(package_dir: Path) -> tuple[PurePosixPath, ...]:
    """List the package's ``.py`` files, relative to its parent, in a stable order.

    Caches, hidden folders and non-Python files are left out: the browser runs only the
    sources, and the list doubles as the input of the runtime's content hash.

    Raises:
        RuntimeBuildError: The folder is missing or holds no Python file.

    """
    if not package_dir.is_dir():
        msg = f"{package_dir} is missing: the runtime needs the calculators package"
        raise RuntimeBuildError(msg)
    relative_paths = (path.relative_to(package_dir) for path in package_dir.rglob("*.py"))
    sources = sorted(
        PurePosixPath(package_dir.name, *relative.parts)
        for relative in relative_paths
        if not any(part.startswith((".", "__pycache__")) for part in relative.parts)
    )
    if not sources:
        msg = f"{package_dir} holds no Python files"
        raise RuntimeBuildError(msg)
    return tuple(sources)


def project_version(project_root: Path) -> str:
    """Read ``[project].version`` from the site's ``pyproject.toml``: the wheel's version.

    Raises:
        RuntimeBuildError: The file or the field is missing.

    """
    path = project_root / "pyproject.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        version = data["project"]["version"]
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as error:
        msg = f"cannot read [project].version from {path}: {error}"
        raise RuntimeBuildError(msg) from error
    try:
        return str(Version(str(version)))
    except InvalidVersion as error:
        msg = f"[project].version in {path} is not a valid version: {version!r}"
        raise RuntimeBuildError(msg) from error


def build_wheel(sources: Mapping[PurePosixPath, bytes], version: str, out_dir: Path) -> Path:
    """Build the ``calculators`` wheel from the given sources into ``out_dir``.

    Args:
        sources: File contents keyed by path relative to the package's parent
            (``calculators/spec.py``), as :func:`python_sources` lists them.
        version: The distribution version.
        out_dir: Where the wheel is written.

    Returns:
        The path of the wheel, e.g. ``out_dir/calculators-0.1.0-py3-none-any.whl``.

    Raises:
        RuntimeBuildError: setuptools failed; the message carries its output.

    """
    # Imported here: a build that reuses a cached runtime never pays for it.
    import build  # noqa: PLC0415

    with tempfile.TemporaryDirectory(prefix="calculators-wheel-") as scratch:
        project = Path(scratch)
        for relative, content in sources.items():
            target = project.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            target.chmod(_FILE_MODE)
        (project / "pyproject.toml").write_text(
            _pyproject(version, _packages(sources)), encoding="utf-8"
        )
        builder = build.ProjectBuilder(project, runner=_quiet_reproducible_runner)
        try:
            wheel = builder.build("wheel", out_dir)
        except build.BuildBackendException as error:
            cause = error.exception
            output = getattr(cause, "output", None) or str(cause)
            msg = f"building the {PACKAGE} wheel failed:\n{output}"
            raise RuntimeBuildError(msg) from error
    return Path(wheel)


def _packages(sources: Mapping[PurePosixPath, bytes]) -> list[str]:
    """Every folder holding a ``.py`` file, as a dotted package name."""
    packages = sorted({".".join(path.parent.parts) for path in sources})
    for package in packages:
        if not all(part.isidentifier() for part in package.split(".")):
            msg = f"{package.replace('.', '/')} is not an importable package name"
            raise RuntimeBuildError(msg)
    return packages


def _pyproject(version: str, packages: Sequence[str]) -> str:
    # Safe to interpolate: package names are identifiers, the version a PEP 440 string.
    package_list = ", ".join(f'"{name}"' for name in packages)
    return (
        "[build-system]\n"
        'requires = ["setuptools"]\n'
        'build-backend = "setuptools.build_meta"\n'
        "\n[project]\n"
        f'name = "{PACKAGE}"\n'
        f'version = "{version}"\n'
        'description = "Kalkulatorene for kunderelasjoner, slik nettleseren kjører dem"\n'
        "\n[tool.setuptools]\n"
        f"packages = [{package_list}]\n"
        "include-package-data = false\n"
    )


def _quiet_reproducible_runner(
    cmd: Sequence[str],
    cwd: str | None = None,
    extra_environ: Mapping[str, str] | None = None,
) -> None:
    """Run a backend hook with fixed timestamps, keeping its chatter for error messages."""
    env = {**os.environ, **(extra_environ or {}), "SOURCE_DATE_EPOCH": _SOURCE_DATE_EPOCH}
    subprocess.run(  # noqa: S603 - the command comes from pyproject_hooks
        cmd,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        check=True,
        # Text, so a failure's message shows the backend's lines, not a bytes literal.
        text=True,
        errors="replace",
    )


def bytecode_wheel(
    source_wheel: Path, bytecode: Mapping[str, bytes], python_tag: str, out_dir: Path
) -> Path:
    """Write a copy of ``source_wheel`` whose modules are bytecode instead of sources.

    Each ``x.py`` with ``x.pyc`` in ``bytecode`` is replaced by it; the tag becomes
    ``<python_tag>-none-any`` (bytecode runs only on that Python), in the file name and in
    ``WHEEL``; ``RECORD`` lists the new files with their hashes. Entries keep the source
    wheel's order, dates and modes, so the result is as reproducible as its inputs.

    Args:
        source_wheel: A pure-Python wheel (``name-version-py3-none-any.whl``).
        bytecode: ``.pyc`` bytes by path in the wheel (``calculators/api.pyc``).
        python_tag: The interpreter tag, e.g. ``cp314``.
        out_dir: Where the new wheel is written.

    Returns:
        The new wheel's path.

    Raises:
        RuntimeBuildError: A source has no bytecode, or the wheel's name is not as expected.

    """
    name, version, *tags = source_wheel.name.removesuffix(".whl").split("-")
    if len(tags) != 3:  # noqa: PLR2004 - python, abi and platform tags
        msg = f"{source_wheel.name} is not named like a wheel without a build tag"
        raise RuntimeBuildError(msg)
    tag = f"{python_tag}-none-any"
    target = out_dir / f"{name}-{version}-{tag}.whl"
    dist_info = f"{name}-{version}.dist-info/"
    records: list[str] = []
    with zipfile.ZipFile(source_wheel) as source, zipfile.ZipFile(target, "w") as wheel:
        for info in source.infolist():
            if info.filename == dist_info + "RECORD":
                continue
            data = source.read(info)
            new_name = info.filename
            if new_name.endswith(".py") and not new_name.startswith(dist_info):
                new_name += "c"
                if new_name not in bytecode:
                    msg = f"no bytecode for {info.filename} from the build-time Pyodide"
                    raise RuntimeBuildError(msg)
                data = bytecode[new_name]
            elif info.filename == dist_info + "WHEEL":
                data = re.sub(rb"(?m)^Tag: .*$", f"Tag: {tag}".encode(), data)
            _write_like(wheel, info, new_name, data)
            records.append(f"{new_name},sha256={_urlsafe_sha256(data)},{len(data)}")
        records.append(f"{dist_info}RECORD,,")
        record_info = source.getinfo(dist_info + "RECORD")
        _write_like(wheel, record_info, record_info.filename, ("\n".join(records) + "\n").encode())
    return target


def _write_like(archive: zipfile.ZipFile, model: zipfile.ZipInfo, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=model.date_time)
    info.external_attr = model.external_attr
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data, compresslevel=9)


def _urlsafe_sha256(data: bytes) -> str:
    digest = hashlib.sha256(data).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
