"""Table definitions, one module per area, all on one shared ``metadata``.

Changing a table here needs a migration in ``store/migrations/versions`` in the same commit.
"""

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# the table modules register their tables on ``metadata`` above, so they are imported after it
from . import (  # noqa: E402,F401
    core,
    invoices,
    parties,
    prices,
    purchasing,
    receivables,
    sending,
)
