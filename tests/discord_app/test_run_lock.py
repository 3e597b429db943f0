"""The data folder's run locks on real files, held by a real second process: one bot per folder and shard, every
refusal a StartupError (exit 2) that says who runs there, and the locks let go when the process ends."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.discord_app.run_lock import ALL_SHARDS, folder_stopped, running_alone
from bot.settings import Settings
from bot.startup_error import StartupError

ROOT = Path(__file__).resolve().parents[2]
HOLDER = """
import sys
from pathlib import Path
from bot.discord_app.run_lock import running_alone
from bot.settings import Settings
shards = None if sys.argv[2] == "all" else tuple(map(int, sys.argv[2].split(",")))
with running_alone(Settings(data=Path(sys.argv[1]), shard_ids=shards)):
    print("held", flush=True)
    sys.stdin.read()  # until the test closes its end
"""


@contextmanager
def held(data: Path, shards: str) -> Iterator[subprocess.Popen[str]]:
    """Another bot process holding the folder's run locks for `shards` ("all", or "0,1") until the block ends."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data), shards],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        assert process.stdout.readline() == "held\n"
        yield process
    finally:
        process.stdin.close()
        process.wait(timeout=30)
        process.stdout.close()


def settings(data: Path, shards: tuple[int, ...] | None = None) -> Settings:
    return Settings(data=data, shard_ids=shards)


def refusal(data: Path, shards: tuple[int, ...] | None = None) -> str:
    """What running_alone says to a bot started here now; it must refuse, with exit 2."""
    with pytest.raises(StartupError) as refused, running_alone(settings(data, shards)):
        pass
    assert refused.value.exit_code == 2
    return str(refused.value)


def runs(data: Path, shards: tuple[int, ...] | None = None) -> bool:
    with running_alone(settings(data, shards)):
        return True


def test_a_bot_beside_one_running_every_shard_is_refused_and_runs_once_it_has_stopped(tmp_path: Path):
    data = tmp_path / "data"
    with held(data, "all"):
        assert "Another storybot is already running with the data folder" in refusal(data)
        assert "(running every shard)" in refusal(data, (0, 1))
    assert runs(data) and runs(data, (0, 1))


def test_shard_processes_whose_shards_overlap_are_refused_naming_the_shards_they_share(tmp_path: Path):
    data = tmp_path / "data"
    with held(data, "0,1,2"):
        assert "(running shards 1, 2 too)" in refusal(data, (1, 2, 3))
        assert "(running shard 2 too)" in refusal(data, (2, 5))
        assert runs(data, (3, 4))  # shards no one runs
        assert "the questions of the servers of the shards it runs" in refusal(data)  # every shard, 0-2 among them
    assert runs(data, (1, 2, 3))


def test_a_refused_bot_keeps_no_lock(tmp_path: Path):
    """The locks a refused start took (every shard's file, the shards it could lock) are let go with its refusal."""
    data = tmp_path / "data"
    with held(data, "1"):
        refusal(data, (0, 1))  # locks shard 0 on the way, then finds 1 held
    with held(data, "0"):
        assert runs(data, (1,))


def test_the_locks_are_let_go_when_the_bot_stops(tmp_path: Path):
    data = tmp_path / "data"
    with running_alone(settings(data, (0,))):
        pass
    with held(data, "all"):  # refused, it would end without saying "held", were they still taken here
        pass


def test_a_folder_that_cannot_be_made_is_left_for_the_database_to_report(tmp_path: Path):
    (tmp_path / "file").write_text("not a folder")
    assert runs(tmp_path / "file" / "data")


def test_the_database_is_changed_only_with_no_bot_running_on_its_folder(tmp_path: Path):
    data = tmp_path / "data"
    with folder_stopped(settings(tmp_path / "never made")):
        pass
    assert not (tmp_path / "never made").exists()  # no bot and no database there: nothing made
    data.mkdir()
    with held(data, "0"):
        with pytest.raises(StartupError) as refused, folder_stopped(settings(data)):
            pass
        assert refused.value.exit_code == 2 and "A storybot is running with the data folder" in str(refused.value)
        with folder_stopped(Settings(data=data, database_url="postgresql://localhost/storybot")):
            pass  # the state is elsewhere: this folder's bots hold nothing of it
    with folder_stopped(settings(data)):
        assert "Another storybot is already running" in refusal(data)  # nor does one start meanwhile
    assert (data / ALL_SHARDS).is_file()
