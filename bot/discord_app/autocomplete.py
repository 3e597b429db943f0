"""Autocomplete answers within Discord's 3 seconds, whatever it waits for.

Discord drops an autocomplete answer that comes more than 3 s after the keystroke, network both ways
included. A server's view may be building (its shelf read from the database, joined in a ranking thread
behind other questions), and a saved library reads its people at the first lookup: autocomplete waits for
them at most WAIT_SECONDS in all, then answers from what is at hand (a lookup in it still gets LOOKUP_SECONDS).
What it waited for goes on, off the event loop, and is ready for the next keystroke.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from bot.core.library import StoryLibrary
from bot.discord_app.client import StoryBot

log = logging.getLogger(__name__)

T = TypeVar("T")

WAIT_SECONDS = 1.0
"""What one autocomplete waits, in all, for work not ready: well within Discord's 3 s with the network's
share of them."""
LOOKUP_SECONDS = 0.5
"""What a lookup after that wait still gets, run in a thread: in the view at hand, whose people were read, it
takes milliseconds, but a thread's result needs a turn of the event loop (with no time left it was never
taken, so /performer offered no one while a view was built). WAIT_SECONDS and this: 1.5 s at most."""


class AutocompleteTime:
    """The time one autocomplete has left to wait, from its start."""

    def __init__(self, seconds: float = WAIT_SECONDS):
        self._loop = asyncio.get_running_loop()
        self._ends = self._loop.time() + seconds

    async def within(self, work: Awaitable[T], otherwise: Callable[[], T], *, at_least: float = 0.0) -> T:
        """What `work` gives, if it is done in the time left (`at_least` seconds, when less is left); else
        otherwise(), and the work goes on (what it gives is dropped, what it raises logged)."""
        running = asyncio.ensure_future(work)
        await asyncio.wait({running}, timeout=max(at_least, self._ends - self._loop.time()))
        if running.done():
            return running.result()
        running.add_done_callback(_log_failure)
        return otherwise()

    async def view(self, bot: StoryBot, server_id: int | None) -> StoryLibrary | None:
        """What the server searches, if ready in time; else what is at hand (the view built before its latest
        change, or None: nothing to suggest yet)."""
        return await self.within(bot.view(server_id), lambda: bot.views.at_hand(server_id))


def _log_failure(work: asyncio.Future[T]) -> None:
    if not work.cancelled() and (error := work.exception()) is not None:
        log.error("Autocomplete's work, left to finish, failed", exc_info=error)
