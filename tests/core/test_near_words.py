import random
from pathlib import Path

import pytest
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.core.analysis import fold, word_list
from bot.core.near_words import JoinedNearWords, NearWords

# Few letters, so words crowd each other (dozens one edit apart, the limit of 20 cut); letters past
# "z" share bits, and one lies outside the Basic Multilingual Plane.
LETTERS = "abcdeéßλ中𝔞"


def _edited(word: str, rng: random.Random, edits: int) -> str:
    for _ in range(edits):
        place = rng.randrange(len(word) + 1)
        kind = rng.randrange(4)
        letter = rng.choice(LETTERS)
        if kind == 0:
            word = word[:place] + letter + word[place:]
        elif kind == 1 and word:
            word = word[: place - 1] + word[place:] if place else word[1:]
        elif kind == 2 and place < len(word):
            word = word[:place] + letter + word[place + 1 :]
        elif place + 1 < len(word):
            word = word[:place] + word[place + 1] + word[place] + word[place + 2 :]
    return word


@pytest.fixture(scope="module")
def library_words() -> list[str]:
    rng = random.Random(18)
    story = Path(__file__).resolve().parents[2] / "corpus" / "sophie-korolev-pianist.md"
    found = {fold(w) for w in word_list(story.read_text("utf-8"))}
    while len(found) < 20_000:
        found.add("".join(rng.choice(LETTERS) for _ in range(rng.randint(1, 12))))
    words = sorted(found)
    rng.shuffle(words)
    return words


def test_the_words_within_reach_are_those_a_scan_of_every_word_finds_in_its_order(library_words):
    near = NearWords(library_words)
    rng = random.Random(7)
    typed = [_edited(rng.choice(library_words), rng, rng.randint(0, 3)) for _ in range(200)]
    typed += ["", "a", "zzzzzzzzzzzzzzzzzzzzzzzz", "performance"]
    crowded = 0
    for word in typed:
        for edits in (0, 1, 2):
            every = process.extract(word, library_words, scorer=OSA.distance, score_cutoff=edits, limit=None)
            within = {position for _, _, position in every}
            assert within <= set(near.candidates(word, edits).tolist())
            for limit in (1, 20, None):
                scanned = [(w, int(d), p) for w, d, p in every[:limit]]
                assert near.closest(word, edits, limit) == scanned
            crowded += len(every) > 20
    assert crowded > 50  # the cut at 20 was exercised


def test_the_filter_keeps_few_words(library_words):
    near = NearWords(library_words)
    kept = [len(near.candidates(word, 1)) for word in library_words[:200]]
    assert sum(kept) < 0.2 * 200 * len(library_words)


def test_an_empty_list_has_no_candidates():
    assert NearWords([]).candidates("word", 2).tolist() == []


def test_two_lists_joined_find_what_one_list_of_both_finds_in_its_order(library_words):
    """A view's speller searches its owner's words (built once) and its shelf's, as one list of both."""
    rng = random.Random(11)
    typed = [_edited(rng.choice(library_words), rng, rng.randint(0, 3)) for _ in range(100)]
    for cut in (0, 1, 9_000, len(library_words) - 3):
        first, later = library_words[:cut], library_words[cut:]
        whole, joined = NearWords(library_words), JoinedNearWords(NearWords(first), cut, NearWords(later))
        twice = JoinedNearWords(
            JoinedNearWords(NearWords(first[:50]), min(cut, 50), NearWords(first[50:])), cut, NearWords(later)
        )
        for word in typed:
            for edits in (1, 2):
                for limit in (1, 5, 20, None):
                    assert joined.closest(word, edits, limit) == whole.closest(word, edits, limit), (word, cut)
                    assert twice.closest(word, edits, limit) == whole.closest(word, edits, limit), (word, cut)
