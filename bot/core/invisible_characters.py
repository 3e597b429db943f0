"""Characters that show nothing and join what stands on either side, taken out of stories and questions:
left in, each cut the word it stood in two ("pl\u00adane", with HTML's &shy;, was "pl" and "ane")."""

from __future__ import annotations

JOINING_INVISIBLES = "\u00ad\u2060\ufeff"
"""Soft hyphen, word joiner, zero-width no-break space (a byte order mark inside the text). Not the
zero-width space, which marks a break between words (Thai and Khmer write no spaces)."""
_DROPPED = str.maketrans(dict.fromkeys(JOINING_INVISIBLES))


def without_invisibles(text: str) -> str:
    """`text` without JOINING_INVISIBLES; text holding none (nearly all) is given back as it is."""
    if text.isascii() or not any(character in text for character in JOINING_INVISIBLES):
        return text
    return text.translate(_DROPPED)
