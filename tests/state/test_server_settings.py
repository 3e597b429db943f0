"""Per-server settings on SQLite and PostgreSQL: set, shown back, kept, and forgotten with their channel or server."""

from __future__ import annotations

import asyncio

import sqlalchemy as sa
from sqlalchemy.util import await_only

from bot.settings import QuestionBudget, Settings
from bot.state.database import Database

SERVER, OTHER_SERVER = 111, 222
CHANNEL, OTHER_CHANNEL = 11, 12


async def test_a_server_that_set_nothing_has_every_default(database: Database):
    settings = await database.servers.of(SERVER)
    assert settings.empty and settings.budget is None
    assert settings.channel(CHANNEL).answers_every_message is None and settings.channel(CHANNEL).story_path is None


async def test_channel_settings_are_kept_per_channel_and_per_server(database: Database):
    await database.servers.set_answers(SERVER, CHANNEL, True)
    await database.servers.set_story(SERVER, CHANNEL, "sophie.md")
    await database.servers.set_answers(SERVER, OTHER_CHANNEL, False)
    await database.servers.set_budget(OTHER_SERVER, QuestionBudget(2, 60))
    settings = await database.servers.of(SERVER)
    assert settings.channel(CHANNEL).answers_every_message is True
    assert settings.channel(CHANNEL).story_path == "sophie.md"
    assert settings.channel(OTHER_CHANNEL).answers_every_message is False
    assert settings.budget is None
    assert (await database.servers.of(OTHER_SERVER)).budget == QuestionBudget(2, 60)


async def test_a_budget_saved_outside_its_range_reads_as_the_default(database: Database):
    # Saved by a version whose /settings budget took a forged -1 as sent: every question was refused.
    await database.servers.set_budget(SERVER, QuestionBudget(-1, 30))
    await database.servers.set_budget(OTHER_SERVER, QuestionBudget(5, 30))
    assert (await database.servers.of(SERVER)).budget is None
    assert (await database.servers.of(OTHER_SERVER)).budget == QuestionBudget(5, 30)


async def test_changes_reach_the_database_not_only_the_kept_copy(database_settings: Settings):
    writer = await Database.open(database_settings)
    reader = await Database.open(database_settings)
    try:
        await writer.servers.set_budget(SERVER, QuestionBudget(3, 20))
        await writer.servers.set_story(SERVER, CHANNEL, "the-keeper.md")
        settings = await reader.servers.of(SERVER)
        assert settings.budget == QuestionBudget(3, 20)
        assert settings.channel(CHANNEL).story_path == "the-keeper.md"
    finally:
        await writer.close()
        await reader.close()


async def test_a_crowd_asking_at_once_reads_a_servers_settings_once(database_settings: Settings):
    """Each of a crowd's first questions read the settings: 500 reads queued for the database's connections, some
    past the deadline (their questions then answered with the defaults). Now they share one read."""
    writer = await Database.open(database_settings)
    reader = await Database.open(database_settings)
    statements: list[str] = []
    sa.event.listen(reader.engine.sync_engine, "before_cursor_execute", lambda *sent: statements.append(sent[2]))
    try:
        await writer.servers.set_budget(SERVER, QuestionBudget(3, 20))
        crowd = await asyncio.gather(*(reader.servers.of(SERVER) for _ in range(500)))
        assert {settings.budget for settings in crowd} == {QuestionBudget(3, 20)}
        assert sum("FROM server_settings" in statement for statement in statements) == 1
    finally:
        await writer.close()
        await reader.close()


async def test_a_setting_set_back_to_default_leaves_nothing_behind(database: Database):
    await database.servers.set_answers(SERVER, CHANNEL, True)
    await database.servers.set_budget(SERVER, QuestionBudget(1, 10))
    await database.servers.set_answers(SERVER, CHANNEL, None)
    await database.servers.set_budget(SERVER, None)
    assert (await database.servers.of(SERVER)).empty
    assert not await database.servers.any_answer_channels()


async def test_a_deleted_channel_and_a_server_left_are_forgotten(database: Database):
    await database.servers.set_answers(SERVER, CHANNEL, True)
    await database.servers.set_story(SERVER, OTHER_CHANNEL, "sophie.md")
    await database.servers.set_budget(SERVER, QuestionBudget(4, 40))
    await database.servers.set_answers(OTHER_SERVER, 99, True)

    await database.servers.forget_channel(SERVER, CHANNEL)
    settings = await database.servers.of(SERVER)
    assert CHANNEL not in settings.channels and OTHER_CHANNEL in settings.channels

    await database.servers.forget_server(SERVER)
    assert (await database.servers.of(SERVER)).empty
    assert (await database.servers.of(OTHER_SERVER)).channel(99).answers_every_message is True


async def test_answer_channels_anywhere_are_known_at_start(database: Database):
    assert not await database.servers.any_answer_channels()
    await database.servers.set_answers(SERVER, CHANNEL, False)
    assert not await database.servers.any_answer_channels()
    await database.servers.set_answers(OTHER_SERVER, OTHER_CHANNEL, True)
    assert await database.servers.any_answer_channels()


async def test_discord_sized_ids_fit(database: Database):
    server, channel = 1_234_567_890_123_456_789, 9_223_372_036_854_775_807
    await database.servers.set_answers(server, channel, True)
    assert (await database.servers.of(server)).channel(channel).answers_every_message is True


async def test_a_change_made_while_a_read_is_under_way_is_not_replaced_by_what_that_read_found(database: Database):
    """A read begun before /settings changed the server, ending after: the change was kept, then the read's older
    settings kept over it, and every later question went by them until the bot restarted."""
    started, release = asyncio.Event(), asyncio.Event()
    held: list[bool] = []

    def hold_the_first_read(*sent: object) -> None:
        if "FROM channel_settings" in str(sent[2]) and not held:  # the read between its two statements
            held.append(True)
            started.set()
            await_only(release.wait())

    sa.event.listen(database.engine.sync_engine, "before_cursor_execute", hold_the_first_read)
    reading = asyncio.ensure_future(database.servers.of(SERVER))
    await started.wait()
    changed = await database.servers.set_budget(SERVER, QuestionBudget(3, 20))
    release.set()
    assert (await reading).budget is None  # asked before the change
    assert changed.budget == QuestionBudget(3, 20)
    assert (await database.servers.of(SERVER)).budget == QuestionBudget(3, 20)
