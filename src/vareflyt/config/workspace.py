"""[workspace]: folders several workspaces share. ``shared_folder`` (empty: none) is a network
share that holds ``inbox/``, ``outbox/``, ``archive/``, ``quarantine/`` and ``letters/`` for every
workspace on one shared store; a relative path is taken from the workspace folder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import checks

DEFAULT_TOML = """
[workspace]
# Med et delt lager (PostgreSQL) og flere arbeidsmapper (kontor-PC, server) må innboks, utboks,
# arkiv, karantene og brev ligge på ett sted: en nettverksmappe, f.eks. "//server/vareflyt" eller
# "/mnt/vareflyt". Tom betyr mappene i arbeidsmappen. Se docs/shared-store.md.
shared_folder = ""
"""


@dataclass(frozen=True)
class WorkspaceSettings:
    shared_folder: str = ""  # the network share with the shared folders; empty: the workspace folder


def parse(raw: dict[str, Any]) -> WorkspaceSettings:
    return WorkspaceSettings(shared_folder=checks.text("workspace", raw, "shared_folder", ""))
