import shutil

import pytest

from bot.core.analysis import Analyzer
from bot.core.answer_position import AnswerPosition
from bot.core.answer_sentences import SentenceModel
from bot.core.excerpt import ELLIPSIS, EXCERPT_CHARS, closing, leading_with, make_excerpt
from bot.core.library import StoryLibrary
from bot.core.rerank.signals.sentence import best_sentence
from bot.core.sentences import sentence_spans
from tests.conftest import CORPUS

ANALYZER = Analyzer()


def spans_of(text: str, question: str) -> list[tuple[int, int]]:
    """Where the question's words stand in the text, as the library finds them."""
    terms = set(ANALYZER.terms(question))
    return [(s.start, s.end) for s in ANALYZER.spans(text) if s.term in terms]


def test_short_passage_is_quoted_whole_with_matches_marked():
    text = "Sofia met Ivan, a charismatic musician."
    excerpt = make_excerpt(text, spans_of(text, "ivan musician"))
    assert excerpt.text == text
    assert [text[s:e] for s, e in excerpt.highlights] == ["Ivan", "musician"]
    assert list(excerpt.segments())[1] == ("Ivan", True)


def test_long_passage_keeps_the_sentences_that_match():
    filler = "The weather was mild and nothing much happened that day. " * 6
    text = filler + "At last the violinist played her Stradivarius. " + filler
    excerpt = make_excerpt(text.strip(), spans_of(text.strip(), "stradivarius"), max_chars=200)
    assert "Stradivarius" in excerpt.text
    assert excerpt.text.startswith(ELLIPSIS) and excerpt.text.endswith(ELLIPSIS)
    assert len(excerpt.text) <= 202
    marked = [excerpt.text[s:e] for s, e in excerpt.highlights]
    assert marked == ["Stradivarius"]


def test_overlong_sentence_is_cut_between_words():
    words = " ".join(f"word{i}" for i in range(200))
    text = words + " violin " + words + "."
    excerpt = make_excerpt(text, spans_of(text, "violin"), max_chars=120)
    assert "violin" in excerpt.text
    inner = excerpt.text.strip(ELLIPSIS)
    assert all(w.startswith("word") or w == "violin" for w in inner.split())
    assert excerpt.text[excerpt.highlights[0][0] : excerpt.highlights[0][1]] == "violin"


def all_on(text: str, words: str) -> list[float]:
    """Every sentence's chance of answering: all of it on the one holding `words`."""
    return [float(words in text[s:e]) for s, e in sentence_spans(text)]


def test_a_long_passage_is_quoted_from_the_answering_sentence_on():
    text = (
        "The violinist was born in Moscow to a family of musicians. " * 4
        + "She played at Carnegie Hall one evening. The audience was transfixed. The critics wrote at length."
    )
    chances = all_on(text, "She played")
    excerpt = make_excerpt(text, spans_of(text, "carnegie hall"), chances, max_chars=120)
    assert excerpt.text.startswith(ELLIPSIS + "family of musicians. She played at Carnegie Hall")
    assert "The audience was transfixed. The critics wrote at length." in excerpt.text  # read on while it fits
    assert excerpt.answer is not None
    start, end = excerpt.answer
    assert excerpt.text[start:end] == "She played at Carnegie Hall one evening."


# A section of "Assipattle and the Mester Stoorworm" (FairytaleQA): three long sentences.
BROTHERS = (
    "And his brothers, working hard in the fields, would point to him with mocking fingers, and laugh, and say to "
    "each other how well the name suited him, and of how little use he was in the world. And when they came home "
    "from their work, they would push him about and tease him, and even his mother would make him sweep the floor, "
    "and draw water from the well, and fetch peats from the peat-stack, and do all the little odd jobs that nobody "
    "else would do. So poor Assipattle had rather a hard life of it, and he would often have been very miserable "
    "had it not been for his sister, who loved him dearly, and who would listen quite patiently to all the stories "
    "that he had to tell; who never laughed at him or told him that he was telling lies, as his brothers did."
)


def test_the_run_with_the_most_chance_is_kept_over_reading_on_from_the_likeliest_sentence():
    question = "What did Assipattle's brothers do when they came home from their work?"
    spans = sentence_spans(BROTHERS)
    chances = [0.45, 0.5, 0.05]  # the answer is in the sentence that repeats the question, or the one before
    excerpt = make_excerpt(BROTHERS, spans_of(BROTHERS, question), chances, max_chars=500)
    assert excerpt.text.startswith("And his brothers, working hard in the fields")
    assert "they would push him about and tease him" in excerpt.text
    assert excerpt.answer is not None
    start, end = excerpt.answer
    assert excerpt.text[start:end] == BROTHERS[spans[1][0] : spans[1][1]]


