from bot.core.answer import NoAnswer
from bot.core.corpus import load_corpus
from bot.core.library import StoryLibrary
from bot.core.related_stand_ins import stand_ins
from bot.core.related_words import RelatedWords

RELATED = RelatedWords.parse("kid\tbanter child youngster\t\npianist\tpiano\t\n")


def test_the_relative_most_passages_hold_stands_in():
    held = {"child": 5, "banter": 1, "piano": 0}
    assert stand_ins(["kid", "pianist", "ship"], lambda term: held.get(term, 0), RELATED) == {"kid": "child"}


def test_relatives_held_as_often_stand_in_alphabetically():
    assert stand_ins(["kid"], lambda term: 2, RELATED) == {"kid": "banter"}


def write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")


def test_a_question_that_found_nothing_is_searched_in_the_stories_own_words_and_says_so(tmp_path):
    # "pianist" is in no story and nothing else of the question is searched: it was refused, though the story says
    # who plays the piano.
    write(tmp_path, "concert.md", "# The Concert\n\nNadia played the piano at the wedding.\n\nThe cake fell over.")
    write(tmp_path, "harbour.md", "# The Harbour\n\nThe boats came in at dawn.\n\nGulls followed the nets.")
    library = StoryLibrary(load_corpus(tmp_path))
    answer = library.ask("who is the pianist")
    assert answer.best is not None and answer.best.excerpt.text.startswith("Nadia played the piano")
    assert [(c.word, c.replacement) for c in answer.corrections] == [("pianist", "piano")]


def test_a_story_that_words_it_otherwise_is_searched_in_its_own_words(tmp_path):
    # Asked of one story, "kids" is another story's word, and none of this one's: it was refused.
    write(tmp_path, "farm.md", "# The Farm\n\nThey had three children and a dog.\n\nThe barn burned in May.")
    write(tmp_path, "school.md", "# The School\n\nThe kids ran to the gate.\n\nThe bell rang twice.")
    library = StoryLibrary(load_corpus(tmp_path))
    farm = next(n for n, story in enumerate(library.corpus.stories) if story.title == "The Farm")
    answer = library.ask("how many kids did they have", story=farm)
    assert answer.best is not None and answer.best.excerpt.text.startswith("They had three children")
    assert [(c.word, c.replacement) for c in answer.corrections] == [("kids", "children")]
    assert library.ask("how many kids ran").corrections == ()  # found as asked: nothing stands in


def test_a_word_with_no_relative_the_stories_hold_is_still_refused(tmp_path):
    write(tmp_path, "farm.md", "# The Farm\n\nThey had three children and a dog.\n\nThe barn burned in May.")
    answer = StoryLibrary(load_corpus(tmp_path)).ask("who is the astronaut")
    assert answer.reason == NoAnswer.NO_MATCH and answer.corrections == ()


def test_a_question_about_what_no_story_holds_is_refused_though_some_of_its_words_have_relatives(tmp_path):
    # "capital" has a relative the farm holds ("great"); "France" has none: the question is about something else.
    write(tmp_path, "farm.md", "# The Farm\n\nThey had a great barn and a dog.\n\nThe barn burned in May.")
    library = StoryLibrary(load_corpus(tmp_path))
    assert [(c.word, c.replacement) for c in library.ask("what is the capital").corrections] == [("capital", "great")]
    answer = library.ask("What is the capital of France?")
    assert answer.reason == NoAnswer.NO_MATCH and answer.corrections == ()
