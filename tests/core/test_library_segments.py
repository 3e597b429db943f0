"""A library opened from segments that grew story by story answers exactly as one built fresh from the
same folder: after stories are added, changed and removed, after merges, after a process is killed
(kill -9) in the middle of a commit or a merge, and while merges run beside its readers."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pytest

import bot.core.segment_store as segment_store
from bot.core.library import StoryLibrary
from bot.core.passage_table import text_and_story
from bot.core.saved_index import IndexStore
from bot.core.segment_store import SegmentStore
from bot.operations.list_stories import list_stories
from tests.core.library_history import change, run, store_of
from tests.core.segment_history import reading_beside
from tests.core.story_folder import library_facts, tale, write_folder
from tests.core.writer_kills import stopped_mid_write, unnamed_files

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def grown(tmp_path):
    """A folder of stories and its index, saved once."""
    stories = write_folder(tmp_path / "stories", 20)
    store = store_of(tmp_path / "index")
    StoryLibrary.load(stories, store=store)
    return stories, store


def assert_as_fresh(stories: Path, store: IndexStore) -> StoryLibrary:
    """The library its saved segments give (without rebuilding them) answers as one built fresh."""
    library = StoryLibrary.load(stories, store=store)
    assert library.opened and not library.index_notes
    assert library_facts(library) == library_facts(StoryLibrary.load(stories))
    passages = library.corpus.passages  # read whole, and a text and story alone (as re-ranking reads them)
    assert [(p.text, p.story) for p in passages] == [text_and_story(passages, i) for i in range(len(passages))]
    return library


def test_a_library_grown_by_adds_changes_and_removals_answers_as_a_fresh_build(grown, monkeypatch):
    stories, store = grown
    folder = store.folder_for(stories)
    first = sorted(path.name for path in folder.glob("s1-*"))
    (stories / "tale-300.md").write_text(tale(300))
    (stories / "tale-301.md").write_text(tale(301))
    (stories / "tale-004.md").write_text(tale(4, seed=9))  # changed
    (stories / "tale-007.md").unlink()
    (stories / "sofia-kalmurzaeva-ballerina.md").unlink()  # a story with people of its own
    (stories / "empty.md").write_text("")  # skipped, and said so
    library = assert_as_fresh(stories, store)
    assert any(problem.file == "empty.md" for problem in library.corpus.problems)
    kept = sorted(path.name for path in folder.glob("s1-*") if not re.search(r"\.d\d+\.", path.name))
    assert kept == first  # never rebuilt: deletions written beside it
    assert len(SegmentStore(folder).open().segments) == 2
    (stories / "tale-300.md").unlink()
    (stories / "empty.md").write_text("# Empty no more\n\nA lantern burned by the harbour all night.")
    assert_as_fresh(stories, store)
    monkeypatch.setattr(segment_store, "MAX_SEGMENTS", 2)
    for number in range(302, 305):
        (stories / f"tale-{number}.md").write_text(tale(number))
        assert_as_fresh(stories, store)
    assert store.segments(stories).merge_if_needed() is not None  # too many segments: the newer ones merged
    assert len(SegmentStore(folder).open().segments) == 2
    assert_as_fresh(stories, store)
    store.segments(stories).merge_all()
    assert_as_fresh(stories, store)


def history(stories: Path, index: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.core.library_history", str(stories), str(index), *args], cwd=ROOT
    )


def test_a_process_killed_in_the_middle_of_adds_and_merges_leaves_a_library_that_answers_as_fresh(grown):
    stories, store = grown
    folder = store.folder_for(stories)
    rng = np.random.default_rng(6)
    for kill in range(6):
        writer = history(stories, store.base, str(kill * 1000), str(kill * 1000 + 1000))  # killed long before its end
        if kill == 0:  # once certainly in the middle of writing a segment or merging, however fast the machine
            assert stopped_mid_write(folder, writer), "the writer ended before it was caught writing"
        else:  # and at varied moments: past its imports, somewhere in its commits and merges
            time.sleep(1.0 + float(rng.uniform(0, 2.5)))
        writer.send_signal(signal.SIGKILL)
        assert writer.wait() == -signal.SIGKILL
        assert kill > 0 or unnamed_files(folder)
        assert_as_fresh(stories, store)  # the next load commits what the killed one did not, and nothing else
    (stories / "tale-999.md").write_text(tale(999))
    assert_as_fresh(stories, store)  # a commit: the next writer sweeps what the killed ones left
    assert not unnamed_files(folder)


def test_readers_during_merges_see_one_consistent_library(grown):
    stories, store = grown
    for operation in range(4):
        change(stories, operation)
        StoryLibrary.load(stories, store=store)  # a segment each
    expected = library_facts(StoryLibrary.load(stories))
    held = StoryLibrary.load(stories, store=store)
    merges = history(stories, store.base, "merges", "6")
    generations: set[int] = set()

    def read() -> None:
        library = StoryLibrary.load(stories, store=store)
        assert library.opened and not library.index_notes
        assert library_facts(library) == expected
        generations.add(SegmentStore(store.folder_for(stories)).open().generation)

    failures = reading_beside(merges, read)
    assert merges.returncode == 0 and not failures, failures
    assert len(generations) > 1  # read across merges
    assert library_facts(held) == expected and held.damage is None  # its files were merged away meanwhile


def test_a_history_of_commits_and_merges_run_in_this_process_ends_as_fresh(grown):
    stories, store = grown
    run(stories, store.base, 0, 3)
    assert_as_fresh(stories, store)


def test_stories_named_equally_past_the_limit_are_taken_in_file_order_in_a_library_that_grew(grown):
    """More than three stories named equally (the tales by Ines or Elin, and a copy of one), three taken: the copy,
    added since and so numbered last by the segments, was left out where one build, numbering it first in file order,
    takes it; its passages then came fewer among the candidates, and ranked under the tale's they tie with."""
    stories, store = grown
    (stories / "a-copy.md").write_text((stories / "tale-006.md").read_text(encoding="utf-8"), encoding="utf-8")
    question = "Did Ines Oakes and Elin Korsak live by the harbour?"
    grew, fresh = StoryLibrary.load(stories, store=store), StoryLibrary.load(stories)
    assert grew.opened

    def named(library: StoryLibrary) -> list[str]:
        query = library.query(question)
        tied = [library.corpus.stories[s].path for s in query.named.stories]
        assert len(set(query.named.stories.values())) == 1 and len(tied) > 3 and "a-copy.md" in tied
        candidates, _ = library.candidates(query, None)
        passages = [library.corpus.passages[c.doc] for c in candidates]
        return [f"{library.corpus.stories[p.story].path}:{p.number}" for p in passages]

    assert named(grew) == named(fresh)
    assert library_facts(grew, [question]) == library_facts(fresh, [question])


