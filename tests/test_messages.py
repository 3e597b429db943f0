"""The one wording both front ends use for what the core returns as reason codes and data."""

from bot.core.answer import NoAnswer
from bot.core.library import MAX_QUESTION_CHARS, StoryLibrary
from bot.messages import NEXT_START_REBUILDS, corrections_text, hit_place, no_answer_message, story_choice_text
from bot.operations.resolve_story import resolve_story
from tests.best_hit import best_hit


def test_every_reason_for_no_answer_reads_as_a_sentence_with_what_to_try(library):
    questions = {
        NoAnswer.EMPTY: "   ",
        NoAnswer.TOO_LONG: "violin? " * 700,
        NoAnswer.NO_CONTENT_WORDS: "what is the",
        NoAnswer.NO_MATCH: "How do I bake bread?",
    }
    for reason, question in questions.items():
        answer = library.ask(question)
        assert answer.reason is reason
        text = no_answer_message(answer, NEXT_START_REBUILDS)
        assert text.endswith((".", '?"')), text
    assert "5,599 characters" in no_answer_message(library.ask("violin? " * 700), NEXT_START_REBUILDS)
    assert f"under {MAX_QUESTION_CHARS:,} characters" in no_answer_message(
        library.ask("violin? " * 700), NEXT_START_REBUILDS
    )
    assert library.example_name() in no_answer_message(library.ask("How do I bake bread?"), NEXT_START_REBUILDS)


def test_a_scoped_miss_names_the_story_searched(library):
    sophie = next(i for i, s in enumerate(library.corpus.stories) if s.title.startswith("Sophie"))
    text = no_answer_message(library.ask("ballerina Ivan", story=sophie), NEXT_START_REBUILDS)
    assert f'"{library.corpus.stories[sophie].title}"' in text


def test_corrections_say_what_was_searched_for_what_was_typed(library):
    assert corrections_text(library.ask("How did the audiance react to Sophie?")) == (
        "Showing results for audience (you typed audiance)."
    )
    assert corrections_text(library.ask("How did the audience react to Sophie?")) == ""


def test_an_unclear_story_name_lists_what_it_could_be(library):
    text = story_choice_text(resolve_story(library, "kalmurzaeva"))
    assert "could be more than one story" in text
    assert all(f'"{s.title}" ({s.path})' in text for s in library.corpus.stories if "Kalmurzaeva" in s.title)
    assert story_choice_text(resolve_story(library, "zzzzzz"), "Run stories.").endswith("Run stories.")
    gone = story_choice_text(resolve_story(library, "a" * 16))  # an autocomplete value whose story is gone
    assert gone.startswith("That story is no longer in the library")


def test_a_hit_is_placed_by_its_chapter_when_it_has_one(tmp_path, library):
    (tmp_path / "keeper.md").write_text(
        "# The Keeper\n\nThe lamp was lit at dusk.\n\n## Chapter Two\n\nA storm broke the lighthouse window."
    )
    chaptered = best_hit(StoryLibrary.load(tmp_path), "What broke the window?")
    assert hit_place(chaptered) == "Chapter Two, passage 1"
    plain = best_hit(library, "Where was Sebastien born?")
    assert plain.chapter is None and hit_place(plain) == f"passage {plain.passage}"
