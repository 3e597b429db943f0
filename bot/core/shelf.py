"""The corpus folder as its owner manages it from Discord: story files added, replaced and removed.

Nothing is lost: a replaced or removed file is first kept in a dated folder beside the corpus
(`<corpus>-kept/<when>/<its path>`), which is not read as stories; restoring one is moving it back.
Writes are atomic: a story is written to a temporary file in the corpus folder and then renamed, a kept
copy to one at the top of the kept folder, so a process killed mid-write leaves nothing half written
under a name that is read or restored.
Changes are serialised by a lock file in the corpus folder, and never made through a link.
"""

from __future__ import annotations

import enum
import errno
import fcntl
import os
import re
import secrets
import shutil
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from bot.core.invisible_characters import CONTROL_CHARACTERS, UNSEEN_CHARACTER, shows_text
from bot.core.name_forms import one_file_named
from bot.core.readers import STORY_SUFFIXES, reader_for
from bot.core.readers.plain_text import file_text, front_matter, front_matter_title
from bot.core.shelf_corpus import ShelfStoryText
from bot.core.skipped import Cause, Refusal, StoryRefused, refusal_of
from bot.core.stored_text import pack_story
from bot.core.synced import sync_to_disk

MAX_UPLOAD_BYTES = 8 * 2**20
"""The largest story file accepted from a chat upload (a long novel is a few MB of text)."""
MAX_NAME_BYTES = 255
"""The longest file name Linux and macOS file systems take, in UTF-8 bytes (an "é" is two)."""
LOCK_FILE = ".storybot-shelf.lock"
LOCK_TIMEOUT = 10.0
"""Seconds a change waits for another one to finish (which takes well under a second) before giving up."""
_LOCK_POLL = 0.05
_UPLOAD = re.compile(r"\.upload-[0-9a-f]{16}")
"""An upload being written: only ever under the lock, so one seen while holding it is a killed add's."""
_KEEPING = re.compile(r"\.keeping-[0-9a-f]{16}")
"""A copy being kept, at the top of the kept folder: as _UPLOAD, one seen under the lock is a killed change's."""
TITLED_SUFFIXES = (".txt", ".md")
"""Uploads a title can be given to (as front matter); other formats carry their own."""
_UNSAFE = re.compile(r"[^\w.\- '’(),&!]+")
"""What an upload's name may not hold: folders, and what Windows, macOS or a shell's common use cannot take in a file
name (`<>:"/\\|?*`, controls, `$`, `;`, backquotes...). Apostrophes, parentheses, commas, "&" and "!" stay: titles hold
them ("Grandma's Kitchen.txt", "Rock & Roll!.md"), and so do the copies browsers name "The Mill (1).md"."""
_NAME_CHARACTER = re.compile(r"\w")
_WORD = re.compile(r"[^\W\d_]+")
EAST_ASIAN = "CJK"
"""The one script id of Chinese, Japanese and Korean letters (Han, kana, hangul), which stand in a word together."""
_EAST_ASIAN_SCRIPTS = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO", "IDEOGRAPHIC"})
WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}
)
"""Names Windows keeps for devices, whatever follows their first dot and in any case (`con.md`, `Nul.tar.md`): a file
so named cannot be written there, so a shelf's export or a copy of the corpus folder would not unpack on Windows.
COM\u00b9 and the like are these once NFKC has made their superscript a digit."""


