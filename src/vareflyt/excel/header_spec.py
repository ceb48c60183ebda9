"""The fields of a supplier table and their headings, from ``vareflyt/data/headers/<table>.toml``.

Per field: ``kind`` (how cells are parsed), ``required``, ``label`` (the Norwegian name every
message uses — never the internal key), ``synonyms`` (headings people write; one that starts with
``=`` only matches a heading that says exactly that, e.g. ``"=type"``, so a word that is too
general alone does not pull "Betalingstype" into a field) and ``exclude``: words that mean the
heading is *not* this field, however well its other words fit ("inkl mva" for the net price,
"kunde" for the article number). ``[table] exclude`` holds such words for every field of the table
("fjorårets", "gammel": last year's price is no price). Synonyms and exclusions are read through
``header_words.words``, so "Art.nr." in the file meets "varenummer" in the toml.

A field can be named by its key or its label in ``vareflyt.toml`` (``"Vår kode" = "varenummer"``
or ``= "article_no"``); ``TableSpec.resolve`` finds the field for either.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from .header_words import normalize, words

IGNORE = {"", "-", "ignore", "ignorer"}


@dataclass(frozen=True)
class Synonym:
    text: str  # as written in the toml (without a leading "=")
    words: frozenset[str]
    exact_only: bool = False


@dataclass(frozen=True)
class FieldSpec:
    key: str
    kind: str
    required: bool
    synonyms: tuple[str, ...]  # compact forms (``normalize``)
    label: str = ""
    names: tuple[Synonym, ...] = ()
    exclude: tuple[frozenset[str], ...] = ()  # each: words that together exclude this field

    def excluded_by(self, heading_words: frozenset[str] | set[str]) -> bool:
        return any(ex <= heading_words for ex in self.exclude)


@dataclass(frozen=True, eq=False)  # hashed by identity: rankings are cached per spec
class TableSpec:
    name: str
    fields: dict[str, FieldSpec]
    key_fields: tuple[str, ...]
    required_one_of: tuple[tuple[str, ...], ...]
    exact: dict[str, tuple[str, ...]]  # compact synonym -> field keys
    examples: str = "kolonneoverskrifter"  # headings named when no header row is found
    mapping_hint: str = ""  # how to map an unused column, where that is possible
    by_words: dict[frozenset[str], tuple[str, ...]] = field(default_factory=dict)  # word set -> keys
    override_section: str = ""  # vareflyt.toml section for heading = field, if any
    fuzzy_choices: tuple[str, ...] = ()  # compact synonyms for the fuzzy stage ...
    fuzzy_keys: tuple[str, ...] = ()  # ... and the field of each
    by_word: dict[str, tuple[tuple[str, Synonym], ...]] = field(default_factory=dict)  # word -> synonyms

    def label(self, key: str) -> str:
        fs = self.fields.get(key)
        return fs.label if fs and fs.label else key

    def labels(self, keys) -> list[str]:
        return [self.label(k) for k in keys]

    def resolve(self, name: str) -> str | None:
        """A field key for a key or label ("article_no", "varenummer"); "ignore" to skip a column."""
        text = str(name).strip()
        if text.lower() in IGNORE:
            return "ignore"
        if text in self.fields:
            return text
        wanted = normalize(text)
        for fs in self.fields.values():
            if wanted in (normalize(fs.key), normalize(fs.label)):
                return fs.key
        return None


def _synonym(text: str) -> Synonym:
    exact_only = text.startswith("=")
    text = text[1:] if exact_only else text
    return Synonym(text, frozenset(words(text)), exact_only)


def _exclusions(entries) -> tuple[frozenset[str], ...]:
    return tuple(ws for ws in (frozenset(words(e)) for e in entries) if ws)


@cache
def load_spec(table: str) -> TableSpec:
    text = (
        resources.files("vareflyt").joinpath("data", "headers", f"{table}.toml").read_text(encoding="utf-8")
    )
    raw = tomllib.loads(text)
    meta = raw.get("table", {})
    table_exclude = _exclusions(meta.get("exclude", []))
    fields: dict[str, FieldSpec] = {}
    exact: dict[str, list[str]] = {}
    by_words: dict[frozenset[str], list[str]] = {}
    choices: list[tuple[str, str]] = []
    for key, spec in raw["fields"].items():
        label = spec.get("label", key)
        names = tuple(dict.fromkeys(_synonym(s) for s in [*spec.get("synonyms", []), label, key]))
        compact = tuple(dict.fromkeys(normalize(n.text) for n in names))
        fields[key] = FieldSpec(
            key,
            spec.get("kind", "text"),
            bool(spec.get("required", False)),
            compact,
            label,
            names,
            _exclusions(spec.get("exclude", [])) + table_exclude,
        )
        for s in compact:
            exact.setdefault(s, []).append(key)
        for n in names:
            if n.words:
                by_words.setdefault(n.words, []).append(key)
            if not n.exact_only and len(normalize(n.text)) >= 5:
                choices.append((normalize(n.text), key))
    choices = list(dict.fromkeys(choices))
    by_word: dict[str, list[tuple[str, Synonym]]] = {}
    for key, fs in fields.items():
        for n in fs.names:
            if not n.exact_only:
                for w in n.words:
                    by_word.setdefault(w, []).append((key, n))
    return TableSpec(
        table,
        fields,
        tuple(meta.get("key_fields", ())),
        tuple(tuple(g) for g in meta.get("required_one_of", ())),
        {k: tuple(dict.fromkeys(v)) for k, v in exact.items()},
        meta.get("examples", "kolonneoverskrifter"),
        meta.get("mapping_hint", ""),
        {k: tuple(dict.fromkeys(v)) for k, v in by_words.items()},
        meta.get("override_section", ""),
        tuple(c for c, _ in choices),
        tuple(k for _, k in choices),
        {w: tuple(v) for w, v in by_word.items()},
    )
