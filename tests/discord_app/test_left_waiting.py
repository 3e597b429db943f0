"""A bot killed (SIGKILL: power lost, out of memory) after its "thinking…" and before its answer: the next bot to
start on the database tells the person it restarted, and leaves alone what was answered. The real bot process
against the fake Discord, on real SQLite."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from bot.messages import RESTARTED_MID_ANSWER
from bot.state.database import SQLITE_FILE
from tests.discord_app.bot_process import BotProcess
from tests.discord_app.fake_discord import APP_ID, LOADING, FakeDiscord
from tests.hang import HANG_SECONDS


def waiting_rows(data: Path) -> set[int] | None:
    """The interactions the bot's database holds as waiting for their answer (None: it cannot be read yet); a token
    kept as it is fails (a credential in the database, and in aiosqlite's DEBUG log)."""
    try:
        with sqlite3.connect(f"file:{data / SQLITE_FILE}?mode=ro", uri=True, timeout=HANG_SECONDS) as connection:
            rows = connection.execute("SELECT interaction_id, token FROM waiting_interactions").fetchall()
    except sqlite3.OperationalError:
        return None
    assert not [token for _, token in rows if token.startswith("token-")], rows
    return {interaction for interaction, _ in rows}


async def rows_become(data: Path, expected: set[int]) -> None:
    """Ordered, not timed: the bound only ends a test that would otherwise never end."""
    for _ in range(int(HANG_SECONDS * 20)):
        if await asyncio.to_thread(waiting_rows, data) == expected:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"the database never held {expected}, but {waiting_rows(data)}")


async def test_a_bot_killed_before_answering_has_the_next_bot_say_it_restarted(tmp_path: Path):
    fake = FakeDiscord()
    await fake.start()
    data = tmp_path / "data"
    settings = {"STORYBOT_DATA": str(data), "STORYBOT_INDEX": "off"}
    first = await BotProcess(fake, **settings).start()
    second: BotProcess | None = None
    left, answered = fake.next_interaction(), fake.next_interaction()
    held = fake.hold("POST", rf"/webhooks/{APP_ID}/token-{left}")  # its answer never reaches Discord
    slow = fake.hold("POST", rf"/webhooks/{APP_ID}/token-{answered}")  # its answer reaches Discord late
    try:
        await first.ready()
        mark, _ = await fake.slash("ask", question="How old is Sofia?", interaction_id=answered)
        await rows_become(data, {int(answered)})  # unanswered past the grace: remembered
        slow.set()
        assert "Sofia" in str(await fake.response(mark, answered))
        await rows_become(data, set())  # answered: forgotten
        mark, _ = await fake.slash("ask", question="Where was Sofia born?", interaction_id=left)
        assert (await fake.first_response(left, mark)).body["type"] == 5  # "thinking…"
        await fake.wait_for_call("POST", rf"/webhooks/{APP_ID}/token-{left}", mark)  # its answer on its way
        await rows_become(data, {int(left)})
        assert first.process is not None
        first.process.kill()
        await first.exited()

        second = await BotProcess(fake, **settings).start()
        await second.ready()
        told = await fake.edited(left, after=mark)
        assert told["content"] == RESTARTED_MID_ANSWER
        assert told["allowed_mentions"] == {"parse": []}
        await second.printed("Told 1 of 1 interaction(s) left unanswered")
        assert not [call for call in fake.calls if call.method == "PATCH" and f"token-{answered}" in call.path]
        await rows_become(data, set())
        assert f"token-{left}" not in first.text + second.text  # a credential: never in the log
    finally:
        held.set()
        slow.set()
        if second is not None:
            await second.stop()
        await first.stop()
        await fake.stop()
    assert "Traceback" not in first.text + second.text


