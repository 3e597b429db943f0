from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.settings import Settings
from bot.state.database import Database


@pytest.fixture(params=["sqlite", "postgresql"])
def database_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Every test of the database runs on SQLite in a data folder and on a real PostgreSQL server."""
    if request.param == "sqlite":
        return Settings(data=tmp_path / "data")
    return Settings(data=tmp_path / "unused", database_url=request.getfixturevalue("postgresql_url"))


@pytest.fixture
async def database(database_settings: Settings) -> AsyncIterator[Database]:
    opened = await Database.open(database_settings)
    yield opened
    await opened.close()
