from bot.core.analysis import Analyzer
from bot.core.excerpt import ELLIPSIS, EXCERPT_CHARS, make_excerpt
from bot.core.sentences import sentence_spans

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


def test_a_long_passage_is_quoted_from_the_answering_sentence_on():
    text = (
        "The violinist was born in Moscow to a family of musicians. " * 4
        + "She played at Carnegie Hall one evening. The audience was transfixed. The critics wrote at length."
    )
    answer_start = text.index("She played")
    answer = (answer_start, answer_start + len("She played at Carnegie Hall one evening."))
    excerpt = make_excerpt(text, spans_of(text, "carnegie hall"), answer, max_chars=120)
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


def sentence_with(text: str, words: str) -> tuple[int, int]:
    return next((s, e) for s, e in sentence_spans(text) if words in text[s:e])


def test_a_question_that_spans_two_sentences_keeps_both():
    question = "What did Assipattle's brothers do when they came home from their work?"
    answer = sentence_with(BROTHERS, "came home")  # holds most of the question; "brothers" is in the one before
    excerpt = make_excerpt(BROTHERS, spans_of(BROTHERS, question), answer, max_chars=500)
    assert excerpt.text.startswith("And his brothers, working hard in the fields")
    assert "they would push him about and tease him" in excerpt.text
    assert excerpt.answer is not None
    start, end = excerpt.answer
    assert excerpt.text[start:end] == BROTHERS[answer[0] : answer[1]]


def test_room_left_reads_on_into_the_next_sentence():
    question = "What did Assipattle's mother make him do?"
    answer = sentence_with(BROTHERS, "mother")
    excerpt = make_excerpt(BROTHERS, spans_of(BROTHERS, question), answer)
    assert excerpt.text.startswith(ELLIPSIS + "And when they came home") and excerpt.text.endswith(ELLIPSIS)
    assert "odd jobs that nobody else would do. So poor Assipattle had" in excerpt.text
    assert len(excerpt.text) <= EXCERPT_CHARS + 2 * len(ELLIPSIS)
    assert excerpt.text.removesuffix(ELLIPSIS).split()[-1] in BROTHERS.split()  # cut between words


def test_a_short_passage_marks_its_answering_sentence():
    text = "Sofia danced. She met Ivan at the club."
    excerpt = make_excerpt(text, spans_of(text, "ivan"), (14, len(text)))
    assert excerpt.text == text and excerpt.answer == (14, len(text))
