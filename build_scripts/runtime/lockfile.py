"""The site's own ``pyodide-lock.json``: Pyodide's lock, cut down to the wheels we ship.

Pyodide reads the lock at boot (its ``info`` must match the interpreter's ABI) and looks up
``loadPackage`` names in it, checking each download against the entry's sha256. The npm
package's lock lists ~350 packages whose files the site does not publish; keeping them would
make every one of those names a 404 waiting to happen, so only the added wheels stay. Pyodide
314 keeps no standard-library module outside ``python_stdlib.zip`` (its lock has no
``cpython_module`` entries), so nothing else is needed at boot.

A wheel is described from the wheel it was built as (pyodide-lock reads its top-level import
names from its ``.py`` files) and published as its byte-compiled copy: the entry gets the
published file's name and sha256, which Pyodide checks on download.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from build_scripts.runtime.errors import RuntimeBuildError

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path


@dataclass(frozen=True, slots=True)
class PublishedWheel:
    """A wheel as built (``source``, with sources) and as published beside the lock."""

    source: Path
    published: Path


def write_site_lockfile(
    npm_lock: bytes, wheels: Sequence[PublishedWheel], destination: Path
) -> None:
    """Write a lock holding only ``wheels``, each next to the lock and named relative to it.

    Args:
        npm_lock: The verified ``pyodide-lock.json`` from the npm package.
        wheels: Each wheel as built and as published in the same folder as ``destination``.
        destination: Where to write the site's lock.

    Raises:
        RuntimeBuildError: A wheel does not fit this Pyodide, or needs a package we do not ship.

    """
    # Imported here (pydantic is slow to import): a cached runtime never needs them.
    from pyodide_lock import PyodideLockSpec  # noqa: PLC0415
    from pyodide_lock.utils import add_wheels_to_spec  # noqa: PLC0415

    base = PyodideLockSpec.from_dict(json.loads(npm_lock))
    sources = [wheel.source for wheel in wheels]
    try:
        with_wheels = add_wheels_to_spec(base, sources, base_path=sources[0].parent)
    except ModuleNotFoundError as error:
        # pyodide-lock reads wheel metadata with pkginfo, which only its `wheel` extra installs.
        msg = f"pyodide-lock needs its 'wheel' extra (pyodide-lock[wheel]) to add wheels: {error}"
        raise RuntimeBuildError(msg) from error
    except (RuntimeError, ValueError) as error:
        msg = f"cannot add {', '.join(w.name for w in sources)} to the Pyodide lock: {error}"
        raise RuntimeBuildError(msg) from error

    published = {wheel.source.name: wheel.published for wheel in wheels}
    added = {name for name, spec in with_wheels.packages.items() if spec.file_name in published}
    for name in sorted(added):
        missing = sorted(set(with_wheels.packages[name].depends) - added)
        if missing:
            msg = (
                f"the {name} wheel depends on {', '.join(missing)}, which the site does not "
                "ship: the calculators must use the standard library only"
            )
            raise RuntimeBuildError(msg)

    packages = {}
    for name in sorted(added):
        # `with_wheels` is our own copy, so its entries may be changed in place.
        spec = packages[name] = with_wheels.packages[name]
        wheel = published[spec.file_name]
        spec.file_name = wheel.relative_to(destination.parent).as_posix()
        spec.sha256 = hashlib.sha256(wheel.read_bytes()).hexdigest()
    site = PyodideLockSpec(info=with_wheels.info, packages=packages, tool=with_wheels.tool)
    site.check_wheel_filenames()
    site.to_json(destination)
