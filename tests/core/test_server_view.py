"""A server's view: the owner's library and its shelf as one library, scored exactly as rank-bm25 scores both."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from bot.core.analysis import Analyzer
from bot.core.corpus import Corpus
from bot.core.index import DEFAULT_PARAMS
from bot.core.library import StoryLibrary
from bot.core.saved_index import IndexStore
from bot.core.server_view import server_view
from bot.core.shelf_corpus import ShelfStoryText
from bot.core.shelf_parts import shelf_parts
from bot.core.story_ids import looks_like_story_id, shelf_story_of, story_id
from tests.conftest import CORPUS
from tests.core.story_folder import library_facts

MILL = b"# The Old Mill\n\nThe miller Anatole ground rye by the river.\n\nHis wheel stopped one winter night."
BAKERY = b"# The Bakery\n\nElena baked rye bread for the whole village of Moscow.\n\nThe river froze."
QUESTIONS = ["who ground rye by the river", "Elena bread Moscow", "Sofia ballerina", "wheel winter night"]


def shelf() -> list[ShelfStoryText]:
    return [ShelfStoryText.read(7, "mill.md", MILL), ShelfStoryText.read(12, "bakery.md", BAKERY)]


def view_of(library: StoryLibrary | None, stories: list[ShelfStoryText], analyzer: Analyzer) -> StoryLibrary | None:
    """The view of a shelf built from scratch (its versions numbered in order)."""
    return server_view(library, shelf_parts(list(enumerate(stories, 1)), analyzer, DEFAULT_PARAMS))


@pytest.fixture(params=["built", "opened from its saved index"])
def owners(request: pytest.FixtureRequest, library: StoryLibrary, tmp_path: Path) -> StoryLibrary:
    """The owner's library as the bot has it: built in memory (a small one), or opened from its saved index."""
    if request.param == "built":
        return library
    store = IndexStore(tmp_path / "index")
    StoryLibrary.load(CORPUS, store=store, force=True)
    opened = StoryLibrary.load(CORPUS, store=store)
    assert opened.opened
    return opened


def test_a_view_scores_every_passage_as_rank_bm25_over_the_library_and_the_shelf(owners: StoryLibrary):
    library = owners
    view = view_of(library, shelf(), library.analyzer)
    assert view is not None
    analyzer = Analyzer()
    every_passage = [analyzer.terms(p.text) for p in library.corpus.passages]
    every_passage += [analyzer.terms(p.text) for s in shelf() for p in s.passages]
    assert len(view.corpus.passages) == len(every_passage)
    reference = BM25Okapi(every_passage, k1=DEFAULT_PARAMS.k1, b=DEFAULT_PARAMS.b, epsilon=DEFAULT_PARAMS.epsilon)
    for question in QUESTIONS:
        terms = analyzer.terms(question)
        np.testing.assert_allclose(view.index.scores(terms), reference.get_scores(terms), rtol=1e-5, atol=1e-6)


def test_a_view_answers_from_the_shelf_and_still_from_the_library(owners: StoryLibrary):
    library = owners
    view = view_of(library, shelf(), library.analyzer)
    assert view is not None
    shelf_answer = view.ask("Who ground rye by the river?").best
    assert shelf_answer is not None and shelf_answer.story == "The Old Mill"
    assert shelf_story_of(shelf_answer.path) == 7
    library_answer = view.ask("Where was Sébastien born?").best
    expected = library.ask("Where was Sébastien born?").best
    assert library_answer is not None and expected is not None
    assert (library_answer.path, library_answer.passage) == (expected.path, expected.passage)
    assert library.story_finder.by_id(story_id(shelf_answer.path)) is None  # the library alone never sees it


def test_shelf_stories_have_ids_no_library_story_and_no_other_shelf_story_has(library: StoryLibrary):
    view = view_of(library, shelf(), library.analyzer)
    assert view is not None
    ids = view.story_finder.ids
    assert len(set(ids)) == len(ids) and all(looks_like_story_id(i) for i in ids)
    assert [i for i in ids if i.startswith("0")] == ["07", "012"]
    assert all(len(i) <= 16 for i in ids)
    assert view.story_finder.by_id("07") is not None and view.story_finder.by_id("013") is None
    # A library file laid out like a shelf path is still a library story: no corpus path starts with a dot.
    assert shelf_story_of("shelf/7/mill.md") is None and not story_id("shelf/7/mill.md").startswith("0")


def test_a_hidden_library_leaves_the_shelf_alone_and_an_empty_shelf_the_library_itself(library: StoryLibrary):
    alone = view_of(None, shelf(), library.analyzer)
    assert alone is not None and [s.title for s in alone.corpus.stories] == ["The Old Mill", "The Bakery"]
    answer = alone.ask("Where was Sébastien born?")
    assert answer.best is None or shelf_story_of(answer.best.path) is not None
    assert view_of(library, [], library.analyzer) is library
    assert view_of(None, [], library.analyzer) is None


