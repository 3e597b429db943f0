"""The bot's log file: rotated by the standard library, no secrets, other libraries' INFO kept out."""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core.library import StoryLibrary
from bot.core.saved_index import IndexStore
from bot.discord_app import logs
from bot.settings import Settings
from bot.startup_error import StartupError
from tests.conftest import CORPUS
from tests.disk import fill, small_disk

ROOT = CORPUS.parent
TOKEN = "MTAwMA.secret-part.of-the-token"


@pytest.fixture
def restored_root_logger() -> Iterator[None]:
    """setup_logging configures the process's root logger: put it back as it was afterwards, the filters it adds to
    the handlers already there (pytest's own, which caplog reads in later tests) and to discord.py's loggers too."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    filters = {handler: handler.filters[:] for handler in handlers}
    loggers = {name: logging.getLogger(name).filters[:] for name in logs.RECONNECTING_LOGGERS}
    yield
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)
    for handler, kept in filters.items():
        handler.filters[:] = kept
    for name, kept in loggers.items():
        logging.getLogger(name).filters[:] = kept


def test_the_log_file_rotates_keeps_five_and_holds_no_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, restored_root_logger: None
):
    monkeypatch.setattr(logs, "LOG_FILE_BYTES", 2_000)  # rotate after a few lines, not 10 MB
    path = tmp_path / "logs" / "storybot.log"
    logs.setup_logging(Settings(log_file=path, discord_token=TOKEN))
    log = logging.getLogger("storybot")
    for number in range(200):
        log.info("line %03d logged with %s %s", number, TOKEN, "x" * 50)
    logging.getLogger("alembic.runtime.migration").info("Context impl SQLiteImpl.")
    logging.getLogger("alembic.runtime.migration").warning("a warning from a library")

    names = sorted(p.name for p in path.parent.iterdir())
    assert names == ["storybot.log", *(f"storybot.log.{n}" for n in range(1, logs.LOG_FILE_BACKUPS + 1))]
    newest = path.read_text("utf-8")
    assert "line 199 logged with [redacted]" in newest and "a warning from a library" in newest
    assert "Context impl" not in newest
    assert all(TOKEN not in p.read_text("utf-8") for p in path.parent.iterdir())


def test_a_log_file_on_a_full_disk_is_said_once_not_a_traceback_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], restored_root_logger: None
):
    """Each line the file could not take printed the standard library's '--- Logging error ---' and a traceback,
    with the line's arguments, into the journal; the file is written again once there is room."""
    with small_disk(tmp_path / "logs", "64k") as disk:
        logs.setup_logging(Settings(log_file=disk / "storybot.log"))
        fill(disk)
        log = logging.getLogger("storybot")
        for number in range(20):
            log.info("line %d %s", number, "x" * 5000)
        (disk / "filler").unlink()
        log.info("room again")
        said = capsys.readouterr().err
        assert "room again" in (disk / "storybot.log").read_text("utf-8")
    assert "Traceback" not in said and "Logging error" not in said
    assert said.count(f"Could not write the log file {disk / 'storybot.log'} (No space left on device)") == 1
    assert "line 19" in said  # the console still has every line


def test_debug_shows_every_library(tmp_path: Path, restored_root_logger: None):
    path = tmp_path / "storybot.log"
    logs.setup_logging(Settings(log_file=path, log_level="DEBUG"))
    logging.getLogger("alembic.runtime.migration").info("Context impl SQLiteImpl.")
    assert "Context impl SQLiteImpl." in path.read_text("utf-8")


def test_a_saved_index_not_used_is_logged_in_the_bots_words(tmp_path: Path, restored_root_logger: None):
    """The core logs its note's code and facts; the log file says it in bot.messages' words (NotesWorded)."""
    stories = tmp_path / "stories"
    stories.mkdir()
    (stories / "swan.txt").write_text("The Swan\n\nA swan swam by the mill.\n")
    store = IndexStore(tmp_path / "index")
    StoryLibrary.load(stories, store=store, force=True)
    shared = next(store.folder_for(stories).glob("*.passages.doc_len.npy"))
    shared.chmod(0o666)  # anyone may write it
    path = tmp_path / "storybot.log"
    logs.setup_logging(Settings(log_file=path))
    assert not StoryLibrary.load(stories, store=store).opened
    said = path.read_text("utf-8")
    assert f": {shared.name} may be written by other users. Rebuilding it." in said, said


SHARD_LOGGING = """
import logging, sys
from bot.core.library import StoryLibrary
from bot.core.saved_index import IndexStore
from bot.discord_app import logs
from bot.settings import Settings
from bot.startup_error import StartupError

logs.LOG_FILE_BYTES = 2_000  # rotate after a few lines, not 10 MB
logs.setup_logging(Settings.from_env())
log = logging.getLogger("storybot")
for batch, line in enumerate(sys.stdin):
    for number in range(int(line)):
        log.info("shard %s batch %d line %03d %s", sys.argv[1], batch, number, "x" * 50)
    print("logged", flush=True)
"""


