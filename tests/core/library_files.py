"""A library of chosen story files (the bundled ones, the bench's plot summaries) copied into a test's folder, for
the tests asking a rule's question of real stories through the whole library."""

from __future__ import annotations

from pathlib import Path

from bot.core.library import StoryLibrary


def library_of(tmp_path: Path, *stories: Path) -> StoryLibrary:
    """The library of copies of `stories` in `tmp_path`."""
    for story in stories:
        (tmp_path / story.name).write_bytes(story.read_bytes())
    return StoryLibrary.load(tmp_path)


def assert_answered_in_both_scopes(library: StoryLibrary, question: str, said: str) -> None:
    """That the question's first answer quotes `said`, asked of the whole library and of the story it answers from."""
    answer = library.ask(question, count=1)
    assert answer.best is not None and said in answer.best.excerpt.text, question
    story = next(number for number, story in enumerate(library.corpus.stories) if story.path == answer.best.path)
    scoped = library.ask(question, count=1, story=story)
    assert scoped.best is not None and said in scoped.best.excerpt.text, question
