"""Discord and the database failing under the real bot process, on the fake Discord: crowds of questions,
a typing indicator Discord refuses, the database locked, stopped, removed or made immutable, and Ctrl-C
in the middle of a burst."""

from __future__ import annotations

import asyncio
import random
import re
import signal
import sqlite3
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio

from tests.core.test_worker import WORDS
from tests.discord_app.bot_process import BotProcess
from tests.discord_app.fake_discord import (
    APP_ID,
    BOT_USER,
    CALLBACK,
    CHANNEL_ID,
    MANAGE_SERVER,
    Call,
    FakeDiscord,
    RateLimits,
)
from tests.discord_app.test_end_to_end import (
    CHANNEL_MESSAGES,
    EPHEMERAL,
    MENTION,
    callback,
    fake,
    raw_callback,
    reply_to,
)
from tests.file_attributes import immutable
from tests.hang import HANG_SECONDS
from tests.sqlite_lock import locked_by_another_process
from tests.state.test_database_faults import votes_in

pytestmark = pytest.mark.asyncio(loop_scope="module")
__all__ = ["fake"]
TYPING = rf"/channels/{CHANNEL_ID}/typing"
WEBHOOK = re.compile(rf"/webhooks/{APP_ID}/token-(\d+)")
TRY_AGAIN = "didn't answer in time. Please try again in a moment."
CANNOT_WRITE = "the bot's database can't be written right now"


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """10,000 passages: answers take a while, so that many are in flight at once."""
    folder = tmp_path_factory.mktemp("corpus")
    rng = random.Random(11)
    for number in range(10):
        paragraphs = (" ".join(rng.choices(WORDS, k=40)).capitalize() + "." for _ in range(1000))
        (folder / f"story-{number:02}.txt").write_text("\n\n".join(paragraphs))
    (folder / "zeppelin.txt").write_text("The zeppelin landed in the meadow.\n\nEveryone cheered the sailor.")
    return folder


async def started(fake: FakeDiscord, **env: str) -> BotProcess:
    process = await BotProcess(fake, STORYBOT_INDEX="off", **env).start()
    await process.ready()
    return process


@pytest_asyncio.fixture(loop_scope="module")
async def data_bot(fake: FakeDiscord, tmp_path: Path) -> AsyncIterator[tuple[BotProcess, Path]]:
    """The bot on the bundled stories, with its SQLite database in a folder the test can reach."""
    process = await started(fake, STORYBOT_DATA=str(tmp_path))
    yield process, tmp_path / "storybot.db"
    if process.process and process.process.returncode is None:
        await process.stop()


def first_calls_by_interaction(fake: FakeDiscord, mark: int) -> dict[str, str]:
    """For each interaction answered after mark, its first request: "callback N", or the follow-up's path."""
    firsts: dict[str, str] = {}
    for call in fake.calls[mark:]:
        callback = CALLBACK.fullmatch(call.path)
        webhook = WEBHOOK.match(call.path)
        interaction = callback.group(1) if callback else webhook.group(1) if webhook else None
        if interaction is not None and interaction not in firsts:
            firsts[interaction] = f"callback {call.body['type']}" if callback else call.path
    return firsts


async def click_vote(fake: FakeDiscord, answer: dict, emoji: str) -> tuple[dict, dict]:
    """A new reader clicks 👍 or 👎 under an answer: (the first response as sent, what the reader sees)."""
    message = next(m for m in reversed(fake.messages.values()) if m["embeds"] == answer["embeds"])
    button = next(
        b for row in answer["components"] for b in row["components"] if b.get("emoji", {}).get("name") == emoji
    )
    step = await fake.interact(3, {"custom_id": button["custom_id"], "component_type": 2}, message)
    return await raw_callback(fake, step), await callback(fake, step)


async def an_answer(fake: FakeDiscord) -> dict:
    return await reply_to(fake, f"{MENTION} Where was Sébastien born?", mentions=[BOT_USER])


