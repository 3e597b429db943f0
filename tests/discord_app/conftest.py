from __future__ import annotations

from collections.abc import AsyncIterator

import discord
import pytest

from bot.discord_app.client import StoryBot
from bot.settings import Settings
from bot.state.database import Database
from tests.discord_app.fake_discord import BOT_ID, BOT_USER, CHANNEL_ID, GUILD_ID, NOW, member

BOT_ROLE_ID = 2100


def guild_payload() -> dict:
    role = {"name": "x", "permissions": "0", "position": 0, "color": 0, "hoist": False, "mentionable": True, "flags": 0}
    return {
        "id": str(GUILD_ID),
        "name": "Story Club",
        "icon": None,
        "owner_id": "1",
        "member_count": 2,
        "roles": [
            role | {"id": str(GUILD_ID), "name": "@everyone", "managed": False},
            role | {"id": str(BOT_ROLE_ID), "name": "storybot", "managed": True, "tags": {"bot_id": str(BOT_ID)}},
        ],
        "channels": [{"id": str(CHANNEL_ID), "type": 0, "name": "general", "position": 0, "permission_overwrites": []}],
        "members": [member(BOT_USER)],
        "joined_at": NOW,
    }


@pytest.fixture
async def discord_bot(library, tmp_path) -> AsyncIterator[StoryBot]:
    """A StoryBot that has not connected, with the state discord.py builds from READY and GUILD_CREATE."""
    settings = Settings(channels=frozenset({4242}), data=tmp_path / "data")
    database = await Database.open(settings)
    bot = StoryBot(settings, library, database)
    state = bot._connection
    state.user = discord.ClientUser(state=state, data=BOT_USER)
    state._add_guild(discord.Guild(data=guild_payload(), state=state))
    yield bot
    for extension in tuple(bot.extensions):  # what a test loaded (the ask extension's answer sweep), as close() would
        await bot.unload_extension(extension)
    await bot.libraries.close()  # its people's names no longer indexed, as close() would
    await database.close()
