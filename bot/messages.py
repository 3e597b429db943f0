"""What readers are told, in one wording for the command line, the console and Discord.

The core and the operations (bot.operations) return reason codes and data (NoAnswer, IndexDamage, an IndexNote and
its IndexFault, StoryFound, PersonFound, Reloaded, ShelfAction, ShelfRefusal, UploadRefusal, a skipped file's Problem
and its Refusal, a corpus folder's FolderFault and the files of one that gave no story (NoStories), a database's Fault
and the DatabaseTask it failed, and a BotRequest's reply); this module alone turns them into English, so both front
ends say the same thing.
"""

from __future__ import annotations

import errno
import logging
import math
import re
import signal
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot.core.analysis import MARKS
from bot.core.answer import Answer, Hit, NoAnswer
from bot.core.corpus import CorpusError, FolderFault, FolderRefused, NoStories
from bot.core.index_damage import DamageKind, IndexDamage
from bot.core.index_notes import IndexEvent, IndexFault, IndexNote
from bot.core.library import MAX_QUESTION_CHARS
from bot.core.readers import suffix_list
from bot.core.shelf import EAST_ASIAN, MAX_NAME_BYTES, MAX_UPLOAD_BYTES, ShelfError, UploadRefusal
from bot.core.skipped import CUT_SHORT, Cause, Problem, Refusal
from bot.core.unread_formats import UnreadFormat, unread_format
from bot.core.worker_ended import WorkerEnded
from bot.counted import counted
from bot.eval.beir import DatasetError, DatasetFault
from bot.one_line import one_line
from bot.operations.look_up_person import MAX_PERSON_NAME_CHARS, PersonFound, PersonLookup
from bot.operations.reload import Reload, Reloaded
from bot.operations.resolve_story import MAX_STORY_NAME_CHARS, StoryFound, StoryResolution
from bot.operations.story_ref import StoryRef
from bot.settings import (
    DISCORD_ID_LIMIT,
    DISTRIBUTION,
    LOG_LEVELS,
    MAX_BUDGET_QUESTIONS,
    MAX_BUDGET_SECONDS,
    MAX_SHARD_COUNT,
    QuestionBudget,
    SettingsError,
    SettingsFault,
    Takes,
    Unit,
)
from bot.state.database_fault import MAX_PORT, STARTUP_BUSY_SECONDS, DatabaseError, DatabaseTask, Fault, OpenFault
from bot.state.shelf_rules import (
    RESTORE_ROOM,
    SHELF_BYTES,
    SHELF_STORIES,
    VERSION_BYTES,
    ShelfAction,
    ShelfRefusal,
    StoreRoom,
)

if TYPE_CHECKING:
    from bot.eval.questions import QuestionCheck
    from bot.operations.change_shelf import ShelfChanged  # imports the database's libraries
    from bot.state.guarded_engine import DatabaseUnavailable  # so does the engine
    from bot.state.schema import DowngradePlan, Dropped, SchemaState  # so does the schema
    from bot.state.schema import Refusal as DowngradeRefusal
    from bot.state.sqlite_check import PageCheck

NEXT_START_REBUILDS = "The next start rebuilds it from the stories."
UNKNOWN_BUTTON = "That button is not one I know (it may be from another version of me); please ask again."
"""A click whose custom_id no button of the bot's has: an older version's, or one a modified client made up."""
VOTE_NOT_SHOWN = (
    "I didn't count that vote: it names a passage this answer does not show (the stories may have changed since it "
    "was given). Please ask again, and vote under the new answer."
)
"""A vote whose button names a passage the answer's results do not hold: a modified client's, or one from before a
reload."""
STORY_GONE = "That story is no longer in the library (it was removed or renamed); please ask again."
"""What a button or a follow-up says when the story it names is gone."""
STORY_CHANGED = "That story has changed since this answer was given (it was replaced or edited); please ask again."
"""What ◀ Previous / Next ▶ and 👍 / 👎 say when the story they read on in or judge is no longer the text the answer
showed: its passage numbers may have shifted, and the number on the button may name another passage now."""
NAME_ECHOED = 200
"""Characters of a name someone typed that are said back to them ("No one called ..."), as many as Discord's
story options take: the command line and the console take a name of any length, and said a line of 1 MB back whole."""


MARKS_ECHOED = 4
"""Combining marks said back on one character: "é" has one, Vietnamese "ệ" two; a letter under hundreds ("Zalgo"
text) rose over the lines above and below it wherever a message said it back."""
_MARK_PILE = re.compile(f"({MARKS}{{{MARKS_ECHOED}}}){MARKS}+")


def typed_name(name: str) -> str:
    """A name as someone typed it, in quotes, cut at NAME_ECHOED characters, at most MARKS_ECHOED marks a
    character."""
    name = _MARK_PILE.sub(r"\1", name)
    return f'"{name}"' if len(name) <= NAME_ECHOED else f'"{name[:NAME_ECHOED]}…"'


def code_span(name: str) -> str:
    """A file's name in a code span, on one line and as it is. Nothing is escaped in a code span, so a name's
    own backtick ended it ("`tom`s tale.md`"): a name holding one is fenced with two, spaced where it starts
    or ends with one; in a name holding two together (a fence of three is a code block) they are shown as
    U+02CB, which looks the same."""
    name = one_line(name)
    if "``" in name:
        name = name.replace("`", "\u02cb")
    if "`" not in name:
        return f"`{name}`"
    space = " " if name.startswith("`") or name.endswith("`") else ""
    return f"``{space}{name}{space}``"


def library_size(stories: int, passages: int) -> str:
    """A library's size as every front end says it: "3 stories, 22 passages"."""
    return f"{counted(stories, 'story', 'stories')}, {counted(passages, 'passage', 'passages')}"


def hit_place(hit: Hit) -> str:
    """Where the passage stands: "Chapter Two, passage 1" or "passage 3"."""
    if hit.chapter:
        return f"{hit.chapter}, passage {hit.chapter_passage}"
    return f"passage {hit.passage}"


def _quoted(text: str) -> str:
    """`text` in quotes: curly ones where it holds straight ones, as a nickname does ('Gwendolyn "Gwen" Pryce'), so
    that its own do not read as the quote's end."""
    return f"“{text}”" if '"' in text else f'"{text}"'


def no_answer_message(answer: Answer, repair: str) -> str:
    """Why there is no answer; for a damaged index, what was damaged and `repair`, what is done about it."""
    if answer.reason is NoAnswer.INDEX_DAMAGED and answer.damage is not None:
        return index_damaged_message(answer.damage, repair)
    example = f", e.g. {_quoted(answer.example)}" if answer.example else ""
    if answer.reason is NoAnswer.EMPTY:
        return ask_me_text(answer.example)
    if answer.reason is NoAnswer.TOO_LONG:
        return (
            f"That question is {len(answer.question.strip()):,} characters long; please ask in at most "
            f"{MAX_QUESTION_CHARS:,} characters, with the names or key words that matter."
        )
    where = f'"{answer.scope}"' if answer.scope else "the stories"
    if answer.reason is NoAnswer.NO_CONTENT_WORDS:
        return (
            f"I couldn't find that in {where}: your question has no words to search for, only common ones like "
            f'"what", "the" or "she", or symbols. Each question is read on its own, so name who or what you mean'
            f"{example}."
        )
    return f"I couldn't find that in {where}. Try other words, or a name from them{example}."


def ask_me_text(example: str) -> str:
    """What to ask, with a name from the stories (`example`) if there is one."""
    return (
        f"Ask me something about the stories, e.g. {_quoted(f'Who is {example}?')}"
        if example
        else "Ask me something about the stories."
    )


def greeting_text(example: str) -> str:
    """The answer to a hello (BotRequest.GREETING): hello back, and what to ask."""
    return f"Hello! {ask_me_text(example)}"


def wait_message(retry_after: float) -> str:
    """What someone past their budget of questions is told: how long until they may ask again, in whole
    seconds (never "0 seconds")."""
    seconds = max(1, round(retry_after))
    return f"You're asking faster than I can keep up. Please try again in {counted(seconds, 'second', 'seconds')}."


DATABASE_TASKS = {
    DatabaseTask.SAVE_VOTE: "save your vote",
    DatabaseTask.SAVE_SETTING: "save that",
    DatabaseTask.READ_FEEDBACK: "read the feedback",
    DatabaseTask.REOPEN_ANSWER: "reopen this answer",
    DatabaseTask.CHANGE_SHELF: "change the server's stories",
    DatabaseTask.READ_HISTORY: "read the server's history",
    DatabaseTask.MOVE_KEPT_OUT: "move the kept versions out",
    DatabaseTask.READ_REVISION: "read the database's revision",
    DatabaseTask.TAKE_BACK: "take the database back",
}
"""What was asked of the database, as "I couldn't ..." and "Could not ..." go on."""


def database_trouble_text(fault: Fault, task: DatabaseTask) -> str:
    """What a reader on Discord is told when the database could not do `task`. A lasting fault is not "try again":
    retrying cannot help until the bot's owner acts, and they have it in the log."""
    if fault.lasting:
        return (
            f"I couldn't {DATABASE_TASKS[task]}: the bot's database can't be written right now. The bot's owner has "
            "it in the log; it works again once they fix it."
        )
    return f"I couldn't {DATABASE_TASKS[task]}: the database didn't answer in time. Please try again in a moment."


def driver_reason(words: str) -> str:
    """A database driver's reason as bot.state.guarded_engine.first_line gives it: a timeout, which has no words of
    its own, is named by its type there."""
    return "it did not answer in time" if words == TimeoutError.__name__ else words


def unavailable_text(error: DatabaseUnavailable) -> str:
    """Why a database call did not happen, from the facts bot.state raised, for the owner's messages."""
    if error.seconds is not None:
        return f"no answer within {error.seconds:.0f} seconds"
    if error.file is not None:
        return f"{error.file} is read-only" if error.fault is Fault.UNWRITABLE else f"{error.file} was removed"
    return driver_reason(error.detail)


def database_command_text(fault: Fault, task: DatabaseTask, detail: str) -> str:
    """The command line's one line for the same, to the owner, who can act: with the database's own `detail`."""
    if fault.lasting:
        return (
            f"Could not {DATABASE_TASKS[task]} ({detail}): the database cannot be written (a read-only or immutable "
            "file or folder, or a full disk); make it writable, then run this again."
        )
    return f"Could not {DATABASE_TASKS[task]} ({detail}); try again in a moment."


MANAGE_SERVER = "You need the Manage Server permission for that."
"""Said to someone without it who runs a command that changes the server's stories or settings."""

THANKS_REPLY = "You're welcome!"
"""The answer to a thank-you (BotRequest.THANKS)."""

CONSOLE_HELP = """Ask a question about the stories, or:
  /performer NAME   look someone up (first name, surname, or full name)
  /story NAME       ask only about this story from now on (/story alone: all stories again)
  /stories          list the stories
  /help             this help
  /quit             leave (or quit, exit, Ctrl-D)"""
"""The console's commands: its /help, and its answer to a message asking for help (BotRequest.HELP)."""

COMMAND_LINE_HELP = """Ask a question about the stories: python -m bot ask "QUESTION"
  (--story NAME: in that story only; --json: as JSON; no question: one a line from stdin), or:
  python -m bot performer NAME   look someone up (first name, surname, or full name)
  python -m bot stories          list the stories
  python -m bot console          ask one question after another
  python -m bot --help           every command"""
"""What `python -m bot ask` says to a message asking for help (BotRequest.HELP): the command line has no
slash commands."""
LIST_STORIES_COMMAND = "python -m bot stories lists them."
"""How to list the stories, on the command line (story_choice_text's `listing`: it has no /stories)."""


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
    why = index_fault_text(note)
    if note.event is IndexEvent.NOT_SAVED:
        return f"the index could not be saved ({why}); answering from memory, the next start saves it"
    if note.event is IndexEvent.UNTRUSTED:
        return f"the saved index was not used ({why}) and was rebuilt"
    if note.event is IndexEvent.READ_AGAIN:
        return f"{note.file}, skipped before for taking too long to read, was read again"
    return f"the saved index was damaged ({why}) and was rebuilt"


_INDEX_FAULTS: dict[IndexFault, Callable[[IndexNote], str]] = {
    IndexFault.SYSTEM: lambda n: f"{n.detail}: {n.file}" if n.file else n.detail,
    IndexFault.LINK: lambda n: f"{n.file} is a link",
    IndexFault.OTHER_OWNER: lambda n: f"{n.file} belongs to another user (uid {n.number})",
    IndexFault.OTHERS_MAY_WRITE: lambda n: f"{n.file} may be written by other users",
    IndexFault.NOT_REGULAR: lambda n: f"{n.file} is not a regular file (a named pipe, a device or a folder)",
    IndexFault.NOT_AS_SAVED: lambda n: f"{n.file} is damaged (its size or checksum is not the one saved)",
    IndexFault.CONTENTS: lambda n: f"{n.file} is damaged (what was read of it makes no sense)",
    IndexFault.NOT_A_MANIFEST: lambda n: f"{n.file} is not a manifest storybot wrote",
    IndexFault.SKIPPED_NOT_A_MAPPING: lambda n: f"the skipped files in {n.file} are not a mapping",
    IndexFault.TERMS_OUT_OF_ORDER: lambda n: f"{n.file}'s terms are not in order",
    IndexFault.POSTINGS_UNCOUNTED: lambda n: f"{n.file}'s posting lists do not agree with their counts",
    IndexFault.POSTINGS_MISFIT: lambda n: f"{n.file} and its offsets do not fit their segment's terms",
    IndexFault.DELETIONS_MISFIT: lambda n: f"{n.file}'s deletions do not fit their segment",
    IndexFault.PASSAGES_UNCOUNTED: lambda n: f"{n.file}'s passages do not agree on how many there are",
    IndexFault.STORIES_MISFIT: lambda n: f"{n.file}'s stories do not agree with its passages",
    IndexFault.TEXTS_UNCOUNTED: lambda n: f"{n.file}'s passages' texts do not agree on how many there are",
    IndexFault.OFFSETS_OUT_OF_ORDER: lambda n: f"{n.file} does not run from 0 to {n.number} in order",
    IndexFault.PEOPLE_MISFIT: lambda n: f"{n.file}'s people do not agree with its stories",
    IndexFault.SPELLER_MISFIT: lambda n: f"{n.file}'s speller words do not agree with its terms",
    IndexFault.NPY_VERSION: lambda n: f"{n.file} is in .npy format {n.detail}",
    IndexFault.NOT_NUMBERS: lambda n: f"{n.file} is not a one-dimensional array of numbers",
    IndexFault.SIZE_NOT_HEADER: lambda n: f"{n.file} is {n.number:,} bytes, not what its header says",
    IndexFault.NESTED_TOO_DEEP: lambda n: "a file of it is nested too deeply to be one storybot wrote",
    IndexFault.OTHER: lambda n: f"a file of it is not one storybot wrote: {n.detail}",
}


