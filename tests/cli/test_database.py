"""`python -m bot database status` and `database downgrade`, as an owner runs them: real processes on a real SQLite
file and a real PostgreSQL server, a real bot beside them on the fake Discord; every refusal one line, no traceback."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from bot.cli.database import DatabaseCommandError, database_downgrade, database_status
from bot.messages import RELEASES_HEADING
from bot.program import DiscordBot
from bot.settings import Settings
from bot.startup_error import StartupError
from bot.state.database import SQLITE_FILE, Database
from bot.state.releases import known_releases, read_releases
from bot.state.schema import read_state
from tests.cli.test_main import run
from tests.discord_app.bot_process import BotProcess
from tests.discord_app.fake_discord import FakeDiscord
from tests.discord_app.test_database_lock import held_by
from tests.discord_app.test_end_to_end import fake
from tests.discord_app.test_service import refused
from tests.file_attributes import immutable
from tests.state.every_table import fill_every_table
from tests.state.test_sqlite_check import PAGE_BYTES, overwritten, root_page
from tests.unprivileged import closed_folder, said_unprivileged

__all__ = ["fake"]


def filled(settings: Settings, *, rows: bool = True) -> Settings:
    """The database created at the newest revision, with a row in every table unless not `rows`."""

    async def fill() -> None:
        database = await Database.open(settings)
        try:
            if rows:
                await fill_every_table(database)
        finally:
            await database.close()

    asyncio.run(fill())
    return settings


def revision(settings: Settings) -> str | None:
    return asyncio.run(read_state(settings)).revision


def environment(settings: Settings) -> dict[str, str]:
    url = {} if settings.database_url is None else {"STORYBOT_DATABASE_URL": settings.database_url}
    return {"STORYBOT_DATA": str(settings.data), "STORYBOT_INDEX": "off"} | url


def one_line(text: str) -> str:
    assert "Traceback" not in text and len(text.splitlines()) == 1, text
    return text


@pytest.fixture
def sqlite(tmp_path: Path) -> Settings:
    return filled(Settings(data=tmp_path / "data"))


REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007")
"""The revisions this storybot knows, in order: `database status` lists each."""
DROPPED_TO_0004 = (
    "was taken back from revision 0007 to 0004 (dropped: table waiting_interactions (1 row), "
    "table shelf_texts (1 row))."
)


@pytest.fixture(params=["sqlite", "postgresql"])
def either(request: pytest.FixtureRequest) -> Settings:
    """Each test on SQLite in a data folder and on a real PostgreSQL server."""
    return request.getfixturevalue(request.param)


@pytest.fixture
def postgresql(tmp_path: Path, postgresql_url: str) -> Settings:
    return filled(Settings(data=tmp_path / "data", database_url=postgresql_url))


def test_status_names_the_revision_and_what_each_revision_brought(sqlite: Settings):
    shown = run("database", "status", env=environment(sqlite))
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0] == f"The database {sqlite.data / SQLITE_FILE} is at revision 0007, the newest this storybot knows."
    assert "  0001  Server and channel settings, and readers' votes on answers." in lines
    assert [line[:6] for line in lines if line[2:6].isdigit()] == [f"  {r}" for r in REVISIONS[:-1]] + ["* 0007"]
    assert lines[lines.index(RELEASES_HEADING) + 1 :] == ["  0.1.0  0006", "  0.2.0  0007"]


def test_status_of_a_data_folder_without_a_database_makes_nothing(tmp_path: Path):
    shown = run("database", "status", env={"STORYBOT_DATA": str(tmp_path / "new")})
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith(f"No database at {tmp_path / 'new' / SQLITE_FILE} yet")
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("blocked", ["folder at its name", "data folder a file", "data folder a device"])
def test_status_of_a_database_that_could_never_be_made_exits_2_naming_why(tmp_path: Path, blocked: str):
    """A folder standing at storybot.db's name, or STORYBOT_DATA a file or /dev/null: status said "No database yet"
    and exit 0, and the next command that opened it failed."""
    data = {
        "folder at its name": tmp_path / "data",
        "data folder a file": tmp_path / "file",
        "data folder a device": Path("/dev/null"),
    }[blocked]
    if blocked == "folder at its name":
        (data / SQLITE_FILE).mkdir(parents=True)
    elif blocked == "data folder a file":
        data.write_text("notes")
    shown = run("database", "status", env={"STORYBOT_DATA": str(data)})
    assert shown.returncode == 2 and not shown.stdout, shown.stdout
    why = "Is a directory" if blocked == "folder at its name" else "Not a directory"
    assert (
        shown.stderr
        == f"storybot: Could not open the database at {data / SQLITE_FILE}: {why}. "
        + "Set STORYBOT_DATA to a folder the bot may write.\n"
    ), shown.stderr


def test_status_of_a_database_a_newer_storybot_wrote_still_reports_but_exits_2(sqlite: Settings):
    """A script or a deploy step checks the exit code: the database the bot's start would refuse (exit 2) is not
    one to go on with, yet the report, which names the revision, still comes."""
    with sqlite3.connect(sqlite.data / SQLITE_FILE) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    shown = run("database", "status", env=environment(sqlite))
    assert shown.returncode == 2, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].startswith(f"The database {sqlite.data / SQLITE_FILE} is at revision 0099, which this storybot")
    assert [line[:6] for line in lines if line[2:6].isdigit()] == [f"  {r}" for r in REVISIONS]
    assert shown.stderr == ""


def test_after_a_downgrade_the_commands_it_names_upgrade_the_database_back_and_status_does_not(
    sqlite: Settings, tmp_path: Path
):
    """It said only that the bot's start would upgrade it back: an owner exporting the votes before installing the
    older storybot undid the downgrade without a word."""
    done = run("database", "downgrade", "--to", "0004", env=environment(sqlite))
    assert done.returncode == 0 and revision(sqlite) == "0004", done.stderr
    assert "this one would upgrade it back at start, and so would its feedback export, shelf import and shelf " in (
        one_line(done.stderr)
    )
    assert run("database", "status", env=environment(sqlite)).returncode == 0 and revision(sqlite) == "0004"
    exported = run("feedback", "export", str(tmp_path / "votes.jsonl"), env=environment(sqlite))
    assert exported.returncode == 0, exported.stderr
    assert revision(sqlite) == "0007"


def test_a_sqlite_downgrade_copies_the_file_first_and_says_what_it_dropped(sqlite: Settings):
    done = run("database", "downgrade", "--to", "3", env=environment(sqlite))
    assert done.returncode == 0, done.stderr
    said = one_line(done.stderr)
    assert (
        f"{sqlite.data / SQLITE_FILE} was taken back from revision 0007 to 0003 (dropped: table "
        "waiting_interactions (1 row), table shelf_texts (1 row)" in (said)
    )
    assert "column shelf_versions.characters (1 value))" in said
    [copy] = sqlite.data.glob(f"{SQLITE_FILE}.revision-0007-*")
    assert f"The copy from before is {copy}." in said and "Install the storybot that knows 0003" in said
    assert revision(sqlite) == "0003"
    again = run("database", "downgrade", "--to", "0003", env=environment(sqlite))
    assert again.returncode == 0 and "at revision 0003 already; nothing changed" in one_line(again.stderr)


def test_a_postgresql_downgrade_that_drops_data_waits_for_yes(postgresql: Settings):
    refused_first = run("database", "downgrade", "--to", "0004", env=environment(postgresql))
    assert refused_first.returncode == 2
    said = one_line(refused_first.stderr)
    assert "drops table waiting_interactions (1 row), table shelf_texts (1 row), which storybot cannot bring back." in (
        said
    )
    assert "Back it up first (pg_dump" in said
    assert said.endswith("then run again with --yes. Nothing was changed.\n")
    assert revision(postgresql) == "0007"

    done = run("database", "downgrade", "--to", "0004", "--yes", env=environment(postgresql))
    assert done.returncode == 0, done.stderr
    assert DROPPED_TO_0004 in one_line(done.stderr)
    assert revision(postgresql) == "0004"


def test_a_postgresql_downgrade_that_drops_no_data_asks_nothing(tmp_path: Path, postgresql_url: str):
    """A database no server wrote to loses nothing going back, so needs no --yes."""
    empty = filled(Settings(data=tmp_path / "data", database_url=postgresql_url), rows=False)
    done = run("database", "downgrade", "--to", "0001", env=environment(empty))
    assert done.returncode == 0, done.stderr
    assert "(dropped: table waiting_interactions (0 rows), table shelf_texts (0 rows), column shelf_versions." in (
        one_line(done.stderr)
    )
    assert revision(empty) == "0001"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("--to", "9"),
            "--to 9: this storybot knows the revisions 0001 to 0007 and the releases 0.1.0 to 0.2.0 (python -m bot "
            "database status lists them).",
        ),
        (
            ("--to", "0.0.9"),
            "--to 0.0.9: this storybot knows the revisions 0001 to 0007 and the releases 0.1.0 to 0.2.0 (",
        ),
        (("--to", "0007"), "at revision 0007 already; nothing changed."),
        (("--to", "v0.2.0"), "at revision 0007 already; nothing changed."),
    ],
)
def test_a_revision_that_is_not_one_to_go_back_to_is_one_line(sqlite: Settings, args: tuple[str, ...], said: str):
    done = run("database", "downgrade", *args, env=environment(sqlite))
    assert said in one_line(done.stderr)
    assert done.returncode == (0 if "already" in said else 2)


def test_a_release_names_its_newest_revision_to_take_the_database_back_to(
    either: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    """An owner rolling back a release names it, not its revision. This storybot's own release is the only one before
    it, so the older releases here are a table the test writes, read as the one beside the migrations is."""
    table = tmp_path / "releases.toml"
    table.write_text('"0.0.8" = "0003"\n"0.0.9" = "0004"\n"0.1.0" = "0006"\n"0.2.0" = "0007"\n')
    assert (
        database_downgrade(
            either, "v0.0.9", confirmed=True, stopped=DiscordBot().stopped, releases=read_releases(table)
        )
        == 0
    )
    said = one_line(capsys.readouterr().err)
    assert DROPPED_TO_0004 in said
    assert "Install storybot 0.0.9 before the bot starts again" in said
    assert revision(either) == "0004"
    with pytest.raises(DatabaseCommandError) as unknown:
        database_downgrade(either, "0.0.7", confirmed=True, stopped=DiscordBot().stopped, releases=read_releases(table))
    assert "--to 0.0.7: this storybot knows the revisions 0001 to 0007 and the releases 0.0.8 to 0.2.0 (" in str(
        unknown.value
    )
    assert revision(either) == "0004"
    done = run("database", "downgrade", "--to", "0.1.0", env=environment(either))  # the table beside the migrations
    assert done.returncode == 2
    assert "at revision 0004; --to 0.1.0 (revision 0006) is not earlier" in one_line(done.stderr)


def test_a_downgrade_without_a_database_is_one_line_and_makes_nothing(tmp_path: Path):
    done = run("database", "downgrade", "--to", "1", env={"STORYBOT_DATA": str(tmp_path / "none")})
    assert done.returncode == 2
    assert "there is no storybot database at" in one_line(done.stderr)
    assert not (tmp_path / "none").exists()


@pytest.mark.asyncio(loop_scope="module")
async def test_a_downgrade_while_the_bot_runs_is_refused_in_one_line(fake: FakeDiscord, either: Settings):
    settings = either
    bot = await BotProcess(fake, **environment(settings)).start()
    try:
        await bot.ready()
        done = await asyncio.to_thread(run, "database", "downgrade", "--to", "0003", "--yes", env=environment(settings))
    finally:
        assert await bot.stop() == 0
    assert done.returncode == 2
    said = one_line(done.stderr)
    assert said.startswith("storybot: A storybot is running with the ")
    assert "stop every one first (systemctl stop storybot, podman stop storybot), then try again. Nothing was" in said
    if settings.database_url is not None:
        assert f"({held_by(bot)})" in said
    assert (await read_state(settings)).revision == "0007"
    assert not list(settings.data.glob("*revision-*"))


@pytest.mark.asyncio(loop_scope="module")
async def test_a_bot_started_while_the_database_is_taken_back_is_refused(fake: FakeDiscord, either: Settings):
    settings = either
    async with DiscordBot().stopped(settings):
        bot = BotProcess(fake, **environment(settings))
        assert await refused(await bot.start()) == 2
    assert "Another storybot is already running" in bot.text


def test_a_data_folder_whose_run_lock_cannot_be_opened_is_left_as_it_was(sqlite: Settings):
    """Without the run lock there is no knowing whether a bot runs there: one line, nothing changed (it was a
    traceback: os.open's PermissionError)."""
    (sqlite.data / "running.lock").unlink(missing_ok=True)
    immutable(sqlite.data, True)
    try:
        done = run("database", "downgrade", "--to", "0003", env=environment(sqlite))
    finally:
        immutable(sqlite.data, False)
    assert done.returncode == 2
    assert "Could not open the run lock" in one_line(done.stderr) and "Nothing was changed." in done.stderr
    assert revision(sqlite) == "0007"


def test_a_data_folder_the_user_may_not_reach_is_named_by_status_and_downgrade():
    """STORYBOT_DATA inside a folder the command's user may not enter (another user's home): `database status` ended
    in PermissionError's traceback (Path.is_file), and `downgrade` too (Path.is_dir, looking for a bot running
    there), where the bot names the folder."""
    releases = known_releases()
    with closed_folder() as (shared, closed):
        database_status(Settings(data=shared / "unmade"))  # the modules the child needs, imported
        settings = Settings(data=closed / "data")

        def told() -> str:
            said = []
            for work in (
                lambda: database_status(settings),
                lambda: database_downgrade(
                    settings, "0001", confirmed=True, stopped=DiscordBot().stopped, releases=releases
                ),
            ):
                try:
                    work()
                except DatabaseCommandError as error:
                    said.append(str(error))
                except StartupError as error:
                    said.append(str(error))
            return "\n".join(said)

        said = said_unprivileged(told)
    assert said.splitlines() == [
        f"Could not open the database at {closed / 'data' / SQLITE_FILE}: Permission denied. Set STORYBOT_DATA to a "
        "folder the bot may write.",
        f"Could not open the run lock {closed / 'data' / 'running.lock'} (Permission denied), to see that no storybot "
        "runs there. Nothing was changed.",
    ], said


def test_status_of_a_database_with_a_damaged_page_says_so_and_exits_2(sqlite: Settings):
    """A page inside storybot.db overwritten (a failing disk, a torn copy): SQLite opened it and read the revision,
    and status said it was well, exit 0; SQLite's own check finds it."""
    file = sqlite.data / SQLITE_FILE
    page = root_page(file, "shelf_versions")
    overwritten(file, page)
    shown = run("database", "status", env=environment(sqlite))
    assert shown.returncode == 2 and not shown.stdout, shown.stdout
    assert one_line(shown.stderr).startswith(
        f"storybot: The database {file} is damaged (SQLite's check: Page {page}: "
    ), shown.stderr
    assert "Stop the bot and put back your last copy of it" in shown.stderr and ".recover" in shown.stderr


def test_status_of_a_sound_database_checks_its_pages_within_the_bound(sqlite: Settings):
    """The nearest sound database: a shelf story of 0xFF bytes, a page's worth, is no damage."""

    async def add() -> None:
        database = await Database.open(sqlite)
        try:
            await database.shelves.add(111, "ff.md", b"\xff" * PAGE_BYTES, 1, replace=False)
        finally:
            await database.close()

    asyncio.run(add())
    shown = run("database", "status", env=environment(sqlite))
    assert shown.returncode == 0 and shown.stderr == "", shown.stderr
