"""Benchmark: reading a camt.054 bank file of 5 000 credits (``edi.camt054.parse_camt054``) and
matching them to 20 000 open invoices (``rules.dunning.matching.match_payments``); wall and CPU
seconds. The credits are as Norwegian payers write them: half with a structured KID, a fifth
with the KID typed in the message (``Ustrd``), a fifth naming the invoice number in the message,
the rest with a text that names nothing open. The anchor, which no change to vareflyt moves,
parses the same bytes with lxml alone.

Run: ``.venv/bin/python bench/bench_payments.py``. Side by side with an older tree:
``PYTHONPATH=/tmp/before/src .venv/bin/python bench/bench_payments.py``.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from decimal import Decimal

from lxml import etree

from vareflyt.edi.camt054 import parse_camt054
from vareflyt.ids.kid import calc_check_digit
from vareflyt.rules.dunning.matching import Incoming, OpenItem, match_payments

INVOICES, CREDITS, ROUNDS = 20_000, 5_000, 5


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """The best of ``ROUNDS`` runs: (wall, CPU) seconds."""
    best = (float("inf"), float("inf"))
    for _ in range(ROUNDS):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        best = min(best, (time.perf_counter() - wall, time.process_time() - cpu))
    return best


def kid(n: int) -> str:
    body = f"{n:09d}"
    return body + calc_check_digit(body, "mod10")


def credit(n: int, rnd: random.Random) -> str:
    invoice = 100_000 + rnd.randrange(INVOICES)
    amount = f"{rnd.randint(100, 10**6) / 100:.2f}"
    share = n % 10
    if share < 5:
        scor = "<Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp>"
        remittance = f"<Strd><CdtrRefInf>{scor}<Ref>{kid(invoice)}</Ref></CdtrRefInf></Strd>"
    elif share < 7:
        remittance = f"<Ustrd>Betaling KID {kid(invoice)} takk</Ustrd>"
    elif share < 9:
        remittance = f"<Ustrd>Faktura {invoice} varer levert 12.11</Ustrd>"
    else:
        remittance = "<Ustrd>Innbetaling 2026-12 ref 88 stk</Ustrd>"
    return (
        f"<TxDtls><Refs><AcctSvcrRef>TX{n}</AcctSvcrRef></Refs>"
        f'<AmtDtls><TxAmt><Amt Ccy="NOK">{amount}</Amt></TxAmt></AmtDtls>'
        f"<RltdPties><Dbtr><Nm>Kunde {n}</Nm></Dbtr></RltdPties><RmtInf>{remittance}</RmtInf></TxDtls>"
    )


def bank_file(rnd: random.Random) -> bytes:
    txs = "".join(credit(n, rnd) for n in range(CREDITS))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">'
        "<BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>B</MsgId><CreDtTm>2026-12-02T06:00:00</CreDtTm></GrpHdr>"
        "<Ntfctn><Id>N</Id><CreDtTm>2026-12-02T06:00:00</CreDtTm><Acct><Id><Othr><Id>15032080119</Id></Othr>"
        '</Id><Ccy>NOK</Ccy></Acct><Ntry><Amt Ccy="NOK">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>'
        f"<BookgDt><Dt>2026-12-01</Dt></BookgDt><NtryDtls>{txs}</NtryDtls></Ntry></Ntfctn>"
        "</BkToCstmrDbtCdtNtfctn></Document>"
    ).encode()


def main() -> None:
    rnd = random.Random(5)
    data = bank_file(rnd)
    items = [
        OpenItem(
            str(100_000 + n), f"K{n % 5000:05d}", kid(100_000 + n), Decimal(rnd.randint(100, 10**6)) / 100
        )
        for n in range(INVOICES)
    ]
    payments, _ = parse_camt054(data, "bank.xml")
    incoming = [Incoming(p.amount, p.kid, "", p.text) for p in payments]
    matched = sum(1 for m in match_payments(incoming, items) if m.invoice_no)
    found = {
        "read camt.054": timed(lambda: parse_camt054(data, "bank.xml")),
        "match": timed(lambda: match_payments(incoming, items)),
        "anchor (lxml parse)": timed(lambda: etree.fromstring(data)),
    }
    print(f"{len(payments)} credits, {matched} matched; ", end="")
    print("; ".join(f"{name}: {wall:.3f} s wall, {cpu:.3f} s CPU" for name, (wall, cpu) in found.items()))


if __name__ == "__main__":
    main()
