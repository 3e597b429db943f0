"""The text each shelf version's file was read as, kept so that views never read the file again.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None
DOWNGRADE_DROPS = ("shelf_texts",)
"""What downgrade() drops (bot.state.revisions)."""


def upgrade() -> None:
    op.create_table(
        "shelf_texts",
        sa.Column("version_id", sa.Integer, sa.ForeignKey("shelf_versions.id"), primary_key=True, autoincrement=False),
        sa.Column("reading", sa.Text, nullable=False),
        sa.Column("packed", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("shelf_texts")
