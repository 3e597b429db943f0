"""Questions a reader would ask about each bundled story, answered from the right passage."""

from pathlib import Path

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from bot.core.analysis import Analyzer
from bot.core.answer import NoAnswer
from bot.core.corpus import load_corpus
from bot.core.introductions import role_held
from bot.core.library import MAX_QUESTION_CHARS, MAX_RESULTS, StoryLibrary
from bot.core.query import AnswerKind
from tests.best_hit import best_hit
from tests.core.library_files import assert_answered_in_both_scopes, library_of

BENCH = Path(__file__).resolve().parents[2] / "bench"

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
        ("Who is Ivan?", SOFIA, 5, "she met Ivan, a charismatic musician"),
        ("Where did Sofia meet Ivan?", SOFIA, 5, "she met Ivan"),
        ("Who were the violinist's parents?", SEBASTIEN, 2, "parents encouraged"),
        ("Where did Sophie grow up?", SOPHIE, 1, "Growing up in a small town"),
        ("Who helped Sébastien's parents tech her?", SEBASTIEN, 2, "private tutors"),
    ],
)
def test_questions_are_answered_from_the_right_passage(library, question, story, passage, phrase):
    answer = library.ask(question)
    assert answer.best is not None, answer.reason
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


def test_paging_ends_at_the_last_result_a_question_pages_to(tmp_path):
    # A More results button's offset is what its custom_id says; ranking down to it analysed every passage that
    # matched (a forged 9,999,999: 1.37 s of CPU a click over 37,870 passages). Past MAX_RESULTS nothing is ranked.
    days = "\n\n".join(f"On day {day} the king rode out to the forest." for day in range(MAX_RESULTS + 30))
    (tmp_path / "rides.md").write_text(f"# The Rides\n\n{days}")
    library = StoryLibrary.load(tmp_path)
    assert library.ask("where did the king ride", offset=MAX_RESULTS - 2).more
    last = library.ask("where did the king ride", offset=MAX_RESULTS - 1)
    assert len(last.hits) == 1 and not last.more
    for offset in (MAX_RESULTS, MAX_RESULTS + 20, 9_999_999):
        beyond = library.ask("where did the king ride", offset=offset)
        assert beyond.hits == () and beyond.reason is None and not beyond.more


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
    assert answer.example == library.example_name()  # a name to suggest instead


def test_a_question_asked_of_one_story_that_finds_nothing_suggests_a_name_of_that_story(library):
    # It suggested the library's first person, of another story ("I couldn't find that in "Sophie Korolev: ...".
    # Try ... e.g. "Sofia Kalmurzaeva""), whom a question asked of this story cannot find.
    pianist = next(i for i, story in enumerate(library.corpus.stories) if "Pianist" in story.title)
    answer = library.ask("who did she bake bread with?", story=pianist)
    assert answer.best is None and answer.reason == NoAnswer.NO_MATCH
    assert answer.example == "Sophie Korolev" != library.example_name()


def test_markdown_and_mentions_are_just_words(library):
    answer = library.ask("**Where** was @everyone `Sébastien` born? <@123>")
    assert answer.best is not None and SEBASTIEN in answer.best.story


def test_a_story_added_to_a_folder_is_answered(tmp_path):
    (tmp_path / "the-lighthouse.txt").write_text(
        "Mara Vance was a cellist who lived in a lighthouse.\n\nEvery night she played for the ships.\n\n"
        "The keeper mended the lamp.\n\nStorms came in winter."
    )
    library = StoryLibrary.load(tmp_path)
    best = best_hit(library, "What did Mara do for the ships?")
    assert best.story == "The Lighthouse" and best.passage == 2


def test_who_is_answers_from_the_passage_that_introduces_the_person(library):
    answer = library.ask("who is ivan")
    intro = next(p for p in library.person_finder.people if p.name == "Ivan")
    assert answer.best.document == intro.passage
    assert answer.best.excerpt.answer is not None
    start, end = answer.best.excerpt.answer
    assert "Ivan, a charismatic musician" in answer.best.excerpt.text[start:end]


def test_a_question_scoped_to_a_story_answers_only_from_it(library):
    sophie = next(i for i, s in enumerate(library.corpus.stories) if s.title.startswith("Sophie"))
    answer = library.ask("Where did she perform in Moscow?", story=sophie)
    assert answer.scope == library.corpus.stories[sophie].title
    assert answer.hits and all(hit.story == answer.scope for hit in answer.hits)
    everywhere = library.ask("Where did she perform in Moscow?")
    assert everywhere.scope is None and "Sophie" not in everywhere.best.story


def test_a_scoped_question_with_no_match_says_which_story_was_searched(library):
    sophie = next(i for i, s in enumerate(library.corpus.stories) if s.title.startswith("Sophie"))
    answer = library.ask("ballerina Ivan", story=sophie)
    assert answer.best is None and answer.reason == NoAnswer.NO_MATCH
    assert answer.scope == library.corpus.stories[sophie].title


def test_a_misspelt_word_is_searched_as_the_librarys_word_and_said_so(library):
    answer = library.ask("How did the audiance react to Sophie?")
    assert [(c.word, c.replacement) for c in answer.corrections] == [("audiance", "audience")]
    assert "audience" in answer.best.excerpt.text


def test_a_misspelt_word_typed_again_is_corrected_and_said_once(library):
    # Typed a hundred times (in a question under the limit), "audiance" was listed a hundred times over the answer.
    answer = library.ask("How did the audiance, the AUDIANCE, the audiance's hall react to Sophie? " + "audiance " * 90)
    assert [(c.word, c.replacement) for c in answer.corrections] == [("audiance", "audience")]
    assert "audience" in answer.best.excerpt.text
    two_typos = library.ask("audiance audeince")  # two typos of one word are two corrections: each is said
    assert [(c.word, c.replacement) for c in two_typos.corrections] == [
        ("audiance", "audience"),
        ("audeince", "audience"),
    ]


@pytest.mark.parametrize(
    ("question", "slip", "kind", "story", "passage", "phrase"),
    [
        # The introductions' rules read "what is X's job": the slip left them unread, and passage 4 answered.
        ("waht is sophies job", ("waht", "what"), AnswerKind.OTHER, SOPHIE, 1, "talented young musician"),
        ("Woh is Ivan?", ("Woh", "Who"), AnswerKind.PERSON, SOFIA, 5, "she met Ivan, a charismatic musician"),
        ("wher was sebastien born", ("wher", "where"), AnswerKind.PLACE, SEBASTIEN, 1, "Born in Moscow"),
        ("wehn did sofia leave", ("wehn", "when"), AnswerKind.TIME, SOFIA, 9, "no distinction between art and life"),
    ],
)
def test_a_question_word_typed_a_letter_off_is_read_as_it_and_said_so(
    library, question, slip, kind, story, passage, phrase
):
    # The corrector corrects only into words the index holds, and it holds no question word: the slip was dropped,
    # and with it what the question asks for.
    answer = library.ask(question)
    assert answer.best is not None and story in answer.best.story and answer.best.passage == passage
    assert phrase in answer.best.excerpt.text
    assert (answer.corrections[0].word, answer.corrections[0].replacement) == slip
    assert library.query(question).kind == kind


