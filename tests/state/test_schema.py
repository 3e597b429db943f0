"""The database's revision read without changing it, and taken back: what it drops counted first, a SQLite file copied
first, and a lock held elsewhere waited for only as long as the start's migration waits."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import asyncpg
import pytest

from bot.messages import database_error_text
from bot.settings import Settings
from bot.state.database import SQLITE_FILE, Database, DatabaseError
from bot.state.revisions import newest
from bot.state.schema import DowngradeRefused, Dropped, Refusal, downgrade, plan_downgrade, read_state
from tests.sqlite_lock import locked_by_another_process
from tests.state.every_table import fill_every_table


async def filled(settings: Settings) -> None:
    database = await Database.open(settings)
    try:
        await fill_every_table(database)
    finally:
        await database.close()


async def test_a_downgrade_counts_what_it_drops_newest_revision_first(database_settings: Settings):
    await filled(database_settings)
    plan = await plan_downgrade(database_settings, "0002")
    assert (plan.revision, plan.target) == (newest(), "0002")
    assert plan.dropped == (
        Dropped(name="waiting_interactions", rows=1),
        Dropped(name="shelf_texts", rows=1),
        Dropped(name="shelf_versions.characters", rows=1),
        Dropped(name="feedback.answer_id", rows=1),
        Dropped(name="answers", rows=1),
    )
    assert plan.drops_data
    assert (await read_state(database_settings)).revision == newest()  # planning changes nothing


async def test_a_sqlite_file_is_copied_whole_before_it_is_taken_back(tmp_path: Path):
    settings = Settings(data=tmp_path / "data")
    await filled(settings)
    copy = await downgrade(settings, await plan_downgrade(settings, "0004"))
    assert (
        copy is not None
        and copy.parent == settings.data
        and copy.name.startswith(f"{SQLITE_FILE}.revision-{newest()}-")
    )
    assert copy.stat().st_mode & 0o077 == 0
    with sqlite3.connect(copy) as kept:
        assert kept.execute("SELECT version_num FROM alembic_version").fetchone() == (newest(),)
        assert kept.execute("SELECT reading FROM shelf_texts").fetchall() == [("reader 1",)]
    assert sorted(p.name for p in settings.data.iterdir() if p.name.startswith(".")) == []  # no temporary left
    assert (await read_state(settings)).revision == "0004"


async def test_what_cannot_be_taken_back_is_refused_with_its_reason(tmp_path: Path):
    missing = Settings(data=tmp_path / "not made")
    with pytest.raises(DowngradeRefused) as refused:
        await plan_downgrade(missing, "0001")
    assert refused.value.refusal is Refusal.NO_DATABASE
    assert not missing.data.exists()  # never created by looking

    settings = Settings(data=tmp_path / "data")
    await filled(settings)
    with pytest.raises(DowngradeRefused) as refused:
        await plan_downgrade(settings, newest())
    assert refused.value.refusal is Refusal.NOT_EARLIER
    with sqlite3.connect(settings.data / SQLITE_FILE) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(DowngradeRefused) as refused:
        await plan_downgrade(settings, "0001")
    assert refused.value.refusal is Refusal.UNKNOWN_REVISION


async def test_a_sqlite_file_another_process_holds_is_left_as_it_was_after_a_bounded_wait(tmp_path: Path):
    settings = Settings(data=tmp_path / "data")
    await filled(settings)
    plan = await plan_downgrade(settings, "0003")
    with locked_by_another_process(settings.data / SQLITE_FILE), pytest.raises(DatabaseError) as failed:
        await downgrade(settings, plan)
    assert failed.value.transient
    said = database_error_text(failed.value)
    assert "another process holds it" in said and "nothing was changed" in said
    assert (await read_state(settings)).revision == newest()
    assert not list(settings.data.glob("*revision-*"))


async def test_a_postgresql_table_another_session_holds_ends_the_downgrade_unchanged(postgresql_url: str):
    """The drop waits for another session's lock on its table for lock_timeout (as the start's migration does), then
    fails in one line; the transaction is rolled back whole."""
    settings = Settings(data=Path("/nonexistent"), database_url=postgresql_url)
    await filled(settings)
    plan = await plan_downgrade(settings, "0004")
    holder = await asyncpg.connect(postgresql_url)
    try:
        async with holder.transaction():
            await holder.fetch("SELECT * FROM shelf_texts")
            with pytest.raises(DatabaseError) as failed:
                await downgrade(settings, plan)
    finally:
        await holder.close()
    assert failed.value.transient and "locked by another session" in database_error_text(failed.value)
    assert (await read_state(settings)).revision == newest()
    assert (await plan_downgrade(settings, "0004")).dropped == (
        Dropped(name="waiting_interactions", rows=1),
        Dropped(name="shelf_texts", rows=1),
    )
