"""The copies of Material's templates differ from Material's own only where they say."""

from __future__ import annotations

import pytest

from tests.site.theme_overrides import OVERRIDES, OVERRIDES_LIST, Override, expected_copy


@pytest.mark.parametrize("override", OVERRIDES_LIST, ids=lambda o: o.path)
def test_each_copy_is_materials_template_with_the_listed_edits(override: Override) -> None:
    copy = (OVERRIDES / override.path).read_text(encoding="utf-8")
    assert copy == expected_copy(override), (
        f"overrides/{override.path} has drifted from Material's template and its edits: "
        "run `python -m tests.site.theme_overrides` to copy Material's template anew"
    )


def test_no_other_template_is_overridden() -> None:
    copies = {p.relative_to(OVERRIDES).as_posix() for p in OVERRIDES.rglob("*.html")}
    assert copies == {override.path for override in OVERRIDES_LIST}
