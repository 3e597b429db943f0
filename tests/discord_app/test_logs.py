"""The bot's log file: rotated by the standard library, no secrets, other libraries' INFO kept out."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.discord_app import logs
from bot.settings import Settings

TOKEN = "MTAwMA.secret-part.of-the-token"


@pytest.fixture
def restored_root_logger() -> Iterator[None]:
    """setup_logging configures the process's root logger: put it back as it was afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)


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


def test_debug_shows_every_library(tmp_path: Path, restored_root_logger: None):
    path = tmp_path / "storybot.log"
    logs.setup_logging(Settings(log_file=path, log_level="DEBUG"))
    logging.getLogger("alembic.runtime.migration").info("Context impl SQLiteImpl.")
    assert "Context impl SQLiteImpl." in path.read_text("utf-8")
