"""Each server's built shelf parts (bot.core.shelf_parts) saved under the data folder, so that a start builds the
server's view from them rather than analysing its whole shelf again.

What is saved of a part is its analysis alone: its passages' postings, its people, its speller's words and the words
its runs' spellers are made of, as numpy arrays and JSON (no pickle). Its stories' texts are not: a start fetches them
from the database anyway (bot.operations.server_views), and the part's corpus is made of them again. So a part is
trusted only when those texts give the fingerprints it was saved with (bot.core.corpus_diff: a digest of each story's
title and passages, under its path, which holds its story id and file name), it is its own server's, and every file is
as written (sizes and checksums). A data folder pointed at another database, whose version ids collide, thus finds
other stories than those saved and analyses its own. A part damaged, cut short, in another format, another server's,
another user's, is logged (one line) and built again; the save after that build removes it. What its checksums cannot
vouch for (a file rewritten whole, its checksum with it) is checked as well, so that it is refused rather than fail a
view's build or take unbounded memory: no file read past its saved size, nor a description past ABOUT_BYTES, nor any
other file past what its stories' text can make (FILE_BYTES_PER_CHARACTER), whatever the description says, no link,
counts that add up and none below zero, words that are strings, speller words whose terms the postings hold.

A story of a part that is no longer on the shelf (removed, or replaced by a new version) has no text fetched to check
it by: it stands in the part with empty passages under a version no shelf has, so that no run ever searches it (a
restore analyses it again), while the part's other stories are searched as saved; a part that holds too little of
the shelf any more is built again (shelf_parts' LIVE_SHARE), as in a running process.

A part is a folder written whole under another name and renamed into place (atomic), each file forced to disk
first; the parts a server's view no longer uses are removed as its next parts are saved, when no other process may use
them: processes sharing the data folder (shards) touch each part they load or save, and every TOUCH_SECONDS each part
they still hold (touch_held), so a save removes only the parts none touched since it did, or for USED_SECONDS (another's
fresh part is left for a later save, and a part a long-running process still searches is never removed). One store
per server (`server-<id>`), in a folder per version of this format and of the analysis (a digest of them, as the
saved index names its folders: two versions of storybot sharing a data folder each keep theirs; another version's
folder unused for UNUSED_DAYS is removed). A server's whole store that no process loaded or saved for UNUSED_DAYS (a
server the bot left, or that hid its stories) is removed at a start (remove_unused), as the saved index's folders are.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import os
import shutil
import stat
import time
import uuid
import weakref
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bot.core.analysis import Analyzer
from bot.core.corpus import Story
from bot.core.corpus_diff import fingerprints
from bot.core.file_array import array_header, save_array
from bot.core.index import BM25Index, BM25Params
from bot.core.library_parts import LibraryParts
from bot.core.passage_columns import StoryPassages
from bot.core.people import Person, PersonFinder
from bot.core.shelf_corpus import ShelfStoryText, shelf_corpus
from bot.core.shelf_parts import LIVE_SHARE, BuiltPart, Run, ShelfParts
from bot.core.spelling import SpellingCorrector
from bot.core.synced import sync_to_disk
from bot.core.trusted_files import FileRecord, file_record, read_trusted_file, require_trusted

log = logging.getLogger(__name__)

FORMAT = 1
FOLDER = "shelf-parts"
"""Below the data folder."""
VERSION_DIGITS = 12
SERVER = "server-"
"""A server's store: SERVER and its id."""
PART = "part-"
WRITING = ".writing-"
"""A part being written, renamed to PART's name once whole (one a killed process left is removed at a later save)."""
ABOUT = "part.json"
META = "meta.json"
ARRAYS = ("docs", "tf", "doc_freq", "doc_len", "story_words", "story_word_counts", "word_surface")
"""Each a count or a number of something, never below 0; doc_len may be a float, the others are integers."""
ABOUT_BYTES = 2**24
"""The most a part's description may take: one of a whole shelf's stories (500) named by 1,024 characters each takes
some 3 MB. One larger is damage, refused unread (a sparse file may be a terabyte long and take no disk)."""
FILE_BYTES_PER_CHARACTER = {"array": 32, "meta": 128}
"""The most bytes a part's array file, or its meta.json, may take for each character and passage of its stories (more
is damage, refused unread): the shelf's worst text, Chinese, where every character is a word, takes 8 bytes an
array and 46 in meta.json (English 1 and 8); an array file's header and meta.json's brackets take SMALL_FILE more."""
SMALL_FILE = 4096
UNUSED_DAYS = 30
LEFT_SECONDS = 3600
"""A part being written for longer than this was left by a process killed as it wrote."""
USED_SECONDS = 86400
"""A part no process touched for this long is held by none: any process's save that does not use it removes it."""
TOUCH_SECONDS = 3600
"""How often a process touches the parts it holds (touch_held), well within USED_SECONDS: a shard that ran for a day
without loading or saving a part lost it to another's save, and analysed its stories again at its next start."""


