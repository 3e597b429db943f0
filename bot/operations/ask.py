"""Asking: the best passages for a question, in every story or in one, each with its story's reference; or, for
a message that asks the bot itself ("help", "which stories do you have?"), which request it is, unsearched.

Ranking a large library takes milliseconds to seconds, so a front end with an event loop asks in a
thread (`ask_in_thread`); the command line asks in place (`ask`).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Hashable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.core.answer import Answer, Hit, NoAnswer
from bot.core.bot_requests import BotRequest, request_to_bot
from bot.core.library import ALTERNATIVES, MAX_QUESTION_CHARS, StoryLibrary
from bot.core.story_ids import story_id
from bot.operations.story_ref import StoryRef, story_position, story_version

ANSWERS_SHOWN = 1 + ALTERNATIVES
"""The best passage and the alternatives named under it."""

RANKING_THREADS = max(1, (os.cpu_count() or 2) - 1)
RANKING = ThreadPoolExecutor(max_workers=RANKING_THREADS, thread_name_prefix="storybot-ranking")
"""Ranking threads: one per core but one, which the event loop keeps. Ranking holds the GIL for most of its
time, and each runnable thread makes the loop wait longer for it: with asyncio's default pool (6 threads
on 2 cores) a burst of 500 /ask over 30,000 passages took up to 1.5-1.8 s to acknowledge, with one thread
0.2-0.6 s (bench/bench_interactions.py, docs/speed.md). The crowd's answers come a little later; after the
acknowledgement they have 15 minutes."""
QUEUED_PER_ASKER = 2
"""Questions of one server (or one person's DMs) in the ranking queue at once; the rest wait their turn on the
event loop. The queue was first come, first served: one server's crowd of questions (hundreds, from a raid of its
accounts under a budget its managers raised) held every other server's question behind them all."""
_turns: dict[Hashable, tuple[asyncio.Semaphore, int]] = {}
"""Each asker's turns in the ranking queue, and how many of its questions hold or wait for one."""


@dataclass(frozen=True, kw_only=True)
class Asked:
    answer: Answer
    """The passages found, best first, or why there are none (Answer.reason)."""
    stories: tuple[StoryRef, ...]
    """The story of each of answer.hits, in the same order."""
    scope: StoryRef | None = None
    """The one story searched, when the answer kept to it."""
    request: BotRequest | None = None
    """What the message asks of the bot itself, when it is no question about the stories: nothing was searched,
    and answer has no passages and no reason (its example is a name to ask about)."""


def ask(
    library: StoryLibrary,
    question: str,
    *,
    story: StoryRef | None = None,
    offset: int = 0,
    count: int = ANSWERS_SHOWN,
) -> Asked:
    """The best `count` passages after the first `offset`, within `story` if given. A story this library no
    longer has finds nothing (NoAnswer.NO_MATCH, in its title), never another story's passages. A message asking
    the bot itself is its request (Asked.request) rather than searched, when first asked (offset 0: a question
    asked again for more of its passages is a question)."""
    request = asks_the_bot(question) if offset == 0 else None
    if request is not None:
        return Asked(
            answer=Answer(question=question, hits=(), example=library.example_person()), stories=(), request=request
        )
    position = None if story is None else story_position(library, story)
    if story is not None and position is None:
        answer = Answer(
            question=question, hits=(), reason=NoAnswer.NO_MATCH, example=library.example_name(), scope=story.title
        )
    else:
        answer = library.ask(question, count, offset, position)
    refs = tuple(_hit_story(library, hit) for hit in answer.hits)
    return Asked(answer=answer, stories=refs, scope=story if answer.scope is not None else None)


async def ask_in_thread(
    library: StoryLibrary,
    question: str,
    *,
    story: StoryRef | None = None,
    offset: int = 0,
    queue: Hashable | None = None,
) -> Asked:
    """`ask` in a ranking thread: never on the event loop. `queue` names who asks (a server, a person's DMs):
    each one's questions take turns with everyone else's (QUEUED_PER_ASKER)."""
    loop = asyncio.get_running_loop()
    async with _turn(queue):
        return await loop.run_in_executor(RANKING, lambda: ask(library, question, story=story, offset=offset))


async def among_results(
    library: StoryLibrary, question: str, *, scope: StoryRef | None, story: str, number: int, queue: Hashable | None
) -> bool | None:
    """Whether passage `number` of the story with id `story` is one the question's answers show (within `scope`, if
    given), ranked again in a ranking thread: a vote's button names its passage, and a modified client any passage.
    None when the saved index is damaged (library.damage says how)."""
    position = library.story_finder.by_id(story)
    scoped = None if scope is None else story_position(library, scope)
    if position is None or (scope is not None and scoped is None):
        return False
    found = library.corpus.stories[position]
    if not 1 <= number <= found.passage_count:
        return False
    loop = asyncio.get_running_loop()
    async with _turn(queue):
        results = await loop.run_in_executor(RANKING, lambda: library.results(question, scoped))
    return None if results is None else found.first_passage + number - 1 in results


@asynccontextmanager
async def _turn(queue: Hashable | None) -> AsyncIterator[None]:
    """One of the asker's QUEUED_PER_ASKER places in the ranking queue, held while its question is ranked."""
    if queue is None:
        yield
        return
    gate, waiting = _turns.get(queue) or (asyncio.Semaphore(QUEUED_PER_ASKER), 0)
    _turns[queue] = (gate, waiting + 1)
    try:
        async with gate:
            yield
    finally:
        gate, waiting = _turns[queue]
        if waiting == 1:
            del _turns[queue]  # nothing of this asker left: its gate goes (and with it, the loop it was used on)
        else:
            _turns[queue] = (gate, waiting - 1)


async def follow_up(library: StoryLibrary, question: str, story: StoryRef, *, queue: Hashable | None = None) -> Asked:
    """A question about an answer's story (or a channel's): searched in that story first, and in every
    story when that finds nothing."""
    asked = await ask_in_thread(library, question, story=story, queue=queue)
    if asked.answer.best is None and asked.answer.reason is NoAnswer.NO_MATCH:
        return await ask_in_thread(library, question, queue=queue)
    return asked


def asks_something(library: StoryLibrary, text: str) -> bool:
    """Whether the text has any word to search for (a question), rather than only small talk ("thanks!"). A text
    longer than a question may be asks something without being read (the answer says it is too long): the bot
    asks this on the event loop of every message it may read, and 4,000 characters of Chinese took 23 ms."""
    return len(text) > MAX_QUESTION_CHARS or bool(library.analyzer.terms(text))


def asks_the_bot(text: str) -> BotRequest | None:
    """What the whole text asks of the bot itself (help, the stories, a hello, thanks), or None for a question
    about the stories. It costs a few comparisons, so a front end may ask it before spending a question."""
    return request_to_bot(text)


def _hit_story(library: StoryLibrary, hit: Hit) -> StoryRef:
    return StoryRef(
        id=story_id(hit.path),
        title=hit.story,
        path=hit.path,
        passages=hit.passage_count,
        title_shared=hit.story in library.story_finder.shared_titles,
        version=story_version(library, hit.path),
    )
