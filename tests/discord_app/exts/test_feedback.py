"""👍 / 👎 and /feedback as Discord delivers them to the real bot, and the owner's export replayed with eval."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import pytest_asyncio

from tests.discord_app.bot_process import ROOT, BotProcess
from tests.discord_app.fake_discord import BOT_USER, MANAGE_SERVER, FakeDiscord
from tests.discord_app.test_end_to_end import EPHEMERAL, MENTION, callback, fake, own_fake, reply_to

if TYPE_CHECKING:  # discord.types is for type checkers: importing it at run time is circular
    from discord.types.user import User as UserPayload

pytestmark = pytest.mark.asyncio(loop_scope="module")
__all__ = ["fake", "own_fake"]
QUESTION = "Where was Sébastien born?"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def data(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("data")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def feedback_bot(fake, data):
    process = await BotProcess(fake, STORYBOT_DATA=str(data), STORYBOT_INDEX="off").start()
    await process.ready()
    yield process
    await process.stop()


async def vote(fake: FakeDiscord, answer: dict, emoji: str, reader: UserPayload) -> str:
    message = next(m for m in reversed(fake.messages.values()) if m["embeds"] == answer["embeds"])
    button = next(
        b for row in answer["components"] for b in row["components"] if b.get("emoji", {}).get("name") == emoji
    )
    step = await fake.interact(3, {"custom_id": button["custom_id"], "component_type": 2}, message, author=reader)
    data = (await callback(fake, step))["data"]
    assert data["flags"] & EPHEMERAL
    return data["content"]


async def voted_down(fake: FakeDiscord) -> None:
    """QUESTION asked and its answer voted 👎 by two readers and 👍 by a third."""
    answer = await reply_to(fake, f"{MENTION} {QUESTION}", mentions=[BOT_USER])
    for emoji in ("👎", "👎", "👍"):
        await vote(fake, answer, emoji, fake.person())


@contextlib.asynccontextmanager
async def own_feedback_bot(fake: FakeDiscord, data: Path) -> AsyncIterator[BotProcess]:
    """A bot of the test's own with its own feedback (in `data`), for a test that counts all the votes saved."""
    process = await BotProcess(fake, STORYBOT_DATA=str(data), STORYBOT_INDEX="off").start()
    try:
        await process.ready()
        yield process
    finally:
        await process.stop()


async def run_cli(data: Path, *args: str) -> tuple[int, str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("STORYBOT_", "DISCORD_"))}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        env=environment | {"STORYBOT_DATA": str(data), "STORYBOT_INDEX": "off"},
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    return process.returncode or 0, out.decode(), err.decode()


async def test_every_answer_has_vote_buttons_and_one_vote_per_reader(fake, feedback_bot):
    answer = await reply_to(fake, f"{MENTION} {QUESTION}", mentions=[BOT_USER])
    reader, other, third = fake.person(), fake.person(), fake.person()
    assert "Thanks, noted" in await vote(fake, answer, "👎", reader)
    assert await vote(fake, answer, "👎", reader) == "You already gave this answer a 👎."
    assert await vote(fake, answer, "👍", reader) == "Changed your vote to 👍."
    assert await vote(fake, answer, "👎", reader) == "Changed your vote to 👎."
    assert "Thanks, noted" in await vote(fake, answer, "👎", other)
    assert await vote(fake, answer, "👍", third) == "Thanks for the 👍!"


async def test_feedback_shows_managers_the_answers_voted_down(own_fake, tmp_path):
    async with own_feedback_bot(own_fake, tmp_path):
        await voted_down(own_fake)
        step = await own_fake.slash("feedback")  # a reader
        refused = (await callback(own_fake, step))["data"]
        assert refused["flags"] & EPHEMERAL and "Manage Server" in refused["content"]

        step = await own_fake.slash("feedback", permissions=MANAGE_SERVER)
        shown = (await callback(own_fake, step))["data"]
        assert shown["flags"] & EPHEMERAL
        listing = shown["embeds"][0]["description"]
        assert QUESTION in listing and "2 👎 1 👍" in listing and "Sébastien Kalmurzaeva" in listing


async def test_the_owner_exports_them_and_replays_them_with_eval(own_fake, tmp_path):
    data = tmp_path / "data"
    async with own_feedback_bot(own_fake, data):
        await voted_down(own_fake)
    target = tmp_path / "to-fix.jsonl"
    code, _, err = await run_cli(data, "feedback", "export", str(target))
    assert code == 0 and "1 answer voted 👎 written" in err
    [line] = [json.loads(text) for text in target.read_text("utf-8").splitlines()]
    assert line["q"] == QUESTION and line["expect"] == "" and (line["down"], line["up"]) == (2, 1)
    assert line["shown"].startswith("Sébastien Kalmurzaeva: The Violinist of Moscow, passage ")

    code, _, err = await run_cli(data, "feedback", "export", str(target))
    assert code == 2 and "already exists" in err  # the owner's edited file is never overwritten

    code, _, err = await run_cli(data, "eval", "--questions", str(target))
    assert code == 2 and 'fill in "expect"' in err
    target.write_text(json.dumps(line | {"expect": "Born in Moscow"}, ensure_ascii=False) + "\n", "utf-8")
    code, out, _ = await run_cli(data, "eval", "--questions", str(target))
    assert code == 0 and out.startswith("1 question: hit@1 100.0%")
