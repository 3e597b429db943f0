"""The database's tables: what a server set from Discord, the answers given there, what readers said of them,
each server's shelf, and the interactions the bot is still working on.

Discord ids are 64-bit, so they are BigIntegers. Stories are named by their file path in the corpus,
which outlives a reload (story numbers do not).
"""

from __future__ import annotations

import sqlalchemy as sa

from bot.state.nul_free import NulFreeString, NulFreeText

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
    sa.Column("story_path", NulFreeString(1024), nullable=True),
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
    sa.Column("question", NulFreeText, nullable=False),
    sa.Column("story_path", NulFreeString(1024), nullable=False),
    sa.Column("story_title", NulFreeText, nullable=False),
    sa.Column("passage", sa.Integer, nullable=False),
    sa.Column("excerpt", NulFreeText, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("answer_id", sa.String(16), nullable=True),
    sa.UniqueConstraint("message_id", "user_id", "story_path", "passage", name="one_vote_per_person_per_answer"),
)
"""`answer_id`: the answer voted on (answers, while it is kept; None for votes from before answers were)."""

answers = sa.Table(
    "answers",
    metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("server_id", sa.BigInteger, nullable=True),
    sa.Column("channel_id", sa.BigInteger, nullable=True),
    sa.Column("asker_id", sa.BigInteger, nullable=False),
    sa.Column("question", NulFreeText, nullable=False),
    sa.Column("scope", NulFreeString(32), nullable=True),
    sa.Column("channel_scope", sa.Boolean, nullable=False),
    sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False, index=True),
)
"""Each answer given in Discord, by the random id its buttons carry: what it takes to show it again (the
question, the one story it searched) and whose it is. Deleted after STORYBOT_ANSWER_DAYS."""

shelves = sa.Table(
    "shelves",
    metadata,
    sa.Column("server_id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("library_hidden", sa.Boolean, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)
"""One row per server that changed what it searches: its stories' version, raised by every change (also by
hiding or showing the owner's library). Raising it is what serialises changes to one shelf; every process
polls it to see them."""

shelf_stories = sa.Table(
    "shelf_stories",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("server_id", sa.BigInteger, nullable=False),
    sa.Column("name", NulFreeString(1024), nullable=False),
    sa.Column("current_version_id", sa.Integer, nullable=True),
    sa.UniqueConstraint("server_id", "name", name="one_story_per_name_per_shelf"),
)
"""A story of a server's shelf, by file name; its id names it for good (bot.core.story_ids.shelf_path).
`current_version_id` is the version whose file it shows (None: removed)."""

shelf_versions = sa.Table(
    "shelf_versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("story_id", sa.Integer, sa.ForeignKey("shelf_stories.id"), nullable=False, index=True),
    sa.Column("server_id", sa.BigInteger, nullable=False, index=True),
    sa.Column("shelf_version", sa.Integer, nullable=False),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=True),
    sa.Column("source_version_id", sa.Integer, nullable=True),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("user_id", sa.BigInteger, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("characters", sa.Integer, nullable=True),
)
"""Every change to a shelf, never deleted: an added or replaced file (`data`), a removal, or a restore of
an earlier version (`source_version_id`, whose data it shows again). `characters`: the length of the text
an added or replaced file holds (None: no more than its bytes, and for versions from before it was kept)."""

shelf_texts = sa.Table(
    "shelf_texts",
    metadata,
    sa.Column("version_id", sa.Integer, sa.ForeignKey("shelf_versions.id"), primary_key=True, autoincrement=False),
    sa.Column("reading", sa.Text, nullable=False),
    sa.Column("packed", sa.LargeBinary, nullable=False),
)
"""The story a version's file was read as (its title and passages, packed by bot.core.stored_text), so that no view
reads the file again, and what read it (`reading`: text read by older readers is read again and replaced, one read by
newer readers stands: bot.core.stored_text.newer_reading). A table of its own, not a column of `shelf_versions`: text
stored later (for a version from before it was kept, or read again by a newer reader) is a row written apart from the
version's, whose file it never rewrites (SQLite writes a whole row again on any update, its file's megabytes too), and
counted against the server's room as an upload's text is. Gone with its file when the owner moves that out."""

waiting_interactions = sa.Table(
    "waiting_interactions",
    metadata,
    sa.Column("interaction_id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("application_id", sa.BigInteger, nullable=False),
    sa.Column("token", sa.Text, nullable=False),
    sa.Column("shard", sa.Integer, nullable=False),
    sa.Column("process", sa.String(32), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False, index=True),
)
"""An interaction the bot said it was working on ("thinking…") and has not finished: what it takes to edit that
response (the application's id and the interaction's token, a credential Discord honours for 15 minutes) if the
process that took it ends without answering, and which process took it, on which shard. Deleted once answered, or
once expired (bot.state.waiting_interactions)."""
