"""A folder of stories read into passages: the unit the bot ranks and quotes."""

from __future__ import annotations

import enum
import errno
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bot.core.calibre_library import (
    BOOK_FILES,
    beside_book,
    best_format,
    book_title,
    is_book_folder,
    is_calibre_own,
    next_formats,
)
from bot.core.dialogue_replies import LONGEST_EXCHANGE, with_replies
from bot.core.invisible_characters import shows_text, trimmed, without_invisibles
from bot.core.letter_lines import with_letter_lines
from bot.core.readers import STORY_SUFFIXES, reader_for, story_suffix
from bot.core.readers.notion import is_notion_page, notion_page_text, without_page_id
from bot.core.readers.reader import Block
from bot.core.readers.typed_breaks import is_typed_break
from bot.core.sentences import sentence_spans
from bot.core.skipped import Cause, Problem, Refusal, StoryRefused, refusal_of
from bot.core.unread_formats import is_system_file, unread_format, unread_package

MAX_STORY_BYTES = 32 * 1024 * 1024
"""A story file larger than this is skipped: the longest novels are a few MB of text."""
# Paragraphs longer than this are split at sentence ends into passages of about TARGET chars,
# so one huge paragraph cannot dominate ranking or overflow a chat message.
MAX_PASSAGE_CHARS = 1200
TARGET_PASSAGE_CHARS = 800
MAX_TITLE_CHARS = 200
"""The most of a title a story takes from its file (a heading, front matter, a document's metadata), which has no
limit of its own and is said with every answer: one of 1 MB was printed whole with each."""


NAMED_OTHERS = 5
"""Files of no story format named in the problem that counts them all."""
NO_SUCH_PATH = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})
"""What stat says of a path that leads to nothing (as Path.is_dir and is_file take it: False); any other error, such
as a folder on the way that may not be entered, is said as it is."""


class CorpusError(Exception):
    """The corpus as a whole cannot be used: its folder (FolderRefused), no file in it gives a story (NoStories), or
    its build was stopped. Each carries why as data; bot.messages.corpus_error_text says it and what to do."""


class FolderFault(enum.StrEnum):
    """Why the corpus folder itself cannot be read: stable, each with its message (bot.messages.folder_fault_text)."""

    IS_A_FILE = "is_a_file"
    NOT_A_FOLDER = "not_a_folder"
    """It is there, but no folder and no file: a named pipe or a device (/dev/null)."""
    MISSING = "missing"
    UNREADABLE = "unreadable"
    """It cannot be listed (its permissions): FolderRefused.detail is the system's reason."""


class FolderRefused(CorpusError):
    """The corpus folder itself cannot be read: its path, why (FolderFault) and the system's words for it, if any."""

    def __init__(self, fault: FolderFault, root: Path, detail: str = ""):
        super().__init__(f"{fault.value}: {root}")  # the code and the path, for the log: no English
        self.fault, self.root, self.detail = fault, root, detail

    def __reduce__(self) -> tuple[type[FolderRefused], tuple[FolderFault, Path, str]]:
        return FolderRefused, (self.fault, self.root, self.detail)  # from a worker process, whole


@dataclass(frozen=True, kw_only=True)
class Passage:
    """A paragraph (or a piece of a long one): `story` indexes Corpus.stories, `number` counts from 1."""

    story: int
    number: int
    text: str
    paragraph: int
    """The story paragraph it comes from, from 1: a long paragraph's pieces share it."""
    chapter: str | None = None
    """The Markdown heading it stands under, if any ("Chapter Two")."""
    chapter_number: int = 0
    """Its position under that heading, from 1 (0 when there is no heading)."""


@dataclass(frozen=True)
class Story:
    title: str
    path: str
    """Relative to the corpus folder, with forward slashes."""
    first_passage: int
    passage_count: int


