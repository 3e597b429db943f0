"""The waits of a call's statements, each below the next: the server's lock wait, its statement wait, the client's."""

from __future__ import annotations

import pytest

from bot.state.database import MIGRATION_BOUNDS, MIGRATION_STATEMENT_SECONDS
from bot.state.database_fault import STARTUP_BUSY_SECONDS
from bot.state.guarded_engine import OPERATION_SECONDS
from bot.state.statement_bounds import StatementBounds


@pytest.mark.parametrize("deadline", [0.5, 2.0, OPERATION_SECONDS, 10.0, 120.0, 3600.0])
def test_the_server_gives_up_before_the_client_and_the_client_before_the_deadline(deadline: float):
    bounds = StatementBounds.within(deadline)
    assert 0 < bounds.lock < bounds.server < bounds.client < deadline
    assert 0 < bounds.connect <= bounds.client
    assert bounds.client - bounds.server >= min(deadline / 10, 1.0)  # a margin a loaded machine's timers keep


def test_the_bots_interactions_keep_their_seconds_and_a_long_command_reaches_its_statements():
    """The bot waits 2 seconds at most on the server as before; `shelf import`'s statements may take nearly its
    2 minutes, not the bot's 2 seconds."""
    assert StatementBounds.within(OPERATION_SECONDS).server == 2.0
    long = StatementBounds.within(120.0)
    assert long.lock >= 100 and long.server >= 100


def test_the_starts_migration_waits_for_a_lock_briefly_and_for_a_statement_long():
    assert MIGRATION_BOUNDS.lock == STARTUP_BUSY_SECONDS
    assert MIGRATION_BOUNDS.server > 60 and MIGRATION_BOUNDS.client < MIGRATION_STATEMENT_SECONDS
