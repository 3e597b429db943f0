"""Letters a PDF spaces apart (tracking, letterspacing), read as the words they spell.

microtype's letterspacing (`\\textls`, small capitals with `tracking=true`) has pdfTeX set each letter as a string of
its own in a TJ array, the same move to the right after each: `[(T)-111(h)-110(e)-527(k)-111(e)...]`. pypdf reads a
move as a space from half the width of the font's space, a tenth of an em in a font with none (a subset's), and
pdf_word_gaps.py takes a move of 0.18 em or more for a word gap: "The keeper" was read "T h e k e e p e r". In an
array whose letters stand apart by one move (the tracking), a move up to the tracking and a little more is no space
and is drawn as smaller moves of the same length in all, which nobody reads as a space; a word gap is the tracking
and a word space more, and stays one. A tracking as wide as a word space (0.18 em or more) is one where the array's
words stand that much and a word space apart, or where they spell dictionary words, or where a word of them ends in
half the tracking before a stop, or is the whole array, a capital and small letters (a name set alone in its array),
or stands after a word gap and ends its array or its word (a name at a line's end; soul's `\\so`, which draws a
word's first or last letter with the stop or quote beside it: "l,", "“P"). A move after such a stop, or before such a
quote, ends the word. microtype sets half the tracking after a letterspaced word's last letter; pdfTeX draws a word
letterspaced in the text in an array of its own and moves the next array's place past that half, which pypdf read as
a space before the stop after a name ("Françoise ,"): it is drawn as the array's own last moves. Letters a font's
encoding places past Latin-1's (T1's "Ł", "ř") are read by the names its
`/Differences` gives them. A name of three letters ("Ann", "Zoë"), too short for an array's tracking to be told by, is
one where a capital and two small letters stand apart on their own, with what tells a wide tracking from word spaces
(_join_short_names).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from bot.core.analysis import fold, is_dictionary_word

MIN_LETTERS = 3
"""Moves between two letters drawn alone an array needs to be letterspaced: a word of four letters."""
TRACKING_SHARE = 0.5
"""Share of those moves that must be the tracking (to the nearest TRACKING_ROUND): kerning changes a few pairs."""
TRACKING_ROUND = 10
"""Thousandths of an em the moves are rounded to when the tracking is counted: pdfTeX rounds each (-111, -110)."""
MIN_TRACKING = 30
"""Thousandths of an em a tracking moves at least: less is kerning, which pypdf reads as no space anyway."""
MAX_TRACKING = 500
"""Thousandths of an em a tracking moves at most: microtype's default is 0.1 em; half an em is a wide one."""
LETTER_SLACK = 90
"""Thousandths of an em past the tracking a move between letters may reach (a kern widening a pair); a word gap is
the tracking and a word space (0.22 em at its tightest) more."""
WORD_SPACE = 180
"""Thousandths of an em from which a move may be a word space (pdf_word_gaps.WORD_GAP): a tracking as wide is told
from a line of one-letter words by the words its letters spell."""
NO_SPACE = 80
"""Thousandths of an em of the moves a letter's move is drawn as: under what pypdf reads as a space in any font (the
half of a tenth of an em it takes for a font with no space, 0.95 of it)."""


def join_letterspaced(operator: bytes, operands: list[object], font: object = None) -> None:
    """Makes the moves between letterspaced letters of a TJ operation's array ones pypdf reads as no space, in place,
    for pypdf (and pdf_word_gaps.py) to read next. `font` is the font dictionary the array is drawn in."""
    if operator != b"TJ" or not operands or not isinstance(operands[0], list):
        return
    shown: list[object] = operands[0]
    moves = _letter_moves(shown)
    if len(moves) < SHORT_NAME_MOVES:
        return  # no word of letters drawn alone: most arrays, told before anything else is looked at
    drawn = _with_letters(shown, font)
    tracking = _tracking(drawn, moves) if len(moves) >= MIN_LETTERS else None
    if tracking is None:
        _join_short_names(shown, drawn)
        return
    spaced: list[object] = []
    for n, item in enumerate(shown):
        if (
            isinstance(item, (int, float))
            and 0 < -item <= tracking + LETTER_SLACK
            and _between_spaced(drawn, n, tracking)
        ):
            spaced.extend(_unspaced(item))
        else:
            spaced.append(item)
    if len(shown) > 2 and _between_spaced(drawn, len(shown) - 2, tracking):
        spaced.extend(_unspaced(-tracking / 2))  # the word's last letter: microtype sets half the tracking after it
    shown[:] = spaced
    _join_short_names(shown, _with_letters(shown, font))


