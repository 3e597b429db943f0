"""What readers are told, in one wording for the command line, the console and Discord.

The core returns reason codes and data (bot.core.answer.NoAnswer, IndexDamage, IndexNote, StoryLookup);
this module alone turns them into English, so both front ends say the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.answer import Answer, Hit, NoAnswer
from bot.core.corpus import Story
from bot.core.index_damage import DamageKind, IndexDamage
from bot.core.index_notes import IndexEvent, IndexNote
from bot.core.library import MAX_QUESTION_CHARS
from bot.core.story_names import StoryLookup

NEXT_START_REBUILDS = "The next start rebuilds it from the stories."


def hit_place(hit: Hit) -> str:
    """Where the passage stands: "Chapter Two, passage 1" or "passage 3"."""
    if hit.chapter:
        return f"{hit.chapter}, passage {hit.chapter_passage}"
    return f"passage {hit.passage}"


def no_answer_message(answer: Answer, repair: str) -> str:
    """Why there is no answer; for a damaged index, what was damaged and `repair`, what is done about it."""
    if answer.reason is NoAnswer.INDEX_DAMAGED and answer.damage is not None:
        return index_damaged_message(answer.damage, repair)
    example = f', e.g. "{answer.example}"' if answer.example else ""
    if answer.reason is NoAnswer.EMPTY:
        return (
            f'Ask me something about the stories, e.g. "Who is {answer.example}?"'
            if answer.example
            else ("Ask me something about the stories.")
        )
    if answer.reason is NoAnswer.TOO_LONG:
        return (
            f"That question is {len(answer.question.strip()):,} characters long; please ask in under "
            f"{MAX_QUESTION_CHARS:,} characters, with the names or key words that matter."
        )
    if answer.reason is NoAnswer.NO_CONTENT_WORDS:
        return (
            "I couldn't find that in the stories: your question has no words to search for "
            f'(only common words like "what" or "the", or symbols). Try names or key words{example}.'
        )
    where = f'"{answer.scope}"' if answer.scope else "the stories"
    return f"I couldn't find that in {where}. Try other words, or a name from them{example}."


def index_damaged_message(damage: IndexDamage, repair: str) -> str:
    return f"I can't answer from the saved index: {damage_text(damage)}. {repair}"


def damage_text(damage: IndexDamage) -> str:
    """What was found wrong with a saved index in use, for a reader."""
    if damage.kind is DamageKind.RESIZED:
        return f"its file {damage.file} is now {damage.found_bytes:,} bytes, not {damage.expected_bytes:,}"
    if damage.kind is DamageKind.MODIFIED:
        return f"its file {damage.file} was written to while in use"
    if damage.kind is DamageKind.UNREADABLE:
        return f"its file {damage.file} could not be read"
    return f"its file {damage.file} holds values that make no sense (damaged)"


def index_note_text(note: IndexNote) -> str:
    """What went wrong with the saved index when the library was loaded, for a reader."""
    if note.event is IndexEvent.NOT_SAVED:
        return f"the index could not be saved ({note.detail}); answering from memory, the next start builds it again"
    if note.event is IndexEvent.UNTRUSTED:
        return f"the saved index was not used ({note.detail}) and was rebuilt"
    return f"the saved index was damaged ({note.detail}) and was rebuilt"


def corrections_text(answer: Answer) -> str:
    """ "Showing results for frightened (you typed frigtened)." or nothing."""
    if not answer.corrections:
        return ""
    shown = ", ".join(c.replacement for c in answer.corrections)
    typed = ", ".join(c.word for c in answer.corrections)
    return f"Showing results for {shown} (you typed {typed})."


def story_choice_text(lookup: StoryLookup, stories: Sequence[Story], listing: str = "/stories lists them.") -> str:
    """Why a story name did not pick one story, with the stories it could be (or `listing`: how to list
    them; the command line has no /stories)."""
    if lookup.matches:
        names = "; ".join(f'"{stories[i].title}" ({stories[i].path})' for i in lookup.matches[:10])
        return f'"{lookup.query}" could be more than one story: {names}. Give more of the title.'
    close = "; ".join(f'"{stories[i].title}"' for i in lookup.suggestions)
    return f'No story called "{lookup.query}".' + (f" Closest: {close}." if close else f" {listing}")
