"""Text columns that never hold NUL, on SQLite and PostgreSQL alike.

PostgreSQL's text cannot hold "\\x00", and refuses a whole statement that carries one: a question typed with one
(Discord's JSON can carry it), or a story whose text holds one, could be neither kept nor voted on there, while
SQLite took it. Every text column of the tables replaces it with U+FFFD as it is written, and in comparisons, so
both databases store and match the same text.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine.interfaces import Dialect

NUL = "\x00"
REPLACEMENT = "\ufffd"
"""What stands for a NUL, as it stands for bytes that are not UTF-8 and for half a surrogate pair (bot.discord_app
.typed_text): it keeps the words on either side apart, as the NUL did."""


def without_nul(text: str) -> str:
    return text.replace(NUL, REPLACEMENT)


class NulFreeText(sa.types.TypeDecorator[str]):
    """sa.Text, its NULs replaced as it is written."""

    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else without_nul(value)


class NulFreeString(sa.types.TypeDecorator[str]):
    """sa.String(length), its NULs replaced as it is written."""

    impl = sa.String
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else without_nul(value)
