"""What the files dropped in ``inbox/`` are, by their content (never by extension alone).

``scan(ws)`` lists the inbox (subfolders too) in order of arrival and classifies each file:

* EDIFACT (starts with ``UNA``/``UNB``): a PRICAT is a price list (``prices``), ORDRSP,
  DESADV, INVOIC and the rest go to the ``edi read`` dispatcher (``edi``);
* XML: a bank camt.054 notification is ``payments``; EHF/UBL invoices go to ``edi``;
* spreadsheets and CSV: the header row is matched against the synonym tables of price lists,
  party lists, open-items exports and payment lists; the best match whose telltale fields
  are present wins (``prices``, ``parties``, ``receivables``, ``payments``).

A price list needs its supplier: the subfolder ``inbox/<GLN>/``, else a partner whose
``price_files`` pattern matches the file name (``[partners."GLN"] price_files =
"trelast_*.xlsx"``), else (PRICAT only) the interchange's sender when it is a partner. A file that
cannot be placed gets ``problem`` set (Norwegian text for
the morning report) and stays in the inbox until a person acts. A file whose size still
changes while the scan watches it for a moment is being uploaded: it is left for the next run.
"""

from __future__ import annotations

import fnmatch
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from stdnum import ean

from ...domain.issues import VareflytError
from ...domain.wording import plural
from ..suppliers import Suppliers, supplier_label

if TYPE_CHECKING:
    from ...workspace import Workspace

SHEET_TABLES = ("prices", "parties", "receivables", "payments")
TELLTALE: dict[str, list[tuple[str, ...]]] = {
    "prices": [("article_no",), ("net", "gross", "campaign_net")],
    "parties": [("name",), ("gln", "orgnr", "party_no", "roles")],
    "receivables": [("invoice_no",), ("due_date",), ("customer_no", "customer_name")],
    "payments": [("paid_on",), ("amount",)],
}
PRICE_KINDS = ("new", "change", "replace")
RECENT_SECONDS = 10.0  # a file changed this recently may still be arriving ...
SETTLE_SECONDS = 0.5  # ... so it is watched this long for growth
HEAD_BYTES = 65536


@dataclass
class InboxFile:
    path: Path
    kind: str  # prices | parties | receivables | payments | edi | unknown | arriving
    supplier: str | None = None  # price lists: the supplier's GLN
    price_kind: str | None = None
    doc_type: str | None = None  # EDIFACT message type, "EHF" or "camt.054"
    problem: str | None = None  # why the file waits for a person


def partner_rules(ws: Workspace) -> tuple[dict[str, dict], dict[str, str]]:
    """({GLN: {"pattern", "kind"}}, {GLN: problem}) from the partners' batch settings; a broken
    setting is reported for that partner only."""
    rules, broken = {}, {}
    for gln, partner in ws.config.partners.items():
        raw = partner.raw
        pattern, kind = raw.get("price_files"), raw.get("price_kind", "new")
        if isinstance(pattern, str):
            pattern = [pattern]
        if pattern is not None and not (
            isinstance(pattern, list) and pattern and all(isinstance(p, str) and p.strip() for p in pattern)
        ):
            broken[gln] = (
                f'[partners."{gln}"] price_files = {raw.get("price_files")!r} er ugyldig; skriv et '
                f'filnavnmønster, f.eks. price_files = "trelast_*.xlsx"'
            )
            continue
        if kind not in PRICE_KINDS:
            broken[gln] = (
                f'[partners."{gln}"] price_kind = {kind!r} er ugyldig; skriv new, change eller replace'
            )
            continue
        rules[gln] = {"patterns": pattern or [], "kind": kind}
    return rules, broken


def arrival_order(ws: Workspace) -> list[Path]:
    if not ws.inbox.is_dir():
        return []
    found = [
        p
        for p in ws.inbox.rglob("*")
        if p.is_file() and not p.name.startswith((".", "~$")) and not p.name.endswith((".tmp", ".reason.txt"))
    ]
    return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name))


