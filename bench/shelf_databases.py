"""The PostgreSQL database a bench of the shelves runs on besides its SQLite file: a server of its own from the system's
packages (tests/postgresql.py), stopped when the bench is done."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.settings import Settings
from tests.postgresql import PostgreSQLServer, server_programs


@contextmanager
def postgresql_settings() -> Iterator[Settings | None]:
    """Settings for a new database on a PostgreSQL server started for it; None (and said so) where none is installed."""
    programs = server_programs()
    if programs is None:
        print("PostgreSQL: not installed")
        yield None
        return
    server = PostgreSQLServer(programs).start()
    try:
        yield Settings(data=Path("unused"), database_url=server.new_database())
    finally:
        server.stop()
