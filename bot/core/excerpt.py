"""The part of a passage worth quoting: whole when short, else the sentences likeliest to hold the answer."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate

from bot.core.answer import Excerpt
from bot.core.sentences import sentence_spans

EXCERPT_CHARS = 600
ELLIPSIS = "…"


def make_excerpt(
    text: str,
    matched: Sequence[tuple[int, int]],
    chances: Sequence[float] | None = None,
    max_chars: int = EXCERPT_CHARS,
) -> Excerpt:
    """`matched` are the question's words in `text` as (start, end), in order; `chances` each sentence's
    chance of holding the answer (bot.core.answer_sentences), one per sentence of `sentence_spans(text)`;
    without them, the first sentence holding a question word is taken for the answer.

    A long passage is quoted in whole sentences: the run of sentences that fits and holds the most
    chance (so a likely answer before or after the sentence that repeats the question is kept), then
    the room left reads on into the next sentence (or, at the passage's end, takes in the end of the one
    before). The likeliest sentence shown is the excerpt's answer. One overlong sentence is cut around its
    first match.
    """
    spans = sentence_spans(text) or [(0, len(text))]
    if chances is None or len(chances) != len(spans):
        chances = _first_matching(spans, matched)
    likeliest = max(range(len(spans)), key=lambda i: (chances[i], -i))
    if len(text) <= max_chars:
        return Excerpt(text, tuple(matched), spans[likeliest])
    start, end = _window(text, spans, chances, likeliest, matched, max_chars)
    # The run kept may leave the likeliest sentence out (two others hold more): the answer is then the
    # likeliest of the sentences it shows.
    shown = [i for i, (s, e) in enumerate(spans) if s < end and e > start] or [likeliest]
    answer = spans[max(shown, key=lambda i: (chances[i], -i))]
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    shift = len(prefix) - start
    highlights = tuple((s + shift, e + shift) for s, e in matched if s >= start and e <= end)
    answer_span = (max(answer[0], start) + shift, min(answer[1], end) + shift)
    return Excerpt(prefix + text[start:end] + suffix, highlights, answer_span)


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
) -> tuple[int, int]:
    start, end = spans[likeliest]
    if end - start > max_chars:
        focus = next((s for s, _ in matched if s >= start), start)
        return _clip(text, max(start, min(focus - max_chars // 3, end - max_chars)), max_chars)
    first, last = _likeliest_run(spans, chances, likeliest, max_chars)
    start, end = spans[first][0], spans[last][1]
    # What room is left goes to the start of the next sentence, or else the end of the one before.
    if last + 1 < len(spans):
        return start, _clip(text, start, max_chars)[1]
    if first > 0:
        return _clip(text, end - max_chars, max_chars)[0], end
    return start, end


def _likeliest_run(
    spans: Sequence[tuple[int, int]], chances: Sequence[float], likeliest: int, max_chars: int
) -> tuple[int, int]:
    """(first, last) sentence of the run that fits in max_chars and holds the most chance; of equals, the
    one that starts nearest before the likeliest sentence (reading on from it). One pass: a run's last
    sentence only moves on as its first does."""
    totals = [0.0, *accumulate(chances)]
    best, best_key = (likeliest, likeliest), (-1.0, -len(spans))
    last = 0
    for first in range(len(spans)):
        last = max(last, first)
        while last + 1 < len(spans) and spans[last + 1][1] - spans[first][0] <= max_chars:
            last += 1
        if spans[last][1] - spans[first][0] > max_chars:
            continue
        nearness = first - likeliest if first <= likeliest <= last else -len(spans)
        key = (round(totals[last + 1] - totals[first], 12), nearness)
        if key > best_key:
            best, best_key = (first, last), key
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
