"""What a run compares: bare Pyodide, the site, and the site with its levers taken away.

Every variant but the baseline is a site folder of its own, served by a host of its own (its
own origin, so its own browser caches). A lever is taken away by a switch of something real,
never by patching what the site ships:

- **memory snapshot**: the site finished again with the finishing step's
  ``memory_snapshot: false``; the names manifest tells the worker to keep no snapshot;
- **early start**: finished with ``start_hints: false``; every page then starts Python on
  a reader's intent only, as a page without a calculator does;
- **service worker**: the folder deployed without ``service-worker.js``; the host answers
  404 for it, as any host does for a missing file, and the page runs without one;
- **bytecode**: the runtime as Pyodide ships it (the npm package's standard library and a
  wheel of sources, named in the lock) in place of the build's byte-compiled, trimmed one;
- **stored stdlib** (an experiment, not adopted): ``python_stdlib.zip`` with the same
  members stored uncompressed, from a host that gzips zips too. Only the progress bar's end
  (the pages' ``data-bytes``) is not moved by the difference; nothing timed reads it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import sys
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from bench.host import DEFAULT_GZIP_TYPES
from bench.site import NPM_PYODIDE, PROJECT_ROOT, runtime_folder
from build_scripts.finish import finish_site
from build_scripts.finish.names import NAMES_SCRIPT, SERVICE_WORKER
from build_scripts.finish.options import read_options
from build_scripts.runtime.builder import CLI_MODULE, LOCK_FILE_NAME
from build_scripts.runtime.bytecompile import STDLIB_NAME
from build_scripts.runtime.wheel import build_wheel, project_version, python_sources

if TYPE_CHECKING:
    from pathlib import Path

BASELINE: Final = "baseline"
OURS: Final = "ours"
VIA_INDEX: Final = "via_index"
STORED: Final = "stored_stdlib"
#: The site as built from another git revision (``--against``), for a same-run before/after.
AGAINST: Final = "against"
#: The levers, from none left to all but the memory snapshot, each adding one.
LADDER: Final = ("sources", "bytecode", "early_start", "service_worker")
#: What each variant is, for the report and the JSON.
LABELS: Final = {
    BASELINE: "bare Pyodide",
    "sources": "Pyodide som levert (kildekode), uten tidlig start og service worker",
    "bytecode": "+ bytekompilert og trimmet standardbibliotek og hjul",
    "early_start": "+ tidlig start fra <head>",
    "service_worker": "+ service worker",
    OURS: "alle tiltak",
    STORED: "alle tiltak, standardbiblioteket lagret ukomprimert",
    VIA_INDEX: "alle tiltak, 10 s på kalkulatorer/ og så et klikk",
    AGAINST: "vår side, bygget fra en annen revisjon (--against)",
}
#: What the stored-stdlib host gzips: a host's defaults plus zips (and so wheels).
ZIP_GZIP_TYPES: Final = DEFAULT_GZIP_TYPES | {"application/zip"}


@dataclass(frozen=True, slots=True)
class Variant:
    """One thing a run measures: the folder its host serves and how that host gzips."""

    name: str
    site_dir: Path
    gzip_types: frozenset[str] = DEFAULT_GZIP_TYPES


@dataclass(frozen=True, slots=True)
class Variants:
    """Every variant of a run, in report order, and the stdlib's sizes if it was stored."""

    all: tuple[Variant, ...]
    stdlib_bytes: dict[str, int]


