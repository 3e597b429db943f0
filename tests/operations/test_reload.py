"""A reload reports what changed by path, and keeps the old library when the folder holds no story; the owner's reads
again the files skipped for taking too long to read."""

from __future__ import annotations

import asyncio
import shutil

import pytest

from bot.core.corpus import FolderFault
from bot.core.library import StoryLibrary
from bot.core.readers import suffix_list
from bot.core.skipped import SkipReason
from bot.messages import reload_text
from bot.operations.build_index import build_index
from bot.operations.library_holder import LibraryHolder
from bot.operations.opening import open_library
from bot.operations.reload import Reloaded, reload
from bot.settings import Settings


async def test_a_reload_names_what_was_added_changed_and_removed(tmp_path):
    (tmp_path / "mill.txt").write_text("The miller sang.\n\nThe river froze.")
    (tmp_path / "lake.txt").write_text("A swan swam.")
    (tmp_path / "old.txt").write_text("Gone soon.")
    holder = LibraryHolder(StoryLibrary.load(tmp_path), Settings(corpus=tmp_path, index=None))
    (tmp_path / "mill.txt").write_text("The miller sang.\n\nThe river thawed.")
    (tmp_path / "old.txt").unlink()
    (tmp_path / "new.md").write_text("# New\n\nFresh tale.")
    (tmp_path / "broken.txt").write_bytes(b"\xff\xff")

    reloaded = await reload(holder)
    assert reloaded.outcome is Reloaded.DONE and (reloaded.stories, reloaded.passages) == (3, 4)
    changes = reloaded.changes
    assert (changes.added, changes.changed, changes.removed) == (("new.md",), ("mill.txt",), ("old.txt",))
    assert any(problem.file == "broken.txt" for problem in reloaded.skipped)
    report = reload_text(reloaded)
    assert report.splitlines()[:4] == [
        "Reloaded: 3 stories, 4 passages.",
        "Added (1): `new.md`",
        "Changed (1): `mill.txt`",
        "Removed (1): `old.txt`",
    ]
    assert "Warning: Skipped broken.txt" in report
    assert reload_text(reloaded, "Added `new.md`.").startswith("Added `new.md`.\nReloaded: 3 stories")

    again = await reload(holder)
    assert again.changes.empty and "Nothing changed." in reload_text(again)


async def test_a_folder_with_no_story_left_keeps_the_old_library(tmp_path):
    corpus = tmp_path / "stories"
    corpus.mkdir()
    (corpus / "mill.txt").write_text("The miller sang.")
    library = StoryLibrary.load(corpus)
    holder = LibraryHolder(library, Settings(corpus=corpus, index=None))
    shutil.rmtree(corpus)
    gone = await reload(holder)
    assert (gone.outcome, gone.fault, gone.folder, gone.detail) == (
        Reloaded.NO_STORIES,
        FolderFault.MISSING,
        str(corpus),
        "",
    )
    assert holder.current is library and reload_text(gone) == (
        f"The reload failed; still using the stories I had. The corpus folder {corpus} does not exist. Point --corpus "
        f"or STORYBOT_CORPUS at a folder of stories ({suffix_list()})."
    )
    corpus.mkdir()

    failed = await reload(holder)
    assert failed.outcome is Reloaded.NO_STORIES and holder.current is library
    assert failed.folder == str(corpus) and failed.skipped == ()
    assert reload_text(failed) == (
        f"The reload failed; still using the stories I had. No stories could be loaded from {corpus}. It has no story "
        f"files ({suffix_list()})."
    )
    (corpus / "empty.md").write_text("")
    failed = await reload(holder)
    assert failed.outcome is Reloaded.NO_STORIES and [problem.file for problem in failed.skipped] == ["empty.md"]
    assert reload_text(failed).endswith(
        f"from {corpus}. Skipped empty.md: it is empty; add some paragraphs or remove it."
    )
    assert reload_text(failed, "Removed `mill.txt`.").startswith("Removed `mill.txt`. But the reload failed")


async def test_a_file_named_with_backticks_is_named_whole_in_its_code_span(tmp_path):
    # A code span escapes nothing: "`tom`s tale.txt`" ended at the name's own backtick and showed the rest as markdown.
    (tmp_path / "mill.txt").write_text("The miller sang.")
    holder = LibraryHolder(StoryLibrary.load(tmp_path), Settings(corpus=tmp_path, index=None))
    (tmp_path / "tom`s tale.txt").write_text("Tom sang.")
    (tmp_path / "`quoted`.txt").write_text("A quote.")
    (tmp_path / "fence``d.txt").write_text("A fence.")
    reloaded = await reload(holder)
    assert reload_text(reloaded).splitlines()[1] == "Added (3): `` `quoted`.txt ``, `fenceˋˋd.txt`, ``tom`s tale.txt``"


async def test_the_owners_reload_reads_again_a_file_skipped_for_taking_too_long_and_says_so(tmp_path):
    """A skip for time is no verdict on the file (the machine may have been busy): the owner's /reload reads it again,
    and says so; the reload after an add or a removal keeps it, as a start does."""
    pytest.importorskip("pypdf")
    from tests.core.test_timed_reading import repeated_page_pdf  # a module of PDFs: skipped without pypdf

    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "tale.md").write_text("# Tale\n\nThe miller sang by the river.")
    (folder / "a-tower.pdf").write_bytes(repeated_page_pdf(12, 4, 20))  # 32 s of pypdf, stopped at the limit
    settings = Settings(corpus=folder, data=tmp_path / "data", index=tmp_path / "indexes", upload_seconds=1)
    built = await asyncio.to_thread(build_index, settings)  # a file's reading runs a loop of its own
    assert [problem.file for problem in built.skipped] == ["a-tower.pdf"]
    holder = LibraryHolder(await asyncio.to_thread(open_library, settings), settings)

    kept = await reload(holder)
    assert kept.read_again == () and reload_text(kept).splitlines()[1] == "Nothing changed."
    asked = await reload(holder, read_cut_short_again=True)
    assert asked.read_again == ("a-tower.pdf",) and [p.reason for p in asked.skipped] == [SkipReason.TOO_SLOW]
    assert reload_text(asked).splitlines()[:3] == [
        "Reloaded: 1 story, 1 passage.",
        "Read again 1 file skipped before because reading took too long or its reader was stopped: `a-tower.pdf`.",
        "No story changed.",
    ]