def _edifact_types(head: bytes) -> list[str]:
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.decode("latin-1")
    text = text.lstrip("\ufeff\xef\xbb\xbf \r\n\t")
    comp, elem = (text[3], text[4]) if text.startswith("UNA") and len(text) > 5 else (":", "+")
    pattern = (
        re.escape("UNH" + elem)
        + "[^"
        + re.escape(elem)
        + "]*"
        + re.escape(elem)
        + r"([A-Z0-9]{3,6})"
        + re.escape(comp)
    )
    return list(dict.fromkeys(re.findall(pattern, text)))


def _edifact_sender(head: bytes) -> str | None:
    """The sender identification of the UNB segment (a GLN for NeB partners)."""
    text = head.decode("latin-1").lstrip("\ufeff\xef\xbb\xbf \r\n\t")
    comp, elem = (text[3], text[4]) if text.startswith("UNA") and len(text) > 5 else (":", "+")
    start = text.find("UNB" + elem)
    if start < 0:
        return None
    parts = text[start : start + 200].split(elem)
    return parts[2].split(comp)[0] if len(parts) > 2 else None


def _is_edifact(head: bytes) -> bool:
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        head = head.decode("utf-16", errors="ignore").encode("latin-1", errors="ignore")
    return head.lstrip(b"\xef\xbb\xbf \r\n\t")[:3] in (b"UNA", b"UNB")


def _sheet_table(path: Path) -> tuple[str | None, str | None]:
    """(table, problem) for a spreadsheet or CSV, from its header row."""
    from ...excel.headers import find_header, load_spec
    from ...excel.sheets import read_sheets

    try:
        sheets = read_sheets(path)
    except VareflytError as exc:
        return None, str(exc)
    best: tuple[int, str] | None = None
    tie = False
    for sheet in sheets[:3]:
        for table in SHEET_TABLES:
            match = find_header(sheet, load_spec(table))
            if match is None or not all(any(f in match.columns for f in group) for group in TELLTALE[table]):
                continue
            if best is None or match.score > best[0]:
                best, tie = (match.score, table), False
            elif match.score == best[0] and table != best[1]:
                tie = True
        if best:
            break
    if best is None:
        return None, (
            "fant ingen kjente kolonneoverskrifter (prisliste, partnerliste, åpne poster eller "
            "innbetalinger); sjekk filen eller importer den med riktig kommando"
        )
    if tie:
        return None, "overskriftene passer like godt for flere filtyper; importer filen med riktig kommando"
    return best[1], None


def _price_supplier(
    ws: Workspace, path: Path, rules: dict, broken: dict
) -> tuple[str | None, str | None, str | None]:
    """(supplier GLN, price kind, problem) for a price list."""
    folder = path.parent.name
    if path.parent != ws.inbox and len(folder) == 13 and folder.isdigit() and ean.is_valid(folder):
        if folder in broken:
            return None, None, broken[folder]
        return folder, rules.get(folder, {}).get("kind", "new"), None
    hits = [
        gln
        for gln, rule in rules.items()
        if any(fnmatch.fnmatch(path.name.lower(), p.strip().lower()) for p in rule["patterns"])
    ]
    if len(hits) == 1:
        return hits[0], rules[hits[0]]["kind"], None
    if len(hits) > 1:
        names = Suppliers(ws)
        return (
            None,
            None,
            (
                f"filnavnet passer price_files for flere leverandører "
                f"({', '.join(names.label(g) for g in hits)}); "
                f"gjør mønstrene entydige eller legg filen i inbox/<GLN>/"
            ),
        )
    why = "ukjent leverandør: legg filen i inbox/<leverandørens GLN>/ eller sett price_files for leverandøren"
    if broken:
        why += f" (NB: {plural(len(broken), 'leverandør', 'leverandører')} har feil innstilling)"
    return None, None, why


