"""What a header row tells people: unused, ambiguous, duplicate and missing columns, as issues.

Every message names a field by its Norwegian label (``varenummer``, ``betalingsdato``), never the
internal key; a missing column's message gives headings vareflyt knows for it, and, where the table
has one, the vareflyt.toml section where the shop can map a column by the field's label.
"""

from __future__ import annotations

from ..domain.issues import Issue, Source, error, info, warning
from .header_spec import TableSpec
from .headers import HeaderMatch


def quoted(items) -> str:
    items = [f"«{i}»" for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " eller " + items[-1]


def _where_to_map(spec: TableSpec) -> str:
    return f"under {spec.override_section} i vareflyt.toml" if spec.override_section else ""


def header_issues(match: HeaderMatch, spec: TableSpec, where: Source) -> list[Issue]:
    """Issues about the header row. Fields are named by their Norwegian label, never the key."""
    issues = []
    label = spec.label
    if match.unmapped:
        issues.append(
            info(
                "header.unmapped",
                "Kolonner som ikke ble brukt: "
                + ", ".join(f"«{h}»" for h in match.unmapped)
                + "."
                + (f" {spec.mapping_hint}" if spec.mapping_hint else ""),
                where,
            )
        )
    for heading, fields in match.ambiguous:
        choice = " eller ".join(label(f) for f in fields)
        fix = (
            f'Angi feltet {_where_to_map(spec)}, f.eks. "{heading}" = "{label(fields[0])}".'
            if spec.override_section
            else "Gi kolonnen en overskrift som sier hvilket av feltene den er."
        )
        issues.append(
            warning(
                "header.ambiguous", f"Kolonnen «{heading}» kan være {choice} og ble ikke brukt. {fix}", where
            )
        )
    for heading, fkey in match.duplicates:
        used = match.headings.get(match.columns.get(fkey, -1))
        source = f"kolonnen «{used}»" if used else "en annen kolonne"
        issues.append(
            warning(
                "header.duplicate",
                f"Kolonnen «{heading}» ble ikke brukt: {label(fkey)} er allerede hentet fra {source}.",
                where,
            )
        )
    for fs in spec.fields.values():
        if fs.required and fs.key not in match.columns:
            issues.append(
                error(
                    "header.missing",
                    f"Fant ingen kolonne for {label(fs.key)} (påkrevd). {_missing_fix(spec, [fs.key])}",
                    where,
                )
            )
    for group in spec.required_one_of:
        if not any(g in match.columns for g in group):
            issues.append(
                error(
                    "header.missing",
                    f"Fant ingen kolonne for {' eller '.join(label(g) for g in group)} "
                    f"(minst én må finnes). {_missing_fix(spec, group)}",
                    where,
                )
            )
    return issues


_ACRONYMS = {"gtin", "ean", "gln", "kid", "ocr", "nobb", "iban", "edi", "mva", "vat", "sku"}


def _shown(heading: str) -> str:
    """A synonym as a heading would be written: "gln nr" → "GLN nr", "varenr" → "Varenr"."""
    words = [w.upper() if w.lower() in _ACRONYMS else w for w in heading.split(" ")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _examples(spec: TableSpec, key: str, many: bool) -> list[str]:
    """The field's label, and (for a single field) a heading people often write that says it otherwise."""
    fs = spec.fields[key]
    label = next((n for n in fs.names if n.text == fs.label), None)
    other = next((n.text for n in fs.names if not n.exact_only and label and n.words != label.words), None)
    return [_shown(fs.label)] + ([_shown(other)] if other and not many else [])


def _missing_fix(spec: TableSpec, keys) -> str:
    """How to fix a missing column: the headings vareflyt knows for it, and where to map one."""
    known = [e for k in keys for e in _examples(spec, k, len(keys) > 1)]
    text = f"Gi kolonnen en kjent overskrift, f.eks. {quoted(dict.fromkeys(known))}"
    where = _where_to_map(spec)
    return text + (f", eller angi den {where}." if where else ".")
