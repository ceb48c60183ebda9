"""Issue 20 item 3: ``logo.svg`` in the workspace is drawn on every printed document like
``logo.png`` (which wins when both are there), and the company block from ``[company]`` heads
every document, the morning report included."""

from __future__ import annotations

from datetime import date

import pytest

from tests.letters.reading import dark_pixels, find, images_on, pieces, png_of, write_logo
from tests.letters.test_document_layout import DOCUMENTS
from vareflyt.jobs.nightly import run_batch
from vareflyt.letters.logo import load_logo
from vareflyt.workspace import init_workspace

# as a drawing program writes it: a dark block with a white ring, 3:1, sized by its viewBox only
SVG_LOGO = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100">
  <rect x="0" y="0" width="300" height="100" fill="#102a5c"/>
  <circle cx="50" cy="50" r="30" fill="none" stroke="#ffffff" stroke-width="8"/>
</svg>
"""


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_a_logo_svg_is_drawn_on_every_document(kind, tmp_path):
    (tmp_path / "logo.svg").write_text(SVG_LOGO, encoding="utf-8")
    logo, problem = load_logo(tmp_path)
    assert problem == "" and logo is not None
    assert round(logo.width / logo.height, 2) == 3.0  # proportions from the viewBox
    pdf = DOCUMENTS[kind][0](logo)
    assert images_on(pdf) == []  # drawn as vector graphics, not a picture
    assert find(pieces(pdf), "Bygg & Ærlig AS", bold=True).x > 20 + logo.width
    assert dark_pixels(png_of(pdf), 20, 12, 20 + logo.width, 12 + logo.height) > 1000


def test_logo_png_wins_over_logo_svg(tmp_path):
    (tmp_path / "logo.svg").write_text(SVG_LOGO, encoding="utf-8")
    write_logo(tmp_path / "logo.png")
    logo, _ = load_logo(tmp_path)
    assert logo is not None and logo.data.startswith(b"\x89PNG")


def test_an_unreadable_logo_svg_is_left_out_with_a_message_naming_it(tmp_path):
    (tmp_path / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'><rect", encoding="utf-8")
    logo, problem = load_logo(tmp_path)
    assert logo is None and problem.startswith("logo.svg i arbeidsmappen kan ikke leses som bilde")


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_the_company_block_heads_every_printed_document(kind):
    found = pieces(DOCUMENTS[kind][0]())
    name = find(found, "Bygg & Ærlig AS", bold=True)
    street = find(found, "Industriveien 5")
    assert name.top < 30 and street.top > name.top and find(found, "7080 Heimdal").top > street.top


def test_the_morning_report_carries_the_company_block(tmp_path):
    ws = init_workspace(tmp_path / "ws")
    config = ws.config_path.read_text(encoding="utf-8")
    ws.config_path.write_text(
        config.replace('address = ""', 'address = "Industriveien 5"', 1)
        .replace('postcode = ""', 'postcode = "7080"', 1)
        .replace('city = ""', 'city = "Heimdal"', 1),
        encoding="utf-8",
    )
    ws.close()
    ws = init_workspace(tmp_path / "ws")
    try:
        run_batch(ws, on=date(2026, 11, 20))
        html = next((ws.root / "rapporter").glob("morgenrapport-*.html")).read_text(encoding="utf-8")
    finally:
        ws.close()
    block = html.split('<p class="company">', 1)[1].split("</p>", 1)[0]
    assert (
        block.startswith("<b>Min Byggevare AS</b>") and "Industriveien 5" in block and "7080 Heimdal" in block
    )
    assert html.index('<p class="company">') < html.index("<h1>Morgenrapport")
