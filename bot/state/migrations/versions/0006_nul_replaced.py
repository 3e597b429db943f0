"""Text written before NUL was replaced as it is written (bot.state.nul_free) has its NULs replaced too.

A row that kept a NUL was no longer found by the text it holds, which is now matched with U+FFFD: a vote on such an
answer, given again, was a second vote, and a story or channel named with one was not found by its name. SQLite
alone holds such rows: PostgreSQL's text cannot hold NUL, and refused every statement that carried one, so there
this finds nothing to change.

Each such value is written again with U+FFFD for each NUL, the rest of its row as it was, with two exceptions, where
another row already holds the text replaced (written since, by the same person or under the same name):
- two votes that are then one person's on one answer (bot.state.feedback: the same message, or the same question,
  story and passage in the same server) are one: the one given last is kept, the other deleted;
- a shelf story whose name is then another story's on its server is named apart, " (2)" (or the next number free)
  before its file's ending: both keep their histories, and each its own name.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None
DOWNGRADE_DROPS: tuple[str, ...] = ()
"""What downgrade() drops (bot.state.revisions): nothing."""

NUL = "\x00"
REPLACEMENT = "\ufffd"
TEXT_COLUMNS = {
    "channel_settings": ("channel_id", ("story_path",)),
    "answers": ("id", ("question", "scope")),
    "feedback": ("id", ("question", "story_path", "story_title", "excerpt")),
    "shelf_stories": ("id", ("name",)),
}
"""Each table's key and the text columns that replace NUL as they are written (bot.state.tables), as they stand at
this revision."""


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":  # no other database kept a NUL (above)
        return
    for table, (key, columns) in TEXT_COLUMNS.items():
        for row in _holding_nul(connection, table, key, columns):
            replaced = {column: _replaced(row[column]) for column in columns}
            if table == "feedback" and not _one_vote(connection, row, replaced):
                continue
            if table == "shelf_stories":
                replaced["name"] = _free_name(connection, row["server_id"], row["name"].replace(NUL, REPLACEMENT))
            assignments = ", ".join(f"{column} = :{column}" for column in columns)
            connection.execute(
                sa.text(f"UPDATE {table} SET {assignments} WHERE {key} = :key"), {**replaced, "key": row[key]}
            )


def downgrade() -> None:
    """Nothing is taken back: a NUL replaced cannot be told from a U+FFFD written as one, and the storybot of revision
    0005 reads and matches U+FFFD as any other text."""


def _holding_nul(connection: sa.Connection, table: str, key: str, columns: tuple[str, ...]) -> list[sa.RowMapping]:
    """The rows of `table` with a NUL in any of `columns` (looked for in their bytes: SQLite's text functions stop at
    the first NUL), each whole, in the order of their key."""
    holding = " OR ".join(f"instr(CAST({column} AS BLOB), x'00') > 0" for column in columns)
    found = connection.execute(sa.text(f"SELECT * FROM {table} WHERE {holding} ORDER BY {key}"))
    return list(found.mappings())


def _replaced(text: str | None) -> str | None:
    return None if text is None else text.replace(NUL, REPLACEMENT)


def _one_vote(connection: sa.Connection, vote: sa.RowMapping, replaced: dict[str, str | None]) -> bool:
    """Whether `vote` is to be written again: the other votes it is one with, once replaced, are deleted when it was
    given last; when one of them was, `vote` is deleted instead (False)."""
    same = connection.execute(
        sa.text(
            "SELECT id, updated_at FROM feedback WHERE id != :id AND user_id = :user_id AND passage = :passage "
            "AND story_path = :story_path "
            "AND (message_id = :message_id OR (server_id IS :server_id AND question = :question))"
        ),
        {
            "id": vote["id"],
            "user_id": vote["user_id"],
            "passage": vote["passage"],
            "story_path": replaced["story_path"],
            "message_id": vote["message_id"],
            "server_id": vote["server_id"],
            "question": replaced["question"],
        },
    ).all()
    if not same:
        return True
    # SQLite keeps the times as text of one form, in which their order is the text's; at the same time, the later row
    last = max([(vote["updated_at"], vote["id"]), *((other.updated_at, other.id) for other in same)])
    deleted = [other.id for other in same if other.id != last[1]] + ([vote["id"]] if last[1] != vote["id"] else [])
    for number in deleted:
        connection.execute(sa.text("DELETE FROM feedback WHERE id = :id"), {"id": number})
    return last[1] == vote["id"]


def _free_name(connection: sa.Connection, server: int, name: str) -> str:
    """`name`, or, if another story of the server has it, `name` with " (2)" (or the next number free) before its
    file's ending."""
    stem, dot, ending = name.rpartition(".")
    if not dot:
        stem, ending = name, ""
    candidate, number = name, 1
    while connection.scalar(
        sa.text("SELECT count(*) FROM shelf_stories WHERE server_id = :server AND name = :name"),
        {"server": server, "name": candidate},
    ):
        number += 1
        candidate = f"{stem} ({number}){dot}{ending}"
    return candidate
