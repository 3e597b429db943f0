"""The best passage a library finds for a question, for tests that expect one."""

from bot.core.answer import Hit
from bot.core.library import StoryLibrary


def best_hit(library: StoryLibrary, question: str) -> Hit:
    """Fails the test when the library finds no passage for the question."""
    best = library.ask(question).best
    assert best is not None, f"no passage for {question!r}"
    return best
