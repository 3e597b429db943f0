"""The English number words, at their values: one list for the chapter lines a reader knows ("Chapter Twenty-One")
and the numbers a question writes in words ("twenty-one" for "21": bot.core.number_forms)."""

from __future__ import annotations

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
