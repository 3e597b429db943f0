"""What plain text and Markdown files share: UTF-8 checked, a title in front matter or a `# Title` line,
paragraphs between blank lines, `## Heading` lines."""

from __future__ import annotations

import codecs
import re
import string
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Callable

from bot.core.invisible_characters import CONTROL_CHARACTERS, shows_text
from bot.core.readers.chapter_lines import is_chapter_line
from bot.core.readers.text_pages import without_page_frames
from bot.core.skipped import Cause, Refusal, StoryRefused

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_TOML_FRONT_MATTER = re.compile(r"\A\+\+\+[ \t]*\n(.*?)\n\+\+\+[ \t]*(?:\n|\Z)", re.S)
MAX_FRONT_MATTER_CHARS = 64 * 1024
"""The most of TOML front matter parsed: a story's front matter is a few lines, and tomllib is pure Python."""
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")
_DOUBLE_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_SINGLE_QUOTED = re.compile(r"'((?:[^']|'')*)'")
_ESCAPED = re.compile(r'\\([\\"])')
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\f\r") + b"\x7f"
_TEXT_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_C1_CONTROL = re.compile(rb"\xc2[\x80-\x9f]")
"""A C1 control character in UTF-8."""
_LINE_BREAKS = str.maketrans({"\u2028": "\n", "\u2029": "\n\n"})
"""Unicode's line separator ends a line; its paragraph separator ends a paragraph. A page break (pdftotext ends each
page with one, often within a paragraph) parts pages, read as text_pages.py says."""
DECLARED_WITHIN = 64 * 1024
"""Where a Gutenberg header names the file's encoding: in its first lines."""
_DECLARATION = re.compile(rb"Character set encoding: *([A-Za-z0-9][A-Za-z0-9 _.:-]{0,39})")
LEGACY_SHARE = 10
"""An 8-bit file whose bytes outside ASCII are more than one in this many of its letters and those bytes is not read
as Windows-1252 unless it says so: accented letters and curly quotes are a few in a hundred in French, German or
Spanish, every letter in Russian or Greek, more than one in ten in Czech (Polish, about one in ten, has signs within
its words read so: _SIGN_IN_WORD)."""
_ASCII_BYTES = bytes(range(128))
_ASCII_LETTERS = string.ascii_letters.encode()
_WINDOWS_1252_SIGNS = "".join(
    sorted(
        character
        for character in bytes(range(0x80, 0x100)).decode("cp1252", "ignore")
        if not character.isalpha() and character not in "\u2018\u2019\u2013\u2014\u00b7\u00a0\u00ad"
    )
)
"""Windows-1252's signs that never stand between two letters in the languages it is for (quotes, dashes and
Catalan's middle dot may)."""
_SIGN_IN_WORD = re.compile(f"[^\\W\\d_][{re.escape(_WINDOWS_1252_SIGNS)}][^\\W\\d_]")
MAX_CONTROL_SHARE = 0.01
"""Text has tabs and line ends; a file with more other control bytes than this is binary."""
_WIDE_ENCODINGS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose mark begins its own
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
"""Byte order marks that say the file is UTF-16 or UTF-32 (Windows Notepad's "Unicode"), and their encodings."""


def as_utf8(raw: bytes) -> bytes:
    """The file's bytes as UTF-8: a UTF-16 or UTF-32 file that starts with its byte order mark is re-encoded
    (the mark leaves no doubt about the encoding), and so is UTF-16 without one where its NUL bytes say so
    (_unmarked_utf16); any other file is returned as it is."""
    for mark, encoding in _WIDE_ENCODINGS:
        if raw.startswith(mark):
            try:
                return raw[len(mark) :].decode(encoding).encode()
            except UnicodeDecodeError as error:
                why = Refusal(cause=Cause.NOT_ENCODED, format=encoding[:6].upper(), count=error.start + len(mark))
                raise StoryRefused(why) from error
    unmarked = _unmarked_utf16(raw)
    if unmarked is not None:
        try:
            return raw.decode(unmarked).encode()
        except UnicodeDecodeError:
            return raw  # refused for its NUL bytes
    return raw


