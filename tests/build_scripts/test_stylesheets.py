"""The site's one stylesheet: its parts put in place of their ``@import`` lines, again after a
part changes, and a missing part named."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from build_scripts.finish import FinishError, FinishOptions, finish_site
from build_scripts.finish.stylesheets import STYLESHEET, inline_parts
from tests.build_scripts.runtime_support import built_site_of
from tests.conftest import PROJECT_ROOT

if TYPE_CHECKING:
    from pathlib import Path

    from build_scripts.runtime import Runtime
    from tests.conftest import BuiltSite

ENTRY = """/* The site's styles. */

@import url("calculators/forms.css");
@import url("calculators/print.css");
"""
FORMS = ".calculator { margin: 1.5em 0; }\n"
PRINT = "@media print {\n  .calculator button { display: none; }\n}"  # no final newline


def stylesheet_site(root: Path) -> Path:
    (root / "stylesheets" / "calculators").mkdir(parents=True)
    (root / STYLESHEET).write_text(ENTRY, encoding="utf-8")
    (root / "stylesheets" / "calculators" / "forms.css").write_text(FORMS, encoding="utf-8")
    (root / "stylesheets" / "calculators" / "print.css").write_text(PRINT, encoding="utf-8")
    return root


def test_each_part_stands_where_its_import_stood_in_the_same_order(tmp_path: Path) -> None:
    site = stylesheet_site(tmp_path)
    assert inline_parts(site) == []
    assert (site / STYLESHEET).read_text(encoding="utf-8") == (
        "/* The site's styles. */\n\n"
        f"/* part: calculators/forms.css */\n{FORMS}/* end of part: calculators/forms.css */\n"
        f"/* part: calculators/print.css */\n{PRINT}\n/* end of part: calculators/print.css */\n"
    )


def test_a_second_run_changes_nothing_and_a_changed_part_is_put_in_again(
    tmp_path: Path,
) -> None:
    # make serve: MkDocs copies only the part that changed, and the step runs again over the
    # stylesheet it finished before.
    site = stylesheet_site(tmp_path)
    inline_parts(site)
    once = (site / STYLESHEET).read_text(encoding="utf-8")
    inline_parts(site)
    assert (site / STYLESHEET).read_text(encoding="utf-8") == once
    (site / "stylesheets" / "calculators" / "forms.css").write_text(
        ".calculator { margin: 2em 0; }\n", encoding="utf-8"
    )
    inline_parts(site)
    again = (site / STYLESHEET).read_text(encoding="utf-8")
    assert again == once.replace("1.5em", "2em")
    assert "@import" not in again


def test_a_site_without_the_stylesheet_is_left_alone(tmp_path: Path) -> None:
    assert inline_parts(tmp_path) == []
    assert not (tmp_path / STYLESHEET).exists()


def test_a_missing_part_stops_the_build_naming_it(tmp_path: Path, runtime: Runtime) -> None:
    site = built_site_of(tmp_path, {"index.html": "<!doctype html><title>A</title><p>A</p>"})
    stylesheet_site(site)
    (site / "stylesheets" / "calculators" / "print.css").unlink()
    with pytest.raises(FinishError, match=r"calculators/print\.css"):
        finish_site(site, FinishOptions(), project_root=tmp_path, runtime=runtime)


def test_the_built_site_has_every_part_in_one_stylesheet(built_site: BuiltSite) -> None:
    served = (built_site.directory / STYLESHEET).read_text(encoding="utf-8")
    # No @import left for the browser to follow: one request for our styles.
    assert not re.search(r"^@import", served, flags=re.MULTILINE)
    parts = sorted((PROJECT_ROOT / "docs" / "stylesheets" / "calculators").glob("*.css"))
    assert len(parts) >= 2
    for part in parts:
        assert part.read_text(encoding="utf-8") in served, part.name
