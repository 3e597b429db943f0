"""Each server's shelf of stories in the database, with every change kept as a row.

A change to one shelf first raises the shelf's version (`shelves.version`): on PostgreSQL that row's
lock, on SQLite the database's write lock, is held until the change commits, so two changes to one
shelf at once are made one after the other, each seeing what the other did; one that waits for the other longer than
the lock wait (kept below the call's deadline, so that the server's own error says so) fails BUSY, to be tried again,
never half made. Nothing is deleted: a replaced file stays in its version row, a removal is a row of its own, and a
restore points at the version it brings back; only the bot's owner moves kept files out (`python -m bot shelf
export-kept`, which writes them to a file first). Every process reads the version to see that a shelf changed (a poll).
"""

from __future__ import annotations

import contextlib
import datetime
import enum
import functools
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.settings import SHELF_STORED_MB
from bot.state.guarded_engine import GuardedEngine
from bot.state.shelf_rules import (
    RESTORE_ROOM,
    SHELF_BYTES,
    SHELF_STORIES,
    VERSION_BYTES,
    ShelfAction,
    ShelfRefusal,
    StoreRoom,
    named_in_another_form,
)
from bot.state.tables import shelf_stories, shelf_texts, shelf_versions, shelves
from bot.state.time import aware
from bot.state.upsert import INSERTS

VERSIONS_READ = 900
"""Servers whose versions one poll reads in one statement (SQLite takes at most 999 parameters)."""
TEXTS_READ = 250
"""Shelf versions whose stored texts one call reads (ShelfStore.texts), each call within the database's deadline: a
server's 500 stories in 2 calls, where a view made 500 (one statement, one round trip each)."""
HISTORY_SHOWN = 100
Present = Callable[[], bool]
"""Whether the bot is still in a server, asked by a change once it holds the shelf's lock (Discord's front end knows:
its servers as Discord sent them); a change for a server it left is refused."""
_COUNTED = sa.case(
    (shelf_versions.c.characters > shelf_versions.c.size, shelf_versions.c.characters), else_=shelf_versions.c.size
)
"""What a version's file counts for against the shelf's limit: its bytes, or its text's length when that is more
(an EPUB or Word file is a zip: 142 KB of one held 28 million characters, which a view holds in memory)."""
_FILES = (ShelfAction.ADDED.value, ShelfAction.REPLACED.value)
"""The changes that came with a file (its `data`, until the owner moves a kept one out)."""
KEPT_ALL = 2**62
"""As many kept versions as there are (a LIMIT every database takes)."""
BOT_OWNER = 0
"""Who the history names for a change made from the command line (shelf import): the bot's owner, no Discord user
(Discord's ids start at 1)."""


@dataclass(frozen=True)
class ShelfStory:
    """A story on the shelf now: its lasting id, file name, and the version whose file it shows."""

    story_id: int
    name: str
    version_id: int
    size: int


@dataclass(frozen=True, kw_only=True)
class ShelfContents:
    """What a server searches besides the owner's library, as of one version of its shelf."""

    version: int
    library_hidden: bool
    stories: tuple[ShelfStory, ...]


@dataclass(frozen=True)
class StoredText:
    """The story a version's file was read as, packed (bot.core.stored_text), and what read it (stored_reading)."""

    reading: str
    packed: bytes


@dataclass(frozen=True)
class FoundText:
    """A version's stored text as a view finds it: what read it, and the text packed when the view uses it: its own
    reading's, or a newer one's of its layout (None for an older reading's, which the view reads again from the file,
    or another layout's, which it cannot unpack: neither is read from the database)."""

    reading: str
    packed: bytes | None


class TextKept(enum.Enum):
    """What became of a text a view stored later (ShelfStore.keep_text)."""

    STORED = "stored"
    NO_FILE = "no_file"
    """The version's file is not in the database (moved out meanwhile): a text would outlive it."""
    TAKEN = "taken"
    """Another text was stored for it since the view looked (another process's): it stands."""
    NO_ROOM = "no_room"
    """The server would then store more than it may (ShelfStore.most_stored): the view reads the file instead."""


