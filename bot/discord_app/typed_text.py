"""Text people typed in Discord, as the bot can keep it: Discord's JSON can carry half of a surrogate pair
("\\udc80"), which no UTF-8 holds, so a question holding one could be neither digested nor saved."""

from __future__ import annotations

import re

LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""Any surrogate in a str is a lone one: JSON's pairs are decoded into the one character they make."""


def well_formed(text: str) -> str:
    """The text with each lone surrogate replaced by U+FFFD, as bytes that are not UTF-8 are read elsewhere."""
    return LONE_SURROGATE.sub("\ufffd", text)
