"""The interactions the bot is still working on, so that a bot killed before it answered tells them, once restarted.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None
DOWNGRADE_DROPS = ("waiting_interactions",)
"""What downgrade() drops (bot.state.revisions)."""


def upgrade() -> None:
    op.create_table(
        "waiting_interactions",
        sa.Column("interaction_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("application_id", sa.BigInteger, nullable=False),
        sa.Column("token", sa.Text, nullable=False),
        sa.Column("shard", sa.Integer, nullable=False),
        sa.Column("process", sa.String(32), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_waiting_interactions_expires_at", "waiting_interactions", ["expires_at"])


def downgrade() -> None:
    op.drop_table("waiting_interactions")