@dataclass(frozen=True, kw_only=True)
class ShelfVersion:
    """One change in a shelf's history."""

    version_id: int
    story_id: int
    name: str
    action: ShelfAction
    size: int
    user_id: int
    created_at: datetime.datetime
    source_version_id: int | None
    """For a restore, the version brought back."""
    current: bool
    """Whether its file is what the story shows now."""
    moved_out: bool = False
    """Its file was moved out of the database by the bot's owner (kept in their export, no longer restorable)."""

    @property
    def file_version_id(self) -> int | None:
        """The version whose file this change shows, or None for a removal."""
        if self.action is ShelfAction.REMOVED:
            return None
        return self.source_version_id if self.action is ShelfAction.RESTORED else self.version_id


@dataclass(frozen=True, kw_only=True)
class ShelfChange:
    """What a change did, or why it was refused."""

    refusal: ShelfRefusal | None = None
    action: ShelfAction | None = None
    story_id: int | None = None
    name: str | None = None
    version_id: int | None = None
    """The row this change wrote."""
    previous_version_id: int | None = None
    """The version the story showed before (for undoing a replace), or None."""
    shelf_version: int = 0
    """The shelf's version after the change."""
    room: StoreRoom | None = None
    """For STORE_FULL and RESTORES_FULL: what the server stores and may store."""


class _Refused(Exception):
    """Rolls back a change that turned out not to be allowed (so the shelf's version is not raised)."""

    def __init__(self, refusal: ShelfRefusal, room: StoreRoom | None = None):
        super().__init__(refusal.value)
        self.refusal, self.room = refusal, room


class _Settled(Exception):
    """Rolls back ShelfStore.settled's claim: it only waited for the shelf's lock."""


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


