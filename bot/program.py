"""`python -m bot` and the `storybot` script: the command line, with the Discord bot plugged in.

Neither front end imports the other: the command line runs the bot's commands through this, and
discord.py is imported only when one of them runs.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Sequence

from bot.cli.main import main as command_line
from bot.core.library import StoryLibrary
from bot.settings import Settings


class DiscordBot:
    """The Discord bot's commands for the command line (bot.cli.main.DiscordCommands)."""

    def run(self, settings: Settings, load_library: Callable[[], StoryLibrary], *, sync_only: bool) -> int:
        from bot.discord_app.run import run_bot

        return run_bot(settings, load_library, sync_only=sync_only)

    def invite(self, token: str) -> tuple[str, tuple[str, ...]]:
        from bot.discord_app.invite import PERMISSIONS, application_id_from_token, invite_url

        return invite_url(application_id_from_token(token)), tuple(PERMISSIONS.values())

    @contextlib.asynccontextmanager
    async def stopped(self, settings: Settings) -> AsyncIterator[None]:
        from bot.discord_app.database_lock import database_stopped
        from bot.discord_app.run_lock import folder_stopped

        with folder_stopped(settings):
            async with database_stopped(settings):
                yield


def main(argv: Sequence[str] | None = None) -> int:
    return command_line(argv, discord=DiscordBot())
