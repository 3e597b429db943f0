"""Why a file or folder of the corpus was not read as a story, as data: a stable reason code, the finer cause that
picks its message, and the few facts the message names. bot.messages alone says it in English."""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, fields


class SkipReason(enum.StrEnum):
    """Stable: `python -m bot stories --json` gives it (docs/commands.md, "Command line")."""

    FOLDER_UNREADABLE = "folder_unreadable"
    """A folder below the corpus folder cannot be listed (its permissions)."""
    NAME_NOT_UTF8 = "name_not_utf8"
    BROKEN_LINK = "broken_link"
    LINK_OUTSIDE = "link_outside"
    """A link that leads out of the corpus folder."""
    READ_TWICE = "read_twice"
    """A second way to a folder or file already read (a link to it, or a loop)."""
    NOT_STORIES = "not_stories"
    """Files of no story format, said together (`file` is None)."""
    UNREAD_FORMAT = "unread_format"
    """A book in a format no reader reads (Kindle's, Word 97's, an archive ...), said with what makes it readable."""
    CANNOT_OPEN = "cannot_open"
    """The file cannot be opened (its permissions, or not a regular file)."""
    TOO_LARGE = "too_large"
    NO_TEXT = "no_text"
    """Empty, or a title without paragraphs, or a document of images only."""
    NEEDS_READER = "needs_reader"
    """Its format's reader needs the `formats` extra, not installed."""
    TOO_SLOW = "too_slow"
    """Its reading took longer than STORYBOT_UPLOAD_SECONDS (bot.core.timed_reading)."""
    UNREADABLE = "unreadable"
    """Its contents are not a readable file of its format (damaged, locked, not UTF-8, not text ...)."""


