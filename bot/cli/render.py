"""Answers and people looked up as text for a terminal, and as the JSON contract in docs/commands.md."""

from __future__ import annotations

import re
import textwrap

from bot.core.answer import Excerpt, Hit
from bot.core.library import MAX_QUESTION_CHARS
from bot.messages import (
    NAME_ECHOED,
    NEXT_START_REBUILDS,
    also_text,
    answer_from_text,
    corrections_text,
    counted,
    hit_place,
    library_size,
    misspelt_person_text,
    namesakes_text,
    no_answer_message,
    no_person_text,
    passage_place_text,
    people_choice_text,
    person_card_text,
    problem_text,
    pronoun_reading_text,
    searched_only_text,
    stories_heading_text,
    story_name,
)
from bot.one_line import one_line
from bot.operations.ask import Asked
from bot.operations.list_stories import StoryList
from bot.operations.look_up_person import PersonFound, PersonLookup, PersonRef

BOLD, RESET = "\033[1m", "\033[0m"
DEFAULT_WIDTH = 100
ECHOED_CHARS = MAX_QUESTION_CHARS
"""`ask --json` echoes this much of a question at most: a longer one is refused as too long anyway."""
_NON_SPACE = re.compile(r"\S+")


def answer_json(asked: Asked, reply: str = "") -> dict[str, object]:
    """docs/commands.md's `ask --json` object; `reply`, what is said to a message asking the bot itself
    (Asked.request)."""
    answer = asked.answer
    data: dict[str, object] = {
        "question": answer.question[:ECHOED_CHARS],
        "answer": hit_json(answer.best) if answer.best else None,
        "alternatives": [hit_json(hit) for hit in answer.alternatives],
        "scope": answer.scope,
        "corrections": [{"word": c.word, "searched": c.replacement} for c in answer.corrections],
        "pronoun_reading": (
            None
            if answer.pronoun_reading is None
            else {"pronouns": list(answer.pronoun_reading.pronouns), "person": answer.pronoun_reading.person}
        ),
        "request": asked.request,
    }
    if len(answer.question) > ECHOED_CHARS:
        data["question_truncated"] = True
    if asked.request is not None:
        data["message"] = reply
    if answer.reason:
        data |= {"reason": answer.reason.value, "message": no_answer_message(answer, NEXT_START_REBUILDS)}
    if answer.damage:
        data["damage"] = {"file": answer.damage.file, "kind": answer.damage.kind.value}
    return data


def hit_json(hit: Hit) -> dict[str, object]:
    return {
        "story": hit.story,
        "excerpt": hit.excerpt.text,
        "score": round(hit.score, 4),
        "passage": hit.passage,
        "passage_count": hit.passage_count,
        "path": hit.path,
        "highlights": [list(span) for span in hit.excerpt.highlights],
        "sentence": list(hit.excerpt.answer) if hit.excerpt.answer else None,
        "chapter": hit.chapter,
        "chapter_passage": hit.chapter_passage or None,
    }


def stories_text(listed: StoryList) -> str:
    """The stories by title, with their size and file."""
    lines = [stories_heading_text(library_size(listed.total, listed.passages), one_line(str(listed.root)))]
    lines += [
        f"  {one_line(s.title)} ({counted(s.passages, 'passage', 'passages')}), {one_line(s.path)}"
        for s in listed.stories
    ]
    return "\n".join(lines)


def stories_json(listed: StoryList) -> dict[str, object]:
    return {
        "corpus": str(listed.root),
        "stories": [{"title": s.title, "path": s.path, "passages": s.passages} for s in listed.stories],
        "skipped": [{"reason": p.reason.value, "file": p.file, "message": problem_text(p)} for p in listed.skipped],
    }


