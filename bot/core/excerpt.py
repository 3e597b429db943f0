"""The part of a passage worth quoting: whole when short, else the sentence that answers and its neighbours."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.analysis import fold
from bot.core.answer import Excerpt
from bot.core.sentences import sentence_spans

EXCERPT_CHARS = 400
ELLIPSIS = "…"


def make_excerpt(
    text: str,
    matched: Sequence[tuple[int, int]],
    answer: tuple[int, int] | None = None,
    max_chars: int = EXCERPT_CHARS,
) -> Excerpt:
    """`matched` are the question's words in `text` as (start, end), in order; `answer` is the
    answering sentence's (start, end), if known.

    A long passage is quoted in whole sentences around the answering one: first a neighbour that
    holds question words the answering sentence lacks (the question spans both), then the following
    sentences while they fit, since the answer to "why" or "what did they do" often follows the
    sentence that repeats the question, then the preceding ones (the person it is about is often
    named before). One overlong sentence is cut around its first match.
    """
    if len(text) <= max_chars:
        return Excerpt(text, tuple(matched), answer)
    spans = sentence_spans(text) or [(0, len(text))]
    if answer is None:
        answer = next(((s, e) for s, e in spans if any(s <= m < e for m, _ in matched)), spans[0])
    start, end = _window(text, spans, answer, matched, max_chars)
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    shift = len(prefix) - start
    highlights = tuple((s + shift, e + shift) for s, e in matched if s >= start and e <= end)
    answer_span = (max(answer[0], start) + shift, min(answer[1], end) + shift)
    return Excerpt(prefix + text[start:end] + suffix, highlights, answer_span)


def _window(
    text: str,
    spans: list[tuple[int, int]],
    answer: tuple[int, int],
    matched: Sequence[tuple[int, int]],
    max_chars: int,
) -> tuple[int, int]:
    start, end = answer
    if end - start > max_chars:
        focus = next((s for s, _ in matched if s >= start), start)
        return _clip(text, max(start, min(focus - max_chars // 3, end - max_chars)), max_chars)
    first = next((i for i, (_, e) in enumerate(spans) if e > start), len(spans) - 1)
    last = max(first, next((i for i in range(len(spans) - 1, first - 1, -1) if spans[i][0] < end), first))

    def reach(sentence: int) -> tuple[int, int]:
        """The window's sentences (first, last) if it took in this one as well."""
        return min(first, sentence), max(last, sentence)

    def fits(sentence: int) -> bool:
        if not 0 <= sentence < len(spans):
            return False
        low, high = reach(sentence)
        return max(end, spans[high][1]) - min(start, spans[low][0]) <= max_chars

    words = _matched_words(text, spans, matched)
    held = set().union(*words[first : last + 1])
    spanning = [i for i in (last + 1, first - 1) if fits(i) and words[i] - held]
    if spanning:
        first, last = reach(max(spanning, key=lambda i: len(words[i] - held)))
    while (sentence := next((i for i in (last + 1, first - 1) if fits(i)), None)) is not None:
        first, last = reach(sentence)
    start, end = min(start, spans[first][0]), max(end, spans[last][1])
    # What room is left goes to the start of the next sentence, or else the end of the one before.
    if last + 1 < len(spans):
        return start, _clip(text, start, max_chars)[1]
    if first > 0:
        return _clip(text, end - max_chars, max_chars)[0], end
    return start, end


def _matched_words(text: str, spans: list[tuple[int, int]], matched: Sequence[tuple[int, int]]) -> list[set[str]]:
    """The question words each sentence holds, folded; matches come in order, so one pass."""
    words: list[set[str]] = [set() for _ in spans]
    sentence = 0
    for start, end in matched:
        while sentence < len(spans) - 1 and spans[sentence][1] <= start:
            sentence += 1
        words[sentence].add(fold(text[start:end]))
    return words


def _clip(text: str, start: int, max_chars: int) -> tuple[int, int]:
    """A window of at most max_chars from about `start` that neither starts nor ends mid-word."""
    if start > 0 and not text[start - 1].isspace():
        space = text.find(" ", start)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + max_chars)
    if end < len(text) and not text[end].isspace():
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return start, len(text[:end].rstrip())
