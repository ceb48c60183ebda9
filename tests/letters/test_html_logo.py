"""The HTML copy of every document carries the shop's logo too (a gap left by issue 20 item 3,
which drew it on the PDFs only): inline as a data URI, so the file stays one file that opens in
any browser or mail program, with the picture's own media type and the PDF's size in mm. Without
a logo, or with one that cannot be read, the HTML has no picture and is otherwise the same."""

from __future__ import annotations

import base64
import re
from datetime import date, datetime
from decimal import Decimal as D
from pathlib import Path

import pytest

from tests.letters.reading import write_logo
from tests.letters.test_document_layout import DOCUMENTS
from tests.letters.test_letterhead import SVG_LOGO
from vareflyt.letters.logo import load_logo

IMG = re.compile(
    r'<img class="logo" src="data:([^;]+);base64,([A-Za-z0-9+/=]+)" alt="([^"]*)" style="([^"]*)">'
)


def _logo(folder: Path, kind: str):
    if kind == "png":
        write_logo(folder / "logo.png")
    else:
        (folder / "logo.svg").write_text(SVG_LOGO, encoding="utf-8")
    logo, problem = load_logo(folder)
    assert logo is not None and problem == ""
    return logo


@pytest.mark.parametrize("kind", ["png", "svg"])
@pytest.mark.parametrize("document", DOCUMENTS)
def test_the_html_of_every_document_shows_the_logo_inline(document, kind, tmp_path):
    logo = _logo(tmp_path, kind)
    html = DOCUMENTS[document][0](logo, html=True)
    [(media_type, data, alt, style)] = IMG.findall(html)
    assert media_type == {"png": "image/png", "svg": "image/svg+xml"}[kind]
    assert base64.b64decode(data) == (tmp_path / f"logo.{kind}").read_bytes()
    assert alt == "Bygg &amp; Ærlig AS"  # the sender's name, escaped
    assert style == f"width:{round(logo.width, 1)}mm;height:{round(logo.height, 1)}mm"
    assert html.index("<img") < html.index("Bygg &amp; Ærlig AS</b>")  # above the sender


@pytest.mark.parametrize("document", DOCUMENTS)
def test_without_a_logo_the_html_has_no_picture_and_the_same_text(document, tmp_path):
    make = DOCUMENTS[document][0]
    plain, with_logo = make(None, html=True), make(_logo(tmp_path, "png"), html=True)
    assert "<img" not in plain
    assert IMG.sub("", with_logo).replace("<body>\n\n", "<body>\n") == plain.replace("<body>\n\n", "<body>\n")


def test_a_logo_png_saved_as_jpeg_is_given_its_real_media_type(tmp_path):
    from PIL import Image

    Image.new("RGB", (120, 40), (20, 50, 130)).save(tmp_path / "logo.png", format="JPEG")
    logo, problem = load_logo(tmp_path)
    assert problem == "" and logo is not None and logo.media_type == "image/jpeg"
    assert logo.data_uri.startswith("data:image/jpeg;base64,/9j/")


def test_orders_make_writes_the_logo_into_the_order_html(tmp_path):
    from vareflyt.domain.catalogue import CatalogueArticle
    from vareflyt.jobs.make_orders import make_orders
    from vareflyt.rules.ordering import EntryLine
    from vareflyt.workspace import init_workspace

    from .test_document_jobs import CONFIG, PAPER

    ws = init_workspace(tmp_path / "ws", config_text=CONFIG)
    try:
        write_logo(ws.root / "logo.png")
        article = CatalogueArticle("P1", "Skruer 5x50", unit="PK", net=D("129.90"))
        result = make_orders(
            ws,
            entries=[EntryLine(PAPER, "P1", D(3))],
            on=date(2026, 3, 2),
            now=datetime(2026, 3, 2, 9),
            catalogue=lambda gln, key, on: [article] * (key == "P1"),
        )
        [order] = result.extra["orders"]
        html = Path(order["file"]).with_suffix(".html").read_text(encoding="utf-8")
    finally:
        ws.close()
    [(media_type, data, _, _)] = IMG.findall(html)
    assert media_type == "image/png" and base64.b64decode(data) == (ws.root / "logo.png").read_bytes()
