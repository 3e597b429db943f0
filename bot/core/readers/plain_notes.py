"""Notes written as ordinary paragraphs and their marks as bare numbers, where nothing else marks them.

Calibre's FictionBook and RTF of an EPUB keep no link and no raised type (its writers know only `<sup>`, and pandoc's or
Standard Ebooks' marks are links styled raised): the mark is digits run into the word before it ("the cape1 for",
"perfectly,14 and") and the note a paragraph at its chapter's end. Its Word file keeps the notes the same way. What
tells a note apart is the link back to its mark that the EPUB gave it, kept as text: "↩" (U+21A9, often with U+FE0E
after it) ending the paragraph, as pandoc, Python-Markdown, kramdown, Hugo and Jekyll write a note's link back. Such
paragraphs are notes, left out, and so are Calibre's of a Word file: each a paragraph after its link back, "←1" between
"[" and "]", under a line saying "Notes". The marks of each chapter's notes (or of notes gathered at the book's end) are
the numbers run into words before them, numbered in order from 1 or from the notes before (pandoc numbers an EPUB's
notes again in each chapter, a document's through the whole; a raised mark, `<sup>` or `\\super`, is read as such a
number). A number run into a word that is no such mark ("B12", "M1", "CO2" after a capital, a quoted '"2"', or a mark
whose note has no link back) is kept, and so is a paragraph ending in the arrow that the chapter's text goes on after
(notes end their chapter), or that stands before the break over the chapter's notes (a scene break before it), or
that make a chapter of their own with no mark before them (a poem's stanzas, each ending in the arrow), or follow
the chapter's text with no mark before them where nothing but marks could tell them (RTF, FictionBook: a poem's lines
under a paragraph; a Word file's marks were left out already, its notes told by their links back). A note of several
paragraphs ends in the arrow only in its last: where every note's mark was found, the paragraphs after the break
over the notes that follows the last mark are notes, to the chapter's end (_whole_notes; the widest break, a note's
stanza has breaks of its own: _widest_break); Calibre's notes gathered at
the book's end run to the next link back. Capitals before a number are a mark's word where the text says that word
alone in capitals too ("NASA1" and "NASA"; "A1" and "US1" are names still, where the text says "a" and "us"), and a
number that is less surely a mark ("mp3", "NASA1") gives way to a surer one after it ("sea.1"), and letters between
numbers are a measure's ("2x2"), no mark's word. Where the document keeps links (HTML, EPUB: Block.linked_arrow), an
arrow that is no link is the story's own, never a note's; where no break stands over a chapter's notes (Calibre's
RTF), they are the last of its run of paragraphs ending in the arrow, as many as the marks found (_story_before_notes).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from bot.core.readers.reader import Block

BACKLINK = "\u21a9"
_VARIATIONS = "\ufe0e\ufe0f"
"""Text and emoji presentation selectors that may follow the arrow."""
_NUMBER = re.compile(r"(?<!\d)\d{1,3}(?!\d)")
_GLUED_AFTER = frozenset(".,;:!?'\")]\u2019\u201d\u00bb")
"""What a mark may be run into besides a letter: the end of a sentence or a quotation ("sea.3", "said.”4")."""


def is_backlinked_note(text: str) -> bool:
    """Whether the paragraph ends in a note's link back to its mark, kept as text."""
    return text.rstrip().rstrip(_VARIATIONS).endswith(BACKLINK)