@pytest.mark.parametrize("question", ["Tell me about Wehn", "waht", "hwy", "waht is it"])
def test_a_question_word_slip_that_would_leave_nothing_to_search_is_searched_as_typed(library, question):
    # Read as "when", "what", "why", the question held no word to search, and was told so; as typed, "Wehn" may be a
    # name or a word the user meant, and the answer says nothing matched it, as before the slips were read.
    answer = library.ask(question)
    assert answer.reason == NoAnswer.NO_MATCH and answer.corrections == ()


def test_a_question_word_typed_without_its_apostrophe_is_no_slip(library):
    answer = library.ask("whats sophies job")  # a contraction typed without its apostrophe, as before
    assert answer.best is not None and "talented young musician" in answer.best.excerpt.text
    assert all(c.word != "whats" for c in answer.corrections)


def test_a_word_the_stories_write_is_read_as_no_question_word_and_one_they_do_not_is(tmp_path):
    (tmp_path / "the-ferry.md").write_text(
        "# The Ferry\n\nWehn rowed the ferry across the river every morning.\n\n"
        "The miller ground the wheat when the river ran high.",
        encoding="utf-8",
    )
    library = StoryLibrary.load(tmp_path)
    assert library.query("wehn rowed the ferry").corrections == ()
    assert best_hit(library, "wehn rowed the ferry").passage == 1
    read = library.query("whne did the miller grind the wheat")  # a slip the story does not write is read
    assert read.kind == AnswerKind.TIME and [(c.word, c.replacement) for c in read.corrections] == [("whne", "when")]


@pytest.mark.parametrize(
    ("question", "phrase"),
    [
        ("tell me about whyt", "Angus Whyte was a crofter"),
        ("did whyt sell the farm", "Whyte sold the croft"),
        ("Tell me about Woh", "Brother Wohl, a priest"),
    ],
)
def test_a_name_typed_a_letter_off_is_read_as_the_name_not_as_a_question_word(tmp_path, question, phrase):
    # "whyt" is a letter off "Whyte" and "why", "woh" off "Wohl" and "who": the person the library knows wins.
    (tmp_path / "the-croft.md").write_text(
        "# The Croft\n\nAngus Whyte was a crofter who kept sheep on the hill above the harbour.\n\n"
        "Brother Wohl, a priest, came to the harbour in spring. Brother Wohl blessed the boats. Brother Wohl left.\n\n"
        "Later Whyte sold the croft to his neighbour, and Whyte and his family sailed for Canada.",
        encoding="utf-8",
    )
    library = StoryLibrary.load(tmp_path)
    answer = library.ask(question)
    assert answer.best is not None and phrase in answer.best.excerpt.text
    assert all(c.replacement.lower() not in ("who", "why") for c in answer.corrections)


def test_a_story_of_two_sections_answers_its_questions(tmp_path):
    (tmp_path / "the-keeper.md").write_text(
        "# The Keeper\n\nMaren kept the lighthouse on the northern cape.\n\n"
        "Every winter night she lit the lamp for the fishing boats.",
        encoding="utf-8",
    )
    library = StoryLibrary.load(tmp_path)
    assert best_hit(library, "Where was the lighthouse?").passage == 1
    assert best_hit(library, "What did Maren light for the boats?").passage == 2
    assert library.ask("What is the capital of France?").best is None


def test_how_long_what_happened_and_how_did_they_feel_say_how_the_question_asks_and_are_not_searched(tmp_path):
    (tmp_path / "the-mill.md").write_text(
        "# The Mill\n\nLong, long ago, for many long years, the children stayed in the wood.\n\n"
        "The children stayed three weeks at the mill by the river.\n\nA fox ran across the field at dawn.\n\n"
        "The baker sold bread in the square.\n\nSnow fell on the roofs of the town.",
        encoding="utf-8",
    )
    library = StoryLibrary.load(tmp_path)
    assert library.query("How long did the children stay?").terms == ("child", "stay")
    assert best_hit(library, "How long did the children stay?").passage == 2
    assert "long" in library.query("Who stayed in the wood for long years?").terms
    assert library.query("What happened after the children stayed?").terms == ("child", "stay")
    assert library.query("How did the children feel when they stayed?").terms == ("child", "stay")


def test_a_question_s_tomorrow_finds_the_to_morrow_of_an_older_book(tmp_path):
    (tmp_path / "the-fair.md").write_text(
        "# The Fair\n\nThe farmer said the fair would open to-morrow at the crossroads.\n\n"
        "Every morrow the farmer rose early.\n\nThe day was long and the farmer was tired.",
        encoding="utf-8",
    )
    library = StoryLibrary.load(tmp_path)
    best = best_hit(library, "When will the fair open? Tomorrow?")
    assert best.passage == 1
    assert [best.excerpt.text[start:end] for start, end in best.excerpt.highlights] == ["fair", "open", "to-morrow"]


def test_stories_in_other_scripts_are_searchable(tmp_path):
    (tmp_path / "dragon.md").write_text(
        "# 龍的故事\n\n很久以前，一條龍住在北京的山上。\n\n龍每天晚上都唱歌。\n\n村民們很喜歡聽。", encoding="utf-8"
    )
    (tmp_path / "river.md").write_text(
        "# नदी\n\nएक छोटी नदी पहाड़ से बहती थी।\n\nबच्चे नदी के किनारे खेलते थे।\n\nरात को सब सो गए।", encoding="utf-8"
    )
    library = StoryLibrary.load(tmp_path)
    chinese = library.ask("龍住在哪裡？")
    assert chinese.best is not None and "北京的山上" in chinese.best.excerpt.text
    hindi = library.ask("बच्चे कहाँ खेलते थे?")
    assert hindi.best is not None and hindi.best.passage == 2
    marked = {hindi.best.excerpt.text[s:e] for s, e in hindi.best.excerpt.highlights}
    assert "खेलते" in marked and all(len(word) > 1 for word in marked)


