"""The people finder's fast paths find what its patterns find over the whole text."""

import random
import re

from bot.core.people_finder import _FAST_FIRST_CHECK, _LOWERCASE_WORD, _NAME_RUN, _lowercase_words

VARIED = [
    "Ivan's dog's 'tis a''b don't rock'n'roll o' the ' ' dogs' _under_score snake_case",
    "Sébastien’s café — “quoted” naïve ‘single’ don’t élan über",
    "東京タワー and Sofia, 😀 emoji here’s x; tab\tand\u00a0nbsp\u2028line",
    "Grace may come; grace and May. NASA, mRNA, 25-year-old fine-tuned 3.14 x2y",
    "नमस्ते दुनिया café\u0301 e\u0301tude İstanbul ß straße",
    "a" * 5000 + " b'" * 300,
    "",
]


def expected(texts):
    return set(_LOWERCASE_WORD.findall("\n\n".join(texts)))


def test_lowercase_words_are_the_pattern_s_over_the_whole_story():
    for first in range(len(VARIED)):
        for last in range(first, len(VARIED) + 1):
            assert _lowercase_words(VARIED[first:last]) == expected(VARIED[first:last])


def test_lowercase_words_of_random_texts_of_awkward_characters():
    rng = random.Random(18)
    alphabet = [*"abZ9'’ _-é.\n\t", "\u0301", "東", "😀", "\xa0", "ß", "İ", "“", "\x1f"]
    for _ in range(3000):
        texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(15))) for _ in range(rng.randrange(1, 4))]
        assert _lowercase_words(texts) == expected(texts), texts


def test_the_scan_for_names_finds_the_runs_of_the_pattern_without_its_fast_first_check():
    plain = re.compile(_NAME_RUN.pattern.removeprefix(_FAST_FIRST_CHECK))
    assert plain.pattern != _NAME_RUN.pattern
    rng = random.Random(18)
    alphabet = [*"aZ9'’ _-.\n", "Mr. ", "St. ", "É", "é", "\u0301", "東", "𝐀", "😀", "\xa0", "İ", "“", "\x1f"]
    texts = VARIED + ["".join(rng.choice(alphabet) for _ in range(rng.randrange(40))) for _ in range(3000)]
    for text in texts:
        assert [(m.start(), m.group()) for m in _NAME_RUN.finditer(text)] == [
            (m.start(), m.group()) for m in plain.finditer(text)
        ], text