def without_plain_notes(blocks: Sequence[Block], *, marked_only: bool = False) -> list[Block]:
    """The blocks less the notes that have a link back (is_backlinked_note, _back_references), and less their marks'
    numbers where they stand run into a word: found in one pass over the text, each chapter's marks looked for between
    the notes before and its own. `marked_only`: a chapter's notes are left out only where a mark is found for them
    (plain text, where a story's "she pressed ↩" ending a chapter was read, and no other sign tells it from a note)."""
    notes = _notes(blocks)
    if not any(notes):
        return list(blocks)
    said = _bare_words(blocks, notes)
    marks: dict[int, list[tuple[int, int]]] = {}  # a block's marks: (start, end) in its text
    told = 0  # notes before
    start = 0  # the first block after the notes before
    n = 0
    while n < len(blocks):
        if notes[n] is None:
            n += 1
            continue
        end = n + 1  # a note is no heading
        while end < len(blocks) and not blocks[end].heading:
            end += 1  # this chapter's notes (or the book's, gathered at its end): to the next heading
        count = sum(1 for index in range(n, end) if notes[index] is not None and _opens_or_ends_note(blocks[index]))
        candidates = [
            _Candidate(index, found, sure)
            for index in range(start, n)
            if not blocks[index].heading and notes[index] is None
            for found, sure in _glued_numbers(blocks[index].text, said)
        ]
        chosen = max((_in_order(candidates, first, count) for first in (1, told + 1)), key=len)
        opened = n  # the chapter's first block
        while opened > 0 and not blocks[opened - 1].heading:
            opened -= 1
        if chosen or (
            not marked_only
            and _links_told(blocks, notes, n, end)
            and any(blocks[index].text.strip() for index in range(opened, n))
        ):
            if (
                0 < len(chosen) < count
                and _widest_break(blocks, opened, n) is None
                and all(notes[index] is not False for index in range(n, end))  # not Calibre's "[←1]"
            ):
                count = _story_before_notes(blocks, notes, n, end, count - len(chosen))
            for index, found in chosen:
                marks.setdefault(index, []).append((found.start(), found.end()))
            told += count
            if len(chosen) == count:
                _whole_notes(blocks, notes, chosen[-1][0], n, end)
        else:  # a chapter of nothing but paragraphs ending in the arrow (or no mark found), no mark before them
            notes[n:end] = [None] * (end - n)  # a poem's stanzas, unless its last ones are notes marked in the first
            within = _notes_within(blocks, notes, n, end, said, told)
            for index, found in within:
                marks.setdefault(index, []).append((found.start(), found.end()))
            told += len(within)
        start = n = end
    kept = []
    for index, block in enumerate(blocks):
        if notes[index] is not None:
            continue
        if index in marks:
            block = Block(_without_spans(block.text, marks[index]), block.heading, block.level)
        kept.append(block)
    return kept


def _notes_within(
    blocks: Sequence[Block], notes: list[bool | None], first: int, end: int, said: set[str], told: int
) -> list[tuple[int, re.Match[str]]]:
    """The marks of the notes among a chapter's paragraphs that all end in the arrow, the notes marked True in place.
    Calibre's RTF and plain text of a chapter whose story paragraphs end in "↩" (a typist's "she pressed ↩") write its
    notes as the run's last paragraphs, with no break before them: the chapter was read as a poem's stanzas, its notes
    and their marks ("the code.1") with it. The notes are the most of the run's last paragraphs ending in the arrow,
    `count`, whose marks numbered in order (from 1, or from the notes before) all stand run into words before the
    first of them; none found, the run is a poem's. Each paragraph's numbers looked for once: linear."""
    ending = [index for index in range(first, end) if _ends_in_link_back(blocks[index])]
    candidates = [
        _Candidate(index, found, sure)
        for index in range(first, end)
        if not blocks[index].heading
        for found, sure in _glued_numbers(blocks[index].text, said)
    ]
    best: list[tuple[int, re.Match[str]]] = []
    for start in (1, told + 1):
        chosen = _in_order(candidates, start, len(ending) - 1)
        count = 0
        while count < len(chosen) and chosen[count][0] < ending[len(ending) - count - 1]:
            count += 1  # the count-th mark stands before the first of the last `count` paragraphs
        if count > len(best):
            best = chosen[:count]
    for index in ending[len(ending) - len(best) :]:
        notes[index] = True
    return best


def _links_told(blocks: Sequence[Block], notes: list[bool | None], first: int, end: int) -> bool:
    """Whether a chapter's notes are told as notes by their links back themselves, where no mark was found for them:
    an arrow the document keeps as a link (Calibre's Word file of an EPUB, which leaves the marks out itself) or
    Calibre's "[←1]". Where the format keeps no links (RTF, FictionBook), a run of paragraphs ending in the arrow after
    the chapter's text, with no mark before it, is the story's: a poem's lines each ending in "↩", under a paragraph
    that does not, were every one left out as a note."""
    return any(notes[index] is False or blocks[index].linked_arrow for index in range(first, end))


