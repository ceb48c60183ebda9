"""EHF 3.0 / PEPPOL BIS Billing 3.0 (UBL 2.1) invoices and credit notes in, read safely with lxml.

``read_ehf(data, file=None) -> (Invoice | None, issues)``; ``read_ehf_document`` also gives the
parties as the file names them, for ``edi show``; ``describe`` renders that document in
Norwegian; ``is_ehf(data)`` sniffs the bytes; ``parse_xml`` is the hardened parser (no DTD,
entities or network, bounded size), also used for camt.054.
"""

from .describe import document_dict, document_text
from .detect import ehf_kind, is_ehf, looks_like_xml
from .invoice import EhfDocument, invoice_from_root, read_ehf, read_ehf_document
from .safe_xml import MAX_BYTES, parse_xml

__all__ = [
    "read_ehf",
    "read_ehf_document",
    "EhfDocument",
    "invoice_from_root",
    "is_ehf",
    "ehf_kind",
    "looks_like_xml",
    "parse_xml",
    "MAX_BYTES",
    "document_text",
    "document_dict",
]