def _unspaced(move: float) -> list[float]:
    """A move to the right drawn as smaller ones of NO_SPACE at most, the same length in all."""
    pieces = -(-int(-move) // NO_SPACE) or 1
    return [move / pieces] * pieces


_ACCENT_NAMES = frozenset(
    (
        *("acute", "grave", "caron", "cedilla", "circumflex", "dieresis", "ring", "tilde", "macron", "breve"),
        *("ogonek", "dotaccent", "hungarumlaut", "slash", "commaaccent"),
    )
)
"""What a glyph's name adds to its letter's for an accented letter ("rcaron", "Lslash", "uring")."""
_LETTER_NAMES = {
    **{"germandbls": "ß", "eth": "ð", "Eth": "Ð", "thorn": "þ", "Thorn": "Þ", "ae": "æ", "AE": "Æ", "oe": "œ"},
    **{"OE": "Œ", "dotlessi": "ı", "dotlessj": "ȷ", "eng": "ŋ", "Eng": "Ŋ", "dcroat": "đ", "Dcroat": "Đ"},
    **{"ij": "ĳ", "IJ": "Ĳ", "Idotaccent": "İ"},
}
"""Glyphs' names of letters that are no letter and an accent."""
MOST_DIFFERENCES = 512
"""Entries of a font's `/Differences` looked at, at most: a simple font has 256 codes."""


def _with_letters(shown: list[object], font: object) -> list[object]:
    """The array, its strings' codes of 128 and over that the font's encoding names letters read as those letters'
    base letters: T1 (LaTeX's encoding for European languages) places "Ł", "Š", "ř", "ů" there, where Latin-1 has no
    letters ("D v o ř á k" looked as "D", "v", "o", "°", ...: no name). Other strings and fonts stay as they are."""
    high = [
        n
        for n, item in enumerate(shown)
        if isinstance(item, (str, bytes))
        and len(item) <= _MOST_STOPS + 1
        and any(ord(char) > 127 for char in _text(item))
    ]
    if not high:
        return shown
    letters = _letters_by_code(font)
    if not letters:
        return shown
    drawn = list(shown)
    for n in high:
        item = shown[n]
        codes = item if isinstance(item, bytes) else getattr(item, "original_bytes", None)
        if isinstance(codes, bytes):
            drawn[n] = "".join(letters.get(code, chr(code)) for code in codes)
    return drawn


def _letter_moves(shown: list[object]) -> list[int]:
    """The moves between two characters drawn alone, to the nearest TRACKING_ROUND."""
    return [
        round(-move / TRACKING_ROUND) * TRACKING_ROUND
        for before, move, after in zip(shown, shown[1:], shown[2:], strict=False)
        if isinstance(move, (int, float)) and _is_letter(before) and _is_letter(after)
    ]


def _letters_by_code(font: object) -> dict[int, str]:
    """The letters a simple font's `/Differences` names at codes 128 and over, by code: their base letters."""
    encoding = _resolved(font.get("/Encoding")) if isinstance(font, dict) else None
    differences = _resolved(encoding.get("/Differences")) if isinstance(encoding, dict) else None
    letters: dict[int, str] = {}
    if not isinstance(differences, list):
        return letters
    code = 0
    for entry in differences[:MOST_DIFFERENCES]:
        if isinstance(entry, int):
            code = entry
        elif isinstance(entry, str):
            letter = _glyph_letter(entry.lstrip("/")) if code > 127 else None
            if letter is not None:
                letters[code] = letter
            code += 1
    return letters


def _glyph_letter(name: str) -> str | None:
    """The letter a glyph's name names, an accented letter's base letter ("rcaron": "r"); None for other glyphs."""
    if name in _LETTER_NAMES:
        return _LETTER_NAMES[name]
    base = name[:1]
    return base if base.isascii() and base.isalpha() and (name[1:] in _ACCENT_NAMES or not name[1:]) else None


def _resolved(value: object) -> object:
    get_object = getattr(value, "get_object", None)
    return get_object() if callable(get_object) else value


def _between_spaced(shown: list[object], move: int, tracking: float) -> bool:
    """Whether the move stands between two characters drawn alone, each set apart on its other side too (a move of
    half the tracking or more, or the array's end): a letterspaced word's. A word of the text's font in the same
    array is drawn in pieces where a kern stands ("carrie", "d", "o", "v", "er"): the word space between two of its
    pieces drawn alone ("d" and "o") is no tracking, however near a wide tracking's width."""
    return (
        0 < move < len(shown) - 1
        and _is_letter(shown[move - 1])
        and _is_letter(shown[move + 1])
        and not _stop_beside(shown[move - 1], -1)
        and not _stop_beside(shown[move + 1], 0)
        and _apart(shown, move - 2, tracking)
        and _apart(shown, move + 2, tracking)
    )


def _stop_beside(item: object, end: int) -> bool:
    """Whether a letter drawn with a stop or quote has it at this end (-1 after the letter, 0 before): soul's word ends
    there ("t;" and a word space before "“P e t r e l"), however near the tracking that space is."""
    return isinstance(item, (str, bytes)) and len(item) > 1 and not _text(item)[end].isalpha()


def _apart(shown: list[object], index: int, tracking: float) -> bool:
    """Whether the item at `index` is a move of half the tracking or more to the right, or stands past the array."""
    if not 0 <= index < len(shown):
        return True
    item = shown[index]
    return isinstance(item, (int, float)) and -item >= tracking / 2 - HALF_SLACK


def _tracking(shown: list[object], moves: list[int]) -> float | None:
    """The move that sets the array's letters apart, if it is letterspaced (`moves`: _letter_moves'): most moves
    between two strings of one character are the same, and (where it is as wide as a word space) its runs of letters
    spell words."""
    if len(moves) < MIN_LETTERS:
        return None
    tracking, count = Counter(moves).most_common(1)[0]
    if count < TRACKING_SHARE * len(moves) or not MIN_TRACKING <= tracking <= MAX_TRACKING:
        return None
    if tracking >= WORD_SPACE and not (
        _word_gaps_over(shown, tracking)
        or _spells_words(shown, tracking)
        or _ends_in_half_tracking(shown, tracking)
        or _name_alone(shown, tracking)
        or _word_gap_before(shown, tracking)
    ):
        return None
    return tracking


MAX_WORD_SPACE = 600
"""Thousandths of an em a word space stretches to in a justified line, at most: a wider move is a quad, a tab."""


def _word_gaps_over(shown: list[object], tracking: float) -> bool:
    """Whether a word of letters drawn alone, MIN_LETTERS or more of them the tracking apart (a kern less or more), is
    followed by a move of the tracking and a word space more: a word gap on top of the moves between letters, which only
    letterspacing makes ("M i r e l a   N g o z i", names no dictionary holds). A loose justified line, whose word
    spaces are its most common move, has no three one-letter words in a row before a wider gap; letters typed apart
    stand one word space from each other (a sentence's end adds a little, a quad an em)."""
    return any(
        letters >= MIN_LETTERS and WORD_SPACE <= -move - tracking <= MAX_WORD_SPACE
        for _, move, letters in _moves_after_letters(shown, tracking)
    )


def _moves_after_letters(shown: list[object], tracking: float) -> Iterator[tuple[int, float, int]]:
    """Each move right after a letter drawn alone: its place in `shown`, the move, and how many letters drawn alone,
    the tracking apart (a kern less or more), end there."""
    letters = 0  # letters drawn alone in a row, the tracking apart, up to here
    apart = False  # the last item was a move of the tracking after a letter
    for n, item in enumerate(shown):
        if _in_word(item, bool(letters) and apart):
            letters = letters + 1 if apart else 1
            apart = False
        elif isinstance(item, (int, float)) and letters and not apart:
            yield n, item, letters
            apart = abs(-item - tracking) <= LETTER_SLACK
            letters = letters if apart else 0
        else:
            letters, apart = 0, False


HALF_SLACK = 40
"""Thousandths of an em a move after a letterspaced word's last letter may stand from half the tracking (a kern)."""
APOSTROPHES = frozenset("'\u2019")
"""What may stand within a word ("Mirela's"): TeX's fonts draw the apostrophe at the code of "'"."""


def _in_word(item: object, within: bool) -> bool:
    """Whether the item is a letter drawn alone, or an apostrophe within a word (`within`: letters came before it)."""
    if not isinstance(item, (str, bytes)) or len(item) != 1:
        return False
    text = _text(item)
    return text.isalpha() or (within and text in APOSTROPHES)


def _ends_in_half_tracking(shown: list[object], tracking: float) -> bool:
    """Whether a word of letters drawn alone, MIN_LETTERS moves or more the tracking apart, is followed by a move of
    half the tracking and a character that is no letter: microtype sets half the tracking after a letterspaced word's
    last letter ("N g o z i" and its full stop, at the end of an array of the text's words). Letters typed apart have
    their stop drawn against them, a kern at most away."""
    for n, move, letters in _moves_after_letters(shown, tracking):
        after = shown[n + 1] if n + 1 < len(shown) else None
        if (
            letters > MIN_LETTERS
            and abs(-move - tracking / 2) <= HALF_SLACK
            and isinstance(after, (str, bytes))
            and len(after) == 1
            and not _text(after).isalnum()
        ):
            return True
    return False


SHORT_NAME_MOVES = 2
"""Moves within a name of three letters ("A n n"), too few for MIN_LETTERS."""


def _join_short_names(shown: list[object], drawn: list[object]) -> None:
    """Joins, in place, each name of three letters letterspaced on its own (`drawn`: `shown` with T1's letters read):
    a capital then two small letters drawn alone, two moves the same tracking apart (a kern less or more), with half
    the tracking or more on either side, or the array's end. `\\textls` over "Ann", "Zoë", "Ian": pdfTeX draws the name
    as an array of its own in a justified line, within its line's array in a ragged one ("A n n", "Z o ë ," were read:
    MIN_LETTERS, which longer words are told by, wants four letters, and an array's one tracking missed names set
    apart by different ones). A tracking as wide as a word space needs more to tell it: the whole array is the name,
    or half the tracking and a stop follow it ("Z o ë ,"), or the tracking and a word space more (a word gap on top of
    the tracking). One-letter words typed apart stand a word space from each other and from the next word ("I a m
    written"), with their stop drawn against the last ("x y z."); initials are capitals ("Q R S")."""
    found: list[tuple[int, float, float, float]] = []
    index = 0
    while index + 2 * SHORT_NAME_MOVES < len(shown):
        item = drawn[index]  # a capital drawn alone opens one: told before anything else is looked at
        capital = isinstance(item, (str, bytes)) and len(item) == 1 and _text(item).isupper()
        name = _short_name_at(shown, drawn, index) if capital else None
        if name is None:
            index += 1
        else:
            found.append((index, *name))
            index += 2 * SHORT_NAME_MOVES + 1
    if not found:
        return
    joined: list[object] = []
    done = 0  # shown[:done] is in joined
    for start, tracking, first, second in found:
        joined += [*shown[done:start], shown[start], *_unspaced(first), shown[start + 2], *_unspaced(second)]
        joined.append(shown[start + 4])
        done = start + 2 * SHORT_NAME_MOVES + 1
        if done == len(shown):
            joined.extend(_unspaced(-tracking / 2))  # as microtype sets after a letterspaced word's last letter
        elif (half := _half_before_stop(shown, done, tracking)) is not None:
            joined.extend(_unspaced(half))  # that half, before the stop: no space ("Zoë ,")
            done += 1
    shown[:] = [*joined, *shown[done:]]


def _short_name_at(shown: list[object], drawn: list[object], index: int) -> tuple[float, float, float] | None:
    """The tracking and the two moves of the name of three letters _join_short_names looks for at `index`, or None."""
    letters = [_text(item) for item in drawn[index : index + 5 : 2] if isinstance(item, (str, bytes))]
    if len(letters) != 3 or any(len(letter) != 1 for letter in letters):
        return None
    if not (letters[0].isupper() and letters[1].islower() and letters[2].islower()):
        return None
    first, second = shown[index + 1], shown[index + 3]
    if not isinstance(first, (int, float)) or not isinstance(second, (int, float)):
        return None
    tracking = min(-first, -second)
    if not MIN_TRACKING <= tracking <= MAX_TRACKING or max(-first, -second) - tracking > LETTER_SLACK:
        return None
    before = shown[index - 1] if index else None
    after = shown[index + 5] if index + 5 < len(shown) else None
    for move, beside in ((before, index - 2), (after, index + 6)):
        if move is None:
            continue
        if not isinstance(move, (int, float)) or -move < tracking / 2 - HALF_SLACK:
            return None  # a letter or a word against it, no name set apart
        if abs(-move - tracking) <= LETTER_SLACK and 0 <= beside < len(shown) and _is_letter(shown[beside]):
            return None  # within a longer run of letters the tracking apart: MIN_LETTERS' to tell
    if tracking < WORD_SPACE or (before is None and after is None):
        return tracking, first, second
    if not isinstance(after, (int, float)):
        return None  # the name ends its line's array: nothing tells it from letters typed apart
    if _half_before_stop(shown, index + 5, tracking) is not None or WORD_SPACE <= -after - tracking <= MAX_WORD_SPACE:
        return tracking, first, second
    return None


def _half_before_stop(shown: list[object], index: int, tracking: float) -> float | None:
    """The item at `index` where it is a move of half the tracking (a kern less or more) before a stop drawn alone."""
    move = shown[index] if index < len(shown) else None
    stop = shown[index + 1] if index + 1 < len(shown) else None
    if not isinstance(move, (int, float)) or abs(-move - tracking / 2) > HALF_SLACK:
        return None
    return move if isinstance(stop, (str, bytes)) and len(stop) == 1 and not _text(stop).isalnum() else None


def _name_alone(shown: list[object], tracking: float) -> bool:
    """Whether the whole array is one word of letters drawn alone, more than MIN_LETTERS of them, each the tracking
    apart (a kern less or more), a capital then small letters: pdfTeX sets a word letterspaced in the text (`\textls`
    over a name) in an array of its own ("F r a n ç o i s e" between "log," and ","), where no word gap or stop tells
    it. Letters typed apart stand in their line's array with its words, and are initials in capitals or small
    letters alone ("Q X Z J", "a b c")."""
    letters = [_text(item) for item in shown[::2] if isinstance(item, (str, bytes)) and len(item) == 1]
    moves = [-item for item in shown[1::2] if isinstance(item, (int, float))]
    if len(letters) <= MIN_LETTERS or len(letters) + len(moves) != len(shown) or len(moves) != len(letters) - 1:
        return False  # letters and moves by turns, from a letter to a letter
    if any(abs(move - tracking) > LETTER_SLACK for move in moves):
        return False
    first, rest = letters[0], letters[1:]
    return first.isupper() and all(letter.islower() or letter in APOSTROPHES for letter in rest) and rest[-1].isalpha()


def _text(item: str | bytes) -> str:
    """A string of a TJ array as text: TeX's fonts place letters at their ASCII (and T1's at Latin-1) codes."""
    return item.decode("latin-1") if isinstance(item, bytes) else item


def _is_letter(item: object) -> bool:
    """Whether the item is one character drawn alone, or one letter drawn with the stops or quotes next to it: soul's
    `\\so` draws a letterspaced word's first or last letter so ("l," in "K e s t r e l,", "“P" in "“P e t r e l”")."""
    return isinstance(item, (str, bytes)) and (len(item) == 1 or _letter_with_stops(item))


_MOST_STOPS = 2
"""Stops and quotes drawn with a letter at most: a word's closing quote and comma."""


def _letter_with_stops(item: str | bytes) -> bool:
    """Whether the string is one letter with characters that are no letter or digit around it."""
    if len(item) > _MOST_STOPS + 1:
        return False
    text = _text(item)
    if text[0].isalnum() and text[-1].isalnum():
        return False  # a piece of a word ("la", "mer"): most strings, told at once
    return sum(char.isalpha() for char in text) == 1 and not any(char.isdigit() for char in text)


def _word_gap_before(shown: list[object], tracking: float) -> bool:
    """Whether a word of letters drawn alone, more than MIN_LETTERS of them each the tracking apart (a kern less or
    more), ends the array or a move of half the tracking or more, and stands after a move wider than the tracking and
    its slack (a word gap, and the space microtype or soul sets before a letterspaced word) after no sentence's end,
    or is a name (a capital, then small letters) drawn with a quote or bracket before its first letter: a word set
    letterspaced at a line's end ("was  M a r i g o l d"), or drawn with its stops by soul ("K e s t r e l," and a
    word space, "(F u l m a r)"). A loose justified line's one-letter words stand a word space apart, its most common
    move, after one (a sentence's end may widen it: "Stop.  x y z w"), and typed letters quoted ("“p q r s”") are
    none."""
    letters: list[str] = []  # the letters of the run drawn alone, the tracking apart, up to here
    after_gap = False  # the run began after a word gap
    quoted = False  # the run began with a quote or bracket drawn with its first letter
    last = ""  # the last string's text before the run
    for n, item in enumerate(shown):
        if isinstance(item, (int, float)):
            ends = -item >= tracking / 2 - HALF_SLACK
            if ends and len(letters) > MIN_LETTERS and _opened(after_gap, quoted, letters):
                return True
            if letters and abs(-item - tracking) <= LETTER_SLACK:
                continue  # within the word
            after_gap = tracking + LETTER_SLACK < -item <= tracking + MAX_WORD_SPACE and last[-1:] not in _SENTENCE_ENDS
            letters, quoted = [], False
        elif isinstance(item, (str, bytes)) and _is_letter(item) and any(char.isalpha() for char in _text(item)):
            text = _text(item)
            if letters and not isinstance(shown[n - 1], (int, float)):
                letters, after_gap = [], False  # two strings in a row: no word of letters drawn alone
            if not letters:
                quoted = _stop_beside(item, 0)
            letters.append(next(char for char in text if char.isalpha()))
            last = text
        else:
            last = _text(item) if isinstance(item, (str, bytes)) else ""
            letters, after_gap, quoted = [], False, False
    return len(letters) > MIN_LETTERS and _opened(after_gap, quoted, letters)


_SENTENCE_ENDS = frozenset(".!?:")
"""What ends a sentence, whose space TeX widens."""


def _opened(after_gap: bool, quoted: bool, letters: list[str]) -> bool:
    """Whether a run of letters opens as a letterspaced word: after a word gap, or quoted as a name."""
    return after_gap or (quoted and letters[0].isupper() and all(letter.islower() for letter in letters[1:]))


def _spells_words(shown: list[object], tracking: float) -> bool:
    """Whether the array's runs of letters, split where a move is wider than the tracking allows, spell dictionary
    words (TeX's fonts place letters at their ASCII codes): "t h e w i n d" does, a line of initials "A B C" not."""
    runs: list[list[str]] = [[]]  # each run's pieces, joined once: a string grown piece by piece is copied each time
    for item in shown:
        if isinstance(item, (str, bytes)):
            runs[-1].append(_text(item))
        elif isinstance(item, (int, float)) and -item > tracking + LETTER_SLACK:
            runs.append([])
    words = [run for run in ("".join(filter(str.isalpha, "".join(run))) for run in runs) if len(run) > 1]
    return bool(words) and sum(is_dictionary_word(fold(word)) for word in words) * 2 > len(words)
