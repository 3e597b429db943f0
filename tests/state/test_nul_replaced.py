"""Revision 0006: rows written before NUL was replaced as it is written have it replaced, on a real SQLite file and a
real PostgreSQL server (whose text never held NUL: there it changes nothing), and a vote on such an answer given
again is the same vote, not a second."""

from __future__ import annotations

import dataclasses
import datetime

import sqlalchemy as sa
from alembic import command

from bot.settings import Settings
from bot.state.answers import SavedAnswer
from bot.state.database import Database, migrations_on
from bot.state.feedback import Judgement, Vote
from bot.state.tables import metadata
from tests.state.every_table import SERVER, fill_every_table
from tests.state.test_feedback import ANSWER as JUDGEMENT

Rows = dict[str, list[dict[str, object]]]

WRITTEN_WITH_NUL: Judgement = dataclasses.replace(
    JUDGEMENT,
    server_id=SERVER,
    question="where\x00born",
    story_path="so\x00.md",
    story_title="So\x00phie",
    excerpt="She\x00played.",
)
"""A vote whose texts held NUL (a question typed with one, a story named with one)."""
VOTED_TWICE = dataclasses.replace(WRITTEN_WITH_NUL, message_id=6000, passage=4)
"""Another, voted on again once NUL was replaced as written, but before this revision: a second vote."""


def every_row(connection: sa.Connection) -> Rows:
    """Every row of every table the database has (at 0005, not the tables of later revisions), in the order of its
    key."""
    present = set(sa.inspect(connection).get_table_names())
    return {
        table.name: [dict(row) for row in connection.execute(table.select().order_by(*table.primary_key)).mappings()]
        for table in metadata.sorted_tables
        if table.name in present
    }


def replaced(rows: Rows) -> Rows:
    return {
        table: [
            {name: value.replace("\x00", "\ufffd") if isinstance(value, str) else value for name, value in row.items()}
            for row in kept
        ]
        for table, kept in rows.items()
    }


async def written_before_0006(database: Database, sqlite: bool) -> int:
    """The database taken back to revision 0005 and given rows as a storybot then wrote them: on SQLite, each text
    column holding a NUL, and a vote and a shelf story written again once NUL was replaced as written (a second vote;
    a second story of the name). The id of the vote that second vote left behind."""
    async with database.engine.begin() as connection:
        await connection.run_sync(lambda sync: command.downgrade(migrations_on(sync), "0005"))
    await fill_every_table(database)
    await database.answers.save(
        SavedAnswer(
            id="nulnulnul234",
            server_id=SERVER,
            channel_id=10,
            asker_id=1,
            question="how old\x00is sofia",
            scope="so\x00.md",
            channel_scope=False,
            asked_at=datetime.datetime.now(datetime.UTC),
        )
    )
    await database.servers.set_story(SERVER, 5, "a\x00b.md")
    await database.feedback.record(WRITTEN_WITH_NUL)
    await database.feedback.record(VOTED_TWICE)
    await database.shelves.add(SERVER, "mill\x00.md", b"# The Mill\n\nIt turned.", 7, replace=False)
    if not sqlite:  # PostgreSQL refuses NUL: nothing written held one, and the vote given again changed it
        await database.feedback.record(dataclasses.replace(VOTED_TWICE, vote=Vote.UP))
        return 0
    async with database.engine.begin() as connection:  # as they were written before NUL was replaced
        for table, key, columns in (
            ("answers", "id", ("question", "scope")),
            ("channel_settings", "channel_id", ("story_path",)),
            ("feedback", "id", ("question", "story_path", "story_title", "excerpt")),
            ("shelf_stories", "id", ("name",)),
        ):
            for row in (await connection.execute(sa.text(f"SELECT * FROM {table}"))).mappings():
                nul = {column: row[column].replace("\ufffd", "\x00") for column in columns if row[column] is not None}
                assignments = ", ".join(f"{column} = :{column}" for column in nul)
                if nul:
                    await connection.execute(
                        sa.text(f"UPDATE {table} SET {assignments} WHERE {key} = :key"), {**nul, "key": row[key]}
                    )
        left_behind = await connection.scalar(sa.text("SELECT id FROM feedback WHERE message_id = 6000"))
    assert isinstance(left_behind, int)
    await database.feedback.record(dataclasses.replace(VOTED_TWICE, vote=Vote.UP))  # not found: a second vote
    await database.shelves.add(SERVER, "mill\x00.md", b"# The Mill\n\nIt stopped.", 7, replace=False)  # not found
    return left_behind


async def test_text_written_with_nul_has_it_replaced_and_the_rest_kept_and_a_vote_given_again_is_one(
    database_settings: Settings,
):
    sqlite = database_settings.database_url is None
    database = await Database.open(database_settings)
    try:
        left_behind = await written_before_0006(database, sqlite)
        async with database.engine.connect() as connection:
            before = await connection.run_sync(every_row)
    finally:
        await database.close()
    if sqlite:
        assert "mill\x00.md" in [row["name"] for row in before["shelf_stories"]]
        assert len([row for row in before["feedback"] if row["message_id"] == 6000]) == 2

    database = await Database.open(database_settings)  # migrated to 0006 as it starts
    try:
        async with database.engine.connect() as connection:
            after = await connection.run_sync(every_row)
        expected = replaced(before)
        expected["feedback"] = [row for row in expected["feedback"] if row["id"] != left_behind]  # the vote given last
        if sqlite:  # the story of the name from before is named apart, as its file's name (a NUL) was
            [first] = [row["id"] for row in before["shelf_stories"] if row["name"] == "mill\x00.md"]
            [named_apart] = [row for row in expected["shelf_stories"] if row["id"] == first]
            named_apart["name"] = "mill\ufffd (2).md"
        assert {table: rows for table, rows in after.items() if table in before} == expected
        assert [row["vote"] for row in after["feedback"] if row["message_id"] == 6000] == [Vote.UP]

        assert await database.feedback.record(dataclasses.replace(WRITTEN_WITH_NUL, vote=Vote.UP)) is Vote.DOWN
        assert await database.feedback.record(VOTED_TWICE) is Vote.UP
        async with database.engine.connect() as connection:
            votes = await connection.scalar(sa.text("SELECT count(*) FROM feedback"))
        assert votes == len(after["feedback"])  # changed, not given again
    finally:
        await database.close()
