"""What one server searches: the owner's library and the server's shelf, as one library.

BM25Okapi's statistics (document frequencies, the average passage length, the passage count) are those
of everything the server can see, so its scores are exactly rank-bm25's over the two together: the
library's parts and the shelf's runs (bot.core.shelf_parts) are joined (bot.core.library_join), sharing
the library's arrays and the shelf's parts kept from its last change.
"""

from __future__ import annotations

from bot.core.library import StoryLibrary
from bot.core.library_join import join_parts
from bot.core.shelf_parts import ShelfParts


def server_view(library: StoryLibrary | None, shelf: ShelfParts) -> StoryLibrary | None:
    """The library (None when the server hides it) with the shelf's stories after its own; None when the
    server sees no story at all. With an empty shelf it is the library itself, shared by every such server."""
    shelf_parts = shelf.parts()
    if not shelf_parts:
        return library
    if library is None:
        return StoryLibrary.from_parts(join_parts(shelf_parts), shelf.analyzer)
    # The library's passages and index shared, not copied (in memory, or its saved segments), and scored
    # with the shelf's as one.
    parts = join_parts([library.parts(), *shelf_parts])
    return StoryLibrary.from_parts(parts, shelf.analyzer, library.min_match, library.reranker)
