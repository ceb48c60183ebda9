"""Demo data: the input files of a realistic demo workspace, and a manifest of what they hold.

``generate_demo_inputs(target_dir, seed=2026, articles=20000, suppliers=30, today=...)``
writes a party list (xlsx) and a party update (CSV), one price list per supplier in seven
shapes that suppliers really send (clean xlsx, xlsx with a title block, Swedish headers,
two CSV dialects, a two-row merged header, a change list) plus a replacement list, and
``demo_manifest.json`` with exact expected import results (``manifest`` documents the schema).
``vareflyt demo`` imports these files with the ordinary importers.

This package plays the part of the suppliers' and the shop's own software, so unlike the
rest of vareflyt it writes spreadsheets with xlsxwriter directly instead of going through
``vareflyt.excel``. ``demo.run`` (the ``vareflyt demo`` command) imports the demo's files with the
ordinary jobs and ``demo.nights`` runs the nightly batch over simulated days; the demo calls
public job functions only, and nothing outside ``vareflyt demo`` and the tests imports it.
"""

from .generate import generate_demo_inputs
from .manifest import MANIFEST_NAME, DemoManifest, FileEntry, RowNote

__all__ = ["generate_demo_inputs", "DemoManifest", "FileEntry", "RowNote", "MANIFEST_NAME"]
