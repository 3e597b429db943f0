"""How long the database's server and its driver wait, each below the next, from the deadline of the call.

A statement waiting on another session's lock must be ended by the server (lock_timeout, statement_timeout: it
answered, the database is busy) before the client gives up on it (asyncpg's command_timeout: no answer, the server is
unreachable), and the client's own bound before the call's deadline (bot.state.guarded_engine), each by a margin: were
they equal, a loaded machine's timer fired first and a merely busy database was reported as one that did not answer.
SQLite's busy wait is the server's bound there. They follow the call's deadline, so the command line's long ones
(`shelf import`, `feedback export`: 120 seconds) reach every statement, and the bot's interactions keep their seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

CONNECT_SECONDS = 2.0
"""The most a connection takes to be made, whatever the deadline: a server that does not answer is found at once."""
MARGIN_SHARE = 1 / 6
"""The share of the deadline between the server's bound and the client's, and between the client's and the deadline."""
MOST_MARGIN = 5.0
"""A margin no longer than this: a long deadline's statements may use nearly all of it."""


@dataclass(frozen=True, kw_only=True)
class StatementBounds:
    """Seconds each part waits: `server` for a statement (PostgreSQL's statement_timeout), `lock` for another
    session's lock (PostgreSQL's lock_timeout, SQLite's busy wait; below `server`), `client` for the server's answer to
    a statement (asyncpg's command_timeout), `connect` for a connection."""

    server: float
    lock: float
    client: float
    connect: float

    @classmethod
    def within(cls, deadline: float, *, lock: float | None = None) -> StatementBounds:
        """Bounds ordered below `deadline`: the server's, then the client's, a margin apart; `lock` shortens the wait
        for a lock alone (the start's migration waits STARTUP_BUSY_SECONDS for one, and minutes for a statement)."""
        margin = min(deadline * MARGIN_SHARE, MOST_MARGIN)
        server = deadline - 2 * margin
        client = deadline - margin
        return cls(  # a lock's wait ends first, so the server's words say that a lock was held ("lock timeout")
            server=server,
            lock=server - margin / 2 if lock is None else min(lock, server),
            client=client,
            connect=min(CONNECT_SECONDS, client),
        )