def _whole_notes(blocks: Sequence[Block], notes: list[bool | None], last_mark: int, first: int, end: int) -> None:
    """Marks as notes the paragraphs of notes of several paragraphs, where every note of the chapter has its mark and
    the notes stand after the break over them (pandoc's rule, `<hr/>`, an empty line in Calibre's FictionBook) that
    stands after the last mark: only a note's last paragraph ends in the link back. Those after the break, to the
    chapter's end, are notes (notes end their chapter). With no such break the notes stay as they were: a story's
    paragraph ending in the arrow ("she pressed ↩") is read as a note, and the story after it was read as one too
    where numbers run into words ("2x2") matched the notes' count; a story's paragraphs after a scene break stand
    before its last mark, or with no break after them."""
    index = _widest_break(blocks, last_mark + 1, first)
    if index is None:
        return  # no break over the notes after the last mark
    for leading in range(index + 1, end):
        if notes[leading] is None and not blocks[leading].heading and blocks[leading].text.strip():
            notes[leading] = True


def _story_before_notes(blocks: Sequence[Block], notes: list[bool | None], first: int, end: int, surplus: int) -> int:
    """Reads as the story's the first `surplus` paragraphs ending in the arrow of a chapter's run of notes with no
    break over them, where fewer marks were found than the run has links back; gives the notes' count left. Calibre's
    RTF writes no break and a story's "she pressed ↩" ending its chapter as it writes a note: notes end their chapter
    and each has its mark, so the paragraphs the marks do not account for are the first, the story's."""
    count = 0
    for index in range(first, end):
        if notes[index] and _ends_in_link_back(blocks[index]):
            if surplus:
                notes[index], surplus = None, surplus - 1
            else:
                count += 1
    return count


def _opens_or_ends_note(block: Block) -> bool:
    """Whether a block of notes stands once for each note: its link back, at its end or before it."""
    return _ends_in_link_back(block) or _BACK_REFERENCE.fullmatch(block.text.strip()) is not None


def _ends_in_link_back(block: Block) -> bool:
    """Whether the paragraph ends in a note's link back: the arrow, unless the document says it is no link (pandoc's
    EPUB and HTML keep the story's own "pressed ↩" as text, their notes' links back as links, left out with the notes:
    at a chapter's end, with no break after it, the story's was taken for a note, its mark a number in the text)."""
    return not block.heading and block.linked_arrow is not False and is_backlinked_note(block.text)


def _notes(blocks: Sequence[Block]) -> list[bool | None]:
    """For each block: True for a note's text, False for what goes with notes (a link back's lines, a "Notes" line
    over them), None for the book's text. Notes end their chapter (pandoc's each chapter's, Calibre's the book's): a
    paragraph ending in the arrow with the chapter's text after it is that text (a typist's "she pressed ↩")."""
    notes: list[bool | None] = [True if _ends_in_link_back(block) else None for block in blocks]
    for n, block in enumerate(blocks):
        if block.heading or not _BACK_REFERENCE.fullmatch(block.text.strip()):
            continue
        notes[n] = False
        before, after = n - 1, n + 1
        if before >= 0 and blocks[before].text.strip() == "[" and not blocks[before].heading:
            notes[before] = False
            before -= 1
        if (
            before >= 0
            and notes[before] is None
            and not blocks[before].heading
            and _folded(blocks[before].text) in NOTES_LINES
        ):
            notes[before] = False
        if after < len(blocks) and blocks[after].text.strip() == "]" and not blocks[after].heading:
            notes[after] = False
            after += 1
        while (  # the note's paragraphs, to the next note's link back (a note may have several)
            after < len(blocks)
            and not blocks[after].heading
            and notes[after] is None
            and blocks[after].text.strip() != "["
            and not _BACK_REFERENCE.fullmatch(blocks[after].text.strip())
        ):
            notes[after] = True
            after += 1
    start, last = 0, None  # a chapter's notes stand at its end: none where its text goes on after them
    for n, block in enumerate([*blocks, Block("", heading=True)]):
        if block.heading:
            if last is not None and notes[last] is None:
                notes[start:n] = [None] * (n - start)
            else:
                _notes_after_the_break(blocks, notes, start, n)
            start, last = n + 1, None
        elif block.text.strip():
            last = n  # the chapter's last paragraph that says something (Calibre's Word file ends one empty)
    return notes


