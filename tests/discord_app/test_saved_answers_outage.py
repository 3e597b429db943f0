"""A database that stops answering, under the real bot process on the fake Discord: answers are still given
and clicks say to try again; an answer that could not be kept says so when reopened. (Its own module: the
bot it starts must not take the shared one's connection.)"""

from __future__ import annotations

import pytest

from tests.discord_app.test_end_to_end import EPHEMERAL, fake
from tests.discord_app.test_reading import buttons, click
from tests.discord_app.test_reliability import TRY_AGAIN, started
from tests.discord_app.test_saved_answers import BUDGET, NOT_KEPT, QUESTION, asked

pytestmark = pytest.mark.asyncio(loop_scope="module")
__all__ = ["fake"]


async def test_a_database_that_does_not_answer_never_stops_an_answer_or_a_click(fake, postgresql_server):
    process = await started(
        fake, STORYBOT_DATABASE_URL=postgresql_server.new_database(), STORYBOT_QUESTION_BUDGET=BUDGET
    )
    try:
        asker = fake.person()
        kept_body, kept = await asked(fake, QUESTION, asker)
        postgresql_server.pause()
        try:
            seen = await click(fake, kept, buttons(kept_body)["Next ▶"], asker)
            assert seen["data"]["flags"] & EPHEMERAL and TRY_AGAIN in seen["data"]["content"]
            unsaved_body, unsaved = await asked(fake, "how old is sofia", asker)
            assert "Sofia" in unsaved_body["embeds"][0]["description"]  # shown, though it could not be kept
        finally:
            postgresql_server.resume()
        for label in ("Next ▶", "More results", "👍"):
            seen = await click(fake, unsaved, buttons(unsaved_body)[label], asker)
            assert seen["data"]["flags"] & EPHEMERAL and seen["data"]["content"].startswith(NOT_KEPT)
        onwards = await click(fake, kept, buttons(kept_body)["Next ▶"], asker)
        assert onwards["type"] == 7 and onwards["data"]["embeds"][0]["footer"]["text"] == f"Q: {QUESTION}"
    finally:
        assert await process.stop() == 0
    assert "Could not keep answer" in process.text and "Traceback" not in process.text