class UploadRefusal(enum.Enum):
    """Why an upload, a name or a change of the folder was refused (bot.messages says it to the person)."""

    NOT_A_STORY_FILE = "not_a_story_file"
    NO_USABLE_NAME = "no_usable_name"
    NAME_TOO_LONG = "name_too_long"
    MIXED_SCRIPTS = "mixed_scripts"
    WINDOWS_DEVICE = "windows_device"
    """A name Windows keeps for a device (WINDOWS_DEVICES): no file of it can be written or unpacked there."""
    TOO_LARGE = "too_large"
    LARGER_THAN_DECLARED = "larger_than_declared"
    """Its download went on past the size it was sent as (`size`), and was broken off there."""
    UNREADABLE = "unreadable"
    TOO_SLOW = "too_slow"
    """Reading it took longer than uploads may (bot.core.upload_reading.story_file_in_worker)."""
    TOO_MUCH_MEMORY = "too_much_memory"
    """Reading it needed more memory than an upload's reader may take (bot.core.upload_memory)."""
    OWN_TITLE = "own_title"
    OWN_FRONT_MATTER = "own_front_matter"
    OTHER_FORMAT = "other_format"
    """A replacement in another format than the story it replaces."""
    EXISTS = "exists"
    NO_SUCH_FILE = "no_such_file"
    OUTSIDE_FOLDER = "outside_folder"
    THROUGH_LINK = "through_link"
    FOLDER_UNWRITABLE = "folder_unwritable"
    BUSY = "busy"


class ShelfError(Exception):
    """The upload or the name cannot be used: a reason code and what the message needs to name."""

    def __init__(
        self,
        refusal: UploadRefusal,
        *,
        name: str = "",
        size: int = 0,
        detail: str = "",
        scripts: tuple[str, ...] = (),
        why: Refusal | None = None,
    ):
        super().__init__(refusal.value)
        self.refusal = refusal
        self.name = name
        """The file name."""
        self.size = size
        """Bytes: the name's for NAME_TOO_LONG, the file's for TOO_LARGE, the size it was sent as for
        LARGER_THAN_DECLARED; seconds for TOO_SLOW; megabytes for
        TOO_MUCH_MEMORY."""
        self.detail = detail
        """The format for OWN_TITLE, the system's reason for FOLDER_UNWRITABLE."""
        self.scripts = scripts
        """For MIXED_SCRIPTS, the ids of the scripts one word of the name mixes (mixed_scripts)."""
        self.why = why or Refusal(cause=Cause.OTHER)
        """Why the file gives no story, for UNREADABLE."""

    def __reduce__(self) -> tuple[type[ShelfError], tuple[UploadRefusal], dict[str, object]]:
        """Raised in a worker process, it comes back whole (its reason code is not its only argument)."""
        return type(self), (self.refusal,), self.__dict__


def safe_file_name(name: str) -> str:
    """The upload's name as a plain file name in the corpus folder: no folders, no hidden files."""
    # Folders go before NFKC, which makes a fullwidth or other look-alike slash in one name ("a\uff0fb.md") a folder's
    # "/": the name's own sign becomes a dash, as others do, rather than cutting off all before it.
    written = unicodedata.normalize("NFKC", name.replace("\\", "/").rsplit("/", 1)[-1])
    written = written.replace("/", "-").replace("\\", "-")
    # Characters that show nothing, Hangul's fillers too (letters to `\w`): "balle\u115frina.md" passed for the
    # owner's "ballerina.md", in every list and answer.
    base = _UNSAFE.sub("-", UNSEEN_CHARACTER.sub("-", written)).strip(" .-")
    if not base.lower().endswith(STORY_SUFFIXES):
        # "😀.md" is a story file with no name left once its signs are taken out, not a file of another format
        usable = written.rstrip(" .").lower().endswith(STORY_SUFFIXES)
        raise ShelfError(UploadRefusal.NO_USABLE_NAME if usable else UploadRefusal.NOT_A_STORY_FILE, name=name)
    suffix = max((s for s in STORY_SUFFIXES if base.lower().endswith(s)), key=len)
    if base.startswith(".") or not _NAME_CHARACTER.search(base, 0, len(base) - len(suffix)):
        raise ShelfError(UploadRefusal.NO_USABLE_NAME, name=name)  # ".md", "!!!.epub", "(-).fb2.zip": signs alone
    size = len(base.encode("utf-8", "surrogateescape"))
    if size > MAX_NAME_BYTES:
        raise ShelfError(UploadRefusal.NAME_TOO_LONG, name=base, size=size)
    if windows_device(base):
        raise ShelfError(UploadRefusal.WINDOWS_DEVICE, name=base)
    lookalike = mixed_scripts(base)
    if lookalike:
        raise ShelfError(UploadRefusal.MIXED_SCRIPTS, name=base, scripts=lookalike)
    return base