def test_invisible_joining_characters_inside_words_neither_split_them_in_stories_nor_in_questions(tmp_path):
    # Soft hyphens (HTML's &shy;, hyphenated e-books), word joiners and byte order marks show nothing, but
    # cut the word they stood in: "pl\u00adane" was "pl" and "ane", so "plane" found nothing.
    (tmp_path / "pilot.md").write_text(
        "# The Pi\u00adlot\n\nMi\u00adro\u2060slav the pi\u00adlot flew a pl\u00adane over the lake.\n\n"
        "\ufeffHis sister stayed home.",
        encoding="utf-8",
    )
    (tmp_path / "baker.md").write_text("# The Baker\n\nMarta baked bread in the morning.", encoding="utf-8")
    library = StoryLibrary.load(tmp_path)
    best = best_hit(library, "Who flew the plane?")
    assert best.story == "The Pilot" and best.passage == 1
    assert best.excerpt.text == "Miroslav the pilot flew a plane over the lake."
    assert best_hit(library, "Who is Mi\u00adroslav?").story == "The Pilot"
    (pilot,) = (number for number, story in enumerate(library.corpus.stories) if story.path == "pilot.md")
    assert library.corpus.story_passages(pilot)[1].text == "His sister stayed home."


def test_a_word_with_a_zero_width_joiner_is_found_without_it_and_the_other_way_round_and_marked_whole(tmp_path):
    # Zero-width non-joiners and joiners are spelling inside Persian and Indic words, and come with copy-paste
    # into Latin ones; they stay in the text (they change how the letters beside them are drawn). Each cut its
    # word in two, so a question typed without it found nothing, and one typed with it found no passage without.
    (tmp_path / "garden.md").write_text(
        "# The Garden\n\nAnatole's fa\u200dther mended the gate.\n\nمن می\u200cخواهم به باغ بروم.\n\n"
        "The weaver Oksana spun wool by the fire.",
        encoding="utf-8",
    )
    (tmp_path / "baker.md").write_text(
        "# The Baker\n\nMarta baked bread in the morning.\n\nThe oven was hot.\n\nSnow fell on the town.",
        encoding="utf-8",
    )
    library = StoryLibrary.load(tmp_path)
    for question, passage, marked in [
        ("Whose father was it?", 1, "fa\u200dther"),
        ("میخواهم", 2, "می\u200cخواهم"),
        ("Who is the wea\u200cver?", 3, "weaver"),
    ]:
        best = best_hit(library, question)
        assert (best.story, best.passage) == ("The Garden", passage), question  # passages count from 1
        assert marked in {best.excerpt.text[s:e] for s, e in best.excerpt.highlights}, question
    analyzer = Analyzer()
    without = str.maketrans(dict.fromkeys("\u200c\u200d"))
    reference = BM25Okapi([analyzer.terms(p.text.translate(without)) for p in library.corpus.passages])
    for question in ("father gate", "میخواهم", "weaver wool", "bread"):  # the build's terms, score for score
        terms = analyzer.terms(question)
        np.testing.assert_allclose(library.index.scores(terms), reference.get_scores(terms), rtol=1e-5, atol=1e-6)


def test_a_question_with_invisible_joining_characters_is_searched_by_eval_as_the_bot_searches_it(library):
    # eval --questions (a feedback export's questions, as people typed them) ranks library.query(question):
    # a soft hyphen left in cut "pl\u00adane" in two there, while ask took it out.
    for question in ("Who danced the ballet?", "What did the miller grind?"):
        typed = question.replace("a", "a\u00ad", 1).replace("e", "\u2060e", 1)
        assert library.query(typed) == library.query(question)


def test_a_scoped_question_is_answered_whenever_the_story_shares_a_word_with_it(library):
    # Library-wide, "capital" and "France" (words no story holds) outweigh "ballet": no answer. Asked
    # of Sofia's story, the passage BM25Okapi ranks first there answers rather than a refusal.
    sofia = next(i for i, s in enumerate(library.corpus.stories) if "Sofia" in s.title)
    question = "What is the capital of France, and its ballet?"
    assert library.ask(question).reason == NoAnswer.NO_MATCH
    answer = library.ask(question, story=sofia)
    assert answer.best is not None and "ballet" in answer.best.excerpt.text.lower()
    query = library.query(question)
    story = library.corpus.stories[sofia]
    within = range(story.first_passage, story.first_passage + story.passage_count)
    bm25_answers = {doc for doc, _ in library.index.top(query.terms, 100, within)}
    assert {hit.document for hit in answer.hits} <= bm25_answers
    assert len(answer.hits) == min(4, len(bm25_answers))


def test_a_question_about_nothing_but_how_it_asks_searches_those_words(library):
    # "old" in "How old is Sofia?" says the question asks for a number, so only "Sofia" is searched. In "How old is
    # she?" nothing else is left to search: asked of her story it found nothing there, though passage 1 says it.
    sofia = next(i for i, s in enumerate(library.corpus.stories) if "Sofia" in s.title)
    assert "old" not in library.query("How old is Sofia?").terms
    assert library.query("How old is she?").terms == ("old",)
    answer = library.ask("How old is she?", story=sofia)
    assert answer.best is not None and answer.best.passage == 1
    assert "25-year-old" in answer.best.excerpt.text


def test_a_scoped_question_sharing_no_word_with_the_story_is_not_answered(library):
    sofia = next(i for i, s in enumerate(library.corpus.stories) if "Sofia" in s.title)
    answer = library.ask("What is the capital of France, and its violin?", story=sofia)
    assert answer.best is None and answer.reason == NoAnswer.NO_MATCH


def test_a_question_pasted_with_terminal_colours_is_searched_as_its_words(library):
    # Copied from a terminal or a Discord ansi code block, "\x1b[1;31mSébastien\x1b[0m" was searched as the words
    # "31msebastien" and "0m", which no story has: the question found nothing.
    plain = library.ask("Where was Sébastien born?").best
    coloured = library.ask("\x1b]0;title\x07Where was \x1b[1;31mSébastien\x1b[0m\x9b born?").best
    assert plain is not None and coloured is not None
    assert (coloured.path, coloured.passage, coloured.excerpt) == (plain.path, plain.passage, plain.excerpt)


def test_a_questions_results_are_the_passages_its_pages_show(library):
    """What a vote may judge (bot.operations.ask.among_results): every passage More results pages to, and no other."""
    question = "what was the applause like"
    pages, offset = [], 0
    while (answer := library.ask(question, count=1, offset=offset)).best is not None:
        pages.append(answer.best.document)
        offset += 1
    assert library.results(question) == frozenset(pages) and 0 < len(pages) < len(library.corpus.passages)
    sophie = next(i for i, s in enumerate(library.corpus.stories) if s.title.startswith("Sophie"))
    within = library.results(question, sophie)
    assert within and within < library.results(question)
    assert library.results("what is the") == library.results("   ") == frozenset()


