"""pytest-asyncio's loops end although a task left takes a cancel and waits again (tests/asyncio_leftovers.py)."""

import pytest

from tests.conftest import CORPUS

ROOT = CORPUS.parent
STUBBORN = """
import asyncio

import pytest

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_leaves_a_close_that_waits_again_once_cancelled():
    async def closing():  # as aiosqlite's close under SQLAlchemy: cancelled, it awaits a stop no thread answers
        try:
            await asyncio.Event().wait()
        finally:
            await asyncio.get_running_loop().create_future()

    asyncio.ensure_future(closing())
    await asyncio.sleep(0)
"""


def test_a_module_s_loop_ends_although_a_task_left_waits_again_once_cancelled(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makepyfile(test_stubborn=STUBBORN)
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    run = pytester.runpytest_subprocess("-p", "tests.asyncio_leftovers", "-p", "no:cacheprovider", timeout=60)
    run.assert_outcomes(passed=1)
    assert "task(s) that would not end" not in run.stdout.str() + run.stderr.str()
