"""Reloading: the corpus folder read again and swapped in whole, with what changed and what went wrong."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from bot.core.corpus import FolderFault, FolderRefused, NoStories
from bot.core.corpus_diff import CorpusDiff
from bot.core.index_damage import IndexDamage
from bot.core.index_notes import IndexEvent, IndexNote
from bot.core.skipped import Problem
from bot.core.worker_ended import WorkerEnded
from bot.operations.library_holder import BuildTooLong, LibraryHolder


class Reloaded(StrEnum):
    """How a reload went; bot.messages.reload_text says it to a reader."""

    DONE = "done"
    NO_STORIES = "no_stories"
    """The folder gives no usable story: none of its files (Reload.skipped), or it cannot be read itself
    (Reload.fault), or its build's worker ended without an answer (Reload.worker_exit). The old library stays."""
    TOO_LONG = "too_long"
    """The build passed its time limit (Reload.limit, in seconds): stopped, and the old library stays."""


@dataclass(frozen=True, kw_only=True)
class Reload:
    outcome: Reloaded
    stories: int = 0
    passages: int = 0
    changes: CorpusDiff = field(default_factory=lambda: CorpusDiff((), (), ()))
    """Stories added, changed and removed, by path."""
    repaired: IndexDamage | None = None
    """Damage found in the old library's saved index while it answered, which the new one repairs."""
    notes: tuple[IndexNote, ...] = ()
    """What went wrong with the saved index while the new library was loaded."""
    skipped: tuple[Problem, ...] = ()
    """Files not read as stories, and why: with NO_STORIES, every file of the folder (`folder`), when it has any."""
    read_again: tuple[str, ...] = ()
    """The files the saved index kept as skipped for taking too long to read, read again as asked (as stories now, or
    among `skipped` still)."""
    folder: str = ""
    """The folder read, when it gave no story (NO_STORIES, unless its build's worker ended: `worker_exit`)."""
    fault: FolderFault | None = None
    """Why the folder itself could not be read (NO_STORIES), with the system's reason in `detail` if it gave one."""
    detail: str = ""
    worker_exit: int | None = None
    """How the build's worker process ended without an answer (NO_STORIES): its exit code (bot.core.worker_ended)."""
    limit: float = 0.0


async def reload(holder: LibraryHolder, *, read_cut_short_again: bool = False) -> Reload:
    """The holder's library read again from its folder; the old one kept when that fails. With `read_cut_short_again`
    (the owner's /reload, asking for the stories to be read), the files kept as skipped because their reading was cut
    short are read again too: a busy machine may have made them slow, or ended their reader."""
    try:
        old, new = await holder.reload(read_cut_short_again=read_cut_short_again)
    except BuildTooLong as error:
        return Reload(outcome=Reloaded.TOO_LONG, limit=error.limit)
    except NoStories as error:
        return Reload(outcome=Reloaded.NO_STORIES, folder=str(error.root), skipped=error.problems)
    except FolderRefused as error:
        return Reload(outcome=Reloaded.NO_STORIES, folder=str(error.root), fault=error.fault, detail=error.detail)
    except WorkerEnded as error:
        return Reload(outcome=Reloaded.NO_STORIES, worker_exit=error.exit_code)
    corpus = new.corpus
    again = IndexEvent.READ_AGAIN
    return Reload(
        outcome=Reloaded.DONE,
        stories=len(corpus.stories),
        passages=len(corpus.passages),
        changes=CorpusDiff.between(old.fingerprints, new.fingerprints),
        repaired=old.damage,
        notes=tuple(note for note in new.index_notes if note.event is not again),
        skipped=tuple(corpus.problems),
        read_again=tuple(note.file for note in new.index_notes if note.event is again),
    )
