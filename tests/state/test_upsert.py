"""Insert or update in one statement, on a real SQLite file and a real PostgreSQL server: a new key is a new row, a
key already there has its row updated with what `update` says, and nothing else of it changes."""

import sqlalchemy as sa

from bot.state.database import Database
from bot.state.upsert import insert_or_update

metadata = sa.MetaData()
votes = sa.Table(
    "upsert_votes",
    metadata,
    sa.Column("server", sa.Integer, primary_key=True),
    sa.Column("passage", sa.Integer, primary_key=True),
    sa.Column("up", sa.Integer, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
)


async def test_a_new_key_inserts_and_a_key_there_updates_its_row(database: Database):
    async with database.engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
        for server, passage, up in ((1, 7, 1), (1, 8, 1), (1, 7, 5), (2, 7, 3)):
            row = {"server": server, "passage": passage, "up": up, "note": f"first {up}"}
            await connection.execute(insert_or_update(connection, votes, row, ("server", "passage"), {"up": up}))
        rows = (await connection.execute(sa.select(votes).order_by(votes.c.server, votes.c.passage))).all()
    assert [tuple(row) for row in rows] == [(1, 7, 5, "first 1"), (1, 8, 1, "first 1"), (2, 7, 3, "first 3")]
