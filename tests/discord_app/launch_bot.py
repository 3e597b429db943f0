"""Runs storybot's real entry point (`python -m bot ...`) against the fake Discord at FAKE_DISCORD_URL.

What changes: where discord.py connects (its REST base and its default gateway), where the bot downloads uploads
from (bot.discord_app.attachments' hosts: the fake CDN, over http), and how long it waits after
the last server's GUILD_CREATE before it is ready (discord.py's documented `guild_ready_timeout`, 2 s by default,
for a real Discord streaming servers in): the fake sends every GUILD_CREATE right after READY, and the suite starts
the bot some hundred times. With LOAD_AFTER set, the library's load waits for the test (`load_after`); with
PEOPLE_AFTER, the reading of its people (`people_after`).
"""

import os
import sys
from collections.abc import Callable

import discord.gateway
import discord.http
import discord.state
import yarl

import bot.discord_app.attachments
from bot.core.library import StoryLibrary
from bot.core.people import Person, PersonFinder
from bot.program import DiscordBot, main
from bot.settings import Settings

GUILD_READY_SECONDS = 0.5

QUICK_READY = property(lambda _: GUILD_READY_SECONDS, lambda _, asked: None)
"""discord.py's state sets its instance's guild_ready_timeout in __init__: this reads GUILD_READY_SECONDS instead."""


def load_after(pipe: str) -> None:
    """The library loads once the test has opened the named pipe `pipe` to write and closed it: the test knows the
    bot is loading (past its run lock, before Discord) and holds it there for as long as it needs."""
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


if __name__ == "__main__":  # a worker process (bot.core.worker) imports this file too: only point and run here
    base = os.environ["FAKE_DISCORD_URL"]
    discord.http.Route.BASE = f"{base}/api/v10"
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(base.replace("http", "ws", 1) + "/gateway")
    bot.discord_app.attachments.ATTACHMENT_ORIGINS = frozenset({yarl.URL(base)})
    setattr(discord.state.ConnectionState, "guild_ready_timeout", QUICK_READY)  # noqa: B010 (typed as a float)
    if "LOAD_AFTER" in os.environ:
        load_after(os.environ["LOAD_AFTER"])
    if "PEOPLE_AFTER" in os.environ:
        people_after(os.environ["PEOPLE_AFTER"])
    raise SystemExit(main(sys.argv[1:]))
