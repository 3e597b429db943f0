"""A shelf story's text as the database keeps it beside its file: read once, at upload, never again for a view.

Reading a stored file again for every view built after a start cost a worker process and up to STORYBOT_UPLOAD_SECONDS
a file, with servers' files taking turns in one reader. The text is kept as data (JSON, never pickle: a database
row must not run code when read), compressed with zlib: story text packs to about a third, and every version of a
shelf is kept for good. What read it is kept with it (stored_reading): text older readers read is read again from the
file, and stored in place of the old one (newer_reading); text newer readers read is used as it is when its layout is
this one's (stored_layout), else the file is read, and the newer text is left in place.
"""

from __future__ import annotations

import json
import re
import zlib
from itertools import accumulate, chain, repeat
from typing import TypeGuard

from bot.core.passage_columns import StoryPassages
from bot.core.readers import reading_signature
from bot.core.shelf_corpus import ShelfStoryText

FORMAT = 1
"""Raised whenever the packed layout below changes: text packed before is then read again from its file."""
VALUE_BYTES = 88
"""The most a JSON value read takes in CPython, its text aside: a dict 64 bytes, a string's header 76, a list 56, an
int 32, and the pointer to it in its list or dict, 8 and what lists grow by."""
PASSAGE_BYTES = 200
"""What each passage built from a stored text takes beside its text: the PassageText, its numbers and pointers (185)."""
_BELOW = {byte: bytes(range(byte)) for byte in (0xC4, 0xF0)}
"""Deleted, these leave the bytes that begin a character past U+00FF in UTF-8 (0xC4 on), or past U+FFFF (0xF0 on)."""
_NOT_CONTINUATION = bytes(byte for byte in range(256) if not 0x80 <= byte < 0xC0)
"""Deleted, these leave the bytes that continue a UTF-8 character: the rest begin one each."""
_NOT_BEFORE_VALUE = bytes(byte for byte in range(256) if byte not in b"[{,:")
"""Deleted, these leave the bytes a JSON value may follow."""
_WIDE_ESCAPE = re.compile(rb"\\u(?!00)[0-9A-Fa-f]{4}")
"""An escape that may name a character past U+00FF (`\\u00e9` names é, a byte wide). A story's own backslash is written
`\\\\`, so `C:\\\\users` holds a `\\u` that names nothing."""


def stored_reading() -> str:
    """What decides a stored text: this layout, the readers' version and their libraries (reading_signature)."""
    return f"{FORMAT}|{reading_signature()}"


def stored_layout() -> str:
    """What every stored_reading of this layout starts with: a text of such a reading unpacks here, whatever read it."""
    return f"{FORMAT}|"


def used_by(reading: str, ours: str) -> bool:
    """Whether a process reading as `ours` (stored_reading) uses a text another reading stored as it is: a newer
    reading's of this layout, which unpacks here (a rolling upgrade's older process). An older reading's is read again
    from its file and replaced, another layout's cannot be unpacked: neither is read from the database."""
    return reading != ours and reading.startswith(stored_layout()) and newer_reading(reading, ours)


def newer_reading(reading: str, than: str) -> bool:
    """Whether a text read by `reading` should replace one read by `than`: its layout, then its readers' version, then
    its libraries' versions (a library installed over one missing) are newer, in that order.

    Two processes on one database whose readers differ (a rolling upgrade, machines installed apart) each replaced the
    other's text, and read every file again at every start. One text a version, the newest kept, is stable: the older
    process reads its files (not storing them) until it is upgraded, and the database holds one text a version as
    before, where a text for each reading would double what a server stores (counted against its room) and keep the
    texts of readers long gone. The order is total and the same in every process, so two readers never take turns;
    two distinct readings are never equal (neither would replace the other's text, for good)."""
    mine, theirs = _order(reading, than), _order(than, reading)
    return mine > theirs or (mine == theirs and reading > than)


