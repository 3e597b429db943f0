from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core.library import StoryLibrary
from tests.postgresql import PostgreSQLServer, server_programs, unavailable

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="session")
def library() -> StoryLibrary:
    return StoryLibrary.load(CORPUS)


@pytest.fixture(scope="session")
def postgresql_server() -> Iterator[PostgreSQLServer]:
    programs = server_programs()
    if programs is None:
        unavailable("PostgreSQL's server (initdb, pg_ctl) is not installed")
    assert programs is not None
    server = PostgreSQLServer(programs).start()
    yield server
    server.stop()


@pytest.fixture
def postgresql_url(postgresql_server: PostgreSQLServer) -> str:
    """A new, empty database on the test server for each test."""
    return postgresql_server.new_database()
