from __future__ import annotations

import hashlib
import io
import re

import pytest
from PIL import Image, ImageChops

from build_scripts.mkdocs_plugin.social import PREVIEW_SIZE, preview_file_name, render_preview

SITE = "Kunderelasjoner"
MARGIN = 80  # The renderer's side margin; text must not reach into it.
LONG_TITLE = (
    "Tillit og lojalitet: hvorfor kundene blir værende når det røyner på – og hva «gode "
    "relasjoner» egentlig koster å bygge og å vedlikeholde over mange år med økende konkurranse"
)


def _ink_box(png: bytes, *, dark: bool = False) -> tuple[int, int, int, int]:
    """Bounding box of everything that differs from the plain background, bottom bar excluded."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    width, height = image.size
    body = image.crop((0, 0, width, height - 20))
    background = Image.new("RGB", body.size, "#1e2029" if dark else "#3f51b5")
    box = ImageChops.difference(body, background).getbbox()
    assert box is not None
    return box


def test_png_has_the_open_graph_size() -> None:
    image = Image.open(io.BytesIO(render_preview(title="Tillit", section=None, site_name=SITE)))
    assert image.format == "PNG"
    assert image.size == PREVIEW_SIZE == (1200, 630)


@pytest.mark.parametrize("dark", [False, True])
def test_same_inputs_give_identical_bytes(dark: bool) -> None:  # noqa: FBT001
    first = render_preview(
        title="Kundens livstidsverdi", section="Økonomi", site_name=SITE, dark=dark
    )
    again = render_preview(
        title="Kundens livstidsverdi", section="Økonomi", site_name=SITE, dark=dark
    )
    assert first == again
    assert preview_file_name("okonomi/clv/", first) == preview_file_name("okonomi/clv/", again)


def test_different_titles_give_different_images_and_names() -> None:
    one = render_preview(title="Tillit", section="Relasjoner", site_name=SITE)
    other = render_preview(title="Lojalitet", section="Relasjoner", site_name=SITE)
    assert one != other
    assert preview_file_name("relasjoner/", one) != preview_file_name("relasjoner/", other)


def test_section_and_dark_variant_change_the_image() -> None:
    plain = render_preview(title="Tillit", section=None, site_name=SITE)
    assert plain != render_preview(title="Tillit", section="Relasjoner", site_name=SITE)
    assert plain != render_preview(title="Tillit", section=None, site_name=SITE, dark=True)


@pytest.mark.parametrize(
    "title",
    [LONG_TITLE * 3, "Kundelojalitetsprogramevalueringsrammeverksdokumentasjonsprosess" * 3],
)
@pytest.mark.parametrize("dark", [False, True])
def test_very_long_titles_stay_inside_the_margins(title: str, dark: bool) -> None:  # noqa: FBT001
    png = render_preview(title=title, section="Relasjoner", site_name=SITE, dark=dark)
    left, top, right, bottom = _ink_box(png, dark=dark)
    width, height = PREVIEW_SIZE
    assert left >= MARGIN - 8  # Glyph side bearings may reach a few pixels left of the pen.
    assert right <= width - MARGIN
    assert top >= MARGIN // 2
    assert bottom <= height - MARGIN // 2


@pytest.mark.parametrize(("norwegian", "plain"), [("ø", "o"), ("æ", "a"), ("å", "a"), ("Ø", "O")])
def test_norwegian_letters_draw_their_own_glyphs(norwegian: str, plain: str) -> None:
    drawn = render_preview(title=f"Bl{norwegian}bær", section=None, site_name=SITE)
    assert drawn != render_preview(title=f"Bl{plain}bær", section=None, site_name=SITE)


def test_norwegian_letters_are_not_the_missing_glyph_box() -> None:
    # A font without æ/ø/å draws the same .notdef box for each, so the three would look alike.
    images = {render_preview(title=f"{c}{c}{c}", section=None, site_name=SITE) for c in "æøåÆØÅ"}
    assert len(images) == 6


@pytest.mark.parametrize(
    ("url", "slug"),
    [
        ("", "forside"),
        ("index.html", "forside"),
        ("relasjoner/tillit/", "relasjoner-tillit"),
        ("relasjoner/tillit.html", "relasjoner-tillit"),
        ("økonomi/kundens-livstidsverdi/", "okonomi-kundens-livstidsverdi"),
        ("Måling/Sæson Å/", "maling-saeson-a"),
        ("café/«sitat» – 1/", "cafe-sitat-1"),
    ],
)
def test_file_names_are_safe_and_carry_the_content_hash(url: str, slug: str) -> None:
    name = preview_file_name(url, b"png bytes")
    assert re.fullmatch(r"[a-z0-9-]+-[0-9a-f]{10}\.png", name)
    assert name == f"{slug}-{hashlib.sha256(b'png bytes').hexdigest()[:10]}.png"