def _order(reading: str, other: str) -> tuple[_Release, ...]:
    """`reading` as numbers to compare with `other`'s: layout, readers' version, then each library either names (by
    name; 0 where missing, or where a part is no number: an unknown reading is older than any known one)."""
    layout, readers, libraries = _parts(reading)
    names = sorted({*libraries, *_parts(other)[2]})
    return (_release(layout), _release(readers), *(_release(libraries.get(name, "")) for name in names))


def _parts(reading: str) -> tuple[str, str, dict[str, str]]:
    """A stored_reading's layout, readers' version and libraries' versions by name."""
    layout, readers, libraries = [*reading.split("|", 2), "", ""][:3]
    named = (entry.partition("=") for entry in libraries.split(",") if entry)
    return layout, readers, {name: version for name, _, version in named}


_Release = tuple[int, tuple[int, ...], int, str]
_PRE_RELEASES = ("dev", "a", "b", "c", "rc", "pre")


def _release(version: str) -> _Release:
    """A version's leading numbers ("4.10.1rc2": 4, 10, 1, which is above 4.9), none for none ("missing", below any),
    then what follows them: a pre-release ("rc2", "dev1") below the release, anything else ("post1", "+deb1") above
    it, then the text itself (so that two distinct versions are never equal)."""
    numbers: list[int] = []
    parts = version.split(".")
    rest = ""
    for at, part in enumerate(parts):
        digits = len(part) - len(part.lstrip("0123456789"))
        if digits:
            numbers.append(int(part[:digits]))
        if digits < len(part) or not digits:
            rest = ".".join([part[digits:], *parts[at + 1 :]])
            break
    numbered = bool(numbers) or rest != version
    while numbers and not numbers[-1]:  # 5.0 is 5.0.0
        numbers.pop()
    suffix = 0 if not rest else -1 if rest.lstrip(".-_").lower().startswith(_PRE_RELEASES) else 1
    return int(numbered), tuple(numbers), suffix, version


def pack_story(story: ShelfStoryText) -> bytes:
    """The story's title and passages as compressed JSON (its number and name are the database's own).

    Column by column, the numbers as steps from the passage before and each chapter once where it starts: a file of
    one sentence said again and again (a Word file of 108 KB holds 21.6 million characters) then packs to less than
    its file, where a list per passage, numbers counting up in each, packed to 8 times the file."""
    passages = story.passages
    chapters: list[list[int | str | None]] = []
    for index, chapter in enumerate(passages.chapters):
        if not index or chapter != passages.chapters[index - 1]:
            chapters.append([index, chapter])
    packed = {
        "title": story.title,
        "texts": list(passages.texts),
        "paragraphs": _steps(list(passages.paragraphs)),
        "numbers": _steps(list(passages.chapter_numbers)),
        "chapters": chapters,
    }
    return zlib.compress(json.dumps(packed, ensure_ascii=False, separators=(",", ":")).encode(), 6)


def unpack_story(story: int, name: str, packed: bytes, most_bytes: int, *, from_row: bool = True) -> ShelfStoryText:
    """The story pack_story packed, as the shelf story `story`; ValueError when it is not such a text, also when it
    unpacks to more than `most_bytes` (a damaged or hostile row: zlib packs a gigabyte of one byte in a megabyte, and
    a server may store 256 MB), or, for a row of the database (`from_row`), when reading it would take more memory
    than that (reading_bytes). No more is unpacked than that, and nothing is parsed past it. A worker's own packing of
    what it has just read within that memory is not counted again: the count would cost a third of the parse, and
    over-count a large story past the memory it was read in."""
    try:
        unpacked = _unpacked(packed, most_bytes)
        parsing = reading_bytes(unpacked) if from_row else 0
        if parsing > most_bytes:
            raise ValueError(f"reading it would take {parsing} bytes, more than {most_bytes}")
        found = json.loads(unpacked)
    except (zlib.error, ValueError, RecursionError) as error:  # not JSON, nor UTF-8, or nested past json's depth
        raise ValueError(f"is no stored text ({error})") from error
    del unpacked  # not held while the passages are built
    if not isinstance(found, dict) or not isinstance(found.get("title"), str):
        raise ValueError("is no stored text (no title)")
    texts, paragraphs, numbers = found.get("texts"), found.get("paragraphs"), found.get("numbers")
    chapters = found.get("chapters")
    if not (_strings(texts) and _integers(paragraphs) and _integers(numbers) and isinstance(chapters, list)):
        raise ValueError("is no stored text (no passages)")
    if not texts or not len(texts) == len(paragraphs) == len(numbers) or not _starts(chapters, len(texts)):
        raise ValueError("is no stored text (its passages do not match)")
    if from_row and parsing + len(texts) * PASSAGE_BYTES > most_bytes:
        raise ValueError(f"is no stored text (its {len(texts)} passages would take more than {most_bytes} bytes)")
    starts = [start for start, _ in chapters]
    ends = [*starts[1:], len(texts)]
    runs = (repeat(chapter, end - start) for (start, chapter), end in zip(chapters, ends, strict=True))
    chapter_of = tuple(chain.from_iterable(runs))
    passages = StoryPassages(tuple(texts), tuple(accumulate(paragraphs)), chapter_of, tuple(accumulate(numbers)))
    return ShelfStoryText(story, name, found["title"], passages)


