"""Which stories a question names, by the people the finder knows and by title words, and how that ranks."""

from pathlib import Path

import pytest

from bot.core.corpus import load_corpus
from bot.core.library import StoryLibrary
from bot.core.story_mentions import MentionFinder
from tests.core.story_folder import write_folder

STORIES = {
    "anna.md": "# The Bakery on the Hill\n\n"
    "Anna Petrova was a baker in a town by the sea. She rose before dawn every day.\n\n"
    "Anna baked rye bread with caraway seeds, and the fishermen bought every loaf.\n\n"
    "In winter Anna closed the shop and visited her sister.",
    "elena.md": "# The Singer of Odessa\n\n"
    "Elena Petrova was a singer at the opera. She sang for the whole city.\n\n"
    "Elena travelled to Vienna, where the audience cheered for an hour.\n\n"
    "In winter she sang in the cathedral and taught children to sing.",
    "mill.md": "# The Old Mill\n\n"
    "The miller ground wheat all year. Tomas Wren was a miller's boy who swept the floor.\n\n"
    "The wheel stopped when the stream froze.",
}


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> StoryLibrary:
    folder: Path = tmp_path_factory.mktemp("stories")
    for name, text in STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return StoryLibrary(load_corpus(folder))


def story(library: StoryLibrary, path: str) -> int:
    found = library.story_finder.by_path(path)
    assert found is not None
    return found


def named(library: StoryLibrary, question: str) -> dict[str, float]:
    """Story path -> how strongly the question names it."""
    stories = library.query(question).named.stories
    return {library.corpus.stories[s].path: share for s, share in stories.items()}


def test_the_people_are_found_as_the_people_finder_knows_them(library):
    names = {p.name for p in library.person_finder.people}
    assert {"Anna Petrova", "Elena Petrova"} <= names


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What did anna bake?", {"anna.md": 1.0}),  # first name, lowercase
        ("What did ELENA sing?", {"elena.md": 1.0}),  # any case
        ("Where did Élena travel?", {"elena.md": 1.0}),  # accents
        ("Where did Elenna travel?", {"elena.md": 1.0}),  # a small typo
        ("Where did Elena Petrova travel?", {"elena.md": 1.0, "anna.md": 0.5}),  # the full name
        ("What did Petrova do?", {"elena.md": 1.0, "anna.md": 1.0}),  # a surname two people share
        ("What stopped the wheel of the old mill?", {"mill.md": 1.0}),  # a title's word
        ("Where did the children sing?", {}),  # no name, no title word
    ],
)
def test_a_question_names_the_stories_of_its_people_and_titles(library, question, expected):
    assert named(library, question) == pytest.approx(expected)


def test_a_stop_word_within_a_name_names_no_story(library):
    """FairytaleQA's "A-Sung" made every question holding "a" name Giauna's story, and Japanese names' "-no-" every
    "no": the name is found by its other words only."""
    stories = library.corpus.stories
    people = [("A-Sung", "anna.md"), ("Okuni-nushi-no-Mikoto", "elena.md")]
    finder = MentionFinder(stories, people, library.analyzer)
    known, spread = library.index.vocabulary, library.story_index.term_doc_freq
    for question in ("Who had a boat?", "Was there no bread?", "What did the A do?"):
        assert finder.find(question, known, spread).stories == {}, question
    assert finder.find("Where did Sung go?", known, spread).stories == {story(library, "anna.md"): 1.0}
    assert finder.find("Who is okuni-nushi-no-mikoto?", known, spread).stories == {story(library, "elena.md"): 1.0}


def test_a_word_most_stories_hold_names_none_of_them(tmp_path):
    """FairytaleQA's "king", "little" and "boy" named the one story whose people's names hold them ("King Olaf")
    whenever a question said them; a word at most SPECIFIC stories hold still names its story."""
    tales = {f"tale{n}.md": f"# Tale {n}\n\nThe king rode out on day {n}. He came back at night." for n in range(1, 5)}
    tales["olaf.md"] = (
        "# The Northern Shore\n\nKing Olaf sailed north with Ingrid Dahl. King Olaf saw whales.\n\n"
        "Ingrid Dahl drew the whales, and King Olaf kept the drawings."
    )
    for name, text in tales.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    library = StoryLibrary(load_corpus(tmp_path))
    assert "King Olaf" in {p.name for p in library.person_finder.people}
    assert named(library, "What did the king see?") == {}
    assert named(library, "What did King Olaf see?") == {"olaf.md": 1.0}  # by "olaf"
    assert named(library, "where did olaf sail") == {"olaf.md": 1.0}


