"""Regenerate tests/data/edi_golden/ from golden_docs.py: ``python tests/edi_mappings/make_golden.py``.

Writes ``<stem>.edi`` (the interchange the mapping and writer produce) and ``<stem>.json`` (the
domain document), and the expected JSON next to the hand-written EHF files in ehf/. Review the diff by
hand before committing: these are the golden files.
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from golden_docs import EHF, GOLDEN, PARTNER_CODES, PREPARED  # noqa: E402

from vareflyt.domain.documents_json import to_jsonable  # noqa: E402
from vareflyt.edi.mappings import MAPPINGS  # noqa: E402
from vareflyt.edi.writer import write_interchange  # noqa: E402

OUT = HERE.parent / "data" / "edi_golden"
EHF_DIR = HERE.parent / "data" / "ehf"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for stem, mtype, doc, sender, receiver, ref in GOLDEN:
        body = MAPPINGS[mtype].to_segments(doc, codes=PARTNER_CODES)
        data = write_interchange(sender, receiver, [(mtype, body)], ref, PREPARED)
        (OUT / f"{stem}.edi").write_bytes(data)
        text = json.dumps(to_jsonable(doc), ensure_ascii=False, indent=2) + "\n"
        (OUT / f"{stem}.json").write_text(text, encoding="utf-8")
        print(stem, len(data), "bytes")
    for stem, doc in EHF:  # the XML files are hand-written; only their expected JSON is generated
        text = json.dumps(to_jsonable(doc), ensure_ascii=False, indent=2) + "\n"
        (EHF_DIR / f"{stem}.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
