"""One small story, written into each format by the tests themselves (no downloads)."""

from __future__ import annotations

from pathlib import Path

from bot.core.corpus import load_corpus
from bot.core.library import StoryLibrary

TITLE = "The Lighthouse Keeper"
AUTHOR = "Ann Example"
CHAPTERS = {
    "Chapter One: The Storm": [
        "Maren kept the old lighthouse on the northern cape for forty years.",
        "Every winter night she lit the great lamp for the fishing boats that came home through the fog.",
    ],
    "Chapter Two: The Calm": [
        "When the sea was calm, Maren walked to the village of Skarvik to buy bread and lamp oil.",
        "The baker's daughter, Ilse, gave her a jar of cloudberry jam every autumn.",
    ],
}
LICENSE = (
    "This eBook is for the use of anyone anywhere in the United States and most other parts of the world "
    "at no cost and with almost no restrictions whatsoever. You may copy it, give it away or re-use it under "
    "the terms of the Project Gutenberg License included with this eBook or online at www.gutenberg.org."
)


def check_story(folder: Path, chapters: dict[str, list[str]] = CHAPTERS, title: str = TITLE) -> StoryLibrary:
    """The folder's one story has this title, these chapters and paragraphs, and answers through `ask`."""
    corpus = load_corpus(folder)
    assert corpus.problems == ()
    assert [story.title for story in corpus.stories] == [title]
    found: dict[str, list[str]] = {}
    for passage in corpus.passages:
        found.setdefault(passage.chapter or "", []).append(passage.text)
    assert found == chapters
    library = StoryLibrary.load(folder)
    answer = library.ask("What did Ilse give Maren every autumn?")
    assert answer.best is not None and "cloudberry jam" in answer.best.excerpt.text
    assert answer.best.story == title and answer.best.chapter == "Chapter Two: The Calm"
    return library