UNMARKED_UTF16_SHARE = 0.9
"""The least share of a UTF-16 file's characters whose high byte is NUL (those of Latin-1's range) for it to be read
as UTF-16 without its byte order mark: text in a Western language, a few curly quotes and dashes in it."""


UNMARKED_UTF16_ALPHABET_SHARE = 0.97
"""The least share of a UTF-16 file's characters in at most UNMARKED_UTF16_BLOCKS blocks of 256, one of them Latin-1's
(its spaces, digits and stops at least UNMARKED_UTF16_SPACE_SHARE of them), for it to be read as UTF-16 without its
mark in another alphabet: Cyrillic or Greek text's letters, with curly quotes and dashes. A binary file's high bytes
take many values, and text in Chinese or Japanese, whose characters spread over many blocks and which parts no words
by spaces, is still refused: nothing tells it from binary without its mark."""
UNMARKED_UTF16_BLOCKS = 3
UNMARKED_UTF16_SPACE_SHARE = 0.05
UNMARKED_UTF16_LEAST_CHARACTERS = 16
"""The fewest characters a file read so holds: a few bytes with a NUL among them ("\\xff\\xff\\x00bad") are a broken
file, not a story."""
_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _unmarked_utf16(raw: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" where the file is that without its mark (some editors and tools write none, and it
    was refused for its NUL bytes): of even length, no NUL on one side of its byte pairs, and on the other for most
    of them (Western text) or for its spaces in one other alphabet's text (_one_alphabet). Counts over the bytes."""
    if not raw or len(raw) % 2 or b"\0" not in raw:
        return None
    for encoding, low_bytes, high_bytes in (("utf-16-le", raw[0::2], raw[1::2]), ("utf-16-be", raw[1::2], raw[0::2])):
        if low_bytes.count(0) == 0 and (
            high_bytes.count(0) >= UNMARKED_UTF16_SHARE * len(high_bytes) or _one_alphabet(raw, encoding, high_bytes)
        ):
            return encoding
    return None


def _one_alphabet(raw: bytes, encoding: str, high_bytes: bytes) -> bool:
    """Whether the file reads as UTF-16 text in one alphabet beside Latin-1's spaces and stops (Cyrillic, Greek):
    its characters' high bytes few, NUL among them, the alphabet's most of them, and no control character once
    decoded."""
    if len(high_bytes) < UNMARKED_UTF16_LEAST_CHARACTERS:
        return False
    blocks = Counter(high_bytes).most_common(UNMARKED_UTF16_BLOCKS)
    if sum(count for _, count in blocks) < UNMARKED_UTF16_ALPHABET_SHARE * len(high_bytes):
        return False
    if max((count for block, count in blocks if block), default=0) < len(high_bytes) / 2:
        return False  # the alphabet's letters are most of its characters
    if dict(blocks).get(0, 0) < UNMARKED_UTF16_SPACE_SHARE * len(high_bytes):
        return False
    try:
        return _CONTROL_CHARACTER.search(raw.decode(encoding)) is None
    except UnicodeDecodeError:
        return False


def file_text(raw: bytes) -> str:
    """The file's text as it is (UTF-8, or UTF-16 or UTF-32 with its mark, or a Western 8-bit encoding:
    legacy_text), without the mark; raises ValueError naming the first byte that is not UTF-8 where it is none."""
    try:
        return as_utf8(raw).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        text = legacy_text(raw)
        if text is None:
            raise StoryRefused(Refusal(cause=Cause.NOT_ENCODED, format="UTF-8", count=error.start)) from error
        return text


