"""/settings as Discord delivers it to the real bot, with its state in SQLite and in a real PostgreSQL:
a server manager sets answer channels, a channel's story and the question budget; a reader is refused;
deleted channels and a server the bot leaves are forgotten; settings outlive a restart."""

from __future__ import annotations

import asyncio
import signal
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from bot.discord_app.exts.settings import ANSWERS, Answers, LibraryShown
from bot.messages import (
    ANSWERS_CHOICES,
    BUDGET_OUT_OF_RANGE,
    CHANNEL_KIND_REFUSED,
    COMMAND_CHANGED,
    LIBRARY_CHOICES,
    NOT_IN_SERVER,
)
from bot.settings import QuestionBudget, Settings
from bot.state.database import Database
from bot.state.server_settings import ServerSettings
from tests.discord_app.bot_process import BotProcess, bot_on_fake_discord
from tests.discord_app.fake_discord import (
    BOOK_CLUB_ID,
    BOT_USER,
    CHANNEL_ID,
    EMBED_LINKS,
    GUILD_ID,
    HIDDEN_CHANNEL_ID,
    MANAGE_SERVER,
    MESSAGE_CONTENT,
    OTHER_CHANNEL_ID,
    OTHER_GUILD_ID,
    STAFF_ID,
    ChannelOption,
    FakeDiscord,
    Step,
    guild_channel,
    guild_payload,
    message_payload,
)
from tests.discord_app.test_end_to_end import EPHEMERAL, MENTION, callback, fake, own_fake, reply_to
from tests.hang import HANG_SECONDS

pytestmark = pytest.mark.asyncio(loop_scope="module")
__all__ = ["fake", "own_fake"]
SOFIA = "Kalmurzaeva's Odyssey: Sofia, Ballerina of Moscow"
SEBASTIEN = "Sébastien Kalmurzaeva: The Violinist of Moscow"


