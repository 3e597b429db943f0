"""The people finder's fast paths find what its patterns find over the whole text."""

import random
import re

from bot.core.invisible_characters import without_inside_words
from bot.core.people_finder import _LOWERCASE_WORD, _NAME_RUN, _NAME_WORD, _lowercase_words, find_people

VARIED = [
    "Ivan's dog's 'tis a''b don't rock'n'roll o' the ' ' dogs' _under_score snake_case",
    "Sébastien’s café — “quoted” naïve ‘single’ don’t élan über",
    "東京タワー and Sofia, 😀 emoji here’s x; tab\tand\u00a0nbsp\u2028line",
    "Grace may come; grace and May. NASA, mRNA, 25-year-old fine-tuned 3.14 x2y",
    "नमस्ते दुनिया café\u0301 e\u0301tude İstanbul ß straße",
    "a" * 5000 + " b'" * 300,
    "fa\u200dther Pa\u200cvel \u200dend\u200d zw\u200c\u200dnj 👨\u200d👩",
    "",
]


def expected(texts):
    """A word holding a zero-width joiner or non-joiner is read whole, as the analysis reads it."""
    return set(_LOWERCASE_WORD.findall(without_inside_words("\n\n".join(texts))))


def test_lowercase_words_are_the_pattern_s_over_the_whole_story():
    for first in range(len(VARIED)):
        for last in range(first, len(VARIED) + 1):
            assert _lowercase_words(VARIED[first:last]) == expected(VARIED[first:last])
    assert {"father", "end", "zwnj"} <= _lowercase_words(VARIED) and not {"fa", "ther", "vel"} & _lowercase_words(
        VARIED
    )


def test_lowercase_words_of_random_texts_of_awkward_characters():
    rng = random.Random(18)
    alphabet = [*"abZ9'’ _-é.\n\t", "\u0301", "東", "😀", "\xa0", "ß", "İ", "“", "\x1f", "\u200d", "\u200c"]
    for _ in range(3000):
        texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(15))) for _ in range(rng.randrange(1, 4))]
        assert _lowercase_words(texts) == expected(texts), texts


def test_the_scan_for_names_finds_the_runs_of_the_plain_pattern():
    """The scan is written for speed; these are the runs it must find."""
    plain = re.compile(rf"(?<![\w'’-])(?:(?:Mr|Mrs|Ms|Dr|St)\. )?{_NAME_WORD}(?: {_NAME_WORD}){{0,3}}(?![\w-])")
    rng = random.Random(18)
    alphabet = [*"aZMDSrst9'’ _-.\n", "Mr. ", "Mrs. ", "Ms. ", "Dr. ", "St. ", "Mr.", "É", "é", "\u0301", "東", "𝐀"]
    alphabet += ["😀", "\xa0", "İ", "“", "\x1f", "5"]
    texts = VARIED + ["".join(rng.choice(alphabet) for _ in range(rng.randrange(40))) for _ in range(5000)]
    texts += ["Mr. Smith", "Mrs. Tiggy-winkle met Ms. Dr. St. Lawrence", "Mr Smith", "Mr. 5", "St.", "x-Mr. A"]
    assert sum(1 for text in texts for _ in plain.finditer(text)) > 5000
    for text in texts:
        assert [(m.start(), m.group()) for m in _NAME_RUN.finditer(text)] == [
            (m.start(), m.group()) for m in plain.finditer(text)
        ], text


def test_a_full_name_that_only_ever_opens_a_sentence_is_a_person():
    # Every mention at a sentence's start left "Ella Wheeler Wilcox" out: the capitals might have been the
    # sentence's. A charm or a song opening a quotation ("Chemaun Poll!") twice is no one.
    story = (
        "Ella Wheeler Wilcox wrote verses at a kitchen table.\n\nElla Wheeler Wilcox sent them to the paper. The "
        'boy cried, "Chemaun Poll!" and the canoe moved. Then he called "Chemaun Poll!" again.'
    )
    assert [p.name for p in find_people([story])] == ["Ella Wheeler Wilcox"]
    once = "Ella Wheeler Wilcox wrote verses at a kitchen table. The paper printed them."
    assert find_people([once]) == []


def test_a_name_the_story_also_writes_in_lowercase_is_a_person_when_introduced_by_name():
    # "pepper" in the soup made "Pepper" no name, though the story named the cat so: a word the story writes in
    # lowercase is a name only when something is called by it. "Grace" alone, with "grace" in lowercase, is not.
    story = (
        "The widow put pepper in the soup. She kept a grey cat named Pepper. Every evening Pepper sat by the fire, "
        "and the dog barked at Pepper. Grace was a fine thing at the table, and grace was said."
    )
    assert [p.name for p in find_people([story])] == ["Pepper"]


def test_a_full_name_of_words_also_in_lowercase_is_a_person_unless_it_describes():
    # "kitten" and "rabbit" in lowercase made "Tom Kitten" and "Mrs. Rabbit" no names; "the High King", whose every
    # word the story writes in lowercase and whose last says what he is, stays a description.
    story = (
        "The kitten slept while the old rabbit dug. Then Tom Kitten woke, and Mrs. Rabbit called him in. The high "
        "hills rang, for the High King rode by; the king was old. At dusk Tom Kitten ate, and Mrs. Rabbit sang, and "
        "the High King rode home."
    )
    assert sorted(p.name for p in find_people([story])) == ["Mrs. Rabbit", "Tom Kitten"]


def test_a_full_name_only_ever_opening_a_sentence_may_start_with_a_given_name_the_dictionary_knows():
    # "Sofia", "Mary" and "Thomas" are in the dictionary (capitalised, as names): the rule's guard against a
    # sentence's own first word ("Meanwhile", "Poor") left out every full name starting with such a given name, the
    # bundled corpus's Sofia Kalmurzaeva too. A word the dictionary knows in lowercase still guards; and "East Grand
    # Forks", a town that only ever opens SciFact's sentences, stays no one ("east" is a lowercase word).
    for name in ("Sofia Kalmurzaeva", "Mary Wollaston", "Thomas Wren"):
        story = f"{name} danced at the theatre that winter.\n\n{name} bowed, and the hall rose to its feet."
        assert [p.name for p in find_people([story])] == [name]
    for opening in ("Poor Anatole", "Meanwhile Anatole", "East Grand Forks"):
        story = f"{opening} danced at the theatre that winter.\n\n{opening} bowed, and the hall rose to its feet."
        assert find_people([story]) == [], opening


def test_a_full_name_opening_narration_after_a_closed_quotation_opens_a_sentence():
    # After a quotation that ends a sentence ('"Go home." Ella ...'), the narration's sentence opens: only a
    # quotation's own opening ('"Chemaun Poll!"') is a charm's or a song's words. Such mentions were not counted.
    story = (
        '"Write it down," said the editor.\n\n"Go home." Ella Wheeler Wilcox went home that night.\n\n'
        '"Stay!" Ella Wheeler Wilcox stayed at the kitchen table until dawn.'
    )
    assert [p.name for p in find_people([story])] == ["Ella Wheeler Wilcox"]
