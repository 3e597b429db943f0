"""Answers and performer lookups as text for a terminal, and as the JSON contract in README."""

from __future__ import annotations

import textwrap
from typing import Any

from bot.core.answer import Answer, Excerpt, Hit
from bot.core.performers import Lookup, Performer

BOLD, RESET = "\033[1m", "\033[0m"


def answer_json(answer: Answer) -> dict[str, Any]:
    data: dict[str, Any] = {
        "question": answer.question,
        "answer": hit_json(answer.best) if answer.best else None,
        "alternatives": [hit_json(hit) for hit in answer.alternatives],
    }
    if answer.reason:
        data |= {"reason": answer.reason.value, "message": answer.message}
    return data


def hit_json(hit: Hit) -> dict[str, Any]:
    return {
        "story": hit.story,
        "excerpt": hit.excerpt.text,
        "score": round(hit.score, 4),
        "passage": hit.passage,
        "passage_count": hit.passage_count,
        "path": hit.path,
        "highlights": [list(span) for span in hit.excerpt.highlights],
    }


def lookup_json(lookup: Lookup) -> dict[str, Any]:
    return {
        "query": lookup.query,
        "matches": [
            {"name": p.name, "story": p.story, "intro": p.intro, "mentions": p.mentions} for p in lookup.matches
        ],
        "ambiguous": lookup.ambiguous,
        "suggestions": list(lookup.suggestions),
    }


def answer_text(answer: Answer, bold: bool = False) -> str:
    best = answer.best
    if best is None:
        return answer.message
    lines = [f'From "{best.story}", passage {best.passage} of {best.passage_count}:', ""]
    lines += textwrap.wrap(_marked(best.excerpt, bold), width=100, initial_indent="  ", subsequent_indent="  ")
    if answer.alternatives:
        lines += ["", "Also: " + "; ".join(f'"{h.story}", passage {h.passage}' for h in answer.alternatives)]
    return "\n".join(lines)


def lookup_text(lookup: Lookup) -> str:
    if not lookup.matches:
        closest = f" Closest: {', '.join(lookup.suggestions)}." if lookup.suggestions else ""
        return f'No one called "{lookup.query}" in the stories.{closest}'
    if lookup.ambiguous:
        names = "\n".join(f'  - {p.name} ("{p.story}")' for p in lookup.matches)
        return f'"{lookup.query}" could be any of these; ask again with the full name:\n{names}'
    return performer_text(lookup.matches[0])


def performer_text(performer: Performer) -> str:
    times = "time" if performer.mentions == 1 else "times"
    return f'{performer.name}, in "{performer.story}" (mentioned {performer.mentions} {times})\n  {performer.intro}'


def _marked(excerpt: Excerpt, bold: bool) -> str:
    if not bold:
        return excerpt.text
    return "".join(f"{BOLD}{piece}{RESET}" if matched else piece for piece, matched in excerpt.segments())
