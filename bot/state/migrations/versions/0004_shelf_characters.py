"""The length of the text each shelf version holds, which a server's limit counts when it is more than the file.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None
DOWNGRADE_DROPS = ("shelf_versions.characters",)
"""What downgrade() drops (bot.state.revisions)."""


def upgrade() -> None:
    op.add_column("shelf_versions", sa.Column("characters", sa.Integer, nullable=True))


def downgrade() -> None:
    op.drop_column("shelf_versions", "characters")
