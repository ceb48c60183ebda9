"""What vareflyt last wrote into the cells of the workbook's Kunder sheet.

The Kunder sheet is filled from the open-items exports, and users type over its cells. To
tell the two apart on the next read, vareflyt remembers the text it wrote into each cell
(``customer_sheet_values``: customer, column key, text): a cell that still holds that text was
not typed. A cell the user typed has no row here, so it stays typed until it is emptied.

``load`` gives the memory as customer no -> {column key: text}; ``save`` makes the table equal
a new memory (inserting, changing and deleting only the rows that differ, so a nightly run
that changes nothing writes nothing). Callers pass the connection of their transaction.
"""

from __future__ import annotations

from collections.abc import Mapping

import sqlalchemy as sa

from .tables.receivables import customer_sheet_values as values_table

__all__ = ["load", "save"]

Memory = Mapping[str, Mapping[str, str]]


def load(conn: sa.Connection) -> dict[str, dict[str, str]]:
    """Customer no -> {Kunder column key: the text vareflyt wrote there last}."""
    out: dict[str, dict[str, str]] = {}
    for r in conn.execute(sa.select(values_table)):
        out.setdefault(r.customer_no, {})[r.field] = r.value
    return out


def save(conn: sa.Connection, memory: Memory) -> dict[str, int]:
    """Make the stored memory equal ``memory``; returns counts of rows added, changed, removed."""
    old = {(c, f): v for c, fields in load(conn).items() for f, v in fields.items()}
    new = {(c, f): v[:500] for c, fields in memory.items() for f, v in fields.items() if v}
    inserts = [{"customer_no": c, "field": f, "value": v} for (c, f), v in new.items() if (c, f) not in old]
    changed = [(c, f, v) for (c, f), v in new.items() if (c, f) in old and old[(c, f)] != v]
    gone = [key for key in old if key not in new]
    if inserts:
        conn.execute(values_table.insert(), inserts)
    for c, f, v in changed:
        conn.execute(
            values_table.update()
            .where(values_table.c.customer_no == c, values_table.c.field == f)
            .values(value=v)
        )
    for c, f in gone:
        conn.execute(values_table.delete().where(values_table.c.customer_no == c, values_table.c.field == f))
    return {"added": len(inserts), "changed": len(changed), "removed": len(gone)}
