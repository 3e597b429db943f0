from pathlib import Path

import pytest

from bot.core.library import StoryLibrary

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="session")
def library() -> StoryLibrary:
    return StoryLibrary.load(CORPUS)
