import json
import random
from pathlib import Path

import pytest

from bot.core.analysis import fold
from bot.core.name_index import NameIndex
from bot.core.performers import _NameIndex

LABELS = Path(__file__).resolve().parents[2] / "bench" / "people_labels.jsonl"
"""Names the people finder met in FairytaleQA's stories."""


def fairytaleqa(library_names: list[str]) -> list[str]:
    """The bundled stories' people and FairytaleQA's names, and as many again made of their words (first names
    with other surnames), some names in several stories, of accents, joiners and emoji, and an empty one."""
    real = library_names + [json.loads(line)["name"] for line in LABELS.read_text("utf-8").splitlines()]
    rng = random.Random(5)
    words = [word for name in real for word in name.split()] + ["Zoë", "Gro\u00df", "A\u200db", "\U0001f600"]
    made = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 3))) for _ in range(len(real) * 8)]
    return [fold(name) for name in [*real, *made, *real[:50], *made[:200], ""]]


@pytest.fixture(scope="module")
def keys(library) -> list[str]:
    return fairytaleqa([p.name for p in library.performers.performers])


def typed(keys: list[str]) -> list[str]:
    """Every prefix of names and of their words, and misspelt, and what starts no name."""
    rng = random.Random(3)
    texts = [*rng.sample(keys, 200), *(word for key in rng.sample(keys, 200) for word in key.split())]
    texts += [text[:place] + "x" + text[place + 1 :] for text in texts if text for place in [rng.randrange(len(text))]]
    return [*(text[:end] for text in texts for end in range(len(text) + 1)), "zzz", "\U0010ffff", "é", "a "]


def test_whole_names_and_words_give_the_people_the_old_index_gave(keys):
    old, new = _NameIndex(keys), NameIndex(keys)
    for text in typed(keys):
        assert new.named(text) == old.by_key.get(text, []), text
        assert new.holding(text).tolist() == old.by_word.get(text, []), text
    assert sorted(new.words) == sorted(old.words)


def test_names_holding_several_words_are_those_the_old_index_gave(keys):
    old, new = _NameIndex(keys), NameIndex(keys)
    rng = random.Random(8)
    for key in rng.sample(keys, 300):
        words = key.split()
        for asked in (words, words[::-1], words[:1], [*words, "zzz"], [words[-1], words[-1]] if words else []):
            if asked:
                assert new.holding_all(asked) == old.holding_all(asked), asked


@pytest.mark.parametrize("limit", [1, 25, 10_000])
def test_completions_are_those_the_old_index_gave(keys, limit):
    old, new = _NameIndex(keys), NameIndex(keys)
    for text in typed(keys):
        assert new.starting(text, limit) == old.starting(text, limit), text
