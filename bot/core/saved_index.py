"""A library's index saved on disk as segments, kept up to date story by story.

Each corpus folder gets a segment store (bot.core.segment_store) whose segments carry everything the
library needs of their stories (bot.core.segment_library); the library is the join of the live
segments (bot.core.library_join). Loading compares each story file's state (size, modification and
status-change times; a Calibre book's also its record's and other formats') with the one saved: the files added or
changed are read, analysed and
committed as one small new segment, the removed ones marked deleted, the rest opened as they are.
A first build, or a damaged or untrusted index, mean one build of everything, written as one segment in
place of the others.

Each version of an index (its formats, how files are read, the analysis: `settings`) has a folder of its
own, so two versions of storybot sharing the cache (a service and an upgraded console, an upgrade rolled
back) each keep theirs, rather than each rebuilding over the other's. BM25's parameters are not part of it:
segments keep raw term frequencies and lengths, and the parameters apply when a question is scored, so one
saved index serves any k1, b and epsilon (`python -m bot eval --k1 1.2` opens the bot's own). Only the
analysis the bot answers with is ever saved: a library analysed otherwise (`eval --no-stem`) is a one-off,
built in memory and never written to the cache, where it would have stayed for a month unasked.

Nothing in it is code: numpy arrays and JSON, no pickle. An index is used only if the current user
owns its folder and files and no one else may write them, and if its files have their saved sizes
and the checksums of those read whole when it is opened; the rest (postings, texts) are checked by
what reads them, and their checksums when a library found damage or a repair asks for them
(`verify`). Indexes are a cache: nothing that goes wrong with them (a full disk, a folder shared
with other users, damage) stops a library from loading; it is said (IndexNote) and the library is
built in memory. A folder that others may write gets a subfolder per user. A build spills beside
the indexes (.build-*), and the next load removes what a killed process left there, unless a
process is still at work there (a shared lock); a killed writer's segment files are removed by the
next writer.
"""

from __future__ import annotations

import contextlib
import copy
import fcntl
import functools
import hashlib
import logging
import os
import shutil
import stat
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from platformdirs import user_cache_path

from bot.core.analysis import Analyzer
from bot.core.build import build_parts
from bot.core.corpus import NoStories, StoryFiles, story_files
from bot.core.index import BM25Params
from bot.core.index_cache import REMOVING, IndexClaim, remove_unused
from bot.core.index_damage import IndexDamage, IndexDamaged
from bot.core.index_notes import IndexEvent, IndexFault, IndexNote, IndexRefused
from bot.core.library_join import join_parts
from bot.core.library_parts import LibraryParts
from bot.core.readers import reading_signature
from bot.core.segment_library import LibraryPayload, SegmentParts, new_segment, segment_parts
from bot.core.segment_store import FORMAT as SEGMENT_FORMAT
from bot.core.segment_store import MANIFEST, OPEN_ATTEMPTS, OtherFormat, SegmentSet, SegmentStore
from bot.core.skipped import CUT_SHORT, Problem, SkipReason
from bot.core.story_names import StoryFinder
from bot.core.trusted_files import UntrustedIndex, require_trusted

log = logging.getLogger(__name__)

FORMAT = 5
"""5: each skipped file kept as its problem's data (bot.core.skipped.Problem.as_data), not as its message; 4: postings
bit-packed; 3: segments, each with its stories' texts, people and words."""
MIN_SAVED_PASSAGES = 20_000
"""Smaller libraries build in a few seconds: saved only when asked (`python -m bot index`)."""
LEFTOVERS = (".build-", REMOVING)
"""What building writes beside the indexes for a while, and what removing an unused index renames it to."""
LOCK = ".lock"
SUSPECT = ".verify"
"""Beside a corpus's index folder: its library found damage, so the next load checks every checksum."""
RACY_NS = 3 * 10**9
"""How recently a story file may have been written for its times to stand for its content: past FAT's two seconds."""
CORPUS_DIGITS = 20
"""Hex digits of a corpus folder's path digest: the first part of its indexes' folder names."""
VERSION_DIGITS = 12
"""Hex digits of an index version's digest (its `settings`): the second part."""


