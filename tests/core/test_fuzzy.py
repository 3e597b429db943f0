import json
import random
from pathlib import Path

import pytest
from rapidfuzz import fuzz, process

from bot.core.analysis import fold
from bot.core.fuzzy import closest
from bot.core.people import FUZZY_CLOSE, FUZZY_MATCH, FUZZY_SUGGEST
from bot.core.story_names import FUZZY_SUGGEST as STORY_SUGGEST

LABELS = Path(__file__).resolve().parents[2] / "bench" / "people_labels.jsonl"
"""Names the people finder met in FairytaleQA's stories."""
MADE_UP = ["Sébastien Moreau", "Zoë", "Ana-María Ñúñez", "Ólafur", "Ève d'Arcy", "Bjørn", "Mårten Åberg", "O'Neil"]


@pytest.fixture(scope="module")
def names() -> list[str]:
    """FairytaleQA's names and made-up ones with accents, as they are and folded (as the bot matches them), and
    names made of their words (first names with other surnames), some more than once."""
    real = [json.loads(line)["name"] for line in LABELS.read_text("utf-8").splitlines()] + MADE_UP
    rng = random.Random(5)
    words = [word for name in real for word in name.split()]
    made = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 3))) for _ in range(len(real) * 3)]
    every = [*real, *made, *real[:40]]
    return every + [fold(name) for name in every]


def typed(names: list[str]) -> list[str]:
    """Names misspelt (a letter changed, dropped or doubled), their words reversed or alone, in capitals, with
    or without accents; long keys of several names; what matches no one."""
    rng = random.Random(13)
    keys = []
    for name in rng.sample(names, 15):
        place = rng.randrange(len(name))
        keys += [
            name[:place] + "x" + name[place + 1 :],
            name[:place] + name[place + 1 :],
            name[:place] + name[place] * 2 + name[place + 1 :],
            " ".join(reversed(name.split())),
            name.split()[-1],
            name.upper(),
            fold(name),
        ]
    keys += [" ".join(rng.sample(names, 6))[:100] for _ in range(5)]
    return [*keys, "a", "é", "zzzz", "", "sebastien", "ana maria", "x" * 100]


@pytest.mark.parametrize(
    ("scorer", "cutoff"),
    [
        (fuzz.WRatio, FUZZY_MATCH),
        (fuzz.WRatio, FUZZY_SUGGEST),
        (fuzz.WRatio, STORY_SUGGEST),
        (fuzz.ratio, FUZZY_MATCH - FUZZY_CLOSE),
    ],
)
@pytest.mark.parametrize("limit", [None, 3, 25])
def test_the_closest_are_what_rapidfuzz_extract_gives_scores_and_order_alike(names, scorer, cutoff, limit):
    # WRatio scores some names 60.00000000000001 and others 60.0: kept as float32 (cdist's own) they were equal
    # and came in the order of their places, not extract's.
    for key in typed(names):
        extracted = process.extract(key, names, scorer=scorer, score_cutoff=cutoff, limit=limit)
        assert closest(key, names, scorer, cutoff, limit) == [(i, score) for _, score, i in extracted], key


def test_no_choices_none_close():
    assert closest("sebastien", [], fuzz.WRatio, FUZZY_MATCH) == []