def _notes_after_the_break(blocks: Sequence[Block], notes: list[bool | None], start: int, end: int) -> None:
    """Reads as the story's a chapter's paragraphs ending in the arrow that stand before the break over its notes.
    pandoc writes a chapter's notes as one list after a rule (`<hr/>`), which Calibre's FictionBook writes as empty
    lines and its Word file as an empty paragraph: the notes are what follows the chapter's last break. A story's
    paragraph ending in the arrow ("she pressed ↩"), after a scene break (another rule, read as a break too), stands
    before it, and was left out as a note. Calibre's RTF writes no break, and a note of several paragraphs as one:
    there the notes are the paragraphs ending in the arrow that end the chapter, and one with the story's text after
    it, before them, is the story's. A chapter with Calibre's links back of a Word file's notes ("[←1]") stays as it
    was."""
    last_note = None
    for index in range(start, end):
        if notes[index] is False:
            return  # Calibre's notes of a Word file, told by their links back
        if notes[index] and not blocks[index].heading:
            last_note = index
    if last_note is None:
        return
    found = _widest_break(blocks, start, last_note)
    index = start - 1 if found is None else found
    if found is None:  # no break: the notes are the run of them that ends the chapter
        index = last_note - 1
        while index >= start and (notes[index] or not blocks[index].text.strip()):
            index -= 1
    for before in range(start, max(index, start)):
        notes[before] = None


def _widest_break(blocks: Sequence[Block], low: int, high: int) -> int | None:
    """The last empty block of the widest run of them between `low` and `high` (the latest of equally wide runs), after
    any heading there; None without one. The break over a chapter's notes is the last where every break is one empty
    line, but a note may hold breaks of its own: Calibre's FictionBook writes a stanza's lines and the gap between
    stanzas as one and two empty lines, and pandoc's rule over the notes as three (a scene break as one, its Word file
    as one empty paragraph and the rule over the notes as two). The last break was taken for the one over the notes,
    and a note's first lines, before its stanza's last line, were read as the story's."""
    best, widest, width, run_end = None, 0, 0, 0
    for index in range(high - 1, low - 1, -1):
        if blocks[index].heading:
            break
        if blocks[index].text.strip():
            width = 0
            continue
        width += 1
        if width == 1:
            run_end = index
        if width > widest:
            best, widest = run_end, width
    return best


_BACK_REFERENCE = re.compile(r"\[?\u2190 ?\d{1,4}\]?")
"""Calibre's link back from a Word document's note to its mark, a paragraph of its own: "←1" between "[" and "]"."""
NOTES_LINES = frozenset({"notes", "footnotes", "endnotes"})
"""A line over notes gathered at the book's end (Calibre's "Notes"), not set as a heading."""


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def _bare_words(blocks: Sequence[Block], notes: list[bool | None]) -> set[str]:
    """The words the book's text says with no number run into them (stops around them left out): each casefolded,
    and a word in capitals of two letters or more also as written ("NASA"), which _glued_numbers asks for as such."""
    said = set()
    for block, note in zip(blocks, notes, strict=True):
        if note is None:
            for token in block.text.split():
                word = token.strip(_STOPS)
                if word.isalpha():
                    said.add(word.casefold())
                    if len(word) > 1 and word.isupper():
                        said.add(word)
    return said


_STOPS = ".,;:!?'\"()[]\u2018\u2019\u201c\u201d\u00ab\u00bb\u2014\u2013-"