def default_index_folder() -> Path:
    """The user's cache directory (on Linux ~/.cache/storybot/index): an index can always be rebuilt."""
    return user_cache_path("storybot", appauthor=False) / "index"


@dataclass(frozen=True)
class LoadedParts:
    parts: LibraryParts
    opened: bool
    """Whether any of it came from the saved index, rather than all from reading the stories."""
    folder: Path
    """The index folder of this corpus, version and settings (saved or not)."""
    claim: IndexClaim | None
    """That index in use, for as long as the library opened from it keeps this (None: a one-off, never saved)."""


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

    def folder_for(self, root: Path, analyzer: Analyzer | None = None) -> Path:
        """The folder of the corpus's index of this version and analysis (by default, the bot's)."""
        return self._folder(root, self.settings(analyzer or Analyzer()))

    def _folder(self, root: Path, settings: str) -> Path:
        """`<corpus>-<version>`: digests of the corpus folder's real path and of the index's `settings`."""
        version = hashlib.sha256(settings.encode()).hexdigest()[:VERSION_DIGITS]
        return self.home / f"{_corpus_name(root)}-{version}"

    def has_index(self, root: Path) -> bool:
        """Whether this version's index of the corpus is saved (False, not an error, when it cannot be seen)."""
        return os.path.exists(self.folder_for(root) / MANIFEST)

    def indexed_before(self, root: Path) -> bool:
        """Whether the corpus has a saved index of any version (an older storybot's, other settings'): one was
        asked for, so this version's is saved too, whatever the library's size."""
        name = _corpus_name(root)
        with contextlib.suppress(OSError):
            return any(
                (path.name == name or path.name.startswith(f"{name}-")) and os.path.exists(path / MANIFEST)
                for path in self.home.glob(f"{name}*")
            )
        return False

    def segments(self, root: Path) -> SegmentStore:
        return SegmentStore(self.folder_for(root), LibraryPayload())

    @staticmethod
    def settings(analyzer: Analyzer) -> str:
        """What an index was built with beside the stories: its version, which names its folder.

        The formats count, and how files are read (the readers' version, the optional readers installed), as
        does the analysis. BM25's parameters do not: they apply when a question is scored."""
        return f"{FORMAT}.{SEGMENT_FORMAT}|{reading_signature()}|{analyzer.signature}"

    @staticmethod
    def suspect(folder: Path, damage: IndexDamage | None = None) -> None:
        """Marks the index in `folder` for a check of every checksum at its next load: its library found
        `damage` (StoryLibrary.when_damaged calls back with it)."""
        with contextlib.suppress(OSError):
            _suspect_marker(folder).touch()

    def load(
        self,
        root: Path,
        analyzer: Analyzer,
        params: BM25Params,
        notes: list[IndexNote],
        *,
        progress: bool = False,
        force: bool = False,
        verify: bool = False,
        reading_seconds: float | None = None,
        read_cut_short_again: bool = False,
    ) -> LoadedParts:
        """The library of the stories below root: its segments opened, after committing the story files
        added, changed or removed since (a small new segment, deletions), or everything built when there
        is no usable index (saved when large enough, `force`d, or when an index was there). With
        `verify`, every checksum is checked first. An analysis other than the bot's is built in memory and
        never saved (`_one_off`). Each file read is read within `reading_seconds` (bot.core.timed_reading).

        A file kept as skipped for taking too long to read is read again when it or the limit changed; with
        `read_cut_short_again` (each said in `notes`, IndexEvent.READ_AGAIN), so is one whose reader the system ended
        (bot.core.skipped.CUT_SHORT): the owner asked for the stories to be read (`python -m bot index`, /reload), and
        a busy machine may have been what made it slow, or ended its reader. A load at a start keeps the skip, rather
        than spend that time again at every start.

        Raises CorpusError when no file gives a story; what went wrong with the index is said in `notes`."""
        if analyzer.signature != _bot_analysis():
            return self._one_off(root, analyzer, params, progress, reading_seconds)
        settings = self.settings(analyzer)
        store = SegmentStore(self._folder(root, settings), LibraryPayload(analyzer))
        claim = IndexClaim(store.folder)  # before the sweep, which removes the indexes no one uses
        self.sweep()
        listed = time.time_ns()  # before any file is looked at: one written since is newer
        found = story_files(root)
        states = {
            relative: story_state(path, found.beside.get(path, ()), listed)
            for relative, path in zip(_relatives(root, found.paths), found.paths, strict=True)
        }
        verify = verify or os.path.exists(_suspect_marker(store.folder))  # False where it cannot be seen
        opened = self._opened(root, store, settings, params, notes, verify)
        if opened is None:
            saving = force or self.indexed_before(root)
            built = self._built(
                root, store, settings, found, states, analyzer, params, notes, progress, saving, reading_seconds
            )
            return LoadedParts(built, opened=False, folder=store.folder, claim=IndexClaim(store.folder))
        current, segments, skipped = opened
        words = {name: opened_parts.speller_words for (name, _), opened_parts in current.items()}
        store = SegmentStore(store.folder, LibraryPayload(analyzer, words))  # a deletion needs the speller's words
        if not claim.held:  # saved by another process since this one looked: held from now on
            claim = IndexClaim(store.folder)
        _unsuspect(store.folder)
        saved_states = {path: state for part in current.values() for path, state in part.states.items()}
        changed: list[Path] = []
        for path, (relative, state) in zip(found.paths, states.items(), strict=True):
            if state == saved_states.get(relative):
                continue
            if _still_skipped(skipped, relative, state, reading_seconds):
                if not (read_cut_short_again and skipped[relative][1].why.cause in CUT_SHORT):
                    continue
                notes.append(IndexNote(event=IndexEvent.READ_AGAIN, file=relative))
            changed.append(path)
        gone = (saved_states.keys() | skipped.keys()) - states.keys()
        if not changed and not gone:
            return LoadedParts(
                self._joined(found, states, current, segments, skipped), opened=True, folder=store.folder, claim=claim
            )
        log.info(
            "Story files changed since the index was saved (%d added or changed, %d removed): updating it.",
            len(changed),
            len(gone),
        )
        try:
            updated = self._updated(
                root,
                store,
                found,
                states,
                changed,
                gone,
                current,
                segments,
                skipped,
                analyzer,
                params,
                notes,
                progress,
                reading_seconds,
            )
            return LoadedParts(updated, opened=True, folder=store.folder, claim=claim)
        except IndexDamaged as error:  # in the blocks a deletion reads, which a start does not check whole
            notes.append(IndexNote(event=IndexEvent.DAMAGED, fault=IndexFault.CONTENTS, file=error.damage.file))
        except IndexRefused as error:  # found by the writer, which opens the segments again
            notes.append(error.note(IndexEvent.DAMAGED))
        log.warning("Not using the saved index in %s: %s. Rebuilding it.", store.folder, notes[-1])
        built = self._built(
            root, store, settings, found, states, analyzer, params, notes, progress, True, reading_seconds
        )
        return LoadedParts(built, opened=False, folder=store.folder, claim=claim)

    def _one_off(
        self, root: Path, analyzer: Analyzer, params: BM25Params, progress: bool, reading_seconds: float | None
    ) -> LoadedParts:
        """The library analysed otherwise than the bot answers (`python -m bot eval --no-stem`), read and
        analysed anew: a measurement, not a library anyone asks again, so nothing of it is saved (it would have
        kept its room on disk for a month) and no index of its analysis is opened or kept in use. A large one
        still spills beside the indexes while it is built, swept if the process is killed."""
        log.info("Analysis other than the bot's (%r): the library is built in memory, not saved.", analyzer)
        self.sweep()
        with self.in_use():
            parts = build_parts(root, analyzer, params, progress, self.home, reading_seconds=reading_seconds)
        return LoadedParts(parts, opened=False, folder=self.folder_for(root, analyzer), claim=None)

    def _opened(
        self, root: Path, store: SegmentStore, settings: str, params: BM25Params, notes: list[IndexNote], verify: bool
    ) -> tuple[dict[tuple[str, int], SegmentParts], SegmentSet, dict[str, tuple[str, Problem]]] | None:
        """The saved segments, their parts and the files they keep as skipped, or None (saying why in `notes` and the
        log, when one was there but could not be used)."""
        folder = store.folder
        if not os.path.exists(folder / MANIFEST):  # False, not an error, when it cannot be seen
            if self.indexed_before(root):
                log.info(
                    "No index of this version of storybot in %s yet (another version's is kept): building it.", folder
                )
            return None
        try:
            require_trusted(folder.parent)
            parts, segments = _opened_parts(store, root, params, {}, verify)
            if segments.about.get("settings") != settings:
                log.info("The settings or the way stories are read changed since %s was saved; rebuilding it.", folder)
                return None
            return parts, segments, _skipped(segments)  # skipped files that are no mapping: damage, not a traceback
        except OtherFormat as error:
            log.info("%s was saved by another version (%s); rebuilding it.", folder, error)
            return None
        except UntrustedIndex as error:
            notes.append(error.note(IndexEvent.UNTRUSTED))
        except IndexRefused as error:
            notes.append(error.note(IndexEvent.DAMAGED))
        except OSError as error:
            notes.append(_system_note(IndexEvent.DAMAGED, error, error.filename))
        except (ValueError, KeyError, TypeError, IndexError) as error:  # a check no one wrote: its own words
            notes.append(IndexNote(event=IndexEvent.DAMAGED, fault=IndexFault.OTHER, detail=str(error)))
        except RecursionError:  # JSON nested past what Python decodes: no file storybot wrote
            notes.append(IndexNote(event=IndexEvent.DAMAGED, fault=IndexFault.NESTED_TOO_DEEP))
        log.warning("Not using the saved index in %s: %s. Rebuilding it.", folder, notes[-1])
        return None

    @staticmethod
    def _joined(
        found: StoryFiles,
        states: dict[str, str],
        current: dict[tuple[str, int], SegmentParts],
        segments: SegmentSet,
        skipped: dict[str, tuple[str, Problem]],
    ) -> LibraryParts:
        """The library of these segments' parts, with the folder's problems as of now."""
        parts = [current[(s.name, s.generation)].parts for s in segments.segments]
        return _in_file_order(list(states), found.problems, parts, skipped)

    def _updated(
        self,
        root: Path,
        store: SegmentStore,
        found: StoryFiles,
        states: dict[str, str],
        changed: list[Path],
        gone: set[str],
        current: dict[tuple[str, int], SegmentParts],
        segments: SegmentSet,
        skipped_before: dict[str, tuple[str, Problem]],
        analyzer: Analyzer,
        params: BM25Params,
        notes: list[IndexNote],
        progress: bool,
        reading_seconds: float | None,
    ) -> LibraryParts:
        """The library once the changed files are read and committed as one new segment, the removed
        ones deleted; in memory, saying so in `notes`, when that cannot be written. `skipped_before`: the files the
        segments keep as skipped (_skipped)."""
        built: LibraryParts | None = None
        try:
            with self.in_use():
                changed_files = StoryFiles(tuple(changed), ())
                built = build_parts(
                    root, analyzer, params, progress, self.home, changed_files, reading_seconds=reading_seconds
                )
            problems = built.corpus.problems
        except NoStories as error:
            problems = error.problems
        read = {story.path for story in built.corpus.stories} if built is not None else set()
        changed_paths = _relatives(root, changed)
        # a file read again as asked (read_cut_short_again) is skipped anew
        unchanged = states.keys() - set(changed_paths)
        skipped = {
            path: entry
            for path, entry in skipped_before.items()
            if path in unchanged and _still_skipped(skipped_before, path, states[path], reading_seconds)
        } | _problems_by_path(states, [p for p in changed_paths if p not in read], problems, reading_seconds)
        removed = gone | set(changed_paths)
        if built is None and not any(part.states.keys() - removed for part in current.values()):
            raise NoStories(root, [*found.problems, *problems])
        about: dict[str, object] = {
            "settings": segments.about.get("settings"),
            "corpus": _corpus_path(root),
            "skipped": _saved_skipped(skipped),
        }
        write = None if built is None else (lambda name: new_segment(store.folder, name, built, states))
        try:
            with self.in_use():
                store.add(write, removed, about)
            return self._joined(found, states, *_opened_parts(store, root, params, current), skipped)
        except OSError as error:
            notes.append(_system_note(IndexEvent.NOT_SAVED, error, self.home))
        generation = segments.generation + 1
        kept = [s.without(removed, generation, store.kept_drops) for s in segments.segments]
        in_memory = [segment_parts(store.folder, s, root, params).parts for s in kept if s.stories.live]
        return _in_file_order(
            list(states), found.problems, [*in_memory, *([built] if built is not None else [])], skipped
        )

    def _built(
        self,
        root: Path,
        store: SegmentStore,
        settings: str,
        found: StoryFiles,
        states: dict[str, str],
        analyzer: Analyzer,
        params: BM25Params,
        notes: list[IndexNote],
        progress: bool,
        force: bool,
        reading_seconds: float | None,
    ) -> LibraryParts:
        """Everything read and analysed (on every core), and saved as one segment in place of any
        others when large enough or `force`d; a save that fails is said in `notes`."""
        with self.in_use():
            parts = build_parts(root, analyzer, params, progress, self.home, found, reading_seconds=reading_seconds)
        if len(parts.corpus.passages) < self.min_passages and not force:
            return parts
        if any(note.event is IndexEvent.UNTRUSTED for note in notes) and _untrusted(store.folder):
            return parts  # never written into a folder that is not the user's alone
        read = {story.path for story in parts.corpus.stories}
        unread = [path for path in states if path not in read]
        about: dict[str, object] = {
            "settings": settings,
            "corpus": _corpus_path(root),
            "skipped": _saved_skipped(_problems_by_path(states, unread, parts.corpus.problems, reading_seconds)),
        }
        try:
            with self.in_use():
                store.add(lambda name: new_segment(store.folder, name, parts, states), about=about, replace_all=True)
            _unsuspect(store.folder)
        except OSError as error:
            notes.append(_system_note(IndexEvent.NOT_SAVED, error, self.home))
        return parts

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
        """Removes the folders that a build which did not finish (a killed process) left, and the indexes
        no one has used for long (bot.core.index_cache), unless another process is building or saving here
        right now (then the next start does)."""
        try:
            with (self.home / LOCK).open("a") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                for path in self.home.iterdir():
                    info = path.lstat()
                    if path.name.startswith(LEFTOVERS) and stat.S_ISDIR(info.st_mode) and info.st_uid == os.geteuid():
                        log.info("Removing %s, left by a process that did not finish.", path)
                        shutil.rmtree(path, ignore_errors=True)
                remove_unused(self.home, (SUSPECT,))
        except OSError:
            return  # no folder yet, not ours to write, or in use (BlockingIOError)