def test_who_someone_is_is_answered_by_their_introduction_though_their_name_is_a_stop_word(tmp_path):
    (tmp_path / "office.md").write_text(
        "# The Quarterly Report\n\nPriya Nair worked late on the report.\n\n"
        "Her colleague Will Ashby brought her a coffee and a sandwich.\n\nPriya thanked Will Ashby and went on.\n\n"
        "Will Ashby went home at six.",
        encoding="utf-8",
    )
    library = StoryLibrary(load_corpus(tmp_path))
    answer = library.ask("Who is Will?")
    assert answer.best is not None and answer.best.excerpt.text.startswith("Her colleague Will Ashby")
    for question in ("who is", "Who is the?", "Who is will it be?"):
        assert library.ask(question).reason == NoAnswer.NO_CONTENT_WORDS


HEIST = (
    "# The Third Floor\n\nSylvie Marchand leaves prison after six years and goes back to the bakery in Lyon where "
    "her brother works. The owner gives her the night shifts. Her parole officer calls every week and asks about "
    "her friends.\n\nThe gallery on the Rue Mercière has a new vault on its third floor. Sylvie reads about it in "
    "the paper. She wants the ledger kept there, not the paintings, because it names the man who sent her to "
    "prison. They recruit an electrician, Karim Benali, who once worked on the gallery's alarm system, and a "
    "forger, Oksana Petrenko, who copies the visitor passes. Karim cuts the power for four minutes; Oksana keeps "
    "watch at the stairs; Sylvie opens the vault on the night of the exhibition, when the guards are busy with the "
    "crowd and the mayor's speech.\n\nThe vault is empty but for a note. Karim takes his job at the bakery the next "
    "morning, and nobody asks him why he is tired. Karim's job at the gallery had ended years before."
)


def test_what_someone_does_or_how_old_they_are_is_answered_where_they_are_introduced(tmp_path):
    """A plot summary introduces a person with who they are ("an electrician, Karim Benali, who..."): asked their
    job, the passage where the name is said most with "job" answered, and the excerpt of a long passage quoted the
    sentences most like the question, not the introduction."""
    (tmp_path / "floor.md").write_text(HEIST, encoding="utf-8")
    library = StoryLibrary(load_corpus(tmp_path))
    for question in (
        "What is Karim's job?",
        "what does karim do for a living",
        "What was Karim's profession",
        "whats karims job",  # as a chat types it: no apostrophes
        "what does karim do",
        "What did Karim do for a living before the heist?",  # an earlier job: the first one told
        "what was karims job at first",
    ):
        answer = library.ask(question)
        assert answer.best is not None and answer.best.passage == 2, question
        start, end = answer.best.excerpt.answer or (0, 0)
        assert "an electrician, Karim Benali" in answer.best.excerpt.text[start:end], question


def test_an_earlier_job_is_answered_where_the_story_tells_it_as_before_its_time(tmp_path):
    """A job asked of an earlier time is answered by the first sentence telling one before the story's time, not by
    the job it opens with."""
    (tmp_path / "crime.md").write_text(
        "# The Silk Thief\n\nMireille Dufour is a notorious jewel thief who robs the grand hotels of the Riviera in "
        "the summer of 1925.\n\nMireille plans one last theft at the Hotel Negresco, where a maharaja keeps a famous "
        "emerald.\n\nBefore she turned to crime, Mireille worked as a seamstress in a Lyon silk mill until the mill "
        "burned down.\n\nIn the end Mireille steals the emerald and disappears onto a ship bound for Buenos Aires.",
        encoding="utf-8",
    )
    library = StoryLibrary(load_corpus(tmp_path))
    for question, passage in (
        ("what did mireille do for a living before she turned to crime", 3),
        ("What was Mireille's job before?", 3),
        ("What was Mireille's job?", 1),
    ):
        answer = library.ask(question)
        assert answer.best is not None and answer.best.passage == passage, question
    (tmp_path / "lunch.md").write_text(
        "# The Inn at Harrow Cross\n\nJack Munro is the landlord of a coaching inn at Harrow Cross in the winter of "
        "1810.\n\nEvery morning before lunch, Jack's job is to muck out the stables and water the coach horses.\n\n"
        "A highwayman takes a room at the inn, and Jack recognises him from a poster.",
        encoding="utf-8",
    )
    library = StoryLibrary(load_corpus(tmp_path))
    for question, passage in (("What was Jack's job before lunch?", 2), ("What is Jack's job?", 1)):
        answer = library.ask(question)
        assert answer.best is not None and answer.best.passage == passage, question
    # Asked by an "old job", or "What was X before?" with no word for a job
    (tmp_path / "dam.md").write_text(
        "# Meridian Dam\n\nRenata Ortiz, a hydrologist, finds cracks in the old dam above the town of Meridian.\n\n"
        "The engineers refuse to order an evacuation. Only the local sheriff, Bo Tennant, a former Army medic, takes "
        "Renata seriously.\n\nBefore the storm, Tennant drives Renata up to the old dam again: the sheriff was there "
        "before the flood of 1998 too, and knows the old road.",
        encoding="utf-8",
    )
    library = StoryLibrary(load_corpus(tmp_path))
    for question in (
        "what was sheriff tennant before",
        "What was Tennant's old job?",
        "whats tennants previous job",
        "what did bo do before",
    ):
        answer = library.ask(question)
        assert answer.best is not None and (answer.best.story, answer.best.passage) == ("Meridian Dam", 2), question
    # Asked of the story's start, the first job told answers, not a later one that says "once"; told "before dawn",
    # a job is of one day, not before the story's time
    (tmp_path / "shift.md").write_text(
        "# Night Shift\n\nDanny Reyes is a cab driver in Chicago. He works nights and hates the job.\n\nOne night "
        "Danny picks up a famous chef named Lucia Ferrante, who offers him a job washing dishes.\n\nYears pass. By the "
        "end, Danny is a chef, as he had once dreamed.",
        encoding="utf-8",
    )
    (tmp_path / "nurse.md").write_text(
        "# The Night Nurse\n\nAnna Berg is a nurse who starts work before dawn at the city hospital.\n\nHer brother, "
        "Lars Berg, visits her at the hospital each Sunday.\n\nYears ago, Anna had been a dancer with the national "
        "ballet. She gave it up after a fall on stage.",
        encoding="utf-8",
    )
    library = StoryLibrary(load_corpus(tmp_path))
    for question, story, passage in (
        ("What was Danny's job at first?", "Night Shift", 1),
        ("what does danny do for a living at the start", "Night Shift", 1),
        ("What was Anna's job before?", "The Night Nurse", 3),
    ):
        answer = library.ask(question)
        assert answer.best is not None and (answer.best.story, answer.best.passage) == (story, passage), question


