"""The database's tables: what a server set from Discord, and what readers said of answers.

Discord ids are 64-bit, so they are BigIntegers. Stories are named by their file path in the corpus,
which outlives a reload (story numbers do not).
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

server_settings = sa.Table(
    "server_settings",
    metadata,
    sa.Column("server_id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("budget_questions", sa.Integer, nullable=True),
    sa.Column("budget_seconds", sa.Integer, nullable=True),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

channel_settings = sa.Table(
    "channel_settings",
    metadata,
    sa.Column("channel_id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("server_id", sa.BigInteger, nullable=False, index=True),
    sa.Column("answers_every_message", sa.Boolean, nullable=True),
    sa.Column("story_path", sa.String(1024), nullable=True),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

feedback = sa.Table(
    "feedback",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("server_id", sa.BigInteger, nullable=True, index=True),
    sa.Column("channel_id", sa.BigInteger, nullable=False),
    sa.Column("message_id", sa.BigInteger, nullable=False),
    sa.Column("user_id", sa.BigInteger, nullable=False),
    sa.Column("vote", sa.SmallInteger, nullable=False),
    sa.Column("question", sa.Text, nullable=False),
    sa.Column("story_path", sa.String(1024), nullable=False),
    sa.Column("story_title", sa.Text, nullable=False),
    sa.Column("passage", sa.Integer, nullable=False),
    sa.Column("excerpt", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("message_id", "user_id", "story_path", "passage", name="one_vote_per_person_per_answer"),
)
