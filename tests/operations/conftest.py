"""A library of the kinds of stories references must keep apart: titles that repeat, a name that only
looks like another, a long path, two people of one name in two stories."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.library import StoryLibrary

LONG_FOLDER = "shelves/" + "a-very-long-folder-name-for-old-stories/" * 3
STORIES = {
    "a/chapter.md": "# Chapter\n\nMaren Holt was a lighthouse keeper on the northern cape.\n\n"
    "Every evening Maren walked across the square to the lighthouse and lit the lamp.",
    "b/chapter.md": "# Chapter\n\nMaren Holt was a baker who kneaded the dough at dawn.\n\n"
    "Maren sold warm bread and honey cakes in the square.\n\nAt night the bakery was quiet.",
    "sofia-ballerina.md": "# Sofia\n\nSofia danced at the Bolshoi theatre every winter.\n\n"
    "Her mother sewed all of her costumes by hand.",
    "sofia-ballerin\u0430.md": "# Sofia\n\nAn impostor who never danced claimed the stage.\n\nNo one believed her.",
    "the-old-mill.md": "# The Old Mill\n\nThe miller Ada ground the wheat by the river.\n\n"
    "The mill wheel creaked all night long.",
    LONG_FOLDER + "the-glass-orchard.md": "# The Glass Orchard\n\nLina grew apples of glass in her orchard.\n\n"
    "Each apple rang like a bell in the wind.",
}


def write_stories(folder: Path, stories: dict[str, str]) -> Path:
    for path, text in stories.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text)
    return folder


@pytest.fixture(scope="module")
def lookalikes(tmp_path_factory: pytest.TempPathFactory) -> StoryLibrary:
    return StoryLibrary.load(write_stories(tmp_path_factory.mktemp("lookalikes"), STORIES))
