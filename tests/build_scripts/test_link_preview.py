"""The link-preview tags and JSON-LD a page gets, from its facts."""

from __future__ import annotations

import dataclasses
import json
import re

from build_scripts.mkdocs_plugin.link_preview import (
    SCHEMA_ORG,
    PageFacts,
    PageKind,
    head_tags,
    json_ld,
)

FACTS = PageFacts(
    title="Tillit «på ordentlig»",
    description='Hva tillit er, og hvorfor "tillit" </script> ikke kan kjøpes.',
    url="https://eksempel.no/kr/relasjoner/tillit/",
    site_name="Kunderelasjoner",
    site_url="https://eksempel.no/kr/",
    image_url="https://eksempel.no/kr/assets/social/relasjoner-tillit-0123456789.png",
    image_alt="Tillit – Kunderelasjoner",
    image_size=(1200, 630),
    kind=PageKind.ARTICLE,
    date_modified="2026-11-30",
)
LD_BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def _property(tags: str, name: str) -> str:
    [value] = re.findall(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', tags)
    return value


def test_an_article_has_the_open_graph_and_twitter_set() -> None:
    tags = head_tags(FACTS)
    assert _property(tags, "og:type") == "article"
    assert _property(tags, "og:locale") == "nb_NO"
    assert _property(tags, "og:site_name") == "Kunderelasjoner"
    assert _property(tags, "og:url") == FACTS.url
    assert _property(tags, "og:image") == FACTS.image_url
    assert _property(tags, "og:image:width") == "1200"
    assert _property(tags, "og:image:height") == "630"
    assert _property(tags, "twitter:card") == "summary_large_image"
    assert _property(tags, "article:modified_time") == "2026-11-30"
    # Escaped as attribute values: a quote cannot end the attribute.
    assert _property(tags, "og:description") == (
        "Hva tillit er, og hvorfor &quot;tillit&quot; &lt;/script&gt; ikke kan kjøpes."
    )


def test_the_json_ld_block_cannot_be_ended_by_the_text_inside_it() -> None:
    [block] = LD_BLOCK.findall(head_tags(FACTS))
    data = json.loads(block)
    assert data["description"] == FACTS.description
    assert "</script>" not in block


def test_structured_data_by_kind_of_page() -> None:
    article = json.loads(json_ld(FACTS))
    assert article["@context"] == SCHEMA_ORG
    assert article["@type"] == "Article"
    assert article["headline"] == FACTS.title
    assert article["dateModified"] == "2026-11-30"
    assert article["inLanguage"] == "nb"
    calculator = json.loads(json_ld(dataclasses.replace(FACTS, kind=PageKind.CALCULATOR)))
    assert calculator["@type"] == "WebApplication"
    assert calculator["isAccessibleForFree"] is True
    front = json.loads(json_ld(dataclasses.replace(FACTS, kind=PageKind.FRONT)))
    assert front["@type"] == "WebSite"
    assert _property(head_tags(dataclasses.replace(FACTS, kind=PageKind.FRONT)), "og:type") == (
        "website"
    )


def test_without_a_known_date_nothing_is_claimed() -> None:
    facts = dataclasses.replace(FACTS, date_modified=None)
    assert "dateModified" not in json.loads(json_ld(facts))
    assert "article:modified_time" not in head_tags(facts)
