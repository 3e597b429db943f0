"""Looking up a person of the stories: by a name typed (forgiving), by their id (a pick list's value), or as
a name is typed (autocomplete)."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from enum import StrEnum

from bot.core.invisible_characters import plain_question, shows_text
from bot.core.library import StoryLibrary
from bot.core.people import COMPLETION_LIMIT, Person
from bot.core.story_ids import STORY_ID_PATTERN
from bot.operations.story_ref import StoryRef, story_ref

MAX_PERSON_NAME_CHARS = 100
"""The longest name looked for, as typed: Discord's /performer takes no more, and the command line and the console
refuse more (a name of 800,000 characters was matched against every person's)."""
NAME_DIGEST_BYTES = 5
"""40 bits of the name in a person's id: two people of one story do not share it in practice."""
_PERSON_ID = re.compile(rf"{STORY_ID_PATTERN}:[a-z2-7]{{{NAME_DIGEST_BYTES * 8 // 5}}}")
"""A library story's id or a server's own story's ("0" and its number), and the name's digest."""


class PersonFound(StrEnum):
    """What a name found; bot.messages words it for the command line, Discord renders it as cards."""

    ONE = "one"
    AMBIGUOUS = "ambiguous"
    """More than one person has the name: `people` lists them, to pick from."""
    NONE = "none"
    """No one has it: `suggestions` holds the closest names, if any."""
    TOO_LONG = "too_long"
    """The name is over MAX_PERSON_NAME_CHARS: not looked for."""
    EMPTY = "empty"
    """Nothing was typed but white space or invisible characters (zero-width spaces, bidirectional marks)."""


@dataclass(frozen=True, kw_only=True)
class PersonRef:
    id: str
    """Their story's id and a digest of their name: one person of one story, in under 100 characters
    however long the name, so a pick list's values are unique even for one name in two stories."""
    name: str
    story: StoryRef
    intro: str
    """The sentence that introduces them."""
    mentions: int


@dataclass(frozen=True, kw_only=True)
class PersonLookup:
    query: str
    found: PersonFound
    people: tuple[PersonRef, ...] = ()
    suggestions: tuple[str, ...] = ()
    """For NONE: the closest names, best first."""
    misspelt: bool = False
    """For ONE and AMBIGUOUS: no one has the name as typed; `people` are the closest spellings (bot.core.people)."""


def look_up_person(library: StoryLibrary, name: str) -> PersonLookup:
    """By their id (what autocomplete sends), else by full name, first name or surname, any case or accents,
    forgiving small misspellings."""
    if len(name.strip()) > MAX_PERSON_NAME_CHARS:
        return PersonLookup(query=name, found=PersonFound.TOO_LONG)
    if not shows_text(plain_question(name)):  # zero-width spaces, bidirectional marks: as a story name, no one named
        return PersonLookup(query=name, found=PersonFound.EMPTY)
    if _PERSON_ID.fullmatch(name):  # no one's name: searched as one, a gone person's id was fuzzy-matched against all
        chosen = person_by_id(library, name)
        if chosen is None:
            return PersonLookup(query=name, found=PersonFound.NONE)
        return PersonLookup(query=name, found=PersonFound.ONE, people=(chosen,))
    lookup = library.person_finder.find(name)
    if not lookup.matches:
        return PersonLookup(query=name, found=PersonFound.NONE, suggestions=lookup.suggestions)
    people = _people(library, lookup.matches)
    found = PersonFound.AMBIGUOUS if lookup.ambiguous else PersonFound.ONE
    return PersonLookup(query=name, found=found, people=people, misspelt=lookup.misspelt)


def person_by_id(library: StoryLibrary, person: str) -> PersonRef | None:
    """The person with this id, or None when their story (or they) are no longer in the library."""
    story, _, digest = person.partition(":")
    position = library.story_finder.by_id(story)
    if position is None or not digest:
        return None
    path = library.corpus.stories[position].path  # its people read in this library as it is now, not as it was
    found = next((p for p in library.person_finder.of_story(path) if _name_digest(p.name) == digest), None)
    return None if found is None else _people(library, (found,))[0]


def suggest_people(library: StoryLibrary, typed: str, limit: int = COMPLETION_LIMIT) -> tuple[PersonRef, ...]:
    """People whose name starts with what was typed (any of its words), most mentioned first; else close ones."""
    return _people(library, library.person_finder.complete(typed, limit))


def _people(library: StoryLibrary, found: tuple[Person, ...] | list[Person]) -> tuple[PersonRef, ...]:
    finder = library.story_finder
    refs: dict[str, StoryRef] = {}
    people = []
    for person in found:
        ref = refs.get(person.path)
        if ref is None:
            position = finder.by_path(person.path)
            assert position is not None, "a library's people are in its own stories"
            ref = refs[person.path] = story_ref(library, position)
        people.append(
            PersonRef(
                id=f"{ref.id}:{_name_digest(person.name)}",
                name=person.name,
                story=ref,
                intro=person.intro,
                mentions=person.mentions,
            )
        )
    return tuple(people)


def _name_digest(name: str) -> str:
    digest = hashlib.blake2b(name.encode("utf-8", "surrogateescape"), digest_size=NAME_DIGEST_BYTES).digest()
    return base64.b32encode(digest).decode("ascii").lower()
