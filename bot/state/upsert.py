"""Insert a row, or update it where it exists, in one statement: SQLite and PostgreSQL spell it alike."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

INSERTS: dict[str, Callable[[sa.Table], postgresql.Insert | sqlite.Insert]] = {
    "postgresql": postgresql.insert,
    "sqlite": sqlite.insert,
}


def insert_or_update(
    connection: AsyncConnection,
    table: sa.Table,
    row: Mapping[str, object],
    key: Sequence[str],
    update: Mapping[str, object],
) -> sa.Executable:
    """`row`, or where a row with the same `key` columns exists, that row with `update` applied."""
    insert = INSERTS[connection.dialect.name](table).values(**row)
    return insert.on_conflict_do_update(index_elements=list(key), set_=dict(update))