class PartRefused(ValueError):
    """A saved part not used: why, for the log."""


class StalePart(PartRefused):
    """A saved part none of whose stories is on the shelf any more: no fault, its stories changed."""


class ShelfPartStore:
    """The parts of every server's shelf, under `base` (the data folder's FOLDER)."""

    def __init__(self, base: Path):
        self.base = base
        self._saved: weakref.WeakKeyDictionary[BuiltPart, Path] = weakref.WeakKeyDictionary()
        """The folder each part in memory was saved in, or loaded from."""
        self._left: dict[Path, int | None] = {}
        """Each part folder this process loaded, saved or refused, and its modification time (ns) as it left it: one
        another process touched since (loaded or saved: it may use it) is not this process's to remove."""
        self._unsaved_said = False
        """Whether the log was told that parts could not be saved (once a process: a data folder that cannot be
        written would say so at every change of every server)."""

    def folder(self, server_id: int, analyzer: Analyzer) -> Path:
        version = hashlib.sha256(f"{FORMAT}|{analyzer.signature}".encode()).hexdigest()[:VERSION_DIGITS]
        return self.base / f"{SERVER}{server_id}" / version

    def load(
        self, server_id: int, stories: Sequence[tuple[int, ShelfStoryText]], analyzer: Analyzer, params: BM25Params
    ) -> ShelfParts | None:
        """The server's saved parts that hold some of these stories (each with its version) as they are, as a shelf's
        parts to build its view from (shelf_parts' `kept`, never searched itself); None when none is saved, or none
        can be used."""
        folder = self.folder(server_id, analyzer)
        try:
            require_trusted(folder.parent)
            require_trusted(folder)
            names = sorted(name for name in os.listdir(folder) if name.startswith(PART))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as error:  # ValueError: UntrustedIndex, a folder not the user's alone
            log.warning(
                "Not using the saved shelf parts of server %s (%s): its stories are analysed again.",
                server_id,
                _why(error),
            )
            return None
        texts = dict(stories)
        loaded: list[tuple[int, BuiltPart]] = []
        for name in names:
            try:
                saved, part = _read_part(folder / name, server_id, texts, analyzer, params)
            except StalePart as why:
                log.info("Server %s: its saved shelf part %s is not used (%s).", server_id, name, why)
                self._left[folder / name] = _modified(folder / name)
                continue
            except (OSError, ValueError, KeyError, TypeError, IndexError, OverflowError, RecursionError) as error:
                log.warning(
                    "Not using the saved shelf part %s of server %s (%s): its stories are analysed again.",
                    name,
                    server_id,
                    _why(error),
                )
                self._left[folder / name] = _modified(folder / name)
                continue
            self._saved[part] = folder / name
            self._touched(folder / name)
            loaded.append((saved, part))
        if not loaded:
            return None
        with contextlib.suppress(OSError):
            os.utime(folder)  # in use: not another version's to remove
        loaded.sort(key=lambda found: found[0])  # a story in two parts is searched in the newer
        runs = tuple(Run.of(part, tuple(range(len(part.versions)))) for _, part in loaded)
        held = len({version for _, part in loaded for version in part.versions if version >= 0})  # merged: in two
        log.info("Server %s: %d saved shelf parts used, holding %d of its stories.", server_id, len(loaded), held)
        return ShelfParts(analyzer=analyzer, params=params, runs=runs, built=())

    def touch_held(self) -> int:
        """Touches each part folder this process holds in memory (loaded or saved, and not let go since: a view searches
        it, or may again), as in use now, and says how many: called every TOUCH_SECONDS, in the thread that loads and
        saves (one utime a part), so that no other process's save takes them as unused for USED_SECONDS. Their
        servers' folders are touched too, as a load touches them: a start removes a store by its folders' times
        (remove_unused), and a shard running for a month on parts it loaded at its start lost them to the next start."""
        held = set(self._saved.values())
        for folder in {path.parent for path in held}:  # the server's store in use: not one to remove at a start
            with contextlib.suppress(OSError):
                os.utime(folder)
        return sum(self._touched(path) is not None for path in held)

    def remove_unused(self, days: float = UNUSED_DAYS) -> int:
        """Removes the store of every server none of whose parts a process loaded or saved for `days`, and says how
        many it removed: a server the bot left keeps nothing for ever. One still there is analysed again at its next
        build, as a cache missed."""
        oldest = time.time() - days * 86400
        removed = 0
        try:
            servers = [entry for entry in self.base.iterdir() if entry.name.startswith(SERVER)]
        except OSError:  # none saved yet, or unreadable: nothing to remove
            return 0
        for server in servers:
            try:
                info = server.lstat()
                if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid():
                    continue
                used = max([info.st_mtime, *(version.lstat().st_mtime for version in server.iterdir())])
            except OSError:
                continue
            if used < oldest:
                shutil.rmtree(server, ignore_errors=True)
                removed += not server.exists()
        if removed:
            log.info("Removed the saved shelf parts of %d server(s), not used for %d days.", removed, days)
        return removed

    def save(self, server_id: int, parts: ShelfParts, stories: Sequence[tuple[int, ShelfStoryText]]) -> None:
        """The shelf's parts not saved yet written (each of these stories alone: a part holding another was saved
        when built, or cannot be checked at a start), and the server's saved parts its view no longer uses removed.
        A save that fails is logged (once a process): the next start analyses what it lacks. A part that cannot be
        saved (PartRefused) stops no other's save, nor the removal of unused ones."""
        folder = self.folder(server_id, parts.analyzer)
        texts = dict(stories)
        try:
            folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # the mode is not given to parents made
            folder.mkdir(exist_ok=True, mode=0o700)
            require_trusted(folder.parent)
            require_trusted(folder)
            for part in parts.built_parts:
                if part not in self._saved and texts.keys() >= set(part.versions):
                    try:
                        self._saved[part] = _write_part(folder, server_id, part, texts, parts.analyzer)
                    except PartRefused as refused:  # this part alone: the others saved, those unused removed
                        self._not_saved(server_id, refused)
            used = {self._saved[part] for part in parts.built_parts if part in self._saved}
            for path in used:
                self._touched(path)  # used now: not another process's to remove
            for name in os.listdir(folder):
                path = folder / name
                unused = name.startswith(PART) and path not in used and _unused(path, self._left.pop(path, None))
                if unused or (name.startswith(WRITING) and _left(path)):
                    shutil.rmtree(path, ignore_errors=True)
            _remove_unused_versions(folder)
            os.utime(folder)  # used now: not a store to remove (remove_unused), nor another version's
        except (OSError, ValueError, KeyError, TypeError) as error:  # a cache: never the view's failure
            self._not_saved(server_id, error)

    def _touched(self, part: Path) -> int | None:
        """Touches a part this process uses (_touch). What this process left it at becomes the new time only if no other
        process touched it since this one last did: one that did may hold it still (each touches what it holds every
        TOUCH_SECONDS, so the last touch says nothing of who holds it), and it is not this one's to remove (_unused)
        until none touched it for USED_SECONDS. Keeping this process's own touch alone, a shard that let a part go
        removed one another still searched whenever its own touch had come last."""
        before = _modified(part)
        after = _touch(part)
        if part not in self._left or self._left[part] == before:
            self._left[part] = after
        return after

    def _not_saved(self, server_id: int, error: Exception) -> None:
        log.log(
            logging.DEBUG if self._unsaved_said else logging.WARNING,
            "Could not save the shelf parts of server %s (%s); its next start analyses what is not saved%s.",
            server_id,
            _why(error),
            "" if self._unsaved_said else " (said once)",
        )
        self._unsaved_said = True


