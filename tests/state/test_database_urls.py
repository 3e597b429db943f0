"""A PostgreSQL URL that cannot work, as the owner meets it: `python -m bot run` says what and what to do.

The database is opened before Discord is contacted, so these runs need no network.
"""

from __future__ import annotations

import asyncio
import socket

import asyncpg
import pytest
import sqlalchemy as sa

from bot.settings import Settings
from bot.state.database import Database
from bot.state.guarded_engine import OPERATION_SECONDS
from bot.state.statement_bounds import StatementBounds
from tests.cli.test_main import ROOT, run
from tests.cli.test_owner_commands import one_clear_line, token_for
from tests.postgresql import USER, PostgreSQLServer


async def execute(url: str, sql: str) -> None:
    connection = await asyncpg.connect(url)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


def run_bot_with(url: str, tmp_path):
    env = {"DISCORD_TOKEN": token_for(1000), "STORYBOT_DATABASE_URL": url, "STORYBOT_DATA": str(tmp_path)}
    return run("run", env=env)


@pytest.mark.parametrize(
    ("database", "role", "said"),
    [
        (
            "no_such_database",
            USER,
            f"has no database 'no_such_database'. Create it (createdb -O {USER} no_such_database)",
        ),
        ("postgres", "no_such_role", "refused the role 'no_such_role' (role \"no_such_role\" does not exist)"),
    ],
)
def test_a_database_or_role_that_does_not_exist_is_one_line_and_exit_2(
    postgresql_server: PostgreSQLServer, tmp_path, database, role, said
):
    url = postgresql_server.url(database).replace(f"//{USER}@", f"//{role}:hunter2@")
    result = run_bot_with(url, tmp_path)
    assert result.returncode == 2 and one_clear_line(result.stderr), result.stderr
    assert said in result.stderr
    assert "hunter2" not in result.stderr and "postgresql://" in result.stderr