def grown_and_fresh(stories: Path, store: IndexStore) -> tuple[StoryLibrary, StoryLibrary]:
    """The library its segments give after a copy of a tale was added under a name that sorts first (numbered last by
    the segments, first by one build), and one built fresh from the same folder."""
    (stories / "a-tale.md").write_text(tale(6), encoding="utf-8")
    grew, fresh = StoryLibrary.load(stories, store=store), StoryLibrary.load(stories)
    assert grew.opened and grew.corpus.stories[-1].path == "a-tale.md" != fresh.corpus.stories[-1].path
    return grew, fresh


def paths(library: StoryLibrary, stories: Iterable[int]) -> list[str]:
    return [library.corpus.stories[s].path for s in stories]


def test_stories_found_by_name_come_in_file_order_in_a_library_that_grew(grown):
    """Every tale's title holds "harbour": the tale added since came last, where one build gives it first; so too
    among the two of one title, and among the closest titles suggested for a name no title holds (tied first)."""
    grew, fresh = grown_and_fresh(*grown)
    for name in ("harbour", "the", "habrour", "Tale 6: the harbour", "tale 6 the harbourxyzw"):
        found = [
            (paths(library, lookup.matches), paths(library, lookup.suggestions))
            for library in (grew, fresh)
            for lookup in [library.story_finder.find(name)]
        ]
        assert found[0] == found[1] and any(found[0]), name
    assert len(paths(fresh, fresh.story_finder.find("harbour").matches)) > 3


def test_stories_completed_come_in_file_order_in_a_library_that_grew(grown):
    """Autocomplete's choices: the first 25 of all when nothing is typed, tales starting or holding what is typed, and
    the closest titles when few do (ties among them in file order)."""
    grew, fresh = grown_and_fresh(*grown)
    for typed, limit in (("", 25), ("tale", 25), ("harbour", 25), ("tale 6", 25), ("tale 6 the harbourxyzw", 3)):
        completed = [paths(library, library.story_finder.complete(typed, limit)) for library in (grew, fresh)]
        assert completed[0] == completed[1] and completed[0], typed


def test_stories_listed_come_in_file_order_in_a_library_that_grew(grown):
    grew, fresh = grown_and_fresh(*grown)
    for first, count in ((0, None), (0, 5), (10, 5)):
        listed = [[s.path for s in list_stories(library, first, count).stories] for library in (grew, fresh)]
        assert listed[0] == listed[1] and listed[0]


def test_the_example_name_of_a_library_without_people_is_the_first_story_in_file_order_when_it_grew(tmp_path):
    """No person to suggest: the first story's title, the first in file order as one build has it."""
    stories = tmp_path / "stories"
    stories.mkdir()
    (stories / "mill.md").write_text("# The Mill\n\nThe wheel turned all day by the river.\n", encoding="utf-8")
    store = store_of(tmp_path / "index")
    StoryLibrary.load(stories, store=store)
    (stories / "bell.md").write_text("# The Bell\n\nthe bell rang over the valley at noon.\n", encoding="utf-8")
    grew, fresh = StoryLibrary.load(stories, store=store), StoryLibrary.load(stories)
    assert grew.opened and not fresh.person_finder.people
    assert grew.example_name() == fresh.example_name() == "The Bell"


def test_people_of_equal_standing_come_in_file_order_in_a_library_that_grew(grown):
    """The copy's person and the tale's, equally mentioned, of one name and title: the copy's came second where one
    build gives it first, in the people's directory, their completion and lookup."""
    grew, fresh = grown_and_fresh(*grown)

    def people(library: StoryLibrary) -> list[list[tuple[str, str]]]:
        finder = library.person_finder
        found = (finder.people, finder.complete("ines"), finder.find("Ines Tallow").matches)
        return [[(p.name, p.path) for p in listed] for listed in found]

    assert people(grew) == people(fresh)
    assert ("Ines Tallow", "a-tale.md") in people(fresh)[1]
