"""Archive of Our Own's PDF download, Calibre's conversion of its HTML download, read as that download is (ao3.py): the
work's chapters alone. Its preface (the tags, the stats, the summary and notes), each chapter's notes and end notes,
and its afterword (the end notes, "Please drop by the archive and comment...") were read as the story, and answered
from: "Who killed the Harbourmaster?" from the author's thanks to a beta reader.

A PDF has no blocks to tell them by, only lines: an AO3 PDF is told by AO3's two messages, "Posted originally on the
Archive of Our Own at" a work's address on its first page and "Please drop by the archive and comment..." as its last
lines, wherever their lines break. Between them the templates' order says what is what: the preface runs to the work's
title (a heading) and the "by" line under it, then its labelled notes; a chapter's notes stand under its heading (at a
new page, where Calibre breaks one), each a label ("Chapter Notes") over a quote set in from it, line after line at the
quote's left edge, across pages too; its end notes, a label and the lines set in from it, close it; the afterword runs
from its heading to the end. A line at another edge ends a quote (a note's centered line, its list, and whatever
follows are read, rather than risk a story's first lines), and so does a heading.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.readers import ao3
from bot.core.readers.pdf_title_block import FramedStory, L

QUOTE_EDGE = 0.5
"""Sizes of the text's type a quote's lines stand from its first line's left edge at most, and a quote's first line
right of its label at least: Calibre sets a `blockquote` in 40 pixels and an em from its label, the text an em."""
CLOSING_LINES = 4
"""Lines the afterword's message runs over at most, in the largest type a reader would set."""


def in_ao3_download(lines: Sequence[L], text_size: float, heading: float) -> FramedStory[L] | None:
    """`lines` (page after page, in the text's `text_size`; `heading` the type a heading's line is set in at least) as
    an AO3 download's work, or None where AO3's messages do not open and close them."""
    first = [ao3.squeezed(line.text) for line in lines if line.page == lines[0].page] if lines else []
    posted = ao3.posted_end("".join(first))
    message = None if posted is None else bisect.bisect_left(list(itertools.accumulate(map(len, first))), posted)
    closing = next(
        (
            start
            for start in range(len(lines) - 1, max(len(lines) - CLOSING_LINES, message or 0) - 1, -1)
            if ao3.is_closing("".join(ao3.squeezed(line.text) for line in lines[start:]))
        ),
        None,
    )
    if message is None or closing is None:
        return None
    title = next((index for index in range(message + 1, closing) if lines[index].size >= heading), None)
    byline = None if title is None else next((i for i in range(title, closing) if lines[i].size < heading), None)
    if title is None or byline is None or not lines[byline].text.casefold().startswith("by "):
        return None  # no title and "by" line under AO3's message: not its preface
    edge = QUOTE_EDGE * text_size
    start = _past_notes(lines, byline + 1, closing, ao3.WORK_LABELS, heading, edge)
    end = next(
        (
            index
            for index in range(closing - 1, start - 1, -1)
            if _opens_page(lines, index)
            and lines[index].size >= heading
            and ao3.squeezed(lines[index].text) == ao3.AFTERWORD
        ),
        closing,
    )
    chapter_ends = _chapter_ends(lines, start, end, heading)
    kept: list[L] = []
    index = start
    while index < end:
        line = lines[index]
        if index > start and lines[index - 1].size >= heading > line.size:
            noted = _past_notes(lines, index, end, ao3.CHAPTER_LABELS, heading, edge)  # under a chapter's heading
            if noted > index:
                index = noted
                continue
        after = chapter_ends[index - start]
        if (
            ao3.squeezed(line.text) == ao3.squeezed(ao3.CHAPTER_END_LABEL)
            and after.end > index + 1
            and after.left > line.x + edge
        ):
            index = after.end  # the chapter's end notes: the label, and every line after it set in from it
            continue
        kept.append(line)
        index += 1
    named = " ".join(lines[index].text for index in range(title, byline))
    return FramedStory(named, kept) if kept else None


def _past_notes(lines: Sequence[L], index: int, end: int, labels: frozenset[str], heading: float, edge: float) -> int:
    """Where the story goes on after the labelled notes from `index` on (`index` itself where none is): each a label
    alone on its line, the quote set in from it, and AO3's "See the end of the chapter for more notes"."""
    while index < end and " ".join(lines[index].text.split()).casefold() in labels:
        label = lines[index]
        index += 1
        if index < end and lines[index].size < heading and lines[index].x > label.x + edge:
            quote = lines[index].x
            while index < end and lines[index].size < heading and abs(lines[index].x - quote) <= edge:
                index += 1
        if index < end and ao3.is_endnote_link(lines[index].text):
            index += 1
    return index


@dataclass(frozen=True)
class _Rest:
    """What follows a line to its chapter's end: where that is, and the leftmost edge of the lines after it there."""

    end: int
    left: float


def _chapter_ends(lines: Sequence[L], start: int, end: int, heading: float) -> list[_Rest]:
    """For each line from `start` to `end`, the rest of its chapter (which ends where a heading opens a page): found
    from the end back, so that a page of labels is read once, not once a label."""
    rests: list[_Rest] = []
    rest = _Rest(end, float("inf"))
    for index in range(end - 1, start - 1, -1):
        rests.append(rest)
        rest = _Rest(rest.end, min(rest.left, lines[index].x))
        if _opens_page(lines, index) and lines[index].size >= heading:
            rest = _Rest(index, float("inf"))
    return rests[::-1]


def _opens_page(lines: Sequence[L], index: int) -> bool:
    return index == 0 or lines[index - 1].page != lines[index].page
