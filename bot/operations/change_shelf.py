"""Changing a server's own stories (its shelf): add or replace, remove, restore a kept version.

Every change is kept by the shelf (bot.state.shelves); this process's view of the server is told at once
(other processes see it at their next poll), and the story is given back as the server searches it now.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from bot.core.library import StoryLibrary
from bot.core.name_forms import name_key
from bot.core.shelf import StoryFile
from bot.core.stored_text import stored_reading
from bot.core.story_ids import shelf_story_id, shelf_story_of
from bot.core.upload_reading import story_file_in_worker
from bot.operations.resolve_story import story_by_id
from bot.operations.server_views import ServerViews
from bot.operations.story_ref import StoryRef
from bot.state.shelves import Present, ShelfAction, ShelfChange, ShelfStore, ShelfVersion, StoredText

VERSIONS_OFFERED = 25
"""Discord's cap on autocomplete choices."""


@dataclass(frozen=True, kw_only=True)
class ShelfChanged:
    change: ShelfChange
    """What was done, or why nothing was (ShelfChange.refusal)."""
    story: StoryRef | None = None
    """The story as the server searches it now; None once removed, or when the change was refused."""
    renamed: str | None = None
    """The upload's own file name, when it replaced a story stored under another name (stored_under_another_name)."""


async def add_to_shelf(
    shelves: ShelfStore,
    views: ServerViews,
    server: int,
    name: str,
    upload: StoryFile,
    user: int,
    *,
    present: Present | None = None,
    uploaded: str | None = None,
) -> ShelfChanged:
    """The upload as the server's story `name`: added, or replacing the one there (which stays kept); refused
    when the shelf would search more than its limit, which counts a packed file (EPUB, Word, ODT, zipped FB2,
    PDF) as its text, or (SERVER_LEFT) when `present` says, as the change is made, that the bot left the server: an
    upload read while it was removed changes nothing there. `uploaded`: the file's own name, when `name` was made of
    it (an upload added, not a story named to replace), for ShelfChanged.renamed."""
    change = await store_upload(shelves, server, name, upload, user, present=present)
    read = upload.story
    if change.version_id is not None and change.story_id is not None and read is not None and read.name == name:
        views.read(change.version_id, dataclasses.replace(read, story=change.story_id))  # not read again for its view
    told = await _told(views, server, change)
    renamed = None if uploaded is None else stored_under_another_name(uploaded, change)
    return told if renamed is None else dataclasses.replace(told, renamed=renamed)


def stored_under_another_name(uploaded: str, change: ShelfChange) -> str | None:
    """The upload's own file name (`uploaded`, less any folders) when its change replaced a story stored under another
    name: its signs a file name cannot hold made dashes ("a?b.md" stored as "a-b.md", where "a:b.md" was), or the
    name in another case or form. Two uploads of different names were one story, the second replacing the first
    without a word; their manager is told, and that the first is kept. Replacing is still what is done: a file
    uploaded again under its own name ("a:b.md" edited) is stored as the same story, the one its id names, and no
    name stored tells the two apart. None when the name is the one stored, or nothing was replaced."""
    own = uploaded.replace("\\", "/").rsplit("/", 1)[-1]
    if change.action is not ShelfAction.REPLACED or change.name is None or own == change.name:
        return None
    return own


async def store_upload(
    shelves: ShelfStore, server: int, name: str, upload: StoryFile, user: int, *, present: Present | None = None
) -> ShelfChange:
    """The upload stored as the server's story `name` (added, or replacing the one there), with the story its reader
    read, so that no view reads the file again; what any process's view searches once it knows of the change."""
    text = StoredText(stored_reading(), upload.text)
    return await shelves.add(
        server, name, upload.data, user, replace=True, characters=upload.characters, text=text, present=present
    )


def library_file_named(view: StoryLibrary | None, name: str) -> str | None:
    """The file of the owner's library's story that a server's upload named `name` would pass for (one of that name,
    in any case), when the server searches the library: the two would be alike in every word that tells stories
    apart (a title, a file name). One pass over the view's stories."""
    if view is None:
        return None
    wanted = name_key(name)
    paths = (story.path for story in view.corpus.stories)
    return next((p for p in paths if name_key(p) == wanted and shelf_story_of(p) is None), None)


async def read_upload(raw: bytes, name: str, title: str | None, *, seconds: float, megabytes: int) -> StoryFile:
    """The upload read as a story in a worker process, ended after `seconds` (ShelfError TOO_SLOW), in at most
    `megabytes` of memory (ShelfError TOO_MUCH_MEMORY)."""
    return await story_file_in_worker(raw, name, title, seconds=seconds, megabytes=megabytes)


async def remove_from_shelf(
    shelves: ShelfStore, views: ServerViews, server: int, story: int, user: int, *, present: Present | None = None
) -> ShelfChanged:
    """The server's story number `story` off its shelf (kept, restorable); another server's is refused, and any once
    the bot left the server (`present`, as add_to_shelf's)."""
    return await _told(views, server, await shelves.remove(server, story, user, present=present))


async def restore_on_shelf(
    shelves: ShelfStore, views: ServerViews, server: int, version: int, user: int, *, present: Present | None = None
) -> ShelfChanged:
    """A kept version of one of the server's stories searched again; what it replaces stays kept. `present`: as
    add_to_shelf's."""
    return await _told(views, server, await shelves.restore(server, version, user, present=present))


async def kept_versions(shelves: ShelfStore, server: int, typed: str) -> tuple[ShelfVersion, ...]:
    """The server's kept files that are not searched now (to restore), latest first; those whose name holds
    what was typed, when something was."""
    typed = name_key(typed).strip()
    named = [story for story, name in (await shelves.story_names(server)).items() if typed in name_key(name)]
    return await shelves.history(server, VERSIONS_OFFERED, kept_of=named) if named else ()


async def _told(views: ServerViews, server: int, change: ShelfChange) -> ShelfChanged:
    if change.refusal is not None or change.story_id is None:
        return ShelfChanged(change=change)
    views.changed(server, change.shelf_version)
    if change.action is ShelfAction.REMOVED:
        return ShelfChanged(change=change)
    view = await views.view(server)  # built now, so the next question finds the story at once
    return ShelfChanged(
        change=change, story=None if view is None else story_by_id(view, shelf_story_id(change.story_id))
    )
