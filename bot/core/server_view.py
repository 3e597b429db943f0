"""What one server searches: the owner's library and the server's shelf, as one library.

BM25Okapi's statistics (document frequencies, the average passage length, the passage count) are those
of everything the server can see, so its scores are exactly rank-bm25's over the two together: the
library's parts and the shelf's are joined (bot.core.library_join), sharing the library's arrays.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.core.analysis import Analyzer
from bot.core.build import parts_of_corpus
from bot.core.corpus import Corpus
from bot.core.index import BM25Params
from bot.core.library import StoryLibrary
from bot.core.library_join import join_parts
from bot.core.shelf_corpus import ShelfStoryText, shelf_corpus


def server_view(
    library: StoryLibrary | None, shelf: Sequence[ShelfStoryText], analyzer: Analyzer, params: BM25Params
) -> StoryLibrary | None:
    """The library (None when the server hides it) with the shelf's stories after its own; None when the
    server sees no story at all. With an empty shelf it is the library itself, shared by every such server."""
    if not shelf:
        return library
    stories = shelf_corpus(shelf)
    shelf_parts = parts_of_corpus(stories, analyzer, params)
    if library is None:
        return StoryLibrary.from_parts(shelf_parts, analyzer)
    if library.opened:  # a saved index keeps no raw term frequencies to join: the two built as one
        parts = parts_of_corpus(joined_corpus(library.corpus, stories), analyzer, params)
    else:  # the library's passages and index shared, not copied, and scored with the shelf's as one
        parts = join_parts([library.saved(), shelf_parts])
    return StoryLibrary.from_parts(parts, analyzer, library.min_match, library.reranker)


def joined_corpus(library: Corpus, shelf: Corpus) -> Corpus:
    """The two corpora as one, the shelf's stories and passages after the library's."""
    first, offset = len(library.passages), len(library.stories)
    stories = library.stories + tuple(replace(s, first_passage=s.first_passage + first) for s in shelf.stories)
    passages = (*library.passages, *(replace(p, story=p.story + offset) for p in shelf.passages))
    return Corpus(library.root, stories, passages, library.problems)
