"""A bot killed (SIGKILL: power lost, out of memory) after its "thinking…" and before its answer: the next bot to
start on the database tells the person it restarted, and leaves alone what was answered. The real bot process
against the fake Discord, on real SQLite."""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import sqlite3
import time
from collections import Counter
from pathlib import Path

import asyncpg
import discord
import pytest
from discord.utils import snowflake_time

from bot.discord_app import left_waiting
from bot.discord_app.left_waiting import LeftWaiting
from bot.discord_app.sealed_tokens import seal
from bot.messages import RESTARTED_MID_ANSWER
from bot.settings import Settings
from bot.state.database import SQLITE_FILE, Database
from bot.state.grouped_writes import GroupedWrites
from bot.state.waiting_interactions import TOKEN_LIFE, WaitingInteraction, WaitingInteractionStore
from tests.discord_app.bot_process import BotProcess
from tests.discord_app.fake_discord import (
    APP_ID,
    GUILD_ID,
    LOADING,
    SHARD_ONE_CHANNEL_ID,
    SHARD_ONE_GUILD_ID,
    TOKEN,
    FakeDiscord,
    RateLimits,
)
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


async def all_stopped(bots: list[BotProcess], fake: FakeDiscord) -> None:
    """The bots stopped, the last started first, then the fake Discord they talk to."""
    for bot in reversed(bots):
        await bot.stop()
    await fake.stop()


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
        await first.killed()

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
        await first.killed()

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
            if killed:
                await fake.wait_for_call("GET", reading, mark)  # telling it: killed then
                fake.holds.remove(next(h for h in fake.holds if h.released is slow_read))
            await bots[killed].killed()
            bots.append(await BotProcess(fake, **settings).start())
        await bots[2].ready()
        assert (await fake.edited(left, after=mark))["content"] == RESTARTED_MID_ANSWER
        await bots[2].printed("Told 1 of 1 interaction(s) left unanswered")
        await rows_become(data, set())
    finally:
        held.set()
        slow_read.set()
        await all_stopped(bots, fake)
    assert "Traceback" not in "".join(bot.text for bot in bots)


CROWD = 100
"""Enough for the telling (TELLING_PER_SECOND) to pass STRICT's global limit for seconds: each row's read and edit meet
429s. That one start takes up to TAKEN_MOST rows is tests/state/test_waiting_interactions.py's."""
STRICT = RateLimits(per_bucket=5, window=1.0, global_per_second=20, global_interactions=True)
"""Stricter than Discord: its global limit counts the interaction webhooks too (Discord's docs say it does not), and
at 20 a second, below what the telling sends (TELLING_PER_SECOND), so each row's read and edit meet 429s."""


async def left_crowd(fake: FakeDiscord, data: Path, count: int) -> tuple[list[str], int, asyncio.Event]:
    """A bot shows "thinking…" for `count` questions and is killed before answering any: (their ids, the calls before
    them, the event that lets the fake end the dead bot's requests). Their answers never reach Discord."""
    settings = {"STORYBOT_DATA": str(data), "STORYBOT_INDEX": "off"}
    first = await BotProcess(fake, **settings).start()
    held = fake.hold("POST", rf"/webhooks/{APP_ID}/token-\d+")
    try:
        await first.ready()
        mark = len(fake.calls)
        asked = [fake.next_interaction() for _ in range(count)]
        for interaction in asked:
            await fake.slash("ask", question="Where was Sofia born?", interaction_id=interaction)
        await rows_become(data, {int(interaction) for interaction in asked})
        await first.killed()
    finally:
        await first.stop()
    fake.holds.clear()  # the next bot's answers reach Discord
    assert "Traceback" not in first.text
    return asked, mark, held


