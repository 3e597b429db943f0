import asyncio
import dataclasses
import threading

from bot.core import analysis
from bot.core.answer import NoAnswer
from bot.core.bot_requests import BotRequest
from bot.core.library import MAX_QUESTION_CHARS
from bot.core.story_ids import story_id
from bot.operations.ask import (
    ANSWERS_SHOWN,
    RANKING,
    RANKING_THREADS,
    ask,
    ask_in_thread,
    asks_something,
    asks_the_bot,
    follow_up,
)
from bot.operations.resolve_story import story_by_path
from tests.steps import lines_run_in


def test_each_hit_comes_with_its_story(lookalikes):
    asked = ask(lookalikes, "Where did Maren Holt work?")
    assert asked.answer.best is not None and asked.scope is None
    assert len(asked.stories) == len(asked.answer.hits) <= ANSWERS_SHOWN
    for hit, story in zip(asked.answer.hits, asked.stories, strict=True):
        assert story == story_by_path(lookalikes, hit.path) and story.id == story_id(hit.path)
    assert {s.path for s in asked.stories} >= {"a/chapter.md", "b/chapter.md"}


def test_a_question_kept_to_one_story_finds_only_there(lookalikes):
    baker = story_by_path(lookalikes, "b/chapter.md")
    assert baker is not None
    asked = ask(lookalikes, "Maren lighthouse bread", story=baker)
    assert asked.scope == baker and {s.path for s in asked.stories} == {"b/chapter.md"}
    later = ask(lookalikes, "Maren lighthouse bread", story=baker, offset=1)
    assert later.answer.offset == 1 and later.answer.best != asked.answer.best


def test_a_story_no_longer_in_the_library_finds_nothing_not_another(lookalikes):
    mill = story_by_path(lookalikes, "the-old-mill.md")
    assert mill is not None
    removed = dataclasses.replace(mill, id=story_id("the-old-mill-returns.md"), title="The Old Mill Returns")
    asked = ask(lookalikes, "Who ground the wheat?", story=removed)
    assert asked.answer.reason is NoAnswer.NO_MATCH and asked.answer.scope == "The Old Mill Returns"
    assert asked.stories == () and asked.scope == removed


async def test_a_follow_up_searches_its_story_first_then_every_story(lookalikes):
    keeper = story_by_path(lookalikes, "a/chapter.md")
    assert keeper is not None
    first = await follow_up(lookalikes, "Who lit the lamp?", keeper)
    assert first.scope == keeper and first.stories[0] == keeper
    elsewhere = await follow_up(lookalikes, "Who ground the wheat?", keeper)
    assert elsewhere.scope is None and elsewhere.stories[0].path == "the-old-mill.md"
    assert (await ask_in_thread(lookalikes, "Who ground the wheat?")) == elsewhere


async def test_one_servers_crowd_of_questions_does_not_hold_another_servers_question(lookalikes):
    """The ranking threads took questions first come, first served: a server whose members (or a raid of its
    accounts, under a budget its managers raised to 100 a second) sent questions by the hundred made every other
    server's question wait behind them all. Each server has a few in the ranking queue at a time, so another
    server's question is ranked after those few."""
    busy = threading.Event()
    blockers = [RANKING.submit(busy.wait) for _ in range(RANKING_THREADS)]  # every ranking thread busy
    done: list[str] = []

    async def asked(server: int, label: str) -> None:
        await ask_in_thread(lookalikes, "Who ground the wheat?", queue=server)
        done.append(label)

    crowd = [asyncio.create_task(asked(1, f"crowd {n}")) for n in range(20)]
    other = asyncio.create_task(asked(2, "other server"))
    for _ in range(3):  # every question asked, waiting for the busy ranking threads
        await asyncio.sleep(0)
    busy.set()
    await asyncio.gather(*crowd, other, *(asyncio.wrap_future(b) for b in blockers))
    assert done.index("other server") < 10, done


def test_small_talk_asks_nothing(lookalikes):
    assert asks_something(lookalikes, "who ground the wheat")
    assert not asks_something(lookalikes, "thanks!")


def test_a_message_longer_than_a_question_is_not_analysed_to_tell_small_talk(lookalikes):
    # The bot asks this of every message it may read, on its event loop, before any budget: a 4,000-character
    # message of Chinese was analysed whole (12,000 steps, 23 ms). Longer than a question may be, it is one, and
    # the answer says it is too long.
    long, steps = lines_run_in(analysis.__file__, lambda: asks_something(lookalikes, "的" * 4000))
    assert long and steps == 0
    assert not asks_something(lookalikes, ("thanks! " * 200)[:MAX_QUESTION_CHARS])


def test_a_message_asking_the_bot_itself_is_its_request_unsearched(lookalikes):
    asked = ask(lookalikes, "Which stories do you have?")
    assert asked.request is BotRequest.LIST_STORIES
    assert asked.answer.hits == () and asked.answer.reason is None and asked.stories == ()
    assert asked.answer.example == lookalikes.example_name()
    keeper = story_by_path(lookalikes, "a/chapter.md")
    assert keeper is not None and ask(lookalikes, "help", story=keeper).request is BotRequest.HELP
    assert asks_the_bot("thanks!") is BotRequest.THANKS and asks_the_bot("Who ground the wheat?") is None


def test_a_question_is_searched_with_no_request(lookalikes):
    asked = ask(lookalikes, "Who ground the wheat?")
    assert asked.request is None and asked.answer.best is not None
    # Asked again for its further passages, a message is a question: only what is first asked is a request.
    assert ask(lookalikes, "help", offset=1).request is None