def windows_device(name: str) -> bool:
    """Whether Windows takes the file name for a device: its part before the first dot, less the spaces it ends in
    (which Windows drops), is one of WINDOWS_DEVICES in any case."""
    return name.split(".", 1)[0].rstrip(" ").upper() in WINDOWS_DEVICES


def mixed_scripts(name: str) -> tuple[str, ...]:
    """The ids of the scripts one word of the name mixes, sorted (("CYRILLIC", "LATIN")); none if no word mixes any.

    A Cyrillic "\u0430" in a Latin word looks the same as the Latin "a": such a name is refused rather than
    kept beside the story it imitates. Words in different scripts ("Москва-moscow") are fine, and
    Chinese, Japanese and Korean characters may stand in a word with each other and with Latin.
    Modifier letters (the long-vowel mark in "ラーメン", the \u02bbokina in "Hawai\u02bbi") belong to no
    script of their own and are left out.
    """
    for word in _WORD.findall(name):
        scripts = {_script(c) for c in word if c.isalpha() and unicodedata.category(c) != "Lm"}
        if len(scripts) > 1 and scripts != {"LATIN", EAST_ASIAN}:
            return tuple(sorted(scripts))
    return ()


def _script(letter: str) -> str:
    """The id of a letter's script, its Unicode name's first word ("CYRILLIC SMALL LETTER A" -> "CYRILLIC")."""
    script = unicodedata.name(letter, "UNKNOWN").split(" ", 1)[0]
    return EAST_ASIAN if script in _EAST_ASIAN_SCRIPTS else script


def require_upload_size(size: int) -> None:
    """Raises ShelfError for an upload too large to take (checked before it is downloaded, too)."""
    if size > MAX_UPLOAD_BYTES:
        raise ShelfError(UploadRefusal.TOO_LARGE, size=size)


@dataclass(frozen=True)
class StoryFile:
    """An upload read as a story: the file as it will be stored, and the length of the text it holds."""

    data: bytes
    characters: int
    """What a view of it holds in memory grows with: more than the file's bytes for a packed format (EPUB,
    Word, ODT and .fb2.zip are zips, PDF streams are compressed), which a server's limit counts (bot.state.shelves)."""
    story: ShelfStoryText | None = field(default=None, compare=False, repr=False)
    """The story `data` holds, as its server's view reads it (its number 0 until it has one): the process that stores
    it need not read it again, in a worker (bot.core.shelf_reader), for its view."""
    text: bytes = field(kw_only=True, compare=False, repr=False)
    """That story packed as the database keeps it beside the file (bot.core.stored_text), packed where it was read
    (in the upload's worker): no view in any process reads the file again."""


def story_file(raw: bytes, name: str, title: str | None) -> StoryFile:
    """The uploaded file as it will be stored, once its format's reader has read a story from it (the
    checks a story file in the folder gets), with the given title if any (in .txt and .md)."""
    require_upload_size(len(raw))
    reader = reader_for(name)
    if reader is None:
        raise ShelfError(UploadRefusal.NOT_A_STORY_FILE, name=name)
    typed = None if title is None else " ".join(title.translate(CONTROL_CHARACTERS).split())
    data = raw if not typed else _titled(raw, name, typed, reader.name)
    story = _read(data, name)
    return StoryFile(data, story.characters, story, text=pack_story(story))


