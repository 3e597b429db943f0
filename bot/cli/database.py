"""`python -m bot database status` and `database downgrade --to REVISION`: the schema revision of the bot's database,
and taking it back for an older storybot, which refuses a database a newer one migrated.

A downgrade runs only while no bot does (it holds the bot's run locks), says what it drops and how much of it there
is, copies a SQLite file first, and on PostgreSQL, which it cannot copy, asks for --yes once it would drop data.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING

from bot.cli.on_database import run_on_database
from bot.settings import Settings
from bot.state.database_fault import DatabaseTask

if TYPE_CHECKING:
    from pathlib import Path

    from bot.state.schema import DowngradePlan, Dropped, Refusal, SchemaState

Stopped = Callable[[Settings], AbstractAsyncContextManager[None]]


class DatabaseCommandError(Exception):
    """The command cannot do what was asked; the message says why and what to do (exit 2)."""


def database_status(settings: Settings) -> bool:
    """Prints the database's revision and the ones this storybot knows; whether this storybot can open it (not when
    a newer one wrote it: the command then exits 2, as the bot's start would, the report printed all the same)."""
    from bot.state.revisions import known_revisions, newest
    from bot.state.schema import read_state

    state = run_on_database(read_state(settings), DatabaseCommandError, DatabaseTask.READ_REVISION)
    print(_state_line(state, newest()))
    print("Revisions this storybot knows, oldest first (* the database's):")
    for revision in known_revisions():
        print(f"{'*' if revision.id == state.revision else ' '} {revision.id}  {revision.about}")
    print(
        "Which storybot release brought each revision is not recorded. An older storybot knows the revisions up to the "
        "newest file in its bot/state/migrations/versions/ (its `database status` lists them), and opens a database "
        "at that revision or an earlier one."
    )
    return state.revision is None or state.revision in {revision.id for revision in known_revisions()}


def database_downgrade(settings: Settings, written: str, confirmed: bool, stopped: Stopped) -> int:
    from bot.state.revisions import known_revisions, revision_named

    target = revision_named(written)
    if target is None:
        ids = [revision.id for revision in known_revisions()]
        raise DatabaseCommandError(
            f"--to {written}: this storybot knows the revisions {ids[0]} to {ids[-1]} (python -m bot database status)."
        )
    done = run_on_database(
        _downgraded(settings, target, confirmed, stopped), DatabaseCommandError, DatabaseTask.TAKE_BACK
    )
    if done is None:
        return 0
    plan, copy = done
    kept = f" The copy from before is {copy}." if copy is not None else ""
    print(
        f"storybot: {plan.state.where} was taken back from revision {plan.revision} to {plan.target}"
        f"{_drops(plan.dropped, ' (dropped: ', ')')}.{kept} Install the storybot that knows {plan.target} "
        "before the bot starts again: this one would upgrade it back at start.",
        file=sys.stderr,
    )
    return 0


async def _downgraded(
    settings: Settings, target: str, confirmed: bool, stopped: Stopped
) -> tuple[DowngradePlan, Path | None] | None:
    """The plan carried out and the SQLite copy made first; None when the database is at `target` already."""
    from bot.state.schema import DowngradeRefused, Refusal, downgrade, plan_downgrade

    async with stopped(settings):
        try:
            plan = await plan_downgrade(settings, target)
        except DowngradeRefused as refused:
            if refused.refusal is Refusal.NOT_EARLIER and refused.state.revision == target:
                where = refused.state.where
                print(f"storybot: {where} is at revision {target} already; nothing changed.", file=sys.stderr)
                return None
            raise DatabaseCommandError(_refused(refused.refusal, refused.state, target)) from refused
        if plan.state.sqlite_file is None and plan.drops_data and not confirmed:
            raise DatabaseCommandError(
                f"taking {plan.state.where} back from revision {plan.revision} to {plan.target} drops"
                f"{_drops(plan.dropped)}, which storybot cannot bring back. Back it up first (pg_dump -Fc -f "
                f"storybot-{plan.revision}.dump DATABASE_URL), then run again with --yes. Nothing was changed."
            )
        return plan, await downgrade(settings, plan)


def _state_line(state: SchemaState, newest: str) -> str:
    if not state.exists:
        return f"No database at {state.where} yet: the bot creates it at its first start, at revision {newest}."
    if state.revision is None:
        return f"The database {state.where} holds no storybot revision yet: the bot's next start brings it to {newest}."
    if state.revision == newest:
        return f"The database {state.where} is at revision {state.revision}, the newest this storybot knows."
    from bot.state.revisions import revision_named

    if revision_named(state.revision) is None:
        return (
            f"The database {state.where} is at revision {state.revision}, which this storybot does not know (its "
            f"newest is {newest}): a newer storybot wrote it, and only that one can take it back."
        )
    return (
        f"The database {state.where} is at revision {state.revision}; this storybot's next start upgrades it to "
        f"{newest}."
    )


def _refused(refusal: Refusal, state: SchemaState, target: str) -> str:
    from bot.state.schema import Refusal

    if refusal is Refusal.NO_DATABASE:
        return f"there is no storybot database at {state.where} to take back (STORYBOT_DATA, STORYBOT_DATABASE_URL)."
    if refusal is Refusal.UNKNOWN_REVISION:
        return (
            f"{state.where} is at revision {state.revision}, which this storybot does not know: take it back with the "
            f"storybot that wrote it (python -m bot database downgrade --to {target}). Nothing was changed."
        )
    return (
        f"{state.where} is at revision {state.revision}; --to {target} is not earlier, and a downgrade only goes "
        "back (the bot's start upgrades). Nothing was changed."
    )


def _drops(dropped: tuple[Dropped, ...], before: str = " ", after: str = "") -> str:
    """What a downgrade drops and how much of it held data: "table shelf_texts (3 rows), column ... (2 values)"."""
    if not dropped:
        return ""
    said = []
    for drop in dropped:
        column = "." in drop.name
        unit = "value" if column else "row"
        said.append(f"{'column' if column else 'table'} {drop.name} ({drop.rows} {unit}{'s' * (drop.rows != 1)})")
    return f"{before}{', '.join(said)}{after}"
