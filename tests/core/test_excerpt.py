from bot.core.analysis import Analyzer
from bot.core.excerpt import ELLIPSIS, make_excerpt

ANALYZER = Analyzer()


def weights_for(question: str) -> dict[str, float]:
    return dict.fromkeys(ANALYZER.terms(question), 1.0)


def test_short_passage_is_quoted_whole_with_matches_marked():
    text = "Sofia met Ivan, a charismatic musician."
    excerpt = make_excerpt(text, ANALYZER, weights_for("ivan musician"))
    assert excerpt.text == text
    assert [text[s:e] for s, e in excerpt.highlights] == ["Ivan", "musician"]
    assert list(excerpt.segments())[1] == ("Ivan", True)


def test_long_passage_keeps_the_sentences_that_match():
    filler = "The weather was mild and nothing much happened that day. " * 6
    text = filler + "At last the violinist played her Stradivarius. " + filler
    excerpt = make_excerpt(text.strip(), ANALYZER, weights_for("stradivarius"), max_chars=200)
    assert "Stradivarius" in excerpt.text
    assert excerpt.text.startswith(ELLIPSIS) and excerpt.text.endswith(ELLIPSIS)
    assert len(excerpt.text) <= 202
    marked = [excerpt.text[s:e] for s, e in excerpt.highlights]
    assert marked == ["Stradivarius"]


def test_overlong_sentence_is_cut_between_words():
    words = " ".join(f"word{i}" for i in range(200))
    text = words + " violin " + words + "."
    excerpt = make_excerpt(text, ANALYZER, weights_for("violin"), max_chars=120)
    assert "violin" in excerpt.text
    inner = excerpt.text.strip(ELLIPSIS)
    assert all(w.startswith("word") or w == "violin" for w in inner.split())
    assert excerpt.text[excerpt.highlights[0][0] : excerpt.highlights[0][1]] == "violin"
