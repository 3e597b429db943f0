"""The unmodified bot process against a fake Discord on 127.0.0.1: what Discord would receive."""

from __future__ import annotations

import signal

import pytest
import pytest_asyncio

from tests.discord_app.bot_process import BotProcess
from tests.discord_app.fake_discord import (
    APP_ID,
    BOT_USER,
    CALLBACK,
    CHANNEL_ID,
    DM_CHANNEL_ID,
    GUILD_ID,
    MESSAGE_CONTENT,
    PERSON,
    TOKEN,
    FakeDiscord,
    Step,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

MENTION = f"<@{BOT_USER['id']}>"
NO_PINGS = {"parse": [], "replied_user": False}
EPHEMERAL = 64
CHANNEL_MESSAGES = rf"/channels/{CHANNEL_ID}/messages"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def fake():
    server = FakeDiscord()
    await server.start()
    yield server
    await server.stop()


@pytest_asyncio.fixture(loop_scope="module")
async def own_fake():
    """A fake Discord of the test's own, for a test that starts and stops bots: a bot connecting to the module's
    fake would take over the connection the module's bot is sent events on, and add calls to what it records."""
    server = FakeDiscord()
    await server.start()
    yield server
    await server.stop()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(fake):
    process = await BotProcess(fake).start()
    await process.ready()
    yield process
    if process.process and process.process.returncode is None:
        await process.stop()


async def reply_to(fake: FakeDiscord, content: str, channel: int = CHANNEL_ID, **extra) -> dict:
    mark = await fake.send_message(content, channel_id=channel, **extra)
    return (await fake.wait_for_call("POST", rf"/channels/{channel}/messages", after=mark)).body


async def callback(fake: FakeDiscord, step: Step) -> dict:
    """The response the person sees of this interaction (an acknowledged one followed to its answer:
    FakeDiscord.response), found by its id: the first response after the mark could be an earlier interaction's,
    arriving late (another test's), and was taken for this one's."""
    mark, interaction = step
    return await fake.response(mark, interaction)


async def raw_callback(fake: FakeDiscord, step: Step) -> dict:
    """This interaction's first response as sent, acknowledgements included (found by its id, as `callback`)."""
    mark, interaction = step
    return (await fake.first_response(interaction, after=mark)).body


async def test_login_syncs_commands_to_the_dev_guild_only(fake, bot):
    paths = [(c.method, c.path) for c in fake.calls]
    guild_commands = f"/applications/{APP_ID}/guilds/{GUILD_ID}/commands"
    assert ("GET", guild_commands) in paths and ("PUT", guild_commands) in paths
    assert not any(p.startswith(f"/applications/{APP_ID}/commands") for _, p in paths)
    assert sorted(c["name"] for c in fake.commands["guild"]) == [
        "ask",
        "feedback",
        "help",
        "performer",
        "reload",
        "settings",
        "stories",
        "story",
    ]
    for admin in ("reload", "story"):
        command = next(c for c in fake.commands["guild"] if c["name"] == admin)
        assert command["default_member_permissions"] == str(1 << 5)  # Manage Server
    story = next(c for c in fake.commands["guild"] if c["name"] == "story")
    assert sorted(option["name"] for option in story["options"]) == ["add", "history", "remove", "replace", "restore"]
    assert not fake.identifies[0]["intents"] & MESSAGE_CONTENT  # not needed without answer channels


async def test_mention_gets_an_embed_reply_that_pings_no_one(fake, bot):
    mark = await fake.send_message(f"{MENTION} Where was Sébastien born?", mentions=[BOT_USER])
    await fake.wait_for_call("POST", rf"/channels/{CHANNEL_ID}/typing", after=mark)
    body = (await fake.wait_for_call("POST", CHANNEL_MESSAGES, after=mark)).body
    embed = body["embeds"][0]
    assert embed["title"] == "Sébastien Kalmurzaeva: The Violinist of Moscow"
    assert "**Born** in Moscow" in embed["description"]
    assert {"name": "Passage", "value": "1 of 6", "inline": True} in embed["fields"]
    assert any(f["name"] == "Also" for f in embed["fields"])
    assert body["allowed_mentions"] == NO_PINGS
    assert body["message_reference"]["channel_id"] == CHANNEL_ID
    button = body["components"][0]["components"][0]
    assert button["label"] == "More results" and button["custom_id"].startswith("storybot:more:")


async def test_messages_not_for_the_bot_are_ignored(fake, bot):
    mark = await fake.send_message("Where was Sébastien born? (not asking the bot)")
    await fake.send_message(
        "A message from another bot <@1001>", author={**BOT_USER, "id": "555", "bot": True}, mentions=[BOT_USER]
    )
    body = await reply_to(fake, f"{MENTION} how old is sofia", mentions=[BOT_USER])
    replies = [c for c in fake.calls[mark:] if c.method == "POST" and c.path == CHANNEL_MESSAGES]
    assert len(replies) == 1 and "Sofia" in body["embeds"][0]["description"]


async def test_direct_message_is_answered(fake, bot):
    body = await reply_to(fake, "Who did Sofia meet at the underground club?", channel=DM_CHANNEL_ID)
    assert "Ivan, a charismatic musician" in body["embeds"][0]["description"]


async def test_everyone_and_markdown_in_a_question_never_ping(fake, bot):
    body = await reply_to(fake, f"{MENTION} @everyone **what** is the", mentions=[BOT_USER], mention_everyone=True)
    assert body["allowed_mentions"] == NO_PINGS
    assert "no words to search for" in body["content"]
    assert not body.get("embeds")
    answered = await reply_to(
        fake, f"{MENTION} @everyone where is <@{BOT_USER['id']}> sophie from", mentions=[BOT_USER]
    )
    assert answered["allowed_mentions"] == NO_PINGS and "Sophie" in answered["embeds"][0]["title"]


async def test_a_lone_surrogate_in_a_question_is_answered_not_a_traceback(fake, bot):
    """Discord's JSON can carry half of a surrogate pair (\\udc80), which no UTF-8 holds: the mention's question
    digest and /ask's answer saved in the database raised UnicodeEncodeError, and neither was answered."""
    body = await reply_to(fake, f"{MENTION} how old is \udc80 sofia", mentions=[BOT_USER])
    assert "Sofia" in body["embeds"][0]["description"]
    step = await fake.slash("ask", question="how old is sofia\ud800")
    answered = await callback(fake, step)
    assert "Sofia" in answered["data"]["embeds"][0]["description"]
    assert "\ufffd" in answered["data"]["embeds"][0]["footer"]["text"]
    assert "UnicodeEncodeError" not in bot.text


async def test_slash_ask_and_more_results_button(fake, bot):
    reader = fake.person()
    step = await fake.slash("ask", question="Sophie orchestra", author=reader)
    first = await callback(fake, step)
    assert first["type"] == 4
    assert first["data"]["allowed_mentions"] == {"parse": []}
    assert not first["data"].get("flags", 0) & EPHEMERAL
    embed = first["data"]["embeds"][0]
    assert embed["footer"]["text"] == "Q: Sophie orchestra"
    button = first["data"]["components"][0]["components"][0]
    message = next(m for m in fake.messages.values() if m["embeds"] == first["data"]["embeds"])

    data = {"custom_id": button["custom_id"], "component_type": 2}
    step = await fake.interact(3, data, message=message, author=reader)
    second = await callback(fake, step)
    assert second["type"] == 7  # the asker's own answer, updated
    next_embed = second["data"]["embeds"][0]
    assert "result 2" in next_embed["fields"][0]["value"]
    assert next_embed["description"] != embed["description"]
    answer_id = button["custom_id"].removeprefix("storybot:more:").removesuffix(".1")
    assert second["data"]["components"][0]["components"][0]["custom_id"] == f"storybot:more:{answer_id}.2"


async def test_slash_ask_without_an_answer_is_private_and_friendly(fake, bot):
    step = await fake.slash("ask", question="What is the capital of France?")
    body = await callback(fake, step)
    assert body["data"]["flags"] & EPHEMERAL
    assert body["data"]["content"].startswith("I couldn't find that in the stories")


async def test_performer_card_candidates_and_not_found(fake, bot):
    step = await fake.slash("performer", name="Sofiya")
    shown = (await callback(fake, step))["data"]
    card = shown["embeds"][0]
    assert shown["content"] == 'No one called "Sofiya" in the stories; the closest name is Sofia Kalmurzaeva:'
    assert card["title"] == "Sofia Kalmurzaeva"
    assert card["description"].startswith("Sofia Kalmurzaeva was a 25-year-old Russian ballerina")
    assert {"name": "Mentions", "value": "13", "inline": True} in card["fields"]

    asker = fake.person()
    step = await fake.slash("performer", name="Kalmurzaeva", author=asker)
    choice = (await callback(fake, step))["data"]
    select = choice["components"][0]["components"][0]
    assert sorted(o["label"] for o in select["options"]) == ["Sofia Kalmurzaeva", "Sébastien Kalmurzaeva"]
    picked = next(o["value"] for o in select["options"] if o["label"] == "Sébastien Kalmurzaeva")
    message = next(m for m in fake.messages.values() if m["components"] == choice["components"])
    step = await fake.interact(
        3, {"custom_id": select["custom_id"], "component_type": 3, "values": [picked]}, message=message, author=asker
    )
    picked = await callback(fake, step)
    assert picked["type"] == 7 and picked["data"]["embeds"][0]["title"] == "Sébastien Kalmurzaeva"

    step = await fake.slash("performer", name="Sofia")
    exact = (await callback(fake, step))["data"]
    assert exact["embeds"][0]["title"] == "Sofia Kalmurzaeva" and not exact.get("content")

    # A misspelling close to both: the list said '"Kalmurzayeva" could be more than one person'.
    step = await fake.slash("performer", name="Kalmurzayeva")
    close = (await callback(fake, step))["data"]
    assert close["content"] == 'No one called "Kalmurzayeva" in the stories; the closest names are these:'
    assert close["embeds"][0]["title"] == 'Closest to "Kalmurzayeva"'
    assert choice["embeds"][0]["title"] == '"Kalmurzaeva" could be more than one person' and not choice.get("content")

    step = await fake.slash("performer", name="Beethoven")
    missing = (await callback(fake, step))["data"]
    assert missing["flags"] & EPHEMERAL and 'No one called "Beethoven"' in missing["content"]


@pytest.mark.parametrize(("typed", "expected"), [("kal", 2), ("SÉB", 1), ("sofiy", 1), ("", 4)])
async def test_performer_autocomplete(fake, bot, typed, expected):
    command = next(c for c in fake.commands["guild"] if c["name"] == "performer")
    data = {
        "id": command["id"],
        "name": "performer",
        "type": 1,
        "guild_id": str(GUILD_ID),
        "options": [{"name": "name", "type": 3, "value": typed, "focused": True}],
    }
    step = await fake.interact(4, data)
    body = await callback(fake, step)
    assert body["type"] == 8
    choices = body["data"]["choices"]
    assert len(choices) == expected <= 25
    assert all(len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)


async def test_stories_lists_the_library(fake, bot):
    step = await fake.slash("stories")
    embed = (await callback(fake, step))["data"]["embeds"][0]
    assert embed["title"] == "3 stories"
    assert "**Sophie Korolev: A Pianist Takes the Stage** (7 passages)" in embed["description"]


async def test_reload_needs_manage_server(fake, bot):
    command = next(c for c in fake.commands["guild"] if c["name"] == "reload")
    data = {"id": command["id"], "name": "reload", "type": 1, "guild_id": str(GUILD_ID)}
    step = await fake.interact(2, data, permissions="0")
    refused = (await callback(fake, step))["data"]
    assert refused["flags"] & EPHEMERAL and "Manage Server" in refused["content"]

    mark, interaction = await fake.interact(2, data, permissions=str(1 << 5), author=PERSON)  # the owner
    deferred = await raw_callback(fake, (mark, interaction))
    assert deferred["type"] == 5 and deferred["data"]["flags"] & EPHEMERAL
    report = await fake.followup(interaction, after=mark)
    assert report["content"].startswith("Reloaded: 3 stories, 22 passages.") and "Nothing changed." in report["content"]


async def test_a_late_response_to_an_earlier_interaction_is_not_taken_for_the_next_ones(fake, bot):
    """callback took the first response after its mark, whoever's: an earlier interaction's response arriving late (a
    busy bot's) was this one's. Found by the interaction's id now; the order is made by delaying each response on its
    way to the fake, not by waiting."""
    with fake.delaying("POST", CALLBACK) as earlier_sent, fake.delaying("POST", CALLBACK) as later_sent:
        earlier = await fake.slash("stories")
        await fake.wait_for(lambda: earlier_sent.path)  # its response is on its way
        later = await fake.slash("performer", name="Beethoven")
        await fake.wait_for(lambda: later_sent.path)
        earlier_sent.released.set()  # the earlier response arrives now, after the later interaction was sent
        await fake.first_response(earlier[1], after=later[0])
        later_sent.released.set()
        missing = (await callback(fake, later))["data"]
        assert missing["flags"] & EPHEMERAL and 'No one called "Beethoven"' in missing["content"]
        assert (await callback(fake, earlier))["data"]["embeds"][0]["title"] == "3 stories"


async def test_discord_errors_on_a_reply_do_not_kill_the_bot(fake, bot):
    fake.fail("POST", rf"/channels/{CHANNEL_ID}/typing", 403, message="Missing Access", body={"code": 50001})
    fake.fail("POST", CHANNEL_MESSAGES, 403, message="Missing Permissions", body={"code": 50013})
    mark = await fake.send_message(f"{MENTION} where was sebastien born", mentions=[BOT_USER])
    await fake.wait_for(lambda: any(c.method == "POST" and c.path == CHANNEL_MESSAGES for c in fake.calls[mark:]))
    fake.fail(
        "POST",
        CHANNEL_MESSAGES,
        429,
        body={"retry_after": 0.2, "global": False},
        headers={"Retry-After": "0.2", "X-RateLimit-Scope": "user", "Via": "1.1 google"},
    )
    fake.fail("POST", CHANNEL_MESSAGES, 500, message="Internal Server Error")
    mark = await fake.send_message(f"{MENTION} how old is sofia", mentions=[BOT_USER])
    await fake.wait_for(lambda: sum(c.method == "POST" and c.path == CHANNEL_MESSAGES for c in fake.calls[mark:]) >= 3)
    body = await reply_to(fake, f"{MENTION} who did sofia meet at the club", mentions=[BOT_USER])
    assert "Ivan" in body["embeds"][0]["description"]
    # (the refused typing is logged only if it came back before the answer: the answer never waits for it)
    assert "Missing Permissions" in bot.text
    assert "Traceback" not in bot.text


async def test_flooding_gets_a_polite_wait(fake, bot):
    reader = fake.person()
    for _ in range(5):
        await reply_to(fake, f"{MENTION} sophie", mentions=[BOT_USER], author=reader)
    body = await reply_to(fake, f"{MENTION} sophie", mentions=[BOT_USER], author=reader)
    assert "try again in" in body["content"] and not body.get("embeds")
    step = await fake.slash("ask", question="sophie", author=reader)
    waited = (await callback(fake, step))["data"]
    assert waited["flags"] & EPHEMERAL and "try again in" in waited["content"]
    step = await fake.slash("ask", question="sophie")  # someone else is not held up
    assert (await callback(fake, step))["data"]["embeds"]


async def test_sigterm_shuts_down_cleanly(own_fake):
    process = await BotProcess(own_fake).start()
    await process.ready()
    assert await process.stop(signal.SIGTERM) == 0
    await own_fake.wait_for(lambda: own_fake.connected is False)
    assert "Shutting down." in process.text and "Traceback" not in process.text


async def test_restart_reads_commands_once_and_does_not_resync(own_fake):
    first = await BotProcess(own_fake).start()  # syncs the commands
    await first.ready()
    assert await first.stop() == 0
    mark = len(own_fake.calls)
    again = await BotProcess(own_fake).start()
    await again.ready()
    calls = [(c.method, c.path) for c in own_fake.calls[mark:] if "/commands" in c.path]
    assert calls == [("GET", f"/applications/{APP_ID}/guilds/{GUILD_ID}/commands")]
    assert await again.stop(signal.SIGINT) == 0
    assert "Traceback" not in again.text


@pytest.mark.parametrize("token", ["my-secret-password", "MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkw.secret-part"])
async def test_a_token_no_bot_token_can_be_is_refused_before_connecting_and_never_shown(own_fake, token):
    """A password or a secret pasted in its place (the second's first part is no application's id): it went to
    Discord, which answered 401, or, with no Discord to answer, the owner waited on a connection for nothing."""
    process = await BotProcess(own_fake, DISCORD_TOKEN=token).start()
    assert await process.exited() == 2  # the owner must fix it: a service manager should not retry
    assert "DISCORD_TOKEN does not look like a bot token" in process.text, process.text
    assert "Developer Portal" in process.text and "Traceback" not in process.text
    assert token not in process.text and "secret" not in process.text
    assert own_fake.calls == []  # nothing reached Discord


async def test_wrong_token_ends_with_a_clear_message(own_fake):
    process = await BotProcess(own_fake, DISCORD_TOKEN="MTAwMA.GxYzAb.not-the-token").start()  # a bot's shape
    assert await process.exited() == 2  # the owner must fix it: a service manager should not retry
    assert "Discord rejected the token" in process.text and "Traceback" not in process.text
    assert "not-the-token" not in process.text


@pytest.mark.parametrize("refused", [404, 403])
async def test_a_guild_id_of_a_server_the_bot_is_not_in_is_named_once(own_fake, refused):
    # Discord answers 403 Missing Access for a server the bot was never invited to (or a channel's id pasted
    # in its place), 404 for an id no server has: neither passes by trying again later.
    other = 123456789012345678
    if refused == 403:
        path = rf"/applications/{APP_ID}/guilds/{other}/commands"
        own_fake.fail("GET", path, 403, message="Missing Access", body={"code": 50001})
    process = await BotProcess(own_fake, STORYBOT_GUILD_ID=str(other)).start()
    assert await process.exited() == 2  # the owner must fix it: a service manager should not retry
    assert f"STORYBOT_GUILD_ID ({other})" in process.text and "Try again later" not in process.text
    assert "Traceback" not in process.text


async def test_a_token_in_quotes_as_docker_env_file_passes_it_logs_in(own_fake):
    process = await BotProcess(own_fake, DISCORD_TOKEN=f'"{TOKEN}"').start()  # DISCORD_TOKEN="..." in .env
    await process.ready()
    assert await process.stop() == 0
    assert "rejected the token" not in process.text and TOKEN not in process.text


async def test_answer_channel_reads_every_message_with_message_content(own_fake):
    process = await BotProcess(own_fake, STORYBOT_CHANNELS=str(CHANNEL_ID)).start()
    await process.ready()
    assert own_fake.identifies[-1]["intents"] & MESSAGE_CONTENT
    mark = await own_fake.send_message("thanks!")  # small talk: no reply
    body = await reply_to(own_fake, "Where was Sébastien born?")
    replies = [c for c in own_fake.calls[mark:] if c.method == "POST" and c.path == CHANNEL_MESSAGES]
    assert len(replies) == 1
    assert "Moscow" in body["embeds"][0]["description"]
    assert await process.stop() == 0


async def test_refused_privileged_intent_is_explained(own_fake):
    own_fake.refuse_message_content = True
    try:
        process = await BotProcess(own_fake, STORYBOT_CHANNELS=str(CHANNEL_ID)).start()
        assert await process.exited() == 2
    finally:
        own_fake.refuse_message_content = False
    assert "Message Content" in process.text and "Developer Portal" in process.text
    assert "Traceback" not in process.text


async def test_sharded_bot_runs_the_shards_it_is_given(own_fake):
    process = await BotProcess(own_fake, STORYBOT_SHARD_COUNT="2", STORYBOT_SHARD_IDS="1").start()
    await process.ready()
    assert own_fake.identifies[-1]["shard"] == [1, 2]
    body = await reply_to(own_fake, f"{MENTION} how old is sofia", mentions=[BOT_USER])
    assert "Russian ballerina" in body["embeds"][0]["description"]
    assert await process.stop() == 0


async def test_sync_command_forces_a_sync_and_clears_global_duplicates(own_fake):
    mark, connections = len(own_fake.calls), len(own_fake.identifies)
    process = await BotProcess(own_fake, "sync").start()
    assert await process.exited() == 0
    writes = [(c.method, c.path, c.body) for c in own_fake.calls[mark:] if c.method == "PUT"]
    assert [(m, p) for m, p, _ in writes] == [
        ("PUT", f"/applications/{APP_ID}/guilds/{GUILD_ID}/commands"),
        ("PUT", f"/applications/{APP_ID}/commands"),
    ]
    assert writes[1][2] == []
    assert len(own_fake.identifies) == connections  # syncing needs no gateway connection
    assert "Traceback" not in process.text
