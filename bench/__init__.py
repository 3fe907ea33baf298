"""``make bench``: how fast the calculators answer against bare Pyodide (``python -m bench``).

:mod:`bench.host` is the one local host for a built site, at full speed or a phone's pace;
the tests serve the site with it too. The rest is the benchmark: :mod:`bench.site` builds
the site, :mod:`bench.variants` lays out the levers, :mod:`bench.measure` visits every
variant on a profile (:mod:`bench.visits`, :mod:`bench.recompute`), :mod:`bench.builds`
times the builds, and :mod:`bench.report` prints what :mod:`bench.results` stores.
"""
