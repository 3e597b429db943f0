from bot.core.analysis import Analyzer
from bot.core.excerpt import ELLIPSIS, make_excerpt

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
    excerpt = make_excerpt(text, spans_of(text, "hall violinist"), answer, max_chars=120)
    assert excerpt.text.startswith(ELLIPSIS + "She played at Carnegie Hall")
    assert "The audience was transfixed." in excerpt.text  # read on while it fits
    start, end = excerpt.answer
    assert excerpt.text[start:end] == "She played at Carnegie Hall one evening."


def test_a_short_passage_marks_its_answering_sentence():
    text = "Sofia danced. She met Ivan at the club."
    excerpt = make_excerpt(text, spans_of(text, "ivan"), (14, len(text)))
    assert excerpt.text == text and excerpt.answer == (14, len(text))
