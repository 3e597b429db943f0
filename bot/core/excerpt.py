"""The part of a passage worth quoting: whole when short, else the sentences that carry the match."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from bot.core.analysis import Analyzer
from bot.core.answer import Excerpt
from bot.core.sentences import sentence_spans

EXCERPT_CHARS = 400
ELLIPSIS = "…"


def make_excerpt(
    text: str,
    analyzer: Analyzer,
    weights: Mapping[str, float],
    max_chars: int = EXCERPT_CHARS,
) -> Excerpt:
    """`weights` maps each question term to what matching it is worth (its idf)."""
    matched = [(s.start, s.end, s.term) for s in analyzer.spans(text) if s.term in weights]
    if len(text) <= max_chars:
        return Excerpt(text, tuple((start, end) for start, end, _ in matched))
    start, end = _best_window(text, matched, weights, max_chars)
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    shift = len(prefix) - start
    highlights = tuple((s + shift, e + shift) for s, e, _ in matched if s >= start and e <= end)
    return Excerpt(prefix + text[start:end] + suffix, highlights)


def _best_window(
    text: str, matched: list[tuple[int, int, str]], weights: Mapping[str, float], max_chars: int
) -> tuple[int, int]:
    """The run of whole sentences that fits and matches the most weight; else a cut of the best one."""
    sentences = sentence_spans(text)

    def worth(start: int, end: int) -> float:
        return _weight({t for s, e, t in matched if s >= start and e <= end}, weights)

    best: tuple[float, int, int] | None = None
    for i, (start, _) in enumerate(sentences):
        for _, end in sentences[i:]:
            if end - start > max_chars:
                break
            value = worth(start, end)
            if best is None or value > best[0]:
                best = (value, start, end)
    if best is not None and best[0] > 0:
        return best[1], best[2]
    start, end = max(sentences, key=lambda span: worth(*span))
    focus = next((s for s, e, _ in matched if s >= start), start)
    return _clip(text, max(start, min(focus - max_chars // 3, end - max_chars)), max_chars)


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


def _weight(terms: Collection[str], weights: Mapping[str, float]) -> float:
    return sum(weights[t] for t in terms)
