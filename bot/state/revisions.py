"""The schema revisions this storybot knows (bot/state/migrations/versions), oldest first, each with what it is for
and what its downgrade drops.

Each migration names what its downgrade() drops in DOWNGRADE_DROPS ("table" or "table.column"), so that a downgrade
can say, before it runs, which of the owner's data it would take away (tests/state/test_revisions.py holds each list
to what the downgrade really drops, on SQLite and PostgreSQL).
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

MIGRATIONS = Path(__file__).with_name("migrations")


@dataclasses.dataclass(frozen=True)
class Revision:
    id: str
    about: str
    """The first line of the migration's docstring: what the revision brought."""
    drops: tuple[str, ...]
    """What its downgrade drops: tables, and columns as "table.column"."""


@functools.cache
def known_revisions() -> tuple[Revision, ...]:
    from alembic.script import ScriptDirectory  # Alembic is imported only where a migration's script is read

    scripts = ScriptDirectory(str(MIGRATIONS))
    newest_first = [
        Revision(id=script.revision, about=script.doc, drops=tuple(script.module.DOWNGRADE_DROPS))
        for script in scripts.walk_revisions()
    ]
    return tuple(reversed(newest_first))


def newest() -> str:
    """The newest revision, from its file's name ("0007_waiting_interactions.py" is revision "0007"): every start
    compares the database's revision with it, and reading it so spares each process Alembic's import (a fifth of
    a second) when no migration is due. tests/state/test_revisions.py holds it to Alembic's own head."""
    return max(path.name.partition("_")[0] for path in (MIGRATIONS / "versions").glob("[0-9]*_*.py"))


def revision_named(written: str) -> str | None:
    """The known revision `written` names, with or without its leading zeros ("3", "0003"); None for none."""
    text = written.strip()
    for revision in known_revisions():
        if text == revision.id or (text.isascii() and text.isdigit() and text.lstrip("0") == revision.id.lstrip("0")):
            return revision.id
    return None
