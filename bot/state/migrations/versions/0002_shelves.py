"""Each server's shelf of stories with its history, and whether it hides the owner's library.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None
DOWNGRADE_DROPS = ("shelf_versions", "shelf_stories", "shelves")
"""What downgrade() drops (bot.state.revisions)."""


def upgrade() -> None:
    op.create_table(
        "shelves",
        sa.Column("server_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("library_hidden", sa.Boolean, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "shelf_stories",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("server_id", sa.BigInteger, nullable=False),
        sa.Column("name", sa.String(1024), nullable=False),
        sa.Column("current_version_id", sa.Integer, nullable=True),
        sa.UniqueConstraint("server_id", "name", name="one_story_per_name_per_shelf"),
    )
    op.create_table(
        "shelf_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("story_id", sa.Integer, sa.ForeignKey("shelf_stories.id"), nullable=False),
        sa.Column("server_id", sa.BigInteger, nullable=False),
        sa.Column("shelf_version", sa.Integer, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=True),
        sa.Column("source_version_id", sa.Integer, nullable=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("user_id", sa.BigInteger, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_shelf_versions_story_id", "shelf_versions", ["story_id"])
    op.create_index("ix_shelf_versions_server_id", "shelf_versions", ["server_id"])


def downgrade() -> None:
    op.drop_table("shelf_versions")
    op.drop_table("shelf_stories")
    op.drop_table("shelves")
