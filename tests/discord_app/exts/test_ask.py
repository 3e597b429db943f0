from __future__ import annotations

import discord
import pytest

from bot.core.answer import NoAnswer
from bot.discord_app.exts.ask import Ask
from bot.discord_app.exts.performer import People
from bot.discord_app.reading import AnswerButton, ReadOn, reply_to_question
from bot.discord_app.references import CUSTOM_ID_LIMIT, AnswerPage
from bot.discord_app.voting import VoteButton
from bot.operations.ask import ask
from bot.operations.look_up_person import PersonFound, look_up_person
from bot.operations.resolve_story import story_by_id
from bot.state.feedback import Vote
from bot.state.server_settings import ChannelSettings, ServerSettings
from tests.discord_app.conftest import BOT_ROLE_ID
from tests.discord_app.fake_discord import BOT_USER, CHANNEL_ID, GUILD_ID, PERSON, member, message_payload, user


def message(bot, content: str, channel_id: int = CHANNEL_ID, author=PERSON, **extra) -> discord.Message:
    state = bot._connection
    payload = message_payload(5, channel_id, author, content) | extra
    guild = state._get_guild(GUILD_ID)
    channel = guild.get_channel(channel_id) if channel_id == CHANNEL_ID else None
    if channel is not None:
        payload |= {"guild_id": str(GUILD_ID), "member": member(author)}
    elif channel_id == 4242:
        channel = discord.PartialMessageable(state=state, id=channel_id, guild_id=GUILD_ID)
        payload |= {"guild_id": str(GUILD_ID)}
    else:
        channel = discord.DMChannel(
            me=state.user, state=state, data={"id": str(channel_id), "type": 1, "recipients": [author]}
        )
    return discord.Message(state=state, channel=channel, data=payload)


@pytest.mark.parametrize(
    ("content", "extra", "question"),
    [
        ("<@1001> Where was Sébastien born?", {"mentions": [BOT_USER]}, "Where was Sébastien born?"),
        ("hey <@!1001>, how old is sofia", {"mentions": [BOT_USER]}, "hey , how old is sofia"),
        (f"<@&{BOT_ROLE_ID}> who is ivan", {"mention_roles": [str(BOT_ROLE_ID)]}, "who is ivan"),
        ("<@1001> @everyone @here <#2001> <:violin:123> violin", {"mentions": [BOT_USER]}, "violin"),
        ("<@1001>", {"mentions": [BOT_USER]}, ""),
    ],
)
def test_question_of_a_message_addressed_to_the_bot(discord_bot, content, extra, question):
    assert Ask(discord_bot).question_in(message(discord_bot, content, **extra), None) == question


def test_messages_not_for_the_bot(discord_bot):
    ask = Ask(discord_bot)
    assert ask.question_in(message(discord_bot, "where was sebastien born"), None) is None
    someone = user(77, "someone")
    assert ask.question_in(message(discord_bot, "<@77> hi", mentions=[someone]), None) is None
    robot = user(78, "robot", bot=True)
    assert ask.question_in(message(discord_bot, "<@1001> hi", author=robot, mentions=[BOT_USER]), None) is None
    assert ask.question_in(message(discord_bot, "<@1001> hi", mentions=[BOT_USER], webhook_id="9"), None) is None


def test_direct_messages_and_answer_channels_need_no_mention(discord_bot):
    ask = Ask(discord_bot)
    assert ask.question_in(message(discord_bot, "how old is sofia", channel_id=9999), None) == "how old is sofia"
    assert ask.question_in(message(discord_bot, "who is ivan", channel_id=4242), None) == "who is ivan"