def test_a_role_that_may_not_create_tables_is_told_how_to_fix_it(postgresql_server: PostgreSQLServer, tmp_path):
    owner_url = postgresql_server.new_database()
    database = owner_url.rsplit("/", 1)[1]
    asyncio.run(execute(owner_url, "CREATE ROLE reader LOGIN; REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
    result = run_bot_with(owner_url.replace(f"//{USER}@", "//reader@"), tmp_path)
    assert result.returncode == 2 and one_clear_line(result.stderr), result.stderr
    assert f"ALTER DATABASE {database} OWNER TO reader" in result.stderr


def test_a_server_that_does_not_answer_is_exit_1_to_be_tried_again(tmp_path):
    result = run_bot_with("postgresql://storybot@127.0.0.1:9/stories", tmp_path)  # the discard port
    assert result.returncode == 1 and one_clear_line(result.stderr), result.stderr
    assert "Could not reach the database at postgresql://storybot@127.0.0.1:9/stories" in result.stderr


def test_a_missing_postgresql_driver_names_the_distribution_to_install(tmp_path):
    hidden = tmp_path / "without-asyncpg" / "asyncpg"
    hidden.mkdir(parents=True)  # shadows the installed driver, as if it were not installed
    (hidden / "__init__.py").write_text("raise ModuleNotFoundError(\"No module named 'asyncpg'\", name='asyncpg')\n")
    env = {
        "DISCORD_TOKEN": token_for(1000),
        "STORYBOT_DATABASE_URL": "postgresql://storybot@127.0.0.1:9/stories",
        "STORYBOT_DATA": str(tmp_path / "data"),
        "PYTHONPATH": f"{hidden.parent}:{ROOT}",
    }
    result = run("run", env=env)
    assert result.returncode == 2 and one_clear_line(result.stderr), result.stderr
    assert "pip install 'storybot-discord[postgresql]'" in result.stderr


async def test_a_table_held_by_another_session_at_the_migration_is_exit_1_not_a_hang(
    postgresql_server: PostgreSQLServer, tmp_path
):
    """An upgrade alters `feedback`; a psql session left in a transaction that read it holds it. The start
    waited for that session for ever: no message, no exit, the bot never came up."""
    url = postgresql_server.new_database()
    await (await Database.open(Settings(data=tmp_path, database_url=url))).close()
    # taken back to before `answers`, as storybot's last version left it
    await execute(url, "DROP TABLE answers; ALTER TABLE feedback DROP COLUMN answer_id")
    await execute(url, "UPDATE alembic_version SET version_num = '0002'")
    reader = await asyncpg.connect(url)
    try:
        await reader.execute("BEGIN; SELECT count(*) FROM feedback")
        result = await asyncio.to_thread(run_bot_with, url, tmp_path)
    finally:
        await reader.close()
    assert result.returncode == 1 and one_clear_line(result.stderr), result.stderr
    assert "is locked by another session (a table storybot needs" in result.stderr
    assert "postgresql://storybot@127.0.0.1" in result.stderr


async def test_the_servers_waits_are_set_once_connected_not_asked_for_at_connection_start(postgresql_url, tmp_path):
    """A pooler in front of PostgreSQL (PgBouncer) refuses start-up parameters it does not know: a
    lock_timeout asked for in the start-up packet left the bot unable to connect through one."""
    database = await Database.open(Settings(data=tmp_path, database_url=postgresql_url))
    try:
        async with database.engine.connect() as connection:
            found = await connection.exec_driver_sql(
                "SELECT name, source, setting FROM pg_settings WHERE name IN ('lock_timeout', 'statement_timeout') "
                "ORDER BY name"
            )
            rows = [tuple(row) for row in found]
    finally:
        await database.close()
    bounds = StatementBounds.within(OPERATION_SECONDS)
    assert rows == [  # SET after connecting, not "client" (a start-up parameter)
        ("lock_timeout", "session", str(int(1000 * bounds.lock))),
        ("statement_timeout", "session", str(int(1000 * bounds.server))),
    ]


async def test_libpq_parameters_in_the_url_are_applied(postgresql_url, tmp_path):
    """Hosted PostgreSQL hands out URLs with libpq's parameters (?sslmode=require, application_name): each
    ended the start in a TypeError traceback ("connect() got an unexpected keyword argument 'sslmode'")."""
    url = f"{postgresql_url}?sslmode=prefer&application_name=storybot-east"
    database = await Database.open(Settings(data=tmp_path, database_url=url))
    try:
        async with database.engine.connect() as connection:
            name = await connection.scalar(sa.text("SELECT current_setting('application_name')"))
    finally:
        await database.close()
    assert name == "storybot-east"


def test_a_url_asking_for_tls_the_server_has_not_is_one_line(postgresql_url, tmp_path):
    result = run_bot_with(f"{postgresql_url}?sslmode=require", tmp_path)
    assert result.returncode == 1 and one_clear_line(result.stderr), result.stderr
    assert "Could not reach the database at postgresql://storybot@127.0.0.1" in result.stderr


def test_a_server_that_takes_the_connection_but_never_answers_is_said_so(tmp_path):
    """A port that accepts and then says nothing (a stopped server behind a proxy, a firewall's tarpit) read
    'Could not reach the database at ...: TimeoutError.'"""
    with socket.create_server(("127.0.0.1", 0)) as silent:
        port = silent.getsockname()[1]
        result = run_bot_with(f"postgresql://storybot@127.0.0.1:{port}/stories", tmp_path)
    assert result.returncode == 1 and one_clear_line(result.stderr), result.stderr
    assert f"127.0.0.1:{port}/stories: it did not answer in time. Check that the server" in result.stderr


async def test_a_password_with_an_at_sign_reaches_the_server(postgresql_url, tmp_path):
    """The server's own check: the host after the last '@' is the one connected to, as compose's URL names it."""
    url = postgresql_url.replace(f"//{USER}@", f"//{USER}:p@ss@")
    database = await Database.open(Settings(data=tmp_path, database_url=url))
    try:
        async with database.engine.connect() as connection:
            assert await connection.scalar(sa.text("SELECT current_user")) == USER
    finally:
        await database.close()


async def test_at_signs_in_the_role_password_database_and_query_reach_the_server(
    postgresql_server: PostgreSQLServer, tmp_path
):
    """The server's own check of a role, a database and an application name each holding an '@', and a password too:
    the URL was split at its last '@', so the database's name and the query went into the password."""
    name = postgresql_server.new_database().rsplit("/", 1)[1]
    role, database = f"{name}@bot", f"{name}@stories"
    await execute(postgresql_server.url(), f'CREATE ROLE "{role}" LOGIN')
    await execute(postgresql_server.url(), f'CREATE DATABASE "{database}" OWNER "{role}"')
    url = f"postgresql://{role}:p@ss@127.0.0.1:{postgresql_server.port}/{database}?application_name=storybot@east"
    opened = await Database.open(Settings(data=tmp_path, database_url=url))
    try:
        async with opened.engine.connect() as connection:
            said = await connection.execute(
                sa.text("SELECT current_user, current_database(), current_setting('application_name')")
            )
            assert tuple(said.one()) == (role, database, "storybot@east")
    finally:
        await opened.close()


async def test_the_ssl_parameter_sqlalchemy_passed_to_asyncpg_is_still_taken(postgresql_url, tmp_path):
    """`?ssl=require` is how SQLAlchemy's asyncpg documentation asks for TLS, and worked before libpq's parameters
    were read from the URL; read as a libpq one it went to the server as a setting it does not know."""
    database = await Database.open(Settings(data=tmp_path, database_url=f"{postgresql_url}?ssl=prefer"))
    try:
        async with database.engine.connect() as connection:
            assert await connection.scalar(sa.text("SELECT current_user")) == USER
    finally:
        await database.close()
