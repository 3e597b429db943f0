"""Opening the database: created on first use, migrated, and plain about what goes wrong."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot.messages import database_error_text
from bot.settings import Settings
from bot.state.database import SQLITE_FILE, Database, DatabaseError, database_url, describe
from bot.state.tables import metadata


async def test_the_migrations_build_exactly_the_schema_the_code_uses(database: Database):
    def differences(connection: sa.Connection) -> list[object]:
        return compare_metadata(MigrationContext.configure(connection), metadata)

    async with database.engine.connect() as connection:
        assert await connection.run_sync(differences) == []
        assert await connection.scalar(sa.text("SELECT version_num FROM alembic_version")) == "0007"


async def test_opening_again_keeps_what_was_saved(database_settings: Settings):
    first = await Database.open(database_settings)
    await first.servers.set_answers(1, 10, True)
    await first.close()
    again = await Database.open(database_settings)
    try:
        assert (await again.servers.of(1)).channel(10).answers_every_message is True
    finally:
        await again.close()


async def test_the_data_folder_is_created_private_on_first_run(tmp_path: Path):
    folder = tmp_path / "new" / "storybot"
    database = await Database.open(Settings(data=folder))
    await database.close()
    assert (folder / SQLITE_FILE).is_file()
    assert folder.stat().st_mode & 0o077 == 0


@pytest.mark.parametrize("name", ["bots #2", "what?", "100%25", "récits 日本"])
async def test_a_data_folder_named_with_uri_characters_holds_the_database(tmp_path: Path, name: str):
    """SQLite opens the file as a URI: a '#' or '?' in the folder's path cut the name there, so the database
    was written beside the folder (tmp/bots, readable by all), and a '%25' opened no file at all."""
    folder = tmp_path / name
    database = await Database.open(Settings(data=folder))
    try:
        await database.servers.set_answers(1, 10, True)
    finally:
        await database.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    with sqlite3.connect(folder / SQLITE_FILE) as connection:
        assert connection.execute("SELECT count(*) FROM channel_settings").fetchone() == (1,)


async def test_a_damaged_sqlite_file_is_kept_aside_and_a_new_one_started(tmp_path: Path, caplog):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / SQLITE_FILE).write_bytes(b"this is not a database, it is a shopping list\n" * 100)
    database = await Database.open(Settings(data=folder))
    try:
        await database.servers.set_answers(1, 10, True)
    finally:
        await database.close()
    kept = list(folder.glob(f"{SQLITE_FILE}.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"this is not a database")
    assert "damaged" in caplog.text


async def test_a_database_from_a_newer_storybot_is_refused_untouched(tmp_path: Path):
    folder = tmp_path / "data"
    await (await Database.open(Settings(data=folder))).close()
    with sqlite3.connect(folder / SQLITE_FILE) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(DatabaseError) as refused:
        await Database.open(Settings(data=folder))
    said = database_error_text(refused.value)
    assert "newer storybot" in said and "this one knows revisions up to 0007" in said
    assert "(python -m bot database downgrade --to 0007; docs/service.md: Rolling back)" in said
    with sqlite3.connect(folder / SQLITE_FILE) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0099",)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://someone@db/stories", "takes postgresql://"),
        ("not a url at all", "not a database URL"),
        # Each was a traceback at start (SQLAlchemy's ValueError, asyncpg's OverflowError and ArgumentError).
        ("postgresql://storybot:hunter2@db:abc/stories", "a port is a number from 1 to 65535"),
        ("postgresql://storybot:hunter2@[::1/stories", "not a database URL"),
        # urllib's ValueError as asyncpg read it, at the first connection: a traceback at start
        ("postgresql://storybot:hunter2@[db/stories", "not a database URL"),
        ("postgresql://storybot:hunter2@db]/stories", "not a database URL"),
        ("postgresql://storybot:hunter2@db:99999/stories", "port '99999' is not a port"),
        ("postgresql://storybot:hunter2@db:0/stories", "port '0' is not a port"),
        ("postgresql://storybot:hunter2@db/stories?port=x", "port 'x' is not a port"),
        ("postgresql://storybot:hunter2@db/stories?port=" + "9" * 5000, "port '9999"),
        ("postgresql://storybot:hunter2@db/stories?host=a,b&port=5432,70000", "port '70000' is not a port"),
        # libpq's hosts with their ports (?host=db:5433): asyncpg's OverflowError and ValueError at start
        ("postgresql://storybot:hunter2@/stories?host=db:99999", "port '99999' is not a port"),
        ("postgresql://storybot:hunter2@/stories?host=db:abc", "port 'abc' is not a port"),
        ("postgresql://storybot:hunter2@/stories?host=a:5432&host=b:70000", "port '70000' is not a port"),
        ("postgresql://storybot:hunter2@/stories?host=a:5432,[::1]:0", "port '0' is not a port"),
    ],
)
def test_a_database_url_storybot_cannot_use_is_named(tmp_path: Path, url: str, message: str):
    with pytest.raises(DatabaseError) as raised:
        database_url(Settings(data=tmp_path, database_url=url))
    said = database_error_text(raised.value)
    assert message in said and "hunter2" not in said and "hunter2" not in str(raised.value)


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://storybot:hunter2@127.0.0.1/stories?host=a,b,c&port=5432,5433",
        "postgresql://storybot:hunter2@127.0.0.1/stories?host=a:1&host=b:2&port=3",
    ],
)
async def test_hosts_and_ports_that_do_not_pair_are_one_line(tmp_path: Path, url: str):
    """SQLAlchemy's ArgumentError, as the engine was made, was a traceback at start."""
    refused = r"STORYBOT_DATABASE_URL cannot be used: (Can't mix 'multihost'|number of hosts and ports don't match)"
    with pytest.raises(DatabaseError) as raised:
        await Database.open(Settings(data=tmp_path, database_url=url))
    said = database_error_text(raised.value)
    assert re.search(refused, said) and "hunter2" not in said and not raised.value.transient