def test_an_age_is_answered_where_the_story_tells_it_not_where_the_person_is_brought_in(tmp_path):
    """ "How old is Reinhold?" of a Reinhold brought in by who he is and said to be ninety-four later: the passage
    telling his age answers, and its excerpt leads with the sentence that does."""
    (tmp_path / "letters.md").write_text(
        "# A Winter in Vellacourt\n\nIn 1944 a young soldier, Reinhold Brandt, hides in the attic of a farmhouse "
        "in the Vosges, and the farmer's daughter Margot brings him bread.\n\nMargot marries a schoolteacher after "
        "the war and never speaks of the attic again.\n\nSixty years later her granddaughter writes to a care home "
        "in Milwaukee. A reply comes: Reinhold, now ninety-four, is still alive, and he remembers the bread.",
        encoding="utf-8",
    )
    library = StoryLibrary(load_corpus(tmp_path))
    for question in ("how old is reinhold", "How old was Reinhold Brandt?", "What is Reinhold's age?", "reinhold age"):
        answer = library.ask(question)
        assert answer.best is not None and answer.best.passage == 3, question
        start, end = answer.best.excerpt.answer or (0, 0)
        assert "now ninety-four" in answer.best.excerpt.text[start:end], question
    answer = library.ask("Who is Reinhold?")
    assert answer.best is not None and answer.best.passage == 1
    (tmp_path / "ferry.md").write_text(
        "# The Ferry Boy\n\nDetective Inspector Ruth Calloway is sent to a harbour town where a boy has gone "
        "missing.\n\nRuth questions Jenny Pascoe, a 34-year-old ferry pilot who saw the boy last.\n\nRuth, now "
        "fifty-two and passed over for promotion twice, refuses to close the case.",
        encoding="utf-8",
    )
    library = StoryLibrary(load_corpus(tmp_path))
    answer = library.ask("How old is Ruth?")
    assert answer.best is not None and (answer.best.story, answer.best.passage) == ("The Ferry Boy", 3)


def test_where_someone_comes_from_is_answered_where_the_story_tells_it(tmp_path):
    """ "Where is Gethin from?" of a Gethin whose name and "from" stand together more in a later passage than where his
    origin is told: the passage telling it answers, and its excerpt leads with the sentence that does."""
    (tmp_path / "winter.md").write_text(
        "# The Long Winter\n\nIn 1916 our company was sent up to the Alps. My closest friend was a Welshman named "
        "Gethin Pryce, a coal miner's son from Merthyr who could sing any hymn.\n\nIn March a letter from home "
        "reached Gethin: his brother was missing. From then on Gethin spoke of nothing but the letter from home.",
        encoding="utf-8",
    )
    library = StoryLibrary(load_corpus(tmp_path))
    for question in ("where is gethin from", "Where did Gethin Pryce come from?", "what town is gethin from"):
        answer = library.ask(question)
        assert answer.best is not None and answer.best.passage == 1, question
        start, end = answer.best.excerpt.answer or (0, 0)
        assert "from Merthyr" in answer.best.excerpt.text[start:end], question
    (tmp_path / "ward.md").write_text(
        "# Night Ward\n\nNell Price, a nurse on the night ward, finds a patient missing.\n\nThe police come from "
        "the town and Nell is questioned.\n\nNell, born in a fishing village near Whitby, knows the sea.",
        encoding="utf-8",
    )
    library = StoryLibrary(load_corpus(tmp_path))
    answer = library.ask("Where is Nell from?")
    assert answer.best is not None and (answer.best.story, answer.best.passage) == ("Night Ward", 3)


def test_a_job_is_not_answered_by_a_name_spoken_to_or_by_a_place_among_siblings(tmp_path):
    (tmp_path / "fever.md").write_text(
        '# The Fever Winter\n\n"Ned, the doctor from the hospital in town says you must stay in bed until Sunday," '
        "Martha said.\n\nNed had caught the fever while hauling nets in the January storms.\n\nNed Rowe was a "
        "fisherman who owned a small boat called the Kittiwake.",
        encoding="utf-8",
    )
    (tmp_path / "mill.md").write_text(
        "# The Weaver's Son\n\nTom Brandt, the youngest of seven children born to a poor family of weavers in the "
        "mill town, left home at sixteen.\n\nHe walked to Manchester with nothing but a loaf of bread and his "
        "father's watch.\n\nTom worked as a printer's apprentice on Deansgate, setting type for the radical "
        "newspapers.",
        encoding="utf-8",
    )
    library = StoryLibrary(load_corpus(tmp_path))
    for question, passage in (("What is Ned's job?", 3), ("What does Tom Brandt do for a living?", 3)):
        answer = library.ask(question)
        assert answer.best is not None and answer.best.passage == passage, question


def test_a_name_two_people_share_is_answered_as_ranked_not_by_one_of_their_introductions(tmp_path):
    """ "Karim" is a lookup's Karim, whose whole name it is, and may as well be Karim Benali: neither introduction
    is put first."""
    (tmp_path / "floor.md").write_text(HEIST, encoding="utf-8")
    (tmp_path / "chart.md").write_text(
        "# The Chart\n\nInes draws maps for the Casa da India until 1510.\n\nShe marries Yusuf's grandson, Karim, "
        "and moves to Seville, where Karim sells spices.",
        encoding="utf-8",
    )
    library = StoryLibrary(load_corpus(tmp_path))
    assert library.person_finder.find("Karim").matches[0].name == "Karim"  # as /performer looks it up
    answer = library.ask("What is Karim's job?")
    assert answer.best is not None and (answer.best.story, answer.best.passage) == ("The Third Floor", 3)


def test_what_a_name_is_short_for_is_answered_by_where_the_person_is_introduced(tmp_path):
    (tmp_path / "drift.md").write_text(
        "# The Quiet Drift\n\nThe ship had drifted for three hundred years between the stars.\n\n"
        "Third-shift warden Iolanthe Vasquez-Mbeki, known to everyone on the lower decks as Lanthe, was in the "
        "gardens when the lights dimmed.\n\nLanthe woke the engineer, who was short of sleep.\n\n"
        '"Can you clean it?" Lanthe asked. "Not in time," he said, short of breath.',
        encoding="utf-8",
    )
    library = StoryLibrary(load_corpus(tmp_path))
    for question in ("what is lanthe short for", "What is Lanthe's full name?"):
        answer = library.ask(question)
        assert answer.best is not None and answer.best.excerpt.text.startswith("Third-shift warden Iolanthe")


def test_a_persons_last_name_is_answered_by_where_they_are_introduced(tmp_path):
    # The passage most like the question says "last" and "name"; the one that writes her whole name says neither.
    (tmp_path / "bread.md").write_text(
        "# Sunday Bread\n\nEvery Sunday my grandmother, Rosa Ferreira, baked bread before anyone was awake.\n\n"
        "Rosa kneaded the dough for twenty minutes and let it rise by the stove.\n\n"
        "The last thing Rosa did was write her name on the last page of the recipe book.",
        encoding="utf-8",
    )
    library = StoryLibrary(load_corpus(tmp_path))
    for question in ("What is Rosa's last name?", "whats rosas surname", "rosa last name"):
        answer = library.ask(question)
        assert answer.best is not None and answer.best.excerpt.text.startswith("Every Sunday my grandmother"), question


