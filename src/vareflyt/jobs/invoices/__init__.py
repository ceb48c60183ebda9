"""Supplier invoice control as a job: ``vareflyt invoices reconcile``, the nightly batch's
*reconcile* step and the ribbon's *Kontroller fakturaer* all run ``run.reconcile_invoices``.

Modules: ``run`` (the run: chunks, each invoice in isolation, statuses, findings and owed
notices in one transaction), ``snapshot`` (what a chunk is compared with, read once),
``contexts`` (one ``ControlContext`` per invoice), ``prices`` (the price on the order date),
``notices`` (deviation notices to suppliers, written from the stored findings), ``tables``
(people's decisions in the workbook's invoice tables, and rewriting them), ``table_rows`` (what
those tables' rows hold) and ``supplier_scores`` (the supplier scorecard). The checks
themselves are the pure rules in ``vareflyt.rules.invoice_control``.
"""