def reading_bytes(unpacked: bytes) -> int:
    """The most memory json.loads may take to read these bytes, counted before it builds anything: the bytes; the text
    they decode to, first at a character a byte, then at a character a character (1 byte each, 2 past U+00FF, 4 past
    U+FFFF: the widest decides); its strings, as much again; and VALUE_BYTES for each value, of which one follows each
    `[`, `{`, `,` and `:` at most (inside strings too).

    A row unpacked within its bytes could still be read into 25 times them: 36 MB of `{},` is 12 million dicts, 0.9 GB
    (and `"ab",`, 2-character passages, 0.8 GB once built), where a story's prose took 2 to 9 times its JSON (one of
    one-word passages, 21). Each count is one pass of bytes.translate, or a search: together half of json's time."""
    wide = unpacked.translate(None, _BELOW[0xC4])
    escaped = _WIDE_ESCAPE.search(unpacked) is not None
    width = 4 if escaped or wide.translate(None, _BELOW[0xF0]) else 2 if wide else 1
    continuing = len(unpacked.translate(None, _NOT_CONTINUATION)) if wide else 0  # Latin-1's ones count as characters
    characters = len(unpacked) - continuing
    values = 1 + len(unpacked.translate(None, _NOT_BEFORE_VALUE))
    return len(unpacked) * (1 + width) + 2 * width * characters + values * VALUE_BYTES


def _unpacked(packed: bytes, most_bytes: int) -> bytes:
    """The bytes zlib packed, at most `most_bytes` of them (ValueError past it, or for a stream cut short)."""
    unpacking = zlib.decompressobj()
    unpacked = unpacking.decompress(packed, most_bytes + 1)
    if len(unpacked) > most_bytes:
        raise ValueError(f"unpacks to more than {most_bytes} bytes")
    if not unpacking.eof:
        raise ValueError("its packed stream is cut short")
    return unpacked


def _steps(numbers: list[int]) -> list[int]:
    """Each number as its step from the one before (the first from 0): mostly 0 and 1, which pack to nothing."""
    return [number - before for number, before in zip(numbers, [0, *numbers], strict=False)]


def _strings(found: object) -> TypeGuard[list[str]]:
    return isinstance(found, list) and all(type(item) is str for item in found)


def _integers(found: object) -> TypeGuard[list[int]]:
    return isinstance(found, list) and all(type(item) is int for item in found)


def _starts(chapters: list[object], passages: int) -> bool:
    """Whether `chapters` is [first passage, chapter] pairs, the first at passage 0, in order, within `passages`."""
    before = -1
    for entry in chapters:
        if not (isinstance(entry, list) and len(entry) == 2 and type(entry[0]) is int):
            return False
        if not (entry[1] is None or type(entry[1]) is str) or not before < entry[0] < passages:
            return False
        if before == -1 and entry[0] != 0:
            return False
        before = entry[0]
    return bool(chapters)
