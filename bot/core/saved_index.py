"""A library's index saved on disk as data: numpy arrays (memory-mapped when opened) and JSON.

The folder holds a manifest (format version, the corpus key that says which stories and settings it
was built from, and each file's size and checksum), the passages as arrays plus one block of text,
both indexes' posting arrays, and JSON for stories, people and the speller's words. Nothing in it is
code: no pickle. An index is opened only if everything checks out: the format, the key, every
file's size and checksum, and that the current user owns the folder and its files and no one else
may write them. Anything else means "rebuild", never "trust".
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import TypedDict

import numpy as np
from platformdirs import user_cache_path

from bot.core.analysis import Analyzer
from bot.core.corpus import Corpus, Story, story_files
from bot.core.index import BM25Index, BM25Params
from bot.core.library_parts import LibraryParts
from bot.core.passage_table import PassageTable
from bot.core.performers import Performer, PerformerDirectory
from bot.core.spelling import SpellingCorrector
from bot.core.text_store import TextStore

log = logging.getLogger(__name__)

FORMAT = 1
MIN_SAVED_PASSAGES = 20_000
"""Smaller libraries build in a few seconds: saved only when asked (`python -m bot index`)."""
MANIFEST = "manifest.json"
META = "library.json"
PASSAGE_ARRAYS = ("story", "number", "paragraph", "chapter", "chapter_number")
TEXT_ARRAYS = ("block_first", "block_offsets", "starts", "ends", "data")


def default_index_folder() -> Path:
    """The user's cache directory (on Linux ~/.cache/storybot/index): an index can always be rebuilt."""
    return user_cache_path("storybot", appauthor=False) / "index"


class FileRecord(TypedDict):
    bytes: int
    blake2b: str