def _titled(raw: bytes, name: str, title: str, format_name: str) -> bytes:
    """The plain text file with the title as its front matter, as it is stored and read: read once, so an upload
    of 8 MB of text is not read twice, once as sent and once titled."""
    if not name.lower().endswith(TITLED_SUFFIXES):
        raise ShelfError(UploadRefusal.OWN_TITLE, name=name, detail=format_name)
    try:
        text = file_text(raw)  # a UTF-16 or Windows-1252 file is stored as UTF-8 with its title
    except ValueError as reason:
        raise ShelfError(UploadRefusal.UNREADABLE, name=name, why=refusal_of(reason)) from reason
    opening = text.lstrip()
    if opening.startswith("---") or front_matter(opening) is not None:  # YAML's, or TOML's (Hugo's)
        raise ShelfError(UploadRefusal.OWN_FRONT_MATTER, name=name)
    if not shows_text(text):  # the title is the uploader's: the file has no text of its own
        raise ShelfError(UploadRefusal.UNREADABLE, name=name, why=Refusal(cause=Cause.NO_TEXT))
    return f"---\ntitle: {front_matter_title(title)}\n---\n\n{text}".encode()


def _read(data: bytes, name: str) -> ShelfStoryText:
    try:
        story = ShelfStoryText.read(0, name, data)
        if not story.characters:
            raise StoryRefused(Refusal(cause=Cause.NO_TEXT))
    except ValueError as reason:
        raise ShelfError(UploadRefusal.UNREADABLE, name=name, why=refusal_of(reason)) from reason
    return story


class StoryExists(ShelfError):
    """A story file of that name is there already: replacing it needs the person's yes."""