def test_a_url_naming_several_ports_is_taken(tmp_path: Path):
    url = "postgresql://storybot:hunter2@db/stories?host=a,b&port=5432,5433"
    assert database_url(Settings(data=tmp_path, database_url=url)).query["port"] == "5432,5433"
    hosts = "/var/run/postgresql,db:5433,[::1]:5434,[::1],db:"  # a socket's folder, ports or none (the default)
    assert database_url(Settings(data=tmp_path, database_url=f"postgresql://s@/stories?host={hosts}")).query["host"]


@pytest.mark.parametrize(
    "closed",  # the discard port: nothing listens
    [
        "postgresql://storybot:hunter2@127.0.0.1:9/stories",
        # libpq's (and asyncpg's) parameters for the password and the client key's passphrase were shown as written
        "postgresql://storybot@127.0.0.1:9/stories?password=hunter2",
        "postgresql://storybot@127.0.0.1:9/stories?sslmode=allow&sslpassword=hunter2&sslkey=/nonexistent",
    ],
)
async def test_an_unreachable_server_is_reported_without_its_password(tmp_path: Path, closed: str):
    with pytest.raises(DatabaseError) as raised:
        await Database.open(Settings(data=tmp_path, database_url=closed))
    said = database_error_text(raised.value)
    assert said.startswith("Could not reach the database") and "hunter2" not in said and "***" in said
    assert "hunter2" not in str(raised.value)  # the log's: the code and the database


