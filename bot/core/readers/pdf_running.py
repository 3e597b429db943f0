"""Running heads and feet of a typeset book: the book's or the chapter's title (often with the page number), set at
the same place at the top or bottom of page after page. Read as text, each was read into the middle of the paragraph
that runs over its page break ("...could | 47 THE STORM | say why...").

A place on the page, a height near its top or bottom, is a running head's (or foot's) when the lines there that
recur, in the same type, page numbers aside, stand on at least RUNNING_PAGES pages and make most of its lines: a
running head has a place of its own, above (or below) the text, while the text's own first and last lines vary from
page to page. Each line there whose text recurs is left out, but none in a heading's type (larger than the text's):
"Chapter 7" at the same place on each chapter's first page is "Chapter" once numbers are set aside; nor any that
reads on from the text, standing a paragraph's line spacing or less from a line of the page that stays: a running
head stands apart from the text, a refrain opening each page of a poem does not. So a chapter heading, a short line
of dialogue that happens to open a few pages, a letter's "Dear Maren," on each of its pages, and a document of one
or two pages keep all their lines; chapter titles that change from chapter to chapter, and left and right pages that
alternate the book's title with the chapter's, are each a recurring text at that place."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from typing import Protocol, TypeVar

from bot.core.readers.chapter_lines import is_roman

RUNNING_PAGES = 3
"""Pages that recurring lines at a place must stand on for it to be a running head's: a document of two pages with
the same first line keeps both."""
EDGE_LINES = 3
"""Lines nearest a page's top, and nearest its bottom, that may be running: a head over a subhead, a foot and a page
number under it."""
RECURRING_SHARE = 0.5
"""Share of the lines at a place (a height, at a page's top or bottom) that must recur there for any to be running:
the text's first line stands at one height on most pages, each page's its own."""
_NUMBER = re.compile(r"\d+")
_PUNCTUATION = ".,:;!?()[]\"'\u2018\u2019\u201c\u201d\u2013\u2014-"


class Placed(Protocol):
    """A line of a page, where it stands (its baseline's height from the page's foot) and its type size."""

    @property
    def page(self) -> int: ...
    @property
    def y(self) -> float: ...
    @property
    def size(self) -> float: ...
    @property
    def text(self) -> str: ...


L = TypeVar("L", bound=Placed)
_Place = tuple[bool, int]
"""At a page's top (True) or bottom, and the height to the point."""
_Key = tuple[_Place, float, str]
"""A place, a type size and a text without its page numbers."""


def without_running_lines(
    lines: Sequence[L], heading_size: float, in_flow: float, headings: Sequence[str] = ()
) -> list[L]:
    """`lines` (page after page) without the running heads and feet among them; all of them when that leaves none.
    A line in type of `heading_size` or larger is a heading, never running: numbered chapters' titles ("Chapter 7"),
    at the same place on each chapter's first page, are the same text once numbers are set aside. A line `in_flow`
    or less above or below a line of the text (the greatest gap within a paragraph) reads on from it, never running:
    a refrain opening each page of a poem, a letter's "Dear Maren," and "Your friend," on each page. A line at a
    page's top or bottom that says one of the book's `headings` again (a chapter's title, perhaps after "Chapter 2.",
    in capitals) is running however seldom it stands there, where running heads stand (a place where lines stand apart
    from the text on RUNNING_PAGES pages or more, and on most pages that have a line there): a chapter of two pages has
    its title in the head once, while a poem's refrain that says its title, a stanza of its own at a page's top, is
    its text."""
    pages = _pages(lines)
    candidates = _edge_keys(lines, pages, heading_size)
    recurring = Counter(key for _, key in candidates)
    at_place = Counter(key[0] for _, key in candidates)
    recurring_at_place = Counter(key[0] for _, key in candidates if recurring[key] > 1)
    titles = {title_key(heading) for heading in headings} - {""}
    apart = _set_apart(lines, pages, in_flow)
    apart_at_place = Counter(key[0] for index, key in candidates if index in apart[key[0][0]])
    heads = {
        place
        for place, apart in apart_at_place.items()
        if apart >= max(RUNNING_PAGES, RECURRING_SHARE * at_place[place])
    }
    running = {
        index
        for index, key in candidates
        if (recurring[key] > 1 and recurring_at_place[key[0]] >= max(RUNNING_PAGES, RECURRING_SHARE * at_place[key[0]]))
        or (title_key(lines[index].text) in titles and key[0] in heads)
    }
    running.update(_run_over_titles(lines, pages, heads, titles, in_flow, heading_size))
    for by_height in pages:
        for order in (by_height[::-1], by_height):  # up from the text to a page's head, then down to its foot
            for inner, outer in itertools.pairwise(order):
                if outer in running and inner not in running and abs(lines[inner].y - lines[outer].y) <= in_flow:
                    running.discard(outer)
    kept = [line for index, line in enumerate(lines) if index not in running]
    return kept or list(lines)  # pages that hold nothing but the same lines are the text itself


def _run_over_titles(
    lines: Sequence[Placed],
    pages: list[list[int]],
    heads: set[_Place],
    titles: set[str],
    in_flow: float,
    heading_size: float,
) -> set[int]:
    """The lines of a running head (or foot) run over two or more lines at a running head's place, that together say a
    heading's title (memoir's "1. Sébastien Kalmurzaeva: The Violinist of" over "Moscow"): neither line says it whole,
    nor recurs, and each was read into the paragraph over the page. A heading's own lines (in its larger type) are
    none."""
    running: set[int] = set()
    for by_height in pages:
        for top, order in ((True, by_height), (False, by_height[::-1])):
            edge = order[: EDGE_LINES + 1]
            lines_over = 1
            while lines_over < len(edge) and abs(lines[edge[lines_over - 1]].y - lines[edge[lines_over]].y) <= in_flow:
                lines_over += 1
            if not 1 < lines_over <= EDGE_LINES or lines_over == len(edge):  # one line, or no text apart from it
                continue
            group = edge[:lines_over] if top else edge[:lines_over][::-1]
            place = (top, round(lines[edge[0]].y))
            if any(lines[index].size >= heading_size for index in group) or place not in heads:
                continue
            if title_key(" ".join(lines[index].text for index in group)) in titles:
                running.update(group)
    return running


def _set_apart(lines: Sequence[Placed], pages: list[list[int]], in_flow: float) -> dict[bool, set[int]]:
    """For a page's top (True) and its bottom, its EDGE_LINES lines there that stand apart from the text: a gap wider
    than `in_flow` between them and the next line towards the page's middle, or further in among those lines (a
    running head run over two lines stands apart from the text as one)."""
    apart: dict[bool, set[int]] = {True: set(), False: set()}
    for by_height in pages:
        for top, order in ((True, by_height), (False, by_height[::-1])):
            edge = order[: EDGE_LINES + 1]
            gaps = [abs(lines[outer].y - lines[inner].y) > in_flow for outer, inner in itertools.pairwise(edge)]
            for position, index in enumerate(edge[:EDGE_LINES]):
                if position == len(gaps) or any(gaps[position:]):
                    apart[top].add(index)
    return apart


def _pages(lines: Sequence[Placed]) -> list[list[int]]:
    """Each page's lines (their indexes), highest first."""
    pages = itertools.groupby(range(len(lines)), key=lambda index: lines[index].page)
    return [sorted(page, key=lambda index: -lines[index].y) for _, page in pages]


def _edge_keys(lines: Sequence[Placed], pages: list[list[int]], heading_size: float) -> list[tuple[int, _Key]]:
    """Each line among the EDGE_LINES highest and lowest of its page (a line of a short page may be both), with its
    key; a line of page numbers alone has none (it is no text)."""
    keys: list[tuple[int, _Key]] = []
    for by_height in pages:
        for top, chosen in ((True, by_height[:EDGE_LINES]), (False, by_height[-EDGE_LINES:])):
            for index in chosen:
                line = lines[index]
                text = _without_page_numbers(line.text)
                if text and line.size < heading_size:
                    keys.append((index, ((top, round(line.y)), round(line.size, 1), text)))
    return keys


def _without_page_numbers(text: str) -> str:
    """The line's words folded, without numbers and roman numerals: "47  THE STORM" and "THE STORM  48", "xii
    Preface" and "Preface xiii" are the same running head."""
    words = _NUMBER.sub(" ", text).casefold().split()
    return " ".join(word for word in words if not is_roman(word.upper()))


def title_key(text: str) -> str:
    """A heading's or a running head's words, folded, without page or chapter numbers, punctuation at their edges
    or a leading "Chapter": "CHAPTER 2. THE STORM  17" and "The Storm" are the same title."""
    words = [word.strip(_PUNCTUATION) for word in _without_page_numbers(text).split()]
    words = [word for word in words if word]
    return " ".join(words[1:] if words[:1] == ["chapter"] else words)