@dataclass(frozen=True)
class Shelf:
    root: Path
    """The corpus folder."""
    lock_timeout: float = LOCK_TIMEOUT

    @property
    def kept(self) -> Path:
        return self.root.parent / f"{self.root.name}-kept"

    def add(self, name: str, data: bytes, *, replace: bool = False) -> Path | None:
        """Writes the story as root/name (or the story's of that name in another case); returns where the file it
        replaced was kept, if any.

        Raises StoryExists when there is one and `replace` is False. One change at a time, in every
        process that shares the folder: two uploads of one name at once are one add and one question."""
        with self._locked():
            name = self._as_named(name)
            target = self.own_file(name)
            exists = target.exists()
            if exists and not replace:
                raise StoryExists(UploadRefusal.EXISTS, name=name)
            kept = self._keep(target, name, move=False) if exists else None
            temporary = self.root / f".upload-{secrets.token_hex(8)}"  # as _UPLOAD
            # Created with the usual 0666 less the user's umask, as any file the user writes (not 0600).
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            try:
                with os.fdopen(descriptor, "wb") as f:
                    f.write(data)
                    f.flush()
                    os.fsync(f.fileno())
                os.replace(temporary, target)
                sync_to_disk(target.parent)  # the new name on disk too: a power cut must not undo an answered add
            except BaseException:
                temporary.unlink(missing_ok=True)
                raise
        return kept

    def remove(self, relative: str) -> Path:
        """Moves the story file out of the corpus into the kept folder; returns where it went."""
        with self._locked():
            path = self.own_file(relative)
            if not path.is_file():
                raise ShelfError(UploadRefusal.NO_SUCH_FILE, name=relative)
            return self._keep(path, relative, move=True)

    def _as_named(self, name: str) -> str:
        """`name`, or the story file at the top of the folder named so in another case or Unicode form
        (bot.core.name_forms): Windows and macOS take `The-Mill.MD` for `the-mill.md`, and a file copied from macOS
        holds "Café.md" decomposed where an upload's is composed; saved again, a second file was written beside it, a
        story alike in every word. So is one an older storybot named the upload ("Grandma-s Kitchen.txt"). One look at
        the folder's names, for a name that is not there as it is."""
        if "/" in name or (self.root / name).exists() or (self.root / name).is_symlink():
            return name
        with os.scandir(self.root) as entries:
            return one_file_named(name, (e.name for e in entries if e.is_file())) or name

    def own_file(self, relative: str) -> Path:
        """root/relative; raises ShelfError when it or a folder on the way is a link: nothing from chat writes or
        removes through a link (which may lead to another story, or out of the corpus)."""
        parts = PurePosixPath(relative).parts
        if not parts or PurePosixPath(relative).is_absolute() or ".." in parts:
            raise ShelfError(UploadRefusal.OUTSIDE_FOLDER, name=relative)
        path = self.root
        for depth, part in enumerate(parts, start=1):
            path = path / part
            if path.is_symlink():
                where = PurePosixPath(*parts[:depth])
                raise ShelfError(UploadRefusal.THROUGH_LINK, name=str(where))
        return path

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Holds the shelf's lock file (hidden, so never read as a story) while a change is made.

        The lock file is never opened through a link, and it is waited for only `lock_timeout` seconds:
        a process that hangs holding it (on a stuck network folder) must not hang every change after it."""
        try:
            descriptor = os.open(self.root / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o666)
        except OSError as error:
            raise ShelfError(UploadRefusal.FOLDER_UNWRITABLE, detail=error.strerror or str(error)) from error
        try:
            deadline = time.monotonic() + self.lock_timeout
            while not _try_lock(descriptor):
                if time.monotonic() >= deadline:
                    raise ShelfError(UploadRefusal.BUSY)
                time.sleep(_LOCK_POLL)
            self._remove_killed_writes()
            yield
        finally:
            os.close(descriptor)

    def _remove_killed_writes(self) -> None:
        """What a change killed while writing (kill -9, the OOM killer, a power cut) left: an upload in the
        corpus folder, a copy being kept at the top of the kept folder (not in the dated folders below, so
        finding it takes one look at one folder, not a walk of every version ever kept). No change can be
        writing one now, as each writes only while holding the lock this change holds."""
        for folder, temporary in ((self.root, _UPLOAD), (self.kept, _KEEPING)):
            try:
                with os.scandir(folder) as entries:
                    for entry in entries:
                        if temporary.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                            Path(entry.path).unlink(missing_ok=True)
            except FileNotFoundError:  # no kept folder yet
                pass

    def _keep(self, path: Path, relative: str, move: bool) -> Path:
        """Keeps the file in a new dated folder (moved there if `move`); returns where.

        A copy (always, for a replace; for a remove, when the kept folder is on another file system) is
        written under a hidden temporary name, put on disk and only then renamed into place: whatever is at
        a kept place is a whole file. The file it keeps is replaced or removed only after that."""
        place = self._new_kept_place(relative)
        if move and _renamed_within_file_system(path, place):
            self._sync_folders_to(place)
            return place
        temporary = self.kept / f".keeping-{secrets.token_hex(8)}"  # as _KEEPING
        try:
            shutil.copy2(path, temporary)
            sync_to_disk(temporary)
            place.parent.mkdir(parents=True, exist_ok=True)
            os.rename(temporary, place)  # no file there: checked under the lock
            self._sync_folders_to(place)
            if move:
                path.unlink()
        except BaseException:
            temporary.unlink(missing_ok=True)  # a copy cut short (a full disk)
            if path.exists():  # the change did not happen: nothing of it is kept
                place.unlink(missing_ok=True)
            raise
        return place

    def _new_kept_place(self, relative: str) -> Path:
        """Where the file is kept, a place where nothing was kept before; makes the kept folder."""
        when = datetime.now(UTC).strftime("%Y-%m-%d_%H-%M-%S")
        place = self.kept / when / relative
        copy = 1
        while place.exists():  # twice in one second: never overwrite what was kept
            copy += 1
            place = self.kept / f"{when}_{copy}" / relative
        self.kept.mkdir(exist_ok=True)
        return place

    def _sync_folders_to(self, place: Path) -> None:
        """Puts on disk the entries naming the kept file, from its folder up to the kept folder's (any of
        them may be new), before the file it keeps is replaced or removed."""
        for folder in (place.parent, *place.parent.relative_to(self.kept.parent).parents):
            sync_to_disk(self.kept.parent / folder)


def _renamed_within_file_system(path: Path, place: Path) -> bool:
    """Moves the file by renaming it, if both are on one file system (False, and nothing done, if not)."""
    place.parent.mkdir(parents=True, exist_ok=True)
    try:
        path.rename(place)  # no file there: checked under the lock
    except OSError as error:
        if error.errno == errno.EXDEV:
            return False
        raise
    return True


def _try_lock(descriptor: int) -> bool:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
