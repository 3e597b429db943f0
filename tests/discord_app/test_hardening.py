"""Abuse a reader or an attacker might try, as Discord would deliver it to the real bot process."""

from __future__ import annotations

import asyncio
import random
from functools import partial

import aiohttp
import pytest

from bot.core.library import StoryLibrary
from bot.discord_app.render import MESSAGE_LIMIT
from bot.discord_app.saved_answers import ANSWERED_ELSEWHERE
from bot.messages import ANSWERED_TO_SOMEONE_ELSE, COMMAND_CHANGED, STORY_GONE, UNKNOWN_BUTTON, VOTE_NOT_SHOWN
from tests.core.test_worker import WORDS
from tests.discord_app.bot_process import BotProcess
from tests.discord_app.fake_discord import (
    APP_ID,
    BOOK_CLUB_ID,
    BOT_USER,
    CHANNEL_ID,
    DM_CHANNEL_ID,
    EMBED_LINKS,
    GUILD_ID,
    MANAGE_SERVER,
    NOW,
    PERSON,
    USER_ID,
    FakeDiscord,
    message_payload,
)
from tests.discord_app.test_end_to_end import (
    CHANNEL_MESSAGES,
    EPHEMERAL,
    MENTION,
    bot,
    callback,
    fake,
    own_fake,
    reply_to,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")
__all__ = ["bot", "fake", "own_fake"]  # the module-scoped fixtures, shared with the other end-to-end tests
SERVER_GROUPS = (("settings", "show"), ("story", "history"))


async def test_slash_ask_drops_discord_markup_from_the_question(fake, bot):
    step = await fake.slash("ask", question="<@123> @everyone <@&456> where was **sofia** born <#789>")
    data = (await callback(fake, step))["data"]
    assert data["embeds"][0]["footer"]["text"] == "Q: where was **sofia** born"
    assert data["allowed_mentions"] == {"parse": []}


async def test_a_name_typed_with_half_a_surrogate_pair_is_said_back_as_text_discord_takes(fake, bot):
    """Discord's JSON can carry half of a surrogate pair, which no UTF-8 holds, and Discord refuses it in what it is
    sent (the fake refuses it too): /performer and a story option said such a name back, so the reply was refused
    and the reader got nothing (questions were made well-formed already)."""
    typed = {"performer": {"name": "\ud800Beethoven"}, "ask": {"question": "who", "story": "\udc80x"}}
    for command, options in typed.items():
        step = await fake.slash(command, **options)
        data = (await callback(fake, step))["data"]
        assert data["content"].startswith(('No one called "\ufffdBeethoven"', 'No story called "\ufffdx"'))
    assert "invalid JSON" not in bot.text


async def test_a_name_pasted_with_zero_width_spaces_finds_its_person_as_typed_and_as_completed(fake, bot):
    """A zero-width space shows nothing: a name copied from a page or a message that breaks lines (or escapes
    mentions) with them was no one once it held five ("No one called \u200b\u200b...Sofia"), each counted a letter
    of the word it stood in, where questions were answered."""
    performer = next(c for c in fake.commands["guild"] if c["name"] == "performer")
    for pasted in ("\u200b" * 5 + "Sofia", "S\u200bo\u200bf\u200bi\u200ba\u200b", "Sofia\u200bKalmurzaeva"):
        step = await fake.slash("performer", name=pasted)
        assert (await callback(fake, step))["data"]["embeds"][0]["title"] == "Sofia Kalmurzaeva"
        focused = {"name": "name", "type": 3, "value": pasted[:8], "focused": True}
        typing = {"id": performer["id"], "name": "performer", "type": 1, "guild_id": str(GUILD_ID)}
        step = await fake.interact(4, typing | {"options": [focused]})
        choices = (await callback(fake, step))["data"]["choices"]
        assert any(c["name"].startswith("Sofia Kalmurzaeva") for c in choices)


async def test_a_timestamp_or_custom_emoji_typed_is_said_back_as_written(fake, bot):
    """Discord draws `<t:0:R>` as a time ("56 years ago"), `<:wave:123>` and `<a:dance:456>` as emoji and `<id:browse>`
    as a link in what the bot sends: a name typed with them (or a story's title or text holding them) was said back
    as something else than what was written, mentions alone being escaped."""
    step = await fake.slash("performer", name="<t:0:R> <:wave:123> <a:dance:456> <id:browse> Beethoven")
    said = (await callback(fake, step))["data"]["content"]
    assert said.startswith('No one called "\\<t:0:R> \\<:wave:123> \\<a:dance:456> \\<id:browse> Beethoven"'), said


async def test_more_results_spends_from_the_same_budget_as_questions(fake, bot):
    reader = fake.person()
    step = await fake.slash("ask", author=reader, question="Sophie orchestra")
    first = await callback(fake, step)
    message = next(m for m in fake.messages.values() if m["embeds"] == first["data"]["embeds"])
    button = first["data"]["components"][0]["components"][0]
    answers = []
    for _ in range(5):  # one question and four pages spend the five; the next page must wait
        step = await fake.interact(3, {"custom_id": button["custom_id"], "component_type": 2}, message, author=reader)
        answers.append(await callback(fake, step))
    assert [a["type"] for a in answers[:4]] == [7, 7, 7, 7]
    assert answers[4]["type"] == 4 and answers[4]["data"]["flags"] & EPHEMERAL
    assert "try again in" in answers[4]["data"]["content"]


async def test_every_performer_lookup_spends_from_the_same_budget(fake, bot):
    """A name typed, an autocomplete choice and a pick from the list of a shared name each look a person up; the
    pick spent nothing, so anyone could look people up past their budget by clicking the list."""
    reader = fake.person()
    performer = next(c for c in fake.commands["guild"] if c["name"] == "performer")
    typing = {"id": performer["id"], "name": "performer", "type": 1, "guild_id": str(GUILD_ID)}
    step = await fake.slash("performer", author=reader, name="Kalmurzaeva")  # one
    listed = (await callback(fake, step))["data"]
    message = next(m for m in fake.messages.values() if m["components"] == listed["components"])
    select = listed["components"][0]["components"][0]
    for typed in ("so", "sofi"):  # completing what is typed costs nothing
        focused = {"name": "name", "type": 3, "value": typed, "focused": True}
        step = await fake.interact(4, typing | {"options": [focused]}, author=reader)
        choices = (await callback(fake, step))["data"]["choices"]
    step = await fake.slash("performer", author=reader, name=choices[0]["value"])  # two: the choice
    assert (await callback(fake, step))["data"]["embeds"][0]["title"] == "Sofia Kalmurzaeva"
    picks = []
    for _ in range(4):  # three picks spend the rest; the fourth must wait
        chosen = {"custom_id": select["custom_id"], "component_type": 3, "values": [select["options"][0]["value"]]}
        step = await fake.interact(3, chosen, message, author=reader)
        picks.append(await callback(fake, step))
    assert [pick["type"] for pick in picks[:3]] == [7, 7, 7]
    assert picks[3]["type"] == 4 and picks[3]["data"]["flags"] & EPHEMERAL
    assert "try again in" in picks[3]["data"]["content"] and not picks[3]["data"].get("embeds")


async def logged(process: BotProcess, since: int, text: str, times: int = 1) -> str:
    """The bot's log from line `since` on, once it says `text` `times` times (15 s at most)."""
    for _ in range(150):
        written = "".join(process.output[since:])
        if written.count(text) >= times:
            return written
        await asyncio.sleep(0.1)
    raise AssertionError(f"the bot did not log {text!r} {times} times; it logged:\n{written}")


async def test_a_failure_for_one_interaction_is_not_taken_by_an_earlier_ones_late_reply(own_fake: FakeDiscord):
    """A failure put on "the next callback" was taken by whichever interaction's reply came next: an earlier test's,
    arriving late, took it, and this test's reply went through. Named, it waits for its own interaction's reply."""
    earlier, named = own_fake.next_interaction(), own_fake.next_interaction()
    own_fake.fail_interaction(named, 404, message="Unknown interaction", body={"code": 10062})
    own_fake.fail_interaction(named, 401, followup=True, message="Invalid Webhook Token", body={"code": 50027})
    api = f"{own_fake.url}/api/v10"
    reply = {"type": 4, "data": {"content": "late"}}
    async with aiohttp.ClientSession() as session:

        async def status(path: str, body: dict[str, object]) -> int:
            async with session.post(f"{api}{path}", json=body) as answered:
                return answered.status

        assert await status(f"/interactions/{earlier}/token-{earlier}/callback", reply) == 200
        assert await status(f"/webhooks/{APP_ID}/token-{earlier}", {"content": "late"}) == 200
        assert await status(f"/interactions/{named}/token-{named}/callback", reply) == 404
        assert await status(f"/webhooks/{APP_ID}/token-{named}", {"content": "on time"}) == 401
        assert await status(f"/interactions/{named}/token-{named}/callback", reply) == 200  # once, as asked


async def test_a_click_or_command_discord_no_longer_takes_is_one_line_in_the_log(fake, bot):
    # Discord forgets an interaction not acknowledged within 3 seconds (a bot paused or slow to hear it) and
    # answers 404 "Unknown interaction"; a 5xx may come the same way. /help, /reload and /story, and the
    # buttons under /story's questions, answered Discord with raw calls: each such refusal was an ERROR with a
    # traceback ("Command help failed", "Ignoring exception in view"), and "Something went wrong" tried again.
    since = len(bot.output)
    expired = {"message": "Unknown interaction", "body": {"code": 10062}}
    for command in ("help", "reload"):
        fake.fail_interaction(expiring := fake.next_interaction(), 404, **expired)
        await fake.slash(command, author=PERSON, permissions=MANAGE_SERVER, interaction_id=expiring)
    fake.fail_interaction(expiring := fake.next_interaction(), 404, **expired)
    await fake.subcommand("story", "history", permissions=MANAGE_SERVER, interaction_id=expiring)
    for custom_id in ("storybot:shelf:cancel:0", "storybot:shelf:remove:1", "storybot:confirm:0a1b2c3d:no"):
        fake.fail_interaction(expiring := fake.next_interaction(), 404, **expired)
        button = {"type": 2, "style": 2, "label": "Cancel", "custom_id": custom_id}
        message: dict[str, object] = {**message_payload(fake.new_id(), CHANNEL_ID, BOT_USER, "Remove it?")}
        message |= {"components": [{"type": 1, "components": [button]}], "flags": EPHEMERAL}
        data = {"custom_id": custom_id, "component_type": 2}
        await fake.interact(3, data, message, permissions=MANAGE_SERVER, interaction_id=expiring)
    written = await logged(bot, since, "404 Unknown interaction", times=6)
    assert "Traceback" not in written and "ERROR" not in written
    assert "Could not answer /story history: 404 Unknown interaction" in written


async def test_an_uploads_name_with_line_breaks_and_bidi_controls_stays_on_its_log_line(fake, bot):
    # Discord passes an upload's file name as the person sent it, and the log names it (as it names a command,
    # a server or a person Discord sends): "\n" in it started a log line of its own, a fake "storybot:
    # warning:" among the bot's, and U+202E turned the rest of its line around.
    since = len(bot.output)
    name = "tale\nstorybot: warning: the index is damaged\r\u202eevil.md"
    upload = fake.attach(name, b"# Tale\n\n" + b"Ilse rowed the ferry across the fjord. " * 400, cut=True)
    step = await fake.subcommand("story", "add", author=PERSON, permissions=MANAGE_SERVER, file=upload)
    await callback(fake, step)
    written = await logged(bot, since, "Could not download the upload")
    line = next(line for line in written.splitlines() if "Could not download the upload" in line)
    assert "upload tale\\nstorybot: warning: the index is damaged\\r\\u202eevil.md: " in line
    assert not any("storybot: warning" in line for line in written.splitlines()[1:])
    assert "\u202e" not in written


async def test_a_server_command_used_in_a_dm_says_it_works_in_a_server(fake, bot):
    # /settings, /story, /feedback and /reload are registered for servers; one that reaches the bot from a DM
    # all the same (a client's stale list of commands) was told "You need the Manage Server permission for
    # that", which no one has in a DM, so nothing they could do would help.
    uses = [partial(fake.slash, command, channel_id=DM_CHANNEL_ID) for command in ("feedback", "reload")]
    uses += [partial(fake.subcommand, group, sub, channel_id=DM_CHANNEL_ID) for group, sub in SERVER_GROUPS]
    for use in uses:
        said = (await callback(fake, await use()))["data"]
        assert said["content"] == "That command works in a server, not in DMs." and said["flags"] & EPHEMERAL


async def test_a_command_discord_has_from_another_version_is_told_to_try_again(fake, bot):
    # While a bot is upgraded (or shards on several machines run two versions for a moment), Discord sends
    # commands and options as the other version registered them: each use was "Something went wrong on my
    # side" and an ERROR with a traceback.
    since = len(bot.output)
    ask = next(c for c in fake.commands["guild"] if c["name"] == "ask")
    renamed = {"id": ask["id"], "name": "ask", "type": 1, "guild_id": str(GUILD_ID)}
    renamed["options"] = [{"name": "query", "type": 3, "value": "how old is sofia"}]
    removed = {"id": str(fake.new_id()), "name": "quiz", "type": 1, "guild_id": str(GUILD_ID), "options": []}
    for data in (renamed, removed):
        step = await fake.interact(2, data)
        said = (await callback(fake, step))["data"]
        assert said["content"] == "That command changed with my last update; please try it again in a minute."
    written = await logged(bot, since, "in another form than this version's", times=2)
    assert "Traceback" not in written and "ERROR" not in written


async def test_an_answer_where_the_bot_may_not_read_history_comes_as_a_message_of_its_own(fake, bot):
    # Discord refuses a reply (403, code 160002) where the bot lacks Read Message History, which a channel's
    # overrides easily take away: every mention there went unanswered, with one warning in the log.
    refusal = "Cannot reply without permission to read message history"
    fake.fail("POST", CHANNEL_MESSAGES, 403, message=refusal, body={"code": 160002})
    mark = await fake.send_message(f"{MENTION} how old is sofia", mentions=[BOT_USER])
    await fake.wait_for(lambda: len(sent_messages(fake, mark)) >= 2)
    refused, answer = sent_messages(fake, mark)[:2]
    assert "message_reference" in refused and "message_reference" not in answer
    assert "Sofia" in answer["embeds"][0]["description"] and answer["allowed_mentions"]["parse"] == []


def sent_messages(fake: FakeDiscord, since: int) -> list[dict]:
    return [c.body for c in fake.calls[since:] if c.method == "POST" and c.path == CHANNEL_MESSAGES]


async def test_mentions_in_a_story_and_in_what_is_typed_are_shown_as_written_and_ping_no_one(fake, bot):
    """A story's text and title, and a name typed, are shown as written: Discord drew `<@&456>` in them as a role's
    mention (a server's own role, named, in the answer), `<#2001>` as a link to a channel, `@here` highlighted. None
    pinged (no message allows a mention), but what was shown was not what the story says."""
    story = b"# <@&456> and @everyone\n\nGunnhild rang the bell for <@&456>, <@789> and @here in <#2001>.\n"
    step = await fake.subcommand(
        "story", "add", author=PERSON, permissions=MANAGE_SERVER, file=fake.attach("bell.md", story)
    )
    added = (await callback(fake, step))["data"]
    answer = await reply_to(fake, f"{MENTION} who rang the bell, gunnhild?", mentions=[BOT_USER])
    step = await fake.slash("ask", question="who rang the bell", story="<@&456> <#2001> @here")
    unknown = (await callback(fake, step))["data"]
    assert added["content"].startswith('Added "\\<@&456> and \\@everyone"'), added["content"]
    assert answer["embeds"][0]["title"] == "\\<@&456> and \\@everyone"
    assert "for \\<@&456>, \\<@789> and \\@here in \\<#2001>." in answer["embeds"][0]["description"]
    assert unknown["content"].startswith('No story called "\\<@&456> \\<#2001> \\@here"'), unknown["content"]
    assert all(said["allowed_mentions"]["parse"] == [] for said in (added, answer, unknown))


async def click_forged(fake: FakeDiscord, custom_id: str, channel_id: int = CHANNEL_ID) -> str:
    """A click a modified client sends with a button of its making, on one of the bot's messages: what its sender is
    told (privately)."""
    button = {"type": 2, "style": 2, "emoji": {"name": "👎"}, "custom_id": custom_id}
    message: dict[str, object] = {**message_payload(fake.new_id(), channel_id, BOT_USER, "")}
    message |= {"components": [{"type": 1, "components": [button]}]}
    step = await fake.interact(3, {"custom_id": custom_id, "component_type": 2}, message, channel_id=channel_id)
    told = (await callback(fake, step))["data"]
    assert told["flags"] & EPHEMERAL
    return told["content"]


async def test_forged_vote_buttons_record_no_vote_and_are_answered_privately(fake, bot):
    """A button's custom_id is the client's to send: one naming the answer of another server (or of a DM), an answer
    never given, or one that is no id of the bot's at all is told so privately, and no vote is recorded."""
    here = await reply_to(fake, f"{MENTION} how old is sofia", mentions=[BOT_USER])
    in_dm = await reply_to(fake, "how old is sofia", channel=DM_CHANNEL_ID)
    votes = {
        where: next(b["custom_id"] for row in answer["components"] for b in row["components"] if "emoji" in b)
        for where, answer in (("here", here), ("dm", in_dm))
    }
    story, passage, answer_here = (votes["here"].split(":")[i] for i in (2, 3, -1))
    answer_in_dm = votes["dm"].split(":")[-1]
    forged = {
        "another server's answer": f"storybot:vote:{story}:{passage}:down:{answer_in_dm}",
        "a server's answer in a DM": (f"storybot:vote:{story}:{passage}:down:{answer_here}", DM_CHANNEL_ID),
        "an answer never given": f"storybot:vote:{story}:{passage}:down:{'a' * 12}",
        "a story id of no story": f"storybot:vote:{'z' * 16}:{passage}:down:{answer_here}",
        "not an id of the bot's": "storybot:vote:../../etc:1:sideways:x",
        "an id too long": f"{votes['here']}{'9' * 100}",
    }
    told = {}
    for what, sent in forged.items():
        custom_id, channel = sent if isinstance(sent, tuple) else (sent, CHANNEL_ID)
        told[what] = await click_forged(fake, custom_id, channel)
    assert told["another server's answer"] == told["a server's answer in a DM"] == ANSWERED_ELSEWHERE
    assert told["an answer never given"].startswith("I can't reopen this answer")
    assert told["a story id of no story"] == STORY_GONE
    assert told["not an id of the bot's"] == told["an id too long"] == UNKNOWN_BUTTON
    assert not any("Thanks" in said for said in told.values())
    assert "Traceback" not in bot.text


async def test_an_answer_given_in_a_dm_is_reopened_by_its_asker_alone(fake, bot):
    """A DM is between the bot and one person: another person's click carrying a DM answer's id (copied from a
    screenshot, say) reopened it in their own DM, with its question, as every DM had one server, none."""
    asker = fake.person()
    answer = await reply_to(fake, "how old is sofia", channel=DM_CHANNEL_ID, author=asker)
    more = next(b["custom_id"] for row in answer["components"] for b in row["components"] if b.get("label"))
    message = next(m for m in reversed(fake.messages.values()) if m["embeds"] == answer["embeds"])
    click = {"custom_id": more, "component_type": 2}
    theirs = await callback(fake, await fake.interact(3, click, message, channel_id=DM_CHANNEL_ID, author=asker))
    assert theirs["data"].get("embeds"), theirs
    other = await callback(fake, await fake.interact(3, click, message, channel_id=DM_CHANNEL_ID))
    assert other["data"]["flags"] & EPHEMERAL and other["data"]["content"] == ANSWERED_TO_SOMEONE_ELSE
    assert not other["data"].get("embeds")


async def test_a_forged_vote_on_a_passage_its_answer_never_showed_records_nothing(fake, bot, library: StoryLibrary):
    """The passage number in a vote's custom_id was kept within the story: a modified client recorded a vote on any
    passage of the story of an answer of its own server, one the answer never showed as much as one past the story's
    end (counted for its last passage). Only a passage among the answer's results counts."""
    question = "what did the audience feel"  # five passages of the stories: More results pages to the next
    here = await reply_to(fake, f"{MENTION} {question}", mentions=[BOT_USER])
    vote = next(b["custom_id"] for row in here["components"] for b in row["components"] if "emoji" in b)
    story, passage, answer = (vote.split(":")[i] for i in (2, 3, -1))
    position = library.story_finder.by_id(story)
    assert position is not None
    found = library.corpus.stories[position]
    shown = library.results(question)
    assert shown is not None and found.first_passage + int(passage) - 1 in shown
    never_shown = next(n for n in range(1, found.passage_count + 1) if found.first_passage + n - 1 not in shown)
    for number in (never_shown, found.passage_count + 1, 9_999_999, 0):
        for _ in range(2):  # the second is no "You already gave ...": the first recorded nothing
            assert await click_forged(fake, f"storybot:vote:{story}:{number}:down:{answer}") == VOTE_NOT_SHOWN
    assert (await click_forged(fake, vote)).startswith("Thanks")  # the passage it showed counts, and first
    message = next(m for m in reversed(fake.messages.values()) if m["embeds"] == here["embeds"])
    more = next(b for row in here["components"] for b in row["components"] if b.get("label") == "More results")
    step = await fake.interact(3, {"custom_id": more["custom_id"], "component_type": 2}, message)
    second = (await callback(fake, step))["data"]
    on_second = next(b["custom_id"] for row in second["components"] for b in row["components"] if "emoji" in b)
    assert on_second.split(":")[3] != passage  # More results' passage, the answer's second result, counts too
    assert (await click_forged(fake, on_second)).startswith("Thanks")
    assert "Traceback" not in bot.text


async def test_debug_log_never_shows_interaction_or_bot_tokens(own_fake: FakeDiscord):
    process = await BotProcess(own_fake, STORYBOT_LOG_LEVEL="DEBUG").start()
    await process.ready()
    mark, interaction_id = await own_fake.slash("ask", question="how old is sofia")
    await callback(own_fake, (mark, interaction_id))
    assert await process.stop() == 0
    assert f"token-{interaction_id}" not in process.text
    assert "[redacted]" in process.text  # the log did mention it, redacted
    assert "fake-token" not in process.text


async def test_questions_are_answered_from_the_old_library_while_a_big_one_reloads(own_fake: FakeDiscord, tmp_path):
    rng = random.Random(5)
    for number in range(20):
        paragraphs = (" ".join(rng.choices(WORDS, k=40)).capitalize() + "." for _ in range(1000))
        (tmp_path / f"story-{number:02}.txt").write_text("\n\n".join(paragraphs))
    process = await BotProcess(own_fake, STORYBOT_CORPUS=str(tmp_path), STORYBOT_INDEX="off").start()
    await process.ready()
    (tmp_path / "zeppelin.txt").write_text("The zeppelin landed in the meadow.\n\nEveryone cheered.")
    command = next(c for c in own_fake.commands["guild"] if c["name"] == "reload")
    data = {"id": command["id"], "name": "reload", "type": 1, "guild_id": str(GUILD_ID)}
    reload_mark, reload_id = await own_fake.interact(2, data, permissions=str(1 << 5), author=PERSON)  # the owner
    answered_during = 0
    while not any(
        c.method == "POST" and c.path.startswith(f"/webhooks/{APP_ID}/") for c in own_fake.calls[reload_mark:]
    ):
        body = await reply_to(own_fake, f"{MENTION} where did the zeppelin land", mentions=[BOT_USER])
        if not any(
            c.method == "POST" and c.path.startswith(f"/webhooks/{APP_ID}/") for c in own_fake.calls[reload_mark:]
        ):
            answered_during += 1
            assert "zeppelin" not in str(body.get("embeds", "")).lower()  # the old library, until the swap
    assert answered_during >= 3, "the reload finished before the bot could be asked anything"
    report = await own_fake.followup(reload_id, after=reload_mark)
    assert "Added (1): `zeppelin.txt`" in report["content"]
    after = await reply_to(own_fake, f"{MENTION} where did the zeppelin land", mentions=[BOT_USER])
    assert after["embeds"][0]["title"] == "Zeppelin"
    assert await process.stop() == 0


async def test_a_nul_in_a_question_is_answered_kept_and_voted_on_with_postgresql(own_fake, tmp_path, postgresql_url):
    """PostgreSQL's text holds no NUL ("\\x00", which Discord's JSON can carry): the answer to a question holding one
    was shown, but could not be kept ("The database failed"), so its buttons could not reopen it, and a vote on a
    passage holding one was refused."""
    process = await BotProcess(
        own_fake, STORYBOT_DATA=str(tmp_path), STORYBOT_DATABASE_URL=postgresql_url, STORYBOT_INDEX="off"
    ).start()
    try:
        await process.ready()
        reader = own_fake.person()
        answer = await reply_to(own_fake, f"{MENTION} how old\x00is sofia", mentions=[BOT_USER], author=reader)
        assert "Sofia" in answer["embeds"][0]["description"]
        message = next(m for m in reversed(own_fake.messages.values()) if m["embeds"] == answer["embeds"])
        buttons = {b.get("label") or b["emoji"]["name"]: b for row in answer["components"] for b in row["components"]}
        clicks = {}
        for name in ("More results", "👎"):
            data = {"custom_id": buttons[name]["custom_id"], "component_type": 2}
            step = await own_fake.interact(3, data, message, author=reader)
            clicks[name] = await callback(own_fake, step)
        assert clicks["More results"]["type"] == 7 and "result 2" in str(clicks["More results"]["data"]["embeds"])
        assert "Thanks, noted" in clicks["👎"]["data"]["content"]
        assert "Traceback" not in process.text and "database failed" not in process.text, process.text
    finally:
        await process.stop()


async def test_a_select_sent_as_a_button_or_a_button_as_a_select_is_told_it_is_unknown(fake, bot):
    # The person picker's select and the confirmation's button raised in discord.py's dynamic item creation when
    # sent as the other kind: a traceback in the log, and "This interaction failed" for the sender.
    told = [await click_forged(fake, "storybot:pick:3000")]
    select = {"type": 3, "custom_id": "storybot:confirm:abcd:yes", "options": [{"label": "x", "value": "x"}]}
    message: dict[str, object] = {**message_payload(fake.new_id(), CHANNEL_ID, BOT_USER, "")}
    message |= {"components": [{"type": 1, "components": [select]}]}
    data = {"custom_id": "storybot:confirm:abcd:yes", "component_type": 3, "values": ["x"]}
    step = await fake.interact(3, data, message, permissions=MANAGE_SERVER)
    told.append((await callback(fake, step))["data"]["content"])
    assert told == [UNKNOWN_BUTTON, UNKNOWN_BUTTON]
    assert "Traceback" not in bot.text


async def test_an_upload_sent_as_text_or_as_a_file_discord_did_not_resolve_is_told_to_try_again(fake, bot):
    # Discord checks an option's type and resolves its files itself: such a request is made up, or of another form of
    # the command. It failed in the command, reading a file name off a string or a bare id, with a traceback.
    add = next(command for command in fake.commands["guild"] if command["name"] == "story")
    upload = fake.attach("weir.md", b"# The Weir\n\nOttilie opened the weir at dawn.")
    unresolved = {"name": "file", "type": 11, "value": upload["id"]}  # no "resolved" for it
    as_text = {"name": "file", "type": 3, "value": "weir.md"}
    told = []
    for option in (unresolved, as_text):
        data = {
            "id": add["id"],
            "name": "story",
            "type": 1,
            "options": [{"name": "add", "type": 1, "options": [option]}],
        }
        step = await fake.interact(2, data, permissions=MANAGE_SERVER)
        told.append((await callback(fake, step))["data"])
    assert [said["content"] for said in told] == [COMMAND_CHANGED, COMMAND_CHANGED]
    assert all(said["flags"] & EPHEMERAL for said in told)
    assert int(upload["id"]) not in fake.begun  # never downloaded
    assert "Traceback" not in bot.text


async def test_a_channel_discord_asks_to_wait_an_hour_on_is_given_up_on_not_waited_for(fake, bot):
    # discord.py slept as long as a 429 said: the answer waited the hour, unsaid, and the channel's next ones with it
    # (and the shutdown). The channel is this test's alone.
    limited = {"retry_after": 3600, "global": False}
    headers = {"Retry-After": "3600", "X-RateLimit-Scope": "shared"}
    fake.fail("POST", rf"/channels/{BOOK_CLUB_ID}/messages", 429, body=limited, headers=headers)
    await fake.send_message(f"{MENTION} where was sofia born", channel_id=BOOK_CLUB_ID, mentions=[BOT_USER])
    await bot.printed(f"Gave up answering in channel {BOOK_CLUB_ID}: Discord asked me to wait 3600 s.")
    answer = await reply_to(fake, f"{MENTION} where was sofia born", channel=BOOK_CLUB_ID, mentions=[BOT_USER])
    assert "Sofia" in answer["embeds"][0]["title"] + answer["embeds"][0]["description"]
    assert "Traceback" not in bot.text


async def overwrite_book_club(fake: FakeDiscord, *overwrites: dict) -> None:
    """#book-club's permission overwrites changed (CHANNEL_UPDATE, as Discord sends it to every member)."""
    await fake.overwrite_channel(BOOK_CLUB_ID, *overwrites)


async def test_mentions_where_the_bot_may_not_send_spend_no_question_and_log_once(fake, bot):
    """Discord refuses an answer where the bot lost Send Messages: its question was searched for nothing, and spent
    its asker's budget, whose next question elsewhere was told to wait. The gateway's cache says so first, with no
    request. Where only @everyone lost it and the bot's own overwrite gives it back, it answers as before."""
    send = str(1 << 11)
    bot_member = {"id": str(BOT_USER["id"]), "type": 1}
    everyone = {"id": str(GUILD_ID), "type": 0, "allow": "0", "deny": send}
    reader = fake.person()
    try:
        await overwrite_book_club(fake, everyone, bot_member | {"allow": send, "deny": "0"})
        allowed = await reply_to(fake, f"{MENTION} where was sofia born", BOOK_CLUB_ID, mentions=[BOT_USER])
        assert "Sofia" in allowed["embeds"][0]["title"]

        await overwrite_book_club(fake, everyone, bot_member | {"allow": "0", "deny": send})
        start, mark = len(bot.text), len(fake.calls)
        for _ in range(6):  # more than the budget of five
            await fake.send_message(
                f"{MENTION} where was sofia born", channel_id=BOOK_CLUB_ID, author=reader, mentions=[BOT_USER]
            )
        answered = await reply_to(fake, f"{MENTION} where was sofia born", author=reader, mentions=[BOT_USER])
        assert "Sofia" in answered["embeds"][0]["title"]  # not told to wait
        assert not [c for c in fake.calls[mark:] if str(BOOK_CLUB_ID) in c.path]  # no answer, no typing tried
        assert bot.text[start:].count(f"Not answering in channel {BOOK_CLUB_ID}") == 1
    finally:
        await overwrite_book_club(fake)


async def test_an_answer_where_the_bot_may_not_embed_is_sent_as_its_text(fake, bot):
    """Where a channel's overwrite takes Embed Links from @everyone, Discord takes the bot's message but drops its
    embed: an answer arrived blank but for its buttons. There it is written as text, an edited question's answer
    too; where the bot's own overwrite gives Embed Links back, it is an embed again."""
    everyone = {"id": str(GUILD_ID), "type": 0, "allow": "0", "deny": str(EMBED_LINKS)}
    bot_member = {"id": str(BOT_USER["id"]), "type": 1, "allow": str(EMBED_LINKS), "deny": "0"}

    async def shown(after: int) -> dict:
        """The bot's message in #book-club after the id `after`, as Discord keeps it (and shows it)."""
        return await fake.wait_for(
            lambda: next(
                (m for m in fake.messages.values() if m["channel_id"] == str(BOOK_CLUB_ID) and int(m["id"]) > after),
                None,
            )
        )

    try:
        await overwrite_book_club(fake, everyone)
        floor = fake.new_id()
        await fake.send_message(f"{MENTION} Where was Sébastien born?", channel_id=BOOK_CLUB_ID, mentions=[BOT_USER])
        answer = await shown(floor)
        assert answer["embeds"] == []
        text = answer["content"]
        assert text.startswith("**Sébastien Kalmurzaeva: The Violinist of Moscow**\n")
        assert "**Born** in Moscow" in text and "**Passage**\n1 of 6" in text
        assert text.endswith("-# Q: Where was Sébastien born?") and len(text) <= MESSAGE_LIMIT
        assert answer["components"][0]["components"][0]["label"] == "More results"

        mark = await fake.edit_message(fake.last_posted(), content=f"{MENTION} how old is sofia")
        await fake.wait_for_call("PATCH", rf"/channels/{BOOK_CLUB_ID}/messages/{answer['id']}", after=mark)
        edited = fake.messages[int(answer["id"])]
        assert edited["embeds"] == [] and "Sofia" in edited["content"]
        assert edited["content"].endswith("-# Q: how old is sofia")

        await overwrite_book_club(fake, everyone, bot_member)
        floor = fake.new_id()
        await fake.send_message(f"{MENTION} Where was Sébastien born?", channel_id=BOOK_CLUB_ID, mentions=[BOT_USER])
        embedded = await shown(floor)
        assert embedded["content"] == "" and "Sébastien" in embedded["embeds"][0]["title"]
    finally:
        await overwrite_book_club(fake)


async def test_a_locked_thread_gets_no_answer_and_an_open_one_does(fake, bot):
    """A locked thread takes messages only from those with Manage Threads, which the bot was not given: a question
    there is not searched. The same thread open is answered."""
    said = message_payload(fake.new_id(), CHANNEL_ID, fake.person(), "a book club thread")
    thread = await fake.start_thread(said, "book talk")
    opened = await reply_to(fake, f"{MENTION} where was sofia born", thread, mentions=[BOT_USER])
    assert "Sofia" in opened["embeds"][0]["title"]
    metadata = {"archived": False, "auto_archive_duration": 1440, "archive_timestamp": NOW, "locked": True}
    locked = {"id": str(thread), "guild_id": str(GUILD_ID), "parent_id": str(CHANNEL_ID), "owner_id": str(USER_ID)}
    await fake.dispatch("THREAD_UPDATE", locked | {"name": "book talk", "type": 11, "thread_metadata": metadata})
    mark = len(fake.calls)
    await fake.send_message(f"{MENTION} where was sofia born", channel_id=thread, mentions=[BOT_USER])
    answered = await reply_to(fake, f"{MENTION} where was sofia born", mentions=[BOT_USER])
    assert "Sofia" in answered["embeds"][0]["title"]
    assert not [c for c in fake.calls[mark:] if str(thread) in c.path]