class Cause(enum.StrEnum):
    """What exactly was wrong, each with its own message (bot.messages) and one SkipReason (`reason`). Kept in the
    saved index: a value is never reused for another cause."""

    # The folder's walk (bot.core.corpus.story_files)
    FOLDER_UNREADABLE = "folder_unreadable"
    """`detail`: the system's reason."""
    NAME_NOT_UTF8 = "name_not_utf8"
    FOLDER_NAME_NOT_UTF8 = "folder_name_not_utf8"
    BROKEN_LINK = "broken_link"
    LINK_OUTSIDE = "link_outside"
    LINK_LOOP = "link_loop"
    """A link back to the corpus folder."""
    SAME_FOLDER = "same_folder"
    """`name`: the way the folder was read first."""
    SAME_FILE = "same_file"
    """`name`: the way the file was read first."""
    NOT_STORIES = "not_stories"
    """`names`: the first few files, `count`: how many there are."""
    # The file (bot.core.corpus.read_story)
    NOT_A_STORY_FILE = "not_a_story_file"
    UNREAD_FORMAT = "unread_format"
    """`format`: its kind (bot.core.unread_formats.UnreadFormat)."""
    NOT_REGULAR = "not_regular"
    """A broken link, or not a regular file."""
    CANNOT_OPEN = "cannot_open"
    """`detail`: the system's reason."""
    TOO_LARGE = "too_large"
    """`count`: its bytes, `most`: the bytes a story may have."""
    NO_TEXT = "no_text"
    TITLE_ONLY = "title_only"
    EMPTY = "empty"
    IMAGES_ONLY = "images_only"
    """A PDF of images (a scan)."""
    NEEDS_READER = "needs_reader"
    """`format`: the format, `detail`: the optional extra that has its reader."""
    TOO_SLOW = "too_slow"
    """`seconds`: the time its reading was given."""
    READER_STOPPED = "reader_stopped"
    """The reader's process ended without an answer; `count`: its exit code (bot.core.worker_ended), if not 0. Saved
    by an older version, `detail`: how, in its words."""
    OTHER = "other"
    """A ValueError a reader did not foresee; `detail`: its own words."""
    # Readers: plain text
    NOT_ENCODED = "not_encoded"
    """`format`: the encoding it claims (UTF-8, UTF-16, UTF-32), `count`: the first byte that is not."""
    NUL_BYTES = "nul_bytes"
    CONTROL_BYTES = "control_bytes"
    # Readers: archives (bot.core.readers.archive)
    NOT_AN_ARCHIVE = "not_an_archive"
    """`format`, `detail`: zipfile's reason."""
    TOO_MANY_ENTRIES = "too_many_entries"
    """`format`, `most`: the files it may hold."""
    ENTRY_MISSING = "entry_missing"
    """`format`, `name`: the entry every file of the format has."""
    ENTRY_DAMAGED = "entry_damaged"
    """`name`: the entry, `detail`: zipfile's reason."""
    ENTRY_PACKING = "entry_packing"
    """`format`, `name`: the entry packed in a way the format does not."""
    UNPACKS_TOO_LARGE = "unpacks_too_large"
    """`most`: the megabytes it may unpack to."""
    # Readers: markup (bot.core.readers.markup)
    HTML_NUL_BYTES = "html_nul_bytes"
    NOT_MARKUP = "not_markup"
    """`format`, `detail`: libxml2's reason."""
    TOO_MANY_ATTRIBUTES = "too_many_attributes"
    """`most`: the attributes a tag may have."""
    NOT_XML = "not_xml"
    """`name`: the archive's entry (empty for a file that is one document), `detail`: libxml2's reason, if any."""
    NESTED_TOO_DEEP = "nested_too_deep"
    """`detail`: libxml2's reason."""
    ENTITY_EXPANSION = "entity_expansion"
    PIECE_TOO_LARGE = "piece_too_large"
    """`detail`: libxml2's reason."""
    # Readers: one format each
    NOT_WORD = "not_word"
    """`detail`: python-docx's reason."""
    NO_PACKAGE = "no_package"
    """EPUB; `name`: its container file."""
    PACKAGE_MISSING = "package_missing"
    """EPUB; `names`: the package file, then the container file that names it."""
    NO_PAGES = "no_pages"
    PAGES_MISSING = "pages_missing"
    """EPUB; `name`: the first page missing, `count`: how many more."""
    LOCKED = "locked"
    """DRM, which no export mends."""
    NOT_FB2 = "not_fb2"
    """`name`: the archive's entry (empty for a file that is one), `detail`: the root element's name."""
    FB2_COUNT = "fb2_count"
    """A zipped FB2 of `count` books, not one."""
    ODT_PASSWORD = "odt_password"
    NOT_TEXT_DOCUMENT = "not_text_document"
    PAGE_TOO_LARGE = "page_too_large"
    """PDF; `most`: the megabytes a page may unpack to."""
    CONTENT_TOO_LARGE = "content_too_large"
    """PDF; `most`: the megabytes all pages may unpack to."""
    TOO_MANY_OPERATIONS = "too_many_operations"
    """PDF; `most`: the operations a page may draw."""
    TOO_MUCH_TEXT = "too_much_text"
    """PDF; `most`: the characters a page may show."""
    FORMS_TOO_OFTEN = "forms_too_often"
    NOT_PDF = "not_pdf"
    """`detail`: pypdf's error, its type first."""
    PDF_PASSWORD = "pdf_password"
    RTF_DATA_SHORT = "rtf_data_short"
    RTF_UNCLOSED = "rtf_unclosed"
    """`count`: the groups left open."""
    RTF_TOO_DEEP = "rtf_too_deep"
    """`most`: the levels groups may nest."""
    NOT_RTF = "not_rtf"

    @property
    def reason(self) -> SkipReason:
        """The stable reason code it is given under."""
        return _REASONS.get(self, SkipReason.UNREADABLE)


_REASONS = {
    Cause.FOLDER_UNREADABLE: SkipReason.FOLDER_UNREADABLE,
    Cause.NAME_NOT_UTF8: SkipReason.NAME_NOT_UTF8,
    Cause.FOLDER_NAME_NOT_UTF8: SkipReason.NAME_NOT_UTF8,
    Cause.BROKEN_LINK: SkipReason.BROKEN_LINK,
    Cause.LINK_OUTSIDE: SkipReason.LINK_OUTSIDE,
    Cause.LINK_LOOP: SkipReason.READ_TWICE,
    Cause.SAME_FOLDER: SkipReason.READ_TWICE,
    Cause.SAME_FILE: SkipReason.READ_TWICE,
    Cause.NOT_STORIES: SkipReason.NOT_STORIES,
    Cause.NOT_A_STORY_FILE: SkipReason.NOT_STORIES,
    Cause.UNREAD_FORMAT: SkipReason.UNREAD_FORMAT,
    Cause.NOT_REGULAR: SkipReason.CANNOT_OPEN,
    Cause.CANNOT_OPEN: SkipReason.CANNOT_OPEN,
    Cause.TOO_LARGE: SkipReason.TOO_LARGE,
    Cause.NO_TEXT: SkipReason.NO_TEXT,
    Cause.TITLE_ONLY: SkipReason.NO_TEXT,
    Cause.EMPTY: SkipReason.NO_TEXT,
    Cause.IMAGES_ONLY: SkipReason.NO_TEXT,
    Cause.NEEDS_READER: SkipReason.NEEDS_READER,
    Cause.TOO_SLOW: SkipReason.TOO_SLOW,
}
"""Every cause not named here is a file its reader cannot read (UNREADABLE)."""