def _why(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}: {error.filename}" if error.filename else error.strerror
    return f"{type(error).__name__}: {error}" if not isinstance(error, PartRefused) else str(error)


def _left(writing: Path) -> bool:
    """Whether a part being written was left by a process that did not finish it (not one another process sharing the
    data folder writes now: none takes this long)."""
    with contextlib.suppress(OSError):
        return writing.lstat().st_mtime < time.time() - LEFT_SECONDS
    return False


def _modified(path: Path) -> int | None:
    """The folder's modification time (ns), None if it cannot be told."""
    with contextlib.suppress(OSError):
        return path.lstat().st_mtime_ns
    return None


def _touch(part: Path) -> int | None:
    """Marks the part used now (in a read-only folder, as it is); its modification time (ns) after. The time is given
    to the nanosecond: two processes touching one part within a clock tick must not leave it as either left it."""
    with contextlib.suppress(OSError):
        now = time.time_ns()
        os.utime(part, ns=(now, now))
    return _modified(part)


def _unused(part: Path, left: int | None) -> bool:
    """Whether a part no longer used here is used by no other process this one can tell of: none touched it since this
    one did (`left`), or none for USED_SECONDS. A part another process wrote or loaded meanwhile is left to a later
    save."""
    modified = _modified(part)
    return modified is not None and (modified == left or modified < time.time_ns() - USED_SECONDS * 1_000_000_000)


