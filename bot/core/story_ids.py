"""Stable names for stories: a short id from the story file's path in the corpus, or a shelf story's number.

Titles repeat ("Chapter") and list positions move when stories come and go, so buttons, pickers and
follow-ups name a story by this id instead. A library story's id is the same for the same path on every
start and in every process, differs for paths that merely look alike (a Cyrillic "\u0430" for a Latin "a",
another Unicode normal form), and is short enough for Discord's 100-character custom ids and choice values.

A story on a server's shelf (bot.state.shelves) is named by its row's number, which no other story of any
server has: its path is `.shelf/<number>/<file name>` (no corpus path starts with a hidden folder, which is
never read) and its id is "0" and the number (a library id never holds a 0), at most 16 characters too.
"""

from __future__ import annotations

import base64
import hashlib
import re

STORY_ID_LENGTH = 16
"""80 bits in base32: no two paths of even a very large library share one in practice."""
MAX_SHELF_STORY = 10 ** (STORY_ID_LENGTH - 1) - 1
"""The largest shelf story number an id holds ("0" and 15 digits)."""
STORY_ID_PATTERN = rf"(?:[a-z2-7]{{{STORY_ID_LENGTH}}}|0[1-9][0-9]{{0,{STORY_ID_LENGTH - 2}}})"
"""Any story id, library or shelf, for custom_id templates."""
SHELF_FOLDER = ".shelf/"
_STORY_ID = re.compile(STORY_ID_PATTERN)
_SHELF_PATH = re.compile(rf"\.shelf/([1-9][0-9]{{0,{STORY_ID_LENGTH - 2}}})/[^/]+")


def story_id(path: str) -> str:
    """The id of the story at this corpus-relative path (forward slashes, exactly as read), or of a shelf's."""
    shelf_story = shelf_story_of(path)
    if shelf_story is not None:
        return shelf_story_id(shelf_story)
    digest = hashlib.blake2b(path.encode("utf-8", "surrogateescape"), digest_size=10, person=b"storybot-story").digest()
    return base64.b32encode(digest).decode("ascii").lower()


def shelf_story_id(story: int) -> str:
    """The id of the shelf story with this number."""
    return f"0{story}"


def looks_like_story_id(text: str) -> bool:
    return _STORY_ID.fullmatch(text) is not None


def shelf_path(story: int, name: str) -> str:
    """The path a shelf's story has in a server's view of the stories."""
    if not 0 < story <= MAX_SHELF_STORY:
        raise ValueError(f"shelf story number {story} is out of range")
    return f"{SHELF_FOLDER}{story}/{name}"


def shelf_story_of(path: str) -> int | None:
    """The shelf story number of a shelf path; None for a library story's path."""
    found = _SHELF_PATH.fullmatch(path)
    return int(found.group(1)) if found else None


def shelf_file_name(path: str) -> str:
    """The file name a story was uploaded as (a shelf path's last part), or a library story's path as it is."""
    return path.rsplit("/", 1)[-1] if shelf_story_of(path) is not None else path
