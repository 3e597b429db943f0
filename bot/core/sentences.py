"""Sentence boundaries, used to split long paragraphs and to cut excerpts at sentence ends."""

from __future__ import annotations

import re

# A sentence ends at . ! ? or … (possibly followed by closing quotes or brackets) before
# white space and a capital, digit or opening quote; "Dr. Smith"-style abbreviations are rare
# in stories and cost at most an early cut.
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[^\W_a-z])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, white space between sentences left out."""
    spans: list[tuple[int, int]] = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        end = boundary.start() + len(boundary.group().rstrip())
        spans.append((start, end))
        start = boundary.end()
    if start < len(text.rstrip()):
        spans.append((start, len(text.rstrip())))
    return spans
