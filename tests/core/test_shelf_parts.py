"""A shelf kept as runs of built parts from one change to the next: a view built that way, through adds, replaces,
restores and removes, scores, ranks, numbers, spells and peoples its stories exactly as one built from scratch
of the same shelf (and as rank-bm25 over everything the server sees), while each change builds only its stories."""

from __future__ import annotations

import random
import shutil

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from bot.core import shelf_parts as shelf_parts_module
from bot.core.analysis import Analyzer
from bot.core.index import DEFAULT_PARAMS
from bot.core.library import StoryLibrary
from bot.core.server_view import server_view
from bot.core.shelf_corpus import ShelfStoryText
from bot.core.shelf_parts import ShelfParts, shelf_parts
from tests.conftest import CORPUS
from tests.core.story_folder import QUESTIONS, library_facts, tale

ASKED = [*QUESTIONS, "harbour harbour sailor", "sang at night", "Tell me about Greta Wren", "brightwatr"]

Shelf = list[tuple[int, ShelfStoryText]]


class Versions:
    """Shelf story versions as the database numbers them: each new file a new number, never reused."""

    def __init__(self) -> None:
        self.last = 0

    def story(self, story: int, name: str, seed: int) -> tuple[int, ShelfStoryText]:
        self.last += 1
        return self.last, ShelfStoryText.read(story, name, tale(story, seed).encode())


def by_name(shelf: Shelf) -> Shelf:
    return sorted(shelf, key=lambda entry: (entry[1].name, entry[1].story))


def views(
    library: StoryLibrary | None, shelf: Shelf, kept: ShelfParts | None, *, answers: bool = True
) -> tuple[ShelfParts, StoryLibrary]:
    analyzer, params = (library.analyzer, library.index.params) if library else (Analyzer(), DEFAULT_PARAMS)
    if kept is not None and library is None:
        analyzer = kept.analyzer
    grown = shelf_parts(shelf, analyzer, params, kept)
    grown_view = server_view(library, grown)
    fresh_view = server_view(library, shelf_parts(shelf, analyzer, params))
    assert grown_view is not None and fresh_view is not None
    assert_same(grown_view, fresh_view, answers=answers)
    return grown, grown_view


def assert_same(grown: StoryLibrary, fresh: StoryLibrary, *, answers: bool = True) -> None:
    """The same stories, passages, people, spellings and scores; and, when `answers`, the same answers to ASKED (the
    whole pipeline: most of the time a comparison takes)."""
    assert grown.corpus.stories == fresh.corpus.stories  # same order: same story numbers, same /stories pages
    assert list(grown.corpus.passages) == list(fresh.corpus.passages)
    assert grown.person_finder.people == fresh.person_finder.people
    assert list(grown.speller.words) == list(fresh.speller.words)
    assert list(grown.speller.terms) == list(fresh.speller.terms)
    assert list(grown.speller.doc_freq) == list(fresh.speller.doc_freq)
    assert grown.fingerprints == fresh.fingerprints
    assert set(grown.index.vocabulary) == set(fresh.index.vocabulary)
    analyzer = grown.analyzer
    for question in ASKED:
        terms = analyzer.terms(question)
        assert np.array_equal(grown.index.scores(terms), fresh.index.scores(terms)), question
        assert grown.index.top(terms, 20) == fresh.index.top(terms, 20), question
        assert grown.story_index.top(terms, 10) == fresh.story_index.top(terms, 10), question
    if answers:
        assert library_facts(grown, ASKED) == library_facts(fresh, ASKED)
    assert [grown.story_finder.by_id(i) for i in grown.story_finder.ids] == [
        fresh.story_finder.by_id(i) for i in fresh.story_finder.ids
    ]


