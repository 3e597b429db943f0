"""The part of a passage worth quoting: whole when short, else led by the sentence that answers."""

from __future__ import annotations

from collections.abc import Sequence

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

    A long passage is quoted from the answering sentence on, whole sentences while they fit, so the
    answer comes first and reads on naturally; one overlong sentence is cut around its first match.
    """
    if len(text) <= max_chars:
        return Excerpt(text, tuple(matched), answer)
    if answer is None:
        answer = next(((s, e) for s, e in sentence_spans(text) if any(s <= m < e for m, _ in matched)), None)
        answer = answer or sentence_spans(text)[0]
    start, end = _window(text, answer, matched, max_chars)
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    shift = len(prefix) - start
    highlights = tuple((s + shift, e + shift) for s, e in matched if s >= start and e <= end)
    answer_span = (max(answer[0], start) + shift, min(answer[1], end) + shift)
    return Excerpt(prefix + text[start:end] + suffix, highlights, answer_span)


def _window(text: str, answer: tuple[int, int], matched: list[tuple[int, int]], max_chars: int) -> tuple[int, int]:
    start, end = answer
    if end - start > max_chars:
        focus = next((s for s, _ in matched if s >= start), start)
        return _clip(text, max(start, min(focus - max_chars // 3, end - max_chars)), max_chars)
    for _, following_end in (span for span in sentence_spans(text) if span[0] >= end):
        if following_end - start > max_chars:
            break
        end = following_end
    return start, end


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
