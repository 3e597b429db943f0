from pathlib import Path

import pytest

from bot.core.corpus import load_corpus
from bot.core.library import StoryLibrary
from bot.core.related_words import RelatedWords, bundled_related_words
from bot.core.rerank.signals.related import RelatedSignal
from bot.core.rerank.signals.sentence import SentenceSignal
from tests.core.rerank.conftest import features_for

STORY = (
    "# The Lesson\n\n"
    "Private tutors came to the house every morning.\n\n"
    "She practised the violin every morning in the house.\n\n"
    "Then a tempest shattered the windows of the house. Nobody was hurt."
)
TUTORS, VIOLIN, TEMPEST = (0, 1), (0, 2), (0, 3)


@pytest.fixture(scope="module")
def lesson(tmp_path_factory) -> StoryLibrary:
    folder: Path = tmp_path_factory.mktemp("lesson")
    (folder / "the-lesson.md").write_text(STORY, encoding="utf-8")
    return StoryLibrary(load_corpus(folder), min_match=0.0)


def named(row: list[float]) -> dict[str, float]:
    return dict(zip(RelatedSignal.features, row, strict=True))


def test_a_word_the_stories_lack_finds_its_kind(lesson):
    # "taught" is nowhere in the story; "tutors" are a kind of teaching, one step down in WordNet.
    assert "teach" in lesson.query("Who taught her at the house?").absent
    rows = features_for(lesson, RelatedSignal(), "Who taught her at the house?")
    assert named(rows[TUTORS])["related_kind"] > 0
    assert named(rows[VIOLIN])["related_kind"] == named(rows[TEMPEST])["related_kind"] == 0
    assert named(rows[TUTORS])["related_close"] == 0


def test_a_synonym_counts_in_its_sentence(lesson):
    question = "Did a storm shatter the windows?"
    related = features_for(lesson, RelatedSignal(), question)
    plain = features_for(lesson, SentenceSignal(), question)
    tempest = named(related[TEMPEST])
    assert tempest["related_close"] > 0
    # With "tempest" for "storm", one sentence holds the whole question; without, it does not.
    assert tempest["related_sentence"] == pytest.approx(1.0)
    assert plain[TEMPEST][0] < 1.0


def test_words_the_passage_holds_as_they_are_are_not_counted_again(lesson):
    rows = features_for(lesson, RelatedSignal(), "Did the tempest shatter the windows?")
    assert named(rows[TEMPEST])["related_close"] == named(rows[TEMPEST])["related_kind"] == 0
    assert named(rows[TEMPEST])["related_sentence"] == pytest.approx(1.0)


def test_the_file_parses_and_carries_wordnets_notice():
    related = RelatedWords.parse("# a comment\nteach\tinstruct teacher\ttutor\nstorm\ttempest\t\n")
    assert related.close == {"teach": frozenset({"instruct", "teacher"}), "storm": frozenset({"tempest"})}
    assert related.kinds == {"teach": frozenset({"tutor"})}
    bundled = bundled_related_words()
    assert "tutor" in bundled.kinds["teach"] and "tempest" in bundled.close["storm"]
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in (
        Path(__file__).parents[4] / "bot" / "core" / "related_words.txt"
    ).read_text("utf-8")