def shard_process(shard: str, log_file: Path) -> subprocess.Popen[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("STORYBOT_", "DISCORD_"))}
    settings = {"STORYBOT_LOG_FILE": str(log_file), "STORYBOT_SHARD_COUNT": "2", "STORYBOT_SHARD_IDS": shard}
    return subprocess.Popen(
        [sys.executable, "-c", SHARD_LOGGING, shard],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
        env=environment | settings | {"PYTHONPATH": str(ROOT)},
    )


def log_lines(process: subprocess.Popen[str], count: int) -> None:
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(f"{count}\n")
    process.stdin.flush()
    assert process.stdout.readline() == "logged\n"


def test_shard_processes_given_one_log_file_each_keep_every_line(tmp_path: Path):
    """Two shard processes with one STORYBOT_LOG_FILE each rotated it on their own count: a busy shard's
    rotations renamed the quiet one's open file down to .5 and off the end, and the quiet shard went on
    writing into a deleted file. Its lines (its errors too) were lost until it next rotated itself."""
    log_file = tmp_path / "logs" / "storybot.log"
    quiet, busy = shard_process("0", log_file), shard_process("1", log_file)
    try:
        log_lines(quiet, 1)
        log_lines(busy, 30)  # its first rotation
        log_lines(quiet, 1)  # the quiet one's, into a file of its own
        log_lines(busy, 300)  # many more, the quiet one's file pushed off the end
        log_lines(quiet, 2)
    finally:
        for process in (quiet, busy):
            assert process.stdin is not None
            process.stdin.close()
            process.wait(timeout=30)
    logged = "".join(path.read_text("utf-8") for path in log_file.parent.iterdir())
    assert "shard 0 batch 2 line 001" in logged and "shard 1 batch 1 line 299" in logged
    assert (tmp_path / "logs" / "storybot-shards-0.log").exists() and not log_file.exists()


def test_a_pipe_read_until_its_writers_are_gone_gets_the_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, restored_root_logger: None
):
    """Checking that a named pipe has a reader opened it to write and closed it before the log file opened it: a
    reader that stops at the end of what is written (`cat pipe`) could find no writer then, and stop, and the bot
    waited for ever for a reader again."""
    pipe = tmp_path / "storybot.log"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
    ended: list[bool] = []

    class Watched(logs.LogFile):
        def __init__(self, path: Path):
            try:
                ended.append(os.read(reader, 1) == b"")  # no writer left: where `cat` stops
            except BlockingIOError:  # a writer, nothing written yet: `cat` waits
                ended.append(False)
            super().__init__(path)

    monkeypatch.setattr(logs, "LogFile", Watched)
    try:
        logs.setup_logging(Settings(log_file=pipe))
        logging.getLogger("storybot").info("to the pipe")
        assert ended == [False]
        assert b"to the pipe" in os.read(reader, 65536)
    finally:
        os.close(reader)


def test_a_log_file_that_is_a_socket_is_not_called_a_pipe(restored_root_logger: None):
    """Under systemd the bot's stdout is a socket to the journal, which no open() takes (ENXIO, as for a pipe no
    process reads): STORYBOT_LOG_FILE=/dev/stdout was said to be a pipe waiting for its reader."""
    ours, theirs = socket.socketpair()
    with ours, theirs, pytest.raises(StartupError) as refused:
        logs.setup_logging(Settings(log_file=Path(f"/proc/self/fd/{ours.fileno()}")))
    assert "cannot be written (No such device or address)" in str(refused.value)
    assert "pipe" not in str(refused.value)


TERMINAL_LOGGING = """
import contextlib
import logging
from bot.cli.output import set_up_error_output
from bot.core.library import StoryLibrary
from bot.core.saved_index import IndexStore
from bot.discord_app import logs
from bot.settings import Settings

set_up_error_output()  # as `python -m bot run` does
logs.setup_logging(Settings())
logging.getLogger("discord.client").info("logging in using static token")
"""


def test_the_console_log_on_a_terminal_holds_no_escape_sequences():
    """discord.py coloured the log on a terminal (and in Docker, on any stream); the command line's filter of escape
    sequences dropped the colours' starts and kept their resets, "\\x1b[0m" three times a line, in `docker logs`."""
    ours, theirs = os.openpty()
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("STORYBOT_", "DISCORD_"))}
    try:
        try:
            subprocess.run(
                [sys.executable, "-c", TERMINAL_LOGGING],
                stderr=theirs,
                cwd=ROOT,
                env=environment | {"PYTHONPATH": str(ROOT)},
                timeout=60,
                check=True,
            )
        finally:
            os.close(theirs)  # the terminal's last writer gone: reading ends at what was written
        written = b""
        with contextlib.suppress(OSError):  # EIO once the terminal's other end is closed and read to its end
            while chunk := os.read(ours, 4096):
                written += chunk
    finally:
        os.close(ours)
    line = written.decode("utf-8")
    assert line.endswith("] [INFO    ] discord.client: logging in using static token\r\n"), line
    assert "\x1b" not in line
