"""Questions a reader would ask about each bundled story, answered from the right passage."""

import pytest

from bot.core.answer import NoAnswer
from bot.core.library import MAX_QUESTION_CHARS, StoryLibrary

SOPHIE, SOFIA, SEBASTIEN = "Sophie Korolev", "Kalmurzaeva's Odyssey", "Sébastien Kalmurzaeva"


@pytest.mark.parametrize(
    ("question", "story", "passage", "phrase"),
    [
        ("Where was Sebastien born?", SEBASTIEN, 1, "Born in Moscow"),
        ("WHERE WAS SÉBASTIEN BORN?", SEBASTIEN, 1, "Born in Moscow"),
        ("What was Sebastien nominated for?", SEBASTIEN, 3, "Grammy nomination"),
        ("Where did Sébastien feel calm wash over her?", SEBASTIEN, 5, "Carnegie Hall"),
        ("Who helped Sébastien's parents teach her?", SEBASTIEN, 2, "private tutors"),
        ("How old is Sofia?", SOFIA, 1, "25-year-old"),
        ("Who did Sofia meet at the underground club?", SOFIA, 5, "she met Ivan"),
        ("What was Kalmurzaeva's Odyssey?", SOFIA, 6, "fusion of ballet and music"),
        ("what did sofia do for marginalized communities", SOFIA, 8, "emerging artists"),
        ("Whose music fueled Sophie's passion?", SOPHIE, 1, "Chopin and Debussy"),
        ("Where was the prestigious music festival Sophie was offered?", SOPHIE, 3, "Western Europe"),
        ("How did Sophie feel backstage?", SOPHIE, 5, "exhilaration and pride"),
        ("Did Sophie become famous internationally?", SOPHIE, 6, "international fame"),
    ],
)
def test_questions_are_answered_from_the_right_passage(library, question, story, passage, phrase):
    answer = library.ask(question)
    assert answer.best is not None, answer.message
    assert story in answer.best.story
    assert answer.best.passage == passage
    assert phrase in answer.best.excerpt.text


def test_answer_marks_the_matched_words(library):
    best = library.ask("Where was Sebastien born?").best
    marked = {best.excerpt.text[s:e] for s, e in best.excerpt.highlights}
    assert {"Sébastien", "Born"} <= marked


def test_alternatives_follow_in_ranked_order(library):
    answer = library.ask("Sophie orchestra")
    ranked = library.rank(library.query("Sophie orchestra"), wanted=4)
    assert len(answer.alternatives) == 3
    assert [hit.document for hit in answer.hits] == [c.doc for c in ranked]
    assert all(hit.score == c.bm25 for hit, c in zip(answer.hits, ranked, strict=True))


def test_paging_continues_where_the_first_page_ended(library):
    first = library.ask("Sophie", count=2)
    second = library.ask("Sophie", count=2, offset=2)
    assert first.more and second.offset == 2
    everything = library.ask("Sophie", count=20)
    assert [h.passage for h in first.hits + second.hits] == [h.passage for h in everything.hits[:4]]
    assert not everything.more


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("", NoAnswer.EMPTY),
        ("   \n ", NoAnswer.EMPTY),
        ("what is the", NoAnswer.NO_CONTENT_WORDS),
        ("Hi! Who? What? 🎻🎹", NoAnswer.NO_CONTENT_WORDS),
        ("Кто такая София?", NoAnswer.NO_MATCH),
        ("What is the capital of France?", NoAnswer.NO_MATCH),
        ("How do I bake bread?", NoAnswer.NO_MATCH),
        ("Who is Beethoven?", NoAnswer.NO_MATCH),
        ("x" * (MAX_QUESTION_CHARS + 1), NoAnswer.TOO_LONG),
    ],
)
def test_no_answer_rather_than_a_random_passage(library, question, reason):
    answer = library.ask(question)
    assert answer.best is None and answer.reason == reason
    assert answer.message


def test_long_question_message_says_how_long(library):
    answer = library.ask("violin? " * 700)
    assert "5,599 characters" in answer.message


def test_markdown_and_mentions_are_just_words(library):
    answer = library.ask("**Where** was @everyone `Sébastien` born? <@123>")
    assert answer.best is not None and SEBASTIEN in answer.best.story


def test_a_story_added_to_a_folder_is_answered(tmp_path):
    (tmp_path / "the-lighthouse.txt").write_text(
        "Mara Vance was a cellist who lived in a lighthouse.\n\nEvery night she played for the ships.\n\n"
        "The keeper mended the lamp.\n\nStorms came in winter."
    )
    library = StoryLibrary.load(tmp_path)
    answer = library.ask("What did Mara do for the ships?")
    assert answer.best.story == "The Lighthouse" and answer.best.passage == 2