@pytest.mark.parametrize("password", ["hunter@2024", "hunter@20/24", "hunter@20?24", "hunter@20:24/x", "a?b@c/d"])
async def test_a_password_with_an_at_sign_is_never_shown(tmp_path: Path, password: str):
    """An '@' not written %40 (compose's ${POSTGRES_PASSWORD} cannot be) made the rest of the password the host's
    name: every message and log line showed 'postgresql://storybot:***@2024@127.0.0.1:9/stories'. With a '/' or a
    '?' after that '@' (password managers' symbols), its end was the host and the database, or the host and a
    query dropped: 'postgresql://storybot:***@hunter/20%40127.0.0.1...' was shown, and connected to."""
    url = f"postgresql://storybot:{password}@127.0.0.1:9/stories"
    with pytest.raises(DatabaseError) as raised:
        await Database.open(Settings(data=tmp_path, database_url=url))
    said = database_error_text(raised.value)
    assert "Could not reach the database at postgresql://storybot:***@127.0.0.1:9/stories" in said
    opened = database_url(Settings(data=tmp_path, database_url=url))
    assert (opened.username, opened.password, opened.host, opened.port, opened.database) == (
        "storybot",
        password,
        "127.0.0.1",
        9,
        "stories",
    )


def test_an_at_sign_in_a_query_value_stays_there(tmp_path: Path):
    url = "postgresql://storybot:hunter2@db:5432/stories?application_name=bot@east"
    opened = database_url(Settings(data=tmp_path, database_url=url))
    assert (opened.password, opened.host, opened.database) == ("hunter2", "db", "stories")
    assert opened.query == {"application_name": "bot@east"}


@pytest.mark.parametrize(
    ("url", "read", "shown"),
    [
        (
            "postgresql://storybot:hunter2@db:5432/my@stories",
            ("storybot", "hunter2", "db", 5432, "my@stories", {}),
            "postgresql://storybot:***@db:5432/my%40stories",
        ),
        (
            "postgresql://storybot:p@ss/w@rd@db:5432/my@stories",
            ("storybot", "p@ss/w@rd", "db", 5432, "my@stories", {}),
            "postgresql://storybot:***@db:5432/my%40stories",
        ),
        (
            "postgresql://storybot:p@ss@db/stories?application_name=bot@east",
            ("storybot", "p@ss", "db", None, "stories", {"application_name": "bot@east"}),
            "postgresql://storybot:***@db/stories?application_name=bot%40east",
        ),
        (
            "postgresql://me@server:p@ss@db/stories",  # a role named as some hosted PostgreSQL name them
            ("me@server", "p@ss", "db", None, "stories", {}),
            "postgresql://me%40server:***@db/stories",
        ),
        (
            "postgresql://storybot:p@ss@/stories?host=/run/postgresql",
            ("storybot", "p@ss", None, None, "stories", {"host": "/run/postgresql"}),
            "postgresql://storybot:***@/stories?host=%2Frun%2Fpostgresql",
        ),
    ],
)
def test_an_at_sign_after_the_server_stays_in_the_database_or_the_query(
    tmp_path: Path, url: str, read: tuple[object, ...], shown: str
):
    """The password's '@' was found by splitting the URL at its last '@', wherever it was: a database named with one
    took the host and database into the password and connected to a host named 'stories' (shown as
    'postgresql://storybot:***@stories'), and so did a query's value once the password held an '@'."""
    opened = database_url(Settings(data=tmp_path, database_url=url))
    assert (opened.username, opened.password, opened.host, opened.port, opened.database, dict(opened.query)) == read
    assert describe(opened) == shown


@pytest.mark.parametrize(
    ("written", "password"),
    [("ab/cd?e#f:g", "ab/cd?e#f:g"), ("a@b#c", "a@b#c"), ("50%", "50%"), ("ab%2541", "ab%41"), ("ab%41", "abA")],
)
def test_a_password_in_the_url_is_read_as_readme_says(tmp_path: Path, written: str, password: str):
    """docs/service.md and compose.yaml: compose writes POSTGRES_PASSWORD into the URL as it is, where every character
    stands for itself but a '%' and two hex digits (the one thing a compose user must keep out of it)."""
    opened = database_url(Settings(data=tmp_path, database_url=f"postgresql://storybot:{written}@db:5432/stories"))
    assert (opened.password, opened.host, opened.port, opened.database) == (password, "db", 5432, "stories")


