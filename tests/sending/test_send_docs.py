"""docs/batch.md's worked example is a configuration vareflyt accepts, with the channels it says:
SFTP for the EDI supplier's ORDERS, e-mail for the other supplier's printable order."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

from vareflyt.config import Config
from vareflyt.config.sending import partner_channel
from vareflyt.jobs.sending.channels import route
from vareflyt.store.sendable import Sendable

DOC = Path(__file__).resolve().parents[2] / "docs" / "batch.md"


def test_worked_example_parses_and_routes_as_documented():
    text = DOC.read_text(encoding="utf-8")
    example = text[text.index("### A worked example") : text.index("### Failures, retries")]
    raw = tomllib.loads(re.search(r"```toml\n(.*?)```", example, re.S).group(1))
    config = Config(raw)
    config.validate_all()
    sending = config.sending
    assert (sending.enabled, sending.smtp_security, sending.password_env) == (
        True,
        "starttls",
        "VAREFLYT_SMTP_PASSORD",
    )
    partners = config.partners
    edi = partner_channel("7080000000029", partners["7080000000029"].raw)
    paper = partner_channel("7080000000036", partners["7080000000036"].raw)
    on = date(2026, 3, 2)
    assert (
        route(Sendable("edi_order", "k", "7080000000029", ("o.edi",), on), edi).recipient
        == "sftp.edi-tjenesten.no:22/inn"
    )
    assert route(Sendable("order", "k", "7080000000036", ("o.pdf",), on), paper).recipient == "ordre@papir.no"
    assert route(Sendable("letter", "k", "10002", ("b.pdf",), on), None).channel == "none"
    assert "SFTP til sftp.edi-tjenesten.no:22/inn" in example