def test_a_question_about_the_ending_is_answered_from_the_last_passage_telling_of_it(tmp_path):
    # "edmund" is in every passage of his story, and its first holds "killed" too: BM25 ranks the first first, where
    # no one yet knows who killed him. A plot is told in order: its end, at its end. Library-wide, "end" (which no
    # story writes) counted against every passage and left only the first to answer.
    (tmp_path / "ledger.md").write_text(
        "# The Ledger\n\n"
        "Edmund Vale is killed on the causeway, and the coroner rules that Edmund drowned by accident.\n\n"
        "His sister reads Edmund's ledger and finds debts that Edmund hid from his sons.\n\n"
        "In the last chapter she learns that Edmund's elder son, Gerald, pushed him from the causeway.\n"
    )
    (tmp_path / "harbour.md").write_text(
        "# The Harbour\n\nA storm killed three fishermen in the winter, and the harbour master closed the quay.\n"
    )
    library = StoryLibrary.load(tmp_path)
    ledger = next(i for i, story in enumerate(library.corpus.stories) if story.title == "The Ledger")
    best = library.ask("who killed edmund").best
    assert best is not None and best.passage == 1
    for story in (None, ledger):
        answer = library.ask("who killed edmund in the end", story=story)
        assert [(hit.story, hit.passage) for hit in answer.hits][:2] == [("The Ledger", 3), ("The Ledger", 1)]
    # Asked of the story with nothing else to search, its last passage; of the library, no story is meant.
    assert [hit.passage for hit in library.ask("How does it end?", story=ledger).hits] == [3]
    assert [hit.passage for hit in library.ask("How does the film end?", story=ledger).hits] == [3]  # no "film"
    assert library.ask("How does it end?").reason is NoAnswer.NO_MATCH
    # The title's words name the story, not what happens: its second passage says "ledger" too, but not the end.
    for story in (None, ledger):
        assert [hit.passage for hit in library.ask("How does The Ledger end?", story=story).hits][:1] == [3]


def test_a_person_named_in_the_title_is_still_asked_the_ending_of(tmp_path):
    # "Tobias" is a word of the title, but not all of it: how it ends for him, where his story ends.
    (tmp_path / "mara-and-tobias.md").write_text(
        "# Mara and Tobias\n\nMara and Tobias run a bakery in Ghent.\n\n"
        "Tobias is jailed for the fire and dies in prison.\n\n"
        "Mara sells the bakery and opens a school for bakers.\n"
    )
    library = StoryLibrary.load(tmp_path)
    for story in (None, 0):
        best = library.ask("How does it end for Tobias?", story=story).best
        assert best is not None and best.passage == 2, story


def test_the_film_a_question_asks_the_ending_of_is_the_story_not_a_word_to_search(tmp_path):
    (tmp_path / "reel.md").write_text(
        "# Reel\n\nMara Quint shoots her first film in Lisbon.\n\n"
        "The film crew strikes in the second week, and the producer flies in.\n\n"
        "Mara leaves the crew behind and sails home to Porto.\n"
    )
    (tmp_path / "harbour.md").write_text("# The Harbour\n\nA storm closed the quay for the winter.\n")
    library = StoryLibrary.load(tmp_path)
    reel = next(i for i, story in enumerate(library.corpus.stories) if story.title == "Reel")
    for story in (None, reel):
        best = library.ask("How does the film end?", story=story).best
        assert best is not None and (best.story, best.passage) == ("Reel", 3), story


def test_a_question_about_the_setting_is_answered_from_the_passage_opening_the_story(tmp_path):
    # The title's words and "set" stand in later passages more than in the first, which tells when and where.
    (tmp_path / "salt-gate.md").write_text(
        "# The Salt Gate\n\n"
        "In the winter of 1347, the river town of Veldmere is held by Countess Ysolde. Her steward, Wren, keeps "
        "the keys of every gate.\n\n"
        "The salt gate is a low postern by the river where salt barges once unloaded. Wren set a watch on the salt "
        "gate.\n\n"
        "The battle takes place at the salt gate on the night of the thaw, and Wren holds the salt gate.\n"
    )
    (tmp_path / "ward-eleven.md").write_text(
        "# Ward Eleven\n\n"
        "Dr Folasade Cole returns to work. Ward Eleven is a soap opera set in Marina Mercy Hospital on Lagos "
        "Island.\n\n"
        "On ward eleven the night nurse, Bisi, finds the drug cabinet open, and ward eleven is set apart by the "
        "board.\n"
    )
    library = StoryLibrary.load(tmp_path)
    salt = next(i for i, story in enumerate(library.corpus.stories) if story.title == "The Salt Gate")
    for question in ("When is The Salt Gate set?", "when and where does the salt gate take place"):
        for story in (None, salt):
            best = library.ask(question, story=story).best
            assert best is not None and (best.story, best.passage) == ("The Salt Gate", 1), (question, story)
            assert best.excerpt.answer is not None, (question, story)
            assert best.excerpt.text[best.excerpt.answer[0] :].startswith("In the winter of 1347"), (question, story)
    best = library.ask("What year is it set in?", story=salt).best
    assert best is not None and best.passage == 1
    # Led by the sentence saying "set in", not by the passage's first.
    best = library.ask("where is ward eleven set").best
    assert best is not None and (best.story, best.passage) == ("Ward Eleven", 1)
    assert best.excerpt.answer is not None
    assert best.excerpt.text[best.excerpt.answer[0] :].startswith("Ward Eleven is a soap opera")
    # An event of the story is no setting of it.
    best = library.ask("When does the battle take place?", story=salt).best
    assert best is not None and best.passage == 3


def test_a_setting_told_after_the_opening_answers_where_it_is_told(tmp_path):
    (tmp_path / "low-tide.md").write_text(
        "# Low Tide\n\nTomas Berg grows up on a farm by the sea with his mother, Ilse.\n\n"
        "Tomas leaves school at fifteen and works the ferries.\n\n"
        "The novel is set in Denmark between 1952 and 1970, on the island of Fanø.\n"
    )
    (tmp_path / "wedding.md").write_text(
        "# The Wedding\n\nAsha Menon is to marry Dev, a banker from Kochi.\n\n"
        "Dev's mother wants a temple ceremony; Asha wants the sea.\n\n"
        "The wedding takes place on the beach at Cherai, and the rain holds off.\n"
    )
    library = StoryLibrary.load(tmp_path)
    titles = [story.title for story in library.corpus.stories]
    low, wedding = titles.index("Low Tide"), titles.index("The Wedding")
    for question, story, answered in (
        ("Where is it set?", low, "Low Tide"),
        ("When does the novel take place?", low, "Low Tide"),
        ("Where is Low Tide set?", None, "Low Tide"),
        ("When does the wedding take place?", wedding, "The Wedding"),
        ("Where is The Wedding set?", None, "The Wedding"),
    ):
        best = library.ask(question, story=story).best
        assert best is not None and (best.story, best.passage) == (answered, 3), question


