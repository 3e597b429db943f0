"""What each server searches, kept per shelf version, and every process told of shelf changes by a poll.

A server that never changed what it searches searches the owner's library itself (shared, nothing built). A server with
stories of its own, or that hides the owner's library, gets a view built off the event loop (in a thread of its own,
BUILDING) and kept until its shelf's version (raised by every change, hiding included) or the owner's library changes.
Its shelf's built parts are kept with it, so the next view builds only the stories changed since
(bot.core.shelf_parts), and saved in the data folder (bot.core.shelf_part_store), so that a start, or a view let go for
memory, builds from those the shelf's texts check rather than analysing the whole shelf again. A reload of the owner's
library lets the views go at once (they held the old library) but keeps their shelves' parts, and rebuilds them in the
background, the servers asked last first, each only a join of its kept parts with the new library: the first question
after a reload finds its view built (or waits for the build under way, never a second one). A view built is then given
its people's name index (in the library holder's thread, LibraryHolder.warm) when its server looked people up before.
Every POLL_SECONDS each process reads the versions of the shelves it knows (one statement for hundreds of servers, on
SQLite and PostgreSQL alike), so a story added through any process is searched by every other within seconds, without a
restart.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import logging
from collections import OrderedDict
from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from bot.core.library import StoryLibrary
from bot.core.own_texts import OwnTexts
from bot.core.server_view import server_view
from bot.core.shelf import ShelfError, UploadRefusal
from bot.core.shelf_corpus import ShelfStoryText
from bot.core.shelf_part_store import FOLDER as SHELF_PARTS
from bot.core.shelf_part_store import TOUCH_SECONDS, ShelfPartStore
from bot.core.shelf_parts import ShelfParts, shelf_parts
from bot.core.shelf_reader import ShelfReader
from bot.core.stored_text import newer_reading, pack_story, stored_reading, unpack_story, used_by
from bot.operations.library_holder import LibraryHolder
from bot.state.guarded_engine import DatabaseUnavailable
from bot.state.shared_reads import SharedReads
from bot.state.shelves import FoundText, ShelfStore, ShelfStory, StoredText, TextKept

log = logging.getLogger(__name__)

POLL_SECONDS = 2.0
"""How often each process reads the shelves' versions: a change elsewhere is searched here within this."""
VIEWS_KEPT = 64
"""Built views kept (least recently used goes first); a server whose view went is rebuilt when asked.
Fewer when their memory passes the budget (Settings.views_mb)."""
VIEW_BYTES_PER_CHARACTER = 9
"""A view's memory for each character of its stories' text, theirs included, rounded up: bench/view_memory.py
measured 4.8-6.1 on views of 232 and 100 FairytaleQA train stories (2.6 and 1.2 MB of text), 8.0-11.0 for the
first view in a process (which also builds what views share of the library). A shelf may search 64 MB, so 64
such views could have held some 20-35 GB. Counted on ShelfParts.held_characters: a part's stories no longer
searched, and again the stories of a run whose postings are a copy; with kept parts it measured 5.3-6.7 (8.6 the
first) on a first build, 4.2-5.7 a character counted after 4 stories replaced inside runs (--changes 4)."""
SERVERS_WATCHED = 10_000
"""Servers whose shelf versions are polled: those asked about most recently."""
STORIES_KEPT = 2048
"""Shelf stories kept read, by version (a version's file never changes)."""
BUILDING = ThreadPoolExecutor(max_workers=1, thread_name_prefix="storybot-views")
"""Views are built in a thread of their own, beside the ranking thread (bot.operations.ask.RANKING): a large
shelf's view takes seconds to build (a shelf may search 64 MB of text), and every server's answers waited behind it
there. One thread: builds queue behind each other, not answers. (Their stories' texts are stored with their files,
bot.core.stored_text; a file stored with none is read in a worker: ShelfReader.)"""


