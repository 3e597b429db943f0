from bot.core.answer import NoAnswer
from bot.core.corpus import load_corpus
from bot.core.library import StoryLibrary
from bot.core.related_stand_ins import stand_ins
from bot.core.related_words import RelatedWords

RELATED = RelatedWords.parse("kid\tbanter child youngster\t\npianist\tpianola piano\t\nmother\tbeget father get\t\n")


def test_the_relative_of_its_root_most_passages_hold_stands_in():
    # "kid" and "mother" have no relative of their root: WordNet's synonyms of every sense at once ("mother" is
    # "get" through "beget") are no stand-ins.
    held = {"child": 5, "banter": 1, "piano": 3, "pianola": 1, "get": 40, "father": 2}
    assert stand_ins(["kid", "pianist", "mother"], lambda term: held.get(term, 0), RELATED) == {"pianist": "piano"}


def test_relatives_held_as_often_stand_in_alphabetically():
    assert stand_ins(["pianist"], lambda term: 2, RELATED) == {"pianist": "piano"}


def write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")


def test_a_question_that_found_nothing_is_searched_in_the_stories_own_words_and_says_so(tmp_path):
    # "pianist" is in no story and nothing else of the question is searched: it was refused, though the story says
    # who plays the piano.
    write(tmp_path, "concert.md", "# The Concert\n\nNadia played the piano at the wedding.\n\nThe cake fell over.")
    write(tmp_path, "harbour.md", "# The Harbour\n\nThe boats came in at dawn.\n\nGulls followed the nets.")
    library = StoryLibrary(load_corpus(tmp_path))
    for question in ("who is the pianist", "pianist pianist pianist"):  # each time typed counted against it
        answer = library.ask(question)
        assert answer.best is not None and answer.best.excerpt.text.startswith("Nadia played the piano"), question
        assert [(c.word, c.replacement) for c in answer.corrections] == [("pianist", "piano")]


def test_a_story_that_words_it_otherwise_is_searched_in_its_own_words(tmp_path):
    # Asked of one story, "violinist" is another story's word, and none of this one's: it was refused.
    write(tmp_path, "farm.md", "# The Farm\n\nMara played the violin every evening.\n\nThe barn burned in May.")
    write(tmp_path, "school.md", "# The School\n\nThe violinist ran to the gate.\n\nThe bell rang twice.")
    library = StoryLibrary(load_corpus(tmp_path))
    farm = next(n for n, story in enumerate(library.corpus.stories) if story.title == "The Farm")
    answer = library.ask("who was the violinist", story=farm)
    assert answer.best is not None and answer.best.excerpt.text.startswith("Mara played the violin")
    assert [(c.word, c.replacement) for c in answer.corrections] == [("violinist", "violin")]
    assert library.ask("who was the violinist").corrections == ()  # found as asked: nothing stands in


def test_a_question_about_what_no_story_holds_is_refused_though_some_of_its_words_have_relatives(tmp_path):
    # "pianist" has a relative the story holds; "France" has none: the question is about something else.
    write(tmp_path, "concert.md", "# The Concert\n\nNadia played the piano at the wedding.\n\nThe cake fell over.")
    library = StoryLibrary(load_corpus(tmp_path))
    for question in ("Who is the pianist of France?", "who is the mother"):
        answer = library.ask(question)
        assert answer.reason == NoAnswer.NO_MATCH and answer.corrections == (), question