KIN_STORIES = {
    "whitcombe.md": (
        "# The Apothecary's Son\n\nIn 1880s Bath, Julian Whitcombe is the shy son of the town's most respected "
        "physician. Dr. Whitcombe trained at the University of Edinburgh and expects his son to follow him "
        "into medicine, but Julian secretly wants to paint. Julian's only friend is Lottie Marsh, a "
        "laundress's daughter who sells violets outside the Pump Room.\n\nWhen Dr. Whitcombe dies of a stroke "
        "during a dinner party, Julian inherits the practice and a mountain of debts. He discovers that his "
        "father had been supplying laudanum to half the town's gentry. Julian studies at the Royal Academy in "
        "secret, paying his fees with money meant for the creditors. In the final chapter, Lottie helps him "
        "burn the ledgers and the two leave Bath on the night train to London."
    ),
    "hale-brothers.md": (
        "# Salt Road\n\nMarcus Hale is a quiet sheep farmer on the Yorkshire moors who has not left his valley "
        "in twenty years. His older brother was the family's golden boy: he studied at Oxford, went into the "
        "navy, and drowned off the Falklands in 1982. The elder Hale played the cello beautifully, and his "
        "instrument still sits in the farmhouse parlour.\n\nMarcus plays nothing at all. When a young hiker, "
        "Freya Lind, is injured in a storm and shelters at the farm, she finds the cello and begins to play "
        "it. Marcus, at first furious, slowly lets her stay. Freya is a music student from Bergen who dropped "
        "out of the Grieg Academy after her own father's death. Together they clear the parlour, and Marcus "
        "finally scatters his brother's ashes on the ridge."
    ),
    "okafors-family.md": (
        "# A House in Enugu\n\nThe Okafors are a loud, loving family of six living above their bakery in "
        "Enugu. The eldest daughter, Ngozi Okafor, wants to become a lawyer and studies at night at the "
        "University of Nigeria. Her younger brother Emeka has no interest in books and spends his days with "
        "the family dog, a scruffy mongrel named Biscuit.\n\nTheir father, Mr. Okafor, is a proud baker who "
        "studied at a catering school in Lagos as a young man. When a supermarket opens across the street, the "
        "bakery begins to fail. Mr. Okafor dies of a heart attack on the morning the bank comes to repossess "
        "the ovens. Ngozi abandons her studies to run the shop, while Emeka, to everyone's surprise, turns out "
        "to be a gifted baker."
    ),
    "al-amin.md": (
        "# The Cairo Ledger\n\nYusuf Al-Amin is a mild-mannered accountant at a shipping firm in Alexandria. "
        "Dr. Al-Amin, as his colleagues call him for his doctorate in economics, discovers that the firm is "
        "laundering money for a general. His wife, Mrs. Al-Amin, studied architecture at Cairo University and "
        "designs the couple's escape.\n\nYusuf hides the ledger in the frame of his oud, an instrument he has "
        "played since childhood. The general's man, Karim Haddad, follows him to the railway station. Mrs. "
        "Al-Amin is shot on the platform while distracting Haddad, and Yusuf escapes to Athens with the "
        "ledger. He testifies before a European court and lives out his days in exile."
    ),
    "holt-ferry.md": (
        "# The Last Ferry\n\nCaptain Maren Holt runs the ferry between the islands of a Norwegian fjord. Her "
        "brother, Nils Holt, was a captain in the merchant navy before he lost his leg in an engine fire. Nils "
        "now spends his days in the harbour bar, and he resents his sister's success.\n\nWhen the government "
        "announces a bridge that will end the ferry service, Maren fights it in the village council. The "
        "engineer in charge, Sigrid Aas, is an old schoolfriend of Maren's. Nils sabotages the ferry's engine "
        "to force the issue, and in the winter storm that follows, Maren drowns while trying to save her "
        "passengers. Nils confesses at her funeral."
    ),
}


def _answer_sentence(library: StoryLibrary, question: str, story: int | None) -> str:
    best = library.ask(question, count=1, story=story).best
    assert best is not None and best.excerpt.answer is not None, question
    start, end = best.excerpt.answer
    return best.excerpt.text[start:end]


@pytest.fixture(scope="module")
def kin_library(tmp_path_factory: pytest.TempPathFactory) -> StoryLibrary:
    folder = tmp_path_factory.mktemp("kin")
    for name, text in KIN_STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return StoryLibrary.load(folder)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # the father, "Dr. Whitcombe", and the brother, "the elder Hale", are no people the finder lists
        ("Where did Julian study?", "Julian studies at the Royal Academy"),
        ("Where did Julian Whitcombe study?", "Julian studies at the Royal Academy"),
        # "Mr. Okafor" is her father and "Mrs. Al-Amin" his wife, not Ngozi and Yusuf by their surnames
        ("Where did Ngozi Okafor study?", "studies at night at the University of Nigeria"),
        ("Where did Ngozi's father study?", "Mr. Okafor, is a proud baker who studied at a catering school"),
        ("Where did Yusuf's wife study?", "Mrs. Al-Amin, studied architecture at Cairo University"),
        # a captain before, "Nils Holt, was a captain in the merchant navy", does not unseat Captain Maren Holt
        ("Who is the captain?", "Captain Maren Holt runs the ferry"),
        ("How did the captain die?", "Maren drowns while trying to save her passengers"),
    ],
)
def test_a_fact_is_read_of_the_person_asked_not_of_kin_sharing_their_surname(kin_library, question, said):
    story = next(index for index in range(len(kin_library.corpus.stories)) if said in story_text(kin_library, index))
    for scope in (None, story):
        assert said in _answer_sentence(kin_library, question, scope), (question, scope)


@pytest.mark.parametrize(
    ("question", "not_said"),
    [
        ("What instrument does Marcus play?", "cello"),  # "The elder Hale played the cello": his dead brother
        ("How did Ngozi Okafor die?", "heart attack"),  # her father's death
        ("How did Ngozi die?", "heart attack"),
        ("How did Yusuf Al-Amin die?", "shot"),  # his wife's
    ],
)
def test_a_fact_of_kin_sharing_a_persons_surname_is_not_told_as_theirs(kin_library, question, not_said):
    answer = kin_library.ask(question, count=1).best
    assert answer is not None
    story = next(index for index, story in enumerate(kin_library.corpus.stories) if story.path == answer.path)
    for scope in (None, story):
        assert not_said not in _answer_sentence(kin_library, question, scope), (question, scope)