async def test_a_crowd_left_thinking_is_told_once_each_under_discords_rate_limits(tmp_path: Path):
    """A crowd left "thinking…", told by the next bot while Discord answers 429 to what passes its limits: each is
    told once, none lost. What it took is printed (pytest -s; bench/bench_left_waiting.py asks questions meanwhile)."""
    fake = FakeDiscord()
    await fake.start()
    data = tmp_path / "data"
    second: BotProcess | None = None
    held = asyncio.Event()
    try:
        asked, mark, held = await left_crowd(fake, data, CROWD)
        with fake.rate_limited(STRICT):
            began, requests = time.perf_counter(), len(fake.calls)
            second = await BotProcess(fake, STORYBOT_DATA=str(data), STORYBOT_INDEX="off").start()
            await second.ready()
            await second.printed("interaction(s) left unanswered by an earlier run")
            took = time.perf_counter() - began
            edits = Counter(
                call.path.split("/")[3]
                for call in fake.calls[mark:]
                if call.method == "PATCH" and "@original" in call.path
            )
            limited = [call for call in fake.limited if call.path.startswith("/webhooks/")]
            print(
                f"\n{CROWD} left rows told in {took:.1f} s: {len(fake.calls) - requests} requests taken, "
                f"{len(fake.limited)} answered 429 ({len(limited)} of them the telling's), "
                f"{sum(edits.values())} edits to {len(edits)} interactions; {second.text.strip().splitlines()[-1]}"
            )
            assert f"Told {CROWD} of {CROWD} interaction(s)" in second.text
            assert edits == Counter({f"token-{interaction}": 1 for interaction in asked})  # each once, none lost
            assert all(fake.originals[f"token-{i}"]["content"] == RESTARTED_MID_ANSWER for i in asked)
            await rows_become(data, set())
    finally:
        held.set()  # after the test: the dead bot's answers, once let through, would replace the told "thinking…"
        if second is not None:
            await second.stop()
        await fake.stop()
    assert second is not None and "Traceback" not in second.text


async def postgresql_rows(url: str) -> set[int]:
    connection = await asyncpg.connect(url, timeout=HANG_SECONDS)
    try:
        rows = await connection.fetch("SELECT interaction_id, token FROM waiting_interactions")
    finally:
        await connection.close()
    assert not [row["token"] for row in rows if row["token"].startswith("token-")], rows
    return {row["interaction_id"] for row in rows}


async def postgresql_rows_become(url: str, expected: set[int]) -> None:
    """As rows_become, in a PostgreSQL database."""
    for _ in range(int(HANG_SECONDS * 20)):
        if await postgresql_rows(url) == expected:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"the database never held {expected}, but {await postgresql_rows(url)}")


def on_machine(tmp_path: Path, machine: str, url: str, shard: int) -> dict[str, str]:
    """A shard process of two, on its own machine (data folder), on the shared database."""
    return {
        "STORYBOT_DATA": str(tmp_path / machine),
        "STORYBOT_DATABASE_URL": url,
        "STORYBOT_INDEX": "off",
        "STORYBOT_SHARD_COUNT": "2",
        "STORYBOT_SHARD_IDS": str(shard),
    }


async def test_of_two_shard_processes_on_postgresql_the_killed_ones_questions_are_told_never_the_live_ones(
    tmp_path: Path, postgresql_url: str
):
    """Two machines, one database: shard 0's process is killed with a question unanswered, shard 1's runs on with one
    of its own. Shard 0's process started again tells the killed one's question only; the live one answers its own."""
    fake = FakeDiscord(servers=(GUILD_ID, SHARD_ONE_GUILD_ID))
    await fake.start()
    shard_zero = await BotProcess(fake, **on_machine(tmp_path, "a", postgresql_url, 0)).start()
    bots = [shard_zero]
    left, kept = fake.next_interaction(), fake.next_interaction()
    held = fake.hold("POST", rf"/webhooks/{APP_ID}/token-{left}")  # its answer never reaches Discord
    working = fake.hold("POST", rf"/webhooks/{APP_ID}/token-{kept}")  # the live one still working on it
    try:
        await shard_zero.ready()
        bots.append(live := await BotProcess(fake, **on_machine(tmp_path, "b", postgresql_url, 1)).start())
        await live.ready()
        mark, _ = await fake.slash("ask", question="Where was Sofia born?", interaction_id=left, connection=0)
        await fake.slash(
            "ask", question="How old is Sofia?", channel_id=SHARD_ONE_CHANNEL_ID, interaction_id=kept, connection=1
        )
        await postgresql_rows_become(postgresql_url, {int(left), int(kept)})
        await shard_zero.killed()

        bots.append(again := await BotProcess(fake, **on_machine(tmp_path, "a", postgresql_url, 0)).start())
        await again.ready()
        assert (await fake.edited(left, after=mark))["content"] == RESTARTED_MID_ANSWER
        await again.printed("Told 1 of 1 interaction(s) left unanswered")
        await postgresql_rows_become(postgresql_url, {int(kept)})  # the live one's, untouched
        assert not [c for c in fake.calls[mark:] if f"token-{kept}/messages/@original" in c.path]
        working.set()
        assert "Sofia" in str(await fake.followup(kept, after=mark))  # answered by the live one
        await postgresql_rows_become(postgresql_url, set())
        assert fake.originals[f"token-{left}"]["content"] == RESTARTED_MID_ANSWER
    finally:
        held.set()
        working.set()
        await all_stopped(bots, fake)
    assert "Traceback" not in "".join(bot.text for bot in bots)


