from __future__ import annotations

import pytest

from bot.core.library import StoryLibrary
from tests.lookalike_stories import LOOKALIKES, write_stories


@pytest.fixture(scope="module")
def lookalikes(tmp_path_factory: pytest.TempPathFactory) -> StoryLibrary:
    """A library of the stories references must keep apart (tests/lookalike_stories.py)."""
    return StoryLibrary.load(write_stories(tmp_path_factory.mktemp("lookalikes"), LOOKALIKES))