def _remove_unused_versions(folder: Path) -> None:
    """The server's folders of other versions (formats, analyses) no process used for UNUSED_DAYS."""
    oldest = time.time() - UNUSED_DAYS * 86400
    for other in folder.parent.iterdir():
        info = other.lstat()
        if other != folder and stat.S_ISDIR(info.st_mode) and info.st_uid == os.geteuid() and info.st_mtime < oldest:
            shutil.rmtree(other, ignore_errors=True)


def _write_part(
    folder: Path, server_id: int, part: BuiltPart, texts: dict[int, ShelfStoryText], analyzer: Analyzer
) -> Path:
    """Writes the part's analysis as a new folder of `folder`, whole before it is named a part; its path."""
    index = part.parts.index
    if not isinstance(index, BM25Index):
        raise PartRefused("its index is not one built in memory")
    name = f"{PART}{uuid.uuid4().hex[:16]}"
    writing = folder / f"{WRITING}{name}"
    writing.mkdir(mode=0o700)
    postings = index.raw_postings()
    terms = index.terms()
    corpus = part.parts.corpus
    story_of_path = {story.path: number for number, story in enumerate(corpus.stories)}
    arrays = {
        "docs": postings.docs,
        "tf": postings.tf,
        "doc_freq": postings.doc_freq,
        "doc_len": postings.doc_len,
        "story_words": np.concatenate([np.zeros(0, np.int64), *part.story_words]),
        "story_word_counts": np.array([len(words) for words in part.story_words], np.int64),
        "word_surface": part.word_surface,
    }
    meta = {
        "terms": terms,
        "speller_words": part.parts.speller.words,
        "speller_terms": [postings.vocabulary[term] for term in part.parts.speller.terms],
        "people": [
            [p.name, story_of_path[p.path], p.intro, p.mentions, -1 if p.passage is None else p.passage]
            for p in part.parts.person_finder.people
        ],
        "surfaces": part.surfaces,
        "word_terms": part.word_terms,
    }
    files: dict[str, FileRecord] = {}
    for array, values in arrays.items():
        save_array(writing / f"{array}.npy", values)
        files[f"{array}.npy"] = _kept(writing / f"{array}.npy")
    _write_json(writing / META, meta)
    files[META] = _kept(writing / META)
    about = {
        "format": FORMAT,
        "server": server_id,
        "analysis": analyzer.signature,
        "saved": time.time_ns(),
        "versions": list(part.versions),
        "stories": [
            [texts[v].story, texts[v].name, len(texts[v].passages), texts[v].characters] for v in part.versions
        ],
        "fingerprints": [part.parts.fingerprints[story.path] for story in corpus.stories],
        "files": files,
    }
    _write_json(writing / ABOUT, about)
    _kept(writing / ABOUT)
    sync_to_disk(writing)
    os.rename(writing, folder / name)
    sync_to_disk(folder)
    return folder / name


