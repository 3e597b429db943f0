"""Changing a server's own stories through the use-case layer, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.operations.change_shelf import kept_versions
from bot.settings import Settings
from bot.state.database import Database
from bot.state.shelves import HISTORY_SHOWN, ShelfAction

SERVER, MANAGER = 11, 1


@pytest.fixture(params=["sqlite", "postgresql"])
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    if request.param == "sqlite":
        settings = Settings(data=tmp_path / "data")
    else:
        settings = Settings(data=tmp_path / "unused", database_url=request.getfixturevalue("postgresql_url"))
    opened = await Database.open(settings)
    yield opened
    await opened.close()


async def test_a_kept_version_is_offered_however_many_changes_came_after_it(database: Database):
    shelves = database.shelves
    first = await shelves.add(SERVER, "Mill.md", b"# The Mill\n\nThe first wheel.", MANAGER, replace=False)
    await shelves.add(SERVER, "Mill.md", b"# The Mill\n\nThe second wheel.", MANAGER, replace=True)
    for count in range(HISTORY_SHOWN):  # a busy server's later changes to another story
        await shelves.add(SERVER, "busy.md", f"# Busy\n\nChange {count}.".encode(), MANAGER, replace=True)
    offered = await kept_versions(shelves, SERVER, "mill")
    assert [(v.version_id, v.name, v.action) for v in offered] == [(first.version_id, "Mill.md", ShelfAction.ADDED)]
    busy = await kept_versions(shelves, SERVER, "")
    assert len(busy) == 25 and all(not v.current for v in busy)