async def test_every_ask_of_a_crowd_is_acknowledged_first_and_answered(fake, big_corpus):
    process = await started(fake, STORYBOT_CORPUS=str(big_corpus))
    try:
        mark = len(fake.calls)
        asked = [await fake.slash("ask", question=f"where did the {word} land") for word in WORDS * 6]
        answers = [await callback(fake, step) for step in asked]
        ids = {interaction for _, interaction in asked}
        firsts = first_calls_by_interaction(fake, mark)  # each answered, so each one's first request is in
        assert len(ids) == 150 and firsts.keys() == ids
        assert set(firsts.values()) == {"callback 5"}  # each one's first request: the acknowledgement
        assert all(a["type"] == 4 and a["data"].get("embeds") for a in answers)
    finally:
        assert await process.stop() == 0
    assert "Traceback" not in process.text


TIGHT = RateLimits(per_bucket=2, window=1.0, global_per_second=2)
"""Far tighter than Discord's 50 requests a second, the interaction endpoints apart as in Discord's docs: a crowd's
typing indicators and replies pass it at once. (Counting the interaction endpoints too, at 5 a second, the
acknowledgements themselves failed: discord.py gives up on an interaction's response after 5 tries.)"""


async def test_under_discords_rate_limits_every_answer_follow_up_and_reply_is_delivered(fake):
    """A crowd of /ask (each answered by a follow-up to its "thinking…") and of mentions in one channel (each a reply,
    in the channel's bucket), while Discord answers 429 to whatever passes its limits: each is answered, once."""
    process = await started(fake)
    try:
        with fake.rate_limited(TIGHT):
            mark = len(fake.calls)
            asked = [await fake.slash("ask", question="How old is Sofia?") for _ in range(15)]
            mentions = []
            for _ in range(10):
                await fake.send_message(f"{MENTION} Where was Sébastien born?", mentions=[BOT_USER])
                mentions.append(int(fake.last_posted()["id"]))
            answers = [await callback(fake, step) for step in asked]

            def replies() -> list[str] | None:
                sent = [c.body for c in fake.calls[mark:] if c.method == "POST" and c.path == CHANNEL_MESSAGES]
                replied = [body.get("message_reference", {}).get("message_id") for body in sent]
                return replied if set(mentions) <= set(replied) else None

            replied = await fake.wait_for(replies)
        assert all(a["type"] == 4 and a["data"].get("embeds") for a in answers)
        assert sorted(replied) == sorted(mentions)  # each mention replied to, once
        webhooks = {f"/webhooks/{APP_ID}/token-{interaction}" for _, interaction in asked}
        followups = [c.path for c in fake.calls[mark:] if c.method == "POST" and c.path in webhooks]
        assert sorted(followups) == sorted(webhooks)  # each answer sent once
        assert [c for c in fake.limited if c.at > fake.calls[mark].at]  # Discord did refuse some: the limits bit
    finally:
        assert await process.stop() == 0
    assert "Traceback" not in process.text


async def test_every_answer_of_a_crowd_is_kept_for_its_buttons(fake, data_bot):
    """500 mentions at once, from 500 people, the first questions of a new process: each answer is kept (its buttons
    reopen it) and the server's settings are read. Each answer was a transaction of its own, and hundreds contended
    for SQLite's one write lock until some passed the call's deadline: 5 to 244 of 500 answers were shown with buttons
    that could not reopen them, and the server's settings, read meanwhile, were taken as the defaults."""
    process, database = data_bot
    mark = len(fake.calls)
    question = f"{MENTION} where did Sofia perform, and who taught the violinist in Moscow before the concert hall?"
    for _ in range(500):
        await fake.send_message(question, mentions=[BOT_USER])

    def answered() -> bool:
        return sum(c.method == "POST" and c.path == CHANNEL_MESSAGES for c in fake.calls[mark:]) >= 500

    await fake.wait_for(answered)
    assert answers_in(database) == 500, process.text[-2000:]
    assert "Could not keep answer" not in process.text
    assert "Could not read the settings" not in process.text


