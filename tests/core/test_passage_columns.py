"""A shelf story's passages and its view's kept as columns the cycle collector does not walk, read as the passages
they hold: a server's view holds no object per passage, whatever its length (bench/bench_heavy_stalls.py times the
full collections that walked them)."""

from __future__ import annotations

import gc

import pytest

from bot.core.analysis import Analyzer
from bot.core.corpus import Passage, PassageText
from bot.core.index import DEFAULT_PARAMS
from bot.core.passage_columns import ColumnPassages, StoryPassages
from bot.core.passage_table import text_and_story
from bot.core.server_view import server_view
from bot.core.shelf_corpus import ShelfStoryText
from bot.core.shelf_parts import shelf_parts
from bot.core.stored_text import pack_story, unpack_story
from tests.core.story_folder import tale

MOST = 2**30
PARAGRAPHS = 3_000


def long_story(story: int, name: str) -> ShelfStoryText:
    """A Markdown story of PARAGRAPHS passages under two chapters, read as its upload is, then stored and unpacked."""
    paragraphs = [f"The keeper of tower {n} lit the lamp at dusk." for n in range(PARAGRAPHS)]
    half = PARAGRAPHS // 2
    text = (
        "# The Towers\n\n## One\n\n"
        + "\n\n".join(paragraphs[:half])
        + "\n\n## Two\n\n"
        + "\n\n".join(paragraphs[half:])
    )
    read = ShelfStoryText.read(story, name, text.encode())
    return unpack_story(story, name, pack_story(read), MOST)


def tracked_passages() -> int:
    """How many passage objects the cycle collector walks at each full collection."""
    gc.collect()
    return sum(isinstance(found, Passage | PassageText) for found in gc.get_objects())


def test_a_shelf_and_its_views_hold_no_passage_the_cycle_collector_walks():
    """Each passage was an object of its own twice over (the story's PassageText, the view's Passage), 600,000 for a
    Word file of 21.6 million characters, all walked by every full collection while the event loop waited."""
    before = tracked_passages()
    shelf = [(1, long_story(1, "towers.md")), (2, ShelfStoryText.read(2, "tale.md", tale(2).encode()))]
    shelf.append((3, long_story(3, "more-towers.md")))
    analyzer = Analyzer()
    parts = shelf_parts(shelf, analyzer, DEFAULT_PARAMS)
    view = server_view(None, parts)
    fewer = shelf_parts([shelf[0], shelf[2]], analyzer, DEFAULT_PARAMS, parts)  # a run of some of a part's stories
    run_view = server_view(None, fewer)
    assert view is not None and run_view is not None
    assert len(view.corpus.passages) > 2 * PARAGRAPHS and len(run_view.corpus.passages) == 2 * PARAGRAPHS
    assert tracked_passages() == before
    assert not gc.is_tracked(shelf[0][1].passages.texts) and not gc.is_tracked(shelf[0][1].passages.chapters)
    assert view.ask("Who lit the lamp at dusk?").hits and run_view.ask("Who lit the lamp at dusk?").hits


def test_column_passages_read_as_the_passages_they_hold():
    stories = [long_story(0, "towers.md").passages, StoryPassages.of([PassageText(1, None, 0, "A lone passage.")])]
    stories.append(ShelfStoryText.read(2, "tale.md", tale(2).encode()).passages)
    plain = [
        Passage(
            story=story,
            number=number,
            text=p.text,
            paragraph=p.paragraph,
            chapter=p.chapter,
            chapter_number=p.chapter_number,
        )
        for story, passages in enumerate(stories)
        for number, p in enumerate(passages, start=1)
    ]
    columns = ColumnPassages(stories)
    assert list(columns) == plain and len(columns) == len(plain)
    for i in (0, PARAGRAPHS - 1, PARAGRAPHS, len(plain) - 1, -1):
        assert columns[i] == plain[i]
    assert columns[PARAGRAPHS].chapter is None and columns[PARAGRAPHS - 1].chapter == "Two"
    for start, stop in ((0, 5), (PARAGRAPHS - 2, PARAGRAPHS + 3), (PARAGRAPHS, PARAGRAPHS + 1), (7, 7), (-4, None)):
        span = columns[start:stop]
        assert list(span) == plain[start:stop] and len(span) == len(plain[start:stop])
        assert [text_and_story(span, i) for i in range(len(span))] == [(p.text, p.story) for p in plain[start:stop]]
    inner = columns[PARAGRAPHS - 10 : PARAGRAPHS + 5][8:12]
    assert list(inner) == plain[PARAGRAPHS - 2 : PARAGRAPHS + 2] and inner[-1] == plain[PARAGRAPHS + 1]
    assert list(columns[::700]) == plain[::700]
    with pytest.raises(IndexError):
        columns[len(plain)]
    with pytest.raises(IndexError):
        text_and_story(columns[3:5], 2)
