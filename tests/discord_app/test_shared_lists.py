"""A /stories list and a /performer pick list stay their asker's, like answers: someone else's click
opens a copy only they see, and the message everyone sees stays as it was."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import pytest_asyncio

from tests.discord_app.bot_process import BotProcess
from tests.discord_app.fake_discord import FakeDiscord
from tests.discord_app.test_end_to_end import EPHEMERAL, callback, fake

if TYPE_CHECKING:  # discord.types is for type checkers: importing it at run time is circular
    from discord.types.user import User as UserPayload

pytestmark = pytest.mark.asyncio(loop_scope="module")
__all__ = ["fake"]

HOLTS = {
    "maren-holt.md": "# The Baker\n\nMaren Holt was a baker who kneaded the dough at dawn.",
    "ivo-holt.md": "# The Fisher\n\nIvo Holt was a fisherman who mended nets by the harbour.",
}


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def stories(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("shared-lists")
    for number in range(20):  # more than one page of /stories
        (folder / f"tale-{number:02}.md").write_text(f"# Tale {number:02}\n\nA quiet tale of the river, {number}.")
    for name, text in HOLTS.items():
        (folder / name).write_text(text)
    return folder


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def lists_bot(fake, stories):
    process = BotProcess(fake, STORYBOT_CORPUS=str(stories), STORYBOT_INDEX="off")
    await process.start()
    await process.ready()
    yield process
    await process.stop()
    assert "Traceback" not in process.text


def stored(fake: FakeDiscord, data: dict) -> dict:
    return next(m for m in reversed(fake.messages.values()) if m["components"] == data["components"])


async def use(fake: FakeDiscord, message: dict, reader: UserPayload, **data) -> dict:
    component = message["components"][0]["components"]
    chosen = next(c for c in component if c.get("label", "") == data.pop("label", c.get("label", "")))
    data = {"custom_id": chosen["custom_id"], "component_type": chosen["type"]} | data
    step = await fake.interact(3, data, message=message, author=reader)
    return await callback(fake, step)


async def test_someone_elses_stories_page_is_a_private_copy(fake, lists_bot):
    asker, other = fake.person(), fake.person()
    step = await fake.slash("stories", author=asker)
    listed = (await callback(fake, step))["data"]
    message = stored(fake, listed)

    copy = await use(fake, message, other, label="Next")
    assert copy["type"] == 4 and copy["data"]["flags"] & EPHEMERAL  # the list everyone sees is left alone
    assert copy["data"]["embeds"][0]["description"] != listed["embeds"][0]["description"]
    onwards = await use(fake, stored(fake, copy["data"]), other, label="Previous")
    assert onwards["type"] == 7 and onwards["data"]["embeds"] == listed["embeds"]  # their copy is theirs

    own = await use(fake, message, asker, label="Next")
    assert own["type"] == 7 and own["data"]["embeds"] == copy["data"]["embeds"]


async def test_someone_elses_pick_shows_them_the_card_privately(fake, lists_bot):
    asker, other = fake.person(), fake.person()
    step = await fake.slash("performer", name="Holt", author=asker)
    choice = (await callback(fake, step))["data"]
    message = stored(fake, choice)
    options = message["components"][0]["components"][0]["options"]
    fisher = next(o["value"] for o in options if o["label"] == "Ivo Holt")

    card = await use(fake, message, other, values=[fisher])
    assert card["type"] == 4 and card["data"]["flags"] & EPHEMERAL
    assert card["data"]["embeds"][0]["title"] == "Ivo Holt"
    own = await use(fake, message, asker, values=[fisher])
    assert own["type"] == 7 and own["data"]["embeds"][0]["title"] == "Ivo Holt"


async def test_a_list_from_before_askers_were_kept_still_pages_in_place(fake, lists_bot):
    step = await fake.slash("stories")
    message = stored(fake, (await callback(fake, step))["data"])
    old = {"type": 2, "style": 2, "label": "Next", "custom_id": "storybot:stories:1:next"}
    message = message | {"components": [{"type": 1, "components": [old]}]}
    assert (await use(fake, message, fake.person(), label="Next"))["type"] == 7