@functools.cache
def _bot_analysis() -> str:
    """The signature of the analysis the bot answers with: the only one whose index is saved."""
    return Analyzer().signature


def _corpus_name(root: Path) -> str:
    # The path's bytes as the disk has them: the same as its UTF-8 for a UTF-8 path, and a Latin-1 one too.
    return hashlib.sha256(os.fsencode(root.resolve())).hexdigest()[:CORPUS_DIGITS]


def _corpus_path(root: Path) -> str:
    """The corpus folder's real path, recorded with its index for whoever reads the cache (bytes that are not
    UTF-8 escaped: the manifest is UTF-8)."""
    return os.fsencode(root.resolve()).decode("utf-8", "backslashreplace")


def _system_note(event: IndexEvent, error: OSError, path: object) -> IndexNote:
    """What the system refused (IndexFault.SYSTEM): its reason, the path, its errno."""
    where = "" if path is None else os.fsdecode(path) if isinstance(path, (str, bytes, os.PathLike)) else str(path)
    reason = error.strerror or str(error)
    return IndexNote(event=event, fault=IndexFault.SYSTEM, file=where, detail=reason, error_number=error.errno)


def _suspect_marker(folder: Path) -> Path:
    return folder.with_name(folder.name + SUSPECT)


def _unsuspect(folder: Path) -> None:
    """Its checksums were all checked: the next load need not. On a folder that cannot be written (a
    read-only volume) even removing a marker that is not there fails (EROFS); the index is still read."""
    with contextlib.suppress(OSError):
        _suspect_marker(folder).unlink(missing_ok=True)