@pytest.mark.parametrize("hidden", [False, True], ids=["with the library", "library hidden"])
def test_a_shelf_changed_story_by_story_searches_as_one_built_from_scratch(library, hidden, monkeypatch):
    monkeypatch.setattr(shelf_parts_module, "MAX_RUNS", 4)  # merges within a few changes
    owner = None if hidden else library
    versions = Versions()
    shelf = by_name([versions.story(n, f"tale-{n:02}.md", 0) for n in range(2, 26, 2)])
    kept, _ = views(owner, shelf, None)
    rng = random.Random(5)
    names = 26
    gone: Shelf = []  # versions replaced or removed, restorable
    for step in range(15):
        action = ("add", "replace", "remove", "add", "restore")[step % 5]
        if action == "add":
            story = names = names + 1
            shelf = by_name([*shelf, versions.story(story, f"tale-{rng.randrange(30):02}b{story}.md", step)])
        elif action == "replace":
            place = rng.randrange(len(shelf))
            gone.append(shelf[place])
            shelf[place] = versions.story(shelf[place][1].story, shelf[place][1].name, step + 100)
        elif action == "remove":
            gone.append(shelf.pop(rng.randrange(len(shelf))))
        else:  # the version shown again, in place of the story's current one if it has one
            back = gone.pop(rng.randrange(len(gone)))
            shelf = by_name([entry for entry in shelf if entry[1].story != back[1].story] + [back])
        kept, view = views(owner, shelf, kept)
        assert len(kept.runs) <= 4
        if not hidden:
            assert_scored_as_rank_bm25(view)


def assert_scored_as_rank_bm25(view: StoryLibrary) -> None:
    """Its scores are rank-bm25's over every passage the server sees."""
    every = [view.analyzer.terms(p.text) for p in view.corpus.passages]
    reference = BM25Okapi(every, k1=DEFAULT_PARAMS.k1, b=DEFAULT_PARAMS.b, epsilon=DEFAULT_PARAMS.epsilon)
    for question in ASKED[:4]:
        terms = view.analyzer.terms(question)
        np.testing.assert_allclose(view.index.scores(terms), reference.get_scores(terms), rtol=1e-5, atol=1e-6)


def test_a_reload_analyses_no_shelf_story_and_changes_after_it_search_as_one_built_from_scratch(library, tmp_path):
    """A reload of the owner's library brings a library with an analyzer of its own, and the shelf was analysed again
    for it though none of its stories changed (every server's, 25 s of CPU for a full 64 MB shelf). The analysis is
    the same, so its parts are kept: only their join with the new library is new."""
    versions = Versions()
    shelf = by_name([versions.story(n, f"tale-{n:02}.md", 0) for n in range(1, 9)])
    kept, _ = views(library, shelf, None)
    folder = shutil.copytree(CORPUS, tmp_path / "corpus")
    (folder / "harbour.md").write_text(tale(40, 3))  # the owner's library changed: other statistics, a new person
    reloaded = StoryLibrary.load(folder)
    assert reloaded.analyzer is not library.analyzer
    before = kept
    kept, view = views(reloaded, shelf, kept)
    assert kept.built == () and all(a is b for a, b in zip(kept.runs, before.runs, strict=True))
    assert "Tale 40: the harbour" in [story.title for story in view.corpus.stories]
    assert_scored_as_rank_bm25(view)
    added = versions.story(50, "tale-04b.md", 1)
    shelf = by_name([*shelf, added])
    kept, _ = views(reloaded, shelf, kept)
    assert kept.built == (added[0],)
    shelf[2] = versions.story(shelf[2][1].story, shelf[2][1].name, 2)
    del shelf[6]
    kept, view = views(reloaded, shelf, kept)
    assert kept.built == (shelf[2][0],)
    assert_scored_as_rank_bm25(view)


def test_parts_are_handed_to_an_analyzer_of_the_same_terms_only(library):
    """Kept past a reload, a shelf's parts take the new library's analyzer, so the old one and its word caches can
    go; to an analyzer of other terms they are of no use."""
    versions = Versions()
    kept = shelf_parts([versions.story(1, "tale-01.md", 0)], library.analyzer, library.index.params)
    same = Analyzer()
    handed = kept.analysed_as(same)
    assert handed is not None and handed.analyzer is same and handed.runs == kept.runs
    assert kept.analysed_as(Analyzer(stem=False)) is None


