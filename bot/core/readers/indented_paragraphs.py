"""Plain-text paragraphs marked by indentation alone: each paragraph's first line opens with spaces or a tab and no
blank line parts them, as a word processor's first-line indent saved as text and many old e-texts type them. Read
between blank lines alone, such a chapter was one paragraph, one passage.

A text marks its paragraphs so where MIN_MARKS lines at least are indented under a line of text, that line ending a
sentence (a paragraph's last line does: a poem's lines end in commas or nothing as often as not, and a list's in no
stop), where there are few blank lines beside them (a blank-line text's indented quotations and stanzas are a few
among many), and where lines go on at the margin under them, under lines that seldom end a sentence (a paragraph's
lines wrapped: a text indented on every line, or its paragraphs each a line, says nothing by its indents, and a
poem's lines end alike, indented or not). One pass over the lines."""

from __future__ import annotations

from itertools import pairwise

MIN_MARKS = 2
"""Indented lines under a line of text, at least, for a text to mark its paragraphs so."""
MARKS_PER_BLANK = 1
"""Such lines, at least, for each run of blank lines within the text: a text of paragraphs between blank lines has a
run for each, one whose paragraphs are indented a run before and after each heading and scene break."""
ENDED_SHARE = 0.75
"""The least share of the lines over them that end a sentence, as a paragraph's last line does."""
RUN_ON_SHARE = 0.25
"""Lines at the margin under a line of text, at least this share of the indented ones: a paragraph's lines after its
first, where lines are wrapped."""
WRAPPED_ENDED_SHARE = 0.5
"""The largest share of the lines over those that go on at the margin that end a sentence: a wrapped paragraph's
lines end where the width does, a sentence's end seldom. A poem's lines end alike, indented under them or not."""
_INDENTS = (" ", "\t")
_SENTENCE_ENDS = (".", "!", "?", "\u2026", ":", "\u2014")
_CLOSING = "\"'\u201d\u2019)]\u00bb*_"
"""What may close a sentence after its stop: a quotation's mark, a bracket, emphasis typed as text."""


def indent_parted(body: str) -> str:
    """The body with a blank line before each line indented under a line of text, where its paragraphs are marked by
    indentation alone (as the module says), and before each line at the margin under one that ends a sentence with
    room left for that line's first word (_ended_short: the text after an indented quotation or letter, which no
    indent opens, was read as its last line's wrap); else the body as it is."""
    lines = body.split("\n")
    if not _marked_by_indents(lines):
        return body
    width = _typical_width(lines)
    parted: list[str] = []
    for line, before in zip(lines, ["", *lines], strict=False):
        if before.strip() and (_is_indented(line) or (line.strip() and _ended_short(before, line, width))):
            parted.append("")
        parted.append(line)
    return "\n".join(parted)


def _typical_width(lines: list[str]) -> int:
    """The width the text is wrapped at, as a middle length of its lines that go on at the margin under them (a
    paragraph's wrapped lines); 0 where none do. Its longest line was taken for it, and one long line left unwrapped
    (a line of dialogue, an address) made every wrapped line that ends a sentence end a paragraph. A width under the
    true one parts no paragraph that is one: a line the next word would have fitted on ended of itself."""
    wrapped = sorted(
        len(line.rstrip())
        for line, after in pairwise(lines)
        if line.strip() and after.strip() and not _is_indented(after)
    )
    return wrapped[len(wrapped) // 2] if wrapped else 0


def _ended_short(before: str, line: str, width: int) -> bool:
    """Whether a line ends a sentence where the next line's first word would have fitted on it: a wrapped line ends
    where the width does, so it ended there of itself, a paragraph's last."""
    return _ends_sentence(before) and len(before.rstrip()) + 1 + len(line.split()[0]) <= width


def _marked_by_indents(lines: list[str]) -> bool:
    marks = ended = run_on = run_on_ended = blank_runs = 0
    before, seen = "", False  # the line before, and whether a line of text came before it
    for line in lines:
        if line.strip() and not before.strip():
            blank_runs += seen  # a run of blank lines (or none, at the start) ends
            seen = True
        elif line.strip() and _is_indented(line):
            marks += 1
            ended += _ends_sentence(before)
        elif line.strip():
            run_on += 1
            run_on_ended += _ends_sentence(before)
        before = line
    return (
        marks >= MIN_MARKS
        and marks >= MARKS_PER_BLANK * blank_runs
        and ended >= ENDED_SHARE * marks
        and run_on >= RUN_ON_SHARE * marks
        and run_on_ended <= WRAPPED_ENDED_SHARE * run_on
    )


def _ends_sentence(line: str) -> bool:
    return line.rstrip().rstrip(_CLOSING).endswith(_SENTENCE_ENDS)


def _is_indented(line: str) -> bool:
    return line.startswith(_INDENTS) and bool(line.strip())