def test_a_view_answers_as_the_same_stories_built_as_one_library(owners: StoryLibrary):
    """The view's finders and speller are the owner's, built once, joined with the shelf's: its answers, mentions,
    story finder, autocomplete, people and spelling are those of its stories built as one library."""
    view = view_of(owners, shelf(), owners.analyzer)
    assert view is not None
    stories = Corpus(view.corpus.root, view.corpus.stories, tuple(view.corpus.passages), view.corpus.problems)
    whole = StoryLibrary(stories, view.analyzer, min_match=view.min_match, reranker=view.reranker)
    questions = [*QUESTIONS, "What instrument does sophie play", "sebastein violin", "Anatole miller", "Elena rye"]
    questions += ["the old mil", "bakrey village", "Kalmurzaeva", "Korolev piano competition"]
    assert library_facts(view, questions) == library_facts(whole, questions)
    for question in questions:
        assert view.mention_finder.find(
            question, view.index.vocabulary, view.story_index.term_doc_freq
        ) == whole.mention_finder.find(question, whole.index.vocabulary, whole.story_index.term_doc_freq)
        assert view.story_finder.find(question) == whole.story_finder.find(question)
        assert view.story_finder.complete(question[:4]) == whole.story_finder.complete(question[:4])
    assert list(view.story_finder.ids) == list(whole.story_finder.ids)
    assert view.story_finder.shared_titles == whole.story_finder.shared_titles
    for typed in ["Sebastein", "balerina", "pianst", "Kalmurzaev", "wheal", "bakrey", "vilage", "milller"]:
        assert view.speller.correct(typed) == whole.speller.correct(typed), typed
        assert view.person_finder.find(typed) == whole.person_finder.find(typed), typed
        assert view.person_finder.complete(typed[:3]) == whole.person_finder.complete(typed[:3]), typed


MILLER = b"# The Miller\n\nSebastian Korolov ground rye by the river.\n\nThe violinist's wheel stopped in winter."


def test_a_view_of_a_changed_owner_and_a_shelf_copying_its_story_answers_as_one_library(tmp_path: Path):
    """The owner reopened from its saved segments after a story changed and one came; a shelf holding a copy of an
    owner story (same title, people and file name, in capitals), a name a typo away from an owner's, and a word of the
    owner's split across both: the view answers, finds, mentions and spells as the same stories built as one. Another
    server's view, built after it over the same owner, changes nothing the first one answers."""
    root, store = tmp_path / "stories", IndexStore(tmp_path / "index")
    shutil.copytree(CORPUS, root)
    StoryLibrary.load(root, store=store, force=True)
    changed = root / "sophie-korolev-pianist.md"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nSophie once played for the miller.\n", "utf-8")
    (root / "mill.md").write_bytes(MILL)
    owner = StoryLibrary.load(root, store=store)
    assert owner.opened
    copied = (CORPUS / "sofia-kalmurzaeva-ballerina.md").read_bytes()
    stories = [ShelfStoryText.read(3, "SOFIA-KALMURZAEVA-BALLERINA.MD", copied), ShelfStoryText.read(4, "m.md", MILLER)]
    view = view_of(owner, stories, owner.analyzer)
    assert view is not None
    corpus = Corpus(view.corpus.root, view.corpus.stories, tuple(view.corpus.passages), view.corpus.problems)
    whole = StoryLibrary(corpus, view.analyzer, min_match=view.min_match, reranker=view.reranker)
    # Its stories found and listed in file order, as the owner's fresh build has them (mill.md in its place, not last
    # as the segments number it), then the shelf's.
    place = {story.path: number for number, story in enumerate(corpus.stories)}
    in_files = [place[story.path] for story in StoryLibrary.load(root).corpus.stories]
    whole.story_finder = whole.story_finder.in_file_order(np.array(in_files + list(range(len(in_files), len(place)))))
    assert whole.story_finder.order is not None
    questions = [*QUESTIONS, "Sofia Kalmurzaeva ballerina", "sebastain korolov rye", "Korolev violinist", "the millr"]
    typed = ["Sebastein", "Korolv", "Kalmurzaev", "balerina", "violinst", "milller", "wheal", "rivre"]

    def facts(library: StoryLibrary) -> tuple[object, ...]:
        known = library.index.vocabulary
        return (
            library_facts(library, questions),
            [library.mention_finder.find(q, known, library.story_index.term_doc_freq) for q in questions + typed],
            [library.story_finder.find(q) for q in questions + typed + ["sofia-kalmurzaeva-ballerina.md"]],
            [library.story_finder.complete(q[:4]) for q in questions],
            list(library.story_finder.ids),
            library.story_finder.shared_titles,
            [library.speller.correct(t) for t in typed],
            [library.person_finder.find(t) for t in typed],
        )

    seen = facts(view)
    assert seen == facts(whole)
    other = view_of(owner, [ShelfStoryText.read(9, "bakery.md", BAKERY), stories[1]], owner.analyzer)
    assert other is not None and facts(other) != seen
    assert facts(view) == seen
