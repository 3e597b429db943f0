"""The saved index damaged, or impossible to save, under the real bot process (docs/saved-index.md, "When the
index is damaged")."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import numpy as np
import pytest

from bot.core.saved_index import LEFTOVERS
from tests.cli.test_index_faults import command_environment
from tests.discord_app.bot_process import ROOT, BotProcess
from tests.discord_app.fake_discord import BOT_USER, GUILD_ID, PERSON, FakeDiscord
from tests.discord_app.test_end_to_end import EPHEMERAL, MENTION, callback, fake, reply_to
from tests.discord_app.test_reading import buttons, click
from tests.disk import fill, small_disk
from tests.random_stories import write_random_stories

pytestmark = pytest.mark.asyncio(loop_scope="module")
__all__ = ["fake"]  # the module-scoped fixture, shared with the other end-to-end tests

QUESTION = f"{MENTION} where did the zeppelin land"


async def indexed(tmp_path: Path, index: Path) -> dict[str, str]:
    """The settings of a corpus of five stories (an index of a few hundred kilobytes) whose index
    `python -m bot index` saved in `index`."""
    stories = write_random_stories(tmp_path / "stories", stories=4, paragraphs=200, words=40, seed=7)
    env = {"STORYBOT_CORPUS": str(stories), "STORYBOT_INDEX": str(index)}
    indexing = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "index", env=command_environment(env), cwd=ROOT
    )
    assert await indexing.wait() == 0
    return env


def index_folder(index: Path) -> Path:
    (folder,) = (path for path in index.iterdir() if path.is_dir() and not path.name.startswith("."))
    return folder


def passage_postings(index: Path) -> Path:
    """The passages' posting file of the index's (one) segment."""
    (docs,) = index_folder(index).glob("*.passages.postings.npy")
    return docs


def unescaped(text: str) -> str:
    """Discord's Markdown escapes taken out (file names hold underscores)."""
    return text.replace("\\_", "_")


async def logged(process: BotProcess, text: str, timeout: float = 60) -> None:
    for _ in range(int(timeout * 10)):
        if text in process.text:
            return
        assert process.process and process.process.returncode is None, process.text
        await asyncio.sleep(0.1)
    raise AssertionError(f"the bot never logged {text!r}; it printed:\n{process.text}")


async def reload_report(fake: FakeDiscord) -> str:
    command = next(c for c in fake.commands["guild"] if c["name"] == "reload")
    data = {"id": command["id"], "name": "reload", "type": 1, "guild_id": str(GUILD_ID)}
    mark, interaction = await fake.interact(2, data, permissions=str(1 << 5), author=PERSON)  # the owner
    return (await fake.followup(interaction, after=mark))["content"]


async def test_files_cut_short_under_the_bot_are_reported_and_rebuilt(fake: FakeDiscord, tmp_path):
    env = await indexed(tmp_path, tmp_path / "index")
    process = await BotProcess(fake, **env).start()
    await process.ready()
    answered = await reply_to(fake, QUESTION, mentions=[BOT_USER])
    assert answered["embeds"][0]["title"] == "Zeppelin"
    message = next(m for m in reversed(fake.messages.values()) if m["embeds"] == answered["embeds"])
    cut = []
    for path in sorted(index_folder(tmp_path / "index").glob("*.npy")):
        if path.stat().st_size > 4096:
            os.truncate(path, 4096)  # what `truncate -s 4096` does
            cut.append(path.name)
    assert any(name.endswith(".passages.postings.npy") for name in cut)
    assert any(name.endswith(".text_data.npy") for name in cut)

    for button in ("Next ▶", "👍"):  # buttons under an earlier answer read its passages from the index too
        clicked = await click(fake, message, buttons(answered)[button])
        assert clicked["data"]["flags"] & EPHEMERAL
        assert unescaped(clicked["data"]["content"]).startswith("I can't answer from the saved index: its file ")
    told = unescaped((await reply_to(fake, QUESTION, mentions=[BOT_USER]))["content"])
    assert told.startswith("I can't answer from the saved index: its file ")
    assert "is now 4,096 bytes, not " in told and "rebuilding it" in told
    assert any(name in told for name in cut)
    await logged(process, "Rebuilt the damaged index")
    assert (await reply_to(fake, QUESTION, mentions=[BOT_USER]))["embeds"][0]["title"] == "Zeppelin"
    assert await process.stop() == 0
    assert "The saved index is damaged (" in process.text and "Traceback" not in process.text


async def test_bytes_flipped_under_the_bot_are_reported_and_reload_says_it_repaired_them(fake: FakeDiscord, tmp_path):
    env = await indexed(tmp_path, tmp_path / "index")
    process = await BotProcess(fake, **env).start()
    await process.ready()

    def flip() -> str:
        docs = passage_postings(tmp_path / "index")
        with docs.open("r+b") as file:  # every byte of the passage numbers after the header
            file.seek(128)
            data = np.frombuffer(file.read(), dtype=np.uint8)
            file.seek(128)
            file.write((data ^ 0xFF).tobytes())
        return docs.name

    name = flip()
    mark = await fake.send_message(QUESTION, mentions=[BOT_USER])
    asked = await fake.slash("ask", question="where did the zeppelin land")
    mentioned = unescaped((await fake.wait_for_call("POST", r"/channels/\d+/messages", after=mark)).body["content"])
    slashed = (await callback(fake, asked))["data"]
    expected = f"I can't answer from the saved index: its file {name} was written to while in use."
    assert mentioned.startswith(expected) and unescaped(slashed["content"]).startswith(expected)
    assert slashed["flags"] & EPHEMERAL
    await logged(process, "Rebuilt the damaged index")
    assert (await reply_to(fake, QUESTION, mentions=[BOT_USER]))["embeds"][0]["title"] == "Zeppelin"

    name = flip()  # and this time /reload finds it first
    report = await reload_report(fake)
    assert f"Repaired the damaged saved index (its file {name} was written to while in use)." in report
    assert "Nothing changed" not in report and "No story changed." in report
    assert (await reply_to(fake, QUESTION, mentions=[BOT_USER]))["embeds"][0]["title"] == "Zeppelin"
    assert await process.stop() == 0
    assert "Traceback" not in process.text


async def test_on_a_full_disk_the_bot_starts_answers_from_memory_and_says_the_index_was_not_saved(
    fake: FakeDiscord, tmp_path
):
    with small_disk(tmp_path / "disk") as disk:
        env = await indexed(tmp_path, disk / "index")
        fill(disk)
        with (tmp_path / "stories" / "zeppelin.txt").open("a") as story:
            story.write("\n\nThe balloon drifted over the harbour.")  # the saved index no longer matches
        process = await BotProcess(fake, **env).start()
        await process.ready()
        body = await reply_to(fake, f"{MENTION} what drifted over the harbour", mentions=[BOT_USER])
        assert body["embeds"][0]["title"] == "Zeppelin"
        assert "Could not save the index (No space left on device" in process.text
        report = await reload_report(fake)
        assert "Index: the index could not be saved (No space left on device" in report
        assert await process.stop() == 0
        assert "Traceback" not in process.text
        assert not [path.name for path in (disk / "index").iterdir() if path.name.startswith(LEFTOVERS)]
