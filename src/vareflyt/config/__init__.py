"""Workspace configuration (``vareflyt.toml``): loading, validation and the commented default.

Each section has its own module here exposing ``DEFAULT_TOML`` (the commented default text for
a new workspace) and ``parse(raw: dict) -> value`` that raises ``ConfigError`` naming the key
and the fix. ``SECTION_MODULES`` (end of this file) names each section's module literally, so a
new section is one import and one entry there; ``SECTIONS`` fixes the order in the generated
file (``parties`` is a known section with nothing to validate yet).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from ..domain.issues import UsageError

SECTIONS = ["company", "store", "workspace", "partners", "prices", "parties", "purchasing", "invoice_control",
            "receivables", "dunning", "batch", "sending"]


class ConfigError(UsageError):
    """Invalid configuration: names the file, the key and the fix (exit code 2)."""

    def __init__(self, key: str, problem: str, fix: str, file: Path | None = None):
        where = f"{file}: " if file else ""
        super().__init__(f"{where}[{key}] {problem}. {fix}")
        self.key, self.problem, self.fix = key, problem, fix


def _section_module(name: str) -> Any:
    """The module that parses section ``name``, or None for a known section without settings."""
    return SECTION_MODULES.get(name)


def default_toml() -> str:
    parts = ["# vareflyt.toml: innstillinger for denne arbeidsmappen.\n"
             "# Linjer som starter med # er kommentarer. Endre verdiene og lagre filen.\n"]
    for name in SECTIONS:
        module = _section_module(name)
        if module is not None:
            parts.append(module.DEFAULT_TOML.strip("\n") + "\n")
    return "\n".join(parts)


class Config:
    """The parsed configuration. ``section(name)`` gives the validated value of a section."""

    def __init__(self, raw: dict[str, Any], path: Path | None = None):
        self.raw = raw
        self.path = path
        self._parsed: dict[str, Any] = {}

    def section(self, name: str) -> Any:
        if name not in self._parsed:
            module = _section_module(name)
            if module is None:
                raise KeyError(name)
            try:
                self._parsed[name] = module.parse(self.raw.get(name, {}))
            except ConfigError as exc:
                raise ConfigError(exc.key, exc.problem, exc.fix, file=self.path) from None
        return self._parsed[name]

    def validate_all(self) -> None:
        unknown = [k for k in self.raw if k not in SECTIONS]
        if unknown:
            raise ConfigError(unknown[0], "er ikke en kjent seksjon",
                              f"Gyldige seksjoner: {', '.join(SECTIONS)}", file=self.path)
        for name in SECTIONS:
            if _section_module(name) is not None:
                self.section(name)


def load_config(path: Path) -> Config:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"Fant ikke {path}. Kjør `vareflyt init MAPPE` for å lage en arbeidsmappe.") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path} er ikke lagret som UTF-8. Lagre filen som UTF-8 og prøv igjen.") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path} har en skrivefeil: {exc}. Rett linjen og prøv igjen.") from None
    config = Config(raw, path)
    config.validate_all()
    return config


from . import (batch, company, dunning, invoice_control, partners, prices, purchasing, receivables,  # noqa: E402
               sending, store, workspace)

SECTION_MODULES: dict[str, Any] = {
    "company": company, "store": store, "workspace": workspace, "partners": partners, "prices": prices,
    "purchasing": purchasing, "invoice_control": invoice_control, "receivables": receivables,
    "dunning": dunning, "batch": batch, "sending": sending,
}