def index_fault_text(note: IndexNote) -> str:
    """What was wrong with the saved index, or with saving it (the note's IndexFault and its facts)."""
    return _INDEX_FAULTS[note.fault](note) if note.fault is not None else ""


class NotesWorded(logging.Filter):
    """Words the IndexNotes a log line of the core names (bot.core.saved_index: an index not used and why, one not
    saved) as index_fault_text does, for the handlers the front ends show: the core logs their codes and facts."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and any(isinstance(arg, IndexNote) for arg in record.args):
            record.args = tuple(index_fault_text(a) if isinstance(a, IndexNote) else a for a in record.args)
        return True


def read_again_text(files: Sequence[str], shown: Callable[[str], str] = code_span) -> str:
    """The files skipped before because their reading was cut short (bot.core.skipped.CUT_SHORT) that `python -m bot
    index` or /reload read again, each name as `shown` makes it (the command line's on one line, Discord's in a code
    span): as stories now, or skipped still, as the rest of the report says."""
    names = ", ".join(map(shown, files))
    return (
        f"Read again {counted(len(files), 'file', 'files')} skipped before because reading took too long or its "
        f"reader was stopped: {names}."
    )


INSTALLED_THEN = "and reload"
"""How a missing reader's problem ends: what the bot's owner does once the extra is installed (Discord's /reload). The
command line, which has no reload, says its own step in its place (command_line_problem)."""
RELOAD_READS_AGAIN = "/reload reads it again"
"""How the bot's owner has a file whose reading was cut short read again as it is (a busy machine may have made it
slow, or the system ended its reader): the command line says its own command in its place (command_line_problem)."""
INDEX_READS_AGAIN = "python -m bot index reads it again"
"""The command line's way to the same."""


def _megabytes(size: int) -> int:
    return size // 2**20


def _exported(refusal: Refusal) -> str:
    return f"holds {refusal.name}, which is not readable XML" if refusal.name else "is not readable XML"


def _in_parentheses(detail: str) -> str:
    return f" ({detail})" if detail else ""


def _how_it_ended(exit_code: int) -> str:
    """A process's exit code as multiprocessing gives it, minus the signal that ended it: "exit 1", "killed by
    SIGKILL" (the OOM killer's; "exit -9" named no exit a reader could look up)."""
    if exit_code >= 0:
        return f"exit {exit_code}"
    try:
        return f"killed by {signal.Signals(-exit_code).name}"
    except ValueError:  # a signal this system has no name for
        return f"killed by signal {-exit_code}"


def worker_ended_text(exit_code: int) -> str:
    """A worker process that ended without sending what it did (WorkerEnded), as a sentence."""
    return f"The worker process ended without a word ({_how_it_ended(exit_code)})."


_CALIBRE_CONVERTS = "Calibre (calibre-ebook.com) converts it to EPUB, which I can read"
_UNREAD_FORMATS = {
    UnreadFormat.KINDLE: f"is a Kindle book, which I cannot read; {_CALIBRE_CONVERTS}",
    UnreadFormat.KINDLE_KFX: (
        "is a Kindle book in KFX, which I cannot read; Calibre (calibre-ebook.com) with its KFX Input plugin "
        "converts it to EPUB, which I can read, unless the book is locked with DRM"
    ),
    UnreadFormat.EBOOK: f"is an e-book in a format I cannot read; {_CALIBRE_CONVERTS}",
    UnreadFormat.WORD_PROCESSOR: (
        "is an older word processor's document, which I cannot read; open it and save it as .docx, .odt or .rtf, "
        "which I can read"
    ),
    UnreadFormat.PAGES: (
        "is an Apple Pages document, which I cannot read; export it from Pages as Word (.docx), which I can read"
    ),
    UnreadFormat.ARCHIVE: "is an archive, which I do not unpack; unpack it, and I can read the story files in it",
    UnreadFormat.SCRIVENER: (
        "is a Scrivener project, whose scenes, notes and old versions I do not read as a book; compile it (File › "
        "Compile) to .docx or EPUB, which I can read"
    ),
    UnreadFormat.PAGE_IMAGES: (
        "holds pictures of pages, no text I can search; an edition with text (EPUB, a PDF with text, .txt) can be read"
    ),
}
"""What a book in a format no reader reads is, and the step that makes it readable, said after "it"."""

_REFUSALS: dict[Cause, Callable[[Refusal], str]] = {
    Cause.FOLDER_UNREADABLE: lambda r: f"cannot be read ({r.detail})",
    Cause.NAME_NOT_UTF8: lambda r: "name is not UTF-8; rename it (convmv does)",
    Cause.FOLDER_NAME_NOT_UTF8: lambda r: "name is not UTF-8; rename it (convmv does)",
    Cause.BROKEN_LINK: lambda r: "is a broken link",
    Cause.LINK_OUTSIDE: lambda r: "links outside the corpus folder; copy what it points at in",
    Cause.LINK_LOOP: lambda r: "leads back to the corpus folder, already read (a link loop)",
    Cause.SAME_FOLDER: lambda r: f"is the same folder as {r.name}, already read (a link leads from one to the other)",
    Cause.SAME_FILE: lambda r: f"is the same file as {r.name}, already read (a link leads from one to the other)",
    Cause.NOT_STORIES: lambda r: f"is not a story file ({suffix_list()})",
    Cause.NOT_A_STORY_FILE: lambda r: f"is not a story file ({suffix_list()})",
    Cause.UNREAD_FORMAT: lambda r: _UNREAD_FORMATS[UnreadFormat(r.format)],
    Cause.NOT_REGULAR: lambda r: "cannot be read (a broken link or not a regular file)",
    Cause.CANNOT_OPEN: lambda r: f"cannot be read ({r.detail}); check its permissions",
    Cause.TOO_LARGE: lambda r: (
        f"is {r.count / 2**20:,.0f} MB, over the {_megabytes(r.most)} MB a story may be; split it into several files"
    ),
    Cause.NO_TEXT: lambda r: "has no text",
    Cause.TITLE_ONLY: lambda r: "has a title but no paragraphs; add some text",
    Cause.EMPTY: lambda r: "is empty; add some paragraphs or remove it",
    Cause.IMAGES_ONLY: lambda r: (
        "has no text, only images (a scanned book?); run it through OCR first, or use its text"
    ),
    Cause.NEEDS_READER: lambda r: (
        f"needs the optional {r.format} reader; install it with pip install -e '.[{r.detail}]' {INSTALLED_THEN}"
    ),
    Cause.TOO_SLOW: lambda r: (
        f"took longer than {counted_seconds(r.seconds)} to read, the most STORYBOT_UPLOAD_SECONDS allows. If the "
        f"machine was busy, {RELOAD_READS_AGAIN} (or raise that limit); if not, split it, or export it again"
    ),
    Cause.READER_STOPPED: lambda r: (
        f"stopped its reader{_in_parentheses(_how_it_ended(r.count) if r.count else r.detail)}"
    ),
    Cause.OTHER: lambda r: r.detail or "cannot be read",  # a ValueError may have no words of its own
    Cause.NOT_ENCODED: lambda r: f"is not {r.format} text (byte {r.count}); save it as UTF-8",
    Cause.NUL_BYTES: lambda r: (
        "is not text: it holds NUL bytes (a binary file, or UTF-16 text?); save it as UTF-8 text"
    ),
    Cause.CONTROL_BYTES: lambda r: (
        "is not text: it is full of control bytes (a binary file?); save the story as UTF-8 text"
    ),
    Cause.NOT_AN_ARCHIVE: lambda r: f"is not a readable {r.format} file ({r.detail}); export it again",
    Cause.TOO_MANY_ENTRIES: lambda r: f"holds over {r.most:,} files; it is no {r.format} story",
    Cause.ENTRY_MISSING: lambda r: f"lacks {r.name}, which every {r.format} file has; export it again",
    Cause.ENTRY_DAMAGED: lambda r: f"is damaged or encrypted ({r.name}: {r.detail}); export it again",
    Cause.ENTRY_PACKING: lambda r: f"packs {r.name} in a way {r.format} files do not; export it again",
    Cause.UNPACKS_TOO_LARGE: lambda r: (
        f"unpacks to over {_megabytes(r.most)} MB (a zip bomb, or far more than a story); split it into several files"
    ),
    Cause.HTML_NUL_BYTES: lambda r: "is not text: it holds NUL bytes (a binary file?); save it as HTML",
    Cause.NOT_MARKUP: lambda r: f"is not readable {r.format} ({r.detail})",
    Cause.TOO_MANY_ATTRIBUTES: lambda r: f"has a tag of over {r.most:,} attributes, which no page has; save it again",
    Cause.NOT_XML: lambda r: f"{_exported(r)}{_in_parentheses(r.detail)}; export it again",
    Cause.NESTED_TOO_DEEP: lambda r: f"is nested too deeply to be read whole ({r.detail}); save it again",
    Cause.ENTITY_EXPANSION: lambda r: (
        'uses entities that expand to far more than the file (a "billion laughs"); save it again'
    ),
    Cause.PIECE_TOO_LARGE: lambda r: f"holds more in one piece than can be read whole ({r.detail}); save it again",
    Cause.NOT_WORD: lambda r: f"is not a readable Word document ({r.detail}); save it again as .docx",
    Cause.NO_PACKAGE: lambda r: f"names no package file in {r.name}; export it again",
    Cause.PACKAGE_MISSING: lambda r: (
        f"lacks {r.names[0]}, which its {r.names[1]} names as its package file; export it again"
    ),
    Cause.NO_PAGES: lambda r: "has no pages in its spine; export it again",
    Cause.PAGES_MISSING: lambda r: (
        f"lacks {r.name}{f' and {r.count:,} more' if r.count else ''}, which its spine lists as pages of the book; "
        "export it again"
    ),
    Cause.LOCKED: lambda r: "is locked with DRM (its pages are encrypted); only DRM-free books can be read",
    Cause.NOT_FB2: lambda r: f"is not a FictionBook book ({r.name or 'it'} holds <{r.detail}>); export it again as FB2",
    Cause.FB2_COUNT: lambda r: (
        f"holds {f'{r.count:,} .fb2 files' if r.count else 'no .fb2 file'}, where it should hold one book; unzip it "
        "and add the .fb2 files"
    ),
    Cause.ODT_PASSWORD: lambda r: "is protected with a password; save it again without one",
    Cause.NOT_TEXT_DOCUMENT: lambda r: (
        "holds no text document (a spreadsheet or a presentation?); save the story as .odt"
    ),
    Cause.PAGE_TOO_LARGE: lambda r: (
        f"has a page that unpacks to over {_megabytes(r.most)} MB (a page of a book takes some kilobytes); "
        "export it again"
    ),
    Cause.CONTENT_TOO_LARGE: lambda r: f"unpacks to over {_megabytes(r.most)} MB of page content; split it",
    Cause.TOO_MANY_OPERATIONS: lambda r: f"draws over {r.most:,} operations (a form drawn over and over); split it",
    Cause.TOO_MUCH_TEXT: lambda r: (
        f"shows over {r.most:,} characters on one page (a page of a book shows a few thousand); export it again"
    ),
    Cause.FORMS_TOO_OFTEN: lambda r: "draws its forms too many times on a page (a form drawn over and over); split it",
    Cause.NOT_PDF: lambda r: f"is not a readable PDF ({r.detail}); export it again",
    Cause.PDF_PASSWORD: lambda r: "is encrypted; save it again without a password",
    Cause.RTF_DATA_SHORT: lambda r: (
        "says more binary data follows than it holds (it is cut short?); save it again as RTF"
    ),
    Cause.RTF_UNCLOSED: lambda r: f"ends inside {r.count:,} unclosed group(s) (it is cut short?); save it again as RTF",
    Cause.RTF_TOO_DEEP: lambda r: f"nests groups over {r.most:,} deep, more than any document; save it again as RTF",
    Cause.NOT_RTF: lambda r: "is not Rich Text: it does not begin with {\\rtf; save it again as RTF",
}
"""Why a file was skipped, said after "it" ("it is empty; ..."; a name's, after "its"), with what to do about it."""


def counted_seconds(seconds: float) -> str:
    """ "1 second", "2.5 seconds"."""
    return f"{seconds:g} second" if seconds == 1 else f"{seconds:g} seconds"


def refusal_text(refusal: Refusal) -> str:
    """Why a file gives no story, said after "it" or "That file"."""
    return _REFUSALS[refusal.cause](refusal)


def problem_text(problem: Problem) -> str:
    """A file or folder skipped, and why, as every front end says it (a missing reader's step is Discord's reload:
    the command line says its own, command_line_problem)."""
    why, file = problem.why, one_line(str(problem.file))
    if why.cause is Cause.NOT_STORIES:
        more = why.count - len(why.names)
        shown = ", ".join(map(one_line, why.names)) + (f" and {more} more" if more > 0 else "")
        ignored = counted(why.count, "file that is not a story", "files that are not stories")
        return f"Ignored {ignored} ({suffix_list()}): {shown}."
    if why.cause is Cause.FOLDER_UNREADABLE:
        return f"Skipped the folder {file}/: it {refusal_text(why)}."
    if why.cause is Cause.FOLDER_NAME_NOT_UTF8:
        return f"Skipped the folder {file}: its {refusal_text(why)}."
    if why.cause is Cause.NAME_NOT_UTF8:
        return f"Skipped {file}: its {refusal_text(why)}."
    if why.cause is Cause.READER_STOPPED:  # a folder's file: the owner can have it read again
        ended = f"If the system ended it (short of memory), {RELOAD_READS_AGAIN}"
        return f"Skipped {file}: it {refusal_text(why)}. {ended}."
    return f"Skipped {file}: it {refusal_text(why)}."