def variants(
    site_dir: Path, scratch: Path, *, levers: bool, beside: dict[str, Path] | None = None
) -> Variants:
    """Return the run's variants; with ``levers``, lay out a site folder for each lever.

    ``beside``: other built sites measured beside ours, by name (:data:`AGAINST` for another
    revision's, or a name of one's own for a folder made by hand).
    """
    ours = Variant(OURS, site_dir)
    extra = tuple(Variant(name, folder) for name, folder in (beside or {}).items())
    if not levers:
        return Variants(
            (Variant(BASELINE, site_dir), ours, *extra, Variant(VIA_INDEX, site_dir)), {}
        )
    sys.stdout.write("Lager variantene uten hvert grep …\n")
    folder = scratch / "levers"
    service_worker = _finished_again(site_dir, folder / "service_worker", memory_snapshot=False)
    early_start = _without_service_worker(_copy(service_worker, folder / "early_start"))
    bytecode = _without_service_worker(
        _finished_again(site_dir, folder / "bytecode", memory_snapshot=False, start_hints=False)
    )
    sources = _runtime_as_shipped(_copy(bytecode, folder / "sources"))
    stored, stdlib_bytes = _stored_stdlib(site_dir, folder / STORED)
    return Variants(
        (
            Variant(BASELINE, site_dir),
            Variant("sources", sources),
            Variant("bytecode", bytecode),
            Variant("early_start", early_start),
            Variant("service_worker", service_worker),
            ours,
            *extra,
            Variant(STORED, stored, frozenset(ZIP_GZIP_TYPES)),
            Variant(VIA_INDEX, site_dir),
        ),
        stdlib_bytes,
    )


def _copy(site_dir: Path, target: Path) -> Path:
    shutil.copytree(site_dir, target)
    return target


def _finished_again(
    site_dir: Path, target: Path, *, memory_snapshot: bool = True, start_hints: bool = True
) -> Path:
    """Copy the built site and run the finishing step over it again with these switches.

    The step replaces what an earlier run wrote (hints, policy, names), so the copy is the
    site a build with these options in ``mkdocs.yml`` would have given.
    """
    _copy(site_dir, target)
    options = dataclasses.replace(
        read_options(PROJECT_ROOT / "mkdocs.yml"),
        memory_snapshot=memory_snapshot,
        start_hints=start_hints,
    )
    finish_site(target, options, project_root=PROJECT_ROOT)
    names = (target / NAMES_SCRIPT).read_text(encoding="utf-8")
    if f'"memorySnapshot": {json.dumps(memory_snapshot)}' not in names:
        msg = f"{NAMES_SCRIPT} does not say memorySnapshot: {memory_snapshot}; update the bench"
        raise RuntimeError(msg)
    return target


def _without_service_worker(site_dir: Path) -> Path:
    (site_dir / SERVICE_WORKER).unlink()
    return site_dir


def _runtime_as_shipped(site_dir: Path) -> Path:
    """Put the npm standard library and a wheel of sources in the runtime's folder."""
    folder = site_dir / runtime_folder(site_dir)
    sources = {
        path: (PROJECT_ROOT / path).read_bytes()
        for path in python_sources(PROJECT_ROOT / "calculators")
        if path.name != CLI_MODULE
    }
    wheel = build_wheel(sources, project_version(PROJECT_ROOT), site_dir.parent / "wheel")
    lock = json.loads((folder / LOCK_FILE_NAME).read_text(encoding="utf-8"))
    entry = lock["packages"]["calculators"]
    (folder / entry["file_name"]).unlink()
    shutil.copyfile(wheel, folder / wheel.name)
    entry["file_name"] = wheel.name
    entry["sha256"] = hashlib.sha256(wheel.read_bytes()).hexdigest()
    (folder / LOCK_FILE_NAME).write_text(json.dumps(lock), encoding="utf-8")
    shutil.copyfile(NPM_PYODIDE / STDLIB_NAME, folder / STDLIB_NAME)
    return site_dir


def _stored_stdlib(site_dir: Path, target: Path) -> tuple[Path, dict[str, int]]:
    """Copy the site with ``python_stdlib.zip`` rewritten uncompressed; return both sizes.

    The members, their order and their dates stay; only the compression changes, so the
    host's gzip sees the bytecode itself and compresses across members.
    """
    _copy(site_dir, target)
    stdlib = target / runtime_folder(target) / STDLIB_NAME
    original = stdlib.read_bytes()
    source_copy = target.parent / "stdlib-deflated.zip"
    source_copy.write_bytes(original)
    with (
        zipfile.ZipFile(source_copy) as source,
        zipfile.ZipFile(stdlib, "w", zipfile.ZIP_STORED) as stored,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, info.date_time)
            member.external_attr = info.external_attr
            member.compress_type = zipfile.ZIP_STORED
            stored.writestr(member, source.read(info))
    return target, {"deflated": len(original), "stored": stdlib.stat().st_size}