@dataclass(frozen=True)
class Corpus:
    root: Path
    stories: Sequence[Story]
    """In order; a tuple, or a server's view's owner's stories and its shelf's read as one (bot.core.sequences)."""
    passages: Sequence[Passage]
    """In story order; a tuple when read from the files, a PassageTable when opened from a saved index."""
    problems: tuple[Problem, ...]
    """Each file or folder that was skipped, and why (bot.messages says it)."""

    def story_passages(self, story: int) -> Sequence[Passage]:
        s = self.stories[story]
        return self.passages[s.first_passage : s.first_passage + s.passage_count]

    def story_of_passages(self) -> np.ndarray:
        """Each passage's story index, from the stories alone (their passages are contiguous)."""
        counts = [s.passage_count for s in self.stories]
        return np.repeat(np.arange(len(self.stories), dtype=np.int64), counts)


ORDERING_NUMBER = re.compile(r"^(?:0\d*[_\-. ]+|\d+(?:[.)]|\s*-\s|\s-)[_\-. ]*)")
"""A number that orders files rather than names the story: zero-padded ("003_", "01 "), or set off by a dot,
a bracket or a spaced dash ("1. ", "2) ", "12 - "). "101 Dalmatians" and "1001-arabian-nights" keep theirs."""


def title_from_filename(path: Path) -> str:
    """ "003_the-old-mill.txt" -> "The Old Mill" (and "the-old-mill.fb2.zip" too); a name whose stem shows nothing
    ("\u200b.md") is titled by the whole name less what shows nothing at its ends (".md"), not the invisible stem;
    Notion's page id ending the name is no part of it."""
    suffix = story_suffix(path)
    stem = without_page_id(path.name[: -len(suffix)] if suffix else path.stem)
    words = ORDERING_NUMBER.sub("", trimmed(stem)).replace("_", " ").replace("-", " ").split()
    title = " ".join(w[:1].upper() + w[1:] for w in map(trimmed, words) if w) or trimmed(stem)
    return title if shows_text(title) else trimmed(path.name)


@dataclass(frozen=True)
class PassageText:
    paragraph: int
    chapter: str | None
    chapter_number: int
    text: str
    paragraphs: int = 1
    """How many of the story's paragraphs it holds from `paragraph` on: a line that asks and its reply, a letter's
    lines and the paragraph they frame (as passages_of reads them; not kept in a saved index)."""


def passages_of(blocks: Iterable[Block]) -> Iterator[PassageText]:
    """The passages of a story's blocks in order: headings name the chapter of the passages that follow
    (they are not passages themselves), a letter's date, greeting and closing are read into the paragraphs they
    frame (bot.core.letter_lines), a line of dialogue that asks is one passage with its reply
    (bot.core.dialogue_replies), and paragraphs over MAX_PASSAGE_CHARS are split."""
    number = under_chapter = 0
    for run in _runs(blocks):
        under_chapter = 0 if run.opens_chapter else under_chapter
        chunks = with_replies(with_letter_lines([(paragraph, 1) for paragraph in run.paragraphs]), LONGEST_EXCHANGE)
        for text, paragraphs in chunks:
            for piece in [text] if len(text) <= MAX_PASSAGE_CHARS else _split_long(text):
                under_chapter += 1
                numbered = under_chapter if run.chapter is not None else 0
                yield PassageText(number + 1, run.chapter, numbered, piece, paragraphs)
            number += paragraphs


@dataclass(frozen=True)
class _Run:
    """Paragraphs in a row, with no heading or typed break between them."""

    chapter: str | None
    opens_chapter: bool
    """Whether a heading stands before it (the passages under a chapter are counted from there)."""
    paragraphs: list[str]