NEW_TOKEN = "MTAwMA.HzZzBc.another-fake-token"
"""The bot's token after its owner reset it (Discord's developer portal): the same application, APP_ID."""
EXPIRING = 30.0
"""How long before its 15 minutes end an interaction reaches the first bot: past them before the third bot starts."""


async def until_expired(interaction: str) -> None:
    """Sleeps until `interaction`'s token has ended (its 15 minutes from its id's time), and a little more."""
    expired_at = snowflake_time(int(interaction)) + TOKEN_LIFE
    await asyncio.sleep((expired_at - datetime.datetime.now(datetime.UTC)).total_seconds() + 0.1)


async def test_a_bot_started_with_another_token_leaves_the_rows_sealed_under_the_old_one_to_expire(tmp_path: Path):
    """Rows sealed under the old token open to nothing: nothing is sent for them, no error is logged, they stay for
    a bot with the old token, and each goes once its 15 minutes are over."""
    fake = FakeDiscord()
    fake.tokens.add(NEW_TOKEN)
    await fake.start()
    data = tmp_path / "data"
    settings = {"STORYBOT_DATA": str(data), "STORYBOT_INDEX": "off"}
    bots = [await BotProcess(fake, **settings).start()]
    fresh, expiring = fake.next_interaction(), fake.next_interaction(age=TOKEN_LIFE.total_seconds() - EXPIRING)
    held = fake.hold("POST", rf"/webhooks/{APP_ID}/token-\d+")  # no answer reaches Discord
    try:
        await bots[0].ready()
        mark, _ = await fake.slash("ask", question="Where was Sofia born?", interaction_id=fresh)
        await fake.slash("ask", question="How old is Sofia?", interaction_id=expiring)
        await rows_become(data, {int(fresh), int(expiring)})
        await bots[0].killed()

        for _ in range(2):  # one while the expiring row lives (most likely), one after it is over
            bots.append(await BotProcess(fake, **settings, DISCORD_TOKEN=NEW_TOKEN).start())
            await bots[-1].ready()
            await bots[-1].printed("were kept under another bot token")
            assert int(fresh) in (await asyncio.to_thread(waiting_rows, data) or ())  # kept as it was, sealed
            assert await bots[-1].stop() == 0
            await until_expired(expiring)
        await rows_become(data, {int(fresh)})  # the expiring one gone at its 15 minutes, by the third bot's start
        assert not [c for c in fake.calls[mark:] if "/messages/@original" in c.path]  # nothing sent for either
        assert fake.originals[f"token-{fresh}"]["flags"] & LOADING  # Discord's own "thinking…", left to Discord
        assert "Could not tell" not in "".join(bot.text for bot in bots)
        assert "WARNING" not in "".join(bot.text for bot in bots[1:]) and "ERROR" not in "".join(b.text for b in bots)
    finally:
        held.set()
        await all_stopped(bots, fake)
    assert "Traceback" not in "".join(bot.text for bot in bots)


async def test_no_edit_is_sent_once_the_rows_15_minutes_are_over(tmp_path: Path):
    """Discord's read of a left "thinking…" answered only after its token ended (a slow Discord, a 429's wait): the
    edit that would follow is never sent, as Discord would refuse it (an invalid request, counted towards its ban)."""
    fake = FakeDiscord()
    await fake.start()
    data = tmp_path / "data"
    settings = {"STORYBOT_DATA": str(data), "STORYBOT_INDEX": "off"}
    bots = [await BotProcess(fake, **settings).start()]
    expiring = fake.next_interaction(age=TOKEN_LIFE.total_seconds() - EXPIRING)
    held = fake.hold("POST", rf"/webhooks/{APP_ID}/token-{expiring}")  # its answer never reaches Discord
    reading = rf"/webhooks/{APP_ID}/token-{expiring}/messages/@original"
    slow_read = fake.hold("GET", reading)  # answered only once the token has ended
    try:
        await bots[0].ready()
        mark, _ = await fake.slash("ask", question="Where was Sofia born?", interaction_id=expiring)
        await rows_become(data, {int(expiring)})
        await bots[0].killed()
        bots.append(await BotProcess(fake, **settings).start())
        await bots[1].ready()
        await fake.wait_for_call("GET", reading, mark)
        await until_expired(expiring)
        slow_read.set()
        await bots[1].printed("interaction(s) left unanswered by an earlier run that the bot restarted")
        assert not [c for c in fake.calls[mark:] if c.method == "PATCH" and f"token-{expiring}" in c.path]
        await bots[1].printed("Told 0 of 1 interaction(s)")
        await bots[1].printed(f"Could not tell interaction {expiring} that the bot restarted: its 15 minutes ended")
    finally:
        held.set()
        slow_read.set()
        await all_stopped(bots, fake)
    assert "Traceback" not in "".join(bot.text for bot in bots)