def _kept(path: Path) -> FileRecord:
    """A file just written made the user's alone and forced to disk: its size and checksum."""
    os.chmod(path, 0o600)
    sync_to_disk(path)
    return file_record(path)


def _write_json(path: Path, value: object) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")


def _read_part(
    folder: Path,
    server_id: int,
    texts: dict[int, ShelfStoryText],
    analyzer: Analyzer,
    params: BM25Params,
) -> tuple[int, BuiltPart]:
    """A saved part as built, with when it was saved; PartRefused (StalePart) or another error when it is not this
    server's, these stories', this version's, or not as written."""
    require_trusted(folder)
    about = json.loads(read_trusted_file(folder / ABOUT, ABOUT_BYTES))
    if not isinstance(about, dict) or about.get("format") != FORMAT:
        raise PartRefused(f"saved in another format ({about.get('format') if isinstance(about, dict) else None!r})")
    if about.get("server") != server_id:
        raise PartRefused(f"saved for server {about.get('server')!r}")
    if about.get("analysis") != analyzer.signature:
        raise PartRefused("saved with another analysis")
    versions, saved_stories, digests = about["versions"], about["stories"], about["fingerprints"]
    if not (
        isinstance(versions, list)
        and versions
        and all(type(v) is int for v in versions)
        and len(set(versions)) == len(versions)
        and isinstance(saved_stories, list)
        and all(_story_shaped(saved) for saved in saved_stories)
        and isinstance(digests, list)
        and len(saved_stories) == len(digests) == len(versions)
        and type(about.get("saved")) is int
    ):
        raise PartRefused("its description is damaged")
    if not any(version in texts for version in versions):
        raise StalePart("none of its stories is on the shelf now")
    files = about["files"]
    if not isinstance(files, dict) or set(files) != {*(f"{a}.npy" for a in ARRAYS), META}:
        raise PartRefused("its description is damaged")
    most = _most_bytes(versions, saved_stories, texts)
    doc_len = _array(folder, "doc_len", files, most["array"])
    if sum(saved[2] for saved in saved_stories) != len(doc_len):  # before a removed story stands in with as many
        raise PartRefused("its description does not fit its postings")
    stories = [
        texts[version] if version in texts else _stand_in(*saved)
        for version, saved in zip(versions, saved_stories, strict=True)
    ]
    corpus = shelf_corpus(stories)
    found = fingerprints(corpus)
    for version, text, story, saved, digest in zip(
        versions, stories, corpus.stories, saved_stories, digests, strict=True
    ):
        if version in texts and ([text.story, text.name] != saved[:2] or found[story.path] != digest):
            raise PartRefused(
                "saved of other stories than the database's shelf holds (a data folder of another database?)"
            )
    arrays = {array: doc_len if array == "doc_len" else _array(folder, array, files, most["array"]) for array in ARRAYS}
    if any(
        values.ndim != 1
        or values.dtype.kind not in ("iuf" if array == "doc_len" else "iu")
        or (len(values) and not values.min() >= 0)  # NaN too
        or not np.isfinite(values).all()
        for array, values in arrays.items()
    ):
        raise PartRefused("an array holds no counts")
    meta = json.loads(_intact(folder, META, files, most["meta"]))
    terms = _words(meta["terms"])
    vocabulary = {term: number for number, term in enumerate(terms)}
    docs, tf, doc_freq, doc_len = (arrays[a] for a in ("docs", "tf", "doc_freq", "doc_len"))
    passages = len(corpus.passages)
    if (
        len(vocabulary) != len(terms)
        or len(doc_freq) != len(terms)
        or len(doc_len) != passages
        or len(docs) != len(tf)
        or int(doc_freq.sum()) != len(docs)
        or (len(docs) and not (docs.min() >= 0 and docs.max() < passages))
    ):
        raise PartRefused("its postings do not fit its stories")
    index = BM25Index.from_postings(vocabulary, docs, tf, doc_freq, doc_len, params)
    numbers = np.asarray(meta["speller_terms"], dtype=np.int64)
    words = _words(meta["speller_words"])
    if len(numbers) != len(words) or (len(numbers) and not (numbers.min() >= 0 and numbers.max() < len(terms))):
        raise PartRefused("its speller does not fit its postings")
    speller = SpellingCorrector(words, [terms[n] for n in numbers.tolist()], index.doc_freq[numbers].tolist())
    people = PersonFinder(_people(meta["people"], corpus.stories, passages))
    counts, story_words = arrays["story_word_counts"], arrays["story_words"]
    word_surface, surfaces, word_terms = arrays["word_surface"], _words(meta["surfaces"]), _words(meta["word_terms"])
    if (
        len(counts) != len(stories)
        or int(counts.sum()) != len(story_words)
        or len(word_terms) != len(word_surface)
        or not vocabulary.keys() >= set(word_terms)  # a run's speller finds each in its postings
        or (len(story_words) and not (story_words.min() >= 0 and story_words.max() < len(word_surface)))
        or (len(word_surface) and not (word_surface.min() >= 0 and word_surface.max() < len(surfaces)))
    ):
        raise PartRefused("its words do not fit its stories")
    starts = np.concatenate(([0], np.cumsum(counts))).tolist()
    parts = LibraryParts(
        corpus=corpus,
        index=index,
        story_index=index.grouped(corpus.story_of_passages(), len(corpus.stories)),
        person_finder=people,
        speller=speller,
        fingerprints=found,
    )
    part = BuiltPart(
        versions=tuple(version if version in texts else -1 - n for n, version in enumerate(versions)),
        parts=parts,
        characters=tuple(
            text.characters if version in texts else saved[3]
            for version, text, saved in zip(versions, stories, saved_stories, strict=True)
        ),
        story_words=tuple(story_words[starts[n] : starts[n + 1]] for n in range(len(stories))),
        word_surface=word_surface,
        surfaces=surfaces,
        word_terms=word_terms,
    )
    return about["saved"], part