class ShelfStore:
    def __init__(
        self,
        engine: GuardedEngine,
        *,
        most_stories: int = SHELF_STORIES,
        most_bytes: int = SHELF_BYTES,
        most_stored: int = SHELF_STORED_MB * 2**20,
    ):
        self._engine = engine
        self.most_stories, self.most_bytes = most_stories, most_bytes
        self.most_stored = most_stored
        """Bytes a server may store, its files searched or kept and VERSION_BYTES for each change: every version is
        kept, and one database serves every server, so without it one server could fill the disk 8 MB at a time,
        or a few bytes and a row at a time. Restores may store RESTORE_ROOM past it."""

    async def version(self, server_id: int) -> int:
        """The shelf's version: 0 for a server that never changed its shelf."""
        return (await self.versions([server_id]))[server_id]

    async def versions(self, server_ids: Collection[int]) -> dict[int, int]:
        """Each server's shelf version (0 for none), read in a few statements however many servers."""
        ordered = sorted(set(server_ids))

        async def read(connection: AsyncConnection) -> dict[int, int]:
            found = dict.fromkeys(ordered, 0)
            for start in range(0, len(ordered), VERSIONS_READ):
                chunk = ordered[start : start + VERSIONS_READ]
                rows = await connection.execute(
                    sa.select(shelves.c.server_id, shelves.c.version).where(shelves.c.server_id.in_(chunk))
                )
                found.update({row.server_id: row.version for row in rows})
            return found

        return await self._engine.read(read) if ordered else {}

    async def changed_last(self, server_ids: Collection[int], count: int) -> dict[int, int]:
        """Of these servers, the `count` whose shelves changed last (servers that never changed theirs left out), the
        latest first, each with its shelf's version: the views worth building before anyone asks."""
        ordered = sorted(set(server_ids))

        async def read(connection: AsyncConnection) -> dict[int, int]:
            found: list[tuple[datetime.datetime, int, int]] = []
            for start in range(0, len(ordered), VERSIONS_READ):
                rows = await connection.execute(
                    sa.select(shelves.c.updated_at, shelves.c.server_id, shelves.c.version)
                    .where(shelves.c.server_id.in_(ordered[start : start + VERSIONS_READ]))
                    .order_by(shelves.c.updated_at.desc(), shelves.c.server_id)
                    .limit(count)
                )
                found += [(aware(row.updated_at), row.server_id, row.version) for row in rows]
            found.sort(key=lambda row: (-row[0].timestamp(), row[1]))
            return {server_id: version for _, server_id, version in found[:count]}

        return await self._engine.read(read) if ordered and count > 0 else {}

    async def library_hidden(self, server_id: int) -> bool:
        """Whether the server searches its own stories only, not the owner's library."""

        async def read(connection: AsyncConnection) -> bool:
            found = await connection.scalar(sa.select(shelves.c.library_hidden).where(shelves.c.server_id == server_id))
            return bool(found)

        return await self._engine.read(read)

    async def hide_library(self, server_id: int, hidden: bool) -> int:
        """Hides (or shows again) the owner's library in this server; a change every process sees like any
        other change of what the server searches. Returns the shelf's new version."""

        async def change(connection: AsyncConnection) -> int:
            version = await _claim(connection, server_id)
            await connection.execute(
                sa.update(shelves).where(shelves.c.server_id == server_id).values(library_hidden=hidden)
            )
            return version

        return await self._engine.write(change)

    async def stories(self, server_id: int) -> ShelfContents:
        """The shelf's version, whether it hides the owner's library, and its stories now (by name)."""

        async def read(connection: AsyncConnection) -> ShelfContents:
            shelf = (
                await connection.execute(
                    sa.select(shelves.c.version, shelves.c.library_hidden).where(shelves.c.server_id == server_id)
                )
            ).first()
            rows = await connection.execute(
                sa.select(
                    shelf_stories.c.id,
                    shelf_stories.c.name,
                    shelf_versions.c.id.label("version_id"),
                    shelf_versions.c.size,
                )
                .join(shelf_versions, shelf_versions.c.id == shelf_stories.c.current_version_id)
                .where(shelf_stories.c.server_id == server_id)
                .order_by(shelf_stories.c.name, shelf_stories.c.id)
            )
            return ShelfContents(
                version=0 if shelf is None else shelf.version,
                library_hidden=bool(shelf is not None and shelf.library_hidden),
                stories=tuple(ShelfStory(row.id, row.name, row.version_id, row.size) for row in rows),
            )

        return await self._engine.read(read)

    async def file(self, version_id: int) -> bytes:
        """The file a version holds (one that added or replaced a story); versions never change."""

        async def read(connection: AsyncConnection) -> bytes:
            data = await connection.scalar(sa.select(shelf_versions.c.data).where(shelf_versions.c.id == version_id))
            if data is None:
                raise LookupError(f"shelf version {version_id} holds no file")
            return bytes(data)

        return await self._engine.read(read)

    async def texts(
        self, version_ids: Collection[int], reading: str, usable: Callable[[str], bool] | None = None
    ) -> dict[int, FoundText]:
        """The texts stored with these versions (none for versions from before texts were), by version: the packed
        text only where `reading` read it, or another reading that `usable` takes (a newer one this process unpacks:
        bot.core.stored_text.used_by), read by a second statement for those alone. A few calls for a whole shelf
        (TEXTS_READ versions each), not one a story: the texts of 2,000 stories read in 0.026 s against 4.2 s on SQLite,
        0.038 s against 2.6 s on PostgreSQL (bench/bench_stored_texts.py). What no one here can use is not read: a
        newer process, just upgraded, read every older text of its layout, to read its file all the same."""
        ordered = sorted(set(version_ids))
        ours = sa.case((shelf_texts.c.reading == reading, shelf_texts.c.packed), else_=sa.null())

        async def read(chunk: list[int], connection: AsyncConnection) -> dict[int, FoundText]:
            rows = await connection.execute(
                sa.select(shelf_texts.c.version_id, shelf_texts.c.reading, ours.label("packed")).where(
                    shelf_texts.c.version_id.in_(chunk)
                )
            )
            found = {
                row.version_id: FoundText(row.reading, None if row.packed is None else bytes(row.packed))
                for row in rows
            }
            others = [
                version
                for version, text in found.items()
                if text.packed is None and usable is not None and usable(text.reading)
            ]
            if others:  # their readings may have changed since: each packed text is kept with the reading it has
                rows = await connection.execute(
                    sa.select(shelf_texts.c.version_id, shelf_texts.c.reading, shelf_texts.c.packed).where(
                        shelf_texts.c.version_id.in_(others)
                    )
                )
                for row in rows:
                    wanted = row.reading == reading or (usable is not None and usable(row.reading))
                    found[row.version_id] = FoundText(row.reading, bytes(row.packed) if wanted else None)
            return found

        found: dict[int, FoundText] = {}
        for start in range(0, len(ordered), TEXTS_READ):
            found.update(await self._engine.read(functools.partial(read, ordered[start : start + TEXTS_READ])))
        return found

    async def keep_text(self, version_id: int, text: StoredText, *, replacing: str | None = None) -> TextKept:
        """Stores the story a version's file was read as, in its own row: the version's row, and its file, are not
        written. `replacing`: the reading of the text stored with it that this replaces, as the caller found it (None:
        none was); stored only if that is still so, else (TAKEN) the text stored meanwhile stands. Counted against
        what the server may store, as an upload's text is: past it, NO_ROOM and nothing stored (versions from before
        texts were kept, and texts newer readers store later, could fill a server's room past its limit unchecked).
        NO_FILE, and nothing stored, for a version whose file is not in the database (moved out meanwhile)."""

        async def change(connection: AsyncConnection) -> TextKept:
            its = shelf_versions.alias()
            server = sa.select(its.c.server_id).where(its.c.id == version_id).scalar_subquery()
            if connection.dialect.name == "postgresql":
                # The shelf's lock, as every change takes it first (_claim): what the server stores is summed below
                # after any change to it commits, and none commits in between. In the statement itself its sums
                # would be of the snapshot from before it waited for that lock.
                await connection.execute(
                    sa.select(shelves.c.version).where(shelves.c.server_id == server).with_for_update()
                )
            # One statement: SQLite's driver runs a SELECT before any write outside the transaction, so a move out
            # could commit between a check and the insert; the insert takes SQLite's write lock as it starts. FOR SHARE
            # (PostgreSQL): a move out waits until this text is committed and then deletes it, or this waits for the
            # move and finds no file; unlocked, the move's delete missed a text inserted meanwhile, left stored for a
            # version with no file.
            replaced = shelf_texts.alias()
            freed = sa.select(sa.func.coalesce(sa.func.sum(sa.func.length(replaced.c.packed)), 0)).where(
                replaced.c.version_id == version_id
            )
            room = _stored(server).scalar_subquery() - freed.scalar_subquery() + len(text.packed) <= self.most_stored
            has_file = (
                sa.select(
                    shelf_versions.c.id,
                    sa.literal(text.reading, sa.Text),
                    sa.literal(text.packed, sa.LargeBinary),
                )
                .where(shelf_versions.c.id == version_id, shelf_versions.c.data.is_not(None), room)
                .with_for_update(read=True, of=shelf_versions)
            )
            insert = INSERTS[connection.dialect.name](shelf_texts).from_select(
                ["version_id", "reading", "packed"], has_file
            )
            stored = (
                insert.on_conflict_do_nothing(index_elements=[shelf_texts.c.version_id])
                if replacing is None
                else insert.on_conflict_do_update(
                    index_elements=[shelf_texts.c.version_id],
                    set_={"reading": insert.excluded.reading, "packed": insert.excluded.packed},
                    where=shelf_texts.c.reading == replacing,
                )
            )
            if (await connection.execute(stored)).rowcount > 0:
                return TextKept.STORED
            why = (
                await connection.execute(
                    sa.select(
                        shelf_versions.c.data.is_(None).label("no_file"),
                        sa.select(shelf_texts.c.reading)
                        .where(shelf_texts.c.version_id == version_id)
                        .scalar_subquery()
                        .label("reading"),
                    ).where(shelf_versions.c.id == version_id)
                )
            ).first()
            if why is None or why.no_file:
                return TextKept.NO_FILE
            return TextKept.NO_ROOM if why.reading == replacing else TextKept.TAKEN

        return await self._engine.write(change)

    async def story_names(self, server_id: int) -> dict[int, str]:
        """The name of every story the shelf ever had (removed ones too), by story id."""

        async def read(connection: AsyncConnection) -> dict[int, str]:
            rows = await connection.execute(
                sa.select(shelf_stories.c.id, shelf_stories.c.name).where(shelf_stories.c.server_id == server_id)
            )
            return {row.id: row.name for row in rows}

        return await self._engine.read(read)

    async def history(
        self, server_id: int, limit: int = HISTORY_SHOWN, *, kept_of: Collection[int] | None = None
    ) -> tuple[ShelfVersion, ...]:
        """The shelf's latest changes, latest first; with `kept_of`, only the added or replaced files of those
        stories that are not searched now (what can be restored), however long ago they came."""
        kept = sa.and_(
            shelf_versions.c.action.in_(_FILES),
            shelf_versions.c.data.is_not(None),
            shelf_stories.c.current_version_id.is_distinct_from(shelf_versions.c.id),
        )
        ids = sorted(kept_of or ())
        chunks = [None] if kept_of is None else [ids[i : i + VERSIONS_READ] for i in range(0, len(ids), VERSIONS_READ)]

        async def read(connection: AsyncConnection) -> tuple[ShelfVersion, ...]:
            rows: list[sa.Row] = []
            for chunk in chunks:  # SQLite takes at most 999 parameters in one statement
                rows.extend(await connection.execute(chunk_query(chunk)))
            rows.sort(key=lambda row: row.id, reverse=True)
            return _versions(rows[:limit])

        def chunk_query(chunk: list[int] | None) -> sa.Select:
            query = (
                sa.select(
                    shelf_versions.c.id,
                    shelf_versions.c.story_id,
                    shelf_stories.c.name,
                    shelf_versions.c.action,
                    shelf_versions.c.size,
                    shelf_versions.c.user_id,
                    shelf_versions.c.created_at,
                    shelf_versions.c.source_version_id,
                    shelf_stories.c.current_version_id,
                    shelf_versions.c.data.is_(None).label("no_data"),
                )
                .join(shelf_stories, shelf_stories.c.id == shelf_versions.c.story_id)
                .where(shelf_versions.c.server_id == server_id)
                .order_by(shelf_versions.c.id.desc())
                .limit(limit)
            )
            return query if chunk is None else query.where(kept, shelf_versions.c.story_id.in_(chunk))

        return await self._engine.read(read)

    async def kept_files(self, server_id: int) -> tuple[ShelfVersion, ...]:
        """Every file the server keeps and does not search now (what can be restored), latest first."""
        stories = await self.story_names(server_id)
        return await self.history(server_id, KEPT_ALL, kept_of=stories) if stories else ()

    async def move_out(self, server_id: int, version_ids: Collection[int]) -> int:
        """Takes these kept files out of the database (their history rows stay, saying so); how many were.

        For the owner's export only, once the files are written elsewhere. A file searched now is never taken,
        also one restored since the export read it: this claims the shelf first, as a restore does, so the two
        are made one after the other."""
        ids = sorted(version_ids)

        async def change(connection: AsyncConnection) -> int:
            await _claim(connection, server_id)
            searched = sa.select(shelf_stories.c.current_version_id).where(
                shelf_stories.c.server_id == server_id, shelf_stories.c.current_version_id.is_not(None)
            )
            moved = 0
            for start in range(0, len(ids), VERSIONS_READ):  # SQLite takes at most 999 parameters in one statement
                done = await connection.execute(
                    sa.update(shelf_versions)
                    .where(
                        shelf_versions.c.server_id == server_id,
                        shelf_versions.c.id.in_(ids[start : start + VERSIONS_READ]),
                        shelf_versions.c.action.in_(_FILES),
                        shelf_versions.c.data.is_not(None),
                        shelf_versions.c.id.not_in(searched),
                    )
                    .values(data=None)
                )
                moved += done.rowcount
            # Their texts go with them (and any stored as a file went out: a view's write racing the move).
            gone = sa.select(shelf_versions.c.id).where(
                shelf_versions.c.server_id == server_id, shelf_versions.c.data.is_(None)
            )
            await connection.execute(sa.delete(shelf_texts).where(shelf_texts.c.version_id.in_(gone)))
            return moved

        return await self._engine.write(change) if ids else 0

    async def add(
        self,
        server_id: int,
        name: str,
        data: bytes,
        user_id: int,
        *,
        replace: bool,
        characters: int | None = None,
        text: StoredText | None = None,
        present: Present | None = None,
    ) -> ShelfChange:
        """The file as the shelf's story `name`: added, or (with `replace`) replacing the one there, which
        stays in the history. When no current story has that very name, a current one named so in another case or
        Unicode form is the one there, and keeps its name (named_in_another_form: decided here, where the server's
        changes are made one at a time, so two uploads racing make one story). Refused with EXISTS when there is one
        and `replace` is False, with UNCHANGED when it is the file the story shows now (a copy kept would use up the
        server's room).
        `characters`: the length of the text it holds, counted against the limit when more than its bytes (None: no
        more). `text`: the story it was read as, stored with it in the same transaction (None: read by the first view
        that needs it). `present`: whether the bot is still in the server, asked once the shelf's lock is held
        (Present); None for the owner's command line."""

        async def change(connection: AsyncConnection) -> ShelfChange:
            shelf_version = await _claim(connection, server_id, present)
            story = await _story(connection, server_id, shelf_stories.c.name == name)
            if story is None or story.current_version_id is None:  # one named so in another case is this file
                other = named_in_another_form(name, await _current_names(connection, server_id))
                if other is not None:
                    story = await _story(connection, server_id, shelf_stories.c.name == other)
            if story is None:
                story_id = await connection.scalar(
                    sa.insert(shelf_stories)
                    .values(server_id=server_id, name=name, current_version_id=None)
                    .returning(shelf_stories.c.id)
                )
                previous = None
            else:
                story_id, previous = story.id, story.current_version_id
            if previous is not None and not replace:
                raise _Refused(ShelfRefusal.EXISTS)
            if previous is not None and await _same_file(connection, previous, data):
                raise _Refused(ShelfRefusal.UNCHANGED)
            packed = 0 if text is None else len(text.packed)  # a text may pack to many times its file (a PDF's pages)
            await self._stored_room_for(connection, server_id, VERSION_BYTES + len(data) + packed)
            await self._room_for(connection, server_id, previous, max(len(data), characters or 0))
            action = ShelfAction.ADDED if previous is None else ShelfAction.REPLACED
            made = await _made(
                connection,
                _Made(
                    server_id=server_id,
                    story_id=story_id,
                    name=name if story is None else story.name,
                    shelf_version=shelf_version,
                    action=action,
                    user_id=user_id,
                    previous_version_id=previous,
                ),
                size=len(data),
                data=data,
                characters=characters,
            )
            if text is not None:
                await connection.execute(
                    sa.insert(shelf_texts).values(version_id=made.version_id, reading=text.reading, packed=text.packed)
                )
            return made

        return await self._changed(change)

    async def remove(
        self, server_id: int, story_id: int, user_id: int, *, present: Present | None = None
    ) -> ShelfChange:
        """The story off the shelf; its versions stay, restorable. `present`: as add's."""

        async def change(connection: AsyncConnection) -> ShelfChange:
            shelf_version = await _claim(connection, server_id, present)
            story = await _story(connection, server_id, shelf_stories.c.id == story_id)
            if story is None or story.current_version_id is None:
                raise _Refused(ShelfRefusal.NO_STORY)
            made = _Made(
                server_id=server_id,
                story_id=story_id,
                name=story.name,
                shelf_version=shelf_version,
                action=ShelfAction.REMOVED,
                user_id=user_id,
                previous_version_id=story.current_version_id,
            )
            return await _made(connection, made)

        return await self._changed(change)

    async def restore(
        self, server_id: int, version_id: int, user_id: int, *, present: Present | None = None
    ) -> ShelfChange:
        """An earlier version's file shown again (also for a removed story); what it replaces stays kept. `present`: as
        add's."""

        async def change(connection: AsyncConnection) -> ShelfChange:
            shelf_version = await _claim(connection, server_id, present)
            found = (
                await connection.execute(
                    sa.select(
                        shelf_versions.c.story_id,
                        shelf_versions.c.size,
                        _COUNTED.label("counted"),
                        shelf_versions.c.data.is_(None).label("no_data"),
                        shelf_stories.c.name,
                        shelf_stories.c.current_version_id,
                    )
                    .join(shelf_stories, shelf_stories.c.id == shelf_versions.c.story_id)
                    .where(
                        shelf_versions.c.id == version_id,
                        shelf_versions.c.server_id == server_id,
                        shelf_versions.c.action.in_(_FILES),
                    )
                )
            ).first()
            if found is None:
                raise _Refused(ShelfRefusal.NO_VERSION)
            if found.no_data:
                raise _Refused(ShelfRefusal.MOVED_OUT)
            if found.current_version_id == version_id:
                raise _Refused(ShelfRefusal.ALREADY_CURRENT)
            if named_in_another_form(found.name, await _current_names(connection, server_id)) is not None:
                raise _Refused(ShelfRefusal.NAME_TAKEN)  # a removed story whose name another has in another form
            await self._stored_room_for(connection, server_id, VERSION_BYTES, restoring=True)  # its file is stored
            await self._room_for(connection, server_id, found.current_version_id, found.counted)
            made = _Made(
                server_id=server_id,
                story_id=found.story_id,
                name=found.name,
                shelf_version=shelf_version,
                action=ShelfAction.RESTORED,
                user_id=user_id,
                previous_version_id=found.current_version_id,
            )
            return await _made(connection, made, size=found.size, source=version_id)

        return await self._changed(change)

    async def settled(self, server_id: int) -> None:
        """Returns once no change to the shelf is under way: its lock taken as a change takes it, then let go with
        nothing written. For a server the bot left: a change that asked `present` before the bot was removed commits
        first, and every later one is refused, so none is made once this returns."""

        async def wait(connection: AsyncConnection) -> None:
            await _claim(connection, server_id)
            raise _Settled

        with contextlib.suppress(_Settled):
            await self._engine.write(wait)

    async def _stored_room_for(
        self, connection: AsyncConnection, server_id: int, size: int, *, restoring: bool = False
    ) -> None:
        """Refuses (STORE_FULL) a change that stores `size` bytes more (a file, its text, and VERSION_BYTES for its
        row) when the server would then store more than it may: its files in the database, searched and kept, the
        texts stored with them, and VERSION_BYTES for every change in its history, moved-out versions' too (their rows
        stay). A restore may store RESTORE_ROOM more (RESTORES_FULL past it), so a full shelf can undo a replace. A
        removal is never refused for it: there are never more of them than adds and restores, which are."""
        stored = await connection.scalar(_stored(sa.literal(server_id))) or 0
        most = self.most_stored + RESTORE_ROOM if restoring else self.most_stored
        if stored + size > most:
            refusal = ShelfRefusal.RESTORES_FULL if restoring else ShelfRefusal.STORE_FULL
            past = min(max(stored - self.most_stored, 0), RESTORE_ROOM)  # removes may store past both
            raise _Refused(refusal, StoreRoom(stored=stored, most=most, needed=size, restore_room_used=past))

    async def _room_for(self, connection: AsyncConnection, server_id: int, replaced: int | None, size: int) -> None:
        """Refuses (FULL) a file that counts for `size` (_COUNTED) searched in place of version `replaced` (None: a
        story more), when the shelf would then search more than its limits allow."""
        current = (
            await connection.execute(
                sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(_COUNTED), 0))
                .select_from(shelf_stories)
                .join(shelf_versions, shelf_versions.c.id == shelf_stories.c.current_version_id)
                .where(shelf_stories.c.server_id == server_id)
            )
        ).one()
        freed = 0
        if replaced is not None:
            freed = await connection.scalar(sa.select(_COUNTED).where(shelf_versions.c.id == replaced)) or 0
        stories = current[0] + (replaced is None)
        if stories > self.most_stories or current[1] - freed + size > self.most_bytes:
            raise _Refused(ShelfRefusal.FULL)

    async def _changed(self, change: Callable[[AsyncConnection], Awaitable[ShelfChange]]) -> ShelfChange:
        try:
            return await self._engine.write(change)
        except _Refused as refused:
            return ShelfChange(refusal=refused.refusal, room=refused.room)