def story_text(library: StoryLibrary, story: int) -> str:
    return "\n".join(passage.text for passage in library.corpus.passages if passage.story == story)


FORMER_ROLE_STORIES = {
    "n-former-captain2.md": (
        "# The Salt Road II\n\nThe ship's captain, a gruff old sailor whom the crew never name, dies of fever"
        " off the coast of Guinea. Command falls to the first mate. Peter Lund was a captain in the Danish "
        "navy before he was dismissed for drunkenness, and he signed on as a common seaman to escape his "
        "debts.\n\nPeter befriends the cabin boy, Samuel Okoro, who studied navigation at a mission school in"
        " Lagos. Together they steer the ship home through a hurricane. Peter drowns on the last night, and "
        "Samuel brings the ship into Copenhagen alone."
    ),
    "n-doctor2.md": (
        "# The Village Doctor\n\nThe village doctor, an elderly widower, dies of a heart attack in the first "
        "chapter, and the village is left without care. Hannah Price was a doctor in London before she lost "
        "her licence, and she now keeps the village shop. Her son Owen studied at a grammar school in "
        "Bath.\n\nHannah secretly treats the sick at night. When the new doctor, a young Scot, arrives, he "
        "reports her to the police. Hannah is killed in a fall from her horse."
    ),
    "n-two-doctors.md": (
        "# Winter Ward\n\nNurse Agnes Pryce works the night shift at a Glasgow infirmary during the 1918 "
        "influenza. Agnes studied nursing at the Royal Infirmary school. Her colleague Tom Gallagher was a "
        "doctor before the war, and Dr. Ruth Kerr, who trained at the University of Aberdeen, runs the "
        "ward.\n\nTom plays the fiddle for the patients at night. When Dr. Kerr collapses from exhaustion and"
        " dies of the influenza herself, Agnes takes charge. Tom is arrested for treating patients without a "
        "licence, and Agnes testifies for him."
    ),
}


@pytest.fixture(scope="module")
def former_role_library(tmp_path_factory: pytest.TempPathFactory) -> StoryLibrary:
    folder = tmp_path_factory.mktemp("former")
    for name, text in FORMER_ROLE_STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return StoryLibrary.load(folder)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # "Peter Lund was a captain ... before he was dismissed", "Hannah Price was a doctor in London before she lost
        # her licence": a former role; the story's own captain and doctor are unnamed, and the ranking finds them
        ("How did the captain die?", "The ship's captain, a gruff old sailor whom the crew never name, dies of fever"),
        ("Who is the captain?", "The ship's captain, a gruff old sailor whom the crew never name"),
        ("How did the doctor die?", "The village doctor, an elderly widower, dies of a heart attack"),
    ],
)
def test_a_role_held_before_is_not_the_role_asked_of(former_role_library, question, said):
    story = next(
        index
        for index in range(len(former_role_library.corpus.stories))
        if said in story_text(former_role_library, index)
    )
    for scope in (None, story):
        assert said in _answer_sentence(former_role_library, question, scope), (question, scope)


def test_no_one_holds_a_role_only_held_before_or_written_apart_from_them(former_role_library):
    # "Tom Gallagher was a doctor before the war": Dr. Kerr runs the ward, and Tom's fiddle is no doctor's
    passages = former_role_library.corpus.passages
    for story in former_role_library.corpus.stories:
        for role in ("captain", "doctor"):
            assert role_held(former_role_library.person_finder, story, passages, role) is None, (story.path, role)


def test_a_fact_asked_of_a_relative_or_a_role_is_asked_of_the_one_person_they_are(tmp_path):
    (tmp_path / "reyes.md").write_text(
        "# The Bakery on Calle Feria\n\nTomas Reyes runs a small bakery in Seville with his wife, Lucia, who keeps the"
        " accounts and worries about the rent.\n\nWhen a supermarket opens across the street, the regulars drift away,"
        " and Tomas refuses to change a single recipe.\n\nLucia studied at the University of Granada, and she quietly"
        " plans to return to pharmacy if the bakery fails.\n\nTheir son, Mateo, enters the bakery's bread in a city"
        " competition without telling his father.\n\nThe bread wins, the regulars come back, and Tomas finally lets"
        " Mateo bake his own loaves.",
        encoding="utf-8",
    )
    (tmp_path / "solheim.md").write_text(
        "# The Northern Run\n\nCaptain Ingrid Solheim commands the trawler Kittiwake out of Tromsø, with a crew of six"
        " and a cook, Arne Dahl.\n\nA storm catches the Kittiwake off Bear Island, and the crew fight for two days to"
        " keep her afloat.\n\nSolheim drowns when she goes back below to free the trapped cook.\n\nArne Dahl survives"
        " and tells her story in the harbour bars of Tromsø.",
        encoding="utf-8",
    )
    library = StoryLibrary.load(tmp_path)
    for question, said in (
        ("Where did Tomas's wife study?", "Lucia studied at the University of Granada"),
        ("where did tomass wife study", "Lucia studied at the University of Granada"),
        ("How did the captain die?", "Solheim drowns when she goes back below"),
    ):
        assert_answered_in_both_scopes(library, question, said)


def test_a_fact_asked_of_a_role_of_the_bundled_stories_is_their_violinists(library):
    for question in ("Where did the violinist study?", "Who taught the violinist?"):
        assert_answered_in_both_scopes(library, question, "hiring private tutors to help her")
    assert_answered_in_both_scopes(library, "What instrument does the violinist play?", "a renowned violinist")


@pytest.mark.parametrize(
    ("stories", "question", "said"),
    [
        (
            ("untuned3/corpus/hold-the-bridge-at-varenne.md", "untuned3/corpus/the-night-ferry.md"),
            "Who\u2019s the medic?",
            "the company medic, Corporal Isaac Feld",
        ),
        (
            ("untuned4/corpus/velvet-static.md",),
            "what\u2019s the name of gwen\u2019s daughter",
            "their daughter, Carys",
        ),
    ],
)
def test_a_question_typed_with_a_phone_s_apostrophes_is_read_as_typed_with_plain_ones(
    tmp_path, stories, question, said
):
    # A phone types "Who\u2019s"; every question shape's reader spelt its opening "who's", so the role question was
    # searched as words alone and answered from the ferry's purser.
    library = library_of(tmp_path, *(BENCH / story for story in stories))
    assert_answered_in_both_scopes(library, question, said)
    assert_answered_in_both_scopes(library, question.replace("\u2019", "'"), said)
