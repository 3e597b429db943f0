"""A passage word's term and form, looked up among the library's own words before the analyser works them out: the
same terms and forms the analyser gives, whichever way each is found."""

from __future__ import annotations

import pickle
import types

import pytest

from bot.core import library_terms
from bot.core.analysis import Analyzer, word_list
from bot.core.library import StoryLibrary
from bot.core.library_terms import LibraryTerms

ODD_WORDS = ["Sébastien's", "SÉBASTIEN", "sebastien", "the", "The", "don't", "Moscow’s", "zyzzyva", "Ǆemal", "42"]
"""Words of the library in other cases, accents and possessives, stop words, and words no story holds."""


def test_every_word_has_the_term_and_form_the_analyser_gives(library: StoryLibrary) -> None:
    terms = LibraryTerms(library.analyzer, library.speller)
    words = {word for passage in library.corpus.passages for word in word_list(passage.text)} | set(ODD_WORDS)
    assert len(words) > 400
    for word in sorted(words):
        assert terms.term(word) == library.analyzer.term(word), word
        assert terms.stop_form(word) == library.analyzer.base(word), word
    assert terms.term("the") is None and terms.stop_form("the") == library.analyzer.base("the") != ""
    assert terms.term("Sébastien's") == terms.term("sebastien") is not None


def test_without_accent_folding_the_analysers_own_terms_are_kept(library: StoryLibrary) -> None:
    """The speller's words are folded: their terms would lose the accents an analyser that keeps them gives."""
    keeping = Analyzer(fold_accents=False)
    terms = LibraryTerms(keeping, library.speller)
    assert terms.term("Sébastien") == keeping.term("Sébastien") != library.analyzer.term("Sébastien")


def test_past_the_words_kept_they_are_forgotten_and_still_found(library: StoryLibrary, monkeypatch) -> None:
    monkeypatch.setattr(library_terms, "WORDS_KEPT", 3)
    terms = LibraryTerms(library.analyzer, library.speller)
    lookup = terms.term  # the lookup of a dictionary of the words found so far
    assert isinstance(lookup, types.BuiltinMethodType)
    kept = lookup.__self__
    assert isinstance(kept, dict)
    for word in ODD_WORDS * 2:
        assert terms.term(word) == library.analyzer.term(word), word
        assert len(kept) <= 3


def test_sent_to_another_process_it_is_made_again_from_its_analyser_and_speller(library: StoryLibrary) -> None:
    terms = LibraryTerms(library.analyzer, library.speller)
    terms.term("Sébastien")
    travelled = pickle.loads(pickle.dumps(terms))
    assert [travelled.term(w) for w in ODD_WORDS] == [terms.term(w) for w in ODD_WORDS]
    assert len(pickle.dumps(terms)) == len(pickle.dumps(LibraryTerms(library.analyzer, library.speller)))


@pytest.mark.parametrize("word", ["Ivan", "ivan's", "IVAN"])
def test_a_library_word_is_found_among_the_spellers_words(library: StoryLibrary, word: str) -> None:
    assert library_terms.normalize_word(word) in library.speller.words
    assert LibraryTerms(library.analyzer, library.speller).term(word) == library.analyzer.term("ivan")
