"""`python -m bot shelf export-kept --server ID FILE`: one server's kept versions moved out of the database into a
zip file, to make room (STORYBOT_SHELF_STORED_MB) without losing any.

In this order, so nothing is ever only half kept: the zip is written under a hidden name beside FILE, put on disk,
read back whole, and given its name (never over a file there); only then are its versions' files taken out of the
database, in one transaction, and only those still kept (a version restored meanwhile stays). Their history rows
stay, saying that the bot's owner moved them out. The zip holds each file as it was uploaded, as
`<version>/<name>`, and `versions.json`, what the history said of each.
"""

from __future__ import annotations

import json
import secrets
import sys
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.on_database import run_on_database
from bot.cli.shelf_import import IMPORT_SECONDS, ShelfCommandError
from bot.core.new_name import move_new
from bot.messages import (
    export_exists_text,
    export_folder_missing_text,
    export_not_written_text,
    kept_exported_text,
    not_read_back_text,
    nothing_kept_text,
)
from bot.settings import Settings
from bot.state.database_fault import DatabaseTask

if TYPE_CHECKING:
    from bot.state.shelves import ShelfStore, ShelfVersion

MANIFEST = "versions.json"


def export_kept(settings: Settings, server: int, target: Path) -> int:
    """Writes the server's kept versions to `target` (a new file), then moves them out of the database."""
    try:
        if target.exists() or target.is_symlink():
            raise ShelfCommandError(export_exists_text(str(target)))
        if not target.parent.is_dir():
            raise ShelfCommandError(export_folder_missing_text(str(target.parent)))
    except OSError as error:  # a folder on its way this user may not enter (the owner's home, under sudo -u)
        raise ShelfCommandError(export_not_written_text(str(target), str(error.strerror or error))) from error
    try:
        exported, moved = run_on_database(
            _exported(settings, server, target), ShelfCommandError, DatabaseTask.MOVE_KEPT_OUT
        )
    except OSError as error:
        raise ShelfCommandError(export_not_written_text(str(target), str(error.strerror or error))) from error
    if not exported:
        print(nothing_kept_text(server), file=sys.stderr)
        return 0
    print(kept_exported_text(exported, moved, server, str(target)), file=sys.stderr)
    return 0


async def _exported(settings: Settings, server: int, target: Path) -> tuple[int, int]:
    """(versions written to `target`, files then taken out of the database)."""
    from bot.state.database import Database

    database = await Database.open(settings, deadline=IMPORT_SECONDS)
    try:
        kept = await database.shelves.kept_files(server)
        if not kept:
            return 0, 0
        await _write_zip(database.shelves, kept, target)
        return len(kept), await database.shelves.move_out(server, [v.version_id for v in kept])
    finally:
        await database.close()


async def _write_zip(shelves: ShelfStore, kept: tuple[ShelfVersion, ...], target: Path) -> None:
    """The versions' files and their history in a zip at `target`, whole and on disk, or nothing there."""
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(8)}")
    try:
        with zipfile.ZipFile(temporary, "x", zipfile.ZIP_DEFLATED) as archive:
            for version in kept:  # one file in memory at a time
                entry = zipfile.ZipInfo(f"{version.version_id}/{version.name}", version.created_at.timetuple()[:6])
                entry.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(entry, await shelves.file(version.version_id))
            archive.writestr(MANIFEST, json.dumps([_described(v) for v in kept], indent=1, ensure_ascii=False))
        with zipfile.ZipFile(temporary) as written:
            damaged = written.testzip()
        if damaged is not None:
            raise OSError(not_read_back_text(damaged))
        move_new(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def _described(version: ShelfVersion) -> dict[str, str | int]:
    return {
        "file": f"{version.version_id}/{version.name}",
        "version": version.version_id,
        "story": version.story_id,
        "name": version.name,
        "action": version.action.value,
        "bytes": version.size,
        "user": version.user_id,
        "created_at": version.created_at.isoformat(),
    }