def command_line_problem(problem: Problem) -> str:
    """A skipped file's problem as the command line says it: a missing reader is followed there by running the
    command again (installing one has every command read the stories again), not by Discord's reload, and a file too
    slow to read is read again by `python -m bot index` (a command that only asks keeps the skip)."""
    text = problem_text(problem)
    core_step = f" {INSTALLED_THEN}."
    if problem.why.cause is Cause.NEEDS_READER:
        return f"{text.removesuffix(core_step)}, then run the command again."
    if problem.why.cause in CUT_SHORT:
        return text.replace(RELOAD_READS_AGAIN, INDEX_READS_AGAIN)
    return text


def folder_fault_text(fault: FolderFault, folder: Path | str, detail: str = "") -> str:
    """Why the corpus folder itself cannot be read (FolderRefused), and what to do; `detail`, the system's reason. The
    folder's name shown with its controls as escapes: printable() takes a terminal's escape out whole, and
    "\x1b[31mred" was said to be "red", another folder."""
    folder = one_line(str(folder))
    if fault is FolderFault.IS_A_FILE:
        return f"{folder} is a file, not a folder. Point --corpus or STORYBOT_CORPUS at the folder that holds it."
    if fault is FolderFault.NOT_A_FOLDER:
        return (
            f"{folder} is no folder (a named pipe or a device). Point --corpus or STORYBOT_CORPUS at a folder of "
            f"stories ({suffix_list()})."
        )
    if fault is FolderFault.MISSING:
        return (
            f"The corpus folder {folder} does not exist. Point --corpus or STORYBOT_CORPUS at a folder of stories "
            f"({suffix_list()})."
        )
    return f"The corpus folder {folder} cannot be read{_in_parentheses(detail)}; check its permissions."


def corpus_error_text(error: CorpusError) -> str:
    """Why the corpus cannot be used, from what the core raised: its folder, no story in it, or its build's worker
    that ended. Anything else is said in its own words."""
    if isinstance(error, FolderRefused):
        return folder_fault_text(error.fault, error.root, error.detail)
    if isinstance(error, NoStories):
        return no_stories_text(error.root, error.problems)
    if isinstance(error, WorkerEnded):
        return worker_ended_text(error.exit_code)
    return str(error)


def no_stories_text(folder: Path | str, problems: Sequence[Problem]) -> str:
    """Why no story could be loaded from a folder (NoStories): each file skipped and why, or that it holds no story
    file."""
    detail = " ".join(map(problem_text, problems)) or f"It has no story files ({suffix_list()})."
    return f"No stories could be loaded from {one_line(str(folder))}. {detail}"


def index_not_saved_text(note: IndexNote) -> str:
    """Why `python -m bot index` saved no index, and what to do: making room helps a full disk only."""
    if note.error_number in (errno.ENOSPC, errno.EDQUOT):
        advice = "Make room there, or set STORYBOT_INDEX to a folder of your own."
    elif note.error_number == errno.EROFS:
        advice = "That folder is on a read-only file system; set STORYBOT_INDEX to a folder on a writable one."
    elif note.error_number in (errno.EACCES, errno.EPERM):
        advice = "That folder cannot be written by this user; set STORYBOT_INDEX to a folder of your own."
    elif note.error_number in (errno.ENOENT, errno.ENOTDIR, errno.EEXIST, errno.ELOOP):
        advice = (
            "Check STORYBOT_INDEX: each part of its path must be a folder or not exist yet (no file there, nor a "
            "link to nowhere); or set it to another folder."
        )
    else:
        advice = "Set STORYBOT_INDEX to a folder of your own."
    return f"could not save the index ({index_fault_text(note)}). {advice}"


def corrections_text(answer: Answer) -> str:
    """ "Showing results for frightened (you typed frigtened)." or nothing."""
    if not answer.corrections:
        return ""
    shown = ", ".join(c.replacement for c in answer.corrections)
    typed = ", ".join(c.word for c in answer.corrections)
    return f"Showing results for {shown} (you typed {typed})."


def pronoun_reading_text(pronouns: Sequence[str], person: str) -> str:
    """What a question asked of one story took its pronouns to mean (the story's lead: bot.core.pronoun_asked),
    said over the answer: "Taking "she" to mean Priya Nair." The words searched stay as typed, so it is no
    correction."""
    typed = _listed([f'"{pronoun}"' for pronoun in pronouns])
    return f"Taking {typed} to mean {person}."


def _listed(items: Sequence[str]) -> str:
    """Items as a sentence lists them: "a", "a and b", "a, b and c"."""
    return " and ".join(filter(None, (", ".join(items[:-1]), *items[-1:])))


def story_choice_text(resolution: StoryResolution, listing: str = "/stories lists them.") -> str:
    """Why a story name did not pick one story, with the stories it could be (or `listing`: how to list
    them; the command line has no /stories)."""
    if resolution.found is StoryFound.GONE:
        return "That story is no longer in the library (it was removed or renamed), or there is none by that name."
    if resolution.found is StoryFound.EMPTY:
        return f"The story name is empty: give its title or its file name. {listing}"
    if resolution.found is StoryFound.TOO_LONG:
        return (
            f"That story name is {len(resolution.query.strip()):,} characters long; give at most "
            f"{MAX_STORY_NAME_CHARS:,}: its title, or its file name."
        )
    if resolution.candidates:
        names = "; ".join(f'"{c.title}" ({c.file})' for c in resolution.candidates[:10])
        return (
            f"{typed_name(resolution.query)} could be more than one story: {names}. Give more of the title, or its "
            "file name."
        )
    close = "; ".join(story_name(s) for s in resolution.suggestions)
    return f"No story called {typed_name(resolution.query)}." + (f" Closest: {close}." if close else f" {listing}")


def story_name(story: StoryRef) -> str:
    """The story's title in quotes, with its file when another story has the same title."""
    return f'"{story.title}" ({story.file})' if story.title_shared else f'"{story.title}"'


def no_person_text(lookup: PersonLookup, hint: str = "") -> str:
    """No one has the name: the closest names, else `hint` (how to find one); or the name was too long to look for, or
    shows nothing."""
    if lookup.found is PersonFound.TOO_LONG:
        return (
            f"That name is {len(lookup.query.strip()):,} characters long; give at most {MAX_PERSON_NAME_CHARS:,}: a "
            "first name, a surname or a full name."
        )
    if lookup.found is PersonFound.EMPTY:
        return f"The name is empty: give a first name, a surname or a full name. {hint}".rstrip()
    text = f"No one called {typed_name(lookup.query)} in the stories."
    if lookup.suggestions:
        return f"{text} Did you mean {' or '.join(lookup.suggestions)}?"
    return f"{text} {hint}".rstrip()


def misspelt_person_text(lookup: PersonLookup) -> str:
    """Above the people shown for a name no one has as typed ("Elsa" finding Ella Wheeler Wilcox, "Kalmurzayeva" the
    two Kalmurzaevas): that they are the closest spellings, not the people asked for; or nothing."""
    if not lookup.misspelt or not lookup.people:
        return ""
    if len({p.name for p in lookup.people}) > 1:
        return f"No one called {typed_name(lookup.query)} in the stories; the closest names are these:"
    return f"No one called {typed_name(lookup.query)} in the stories; the closest name is {lookup.people[0].name}:"


def people_choice_text(lookup: PersonLookup) -> str:
    """A name more than one person has (or, misspelt, the names closest to it): who they are, and what to do."""
    names = "\n".join(f"  - {p.name} ({story_name(p.story)})" for p in lookup.people)
    if lookup.misspelt:
        heading = f"No one called {typed_name(lookup.query)} in the stories. The closest names are these"
    else:
        heading = f"{typed_name(lookup.query)} could be any of these"
    return f"{heading}; ask again with the full name:\n{names}"


def more_people_text(more: int, name: str) -> str:
    """Under a pick list of the people a name could be, full: how to find the others."""
    return (
        f"…and {counted(more, 'other', 'others')}, not in the list below: ask /ask "
        f'"Who is {name}?" with its story option set to theirs.'
    )


def namesakes_text(lookup: PersonLookup) -> str:
    """People who all have the one name asked for (in several stories), shown each whole under this: asking again
    "with the full name" could never tell them apart on the command line."""
    people = counted(len(lookup.people), "person", "people")
    return f"{people} in the stories are called {typed_name(lookup.people[0].name)}:"


def reload_text(reload: Reload, done: str = "") -> str:
    """What a reload did, after `done` (what was changed before it, if anything); or why it failed, and
    that the stories from before still answer."""
    if reload.outcome is Reloaded.TOO_LONG:
        why = (
            f"Building the new library took over {reload.limit / 60:.3g} minutes, so it was stopped. A story that "
            "is very large or oddly written may be the cause: check the files added or changed since the last reload."
        )
    elif reload.outcome is Reloaded.NO_STORIES and reload.fault is not None:
        why = one_line(folder_fault_text(reload.fault, reload.folder, reload.detail))
    elif reload.outcome is Reloaded.NO_STORIES and reload.worker_exit is not None:
        why = worker_ended_text(reload.worker_exit)
    elif reload.outcome is Reloaded.NO_STORIES:
        why = one_line(no_stories_text(reload.folder, reload.skipped))
    else:
        return "\n".join(filter(None, [done, *_reload_lines(reload)]))
    failed = "But the reload failed" if done else "The reload failed"
    return f"{done} {failed}; still using the stories I had. {why}".lstrip()


def reload_stopped_text(done: str = "") -> str:
    """A reload cut short as the bot stopped (a restart), after `done` (what was changed in the folder first, which
    stays): the folder is read again as the bot starts, so what was changed is searched then."""
    if done:
        return (
            f"{done} But I was stopped (restarted) before I read the stories folder again; it is searched once I'm "
            "back."
        )
    return (
        "I was stopped (restarted) before the reload finished; I read the stories folder again as I start, "
        "so nothing is lost."
    )


def _reload_lines(reload: Reload) -> list[str]:
    lines = [f"Reloaded: {library_size(reload.stories, reload.passages)}."]
    changes = reload.changes
    for label, paths in (("Added", changes.added), ("Changed", changes.changed), ("Removed", changes.removed)):
        if paths:
            lines.append(f"{label} ({len(paths)}): " + ", ".join(code_span(p) for p in paths))
    if reload.read_again:
        lines.append(read_again_text(reload.read_again))
    found = next((index_fault_text(note) for note in reload.notes if note.event is IndexEvent.DAMAGED), None)
    repaired = damage_text(reload.repaired) if reload.repaired is not None else found
    if repaired:
        lines.append(f"Repaired the damaged saved index ({repaired}).")
    others = [note for note in reload.notes if note.event is not IndexEvent.DAMAGED]
    lines += [f"Index: {index_note_text(note)}." for note in others]
    if changes.empty:
        lines.append("No story changed." if repaired or reload.notes or reload.read_again else "Nothing changed.")
    lines += [
        f"Warning: {one_line(problem_text(problem))}" for problem in reload.skipped
    ]  # names files, quotes their readers
    return lines


NO_STORIES_HERE = (
    "This server searches only its own stories (the bot owner's library is hidden here), and it has none yet. "
    "A server manager can add some with /story add, or show the library again with /settings library."
)
RELOAD_OWNER_ONLY = (
    "/reload rereads the bot owner's stories folder, which every server searches, so only the bot's owner can "
    "run it. This server's own stories are searched as soon as they are added with /story add."
)
OWNER_ONLY = (
    "That is the bot owner's library, which only the bot's owner can change from Discord. This server's own "
    "stories are changed with /story add, /story replace and /story remove; /settings library hides the "
    "owner's library here."
)
UPLOAD_STOPPED = (
    "I was stopped (restarted) before that file was added, so nothing changed; please upload it again in a minute."
)
"""What an upload is told when the bot stops while reading it."""
RESTARTED_MID_ANSWER = (
    "I was restarted before I could answer this; please ask again (an upload may or may not have been added: "
    "/story history shows)."
)
"""What a "thinking…" left by a bot that ended before answering becomes, once a bot starts again
(bot.discord_app.left_waiting)."""
SHELF_ACTIONS = {
    ShelfAction.ADDED: "added",
    ShelfAction.REPLACED: "replaced",
    ShelfAction.REMOVED: "removed",
    ShelfAction.RESTORED: "restored",
}


def library_setting_text(hidden: bool) -> str:
    if hidden:
        return "hidden here: questions search only this server's own stories."
    return "searched here, with this server's own stories."