def _runs(blocks: Iterable[Block]) -> Iterator[_Run]:
    """A story's paragraphs as runs between its headings and scene breaks (Block.after_break: "* * *"; typed ones,
    "xXx"), without blocks that show no text: a reply is joined to the question before it only within a run."""
    chapter: str | None = None
    opens_chapter = True
    paragraphs: list[str] = []
    for block in blocks:
        text = without_invisibles(block.text)
        if len(text) != len(block.text):
            text = text.strip()  # readers strip their blocks
        if not shows_text(text):
            continue  # one of invisible characters alone (<p>&shy;</p>, a zero-width space) is none
        if block.after_break and paragraphs:
            yield _Run(chapter, opens_chapter, paragraphs)
            opens_chapter, paragraphs = False, []
        if block.heading or is_typed_break(text):
            if paragraphs:
                yield _Run(chapter, opens_chapter, paragraphs)
                opens_chapter, paragraphs = False, []
            if block.heading:
                chapter, opens_chapter = trimmed(text), True
            continue
        paragraphs.append(text)
    if paragraphs:
        yield _Run(chapter, opens_chapter, paragraphs)


def _split_long(paragraph: str) -> Iterator[str]:
    """Whole sentences up to about TARGET chars; a single overlong sentence is cut between words."""
    chunk_start = chunk_end = None
    for start, end in sentence_spans(paragraph):
        if chunk_start is not None and end - chunk_start > TARGET_PASSAGE_CHARS:
            yield paragraph[chunk_start:chunk_end]
            chunk_start = None
        if chunk_start is None:
            chunk_start = start
        chunk_end = end
        if end - chunk_start > MAX_PASSAGE_CHARS:
            yield from _split_words(paragraph[chunk_start:end])
            chunk_start = None
    if chunk_start is not None:
        yield paragraph[chunk_start:chunk_end]


def _split_words(text: str) -> Iterator[str]:
    """Pieces of about TARGET chars cut at spaces; one pass over the text, however long."""
    start = 0
    while len(text) - start > MAX_PASSAGE_CHARS:
        cut = text.rfind(" ", start, start + TARGET_PASSAGE_CHARS)
        cut = cut if cut > start else start + TARGET_PASSAGE_CHARS
        yield text[start:cut].rstrip()
        start = cut
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        yield text[start:]


@dataclass(frozen=True)
class StoryFiles:
    paths: tuple[Path, ...]
    """The story files below the corpus folder, links as found (not resolved), in a stable order."""
    problems: tuple[Problem, ...]
    """Each folder, link or file passed over, and why."""
    beside: Mapping[Path, tuple[Path, ...]] = field(default_factory=dict)
    """For each Calibre book's file read, the files beside it its story also comes from (beside_book): a saved index
    reads the book again when any of them changes, as when the file does (a title changed in Calibre)."""


def _utf8(name: str) -> bool:
    """Whether a file name read from the disk was UTF-8 (Python reads other bytes as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown(name: str) -> str:
    """A name that is not UTF-8 as it can be shown: each byte that is not, U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _read_as(first: str, cause: Cause) -> Refusal:
    """Why a second way to a folder or file is passed over, naming the way it was read (either may be the link)."""
    return Refusal(cause=cause, name=first) if first else Refusal(cause=Cause.LINK_LOOP)


