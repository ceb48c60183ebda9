"""Workspace configuration (``vareflyt.toml``): loading, validation and the commented default.

Each section has its own module here exposing ``DEFAULT_TOML`` (the commented default text for
a new workspace) and ``parse(raw: dict) -> value`` that raises ``ConfigError`` naming the key
and the fix; the value is a frozen dataclass (``Partners`` for the partner tables).

``Config`` gives each section as a typed attribute (``config.invoice_control``,
``config.partners``, ...). A section's module is imported the first time its attribute is
read, by a plain ``from . import x`` inside the property, and its value is kept.
``load_config`` reads every section once (``validate_all``), so a bad value stops any command
at start with the file, the key and the fix. ``SECTIONS`` fixes the order in the generated
file (``parties`` is a known section with nothing to validate yet). A new section is one
module, one entry in ``SECTIONS``, one property and one line in ``validate_all`` and
``default_toml``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..domain.issues import UsageError

if TYPE_CHECKING:
    from .batch import BatchSettings
    from .company import Company
    from .dunning import DunningSettings
    from .invoice_control import InvoiceControlSettings
    from .partners import Partners
    from .prices import PriceSettings
    from .purchasing import PurchasingSettings
    from .receivables import ReceivablesSettings
    from .sending import SendingSettings
    from .store import StoreSettings
    from .workspace import WorkspaceSettings

SECTIONS = [
    "company",
    "store",
    "workspace",
    "partners",
    "prices",
    "parties",
    "purchasing",
    "invoice_control",
    "receivables",
    "dunning",
    "batch",
    "sending",
]

Section = TypeVar("Section")


class ConfigError(UsageError):
    """Invalid configuration: names the file, the key and the fix (exit code 2)."""

    def __init__(self, key: str, problem: str, fix: str, file: Path | None = None):
        where = f"{file}: " if file else ""
        super().__init__(f"{where}[{key}] {problem}. {fix}")
        self.key, self.problem, self.fix = key, problem, fix


def default_toml() -> str:
    """The commented ``vareflyt.toml`` a new workspace starts with, sections in ``SECTIONS`` order."""
    from . import (
        batch,
        company,
        dunning,
        invoice_control,
        partners,
        prices,
        purchasing,
        receivables,
        sending,
        store,
        workspace,
    )

    texts = {
        "company": company.DEFAULT_TOML,
        "store": store.DEFAULT_TOML,
        "workspace": workspace.DEFAULT_TOML,
        "partners": partners.DEFAULT_TOML,
        "prices": prices.DEFAULT_TOML,
        "purchasing": purchasing.DEFAULT_TOML,
        "invoice_control": invoice_control.DEFAULT_TOML,
        "receivables": receivables.DEFAULT_TOML,
        "dunning": dunning.DEFAULT_TOML,
        "batch": batch.DEFAULT_TOML,
        "sending": sending.DEFAULT_TOML,
    }
    parts = [
        "# vareflyt.toml: innstillinger for denne arbeidsmappen.\n"
        "# Linjer som starter med # er kommentarer. Endre verdiene og lagre filen.\n"
    ]
    parts += [texts[name].strip("\n") + "\n" for name in SECTIONS if name in texts]
    return "\n".join(parts)


class Config:
    """The parsed configuration: one typed, validated attribute per section of ``vareflyt.toml``."""

    def __init__(self, raw: dict[str, Any], path: Path | None = None):
        self.raw = raw
        self.path = path

    def _parse(self, name: str, parse: Callable[[dict[str, Any]], Section]) -> Section:
        """Section ``name`` parsed by ``parse``; its ConfigError names this file."""
        try:
            return parse(self.raw.get(name, {}))
        except ConfigError as exc:
            raise ConfigError(exc.key, exc.problem, exc.fix, file=self.path) from None

    @cached_property
    def company(self) -> Company:
        from . import company

        return self._parse("company", company.parse)

    @cached_property
    def store(self) -> StoreSettings:
        from . import store

        return self._parse("store", store.parse)

    @cached_property
    def workspace(self) -> WorkspaceSettings:
        from . import workspace

        return self._parse("workspace", workspace.parse)

    @cached_property
    def partners(self) -> Partners:
        from . import partners

        return self._parse("partners", partners.parse)

    @cached_property
    def prices(self) -> PriceSettings:
        from . import prices

        return self._parse("prices", prices.parse)

    @cached_property
    def purchasing(self) -> PurchasingSettings:
        from . import purchasing

        return self._parse("purchasing", purchasing.parse)

    @cached_property
    def invoice_control(self) -> InvoiceControlSettings:
        from . import invoice_control

        return self._parse("invoice_control", invoice_control.parse)

    @cached_property
    def receivables(self) -> ReceivablesSettings:
        from . import receivables

        return self._parse("receivables", receivables.parse)

    @cached_property
    def dunning(self) -> DunningSettings:
        from . import dunning

        return self._parse("dunning", dunning.parse)

    @cached_property
    def batch(self) -> BatchSettings:
        from . import batch

        return self._parse("batch", batch.parse)

    @cached_property
    def sending(self) -> SendingSettings:
        from . import sending

        return self._parse("sending", sending.parse)

    def validate_all(self) -> None:
        """Read every section, in ``SECTIONS`` order: the first bad value raises its ConfigError."""
        unknown = [k for k in self.raw if k not in SECTIONS]
        if unknown:
            raise ConfigError(
                unknown[0],
                "er ikke en kjent seksjon",
                f"Gyldige seksjoner: {', '.join(SECTIONS)}",
                file=self.path,
            )
        # Reading an attribute parses its section; the tuple is read left to right, in SECTIONS order.
        _ = (
            self.company,
            self.store,
            self.workspace,
            self.partners,
            self.prices,
            self.purchasing,
            self.invoice_control,
            self.receivables,
            self.dunning,
            self.batch,
            self.sending,
        )


def load_config(path: Path) -> Config:
    """``vareflyt.toml`` at ``path``, every section validated; UsageError naming the fix otherwise."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError(
            f"Fant ikke {path}. Kjør `vareflyt init MAPPE` for å lage en arbeidsmappe."
        ) from None
    except UnicodeDecodeError:
        raise UsageError(f"{path} er ikke lagret som UTF-8. Lagre filen som UTF-8 og prøv igjen.") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        from .toml_faults import toml_fault  # only for a broken file: importing config loads no submodule

        raise UsageError(f"{path} har en skrivefeil, {toml_fault(exc)}. Rett linjen og prøv igjen.") from None
    config = Config(raw, path)
    config.validate_all()
    return config