async def test_a_row_whose_read_discord_py_gave_up_on_after_its_429s_is_tried_again_and_told(tmp_path: Path):
    """discord.py tries a request 5 times through 429s, then raises: the row is tried again (after the Retry-After
    asked for) and told, where it was forgotten untold."""
    fake = FakeDiscord()
    await fake.start()
    data = tmp_path / "data"
    settings = {"STORYBOT_DATA": str(data), "STORYBOT_INDEX": "off"}
    bots = [await BotProcess(fake, **settings).start()]
    left = fake.next_interaction()
    held = fake.hold("POST", rf"/webhooks/{APP_ID}/token-{left}")  # its answer never reaches Discord
    reading = rf"/webhooks/{APP_ID}/token-{left}/messages/@original"
    limited = {"retry_after": 0.05, "global": False}
    fake.fail("GET", reading, 429, times=5, body=limited, headers={"Retry-After": "1", "X-RateLimit-Scope": "user"})
    try:
        await bots[0].ready()
        mark, _ = await fake.slash("ask", question="Where was Sofia born?", interaction_id=left)
        await rows_become(data, {int(left)})
        await bots[0].killed()
        bots.append(await BotProcess(fake, **settings).start())
        await bots[1].ready()
        assert (await fake.edited(left, after=mark))["content"] == RESTARTED_MID_ANSWER
        await bots[1].printed("Told 1 of 1 interaction(s) left unanswered")
        await bots[1].printed(f"Telling interaction {left} again in 1 s: 429")
        assert len([c for c in fake.calls[mark:] if c.method == "GET" and c.path == reading]) == 6
        await rows_become(data, set())
    finally:
        held.set()
        await all_stopped(bots, fake)
    assert "Traceback" not in "".join(bot.text for bot in bots)


async def test_a_telling_stuck_on_one_row_holds_no_later_sweep(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A row Discord keeps from an answer (a read held: a 5xx retried, a slow Discord) is tried until its 15 minutes
    end; the sweeps go on meanwhile, each taking what gone processes left since (and deleting expired rows), rather
    than waiting that long behind it. In this process, on real SQLite, discord.py's HTTP client against the fake."""
    monkeypatch.setattr(left_waiting, "SWEEP_SECONDS", 0.2)  # a minute in the bot: this test waits for two sweeps
    fake = FakeDiscord()
    await fake.start()
    monkeypatch.setattr(discord.http.Route, "BASE", f"{fake.url}/api/v10")
    database = await Database.open(Settings(data=tmp_path / "data"))
    gone = WaitingInteractionStore(database.guarded, GroupedWrites(database.guarded))  # another, gone, process
    http = discord.http.HTTPClient(asyncio.get_running_loop())
    stuck, later = fake.next_interaction(), fake.next_interaction()
    held = fake.hold("GET", rf"/webhooks/{APP_ID}/token-{stuck}/messages/@original")
    keeping: asyncio.Task[None] | None = None
    try:
        await http.static_login(TOKEN)
        await gone.remember(left_row(stuck, 0))
        keeping = asyncio.create_task(LeftWaiting(database.waiting, None, key=TOKEN).keep(http))
        await fake.wait_for_call("GET", rf"/webhooks/{APP_ID}/token-{stuck}/messages/@original")
        await gone.remember(left_row(later, 0))  # left after the first sweep: a later one takes it
        await fake.wait_for_call("GET", rf"/webhooks/{APP_ID}/token-{later}/messages/@original")
        assert not held.is_set()  # the first telling still waits on its row
    finally:
        held.set()
        if keeping is not None:
            keeping.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await keeping
        await http.close()
        await database.close()
        await fake.stop()


def left_row(interaction: str, shard: int) -> WaitingInteraction:
    """A row as a bot process writes it for an interaction a second unanswered, its token sealed."""
    return WaitingInteraction(
        interaction_id=int(interaction),
        application_id=int(APP_ID),
        token=seal(f"token-{interaction}", TOKEN, int(interaction)),
        shard=shard,
        expires_at=snowflake_time(int(interaction)) + TOKEN_LIFE,
    )
