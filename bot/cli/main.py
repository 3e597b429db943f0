"""`python -m bot`: the command-line adapter (docs/commands.md, "Command line", is the contract)."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import importlib.metadata
import io
import logging
import math
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractAsyncContextManager, contextmanager
from pathlib import Path
from typing import Protocol

from bot.cli.console import request_reply, run_console
from bot.cli.corpus_warnings import print_changed_problems, print_problems
from bot.cli.database import DatabaseCommandError, database_downgrade, database_status
from bot.cli.evaluate import run_eval
from bot.cli.feedback import ExportError, export_feedback
from bot.cli.json_lines import json_line
from bot.cli.output import OutputFailed, quiet_output, set_up_error_output, set_up_output
from bot.cli.render import (
    DEFAULT_WIDTH,
    answer_json,
    answer_text,
    lookup_json,
    lookup_text,
    stories_json,
    stories_text,
)
from bot.cli.shelf_export import export_kept
from bot.cli.shelf_import import ShelfCommandError, import_stories
from bot.core.answer import NoAnswer
from bot.core.corpus import CorpusError
from bot.core.excerpt import EXCERPT_CHARS
from bot.core.index import BM25Params
from bot.core.library import StoryLibrary
from bot.core.rerank.model import signal_names
from bot.eval.beir import DatasetError, Part
from bot.health import check
from bot.messages import (
    ABLATION_USAGE,
    COMMAND_LINE_HELP,
    EMPTY_PATH,
    EMPTY_PERSON_NAME,
    INDEX_OFF,
    INVITE_NEEDS_TOKEN,
    LIST_STORIES_COMMAND,
    NEXT_START_REBUILDS,
    NOT_INSTALLED,
    QUESTIONS_PROMPT,
    NotesWorded,
    corpus_error_text,
    dataset_error_text,
    empty_question_text,
    eval_sources_text,
    excerpt_chars_text,
    index_not_saved_text,
    indexed_text,
    invite_permissions_text,
    library_size,
    no_answer_message,
    no_home_path_text,
    no_person_text,
    not_a_count_text,
    not_a_number_text,
    not_a_server_id_text,
    output_failed_text,
    read_again_text,
    settings_error_text,
    story_choice_text,
)
from bot.one_line import one_line
from bot.operations.ask import Asked, ask
from bot.operations.build_index import IndexBuilt, build_index
from bot.operations.list_stories import list_stories
from bot.operations.look_up_person import PersonFound, look_up_person
from bot.operations.opening import open_library
from bot.operations.resolve_story import StoryFound, resolve_story
from bot.operations.story_ref import StoryRef
from bot.settings import DISCORD_ID_LIMIT, DISTRIBUTION, Settings, SettingsError, is_discord_id
from bot.startup_error import StartupError
from bot.state.releases import known_releases

USAGE_ERROR = 2
UNHEALTHY = 1
BROKEN_PIPE = 128 + 13
"""As a shell reports a process that SIGPIPE ended: what `... | head -1` leaves behind."""
OUTPUT_FAILED = 1
"""Standard output could not be written (a full disk, a closed descriptor), as Unix tools exit then."""
EVAL_SOURCES = ("table", "sections", "squad", "beir", "questions", "people")
"""What `eval` can measure: one of them, or --table with --squad."""


class UsageError(Exception):
    """Bad usage or an unusable corpus: reported in one line, exit code 2."""


class DiscordCommands(Protocol):
    """The Discord bot's commands, plugged in by the program (bot.program): the command line imports nothing
    of bot.discord_app, and discord.py loads only for the commands that need it."""

    def run(self, settings: Settings, load_library: Callable[[], StoryLibrary], *, sync_only: bool) -> int:
        """Runs the bot (or only registers its commands) until stopped; the exit code."""
        ...

    def invite(self, token: str) -> tuple[str, tuple[str, ...]]:
        """The link that adds the bot to a server, and the permissions it asks for."""
        ...

    def stopped(self, settings: Settings) -> AbstractAsyncContextManager[None]:
        """Holds the bot's run locks while the block runs (the data folder's on SQLite, the database's on
        PostgreSQL), so that no bot runs meanwhile; a StartupError (exit 2) when one is running."""
        ...


def server_id(text: str) -> int:
    """A Discord server's id as argparse takes it: a snowflake, a positive number below 2**63 (the
    database's integers), never one that could not name a server."""
    if not is_discord_id(text):
        raise argparse.ArgumentTypeError(not_a_server_id_text(text, DISCORD_ID_LIMIT - 1))
    return int(text)