def test_the_database_url_is_never_shown_with_the_settings():
    assert "hunter2" not in repr(Settings(database_url="postgresql://storybot:hunter2@db/stories"))


FAILED_CONNECTS = """
import asyncio, sys
import sqlalchemy as sa
from sqlalchemy.engine import URL
from bot.state.database import engine_for
from bot.state.statement_bounds import StatementBounds

async def connect_once() -> None:
    engine = engine_for(URL.create("sqlite+aiosqlite", database=sys.argv[1]), StatementBounds.within(3.0))
    try:
        async with engine.connect():
            raise AssertionError("connected to a file that is not there")
    except sa.exc.OperationalError:
        pass
    finally:
        await engine.dispose()

for _ in range(int(sys.argv[2])):
    asyncio.run(connect_once())
print("failed each time", flush=True)
"""


def test_a_connection_that_fails_leaves_nothing_to_answer_once_the_event_loop_has_closed(tmp_path: Path):
    """aiosqlite stops its thread when a connect fails, and the thread's answer to that stop came after the event loop
    had closed about half the time a command ended right after (asyncio.run): 'Exception in thread ... RuntimeError:
    Event loop is closed', a traceback at exit. Each connect here fails (the file is not there) in a loop run of its
    own, as a command's is."""
    done = subprocess.run(
        [sys.executable, "-c", FAILED_CONNECTS, str(tmp_path / "not there.db"), "50"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
        timeout=120,
    )
    assert done.stdout == "failed each time\n", done.stderr
    assert done.stderr == ""


OPEN_WHEN_TOLD = """
import asyncio, sys
from pathlib import Path
from bot.settings import Settings
from bot.state.database import Database
print("ready", flush=True)
sys.stdin.readline()
async def opened():
    await (await Database.open(Settings(data=Path(sys.argv[1])))).close()
asyncio.run(opened())
print("opened")
"""


def test_processes_that_create_one_sqlite_database_at_once_all_open_it(tmp_path: Path):
    """Shard processes sharing a data folder, or `shelf import` beside a starting bot: each read "no revision" before
    any had made the tables, and all but the first failed with "table server_settings already exists. Set
    STORYBOT_DATA to a folder the bot may write." (PostgreSQL's migrations wait on an advisory lock)."""
    data = tmp_path / "data"
    data.mkdir()
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", OPEN_WHEN_TOLD, str(data)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).parents[2],
        )
        for _ in range(6)
    ]
    # Each has imported storybot (seconds on a busy machine: told to go before, they opened one by one, after the
    # lock was let go, and the test passed without the fix).
    for process in processes:
        assert process.stdout is not None
        assert process.stdout.readline() == "ready\n", process.communicate(timeout=120)[1][-300:]
    holder = sqlite3.connect(data / SQLITE_FILE, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # as another process's write: each reads the (no) revision meanwhile
    for process in processes:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    time.sleep(3)  # less than the 10 s each waits for the write lock
    holder.execute("ROLLBACK")
    holder.close()
    outcomes = [process.communicate(timeout=120) for process in processes]
    assert [out for out, _ in outcomes] == ["opened\n"] * 6, [error[-300:] for _, error in outcomes]


async def test_an_sqlite_database_at_the_newest_revision_opens_while_another_process_writes(tmp_path: Path):
    """A start reads the revision and has nothing to migrate: it needs no write lock, so another process's write in
    progress (`shelf import` storing a large story, a shard's vote) never holds it back (the write lock taken at every
    start waited the writer out, up to 10 s, then said 'try again in a moment')."""
    settings = Settings(data=tmp_path)
    await (await Database.open(settings)).close()
    writer = sqlite3.connect(tmp_path / SQLITE_FILE, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE server_settings SET budget_questions = budget_questions")
        opened = await Database.open(settings)
        await opened.close()
    finally:
        writer.execute("ROLLBACK")
        writer.close()