def lookup_json(lookup: PersonLookup) -> dict[str, object]:
    """docs/commands.md's `performer --json` object; the query echoed as far as the text says a name back
    (NAME_ECHOED)."""
    data: dict[str, object] = {
        "query": lookup.query[:NAME_ECHOED],
        "matches": [
            {"name": p.name, "story": p.story.title, "intro": p.intro, "mentions": p.mentions} for p in lookup.people
        ],
        "ambiguous": lookup.found is PersonFound.AMBIGUOUS,
        "suggestions": list(lookup.suggestions),
        "misspelt": lookup.misspelt,
    }
    if len(lookup.query) > NAME_ECHOED:
        data["query_truncated"] = True
    return data


def answer_text(asked: Asked, bold: bool = False, width: int = DEFAULT_WIDTH) -> str:
    """The best passage, where it stands, and the others found; a title two stories share names its file."""
    answer = asked.answer
    best = answer.best
    reading = answer.pronoun_reading
    said = pronoun_reading_text(reading.pronouns, reading.person) if reading is not None else ""
    notes = [n for n in (corrections_text(answer), said) if n]
    if best is None:
        return "\n".join(wrapped(line, width) for line in [*notes, no_answer_message(answer, NEXT_START_REBUILDS)])
    where = searched_only_text(asked.scope) if asked.scope is not None else ""
    position = hit_place(best) if best.chapter else passage_place_text(best.passage, best.passage_count)
    lines = [wrapped(line, width) for line in [*notes, where + answer_from_text(asked.stories[0], position)]]
    lines += ["", excerpt_lines(best.excerpt, bold, width)]
    if answer.alternatives:
        also = also_text(
            [
                f"{story_name(story)}, {hit_place(hit)}"
                for hit, story in zip(answer.hits[1:], asked.stories[1:], strict=True)
            ]
        )
        lines += ["", wrapped(also, width)]
    return "\n".join(lines)


def wrapped(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=max(width, 20), break_long_words=False, break_on_hyphens=False))


def excerpt_lines(excerpt: Excerpt, bold: bool, width: int, indent: str = "  ") -> str:
    """The excerpt wrapped to the width by the words people see (bold's escape codes take no room), its own line
    breaks kept (a question and its reply, bot.core.dialogue_replies)."""
    width = max(width - len(indent), 20)
    lines: list[list[str]] = [[]]
    used = previous_end = 0
    for match in _NON_SPACE.finditer(excerpt.text):
        word_width = match.end() - match.start()
        if lines[-1] and (used + 1 + word_width > width or "\n" in excerpt.text[previous_end : match.start()]):
            lines.append([])
            used = 0
        previous_end = match.end()
        lines[-1].append(_marked_word(excerpt, match.start(), match.end(), bold))
        used += word_width + (1 if used else 0)
    return "\n".join(indent + " ".join(line) for line in lines)


def _marked_word(excerpt: Excerpt, start: int, end: int, bold: bool) -> str:
    if not bold:
        return excerpt.text[start:end]
    pieces, position = [], start
    for low, high in excerpt.highlights:
        low, high = max(low, start), min(high, end)
        if low >= high:
            continue
        pieces += [excerpt.text[position:low], BOLD, excerpt.text[low:high], RESET]
        position = high
    pieces.append(excerpt.text[position:end])
    return "".join(pieces)


def lookup_text(lookup: PersonLookup) -> str:
    if lookup.found in (PersonFound.NONE, PersonFound.TOO_LONG, PersonFound.EMPTY):
        return no_person_text(lookup)
    if lookup.found is PersonFound.AMBIGUOUS and len({p.name for p in lookup.people}) > 1:
        return people_choice_text(lookup)
    note = [line for line in (misspelt_person_text(lookup),) if line]
    if lookup.found is PersonFound.AMBIGUOUS:  # one name in several stories: no fuller name tells them apart
        return "\n".join([*note, namesakes_text(lookup), *(person_text(p) for p in lookup.people)])
    return "\n".join([*note, person_text(lookup.people[0])])


def person_text(person: PersonRef) -> str:
    return person_card_text(person.name, person.story, person.mentions, person.intro)
