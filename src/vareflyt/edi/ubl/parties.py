"""The parties of an EHF / PEPPOL BIS 3 document, each identifier read by its scheme.

An identifier is only taken as what its scheme (ISO 6523 ICD, PEPPOL EAS) says it is, and
only when it passes that identifier's check:

- ``0192`` (and the older ``9908`` and EHF 2 ``NO:ORGNR``): Norwegian organisation number,
  9 digits MOD11 (``stdnum.no.orgnr``);
- ``0088`` / ``GLN``: a GLN only when it is 13 digits with a valid GS1 check digit
  (``stdnum.ean``) — a 19-digit "0088" id is not a GLN;
- ``PartyTaxScheme`` with tax scheme VAT: the VAT number as written; a valid ``NO…MVA`` also
  gives the organisation number inside it;
- ``PartyLegalEntity/CompanyID`` without a scheme: an organisation number only for a
  Norwegian party (country NO; without a country, a ``NO…MVA`` VAT number or no sign of
  another country) and only when it passes MOD11; otherwise (``GB983294``, ``EL801399030``, a Danish CVR
  …) it is kept as a foreign id and never stored as an organisation number.

Every identifier the document names is listed in ``PartyInfo.ids`` with what it was taken
as, so ``edi show`` can print what the file says and what vareflyt made of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from stdnum import ean
from stdnum.no import mva
from stdnum.no import orgnr as no_orgnr

from vareflyt.domain.orders import PartyRef

from .doc import NS, Doc

ORGNR_SCHEMES = {"0192", "9908", "NO:ORGNR"}
GLN_SCHEMES = {"0088", "GLN"}

# what an identifier was taken as (shown by ``edi show``)
GLN, ORGNR, VAT, FOREIGN, OTHER, INVALID = "gln", "orgnr", "mva", "utenlandsk", "annen", "ugyldig"


@dataclass(frozen=True)
class PartyId:
    value: str
    scheme: str | None  # schemeID as written (None when absent)
    element: str  # EndpointID | PartyIdentification | PartyLegalEntity | PartyTaxScheme
    taken_as: str  # gln | orgnr | mva | utenlandsk | annen | ugyldig


@dataclass(frozen=True)
class PartyInfo:
    role: str  # supplier | buyer | payee
    ref: PartyRef
    country: str | None
    ids: tuple[PartyId, ...]

    def to_dict(self) -> dict:
        return {
            "role": self.role,
            "name": self.ref.name,
            "gln": self.ref.gln,
            "orgnr": self.ref.orgnr,
            "vat_no": self.ref.vat_no,
            "country": self.country,
            "ids": [
                {"value": i.value, "scheme": i.scheme, "element": i.element, "taken_as": i.taken_as}
                for i in self.ids
            ],
        }


def is_gln(value: str) -> bool:
    """13 digits with a valid GS1 check digit."""
    return len(value) == 13 and value.isdigit() and ean.is_valid(value)


def _orgnr_of_vat(value: str) -> str | None:
    compact = value.replace(" ", "").upper()
    if compact.startswith("NO") and compact.endswith("MVA") and mva.is_valid(compact):
        return compact[2:11]
    return None


def _norwegian(country: str | None, vats: list[str]) -> bool | None:
    """Whether the party is Norwegian: by its address when it has one (a British company may be
    VAT-registered in Norway and still have a British registration id), else by its VAT
    numbers; None when the document says neither (BIS 3 requires the country; some writers
    leave it out)."""
    if country:
        return country.strip().upper() == "NO"
    if vats:
        return any(_orgnr_of_vat(v) for v in vats)
    return None


def _ids(party) -> list[tuple[str, str | None, str]]:
    """(value, scheme, element) of every identifier except VAT numbers, in document order."""
    out = []
    for element, path in (
        ("EndpointID", "cbc:EndpointID"),
        ("PartyIdentification", "cac:PartyIdentification/cbc:ID"),
        ("PartyLegalEntity", "cac:PartyLegalEntity/cbc:CompanyID"),
    ):
        for node in party.findall(path, NS):
            value = (node.text or "").strip()
            if value:
                scheme = (node.get("schemeID") or "").strip() or None
                out.append((value, scheme, element))
    return out


def _vat_numbers(d: Doc, party) -> list[str]:
    out = []
    for scheme in party.findall("cac:PartyTaxScheme", NS):
        kind = (d.text(scheme, "cac:TaxScheme/cbc:ID") or "").upper()
        value = d.text(scheme, "cbc:CompanyID")
        if value and (
            kind == "VAT"
            or kind.endswith(" VAT")
            or (d.text(scheme, "cac:TaxScheme/cbc:TaxTypeCode") or "").upper() == "VAT"
        ):
            out.append(value)
    return out


def read_party(d: Doc, party, role: str, what: str) -> PartyInfo | None:
    """One ``cac:Party`` element -> PartyInfo (None when the element is absent)."""
    if party is None:
        return None
    country = d.text(party, "cac:PostalAddress/cac:Country/cbc:IdentificationCode")
    vats = _vat_numbers(d, party)
    norwegian = _norwegian(country, vats)
    ids: list[PartyId] = []
    glns: list[str] = []
    orgnrs: list[tuple[str, str]] = []  # (orgnr, element)
    for value, scheme, element in _ids(party):
        compact = value.replace(" ", "")
        if scheme in GLN_SCHEMES:
            if is_gln(compact):
                glns.append(compact)
                ids.append(PartyId(value, scheme, element, GLN))
            else:
                ids.append(PartyId(value, scheme, element, INVALID))
                d.warning(
                    "ehf.gln",
                    f"{what}: {element} «{value}» med skjema {scheme} er ikke et GLN (13 siffer "
                    "med gyldig kontrollsiffer) og brukes ikke som GLN",
                    element,
                )
        elif scheme in ORGNR_SCHEMES or (
            scheme is None and element == "PartyLegalEntity" and norwegian is not False
        ):
            inside = _orgnr_of_vat(compact)  # "NO123456785MVA" written where the orgnr belongs
            if inside or no_orgnr.is_valid(compact):
                orgnrs.append((inside or no_orgnr.compact(compact), element))
                ids.append(PartyId(value, scheme, element, ORGNR))
            elif scheme is None and norwegian is None:
                ids.append(PartyId(value, scheme, element, OTHER))
            else:
                ids.append(PartyId(value, scheme, element, INVALID))
                d.warning(
                    "ehf.org_number",
                    f"{what}: {element} «{value}»{' med skjema ' + scheme if scheme else ''} er "
                    "ikke et gyldig norsk organisasjonsnummer (9 siffer, MOD11) og brukes ikke",
                    element,
                )
        else:
            foreign = element == "PartyLegalEntity" or scheme not in (None, "ZZZ")
            ids.append(PartyId(value, scheme, element, FOREIGN if foreign else OTHER))
    for value in vats:
        ids.append(PartyId(value, None, "PartyTaxScheme", VAT))
        inside = _orgnr_of_vat(value)
        if inside:
            orgnrs.append((inside, "PartyTaxScheme"))
    # the legal entity is the registration; an endpoint is an address; the VAT number last
    rank = {"PartyLegalEntity": 0, "PartyIdentification": 1, "EndpointID": 2, "PartyTaxScheme": 3}
    orgnrs.sort(key=lambda o: rank[o[1]])
    if len({o for o, _ in orgnrs}) > 1:
        d.warning(
            "ehf.org_numbers_differ",
            f"{what} har flere ulike organisasjonsnumre ({', '.join(sorted({o for o, _ in orgnrs}))}); "
            f"{orgnrs[0][0]} fra {orgnrs[0][1]} brukes",
            "Party",
        )
    name = d.text(party, "cac:PartyName/cbc:Name") or d.text(
        party, "cac:PartyLegalEntity/cbc:RegistrationName"
    )
    ref = PartyRef(
        gln=glns[0] if glns else None,
        orgnr=orgnrs[0][0] if orgnrs else None,
        vat_no=vats[0] if vats else None,
        name=name,
    )
    return PartyInfo(role, ref, country, tuple(ids))


def delivery_gln(d: Doc, root) -> tuple[str | None, str | None]:
    """(GLN of the delivery location, name of the delivery party); the GLN only under scheme
    0088/GLN (or none) and only when it passes the GS1 check."""
    location = root.find("cac:Delivery/cac:DeliveryLocation/cbc:ID", NS)
    name = d.text(root, "cac:Delivery/cac:DeliveryParty/cac:PartyName/cbc:Name")
    if location is None or not (location.text or "").strip():
        return None, name
    value = location.text.strip().replace(" ", "")
    scheme = location.get("schemeID")
    if scheme not in GLN_SCHEMES | {None}:
        return None, name
    if not is_gln(value):
        if scheme is not None:
            d.warning(
                "ehf.gln",
                f"leveringsstedet «{value}» med skjema {scheme} er ikke et GLN (13 siffer med gyldig "
                "kontrollsiffer) og brukes ikke som GLN",
                "DeliveryLocation",
            )
        return None, name
    return value, name


__all__ = ["PartyId", "PartyInfo", "read_party", "delivery_gln", "is_gln"]
