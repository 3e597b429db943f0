"""`python -m bot database status` and `database downgrade --to REVISION|RELEASE`: the schema revision of the bot's
database, and taking it back for an older storybot, which refuses a database a newer one migrated. The older storybot
is named by its revision or by its release (bot.state.releases).

A downgrade runs only while no bot does (it holds the bot's run locks), says what it drops and how much of it there
is, copies a SQLite file first, and on PostgreSQL, which it cannot copy, asks for --yes once it would drop data.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING

from bot.cli.on_database import checked_pages, run_on_database
from bot.messages import (
    RELEASES_HEADING,
    REVISIONS_HEADING,
    at_revision_already_text,
    downgrade_refused_text,
    downgrade_unconfirmed_text,
    release_target_text,
    schema_state_text,
    taken_back_text,
    unknown_target_text,
)
from bot.settings import Settings
from bot.state.database_fault import DatabaseTask

if TYPE_CHECKING:
    from pathlib import Path

    from bot.state.releases import Release
    from bot.state.schema import DowngradePlan

Stopped = Callable[[Settings], AbstractAsyncContextManager[None]]


class DatabaseCommandError(Exception):
    """The command cannot do what was asked; the message says why and what to do (exit 2)."""


def database_status(settings: Settings) -> bool:
    """Prints the database's revision and the ones this storybot knows; whether this storybot can open it (not when
    a newer one wrote it: the command then exits 2, as the bot's start would, the report printed all the same). A
    SQLite file's pages are checked first (bot.state.sqlite_check): a damaged one is said instead, exit 2."""
    from bot.state.releases import known_releases
    from bot.state.revisions import known_revisions, newest, revision_named
    from bot.state.schema import read_state

    checked_pages(settings, DatabaseCommandError, importing=False)
    state = run_on_database(read_state(settings), DatabaseCommandError, DatabaseTask.READ_REVISION)
    known = state.revision is not None and revision_named(state.revision) is not None
    print(schema_state_text(state, newest(), known))
    print(REVISIONS_HEADING)
    for revision in known_revisions():
        print(f"{'*' if revision.id == state.revision else ' '} {revision.id}  {revision.about}")
    print(RELEASES_HEADING)
    for release in known_releases():
        print(f"  {release.version}  {release.revision}")
    return state.revision is None or state.revision in {revision.id for revision in known_revisions()}


def database_downgrade(
    settings: Settings, written: str, *, confirmed: bool, stopped: Stopped, releases: tuple[Release, ...]
) -> int:
    """Takes the database back to the revision `written` names, or to the newest revision of the release it names
    (one of `releases`: bot.state.releases.known_releases)."""
    from bot.state.releases import release_named
    from bot.state.revisions import known_revisions, revision_named

    revision = revision_named(written)
    release = None if revision is not None else release_named(written, releases)
    target = revision if release is None else revision_named(release.revision)
    if target is None:
        ids = [revision.id for revision in known_revisions()]
        raise DatabaseCommandError(unknown_target_text(written, ids, [known.version for known in releases]))
    named = target if release is None else release_target_text(release.version, target)
    done = run_on_database(
        _downgraded(settings, target, named, confirmed, stopped), DatabaseCommandError, DatabaseTask.TAKE_BACK
    )
    if done is None:
        return 0
    print(taken_back_text(*done, None if release is None else release.version), file=sys.stderr)
    return 0


async def _downgraded(
    settings: Settings, target: str, named: str, confirmed: bool, stopped: Stopped
) -> tuple[DowngradePlan, Path | None] | None:
    """The plan carried out and the SQLite copy made first; None when the database is at `target` already. `named`:
    the target as a refusal says it (with the release --to named)."""
    from bot.state.schema import DowngradeRefused, Refusal, downgrade, plan_downgrade

    async with stopped(settings):
        try:
            plan = await plan_downgrade(settings, target)
        except DowngradeRefused as refused:
            if refused.refusal is Refusal.NOT_EARLIER and refused.state.revision == target:
                print(at_revision_already_text(refused.state.where, target), file=sys.stderr)
                return None
            raise DatabaseCommandError(downgrade_refused_text(refused.refusal, refused.state, named)) from refused
        if plan.state.sqlite_file is None and plan.drops_data and not confirmed:
            raise DatabaseCommandError(downgrade_unconfirmed_text(plan))
        return plan, await downgrade(settings, plan)
