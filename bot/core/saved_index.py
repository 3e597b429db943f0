"""A library's index saved on disk as data: numpy arrays (memory-mapped when opened) and JSON.

The folder holds a manifest (format version, the corpus key that says which stories and settings it
was built from, and each file's size and checksum), the passages as arrays plus one block of text,
both indexes' posting arrays, and JSON for stories, people and the speller's words. Nothing in it is
code: no pickle. An index is opened only if everything checks out: the format, the key, every
file's size and checksum, and that the current user owns the folder and its files and no one else
may write them. Anything else means "rebuild", never "trust".

Indexes are a cache: nothing that goes wrong with them (a full disk, a folder shared with other
users, damage) stops a library from loading; it is said (IndexNote) and the library is built in
memory. A folder that others may write gets a subfolder per user. Saving writes beside the index
(.new-*, .old-*, and the build's .build-*), removes what it wrote whatever happens, and the next
load removes what a killed process left, unless a process is still at work there (a shared lock).
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import hashlib
import json
import logging
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TypedDict

import numpy as np
from platformdirs import user_cache_path

from bot.core.analysis import Analyzer
from bot.core.corpus import Corpus, Story, story_files
from bot.core.file_array import FileArray, SavedArray, WatchedFiles, save_array
from bot.core.index import BM25Index, BM25Params
from bot.core.index_notes import IndexEvent, IndexNote
from bot.core.library_parts import LibraryParts
from bot.core.passage_table import PassageTable
from bot.core.performers import Performer, PerformerDirectory
from bot.core.readers import reading_signature
from bot.core.spelling import SpellingCorrector
from bot.core.text_store import TextStore

log = logging.getLogger(__name__)

FORMAT = 2
"""2: the speller keeps every word form of a term, and the people finder finds side characters."""
MIN_SAVED_PASSAGES = 20_000
"""Smaller libraries build in a few seconds: saved only when asked (`python -m bot index`)."""
MANIFEST = "manifest.json"
META = "library.json"
PASSAGE_ARRAYS = ("story", "number", "paragraph", "chapter", "chapter_number")
TEXT_ARRAYS = ("block_first", "block_offsets", "starts", "ends", "data")
ON_FILE = frozenset({"docs", "tf_part", "doc_len"})
"""An index's arrays of one number per posting or per document, read as questions need them; its arrays
of one number per term are read whole when opened."""
LEFTOVERS = (".new-", ".old-", ".build-")
"""What saving and building write beside the indexes for a while."""
LOCK = ".lock"


def default_index_folder() -> Path:
    """The user's cache directory (on Linux ~/.cache/storybot/index): an index can always be rebuilt."""
    return user_cache_path("storybot", appauthor=False) / "index"


class FileRecord(TypedDict):
    bytes: int
    blake2b: str


class UntrustedIndex(ValueError):
    """The index is not the current user's alone: another user owns it, or others may write it."""


