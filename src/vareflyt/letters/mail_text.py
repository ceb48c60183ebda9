"""Subject and body of an e-mail, in Norwegian, from ``templates/email/<kind>.nb.txt.j2``.

The first line of the rendered template is the subject, the rest (after a blank line) the plain
text body. A template in the workspace's ``templates/email/`` wins over vareflyt's own, so the
shop can word its mail itself; text is not HTML-escaped (it is a text/plain part).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from ..domain.issues import VareflytError
from .render import format_date, template_loader


@lru_cache(maxsize=8)
def _environment(workspace_templates: str) -> jinja2.Environment:
    folder = workspace_templates if workspace_templates and Path(workspace_templates).is_dir() else ""
    env = jinja2.Environment(
        loader=template_loader(folder),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["dato"] = format_date
    return env


def render_mail(kind: str, workspace_root: Path | None, **context) -> tuple[str, str]:
    """(subject, body) of the ``kind`` mail (``order``, ``notice``, ``letter``)."""
    folder = str(Path(workspace_root) / "templates") if workspace_root else ""
    try:
        text = _environment(folder).get_template(f"email/{kind}.nb.txt.j2").render(**context)
    except jinja2.TemplateError as exc:
        raise VareflytError(
            f"E-postmalen email/{kind}.nb.txt.j2 kan ikke brukes: {exc}. Rett malen i "
            f"templates/email/ eller slett den for å bruke vareflyts egen."
        ) from None
    subject, _, body = text.lstrip("\n").partition("\n")
    return " ".join(subject.split()), body.lstrip("\n")