def _untrusted(folder: Path) -> bool:
    try:
        require_trusted(folder)
    except UntrustedIndex:
        return True
    except OSError:
        return False
    return False


def _in_file_order(
    relatives: list[str],
    walk_problems: tuple[Problem, ...],
    parts: list[LibraryParts],
    skipped: dict[str, tuple[str, Problem]],
) -> LibraryParts:
    """The parts joined, with the folder's problems as of now, its passages of equal score ranked in file
    order (as one build of the folder ranks them), not in the segments' order."""
    joined = join_parts(parts)
    rank = {path: number for number, path in enumerate(relatives)}
    stories = joined.corpus.stories
    counts = np.array([story.passage_count for story in stories], dtype=np.int64)
    # A story the folder's listing lacks was committed by another process since: it is on disk, and ranks
    # after the listed ones until the next load lists it.
    by_file = np.argsort([rank.get(story.path, len(relatives)) for story in stories], kind="stable")
    first_in_file = np.zeros(len(stories), dtype=np.int64)
    first_in_file[by_file] = np.concatenate(([0], np.cumsum(counts[by_file])[:-1]))
    first_here = np.array([story.first_passage for story in stories], dtype=np.int64)
    if not np.array_equal(first_in_file, first_here):
        # On a copy: one part is its own join, and its index is its segment's, which a later load may reuse.
        index = copy.copy(joined.index)
        index.tie_order = np.repeat(first_in_file - first_here, counts) + np.arange(int(counts.sum()))
        # Its stories found, completed and listed in file order too (their ties went by story number).
        finder = (joined.story_finder or StoryFinder(stories)).in_file_order(by_file)
        joined = replace(joined, index=index, story_finder=finder)
    problems = [skipped[path][1] for path in relatives if path in skipped]
    return replace(joined, corpus=replace(joined.corpus, problems=(*walk_problems, *problems)))