def _stored(server_id: sa.ColumnElement[int]) -> sa.Select[int]:
    """What the server stores (ShelfStore._stored_room_for): its files in the database, searched and kept, the texts
    stored with them, and VERSION_BYTES for every change in its history."""
    versions, texts = shelf_versions.alias(), shelf_texts.alias()  # never the rows of a statement it is part of
    files = sa.func.sum(sa.case((versions.c.data.is_not(None), versions.c.size), else_=0))
    packed = sa.func.sum(sa.func.length(texts.c.packed))
    return (
        sa.select(sa.func.coalesce(files, 0) + sa.func.coalesce(packed, 0) + sa.func.count() * VERSION_BYTES)
        .select_from(versions.outerjoin(texts, texts.c.version_id == versions.c.id))
        .where(versions.c.server_id == server_id)
    )


async def _claim(connection: AsyncConnection, server_id: int, present: Present | None = None) -> int:
    """Raises the shelf's version, first thing in the change: the lock this takes (PostgreSQL's on the row,
    SQLite's on the database) is held until the change commits, so changes to one shelf queue here. Then, holding it,
    refuses (SERVER_LEFT) the change if `present` says the bot is no longer in the server."""
    now = _now()
    insert = INSERTS[connection.dialect.name](shelves).values(
        server_id=server_id, version=1, library_hidden=False, updated_at=now
    )
    raised = insert.on_conflict_do_update(
        index_elements=[shelves.c.server_id], set_={"version": shelves.c.version + 1, "updated_at": now}
    ).returning(shelves.c.version)
    version = await connection.scalar(raised)
    assert version is not None  # RETURNING of an insert-or-update always has its row
    if present is not None and not present():
        raise _Refused(ShelfRefusal.SERVER_LEFT)
    return version


