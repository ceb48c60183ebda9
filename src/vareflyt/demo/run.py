"""The demo: build a realistic workspace from generated inputs and run the flow on it.

``vareflyt demo [DIR]`` generates supplier and party files (``vareflyt.demo``), creates a
workspace whose ``vareflyt.toml`` names the demo shop and its partners, and imports every
file with the ordinary jobs, exactly as a user would. Then the nightly batch runs over
``days`` simulated nights ending on ``today`` (``demo.nights``): the customers'
open items and payments, order entry, the suppliers' responses, packing slips and invoices
arrive, and each night's morning report lands in ``rapporter/``. The workspace gets its own
``rates.toml`` with the not yet confirmed interest rate from 1 July 2026, marked as a demo
assumption. Running it again on the same folder and date changes nothing (every import is
idempotent, nights already run are skipped).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import default_toml
from ..domain.issues import JobResult
from ..jobs.progress import NULL_PROGRESS
from ..workspace import init_workspace
from .identifiers import DEMO_NOBB_CODE

if TYPE_CHECKING:
    from ..workspace import Workspace

INPUT_FOLDER = "demo-input"


def _toml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def demo_config(manifest) -> str:
    """The demo shop's vareflyt.toml: the default text with its company and partners filled in."""
    own = manifest.own_company
    company = {
        "name": own["name"],
        "gln": own["gln"],
        "orgnr": own["orgnr"],
        "address": own.get("address", ""),
        "postcode": own.get("postnr", ""),
        "city": own.get("poststed", ""),
        "bank_account": own.get("kontonr", ""),
    }
    text = default_toml()
    for key, value in company.items():
        start = text.index(f"\n{key} = ", text.index("[company]"))
        end = text.index("\n", start + 1)
        comment = text[start:end].split("#", 1)
        keep = len(comment) > 1 and "f.eks." not in comment[1]
        suffix = f"  #{comment[1]}" if keep else ""
        text = text[:start] + f"\n{key} = {_toml_str(value)}{suffix}" + text[end:]
    partners = []
    for gln, partner in manifest.partners.items():
        partners.append(
            f'[partners."{gln}"]\nname = {_toml_str(partner["name"])}\n'
            f"edi = {'true' if partner['edi'] else 'false'}\n"
            + (
                f'nobb_code = "{DEMO_NOBB_CODE}"   # NOBB-nummer i PIA+1+…:NB (NeB-praksis)\n'
                if partner["edi"]
                else ""
            )
        )
    return text + "\n# Demo-partnere\n" + "\n".join(partners)


def _import_file(ws: Workspace, folder: Path, entry, progress) -> JobResult:
    path = folder / entry.path
    if entry.kind == "parties":
        from ..jobs.import_parties import import_parties

        return import_parties(ws, path, progress)
    from ..jobs.import_prices import import_prices

    return import_prices(
        ws,
        path,
        entry.supplier_gln,
        entry.price_list_kind,
        date.fromisoformat(entry.valid_from),
        progress,
        refresh_table=False,
    )


def _nights(ws: Workspace, today: date, days: int, customers: int, seed: int, progress) -> JobResult:
    from datetime import timedelta

    from .nights import run_days
    from .receivables import DemoCustomers

    first = today - timedelta(days=days - 1)
    with progress.task("Nattkjøringer", total=None):
        return run_days(ws, first, days, DemoCustomers(seed, first, customers) if customers else None)


def run_demo(
    root: Path,
    *,
    today: date,
    articles: int = 20000,
    suppliers: int = 30,
    days: int = 5,
    customers: int = 300,
    progress=NULL_PROGRESS,
) -> JobResult:
    from . import generate_demo_inputs

    root = Path(root)
    inputs = root / INPUT_FOLDER
    with progress.task("Lager demodata", total=None):
        manifest = generate_demo_inputs(inputs, articles=articles, suppliers=suppliers, today=today)
    ws = init_workspace(root, config_text=demo_config(manifest))
    from .receivables import write_demo_rates

    write_demo_rates(ws.root)
    result = JobResult(counts={"files": 0, "rows_read": 0, "imported": 0, "rejected": 0})
    lines = [f"Demo-arbeidsmappe: {ws.root}"]
    try:
        with progress.task("Importerer demofiler", total=len(manifest.files)) as task:
            for entry in manifest.files:
                step = _import_file(ws, inputs, entry, progress)
                result.counts["files"] += 1
                for key in ("rows_read", "imported", "rejected"):
                    result.counts[key] += step.counts.get(key, 0)
                result.extend(step.issues)
                lines.append(f"  {step.summary}")
                task.advance()
        with progress.task("Oppdaterer katalogtabellen"):  # once, not once per price list
            from ..jobs.import_prices import refresh_catalogue_table

            refresh_catalogue_table(ws, result, today)
        if days > 0:
            nights = _nights(ws, today, days, customers, manifest.seed, progress)
            result.extra["nights"] = nights.extra["nights"]
            result.counts["nights"] = nights.counts["nights"]
            lines.append(f"Nattkjøringer ({days} simulerte døgn til og med {today:%d.%m.%Y}):")
            lines.append(nights.summary or "  (alle døgnene er kjørt før)")
            lines.append(f"Morgenrapporten: {ws.root / ws.config.batch.report_folder / 'morgenrapport.html'}")
    finally:
        ws.close()
    lines.append(f"Åpne {ws.purchasing_workbook.name} i {ws.root} for å se parter og katalog.")
    result.summary = "\n".join(lines)
    result.outputs = [str(ws.root), str(ws.purchasing_workbook), str(ws.receivables_workbook)]
    result.extra["workspace"] = str(ws.root)
    return result
