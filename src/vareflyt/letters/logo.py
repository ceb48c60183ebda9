"""The shop's logo on its printed documents: ``logo.png`` (or, without one, ``logo.svg``) in the
workspace folder, when present.

``load_logo`` reads the file once per run and checks that it is a picture (Pillow, which fpdf2
already uses; an SVG through fpdf2's own SVG reader, which draws it as vector graphics); ``draw_logo``
puts it at the top left of a document's first page, scaled to fit
``MAX_WIDTH`` × ``MAX_HEIGHT`` mm with its proportions kept. The HTML copies of the documents
carry the same picture inline (``Logo.data_uri``), so each stays one file that opens anywhere.
A logo that cannot be read — not a picture, cut off, an unknown format — is never a reason to
stop: the documents are made without it, and the caller shows the message ``load_logo``
returns (Norwegian, says what to do).

>>> load_logo(Path("/finnes-ikke"))
(None, '')
"""

from __future__ import annotations

import base64
import io
import logging
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from PIL import Image

from ..domain.issues import Issue, warning
from ..safe_paths import inside

__all__ = ["LOGO_NAME", "LOGO_NAMES", "Logo", "load_logo", "draw_logo", "workspace_logo"]

LOGO_NAME = "logo.png"
LOGO_NAMES = (LOGO_NAME, "logo.svg")  # the first one there is used
MAX_WIDTH, MAX_HEIGHT = 30.0, 16.0  # mm; the sender's name stands right of the logo
GAP = 4.0  # mm between the logo and the sender's name
LOG = logging.getLogger("vareflyt.documents")

_UNREADABLE = (OSError, ValueError, SyntaxError, Image.DecompressionBombError)


@dataclass(frozen=True)
class Logo:
    data: bytes  # the file as read
    width: float  # mm, as drawn
    height: float  # mm, as drawn
    media_type: str = "image/png"  # what the data is, for the HTML documents

    @cached_property  # one run renders many documents with the same logo: encode it once
    def data_uri(self) -> str:
        """The picture inline for an HTML document's ``<img src=…>``."""
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


def load_logo(root: Path) -> tuple[Logo | None, str]:
    """``(logo, "")`` when ``root/logo.png`` (else ``root/logo.svg``) is a readable picture,
    ``(None, "")`` when there is no such file, and ``(None, message)`` when there is one that
    cannot be used."""
    path = next((p for p in (inside(Path(root), name) for name in LOGO_NAMES) if p.is_file()), None)
    if path is None:
        return None, ""
    try:
        data = path.read_bytes()
        if path.suffix == ".svg":
            (width, height), media_type = _svg_size(data), "image/svg+xml"
        else:
            width, height, media_type = _picture_size(data)
    except _UNREADABLE as exc:
        return None, _problem(type(exc).__name__, path.name)
    if not width or not height:
        return None, _problem("tomt bilde", path.name)
    scale = min(MAX_WIDTH / width, MAX_HEIGHT / height)
    return Logo(data, width * scale, height * scale, media_type), ""


def _picture_size(data: bytes) -> tuple[float, float, str]:
    """Width, height and media type (a ``logo.png`` saved as JPEG is still shown right)."""
    with Image.open(io.BytesIO(data)) as picture:
        picture.load()
        width, height = picture.size
        return width, height, Image.MIME.get(picture.format or "", "image/png")


def _svg_size(data: bytes) -> tuple[float, float]:
    """Width and height of an SVG (its own, else its viewBox's), read by fpdf2's SVG parser."""
    from fpdf.svg import SVGObject

    try:
        svg = SVGObject(data)
    except Exception as exc:  # noqa: BLE001 — fpdf2 and its XML parser raise many kinds for a bad SVG
        raise ValueError(type(exc).__name__) from None
    if svg.width and svg.height:  # float: a picture's size in points for the layout, not an amount
        return float(svg.width), float(svg.height)
    return (float(svg.viewbox[2]), float(svg.viewbox[3])) if svg.viewbox else (0.0, 0.0)


def workspace_logo(root: Path, issues: list[Issue] | None = None) -> Logo | None:
    """The logo for documents made in the workspace at ``root``; the message about a logo that
    cannot be read goes to ``issues`` (as a warning) when given, else to the log."""
    logo, problem = load_logo(root)
    if problem:
        if issues is None:
            LOG.warning(problem)
        else:
            issues.append(warning("documents.logo", problem))
    return logo


def _problem(reason: str, name: str = LOGO_NAME) -> str:
    return (
        f"{name} i arbeidsmappen kan ikke leses som bilde ({reason}); dokumentene lages uten logo. "
        f"Lagre logoen på nytt som PNG (eller SVG), eller fjern filen."
    )


def draw_logo(pdf, logo: Logo, x: float, y: float) -> float:
    """Draw ``logo`` with its top left corner at (x, y) mm; returns the room it takes across
    (its width and a gap), or 0 when fpdf2 cannot embed it (the document goes on without it)."""
    try:
        pdf.image(io.BytesIO(logo.data), x=x, y=y, w=logo.width, h=logo.height)
    except Exception as exc:  # noqa: BLE001 — fpdf2 raises many kinds for pictures it cannot embed
        LOG.warning(_problem(type(exc).__name__))
        return 0.0
    return logo.width + GAP