def story_state(path: Path, beside: Sequence[Path], listed: int) -> str:
    """A story's file's state (file_state), and each file's beside it its story also comes from (a Calibre book's
    record and other formats: StoryFiles.beside), so that a title changed in Calibre's record reads the book again."""
    return " ".join([file_state(path, listed), *(f"+ {file_state(other, listed)}" for other in beside)])


def file_state(path: Path, listed: int) -> str:
    """A story file's size, modification and status-change times: they stand for its content (chmod
    changes the last, so a story that became readable or unreadable counts as changed).

    On a filesystem that keeps times to the second (ext3, ext4 of small inodes) or two (FAT), a file written within
    RACY_NS of `listed` (when the folder was listed, in ns) may be written again after it is read, at its size, its
    times unmoved: its state is marked with the listing's time, so that it matches no later one, and the next load
    reads it again (as git treats a file
    written in the second its index was). Times kept to the nanosecond move with every write."""
    try:
        info = path.stat()
    except OSError as error:
        return f"unreadable:{error.errno}"
    state = f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"
    newest = max(info.st_mtime_ns, info.st_ctime_ns)
    return f"{state}:racy at {listed}" if newest % 10**9 == 0 and listed - newest < RACY_NS else state


def _relatives(root: Path, paths: Sequence[Path]) -> list[str]:
    """Each path below root as read (`root / ...`), relative to it with forward slashes, as stories name
    their files: by its text, not one pathlib parse each (a library of thousands of files loads in a moment)."""
    prefix = f"{root}{os.sep}"
    return [
        text[len(prefix) :].replace(os.sep, "/")
        if (text := str(path)).startswith(prefix)
        else path.relative_to(root).as_posix()
        for path in paths
    ]