def test_room_left_reads_on_into_the_next_sentence():
    question = "What did Assipattle's mother make him do?"
    excerpt = make_excerpt(BROTHERS, spans_of(BROTHERS, question), all_on(BROTHERS, "mother"), max_chars=400)
    assert excerpt.text.startswith(ELLIPSIS + "And when they came home") and excerpt.text.endswith(ELLIPSIS)
    assert "odd jobs that nobody else would do. So poor Assipattle had" in excerpt.text
    assert len(excerpt.text) <= 400 + 2 * len(ELLIPSIS)
    assert excerpt.text.removesuffix(ELLIPSIS).split()[-1] in BROTHERS.split()  # cut between words


def test_a_short_passage_marks_its_answering_sentence():
    text = "Sofia danced. She met Ivan at the club."
    excerpt = make_excerpt(text, spans_of(text, "ivan"), all_on(text, "Ivan"))
    assert excerpt.text == text and excerpt.answer == (14, len(text))


SHORT = 400
"""An excerpt length these passages are longer than."""

# A section of FairytaleQA train's "The Little Hunting Dog", with a question people asked of it: the answer
# stands in the sentence before the one that repeats the question's words.
HUNTING_DOG = (
    "Once he was resting on his bed after dinner, when suddenly two little knights with plumes in their helmets "
    "rode into the room. They might have been two inches high, and rode horses about the size of grasshoppers. "
    "On their gauntleted hands they held hunting falcons as large as flies. They rode about the room with great "
    "rapidity. The scholar had no more than set eyes on them when a third entered, clad like the others, but "
    "carrying a bow and arrows and leading a little hunting dog the size of an ant with him."
)


@pytest.mark.parametrize(
    ("passage", "question", "answer"),
    [
        (HUNTING_DOG, "Who were two inches high and, rode horses about the size of grasshoppers?", "little knights"),
    ],
)
def test_the_excerpt_keeps_an_answer_before_the_sentence_that_repeats_the_question(tmp_path, passage, question, answer):
    shutil.copytree(CORPUS, tmp_path, dirs_exist_ok=True)  # the bundled stories beside it, as a library has
    (tmp_path / "tale.md").write_text(f"# A Tale\n\n{passage}\n", encoding="utf-8")
    library = StoryLibrary.load(tmp_path)
    library.excerpt_chars = SHORT  # whatever length the bot shows: these passages must be cut
    hit = library.ask(question).best
    assert hit is not None and hit.path == "tale.md" and len(passage) > SHORT
    assert answer in hit.excerpt.text
    # Read on from the sentence that holds most of the question, as the excerpt did before, it was cut.
    candidate = library.rank(library.query(question), None, 1)[0]
    repeating = best_sentence(candidate, library.query(question))[0]
    assert repeating is not None
    chances = [float(i == repeating) for i in range(len(sentence_spans(passage)))]
    assert answer not in make_excerpt(passage, spans_of(passage, question), chances, SHORT).text


def test_the_answer_is_a_sentence_the_excerpt_shows_when_the_run_kept_leaves_out_the_likeliest():
    text = (
        "A rider came at dawn with news. He brought a golden ring for her. "
        "The weather was cold and grey that morning in the valley. "
        "The old king sat alone in his tall stone tower and watched the long road for many days."
    )
    spans = sentence_spans(text)
    # The last sentence is the likeliest alone, but the first two together hold more and are kept.
    chances = [0.3, 0.3, 0.0, 0.4]
    excerpt = make_excerpt(text, spans_of(text, "rider ring"), chances, max_chars=100)
    assert excerpt.text.startswith("A rider came at dawn") and "old king" not in excerpt.text
    assert excerpt.answer is not None
    start, end = excerpt.answer
    assert 0 <= start < end <= len(excerpt.text)
    assert excerpt.text[start:end] == text[spans[0][0] : spans[0][1]]  # the likeliest of those shown


@pytest.mark.parametrize("late", [True, False])
def test_text_without_spaces_is_cut_where_the_window_falls_not_at_a_space_far_off(late):
    # Chinese writes no spaces: a Latin name's spaces far after (or just before) the match must not move the
    # window's start (or its end) there, leaving the match out.
    before, after = "从前有一个国王，他住在高高的石塔里。" * 30, "天气很冷。" * 40
    name = " Harry Potter 也来了。"
    text = before + "王子找到了金戒指。" + after + name if late else before + name + "王子找到了金戒指。" + after
    found = text.index("金戒指")
    excerpt = make_excerpt(text, [(found, found + 3)], max_chars=600)
    assert len(excerpt.text) > 300 and len(excerpt.text.strip(ELLIPSIS)) <= 600
    assert [excerpt.text[s:e] for s, e in excerpt.highlights] == ["金戒指"]


