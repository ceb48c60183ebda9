"""The words party spreadsheets use for roles, yes/no, an inactive party and countries.

A party sheet written by an ERP, an accountant or by hand says "Leverandør", "supplier" or
"leverantör" for a role, "ja", "x" or "nei" for a flag, "utgått" for an inactive party and
"Sverige" for a country, in Norwegian, Swedish or English. This vocabulary is data, not the
party model, so it has its own module: only the cell checks (``rules.party_cells``) read it, to
turn such words into the codes a ``Party`` (``vareflyt.domain.parties``) holds. Every word is
written as ``domain.parties.words`` normalises a cell (lower case, letters and spaces).
"""

from __future__ import annotations

# Role words in Norwegian, Swedish and English (normalised: lower case, letters and spaces).
ROLE_WORDS: dict[str, str] = {
    "kjøper": "BY",
    "kjoper": "BY",
    "kunde": "BY",
    "köpare": "BY",
    "kund": "BY",
    "buyer": "BY",
    "customer": "BY",
    "bestiller": "BY",
    "beställare": "BY",
    "leverandør": "SU",
    "leverandor": "SU",
    "leverantör": "SU",
    "leverantor": "SU",
    "supplier": "SU",
    "vendor": "SU",
    "seller": "SU",
    "selger": "SU",
    "säljare": "SU",
    "fakturamottaker": "IV",
    "fakturamottagare": "IV",
    "invoicee": "IV",
    "bill to": "IV",
    "leveringssted": "DP",
    "leveringsadresse": "DP",
    "varemottaker": "DP",
    "mottaker": "DP",
    "leveransplats": "DP",
    "leveransadress": "DP",
    "godsmottagare": "DP",
    "delivery party": "DP",
    "delivery place": "DP",
    "ship to": "DP",
    "consignee": "DP",
    "sluttkunde": "UD",
    "slutkund": "UD",
    "ultimate customer": "UD",
    "end customer": "UD",
    "transportør": "CA",
    "transportor": "CA",
    "speditør": "CA",
    "transportör": "CA",
    "speditör": "CA",
    "carrier": "CA",
    "fraktfører": "CA",
    "hentested": "SF",
    "avsender": "SF",
    "upphämtningsplats": "SF",
    "avsändare": "SF",
    "ship from": "SF",
    "pickup": "SF",
    "pick up": "SF",
    "pickup place": "SF",
    "fakturautsteder": "II",
    "fakturautställare": "II",
    "invoice issuer": "II",
    "invoicer": "II",
    # The abbreviations and plurals ERP lists and people write in a role column ("Lev.",
    # "Fakt.mottaker", "Lev.sted", "Kunder"), read as ``words`` gives them.
    "lev": "SU",
    "leverandører": "SU",
    "leverandorer": "SU",
    "leverantörer": "SU",
    "grossist": "SU",
    "kunder": "BY",
    "fakt mottaker": "IV",
    "fakturaadresse": "IV",
    "lev sted": "DP",
    "leverings sted": "DP",
    "levsted": "DP",
    "transp": "CA",
}

# Words party sheets use for yes/no, for an inactive party, and for countries.
YES = {"ja", "j", "yes", "y", "x", "1", "true", "sann", "sant", "aktiv", "active", "aktiva", "aktivt", "ok"}
NO = {"nei", "n", "no", "nej", "0", "false", "usann", "usant", "-"}
INACTIVE = {
    "inaktiv",
    "inactive",
    "inaktivt",
    "utgått",
    "utgatt",
    "slettet",
    "sperret",
    "avsluttet",
    "nedlagt",
    "deaktivert",
    "deleted",
    "expired",
    "closed",
    "blocked",
    "spärrad",
    "avslutad",
}
COUNTRIES = {
    "norge": "NO",
    "norway": "NO",
    "noreg": "NO",
    "sverige": "SE",
    "sweden": "SE",
    "danmark": "DK",
    "denmark": "DK",
    "finland": "FI",
    "suomi": "FI",
    "tyskland": "DE",
    "germany": "DE",
    "deutschland": "DE",
    "island": "IS",
    "iceland": "IS",
}