@dataclass(frozen=True, kw_only=True)
class _Built:
    shelf_version: int
    hidden: bool
    """Whether the server hides the owner's library (a change of which raises the shelf's version)."""
    library: StoryLibrary | None
    """The owner's library it was built on; None once a reload replaced that library: the view was let go (it held
    the old library in memory), its shelf's parts kept for the server's next view."""
    view: StoryLibrary | None
    shelf: ShelfParts
    """Its shelf's built parts, which the next view of this server starts from."""
    held_bytes: int
    """About what the view holds in memory beyond the owner's library, which every view shares: its shelf's parts,
    stories no longer searched included until their part is built again."""
    looked_up: bool = False
    """Whether people were looked up in a view of this server before this one (kept when a reload lets it go)."""

    @property
    def people_wanted(self) -> bool:
        """Whether people were looked up in this server: its next view's names are indexed once it is built (so
        its first /performer keystroke does not wait for them), not every view's (memory for each)."""
        return self.looked_up or (self.view is not None and self.view.person_finder.warmed)


class ServerViews:
    def __init__(
        self,
        libraries: LibraryHolder,
        shelves: ShelfStore,
        poll_seconds: float = POLL_SECONDS,
        saved_in: Path | None = None,
        touch_seconds: float = TOUCH_SECONDS,
    ):
        """`saved_in`: the data folder, where each server's shelf parts are saved for the next start to build its view
        from (bot.core.shelf_part_store; None: every view is built from the texts, nothing saved). Every `touch_seconds`
        once started, the saved parts this process holds are touched, so that no other process's save removes them."""
        self._libraries = libraries
        self._saved = None if saved_in is None else ShelfPartStore(saved_in / SHELF_PARTS)
        self._memory_bytes = libraries.settings.views_mb * 2**20
        self._shelves = shelves
        self._poll_seconds = poll_seconds
        self._touch_seconds = touch_seconds
        self._versions: OrderedDict[int, int] = OrderedDict()
        """The latest shelf version known of each watched server."""
        self._version_reads: SharedReads[int, int] = SharedReads()
        """Each server's shelf version being read, which every question asked meanwhile awaits: a crowd's first
        questions each read it, 500 reads at once on SQLite beside the crowd's answers being kept, until the answers'
        writes waited past their deadline and were not kept."""
        self._built: OrderedDict[int, _Built] = OrderedDict()
        self._building: dict[int, asyncio.Task[_Built]] = {}
        self._stories: OrderedDict[int, ShelfStoryText] = OrderedDict()
        self._unread: OrderedDict[int, None] = OrderedDict()
        """The shelf versions whose files gave no story here, most recent last."""
        self._full: OrderedDict[int, None] = OrderedDict()
        """The servers told of in the log as too full to store a text read here (told once)."""
        self._newer_said = False
        """Whether the log was told that a newer storybot stored shelf texts (once a process)."""
        settings = libraries.settings
        self._most_unpacked = settings.upload_mb * 2**20
        """The most a stored text may unpack to, and reading it take (unpack_story): the memory a reader may take,
        within which an upload's reader read and packed it; a larger one was packed by no reader (a damaged or hostile
        row), and its file is read again. A story searched holds 64 MB of characters at most (SHELF_BYTES), under 0.2 GB
        of JSON at 3 bytes a character, below the least STORYBOT_UPLOAD_MB may be (256); its reading is counted at up to
        4 times that (reading_bytes), so at the least a story of over some 40 MB of prose is read from its file, as
        its upload was."""
        self._reader = ShelfReader(seconds=settings.upload_seconds, megabytes=settings.upload_mb)
        self.own_texts = OwnTexts(settings.data)
        """Texts read here where a newer storybot's text, of no use here, stands in the database (own_texts)."""
        self._poll: asyncio.Task[None] | None = None
        self._touch: asyncio.Task[None] | None = None
        self._rebuilding: asyncio.Task[None] | None = None
        libraries.when_reloaded(self._reloaded)

    def remove_unused(self) -> None:
        """What the data folder keeps for views and no process used for 30 days: texts kept here (own_texts) and the
        saved parts of servers (shelf_part_store). A start calls it in a thread, before it builds any view."""
        self.own_texts.remove_unused()
        if self._saved is not None:
            self._saved.remove_unused()

    async def view(self, server_id: int | None) -> StoryLibrary | None:
        """What a question in this server searches (in DMs, None: the owner's library); None when the server
        hides the owner's library and has no story of its own."""
        library = self._libraries.current
        if server_id is None:
            return library
        version = await self._version(server_id)
        built = self._built.get(server_id)
        if version is None:  # the database cannot say: what was built last, else the library
            return _last_view(built, library)
        if version == 0:  # never changed what it searches
            return library
        if built is None or (built.shelf_version, built.library) != (version, library):
            try:
                return (await self._build(server_id)).view  # kept last, unless a build ahead it waited for was not
            except DatabaseUnavailable as error:
                log.warning("Could not read the shelf of server %s (%s); searching what I had.", server_id, error)
                return _last_view(built, library)
        self._built.move_to_end(server_id)
        return built.view

    def at_hand(self, server_id: int | None) -> StoryLibrary | None:
        """What this server searches as far as is known without waiting (autocomplete has Discord's 3 s): the view
        built last even if its shelf changed since, the owner's library for a server known never to have changed
        what it searches; None for a server whose view was never built here, or not known yet."""
        library = self._libraries.current
        if server_id is None:
            return library
        built = self._built.get(server_id)
        if built is not None and built.library is not None:
            return built.view
        return library if self._versions.get(server_id) == 0 else None

    def changed(self, server_id: int, shelf_version: int) -> None:
        """A change made here: searched here from the next question, without waiting for the poll."""
        if shelf_version > self._versions.get(server_id, 0):
            self._watch(server_id, shelf_version)

    def start(self) -> None:
        if self._poll is None:
            self._poll = asyncio.create_task(self._polling(), name="storybot-shelf-poll")
        if self._touch is None and self._saved is not None:
            self._touch = asyncio.create_task(self._touching(self._saved), name="storybot-shelf-parts-touch")

    async def stop(self) -> None:
        for task in (self._poll, self._touch, self._rebuilding):
            if task is not None:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        self._poll = self._touch = self._rebuilding = None

    def build_ahead(self, server_ids: Collection[int]) -> None:
        """At start-up: the views of those of these servers (the ones Discord sent) whose shelves changed last built in
        the background, the latest first, as many as views are kept, so that no server's first question waits for its
        view (the whole shelf read and analysed: seconds for a large one)."""
        if self._rebuilding is None:
            self._rebuilding = asyncio.create_task(self._ahead(server_ids), name="storybot-views-ahead")

    async def _ahead(self, server_ids: Collection[int]) -> None:
        try:
            latest = await self._shelves.changed_last(server_ids, VIEWS_KEPT)
        except DatabaseUnavailable as error:
            log.warning(
                "Could not read which servers have stories of their own (%s); their views are built when asked.", error
            )
            return
        for server_id, version in reversed(latest.items()):  # the latest watched last: the last to go
            self._watch(server_id, version)
        await self._build_each(list(latest), "at start-up")

    async def rebuilt(self) -> None:
        """Returns once the views being built ahead (after a reload, or at start-up) are built."""
        if self._rebuilding is not None:
            await asyncio.shield(self._rebuilding)

    def _reloaded(self, library: StoryLibrary) -> None:
        """The owner's library was replaced: the views built on the old one go now (each held it in memory, and
        none may answer once the reload is reported), their shelves' parts kept, and they are rebuilt in the
        background, the servers asked last first."""
        servers = list(reversed(self._built))
        for server_id, old in list(self._built.items()):
            if old.library is not None and old.library is not library:
                shelf = old.shelf.analysed_as(library.analyzer)
                if shelf is None:
                    del self._built[server_id]
                else:
                    let_go = dataclasses.replace(old, library=None, view=None, shelf=shelf, looked_up=old.people_wanted)
                    self._built[server_id] = let_go
        if self._rebuilding is not None:
            self._rebuilding.cancel()  # the builds it waited for go on, and are waited for again below
        self._rebuilding = asyncio.create_task(
            self._build_each(servers, "on the reloaded library"), name="storybot-views"
        )

    async def _build_each(self, servers: list[int], why: str) -> None:
        """Each server's view on the current library, one after another, before anyone asks (beside questions, whose
        own builds wait for one of these at most); none built twice: one a question started is waited for, one built
        is skipped. Stops when the views fill the memory for them: one more would only push another out."""
        began, built_ahead = asyncio.get_running_loop().time(), 0
        for server_id in servers:
            built = self._built.get(server_id)
            if built is not None and built.library is self._libraries.current:
                continue  # a question built it first
            if self._versions.get(server_id, 0) == 0:
                continue  # no longer watched
            try:
                await self._build(server_id, asked=False)
            except DatabaseUnavailable as error:
                log.warning(
                    "Could not build the view of server %s ahead (%s); it is built when asked.", server_id, error
                )
                continue
            if server_id not in self._built:
                break
            built_ahead += 1
        seconds = asyncio.get_running_loop().time() - began
        log.info("Built %d server views ahead %s in %.2f s.", built_ahead, why, seconds)

    async def poll(self) -> None:
        """Reads the versions of the watched servers' shelves once; views of changed shelves are rebuilt when
        next asked. A shelf's version only rises: a read that began before a change made here (changed) and ended
        after it reads the version before, which must not undo it (the story just removed was searched again)."""
        if not self._versions:
            return
        for server_id, version in (await self._shelves.versions(list(self._versions))).items():
            if server_id in self._versions and version > self._versions[server_id]:
                log.info("The shelf of server %s changed (version %s); its stories are read again.", server_id, version)
                self._versions[server_id] = version

    async def _polling(self) -> None:
        failing = False
        while True:
            await asyncio.sleep(self._poll_seconds)
            try:
                await self.poll()
            except DatabaseUnavailable as error:
                if not failing:
                    log.warning("Could not poll the shelves for changes (%s); trying again.", error)
                failing = True
                continue
            if failing:
                log.info("Polling the shelves for changes again.")
            failing = False

    async def _touching(self, saved: ShelfPartStore) -> None:
        """The saved parts this process holds touched every `touch_seconds` (ShelfPartStore.touch_held), in BUILDING,
        the thread that loads and saves them: another process's save leaves them however long this one runs."""
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(self._touch_seconds)
            await loop.run_in_executor(BUILDING, saved.touch_held)

    async def _version(self, server_id: int) -> int | None:
        known = self._versions.get(server_id)
        if known is not None:
            self._versions.move_to_end(server_id)
            return known
        try:
            version = await self._version_reads.read(server_id, lambda: self._shelves.version(server_id))
        except DatabaseUnavailable as error:
            log.warning("Could not read the shelf version of server %s (%s).", server_id, error)
            return None
        # a change made here while it was read (changed()) is newer than what the read found
        version = max(version, self._versions.get(server_id, version))
        self._watch(server_id, version)
        return version

    def _watch(self, server_id: int, version: int) -> None:
        self._versions[server_id] = version
        self._versions.move_to_end(server_id)
        while len(self._versions) > SERVERS_WATCHED:
            gone, _ = self._versions.popitem(last=False)
            self._built.pop(gone, None)

    async def _build(self, server_id: int, *, asked: bool = True) -> _Built:
        """The server's view from its shelf now; one build per server at a time (others wait for it, and build
        again if it read the shelf before a change they know of: the change that asked must be in it)."""
        while True:
            running = self._building.get(server_id)
            if running is None:
                running = asyncio.ensure_future(self._built_and_kept(server_id, asked))
                self._building[server_id] = running
            built = await asyncio.shield(running)
            # Built again on a library a reload swapped in while it was built: once the reload is reported, no
            # question is answered from the library before it.
            if built.shelf_version >= self._versions.get(server_id, 0) and built.library is self._libraries.current:
                break
        if asked and server_id in self._built:
            self._built.move_to_end(server_id)
        return built

    async def _built_and_kept(self, server_id: int, asked: bool) -> _Built:
        """A build that keeps its view before anyone sees it finished. Kept by a done callback, it was kept a turn of
        the event loop late: a question asked in that turn was given the finished build with no view kept (a KeyError,
        or the view before a reload), and one that needed a newer build awaited the finished one again and again,
        never letting the callback run."""
        try:
            built = await self._built_now(server_id)
        finally:
            del self._building[server_id]
        self._keep(server_id, asked, built)
        return built

    def _keep(self, server_id: int, asked: bool, built: _Built) -> None:
        """A build done: kept, as it finishes (not when its waiters next run: a build ahead in the meantime would
        have found neither it nor a build under way, and built the view again), unless a reload made it stale.
        A view built ahead (not `asked`) keeps its server's place among the views kept, the least recently asked
        going first, or goes first itself for a server with none."""
        if built.library is not self._libraries.current:
            return
        kept = self._built.get(server_id)
        if built.view is not None and kept is not None and kept.people_wanted:
            self._libraries.warm(built.view)
            built = dataclasses.replace(built, looked_up=True)
        self._built[server_id] = built
        if asked or kept is None:
            self._built.move_to_end(server_id, last=asked)
        held = sum(b.held_bytes for b in self._built.values())
        while len(self._built) > 1 and (len(self._built) > VIEWS_KEPT or held > self._memory_bytes):
            # The view just asked for stays, even past the budget; one built ahead may not.
            held -= self._built.popitem(last=False)[1].held_bytes

    def built_stories(self, server_id: int) -> tuple[int, ...] | None:
        """The shelf story versions the server's last view analysed (the others it kept from the view before);
        None when it has no view built here."""
        built = self._built.get(server_id)
        return None if built is None else built.shelf.built

    async def _built_now(self, server_id: int) -> _Built:
        library = self._libraries.current
        kept = self._built.get(server_id)
        loop = asyncio.get_running_loop()
        same = None if kept is None else kept.shelf.analysed_as(library.analyzer)
        if (
            kept is not None
            and same is not None
            and same.params == library.index.params
            and kept.shelf_version == self._versions.get(server_id)
        ):
            # The shelf as it was, on a reloaded library: its parts joined with the new one, nothing read again.
            view = await loop.run_in_executor(BUILDING, server_view, None if kept.hidden else library, same)
            log.info(
                "Server %s: its shelf (version %d) joined with the reloaded library.", server_id, kept.shelf_version
            )
            return dataclasses.replace(kept, library=library, view=view, shelf=dataclasses.replace(same, built=()))
        shelf = await self._shelves.stories(server_id)
        version, hidden = shelf.version, shelf.library_hidden
        if version > self._versions.get(server_id, 0):
            self._watch(server_id, version)
        texts = []
        reading = stored_reading()
        unknown = [
            s.version_id
            for s in shelf.stories
            if s.version_id not in self._stories and s.version_id not in self._unread
        ]
        usable = functools.partial(used_by, ours=reading)  # a newer reading's text of this layout
        # A few statements, not one a story.
        stored = await self._shelves.texts(unknown, reading, usable) if unknown else {}
        asked = set(unknown)
        async with self._reader.session():
            for story in shelf.stories:  # each packed text let go once its story is read
                version_id = story.version_id
                found = stored.pop(version_id, None)
                if version_id not in asked and version_id not in self._stories and version_id not in self._unread:
                    # held when the texts were read, let go since (stories read meanwhile filled the memory)
                    found = (await self._shelves.texts([version_id], reading, usable)).get(version_id)
                text = await self._story(server_id, story, found, reading)
                if text is not None:
                    texts.append((story.version_id, text))
        owner = None if hidden else library
        parts, view = await loop.run_in_executor(
            BUILDING, _view, library, owner, texts, None if kept is None else kept.shelf, self._saved, server_id
        )
        log.info(
            "Server %s: %d stories of its own (shelf version %d), %d of them analysed, in %d runs.",
            server_id,
            len(texts),
            version,
            len(parts.built),
            len(parts.runs),
        )
        return _Built(
            shelf_version=version,
            hidden=hidden,
            library=library,
            view=view,
            shelf=parts,
            held_bytes=VIEW_BYTES_PER_CHARACTER * parts.held_characters,
        )

    def read(self, version_id: int, text: ShelfStoryText) -> None:
        """The story a shelf version's file holds, read: kept for the views that search it (a version's file never
        changes), while they fit in memory. A change made here gives the story its upload's worker read."""
        self._stories[version_id] = text
        self._stories.move_to_end(version_id)
        most_characters = self._memory_bytes // VIEW_BYTES_PER_CHARACTER
        characters = sum(s.characters for s in self._stories.values())
        while len(self._stories) > 1 and (len(self._stories) > STORIES_KEPT or characters > most_characters):
            characters -= self._stories.popitem(last=False)[1].characters

    async def _story(
        self, server_id: int, story: ShelfStory, stored: FoundText | None, reading: str
    ) -> ShelfStoryText | None:
        """The story a version's file holds: kept here, else the text stored with it (`stored`) if read by `reading`,
        the readers now, or by newer readers in a layout this process unpacks, else its file read again, in the
        reader's worker, and its text stored for every view after (unless a newer reader's text is stored:
        newer_reading). An older process of a rolling upgrade read every file whose text a newer one had stored, at
        every start, in a worker each: it now uses that text, as the newer process does, and reads only what it
        cannot unpack, never storing over it; what it read so is kept in its data folder (bot.core.own_texts), read
        there at its next starts."""
        story_id, name, version_id = story.story_id, story.name, story.version_id
        kept = self._stories.get(version_id)
        if kept is not None:
            self._stories.move_to_end(version_id)
            return kept
        if version_id in self._unread:
            return None
        why, level = "no text was stored with it", logging.INFO
        newer = stored is not None and stored.reading != reading and not newer_reading(reading, stored.reading)
        file: bytes | None = None
        stands_for: bytes | None = None
        if newer:
            assert stored is not None
            self._stored_by_newer(stored.reading, reading)
            # Kept here only when the newer text was of no use: not unpacked again, nor its file read, at each start.
            # Named by that text, or by the version's file where the text, in a layout not read here, was not fetched:
            # either tells this database's version from another's of the same id (the file is fetched, not read). And
            # by the limit it was of no use under: raised since, none is found, and the newer text, unpacked, wins.
            stands_for = stored.packed
            if stands_for is None:
                stands_for = file = await self._shelves.file(version_id)
            args = (reading, story_id, name, version_id, stands_for, self._most_unpacked)
            own = await asyncio.to_thread(self.own_texts.story, *args)
            if own is not None:
                self.read(version_id, own)
                return own
        if stored is not None and stored.packed is not None and (newer or stored.reading == reading):
            try:
                text = await asyncio.to_thread(unpack_story, story_id, name, stored.packed, self._most_unpacked)
            except ValueError as reason:
                why, level = f"its stored text {reason}", logging.WARNING
            else:
                self.read(version_id, text)
                return text
        elif stored is not None:
            why = "its text was stored by older readers"
            if newer:  # said once for all (_stored_by_newer)
                why, level = "its text was stored by newer readers in a layout not read here, and stands", logging.DEBUG
        try:
            text = await self._reader.read(
                story_id, name, await self._shelves.file(version_id) if file is None else file
            )
        except ShelfError as error:  # read when uploaded, within the same limits; a reader may have changed since
            log.warning("Skipped the shelf story %s (%s, version %s): %s.", story_id, name, version_id, _problem(error))
            self._unread[version_id] = None  # a version's file never changes: not read again
            while len(self._unread) > STORIES_KEPT:
                self._unread.popitem(last=False)
            return None
        log.log(level, "Read the shelf story %s (%s, version %s) from its file: %s.", story_id, name, version_id, why)
        if stored is None or stored.reading == reading or newer_reading(reading, stored.reading):
            packed = StoredText(reading, await asyncio.to_thread(pack_story, text))
            await self._store_text(server_id, version_id, packed, None if stored is None else stored.reading)
        else:  # the newer text stands, never stored over: this process's own is kept in its data folder
            assert stands_for is not None
            await asyncio.to_thread(self.own_texts.keep, reading, version_id, stands_for, text, self._most_unpacked)
        self.read(version_id, text)
        return text

    def _stored_by_newer(self, theirs: str, ours: str) -> None:
        """Says once a process that a newer storybot stored shelf texts (a rolling upgrade, or a rollback)."""
        if self._newer_said:
            return
        self._newer_said = True
        log.info(
            "Shelf texts were stored by a newer storybot (its readers: %s; this one's: %s): those whose layout this "
            "version reads are used as they are, the others' files are read here once (kept in the data folder: "
            "shelf-texts/), and none is stored over.",
            theirs,
            ours,
        )

    async def _store_text(self, server_id: int, version_id: int, text: StoredText, replacing: str | None) -> None:
        """The text a file was read as, stored with its version: no view reads the file again, here or elsewhere,
        unless the server stores all it may (logged once: the view searches it all the same, from the file)."""
        try:
            kept = await self._shelves.keep_text(version_id, text, replacing=replacing)
        except DatabaseUnavailable as error:
            log.warning("Could not store the text of shelf version %s (%s); it is read again later.", version_id, error)
            return
        if kept is TextKept.NO_ROOM and server_id not in self._full:
            log.warning(
                "Server %s stores all it may (STORYBOT_SHELF_STORED_MB): the texts of its files read here (version %s "
                "first) are not stored, and are read from the files again after a start. Moving kept versions out "
                "makes room (python -m bot shelf export-kept).",
                server_id,
                version_id,
            )
            self._full[server_id] = None
            while len(self._full) > SERVERS_WATCHED:
                self._full.popitem(last=False)