def test_a_change_builds_only_its_stories_until_a_merge_builds_the_smallest_neighbours(library, monkeypatch):
    versions = Versions()
    shelf = by_name([versions.story(n, f"tale-{n:02}.md", 0) for n in range(1, 13)])
    kept = shelf_parts(shelf, library.analyzer, library.index.params)
    assert kept.built == tuple(v for v, _ in shelf) and len(kept.runs) == 1  # a cold build: one part, as before
    added = versions.story(50, "tale-05b.md", 0)
    shelf = by_name([*shelf, added])
    kept = shelf_parts(shelf, library.analyzer, library.index.params, kept)
    assert kept.built == (added[0],) and len(kept.runs) == 3  # the run cut around the new story
    replaced = versions.story(shelf[9][1].story, shelf[9][1].name, 1)
    shelf[9] = replaced
    kept = shelf_parts(shelf, library.analyzer, library.index.params, kept)
    assert kept.built == (replaced[0],) and len(kept.runs) == 5
    del shelf[2]
    kept = shelf_parts(shelf, library.analyzer, library.index.params, kept)
    assert kept.built == () and len(kept.runs) == 5  # a removal builds nothing, cuts nothing
    monkeypatch.setattr(shelf_parts_module, "MAX_RUNS", 5)
    added = versions.story(60, "tale-01b.md", 0)  # inside the first run: 7 runs, two too many
    shelf = by_name([*shelf, added])
    kept = shelf_parts(shelf, library.analyzer, library.index.params, kept)
    assert len(kept.runs) == 5
    assert added[0] in kept.built and 1 < len(kept.built) < len(shelf) // 2  # the smallest neighbours, not the shelf
    before = kept
    kept = shelf_parts(shelf, library.analyzer, library.index.params, kept)
    assert kept.built == () and all(a is b for a, b in zip(kept.runs, before.runs, strict=True))  # nothing to build


def test_a_part_mostly_removed_is_built_again_so_memory_follows_the_text_searched(library):
    versions = Versions()
    shelf = by_name([versions.story(n, f"tale-{n:02}.md", 0) for n in range(1, 11)])
    kept = shelf_parts(shelf, library.analyzer, library.index.params)
    whole = kept.held_characters
    shelf = shelf[:3]
    kept = shelf_parts(shelf, library.analyzer, library.index.params, kept)
    assert kept.built == tuple(v for v, _ in shelf)
    assert kept.held_characters == sum(text.characters for _, text in shelf) < whole
    shelf = shelf[:2]
    kept = shelf_parts(shelf, library.analyzer, library.index.params, kept)
    assert kept.built == () and kept.held_characters > sum(text.characters for _, text in shelf)  # until half goes


@pytest.mark.parametrize("most", [2, 16], ids=["merged often", "merged seldom"])
def test_any_sequence_of_changes_searches_as_one_build_and_holds_at_most_thrice_the_text_searched(
    library, monkeypatch, most
):
    """Adds, replaces (by a text the shelf had before too), removes, restores of the oldest versions and the library
    hidden and shown again, at random: each view is one built from scratch (its answers compared every third change,
    the rest every change), and what the shelf holds (parts at least LIVE_SHARE searched, and copies of some of their
    runs) stays within three times the text it searches."""
    monkeypatch.setattr(shelf_parts_module, "MAX_RUNS", most)
    rng = random.Random(11)
    versions = Versions()
    texts = [tale(n % 5, 0) for n in range(8)] + ["The.", "Zzyzx of the qqq."]  # twins, and a passage of no terms
    shelf: Shelf = []
    gone: Shelf = []
    kept: ShelfParts | None = None
    hidden = False
    for step in range(120):
        action = rng.choice(
            ["add", "add", "replace", "remove", "remove", "restore", "restore the oldest", "hide or show"]
        )
        if action == "add" or not shelf:
            story = versions.last + 1
            name = f"t{rng.randrange(9)}-{story}.md"
            shelf = by_name([*shelf, (story, ShelfStoryText.read(story, name, rng.choice(texts).encode()))])
            versions.last = story
        elif action == "replace":
            place = rng.randrange(len(shelf))
            gone.append(shelf[place])
            versions.last += 1
            old = shelf[place][1]
            shelf[place] = (versions.last, ShelfStoryText.read(old.story, old.name, rng.choice(texts).encode()))
        elif action == "remove":
            gone.append(shelf.pop(rng.randrange(len(shelf))))
        elif action.startswith("restore") and gone:
            back = gone.pop(0 if action.endswith("oldest") else rng.randrange(len(gone)))
            gone.extend(entry for entry in shelf if entry[1].story == back[1].story)
            shelf = by_name([entry for entry in shelf if entry[1].story != back[1].story] + [back])
        elif action == "hide or show":
            hidden = not hidden
        if not shelf:  # every story removed: nothing to search when the library is hidden
            kept = shelf_parts(shelf, library.analyzer, library.index.params, kept)
            continue
        kept, _ = views(None if hidden else library, shelf, kept, answers=step % 3 == 0 or step == 119)
        assert len(kept.runs) <= most
        assert kept.held_characters <= 3 * sum(text.characters for _, text in shelf)
