"""The part of a passage worth quoting: whole when short, else the sentences likeliest to hold the answer."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate

from bot.core.answer import Excerpt
from bot.core.answer_position import AnswerPosition
from bot.core.sentences import sentence_spans

EXCERPT_CHARS = 600
ELLIPSIS = "…"


def make_excerpt(
    text: str,
    matched: Sequence[tuple[int, int]],
    chances: Sequence[float] | None = None,
    max_chars: int = EXCERPT_CHARS,
    position: AnswerPosition | None = None,
) -> Excerpt:
    """`matched` are the question's words in `text` as (start, end), in order; `chances` each sentence's
    chance of holding the answer (bot.core.answer_sentences), one per sentence of `sentence_spans(text)`;
    without them, the first sentence holding a question word is taken for the answer. `position` says
    how likely a sentence cut through still shows its answer (by default, as likely as the share shown).

    A long passage is quoted as the window of max_chars that most likely holds the answer: one that
    starts at a sentence and reads on into the next sentence it has no room for, or one that ends at a
    sentence and takes in the end of the one before (answers mostly close their sentence, so an end
    shown is worth more than a start). The likeliest sentence shown is the excerpt's answer. One
    overlong sentence is cut around its first match.
    """
    spans = sentence_spans(text) or [(0, len(text))]
    if chances is None or len(chances) != len(spans):
        chances = _first_matching(spans, matched)
    likeliest = max(range(len(spans)), key=lambda i: (chances[i], -i))
    if len(text) <= max_chars:
        return Excerpt(text, tuple(matched), spans[likeliest])
    start, end = _window(text, spans, chances, likeliest, matched, max_chars, position or AnswerPosition.uniform())
    # The window kept may leave the likeliest sentence out (others hold more): the answer is then the
    # likeliest of the sentences it shows.
    shown = [i for i, (s, e) in enumerate(spans) if s < end and e > start] or [likeliest]
    answer = spans[max(shown, key=lambda i: (chances[i], -i))]
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    shift = len(prefix) - start
    highlights = tuple((s + shift, e + shift) for s, e in matched if s >= start and e <= end)
    answer_span = (max(answer[0], start) + shift, min(answer[1], end) + shift)
    return Excerpt(prefix + text[start:end] + suffix, highlights, answer_span)


def leading_with(text: str, sentence: str) -> list[float] | None:
    """Chances for make_excerpt with all of it on the sentence of `text` where `sentence` starts (a person's
    introduction, as the people finder took it from the text); None where `text` does not hold it."""
    at = text.find(sentence.strip()) if sentence.strip() else -1
    if at < 0:
        return None
    spans = sentence_spans(text) or [(0, len(text))]
    chances = [float(start <= at < end) for start, end in spans]
    return chances if any(chances) else None


def closing(text: str) -> list[float]:
    """Chances for make_excerpt with all of it on the last sentence of `text`: an excerpt of how a passage ends,
    for a question about how its story ends, whose answer a plot tells last."""
    spans = sentence_spans(text) or [(0, len(text))]
    return [float(i == len(spans) - 1) for i in range(len(spans))]


def _first_matching(spans: Sequence[tuple[int, int]], matched: Sequence[tuple[int, int]]) -> list[float]:
    """All the chance on the first sentence holding a question word (else the first sentence)."""
    first = next((i for i, (s, e) in enumerate(spans) if any(s <= m < e for m, _ in matched)), 0)
    return [float(i == first) for i in range(len(spans))]


def _window(
    text: str,
    spans: Sequence[tuple[int, int]],
    chances: Sequence[float],
    likeliest: int,
    matched: Sequence[tuple[int, int]],
    max_chars: int,
    position: AnswerPosition,
) -> tuple[int, int]:
    start, end = spans[likeliest]
    if end - start > max_chars:
        focus = next((s for s, _ in matched if s >= start), start)
        return _clip(text, max(start, min(focus - max_chars // 3, end - max_chars)), max_chars)
    sentence, reads_on = _likeliest_window(spans, chances, likeliest, max_chars, position)
    if reads_on:
        start = spans[sentence][0]
        return start, _clip(text, start, max_chars)[1]
    end = spans[sentence][1]
    return _clip(text, max(0, end - max_chars), max_chars)[0], end


def _likeliest_window(
    spans: Sequence[tuple[int, int]],
    chances: Sequence[float],
    likeliest: int,
    max_chars: int,
    position: AnswerPosition,
) -> tuple[int, bool]:
    """(sentence, True) for the window that starts at that sentence and reads on, (sentence, False) for
    the one that ends at it, whichever most likely holds the answer: the chances of the sentences it
    shows whole, and of the one it cuts through times the chance the part shown holds its answer. Of
    equals, one that reads on from nearest before the likeliest sentence (one that would read past the
    passage's end takes in the end of the sentence before instead). Two passes: a window's whole
    sentences only move on as its first (or last) does."""
    count = len(spans)
    totals = [0.0, *accumulate(chances)]
    ending: list[float] = []
    first = 0
    for last in range(count):
        limit = spans[last][1] - max_chars
        while first <= last and spans[first][0] < limit:
            first += 1
        cut = 0.0
        if first > 0:
            cut_start, cut_end = spans[first - 1]
            cut = chances[first - 1] * position.in_tail((cut_end - limit) / (cut_end - cut_start))
        ending.append(round(totals[last + 1] - totals[first] + cut, 12))
    best, best_key = (count - 1, False), (ending[-1], False, -count)
    for last in range(count - 1):  # a window from the passage's start reads on from its first sentence
        if spans[last][1] > max_chars and (ending[last], False, -count) > best_key:
            best, best_key = (last, False), (ending[last], False, -count)
    last = -1
    for first in range(count):
        limit = spans[first][0] + max_chars
        nearness = first - likeliest if first <= likeliest else -count
        if limit >= spans[-1][1]:
            key = (ending[-1], True, nearness)
            if key > best_key:
                best, best_key = (count - 1, False), key
            continue
        last = max(last, first - 1)
        while spans[last + 1][1] <= limit:
            last += 1
        cut_start, cut_end = spans[last + 1]
        cut = chances[last + 1] * position.in_head((limit - cut_start) / (cut_end - cut_start))
        key = (round(totals[last + 1] - totals[first] + cut, 12), True, nearness if likeliest <= last else -count)
        if key > best_key:
            best, best_key = (first, True), key
    return best


def _clip(text: str, start: int, max_chars: int) -> tuple[int, int]:
    """A window of at most max_chars from about `start` that neither starts nor ends mid-word.

    Its ends move to a space within a third of it: text that writes no spaces (Chinese, Japanese) is cut
    where the window falls, not at a Latin name's space far off that would leave the match out."""
    reach = max_chars // 3
    if start > 0 and not text[start - 1].isspace():
        space = text.find(" ", start, start + reach)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + max_chars)
    if end < len(text) and not text[end].isspace():
        space = text.rfind(" ", max(start, end - reach), end)
        end = space if space > start else end
    return start, len(text[:end].rstrip())