async def _story(connection: AsyncConnection, server_id: int, which: sa.ColumnElement[bool]) -> sa.Row | None:
    """The shelf's story row (id, name, current version) that `which` picks, if any."""
    found = await connection.execute(
        sa.select(shelf_stories.c.id, shelf_stories.c.name, shelf_stories.c.current_version_id).where(
            shelf_stories.c.server_id == server_id, which
        )
    )
    return found.first()


async def _current_names(connection: AsyncConnection, server_id: int) -> list[str]:
    """The names of the shelf's current stories, as stored (compared in Python: SQLite's and PostgreSQL's lower()
    differ past ASCII)."""
    found = await connection.execute(
        sa.select(shelf_stories.c.name).where(
            shelf_stories.c.server_id == server_id, shelf_stories.c.current_version_id.is_not(None)
        )
    )
    return list(found.scalars())


async def _same_file(connection: AsyncConnection, version_id: int, data: bytes) -> bool:
    """Whether the version holds exactly `data`: its size read first, so that only a file of the same size is read
    from the database to be compared."""
    size = await connection.scalar(sa.select(shelf_versions.c.size).where(shelf_versions.c.id == version_id))
    if size != len(data):
        return False
    stored = await connection.scalar(sa.select(shelf_versions.c.data).where(shelf_versions.c.id == version_id))
    return stored is not None and bytes(stored) == data