def story_files(root: Path) -> StoryFiles:
    """Every story file (a format readers/ knows) below root, hidden files and folders skipped.

    Links are followed while they stay inside the corpus folder; a link out of it, a second way
    to a folder or file already read (a loop, say) and an unreadable folder are reported and
    passed over. Raises FolderRefused when the corpus folder itself cannot be read.
    """
    try:
        info = root.stat()
    except OSError as error:
        if error.errno in NO_SUCH_PATH:
            raise FolderRefused(FolderFault.MISSING, root) from None
        # A folder above it the bot's user may not enter (a home folder of mode 0700): Path.is_file raised it.
        raise FolderRefused(FolderFault.UNREADABLE, root, str(error.strerror or error)) from error
    if stat.S_ISREG(info.st_mode):
        raise FolderRefused(FolderFault.IS_A_FILE, root)
    if not stat.S_ISDIR(info.st_mode):  # a named pipe or device (/dev/null), which no story is in: no folder holds it
        raise FolderRefused(FolderFault.NOT_A_FOLDER, root)
    real_root = root.resolve()
    paths: list[Path] = []
    problems: list[Problem] = []
    others: list[str] = []
    beside: dict[Path, tuple[Path, ...]] = {}
    seen: dict[tuple[int, int] | Path, str] = {_identity(info, real_root): ""}
    """Each folder and story file read, by its device and inode: the name it was read by. Not by its real path,
    which a hard link (a second name for a file, as `cp -al` backups make) or a bind mount does not share."""

    def walk(folder: Path, relative: str, real_folder: Path) -> None:
        """`real_folder`: the folder's real path. A file or folder that is no link is there by its name, and only
        links are resolved: resolving every path (a system call per part of it) took a quarter of a start's CPU."""
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            if not relative:
                raise FolderRefused(FolderFault.UNREADABLE, root, str(error.strerror or error)) from error
            why = Refusal(cause=Cause.FOLDER_UNREADABLE, detail=str(error.strerror or error))
            problems.append(Problem(file=relative.rstrip("/"), why=why))
            return
        names = {entry.name for entry in entries}
        book = is_book_folder(folder, names)
        read_for_book = best_format([name for name in names if name.lower().endswith(STORY_SUFFIXES)]) if book else None
        if read_for_book is not None:
            beside[folder / read_for_book] = beside_book(folder, names)
        for entry in entries:
            if entry.name.startswith(".") or is_calibre_own(entry.name, names):
                continue
            if book and (entry.name in BOOK_FILES or _another_format(entry.name, read_for_book)):
                continue  # Calibre's record and cover of the book, or a format of it other than the one read
            path, name = folder / entry.name, f"{relative}{entry.name}"
            if not _utf8(entry.name):  # a lone surrogate for each byte: no title, JSON or message can hold it
                cause = Cause.FOLDER_NAME_NOT_UTF8 if entry.is_dir() else Cause.NAME_NOT_UTF8
                problems.append(Problem(file=_shown(name), why=Refusal(cause=cause)))
                continue
            is_story = entry.name.lower().endswith(STORY_SUFFIXES)
            real = real_folder / entry.name
            if entry.is_symlink():
                try:
                    real = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    if is_story:
                        paths.append(path)  # read_story names it as a broken link
                    else:
                        problems.append(Problem(file=name, why=Refusal(cause=Cause.BROKEN_LINK)))
                    continue
                if not real.is_relative_to(real_root):
                    problems.append(Problem(file=name, why=Refusal(cause=Cause.LINK_OUTSIDE)))
                    continue
            try:
                found = entry.stat()
            except OSError as error:  # gone since it was listed, or in a folder that may be listed but not entered
                if is_story:
                    paths.append(path)  # read_story names why it cannot be read
                else:
                    why = Refusal(cause=Cause.FOLDER_UNREADABLE, detail=str(error.strerror or error))
                    problems.append(Problem(file=name, why=why))
                continue
            is_dir, identity = stat.S_ISDIR(found.st_mode), _identity(found, real)
            if is_dir and (kind := unread_package(entry.name)) is not None:
                problems.append(Problem(file=name, why=Refusal(cause=Cause.UNREAD_FORMAT, format=kind)))
            elif is_dir and entry.name.lower().endswith(RICH_TEXT_PACKAGE) and identity not in seen:
                seen[identity] = name
                if (path / PACKAGE_TEXT).is_file():
                    paths.append(path / PACKAGE_TEXT)  # the pictures beside it are no one's concern
            elif not is_dir and not is_story:
                if (why := _not_a_story_file(entry.name)).cause is Cause.UNREAD_FORMAT:
                    problems.append(Problem(file=name, why=why))
                elif not is_system_file(entry.name):
                    others.append(name)
            elif identity in seen:
                cause = Cause.SAME_FOLDER if is_dir else Cause.SAME_FILE
                problems.append(Problem(file=name, why=_read_as(seen[identity], cause)))
            else:
                seen[identity] = name
                if is_dir:
                    walk(path, f"{name}/", real)
                else:
                    paths.append(path)

    walk(root, "", real_root)
    if others:
        why = Refusal(cause=Cause.NOT_STORIES, names=tuple(others[:NAMED_OTHERS]), count=len(others))
        problems.append(Problem(file=None, why=why))
    return StoryFiles(tuple(paths), tuple(problems), {path: beside[path] for path in paths if path in beside})


