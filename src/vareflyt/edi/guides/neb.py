"""NeB (Nordic ebuilding / BEAst Trade) usage of D.03A as data: qualifiers, code values,
value formats and the content each message must carry (DOMAIN.md §3).

A ``Rule`` says: in segment ``tag``, data element ``element`` (component ``component``) must
pass ``check`` (``code`` with ``codes``, ``date``, ``number``, ``gln``, ``gtin``, ``sscc``,
``nobb``, ``currency``), optionally only ``when`` another element has one of some values.
Qualifier rules that NeB partners may set differently are warnings; the item-number code for
NOBB numbers in PIA comes from ``GuideSettings.nobb_code`` (none unless a partner sets one:
UNCL 7143 codes keep their standard meaning, ``UN_ITEM_CODES``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# UNCL 7143 item-number type codes seen in LIN C212 and PIA, with their standard meaning.
# A partner's NOBB code may be one of them (NeB partners often use NB, which UN/EANCOM define
# as *batch number*): it then means NOBB only in that partner's messages.
UN_ITEM_CODES: dict[str, str] = {
    "EN": "GTIN (EAN)",
    "SRV": "GTIN",
    "UP": "UPC",
    "SA": "leverandørens artikkelnummer",
    "IN": "kjøpers artikkelnummer",
    "BP": "kjøpers delenummer",
    "VN": "leverandørens varenummer",
    "MF": "produsentens artikkelnummer",
    "NB": "batchnummer",
    "SN": "serienummer",
    "HS": "tolltariffnummer",
    "ZZZ": "avtalt mellom partene",
}
# Codes vareflyt itself reads with a meaning: a partner cannot make them mean NOBB.
RESERVED_ITEM_CODES = frozenset({"EN", "SRV", "SA"})


def check_nobb_code(value) -> str | None:
    """A partner's NOBB item-number code (7143, an..3), or None when not set.

    >>> check_nobb_code("nb"), check_nobb_code(None)
    ('NB', None)
    """
    if value is None:
        return None
    code = str(value).strip().upper()
    if not (1 <= len(code) <= 3 and code.isascii() and code.isalnum()):
        raise ValueError(
            f"nobb_code må være en varenummerkode på 1–3 bokstaver/siffer (7143), ikke {value!r}"
        )
    if code in RESERVED_ITEM_CODES:
        raise ValueError(
            f"nobb_code kan ikke være {code}: den koden betyr {UN_ITEM_CODES[code]} i alle meldinger"
        )
    return code


@dataclass(frozen=True)
class GuideSettings:
    """What a partner or NeB may set differently from our defaults.

    ``nobb_code``: PIA item-number type code for NOBB numbers; None (the default) means the
    partner has no NOBB code, and every 7143 code keeps its standard meaning (NB = batch
    number). ``extra_codes``: additional accepted code values per (tag, element), e.g.
    ``{("RFF", 0): frozenset({"ZZZ"})}``. ``strict_qualifiers``: report unknown qualifiers as
    errors instead of warnings.
    """

    nobb_code: str | None = None
    extra_codes: dict[tuple[str, int], frozenset[str]] = field(default_factory=dict)
    strict_qualifiers: bool = False

    @classmethod
    def from_mapping(cls, data: dict | None) -> GuideSettings:
        """From a partner's settings table, e.g. ``{"nobb_code": "NB", "strict_qualifiers": true,
        "extra_codes": {"RFF:0": ["ZZZ"]}}`` (keys of extra_codes are ``TAG:element``)."""
        data = data or {}
        extra: dict[tuple[str, int], frozenset[str]] = {}
        for key, codes in (data.get("extra_codes") or {}).items():
            tag, _, element = str(key).partition(":")
            extra[(tag.upper(), int(element or 0))] = frozenset(str(c) for c in codes)
        return cls(
            nobb_code=check_nobb_code(data.get("nobb_code")),
            extra_codes=extra,
            strict_qualifiers=bool(data.get("strict_qualifiers", False)),
        )


@dataclass(frozen=True)
class Rule:
    tag: str
    element: int
    component: int
    check: str
    codes: frozenset[str] = frozenset()
    when: tuple[int, int, frozenset[str]] | None = None
    what: str = ""
    qualifier: bool = False  # a qualifier list: warning unless strict_qualifiers


def R(
    tag: str,
    element: int,
    component: int,
    check: str,
    codes: str = "",
    *,
    when=None,
    what: str = "",
    qualifier: bool = False,
) -> Rule:
    if when is not None:
        when = (when[0], when[1], frozenset(when[2].split()))
    return Rule(tag, element, component, check, frozenset(codes.split()), when, what, qualifier)


Q = dict(qualifier=True)

COMMON: list[Rule] = [
    R(
        "DTM",
        0,
        0,
        "code",
        "137 2 69 11 17 35 13 157 36 171 3 4 63 64 140 194 206 263 358 361 454",
        what="datokvalifikator",
        **Q,
    ),
    R("DTM", 0, 1, "date", what="dato"),
    R("NAD", 0, 0, "code", "BY SU IV DP UD SF CA II ST PE BT SE DEQ", what="partsrolle", **Q),
    R("NAD", 1, 0, "gln", when=(1, 2, "9"), what="GLN"),
    R(
        "RFF",
        0,
        0,
        "code",
        "VA ON CT PL DQ IV ACW LI VN AAK AAU PK CR IT PD ADE API XA FC AHP ALO AAB CN PQ AAJ ABO PW AEP",
        what="referansekvalifikator",
        **Q,
    ),  # PW: the order a change order replaces; AEP: project
    R("QTY", 0, 0, "code", "21 113 83 12 47 59 46 48 192 1 52 53 61 124 194", what="mengdekvalifikator", **Q),
    R("QTY", 0, 1, "number", what="mengde"),
    R(
        "MOA",
        0,
        0,
        "code",
        "203 79 125 124 176 77 86 9 165 8 23 204 131 66 38 39 128 150 52 113 98 259 260 25 161 402",
        what="beløpskvalifikator",
        **Q,
    ),
    R("MOA", 0, 1, "number", what="beløp"),
    R("PRI", 0, 0, "code", "AAA AAB AAE AAF CAL INV", what="priskvalifikator", **Q),
    R("PRI", 0, 1, "number", what="pris"),
    R("CUX", 0, 1, "currency", what="valuta"),
    R("TAX", 0, 0, "code", "7 5", what="avgiftsfunksjon", **Q),
    R("TAX", 1, 0, "code", "VAT GST ENV AAJ", what="avgiftstype", **Q),
    R("TAX", 4, 3, "number", what="avgiftssats"),
    R("TAX", 5, 0, "code", "S Z E AE K G O H AA", what="avgiftskategori"),
    R("LIN", 2, 0, "gtin", when=(2, 1, "EN SRV"), what="GTIN"),
    R("LIN", 2, 1, "code", "EN SRV IN SA BP MF VN", what="varenummertype", **Q),
    R("PIA", 0, 0, "code", "1 5 3 4", what="produktidentifikasjon", **Q),
    R("PIA", 1, 1, "code", "SA IN BP MF EN SRV GU BB SN NB VN", what="varenummertype", **Q),
    R("PIA", 1, 0, "nobb", when=(1, 1, "@nobb"), what="NOBB-nummer"),
    R("IMD", 0, 0, "code", "F C E A B", what="beskrivelsesformat", **Q),
    R("ALC", 0, 0, "code", "A C", what="tillegg/fradrag"),
    R("GIN", 0, 0, "code", "BJ AW BN BX", what="identitetstype", **Q),
    R("GIN", 1, 0, "sscc", when=(0, 0, "BJ"), what="SSCC"),
    R("CNT", 0, 0, "code", "2 1 7 11", what="kontrolltotal", **Q),
    R("CNT", 0, 1, "number", what="kontrolltotal"),
    R("PAT", 0, 0, "code", "1 3 20 22", what="betalingsbetingelse", **Q),
    R("FII", 0, 0, "code", "RB BF BB", what="kontokvalifikator", **Q),
    R("UNS", 0, 0, "code", "S D", what="seksjonskode"),
]

PER_MESSAGE: dict[str, list[Rule]] = {
    "ORDERS": [
        R("BGM", 0, 0, "code", "220 221 224 226 227 228", what="dokumentkode"),
        R("BGM", 2, 0, "code", "9 5 1 7 31", what="meldingsfunksjon"),
        R("TOD", 0, 0, "code", "3 4 5 6", what="leveringsbetingelse", **Q),
    ],
    "ORDRSP": [
        R("BGM", 0, 0, "code", "231", what="dokumentkode"),
        R("BGM", 2, 0, "code", "29 4 27", what="svarkode"),
        R("LIN", 1, 0, "code", "5 3 7 1 2", what="linjehandling"),
    ],
    "DESADV": [
        R("BGM", 0, 0, "code", "351", what="dokumentkode"),
        R("BGM", 2, 0, "code", "9 5 1 7 31", what="meldingsfunksjon"),
        R("PCI", 0, 0, "code", "33E 30 17", what="merkeinstruksjon", **Q),
    ],
    "INVOIC": [
        R("BGM", 0, 0, "code", "380 381 383 384 393", what="dokumentkode"),
        R("BGM", 2, 0, "code", "9 5 1 7 31 43", what="meldingsfunksjon"),
    ],
    "PRICAT": [
        R("BGM", 0, 0, "code", "9", what="dokumentkode"),
        R("BGM", 2, 0, "code", "9 5 1 2 3 7 31", what="meldingsfunksjon"),
    ],
    "APERAK": [R("BGM", 0, 0, "code", "305 23 27 35", what="dokumentkode", **Q)],
    "CONTRL": [
        R("UCI", 3, 0, "code", "8 7 4", what="kvitteringsstatus"),
        R("UCM", 2, 0, "code", "7 4", what="kvitteringsstatus"),
    ],
}

# Content NeB requires in the whole message: (tag, qualifier values or "" for any).
REQUIRED: dict[str, list[tuple[str, str]]] = {
    "ORDERS": [("DTM", "137"), ("NAD", "BY"), ("NAD", "SU"), ("LIN", "")],
    # No RFF+ON: a response to a telephone or pickup order has only the supplier's own number
    # (seed 004 §8.1-8.2); the buyer then makes the order from the response.
    "ORDRSP": [("DTM", "137"), ("NAD", "BY"), ("NAD", "SU")],
    "DESADV": [("DTM", "137"), ("RFF", "ON"), ("NAD", "BY"), ("NAD", "SU")],
    # The invoice total may be stated as MOA+77 (EANCOM), 86, 39, 128 (D.93A "total amount") or
    # only as the amount due (9); older directories date the invoice DTM+3 and name the seller SE.
    "INVOIC": [
        ("DTM", "137 3"),
        ("NAD", "BY"),
        ("NAD", "SU SE"),
        ("CUX", ""),
        ("MOA", "79"),
        ("MOA", "77 86 39 128 9"),
        ("TAX", ""),
    ],
    "PRICAT": [("DTM", "137"), ("NAD", "SU")],
    "APERAK": [("DTM", "137")],
    "CONTRL": [],
}

# Content each line (LIN up to the next LIN or UNS) must carry.
LINE_REQUIRED: dict[str, list[tuple[str, str]]] = {
    "ORDERS": [("QTY", "21")],
    "ORDRSP": [("QTY", "21 113 83")],
    "DESADV": [("QTY", "12")],
    "INVOIC": [("QTY", "47 46 61"), ("MOA", "203 38 66")],
    "PRICAT": [],
}


def rules_for(message_type: str) -> list[Rule]:
    return COMMON + PER_MESSAGE.get(message_type, [])