@dataclass(frozen=True, kw_only=True)
class _Made:
    """A change about to be recorded: whose shelf, which story, what was done, by whom, over which version."""

    server_id: int
    story_id: int
    name: str
    shelf_version: int
    action: ShelfAction
    user_id: int
    previous_version_id: int | None


async def _made(
    connection: AsyncConnection,
    made: _Made,
    *,
    size: int = 0,
    data: bytes | None = None,
    characters: int | None = None,
    source: int | None = None,
) -> ShelfChange:
    """Records the change as a version row (with the file it adds, or the version it restores), points the story
    at the file it shows now (none once removed), and says what was done."""
    version_id = await connection.scalar(
        sa.insert(shelf_versions)
        .values(
            story_id=made.story_id,
            server_id=made.server_id,
            shelf_version=made.shelf_version,
            action=made.action.value,
            data=data,
            source_version_id=source,
            size=size,
            characters=characters,
            user_id=made.user_id,
            created_at=_now(),
        )
        .returning(shelf_versions.c.id)
    )
    assert version_id is not None
    shown = {ShelfAction.REMOVED: None, ShelfAction.RESTORED: source}.get(made.action, version_id)
    await connection.execute(
        sa.update(shelf_stories).where(shelf_stories.c.id == made.story_id).values(current_version_id=shown)
    )
    return ShelfChange(
        action=made.action,
        story_id=made.story_id,
        name=made.name,
        version_id=version_id,
        previous_version_id=made.previous_version_id,
        shelf_version=made.shelf_version,
    )


def _versions(rows: Sequence[sa.Row]) -> tuple[ShelfVersion, ...]:
    """History rows (with their story's name and current version) as versions."""
    versions = []
    for row in rows:
        action = ShelfAction(row.action)
        shown = row.source_version_id if action is ShelfAction.RESTORED else row.id
        versions.append(
            ShelfVersion(
                version_id=row.id,
                story_id=row.story_id,
                name=row.name,
                action=action,
                size=row.size,
                user_id=row.user_id,
                created_at=aware(row.created_at),
                source_version_id=row.source_version_id,
                current=action is not ShelfAction.REMOVED and row.current_version_id == shown,
                moved_out=row.action in _FILES and row.no_data,
            )
        )
    return tuple(versions)
