"""Every built page carries a strict Content-Security-Policy that allows its own scripts."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from build_scripts.finish.csp import inline_script_hashes

if TYPE_CHECKING:
    from tests.conftest import BuiltSite

META = re.compile(
    r'<meta http-equiv="Content-Security-Policy" content="(?P<policy>[^"]+)"'
    r" data-calculators-finish>"
)


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def test_every_page_has_a_strict_policy_that_allows_its_inline_scripts(
    built_site: BuiltSite,
) -> None:
    pages = sorted(built_site.directory.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        match = META.search(html)
        assert match, f"{page} has no CSP meta"
        assert html.index(match[0]) < html.index("<script"), "the policy must precede scripts"
        policy = directives(match["policy"])
        assert policy["default-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["form-action"] == ["'none'"]
        assert policy["worker-src"] == ["'self'"]
        assert policy["connect-src"] == ["'self'"]
        script_src = policy["script-src"]
        assert script_src[:2] == ["'self'", "'wasm-unsafe-eval'"]
        assert "'unsafe-inline'" not in script_src
        assert "'unsafe-eval'" not in script_src
        assert set(inline_script_hashes(html)) <= set(script_src)
        assert "frame-ancestors" not in policy, "ignored (and logged as an error) in a meta"
        # Share links put typed values in the address; no request may carry it on.
        assert '<meta name="referrer" content="no-referrer" data-calculators-finish>' in html


def test_headers_file_carries_the_policy_for_every_path(built_site: BuiltSite) -> None:
    lines = (built_site.directory / "_headers").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "/*"
    header = next(line for line in lines if "Content-Security-Policy:" in line)
    policy = directives(header.split(":", 1)[1])
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    for page in built_site.directory.rglob("*.html"):
        assert set(inline_script_hashes(page.read_text(encoding="utf-8"))) <= set(
            policy["script-src"]
        )


def test_inline_script_hashes_ignore_data_blocks_and_external_scripts() -> None:
    html = (
        '<script src="a.js"></script><script type="application/json">{"a": 1}</script>'
        "<script>run()</script>"
    )
    assert inline_script_hashes(html) == ["'sha256-AvyuiL0SD1mVY3NNxR+V2uo+lhk6RMFrytWmRt6CrJQ='"]
