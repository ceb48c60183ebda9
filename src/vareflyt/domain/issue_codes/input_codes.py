"""Issue codes shared by the spreadsheet and text readers, the party list, workbooks, templates
and the nightly batch's own files. Rows are (code, default severity, needs a person, description)."""

from __future__ import annotations

from ..issues import Severity

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO   # N: a note (INFO)
AREAS = {"party": "Parties", "header": "Column headings in spreadsheets", "import": "Imports in general",
         "text": "Text and CSV files", "excel": "Workbook values", "workbook": "Workbooks",
         "templates": "Letter templates", "documents": "Printed documents (orders, notices, letters)",
         "file": "Files in the nightly batch", "vareflyt": "Faults in vareflyt itself"}

CODES: tuple[tuple[str, Severity, bool, str], ...] = (
    ("party.account", W, True, "An invalid bank account number."),
    ("party.ambiguous", E, True, "A row matches several existing parties."),
    ("party.changed", N, False, "An existing party was changed by the list."),
    ("party.country", W, False, "A country that is not a country code; stored as written."),
    ("party.deactivated", N, False, "A party was deactivated by the list."),
    ("party.duplicate", E, True, "The same party appears twice in the file."),
    ("party.email", W, True, "An invalid e-mail address."),
    ("party.flag", W, False, "A yes/no cell that is neither."),
    ("party.gln", E, True, "An invalid GLN."),
    ("party.gln_foreign", N, False, "A GLN that is not Norwegian."),
    ("party.gln_taken", E, True, "The GLN belongs to another party."),
    ("party.gln_twice", E, True, "The same GLN appears twice in the file."),
    ("party.iban", W, True, "An invalid IBAN."),
    ("party.identity", E, True, "A row has neither party number, GLN nor organisation number."),
    ("party.name", E, True, "A row without a name."),
    ("party.no_roles", W, False, "A party without roles."),
    ("party.no_twice", E, True, "The same party number appears twice in the file."),
    ("party.org_number", E, True, "An invalid organisation number."),
    ("party.other_company", E, True, "The row is this shop's own company."),
    ("party.role", W, False, "An unknown role."),
    ("party.too_long", E, False, "A value is longer than vareflyt stores (rejected, or warned about)."),
    ("party.unreadable", E, False, "A cell with an unreadable number (rejected, or warned about)."),
    ("party.vat", W, True, "A VAT number that is too long."),
    ("party.vat_foreign", W, True, "A foreign VAT number that looks invalid."),
    ("party.vat_org_number", W, True, "A VAT number belonging to another organisation number."),
    ("header.ambiguous", W, False, "A column heading could mean several fields; not used."),
    ("header.duplicate", W, False, "A second column for a field already read; not used."),
    ("header.missing", E, True, "No column for a required field."),
    ("header.unmapped", N, False, "Columns that were not used."),
    ("import.already_done", N, False, "The file was imported before."),
    ("import.nothing", E, True, "No row could be imported."),
    ("import.unreadable", E, True, "The file cannot be read."),
    ("text.csv", E, True, "A CSV row cannot be parsed."),
    ("text.encoding", E, True, "A line is neither UTF-8, Windows-1252 nor Mac Roman."),
    ("text.field_too_long", E, True, "A field holds more text than vareflyt reads."),
    ("text.mac_roman", N, True, "The file was read as Mac Roman."),
    ("text.mixed_encoding", W, True, "A row is in another encoding than the rest of the file."),
    ("excel.bad_value", W, True, "A workbook cell a person filled in cannot be read."),
    ("workbook.locked", W, False, "The workbook is open in Excel; its tables wait for the next run."),
    ("workbook.missing", W, False, "The workbook is missing; its tables were not updated."),
    ("templates.broken", E, True, "A template in the workspace cannot be used."),
    ("templates.kept", N, False, "A template already in the workspace was not overwritten."),
    ("documents.logo", W, False, "The logo cannot be used; documents are made without it."),
    ("file.rejected", W, True, "Batch: a file was rejected and moved to quarantine/."),
    ("file.unknown", W, True, "Batch: a file in the inbox is of an unknown kind."),
    ("file.waiting", W, True, "Batch: a file waits in the inbox."),
    ("vareflyt.crashed", W, True, "Batch: an unexpected fault in vareflyt; retried next run."),
)