def classify(ws: Workspace, path: Path, rules: dict, broken: dict) -> InboxFile:
    with open(path, "rb") as fh:
        head = fh.read(HEAD_BYTES)
    if not head:
        return InboxFile(path, "unknown", problem="filen er tom (0 byte)")
    if _is_edifact(head):
        types = _edifact_types(head)
        if "PRICAT" in types:
            supplier, kind, problem = _price_supplier(ws, path, rules, broken)
            sender = _edifact_sender(head)
            if supplier is None and sender in ws.config.partners and sender not in broken:
                supplier, problem = sender, None  # the interchange names its sender
            return InboxFile(path, "prices", supplier, None, "PRICAT", problem)
        sender = _edifact_sender(head)
        problem = (
            f"leverandøren {supplier_label(ws, sender)} har feil innstilling: {broken[sender]}"
            if sender is not None and sender in broken
            else None
        )
        return InboxFile(path, "edi", supplier=sender, doc_type=",".join(types) or "EDIFACT", problem=problem)
    if head.lstrip(b"\xef\xbb\xbf \r\n\t")[:1] == b"<":
        from ...edi.camt054 import looks_like_camt054

        if looks_like_camt054(head):
            return InboxFile(path, "payments", doc_type="camt.054")
        if b"Invoice" in head or b"CreditNote" in head:
            return InboxFile(path, "edi", doc_type="EHF")
        return InboxFile(path, "unknown", problem="XML-filen er verken EHF-faktura eller camt.054")
    if head.startswith(b"%PDF"):
        return InboxFile(path, "unknown", problem="PDF-filer leses ikke; be om EHF, EDIFACT eller regneark")
    table, problem = _sheet_table(path)
    if table is None:
        return InboxFile(path, "unknown", problem=problem)
    if table == "prices":
        supplier, kind, problem = _price_supplier(ws, path, rules, broken)
        return InboxFile(path, "prices", supplier, kind, "prisliste", problem)
    return InboxFile(path, table)


def still_arriving(
    paths: list[Path], *, recent: float = RECENT_SECONDS, wait: float = SETTLE_SECONDS
) -> set[Path]:
    """The files whose size or time changes while we wait a moment: an upload (SFTP, a mail
    robot) still writing them. Only files changed in the last ``recent`` seconds are watched,
    so a night whose files came in earlier waits not at all."""
    now = time.time()
    watched: dict[Path, tuple[int, int]] = {}
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            continue
        if now - st.st_mtime < recent:
            watched[path] = (st.st_size, st.st_mtime_ns)
    if not watched:
        return set()
    time.sleep(wait)
    busy = set()
    for path, before in watched.items():
        try:
            st = path.stat()
        except OSError:  # renamed or removed while we waited: the uploader is busy
            busy.add(path)
            continue
        if (st.st_size, st.st_mtime_ns) != before:
            busy.add(path)
    return busy


def scan(ws: Workspace, unusable: dict[str, str] | None = None) -> tuple[list[InboxFile], dict[str, str]]:
    """Every inbox file, classified, in arrival order; and the partners with broken settings
    (``unusable``: partners whose table in vareflyt.toml could not be read at all). A file still
    being written (``still_arriving``) is listed as kind ``arriving`` and read next run."""
    rules, broken = partner_rules(ws)
    broken.update(unusable or {})
    out = []
    paths = arrival_order(ws)
    busy = still_arriving(paths)
    for path in paths:
        if path in busy:
            out.append(
                InboxFile(
                    path, "arriving", problem="skrives fortsatt (opplasting pågår); leses neste kjøring"
                )
            )
            continue
        try:
            out.append(classify(ws, path, rules, broken))
        except OSError as exc:
            out.append(InboxFile(path, "unknown", problem=f"filen kan ikke leses: {exc}"))
    return out, broken