async def test_every_vote_of_a_crowd_on_one_answer_is_saved(fake, data_bot):
    """300 people click 👍 under one answer at once: each vote is saved and thanked. Each was a transaction of its
    own, contending for SQLite's one write lock: 88 of 300 were told the database did not answer in time, and 6 that
    the answer could not be reopened."""
    _, database = data_bot
    answer = await an_answer(fake)
    message = next(m for m in reversed(fake.messages.values()) if m["embeds"] == answer["embeds"])
    button = next(
        b for row in answer["components"] for b in row["components"] if b.get("emoji", {}).get("name") == "👍"
    )
    clicks = [
        await fake.interact(3, {"custom_id": button["custom_id"], "component_type": 2}, message) for _ in range(300)
    ]
    told = [(await callback(fake, click))["data"]["content"] for click in clicks]
    assert set(told) == {"Thanks for the 👍!"}
    assert votes_in(database) == 300


def answers_in(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT count(*) FROM answers").fetchone()[0]


@pytest.mark.parametrize(
    ("status", "extra", "tries_before_the_answer"),
    [
        # Before the fix the answer came after all 5 tries of the 500s, and after the 429's 8 s and a 2nd try.
        (500, {"message": "Internal Server Error", "times": 5}, 2),
        (429, {"body": {"retry_after": 8, "global": False}, "headers": {"Retry-After": "8", "Via": "1.1 google"}}, 1),
    ],
)
async def test_the_typing_indicator_never_holds_up_the_answer(fake, data_bot, status, extra, tries_before_the_answer):
    await an_answer(fake)  # the first answer of a new process warms it up
    fake.fail("POST", TYPING, status, **extra)
    mark = await fake.send_message(f"{MENTION} how old is sofia", mentions=[BOT_USER])
    await fake.wait_for_call("POST", CHANNEL_MESSAGES, after=mark)
    typing_tries = [c for c in fake.calls[mark:] if c.method == "POST" and c.path == TYPING]
    # Answered while discord.py still retries the refused typing (after 1 s, then 3 s more; or after the 8 s
    # asked for), where before the answer came after the last try.
    assert len(typing_tries) <= tries_before_the_answer
    fake.failures.clear()


async def test_a_global_429_on_the_typing_indicator_holds_the_answer_only_for_its_wait(fake, data_bot):
    """discord.py holds every request while it waits out a global 429, and was held for good when the typing
    indicator waiting it out was cancelled, its answer ready: no reply was sent again."""
    await an_answer(fake)  # the first answer of a new process warms it up
    limited = {"retry_after": 2, "global": True}
    fake.fail("POST", TYPING, 429, body=limited, headers={"Retry-After": "2", "X-RateLimit-Scope": "global"})
    mark = await fake.send_message(f"{MENTION} how old is sofia", mentions=[BOT_USER])
    assert "Sofia" in str((await fake.wait_for_call("POST", CHANNEL_MESSAGES, after=mark)).body)
    assert "Sébastien" in str(await an_answer(fake))  # and every request after it


async def test_global_429s_on_a_crowds_typing_indicators_hold_its_replies_only_for_their_wait(fake, big_corpus):
    """Ten mentions at once on 10,000 passages, every typing indicator answered a global 429: each reply is sent,
    after the wait. Where the indicator was cancelled once its answer was ready, this failed in every run: either
    an indicator cancelled during its 429's wait held every later request of the bot for good (replies never sent),
    or each was cancelled before its 429 was heard (no global wait logged). The test above, its one answer ready at
    once, passed on that code in 3 runs of 5."""
    process = await started(fake, STORYBOT_CORPUS=str(big_corpus))
    try:
        assert await reply_to(fake, f"{MENTION} where did the zeppelin land", mentions=[BOT_USER])  # warmed up
        limited = {"retry_after": 3, "global": True}
        headers = {"Retry-After": "3", "X-RateLimit-Scope": "global"}
        fake.fail("POST", TYPING, 429, times=10, body=limited, headers=headers)
        mark = len(fake.calls)
        for word in WORDS[:10]:
            await fake.send_message(f"{MENTION} where did the {word} and the zeppelin go", mentions=[BOT_USER])

        def replies() -> list[Call] | None:
            sent = [c for c in fake.calls[mark:] if c.method == "POST" and c.path == CHANNEL_MESSAGES]
            return sent if len(sent) == 10 else None

        assert len(await fake.wait_for(replies)) == 10
        assert "Global rate limit has been hit" in process.text  # the indicators were left to hear their 429
    finally:
        assert await process.stop() == 0
    assert "Traceback" not in process.text


async def test_a_vote_and_settings_while_another_process_holds_the_lock(fake, data_bot):
    process, database = data_bot
    answer = await an_answer(fake)
    with locked_by_another_process(database):
        first, seen = await click_vote(fake, answer, "👎")
        assert first["type"] == 6  # acknowledged before the database was tried
        assert seen["data"]["flags"] & EPHEMERAL and TRY_AGAIN in seen["data"]["content"]
        step = await fake.subcommand("settings", "budget", permissions=MANAGE_SERVER, questions=3)
        assert (await raw_callback(fake, step))["type"] == 5
        assert TRY_AGAIN in (await callback(fake, step))["data"]["content"]
        step = await fake.slash("feedback", permissions=MANAGE_SERVER)
        assert (await raw_callback(fake, step))["type"] == 5
        assert "couldn't read the feedback" in (await callback(fake, step))["data"]["content"]
    _, seen = await click_vote(fake, answer, "👎")
    assert "Thanks, noted" in seen["data"]["content"]
    assert "Traceback" not in process.text


async def test_the_database_removed_under_the_bot_keeps_every_vote(fake, data_bot):
    process, database = data_bot
    answer = await an_answer(fake)
    _, seen = await click_vote(fake, answer, "👎")
    assert "Thanks, noted" in seen["data"]["content"]
    for file in database.parent.glob("storybot.db*"):  # rm storybot.db*
        file.unlink()
    _, seen = await click_vote(fake, answer, "👎")
    assert "Thanks, noted" in seen["data"]["content"]  # and true: both votes are in the file again
    assert votes_in(database) == 2
    assert "written back" in process.text and "Traceback" not in process.text


@pytest.fixture
def made_immutable() -> Iterator[list[Path]]:
    files: list[Path] = []
    yield files
    for file in files:
        immutable(file, False)


async def test_database_files_made_immutable_are_reported_and_the_bot_lives_on(fake, data_bot, made_immutable):
    process, database = data_bot
    answer = await an_answer(fake)
    _, seen = await click_vote(fake, answer, "👍")
    assert seen["data"]["content"] == "Thanks for the 👍!"
    for file in sorted(database.parent.glob("storybot.db*")):  # storybot.db, and storybot.db-shm if there is one
        immutable(file, True)
        made_immutable.append(file)
    _, seen = await click_vote(fake, answer, "👍")
    assert CANNOT_WRITE in seen["data"]["content"]  # the truth: not saved, and retrying will not help
    assert process.process is not None and process.process.returncode is None  # no SIGBUS
    body = await reply_to(fake, f"{MENTION} how old is sofia", mentions=[BOT_USER])
    assert "Sofia" in body["embeds"][0]["description"]
    for file in made_immutable:
        immutable(file, False)
    made_immutable.clear()
    _, seen = await click_vote(fake, answer, "👍")
    assert seen["data"]["content"] == "Thanks for the 👍!"
    assert votes_in(database) == 2
    assert "can no longer be written" in process.text and "Traceback" not in process.text


async def test_a_postgresql_server_that_stops_answering_gets_a_polite_try_again(fake, postgresql_server):
    process = await started(fake, STORYBOT_DATABASE_URL=postgresql_server.new_database())
    try:
        answer = await an_answer(fake)
        postgresql_server.pause()
        try:
            first, seen = await click_vote(fake, answer, "👎")
            assert first["type"] == 6 and TRY_AGAIN in seen["data"]["content"]
            step = await fake.slash("feedback", permissions=MANAGE_SERVER)
            assert (await raw_callback(fake, step))["type"] == 5
            assert "couldn't read the feedback" in (await callback(fake, step))["data"]["content"]
            body = await reply_to(fake, f"{MENTION} how old is sofia", mentions=[BOT_USER])
            assert "Sofia" in body["embeds"][0]["description"]  # questions do not need the database
        finally:
            postgresql_server.resume()
        _, seen = await click_vote(fake, answer, "👎")
        assert "Thanks, noted" in seen["data"]["content"]
    finally:
        assert await process.stop() == 0
    assert "Traceback" not in process.text


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
async def test_closing_during_a_burst_finishes_the_answers_in_flight(fake, big_corpus, signum):
    """Discord takes the replies only once the bot was told to stop: every answer is in flight then, on any
    machine (with replies taken at once, a fast machine had sent them all before the signal)."""
    process = await started(fake, STORYBOT_CORPUS=str(big_corpus))
    mark = len(fake.calls)
    replies_taken = fake.hold("POST", CHANNEL_MESSAGES)
    stopping: asyncio.Task[int] | None = None
    try:
        for word in WORDS * 4:
            await fake.send_message(f"{MENTION} where did the {word} and the zeppelin go", mentions=[BOT_USER])
        last = await fake.slash("ask", question="where did the zeppelin land")
        await raw_callback(fake, last)  # acknowledged: every question before it is being answered
        await fake.wait_for(lambda: any(c.method == "POST" and c.path == CHANNEL_MESSAGES for c in fake.calls[mark:]))
        stopping = asyncio.create_task(process.stop(signum))
        async with asyncio.timeout(HANG_SECONDS):
            while "in flight first" not in process.text:  # told to stop, with answers under way
                await asyncio.sleep(0.05)
    finally:
        replies_taken.set()
        assert await (stopping or process.stop(signum)) == 0
    answered = [c for c in fake.calls[mark:] if c.method == "POST" and c.path == CHANNEL_MESSAGES]
    assert len(answered) == len(WORDS) * 4
    assert (await callback(fake, last))["data"]["embeds"]
    assert "Session is closed" not in process.text and "Traceback" not in process.text


async def test_sigterm_while_the_shards_are_still_connecting_stops_the_bot_quietly(fake):
    # Discord takes a shard's IDENTIFY every 5 seconds, so a bot of 4 shards connects over 15 s (hundreds of
    # shards, over minutes): a stop then (a restart, an upgrade) must not wait for them all, nor retry forever.
    before = len(fake.connections)
    process = await BotProcess(fake, STORYBOT_INDEX="off", STORYBOT_SHARD_COUNT="4").start()
    await fake.wait_for(lambda: len(fake.connections) > before)  # shard 0 is in; shard 1 waits its turn
    assert await process.stop(signal.SIGTERM) == 0  # within BotProcess's 30 s, as systemd and podman allow
    assert len(fake.connections) < before + 4
    assert "Session is closed" not in process.text and "Traceback" not in process.text


async def test_discord_out_of_reach_while_running_is_one_warning_line_a_reconnect():
    # discord.py logs each reconnect attempt (after 1 s, 3 s, 6 s, ... while the network or Discord is down)
    # at ERROR with the connection error's whole traceback: an outage of minutes filled the journal with
    # them, and alerting on ERROR called the owner for what passes by itself.
    gone = FakeDiscord()
    await gone.start()
    process = await started(gone)
    try:
        await gone.stop()  # Discord out of reach: no new connection is taken, then the bot's drops
        await process.printed("Attempting a reconnect", times=2)  # however long a busy machine takes
    finally:
        assert await process.stop() == 0
    reconnects = [line for line in process.output if "Attempting a reconnect" in line]
    assert len(reconnects) >= 2 and all("WARNING" in line and "Cannot connect" in line for line in reconnects)
    assert "Traceback" not in process.text and "ERROR" not in process.text


async def test_stopping_while_postgresql_does_not_answer_says_so_in_one_line(fake, postgresql_server):
    # SQLAlchemy logged "Exception closing connection" with its TimeoutError's whole traceback when the bot
    # stopped while the database did not answer: an expected failure, told in one line.
    process = await started(fake, STORYBOT_DATABASE_URL=postgresql_server.new_database())
    try:
        answer = await an_answer(fake)
        await click_vote(fake, answer, "👍")  # the pool holds a connection
        postgresql_server.pause()
        try:
            assert await process.stop() == 0
        finally:
            postgresql_server.resume()
    finally:
        await process.stop()
    assert "Traceback" not in process.text, process.text
    assert "Could not close a database connection (" in process.text
