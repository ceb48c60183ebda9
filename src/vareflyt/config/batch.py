"""[batch]: the nightly batch (``vareflyt batch run``): waiting for another run, JSON-log
rotation, where the morning report goes, and which steps to leave out.

Per-partner batch settings live in the partner's own table (``[partners."GLN"]``):
``price_files`` (a file-name pattern, e.g. ``"trelast_*.xlsx"``, that marks a spreadsheet in
``inbox/`` as this supplier's price list) and ``price_kind`` (``new``, ``change`` or
``replace``). They are checked per partner when the batch runs, so one partner's broken
setting stops only that partner's files (see ``vareflyt.jobs.nightly.inbox``).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import ConfigError, checks

DEFAULT_TOML = """
[batch]
# Nattkjøringen (vareflyt batch run). Se docs/batch.md for planlegging med cron,
# systemd eller Oppgaveplanlegging i Windows.
wait_seconds = 0        # vent så mange sekunder hvis en annen kjøring pågår (0 = avslutt med melding)
log_files = 10          # antall JSON-loggfiler som beholdes i .vareflyt/logs/
log_max_mb = 5          # størrelse før loggen roteres (MB)
report_folder = "rapporter"   # morgenrapporten (HTML) skrives hit, én fil per dato
skip_steps = []         # trinn som hoppes over, f.eks. ["dunning"]
# Per leverandør, under [partners."GLN"]:
# price_files = "trelast_*.xlsx"   # filnavn i inbox/ som er denne leverandørens prisliste
# price_kind = "change"            # new, change eller replace (standard: new)
"""

STEP_NAMES = ("inbox", "edi", "orders", "reconcile", "dunning", "send", "tables", "report")


@dataclass(frozen=True)
class BatchSettings:
    wait_seconds: int = 0
    log_files: int = 10
    log_max_mb: int = 5
    report_folder: str = "rapporter"
    skip_steps: tuple[str, ...] = ()


def parse(raw: dict) -> BatchSettings:
    known = {"wait_seconds", "log_files", "log_max_mb", "report_folder", "skip_steps"}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ConfigError(
            f"batch.{unknown[0]}", "er ikke en kjent innstilling", f"Gyldige: {', '.join(sorted(known))}"
        )
    skip = raw.get("skip_steps", [])
    if not isinstance(skip, list) or not all(isinstance(s, str) and s in STEP_NAMES for s in skip):
        raise ConfigError(
            "batch.skip_steps",
            f"må være en liste med trinn, ikke {skip!r}",
            f'Gyldige trinn: {", ".join(STEP_NAMES)}; skriv f.eks. skip_steps = ["dunning"]',
        )
    folder = checks.text("batch", raw, "report_folder", "rapporter").strip()
    if not folder or folder.startswith(("/", "\\", "..")) or ":" in folder:
        raise ConfigError(
            "batch.report_folder",
            f"{folder!r} er ikke en mappe i arbeidsmappen",
            'Skriv et mappenavn, f.eks. report_folder = "rapporter"',
        )
    return BatchSettings(
        wait_seconds=checks.integer("batch", raw, "wait_seconds", 0, minimum=0),
        log_files=checks.integer("batch", raw, "log_files", 10, minimum=1),
        log_max_mb=checks.integer("batch", raw, "log_max_mb", 5, minimum=1),
        report_folder=folder,
        skip_steps=tuple(skip),
    )
