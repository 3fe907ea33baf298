"""``make bench``: how fast the calculators answer, on each network, against bare Pyodide.

``python -m bench --profiles loopback,4g,slow-4g [--levers] [--rounds N]``

Builds the site once, then on each profile serves it through the one host
(:mod:`bench.host`): ``loopback`` at full speed on 127.0.0.1, ``4g`` and ``slow-4g`` at the
pace of Lighthouse's mobile presets, gzipped as hosts gzip. On every profile, all variants
take turns round by round in Debian's headless Chromium, each in a fresh profile (cold),
then again in the same profile (warm):

- **baseline**: a page that starts bare Pyodide from the npm files in a module worker and
  runs one line of Python; time from navigation start to its answer on the page;
- **ours**: the calculator page, a value typed as soon as the form exists; time from
  navigation start to that value's live result. Also first paint (and whether the outputs
  held their build-time results then), LCP and CLS until the live result, the bytes the
  host sent (on the wire, uncompressed, and as gzip would send them), the time the link
  needs just to move them (``transfer``) and when the last of them left;
- **via_index**: ``kalkulatorer/`` opened and read for 10 s, then the link to the
  calculator clicked; time from the click to the live result, and whether Material's
  instant navigation took the click and the runtime was fetched again;
- with ``--against REV``, the site as built from another git revision, beside ours (the
  same visits, cold and warm), for a before/after in one run;
- with ``--levers``, the site with levers taken away (:mod:`bench.variants`): the runtime
  as Pyodide ships it, then byte-compiled and trimmed, then the early start, then the
  service worker (*ours* adds the memory snapshot); and the stdlib zip stored
  uncompressed, from a host that gzips zips.

Then the **recompute** on each profile: input → updated output, p50/p95 over 100 changes,
right after the first live result and once the page has settled. And once per run, unless
``--skip-build``, the **build** timings (:mod:`bench.builds`).

Prints medians and ratios beside the targets and writes everything as JSON under
``bench/results/``. Not a test: nothing here asserts; the targets and the figures live in
``docs/utvikling/ytelse.md``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Final

from playwright.sync_api import sync_playwright

from bench.builds import measure_builds
from bench.host import PROFILES
from bench.measure import measure_profile
from bench.report import summary
from bench.results import Results, write_results
from bench.site import PROJECT_ROOT, build_revision, free_port, workspace
from bench.variants import AGAINST, LABELS, variants

#: Rounds per profile unless ``--rounds`` says: on 127.0.0.1 a round takes seconds.
DEFAULT_ROUNDS: Final = {"loopback": 5}
DEFAULT_ROUNDS_THROTTLED: Final = 3


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print a summary and write the JSON."""
    arguments = _parser().parse_args(argv)
    names = [name.strip() for name in arguments.profiles.split(",") if name.strip()]
    unknown = [name for name in names if name not in PROFILES]
    if unknown:
        sys.stderr.write(f"ukjent profil: {', '.join(unknown)} (kjente: {', '.join(PROFILES)})\n")
        return 2
    began = time.monotonic()
    with workspace("bench-") as work:
        beside = {}
        if arguments.against:
            sys.stdout.write(f"Bygger nettstedet slik det var ved {arguments.against} …\n")
            beside[AGAINST] = build_revision(
                arguments.against, work.scratch / "against", free_port()
            )
        for entry in arguments.site:
            name, _, folder = entry.partition("=")
            beside[name] = Path(folder)
        chosen = variants(work.site_dir, work.scratch, levers=arguments.levers, beside=beside)
        results = Results(label=arguments.label, started=work.started, page=work.page)
        results.variants = {
            variant.name: LABELS.get(variant.name, str(variant.site_dir)) for variant in chosen.all
        }
        if arguments.against:
            results.variants[AGAINST] = f"vår side ved {arguments.against}"
        results.stdlib_bytes = chosen.stdlib_bytes
        with sync_playwright() as playwright:
            for name in names:
                rounds = arguments.rounds or DEFAULT_ROUNDS.get(name, DEFAULT_ROUNDS_THROTTLED)
                sys.stdout.write(f"Profil {name}, {rounds} runder …\n")
                results.profiles[name] = measure_profile(
                    playwright, PROFILES[name], chosen.all, work, rounds
                )
        if not arguments.skip_build:
            results.builds = measure_builds(work.scratch, work.port, arguments.build_rounds)
    results.minutes = (time.monotonic() - began) / 60
    sys.stdout.write(summary(results))
    out = write_results(results)
    sys.stdout.write(f"\nJSON: {out.relative_to(PROJECT_ROOT)}\n")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--profiles",
        default="loopback,4g,slow-4g",
        help=f"comma-separated, measured in this order (known: {', '.join(PROFILES)})",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=None,
        help="visits of each variant per profile (default: 5 on loopback, 3 on the others)",
    )
    parser.add_argument(
        "--levers",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="also measure the site with each lever taken away",
    )
    parser.add_argument("--build-rounds", type=int, default=3, help="builds of each kind")
    parser.add_argument("--skip-build", action="store_true", help="skip the build timings")
    parser.add_argument("--label", default="", help="a note stored with the results")
    parser.add_argument(
        "--against",
        metavar="REV",
        default="",
        help="also measure the site as built from this git revision, beside ours",
    )
    parser.add_argument(
        "--site",
        action="append",
        default=[],
        metavar="NAME=FOLDER",
        help="also measure this built folder beside ours (repeatable; for an experiment)",
    )
    return parser


if __name__ == "__main__":
    sys.exit(main())
