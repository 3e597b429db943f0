"""A shelf story's text as the database keeps it beside its file: read once, at upload, never again for a view.

Reading a stored file again for every view built after a start cost a worker process and up to STORYBOT_UPLOAD_SECONDS
a file, with servers' files taking turns in one reader. The text is kept as data (JSON, never pickle: a database
row must not run code when read), compressed with zlib: story text packs to about a third, and every version of a
shelf is kept for good. What read it is kept with it (stored_reading): text a reader reads differently since is read
again from the file.
"""

from __future__ import annotations

import json
import zlib

from bot.core.corpus import PassageText
from bot.core.readers import reading_signature
from bot.core.shelf_corpus import ShelfStoryText

FORMAT = 1
"""Raised whenever the packed layout below changes: text packed before is then read again from its file."""


def stored_reading() -> str:
    """What decides a stored text: this layout, the readers' version and their libraries (reading_signature)."""
    return f"{FORMAT}|{reading_signature()}"


def pack_story(story: ShelfStoryText) -> bytes:
    """The story's title and passages as compressed JSON (its number and name are the database's own)."""
    passages = [[p.paragraph, p.chapter, p.chapter_number, p.text] for p in story.passages]
    text = json.dumps({"title": story.title, "passages": passages}, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode(), 6)


def unpack_story(story: int, name: str, packed: bytes) -> ShelfStoryText:
    """The story pack_story packed, as the shelf story `story`; ValueError when it is not such a text."""
    try:
        found = json.loads(zlib.decompress(packed))
    except (zlib.error, ValueError) as error:  # not JSON, nor UTF-8
        raise ValueError(f"is no stored text ({error})") from error
    if not isinstance(found, dict) or not isinstance(found.get("title"), str):
        raise ValueError("is no stored text (no title)")
    passages = found.get("passages")
    if not isinstance(passages, list) or not passages or not all(_is_passage(p) for p in passages):
        raise ValueError("is no stored text (no passages)")
    return ShelfStoryText(story, name, found["title"], tuple(PassageText(*p) for p in passages))


def _is_passage(found: object) -> bool:
    if not isinstance(found, list) or len(found) != 4:
        return False
    paragraph, chapter, number, text = found
    numbers = type(paragraph) is int and type(number) is int
    return numbers and (chapter is None or type(chapter) is str) and type(text) is str
