"""`python -m bot shelf import --server ID FILE...`: story files put into one server's own stories.

For moving a folder-based setup over: the stories a server's managers once uploaded into the owner's
folder can be given to that server's shelf (the files are checked as an upload is, and added, or replace
the story of that name, whose version before is kept). Every running bot searches them within seconds.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.on_database import run_on_database
from bot.core.shelf import ShelfError, StoryFile, require_upload_size, safe_file_name, story_file
from bot.messages import shelf_refusal_text, upload_refusal_text
from bot.one_line import one_line
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.state.shelves import ShelfChange

IMPORT_SECONDS = 120.0
"""An import writes whole files; no one is waiting on Discord's seconds."""


class ShelfCommandError(Exception):
    """Nothing could be imported or exported; the message says why and what to do."""


def import_stories(settings: Settings, server: int, files: Sequence[Path]) -> int:
    """Checks every file first (a bad one is named and nothing is written), then adds them in order."""
    checked: list[tuple[str, StoryFile]] = []
    named: dict[str, str] = {}  # a name on the shelf: the file of that name, as shown
    for path in files:
        shown = one_line(str(path))
        try:
            name = safe_file_name(path.name)
            if name in named:  # a/mill.md b/mill.md: the second replaced the first, said only as "replaced"
                raise ShelfCommandError(
                    f"{named[name]} and {shown} would both be {name} on the server's shelf, the second replacing "
                    "the first; rename one. Nothing was imported."
                )
            named[name] = shown
            if not path.exists():  # a mistyped name is no folder, pipe or device
                raise ShelfCommandError(f"{shown} does not exist; check its name. Nothing was imported.")
            if not path.is_file():  # a named pipe would be read for ever, a device (/dev/zero) until memory ran out
                raise ShelfCommandError(
                    f"{shown} is not a regular file (a folder, a pipe or a device); nothing was imported."
                )
            require_upload_size(path.stat().st_size)  # before reading: a 5 GB file was read whole, then refused
            checked.append((name, story_file(path.read_bytes(), name, None)))
        except ShelfError as error:
            raise ShelfCommandError(f"{shown}: {one_line(upload_refusal_text(error))} Nothing was imported.") from error
        except OSError as error:
            raise ShelfCommandError(f"{shown} cannot be read ({error.strerror}); nothing was imported.") from error
    changes = run_on_database(_added(settings, server, checked), ShelfCommandError, "write to the database")
    imported = 0
    for (name, _), change in zip(checked, changes, strict=True):
        if change.action is None:  # the shelf's limits: the files before it are imported, and it is said why
            assert change.refusal is not None
            print(f"storybot: {name}: {shelf_refusal_text(change.refusal, change.room)}", file=sys.stderr)
            continue
        imported += 1
        print(f"{change.action.value}: {change.name} (server {server})")
    print(f"storybot: {imported} stor{'y' if imported == 1 else 'ies'} imported.", file=sys.stderr)
    return 0 if imported == len(changes) else 1


async def _added(settings: Settings, server: int, files: Sequence[tuple[str, StoryFile]]) -> list[ShelfChange]:
    from bot.state.database import Database
    from bot.state.shelves import BOT_OWNER

    database = await Database.open(settings, deadline=IMPORT_SECONDS)
    try:
        return [
            await database.shelves.add(server, name, upload.data, BOT_OWNER, replace=True, characters=upload.characters)
            for name, upload in files
        ]
    finally:
        await database.close()