def number_in(low: float, high: float = math.inf) -> Callable[[str], float]:
    """An argparse type: a number from low to high (nan and infinities are none), as BM25's k1 and b must be."""

    def number(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not (low <= value <= high and math.isfinite(value)):
            raise argparse.ArgumentTypeError(not_a_number_text(text, low, high))
        return value

    return number


def given_path(text: str) -> Path:
    """An argparse type: a path, never an empty one (Path("") is the current folder: a script's
    `--corpus "$BOOKS"` with BOOKS unset read every story file below wherever it was run). A `~` is the home folder,
    as in the settings: the shell leaves it as it is in `--corpus=~/stories`, which was a folder that did not exist."""
    if not text:
        raise argparse.ArgumentTypeError(EMPTY_PATH)
    try:
        return Path(text).expanduser()
    except RuntimeError as error:  # "~stories" for "~/stories": pathlib finds no home for a user "stories"
        raise argparse.ArgumentTypeError(no_home_path_text(text)) from error


def count(text: str) -> int:
    """An argparse type: a whole number, 0 or more."""
    if not text.strip().isdecimal():
        raise argparse.ArgumentTypeError(not_a_count_text(text))
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--corpus",
        type=given_path,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="folder of stories (default: STORYBOT_CORPUS, else the bundled corpus/)",
    )
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Answers questions about a folder of stories, here or on Discord. "
        "With no command: the Discord bot if DISCORD_TOKEN is set, else a local console.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"{DISTRIBUTION} {version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    ask = commands.add_parser("ask", parents=[common], help="answer a question (or one per line from stdin)")
    # Its words as typed, quoted or not (`ask who is sofia`): unquoted, each was "unrecognized arguments".
    ask.add_argument("question", nargs="*", help="the question; leave out to read one per line from stdin")
    ask.add_argument("--json", action="store_true", help="print JSON (one object per line for stdin)")
    ask.add_argument("--story", metavar="NAME", help="search only this story (title or file name, forgiving typos)")
    performer = commands.add_parser("performer", parents=[common], help="look up a person of the stories")
    performer.add_argument("name", nargs="+", help="the person's name, quoted or not")
    performer.add_argument("--json", action="store_true", help="print JSON")
    commands.add_parser(
        "index", parents=[common], help="build the corpus's index and save it, so later starts open it at once"
    )
    stories = commands.add_parser("stories", parents=[common], help="list the stories, and the files skipped")
    stories.add_argument("--json", action="store_true", help="print JSON")
    commands.add_parser("console", parents=[common], help="the interactive console")
    commands.add_parser("run", parents=[common], help="run the Discord bot (needs DISCORD_TOKEN)")
    commands.add_parser(
        "sync", parents=[common], help="register the slash commands with Discord now (needs DISCORD_TOKEN)"
    )
    commands.add_parser("invite", help="print the link that adds the bot to a server (needs DISCORD_TOKEN)")
    commands.add_parser("health", help="exit 0 if the running bot is connected to Discord, else 1 (for health checks)")
    feedback = commands.add_parser("feedback", help="what readers said of answers on Discord")
    feedback_commands = feedback.add_subparsers(dest="feedback_command", metavar="ACTION", required=True)
    export = feedback_commands.add_parser(
        "export", help="write the answers voted 👎 as questions to complete and replay with eval --questions"
    )
    export.add_argument("file", type=given_path, metavar="FILE", help="a new .jsonl file, or - for stdout")
    export.add_argument(
        "--server", type=server_id, metavar="ID", help="only this server's (default: every server and DMs)"
    )
    shelf = commands.add_parser("shelf", help="a Discord server's own stories")
    shelf_commands = shelf.add_subparsers(dest="shelf_command", metavar="ACTION", required=True)
    shelf_import = shelf_commands.add_parser(
        "import", help="add story files to one server's own stories (moving a folder-based setup over)"
    )
    shelf_import.add_argument("--server", type=server_id, metavar="ID", required=True, help="the Discord server's id")
    shelf_import.add_argument("files", type=given_path, nargs="+", metavar="FILE", help="story files, any format")
    shelf_export = shelf_commands.add_parser(
        "export-kept",
        help="move one server's kept versions (replaced and removed, not searched) out of the database into a zip",
    )
    shelf_export.add_argument("--server", type=server_id, metavar="ID", required=True, help="the Discord server's id")
    shelf_export.add_argument("file", type=given_path, metavar="FILE", help="a new .zip file (never overwritten)")
    database = commands.add_parser("database", help="the bot's database: its schema revision, and rolling it back")
    database_commands = database.add_subparsers(dest="database_command", metavar="ACTION", required=True)
    database_commands.add_parser("status", help="the database's schema revision and the revisions this storybot knows")
    downgrade = database_commands.add_parser(
        "downgrade",
        help="take the database back to an earlier revision, for an older storybot (the bot stopped; "
        "docs/service.md: Rolling back)",
    )
    downgrade.add_argument(
        "--to",
        required=True,
        metavar="REVISION|RELEASE",
        help="the revision an older storybot knows (0004, or 4), or its release (0.1.0: the newest revision it knows)",
    )
    downgrade.add_argument(
        "--yes",
        action="store_true",
        help="on PostgreSQL, drop the tables and columns that hold data (back it up first: pg_dump)",
    )
    evaluate = commands.add_parser("eval", parents=[common], help="measure ranking quality (README: Ranking quality)")
    source = evaluate.add_mutually_exclusive_group()  # or --squad alone (checked in main)
    source.add_argument("--beir", type=given_path, metavar="DIR", help="a BEIR-layout collection, e.g. SciFact")
    source.add_argument("--questions", type=given_path, metavar="FILE", help='JSON lines of {"q": ..., "expect": ...}')
    source.add_argument(
        "--sections",
        type=given_path,
        metavar="DIR",
        help="a corpus/ and questions.jsonl tied to sections (FairytaleQA)",
    )
    source.add_argument(
        "--people",
        type=given_path,
        nargs="+",
        metavar="DIR",
        help="count the people found in these folders' stories, and the precision of a labelled sample",
    )
    source.add_argument(
        "--table",
        type=given_path,
        metavar="DIR",
        help="one row per validation set, BM25Okapi alone beside the default, from a folder holding fairytaleqa/ "
        "and scifact/ (README: Ranking quality)",
    )
    evaluate.add_argument(
        "--squad",
        type=given_path,
        metavar="FILE",
        help="SQuAD v1.1's dev-v1.1.json: alone, its questions as --sections measures them (--part, by default its "
        "held-out third of articles); for --table, that third adds two rows (default: DIR/squad/dev-v1.1.json if "
        "there; docs/commands.md: eval's options)",
    )
    evaluate.add_argument("--labels", type=given_path, metavar="FILE", help="for --people: hand labels of the sample")
    evaluate.add_argument("--sample", type=count, default=100, metavar="N", help="for --people: sample size")
    evaluate.add_argument("--seed", type=int, default=0, help="for --people: the sample's random seed")
    evaluate.add_argument(
        "--excerpts",
        action="store_true",
        help="for --sections and --squad: also how often the excerpt shown holds the answer its passage holds",
    )
    evaluate.add_argument(
        "--excerpt-chars",
        type=int,
        default=EXCERPT_CHARS,
        help=f"for --excerpts: how long an excerpt may be (default: {EXCERPT_CHARS}, as the bot shows them)",
    )
    evaluate.add_argument("--split", default="train", help="qrels split for --beir (default: train)")
    evaluate.add_argument(
        "--part",
        choices=[p.value for p in Part],
        help="for --beir: all queries (the default), those the re-ranker is fitted on, or the held-out fifth it is "
        "chosen by; for --squad alone: all articles, those fits may read, or the held-out third (the default)",
    )
    evaluate.add_argument(
        "--checks",
        type=given_path,
        default=Path("tests/fixtures/story_questions.jsonl"),
        metavar="FILE",
        help="for --table: the questions file measured on the corpus (default: the bundled one)",
    )
    evaluate.add_argument(
        "--model", type=given_path, metavar="FILE", help="rank with this model.json (from fit_reranker)"
    )
    evaluate.add_argument(
        "--scope",
        choices=("library", "story", "both"),
        help="what is searched: for --sections and --squad both by default; for --questions the library by"
        " default, and story asks each question of the one story holding its phrase",
    )
    evaluate.add_argument(
        "--distractors",
        type=given_path,
        nargs="*",
        default=[],
        metavar="DIR",
        help="for --sections: more stories in the library",
    )
    evaluate.add_argument(
        "--without",
        action="append",
        default=[],
        metavar="SIGNAL",
        choices=signal_names(),
        help=f"switch a re-ranking signal off: {', '.join(signal_names())}",
    )
    evaluate.add_argument("--no-rerank", action="store_true", help="BM25Okapi's order alone")
    evaluate.add_argument(
        "--ablation", action="store_true", help="also measure with each re-ranking signal off in turn"
    )
    defaults = BM25Params()
    evaluate.add_argument("--k1", type=number_in(0), default=defaults.k1, help=f"BM25 k1 (default {defaults.k1})")
    evaluate.add_argument("--b", type=number_in(0, 1), default=defaults.b, help=f"BM25 b (default {defaults.b})")
    evaluate.add_argument("--epsilon", type=number_in(0), default=defaults.epsilon, help="idf floor factor")
    evaluate.add_argument("--no-stem", dest="stem", action="store_false", help="measure without stemming")
    evaluate.add_argument("--no-stopwords", dest="stopwords", action="store_false", help="keep stop words")
    evaluate.add_argument("--no-fold", dest="fold_accents", action="store_false", help="keep accents")
    evaluate.add_argument("--no-lemma", dest="lemmatize", action="store_false", help="measure without lemmas")
    evaluate.add_argument("--no-correct", dest="correct", action="store_false", help="measure without typo correction")
    evaluate.add_argument("--json", action="store_true", help="print JSON")
    return parser


def version() -> str:
    try:
        return importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return NOT_INSTALLED


def main(argv: Sequence[str] | None = None, *, discord: DiscordCommands) -> int:
    parser = build_parser()
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):  # argparse passes over its output's failures: exit 0, nothing shown
            args: argparse.Namespace | None = parser.parse_args(argv)
    except SystemExit as done:
        if done.code != 0:
            raise
        args = None  # --help or --version: what it printed is written below, as any command's output
    # Output never fails on a character the terminal's encoding lacks; JSON is always UTF-8. What is typed or
    # piped in is UTF-8 whatever the locale says (LANG=C, PYTHONIOENCODING=ascii), and a byte that is not
    # becomes U+FFFD: the console's lines (input() decodes with these too) never end it with a traceback.
    set_up_output("utf-8" if getattr(args, "json", False) else None)
    set_up_error_output()
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(encoding="utf-8", errors="replace")
    try:
        if args is None:
            print(printed.getvalue(), end="")
            sys.stdout.flush()
            return 0
        settings = Settings.from_env()
        if "corpus" in args:
            settings = dataclasses.replace(settings, corpus=args.corpus)
        code = _dispatch(args, settings, discord)
        sys.stdout.flush()  # what is still buffered fails here, where it is said, not unseen at exit
        return code
    except CorpusError as error:
        print(f"storybot: {corpus_error_text(error)}", file=sys.stderr)
        return USAGE_ERROR
    except SettingsError as error:
        print(f"storybot: {settings_error_text(error)}", file=sys.stderr)
        return USAGE_ERROR
    except DatasetError as error:
        print(f"storybot: {dataset_error_text(error)}", file=sys.stderr)
        return USAGE_ERROR
    except (
        UsageError,
        ExportError,
        ShelfCommandError,
        DatabaseCommandError,
    ) as error:
        print(f"storybot: {error}", file=sys.stderr)
        return USAGE_ERROR
    except StartupError as error:
        print(f"storybot: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`| head -1`): stop quietly, and keep Python from complaining
        # again when it flushes stdout at exit.
        quiet_output()
        return BROKEN_PIPE
    except OutputFailed as error:
        quiet_output()
        print(f"storybot: {output_failed_text(error.strerror)}", file=sys.stderr)
        return OUTPUT_FAILED


def _dispatch(args: argparse.Namespace, settings: Settings, discord: DiscordCommands) -> int:
    command = args.command or ("run" if settings.discord_token else "console")
    if command == "health":
        health = check(settings)
        print(health.message)
        return 0 if health.healthy else UNHEALTHY
    if command == "invite":
        return _invite(settings, discord)
    if command == "database":
        with _logs_on_stderr():
            if args.database_command == "status":
                return 0 if database_status(settings) else USAGE_ERROR
            return database_downgrade(
                settings, args.to, confirmed=args.yes, stopped=discord.stopped, releases=known_releases()
            )
    if command in ("run", "sync"):  # the bot sets up its own log
        return discord.run(
            settings, lambda: _load(settings, warn_every_time=True, bot=True), sync_only=command == "sync"
        )
    with _logs_on_stderr():
        return _run_command(command, args, settings)


def _run_command(command: str, args: argparse.Namespace, settings: Settings) -> int:
    if command == "ask":
        return _ask(args, _load(settings))
    if command == "performer":
        name = " ".join(args.name)
        if not name.strip():
            raise UsageError(EMPTY_PERSON_NAME)
        lookup = look_up_person(_load(settings), name)
        if lookup.found is PersonFound.EMPTY:  # zero-width spaces or bidirectional marks alone: nothing shows
            raise UsageError(EMPTY_PERSON_NAME)
        if lookup.found is PersonFound.TOO_LONG:
            raise UsageError(no_person_text(lookup))
        print(json_line(lookup_json(lookup)) if args.json else lookup_text(lookup))
        return 0
    if command == "stories":
        listed = list_stories(_load(settings, warn_every_time=True))
        print(json_line(stories_json(listed)) if args.json else stories_text(listed))
        return 0
    if command == "eval":
        if not any(getattr(args, source) is not None for source in EVAL_SOURCES):
            raise UsageError(eval_sources_text(EVAL_SOURCES))
        if args.excerpt_chars < 1:
            raise UsageError(excerpt_chars_text(EXCERPT_CHARS))
        if args.ablation and args.questions is not None:
            raise UsageError(ABLATION_USAGE)
        return run_eval(args, settings)
    if command == "index":
        return _index(settings)
    if command == "feedback":
        return export_feedback(settings, args.file, args.server)
    if command == "shelf" and args.shelf_command == "export-kept":
        return export_kept(settings, args.server, args.file)
    if command == "shelf":
        return import_stories(settings, args.server, args.files)
    return run_console(_load(settings), token_set=settings.discord_token is not None)


@contextmanager
def _logs_on_stderr() -> Iterator[None]:
    """What the core logs (a saved index rebuilt, and why) reaches the person at the command line, while the command
    runs. The logger is put back as it was after it: a command run in a process that goes on (a test's) left its
    handler on the stderr of that command, which was closed by then, so that a thread logging later printed
    "Logging error ... I/O operation on closed file", and each command added one more handler."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("storybot: %(message)s"))
    handler.addFilter(NotesWorded())
    logger = logging.getLogger("bot")
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def _load(settings: Settings, warn_every_time: bool = False, bot: bool = False) -> StoryLibrary:
    """The library; skipped files are warned about when that changed since they were last shown, or
    every time (the bot at start, `stories`); worded for the running bot's owner if `bot`."""
    library = open_library(settings, progress=sys.stderr.isatty())
    summary = list_stories(library, count=0)
    if warn_every_time:
        print_problems(summary.skipped, sys.stderr, bot=bot)
    else:
        print_changed_problems(summary.root, summary.skipped, sys.stderr)
    return library


def _invite(settings: Settings, discord: DiscordCommands) -> int:
    if not settings.discord_token:
        raise UsageError(INVITE_NEEDS_TOKEN)
    link, permissions = discord.invite(settings.discord_token)
    print(link)
    print(invite_permissions_text(permissions), file=sys.stderr)
    return 0


def _index(settings: Settings) -> int:
    """Builds and saves the index whatever the library's size, and says where and how big, and which files skipped
    before for taking too long to read it read again."""
    built = build_index(settings, progress=sys.stderr.isatty())
    if built.outcome is IndexBuilt.OFF:
        raise UsageError(INDEX_OFF)
    print_problems(built.skipped, sys.stderr)
    if built.read_again:
        print(read_again_text(built.read_again, one_line))
    if built.outcome is IndexBuilt.NOT_SAVED:
        raise UsageError(index_not_saved_text(built.notes[-1]))
    print(indexed_text(library_size(built.stories, built.passages), built.seconds, str(built.folder), built.size))
    return 0


def _ask(args: argparse.Namespace, library: StoryLibrary) -> int:
    story = _story(library, args.story) if args.story is not None else None
    if not args.question:
        if sys.stdin.isatty():
            print(QUESTIONS_PROMPT, file=sys.stderr)
        for number, line in enumerate(_stdin_lines()):
            if number and not args.json:  # one answer's last line is not the next one's first: a blank line between
                print()
            _print_answer(library, line, args.json, story, flush=True)
        return 0
    question = " ".join(args.question)
    if not question.strip():
        raise UsageError(empty_question_text(library.example_person()))
    asked = ask(library, question, story=story)
    if asked.answer.reason is NoAnswer.TOO_LONG:  # bad usage, as an empty question or a name too long is
        raise UsageError(no_answer_message(asked.answer, NEXT_START_REBUILDS))
    _print_asked(library, asked, args.json)
    return 0


def _stdin_lines() -> Iterator[str]:
    """Standard input a line at a time; bytes that are not UTF-8 become U+FFFD, not an error. A byte order mark
    before the first line (a questions file Notepad saved) is none of its question, which `--json` echoed with it."""
    for number, raw in enumerate(sys.stdin.buffer):
        yield raw.decode("utf-8" if number else "utf-8-sig", errors="replace").rstrip("\r\n")


def _story(library: StoryLibrary, name: str) -> StoryRef:
    """The one story a name means, or a usage error that lists the candidates."""
    resolution = resolve_story(library, name)
    if resolution.found is StoryFound.ONE and resolution.story is not None:
        return resolution.story
    raise UsageError(story_choice_text(resolution, LIST_STORIES_COMMAND))


def _print_answer(
    library: StoryLibrary, question: str, as_json: bool, story: StoryRef | None, flush: bool = False
) -> None:
    _print_asked(library, ask(library, question, story=story), as_json, flush)


def _print_asked(library: StoryLibrary, asked: Asked, as_json: bool, flush: bool = False) -> None:
    reply = "" if asked.request is None else request_reply(library, asked, COMMAND_LINE_HELP)
    if as_json:
        print(json_line(answer_json(asked, reply)), flush=flush)
    elif reply:
        print(reply, flush=flush)
    else:
        terminal = sys.stdout.isatty()
        width = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns if terminal else DEFAULT_WIDTH
        print(answer_text(asked, bold=terminal, width=width), flush=flush)
