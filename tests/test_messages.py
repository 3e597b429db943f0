"""The one wording both front ends use for what the core returns as reason codes and data."""

import ast
import dataclasses
import errno
import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from bot.cli.output import printable
from bot.core.answer import NoAnswer
from bot.core.corpus import CorpusError, FolderFault, FolderRefused, NoStories
from bot.core.index_notes import IndexEvent, IndexFault, IndexNote
from bot.core.library import MAX_QUESTION_CHARS, StoryLibrary
from bot.core.shelf import ShelfError, UploadRefusal, safe_file_name, story_file
from bot.core.skipped import STOPPED, Cause, Problem, Refusal, refusal_of
from bot.core.unread_formats import UnreadFormat
from bot.core.worker_ended import WorkerEnded
from bot.eval.beir import DatasetError, DatasetFault
from bot.messages import (
    NEXT_START_REBUILDS,
    NotesWorded,
    budget_text,
    command_line_problem,
    corpus_error_text,
    corrections_text,
    database_command_text,
    database_error_text,
    database_trouble_text,
    dataset_error_text,
    export_folder_missing_text,
    export_not_written_text,
    file_exists_text,
    folder_fault_text,
    hit_place,
    index_fault_text,
    index_not_saved_text,
    index_note_text,
    indexed_text,
    no_answer_message,
    no_stories_text,
    problem_text,
    pronoun_reading_text,
    read_again_text,
    refusal_text,
    reload_text,
    run_lock_unopened_text,
    settings_error_text,
    settings_text,
    store_full_text,
    stories_title,
    story_choice_text,
    story_passages_text,
    takes_text,
    unavailable_text,
    upload_refusal_text,
    wait_message,
    worker_ended_text,
)
from bot.one_line import one_line
from bot.operations.reload import Reload, Reloaded
from bot.operations.resolve_story import resolve_story
from bot.settings import QuestionBudget, SettingsError, SettingsFault, Takes, Unit
from bot.state.database_fault import DatabaseError, DatabaseTask, Fault, OpenFault
from bot.state.guarded_engine import DatabaseUnavailable
from bot.state.shelf_rules import RESTORE_ROOM, VERSION_BYTES, StoreRoom
from tests.best_hit import best_hit
from tests.conftest import CORPUS
from tests.core.test_skipped import FACTS

BOT = CORPUS.parent / "bot"
FRONT_ENDS = [*(BOT / "cli").rglob("*.py"), *(BOT / "discord_app").rglob("*.py")]
FRONT_ENDS += [BOT / name for name in ("__main__.py", "health.py", "program.py", "startup_error.py")]
"""Every module of the command line and of Discord (their cogs too), and the program's own: its entry point, the
health check, the start-up's refusal."""
DATA_LAYERS = [BOT / "settings.py", *(BOT / "state").glob("*.py"), *(BOT / "eval").rglob("*.py")]
"""The layers below the front ends that tell the owner what is wrong: the settings, the database (its modules, not its
migrations' SQL) and eval's data sets. They raise a reason code and its facts (SettingsFault, OpenFault, the
DatabaseUnavailable's facts, DatasetFault), which bot.messages words, as the core does."""
NOT_WORDS = {"discord.py: on_", "CommandTree-invoker", "guild ", "storybot: ", "storybot: %(message)s", "python -m bot"}
NOT_WORDS |= {"storybot ", "Attempting a reconnect", "Exception closing connection"}
NOT_WORDS |= {"export ", "unable to open", "disk i/o", "disk is full"}
"""Strings of letters no one reads in a message: discord.py's task names (client.py), a log line's (sync.py), the
program's name (cli/main.py, and the database session's its run lock takes, database_lock.py), the starts of
discord.py's and SQLAlchemy's log lines that logs.py puts on one line, the word before a name in a .env line
(settings.py), SQLite's own words for a file it cannot write (state/guarded_engine.py)."""
PARSER_WORDS = {"help", "description", "epilog", "metavar"}
PARSER_CALLS = {"ArgumentParser", "add_argument", "add_parser", "add_subparsers", "add_argument_group"}
"""The command line parser's own words, which --help shows (README lists the commands too)."""
_WORD = re.compile(r"[A-Za-z]{2,}")
_CODE = re.compile(
    r"[a-z0-9_:./{}()?<>\\|*+\[\]^$=,%@-]*|[A-Z][a-z]+(?:[A-Z][a-z]+)+|[A-Z][A-Z0-9_]{2,}"
    r"|\s*(?:SELECT|SET|PRAGMA|BEGIN|VACUUM) .*",
    re.S,
)
"""A string of code, not words: a custom id, a key, a format, an identifier (PostgreSQL's ExclusiveLock), a
setting's or a log level's name (STORYBOT_DATA, DEBUG), SQL."""
_NOT_READ = {"debug", "info", "warning", "error", "exception", "critical", "log", "LogRecord", "Formatter"}
_NOT_READ |= {"compile", "TypeVar", "TypeError", "ValueError", "RuntimeError", "KeyError", "LookupError"}
"""Calls whose strings no reader sees: the log's (a record, its format), a pattern's, a type's, a programming
error's."""


