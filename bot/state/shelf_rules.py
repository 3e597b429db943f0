"""What a server's shelf may hold, and the words its changes are told in: no database in them, so
what only shows a change (bot.messages, `python -m bot ask`) does not import SQLAlchemy."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from bot.core.name_forms import one_file_named

SHELF_STORIES = 500
"""Stories one server may have searched at once (kept versions do not count here; they count toward what it may
store, Settings.shelf_stored_mb)."""
SHELF_BYTES = 64 * 2**20
"""Bytes of files one server may have searched at once: every view is built from them, and kept in memory."""
VERSION_BYTES = 1024
"""What each change a server's shelf keeps (an add, replace, restore or removal: a row of its history, never
deleted) counts against what the server may store, besides its file. Without it a flood of tiny replaces, each
kept, grew the database without bound under the limit, which counted files only. A row, its ids and its indexes
take 74 bytes in SQLite and 143 in PostgreSQL (`bench/bench_shelf_rows.py`); 1 KB covers those, a story's name
(up to 255 bytes, once per story), PostgreSQL's dead rows until they are vacuumed, and leaves room."""
RESTORE_ROOM = 64 * VERSION_BYTES
"""What restores may store past a server's room (Settings.shelf_stored_mb): a restore's file is stored already, but
its row is not, so a replace that filled the room could not be undone, just when a bad one most needs it. Its 64
rows are a fixed amount, so a flood of restores (or of removes and restores) is refused once they are made, and a
server never stores more than its room and these, and a row for each story it removes then (removes are never
refused: SHELF_STORIES rows at most); moving kept files out (`python -m bot shelf export-kept`) makes room for both
again."""


class ShelfAction(enum.Enum):
    """What one change did; stored by value."""

    ADDED = "added"
    REPLACED = "replaced"
    REMOVED = "removed"
    RESTORED = "restored"


class ShelfRefusal(enum.Enum):
    """Why a change was not made (nothing was written)."""

    EXISTS = "exists"
    """A story of that name is on the shelf, and replacing was not asked for."""
    NO_STORY = "no_story"
    """No story of that id on this server's shelf, or it is removed already."""
    NO_VERSION = "no_version"
    """No version of that id on this server's shelf that holds a file."""
    ALREADY_CURRENT = "already_current"
    """That version is the one shown already."""
    FULL = "full"
    """The change would take the shelf past SHELF_STORIES stories or SHELF_BYTES searched at once."""
    STORE_FULL = "store_full"
    """The change would take what the server stores (its stories, their kept versions and its history: VERSION_BYTES
    a change) past its room."""
    RESTORES_FULL = "restores_full"
    """The restore would take what the server stores past its room and RESTORE_ROOM besides, which restores may
    use."""
    UNCHANGED = "unchanged"
    """The file is byte for byte the one the story shows now: a replace by it would keep a duplicate, which counts
    against what the server may store, and change nothing searched."""
    MOVED_OUT = "moved_out"
    """That version's file was moved out of the database by the bot's owner (`python -m bot shelf export-kept`)."""
    SERVER_LEFT = "server_left"
    """The bot is no longer in the server (it was removed): its shelf stays as it was, never changed for a server
    that may never have the bot again (asked under the shelf's lock: ShelfStore.add's `present`)."""
    NAME_TAKEN = "name_taken"
    """The restore would bring back a removed story whose name another story on the shelf now has in another case or
    Unicode form (`mill.md` beside `Mill.md`, "Café.md" decomposed beside composed), two files Windows and macOS take
    for one, which no upload can make."""


@dataclass(frozen=True, kw_only=True)
class StoreRoom:
    """For STORE_FULL and RESTORES_FULL: bytes the server stores now (its files, live and kept, and VERSION_BYTES for
    each change of its history), the most it may (for a restore, with RESTORE_ROOM), what the change needs (its
    file's, and VERSION_BYTES), and how much of RESTORE_ROOM it stores already: a refused add or replace says
    whether Undo still works by it."""

    stored: int
    most: int
    needed: int
    restore_room_used: int
    """Bytes stored past the room, up to RESTORE_ROOM (0 while the server is within its room)."""

    @property
    def restores_refused(self) -> bool:
        """Whether a restore (VERSION_BYTES) would be refused now too: RESTORE_ROOM is used."""
        return self.restore_room_used + VERSION_BYTES > RESTORE_ROOM


def named_in_another_form(name: str, shelved: Iterable[str]) -> str | None:
    """The one of `shelved` (the names of a shelf's current stories: a removed one is no file a server has) named
    `name` in another case or Unicode form (bot.core.name_forms: "Café.md" written decomposed by macOS, composed by
    Windows), if any, which an upload named `name` replaces, keeping its name: the name a story was first stored under
    is not rewritten (its history, its id and the views built from it go on as they were), and an upload's name is
    already NFKC, so a story stored in another form can only be one from before uploads were normalised, or one of two
    forms an older storybot kept as two stories. None when one is named `name` itself: a shelf that holds both
    (`mill.md` and `Mill.md`, or "Café.md" in both forms) has its story of that very name replaced, not the other, and
    both are kept. The name an older storybot gave the same upload ("Grandma-s Kitchen.txt" for "Grandma's
    Kitchen.txt") is that story too (one_file_named). Compared by Python, the same on every database. One pass."""
    return one_file_named(name, shelved)