def _skipped(segments: SegmentSet) -> dict[str, tuple[str, Problem]]:
    """The files that gave no story when last read: their state then, and why. An entry this version cannot read (a
    cause it does not know, a fact of another type) is left out: its file is read again."""
    skipped = segments.about.get("skipped", {})
    if not isinstance(skipped, dict):
        raise IndexRefused(IndexFault.SKIPPED_NOT_A_MAPPING, MANIFEST)
    found: dict[str, tuple[str, Problem]] = {}
    for path, entry in skipped.items():
        match entry:
            case [str(state), dict(data)]:
                problem = Problem.from_data(data)
                if problem is not None and problem.file == path:
                    found[path] = (state, problem)
    return found


def _saved_skipped(skipped: dict[str, tuple[str, Problem]]) -> dict[str, list[object]]:
    """The files that gave no story as the manifest keeps them: [state, the problem as data]."""
    return {path: [state, problem.as_data()] for path, (state, problem) in skipped.items()}


def _skip_state(state: str, problem: Problem, reading_seconds: float | None) -> str:
    """A skipped file's state as kept: for one that took longer than its reading was given (bot.core.timed_reading),
    with that time, so it is read again once the time changes. A skip for time is no verdict on the file (the machine
    may have been busy): it was kept, naming the old limit, until the file changed, whatever the limit said since. The
    owner may also have it read again as it is (IndexStore.load's `read_cut_short_again`)."""
    return f"{state} within {reading_seconds} s" if problem.reason is SkipReason.TOO_SLOW else state


