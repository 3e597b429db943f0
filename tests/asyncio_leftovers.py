"""A pytest plugin: each of pytest-asyncio's event loops cancels the tasks left at its end as the bot's own exit does
(bot.discord_app.run.leftovers_ended), again while they take a cancel and wait on, for a few seconds at most.

asyncio's runner cancels each task left once and waits for it without a bound. A test that gives up on an SQLite call
(its deadline passed under load) leaves SQLAlchemy's graceful close of that connection behind; cancelled at the
loop's end, it awaits a second stop that aiosqlite's thread, already stopped, never answers. A module's loop then never
closed, and its test worker hung for good (tests/operations/test_server_views.py, seen once under load). The bot's
own exit was mended so (e7b5cec0); pytest-asyncio's loops are here, so a run ends, what was left said in the log.
Loops the tests make themselves (tests/discord_app/test_run.py's) are left as asyncio makes them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Generator

import pytest

from bot.discord_app.run import leftovers_ended


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef: pytest.FixtureDef[object]) -> Generator[None, object, object]:
    """After pytest-asyncio's runner of a scope is set up, a finalizer that ends its leftover tasks: finalizers run
    last added first, so before the runner's own close."""
    made = yield
    if fixturedef.argname.endswith("_scoped_runner") and isinstance(made, asyncio.Runner):
        runner = made
        fixturedef.addfinalizer(lambda: runner.run(leftovers_ended()))
    return made
