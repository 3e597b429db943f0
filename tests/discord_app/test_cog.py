"""What the extensions share: story autocomplete, matched off the event loop."""

from __future__ import annotations

import asyncio
import threading

import pytest

from bot.core.library import StoryLibrary
from bot.discord_app.autocomplete import AutocompleteTime
from bot.discord_app.cog import story_choices


async def test_story_autocomplete_matches_in_a_thread_while_the_loop_turns(tmp_path, monkeypatch: pytest.MonkeyPatch):
    # Matched on the event loop, what was typed was looked for in every title, then fuzzily: 0.24 s a keystroke of
    # 100 characters among 20,000 stories, every server's questions and Discord's heartbeat waiting. Here the
    # matching waits for the loop to turn, which it could never do while the loop ran it.
    (tmp_path / "mill.md").write_text("# The Mill\n\nThe miller sang.")
    (tmp_path / "weir.md").write_text("# The Weir\n\nOttilie opened the weir.")
    library = StoryLibrary.load(tmp_path)
    finder = library.story_finder
    complete = finder.complete
    loop_turned = threading.Event()

    def complete_once_the_loop_turned(prefix: str, limit: int) -> list[int]:
        assert loop_turned.wait(10), "the loop did not turn while stories were matched"
        return complete(prefix, limit)

    monkeypatch.setattr(finder, "complete", complete_once_the_loop_turned)
    asyncio.get_running_loop().call_soon(loop_turned.set)
    choices = await story_choices(library, "mil", AutocompleteTime(20.0))
    assert [choice.name for choice in choices] == ["The Mill"]
