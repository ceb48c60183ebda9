"""A customer the export gives neither a postal address nor an e-mail address: the letter is
made, and the run says that it cannot be sent until someone fills in where it should go (an
inkassovarsel must reach the debtor, inkassoloven § 9)."""

from datetime import date

from vareflyt.jobs.import_receivables import import_receivables
from vareflyt.jobs.run_dunning import run_dunning
from vareflyt.workspace import init_workspace

# as an accounting system exports open items: one customer without address or e-mail
EXPORT = (
    "Kundenr;Kundenavn;Kundetype;Adresse;E-post;Fakturanr;Fakturadato;Forfallsdato;Beløp;Betalt\r\n"
    "30001;Ærlend Øvergård;Privat;;;8001;01.10.2026;01.11.2026;1 500,00;0,00\r\n"
    "30002;Kari Nordmann;Privat;Lia 3, 2000 Lillestrøm;;8002;01.10.2026;01.11.2026;900,00;0,00\r\n"
    "30003;Per Hansen;Privat;;per@example.no;8003;01.10.2026;01.11.2026;700,00;0,00\r\n"
)


def test_a_letter_to_a_customer_without_address_or_email_is_flagged(tmp_path):
    ws = init_workspace(tmp_path / "ws")
    try:
        export = tmp_path / "apne_poster.csv"
        export.write_bytes(EXPORT.encode("utf-8"))
        assert import_receivables(ws, export, as_of=date(2026, 11, 2)).ok
        result = run_dunning(ws, on=date(2026, 12, 2), write_workbook=False)
        assert sorted(r["customer"] for r in result.extra["reminders"]) == ["30001", "30002", "30003"]
        (issue,) = [i for i in result.issues if i.code == "dunning.no_address"]
        assert not issue.is_error
        assert issue.message.startswith(
            "Kunde 30001 (Ærlend Øvergård) har verken adresse eller e-postadresse: brevet (påminnelse) "
            "kan ikke sendes."
        )
    finally:
        ws.close()
