"""The bot's own state: a server's settings and question budget, and what happens when the database fails."""

from __future__ import annotations

import os

from bot.settings import QuestionBudget
from bot.state.database import SQLITE_FILE
from tests.discord_app.bot_process import bot_on_fake_discord
from tests.discord_app.fake_discord import GUILD_ID, USER_ID
from tests.discord_app.test_shelves import MILL, add_and_read, ask


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


async def test_a_restarted_bot_builds_a_servers_view_from_the_shelf_parts_it_saved(tmp_path):
    """The real bot process, stopped and started again on its data folder: the server's view is built ahead from the
    parts its first run saved there, analysing none of its stories, and answers from them."""
    data = tmp_path / "data"
    async with bot_on_fake_discord(data) as (fake, process):
        added = await add_and_read(fake, "mill.md", MILL)
        assert added["content"].startswith('Added "The Old Mill"')
        answer = await ask(fake, "who ground rye by the river?")
        assert answer is not None and answer["embeds"][0]["title"] == "The Old Mill"
    assert list((data / "shelf-parts" / f"server-{GUILD_ID}").glob("*/part-*"))
    async with bot_on_fake_discord(data) as (fake, process):
        await process.printed(f"Server {GUILD_ID}: 1 saved shelf parts used, holding 1 of its stories.")
        answer = await ask(fake, "who ground rye by the river?")
        assert answer is not None and answer["embeds"][0]["title"] == "The Old Mill"
        assert "Anatole" in answer["embeds"][0]["description"]
        assert f"Server {GUILD_ID}: 1 stories of its own (shelf version 1), 0 of them analysed" in process.text
