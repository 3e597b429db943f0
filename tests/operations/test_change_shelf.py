"""Changing a server's own stories through the use-case layer, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import zipfile
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core.library import StoryLibrary
from bot.core.shelf import story_file
from bot.messages import shelf_change_text
from bot.operations.change_shelf import add_to_shelf, kept_versions, restore_on_shelf
from bot.operations.library_holder import LibraryHolder
from bot.operations.server_views import ServerViews
from bot.settings import Settings
from bot.state.database import Database
from bot.state.shelf_rules import RESTORE_ROOM, VERSION_BYTES, ShelfRefusal, named_in_another_form
from bot.state.shelves import HISTORY_SHOWN, ShelfAction, ShelfStore

SERVER, MANAGER = 11, 1


@pytest.fixture(params=["sqlite", "postgresql"])
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    if request.param == "sqlite":
        settings = Settings(data=tmp_path / "data")
    else:
        settings = Settings(data=tmp_path / "unused", database_url=request.getfixturevalue("postgresql_url"))
    opened = await Database.open(settings)
    yield opened
    await opened.close()


async def test_a_kept_version_is_offered_however_many_changes_came_after_it(database: Database):
    shelves = database.shelves
    first = await shelves.add(SERVER, "Mill.md", b"# The Mill\n\nThe first wheel.", MANAGER, replace=False)
    await shelves.add(SERVER, "Mill.md", b"# The Mill\n\nThe second wheel.", MANAGER, replace=True)
    for count in range(HISTORY_SHOWN):  # a busy server's later changes to another story
        await shelves.add(SERVER, "busy.md", f"# Busy\n\nChange {count}.".encode(), MANAGER, replace=True)
    offered = await kept_versions(shelves, SERVER, "mill")
    assert [(v.version_id, v.name, v.action) for v in offered] == [(first.version_id, "Mill.md", ShelfAction.ADDED)]
    busy = await kept_versions(shelves, SERVER, "")
    assert len(busy) == 25 and all(not v.current for v in busy)


@pytest.mark.parametrize(
    ("name", "shelved", "replaced"),
    [
        ("Mill.MD", ["weir.md", "mill.md"], "mill.md"),
        ("mill.md", ["Mill.md", "mill.md"], None),  # both on a shelf from before: the one named so is replaced
        ("Mill.md", ["Mill.md", "mill.md"], None),
        ("MILL.md", ["Mill.md", "mill.md"], "Mill.md"),
        ("mill.md", ["weir.md"], None),
        ("Caf\u00e9.md", ["Cafe\u0301.md"], "Cafe\u0301.md"),  # saved on macOS (NFD), again on Windows (NFC)
        ("CAF\u00c9.md", ["weir.md", "cafe\u0301.md"], "cafe\u0301.md"),
        ("Caf\u00e9.md", ["Cafe\u0301.md", "Caf\u00e9.md"], None),  # both on a shelf from before: its very name's
        ("Cafe\u0301.md", ["Cafe\u0301.md", "Caf\u00e9.md"], None),
        # Stored by storybot 0.2.0 and older, whose upload names made signs dashes.
        ("Grandma's Kitchen.txt", ["Grandmas Kitchen.txt", "Grandma-s Kitchen.txt"], "Grandma-s Kitchen.txt"),
        ("The Mill (1).md", ["the mill -1-.md"], "the mill -1-.md"),
        ("Rock & Roll!.md", ["Rock - Roll.md", "rock & roll!.md"], "rock & roll!.md"),  # its own name's form first
        ("Grandma's Kitchen.txt", ["Grandma's Kitchen.txt", "Grandma-s Kitchen.txt"], None),
    ],
)
def test_an_upload_replaces_the_story_named_so_in_another_case_or_form_unless_one_has_its_very_name(
    name: str, shelved: list[str], replaced: str | None
):
    assert named_in_another_form(name, shelved) == replaced


WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WORD_PARTS = {
    "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>',
}


def word_file(paragraphs: int) -> bytes:
    """A Word document of one sentence said again and again: deflate packs it some 100 to 1."""
    pytest.importorskip("docx", reason="the Word reader needs the formats extra: pip install -e '.[formats]'")
    sentence = (
        "<w:p><w:r><w:t>The miller ground rye by the river, and his wheel turned all night long.</w:t></w:r></w:p>"
    )
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in WORD_PARTS.items():
            archive.writestr(name, text)
        archive.writestr(
            "word/document.xml", f'<w:document xmlns:w="{WORD}"><w:body>{sentence * paragraphs}</w:body></w:document>'
        )
    return packed.getvalue()


async def test_a_packed_upload_counts_as_the_text_it_holds(library: StoryLibrary, database: Database):
    # A shelf's limit is there for the memory its view takes, which grows with its stories' text. A Word or
    # EPUB file is a zip: 142 KB of one held 28 million characters (a view of some 250 MB), so a limit on
    # files' bytes alone let one server fill every process's memory with a few uploads.
    echo = word_file(3000)  # 2 KB holding 216,000 characters
    short = word_file(10)
    shelves = ShelfStore(database.guarded, most_bytes=150_000)
    views = ServerViews(LibraryHolder(library, Settings()), shelves)
    assert len(echo) < 150_000
    refused = await add_to_shelf(shelves, views, SERVER, "echo.docx", story_file(echo, "echo.docx", None), MANAGER)
    assert refused.change.refusal is ShelfRefusal.FULL
    short_file = story_file(short, "short.docx", None)
    assert short_file.characters < len(short)  # a short document: its file counts
    added = await add_to_shelf(shelves, views, SERVER, "short.docx", short_file, MANAGER)
    assert added.change.action is ShelfAction.ADDED and added.story is not None
    # The same text as a text file: refused as the Word file now is.
    text = (
        "# Echo\n\n" + "The miller ground rye by the river, and his wheel turned all night long.\n\n" * 3000
    ).encode()
    as_text = await add_to_shelf(shelves, views, SERVER, "echo.md", story_file(text, "echo.md", None), MANAGER)
    assert as_text.change.refusal is ShelfRefusal.FULL


async def test_a_full_shelf_says_undo_works_while_restores_have_room_and_that_it_does_not_once_they_are_used(
    library: StoryLibrary, database: Database
):
    # A refused add said "/story restore (or Undo) still brings back a kept version" even once restores had used
    # the 64 KB they may store past the room, when the next Undo was refused too.
    good, bad = b"# The Mill\n\nThe miller Anatole ground rye.", b"# The Mill\n\nLorem ipsum, the wrong file."
    stored = sum(len(data) + len(story_file(data, "mill.md", None).text) for data in (good, bad))  # files, texts
    shelves = ShelfStore(database.guarded, most_stored=stored + 2 * VERSION_BYTES)
    views = ServerViews(LibraryHolder(library, Settings()), shelves)

    async def add(name: str, data: bytes) -> str:
        return shelf_change_text(
            await add_to_shelf(shelves, views, SERVER, name, story_file(data, name, None), MANAGER)
        )

    assert (await add("mill.md", good)).startswith('Added "The Mill"')
    replaced = await add_to_shelf(shelves, views, SERVER, "mill.md", story_file(bad, "mill.md", None), MANAGER)
    previous, bad_one = replaced.change.previous_version_id, replaced.change.version_id
    assert replaced.change.action is ShelfAction.REPLACED and previous is not None and bad_one is not None
    versions = [previous, bad_one]
    weir = b"# The Weir\n\nOttilie opened the weir."
    told = await add("weir.md", weir)
    assert "/story restore (or Undo) still brings back a kept version: restores may store 64 KB" in told, told
    for turn in range(RESTORE_ROOM // VERSION_BYTES):  # Undo, and back again, until restores have used their room
        restored = await restore_on_shelf(shelves, views, SERVER, versions[turn % 2], MANAGER)
        assert restored.change.action is ShelfAction.RESTORED
    told = await add("weir.md", weir)
    assert "/story restore (or Undo) is refused too" in told and "still brings back" not in told, told
    assert "ask the bot's owner to move this server's kept versions out" in told
    undo = await restore_on_shelf(shelves, views, SERVER, versions[0], MANAGER)
    assert undo.change.refusal is ShelfRefusal.RESTORES_FULL  # as it said


async def test_a_change_searches_the_story_its_upload_read_without_reading_its_file_again(
    library: StoryLibrary, database: Database, caplog: pytest.LogCaptureFixture
):
    # A view reads its server's stored files in a worker process (bot.core.shelf_reader), a second's start and a
    # read again for a story the upload's own worker had just read. The process that stores it keeps what was read.
    # Here the view's reader could read nothing: its worker is given less memory than Python itself takes, where
    # MIN_UPLOAD_MB is the least a setting may give. Read in this process, as an upload's reader reads it, the
    # story is searched all the same.
    views = ServerViews(LibraryHolder(library, Settings(upload_mb=1)), database.shelves)
    upload = story_file(word_file(3000), "echo.docx", None)
    added = await add_to_shelf(database.shelves, views, SERVER, "echo.docx", upload, MANAGER)
    assert added.story is not None and added.story.title == "Echo"
    assert "Skipped" not in caplog.text


async def test_an_upload_stored_under_a_storys_name_not_its_own_says_so_and_keeps_the_first(
    library: StoryLibrary, database: Database
):
    """ "a:b.md" and "a?b.md", two stories, are both stored as a-b.md (safe_file_name): the second replaced the first,
    and the change said only "Replaced", never that a story of another name was gone from the searches."""
    views = ServerViews(LibraryHolder(library, Settings()), database.shelves)
    alpha = b"# Alpha\n\nThe first story, about a heron."
    beta = b"# Beta\n\nThe second story, about an otter."
    added = await add_to_shelf(
        database.shelves, views, SERVER, "a-b.md", story_file(alpha, "a-b.md", None), MANAGER, uploaded="a:b.md"
    )
    assert added.change.action is ShelfAction.ADDED and added.renamed is None  # nothing replaced: nothing to say
    second = await add_to_shelf(
        database.shelves, views, SERVER, "a-b.md", story_file(beta, "a-b.md", None), MANAGER, uploaded="a?b.md"
    )
    assert second.change.action is ShelfAction.REPLACED and second.renamed == "a?b.md"
    assert shelf_change_text(second).startswith(
        "Your file a?b.md is stored as `a-b.md` (signs a file name cannot hold become dashes, and names in other "
        'capitals are one), the name of a story already here: it replaced that story, now "Beta" (`a-b.md`). The '
        "version before is kept (Undo, or /story restore)"
    )
    history = await database.shelves.history(SERVER)
    assert [(v.name, v.action) for v in reversed(history)] == [
        ("a-b.md", ShelfAction.ADDED),
        ("a-b.md", ShelfAction.REPLACED),
    ]
    assert await database.shelves.file(history[-1].version_id) == alpha  # the first story kept, restorable


@pytest.mark.parametrize(
    ("uploaded", "renamed"),
    [
        ("a-b.md", None),  # its very name: the story uploaded again, a replace as ever
        ("folder/a-b.md", None),  # a name as a browser may send it, with its folder
        ("A-B.md", "A-B.md"),  # another case, stored under the name there
        (None, None),  # /story replace: the story to replace was named
    ],
)
async def test_an_upload_replacing_the_story_of_its_own_name_says_nothing_more(
    library: StoryLibrary, database: Database, uploaded: str | None, renamed: str | None
):
    views = ServerViews(LibraryHolder(library, Settings()), database.shelves)
    for text in (b"# Alpha\n\nThe heron.", b"# Alpha\n\nThe heron flew."):
        done = await add_to_shelf(
            database.shelves, views, SERVER, "a-b.md", story_file(text, "a-b.md", None), MANAGER, uploaded=uploaded
        )
    assert done.change.action is ShelfAction.REPLACED and done.renamed == renamed
    if renamed is None:
        assert (
            shelf_change_text(done)
            == 'Replaced "Alpha" (`a-b.md`); the version before is kept (Undo, or /story restore).'
        )
