"""Spaces between words that a PDF draws as moves rather than as space characters, as TeX does.

pdfTeX sets a line as one TJ array of words and moves, `[(and)-329(was)-329(travelling)]`, with no space character in
it. pypdf reads a move as a space when it reaches half the width its font gives character code 32, taking that for
the space. A TeX font in the T1 encoding (Latin Modern, and most fonts LaTeX sets European text in) draws a visible
space there, half an em wide, so pypdf reads only moves of a quarter em or more as spaces; TeX squeezes a justified
line's spaces down to 0.22 em, and such lines ran their words together ("andwastravelling"). A move of WORD_GAP or
more after a piece of text is made one pypdf reads as a space before it reads the array, as its own rule does with a
wider one.
"""

from __future__ import annotations

WORD_GAP = 180
"""Thousandths of an em a move to the right within a TJ array must reach to be a space between words: TeX's word
spaces are 0.22 em at their tightest (0.19 in Times), while its thin space (0.167 em, between the dots of an ellipsis,
\\ldots: "...." read ". . . .") and the kerns that loosen a pair of letters (under a tenth of an em) are narrower;
tightening kerns move left, and are never spaces."""
FORCED = 1_000_000
"""Thousandths of an em of a move to the right that pypdf reads as a space in any font: its own rule wants half the
width the font gives its space, which no font makes a thousand ems."""


def space_word_gaps(operator: bytes, operands: list[object]) -> None:
    """Makes each word gap of a TJ operation's array one pypdf reads as a space, in place, for pypdf to read next: the
    move is made one far to the right (FORCED), then back by as much less the gap, the same move in all. A space put in
    as text was counted as the text's width, so pypdf, finding the next piece of the line nearer than that, set no
    space before it: the word after each change of font ("read \\emph{Moby Dick}") ran into the one before
    ("readMoby")."""
    if operator != b"TJ" or not operands or not isinstance(operands[0], list):
        return
    shown: list[object] = operands[0]
    spaced: list[object] = []
    for item in shown:
        if isinstance(item, (int, float)) and -item >= WORD_GAP and spaced and isinstance(spaced[-1], (str, bytes)):
            spaced.extend((-FORCED, FORCED + item))
        else:
            spaced.append(item)
    if len(spaced) != len(shown):
        shown[:] = spaced