# A section of FairytaleQA train's "Jack my Hedgehog", longer than the excerpt, with a question people asked of it: the
# answer closes the passage, and the run of whole sentences that fits and holds the most chance ends before it.
HEDGEHOG = (
    "Then Jack my Hedgehog set off for the first kingdom, and there the King had given strict orders that if anyone "
    "should be seen riding a cock and carrying a bagpipe he was to be chased away and shot at, and on no account to "
    "be allowed to enter the palace. So when Jack my Hedgehog rode up the guards charged him with their bayonets, "
    "but he put spurs to his cock, flew up over the gate right to the King's windows, let himself down on the sill, "
    "and called out that if he was not given what had been promised him, both the King and his daughter should pay "
    "for it with their lives. Then the King coaxed and entreated his daughter to go with Jack and so save both their "
    "lives."
)
HEDGEHOG_QUESTION = ("What happened after Jack my Hedgehog called out to the King?", "the King coaxed and entreated")


def asked_of(tmp_path, passage: str, question: str):
    """The library's best hit for the question, the passage a tale beside the bundled stories."""
    shutil.copytree(CORPUS, tmp_path, dirs_exist_ok=True)
    (tmp_path / "tale.md").write_text(f"# A Tale\n\n{passage}\n", encoding="utf-8")
    library = StoryLibrary.load(tmp_path)
    hit = library.ask(question).best
    assert hit is not None and hit.path == "tale.md" and len(passage) > library.excerpt_chars
    return library, hit


def test_the_window_takes_in_the_end_of_the_sentence_before_to_keep_an_answer_that_closes_the_passage(tmp_path):
    question, answer = HEDGEHOG_QUESTION
    _, hit = asked_of(tmp_path, HEDGEHOG, question)
    assert answer in hit.excerpt.text
    assert hit.excerpt.text.startswith(ELLIPSIS) and hit.excerpt.text.endswith(HEDGEHOG[-40:])
    assert len(hit.excerpt.text) <= EXCERPT_CHARS + len(ELLIPSIS)
    assert hit.excerpt.text.removeprefix(ELLIPSIS).split()[0] in HEDGEHOG.split()  # cut between words


def _sentence(label: str, count: int) -> str:
    return " ".join(f"{label}{number}" for number in range(count)).capitalize() + "."


def test_where_answers_stand_in_their_sentence_decides_which_sentence_is_cut():
    """Answers mostly close their sentence. Of three sentences, 600 characters show the middle one whole and one of
    the others whole; the first is a little likelier to answer than the last (0.31 against 0.30). Were an answer as
    likely anywhere in its sentence, the excerpt would show the first whole and cut the last; with the fitted curves
    it shows the end of the first and the last whole, where a cut sentence's answer is likelier to be seen."""
    text = " ".join([_sentence("alpha", 40), _sentence("beta", 25), _sentence("gamma", 40)])
    chances = [0.31, 0.39, 0.30]
    fitted = make_excerpt(text, [], chances, 600, position=SentenceModel.bundled().position)
    assert fitted.text.startswith(ELLIPSIS) and fitted.text.endswith("gamma39.")
    anywhere = make_excerpt(text, [], chances, 600, position=AnswerPosition.uniform())
    assert anywhere.text.startswith("Alpha0 ") and anywhere.text.endswith(ELLIPSIS)


def test_a_passage_can_be_quoted_from_a_sentence_it_holds_as_the_answer():
    text = "Rain fell on Dos Cruces. " * 20 + "Rosa's son Mateo, a boy of twelve, vouches for Eli. " + "Dust. " * 60
    chances = leading_with(text, " Rosa's son Mateo, a boy of twelve, vouches for Eli.")
    assert chances is not None and sum(chances) == 1.0
    excerpt = make_excerpt(text, [], chances, 200)
    start, end = excerpt.answer or (0, 0)
    assert excerpt.text[start:end] == "Rosa's son Mateo, a boy of twelve, vouches for Eli."
    assert leading_with(text, "Mateo, a girl of nine.") is None and leading_with(text, "  ") is None


def test_an_excerpt_closing_a_long_passage_shows_how_it_ends():
    # For "How does the book end for Honoria?": the passage's first sentences held the question's words, and the
    # excerpt cut off its last, which told the end ("taking over her brother's post as parish clerk").
    text = " ".join(f"Sentence {n} tells of Honoria at the hall and of the storm over the marsh." for n in range(12))
    text += " Honoria decides to remain, taking over her brother's post as parish clerk."
    excerpt = make_excerpt(text, [(text.find("Honoria"), text.find("Honoria") + 7)], closing(text))
    assert excerpt.text.endswith("as parish clerk.") and excerpt.text.startswith("…")
    start, end = excerpt.answer or (0, 0)
    assert excerpt.text[start:end].startswith("Honoria decides")
    assert not make_excerpt(text, [(text.find("Honoria"), text.find("Honoria") + 7)]).text.endswith("clerk.")
