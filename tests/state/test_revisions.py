"""Every revision's downgrade works on a database holding data, on SQLite and PostgreSQL, and drops exactly what its
DOWNGRADE_DROPS says (what `database downgrade` lists and counts before it runs)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory

from bot.settings import Settings
from bot.state.database import Database, migrations_on
from bot.state.revisions import MIGRATIONS, known_revisions, newest, revision_named
from tests.state.every_table import SERVER, fill_every_table


def schema(connection: sa.Connection) -> set[str]:
    """Each table, and each of its columns as "table.column" (Alembic's own table left out)."""
    inspector = sa.inspect(connection)
    names = set()
    for table in inspector.get_table_names():
        if table != "alembic_version":
            names |= {table} | {f"{table}.{column['name']}" for column in inspector.get_columns(table)}
    return names


def taken_back(connection: sa.Connection, target: str) -> None:
    command.downgrade(migrations_on(connection), target)


def dropped_by(names: tuple[str, ...], before: set[str]) -> set[str]:
    """What dropping `names` takes away: a table's columns go with it."""
    return {name for name in before if name in names or name.partition(".")[0] in names}


async def test_each_downgrade_drops_what_it_names_and_keeps_the_rest_of_the_data(database_settings: Settings):
    database = await Database.open(database_settings)
    try:
        await fill_every_table(database)
        for revision in reversed(known_revisions()):
            below = "base" if revision.id == "0001" else "-1"
            async with database.engine.begin() as connection:
                before = await connection.run_sync(schema)
                await connection.run_sync(taken_back, below)
                after = await connection.run_sync(schema)
                if "server_settings" in after:
                    settings_kept = await connection.scalar(sa.text("SELECT budget_questions FROM server_settings"))
                    assert settings_kept == 3
            assert before - after == dropped_by(revision.drops, before), revision.id
            assert after <= before
    finally:
        await database.close()


async def test_a_database_taken_back_is_upgraded_again_at_the_next_start_keeping_what_it_held(
    database_settings: Settings,
):
    database = await Database.open(database_settings)
    try:
        await fill_every_table(database)
        async with database.engine.begin() as connection:
            await connection.run_sync(taken_back, "0002")
    finally:
        await database.close()
    again = await Database.open(database_settings)
    try:
        assert (await again.servers.of(SERVER)).channel(10).answers_every_message is True
        assert [story.name for story in (await again.shelves.stories(SERVER)).stories] == ["mill.docx"]
        async with again.engine.connect() as connection:
            assert await connection.scalar(sa.text("SELECT version_num FROM alembic_version")) == newest()
    finally:
        await again.close()


def test_a_revision_is_named_with_or_without_its_leading_zeros():
    assert [revision_named(written) for written in ("0003", "3", " 03 ", "0009", "three", "", "-1")] == [
        "0003",
        "0003",
        "0003",
        None,
        None,
        None,
        None,
    ]


def test_the_newest_revision_read_from_the_file_names_is_alembics_head():
    assert newest() == ScriptDirectory(str(MIGRATIONS)).get_current_head() == known_revisions()[-1].id
