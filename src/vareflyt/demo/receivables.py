"""The demo shop's customers: an open-items export from its accounting system, and the bank's
camt.054 payment files as the simulated days go by.

``DemoCustomers(seed, today, customers=300)`` makes B2B, B2C and public customers with open
invoices (dates spread over the last 100 days, net 14 or 30), each with a payment habit:
``prompt`` (pays by the due date), ``late`` (pays some weeks late, so a reminder goes out
first), ``part`` (pays half), ``never`` (goes through reminder, dunning and inkassovarsel).
``write_open_items(folder)`` writes ``apne_poster.xlsx`` the way the accounting program
exports it; ``write_payments(folder, day)`` writes ``camt054_<date>.xml`` with the payments
booked that day (None on a day with none). Same seed and date, same bytes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

import xlsxwriter
from stdnum.no import orgnr as orgnr_mod

from ..ids.kid import calc_check_digit

FIRST = ("Kari", "Ola", "Ingrid", "Lars", "Åse", "Per", "Siri", "Jon", "Marte", "Øystein", "Hilde", "Bjørn")
LAST = (
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Berg",
    "Haugen",
)
FIRMS = ("Bygg", "Snekkeri", "Tømrer", "Rør", "Maling", "Entreprenør", "Hus", "Tak", "Eiendom", "Anlegg")
PLACES = (
    ("0155", "Oslo"),
    ("5003", "Bergen"),
    ("7010", "Trondheim"),
    ("4006", "Stavanger"),
    ("9008", "Tromsø"),
    ("3015", "Drammen"),
    ("1606", "Fredrikstad"),
    ("2317", "Hamar"),
    ("6002", "Ålesund"),
    ("8006", "Bodø"),
)
MUNICIPALITIES = (
    "Asker kommune",
    "Bærum kommune",
    "Vestland fylkeskommune",
    "Nordre Follo kommune",
    "Lillestrøm kommune",
    "Statsbygg",
)
HABITS = (("prompt", 50), ("late", 20), ("part", 10), ("never", 20))
HEADINGS = [
    "Kundenr",
    "Kundenavn",
    "Kundetype",
    "Orgnr",
    "Adresse",
    "Postnr",
    "Poststed",
    "E-post",
    "Fakturanr",
    "Fakturadato",
    "Forfallsdato",
    "Beløp",
    "Betalt",
    "KID",
    "Valuta",
]
OPEN_ITEMS = "apne_poster.xlsx"


@dataclass(frozen=True)
class DemoInvoice:
    number: str
    customer_no: str
    invoice_date: date
    due_date: date
    amount: Decimal
    kid: str
    pays_on: date | None  # booking date of the payment (None: never pays)
    pays: Decimal  # amount paid then


@dataclass(frozen=True)
class DemoCustomer:
    number: str
    name: str
    kind: str  # B2B | B2C | Offentlig
    orgnr: str
    street: str
    postcode: str
    city: str
    email: str
    habit: str


def _orgnr(rng: random.Random) -> str:
    """A random organisation number with a valid MOD11 check digit (weights 3,2,7,6,5,4,3,2)."""
    while True:
        body = str(rng.randint(81000000, 99999999))
        rest = sum(int(d) * w for d, w in zip(body, (3, 2, 7, 6, 5, 4, 3, 2))) % 11
        check = (11 - rest) % 11
        if check != 10 and orgnr_mod.is_valid(body + str(check)):
            return body + str(check)


class DemoCustomers:
    def __init__(self, seed: int, today: date, customers: int = 300):
        rng = random.Random(f"{seed}:customers")
        self.today = today
        self.customers: list[DemoCustomer] = []
        self.invoices: list[DemoInvoice] = []
        number = 50001
        for i in range(customers):
            roll = rng.random()
            kind = "B2B" if roll < 0.6 else "B2C" if roll < 0.9 else "Offentlig"
            postcode, city = rng.choice(PLACES)
            if kind == "B2C":
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                org = ""
            elif kind == "B2B":
                name = f"{rng.choice(LAST)} {rng.choice(FIRMS)} AS"
                org = _orgnr(rng)
            else:
                name = MUNICIPALITIES[i % len(MUNICIPALITIES)] + (
                    "" if i < len(MUNICIPALITIES) else f" avd. {i}"
                )
                org = _orgnr(rng)
            habit = rng.choices([h for h, _ in HABITS], [w for _, w in HABITS])[0]
            customer = DemoCustomer(
                str(10000 + i),
                name,
                kind,
                org,
                f"{rng.choice(LAST)}veien {rng.randint(1, 99)}",
                postcode,
                city,
                f"faktura{10000 + i}@example.no",
                habit,
            )
            self.customers.append(customer)
            for _ in range(rng.randint(1, 3)):
                invoice_date = today - timedelta(days=rng.randint(3, 100))
                due = invoice_date + timedelta(days=rng.choice((14, 30)))
                amount = Decimal(rng.randint(500, 80000)) + Decimal(rng.choice((0, 50, 90))) / 100
                body = f"{number:07d}"
                kid = body + calc_check_digit(body, "mod10")
                pays_on, pays = self._payment(rng, habit, invoice_date, due, amount)
                self.invoices.append(
                    DemoInvoice(str(number), customer.number, invoice_date, due, amount, kid, pays_on, pays)
                )
                number += 1

    def _payment(self, rng, habit: str, invoice_date: date, due: date, amount: Decimal):
        if habit == "never":
            return None, Decimal(0)
        if habit == "prompt":
            day = due - timedelta(days=rng.randint(0, 5))
        else:
            day = due + timedelta(days=rng.randint(10, 40))
        day = max(day, invoice_date + timedelta(days=1))
        return day, (amount / 2).quantize(Decimal("0.01")) if habit == "part" else amount

    def open_on(self, day: date) -> list[DemoInvoice]:
        """Invoices issued by ``day`` and not fully paid before it (what the export lists)."""
        return [
            i
            for i in self.invoices
            if i.invoice_date <= day and not (i.pays_on and i.pays_on < day and i.pays == i.amount)
        ]

    def write_open_items(self, folder: Path, day: date | None = None) -> Path:
        """The accounting program's open-items export as of ``day`` (default: the demo's first day)."""
        day = day or self.today
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / OPEN_ITEMS
        by_no = {c.number: c for c in self.customers}
        book = xlsxwriter.Workbook(str(path), {"constant_memory": False})
        book.set_properties({"created": datetime(2026, 1, 1)})
        sheet = book.add_worksheet("Åpne poster")
        dates = book.add_format({"num_format": "dd.mm.yyyy"})
        money = book.add_format({"num_format": "# ##0.00"})
        sheet.write_row(0, 0, HEADINGS)
        for r, inv in enumerate(self.open_on(day), start=1):
            c = by_no[inv.customer_no]
            paid = inv.pays if inv.pays_on and inv.pays_on < day else Decimal(0)
            sheet.write_row(
                r, 0, [c.number, c.name, c.kind, c.orgnr, c.street, c.postcode, c.city, c.email, inv.number]
            )
            sheet.write_datetime(r, 9, datetime.combine(inv.invoice_date, datetime.min.time()), dates)
            sheet.write_datetime(r, 10, datetime.combine(inv.due_date, datetime.min.time()), dates)
            # float: the accounting export's number cell is an IEEE double (amounts in øre, exact)
            sheet.write_number(r, 11, float(inv.amount), money)
            sheet.write_number(r, 12, float(paid), money)
            sheet.write_row(r, 13, [inv.kid, "NOK"])
        book.close()
        return path

    def payments_on(self, day: date) -> list[DemoInvoice]:
        return [i for i in self.invoices if i.pays_on == day]

    def write_payments(self, folder: Path, day: date, account: str = "") -> Path | None:
        """The bank's camt.054 for ``day`` (payments booked that day), or None when there are none."""
        paid = self.payments_on(day)
        if not paid:
            return None
        by_no = {c.number: c for c in self.customers}
        entries = []
        for n, inv in enumerate(paid, start=1):
            entries.append(
                f'<Ntry><Amt Ccy="NOK">{inv.pays:.2f}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>'
                f"<BookgDt><Dt>{day.isoformat()}</Dt></BookgDt><ValDt><Dt>{day.isoformat()}</Dt></ValDt>"
                f"<AcctSvcrRef>DEMO-{day:%Y%m%d}-{n:04d}</AcctSvcrRef><NtryDtls><TxDtls>"
                f"<Refs><AcctSvcrRef>TX-{day:%Y%m%d}-{n:04d}</AcctSvcrRef></Refs>"
                f'<AmtDtls><TxAmt><Amt Ccy="NOK">{inv.pays:.2f}</Amt></TxAmt></AmtDtls>'
                f"<RltdPties><Dbtr><Nm>{escape(by_no[inv.customer_no].name)}</Nm></Dbtr></RltdPties>"
                f"<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>{inv.kid}</Ref>"
                f"</CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>"
            )
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"><BkToCstmrDbtCdtNtfctn>'
            f"<GrpHdr><MsgId>DEMO-{day:%Y%m%d}</MsgId><CreDtTm>{day.isoformat()}T06:00:00</CreDtTm></GrpHdr>"
            f"<Ntfctn><Id>N{day:%Y%m%d}</Id><CreDtTm>{day.isoformat()}T06:00:00</CreDtTm>"
            f"<Acct><Id><Othr><Id>{escape(account or '00000000000')}</Id></Othr></Id></Acct>"
            + "".join(entries)
            + "</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>\n"
        )
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"camt054_{day.isoformat()}.xml"
        path.write_text(xml, encoding="utf-8")
        return path


RATES_TOML = """\
# Arbeidsmappens egne satser (går foran satsene som følger med vareflyt, se docs/batch.md).
# DEMO: forsinkelsesrenten for halvåret fra 1. juli 2026 er ikke kjent ennå da demoen ble laget.
# Raden under er en ANTAGELSE for at demoen skal virke, og viser hvordan du legger til et halvår:
# rett interest til satsen Finansdepartementet har fastsatt, og sett confirmed = true.
[[half_year]]
start = 2026-07-01
interest = "12.00"
compensation = "460"
source = "demo: antatt sats, ikke bekreftet"
confirmed = false
"""


def write_demo_rates(root: Path) -> Path:
    """The demo workspace's own ``rates.toml`` (a clearly marked assumption), unless one exists."""
    path = Path(root) / "rates.toml"
    if not path.exists():
        path.write_text(RATES_TOML, encoding="utf-8")
    return path
