"""What goes on the morning report's "needs a person" list is decided by the issue-code
registry (``needs_person``), not by code prefixes: an invalid e-mail address in a party list
needs a person, an unknown country does not; errors always do; a locked workbook never does."""

from __future__ import annotations

from datetime import date, datetime

from vareflyt.domain.issues import Source, error, info, warning
from vareflyt.jobs.nightly import run_batch
from vareflyt.jobs.nightly.context import RunContext

PARTIES = (
    "Partnernr;Navn;GLN;Orgnr;Roller;E-post;Land\r\n"
    "9001;Testkunde Bygg AS;7080000000029;923609016;BY;ikke-en-adresse;NO\r\n"
    "9002;Annen Kunde AS;;;BY;post@annen.no;Narnia\r\n"
)


class _Log:
    def __init__(self) -> None:
        self.events: list[tuple] = []

    def event(self, *args, **fields) -> None:
        self.events.append((args, fields))


def _context() -> RunContext:
    return RunContext(
        ws=None, on=date(2026, 11, 20), now=datetime(2026, 11, 20, 2, 30), run_id="t", log=_Log()
    )


def test_a_party_list_with_a_bad_email_and_an_odd_country_lists_only_the_email(workspace):
    (workspace.inbox / "partnere.csv").write_text(PARTIES, encoding="utf-8")
    result = run_batch(workspace, on=date(2026, 11, 20))
    kinds = [a["kind"] for a in result.extra["attention"]]
    assert [c["kind"] for c in result.extra["came_in"]] == ["parties"]
    assert "party.email" in kinds and "party.country" not in kinds
    [email] = [a for a in result.extra["attention"] if a["kind"] == "party.email"]
    assert "ikke-en-adresse" in email["message"] and email["step"] == "inbox"


def test_errors_and_registered_warnings_need_a_person_notes_and_locked_workbooks_do_not():
    ctx = _context()
    where = Source(file="liste.csv", row=3)
    ctx.issues_needing_a_person(
        [
            error("header.missing", "Fant ingen kolonne for navn (påkrevd).", where),
            warning("party.iban", "IBAN «NO00» er ugyldig og er ikke lagret", where),
            warning(
                "party.country", "Land «Narnia» er ikke en landkode (NO, SE, ...); lagret som skrevet", where
            ),
            warning("workbook.locked", "Innkjøp.xlsx er åpen i Excel", where),
            info("invoice.none", "Ingen leverandørfakturaer i lageret"),
            info("text.mac_roman", "Filen er lest som Mac Roman", where),
            warning("order_response.partial", "Ordre 5: linje 1: bare 2 av 4 leveres", where),
            warning("invoice.deviation", "Faktura F-1 har avvik", where),
        ],
        "inbox",
    )
    assert [a["kind"] for a in ctx.attention] == [
        "header.missing",
        "party.iban",
        "text.mac_roman",
        "order_response.partial",
    ]
    assert ctx.attention[0] == {
        "kind": "header.missing",
        "message": "liste.csv:rad 3: Fant ingen kolonne for navn (påkrevd).",
        "file": "liste.csv",
        "partner": None,
        "step": "inbox",
        "link": None,
    }


def test_a_quiet_night_relists_the_last_runs_old_norwegian_kinds_under_todays_codes(workspace):
    import json

    run_batch(workspace, on=date(2026, 11, 20))
    state = workspace.private / "batch" / "last_run.json"
    saved = json.loads(state.read_text(encoding="utf-8"))  # as a version before the English codes wrote it
    saved["attention"] = [
        {"kind": "ordresvar.delvis", "message": "Ordre 5: Linje 1: bare 2 av 4 leveres"},
        {"kind": "fil.venter", "message": "priser.csv venter i inbox"},
    ]
    state.write_text(json.dumps(saved), encoding="utf-8")
    again = run_batch(workspace, on=date(2026, 11, 20))
    assert [a["kind"] for a in again.extra["attention"]] == ["order_response.partial", "file.waiting"]