async def test_an_answer_is_kept_by_the_id_its_buttons_carry(discord_bot, library):
    asker = 2**63 - 1  # the largest id a 64-bit signed column takes (Discord ids stay below it for centuries)
    # A passage with one before and after it ("Sophie" alone asks who she is: her first passage answers).
    story = story_by_id(library, ask(library, "Sophie festival").stories[0].id)
    reply = await reply_to_question(
        discord_bot,
        ask(library, "Sophie festival", story=story),
        server_id=GUILD_ID,
        channel_id=CHANNEL_ID,
        asker_id=asker,
        channel_scope=True,
    )
    assert reply.content is None and reply.embed is not None and reply.view is not None
    assert reply.embed.footer.text == "Q: Sophie festival"
    button, previous, following, up, down = reply.view.children
    assert isinstance(button, AnswerButton) and button.action == "more" and button.page.offset == 1
    kept = await discord_bot.database.answers.find(button.page.answer)
    assert kept is not None and story is not None
    question = "Sophie festival"
    assert (kept.server_id, kept.channel_id, kept.asker_id, kept.question) == (GUILD_ID, CHANNEL_ID, asker, question)
    assert (kept.scope, kept.channel_scope) == (story.id, True)
    assert previous.page == following.page == AnswerPage(kept.id, 0) and up.answer == down.answer == kept.id
    best = library.ask("Sophie festival").best
    story = library.story_finder.ids[library.story_finder.by_path(best.path)]
    shown = best.passage
    assert isinstance(previous, ReadOn) and previous.number == shown - 1 and not previous.item.disabled
    assert isinstance(following, ReadOn) and following.number == shown + 1 and following.story == story
    assert isinstance(up, VoteButton) and up.vote is Vote.UP and up.passage == shown and up.story == story
    assert isinstance(down, VoteButton) and down.vote is Vote.DOWN and down.passage == shown
    assert all(len(item.custom_id) <= CUSTOM_ID_LIMIT for item in (button, previous, following, up, down))
    assert max(len(row) for row in reply.view.to_components()) <= 5  # Discord's limit per row
    assert reply.view.is_finished()  # not kept in memory: dispatched by custom_id
    assert reply.content is None


async def test_no_answer_is_a_plain_friendly_line(discord_bot, library):
    asked = ask(library, "what is the")
    assert asked.answer.reason == NoAnswer.NO_CONTENT_WORDS
    reply = await reply_to_question(discord_bot, asked, server_id=None, channel_id=None, asker_id=1)
    assert reply.embed is None and reply.view is None
    assert reply.content is not None and "no words to search for" in reply.content


async def test_autocomplete_from_a_real_interaction(discord_bot):
    payload = {
        "id": "1",
        "application_id": "1000",
        "type": 4,
        "token": "t",
        "version": 1,
        "guild_id": str(GUILD_ID),
        "channel_id": str(CHANNEL_ID),
        "member": member(PERSON),
        "locale": "en-US",
        "guild_locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": {},
        "context": 0,
        "attachment_size_limit": 1,
        "data": {
            "id": "9",
            "name": "performer",
            "type": 1,
            "options": [{"name": "name", "type": 3, "value": "seb", "focused": True}],
        },
    }
    interaction = discord.Interaction(data=payload, state=discord_bot._connection)
    assert interaction.type == discord.InteractionType.autocomplete
    choices = await People(discord_bot).performer_names(interaction, "seb")
    assert [c.name.split(" (")[0] for c in choices] == ["Sébastien Kalmurzaeva"]
    chosen = look_up_person(discord_bot.library, choices[0].value)  # the value names the person, by id
    assert chosen.found is PersonFound.ONE and chosen.people[0].name == "Sébastien Kalmurzaeva"


def test_a_server_setting_overrides_the_environment_for_its_channel(discord_bot):
    ask = Ask(discord_bot)
    server = ServerSettings(
        GUILD_ID, channels={4242: ChannelSettings(4242, False), CHANNEL_ID: ChannelSettings(CHANNEL_ID, True)}
    )
    assert ask.question_in(message(discord_bot, "who is ivan", channel_id=4242), server) is None
    assert ask.question_in(message(discord_bot, "who is ivan"), server) == "who is ivan"
    assert ask.question_in(message(discord_bot, "who is ivan"), None) is None
