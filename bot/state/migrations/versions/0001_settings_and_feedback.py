"""Server and channel settings, and readers' votes on answers.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None
DOWNGRADE_DROPS = ("feedback", "channel_settings", "server_settings")
"""What downgrade() drops (bot.state.revisions)."""


def upgrade() -> None:
    op.create_table(
        "server_settings",
        sa.Column("server_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("budget_questions", sa.Integer, nullable=True),
        sa.Column("budget_seconds", sa.Integer, nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "channel_settings",
        sa.Column("channel_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("server_id", sa.BigInteger, nullable=False),
        sa.Column("answers_every_message", sa.Boolean, nullable=True),
        sa.Column("story_path", sa.String(1024), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_channel_settings_server_id", "channel_settings", ["server_id"])
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("server_id", sa.BigInteger, nullable=True),
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
    op.create_index("ix_feedback_server_id", "feedback", ["server_id"])


def downgrade() -> None:
    op.drop_table("feedback")
    op.drop_table("channel_settings")
    op.drop_table("server_settings")