def _story_shaped(saved: object) -> bool:
    """[story id, file name, passages, characters], as _write_part saves a story."""
    return (
        isinstance(saved, list)
        and len(saved) == 4
        and type(saved[0]) is int
        and isinstance(saved[1], str)
        and all(type(n) is int and n >= 0 for n in saved[2:])
    )


def _most_bytes(
    versions: list[int], saved_stories: list[tuple[int, str, int, int]], texts: dict[int, ShelfStoryText]
) -> dict[str, int]:
    """The most bytes each kind of file of the part may take (FILE_BYTES_PER_CHARACTER), by what its stories hold:
    those on the shelf as their texts say; those removed since as the description says, each passage a character at
    least, and no more than the part's share searched lets them hold (LIVE_SHARE: more, and it is built again)."""
    live = removed = 0
    for version, (_, _, passages, characters) in zip(versions, saved_stories, strict=True):
        if version in texts:
            text = texts[version]
            if [passages, characters] != [len(text.passages), text.characters]:
                raise PartRefused(
                    "saved of other stories than the database's shelf holds (a data folder of another database?)"
                )
            live += characters + passages
        elif passages > characters:
            raise PartRefused("its description does not fit its stories")
        else:
            removed += characters + passages
    if LIVE_SHARE * (live + removed) > live:
        raise StalePart("too little of its text is on the shelf now")
    return {kind: SMALL_FILE + per * (live + removed) for kind, per in FILE_BYTES_PER_CHARACTER.items()}


