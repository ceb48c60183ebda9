"""Reading an open-items export into the rows ``store.receivables.sync_invoices`` takes, with
every problem an ``Issue`` at its place (file:sheet!cell).

Checked per row: required values (customer, name, invoice, dates, amount); amounts as
accounting programs write them (``10 000,00``, ``-2 000,00``, ``2.000,00-``), where text that
is no amount (``1 2OO,OO``, ``ca. 500``) or has more than two decimals (``12.000``: thousands
separator or decimal point?) is an error, in the paid and outstanding columns too, since a
misread payment would dun a customer for money paid; lengths against the store's columns
(customer and invoice number 35, KID 25, name and e-mail 200, address 500); control characters
in numbers (these checks of single values are in ``jobs.open_items_checks``). Customer and
invoice numbers are kept exactly as written (``77/1``, ``../x`` are legal identifiers; file
names are made safe where they are built).

Credit notes: a negative amount is a credit note (or an unapplied payment); a document type
column (``Bilagstype``: Faktura, Kreditnota, KN, Innbetaling ...) makes a credit note written
with a positive amount negative, saying so. A plain ``Type`` column is the customer type
unless its values are document types. A credit note partly used already (``-2 000,00`` with
``-500,00`` left) is stored as what is left of it, with nothing paid: the store counts payments
on invoices, never negative ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from stdnum.no import orgnr as orgnr_mod

from ..domain.issues import Issue, Severity, Source, error, info, warning
from ..domain.money import ZERO, format_kr, to_ore
from ..domain.receivables import Customer, CustomerKind, ExportedItem
from ..excel.tabular import TableRead, parse_table, read_table
from ..ids import kid as kid_mod
from ..rules.open_items import doc_kind
from .open_items_checks import LABELS, money_problem, text_checks

REQUIRED = ("customer_no", "customer_name", "invoice_no", "invoice_date", "due_date", "amount")
MONEY = ("amount", "paid", "outstanding")


@dataclass
class ExportRows:
    """The export's rows (for ``sync_invoices``), its customers, and each row's place."""

    read: TableRead
    invoices: list[ExportedItem] = field(default_factory=list)
    customers: dict[str, Customer] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)  # invoice number -> sheet row
    kinds: dict[str, CustomerKind] = field(default_factory=dict)  # customer -> type written in the export

    def where(self, invoice_no: str, fkey: str | None = None) -> Source:
        return self.read.source(self.rows.get(invoice_no), fkey)


def _customer_kind(value: str | None, orgnr: str, where: Source, issues: list) -> CustomerKind | None:
    """The customer type written in the row, or None (an unknown one is warned about)."""
    kind = CustomerKind.parse(value)
    if kind is None and value:
        issues.append(
            warning(
                "receivables.type",
                f"Ukjent kundetype «{value}»; bruk B2B, B2C eller offentlig. "
                f"Behandlet som {'B2B' if orgnr else 'B2C (forbruker)'}.",
                where,
            )
        )
    return kind


def _merged(earlier: Customer | None, later: Customer, typed: CustomerKind | None) -> Customer:
    """A customer on several rows: a later row's value wins, but an empty cell (a credit-note
    row without the address, say) does not wipe what an earlier row gave. The type is the one
    written (on this row, else on an earlier one), else B2B with an organisation number."""
    fields = ("orgnr", "address", "email", "language", "credit_limit")
    keep = (
        {} if earlier is None else {f: getattr(earlier, f) for f in fields if getattr(later, f) in ("", None)}
    )
    merged = replace(later, **keep)
    kind = typed or (CustomerKind.B2B if merged.orgnr else CustomerKind.B2C)
    return replace(merged, kind=kind)


def _document(v: dict, where, issues: list[Issue]) -> str | None:
    """The row's document kind; a credit note or payment written with a positive amount is negated."""
    written = v.get("doc_type")
    if (
        written is None
        and doc_kind(v.get("customer_type"))
        and CustomerKind.parse(v.get("customer_type")) is None
    ):
        written, v["customer_type"] = v["customer_type"], None  # a "Type" column holding document types
    kind = doc_kind(written)
    if written and kind is None:
        issues.append(
            warning(
                "receivables.doc_type",
                f"Ukjent bilagstype «{written}»; raden leses etter beløpets "
                f"fortegn (negativt beløp = kreditnota).",
                where("doc_type"),
            )
        )
    if kind in ("credit", "payment") and v["amount"] > 0:
        what = "kreditnota" if kind == "credit" else "innbetaling uten faktura"
        issues.append(
            info(
                "receivables.credit_sign",
                f"Bilagstype «{written}» med positivt beløp "
                f"({format_kr(v['amount'])} kr): lest som {what} på {format_kr(-v['amount'])} kr.",
                where("amount"),
            )
        )
        for fkey in MONEY:
            if v.get(fkey) is not None and v[fkey] > 0:
                v[fkey] = -v[fkey]
    return kind


