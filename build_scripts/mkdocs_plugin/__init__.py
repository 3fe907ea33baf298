"""MkDocs' own part: the calculators plugin and what only MkDocs can give it.

The plugin (:mod:`.plugin`) names a broken directive's page and line, reloads calculators
under `mkdocs serve` (:mod:`.dirty_reload`), keeps forms out of the search index
(:mod:`.search_stub`), and writes link previews from MkDocs' page metadata and git dates
(:mod:`.link_preview`, :mod:`.preview_images`, :mod:`.social`); then it runs the
engine-independent finishing step (:mod:`build_scripts.finish`).
"""