def _stand_in(story: int, name: str, passages: int, characters: int) -> ShelfStoryText:
    """A story of the part no longer on the shelf, whose text a start does not fetch: its passages empty, in their
    place in the part. Its version no shelf has (BuiltPart.versions), no run ever searches it."""
    return ShelfStoryText(
        story, name, "", StoryPassages(("",) * passages, (0,) * passages, (None,) * passages, (0,) * passages)
    )


def _intact(folder: Path, name: str, files: dict[str, FileRecord], most: int) -> bytes:
    """The file's bytes, read once, when it is the user's alone and has its saved size and checksum (no more than its
    saved size read, and none when that is past `most`, what its stories can make)."""
    expected = files[name]
    if not isinstance(expected, dict) or type(expected.get("bytes")) is not int:
        raise PartRefused("its description is damaged")
    if expected["bytes"] > most:
        raise PartRefused(f"{name} is said to hold {expected['bytes']} bytes, more than its stories make ({most})")
    data = read_trusted_file(folder / name, expected["bytes"])
    if {"bytes": len(data), "blake2b": hashlib.blake2b(data).hexdigest()} != expected:
        raise PartRefused(f"{name} is not as it was saved")
    return data


def _array(folder: Path, array: str, files: dict[str, FileRecord], most: int) -> np.ndarray:
    """An array file's numbers, when its header says what its bytes hold: loading makes the array a header asks for
    before reading any (a header saying a trillion numbers failed with a MemoryError)."""
    data = _intact(folder, f"{array}.npy", files, most)
    read = io.BytesIO(data)
    length, dtype = array_header(read, f"{array}.npy")
    if len(data) - read.tell() != length * dtype.itemsize:
        raise PartRefused(f"{array}.npy does not hold what its header says")
    return np.load(io.BytesIO(data), allow_pickle=False)


def _words(saved: object) -> list[str]:
    """A list of strings as saved (terms, words, surfaces)."""
    if not (isinstance(saved, list) and all(type(word) is str for word in saved)):
        raise PartRefused("its words are damaged")
    return saved


def _people(saved: list[list[object]], stories: Sequence[Story], passages: int) -> list[Person]:
    """The people saved as [name, story number, intro, mentions, passage or -1]."""
    people = []
    for name, story, intro, mentions, passage in saved:
        if not (
            type(name) is str
            and type(intro) is str
            and type(story) is int
            and 0 <= story < len(stories)
            and type(passage) is int
            and passage < passages
            and type(mentions) is int
        ):
            raise PartRefused("its people do not fit its stories")
        of = stories[story]
        people.append(
            Person(
                name=name,
                story=of.title,
                path=of.path,
                intro=intro,
                mentions=mentions,
                passage=None if passage < 0 else passage,
            )
        )
    return people