class IndexStore:
    def __init__(self, base: Path, min_passages: int = MIN_SAVED_PASSAGES):
        self.base = base
        self.min_passages = min_passages

    def folder_for(self, root: Path) -> Path:
        return self.base / hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:20]

    def has_index(self, root: Path) -> bool:
        return (self.folder_for(root) / MANIFEST).exists()

    def saved_key(self, root: Path) -> str | None:
        """The key the saved index of this corpus was built for (unchecked otherwise), if any."""
        try:
            return str(json.loads((self.folder_for(root) / MANIFEST).read_text("utf-8"))["key"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    @staticmethod
    def key(root: Path, analyzer: Analyzer, params: BM25Params) -> str:
        """Which stories, as found on disk, and which settings: any change means a different key.

        A file's size, modification and status-change times stand for its content (chmod changes
        the last, so a story that became readable or unreadable counts as changed), and what the
        walk passed over (an unreadable folder, a link) counts too.
        """
        found = story_files(root)
        digest = hashlib.sha256(f"{FORMAT}|{analyzer.signature}|{params!r}".encode())
        for path in found.paths:
            try:
                info = path.stat()
                state = f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"
            except OSError as error:
                state = f"unreadable:{error.errno}"
            digest.update(f"{path.relative_to(root).as_posix()}\0{state}\n".encode())
        digest.update("\n".join(found.problems).encode())
        return digest.hexdigest()

    def open(self, root: Path, key: str, params: BM25Params) -> LibraryParts | None:
        """The saved library for these stories and settings, or None (saying why, when one was there)."""
        folder = self.folder_for(root)
        if not (folder / MANIFEST).exists():
            return None
        try:
            manifest = self._checked_manifest(folder, key)
            if manifest is None:
                log.info("The stories or settings changed since the index in %s was saved; rebuilding it.", folder)
                return None
            return self._read(folder, root, manifest, params)
        except (OSError, ValueError, KeyError, TypeError, json.JSONDecodeError) as error:
            log.warning("Not using the saved index in %s: %s. Rebuilding it.", folder, error)
            return None

    def save(self, root: Path, key: str, saved: LibraryParts, force: bool = False, analysis: str = "") -> Path | None:
        """Writes the library beside the others, replacing this corpus's old index whole; None if too
        small to be worth it (unless forced) or the folder cannot be written (said in the log)."""
        if len(saved.corpus.passages) < self.min_passages and not force:
            return None
        folder = self.folder_for(root)
        try:
            self.base.mkdir(parents=True, exist_ok=True, mode=0o700)
            staging = Path(tempfile.mkdtemp(prefix=".new-", dir=self.base))
            self._write(staging, key, saved, analysis)
            if folder.exists():
                retired = Path(tempfile.mkdtemp(prefix=".old-", dir=self.base))
                os.replace(folder, retired / "index")
                os.replace(staging, folder)
                shutil.rmtree(retired, ignore_errors=True)
            else:
                os.replace(staging, folder)
        except OSError as error:
            log.warning("Could not save the index in %s (%s); the next start will rebuild it.", self.base, error)
            return None
        return folder

    # -- writing ------------------------------------------------------------------------------

    def _write(self, folder: Path, key: str, saved: LibraryParts, analysis: str = "") -> None:
        corpus = saved.corpus
        table = corpus.passages if isinstance(corpus.passages, PassageTable) else PassageTable.of(corpus.passages)
        arrays = {f"passage_{name}": getattr(table, name) for name in PASSAGE_ARRAYS}
        arrays |= {f"text_{name}": getattr(table.texts, name) for name in TEXT_ARRAYS}
        arrays |= {f"index_{name}": array for name, array in saved.index.arrays().items()}
        arrays |= {f"story_index_{name}": array for name, array in saved.story_index.arrays().items()}
        for name, array in arrays.items():
            np.save(folder / f"{name}.npy", np.ascontiguousarray(array), allow_pickle=False)
        meta = {
            "root": str(corpus.root),
            "stories": [[s.title, s.path, s.first_passage, s.passage_count] for s in corpus.stories],
            "problems": list(corpus.problems),
            "chapters": list(table.chapters),
            "terms": saved.index.terms(),
            "performers": [dataclasses.asdict(p) for p in saved.performers.performers],
            "speller": {
                "words": saved.speller.words,
                "terms": saved.speller.terms,
                "doc_freq": saved.speller.doc_freq,
            },
            "fingerprints": saved.fingerprints,
        }
        (folder / META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        files = {path.name: _record(path) for path in sorted(folder.iterdir())}
        manifest = {
            "format": FORMAT,
            "key": key,
            "analysis": analysis,
            "bm25": dataclasses.asdict(saved.index.params),
            "corpus": str(saved.corpus.root.resolve()),
            "passages": len(saved.corpus.passages),
            "stories": len(saved.corpus.stories),
            "files": files,
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")

    # -- reading ------------------------------------------------------------------------------

    def _checked_manifest(self, folder: Path, key: str) -> dict | None:
        """The manifest once the folder and every file are trusted and intact; None for another key."""
        _require_trusted(folder)
        _require_trusted(folder / MANIFEST)
        manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
        if manifest.get("format") != FORMAT:
            raise ValueError(f"it is in format {manifest.get('format')!r}, not {FORMAT}")
        if manifest.get("key") != key:
            return None
        listed = set(manifest["files"])
        present = {path.name for path in folder.iterdir()} - {MANIFEST}
        if listed != present:
            raise ValueError(f"its files are not the ones its manifest lists ({sorted(listed ^ present)})")
        for name, expected in manifest["files"].items():
            path = folder / name
            _require_trusted(path)
            if _record(path) != expected:
                raise ValueError(f"{name} is damaged (its size or checksum is not the one saved)")
        return manifest

    def _read(self, folder: Path, root: Path, manifest: dict, params: BM25Params) -> LibraryParts:
        meta = json.loads((folder / META).read_text("utf-8"))

        def array(name: str) -> np.ndarray:
            return np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False)

        texts = TextStore(*(array(f"text_{name}") for name in TEXT_ARRAYS))
        table = PassageTable(
            *(array(f"passage_{name}") for name in PASSAGE_ARRAYS), texts=texts, chapters=tuple(meta["chapters"])
        )
        stories = tuple(Story(str(t), str(p), int(f), int(c)) for t, p, f, c in meta["stories"])
        corpus = Corpus(root, stories, table, tuple(meta["problems"]))
        terms = list(meta["terms"])
        names = BM25Index.ARRAY_NAMES
        index = BM25Index.from_arrays(terms, {n: array(f"index_{n}") for n in names}, params)
        story_index = BM25Index.from_arrays(terms, {n: array(f"story_index_{n}") for n in names}, params)
        if index.size != len(table) or story_index.size != len(stories):
            raise ValueError("its arrays do not agree on how many passages and stories there are")
        speller = SpellingCorrector(meta["speller"]["words"], meta["speller"]["terms"], meta["speller"]["doc_freq"])
        performers = PerformerDirectory(Performer(**p) for p in meta["performers"])
        return LibraryParts(corpus, index, story_index, performers, speller, dict(meta["fingerprints"]))


def _record(path: Path) -> FileRecord:
    with path.open("rb") as file:
        digest = hashlib.file_digest(file, "blake2b").hexdigest()
    return {"bytes": path.stat().st_size, "blake2b": digest}


def _require_trusted(path: Path) -> None:
    """Raises ValueError unless the current user owns the path, it is no link, and no one else may write it."""
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        raise ValueError(f"{path.name} is a link")
    if info.st_uid != os.geteuid():
        raise ValueError(f"{path.name} belongs to another user (uid {info.st_uid})")
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise ValueError(f"{path.name} may be written by other users")
