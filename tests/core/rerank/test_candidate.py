"""A passage analysed for re-ranking holds what one pass of `words` over its whole text gives, its terms
found through the library's words (LibraryTerms) as the analyser finds them."""

from __future__ import annotations

import numpy as np
import pytest

from bot.core.analysis import Analyzer, words
from bot.core.corpus import Passage, load_corpus
from bot.core.library import StoryLibrary
from bot.core.library_terms import LibraryTerms
from bot.core.rerank.candidate import AnalysedPassage
from bot.core.sentences import sentence_spans
from bot.core.spelling import SpellingCorrector
from tests.conftest import CORPUS

TEXTS = [
    "Sébastien's violin sang. 'Tis the season, isn't it? The CHILDREN met Ivan's 25-year-old sister!",
    "No sentence end here but words and more words",
    "“Where?” she asked. “Into the woods,” he said… Then they went. A café in Zürich; naïve façade.",
    "東京タワーは高い。 Tokyo Tower is tall. हिन्दी में लिखा है। Then more.",
    "   Leading spaces. And trailing ones.   ",
    "Dr. Smith met Mr. Jones at 5 p.m. They talked about the 1990s economy.",
    "",
]


def expected(text: str, analyzer: Analyzer) -> tuple[list[str], list[int], str, list[tuple[int, int]]]:
    """Terms, their sentences, the forms string and the terms' places, from one pass over the whole text."""
    sentences = sentence_spans(text) or [(0, len(text))]
    starts = np.array([s for s, _ in sentences])
    found = words(text)
    kept = [(w, s, e) for w, s, e in found if analyzer.term(w) is not None]
    sentence_of = [max(int(np.searchsorted(starts, s, side="right")) - 1, 0) for _, s, _ in kept]
    forms = f" {' '.join(analyzer.base(w) for w, _, _ in found)} "
    return [analyzer.term(w) or "" for w, _, _ in kept], sentence_of, forms, [(s, e) for _, s, e in kept]


def texts_library(folder, analyzer: Analyzer) -> StoryLibrary:
    """A library of the texts and the bundled stories, whose speller holds their words."""
    (folder / "texts.md").write_text("# Texts\n\n" + "\n\n".join(t for t in TEXTS if t.strip()), encoding="utf-8")
    for story in CORPUS.glob("*.md"):
        (folder / story.name).write_text(story.read_text("utf-8"), encoding="utf-8")
    return StoryLibrary.load(folder, analyzer=analyzer)


@pytest.mark.parametrize("analyzer", [Analyzer(), Analyzer(stem=False, lemmatize=False, stopwords=False)])
@pytest.mark.parametrize("speller", ["none", "library"])
def test_an_analysed_passage_is_what_one_pass_over_its_words_gives(analyzer, speller, tmp_path):
    texts = TEXTS + [p.text for p in load_corpus(CORPUS).passages]
    passages = [Passage(story=0, number=n + 1, text=text, paragraph=n + 1) for n, text in enumerate(texts)]
    words_of = texts_library(tmp_path, analyzer).speller if speller == "library" else SpellingCorrector([], [], [])
    terms_of = LibraryTerms(analyzer, words_of)
    for doc, text in enumerate(texts):
        view = AnalysedPassage.of(doc, passages, terms_of)
        terms, sentence_of, forms, places = expected(text, analyzer)
        assert list(view.terms) == terms, text
        assert list(view.sentence_of) == sentence_of, text
        assert view.forms == forms, text
        assert view.places(range(len(terms))) == places, text
        assert view.places(reversed(range(len(terms)))) == places[::-1], text
        assert (view.text, view.story, view.passage) == (text, 0, passages[doc])


def test_positions_are_every_place_of_the_terms_asked_for_in_order():
    analyzer = Analyzer()
    passages = [
        Passage(
            story=0, number=1, text="The mill wheel turned; the miller watched the wheel and the mill.", paragraph=1
        )
    ]
    view = AnalysedPassage.of(0, passages, LibraryTerms(analyzer, SpellingCorrector([], [], [])))
    wheel, mill = analyzer.term("wheel"), analyzer.term("mill")
    assert wheel is not None and mill is not None
    assert view.positions({wheel, mill}) == [i for i, t in enumerate(view.terms) if t in {wheel, mill}]
    assert view.positions({"nothing"}) == []
