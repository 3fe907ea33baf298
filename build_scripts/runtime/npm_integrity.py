"""The pinned npm package and proof that the files we publish are the ones the lock pins.

``package-lock.json`` records a sha512 of the package *tarball*, not of each installed file,
so the check goes through the tarball: ``npm pack`` fetches it (from npm's cache, which
``npm ci`` fills, or from the registry), its sha512 must equal the lock's ``integrity``, and
every file we take must be byte-identical to the tarball's ``package/<file>``. The bytes we
publish come from the verified tarball; ``node_modules`` is compared so that a stale or
tampered install fails loudly instead of being silently ignored.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import tarfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from build_scripts.runtime.errors import IntegrityError, RuntimeBuildError

PACKAGE_JSON = "package.json"
PACKAGE_LOCK = "package-lock.json"

# An exact npm version ("1.2.3", "1.2.3-rc.1"): ranges would let `npm install` move the pin.
_EXACT_VERSION = re.compile(r"\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?")
_NPM_TIMEOUT_SECONDS = 300


@dataclass(frozen=True, slots=True, kw_only=True)
class NpmPin:
    """One npm dependency as ``package.json`` pins it and ``package-lock.json`` locks it.

    Attributes:
        name: Package name (``pyodide``).
        version: The exact version from ``package.json``: the one place that names it.
        integrity: The lock's Subresource Integrity string for the tarball (``sha512-…``).

    """

    name: str
    version: str
    integrity: str

    @property
    def spec(self) -> str:
        """The ``name@version`` spec npm understands."""
        return f"{self.name}@{self.version}"


def read_pin(project_root: Path, name: str) -> NpmPin:
    """Read the exact version of ``name`` from ``package.json`` and its lock entry.

    Raises:
        RuntimeBuildError: The package is not pinned exactly, or the lock disagrees.

    """
    manifest = _read_json(project_root / PACKAGE_JSON)
    declared = {
        **_string_map(manifest.get("devDependencies")),
        **_string_map(manifest.get("dependencies")),
    }
    version = declared.get(name)
    if version is None:
        msg = f"{PACKAGE_JSON} does not list the npm package {name!r} in its dependencies"
        raise RuntimeBuildError(msg)
    if not _EXACT_VERSION.fullmatch(version):
        msg = (
            f"{PACKAGE_JSON} must pin {name} to an exact version (like 1.2.3), "
            f"not {version!r}: the site ships exactly one Pyodide"
        )
        raise RuntimeBuildError(msg)

    lock = _read_json(project_root / PACKAGE_LOCK)
    entry = _string_map(_as_mapping(lock.get("packages")).get(f"node_modules/{name}"))
    if entry.get("version") != version:
        msg = (
            f"{PACKAGE_LOCK} locks {name} at {entry.get('version')!r} but {PACKAGE_JSON} "
            f"pins {version!r} — run `npm install` to update the lock"
        )
        raise RuntimeBuildError(msg)
    integrity = entry.get("integrity", "")
    if "sha512-" not in integrity:
        msg = f"{PACKAGE_LOCK} has no sha512 integrity for {name}@{version}"
        raise RuntimeBuildError(msg)
    return NpmPin(name=name, version=version, integrity=integrity)


def verified_files(
    project_root: Path, pin: NpmPin, names: Iterable[str], workdir: Path
) -> dict[str, bytes]:
    """Return the bytes of ``names`` from the pinned package, verified against the lock.

    Args:
        project_root: Folder holding ``package.json``, the lock and ``node_modules``.
        pin: The package and the integrity to check.
        names: Paths inside the package (``pyodide.asm.wasm``).
        workdir: An empty scratch folder for the tarball.

    Raises:
        IntegrityError: The tarball or an installed file does not match the lock.
        RuntimeBuildError: npm or the installed package is missing.

    """
    installed = Path("node_modules") / pin.name
    if not (project_root / installed).is_dir():
        msg = f"{installed.as_posix()} is missing — run `npm ci`"
        raise RuntimeBuildError(msg)
    tarball = fetch_tarball(project_root, pin, workdir)
    check_tarball(tarball, pin)
    contents = read_tarball_files(tarball, names)
    check_installed(project_root, pin, contents)
    return contents


def fetch_tarball(project_root: Path, pin: NpmPin, destination: Path) -> Path:
    """Have npm put the package's registry tarball into ``destination``.

    ``--prefer-offline`` takes it from npm's cache when ``npm ci`` put it there, so a fresh
    clone needs no network beyond what ``npm ci`` already used.

    Raises:
        RuntimeBuildError: npm is missing or could not produce the tarball.

    """
    npm = shutil.which("npm")
    if npm is None:
        msg = "npm was not found on PATH: install Node.js with npm, then run `npm ci`"
        raise RuntimeBuildError(msg)
    command = [
        npm,
        "pack",
        pin.spec,
        "--pack-destination",
        str(destination),
        "--prefer-offline",
        "--ignore-scripts",
        "--json",
        "--silent",
    ]
    try:
        result = subprocess.run(  # noqa: S603 - fixed arguments, npm found on PATH
            command,
            cwd=project_root,
            capture_output=True,
            text=True,
            check=True,
            timeout=_NPM_TIMEOUT_SECONDS,
        )
        packed = json.loads(result.stdout)
        filename = str(packed[0]["filename"])
    except subprocess.CalledProcessError as error:
        msg = f"`npm pack {pin.spec}` failed:\n{error.stderr.strip()}"
        raise RuntimeBuildError(msg) from error
    except subprocess.TimeoutExpired as error:
        msg = f"`npm pack {pin.spec}` did not finish in {_NPM_TIMEOUT_SECONDS} s"
        raise RuntimeBuildError(msg) from error
    except (json.JSONDecodeError, LookupError, TypeError) as error:
        msg = f"`npm pack {pin.spec}` printed no tarball name: {result.stdout[:200]!r}"
        raise RuntimeBuildError(msg) from error
    return destination / filename


def check_tarball(tarball: Path, pin: NpmPin) -> None:
    """Check the tarball's sha512 against the lock's integrity.

    Raises:
        IntegrityError: The digests differ.

    """
    digest = hashlib.sha512()
    with tarball.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    actual = "sha512-" + base64.b64encode(digest.digest()).decode("ascii")
    # An SRI string may list several hashes; the sha512 one is the one npm writes.
    expected = [part for part in pin.integrity.split() if part.startswith("sha512-")]
    if actual not in expected:
        msg = (
            f"the npm tarball of {pin.spec} does not match {PACKAGE_LOCK}: "
            f"it has {actual}, the lock says {' '.join(expected)} — "
            "restore the lock or run `npm install` to re-resolve"
        )
        raise IntegrityError(msg)


def read_tarball_files(tarball: Path, names: Iterable[str]) -> dict[str, bytes]:
    """Read ``package/<name>`` for each name from an npm tarball, without extracting it.

    Raises:
        RuntimeBuildError: A file is not in the package.

    """
    wanted = {f"package/{name}": name for name in names}
    contents: dict[str, bytes] = {}
    with tarfile.open(tarball, mode="r:gz") as archive:
        for member in archive:
            name = wanted.get(member.name)
            if name is None or not member.isfile():
                continue
            stream = archive.extractfile(member)
            if stream is not None:
                contents[name] = stream.read()
    missing = sorted(set(wanted.values()) - contents.keys())
    if missing:
        msg = f"{tarball.name} has no {', '.join(missing)}"
        raise RuntimeBuildError(msg)
    return contents


def check_installed(project_root: Path, pin: NpmPin, contents: Mapping[str, bytes]) -> None:
    """Check that ``node_modules/<package>`` holds exactly the verified bytes.

    Raises:
        IntegrityError: An installed file differs from the verified tarball.
        RuntimeBuildError: The package or one of its files is not installed.

    """
    installed = Path("node_modules") / pin.name
    if not (project_root / installed).is_dir():
        msg = f"{installed.as_posix()} is missing — run `npm ci`"
        raise RuntimeBuildError(msg)
    for name, expected in sorted(contents.items()):
        path = installed / name
        try:
            actual = (project_root / path).read_bytes()
        except FileNotFoundError:
            msg = f"{path.as_posix()} is missing — run `npm ci`"
            raise RuntimeBuildError(msg) from None
        if actual != expected:
            msg = (
                f"{path.as_posix()} does not match the npm lock's integrity "
                f"({pin.spec}) — run `npm ci`"
            )
            raise IntegrityError(msg)


def _read_json(path: Path) -> Mapping[str, object]:
    try:
        data: object = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        msg = f"{path.name} is missing from {path.parent}"
        raise RuntimeBuildError(msg) from None
    except json.JSONDecodeError as error:
        msg = f"{path.name} is not valid JSON: {error}"
        raise RuntimeBuildError(msg) from error
    return _as_mapping(data)


def _as_mapping(value: object) -> Mapping[str, object]:
    if isinstance(value, Mapping):
        return {str(key): item for key, item in value.items()}
    return {}


def _string_map(value: object) -> dict[str, str]:
    return {key: item for key, item in _as_mapping(value).items() if isinstance(item, str)}
