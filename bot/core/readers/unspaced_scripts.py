"""Scripts written without spaces between words: Thai, Lao, Khmer, Myanmar and Tibetan, and Chinese and Japanese
(Han, kana, their punctuation and full-width forms). A line of such text wraps between two words with no space between
them, so two lines of it are joined with none (Korean's Hangul is written with spaces, and is not among them)."""

from __future__ import annotations

import re
import unicodedata

_UNSPACED = re.compile(
    "["
    "\u0e00-\u0eff"  # Thai, Lao
    "\u0f00-\u0fff"  # Tibetan
    "\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f"  # Myanmar and its extensions
    "\u1780-\u17ff\u19e0-\u19ff"  # Khmer and its symbols
    "\u2e80-\u2fdf\u3000-\u30ff\u3190-\u31ff"  # CJK radicals, punctuation, kana, kanbun, strokes, kana extensions
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # Han
    "\uff00-\uffef"  # full-width and half-width forms
    "\U00020000-\U0003134f"  # Han's supplementary planes
    "]"
)


def written_without_spaces(character: str) -> bool:
    """Whether the character belongs to a script written without spaces between words."""
    return _UNSPACED.match(character) is not None


def joined_without_space(before: str, after: str) -> bool:
    """Whether a line ending in `before` and the next beginning with `after` are joined with no space: both in a script
    written without spaces between words (a Thai line wraps between two words, no space between them)."""
    return bool(before) and bool(after) and written_without_spaces(before[-1]) and written_without_spaces(after[0])


_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)
"""Characters set an em wide (East Asian wide and full-width forms)."""


def unspaced_width(text: str) -> float:
    """An estimate of how wide a piece of text is set, in ems: an em a wide character (Han, kana, Hangul), none a mark
    set on the letter before (Thai's vowels above and below, tone marks), half an em any other. Only a line's reach
    across its page is judged by it (whether it wraps within its paragraph), never a space."""
    return sum(
        1.0 if _WIDE.match(char) else 0.0 if unicodedata.category(char) in ("Mn", "Me") else 0.5 for char in text
    )
