"""Autocomplete answers in Discord's time while a server's view is being built, under the real bot process on the
fake Discord: from the view built before, and the build goes on."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.discord_app.autocomplete import AutocompleteTime
from tests.discord_app.bot_process import BotProcess
from tests.discord_app.fake_discord import GUILD_ID, MANAGE_SERVER, FakeDiscord
from tests.discord_app.test_end_to_end import fake
from tests.discord_app.test_shelves import MILL, add_and_read, followup
from tests.sqlite_lock import locked_by_another_process

pytestmark = pytest.mark.asyncio(loop_scope="module")
__all__ = ["fake"]

BUILD_GAVE_UP = f"Could not read the shelf of server {GUILD_ID}"
SOPHIE = "Sophie Korolev: A Pianist Takes the Stage"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def data_bot(
    fake: FakeDiscord, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[tuple[BotProcess, Path]]:
    """The bot on the bundled stories, with its SQLite database where the test can lock it."""
    data = tmp_path_factory.mktemp("data")
    process = await BotProcess(fake, STORYBOT_INDEX="off", STORYBOT_DATA=str(data)).start()
    await process.ready()
    yield process, data / "storybot.db"
    assert await process.stop() == 0
    assert "Traceback" not in process.text


async def typed(fake: FakeDiscord, command: str, option: str, text: str, **other_options: str) -> str:
    """A person types `text` into a command's option: Discord asks for autocomplete. Returns its id."""
    registered = next(c for c in fake.commands["guild"] if c["name"] == command)
    options = [{"name": k, "type": 3, "value": v} for k, v in other_options.items()]
    options.append({"name": option, "type": 3, "value": text, "focused": True})
    data = {"id": registered["id"], "name": command, "type": 1, "guild_id": str(GUILD_ID), "options": options}
    _, interaction = await fake.interact(4, data)
    return interaction


async def choices(fake: FakeDiscord, interaction: str) -> list[str]:
    """What the bot offered for that autocomplete."""
    answer = (await fake.wait_for_call("POST", rf"/interactions/{interaction}/[^/]+/callback")).body
    assert answer["type"] == 8
    return [choice["name"] for choice in answer["data"]["choices"]]


async def test_autocomplete_answers_from_the_view_at_hand_while_the_new_one_builds(fake, data_bot):
    process, database = data_bot
    assert (await add_and_read(fake, "mill.md", MILL))["content"].startswith('Added "The Old Mill"')
    before = await choices(fake, await typed(fake, "ask", "story", "the", question="who"))
    assert "The Old Mill" in before and SOPHIE in before  # this server's view: the library and its own story
    assert "Sofia Kalmurzaeva" in str(await choices(fake, await typed(fake, "performer", "name", "sofia")))
    mark, interaction = await fake.subcommand("settings", "library", permissions=MANAGE_SERVER, shown="hidden")
    assert "only this server's own stories" in (await followup(fake, interaction, mark))["content"]
    # The next view is built at the next question or keystroke; its shelf is read from the database, which
    # another program holds until the bot has answered. Waiting for the build would have meant waiting for the
    # database to give up (its busy wait is 2 s), past Discord's 3 s with the network's share.
    with locked_by_another_process(database):
        stories = await typed(fake, "ask", "story", "the", question="who")
        people = await typed(fake, "performer", "name", "sofia")
        offered = await choices(fake, stories)
        named = await choices(fake, people)
        assert BUILD_GAVE_UP not in process.text
    assert offered == before  # what was ready: the view before the change
    assert "Sofia Kalmurzaeva" in str(named)  # its people too, though waiting for the view took the time
    started = time.monotonic()
    while SOPHIE in (offered := await choices(fake, await typed(fake, "ask", "story", "the", question="who"))):
        assert time.monotonic() - started < 60, "the view under way was never finished"  # a hang, not slowness
        await asyncio.sleep(0.2)
    assert offered == ["The Old Mill"]
    assert BUILD_GAVE_UP not in process.text  # the build was left to finish, and did once the database let it


async def test_work_not_done_in_time_is_answered_without_and_left_to_finish():
    gate, finished = asyncio.Event(), asyncio.Event()

    async def work() -> str:
        await gate.wait()
        finished.set()
        return "built"

    assert await AutocompleteTime(0.0).within(work(), lambda: "at hand") == "at hand"
    gate.set()
    await asyncio.wait_for(finished.wait(), 10)  # not cancelled: the next keystroke finds it done
    assert await AutocompleteTime(10.0).within(asyncio.sleep(0, "ready"), lambda: "at hand") == "ready"
    # With no time left, a lookup in what is at hand still gets its own: a thread's answer takes a turn of the loop.
    assert await AutocompleteTime(0.0).within(asyncio.to_thread(str, "looked up"), str, at_least=10.0) == "looked up"