def _problem(error: ShelfError) -> str:
    """Why a stored file gave no story, for the log."""
    if error.refusal is UploadRefusal.TOO_SLOW:
        return f"it took longer than {error.size} seconds to read (STORYBOT_UPLOAD_SECONDS)"
    if error.refusal is UploadRefusal.TOO_MUCH_MEMORY:
        return f"it needs more than {error.size} MB of memory to read (STORYBOT_UPLOAD_MB)"
    return f"it was refused ({error.why.cause}{f': {error.why.detail}' if error.why.detail else ''})"


def _last_view(built: _Built | None, library: StoryLibrary) -> StoryLibrary | None:
    """The view built last, else (none built, or let go for a reload) the owner's library."""
    return built.view if built is not None and built.library is not None else library


def _view(
    library: StoryLibrary,
    owner: StoryLibrary | None,
    stories: list[tuple[int, ShelfStoryText]],
    kept: ShelfParts | None,
    saved: ShelfPartStore | None,
    server_id: int,
) -> tuple[ShelfParts, StoryLibrary | None]:
    """In BUILDING: the shelf's parts from those kept (only its new stories analysed), else from those saved that
    these texts check (a start, or a view let go for memory), and the view of them; what is new of them saved."""
    analyzer, params = library.analyzer, library.index.params
    if kept is None and saved is not None:
        kept = saved.load(server_id, stories, analyzer, params)
    parts = shelf_parts(stories, analyzer, params, kept)
    view = server_view(owner, parts)
    if saved is not None:
        saved.save(server_id, parts, stories)
    return parts, view
