"""The running bot's log: the console, optionally a rotated file, third-party chatter kept out at INFO."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import logging.handlers
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import discord

from bot.discord_app.redaction import redact_logs
from bot.messages import NotesWorded, log_file_unwritable_text, log_pipe_unread_text
from bot.one_line import one_line
from bot.settings import Settings
from bot.startup_error import StartupError

LOG_FILE_BYTES = 10_000_000
LOG_FILE_BACKUPS = 5
"""STORYBOT_LOG_FILE is rotated at 10 MB and 5 old files are kept (file.1 ... file.5): 60 MB at most."""
OWN_LOGGERS = ("bot", "storybot", "discord")
"""storybot's own, and discord.py's (connects and resumes, which an owner watches): shown at INFO. The
rest (alembic's "Context impl SQLiteImpl." at every start, SQLAlchemy, aiosqlite, asyncpg, aiohttp)
show only warnings and errors unless STORYBOT_LOG_LEVEL is DEBUG."""


CONSOLE_FORMAT = logging.Formatter("[{asctime}] [{levelname:<8}] {name}: {message}", "%Y-%m-%d %H:%M:%S", style="{")
"""discord.py's plain format, on a terminal and in a container too: the colours it chose there (in Docker even
for a pipe or the journal) lost their starts to the command line's filter of escape sequences (bot/cli/output.py)
and left each line's resets, "13:09:12\x1b[0m INFO    \x1b[0m discord.client\x1b[0m", in `docker logs`."""


class ThirdPartyQuiet(logging.Filter):
    """Passes warnings and errors from anyone, and lesser records only from OWN_LOGGERS."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING or record.name.partition(".")[0] in OWN_LOGGERS


class LogFile(logging.handlers.RotatingFileHandler):
    """The rotated log file. One that cannot be written (a full disk, a volume turned read-only) is said once, on
    the console, not with the standard library's traceback for every line; it is written again once it can be."""

    def __init__(self, path: Path):
        super().__init__(path, maxBytes=LOG_FILE_BYTES, backupCount=LOG_FILE_BACKUPS, encoding="utf-8")
        self._told = False
        self._failed = False

    def emit(self, record: logging.LogRecord) -> None:
        self._failed = False
        super().emit(record)
        if not self._failed:
            self._told = False

    def handleError(self, record: logging.LogRecord) -> None:
        self._failed = True
        if self._told:
            return
        self._told = True
        error = sys.exc_info()[1]
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        told = logging.LogRecord(
            "storybot",
            logging.ERROR,
            __file__,
            0,
            "Could not write the log file %s (%s); the log goes to the console only until it can be written.",
            (self.baseFilename, reason),
            None,
        )
        for handler in logging.getLogger().handlers:
            if handler is not self:
                handler.handle(told)


RECONNECTING_LOGGERS = ("discord.client", "discord.shard")
"""Where discord.py says it will reconnect after losing Discord, with the error's whole traceback, at ERROR."""


class ReconnectInOneLine(logging.Filter):
    """discord.py's "Attempting a reconnect ..." as one warning line naming the error: Discord or the network
    gone for a while logged a traceback every few seconds, at ERROR, for what passes by itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and str(record.msg).startswith("Attempting a reconnect"):
            error = record.exc_info[1]
            record.msg, record.args = f"{record.getMessage()} ({type(error).__name__}: {error})", ()
            record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
            record.exc_info, record.exc_text = None, None
        return True


class CloseFailureInOneLine(logging.Filter):
    """SQLAlchemy's "Exception closing connection" for a database that does not answer (the bot stopping while
    PostgreSQL is paused or gone) as one warning line naming the error: the connection is dropped either way."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and str(record.msg).startswith("Exception closing connection"):
            error = record.exc_info[1]
            if isinstance(error, OSError | asyncio.CancelledError):  # TimeoutError is an OSError
                record.msg, record.args = f"Could not close a database connection ({type(error).__name__}).", ()
                record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
                record.exc_info, record.exc_text = None, None
        return True


class OneLineMessages(logging.Filter):
    """Each record's message on its one line: the names it holds come from Discord (an uploaded file's, a
    server's, a person's, a command's as Discord sends it) and may hold line breaks, which faked a line of their
    own ("storybot: warning: ..."), or bidirectional controls, which turned the rest of the line around. A
    traceback still follows on lines of its own."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # arguments that do not fit: the handler says so as ever, not the caller
            return True
        if not message.isprintable():
            record.msg, record.args = one_line(message), ()
        return True


def setup_logging(settings: Settings) -> None:
    """discord.py's console log at the settings' level, STORYBOT_LOG_FILE beside it, no secrets in either."""
    level = getattr(logging, settings.log_level)
    discord.utils.setup_logging(level=level, root=True, formatter=CONSOLE_FORMAT)
    root = logging.getLogger()
    if settings.log_file is not None:
        root.addHandler(_file_handler(settings))
    for handler in root.handlers:  # first: the filters after it read the message it words
        handler.addFilter(NotesWorded())
    if level > logging.DEBUG:
        for handler in root.handlers:
            handler.addFilter(ThirdPartyQuiet())
    redact_logs(settings.discord_token)
    for name in RECONNECTING_LOGGERS:
        logging.getLogger(name).addFilter(ReconnectInOneLine())
    for handler in root.handlers:  # a logger's filters miss its children's records: "sqlalchemy.pool.impl.*"
        handler.addFilter(CloseFailureInOneLine())
        handler.addFilter(OneLineMessages())


def log_file_path(settings: Settings) -> Path | None:
    """STORYBOT_LOG_FILE, or in a shard process its own beside it (storybot-shards-0.log): processes
    rotating one file each on their own count renamed the file another still wrote to, and deleted it."""
    path, tag = settings.log_file, settings.shards_tag
    if path is None or tag is None:
        return path
    return path.with_name(f"{path.stem}-{tag}{path.suffix}")


@contextlib.contextmanager
def _reader_of_a_pipe(path: Path) -> Iterator[None]:
    """Raises ENXIO for a named pipe no process reads: open() for writing waits for a reader, so the bot waited for
    ever at start, saying nothing (a pipe read by a container's log collector, /dev/stdout, opens as ever). Held
    open while the log file opens: closed before, it left the pipe without a writer, and a reader that stops then
    (`cat pipe`) left the bot waiting again."""
    try:
        held = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    except FileNotFoundError:  # the handler creates it
        yield
        return
    try:
        yield
    finally:
        os.close(held)


def _file_handler(settings: Settings) -> logging.Handler:
    path = log_file_path(settings)
    assert path is not None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _reader_of_a_pipe(path):
            handler = LogFile(path)
    except OSError as error:
        if error.errno == errno.ENXIO and path.is_fifo():  # not a socket (systemd's stdout), which gives it too
            raise StartupError(log_pipe_unread_text(path), exit_code=2) from error
        raise StartupError(log_file_unwritable_text(path, str(error.strerror or error)), exit_code=2) from error
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-8s %(name)s: %(message)s"))
    return handler
