"""The one way a library is opened from settings: by the command line, the console, eval and the bot."""

from __future__ import annotations

from bot.core.analysis import Analyzer
from bot.core.index import DEFAULT_PARAMS, BM25Params
from bot.core.library import StoryLibrary
from bot.core.saved_index import IndexStore
from bot.settings import Settings


def index_store(settings: Settings) -> IndexStore | None:
    """Where the settings say saved indexes live; None when they are off."""
    return IndexStore(settings.index) if settings.index is not None else None


def open_library(
    settings: Settings,
    params: BM25Params = DEFAULT_PARAMS,
    analyzer: Analyzer | None = None,
    *,
    progress: bool = False,
) -> StoryLibrary:
    """The settings' corpus: its saved index when that matches, else built (and saved when large).

    Raises CorpusError when the folder holds no usable story. Each file is read within the time an upload's reading
    is given (STORYBOT_UPLOAD_SECONDS): one past it is skipped, and named.
    """
    store = index_store(settings)
    seconds = settings.upload_seconds
    return StoryLibrary.load(
        settings.corpus, params, store, progress=progress, analyzer=analyzer, reading_seconds=seconds
    )
