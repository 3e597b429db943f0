"""`python -m bot shelf export-kept`: a real process moving one server's kept versions out of the database (SQLite
and PostgreSQL) into a zip, written whole and on disk before anything is taken out."""

from __future__ import annotations

import asyncio
import json
import os
import zipfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import pytest

from bot.cli.shelf_export import export_kept
from bot.cli.shelf_import import ShelfCommandError
from bot.settings import Settings
from bot.state.database import Database
from bot.state.shelves import ShelfStore, ShelfVersion
from tests.cli.test_main import run
from tests.disk import FAT_KINDS, fat_disk, small_disk
from tests.unprivileged import closed_folder, said_unprivileged

T = TypeVar("T")
SERVER, OTHER_SERVER = 4321, 8765
MANAGER = 7


@pytest.fixture(params=["sqlite", "postgresql"])
def environment(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    """The database settings the command and the test share: a SQLite data folder, or a PostgreSQL database."""
    if request.param == "sqlite":
        return {"STORYBOT_DATA": str(tmp_path / "data")}
    url = request.getfixturevalue("postgresql_url")
    return {"STORYBOT_DATA": str(tmp_path / "unused"), "STORYBOT_DATABASE_URL": url}


def on_shelves(environment: dict[str, str], work: Callable[[ShelfStore], Awaitable[T]]) -> T:
    async def opened() -> T:
        database = await Database.open(Settings.from_env(environment))
        try:
            return await work(database.shelves)
        finally:
            await database.close()

    return asyncio.run(opened())


async def two_kept(shelves: ShelfStore) -> list[int]:
    """A replaced version of the mill, the removed forge, and the other server's replaced file: the ids of the
    first server's two kept versions, latest first."""
    mill = await shelves.add(SERVER, "mill.md", b"# The Mill\n\nOld text.", MANAGER, replace=False)
    await shelves.add(SERVER, "mill.md", b"# The Mill\n\nNew text.", MANAGER, replace=True)
    forge = await shelves.add(SERVER, "forge.txt", os.urandom(40_000), MANAGER, replace=False)
    assert forge.story_id is not None and forge.version_id is not None and mill.version_id is not None
    await shelves.remove(SERVER, forge.story_id, MANAGER)
    await shelves.add(OTHER_SERVER, "mill.md", b"theirs", MANAGER, replace=False)
    await shelves.add(OTHER_SERVER, "mill.md", b"theirs again", MANAGER, replace=True)
    return [forge.version_id, mill.version_id]


async def kept_and_history(shelves: ShelfStore) -> tuple[list[int], tuple[ShelfVersion, ...], int]:
    return (
        [v.version_id for v in await shelves.kept_files(SERVER)],
        await shelves.history(SERVER),
        len(await shelves.kept_files(OTHER_SERVER)),
    )


def test_kept_versions_are_written_to_a_zip_and_then_moved_out(environment: dict[str, str], tmp_path: Path):
    kept = on_shelves(environment, two_kept)
    forge_data = on_shelves(environment, lambda shelves: shelves.file(kept[0]))
    target = tmp_path / "server-4321-kept.zip"
    result = run("shelf", "export-kept", "--server", str(SERVER), str(target), env=environment)
    assert result.returncode == 0, result.stderr
    assert "2 kept versions of server 4321 written to" in result.stderr and "2 moved out" in result.stderr
    assert "restored meanwhile" not in result.stderr  # none was: "the others" were none
    with zipfile.ZipFile(target) as archive:
        assert archive.read(f"{kept[0]}/forge.txt") == forge_data
        assert archive.read(f"{kept[1]}/mill.md") == b"# The Mill\n\nOld text."
        described = json.loads(archive.read("versions.json"))
    assert [(v["version"], v["name"], v["action"]) for v in described] == [
        (kept[0], "forge.txt", "added"),
        (kept[1], "mill.md", "added"),
    ]
    still_kept, history, others_kept = on_shelves(environment, kept_and_history)
    assert still_kept == [] and others_kept == 1  # the other server's kept version is not touched
    assert [v.version_id for v in history if v.moved_out] == kept  # the history still names them
    (story,) = on_shelves(environment, lambda shelves: shelves.stories(SERVER)).stories
    assert on_shelves(environment, lambda shelves: shelves.file(story.version_id)) == b"# The Mill\n\nNew text."

    again = run("shelf", "export-kept", "--server", str(SERVER), str(target), env=environment)
    assert again.returncode == 2 and "exists" in again.stderr and "Traceback" not in again.stderr
    empty = run("shelf", "export-kept", "--server", str(SERVER), str(tmp_path / "new.zip"), env=environment)
    assert empty.returncode == 0 and "keeps no versions" in empty.stderr and not (tmp_path / "new.zip").exists()


def test_an_export_that_cannot_be_written_moves_nothing_out(environment: dict[str, str], tmp_path: Path):
    kept = on_shelves(environment, two_kept)
    with small_disk(tmp_path / "small", "32k") as disk:  # the forge's 40 KB of random bytes do not fit
        result = run("shelf", "export-kept", "--server", str(SERVER), str(disk / "kept.zip"), env=environment)
        assert result.returncode == 2 and "nothing was moved out" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr and os.listdir(disk) == []  # no file cut short, named or hidden
    assert on_shelves(environment, kept_and_history)[0] == kept


def test_an_existing_file_is_never_overwritten(environment: dict[str, str], tmp_path: Path):
    kept = on_shelves(environment, two_kept)
    target = tmp_path / "kept.zip"
    target.write_bytes(b"the owner's earlier export")
    result = run("shelf", "export-kept", "--server", str(SERVER), str(target), env=environment)
    assert result.returncode == 2 and "exists" in result.stderr
    assert target.read_bytes() == b"the owner's earlier export"
    assert on_shelves(environment, kept_and_history)[0] == kept


@pytest.mark.parametrize("kind", FAT_KINDS)
def test_kept_versions_are_exported_to_a_fat_stick(environment: dict[str, str], tmp_path: Path, kind: str):
    # FAT and exFAT (USB sticks, SD cards) have no hard links, and the zip was given its name by one: nothing could be
    # exported there, so nothing could be moved out to make room.
    kept = on_shelves(environment, two_kept)
    with fat_disk(tmp_path / "stick", kind) as stick:
        target = stick / "server-4321-kept.zip"
        result = run("shelf", "export-kept", "--server", str(SERVER), str(target), env=environment)
        assert result.returncode == 0, result.stderr
        with zipfile.ZipFile(target) as archive:
            assert archive.read(f"{kept[1]}/mill.md") == b"# The Mill\n\nOld text."
        assert os.listdir(stick) == [target.name]  # nothing left beside it
        again = run("shelf", "export-kept", "--server", str(SERVER), str(target), env=environment)
        assert again.returncode == 2 and "exists" in again.stderr
    assert on_shelves(environment, kept_and_history)[0] == []


def test_an_export_into_a_folder_the_user_may_not_enter_is_said_in_one_line():
    """`sudo -u storybot ... shelf export-kept ... ~/kept.zip`, ~ the owner's own home: looking whether the file was
    there raised PermissionError (Path.exists), a traceback, before anything was read or moved."""
    with closed_folder() as (shared, closed):
        target = closed / "kept.zip"

        def exported() -> str:
            try:
                export_kept(Settings(data=shared / "data"), SERVER, target)
            except ShelfCommandError as error:
                return str(error)
            return "written"

        said = said_unprivileged(exported)
        assert not (shared / "data").exists()  # refused before the database was opened
    assert said == f"Could not write {target} (Permission denied); nothing was moved out of the database.", said
