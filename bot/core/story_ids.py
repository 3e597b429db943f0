"""Stable names for stories: a short id from the story file's path in the corpus.

Titles repeat ("Chapter") and list positions move when stories come and go, so buttons, pickers and
follow-ups name a story by this id instead. It is the same for the same path on every start and in
every process, differs for paths that merely look alike (a Cyrillic "\u0430" for a Latin "a", another
Unicode normal form), and is short enough for Discord's 100-character custom ids and choice values.
"""

from __future__ import annotations

import base64
import hashlib
import re

STORY_ID_LENGTH = 16
"""80 bits in base32: no two paths of even a very large library share one in practice."""
_STORY_ID = re.compile(rf"[a-z2-7]{{{STORY_ID_LENGTH}}}")


def story_id(path: str) -> str:
    """The id of the story at this corpus-relative path (forward slashes, exactly as read)."""
    digest = hashlib.blake2b(path.encode("utf-8", "surrogateescape"), digest_size=10, person=b"storybot-story").digest()
    return base64.b32encode(digest).decode("ascii").lower()


def looks_like_story_id(text: str) -> bool:
    return _STORY_ID.fullmatch(text) is not None
