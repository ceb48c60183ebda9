"""The shop's logo on its printed documents: ``logo.png`` in the workspace folder, when present.

``load_logo`` reads the file once per run and checks that it is a picture (Pillow, which fpdf2
already uses); ``draw_logo`` puts it at the top left of a document's first page, scaled to fit
``MAX_WIDTH`` × ``MAX_HEIGHT`` mm with its proportions kept. A logo that cannot be read — not a
picture, cut off, an unknown format — is never a reason to stop: the documents are made
without it, and the caller shows the message ``load_logo`` returns (Norwegian, says what to do).

>>> load_logo(Path("/finnes-ikke"))
(None, '')
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from ..domain.issues import Issue, warning
from ..safe_paths import inside

__all__ = ["LOGO_NAME", "Logo", "load_logo", "draw_logo", "workspace_logo"]

LOGO_NAME = "logo.png"
MAX_WIDTH, MAX_HEIGHT = 30.0, 16.0      # mm; the sender's name stands right of the logo
GAP = 4.0                               # mm between the logo and the sender's name
LOG = logging.getLogger("vareflyt.documents")

_UNREADABLE = (OSError, ValueError, SyntaxError, Image.DecompressionBombError)


@dataclass(frozen=True)
class Logo:
    data: bytes         # the file as read
    width: float        # mm, as drawn
    height: float       # mm, as drawn


def load_logo(root: Path) -> tuple[Logo | None, str]:
    """``(logo, "")`` when ``root/logo.png`` is a readable picture, ``(None, "")`` when there is
    no such file, and ``(None, message)`` when there is one that cannot be used."""
    path = inside(Path(root), LOGO_NAME)
    if not path.is_file():
        return None, ""
    try:
        data = path.read_bytes()
        with Image.open(io.BytesIO(data)) as picture:
            picture.load()
            width, height = picture.size
    except _UNREADABLE as exc:
        return None, _problem(type(exc).__name__)
    if not width or not height:
        return None, _problem("tomt bilde")
    scale = min(MAX_WIDTH / width, MAX_HEIGHT / height)
    return Logo(data, width * scale, height * scale), ""


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


def _problem(reason: str) -> str:
    return (f"{LOGO_NAME} i arbeidsmappen kan ikke leses som bilde ({reason}); dokumentene lages uten logo. "
            f"Lagre logoen på nytt som PNG, eller fjern filen.")


def draw_logo(pdf, logo: Logo, x: float, y: float) -> float:
    """Draw ``logo`` with its top left corner at (x, y) mm; returns the room it takes across
    (its width and a gap), or 0 when fpdf2 cannot embed it (the document goes on without it)."""
    try:
        pdf.image(io.BytesIO(logo.data), x=x, y=y, w=logo.width, h=logo.height)
    except Exception as exc:        # noqa: BLE001 — fpdf2 raises many kinds for pictures it cannot embed
        LOG.warning(_problem(type(exc).__name__))
        return 0.0
    return logo.width + GAP