async def test_a_bot_killed_after_its_answer_reached_discord_leaves_the_answer_alone(tmp_path: Path):
    """Killed after Discord took the answer and before the row was deleted: the answer stays; the next bot reads
    the response, sees it no longer "thinking…", and only forgets the row."""
    fake = FakeDiscord()
    await fake.start()
    data = tmp_path / "data"
    settings = {"STORYBOT_DATA": str(data), "STORYBOT_INDEX": "off"}
    first = await BotProcess(fake, **settings).start()
    second: BotProcess | None = None
    delivered, thinking = fake.next_interaction(), fake.next_interaction()
    slow = fake.hold("POST", rf"/webhooks/{APP_ID}/token-{delivered}")  # past the grace: remembered
    unheard = fake.hold_reply("POST", rf"/webhooks/{APP_ID}/token-{delivered}")  # shown; the bot never hears so
    held = fake.hold("POST", rf"/webhooks/{APP_ID}/token-{thinking}")  # never reaches Discord
    try:
        await first.ready()
        mark, _ = await fake.slash("ask", question="How old is Sofia?", interaction_id=delivered)
        await fake.wait_for_call("POST", rf"/webhooks/{APP_ID}/token-{delivered}", mark)
        await rows_become(data, {int(delivered)})
        slow.set()  # Discord takes the answer now; its reply stays held
        original = fake.originals[f"token-{delivered}"]
        await fake.wait_for(lambda: not original["flags"] & LOADING)  # the answer, shown in place of "thinking…"
        shown = dict(original)
        assert "Sofia" in str(shown)
        mark, _ = await fake.slash("ask", question="Where was Sofia born?", interaction_id=thinking)
        await fake.wait_for_call("POST", rf"/webhooks/{APP_ID}/token-{thinking}", mark)
        await rows_become(data, {int(delivered), int(thinking)})
        assert first.process is not None
        first.process.kill()
        await first.exited()

        second = await BotProcess(fake, **settings).start()
        await second.ready()
        assert (await fake.edited(thinking, after=mark))["content"] == RESTARTED_MID_ANSWER
        await second.printed("interaction(s) left unanswered by an earlier run")
        assert fake.originals[f"token-{delivered}"] == shown  # the answer, not overwritten
        assert "Told 1 of 2 interaction(s)" in second.text
        assert not [c for c in fake.calls if c.method == "PATCH" and f"token-{delivered}/" in c.path]
        await rows_become(data, set())
    finally:
        held.set()
        slow.set()
        unheard.set()
        if second is not None:
            await second.stop()
        await first.stop()
        await fake.stop()
    assert "Traceback" not in first.text + second.text


async def test_a_bot_killed_while_telling_leaves_what_it_had_not_told_to_the_next(tmp_path: Path):
    """A restart loop: the bot that took the left "thinking…" is killed before telling it; the one after tells it."""
    fake = FakeDiscord()
    await fake.start()
    data = tmp_path / "data"
    settings = {"STORYBOT_DATA": str(data), "STORYBOT_INDEX": "off"}
    bots = [await BotProcess(fake, **settings).start()]
    left = fake.next_interaction()
    held = fake.hold("POST", rf"/webhooks/{APP_ID}/token-{left}")  # its answer never reaches Discord
    reading = rf"/webhooks/{APP_ID}/token-{left}/messages/@original"
    slow_read = fake.hold("GET", reading)  # the second bot's read of it never answered
    try:
        await bots[0].ready()
        mark, _ = await fake.slash("ask", question="Where was Sofia born?", interaction_id=left)
        await rows_become(data, {int(left)})
        for killed in range(2):
            process = bots[killed].process
            assert process is not None
            if killed:
                await fake.wait_for_call("GET", reading, mark)  # telling it: killed then
                fake.holds.remove(next(h for h in fake.holds if h.released is slow_read))
            process.kill()
            await bots[killed].exited()
            bots.append(await BotProcess(fake, **settings).start())
        await bots[2].ready()
        assert (await fake.edited(left, after=mark))["content"] == RESTARTED_MID_ANSWER
        await bots[2].printed("Told 1 of 1 interaction(s) left unanswered")
        await rows_become(data, set())
    finally:
        held.set()
        slow_read.set()
        for bot in reversed(bots):
            await bot.stop()
        await fake.stop()
    assert "Traceback" not in "".join(bot.text for bot in bots)