class IndexStore:
    def __init__(self, base: Path, min_passages: int = MIN_SAVED_PASSAGES):
        self.base = base
        self.min_passages = min_passages

    @property
    def home(self) -> Path:
        """Where this user's indexes live: the base folder, or, when it is shared (another user owns it,
        or others may write it, as /tmp), a subfolder of the user's own in it."""
        try:
            info = self.base.stat()
        except OSError:
            return self.base  # not there yet: created the user's own
        if info.st_uid != os.geteuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return self.base / f"user-{os.geteuid()}"
        return self.base

    def folder_for(self, root: Path) -> Path:
        return self.home / hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:20]

    def has_index(self, root: Path) -> bool:
        return os.path.exists(self.folder_for(root) / MANIFEST)  # False, not an error, when it cannot be seen

    def saved_key(self, root: Path) -> str | None:
        """The key the saved index of this corpus was built for (unchecked otherwise), if any."""
        try:
            return str(json.loads((self.folder_for(root) / MANIFEST).read_text("utf-8"))["key"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    @staticmethod
    def key(root: Path, analyzer: Analyzer, params: BM25Params) -> str:
        """Which stories, as found on disk, and which settings: any change means a different key.

        How files are read counts (the readers' version, the optional readers installed); a file's size,
        modification and status-change times stand for its content (chmod changes
        the last, so a story that became readable or unreadable counts as changed), and what the
        walk passed over (an unreadable folder, a link) counts too.
        """
        found = story_files(root)
        digest = hashlib.sha256(f"{FORMAT}|{reading_signature()}|{analyzer.signature}|{params!r}".encode())
        for path in found.paths:
            try:
                info = path.stat()
                state = f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"
            except OSError as error:
                state = f"unreadable:{error.errno}"
            digest.update(f"{path.relative_to(root).as_posix()}\0{state}\n".encode())
        digest.update("\n".join(found.problems).encode())
        return digest.hexdigest()

    def open(self, root: Path, key: str, params: BM25Params, notes: list[IndexNote]) -> LibraryParts | None:
        """The saved library for these stories and settings, or None (saying why in `notes` and the log,
        when one was there but could not be used)."""
        folder = self.folder_for(root)
        if not self.has_index(root):
            return None
        try:
            require_trusted(folder.parent)
            manifest = self._checked_manifest(folder, key)
            if manifest is None:
                log.info("The stories or settings changed since the index in %s was saved; rebuilding it.", folder)
                return None
            return self._read(folder, root, manifest, params)
        except UntrustedIndex as error:
            notes.append(IndexNote(IndexEvent.UNTRUSTED, str(error)))
        except (OSError, ValueError, KeyError, TypeError) as error:
            notes.append(IndexNote(IndexEvent.DAMAGED, str(error)))
        log.warning("Not using the saved index in %s: %s. Rebuilding it.", folder, notes[-1].detail)
        return None

    def save(
        self,
        root: Path,
        key: str,
        saved: LibraryParts,
        force: bool = False,
        analysis: str = "",
        *,
        notes: list[IndexNote],
    ) -> Path | None:
        """Writes the library beside the others, replacing this corpus's old index whole; None if too
        small to be worth it (unless forced) or it could not be written (said in `notes`).
        Whatever happens, nothing it wrote is left behind but the new index."""
        if len(saved.corpus.passages) < self.min_passages and not force:
            return None
        folder = self.folder_for(root)
        try:
            with self.in_use(), self._scratch(".new-") as staging:
                self._write(staging, key, saved, analysis)
                if not folder.exists():
                    os.replace(staging, folder)
                    return folder
                with self._scratch(".old-") as retired:
                    os.replace(folder, retired / "index")
                    try:
                        os.replace(staging, folder)
                    except OSError:
                        os.replace(retired / "index", folder)  # the old index stays where it was
                        raise
                return folder
        except OSError as error:
            notes.append(IndexNote(IndexEvent.NOT_SAVED, f"{error.strerror or error}: {self.home}"))
            return None

    @contextlib.contextmanager
    def in_use(self) -> Iterator[None]:
        """Held while building or saving here: `sweep` then leaves this process's folders alone."""
        with contextlib.ExitStack() as stack:
            try:
                self.home.mkdir(parents=True, exist_ok=True, mode=0o700)
                lock = stack.enter_context((self.home / LOCK).open("a"))
                fcntl.flock(lock, fcntl.LOCK_SH)
            except OSError:
                pass  # a folder that cannot be written: saving will say so
            yield

    def sweep(self) -> None:
        """Removes the folders that a save or a build which did not finish (a killed process) left, unless
        another process is at work here right now (then the next start does)."""
        try:
            with (self.home / LOCK).open("a") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                for path in self.home.iterdir():
                    info = path.lstat()
                    if path.name.startswith(LEFTOVERS) and stat.S_ISDIR(info.st_mode) and info.st_uid == os.geteuid():
                        log.info("Removing %s, left by a save that did not finish.", path)
                        shutil.rmtree(path, ignore_errors=True)
        except OSError:
            return  # no folder yet, not ours to write, or in use (BlockingIOError)

    @contextlib.contextmanager
    def _scratch(self, prefix: str) -> Iterator[Path]:
        """A new folder here, removed on the way out unless it was moved away."""
        self.home.mkdir(parents=True, exist_ok=True, mode=0o700)
        made = Path(tempfile.mkdtemp(prefix=prefix, dir=self.home))
        try:
            yield made
        finally:
            shutil.rmtree(made, ignore_errors=True)

    # -- writing ------------------------------------------------------------------------------

    def _write(self, folder: Path, key: str, saved: LibraryParts, analysis: str = "") -> None:
        corpus, index, story_index = saved.corpus, saved.index, saved.story_index
        if not (isinstance(index, BM25Index) and isinstance(story_index, BM25Index)):
            raise TypeError("only a library built as one index is saved whole")
        table = corpus.passages if isinstance(corpus.passages, PassageTable) else PassageTable.of(corpus.passages)
        arrays = {f"passage_{name}": getattr(table, name) for name in PASSAGE_ARRAYS}
        arrays |= {f"text_{name}": getattr(table.texts, name) for name in TEXT_ARRAYS}
        arrays |= {f"index_{name}": array for name, array in index.arrays().items()}
        arrays |= {f"story_index_{name}": array for name, array in story_index.arrays().items()}
        for name, array in arrays.items():
            save_array(folder / f"{name}.npy", array)
        meta = {
            "root": str(corpus.root),
            "stories": [[s.title, s.path, s.first_passage, s.passage_count] for s in corpus.stories],
            "problems": list(corpus.problems),
            "chapters": list(table.chapters),
            "terms": index.terms(),
            "performers": [dataclasses.asdict(p) for p in saved.performers.performers],
            "speller": {
                "words": saved.speller.words,
                "terms": saved.speller.terms,
                "doc_freq": saved.speller.doc_freq,
            },
            "fingerprints": saved.fingerprints,
        }
        (folder / META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        files = {path.name: file_record(path) for path in sorted(folder.iterdir())}
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
        require_trusted(folder)
        require_trusted(folder / MANIFEST)
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
            require_trusted(path)
            if file_record(path) != expected:
                raise ValueError(f"{name} is damaged (its size or checksum is not the one saved)")
        return manifest

    def _read(self, folder: Path, root: Path, manifest: dict, params: BM25Params) -> LibraryParts:
        meta = json.loads((folder / META).read_text("utf-8"))
        on_disk: list[FileArray] = []

        def whole(name: str) -> np.ndarray:
            """An array of one number per term or per block of passages: read whole, and checked, now."""
            return np.load(folder / f"{name}.npy", allow_pickle=False)

        def on_file(name: str) -> FileArray:
            """An array of one number per passage or per posting: read as questions need it."""
            on_disk.append(FileArray(folder / f"{name}.npy"))
            return on_disk[-1]

        def index_arrays(kind: str) -> dict[str, SavedArray]:
            return {name: (on_file if name in ON_FILE else whole)(f"{kind}_{name}") for name in BM25Index.ARRAY_NAMES}

        starts, ends, data = (on_file(f"text_{name}") for name in ("starts", "ends", "data"))
        texts = TextStore(whole("text_block_first"), whole("text_block_offsets"), starts, ends, data)
        story, number, paragraph, chapter, chapter_number = (on_file(f"passage_{name}") for name in PASSAGE_ARRAYS)
        table = PassageTable(
            story, number, paragraph, chapter, chapter_number, texts=texts, chapters=tuple(meta["chapters"])
        )
        stories = tuple(Story(str(t), str(p), int(f), int(c)) for t, p, f, c in meta["stories"])
        corpus = Corpus(root, stories, table, tuple(meta["problems"]))
        terms = list(meta["terms"])
        index = BM25Index.from_arrays(terms, index_arrays("index"), params)
        story_index = BM25Index.from_arrays(terms, index_arrays("story_index"), params)
        _require_consistent(table, stories, index, story_index)
        speller = SpellingCorrector(meta["speller"]["words"], meta["speller"]["terms"], meta["speller"]["doc_freq"])
        performers = PerformerDirectory(Performer(**p) for p in meta["performers"])
        return LibraryParts(
            corpus, index, story_index, performers, speller, dict(meta["fingerprints"]), WatchedFiles(on_disk)
        )


def _require_consistent(
    table: PassageTable, stories: tuple[Story, ...], index: BM25Index, story_index: BM25Index
) -> None:
    """Raises ValueError unless the arrays agree on their sizes and the offsets read whole run forward:
    a question then checks only what it reads from the files."""
    passages = len(table)
    if any(len(getattr(table, name)) != passages for name in PASSAGE_ARRAYS) or index.size != passages:
        raise ValueError("its arrays do not agree on how many passages there are")
    first = 0
    for story in stories:
        if story.first_passage != first or story.passage_count < 1:
            raise ValueError("its stories do not follow one another through the passages")
        first += story.passage_count
    if first != passages or story_index.size != len(stories):
        raise ValueError("its arrays do not agree on how many stories there are")
    texts = table.texts
    if (
        len(texts.starts) != passages
        or len(texts.ends) != passages
        or len(texts.block_first) != len(texts.block_offsets)
    ):
        raise ValueError("its passages' texts do not agree on how many there are")
    for offsets, end, name in (
        (texts.block_first, passages, "text_block_first"),
        (texts.block_offsets, len(texts.data), "text_block_offsets"),
    ):
        if len(offsets) == 0 or offsets[0] != 0 or offsets[-1] != end or np.any(np.diff(offsets) < 0):
            raise ValueError(f"{name}.npy does not run from 0 to {end} in order")


def file_record(path: Path) -> FileRecord:
    with path.open("rb") as file:
        digest = hashlib.file_digest(file, "blake2b").hexdigest()
    return {"bytes": path.stat().st_size, "blake2b": digest}


def require_trusted(path: Path) -> None:
    """Raises UntrustedIndex unless the current user owns the path, it is no link, and no one else may write it."""
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        raise UntrustedIndex(f"{path.name} is a link")
    if info.st_uid != os.geteuid():
        raise UntrustedIndex(f"{path.name} belongs to another user (uid {info.st_uid})")
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise UntrustedIndex(f"{path.name} may be written by other users")