def read_export(path: Path, issues: list[Issue], columns: dict[str, str] | None = None) -> ExportRows | None:
    """The export's rows, or None when its header is unusable; row problems go to ``issues``."""
    read = read_table(path, "receivables", overrides=columns or None)
    issues.extend(read.issues)
    if any(i.is_error for i in read.issues):
        return None
    typed = parse_table(read)
    out = ExportRows(read)
    address_at = next((f for f in ("address", "postcode", "city") if f in read.columns), "address")
    for index, (row_no, v, problems) in enumerate(typed.iter_rows()):
        before = sum(1 for i in issues if i.is_error)

        def where(fkey: str | None = None, _row: int = row_no) -> Source:
            return read.source(_row, fkey)

        bad = set(problems)
        for fkey in MONEY:
            if fkey in read.raw:
                money = money_problem(fkey, read.raw[fkey][index], problems.pop(fkey, None), v.get(fkey))
                if money:
                    issues.append(error("receivables.amount", money, where(fkey)))
                    bad.add(fkey)
        for fkey, problem in problems.items():
            severity = Severity.ERROR if fkey in REQUIRED else Severity.WARNING
            issues.append(typed.problem_issue(row_no, fkey, problem, severity, code="receivables.value"))
        for fkey in REQUIRED:
            if v.get(fkey) is None and fkey not in bad:
                issues.append(error("receivables.missing", f"Mangler {LABELS[fkey]}.", where(fkey)))
        no = v.get("invoice_no")
        if no is not None and no in out.rows:
            issues.append(
                error(
                    "receivables.duplicate",
                    f"Faktura {no} står to ganger (også rad {out.rows[no]}).",
                    where("invoice_no"),
                )
            )
        org = (v.get("orgnr") or "").replace(" ", "")
        address = ", ".join(
            p for p in (v.get("address"), " ".join(x for x in (v.get("postcode"), v.get("city")) if x)) if p
        )
        kid = (v.get("kid") or "").replace(" ", "")
        text_checks(
            {**v, "orgnr": org, "address": address, "kid": kid},
            lambda f: where(address_at if f == "address" else f),
            issues,
        )
        if sum(1 for i in issues if i.is_error) > before:
            continue
        assert no is not None  # a row without an invoice number got a "missing" error above
        out.rows[no] = row_no
        _document(v, where, issues)
        if org and not orgnr_mod.is_valid(org):
            issues.append(
                warning(
                    "receivables.org_number",
                    f"Organisasjonsnummer {org} har feil kontrollsiffer (MOD11).",
                    where("orgnr"),
                )
            )
        if kid and not kid_mod.is_valid(kid):
            issues.append(
                warning(
                    "receivables.kid",
                    f"KID {kid} er ugyldig (verken MOD10 eller MOD11); "
                    f"innbetalinger avstemmes da på fakturanummer og beløp.",
                    where("kid"),
                )
            )
        amount: Decimal = to_ore(v["amount"])
        paid = v.get("paid")
        if paid is None and v.get("outstanding") is not None:
            paid = amount - v["outstanding"]
        if amount < 0 and paid:  # a credit note partly used: what is left of it (either sign of "used")
            amount, paid = min(amount + abs(paid), ZERO), ZERO
        if v["due_date"] < v["invoice_date"]:
            issues.append(warning("receivables.due", "Forfallsdato er før fakturadato.", where("due_date")))
        number = v["customer_no"]
        language = (v.get("language") or "").strip().lower()[:2]
        written = _customer_kind(v.get("customer_type"), org, where(), issues) or out.kinds.get(number)
        if written is not None:
            out.kinds[number] = written
        out.customers[number] = _merged(
            out.customers.get(number),
            Customer(
                number=number,
                name=v["customer_name"],
                orgnr=org,
                address=address,
                email=v.get("email") or "",
                credit_limit=v.get("credit_limit"),
                language=language if language in ("nb", "en") else "",
            ),
            written,
        )
        out.invoices.append(
            ExportedItem(
                invoice_no=no,
                customer_no=number,
                invoice_date=v["invoice_date"],
                due_date=v["due_date"],
                amount=amount,
                paid=to_ore(paid or ZERO),
                kid=kid,
                currency=(v.get("currency") or "NOK").upper()[:3],
                credit_for=v.get("credit_for") or "",
            )
        )
    return out
