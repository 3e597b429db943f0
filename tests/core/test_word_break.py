from collections.abc import Sequence

import pytest

from bot.core.analysis import words
from bot.core.corpus import Passage, load_corpus
from bot.core.library import StoryLibrary
from bot.core.word_break import CHECKED_PASSAGES, WordBreaker, joined_by


@pytest.fixture(scope="module")
def ship(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ship")
    (folder / "log.md").write_text(
        "# Ship's Log\n\n"
        "Dr. Yusuf Al-Amin, our medical officer, treated the cook.\n\n"
        "The repairs to the hull cost $45,000 and took a week.\n\n"
        "Priya spent the afternoon reading e-mails from the regional offices.\n\n"
        "The ship's AI, called HALCYON, refused to open the doors.\n\n"
        "The car was parked by the pet shop, where Al bought amin oil.\n\n"
        "The crew read the news online at noon, when the cook rang the bell.",
        encoding="utf-8",
    )
    return StoryLibrary(load_corpus(folder))


@pytest.mark.parametrize(
    ("question", "found", "searched"),
    [
        ("what did alamin do", "Yusuf Al-Amin", "Al-Amin"),
        ("what cost 45000", "$45,000", "45,000"),
        ("who read emails from the offices", "reading e-mails", "e-mails"),
    ],
)
def test_a_word_the_stories_write_in_parts_finds_them_and_says_so(ship, question, found, searched):
    answer = ship.ask(question)
    assert answer.best is not None and found in answer.best.excerpt.text
    assert [c.replacement for c in answer.corrections] == [searched]


def test_a_word_breaks_only_where_a_passage_writes_its_parts_joined(ship):
    # "car" and "pet" are both there, but no passage writes "car-pet": "carpet" is a word the stories lack.
    assert ship.word_breaker().broken("carpet") is None
    assert ship.query("where is the carpet").terms == ()
    # Of the ways "alamin" breaks, "al" and "amin" stand apart in the last passage and joined in the first.
    broken = ship.word_breaker().broken("Alamin")
    assert broken is not None and (broken.shown, broken.parts) == ("Al-Amin", ("al", "amin"))


def test_a_number_breaks_only_into_its_groups_of_three(ship):
    assert ship.word_breaker().broken("45000").parts == ("45", "000")
    assert ship.word_breaker().broken("4500") is None  # "4,500" is not "45,000"


def test_a_year_is_never_broken_into_an_amount(tmp_path):
    (tmp_path / "war.md").write_text(
        "# War\n\nThe general led 1,800 soldiers over the hills.\n\nThe war of 1812 ended.", encoding="utf-8"
    )
    library = StoryLibrary(load_corpus(tmp_path))
    assert library.word_breaker().broken("1800") is None
    assert library.word_breaker().broken("18000") is None  # no passage writes "18,000"
    assert library.ask("what happened in 1800").corrections == ()


@pytest.mark.parametrize(
    ("question", "joined"),
    [("what is the A.I. called", "ai"), ("who read the news on-line", "online")],
)
def test_words_a_question_joins_are_searched_as_the_one_word_the_stories_write(ship, question, joined):
    query = ship.query(question)
    assert ship.analyzer.term(joined) in query.terms
    answer = ship.ask(question)
    assert answer.best is not None and answer.best.excerpt.text.startswith(
        "The ship's AI" if joined == "ai" else "The crew read the news online"
    )


def test_words_a_question_joins_are_not_joined_where_the_library_holds_one_of_them(tmp_path):
    # "re-signed" was searched as "resigned": the answer was who resigned, the opposite event.
    (tmp_path / "club.md").write_text(
        "# Club\n\nIan Frost re-signed for another season.\n\nLee Dunn resigned as captain in March.",
        encoding="utf-8",
    )
    library = StoryLibrary(load_corpus(tmp_path))
    assert library.word_breaker().joined("who re-signed", words("who re-signed")) == []
    answer = library.ask("who re-signed")
    assert answer.best is not None and answer.best.excerpt.text.startswith("Ian Frost")


def test_a_story_asked_of_breaks_a_word_only_on_its_own_passages(tmp_path):
    (tmp_path / "ship.md").write_text("# Ship\n\nDr. Al-Amin treated the cook.", encoding="utf-8")
    (tmp_path / "farm.md").write_text(
        "# Farm\n\nAmin the shepherd whistled.\n\nAl the dog barked at the gate.", encoding="utf-8"
    )
    library = StoryLibrary(load_corpus(tmp_path))
    farm = next(n for n, story in enumerate(library.corpus.stories) if story.title == "Farm")
    assert library.word_breaker().broken("alamin") is not None
    assert library.word_breaker(farm).broken("alamin") is None
    assert library.ask("who is alamin", story=farm).best is None


def test_joined_words_are_searched_beside_their_parts_the_library_holds(ship):
    terms = ship.query("the on-line news").terms
    assert terms == tuple(ship.analyzer.term(w) for w in ("online", "news"))  # "line" is in no passage
    assert ship.query("Dr. Al-Amin").terms == tuple(ship.analyzer.term(w) for w in ("dr", "al", "amin"))


@pytest.mark.parametrize(
    ("between", "left", "right", "joins"),
    [
        ("-", "al", "amin", True),
        ("\u2011", "e", "mail", True),
        ("\u2014", "war", "peace", False),  # a dash joins clauses
        (",", "45", "000", True),
        (".", "45", "000", False),  # a decimal's point as often as a thousands'
        ("-", "2", "1", False),  # a score, a range
        ("-", "il", "6", True),
        (".", "3", "5", False),  # a decimal point
        (",", "red", "blue", False),
        (".", "a", "i", True),
        (".", "end", "then", False),
        (" ", "al", "amin", False),
        ("--", "al", "amin", False),
    ],
)
def test_what_joins_two_words_into_one(between, left, right, joins):
    assert joined_by(between, left, right) is joins


class CountedReads(Sequence[Passage]):
    """A library's passages, counting those read."""

    def __init__(self, passages: Sequence[Passage]):
        self.passages, self.read = passages, 0

    def __len__(self) -> int:
        return len(self.passages)

    def __getitem__(self, document):
        self.read += 1
        return self.passages[document]


def test_a_long_word_of_common_parts_reads_a_bounded_number_of_passages(tmp_path):
    # Every passage holds "q", "qq", … 40 letters apart, never joined: 41 q's break 40 ways, all refused.
    apart = " ".join("q" * n for n in range(1, 41))
    (tmp_path / "many.md").write_text("# Many\n\n" + "\n\n".join([apart] * 3 * CHECKED_PASSAGES), encoding="utf-8")
    library = StoryLibrary(load_corpus(tmp_path))
    passages = CountedReads(library.corpus.passages)
    breaker = WordBreaker(library.analyzer, library.index, passages)
    assert breaker.broken("q" * 41) is None and passages.read == CHECKED_PASSAGES
    assert breaker.broken("q" * 42) is None and passages.read == CHECKED_PASSAGES  # the question's budget is spent
