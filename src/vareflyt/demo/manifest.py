"""The demo manifest: what every generated input file contains and what importing it must give.

``demo_manifest.json`` is written next to the generated files; ``generate_demo_inputs``
returns the same content as a ``DemoManifest``. Tests and the demo end-to-end test compare
the importers' counts with it, so every number here is exact.

Schema (JSON, all paths relative to the manifest's folder, POSIX separators)::

    {
      "version": 1, "seed": 2026, "today": "2026-11-22", "articles": 20000, "suppliers": 30,
      "own_company": {"name", "gln", "glns": {"main_store", "warehouse", "second_store"},
                      "orgnr", "vat_no", "address", "postnr", "poststed", "kontonr"},
      "partners": {"<supplier GLN>": {"name": str, "edi": bool}},   # draft vareflyt.toml fragment
      "files": [FileEntry, ...]                                       # in import order
    }

FileEntry::

    path            "prislister/02_skruer-beslag-nord.xlsx"
    kind            "parties" | "prices"
    shape           parties: "party_list" | "party_update"; prices: "clean" | "title_block" |
                    "swedish" | "csv_semicolon" | "csv_comma" | "two_row_header" | "change_list"
    format          "xlsx" | "csv"; sheet (xlsx) or encoding + delimiter (csv)
    header_rows     1-based row numbers of the header (two for "two_row_header")
    first_data_row, last_data_row   1-based; last_data_row is the last article row (a totals
                    row, if any, comes after it)
    supplier_gln, supplier_name, price_list_kind ("new" | "change" | "replace"), valid_from
                    (ISO date) -- prices only; what to pass as --supplier/--kind/--valid-from
    rows_read       data rows the importer must see: every row between the header and the end
                    of the table that holds an article, INCLUDING rows it then rejects.
                    NOT counted: title/address rows, header rows, blank rows (every cell
                    empty, or a CSV line of delimiters only) and the totals row.
    rows_imported   rows_read - len(rejected)  (rows with warnings ARE imported)
    rejected        [{"row": 57, "reason": "gtin_check_digit", "key": "000123"}]  (error)
    warnings        [{"row": 12, "reason": "net_price_mismatch", "key": ...}]     (imported)
    skipped         [{"row": 40, "reason": "blank" | "totals"}]  (not read, no issue expected)
    changes         change list: {"changed": [article nos], "new": [...], "expired": [...]};
                    replace list: {"dropped": [article nos of the earlier list not repeated]};
                    party update: {"new": [partner nos], "changed": [...], "deactivated": [...],
                    "unchanged": n}
    notes           free text: the traps the file holds (numbers as text, hidden column, ...)

Row numbers are spreadsheet rows (xlsx) or physical line numbers (CSV, header = line 1);
no value contains a line break, so CSV records and lines coincide. ``key`` is the row's
supplier article number (prices) or partner number (parties). Reasons:

    gtin_check_digit     GTIN with a wrong GS1 check digit               -> rejected
    price_unreadable     price cell holds text such as "Ring oss"        -> rejected
    duplicate_article    second row with an article number seen before   -> rejected (2nd row)
    net_price_mismatch   net differs from gross x (1 - discount) by more than øre rounding
                         -> warning, imported with the net price as given
    gln_belongs_to_other_party   party row whose GLN is another partner's -> rejected
    orgnr_check_digit    organisation number fails MOD11                 -> rejected

``rejected`` and ``warnings`` are row-level only: no other row of a file should be rejected or
warned about. File-level notes (e.g. ``header.unmapped`` for a column the importer does not
use, such as the hidden "Fjorårets pris") are not listed. At the time of writing the
importers report the reasons as: gtin_check_digit ``price.gtin``; price_unreadable
``price.unreadable_gross`` + ``price.unreadable_net``; duplicate_article ``price.duplicate``;
net_price_mismatch ``price.inconsistent``; gln_belongs_to_other_party ``party.gln_taken``;
orgnr_check_digit ``party.org_number`` (+ ``party.vat``, the VAT number being built from it).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

MANIFEST_NAME = "demo_manifest.json"
SCHEMA_VERSION = 1


@dataclass
class RowNote:
    row: int
    reason: str
    key: str | None = None


@dataclass
class FileEntry:
    path: str
    kind: str
    shape: str
    format: str
    header_rows: list[int]
    first_data_row: int
    last_data_row: int
    rows_read: int
    rejected: list[RowNote] = field(default_factory=list)
    warnings: list[RowNote] = field(default_factory=list)
    skipped: list[RowNote] = field(default_factory=list)
    sheet: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    supplier_gln: str | None = None
    supplier_name: str | None = None
    price_list_kind: str | None = None
    valid_from: str | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    notes: str = ""

    @property
    def rows_imported(self) -> int:
        return self.rows_read - len(self.rejected)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["rows_imported"] = self.rows_imported
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FileEntry:
        data = {k: v for k, v in data.items() if k != "rows_imported"}
        for name in ("rejected", "warnings", "skipped"):
            data[name] = [RowNote(**n) for n in data.get(name, [])]
        return cls(**data)


@dataclass
class DemoManifest:
    seed: int
    today: str
    articles: int
    suppliers: int
    own_company: dict[str, Any]
    partners: dict[str, dict[str, Any]]
    files: list[FileEntry]
    version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "seed": self.seed,
            "today": self.today,
            "articles": self.articles,
            "suppliers": self.suppliers,
            "own_company": self.own_company,
            "partners": self.partners,
            "files": [f.to_dict() for f in self.files],
        }

    def write(self, folder: Path) -> Path:
        path = Path(folder) / MANIFEST_NAME
        path.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, folder_or_file: Path) -> DemoManifest:
        path = Path(folder_or_file)
        if path.is_dir():
            path = path / MANIFEST_NAME
        data = json.loads(path.read_text(encoding="utf-8"))
        files = [FileEntry.from_dict(f) for f in data.pop("files")]
        return cls(files=files, **data)

    def entry(self, path: str) -> FileEntry:
        """The entry for one file, by its relative path."""
        for f in self.files:
            if f.path == path:
                return f
        raise KeyError(path)

    def price_files(self) -> list[FileEntry]:
        return [f for f in self.files if f.kind == "prices"]

    def party_files(self) -> list[FileEntry]:
        return [f for f in self.files if f.kind == "parties"]
