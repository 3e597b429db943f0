"""A view's people: the owner's directory and the shelf's, looked up as one directory of them all."""

from __future__ import annotations

import json
import random

from bot.core.corpus import Corpus
from bot.core.joined_people import JoinedPersonFinder
from bot.core.library import StoryLibrary
from bot.core.people import Person, PersonFinder
from bot.core.shelf_corpus import ShelfStoryText
from tests.core.test_close_names import LABELS, typed
from tests.core.test_server_view import MILL, view_of

SHELF_MILL = MILL + b"\n\nSofia Kalmurzaeva came to the mill. Sofia Kalmurzaeva sang for Anatole."


def people(names: list[str], stories: int, seed: int) -> list[Person]:
    """People of a few stories, with few mention counts, so that many tie in directory order (mentions, name, story)."""
    rng = random.Random(seed)
    found = []
    for name in names:
        story = rng.randrange(stories)
        found.append(
            Person(
                name=name, story=f"Tale {story}", path=f"{seed}/tale-{story}.md", intro="", mentions=rng.randint(1, 3)
            )
        )
    return found


def test_two_directories_are_looked_up_as_one_directory_of_all_their_people():
    real = [json.loads(line)["name"] for line in LABELS.read_text("utf-8").splitlines()]
    rng = random.Random(5)
    later_names = [*rng.sample(real, 40), *[name + "a" for name in rng.sample(real, 20)], "Zzyzx Quorn"]
    first, later = people(real, 30, 1), people(later_names, 4, 2)
    later += [Person(name=p.name, story=p.story, path="2/copy.md", intro="", mentions=p.mentions) for p in first[:30]]
    joined = JoinedPersonFinder(PersonFinder(first), PersonFinder(later))
    whole = PersonFinder(first + later)
    assert joined.people == whole.people and len(joined) == len(whole)
    assert joined.leading() == whole.leading()
    for query in [*typed(real + later_names), "Zzyzx", "zzyzx quorm", "", "s.", "qqqqqq", *later_names[:10]]:
        assert joined.find(query) == whole.find(query), query
        assert joined.holding(query) == whole.holding(query), query
        for prefix in (query[:1], query[:3], query):
            assert joined.complete(prefix) == whole.complete(prefix), prefix
            assert joined.complete(prefix, 3) == whole.complete(prefix, 3), prefix
    for path in ("1/tale-3.md", "2/tale-1.md", "2/copy.md", "nowhere.md"):
        assert joined.of_story(path) == whole.of_story(path)


def test_views_look_people_up_in_their_owners_directory_indexed_once(library: StoryLibrary):
    """Two servers' views, each with a shelf story of its own: the owner's names are indexed once, at the first lookup
    of either, and each view finds its shelf's people beside the owner's as its stories built as one library do."""
    owner = StoryLibrary.load(library.corpus.root)
    views = [view_of(owner, [ShelfStoryText.read(n, f"mill-{n}.md", SHELF_MILL)], owner.analyzer) for n in (1, 2)]
    assert not owner.person_finder.warmed
    for view in views:
        assert view is not None and isinstance(view.person_finder, JoinedPersonFinder)
        assert view.person_finder.first is owner.person_finder
        corpus = Corpus(view.corpus.root, view.corpus.stories, tuple(view.corpus.passages), view.corpus.problems)
        whole = StoryLibrary(corpus, view.analyzer, min_match=view.min_match, reranker=view.reranker)
        for typed_name in ("Sofia Kalmurzaeva", "Anatole", "Sofia", "kalmurzaev", "Sebastein", "s. kalmurzaeva"):
            assert view.person_finder.find(typed_name) == whole.person_finder.find(typed_name), typed_name
            assert view.person_finder.complete(typed_name[:3]) == whole.person_finder.complete(typed_name[:3])
        assert owner.person_finder.warmed  # indexed by the first view's lookup, for both
        assert view.person_finder.of_story(corpus.stories[-1].path) == whole.person_finder.of_story(
            corpus.stories[-1].path
        )