def legacy_text(raw: bytes) -> str | None:
    """The text of a file in an 8-bit encoding, or None where it is not clearly one this reads.

    Windows' "Save as Text" writes Windows-1252 (its curly quotes and dashes), and older Project Gutenberg files
    ISO-8859-1, saying so in their header: both were refused as not UTF-8. A declared encoding is followed (Latin-1
    and ASCII read as Windows-1252, as browsers read them). Undeclared, a file is read as Windows-1252 only where
    it holds next to no UTF-8 (a UTF-8 file with a few damaged bytes is UTF-8 still, and refused so) and few bytes
    outside ASCII, none a sign within a word: in Western European text at most one letter in LEGACY_SHARE. Cyrillic,
    Greek or Central European text in its own code page has more, and a guess among those is too often wrong."""
    if raw.startswith(codecs.BOM_UTF8):  # (a UTF-16 or UTF-32 mark was followed by as_utf8)
        return None
    as_utf8_where_valid = raw.decode("utf-8", "replace")
    damaged = as_utf8_where_valid.count("\ufffd")
    beyond_ascii = len(as_utf8_where_valid) - len(as_utf8_where_valid.encode("ascii", "ignore")) - damaged
    if beyond_ascii >= damaged:  # as much valid UTF-8 beyond ASCII as bytes that are not: damaged UTF-8
        return None
    encoding = _declared_encoding(raw[:DECLARED_WITHIN])
    if encoding is None:
        high = len(raw.translate(None, _ASCII_BYTES))
        letters = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
        if high * LEGACY_SHARE > letters + high:
            return None
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            return None
        # Central European text read so has signs within its words: "by³" for "był", "¹" for "ą" (Windows-1250).
        return None if _SIGN_IN_WORD.search(text) else text
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def _declared_encoding(head: bytes) -> str | None:
    """The encoding a Project Gutenberg header names ("Character set encoding: ISO-8859-1"), as Python names it."""
    declared = _DECLARATION.search(head)
    if declared is None:
        return None
    label = declared.group(1).decode("ascii").strip().lower().replace(" ", "-")
    if "latin-1" in label or "latin1" in label:  # "ISO Latin-1", which Python does not name so
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "cp1252" if name in ("iso8859-1", "ascii") else name


def decoded(raw: bytes) -> str:
    """The file's text, NFC-normalized with Unix newlines; raises ValueError for binary, non-UTF-8 or
    empty files. NUL bytes are refused: 31 MB of them would otherwise be tens of thousands of empty passages."""
    raw = as_utf8(raw)
    if b"\0" in raw:
        raise StoryRefused(Refusal(cause=Cause.NUL_BYTES))
    control_bytes = len(raw.translate(None, _TEXT_BYTES))
    if control_bytes > MAX_CONTROL_SHARE * len(raw):
        raise StoryRefused(Refusal(cause=Cause.CONTROL_BYTES))
    text = file_text(raw).translate(_LINE_BREAKS)
    if control_bytes or _C1_CONTROL.search(raw):  # the few left, as other formats' readers drop them
        text = text.translate(CONTROL_CHARACTERS)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = without_page_frames(text)  # form feeds part pages
    if not shows_text(text):  # spaces, or zero-width spaces and other invisible characters alone
        raise StoryRefused(Refusal(cause=Cause.EMPTY))
    return text


def split_title(text: str, heading_text: Callable[[str], str] = str) -> tuple[str | None, str]:
    """Title and body: front matter `title:`, else a leading `# Title` line (its text as `heading_text` has it:
    Markdown's without its markup) that reads as no chapter's ("# Chapter 1" over a book's first chapter names the
    chapter, as heading_title has it in other formats), else no title. Blank lines before them are nothing: a file
    opening with one (an editor's, or one left above a title deleted) was named after the file, its `# Title` a
    chapter's, and so was the blank line after front matter with no title in it."""
    text = _LEADING_BLANK_LINES.sub("", text)
    front = front_matter(text)
    if front:
        title, body = front
        if title:
            return title, body
        text = _LEADING_BLANK_LINES.sub("", body)
    heading = leading_heading(text, levels=1)
    if heading and not is_chapter_line(" ".join(heading_text(heading[0]).split())):
        return heading_text(heading[0]) or None, heading[1]
    return None, text


