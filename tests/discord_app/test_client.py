"""The bot's own state: a server's settings and question budget, and what happens when the database fails."""

from __future__ import annotations

import os

from bot.settings import QuestionBudget
from bot.state.database import SQLITE_FILE
from tests.discord_app.fake_discord import GUILD_ID, USER_ID


async def test_a_server_budget_replaces_the_default_for_that_server_only(discord_bot):
    await discord_bot.database.servers.set_budget(GUILD_ID, QuestionBudget(1, 60))
    assert await discord_bot.question_budget(GUILD_ID) == QuestionBudget(1, 60)
    assert await discord_bot.question_budget(None) == discord_bot.settings.question_budget
    assert await discord_bot.spend_question(USER_ID, GUILD_ID) is None
    assert await discord_bot.spend_question(USER_ID, GUILD_ID) is not None
    assert await discord_bot.spend_question(USER_ID, None) is None  # DMs keep the default budget


async def test_when_the_database_fails_the_defaults_apply_and_the_bot_goes_on(discord_bot, caplog, tmp_path):
    """A folder stands where the file was. The file is moved aside, not deleted: deleted, its inode was free, and the
    folder, given it, passed for the file; SQLite then failed to open it, and aiosqlite's worker thread, stopped, could
    answer after the test's event loop had closed (RuntimeError in the thread, on a busy machine)."""
    await discord_bot.database.engine.dispose()
    database_file = discord_bot.settings.data / SQLITE_FILE
    os.replace(discord_bot.settings.data, tmp_path / "moved")
    database_file.mkdir(parents=True)  # not the file the bot opened, and not written over: nothing can be saved
    settings = await discord_bot.server_settings(GUILD_ID)
    assert settings.empty
    assert await discord_bot.question_budget(GUILD_ID) == discord_bot.settings.question_budget
    assert "Could not read the settings of server" in caplog.text
    assert "removed or replaced while the bot ran" in caplog.text  # seen as gone: never opened