def _another_format(name: str, read_for_book: str | None) -> bool:
    """Whether a file in a Calibre book's folder is the book in another format than `read_for_book`, the one read for
    it (a format no reader reads is named as ever where no other is read)."""
    if read_for_book is None or name == read_for_book:
        return False
    return name.lower().endswith(STORY_SUFFIXES) or unread_format(name) is not None


def _identity(found: os.stat_result, real: Path) -> tuple[int, int] | Path:
    """A file's device and inode; its real path where there are none (0: Windows's scandir gives none)."""
    return (found.st_dev, found.st_ino) if found.st_ino else real


def read_story_bytes(path: Path) -> bytes:
    """The file's bytes; raises StoryRefused (unreadable, or over the size limit)."""
    try:
        info = path.stat()
    except OSError as error:
        if error.errno in NO_SUCH_PATH:  # gone, or a broken link
            raise StoryRefused(Refusal(cause=Cause.NOT_REGULAR)) from None
        # A link into a folder the bot's user may not enter: Path.is_file raised it, and the whole load ended.
        raise StoryRefused(Refusal(cause=Cause.CANNOT_OPEN, detail=str(error.strerror or error))) from error
    if not stat.S_ISREG(info.st_mode):
        raise StoryRefused(Refusal(cause=Cause.NOT_REGULAR))
    size = info.st_size
    if size > MAX_STORY_BYTES:
        raise StoryRefused(Refusal(cause=Cause.TOO_LARGE, count=size, most=MAX_STORY_BYTES))
    try:
        return path.read_bytes()
    except OSError as error:
        raise StoryRefused(Refusal(cause=Cause.CANNOT_OPEN, detail=str(error.strerror or error))) from error


RICH_TEXT_PACKAGE = ".rtfd"
"""macOS's rich text with pictures, as TextEdit saves a story once a picture is pasted in: a folder shown as one file,
holding the text in PACKAGE_TEXT and the pictures beside it."""
PACKAGE_TEXT = "TXT.rtf"


def read_story(path: Path) -> tuple[str, list[PassageText]]:
    """The story in a file, by its format's reader: its title and passages; raises ValueError (refusal_of says
    why)."""
    if reader_for(path) is None:
        raise StoryRefused(_not_a_story_file(path.name))
    return story_in(read_story_bytes(path), _named(path), book_title(path))


def _named(path: Path) -> str:
    """The name a story's title is made from where the file gives none: an RTFD package's, not its text's "TXT"
    (every story TextEdit saved with a picture in it was called "TXT")."""
    package = path.parent.name
    if path.name == PACKAGE_TEXT and package.lower().endswith(RICH_TEXT_PACKAGE):
        return package[: -len(RICH_TEXT_PACKAGE)] + ".rtf"
    return path.name


def _not_a_story_file(name: str) -> Refusal:
    """Why a file of no story format gives no story: a book's format no reader reads, named, or no book at all."""
    kind = unread_format(name)
    return Refusal(cause=Cause.NOT_A_STORY_FILE) if kind is None else Refusal(cause=Cause.UNREAD_FORMAT, format=kind)


def story_in(data: bytes, name: str, catalogued: str = "") -> tuple[str, list[PassageText]]:
    """The story in a file's bytes, read by the reader of its name's format: its title (`catalogued`, the title
    Calibre's record of the book gives, else the file's own, else one made from the name) and passages; raises
    ValueError (refusal_of says why)."""
    reader = reader_for(name)
    if reader is None:
        raise StoryRefused(_not_a_story_file(name))
    story = reader.read(_notion_page_text_bytes(data) if _is_notion_markdown(name) else data)
    texts = list(passages_of(story.blocks))
    title = trimmed(without_invisibles(story.title or "")) if shows_text(story.title or "") else ""
    if not texts:
        # A title of the file's own is no text, but the file is not empty: "# The Mill" alone is said to lack text.
        titled = title or any(shows_text(block.text) for block in story.blocks)
        raise StoryRefused(Refusal(cause=Cause.TITLE_ONLY if titled else Cause.NO_TEXT))
    return capped_title(trimmed(catalogued) or title) or title_from_filename(Path(name)), texts