def front_matter(text: str) -> tuple[str | None, str] | None:
    """The title front matter at the text's start gives (None: it gives none) and the text after it; None where the
    text opens with no front matter: YAML's between `---` lines (Jekyll, Obsidian, pandoc), or TOML's between `+++`
    lines (Hugo, Zola), which was read as the story's first passage. `+++` lines around what TOML cannot read are a
    story's own (a scene break), not front matter."""
    if yaml := _FRONT_MATTER.match(text):
        return _yaml_title(yaml.group(1)), text[yaml.end() :]
    toml = _TOML_FRONT_MATTER.match(text) if text.startswith("+++") else None
    if toml is None or len(toml.group(1)) > MAX_FRONT_MATTER_CHARS:
        return None
    try:
        title = tomllib.loads(toml.group(1)).get("title")
    except (tomllib.TOMLDecodeError, RecursionError):  # a thousand "[" nested: tomllib recurses
        return None
    return (title.strip() or None) if isinstance(title, str) else None, text[toml.end() :]


def _yaml_title(front: str) -> str | None:
    """The `title:` of YAML front matter: on its line, or run on over the lines indented under it (a long title
    wrapped, or a block scalar: `title: >-` over "The Long" and "Mill" is "The Long Mill", where it was ">-"). A
    comment after an unquoted title (`The Mill # draft`) is none of it."""
    lines = front.split("\n")
    for number, line in enumerate(lines):
        if line[:6].lower() != "title:":
            continue
        value = line[6:].strip(" \t")
        under = []
        for following in lines[number + 1 :]:
            if following.strip(" \t") and following[:1] not in (" ", "\t"):
                break  # the next key
            if not following.lstrip(" \t").startswith("#"):  # a comment's line is none of it
                under.append(following.strip(" \t"))
        if value[:1] in (">", "|") and value[1:].strip("+-123456789") == "":  # a block scalar's indicators alone
            value = ""
        elif value[:1] not in ("'", '"'):
            value = value.split(" #", 1)[0].split("\t#", 1)[0]
        title = front_matter_value(" ".join([value, *filter(None, under)]).strip(" \t"))
        if title.strip():
            return title
    return None


def front_matter_value(value: str) -> str:
    """A front matter value on one line as YAML reads it: within double quotes (`\\"` and `\\\\` escaped) or single
    quotes (`''` for one), without them; else as written. A quote that only begins or ends it is the title's own:
    `"Run!" said the Fox` and `The Miller's 'Daughter'` lost it (each end's quotes were stripped, matched or not)."""
    if quoted := _DOUBLE_QUOTED.fullmatch(value):
        return _ESCAPED.sub(r"\1", quoted.group(1))
    if quoted := _SINGLE_QUOTED.fullmatch(value):
        return quoted.group(1).replace("''", "'")
    return value


def front_matter_title(title: str) -> str:
    """The title as a front matter value that front_matter_value reads back as it is: quoted only where it would
    otherwise be read without its own quotes (`"Hello"`, `'The Mill'`) or its end taken for a comment (`#1`)."""
    if _yaml_title(f"title: {title}") == title:
        return title
    escaped = title.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def leading_heading(block: str, levels: int) -> tuple[str, str] | None:
    """A leading `# Title` line (up to `levels` #s, closing #s dropped): the title and the text after it.

    String methods rather than a regular expression: `(.+?)[ \\t]*#*[ \\t]*$` is quadratic in a line of spaces."""
    line, _, rest = block.partition("\n")
    hashes = len(line) - len(line.lstrip("#"))
    if not 1 <= hashes <= levels or line[hashes : hashes + 1] not in (" ", "\t"):
        return None
    title = line[hashes:].strip(" \t").rstrip("#").rstrip(" \t")
    return (title, rest) if title else None


def paragraphs_of(body: str) -> list[str]:
    """The paragraphs between blank lines, stripped."""
    return [paragraph.strip() for paragraph in _PARAGRAPH_BREAK.split(body.strip())]


def indented_paragraphs_of(body: str) -> list[str]:
    """The paragraphs between blank lines, each keeping its first line's indent: Markdown reads a line indented four
    spaces as text, never a heading, so the indent must reach it."""
    paragraphs = (paragraph.rstrip() for paragraph in _BLANK_LINES.split(body.lstrip("\n")))
    return [paragraph for paragraph in paragraphs if paragraph.strip()]
