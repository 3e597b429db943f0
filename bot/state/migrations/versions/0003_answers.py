"""The answers given in Discord, by the id their buttons carry; a vote names the answer it was given on.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None
DOWNGRADE_DROPS = ("feedback.answer_id", "answers")
"""What downgrade() drops (bot.state.revisions)."""


def upgrade() -> None:
    op.create_table(
        "answers",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("server_id", sa.BigInteger, nullable=True),
        sa.Column("channel_id", sa.BigInteger, nullable=True),
        sa.Column("asker_id", sa.BigInteger, nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("scope", sa.String(32), nullable=True),
        sa.Column("channel_scope", sa.Boolean, nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_answers_asked_at", "answers", ["asked_at"])
    op.add_column("feedback", sa.Column("answer_id", sa.String(16), nullable=True))


def downgrade() -> None:
    op.drop_column("feedback", "answer_id")
    op.drop_table("answers")
