"""One read for the callers asking for one thing at once, its cancellation theirs only once all have left."""

from __future__ import annotations

import asyncio
import functools

from bot.state.shared_reads import SharedReads


async def test_callers_asking_at_once_share_one_read_and_later_ones_read_again():
    started: list[str] = []
    gate = asyncio.Event()

    async def start(key: str) -> str:
        started.append(key)
        await gate.wait()
        return key.upper()

    reads: SharedReads[str, str] = SharedReads()
    crowd = [asyncio.ensure_future(reads.read(key, functools.partial(start, key))) for key in ("a", "a", "b", "a")]
    await asyncio.sleep(0)
    gate.set()
    assert await asyncio.gather(*crowd) == ["A", "A", "B", "A"]
    assert started == ["a", "b"]
    assert await reads.read("a", lambda: start("a")) == "A"
    assert started == ["a", "b", "a"]


async def test_a_read_is_cancelled_only_once_every_caller_left_and_none_joins_it_then():
    cancelled: list[None] = []

    async def start() -> int:
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            cancelled.append(None)
            raise
        return 0

    reads: SharedReads[str, int] = SharedReads()
    callers = [asyncio.ensure_future(reads.read("x", start)) for _ in range(2)]
    await asyncio.sleep(0)
    callers[0].cancel()
    await asyncio.sleep(0.01)
    assert not cancelled and not callers[1].done()  # one caller gone: the read goes on for the other
    callers[1].cancel()
    await asyncio.gather(*callers, return_exceptions=True)
    assert reads.under_way("x") is None  # at once, before the cancel has ended the read
    await asyncio.sleep(0.01)
    assert cancelled == [None]


async def test_a_read_forgotten_is_not_joined_and_a_failure_reaches_every_caller():
    async def fails() -> int:
        await asyncio.sleep(0)
        raise LookupError("gone")

    reads: SharedReads[str, int] = SharedReads()
    first = asyncio.ensure_future(reads.read("x", fails))
    await asyncio.sleep(0)
    old = reads.under_way("x")
    reads.forget("x")
    second = asyncio.ensure_future(reads.read("x", fails))
    await asyncio.sleep(0)
    assert reads.under_way("x") is not old
    outcomes = await asyncio.gather(first, second, return_exceptions=True)
    assert all(isinstance(outcome, LookupError) for outcome in outcomes)
