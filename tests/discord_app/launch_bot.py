"""Runs storybot's real entry point (`python -m bot ...`) against the fake Discord at FAKE_DISCORD_URL.

What changes: where discord.py connects (its REST base and its default gateway), where the bot downloads uploads
from (bot.discord_app.attachments' hosts: the fake CDN, over http), and how long it waits after
the last server's GUILD_CREATE before it is ready (discord.py's documented `guild_ready_timeout`, 2 s by default,
for a real Discord streaming servers in): the fake sends every GUILD_CREATE right after READY, and the suite starts
the bot some hundred times. With LOAD_AFTER set, the library's load waits for the test (`load_after`); with
PEOPLE_AFTER, the reading of its people (`people_after`).

The bot's worker processes (bot.core.worker_process) start as new Pythons that run their parent's main script first,
this file: its imports of discord.py and the bot are made where they are used, not at the top, or each worker (one an
upload or a build) imported them all again, a second of CPU each.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from bot.core.library import StoryLibrary
    from bot.core.people import Person
    from bot.settings import Settings

GUILD_READY_SECONDS = 0.5

QUICK_READY = property(lambda _: GUILD_READY_SECONDS, lambda _, asked: None)
"""discord.py's state sets its instance's guild_ready_timeout in __init__: this reads GUILD_READY_SECONDS instead."""


def load_after(pipe: str) -> None:
    """The library loads once the test has opened the named pipe `pipe` to write and closed it: the test knows the
    bot is loading (past its run lock, before Discord) and holds it there for as long as it needs."""
    from bot.program import DiscordBot

    run = DiscordBot.run

    def waiting(
        self: DiscordBot, settings: Settings, load_library: Callable[[], StoryLibrary], *, sync_only: bool
    ) -> int:
        def load_when_told() -> StoryLibrary:
            with open(pipe, "rb") as told:
                told.read()
            return load_library()

        return run(self, settings, load_when_told, sync_only=sync_only)

    DiscordBot.run = waiting  # type: ignore[method-assign]  # this bot process's own run, patched before it starts


def people_after(pipe: str) -> None:
    """The library's people are read, as a saved index's are when their names are first indexed, once the test has
    opened the named pipe `pipe` to write and closed it: the test knows the bot is indexing their names (in the library
    holder's thread, from start-up on) and holds it there for as long as it needs."""
    from bot.core.people import PersonFinder
    from bot.program import DiscordBot

    run = DiscordBot.run

    def holding(
        self: DiscordBot, settings: Settings, load_library: Callable[[], StoryLibrary], *, sync_only: bool
    ) -> int:
        def load_with_people_held() -> StoryLibrary:
            library = load_library()
            people = library.person_finder

            def read_when_told() -> tuple[Person, ...]:
                with open(pipe, "rb") as told:
                    told.read()
                return people.people

            library.person_finder = PersonFinder.read_later(people.named(), read_when_told)
            return library

        return run(self, settings, load_with_people_held, sync_only=sync_only)

    DiscordBot.run = holding  # type: ignore[method-assign]  # as waiting above


def main_at_fake(arguments: list[str]) -> int:
    """`python -m bot ARGUMENTS`, pointed at the fake Discord at FAKE_DISCORD_URL."""
    import discord.gateway
    import discord.http
    import discord.state
    import yarl

    import bot.discord_app.attachments
    from bot.program import main

    base = os.environ["FAKE_DISCORD_URL"]
    discord.http.Route.BASE = f"{base}/api/v10"
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(base.replace("http", "ws", 1) + "/gateway")
    bot.discord_app.attachments.ATTACHMENT_ORIGINS = frozenset({yarl.URL(base)})
    setattr(discord.state.ConnectionState, "guild_ready_timeout", QUICK_READY)  # noqa: B010 (typed as a float)
    if "LOAD_AFTER" in os.environ:
        load_after(os.environ["LOAD_AFTER"])
    if "PEOPLE_AFTER" in os.environ:
        people_after(os.environ["PEOPLE_AFTER"])
    return main(arguments)


if __name__ == "__main__":  # a worker process (bot.core.worker_process) runs this file too: only point and run here
    raise SystemExit(main_at_fake(sys.argv[1:]))
