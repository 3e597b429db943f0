"""A large library's analysis kept on disk, so restarting over unchanged stories takes seconds.

The cache is keyed by every story file's path, size and modification time, the analysis and the
BM25 parameters: any change to the stories or the settings rebuilds it. It is a pickle the bot
writes for itself in the owner's cache folder; a file that cannot be read is rebuilt, and a folder
that cannot be written only costs the next start its speed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from bot.core.analysis import Analyzer
from bot.core.corpus import story_files
from bot.core.index import BM25Params

log = logging.getLogger(__name__)

CACHE_VERSION = 2
MIN_CACHED_PASSAGES = 20_000
"""Smaller libraries build in a few seconds: not worth a file on disk."""


def default_cache_folder() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "storybot"


class LibraryCache:
    def __init__(self, folder: Path, min_passages: int = MIN_CACHED_PASSAGES):
        self.folder = folder
        self.min_passages = min_passages

    def key(self, root: Path, analyzer: Analyzer, params: BM25Params) -> str:
        digest = hashlib.sha256(f"{CACHE_VERSION}|{analyzer.signature}|{params!r}".encode())
        for path in story_files(root).paths:
            try:
                stat = path.stat()
                state = f"{stat.st_size}:{stat.st_mtime_ns}"
            except OSError as error:
                state = f"unreadable:{error.errno}"
            digest.update(f"{path.relative_to(root).as_posix()}\0{state}\n".encode())
        return digest.hexdigest()

    def path_for(self, root: Path) -> Path:
        name = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:20]
        return self.folder / f"{name}.pickle"

    def load(self, root: Path, key: str) -> Any | None:
        """What `store` saved for this corpus under this key, or None."""
        path = self.path_for(root)
        try:
            with path.open("rb") as file:
                stored_key, value = pickle.load(file)
        except FileNotFoundError:
            return None
        except Exception as error:  # a cache file is only ever a shortcut: anything wrong means rebuild
            log.warning("Ignoring the library cache %s (%s); rebuilding it.", path, error)
            return None
        if stored_key != key:
            return None
        log.info("Loaded the analysed library from the cache %s.", path)
        return value

    def store(self, root: Path, key: str, value: Any, passages: int) -> None:
        if passages < self.min_passages:
            return
        path = self.path_for(root)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.folder, suffix=".tmp", delete=False) as file:
                pickle.dump((key, value), file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(file.name, path)
        except OSError as error:
            log.warning(
                "Could not write the library cache in %s (%s); the next start will rebuild it.", self.folder, error
            )