def test_a_known_word_is_never_taken_for_a_misspelt_name(library):
    # "anne" is no word of the stories but close to "anna"; "sang" is a word of the stories, so it is
    # read as it is, never as a typo of a name.
    assert named(library, "Who sang?") == {}
    assert named(library, "What did Anne bake?") == {"anna.md": 1.0}


def test_a_named_person_brings_their_story_first(library):
    # Both stories say what happened in winter, neither passage by name: the name decides.
    for name, phrase in (("Elena", "cathedral"), ("Anna", "closed the shop")):
        answer = library.ask(f"What did {name} do in winter?")
        assert answer.best is not None and phrase in answer.best.excerpt.text


def test_a_name_is_a_signal_not_a_filter(library):
    # Elena is named, but only Anna's story speaks of caraway seeds and rye bread.
    answer = library.ask("Did Elena like rye bread with caraway seeds?")
    assert answer.best is not None and answer.best.story == "The Bakery on the Hill"
    assert "caraway seeds" in answer.best.excerpt.text


def test_a_named_storys_best_passages_are_candidates_even_where_bm25_ranks_them_low(tmp_path):
    # Thirty short passages say "river" three times (and "saw"), and Mara's story names her in every passage, so
    # the one long passage where she sees the river is below BM25's first twenty; yet it is among the
    # candidates the re-ranker orders, and it answers.
    def write(name: str, title: str, passages: list[str]) -> None:
        (tmp_path / name).write_text(f"# {title}\n\n" + "\n\n".join(passages), encoding="utf-8")

    farms = [f"The river, the river, the river ran past farm {n}; the farmer saw it." for n in range(30)]
    write("river.md", "Farms", farms)
    write("gulls.md", "The Dunes", [f"The gull flew over the dunes on day {n}." for n in range(60)])
    seen = (
        "Once, from the deck of a ship on a long grey journey south with her father and her brothers, "
        "far from home and the rock, Mara saw the river."
    )
    intro = "Mara Holm was a keeper of the light on a rock in the sea."
    write("mara.md", "The Lighthouse", [intro] + [f"Mara lit the lamp on night {n}." for n in range(40)] + [seen])
    library = StoryLibrary(load_corpus(tmp_path))
    question = "When did Mara see the river?"
    query = library.query(question)
    mara = story(library, "mara.md")
    assert query.named.stories == {mara: 1.0}
    wanted = library.corpus.stories[mara].first_passage + 41
    assert [doc for doc, _ in library.index.top(query.terms, 30)].count(wanted) == 0
    candidates, _ = library.candidates(query, None)
    assert wanted in [c.doc for c in candidates]
    answer = library.ask(question)
    assert answer.best is not None and answer.best.document == wanted


JOIN_QUESTIONS = [
    "What instrument does sophie play",
    "sebastein violin",
    "Sofia Kalmurzaeva ballet",
    "Anna Petrova bread",
    "petrva singer odessa",
    "the old mill wheel",
    "Who was the miller's boy",
    "Tomas Wren",
    "tale harbour sailor",
    "Korolev Kalmurzaeva Petrova",
]


def test_a_joined_finder_names_the_stories_one_built_over_all_of_them_names(tmp_path):
    """A server's view joins the owner's finder, built once, with its shelf's: the same stories, numbered on."""
    for name, text in STORIES.items():
        (tmp_path / "shelf").mkdir(exist_ok=True)
        (tmp_path / "shelf" / name).write_text(text, encoding="utf-8")
    owner = StoryLibrary(load_corpus(write_folder(tmp_path / "owner", 12)))
    shelf = StoryLibrary(load_corpus(tmp_path / "shelf"))
    parts = [owner.parts(), shelf.parts()]
    stories = (*owner.corpus.stories, *shelf.corpus.stories)
    people = [*owner.person_finder.named(), *shelf.person_finder.named()]
    whole = MentionFinder(stories, people, owner.analyzer)
    joined = MentionFinder.joined([owner.mention_finder, shelf.mention_finder], [0, len(owner.corpus.stories)])
    assert joined is not None and all(part.mentions is not None for part in parts)
    known = {**owner.index.vocabulary, **shelf.index.vocabulary}

    def spread(term: str) -> int:  # how many stories hold it, as one library of both parts counts
        return owner.story_index.term_doc_freq(term) + shelf.story_index.term_doc_freq(term)

    for question in JOIN_QUESTIONS:
        assert joined.find(question, known, spread) == whole.find(question, known, spread), question
    found = joined.find("Anna Petrova", known, spread).stories
    assert found  # the shelf's people found, numbered after the owner's stories
    assert set(found) <= set(range(len(owner.corpus.stories), len(stories)))


def test_parts_sharing_a_story_file_are_not_joined(library):
    """One build names both parts' people by the later story of that file; joined, each would keep its own."""
    assert MentionFinder.joined([library.mention_finder, library.mention_finder], [0, 3]) is None
