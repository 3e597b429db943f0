"""The English number words, at their values: one list for the chapter lines a reader knows ("Chapter Twenty-One")
and the numbers a question writes in words ("twenty-one" for "21", "third" for "3rd": bot.core.number_forms)."""

from __future__ import annotations

import re

UNITS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
"""The number words below twenty, each at its value."""
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
"""The tens from twenty, each at its place: twenty at 0."""


def tens_value(word: str) -> int:
    """The value of one of TENS ("sixty": 60)."""
    return 20 + 10 * TENS.index(word)


def _ordinal(cardinal: str) -> str:
    irregular = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth", "nine": "ninth"}
    irregular["twelve"] = "twelfth"
    if cardinal in irregular:
        return irregular[cardinal]
    if cardinal.endswith("y"):
        return cardinal[:-1] + "ieth"  # "twentieth"
    return cardinal + "th"  # "fourth", "hundredth"


ORDINALS = {_ordinal(word): word for word in (*UNITS[1:], *TENS, "hundred", "thousand")}
"""Each ordinal word ("third", "twentieth", "hundredth") -> its cardinal ("three", "twenty", "hundred")."""
DIGIT_ORDINAL = re.compile(r"([1-9]\d*)(?:st|nd|rd|th)")
"""An ordinal in digits, folded ("3rd", "21st"): its value in the group."""
