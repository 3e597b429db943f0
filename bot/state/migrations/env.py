"""Alembic's entry point: runs the versioned migrations on the connection Database.open hands it."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, text

from bot.state.tables import metadata

MIGRATION_LOCK = 0x5707_B07
"""Shards on several machines may start at once: on PostgreSQL one migrates while the others wait. On SQLite (shards
sharing a data folder, or `shelf import` beside a starting bot) the write lock is taken before the revision is read:
two read "no revision" and both created the tables, and all but one failed ("table server_settings already exists")."""

connection = context.config.attributes["connection"]
assert isinstance(connection, Connection)
# SQLite alters tables by copying them ("batch" mode); PostgreSQL alters them in place.
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    elif connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    context.run_migrations()
