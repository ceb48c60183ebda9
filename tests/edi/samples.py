"""Valid NeB message bodies (lists of pydifact Segments) for validator, writer and CLI tests."""

from __future__ import annotations

from datetime import datetime

from pydifact.segments import Segment as S

BUYER, SUPPLIER, DELIVERY = "7080000000012", "7080000000029", "7080000000036"
GTIN1, GTIN2 = "7040000000016", "7040000000023"
SSCC = "370800000000000013"
PREPARED = datetime(2026, 3, 1, 12, 5)


def parties(*roles: tuple[str, str]) -> list[S]:
    return [S("NAD", role, [gln, "", "9"]) for role, gln in roles]


def orders() -> list[S]:
    return [
        S("BGM", "220", "PO-1001", "9"),
        S("DTM", ["137", "20260301", "102"]),
        S("DTM", ["2", "202603051000", "203"]),
        S("RFF", ["CT", "AVTALE-7"]),
        *parties(("BY", BUYER), ("SU", SUPPLIER), ("DP", DELIVERY)),
        S("CUX", ["2", "NOK", "9"]),
        S("LIN", "1", "", [GTIN1, "EN"]),
        S("PIA", "1", ["12345", "SA"], ["40000123", "NB"]),
        S("IMD", "F", "", ["", "", "", "Skrue 4x40 mm, 200 stk: A+B's ?"]),
        S("QTY", ["21", "10", "PCE"]),
        S("LIN", "2", "", [GTIN2, "SRV"]),
        S("QTY", ["21", "2.5", "MTR"]),
        S("UNS", "S"),
        S("CNT", ["2", "2"]),
    ]


def invoic() -> list[S]:
    return [
        S("BGM", "380", "F-5001", "9"),
        S("DTM", ["137", "20260310", "102"]),
        S("DTM", ["35", "20260305", "102"]),
        S("RFF", ["ON", "PO-1001"]),
        *parties(("SU", SUPPLIER)),
        S("FII", "RB", ["12345678903"]),
        S("RFF", ["VA", "NO923609016MVA"]),
        *parties(("BY", BUYER)),
        S("CUX", ["2", "NOK", "9"]),
        S("PAT", "1", "", ["5", "3", "D", "30"]),
        S("DTM", ["13", "20260409", "102"]),
        S("LIN", "1", "", [GTIN1, "EN"]),
        S("QTY", ["47", "10", "PCE"]),
        S("MOA", ["203", "1000.00"]),
        S("PRI", ["AAA", "100.00"]),
        S("TAX", "7", "VAT", "", "", ["", "", "", "25"], "S"),
        S("UNS", "S"),
        S("CNT", ["2", "1"]),
        S("MOA", ["79", "1000.00"]),
        S("MOA", ["125", "1000.00"]),
        S("MOA", ["124", "250.00"]),
        S("MOA", ["77", "1250.00"]),
        S("TAX", "7", "VAT", "", "", ["", "", "", "25"], "S"),
        S("MOA", ["124", "250.00"]),
    ]


def desadv() -> list[S]:
    return [
        S("BGM", "351", "PS-77", "9"),
        S("DTM", ["137", "20260304", "102"]),
        S("DTM", ["11", "20260304", "102"]),
        S("RFF", ["ON", "PO-1001"]),
        *parties(("BY", BUYER), ("SU", SUPPLIER)),
        S("CPS", "1"),
        S("PAC", "1", "", "201"),
        S("PCI", "33E"),
        S("GIN", "BJ", SSCC),
        S("CPS", "2", "1"),
        S("LIN", "1", "", [GTIN1, "EN"]),
        S("QTY", ["12", "10", "PCE"]),
        S("RFF", ["ON", "PO-1001", "1"]),
        S("CNT", ["2", "1"]),
    ]


def ordrsp() -> list[S]:
    return [
        S("BGM", "231", "OR-9", "4"),
        S("DTM", ["137", "20260302", "102"]),
        S("RFF", ["ON", "PO-1001"]),
        *parties(("BY", BUYER), ("SU", SUPPLIER)),
        S("LIN", "1", "3", [GTIN1, "EN"]),
        S("QTY", ["21", "10", "PCE"]),
        S("QTY", ["113", "8", "PCE"]),
        S("QTY", ["83", "2", "PCE"]),
        S("DTM", ["69", "20260310", "102"]),
        S("UNS", "S"),
    ]


def pricat() -> list[S]:
    return [
        S("BGM", "9", "PL-2026", "9"),
        S("DTM", ["137", "20260201", "102"]),
        S("DTM", ["157", "20260301", "102"]),
        S("RFF", ["PL", "PL-2026"]),
        *parties(("SU", SUPPLIER), ("BY", BUYER)),
        S("CUX", ["2", "NOK", "9"]),
        S("PGI", "1"),
        S("LIN", "1", "", [GTIN1, "EN"]),
        S("PIA", "5", ["12345", "SA"]),
        S("IMD", "F", "", ["", "", "", "Skrue"]),
        S("QTY", ["59", "200"]),
        S("PRI", ["AAA", "100.00"]),
    ]


ALL = {"ORDERS": orders, "INVOIC": invoic, "DESADV": desadv, "ORDRSP": ordrsp, "PRICAT": pricat}


def write_fixtures() -> None:
    """Regenerate ``tests/data/edi/neb_all_types.edi`` and ``neb_faults.edi`` (the CLI tests'
    inputs): ``.venv/bin/python -m tests.edi.samples`` from the repository root."""
    from pathlib import Path

    from vareflyt.edi.writer import write_interchange

    data_dir = Path(__file__).resolve().parents[1] / "data" / "edi"
    data = write_interchange(SUPPLIER, BUYER, [(t, f()) for t, f in ALL.items()], "1001", PREPARED)
    (data_dir / "neb_all_types.edi").write_bytes(data)
    bad = data.replace(b"DTM+137:20260310:102", b"DTM+137:20261310:102").replace(b"UNZ+5+1001", b"UNZ+4+1001")
    (data_dir / "neb_faults.edi").write_bytes(bad)


if __name__ == "__main__":
    write_fixtures()