def new_database_env(kind: str, request: pytest.FixtureRequest, data: Path) -> dict[str, str]:
    """A bot's environment with an empty database of `kind` ("sqlite" or "postgresql") of its own."""
    env = {"STORYBOT_DATA": str(data), "STORYBOT_INDEX": "off"}
    if kind == "postgresql":
        env["STORYBOT_DATABASE_URL"] = request.getfixturevalue("postgresql_server").new_database()
    return env


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def database_env(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return new_database_env(request.param, request, tmp_path_factory.mktemp("data"))


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def settings_bot(fake, database_env):
    process = await BotProcess(fake, **database_env).start()
    await process.ready()
    yield process
    await process.stop()


async def stored(env: dict[str, str]) -> ServerSettings:
    """What the database holds for the server, read as another process would."""
    database = await Database.open(
        Settings(data=Path(env["STORYBOT_DATA"]), database_url=env.get("STORYBOT_DATABASE_URL"))
    )
    try:
        return await database.servers.of(GUILD_ID)
    finally:
        await database.close()


async def said(fake: FakeDiscord, step: Step) -> str:
    data = (await callback(fake, step))["data"]
    assert data["flags"] & EPHEMERAL
    return data["content"]


async def admin(fake: FakeDiscord, name: str, **options) -> str:
    return await said(fake, await fake.subcommand("settings", name, permissions=MANAGE_SERVER, **options))


async def test_settings_are_for_server_managers_only(fake, settings_bot, database_env):
    registered = next(c for c in fake.commands["guild"] if c["name"] == "settings")
    assert registered["default_member_permissions"] == MANAGE_SERVER  # hidden from readers by Discord
    commands: list[tuple[str, dict[str, ChannelOption | str | int]]] = [
        ("show", {}),
        ("channel", {"channel": ChannelOption(BOOK_CLUB_ID), "answers": "every"}),
        ("story", {"channel": ChannelOption(BOOK_CLUB_ID), "story": "sofia"}),
        ("budget", {"questions": 1}),
    ]
    before = await stored(database_env)
    for name, options in commands:
        step = await fake.subcommand("settings", name, **options)  # a reader, without Manage Server
        assert "Manage Server" in await said(fake, step)
    assert await stored(database_env) == before


async def test_the_choices_discord_shows_are_worded_in_messages_and_sent_as_ids(fake, settings_bot, database_env):
    """/settings channel's `answers` and /settings library's `shown` were Literals, whose names were their values.
    Their names are bot.messages' now, as the bot registered them with discord.py, and Discord sends an id: one from
    before ("every message", as Discord may still show the command while the bot is upgraded) is said to be so, and
    changes nothing."""
    registered = next(c for c in fake.commands["guild"] if c["name"] == "settings")
    options = {(command["name"], o["name"]): o for command in registered["options"] for o in command.get("options", [])}
    answers = [(c["name"], c["value"]) for c in options[("channel", "answers")]["choices"]]
    assert answers == [(ANSWERS_CHOICES[a], a.value) for a in Answers] and ANSWERS.keys() == set(Answers)
    shown = [(c["name"], c["value"]) for c in options[("library", "shown")]["choices"]]
    assert shown == [(LIBRARY_CHOICES[s], s.value) for s in LibraryShown] == [("shown", "shown"), ("hidden", "hidden")]
    before = await stored(database_env)
    sent_before = await admin(fake, "channel", channel=ChannelOption(BOOK_CLUB_ID), answers="every message")
    assert sent_before == COMMAND_CHANGED and await stored(database_env) == before


async def test_an_answer_channel_set_here_answers_every_message(fake, settings_bot, database_env):
    await admin(fake, "story", channel=ChannelOption(BOOK_CLUB_ID))  # no story of its own: the whole library
    text = await admin(fake, "channel", channel=ChannelOption(BOOK_CLUB_ID), answers="every")
    assert "<#2003>: I answer every message there." in text
    assert "Message Content intent" in text  # the bot started without it: it says how to get it
    assert (await stored(database_env)).channel(BOOK_CLUB_ID).answers_every_message is True

    answer = await reply_to(fake, "Who was born in Moscow?", channel=BOOK_CLUB_ID)  # no mention
    assert answer["embeds"][0]["title"] == SEBASTIEN
    mark = await fake.send_message("Who was born in Moscow?", channel_id=CHANNEL_ID)  # not an answer channel
    await reply_to(fake, f"{MENTION} sophie", mentions=[BOT_USER])
    assert sum(c.path == f"/channels/{CHANNEL_ID}/messages" for c in fake.calls[mark:]) == 1


async def test_a_channel_the_bot_cannot_use_is_named(fake, settings_bot, database_env):
    text = await admin(fake, "channel", channel=ChannelOption(STAFF_ID), answers="every")
    assert "can't read or send messages there" in text and "View Channel" in text
    assert "can't see that channel" in await admin(
        fake, "channel", channel=ChannelOption(HIDDEN_CHANNEL_ID), answers="every"
    )
    assert HIDDEN_CHANNEL_ID not in (await stored(database_env)).channels


async def test_a_channel_where_the_bot_may_not_embed_is_said_to_get_plain_text_answers(
    fake, settings_bot, database_env
):
    """Without Embed Links an answer comes as its card's text (ask.shown_in): whoever sets the channel up is told so,
    and how to give the cards back, for mentions as for every message; with it, nothing is said of embeds."""
    try:
        await fake.overwrite_channel(
            BOOK_CLUB_ID, {"id": str(GUILD_ID), "type": 0, "allow": "0", "deny": str(EMBED_LINKS)}
        )
        for answers in ("mentions", "every"):
            text = await admin(fake, "channel", channel=ChannelOption(BOOK_CLUB_ID), answers=answers)
            assert "plain text" in text and "give me Embed Links" in text
    finally:
        await fake.overwrite_channel(BOOK_CLUB_ID)
    assert "Embed Links" not in await admin(fake, "channel", channel=ChannelOption(BOOK_CLUB_ID), answers="mentions")


FORUM_ID = 2006
VOICE_ID = 2007
CATEGORY_ID = 2008
KINDS = {FORUM_ID: 15, VOICE_ID: 2, CATEGORY_ID: 4}
"""Channels of other kinds than text (Discord's channel types): a forum, a voice channel, a category."""


@dataclass(frozen=True)
class PlaceOption(ChannelOption):
    """A channel of KINDS picked for a command option, as Discord sends it."""

    def resolved(self) -> dict[str, Any]:
        kind = KINDS[self.id]
        return {
            "id": str(self.id),
            "type": kind,
            "name": f"place-{kind}",
            "permissions": "0",
            "guild_id": str(GUILD_ID),
        }


async def test_a_forum_and_a_voice_channel_can_answer_every_message_and_have_a_story(fake, settings_bot, database_env):
    """/settings took only text and announcement channels: a forum (whose posts are threads) or a voice channel's
    text chat could not answer every message nor have a story. A forum's posts answer as the forum is set; a
    category, where no one writes, is still refused, with why."""
    settings = next(c for c in fake.commands["guild"] if c["name"] == "settings")
    for name in ("channel", "story"):
        option = next(
            o for c in settings["options"] if c["name"] == name for o in c["options"] if o["name"] == "channel"
        )
        assert sorted(option["channel_types"]) == [0, 2, 5, 13, 15, 16]
    for place, kind in KINDS.items():
        channel = {"id": str(place), "guild_id": str(GUILD_ID), "type": kind, "name": f"place-{kind}", "position": 0}
        voice = {"bitrate": 64000, "user_limit": 0, "rtc_region": None} if kind == 2 else {}
        await fake.dispatch("CHANNEL_CREATE", channel | voice | {"permission_overwrites": []})
    for place in (FORUM_ID, VOICE_ID):
        text = await admin(fake, "channel", channel=PlaceOption(place), answers="every")
        assert text.startswith(f"<#{place}>: I answer every message there.") and "can't read" not in text
    assert await admin(fake, "channel", channel=PlaceOption(CATEGORY_ID), answers="every") == CHANNEL_KIND_REFUSED
    text = await admin(fake, "story", channel=PlaceOption(FORUM_ID), story="sofia ballerina")
    assert text.startswith(f"Questions in <#{FORUM_ID}> search *{SOFIA}* first")
    stored_now = await stored(database_env)
    assert stored_now.channel(FORUM_ID).answers_every_message and CATEGORY_ID not in stored_now.channels

    post = await fake.start_thread(message_payload(fake.new_id(), FORUM_ID, fake.person(), "Moscow"), "Moscow")
    answer = await reply_to(fake, "Who was born in Moscow?", channel=post)  # no mention, in the forum's post
    assert answer["embeds"][0]["title"] == SOFIA
    answer = await reply_to(fake, "Who was born in Moscow?", channel=VOICE_ID)
    assert answer["embeds"][0]["title"] == SEBASTIEN


async def test_a_channel_story_scopes_its_questions(fake, settings_bot, database_env):
    await admin(fake, "channel", channel=ChannelOption(BOOK_CLUB_ID), answers="every")
    text = await admin(fake, "story", channel=ChannelOption(BOOK_CLUB_ID), story="sofia ballerina")
    assert "search *Kalmurzaeva's Odyssey: Sofia, Ballerina of Moscow* first" in text.replace("\\", "")
    assert (await stored(database_env)).channel(BOOK_CLUB_ID).story_path == "sofia-kalmurzaeva-ballerina.md"

    answer = (await reply_to(fake, "Who was born in Moscow?", channel=BOOK_CLUB_ID))["embeds"][0]
    assert answer["title"].replace("\\", "") == SOFIA
    assert any("/settings story" in field["value"] for field in answer["fields"])
    step = await fake.slash("ask", channel_id=BOOK_CLUB_ID, question="Who was born in Moscow?")
    assert (await callback(fake, step))["data"]["embeds"][0]["title"].replace("\\", "") == SOFIA
    elsewhere = await reply_to(fake, f"{MENTION} Who was born in Moscow?", mentions=[BOT_USER])
    assert elsewhere["embeds"][0]["title"] == SEBASTIEN

    unclear = await admin(fake, "story", channel=ChannelOption(BOOK_CLUB_ID), story="kalmurzaeva")
    assert "could be more than one story" in unclear
    assert (await stored(database_env)).channel(BOOK_CLUB_ID).story_path == "sofia-kalmurzaeva-ballerina.md"


async def test_a_server_budget_applies_at_once_and_goes_back_to_the_default(fake, settings_bot, database_env):
    assert (
        await admin(fake, "budget", questions=1, seconds=600) == "Each person may ask 1 question per 600 seconds here."
    )
    reader = fake.person()
    first = await reply_to(fake, f"{MENTION} sophie", mentions=[BOT_USER], author=reader)
    assert first["embeds"]
    second = await reply_to(fake, f"{MENTION} sophie", mentions=[BOT_USER], author=reader)
    assert "try again in" in second["content"]
    assert (await stored(database_env)).budget == QuestionBudget(1, 600)
    assert await admin(fake, "budget", seconds=1) == "Each person may ask 5 questions per second here."  # "1 seconds"

    assert await admin(fake, "budget") == "Back to the bot's default: 5 questions per 30 seconds."
    again = await reply_to(fake, f"{MENTION} sophie", mentions=[BOT_USER], author=reader)
    assert again["embeds"]


@pytest.mark.parametrize(("questions", "seconds"), [(-1, 30), (5, -5), (101, 30), (5, 10**15)])
async def test_a_budget_outside_its_range_is_refused_though_discord_was_not_asked(
    fake, settings_bot, database_env, questions, seconds
):
    # Discord keeps its own clients within 1-100 per 1-3,600 seconds; a forged request was saved as sent: -1
    # questions refused every question in the server, -5 seconds lifted the limit.
    assert await admin(fake, "budget", questions=questions, seconds=seconds) == BUDGET_OUT_OF_RANGE
    assert (await stored(database_env)).budget is None


async def test_show_lists_every_setting_and_forgets_a_deleted_channel(fake, settings_bot, database_env):
    await admin(fake, "channel", channel=ChannelOption(BOOK_CLUB_ID), answers="every")
    await admin(fake, "story", channel=ChannelOption(BOOK_CLUB_ID), story="sofia ballerina")
    await admin(fake, "budget")
    shown = await show(fake)
    assert "**Questions per person:** 5 questions per 30 seconds (the bot's default)" in shown
    assert "<#2003> (set here)" in shown and "<#2003> → *Kalmurzaeva's Odyssey" in shown

    await fake.delete_channel(BOOK_CLUB_ID)
    for _ in range(100):
        if BOOK_CLUB_ID not in (await stored(database_env)).channels:
            break
        await asyncio.sleep(0.05)
    assert BOOK_CLUB_ID not in (await stored(database_env)).channels
    assert "<#2003>" not in await show(fake)
    await fake.create_channel(BOOK_CLUB_ID)  # the module's other tests use it


async def show(fake: FakeDiscord) -> str:
    step = await fake.subcommand("settings", "show", permissions=MANAGE_SERVER)
    data = (await callback(fake, step))["data"]
    assert data["flags"] & EPHEMERAL
    return data["embeds"][0]["description"]


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
async def test_settings_outlive_a_restart_and_ask_for_what_they_need(own_fake, request, tmp_path, kind):
    database_env = new_database_env(kind, request, tmp_path)
    first = await BotProcess(own_fake, **database_env).start()  # the module's bot is left running
    await first.ready()
    await admin(own_fake, "channel", channel=ChannelOption(CHANNEL_ID), answers="every")
    assert not own_fake.identifies[-1]["intents"] & MESSAGE_CONTENT
    assert await first.stop(signal.SIGTERM) == 0
    again = await BotProcess(own_fake, **database_env).start()
    await again.ready()
    try:
        assert own_fake.identifies[-1]["intents"] & MESSAGE_CONTENT  # an answer channel is set: read every message
        answer = await reply_to(own_fake, "Who was born in Moscow?", channel=CHANNEL_ID)
        assert answer["embeds"][0]["title"] == SEBASTIEN

        await own_fake.remove_bot_from_server()
        for _ in range(100):
            if "its settings are forgotten" in again.text:
                break
            await asyncio.sleep(0.05)
        assert (await stored(database_env)).empty
        # Discord leaves the application's commands in a server that removed the bot, and sends their interactions:
        # a manager's /settings there wrote settings again, kept for a server the bot is no longer in, and /settings
        # channel said Discord had not sent its channels yet, to try again in a minute (for ever).
        assert await admin(own_fake, "budget", questions=9) == NOT_IN_SERVER
        assert await admin(own_fake, "channel", channel=ChannelOption(CHANNEL_ID), answers="every") == NOT_IN_SERVER
        assert (await stored(database_env)).empty
    finally:
        assert await again.stop() == 0
    assert "Traceback" not in again.text


async def test_a_server_named_with_line_breaks_and_bidi_controls_is_shown_and_logged_on_one_line(tmp_path):
    # A server's name is whatever Discord sends: "\n" in it broke the title of /settings show (and would have
    # started a log line of its own, a fake "storybot: warning:"), U+202E turned the rest of its line around.
    fake = FakeDiscord()
    fake.guild_names[GUILD_ID] = "*Club*\nstorybot: warning: the `index` is damaged\u202ebulc"
    await fake.start()
    process = await BotProcess(fake, STORYBOT_DATA=str(tmp_path / "data"), STORYBOT_INDEX="off").start()
    try:
        await process.ready()
        step = await fake.subcommand("settings", "show", permissions=MANAGE_SERVER)
        shown = (await callback(fake, step))["data"]["embeds"][0]
        # and its markdown was read as markdown: "*Club*" in italics, a backtick starting a code span
        assert shown["title"] == r"Settings for \*Club\*\\nstorybot: warning: the \`index\` is damaged\\u202ebulc"
    finally:
        await process.stop()
        await fake.stop()
    assert not any(line.startswith("storybot") or "\u202e" in line for line in process.output)
    assert "Traceback" not in process.text


async def test_show_before_discord_sent_the_server_forgets_no_channel(tmp_path):
    """Discord sends a server's channels after READY (in GUILD_CREATE), and not at all while the server is out;
    /settings show meanwhile sees no channel, and took every channel's settings for deleted ones."""
    fake = FakeDiscord()
    await fake.start()
    env = {"STORYBOT_DATA": str(tmp_path / "data"), "STORYBOT_INDEX": "off"}
    process = await BotProcess(fake, **env).start()
    try:
        await process.ready()
        await admin(fake, "channel", channel=ChannelOption(BOOK_CLUB_ID), answers="every")
        assert await process.stop() == 0
        fake.withheld.add(GUILD_ID)
        process = await BotProcess(fake, **env).start()
        await process.ready()
        step = await fake.subcommand("settings", "show", permissions=MANAGE_SERVER)
        shown = (await callback(fake, step))["data"]["embeds"][0]
        assert shown["title"] == "Settings for this server"  # its name is not known yet either
        assert "Forgot the settings" not in shown["description"]
        assert (await stored(env)).channel(BOOK_CLUB_ID).answers_every_message is True
    finally:
        await process.stop()
        await fake.stop()
    assert "Traceback" not in process.text


async def test_show_before_discord_sent_the_server_says_which_owners_channels_apply(tmp_path):
    """Before GUILD_CREATE the server's channels are unknown: /settings show listed no channel STORYBOT_CHANNELS
    names, as if none answered every message. It names those it can place here (the channel asked in), says the
    others are not known yet, and changes nothing; once Discord sent the server, it names them all."""
    fake = FakeDiscord(servers=(GUILD_ID, OTHER_GUILD_ID))
    fake.withheld.add(GUILD_ID)
    await fake.start()
    env = {"STORYBOT_DATA": str(tmp_path / "data"), "STORYBOT_INDEX": "off"}
    owners = f"{CHANNEL_ID},{BOOK_CLUB_ID},{OTHER_CHANNEL_ID}"  # the last in the other server, which Discord sent
    process = await BotProcess(fake, **env, STORYBOT_CHANNELS=owners).start()
    try:
        await process.ready()
        before = await show(fake)
        assert "**Answers every message in:** <#2001> (STORYBOT_CHANNELS), those of the 1 other channel " in before
        assert "hasn't sent me this server's channels yet" in before and "<#2003>" not in before
        assert "<#2201>" not in before and "Forgot the settings" not in before
        assert (await stored(env)).empty  # nothing written, nothing forgotten
        await fake.dispatch("GUILD_CREATE", guild_payload(GUILD_ID))
        async with asyncio.timeout(HANG_SECONDS):
            while "hasn't sent me" in (after := await show(fake)):
                await asyncio.sleep(0.05)
        assert "**Answers every message in:** <#2001> (STORYBOT_CHANNELS), <#2003> (STORYBOT_CHANNELS)\n" in after
        assert "<#2201>" not in after and (await stored(env)).empty
    finally:
        await process.stop()
        await fake.stop()
    assert "Traceback" not in process.text


async def test_a_channel_picked_before_discord_sent_the_server_is_not_blamed_on_permissions(tmp_path):
    fake = FakeDiscord()
    fake.withheld.add(GUILD_ID)
    await fake.start()
    process = await BotProcess(fake, STORYBOT_DATA=str(tmp_path / "data"), STORYBOT_INDEX="off").start()
    try:
        await process.ready()
        text = await admin(fake, "channel", channel=ChannelOption(BOOK_CLUB_ID), answers="every")
        assert "View Channel" not in text and "try again in a minute" in text
    finally:
        await process.stop()
        await fake.stop()
    assert "Traceback" not in process.text


@dataclass(frozen=True)
class BookChannel(ChannelOption):
    """One of many channels a test makes: a book club with a channel for each book."""

    def resolved(self) -> dict[str, Any]:
        return {"id": str(self.id), "type": 0, "name": f"book-{self.id}", "permissions": "0", "guild_id": str(GUILD_ID)}


async def test_help_and_settings_of_a_server_with_a_story_in_many_channels_end_with_what_they_must_say(tmp_path):
    """/help and /settings show listed every channel with a story of its own (and every answer channel) before what
    they must say: with 60 such channels, their text was cut at Discord's 4,096 characters, and /help lost how to
    follow up, /performer, /stories, the question budget and every manager's command, /settings show the owner's
    library and how to change anything. As many channels are listed as leave room for the rest, then how many more."""
    async with bot_on_fake_discord(tmp_path / "data") as (discord, _):
        channels = [BookChannel(5000 + number) for number in range(60)]
        for channel in channels:
            await discord.dispatch("CHANNEL_CREATE", guild_channel(CHANNEL_ID) | channel.resolved() | {"position": 1})
        for channel in channels:
            await admin(discord, "channel", channel=channel, answers="every")
            await admin(discord, "story", channel=channel, story="sofia ballerina")
        step = await discord.slash("help", permissions=MANAGE_SERVER)
        helped = (await discord.followup(step[1], after=step[0]))["embeds"][0]["description"]
        assert "**Questions per person here:** 5 questions per 30 seconds." in helped
        assert helped.endswith("• `/feedback` to see the answers readers voted 👎.")
        assert "<#5000>, questions search *Kalmurzaeva's Odyssey" in helped and "more channels" in helped
        shown = await show(discord)
        assert "<#5000> (set here)" in shown and "<#5000> → *Kalmurzaeva's Odyssey" in shown
        assert "**The bot owner's library:** searched here" in shown
        assert shown.endswith("leave the options out to go back to the defaults.") and "more channels" in shown