def _is_notion_markdown(name: str) -> bool:
    """Whether a file is a page of Notion's Markdown export, by the name Notion gives it."""
    return name.lower().endswith(".md") and is_notion_page(Path(name).name[: -len(".md")])


def _notion_page_text_bytes(data: bytes) -> bytes:
    """A Notion page's Markdown without what Notion writes around its text (bot.core.readers.notion); Notion writes
    UTF-8, and a file that is not is read as it is."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    return notion_page_text(text).encode("utf-8")


def capped_title(title: str) -> str:
    """The title, or its first MAX_TITLE_CHARS characters with an ellipsis, cut after a word when one ends in its
    second half (a title of one long word is cut within it)."""
    if len(title) <= MAX_TITLE_CHARS:
        return title
    cut = title.rfind(" ", MAX_TITLE_CHARS // 2, MAX_TITLE_CHARS)
    return f"{title[: cut if cut > 0 else MAX_TITLE_CHARS - 1].rstrip()}…"


def read_stories(
    root: Path, paths: Iterable[Path], read: Callable[[Path], tuple[str, list[PassageText]]] = read_story
) -> tuple[list[Story], list[Passage], list[Problem]]:
    """The stories of these files (below root) with their passages, each file `read` (bot.core.timed_reading), and
    each file skipped. A Calibre book's file that gives no story is the book read from its next format that gives
    one (its story still named by the file listed, which the saved index keeps it by), each read as `read` reads it:
    a format read in a reader process has its own time. None giving one, the file's own refusal is said."""
    stories: list[Story] = []
    passages: list[Passage] = []
    problems: list[Problem] = []
    listed: dict[Path, list[str]] = {}
    for path in paths:
        relative = path.relative_to(root).as_posix()
        try:
            title, texts = _read_or_next_format(path, read, listed)
        except ValueError as error:
            problems.append(Problem(file=relative, why=refusal_of(error)))
            continue
        story = len(stories)
        stories.append(Story(title, relative, len(passages), len(texts)))
        passages.extend(
            Passage(
                story=story,
                number=number,
                text=piece.text,
                paragraph=piece.paragraph,
                chapter=piece.chapter,
                chapter_number=piece.chapter_number,
            )
            for number, piece in enumerate(texts, start=1)
        )
    return stories, passages, problems


def _read_or_next_format(
    path: Path, read: Callable[[Path], tuple[str, list[PassageText]]], listed: dict[Path, list[str]]
) -> tuple[str, list[PassageText]]:
    """The story in a file, or where it gives none and it is a Calibre book's, in the book's next format that gives
    one (next_formats, its folder listed only then, and once); raises the file's own refusal where none does."""
    try:
        return read(path)
    except ValueError as refused:
        for other in next_formats(path, listed):
            try:
                return read(other)
            except ValueError:
                continue
        raise refused


class NoStories(CorpusError):
    """No file gave a story: `problems` names each file skipped and why (bot.messages.no_stories_text says it)."""

    def __init__(self, root: Path, problems: Sequence[Problem]):
        super().__init__(f"no_stories: {root}")  # the code and the path, for the log: no English
        self.root, self.problems = root, tuple(problems)

    def __reduce__(self) -> tuple[type[NoStories], tuple[Path, tuple[Problem, ...]]]:
        return NoStories, (self.root, self.problems)  # from a worker process, whole


def load_corpus(root: Path | str) -> Corpus:
    """Every story below root, in memory (StoryLibrary.load builds large libraries without this)."""
    root = Path(root)
    found = story_files(root)
    stories, passages, problems = read_stories(root, found.paths)
    if not stories:
        raise NoStories(root, [*found.problems, *problems])
    return Corpus(root, tuple(stories), tuple(passages), (*found.problems, *problems))