class _Candidate(NamedTuple):
    block: int
    """The block it stands in."""
    found: re.Match[str]
    sure: int
    """How surely it is a mark rather than a word's own number: SURE run into a stop ("sea.3") or into a word the
    text says without it ("cape1" where "cape" stands alone too), LIKELY run into capitals the text says alone as
    written ("NASA1" and "NASA": a name may be so too, "US1" and "the US"), UNSURE otherwise ("mp3")."""


UNSURE, LIKELY, SURE = 0, 1, 2


def _glued_numbers(text: str, said: set[str]) -> list[tuple[re.Match[str], int]]:
    """The numbers run into the word or the stop before them and standing before a space, a stop or the end, each with
    how surely it is a mark (_Candidate.sure). A number after a capital is a name's or a formula's ("M1", "CO2", "A1")
    unless the capitals before it, two or more, are a word the text says without it in capitals ("NASA1" where "NASA"
    stands alone too: "A1" where the text says "a" and "A" is a paper's size still), and one after a stop with nothing
    before it is quoted or bracketed ('"2"', "(3)"): neither is a mark, nor a number's own part after its stop
    ("3.14", "1,000")."""
    found = []
    for number in _NUMBER.finditer(text):
        before = text[number.start() - 1] if number.start() else " "
        after = text[number.end()] if number.end() < len(text) else " "
        if after.isalnum():
            continue
        ahead = text[number.start() - 2] if number.start() > 1 else " "
        if before.isupper():
            word = _word_before(text, number.start())
            if len(word) > 1 and word.isupper() and word in said:
                found.append((number, LIKELY))
        elif before.isalpha():
            word = _word_before(text, number.start())
            if number.start() > len(word) and text[number.start() - len(word) - 1].isdigit():
                continue  # a measure's or a code's letters between numbers ("2x2" tiles, "4x4"): no word's mark
            found.append((number, SURE if word.casefold() in said else UNSURE))
        elif before in _GLUED_AFTER and (ahead.isalpha() or ahead in _GLUED_AFTER):  # "sea.3", "said.”4"
            found.append((number, SURE))
    return found


_WORD_CHARS = 40
"""The most letters looked at before a number for its word: a longer run is no word of a story's."""


def _word_before(text: str, end: int) -> str:
    """The letters that end at `end`, back to the last that is none (at most _WORD_CHARS)."""
    start = end
    while start > 0 and end - start < _WORD_CHARS and text[start - 1].isalpha():
        start -= 1
    return text[start:end] if start == 0 or not text[start - 1].isalpha() else ""


def _in_order(candidates: list[_Candidate], first: int, count: int) -> list[tuple[int, re.Match[str]]]:
    """The candidates numbered first, first + 1, ... in order, at most `count` of them. A number that is less surely a
    mark ("mp3", "US1") is passed over where a surer one comes later with the same number, before any with the next."""
    values = [int(candidate.found.group()) for candidate in candidates]
    surer: list[int | None] = [None] * len(candidates)  # the next candidate of the same value that is surer
    next_of: list[int | None] = [None] * len(candidates)  # the next candidate of the value after this one's
    at_least: list[dict[int, int]] = [{}, {}, {}]  # by how sure: each value's next candidate at least that sure
    any_at: dict[int, int] = {}
    for position in range(len(candidates) - 1, -1, -1):
        value, sure = values[position], candidates[position].sure
        surer[position] = at_least[sure + 1].get(value) if sure < SURE else None
        next_of[position] = any_at.get(value + 1)
        any_at[value] = position
        for level in range(sure + 1):
            at_least[level][value] = position
    chosen: list[tuple[int, re.Match[str]]] = []
    expected = first
    for position, candidate in enumerate(candidates):
        if len(chosen) == count:
            break
        if values[position] != expected:
            continue
        better, following = surer[position], next_of[position]
        if better is not None and (following is None or better < following):
            continue
        chosen.append((candidate.block, candidate.found))
        expected += 1
    return chosen


def _without_spans(text: str, spans: list[tuple[int, int]]) -> str:
    parts, at = [], 0
    for begin, end in spans:
        parts.append(text[at:begin])
        at = end
    parts.append(text[at:])
    return "".join(parts)