def _still_skipped(
    skipped: dict[str, tuple[str, Problem]], path: str, state: str, reading_seconds: float | None
) -> bool:
    """Whether a file that gave no story when last read is as it was then: its state, and for a skip for time, the
    time its reading is given (_skip_state)."""
    entry = skipped.get(path)
    return entry is not None and entry[0] == _skip_state(state, entry[1], reading_seconds)


def _problems_by_path(
    states: dict[str, str], unread: list[str], problems: Sequence[Problem], reading_seconds: float | None
) -> dict[str, tuple[str, Problem]]:
    """Each file read without giving a story, with its state as kept (_skip_state) and the first problem that
    names it."""
    wanted = set(unread)
    named: dict[str, Problem] = {}
    for problem in problems:
        if problem.file in wanted and problem.file not in named:
            named[problem.file] = problem
    kept = {path: _skip_state(states[path], named[path], reading_seconds) for path in unread if path in named}
    return {path: (state, named[path]) for path, state in kept.items()}


def _opened_parts(
    store: SegmentStore,
    root: Path,
    params: BM25Params,
    known: dict[tuple[str, int], SegmentParts],
    verify: bool = False,
) -> tuple[dict[tuple[str, int], SegmentParts], SegmentSet]:
    """The segments the manifest names now and each one's parts by (name, generation), those already
    opened (`known`) kept. A writer that removed a file meanwhile (a merge) means reading the newer manifest."""
    for _ in range(OPEN_ATTEMPTS - 1):
        with contextlib.suppress(FileNotFoundError):
            return _parts_now(store, root, params, known, verify)
    return _parts_now(store, root, params, known, verify)


def _parts_now(
    store: SegmentStore, root: Path, params: BM25Params, known: dict[tuple[str, int], SegmentParts], verify: bool
) -> tuple[dict[tuple[str, int], SegmentParts], SegmentSet]:
    segments = store.open(verify=verify)
    parts = {}
    for segment in segments.segments:
        key = (segment.name, segment.generation)
        parts[key] = known.get(key) or segment_parts(store.folder, segment, root, params)
    return parts, segments