def size_text(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{max(size / 1024, 0.1):.1f} KB"


def late_shelf_report_text(server: str, report: str) -> str:
    """A change to a server's own stories told by DM, where Discord no longer took the command's reply (its 15 minutes
    past, behind other uploads): which server it was made in, then what it did. `server`: its name as shown."""
    return f"About your change to the stories of **{server}** (Discord no longer let me answer there):\n{report}"


def shelf_change_text(changed: ShelfChanged, title: str | None = None, renamed: str | None = None) -> str:
    """What a change to a server's own stories did; `title`, the story's as it is to be shown (escaped for
    Discord, say), else ShelfChanged.story's; `renamed`, ShelfChanged.renamed as it is to be shown."""
    change = changed.change
    if change.refusal is not None:
        return shelf_refusal_text(change.refusal, change.room)
    title = title or (changed.story.title if changed.story is not None else None)
    story = f'"{title}" (`{change.name}`)' if title else f"`{change.name}`"  # an upload's safe name: no backtick
    if change.action is ShelfAction.ADDED:
        return f"Added {story} to this server's stories."
    renamed = renamed or changed.renamed
    if change.action is ShelfAction.REPLACED and renamed:
        return (
            f"Your file {renamed} is stored as `{change.name}` ({STORED_NAMES}), the name of a story already here: "
            f"it replaced that story, now {story}. The version before is kept (Undo, or /story restore); if yours is "
            "another story, Undo, rename your file and add it again."
        )
    if change.action is ShelfAction.REPLACED:
        return f"Replaced {story}; the version before is kept (Undo, or /story restore)."
    if change.action is ShelfAction.REMOVED:
        return f"Removed {story} from this server's stories; it is kept, and /story restore brings it back."
    return f"Restored {story}; the version it replaced is kept (/story history lists them)."


STORED_NAMES = "signs a file name cannot hold become dashes, and names in other capitals are one"
"""Why an upload's name and the one it is stored under differ (bot.core.shelf.safe_file_name, and
bot.state.shelf_rules.named_in_another_form)."""


def shelf_refusal_text(refusal: ShelfRefusal, room: StoreRoom | None = None) -> str:
    if refusal is ShelfRefusal.EXISTS:
        return "A story of that name is already here."
    if refusal is ShelfRefusal.NO_STORY:
        return "That story is no longer among this server's stories (it was removed meanwhile); nothing changed."
    if refusal is ShelfRefusal.NO_VERSION:
        return "That version is not in this server's history (/story history lists them); nothing changed."
    if refusal is ShelfRefusal.FULL:
        return (
            f"This server has as many stories as it may have searched at once ({SHELF_STORIES} stories, "
            f"{SHELF_BYTES // 2**20} MB of files, a packed file (EPUB, Word, ODT, zipped FB2, PDF) counting as its "
            "text when that is longer); remove one first (it stays kept, to restore). Nothing changed."
        )
    if refusal is ShelfRefusal.STORE_FULL:
        return store_full_text(room)
    if refusal is ShelfRefusal.RESTORES_FULL:
        return restores_full_text(room)
    if refusal is ShelfRefusal.UNCHANGED:
        return (
            "That file is byte for byte the one this story shows now, so it was not stored again (a copy would use "
            "up this server's room in the bot's database). Nothing changed."
        )
    if refusal is ShelfRefusal.MOVED_OUT:
        return (
            "That version was moved out of the bot's database by the bot's owner, to make room; they have it in "
            "a file. Ask them for it, then add it again with /story add. Nothing changed."
        )
    if refusal is ShelfRefusal.SERVER_LEFT:
        return SHELF_OF_A_SERVER_LEFT
    if refusal is ShelfRefusal.NAME_TAKEN:
        return (
            "Another of this server's stories now has that story's file name in other capitals (Windows and macOS "
            "take them for one file); remove it first (it is kept), then restore this version. Nothing changed."
        )
    return "That version is the one searched already; nothing changed."


def store_full_text(room: StoreRoom | None) -> str:
    """Why an add or replace was refused for the room a server has in the database, and what its managers can do:
    removing frees nothing (every version is kept), restoring still works while restores have room of their own
    past it (else they are refused too), the bot's owner can make room."""
    restoring = f"restores may store {RESTORE_ROOM // 1024} KB past this room"
    if room is None:
        undo = f"/story restore (or Undo) brings back a kept version while {restoring}"
    elif room.restores_refused:
        undo = f"/story restore (or Undo) is refused too: {restoring}, and this server has used them"
    elif room.restore_room_used:
        left = size_text(RESTORE_ROOM - room.restore_room_used)
        undo = f"/story restore (or Undo) still brings back a kept version: {restoring}, and {left} of it is left"
    else:
        undo = f"/story restore (or Undo) still brings back a kept version: {restoring}"
    return (
        f"This server's stories and their kept versions fill the room it has in the bot's database{_used(room)}, "
        "so that was not done. Nothing changed. Every replaced or removed version is kept, and each change in "
        f"/story history counts {VERSION_BYTES // 1024} KB besides its file, so removing a story frees no room; "
        f"{undo}. To make room, ask the bot's owner to move this server's kept versions out of the database "
        "(they keep them in a file)."
    )


def restores_full_text(room: StoreRoom | None) -> str:
    """Why a restore was refused: the room a server has in the database is full, and so is what restores may
    store past it; only the bot's owner can make room."""
    return (
        f"This server's stories and their kept versions fill the room it has in the bot's database, and its "
        f"restores the {RESTORE_ROOM // 1024} KB they may store past it{_used(room)}, so that was not done. Nothing "
        f"changed. Each change in /story history counts {VERSION_BYTES // 1024} KB, so removing a story frees no "
        "room. To make room, ask the bot's owner to move this server's kept versions out of the database (they "
        "keep them in a file)."
    )


def _used(room: StoreRoom | None) -> str:
    """How much the server stores of how much, and what the change needs (nothing when unknown)."""
    if room is None:
        return ""
    return f" ({size_text(room.stored)} of {size_text(room.most)}; this change needs {size_text(room.needed)})"


def scripts_text(scripts: Iterable[str]) -> str:
    """The scripts bot.core.shelf.mixed_scripts names by id, in words and in order: "Cyrillic and Latin"."""
    names = ("Chinese, Japanese or Korean" if script == EAST_ASIAN else script.title() for script in scripts)
    return _listed(sorted(names))


def upload_refusal_text(error: ShelfError, shown: Callable[[str], str] = str) -> str:
    """Why an upload, a name or a change of the stories folder was refused, and what to do. A refused upload's
    name, as its uploader wrote it, is given in quotes as `shown` makes it (Discord's markdown escaped); a story
    file's, in a code span, as it is."""
    name, refusal = error.name, error.refusal
    if refusal is UploadRefusal.NOT_A_STORY_FILE and (kind := unread_format(name)) is not None:
        return f'"{shown(name)}" {_UNREAD_FORMATS[kind]}.'
    if refusal is UploadRefusal.NOT_A_STORY_FILE:
        return f'"{shown(name)}" is not a story file; upload one of {suffix_list()}.'
    if refusal is UploadRefusal.NO_USABLE_NAME:
        return f'"{shown(name)}" has no usable name; rename it, e.g. the-old-mill.md.'
    if refusal is UploadRefusal.NAME_TOO_LONG:
        return (
            f'The file name "{shown(name[:40])}…" is {error.size} bytes long; file names may be at most '
            f"{MAX_NAME_BYTES} bytes (fewer letters when they have accents). Rename it, e.g. the-old-mill.md, and "
            "upload again."
        )
    if refusal is UploadRefusal.MIXED_SCRIPTS:
        return (
            f'The file name "{shown(name[:60])}" mixes {scripts_text(error.scripts)} letters, which can look alike; '
            "rename it in one alphabet and upload again."
        )
    if refusal is UploadRefusal.WINDOWS_DEVICE:
        return (
            f'"{shown(name[:60])}" is a name Windows keeps for a device (CON, PRN, AUX, NUL, COM1 to COM9, LPT1 to '
            "LPT9, whatever follows the dot): no file of that name can be saved or unpacked there. Rename it, e.g. "
            "the-con-story.md."
        )
    if refusal is UploadRefusal.TOO_LARGE:
        return (
            f"That file is {error.size / 2**20:.1f} MB; stories uploaded here may be at most "
            f"{MAX_UPLOAD_BYTES // 2**20} MB. Split it, or put it in the stories folder directly."
        )
    if refusal is UploadRefusal.LARGER_THAN_DECLARED:
        declared = size_text(error.size) if error.size >= 1024 else counted(error.size, "byte", "bytes")
        return (
            f"That file turned out larger than Discord said it was ({declared}), so I stopped downloading "
            "it and nothing was added; please upload it again."
        )
    if refusal is UploadRefusal.UNREADABLE:
        return f"That file {refusal_text(error.why)}, so it was not added."
    if refusal is UploadRefusal.TOO_SLOW:
        return (
            f"That file took longer than {counted_seconds(error.size)} to read, so it was not added. Save it as a "
            "smaller or simpler file (plain text or Markdown reads fastest; a PDF of scanned pages has no text to "
            "read) and upload it again."
        )
    if refusal is UploadRefusal.TOO_MUCH_MEMORY:
        return (
            f"That file needs more than {error.size} MB of memory to read, so it was not added. A packed file (Word, "
            "EPUB) can hold far more text than its size shows: split the story into several files, or save it as "
            "plain text or Markdown, and upload it again."
        )
    if refusal is UploadRefusal.OWN_TITLE:
        return f"{error.detail} files carry their own title; upload it without title."
    if refusal is UploadRefusal.OWN_FRONT_MATTER:
        return "That file has its own front matter; put the title there, or upload without title."
    if refusal is UploadRefusal.OTHER_FORMAT:
        return (
            f"{code_span(name)} is a {error.detail} file: replace it with one of the same kind, or "
            "add the new file under its own name with /story add."
        )
    if refusal is UploadRefusal.EXISTS:
        return f"{code_span(name)} is already a story."
    if refusal is UploadRefusal.NO_SUCH_FILE:
        return f"There is no story file {code_span(name)} to remove."
    if refusal is UploadRefusal.OUTSIDE_FOLDER:
        return f"{code_span(name)} is not a file in the stories folder."
    if refusal is UploadRefusal.THROUGH_LINK:
        return (
            f"{code_span(name)} is a link in the stories folder, and I never change anything through a link. "
            "Ask the bot's owner to change it on the server, or upload the story under another name."
        )
    if refusal is UploadRefusal.FOLDER_UNWRITABLE:
        return (
            f"I can't change the stories folder ({error.detail}); ask the bot's owner to check "
            "that it exists and that I may write there."
        )
    return "Another change to the stories is still under way; please try again in a minute."


def library_name_text(file: str) -> str:
    """A server's upload named as a story file of the owner's library (`file`), which it would pass for."""
    return (
        f"The bot owner's library has a story file {code_span(file)}, and this server searches it: a story of yours "
        "of that name could not be told apart from it. Rename your file (e.g. add your server's name to it) and "
        "upload it again."
    )


# The words of Discord's answers, cards, buttons and errors (bot.discord_app renders them: markup and limits).
SCOPE_FIELD = "Searched only this story"
SCOPE_HINT = "Ask without replying (or /ask without story) to search every story."
CHANNEL_SCOPE_HINT = "This channel searches this story first (a server manager sets it with /settings story)."
PICK_HINT = "\n\nPick one below."
PERSON_HINT = "Try a first name or a surname; /performer suggests names as you type."
REBUILDING = "I'm rebuilding it from the stories now: please ask again in a minute."
PASSAGE_FIELD = "Passage"
ALSO_FIELD = "Also"
STORY_FIELD = "Story"
MENTIONS_FIELD = "Mentions"
SERVER_ONLY_COMMAND = "That command works in a server, not in DMs."
RATE_LIMITED = "Discord is asking me to slow down here for a while. Please try again in a few minutes."
CHANNEL_UNSEEN = "I can't see that channel. Give me View Channel there (or pick another one), then try again."
CHANNEL_KIND_REFUSED = (
    "I don't answer in that kind of channel. Pick a text, announcement, forum, media, voice or stage channel."
)
CHANNELS_NOT_SENT = "Discord hasn't sent me this server's channels yet; please try again in a minute."
NOT_IN_SERVER = (
    "I'm no longer in this server, so I keep no settings for it. Add me again (the bot's owner has the invite link) "
    "to set them."
)
SHELF_OF_A_SERVER_LEFT = (
    "I'm no longer in this server, so its stories can't be changed (they are kept as they were); nothing changed. "
    "Add me again (the bot's owner has the invite link) to change them."
)
"""A change to a server's own stories after the bot was removed from it (or an upload read while it was)."""
COMMAND_CHANGED = "That command changed with my last update; please try it again in a minute."
WENT_WRONG = "Something went wrong on my side; please try again in a moment."
READ_WAYS = {"prev": "◀ Previous", "next": "Next ▶"}
"""The labels of the buttons that read on from a passage, by their custom ids' way."""
MORE_RESULTS = "More results"
LAST_RESULT = "That was the last result for this question."
BACK_TO_ANSWER = "Back to the answer"
STORIES_CHANGED = "The stories have changed and no longer answer this; please ask again."
OLDER_ANSWER = "This answer is from an older version of me; please ask again."
ANSWER_NOT_FOUND = "I can't find that answer any more; please ask again."
ANSWERED_ELSEWHERE = "That answer was given in another server; please ask your question here."
ANSWERED_TO_SOMEONE_ELSE = "That answer was given to someone else, in their messages with me; please ask yours here."


def searched_instead_text(words: Sequence[str]) -> str:
    """Discord's note over an answer of the words searched for misspelt ones (each shown as Discord shows it)."""
    return f"Showing results for {', '.join(words)}"


def passage_of_text(number: int, count: int) -> str:
    return f"{number} of {count}"


def chapter_passage_text(chapter: str, number: int, position: str) -> str:
    """A passage of a chapter, and where it stands in the story (`position`)."""
    return f"{chapter}, passage {number} ({position})"


def result_number_text(number: int) -> str:
    """Which result a page of an answer shows, after where its passage stands."""
    return f" · result {number}"


def person_in_story_text(name: str, story: str) -> str:
    return f"{name}, in {story}"


def more_than_one_person_text(name: str) -> str:
    return f'"{name}" could be more than one person'


def closest_people_text(name: str) -> str:
    """Over the pick list of the names closest to one no one has as typed (misspelt_person_text over it)."""
    return f'Closest to "{name}"'


def stories_title(total: int) -> str:
    return counted(total, "story", "stories")


def story_passages_text(passages: int) -> str:
    return f"({counted(passages, 'passage', 'passages')})"


def page_text(page: int, pages: int) -> str:
    return f"Page {page} of {pages}"


UP_VOTE = "👍"
DOWN_VOTE = "👎"
"""The votes' buttons, and their names in what the bot says."""


def vote_thanks_text(vote: str, earlier: str | None, in_server: bool) -> str:
    """What a vote's button says back: `vote` and `earlier` are the votes' emoji (None for none before)."""
    if earlier == vote:
        return f"You already gave this answer a {vote}."
    if earlier is not None:
        return f"Changed your vote to {vote}."
    if vote == UP_VOTE:
        return "Thanks for the 👍!"
    who = "the server's managers see 👎 answers with /feedback" if in_server else "the bot's owner sees 👎 answers"
    return f"Thanks, noted: {who}, so the answer can be put right."


def answer_not_kept_text(days: int) -> str:
    return (
        f"I can't reopen this answer: I keep answers for {days} days, and this one is older, or could not be "
        "saved when it was given. Please ask again."
    )


# The words of the command line's and the console's own screens (bot.cli).
ASKING_ABOUT_ALL = "Asking about all the stories again."


def console_opening_text(size: str, root: str, token_set: bool = False) -> str:
    """What the console says as it opens: the library (`size`, from library_size, and its folder) and how to start
    the bot on Discord: with a token set (`python -m bot console` asked for), not to set one."""
    discord = (
        "DISCORD_TOKEN is set; this is the local console all the same. `python -m bot run` (or `python -m bot`\n"
        "alone) puts the bot on Discord.\n"
        if token_set
        else "No DISCORD_TOKEN is set, so this is the local console. To put the bot on Discord, copy\n"
        ".env.example to .env, set DISCORD_TOKEN, and run `python -m bot run` (README: 'Running it on Discord').\n"
    )
    return f"storybot: {size} from {root}.\n{discord}Type /help for commands."


def asking_only_text(title: str) -> str:
    return f'Asking only about "{title}" now; /story alone asks about all.'


def performer_usage_text(example: str) -> str:
    """`/performer` with no name, with a person of the stories (`example`) if there is one."""
    return f"Usage: /performer NAME, e.g. /performer {example}" if example else "Usage: /performer NAME"


def unknown_command_text(typed: str) -> str:
    return f"Unknown command {typed_name(typed)}. {CONSOLE_HELP}"


def stories_heading_text(size: str, root: str) -> str:
    """Over the command line's list of stories: how many (`size`, from library_size), and from which folder."""
    return f"{size} in {root}:"


def searched_only_text(story: StoryRef) -> str:
    return f"Searched only {story_name(story)}. "


def answer_from_text(story: StoryRef, position: str) -> str:
    """The line over an answer's excerpt on the command line: where it is from."""
    return f"From {story_name(story)}, {position}:"


def passage_place_text(number: int, count: int) -> str:
    return f"passage {number} of {count}"


def also_text(places: Sequence[str]) -> str:
    """The command line's line of the other passages found."""
    return "Also: " + "; ".join(places)


def person_card_text(name: str, story: StoryRef, mentions: int, intro: str) -> str:
    """A person on the command line: who, in which story, how often, and the sentence that introduces them."""
    return (
        f"{person_in_story_text(name, story_name(story))} (mentioned {counted(mentions, 'time', 'times')})\n  {intro}"
    )


# The words of the owner's commands (bot.cli: feedback export, shelf import and export-kept; invite).
WARNING_PREFIX = "storybot: warning: "
"""Before each skipped file the command line warns of, on standard error."""
PERMISSION_NAMES = {
    "view_channel": "View Channels",
    "send_messages": "Send Messages",
    "send_messages_in_threads": "Send Messages in Threads",
    "embed_links": "Embed Links",
    "read_message_history": "Read Message History",
}
"""discord.Permissions' flag -> the name the Developer Portal and Discord's invite page show."""


def shown_passage_text(title: str, passage: int, excerpt: str) -> str:
    """What a voted answer showed, in an exported question: its story, passage and excerpt."""
    return f"{title}, passage {passage}: {excerpt}"


def feedback_exported_text(answers: int, to_stdout: bool, target: str) -> str:
    """After `feedback export`: how many answers, where, and how to replay them once completed."""
    where, replay = ("standard output", "FILE") if to_stdout else (target, target)
    if not answers:  # eval would refuse the empty file: nothing to fill in or replay yet
        return f"storybot: no answer has been voted 👎 yet, so {where} holds none; nothing to replay with eval."
    return (
        f"storybot: {counted(answers, 'answer', 'answers')} voted 👎 written to {where}. Fill in each "
        f'"expect" with words the right passage contains, then: python -m bot eval --questions {replay}'
    )


def file_exists_text(path: str) -> str:
    return f"{one_line(path)} already exists; give a new file name (nothing was written)."


def cannot_write_text(path: str, reason: str) -> str:
    return f"Could not write {one_line(path)} ({reason}); check the folder exists and can be written."


def export_exists_text(path: str) -> str:
    return f"{one_line(path)} exists; name a new file (nothing was exported or moved)."


def export_folder_missing_text(folder: str) -> str:
    return f"{one_line(folder)} is not a folder; nothing was exported or moved."


def export_not_written_text(path: str, reason: str) -> str:
    return f"Could not write {one_line(path)} ({reason}); nothing was moved out of the database."


def nothing_kept_text(server: int) -> str:
    return f"storybot: server {server} keeps no versions; no file was written."


def kept_exported_text(exported: int, moved: int, server: int, target: str) -> str:
    """After `shelf export-kept`: the versions written, and those moved out (fewer when some were restored)."""
    stayed = " (the others were restored meanwhile, and stay)" if moved < exported else ""
    return (
        f"storybot: {counted(exported, 'kept version', 'kept versions')} of server {server} written to {target}; "
        f"{moved} moved out of the database{stayed}."
    )


def import_name_twice_text(first: str, second: str, name: str) -> str:
    return (
        f"{first} and {second} would both be {name} on the server's shelf, the second replacing "
        "the first; rename one. Nothing was imported."
    )


def import_missing_text(shown: str) -> str:
    return f"{shown} does not exist; check its name. Nothing was imported."


def import_folder_text(shown: str) -> str:
    """`shelf import` takes files: a folder given was "not a story file; upload one of …"."""
    return f"{shown} is a folder; name the story files in it ({shown}/*) to import them. Nothing was imported."


def import_not_a_file_text(shown: str) -> str:
    return f"{shown} is not a regular file (a folder, a pipe or a device); nothing was imported."


IMPORT_LIMITS = {
    UploadRefusal.TOO_SLOW: " (STORYBOT_UPLOAD_SECONDS: the time the bot gives an upload's reading)",
    UploadRefusal.TOO_MUCH_MEMORY: " (STORYBOT_UPLOAD_MB: the memory the bot gives an upload's reading)",
}
"""For the bot's owner: the setting whose limit a file passed, which they may raise (an import was read without
them, and the views skipped such a file, reading it again at every start)."""


def import_refused_text(shown: str, error: ShelfError) -> str:
    """A file `shelf import` refuses as an upload would be refused, with the setting to raise if it is a limit."""
    said = one_line(upload_refusal_text(error))
    if error.refusal is UploadRefusal.NOT_A_STORY_FILE and unread_format(error.name) is None:
        # "upload one of" is Discord's word
        said = f'"{one_line(error.name)}" is not a story file; import one of {suffix_list()}.'
    if error.refusal is UploadRefusal.UNREADABLE and error.why.cause is Cause.NEEDS_READER:
        # Discord's step, reload, is no step here: once the reader is installed, the import is run again.
        said = f"That file {refusal_text(error.why).removesuffix(f' {INSTALLED_THEN}')}, then run the import again."
    return f"{shown}: {said}{IMPORT_LIMITS.get(error.refusal, '')} Nothing was imported."


def import_unreadable_text(shown: str, reason: str) -> str:
    return f"{shown} cannot be read ({reason}); nothing was imported."


def import_stopped_text(name: str, refusal: ShelfRefusal, room: StoreRoom | None) -> str:
    return f"storybot: {name}: {shelf_refusal_text(refusal, room)}"


def imported_text(name: str | None, action: str, server: int) -> str:
    """One story `shelf import` added or replaced (standard output: one a line, what happened first)."""
    return f"{action}: {name} (server {server})"


def import_renamed_text(shown: str, name: str) -> str:
    """A file `shelf import` stored under the name of a story the shelf had, which it replaced (ShelfChanged.renamed):
    two files of different names were one story without a word."""
    return (
        f"storybot: {shown} is stored as {name} ({STORED_NAMES}), the name of a story already on the server's shelf: "
        "it replaced that story, whose version before is kept (/story restore on Discord brings it back). If they "
        "are different stories, rename the file and import it again."
    )


def imported_count_text(imported: int) -> str:
    return f"storybot: {counted(imported, 'story', 'stories')} imported."


def not_read_back_text(name: str) -> str:
    """Why a zip just written is not trusted: a file of it read back otherwise."""
    return f"{name} did not read back as written"


# The words of the command line's own refusals and reports (bot.cli.main); its --help is its parser's.
EMPTY_PATH = "an empty path names no file or folder"
NOT_INSTALLED = "(not installed: pip install -e .)"
"""In place of the version, when storybot runs from a checkout not installed."""
EMPTY_PERSON_NAME = "the name is empty; try: python -m bot performer sofia"
ABLATION_USAGE = "--ablation measures --sections and --beir; with --questions, give --without SIGNAL."
INVITE_NEEDS_TOKEN = "the invite link needs the bot's id: set DISCORD_TOKEN (README, 'Running it on Discord')."
INDEX_OFF = "STORYBOT_INDEX is off, so there is nowhere to save an index; set it to a folder."
QUESTIONS_PROMPT = "Type a question and press Enter; Ctrl-D ends."


def not_a_server_id_text(typed: str, most: int) -> str:
    return f"{typed!r} is not a Discord server id (a number from 1 to {most})"


def not_a_number_text(typed: str, low: float, high: float) -> str:
    bound = f"from {low:g} to {high:g}" if math.isfinite(high) else f"of at least {low:g}"
    return f"{typed!r} is not a number {bound}"


def no_home_path_text(typed: str) -> str:
    """A path given on the command line that starts with the home of no user ("~nobody/stories", "~stories" for
    "~/stories"), as the settings say it of a setting."""
    home = typed.split("/", 1)[0]
    return f"no home folder is known for {home} in {typed!r}; write the path out in full"


def not_a_count_text(typed: str) -> str:
    return f"{typed!r} is not a whole number, 0 or more"


def output_failed_text(reason: str | None) -> str:
    return f"could not write the output ({reason})."


def eval_sources_text(sources: Sequence[str]) -> str:
    return f"eval measures one of {', '.join('--' + s for s in sources)}; give one."


def excerpt_chars_text(example: int) -> str:
    return f"--excerpt-chars must be a number of characters, such as {example}."


def invite_permissions_text(permissions: Sequence[str]) -> str:
    return f"It asks for: {', '.join(permissions)}."


def indexed_text(size: str, seconds: float, folder: str, size_bytes: int) -> str:
    """After `index`: what was indexed (`size`, from library_size), how fast, where, and how big."""
    return f"Indexed {size} in {seconds:.1f} s; saved in {one_line(folder)} ({size_bytes / 1e6:,.1f} MB)."


def empty_question_text(example: str) -> str:
    """`ask ""`, with a person of the stories (`example`) to ask about if there is one."""
    if not example:
        return 'the question is empty; ask something about the stories: python -m bot ask "QUESTION"'
    return f'the question is empty; try: python -m bot ask "Who is {example}?"'


# The words of the settings' refusals (bot.settings raises a SettingsFault and the facts), to the bot's owner.
UNITS = {
    Unit.SHARDS: "shards",
    Unit.DAYS: "days",
    Unit.MINUTES: "minutes",
    Unit.SECONDS: "seconds",
    Unit.MEGABYTES: "megabytes",
}
SHARD_NUMBERS = "shard numbers, as 0,1 (comma-separated, each below STORYBOT_SHARD_COUNT)"
DISCORD_ID = "a number (a Discord id is all digits)"


def takes_text(takes: Takes) -> str:
    """What a number setting takes, after "it takes"."""
    if takes.unit is Unit.SHARD_NUMBERS:
        return SHARD_NUMBERS
    if takes.unit is Unit.DISCORD_ID:
        return DISCORD_ID
    unit = UNITS[takes.unit]
    if takes.high is None:
        return f"a whole number of {unit}, at least {takes.low}"
    return f"a whole number of {unit}, {takes.low} to {takes.high}"


def _out_of_range_text(name: str, number: int | None, takes: Takes) -> str:
    if takes.high is None:
        return f"{name} is {number}; it takes {takes_text(takes)}."
    return f"{name} is {number}; it takes {takes.low} to {takes.high} {UNITS[takes.unit]}."


def settings_error_text(error: SettingsError) -> str:
    """What is wrong with a setting, from the code and facts bot.settings raised: the setting (or the .env file and
    its line), the value as written (never a secret's), and what it takes or what to do."""
    fault, name, shown = error.fault, error.name, repr(error.value)
    if fault is SettingsFault.NOT_UTF8:
        return (
            f"{error.file} is not UTF-8 text (byte {error.number:#04x} at {error.position}); save it as UTF-8 "
            "(Windows PowerShell's > and Out-File write UTF-16, Notepad may write ANSI)."
        )
    if fault is SettingsFault.UNREADABLE_FILE:
        return (
            f"{error.file} cannot be read ({error.detail}); give this user leave to read it (its owner and mode), or "
            "remove it."
        )
    if fault is SettingsFault.CURRENT_FOLDER_CLOSED:
        return (
            f"{error.file} cannot be looked for ({error.detail}: this user may not enter the current folder); run "
            "storybot from a folder it may enter (cd / first)."
        )
    if fault is SettingsFault.CURRENT_FOLDER_GONE:
        return (
            f"{error.file} cannot be looked for ({error.detail}: the current folder was removed); run storybot from a "
            "folder that exists (cd / first)."
        )
    if fault is SettingsFault.HOME_UNKNOWN:
        return (
            f"No home folder is known for this user (uid {error.number}: {name} is not set, and the system lists no "
            f"such user); set {name} to a folder this user may write ({name}=/srv/storybot), or run storybot as a user "
            "the system lists."
        )
    if fault is SettingsFault.CONFIG_FOLDER_CLOSED:
        return (
            f"{error.file} cannot be looked for ({error.detail}: a folder on its way is closed to this user); run "
            "storybot with this user's own home folder (sudo -H, or HOME=...), or set XDG_CONFIG_HOME."
        )
    if fault is SettingsFault.NUL_CHARACTER:
        return f"{error.file} holds a NUL character, which no setting takes; save it as UTF-8 text."
    if fault is SettingsFault.UNREADABLE_LINE:
        named = f" ({name}=...)" if name else ""
        return (
            f"{error.file}, line {error.position}{named}, cannot be read as NAME=value (a quote left open, or text "
            "after the closing quote?); fix it, or the setting on it would be skipped."
        )
    if fault is SettingsFault.INLINE_COMMENT:
        written = "a value with ' #' in it" if error.value is None else shown
        return (
            f"{name} is {written}: a '#' after a space starts a comment in .env, but docker run --env-file and "
            "podman's keep it in the value. Put the comment on a line of its own (or, if the '#' is part of the "
            "value, put the value in quotes)."
        )
    if fault is SettingsFault.NOT_A_LOG_LEVEL:
        return f"{name} is {shown}; use one of {', '.join(LOG_LEVELS)}."
    if fault is SettingsFault.NOT_A_NUMBER and error.takes is not None:
        return f"{name} is {shown}; it takes {takes_text(error.takes)}."
    if fault is SettingsFault.OUT_OF_RANGE and error.takes is not None:
        return _out_of_range_text(name, error.number, error.takes)
    if fault is SettingsFault.NO_SHARD:
        return f"{name} names no shard; it takes {SHARD_NUMBERS}."
    if fault is SettingsFault.SHARDS_UNCOUNTED:
        return f"{name} needs STORYBOT_SHARD_COUNT (the total number of shards)."
    if fault is SettingsFault.SHARD_PAST_COUNT:
        return f"{name} must be below STORYBOT_SHARD_COUNT ({error.number})."
    if fault is SettingsFault.TOO_MANY_SHARDS:
        return f"{name} is {error.number}; it must be at most {MAX_SHARD_COUNT}."
    if fault is SettingsFault.NO_HOME:
        return f"{name} is {shown}, but no home folder is known for {error.detail}; write it out in full."
    if fault is SettingsFault.TOKEN_CHARACTER:
        return (
            f"{name} holds {shown} at character {error.position}; a token is one word of letters, digits, '.', '-' "
            "and '_'. Copy it again from the Developer Portal (your application -> Bot), with no 'Bot ' before it."
        )
    if fault is SettingsFault.NOT_A_BOT_TOKEN:
        return (
            f"{name} does not look like a bot token (its first part should be the application's id); copy it again "
            "from the Developer Portal (your application -> Bot -> Reset Token)."
        )
    if fault is SettingsFault.NOT_A_DISCORD_ID:
        return (
            f"{name} is {shown}; a Discord id is a number from 1 to {DISCORD_ID_LIMIT - 1} (in Discord, with "
            "Developer Mode on: right-click the server or channel -> Copy ID)."
        )
    if fault is SettingsFault.NOT_A_BUDGET:
        return f"{name} is {shown}; it takes questions/seconds, e.g. 5/30 for 5 questions per person every 30 seconds."
    return (
        f"{name} is {shown}; questions go from 1 to {MAX_BUDGET_QUESTIONS} and seconds from 1 to {MAX_BUDGET_SECONDS}."
    )


def budget_text(budget: QuestionBudget) -> str:
    """A question budget as /settings, /help and their replies show it."""
    per = "second" if budget.seconds == 1 else f"{budget.seconds} seconds"  # not "per 1 seconds"
    return f"{counted(budget.questions, 'question', 'questions')} per {per}"


# The words of the bot's start-up refusals (bot.discord_app.run), to its owner.
MISSING_TOKEN = (
    "No Discord token: set DISCORD_TOKEN in the environment or in .env (copy .env.example), in this folder "
    "or in the user's config folder ({config}). "
    "README, 'Running it on Discord', shows where to get one. Without a token, `python -m bot` "
    "opens the local console instead."
)
REJECTED_TOKEN = (
    "Discord rejected the token (401 Unauthorized). Reset it in the Developer Portal "
    "(your application -> Bot -> Reset Token) and put the new one in DISCORD_TOKEN."
)
GUILD_REFUSED = (
    "Discord refused the slash commands for STORYBOT_GUILD_ID ({guild}) ({reason}): the bot is not in that server, "
    "or no server has that id. Invite the bot there (python -m bot invite), or set STORYBOT_GUILD_ID to the id "
    "of a server it is in (Developer Mode on: right-click the server -> Copy Server ID), or unset it."
)
INTENT_REFUSED = (
    "Discord refused the Message Content intent (close code 4014), which answer channels need "
    "(STORYBOT_CHANNELS, or a server's /settings channel). Enable it in the Developer Portal (your application "
    "-> Bot -> Privileged Gateway Intents -> Message Content Intent), or unset STORYBOT_CHANNELS and set those "
    "channels back to mentions only: mentions, DMs and slash commands work without it."
)


def database_error_text(error: DatabaseError) -> str:
    """Why the database could not be opened (or taken back), and what to do, from the code and facts bot.state
    raised: the command line's commands and the bot's start say it alike."""
    fault, where, detail, role, database = (
        error.fault,
        error.where,
        driver_reason(error.detail),
        error.role,
        error.database,
    )
    if fault is OpenFault.URL_UNUSABLE:
        return f"STORYBOT_DATABASE_URL cannot be used: {detail}."
    if fault is OpenFault.NOT_A_URL:
        return (
            "STORYBOT_DATABASE_URL is not a database URL; it takes postgresql://user:password@host:5432/name (a port "
            f"is a number from 1 to {MAX_PORT})."
        )
    if fault is OpenFault.NOT_POSTGRESQL:
        return (
            f"STORYBOT_DATABASE_URL starts with {detail}://; storybot takes postgresql:// there (leave it unset for "
            "SQLite in STORYBOT_DATA)."
        )
    if fault is OpenFault.NOT_A_PORT:
        return f"STORYBOT_DATABASE_URL's port {detail!r} is not a port; it takes a number from 1 to {MAX_PORT}."
    if fault is OpenFault.NO_DRIVER:
        return (
            f"{where} is a PostgreSQL database, which needs the asyncpg driver: pip install "
            f"'{DISTRIBUTION}[postgresql]' (from a clone: pip install -e '.[postgresql]')."
        )
    if fault is OpenFault.NEWER_SCHEMA:
        return (
            f"The database at {where} was written by a newer storybot ({detail}; this one knows revisions up to "
            f"{error.revision}). Upgrade storybot; or, to go back to this one, take the database back with the newer "
            f"one first (python -m bot database downgrade --to {error.revision}; docs/service.md: Rolling back); "
            "or point STORYBOT_DATA or STORYBOT_DATABASE_URL elsewhere."
        )
    if fault is OpenFault.DATA_FOLDER_UNMADE:
        return (
            f"Could not create the data folder {error.file} ({detail}); set STORYBOT_DATA to a folder the bot may "
            "write."
        )
    if fault is OpenFault.SHARED_MEMORY_UNWRITABLE:
        return (
            f"{error.file} cannot be written (its mode or attributes were changed). With the bot stopped, remove it "
            "(or make it writable: chattr -i, chmod u+w) and start again."
        )
    if fault is OpenFault.SQLITE_UNOPENED:
        return f"Could not open the database at {where}: {detail}. Set STORYBOT_DATA to a folder the bot may write."
    if fault is OpenFault.SQLITE_FULL:
        return (
            f"Could not open the database at {where}: {detail}. Free space on its disk (or set STORYBOT_DATA to a "
            "folder on another one), then start again."
        )
    if fault is OpenFault.SQLITE_HELD:
        return f"The database at {where} is held by another process ({detail}); try again in a moment."
    if fault is OpenFault.NO_SUCH_DATABASE:
        return (
            f"The PostgreSQL server at {where} has no database {database!r}. Create it "
            f"(createdb -O {role or 'ROLE'} {database}) or correct the name in STORYBOT_DATABASE_URL."
        )
    if fault is OpenFault.PASSWORD_REFUSED:
        return f"The PostgreSQL server at {where} refused the password of {role!r}; correct STORYBOT_DATABASE_URL."
    if fault is OpenFault.ROLE_REFUSED:
        return (
            f"The PostgreSQL server at {where} refused the role {role!r} ({detail}). Create the role "
            f"(createuser -P {role}), allow it in pg_hba.conf, or correct the user in STORYBOT_DATABASE_URL."
        )
    if fault is OpenFault.NOT_ALLOWED:
        return (
            f"The role {role!r} may not create storybot's tables in {where} ({detail}). Make it the database's owner "
            f"(ALTER DATABASE {database} OWNER TO {role}) or point STORYBOT_DATABASE_URL elsewhere."
        )
    if fault is OpenFault.SESSION_LOCKED:
        return (
            f"The database at {where} is locked by another session (a table storybot needs, or another storybot "
            f"migrating it: {detail}); storybot waited {STARTUP_BUSY_SECONDS:.0f} seconds. Try again once it is "
            "released (pg_stat_activity shows the sessions and their open transactions)."
        )
    if fault is OpenFault.UNREACHABLE:
        return (
            f"Could not reach the database at {where}: {detail}. Check that the server is running and "
            "STORYBOT_DATABASE_URL is right."
        )
    if fault in (OpenFault.COPY_HELD, OpenFault.COPY_FAILED, OpenFault.COPY_UNLIKE):
        fix = "another process holds it: try again in a moment" if fault is OpenFault.COPY_HELD else "make room there"
        if fault is OpenFault.COPY_UNLIKE:
            detail = f"the copy read back is at revision {detail}, not {error.revision}"
        return f"Could not copy {where} beside it before taking it back ({detail}); nothing was changed: {fix}."
    failed = database_error_text(error.cause) if error.cause is not None else ""
    return (
        f"{failed} The database may be partly taken back; the copy from before is {error.copy}: with the bot "
        f"stopped, put it in place of {error.file} (mv), or try again."
    ).lstrip()


def database_unread_text(where: str, error: str) -> str:
    return f"Could not read the database at {where}: {error}. Try again."


def discord_unreached_text(error: str) -> str:
    return f"Could not reach Discord ({error}). Check the network connection and try again."


def discord_answered_text(status: int, said: str) -> str:
    return f"Discord answered {status} at start-up: {said}. Try again later."


# The words of the run locks' refusals (bot.discord_app.run_lock, the data folder's; database_lock, PostgreSQL's).
CHANGING_THE_DATABASE = "changing the database"
"""The end of the name of the database session of `database downgrade` (storybot, the machine, the process id), which
the refusal of a bot started meanwhile names, as pg_stat_activity does."""


def _run_place(where: str, database: bool) -> str:
    return f"the database {where}" if database else f"the data folder {where}"


def _shards_named(shards: Sequence[int]) -> str:
    return f"shard {shards[0]}" if len(shards) == 1 else f"shards {', '.join(map(str, shards))}"


def _servers_of(shards: Sequence[int]) -> str:
    """What both processes would answer: only the questions of the shards both run, not every question."""
    return f"the questions of {_shards_named(shards)}'s servers"


def _by(holders: Sequence[str], before: str = ", ", after: str = "") -> str:
    """The sessions holding a lock, by the name each took (the machine and the process id)."""
    return f"{before}as {', '.join(holders)}{after}" if holders else ""


def already_running_text(
    where: str,
    *,
    database: bool,
    mine: Sequence[int] | None,
    theirs: Sequence[int] | None,
    holders: Sequence[str] = (),
) -> str:
    """A bot refused beside one running: `mine` and `theirs` are the shards each runs, None for every shard; theirs
    empty when the lock cannot tell which (the data folder's, shared by every shard process); `holders` the other's
    sessions by name (the database's locks)."""
    if theirs is None:
        running = _by(holders, " (", ")") if mine is None else f" (running every shard{_by(holders)})"
        answered = "every question" if mine is None else _servers_of(mine)
    elif theirs:
        running = f" (running {_shards_named(theirs)}{' too' * (mine is not None)}{_by(holders)})"
        answered = _servers_of(theirs)
    else:
        running, answered = _by(holders, " (", ")"), "the questions of the servers of the shards it runs"
    fix = (
        "give this one another STORYBOT_DATABASE_URL or other STORYBOT_SHARD_IDS"
        if database
        else "give this one a STORYBOT_DATA of its own"
    )
    return (
        f"Another storybot is already running with {_run_place(where, database)}{running}: both would answer "
        f"{answered}. Stop it first (systemctl stop storybot, podman stop storybot), or {fix}."
    )


def running_now_text(where: str, *, database: bool, holders: Sequence[str] = ()) -> str:
    """The refusal of a command that changes what the bot keeps (python -m bot database downgrade) while one runs."""
    return (
        f"A storybot is running with {_run_place(where, database)}{_by(holders, ' (', ')')}: stop every one first "
        "(systemctl stop storybot, podman stop storybot), then try again. Nothing was changed."
    )


def run_lock_unopened_text(path: str, reason: str) -> str:
    lock = one_line(path)
    return f"Could not open the run lock {lock} ({reason}), to see that no storybot runs there. Nothing was changed."


def run_lock_lost_text(where: str, reason: str) -> str:
    return (
        f"Lost the run lock on the database {where} ({driver_reason(reason)}): the database restarted or the "
        "connection to it failed, and another storybot may take these shards now. Stopped rather than answer beside "
        "it; started again, it takes the lock again or names who holds it."
    )


def run_lock_released_text(where: str, tries: int) -> str:
    return (
        f"The database {where} refused the run lock {tries} times, each time released before its holder could be "
        "named: another storybot is starting or stopping. Stopped; started again (as the service manager does), it "
        "takes the lock or names who holds it."
    )


def run_lock_ended_here_text(where: str, holders: Sequence[str]) -> str:
    return (
        f"The database {where} still holds the run lock of {', '.join(holders)}, which ended on this machine: the "
        "lock went with its connection, and the database ends that session within a minute. Stopped; started again "
        "(as the service manager does), it takes the lock then."
    )


def lock_check_failed_text(seconds: float) -> str:
    """Why the database's run lock counts as lost when its session stopped answering."""
    return f"no answer for {seconds:.0f} seconds"


# The words of `python -m bot database status` and `database downgrade` (bot.cli.database), to the bot's owner.
REVISIONS_HEADING = "Revisions this storybot knows, oldest first (* the database's):"
RELEASES_HEADING = (
    "Releases this storybot knows, oldest first, each with the newest revision it opens (database downgrade --to "
    "RELEASE takes the database back to it):"
)


def schema_state_text(state: SchemaState, newest: str, known: bool) -> str:
    """The database's revision against the newest this storybot knows; `known`: whether it knows the database's."""
    if not state.exists:
        return f"No database at {state.where} yet: the bot creates it at its first start, at revision {newest}."
    if state.revision is None:
        return f"The database {state.where} holds no storybot revision yet: the bot's next start brings it to {newest}."
    if state.revision == newest:
        return f"The database {state.where} is at revision {state.revision}, the newest this storybot knows."
    if not known:
        return (
            f"The database {state.where} is at revision {state.revision}, which this storybot does not know (its "
            f"newest is {newest}): a newer storybot wrote it, and only that one can take it back."
        )
    return (
        f"The database {state.where} is at revision {state.revision}; this storybot's next start upgrades it to "
        f"{newest}."
    )


def damaged_database_text(file: Path, check: PageCheck, *, importing: bool) -> str:
    """A SQLite file whose pages SQLite's check found damaged (`database status`, `shelf import`, which then wrote
    nothing into it), and what its owner does: put back the copy they kept (docs/service.md, Backups), else keep
    what SQLite can still read of it."""
    kept = " Nothing was imported, so that no more is written into it." if importing else ""
    return (
        f"The database {file} is damaged (SQLite's check: {one_line(check.detail)}).{kept} Stop the bot and put "
        "back your last copy of it (a copy of the data folder, or of the file from sqlite3's .backup: "
        f"docs/service.md, Backups); without one, `sqlite3 {file} .recover | sqlite3 recovered.db` keeps what can "
        "still be read, to put in its place."
    )


def pages_unchecked_text(file: Path, check: PageCheck) -> str:
    """SQLite's check of the file's pages did not end within its time (a big file), or could not start (another
    process held the file): said, not taken for damage."""
    why = f"more than {check.seconds:.0f} seconds" if check.detail == "interrupted" else one_line(check.detail)
    return (
        f"storybot: {file} was not checked for damaged pages ({why}); with the bot stopped, "
        f'`sqlite3 {file} "PRAGMA quick_check"` checks them all.'
    )


def release_target_text(version: str, revision: str) -> str:
    """A downgrade's target named by `--to RELEASE`, as its refusals name it."""
    return f"{version} (revision {revision})"


def unknown_target_text(written: str, revisions: list[str], releases: list[str]) -> str:
    """`--to` names neither a revision nor a release this storybot knows (a release newer than it, or a typo)."""
    known = f"the revisions {revisions[0]} to {revisions[-1]}"
    if len(releases) == 1:
        known += f" and the release {releases[0]}"
    elif releases:
        known += f" and the releases {releases[0]} to {releases[-1]}"
    return f"--to {written}: this storybot knows {known} (python -m bot database status lists them)."


def _drops(dropped: tuple[Dropped, ...], before: str = " ", after: str = "") -> str:
    """What a downgrade drops and how much of it held data: "table shelf_texts (3 rows), column ... (2 values)"."""
    if not dropped:
        return ""
    said = []
    for drop in dropped:
        column = "." in drop.name
        unit = "value" if column else "row"
        said.append(f"{'column' if column else 'table'} {drop.name} ({counted(drop.rows, unit, f'{unit}s')})")
    return f"{before}{', '.join(said)}{after}"


def taken_back_text(plan: DowngradePlan, copy: Path | None, release: str | None) -> str:
    """`release`: the version `--to` named, if it named one."""
    kept = f" The copy from before is {copy}." if copy is not None else ""
    install = f"storybot {release}" if release is not None else f"the storybot that knows {plan.target}"
    return (
        f"storybot: {plan.state.where} was taken back from revision {plan.revision} to {plan.target}"
        f"{_drops(plan.dropped, ' (dropped: ', ')')}.{kept} Install {install} "
        "before the bot starts again: this one would upgrade it back at start, and so would its feedback export, "
        "shelf import and shelf export-kept (database status only reads it)."
    )


def at_revision_already_text(where: str, target: str) -> str:
    return f"storybot: {where} is at revision {target} already; nothing changed."


def downgrade_unconfirmed_text(plan: DowngradePlan) -> str:
    """PostgreSQL's downgrade that would drop data, asked for without --yes (storybot cannot copy that database)."""
    return (
        f"taking {plan.state.where} back from revision {plan.revision} to {plan.target} drops"
        f"{_drops(plan.dropped)}, which storybot cannot bring back. Back it up first (pg_dump -Fc -f "
        f"storybot-{plan.revision}.dump DATABASE_URL), then run again with --yes. Nothing was changed."
    )


def downgrade_refused_text(refusal: DowngradeRefusal, state: SchemaState, target: str) -> str:
    from bot.state.schema import Refusal as DowngradeRefusal

    if refusal is DowngradeRefusal.NO_DATABASE:
        return f"there is no storybot database at {state.where} to take back (STORYBOT_DATA, STORYBOT_DATABASE_URL)."
    if refusal is DowngradeRefusal.UNKNOWN_REVISION:
        return (
            f"{state.where} is at revision {state.revision}, which this storybot does not know: take it back with the "
            f"storybot that wrote it (python -m bot database downgrade --to {target}). Nothing was changed."
        )
    return (
        f"{state.where} is at revision {state.revision}; --to {target} is not earlier, and a downgrade only goes "
        "back (the bot's start upgrades). Nothing was changed."
    )


# The words of the bot's log file refused (bot.discord_app.logs), to its owner.
def log_pipe_unread_text(path: Path) -> str:
    return (
        f"STORYBOT_LOG_FILE is {path}, a named pipe that no process reads (the bot would wait for a reader for ever); "
        "start what reads it first, or point STORYBOT_LOG_FILE at a file."
    )


def log_file_unwritable_text(path: Path, reason: str) -> str:
    return (
        f"STORYBOT_LOG_FILE is {path}, which cannot be written ({reason}); point it at a file in a folder the bot may "
        "write, or unset it to log to the console only."
    )


# The words of `python -m bot health` (bot.health), to the bot's owner and a container's health check.
def no_heartbeat_text(path: Path) -> str:
    return f"no heartbeat in {path}: the bot has not connected to Discord (yet)."


def heartbeat_unread_text(path: Path, reason: str) -> str:
    return f"cannot read the heartbeat {path} ({reason})."


def heartbeat_not_a_file_text(path: Path, folder: bool, beat_seconds: int) -> str:
    what = "a folder" if folder else "not a file"
    return f"the heartbeat {path} is {what}; remove it (a connected bot writes it within {beat_seconds} s)."


def last_connected_text(path: Path, age: float) -> str:
    return f"the bot was last connected to Discord {age:,.0f} s ago ({path})."


def connected_text(age: float) -> str:
    return f"connected to Discord ({max(age, 0):,.0f} s ago)."


# The words of /story and /reload (bot.discord_app.exts.admin), to a server's managers and the bot's owner.
CANCELLED = "Cancelled; nothing changed."
WORKING = "Working on it…"
REQUEST_EXPIRED = "That request has expired; run the command again."
WENT_WRONG = "Something went wrong on my side; nothing was lost. Please try again in a moment."
PICK_A_VERSION = "Pick a version from the list (type a story's name to see its versions); /story history lists them."
NO_SHELF_STORIES = "This server has no stories of its own yet; /story add adds one."
SHELF_HISTORY_HEADING = "**Latest changes to this server's stories** (/story restore brings a version back)\n"
REMOVE = "Remove"
REPLACE = "Replace"
UNDO = "Undo"
CANCEL = "Cancel"


ATTACHMENT_NOT_WHOLE = "Discord sent me that file without its size or address; please upload it again."
"""An interaction whose attachment lacks a field discord.py makes it of (bot.discord_app.attachments)."""
FOREIGN_ATTACHMENT = (
    "Discord gave me that file from somewhere other than its own file servers, so I did not download it; nothing was "
    "added. The bot's owner can see where in the log."
)
"""An upload whose URL (or a redirect from it) leads away from Discord's attachment hosts."""


def download_failed_text(status: int | None = None, seconds: int | None = None) -> str:
    """An upload Discord's CDN did not give: an error status, a download that took over `seconds`, or one that broke
    off (neither)."""
    detail = f" ({status})" if status is not None else f" within {seconds} seconds" if seconds is not None else ""
    return f"I could not download that file from Discord{detail}; please upload it again."


def folder_unchanged_text(reason: str) -> str:
    return (
        f"I could not change the stories folder ({reason}); nothing was lost. Ask the bot's owner to check the folder."
    )


def shelf_history_line(
    *, when: str, action: ShelfAction, name: str, size: int, who: str | None, current: bool, moved_out: bool
) -> str:
    """One change of a server's history (/story history): `who` None for the bot's owner (shelf import's)."""
    shown = " (searched now)" if current and action is not ShelfAction.REMOVED else ""
    if moved_out:
        shown = " (moved out of the database by the bot's owner)"
    sized = f", {size_text(size)}" if action is not ShelfAction.REMOVED else ""
    by = who or "the bot's owner"
    return f"`{when}` {SHELF_ACTIONS[action]} **{name}**{sized} by {by}{shown}"


def version_label(name: str, action: ShelfAction, when: str) -> str:
    """A kept version to restore, as its choice shows it: its name, what was done and when."""
    return f"{name} · {SHELF_ACTIONS[action]} {when} UTC"


def library_replace_question(name: str, kept: str) -> str:
    return f"Replace {name} in the owner's library? The old file is kept in {kept}."


def already_a_story_question(name: str, kept: str) -> str:
    return f"{name} is already a story. Replace it? The old file is kept in {kept}."


def remove_from_server_question(title: str, name: str) -> str:
    return f'Remove "{title}" ({name}) from this server\'s stories? It is kept; /story restore brings it back.'


def remove_from_library_question(title: str, name: str, kept: str) -> str:
    return f'Remove "{title}" ({name}) from the owner\'s library? The file is kept in {kept}.'


def added_text(name: str) -> str:
    return f"Added {name}."


def replaced_text(name: str, kept: str) -> str:
    return f"Replaced {name}; the old file is kept in {kept}."


def removed_text(name: str, kept: str) -> str:
    return f"Removed {name}; the file is kept in {kept}."


# What Discord shows of the slash commands: their descriptions and their options' (synced with the commands).
STORY_GROUP = "Change this server's stories (Manage Server)"
RELOAD_COMMAND = "Reread the bot owner's stories folder (the bot's owner)"
ADD_COMMAND = "Add a story: text, Markdown, HTML, EPUB, Word, ODT, RTF, FB2 or PDF (Manage Server)"
ADD_OPTIONS = {
    "file": "The story file",
    "title": "Its title, if a .txt or .md file has none",
    "to": "This server's stories (the default), or the bot owner's library (its owner only)",
}
REPLACE_COMMAND = "Replace a story with a new file; the old one is kept (Manage Server)"
REPLACE_OPTIONS = {"story": "The story's title or file name", "file": "The new file", "title": "Its title (.txt, .md)"}
ADD_TO_CHOICES = {"server": "this server", "library": "the owner's library"}
"""/story add's `to`: each choice's id (what Discord sends, bot.discord_app.exts.admin.AddTo) and the name Discord
shows."""
REMOVE_COMMAND = "Remove a story (Manage Server); it is kept, to restore"
REMOVE_OPTIONS = {"story": "The story's title or file name"}
RESTORE_COMMAND = "Bring back a kept version of one of this server's stories"
RESTORE_OPTIONS = {"version": "The version (type a story's name to see its versions)"}
HISTORY_COMMAND = "This server's latest changes to its stories"
ASK_COMMAND = "Ask a question about the stories"
ASK_OPTIONS = {"question": "What you want to know, e.g. Where was Sébastien born?", "story": "Search only this story"}
FEEDBACK_COMMAND = "Answers readers here voted 👎, latest first (Manage Server)"
HELP_COMMAND = "What I can do here"
PERFORMER_COMMAND = "Look up a person of the stories"
PERFORMER_OPTIONS = {"name": "First name, surname or full name (accents and small typos are fine)"}
STORIES_COMMAND = "List the stories I know"
SETTINGS_GROUP = "How I work in this server (Manage Server)"
SHOW_SETTINGS_COMMAND = "Show this server's settings (Manage Server)"
CHANNEL_COMMAND = "Answer every message in a channel, or only mentions (Manage Server)"
CHANNEL_OPTIONS = {"channel": "The channel", "answers": "every message, mentions only, or back to the bot's default"}
ANSWERS_CHOICES = {"every": "every message", "mentions": "mentions only", "default": "default"}
"""/settings channel's `answers`: each choice's id (bot.discord_app.exts.settings.Answers) and its name."""
CHANNEL_STORY_COMMAND = "The story questions in a channel search first (Manage Server)"
CHANNEL_STORY_OPTIONS = {"channel": "The channel", "story": "The story's title or file name; leave out for every story"}
BUDGET_COMMAND = "How many questions each person may ask (Manage Server)"
BUDGET_OPTIONS = {
    "questions": "Questions per person in the window; leave out for the bot's default",
    "seconds": "The window in seconds (default: the bot's)",
}
LIBRARY_COMMAND = "Search the bot owner's library here, or only this server's stories"
LIBRARY_CHOICES = {"shown": "shown", "hidden": "hidden"}
"""/settings library's `shown`: each choice's id (bot.discord_app.exts.settings.LibraryShown) and its name."""
LIBRARY_OPTIONS = {"shown": "shown: the owner's library and this server's stories; hidden: this server's only"}


# The words of /ask, /feedback, /performer and /stories (bot.discord_app.exts).
QUESTION_EDITED_AWAY = "That message was edited and no longer asks me anything."
FEEDBACK_TITLE = "Answers readers voted 👎"
FEEDBACK_EXPORT_HINT = (
    "The bot's owner can replay these: python -m bot feedback export FILE (docs/discord.md, Feedback)."
)
NO_DOWN_VOTES = "No answer here has a 👎 yet."
PERSON_GONE = "That person is no longer in the stories; try /performer again."
WHICH_ONE = "Which one?"
PREVIOUS_PAGE = "Previous"
NEXT_PAGE = "Next"


def voted_down_text(question: str, story: str, passage: int, down: int, up: int, when: str) -> str:
    """One answer voted down, for /feedback: the question, the passage shown, the votes, when."""
    return f"**{question}**\n→ {story}, passage {passage} · {down} 👎 {up} 👍 · {when}"


# The words of /help (bot.discord_app.exts.help).
HELP_TITLE = "What I can do"


def under_an_answer_text(in_server: bool) -> str:
    """What an answer's buttons do: paging changes the reader's own answer, or opens their private copy of
    someone else's; a vote opens nothing, it goes to whoever reads the 👎 answers."""
    readers = "this server's managers" if in_server else "the bot's owner"
    return (
        "**Under an answer:** *More results* shows the next passage, ◀ ▶ read on in the story and *Back to the "
        "answer* returns: on your answers in place, on someone else's in a copy only you see. "
        f"👍 / 👎 tell {readers} whether it answered (one vote each, which you can change)."
    )


def listed_within(items: Sequence[str], room: int, separator: str, more: Callable[[int], str]) -> list[str]:
    """The first of `items` that fit in `room` characters, each with its `separator`, then `more(n)` for the n left
    out, if any are: a server's channels listed whole (it may have 500) pushed what followed them past Discord's
    limit, where it was cut."""
    if sum(len(item) + len(separator) for item in items) <= room:
        return list(items)
    used = len(separator) + len(more(len(items)))
    kept: list[str] = []
    for item in items:
        used += len(item) + len(separator)
        if used > room:
            break
        kept.append(item)
    return [*kept, more(len(items) - len(kept))]


def more_channels_text(count: int) -> str:
    return f"and {counted(count, 'more channel', 'more channels')}"


def help_text(
    *,
    in_server: bool,
    every: Sequence[str],
    channel_stories: Sequence[tuple[str, str]],
    stories: int,
    budget: QuestionBudget,
    manager: bool,
    limit: int,
) -> str:
    """/help: `every`, the channels (as mentions) where every message is a question; `channel_stories`, each channel
    with a story of its own and that story; `budget`, the questions per person here. Within `limit` characters: as
    many channels are named as leave room for the rest."""
    listed = counted(stories, "story", "stories")
    head = ["**Ask about the stories**"]
    if not in_server:
        head.append("• Write me a question here, or use `/ask` (add `story:` to search one story).")
    else:
        head.append("• Mention me with a question, or use `/ask` (add `story:` to search one story).")
    tail = [
        "• Reply to one of my answers, or start a thread under it, to ask more about its story.",
        f"• `/performer` looks up a person of the stories; `/stories` lists the {listed}.",
        under_an_answer_text(in_server),
    ]
    if in_server:
        tail.append(f"**Questions per person here:** {budget_text(budget)}.")
        who = "you and the others" if manager else "members"
        tail += [
            "",
            f"**Server managers** (*Manage Server*: {who} with it) can also use:",
            "• `/story add`, `/story replace` and `/story remove` to change this server's own stories (every "
            "version is kept: `/story history` lists them, `/story restore` brings one back);",
            "• `/settings` for answer channels, a channel's story, the question budget and whether the bot "
            "owner's library is searched here;",
            "• `/feedback` to see the answers readers voted 👎.",
        ]
    room = limit - len("\n".join(head + tail))
    channels: list[str] = []
    if in_server and every:
        line = "• In {} every message is a question."
        share = (room if not channel_stories else room // 2) - len(line) - 1
        channels.append(line.format(", ".join(listed_within(every, share, ", ", more_channels_text))))
        room -= len(channels[0]) + 1
    if in_server and channel_stories:
        lines = [f"• In {channel}, questions search {story} first." for channel, story in channel_stories]
        channels += listed_within(
            lines,
            room,
            "\n",
            lambda left: (
                f"• In {counted(left, 'more channel', 'more channels')}, questions search a story of their own first."
            ),
        )
    return "\n".join(head + channels + tail)


# The words of /settings (bot.discord_app.exts.settings).
def settings_title(server: str) -> str:
    return f"Settings for {server or 'this server'}"


def budget_setting_text(budget: QuestionBudget, here: bool) -> str:
    return f"{budget_text(budget)} (set here)" if here else f"{budget_text(budget)} (the bot's default)"


def set_here_text(channel: str) -> str:
    return f"{channel} (set here)"


def named_by_owner_text(channel: str) -> str:
    return f"{channel} (STORYBOT_CHANNELS)"


def unplaced_channels_text(count: int) -> str:
    """Channels STORYBOT_CHANNELS names that may be in this server, before Discord sent its channels."""
    return (
        f"those of the {counted(count, 'other channel', 'other channels')} STORYBOT_CHANNELS names that are in this "
        "server (Discord hasn't sent me this server's channels yet, so I can't tell which; ask again in a minute)"
    )


def channel_story_text(channel: str, story: str) -> str:
    return f"{channel} → {story}"


def story_no_longer_here_text(name: str) -> str:
    return f"{name} (no longer here: every story is searched)"


def settings_text(
    *,
    budget: str,
    every: Sequence[str],
    quiet: Sequence[str],
    stories: Sequence[str],
    library_hidden: bool | None,
    forgotten: int,
    limit: int,
) -> str:
    """Everything that applies in a server and where each setting comes from; `library_hidden` None: the database
    could not say; `forgotten`, the deleted channels whose settings were just forgotten. Within `limit` characters:
    each list of channels names as many as leave room for the rest."""
    after = []
    if library_hidden is not None:
        after.append(f"**The bot owner's library:** {library_setting_text(library_hidden)}")
    if forgotten:
        after.append(f"Forgot the settings of {counted(forgotten, 'deleted channel', 'deleted channels')}.")
    after.append(
        "\nChange them with /settings channel, /settings story, /settings budget and /settings library; leave "
        "the options out to go back to the defaults."
    )
    lists: list[tuple[str, Sequence[str], str, str | None]] = [  # a head, its items and separator, said for none
        ("**Answers every message in:** ", every, ", ", "no channel: mentions, replies, DMs and /ask"),
        ("**Only mentions in (overriding STORYBOT_CHANNELS):** ", quiet, ", ", None),
        ("**Default stories:** ", stories, "; ", "none: questions search every story"),
    ]
    lines = [f"**Questions per person:** {budget}"]
    filled: list[tuple[int, Sequence[str], str]] = []  # each list with items: its line, its items and separator
    for head, items, separator, none in lists:
        if items:
            filled.append((len(lines), items, separator))
            lines.append(head)
        elif none is not None:
            lines.append(head + none)
    room = limit - len("\n".join(lines + after))  # all but the items, said exactly: the items share the rest
    for done, (line, items, separator) in enumerate(filled):
        share = room // (len(filled) - done)  # what a list leaves, the next may take
        listed = separator.join(listed_within(items, share, separator, more_channels_text))
        lines[line] += listed
        room -= len(listed)
    return "\n".join(lines + after)


def channel_answers_text(channel: str, every: bool, *, unreadable: bool, no_intent: bool, no_embeds: bool) -> str:
    """/settings channel's reply: `unreadable`, the bot cannot read or send there; `no_intent`, it lacks the
    Message Content intent (both said only when it is to answer every message); `no_embeds`, it lacks Embed Links
    there, so its answers come as plain text (said whenever it can send there)."""
    text = f"{channel}: I answer {'every message' if every else 'only mentions, replies and /ask'} there."
    if every and unreadable:
        text += " But I can't read or send messages there yet: give me View Channel and Send Messages."
    if no_embeds and not unreadable:
        text += (
            " I can't embed links there, so my answers come as plain text: give me Embed Links to show them as cards."
        )
    if every and no_intent:
        text += (
            " To read every message I need the Message Content intent: enable it in the Developer Portal "
            "(your application -> Bot -> Privileged Gateway Intents) and restart me; until then I answer "
            "mentions there."
        )
    return text


def channel_searches_text(channel: str, story: str | None) -> str:
    if story is None:
        return f"Questions in {channel} search every story."
    return f"Questions in {channel} search {story} first, then every story if it has no answer."


BUDGET_OUT_OF_RANGE = (
    f"Questions go from 1 to {MAX_BUDGET_QUESTIONS} and seconds from 1 to {MAX_BUDGET_SECONDS:,}; nothing was changed."
)


def budget_set_text(chosen: QuestionBudget | None, default: QuestionBudget) -> str:
    if chosen:
        return f"Each person may ask {budget_text(chosen)} here."
    return f"Back to the bot's default: {budget_text(default)}."


def library_set_text(hidden: bool) -> str:
    return f"The bot owner's library: {library_setting_text(hidden)}"


# The words of `python -m bot eval`'s reports (bot.cli.evaluate), to whoever measures the ranking: its rows' and sets'
# names are in its --json output too, and in docs/ranking.md's tables.
BM25_ALONE = "BM25Okapi only"
AS_CONFIGURED = "as configured"
SCIFACT_HELD_OUT = "SciFact train, held-out fifth"
SCIFACT_ALL = "SciFact train, all"
NDCG = "nDCG@10"
RANKING_TABLE_HEADER = f"| set | measure | {BM25_ALONE} | default | change |\n| --- | --- | --- | --- | --- |"


def without_text(signal: str) -> str:
    return f"without {signal}"


def scoped_set_text(name: str, scope: object) -> str:
    """A set of questions asked over the whole library or each over its own story: "val (library)"."""
    return f"{name} ({scope})"


def squad_part_text(part: object) -> str:
    return f"squad {part}"


def fairytale_row_text(scope: object) -> str:
    return f"FairytaleQA val, {scope}"


def squad_row_text(scope: object) -> str:
    return f"SQuAD dev, held-out third, {scope}"


def checks_row_text(name: str) -> str:
    return f"{name}, library"


def eval_settings_text(analyzer: str, k1: float, b: float, epsilon: float, correct: bool) -> str:
    return f"{analyzer}, k1={k1} b={b} epsilon={epsilon}" + ("" if correct else ", no typo correction")


DATASET_LINES = {
    DatasetFault.SECTIONS_LINE: '{"q", "file", "sections"}',
    DatasetFault.QUESTIONS_LINE: '{"q": "question", "expect": "phrase"}',
    DatasetFault.LABELS_LINE: '{"story", "name", "person"}',
    DatasetFault.BEIR_LINE: '{"_id", "text"}',
    DatasetFault.QRELS_LINE: "query-id, corpus-id and a whole-number score, tab-separated",
}
"""The shape each data set's lines take, as a bad line's message shows it."""


def dataset_error_text(error: DatasetError) -> str:
    """Why `eval` cannot use a data set, from the code and facts bot.eval raised: the file, and what it should
    hold."""
    fault, file = error.fault, error.file
    if fault is DatasetFault.BEIR_FILE_MISSING:
        return f"{file} is missing; a BEIR folder has corpus.jsonl, queries.jsonl and qrels/<split>.tsv."
    if fault is DatasetFault.QRELS_MISSING:
        return f"{file} is missing; pick a split that has a qrels/<split>.tsv file."
    if fault is DatasetFault.SECTIONS_MISSING:
        return f"{file} is missing; a sections folder has corpus/ and questions.jsonl."
    if fault is DatasetFault.UNREADABLE:
        return f"{file} cannot be read ({error.detail}); give the file itself."
    if fault in DATASET_LINES:
        why = f'no "{error.missing}"' if error.missing else error.detail
        return f"{file}, line {error.line}: expected {DATASET_LINES[fault]}" + (f" ({why})" if why else "")
    if fault is DatasetFault.NOT_IN_CORPUS:
        return f'question "{error.question}" is about {error.story_file}, which is not in the corpus.'
    if fault is DatasetFault.QUESTIONS_MISSING:
        return f'{file} does not exist; it should hold lines like {{"q": ..., "expect": ...}}.'
    if fault is DatasetFault.NO_EXPECTED:
        return (
            f'{file} has no question with an expected phrase: fill in "expect" with words the right passage contains.'
        )
    if fault is DatasetFault.LABELS_MISSING:
        return f'{file} does not exist; it should hold lines like {{"story": ..., "name": ..., "person": true}}.'
    if fault is DatasetFault.SQUAD_MISSING:
        return f"{file} is missing; it should be SQuAD v1.1's JSON, such as dev-v1.1.json."
    if fault is DatasetFault.NOT_SQUAD:
        return f"{file} is not SQuAD v1.1's JSON ({error.detail})"
    if fault is DatasetFault.NO_ARTICLES:
        return f"{file} has no articles."
    if fault is DatasetFault.EMPTY_PARAGRAPH:
        return f'"{error.title}" has a paragraph without text.'
    return f"{file} is no ranking model written by scripts/fit_reranker.py ({error.detail})"


def got_text(check: QuestionCheck) -> str:
    """What an owner's check got instead of its phrase: the best answer's story and passage, or why there was none
    (its reason's code, as `eval --json` has always shown it)."""
    if check.story is not None:
        return f'"{check.story}", passage {check.passage}'
    return check.reason or "no answer"


def hit_rates_text(questions: int, hit1: float, hit3: float) -> str:
    return f"{counted(questions, 'question', 'questions')}: hit@1 {hit1:.1%}, hit@3 {hit3:.1%}"


def miss_text(question: str, expect: str, rank: int | None, got: str) -> str:
    where = f"found at rank {rank}" if rank else "not in the top 3"
    return f'  miss: "{question}" wants "{expect}": {where}; answer was {got}'


def people_found_text(found: int, stories: int) -> str:
    return f"{found:,} people in {stories:,} stories ({found / max(stories, 1):.1f} a story)"


def people_sample_text(sample: int, seed: int, labelled: int, precision: float | None) -> str:
    shown = "no precision (--labels FILE)" if precision is None else f"precision {precision:.1%}"
    return f"sample of {sample} (seed {seed}): {labelled} labelled, {shown}"


def not_a_person_text(name: str, path: str, intro: str) -> str:
    return f"  not a person: {name} ({path}): {intro}"


def unlabelled_text(label: str, intro: str) -> str:
    return f"  unlabelled: {label} {intro}"
