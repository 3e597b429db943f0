"""`python -m bot shelf import --server ID FILE...`: story files put into one server's own stories.

For moving a folder-based setup over: the stories a server's managers once uploaded into the owner's
folder can be given to that server's shelf (the files are checked and read as an upload is, in a worker process
within STORYBOT_UPLOAD_SECONDS and STORYBOT_UPLOAD_MB, and added with the text they were read as, or replace the
story of that name, or of that name in another case when none has it itself, whose version before is kept: as
/story add does, matching the shelf's current stories alone). Every running bot searches them within seconds,
reading none of them again.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.on_database import checked_pages, run_on_database
from bot.core.name_forms import name_key
from bot.core.shelf import ShelfError, StoryFile, require_upload_size, safe_file_name
from bot.messages import (
    import_folder_text,
    import_missing_text,
    import_name_twice_text,
    import_not_a_file_text,
    import_refused_text,
    import_renamed_text,
    import_stopped_text,
    import_unreadable_text,
    imported_count_text,
    imported_text,
)
from bot.one_line import one_line
from bot.settings import Settings
from bot.state.database_fault import DatabaseTask
from bot.state.shelf_rules import ShelfRefusal

if TYPE_CHECKING:
    from bot.state.shelves import ShelfChange

IMPORT_SECONDS = 120.0
"""An import writes whole files; no one is waiting on Discord's seconds."""


class ShelfCommandError(Exception):
    """Nothing could be imported or exported; the message says why and what to do."""


def import_stories(settings: Settings, server: int, files: Sequence[Path]) -> int:
    """Checks every file first (a bad one is named and nothing is written), then adds them in order."""
    checked: list[tuple[str, StoryFile]] = []
    shown_files: list[str] = []
    named: dict[str, tuple[str, str]] = {}  # a name in any case or form (name_key): its first file, as shown, and it
    for path in files:
        shown = one_line(str(path))
        try:
            if path.is_dir():  # its name was refused as a story file's, "upload one of …"
                raise ShelfCommandError(import_folder_text(shown))
            name = safe_file_name(path.name)
            if name_key(name) in named:  # a/mill.md b/Mill.md: the second replaced the first, or stood beside it
                first, first_name = named[name_key(name)]
                raise ShelfCommandError(import_name_twice_text(first, shown, first_name))
            named[name_key(name)] = (shown, name)
            if not path.exists():  # a mistyped name is no folder, pipe or device
                raise ShelfCommandError(import_missing_text(shown))
            if not path.is_file():  # a named pipe would be read for ever, a device (/dev/zero) until memory ran out
                raise ShelfCommandError(import_not_a_file_text(shown))
            require_upload_size(path.stat().st_size)  # before reading: a 5 GB file was read whole, then refused
            checked.append((name, asyncio.run(_read(settings, path.read_bytes(), name))))
            shown_files.append(shown)
        except ShelfError as error:
            raise ShelfCommandError(import_refused_text(shown, error)) from error
        except OSError as error:
            raise ShelfCommandError(import_unreadable_text(shown, str(error.strerror))) from error
    checked_pages(settings, ShelfCommandError, importing=True)  # read, just before writing: never into a damaged file
    changes = run_on_database(_added(settings, server, checked), ShelfCommandError, DatabaseTask.CHANGE_SHELF)
    from bot.operations.change_shelf import stored_under_another_name  # imported by _added already

    imported = unchanged = 0
    for (name, _), shown, path, change in zip(checked, shown_files, files, changes, strict=True):
        if change.action is None:  # the shelf's limits: the files before it are imported, and it is said why
            assert change.refusal is not None
            print(import_stopped_text(name, change.refusal, change.room), file=sys.stderr)
            unchanged += change.refusal is ShelfRefusal.UNCHANGED  # the story is as asked: no failure
            continue
        imported += 1
        print(imported_text(change.name, change.action.value, server))
        if stored_under_another_name(path.name, change) is not None:  # "a?b.md" over the "a:b.md" stored as a-b.md
            print(import_renamed_text(shown, str(change.name)), file=sys.stderr)
    print(imported_count_text(imported), file=sys.stderr)
    return 0 if imported + unchanged == len(changes) else 1


async def _read(settings: Settings, raw: bytes, name: str) -> StoryFile:
    """The file read as an upload is: in a worker process, within the bot's limits for uploads."""
    from bot.operations.change_shelf import read_upload  # with the database's libraries: not for every `ask`

    return await read_upload(raw, name, None, seconds=settings.upload_seconds, megabytes=settings.upload_mb)


async def _added(settings: Settings, server: int, files: Sequence[tuple[str, StoryFile]]) -> list[ShelfChange]:
    from bot.operations.change_shelf import store_upload
    from bot.state.database import Database
    from bot.state.shelves import BOT_OWNER

    database = await Database.open(settings, deadline=IMPORT_SECONDS)
    try:
        # A current story of the shelf named so in another case is the file's, saved again where the two are one
        # (Windows, macOS): the shelf's change replaces it, keeping its name, as for an upload on Discord.
        return [await store_upload(database.shelves, server, name, upload, BOT_OWNER) for name, upload in files]
    finally:
        await database.close()
