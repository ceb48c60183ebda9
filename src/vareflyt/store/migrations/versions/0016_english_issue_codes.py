"""Issue codes in one English scheme: stored deviation codes get today's names.

The deviations of order responses and packing slips keep their code (``ordresvar.delvis``,
``pakkseddel.overlevering`` before this version). ``add_deviations`` compares stored codes with
new ones so a re-sent response does not double the list, and the workbook's deviation table
shows them, so the stored codes are renamed with the alias table of ``domain/issue_codes``.
Downgrade names them back.

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

from vareflyt.domain.issue_codes import ALIASES

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_DEVIATIONS = sa.table("purchase_deviations", sa.column("code", sa.String))


def _rename(pairs: dict[str, str]) -> None:
    for old, new in pairs.items():
        op.execute(_DEVIATIONS.update().where(_DEVIATIONS.c.code == old).values(code=new))


def _deviation_codes() -> dict[str, str]:
    return {old: new for old, new in ALIASES.items() if old.startswith(("ordresvar.", "pakkseddel."))}


def upgrade() -> None:
    _rename(_deviation_codes())


def downgrade() -> None:
    _rename({new: old for old, new in _deviation_codes().items()})