def _own_words(module: Path) -> Iterator[tuple[int, str]]:
    """The strings of a module a person would read as English: each line and string that is no docstring, nor in a
    log call or a log record's message, a pattern, an assert, the parser's help, a class's keyword (a cog's name), a
    comparison (another library's words, matched: "file is not a database") or a dict's key (looked up, as a
    measure's name in eval's JSON), and not code by its shape (lower case without spaces, an identifier, SQL, or a
    regex's group)."""
    tree = ast.parse(module.read_text("utf-8"))
    unread: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):  # docstrings, of names too
            unread.add(id(node.value))
        inside: list[ast.AST] = []
        if isinstance(node, ast.Assert) and node.msg is not None:
            inside = [node.msg]
        elif isinstance(node, ast.ClassDef):
            inside = list(node.keywords)
        elif isinstance(node, ast.Compare):
            inside = [node]
        elif isinstance(node, ast.Dict):
            inside = [key for key in node.keys if key is not None]
        elif isinstance(node, ast.Assign) and any(getattr(t, "attr", "") == "msg" for t in ast.walk(node.targets[0])):
            inside = [node.value]  # a log record's message
        elif isinstance(node, ast.Call):
            called = node.func
            name = called.attr if isinstance(called, ast.Attribute) else getattr(called, "id", "")
            if name in _NOT_READ:
                inside = [node]
            elif name in PARSER_CALLS:
                inside = [keyword.value for keyword in node.keywords if keyword.arg in PARSER_WORDS]
        unread |= {id(part) for each in inside for part in ast.walk(each)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in unread:
            text = node.value
            if _WORD.search(text) and not _CODE.fullmatch(text) and "(?P<" not in text and text not in NOT_WORDS:
                yield node.lineno, text


def test_every_reason_for_no_answer_reads_as_a_sentence_with_what_to_try(library):
    questions = {
        NoAnswer.EMPTY: "   ",
        NoAnswer.TOO_LONG: "violin? " * 700,
        NoAnswer.NO_CONTENT_WORDS: "what is the",
        NoAnswer.NO_MATCH: "How do I bake bread?",
    }
    for reason, question in questions.items():
        answer = library.ask(question)
        assert answer.reason is reason
        text = no_answer_message(answer, NEXT_START_REBUILDS)
        assert text.endswith((".", '?"')), text
    assert "5,599 characters" in no_answer_message(library.ask("violin? " * 700), NEXT_START_REBUILDS)
    # A question of exactly MAX_QUESTION_CHARS is answered: "under 1,000 characters" refused one that is not.
    assert f"at most {MAX_QUESTION_CHARS:,} characters" in no_answer_message(
        library.ask("violin? " * 700), NEXT_START_REBUILDS
    )
    assert library.ask("v" * MAX_QUESTION_CHARS).reason is not NoAnswer.TOO_LONG
    assert library.example_name() in no_answer_message(library.ask("How do I bake bread?"), NEXT_START_REBUILDS)


def test_a_question_of_pronouns_alone_is_told_to_name_whom_it_means(library):
    # "who is she" after "who is ivan" was told only that it had no words to search for, as if it had none at all.
    text = no_answer_message(library.ask("who is she"), NEXT_START_REBUILDS)
    assert '"she"' in text and "name who or what you mean" in text and library.example_name() in text


def test_a_scoped_miss_names_the_story_searched(library):
    sophie = next(i for i, s in enumerate(library.corpus.stories) if s.title.startswith("Sophie"))
    text = no_answer_message(library.ask("ballerina Ivan", story=sophie), NEXT_START_REBUILDS)
    assert f'"{library.corpus.stories[sophie].title}"' in text


def test_corrections_say_what_was_searched_for_what_was_typed(library):
    assert corrections_text(library.ask("How did the audiance react to Sophie?")) == (
        "Showing results for audience (you typed audiance)."
    )
    assert corrections_text(library.ask("How did the audience react to Sophie?")) == ""


def test_a_pronoun_read_as_a_story_s_lead_is_said_as_taken_to_mean_them_not_as_a_word_searched(tmp_path):
    plots = Path(__file__).resolve().parents[1] / "bench" / "untuned" / "corpus"
    (tmp_path / "office.md").write_bytes((plots / "office.md").read_bytes())
    library = StoryLibrary.load(tmp_path)
    reading = library.ask("what does she do", story=0).pronoun_reading
    assert reading is not None
    assert pronoun_reading_text(reading.pronouns, reading.person) == 'Taking "she" to mean Priya Nair.'
    assert pronoun_reading_text(("he", "his"), "Seamus") == 'Taking "he" and "his" to mean Seamus.'
    assert pronoun_reading_text(("she", "her", "herself"), "Mara") == 'Taking "she", "her" and "herself" to mean Mara.'


def test_a_name_said_back_keeps_a_few_marks_on_each_character_and_cuts_a_pile_of_them(library):
    # "Zalgo" text: a letter under thousands of combining marks rose over the lines of the message around it.
    pile = "Z" + "\u0301\u0336\u0308" * 60 + "algo"  # within the 200 characters a story name may have
    text = story_choice_text(resolve_story(library, pile))
    assert '"Z\u0301\u0336\u0308\u0301algo"' in text
    assert story_choice_text(resolve_story(library, "Nguy\u00ea\u0303n")).count("\u0303") == 1  # as typed
    assert story_choice_text(resolve_story(library, "e" + "\u0301" * 4)).count("\u0301") == 4


def test_an_unclear_story_name_lists_what_it_could_be(library):
    text = story_choice_text(resolve_story(library, "kalmurzaeva"))
    assert "could be more than one story" in text
    assert all(f'"{s.title}" ({s.path})' in text for s in library.corpus.stories if "Kalmurzaeva" in s.title)
    assert story_choice_text(resolve_story(library, "zzzzzz"), "Run stories.").endswith("Run stories.")
    gone = story_choice_text(resolve_story(library, "a" * 16))  # an autocomplete value whose story is gone
    assert gone.startswith("That story is no longer in the library")


def test_stories_that_share_a_title_are_told_apart_by_what_the_message_shows(tmp_path):
    # Two stories titled alike: the message said "Give more of the title" (there is no more to give), and
    # the name it showed, '"Same Title" (clock.md)', found no story ('Closest: "Same Title"; "Same Title"').
    (tmp_path / "clock.md").write_text("# Same Title\n\nKarel the clockmaker fixed the tower clock.")
    (tmp_path / "tulips.md").write_text("# Same Title\n\nKarel the gardener planted tulips.")
    library = StoryLibrary.load(tmp_path)
    unclear = story_choice_text(resolve_story(library, "Same Title"))
    assert '"Same Title" (clock.md); "Same Title" (tulips.md)' in unclear and "file name" in unclear
    for shown in ('"Same Title" (clock.md)', "Same Title (clock.md)", "clock.md"):
        chosen = resolve_story(library, shown).story
        assert chosen is not None and chosen.path == "clock.md", shown
    missed = story_choice_text(resolve_story(library, "Same Titel (clck.md)"))
    assert 'Closest: "Same Title" (clock.md); "Same Title" (tulips.md).' in missed


def test_a_hit_is_placed_by_its_chapter_when_it_has_one(tmp_path, library):
    (tmp_path / "keeper.md").write_text(
        "# The Keeper\n\nThe lamp was lit at dusk.\n\n## Chapter Two\n\nA storm broke the lighthouse window."
    )
    chaptered = best_hit(StoryLibrary.load(tmp_path), "What broke the window?")
    assert hit_place(chaptered) == "Chapter Two, passage 1"
    plain = best_hit(library, "Where was Sebastien born?")
    assert plain.chapter is None and hit_place(plain) == f"passage {plain.passage}"


def test_every_upload_refusal_reads_as_its_own_sentence_naming_the_file() -> None:
    texts = {
        refusal: upload_refusal_text(ShelfError(refusal, name="the-mill.md", size=300, scripts=("LATIN", "CYRILLIC")))
        for refusal in UploadRefusal
    }
    assert len(set(texts.values())) == len(UploadRefusal)  # no two reasons say the same thing
    for refusal, text in texts.items():
        assert not text[0].islower() and text.endswith((".", "`")), (refusal, text)
        assert "{" not in text and "UploadRefusal" not in text
    assert "the-mill.md" in texts[UploadRefusal.NOT_A_STORY_FILE]
    assert "mixes Cyrillic and Latin letters" in texts[UploadRefusal.MIXED_SCRIPTS]


def test_a_refused_upload_says_what_the_check_found() -> None:
    with pytest.raises(ShelfError) as long_name:
        safe_file_name("é" * 130 + ".md")
    assert "is 263 bytes long; file names may be at most 255 bytes" in upload_refusal_text(long_name.value)
    with pytest.raises(ShelfError) as unreadable:
        story_file(b"\xff\xff bad", "mill.txt", None)
    assert upload_refusal_text(unreadable.value).startswith("That file is not UTF-8 text")


def test_a_full_shelf_says_whether_a_restore_still_works_by_the_room_restores_have_used() -> None:
    # It said "/story restore (or Undo) still brings back a kept version" when restores had used their 64 KB past
    # the room too, so the next Undo was refused as well.
    def refused(past: int) -> str:
        return store_full_text(StoreRoom(stored=2**20 + past, most=2**20, needed=2048, restore_room_used=past))

    works = "/story restore (or Undo) still brings back a kept version: restores may store 64 KB past this room"
    assert f"{works}. To make room, ask the bot's owner" in refused(0)
    assert f"{works}, and 4.0 KB of it is left." in refused(RESTORE_ROOM - 4 * VERSION_BYTES)
    refused_too = "/story restore (or Undo) is refused too: restores may store 64 KB past this room, and this server"
    for past in (RESTORE_ROOM, RESTORE_ROOM - VERSION_BYTES // 2):  # used, or less than a restore's row left
        assert refused_too in refused(past) and "still brings back" not in refused(past)
        assert refused(past).endswith(
            "ask the bot's owner to move this server's kept versions out of the database (they keep them in a file)."
        )


@pytest.mark.parametrize("length", [4, 23, 47])
@pytest.mark.parametrize("listed", [(True, False, True), (False, True, True), (True, True, True), (False, True, False)])
def test_settings_with_long_lists_keep_within_the_limit_and_end_with_how_to_change_them(listed, length):
    """Each list of channels names as many as leave room for the rest: what a list with none says instead ("no
    channel: ..."), counted too. Uncounted, /settings with no answer channel, quiet channels and many stories came
    out 75 characters past the limit, and its end was cut."""
    every, quiet, stories = (["x" * length] * 1000 if full else [] for full in listed)
    text = settings_text(
        budget="5 questions per 30 seconds",
        every=every,
        quiet=quiet,
        stories=stories,
        library_hidden=False,
        forgotten=2,
        limit=4096,
    )
    assert len(text) <= 4096
    assert text.endswith("leave the options out to go back to the defaults.")
    assert ("no channel: mentions" in text) is not listed[0] and ("none: questions search" in text) is not listed[2]
    assert text.count("more channels") == sum(listed)


def test_the_discord_story_list_counts_in_the_singular_too():
    """Its title and each story's size said as every other count is (bot.counted): "1 stories" and "(1 passages)"
    were shown for a server with one story, and a story of one passage."""
    assert (stories_title(1), stories_title(1200)) == ("1 story", "1,200 stories")
    assert (story_passages_text(1), story_passages_text(7)) == ("(1 passage)", "(7 passages)")


def test_wait_message_is_polite_and_precise():
    assert wait_message(0.2) == "You're asking faster than I can keep up. Please try again in 1 second."
    assert wait_message(12.6).endswith("in 13 seconds.")


@pytest.mark.parametrize("fault", list(Fault))
def test_a_database_fault_is_told_as_one_task_on_both_front_ends_and_retrying_only_when_it_can_help(fault: Fault):
    """The command line's and Discord's words for the same failed task: before, each front end named its tasks
    itself (the votes `feedback export` read were "the feedback" on Discord), and said "try again" on its own."""
    for task in DatabaseTask:
        reader, owner = database_trouble_text(fault, task), database_command_text(fault, task, "database is locked")
        doing = reader.removeprefix("I couldn't ").split(":")[0]
        assert doing and owner.startswith(f"Could not {doing} (database is locked)"), (reader, owner)
        assert ("try again in a moment" in reader.lower()) is ("try again in a moment" in owner) is not fault.lasting
    doings = {database_trouble_text(fault, task).split(":")[0] for task in DatabaseTask}
    assert len(doings) == len(DatabaseTask)  # one name per task, none shared


def test_every_cause_of_a_skipped_file_reads_as_its_own_sentence_naming_the_file() -> None:
    formats = {Cause.UNREAD_FORMAT: UnreadFormat.KINDLE}  # its facts' format is a kind of book, not a reader's name
    facts = {cause: dataclasses.replace(FACTS, cause=cause, format=formats.get(cause, FACTS.format)) for cause in Cause}
    texts = {cause: problem_text(Problem(file="mill.epub", why=why)) for cause, why in facts.items()}
    assert len(set(texts.values())) == len(Cause)  # no two causes say the same thing
    for cause, text in texts.items():
        assert text.startswith(("Skipped mill.epub", "Skipped the folder mill.epub", "Ignored 3 files")), (cause, text)
        assert text.endswith(".") and ".." not in text, (cause, text)
        assert "{" not in text.replace("{\\rtf", "") and "Cause" not in text and "Refusal(" not in text
    assert texts[Cause.NEEDS_READER].endswith("install it with pip install -e '.[Bad magic number]' and reload.")


def test_a_reader_error_without_words_still_makes_a_sentence() -> None:
    """A ValueError a reader did not foresee is said in its own words (Cause.OTHER): one with none said "Skipped
    odd.epub: it ." on the command line, and "That file , so it was not added." to an upload's manager."""
    wordless = refusal_of(ValueError())
    assert problem_text(Problem(file="odd.epub", why=wordless)) == "Skipped odd.epub: it cannot be read."
    assert upload_refusal_text(ShelfError(UploadRefusal.UNREADABLE, name="odd.epub", why=wordless)).startswith(
        "That file cannot be read, so it was not added."
    )


def test_the_words_of_a_skipped_file_are_the_ones_its_reader_used_to_say() -> None:
    refusal = Refusal(cause=Cause.PAGES_MISSING, name="OEBPS/p5.xhtml", count=1)
    assert (
        refusal_text(refusal)
        == "lacks OEBPS/p5.xhtml and 1 more, which its spine lists as pages of the book; export it again"
    )
    assert refusal_text(Refusal(cause=Cause.TOO_LARGE, count=40 * 2**20, most=32 * 2**20)) == (
        "is 40 MB, over the 32 MB a story may be; split it into several files"
    )
    ignored = Refusal(cause=Cause.NOT_STORIES, names=("a.json", "b.json"), count=7)
    assert problem_text(Problem(file=None, why=ignored)).endswith(": a.json, b.json and 5 more.")


@pytest.mark.parametrize(
    ("seconds", "said"), [(1, "1 second to read,"), (2.5, "2.5 seconds to read,"), (60, "60 seconds")]
)
def test_a_file_too_slow_to_read_names_its_limit_in_the_right_number(seconds: float, said: str) -> None:
    text = problem_text(Problem(file="tower.pdf", why=Refusal(cause=Cause.TOO_SLOW, seconds=seconds)))
    assert f"Skipped tower.pdf: it took longer than {said}" in text
    assert text.count("second") == 1 and "STORYBOT_UPLOAD_SECONDS" in text and "left out" not in text


def test_a_missing_reader_is_followed_by_reload_on_discord_and_by_running_the_command_again_on_the_command_line() -> (
    None
):
    problem = Problem(file="keeper.epub", why=Refusal(cause=Cause.NEEDS_READER, format="EPUB", detail="formats"))
    install = "Skipped keeper.epub: it needs the optional EPUB reader; install it with pip install -e '.[formats]'"
    assert problem_text(problem) == f"{install} and reload."
    assert command_line_problem(problem) == f"{install}, then run the command again."
    empty = Problem(file="draft.md", why=Refusal(cause=Cause.EMPTY))
    assert command_line_problem(empty) == problem_text(empty)


def test_a_file_too_slow_to_read_is_read_again_by_reload_on_discord_and_by_the_index_command_on_the_command_line() -> (
    None
):
    """A skip for time is no verdict on the file (the machine may have been busy): the owner is told what reads it
    again, in their front end's words."""
    problem = Problem(file="tower.pdf", why=Refusal(cause=Cause.TOO_SLOW, seconds=60))
    said = (
        "Skipped tower.pdf: it took longer than 60 seconds to read, the most STORYBOT_UPLOAD_SECONDS allows. If the "
        "machine was busy, {} reads it again (or raise that limit); if not, split it, or export it again."
    )
    assert problem_text(problem) == said.format("/reload")
    assert command_line_problem(problem) == said.format("python -m bot index")


def test_the_files_read_again_are_named_in_the_front_ends_way() -> None:
    said = read_again_text(["tower.pdf"])
    assert said == (
        "Read again 1 file skipped before because reading took too long or its reader was stopped: `tower.pdf`."
    )
    assert read_again_text(["a`b.pdf", "c\nd.pdf"], one_line) == (
        "Read again 2 files skipped before because reading took too long or its reader was stopped: a`b.pdf, c\\nd.pdf."
    )
    note = IndexNote(event=IndexEvent.READ_AGAIN, file="tower.pdf")
    assert index_note_text(note) == "tower.pdf, skipped before for taking too long to read, was read again"


def test_a_corpus_that_cannot_be_used_is_said_from_the_cores_data() -> None:
    """The core raises why as data (the folder's fault, or the files that gave no story); only this module words it."""
    locked = FolderRefused(FolderFault.UNREADABLE, Path("/srv/stories"), "Permission denied")
    assert corpus_error_text(locked) == (
        "The corpus folder /srv/stories cannot be read (Permission denied); check its permissions."
    )
    assert str(locked) == "unreadable: /srv/stories"  # for the log: a code and a path, no words of the bot's
    assert folder_fault_text(FolderFault.UNREADABLE, "/srv/stories").endswith("be read; check its permissions.")
    empty = NoStories(Path("/srv/stories"), [Problem(file="draft.md", why=Refusal(cause=Cause.EMPTY))])
    assert corpus_error_text(empty) == no_stories_text(empty.root, empty.problems)
    assert corpus_error_text(empty).startswith("No stories could be loaded from /srv/stories. Skipped draft.md:")
    assert str(empty) == "no_stories: /srv/stories"
    assert corpus_error_text(CorpusError("anything else")) == "anything else"


def test_a_worker_that_ended_without_a_word_is_said_with_its_exit_or_the_signal_that_killed_it() -> None:
    """The core gives its exit code as multiprocessing does (minus the signal's number when one killed it)."""
    assert (
        corpus_error_text(WorkerEnded(1)) == worker_ended_text(1) == "The worker process ended without a word (exit 1)."
    )
    assert worker_ended_text(-9) == "The worker process ended without a word (killed by SIGKILL)."
    assert worker_ended_text(-200) == "The worker process ended without a word (killed by signal 200)."
    failed = reload_text(Reload(outcome=Reloaded.NO_STORIES, worker_exit=-9))
    assert failed == (
        "The reload failed; still using the stories I had. The worker process ended without a word (killed by SIGKILL)."
    )
    stopped = Problem(file="tower.pdf", why=Refusal(cause=Cause.READER_STOPPED, count=-9))
    assert problem_text(stopped) == (
        "Skipped tower.pdf: it stopped its reader (killed by SIGKILL). If the system ended it (short of memory), "
        "/reload reads it again."
    )
    assert command_line_problem(stopped).endswith("(short of memory), python -m bot index reads it again.")
    exited = Refusal(cause=Cause.READER_STOPPED, count=1)
    assert refusal_text(exited) == "stopped its reader (exit 1)"
    saved_before = Refusal(cause=Cause.READER_STOPPED, detail="The worker process ended (exit -9)")  # kept as it was
    assert refusal_text(saved_before) == "stopped its reader (The worker process ended (exit -9))"


def test_an_upload_its_reader_refuses_is_told_why_in_the_words_of_a_skipped_file() -> None:
    why = Refusal(cause=Cause.LOCKED)
    told = upload_refusal_text(ShelfError(UploadRefusal.UNREADABLE, name="book.epub", why=why))
    assert told == f"That file {refusal_text(why)}, so it was not added."
    stopped = upload_refusal_text(ShelfError(UploadRefusal.UNREADABLE, name="book.epub", why=STOPPED))
    assert stopped == "That file stopped its reader, so it was not added."


def test_an_upload_too_slow_to_read_names_its_limit_in_the_right_number() -> None:
    def told(seconds: int) -> str:
        return upload_refusal_text(ShelfError(UploadRefusal.TOO_SLOW, name="tower.pdf", size=seconds))

    assert told(1).startswith("That file took longer than 1 second to read, so it was not added.")
    assert told(60).startswith("That file took longer than 60 seconds to read, so it was not added.")


@pytest.mark.parametrize("fault", list(IndexFault))
def test_every_index_fault_is_said_with_its_facts(fault: IndexFault) -> None:
    """The core notes a code and facts (bot.core.index_notes); every code has words here, naming its file."""
    note = IndexNote(
        event=IndexEvent.DAMAGED, fault=fault, file="s1-0a1b.json", number=4096, detail="Input/output error"
    )
    said = index_fault_text(note)
    assert said and "None" not in said and "IndexFault" not in said
    assert "s1-0a1b.json" in said or fault in (IndexFault.NESTED_TOO_DEEP, IndexFault.OTHER)
    assert index_note_text(note) == f"the saved index was damaged ({said}) and was rebuilt"


def test_index_notes_are_said_as_before_from_their_codes() -> None:
    full = IndexNote(
        event=IndexEvent.NOT_SAVED,
        fault=IndexFault.SYSTEM,
        file="/home/ann/.cache/storybot/index",
        detail="No space left on device",
        error_number=errno.ENOSPC,
    )
    assert index_note_text(full) == (
        "the index could not be saved (No space left on device: /home/ann/.cache/storybot/index); answering from "
        "memory, the next start saves it"
    )
    assert index_not_saved_text(full) == (
        "could not save the index (No space left on device: /home/ann/.cache/storybot/index). Make room there, or set "
        "STORYBOT_INDEX to a folder of your own."
    )
    foreign = IndexNote(
        event=IndexEvent.UNTRUSTED, fault=IndexFault.OTHER_OWNER, file="s2-9f.library.json", number=1001
    )
    assert index_note_text(foreign) == (
        "the saved index was not used (s2-9f.library.json belongs to another user (uid 1001)) and was rebuilt"
    )
    deep = IndexNote(event=IndexEvent.DAMAGED, fault=IndexFault.NESTED_TOO_DEEP)
    assert index_fault_text(deep) == "a file of it is nested too deeply to be one storybot wrote"
    size = IndexNote(event=IndexEvent.DAMAGED, fault=IndexFault.SIZE_NOT_HEADER, file="a.npy", number=40960)
    assert index_fault_text(size) == "a.npy is 40,960 bytes, not what its header says"


def test_a_reload_says_the_damage_it_repaired_and_the_index_it_could_not_save() -> None:
    damaged = IndexNote(event=IndexEvent.DAMAGED, fault=IndexFault.NOT_AS_SAVED, file="s1-0a.passages.doc_len.npy")
    unsaved = IndexNote(
        event=IndexEvent.NOT_SAVED, fault=IndexFault.SYSTEM, file="/cache", detail="Read-only file system"
    )
    said = reload_text(Reload(outcome=Reloaded.DONE, stories=1, passages=3, notes=(damaged, unsaved)))
    assert (
        "Repaired the damaged saved index (s1-0a.passages.doc_len.npy is damaged (its size or checksum is not the one "
        "saved))." in said
    )
    assert "Index: the index could not be saved (Read-only file system: /cache); answering from memory" in said


def test_a_log_line_naming_an_index_note_is_worded_for_the_front_ends() -> None:
    """The core logs a note's code and facts; the handlers the command line and the bot show word it here."""
    note = IndexNote(event=IndexEvent.UNTRUSTED, fault=IndexFault.LINK, file="segments.json")
    record = logging.LogRecord(
        "bot.core.saved_index", logging.WARNING, __file__, 1, "Not using %s: %s.", ("x", note), None
    )
    assert record.getMessage() == "Not using x: link segments.json."  # as a log without the filter keeps it
    assert NotesWorded().filter(record) and record.getMessage() == "Not using x: segments.json is a link."


def _own_words_in(modules: Iterable[Path]) -> list[str]:
    """Each English literal of these modules, as module:line: text."""
    return [
        f"{module.relative_to(BOT)}:{line}: {text!r}" for module in sorted(modules) for line, text in _own_words(module)
    ]


def test_the_front_ends_say_nothing_in_words_of_their_own():
    """One set of messages: Discord's pick list said "Pick one below." and "Showing results for" from its renderer,
    the console its greeting and "Unknown command", each in words of its own that no other front end shared; the
    slash commands' descriptions and replies (/settings, /story, /help) were their cogs' own."""
    assert _own_words_in(FRONT_ENDS) == []
    assert len(FRONT_ENDS) > 40 and all(module.is_file() for module in FRONT_ENDS)


def test_the_settings_the_database_and_eval_say_nothing_in_words_of_their_own():
    """Their errors to the owner were their own English ("STORYBOT_LOG_LEVEL is 'LOUD'; use one of ...", "Could not
    open the database at ...", "... is missing; a BEIR folder has ..."): now a reason code and its facts, worded in
    bot.messages, and a new sentence there fails here."""
    assert _own_words_in(DATA_LAYERS) == []
    assert len(DATA_LAYERS) > 20 and all(module.is_file() for module in DATA_LAYERS)


def test_the_check_of_the_front_ends_finds_words_and_passes_code(tmp_path: Path) -> None:
    module = tmp_path / "probe.py"
    module.write_text(
        "from typing import Literal\n\n"
        'Where = Literal["this server", "the owner\'s library"]\n'
        'HOLDERS = "SELECT l.mode FROM pg_locks l"\n\n\n'
        "def reply(log, parser, app_commands, record) -> str:\n"
        '    """A docstring is no message."""\n'
        '    log.warning("Could not write %s.", "the file")\n'
        '    parser.add_argument("--to", help="the revision to take it back to")\n'
        '    record.msg = "Could not close a connection."\n'
        '    app_commands.describe(story="The story\'s title or file name")\n'
        '    return "storybot:shelf:remove" + "That request has expired; run the command again."\n\n\n'
        "def fault(text, name) -> dict[str, str]:\n"
        '    if "file is not a database" in text or name == "STORYBOT_DATA":\n'
        '        return {"passage holds": "PRAGMA busy_timeout=5"}\n'
        '    return {"hit@1": "The database is locked; try again."}\n'
    )
    assert {text for _, text in _own_words(module)} == {
        "this server",  # a Literal's choices are shown as they are written: a slash command's come from bot.messages
        "the owner's library",
        "The story's title or file name",  # what Discord shows of a slash command: its wording is here too
        "That request has expired; run the command again.",
        "The database is locked; try again.",  # a dict's value, unlike its key
    }


@pytest.mark.parametrize("fault", list(SettingsFault))
def test_every_settings_fault_is_said_with_its_setting_and_what_it_takes(fault: SettingsFault) -> None:
    """bot.settings raises a code and facts; every code has its sentence here, naming the setting or the .env file."""
    error = SettingsError(
        fault,
        name="STORYBOT_ANSWER_DAYS",
        value="a month",
        number=4000,
        position=3,
        takes=Takes(unit=Unit.DAYS, high=3650),
        file=Path("/srv/bot/.env"),
        detail="~nobody",
    )
    said = settings_error_text(error)
    assert "STORYBOT_ANSWER_DAYS" in said or "/srv/bot/.env" in said or "DISCORD_TOKEN" in said, said
    assert said.endswith(".") and "None" not in said and "{" not in said.replace('{"', ""), said
    assert str(error) == f"{fault.value}: STORYBOT_ANSWER_DAYS"  # the log's: the code and the setting, no value
    texts = {
        settings_error_text(SettingsError(each, name="X", value="v", number=1, takes=Takes(unit=Unit.DAYS)))
        for each in SettingsFault
    }
    assert len(texts) == len(SettingsFault)  # no two codes say the same thing


def test_what_a_number_setting_takes_is_said_in_its_unit_and_bounds() -> None:
    assert takes_text(Takes(unit=Unit.DAYS, high=3650)) == "a whole number of days, 1 to 3650"
    assert takes_text(Takes(unit=Unit.MEGABYTES)) == "a whole number of megabytes, at least 1"
    assert takes_text(Takes(unit=Unit.DISCORD_ID)) == "a number (a Discord id is all digits)"
    assert all(takes_text(Takes(unit=unit)) for unit in Unit)
    budget = QuestionBudget(1, 30)
    assert budget_text(budget) == "1 question per 30 seconds" and budget_text(QuestionBudget()) == (
        "5 questions per 30 seconds"
    )


@pytest.mark.parametrize("fault", list(OpenFault))
def test_every_database_fault_is_said_with_the_database_and_what_to_do(fault: OpenFault) -> None:
    error = DatabaseError(
        fault,
        where="postgresql://bot:***@db/stories",
        detail="connection refused",
        role="bot",
        database="stories",
        revision="0006",
        file=Path("/srv/data/storybot.db"),
        copy=Path("/srv/data/storybot.db.revision-0006"),
        cause=DatabaseError(OpenFault.UNREACHABLE, where="postgresql://bot:***@db/stories", detail="TimeoutError"),
    )
    said = database_error_text(error)
    assert said.endswith(".") and "None" not in said and "OpenFault" not in said, said
    assert "STORYBOT_DATABASE_URL" in said or "db/stories" in said or "/srv/data" in said, said
    assert error.transient is fault.transient and "***" in str(error)
    texts = {database_error_text(DatabaseError(each, where="w", detail="d", file=Path("f"))) for each in OpenFault}
    assert len(texts) == len(OpenFault)
    if fault is OpenFault.PARTLY_TAKEN_BACK:  # the failure it ended with, then what to do with the copy
        assert said.startswith("Could not reach the database at postgresql://bot:***@db/stories: it did not answer")


def test_a_database_call_that_did_not_happen_is_said_from_its_facts() -> None:
    assert unavailable_text(DatabaseUnavailable(Fault.BUSY, seconds=3.0)) == "no answer within 3 seconds"
    gone = DatabaseUnavailable(Fault.GONE, file=Path("/srv/data/storybot.db"))
    assert unavailable_text(gone) == "/srv/data/storybot.db was removed"
    read_only = DatabaseUnavailable(Fault.UNWRITABLE, file=Path("/srv/data/storybot.db"))
    assert unavailable_text(read_only) == "/srv/data/storybot.db is read-only"
    assert unavailable_text(DatabaseUnavailable(Fault.UNREACHABLE, detail="TimeoutError")) == (
        "it did not answer in time"
    )
    assert unavailable_text(DatabaseUnavailable(Fault.BUSY, detail="database is locked")) == "database is locked"


@pytest.mark.parametrize("fault", list(DatasetFault))
def test_every_dataset_fault_is_said_with_its_file(fault: DatasetFault) -> None:
    error = DatasetError(
        fault, file=Path("/data/q.jsonl"), line=2, detail="'q'", question="Who?", story_file="mill.md", title="Normans"
    )
    said = dataset_error_text(error)
    assert "/data/q.jsonl" in said or "mill.md" in said or "Normans" in said, said
    assert "None" not in said and "DatasetFault" not in said, said
    texts = {dataset_error_text(DatasetError(each, file=Path("f"))) for each in DatasetFault}
    assert len(texts) == len(DatasetFault)


def test_a_name_a_message_gives_shows_a_terminals_escape_rather_than_losing_it():
    """printable() takes a terminal's escape out whole: "\\x1b[31mred", a folder not there, was said to be "red",
    another folder that was; a skipped file's name so, and an export's file."""
    said = folder_fault_text(FolderFault.MISSING, "\x1b[31mred")
    assert printable(said).startswith("The corpus folder \\x1b[31mred does not exist."), said
    assert printable(file_exists_text("fbx\x1b[2Ksafe.jsonl")).startswith("fbx\\x1b[2Ksafe.jsonl already exists")
    # A shelf's export, a saved index's folder and the run lock name theirs so too.
    assert "\\x1b[2Kkept.zip" in printable(export_not_written_text("\x1b[2Kkept.zip", "No space left on device"))
    assert printable(export_folder_missing_text("\x1b[31mout")).startswith("\\x1b[31mout is not a folder")
    assert "saved in \\x1b[31mindex " in printable(indexed_text("3 stories", 0.5, "\x1b[31mindex", 10))
    assert "run lock \\x1b[31mrun.lock " in printable(run_lock_unopened_text("\x1b[31mrun.lock", "Permission denied"))


def test_a_name_with_a_nickname_in_quotes_is_suggested_in_other_quotes(tmp_path):
    # 'e.g. "Gwendolyn "Gwen" Pryce"' read as three quotations.
    static = Path(__file__).resolve().parents[1] / "bench" / "untuned4" / "corpus" / "velvet-static.md"
    (tmp_path / static.name).write_bytes(static.read_bytes())
    library = StoryLibrary.load(tmp_path)
    assert library.example_name() == 'Gwendolyn "Gwen" Pryce'
    missed = no_answer_message(library.ask("How do I bake bread?"), NEXT_START_REBUILDS)
    assert missed.endswith('e.g. “Gwendolyn "Gwen" Pryce”.')
    assert no_answer_message(library.ask(" "), NEXT_START_REBUILDS).endswith('e.g. “Who is Gwendolyn "Gwen" Pryce?”')