@dataclass(frozen=True, kw_only=True)
class Refusal:
    """Why one file gives no story, or one folder or link is passed over: its cause and what the message names."""

    cause: Cause
    format: str = ""
    """The format's name as readers give it ("EPUB"), or the encoding."""
    name: str = ""
    """A part of the file (an archive's entry), or the other way a file or folder was read."""
    names: tuple[str, ...] = ()
    detail: str = ""
    """Words that are not the bot's own: the system's, a library's (zipfile's, libxml2's ...), an extra's name."""
    count: int = 0
    """A number the message names: bytes, a byte's offset, files or groups."""
    most: int = 0
    """The limit that was passed (in the unit the cause says)."""
    seconds: float = 0.0

    @property
    def reason(self) -> SkipReason:
        return self.cause.reason


@dataclass(frozen=True, kw_only=True)
class Problem:
    """A file or folder skipped: the file (relative to the corpus folder, with forward slashes; None for several)
    and why. Front ends say it with bot.messages.problem_text; the saved index keeps it as `as_data` gives it."""

    file: str | None
    why: Refusal

    @property
    def reason(self) -> SkipReason:
        return self.why.reason

    def as_data(self) -> dict[str, object]:
        """The problem as JSON values, the facts its cause does not name (left at their defaults) left out."""
        defaults = Refusal(cause=self.why.cause)
        facts = {key: value for key, value in asdict(self.why).items() if value != getattr(defaults, key)}
        facts["cause"] = self.why.cause.value
        if self.why.names:
            facts["names"] = list(self.why.names)
        return {"file": self.file, **facts}

    @classmethod
    def from_data(cls, data: object) -> Problem | None:
        """The problem `as_data` gave, or None for anything else (a cause this version does not know, a fact of the
        wrong type or one it does not know)."""
        if not isinstance(data, dict) or data.keys() - _KEYS:
            return None
        file, cause, names = data.get("file"), data.get("cause"), data.get("names", [])
        if not (file is None or isinstance(file, str)) or cause not in _CAUSES:
            return None
        if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
            return None
        texts = [data.get(key, "") for key in ("format", "name", "detail")]
        numbers = [data.get(key, 0) for key in ("count", "most")]
        seconds = data.get("seconds", 0.0)
        if not all(isinstance(text, str) for text in texts) or not all(type(number) is int for number in numbers):
            return None
        if not isinstance(seconds, int | float) or isinstance(seconds, bool):
            return None
        (format_name, name, detail), (count, most) = texts, numbers
        why = Refusal(
            cause=Cause(cause),
            format=str(format_name),
            name=str(name),
            names=tuple(names),
            detail=str(detail),
            count=int(count),
            most=int(most),
            seconds=float(seconds),
        )
        return cls(file=file, why=why)


_KEYS = {"file", *(fact.name for fact in fields(Refusal))}
_CAUSES = {cause.value for cause in Cause}


class StoryRefused(ValueError):
    """A file read as a story gave none, and why (its Refusal): readers raise it, and what reads a file takes any
    other ValueError for one (refusal_of)."""

    def __init__(self, refusal: Refusal):
        super().__init__(refusal.cause.value)
        self.refusal = refusal

    def __reduce__(self) -> tuple[type[StoryRefused], tuple[Refusal]]:
        return StoryRefused, (self.refusal,)  # from a worker process, whole


STOPPED = Refusal(cause=Cause.READER_STOPPED)
CUT_SHORT = frozenset({Cause.TOO_SLOW, Cause.READER_STOPPED})
"""What says how a file's reading went, not what the file is: a busy machine made it slow, or the system ended its
reader (the OOM killer). The saved index keeps such a skip like any other, and the owner's own read (python -m bot
index, /reload: IndexStore.load's `read_cut_short_again`) reads the file again."""
"""An upload's reader whose process ended without an answer (the log says how)."""


def refusal_of(error: ValueError) -> Refusal:
    """Why a file gave no story: a reader's own refusal, else a ValueError it did not foresee, in its own words."""
    if isinstance(error, StoryRefused):
        return error.refusal
    return Refusal(cause=Cause.OTHER, detail=str(error))
