"""What happened to a library's saved index when it was loaded, as data: what came of it (IndexEvent), a stable code for
what was wrong (IndexFault) and the facts its message names. bot.messages alone says it in English (index_note_text)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class IndexEvent(StrEnum):
    DAMAGED = "damaged"
    """It failed its checks (a size, a checksum, its contents): not used, rebuilt."""
    UNTRUSTED = "untrusted"
    """Another user owns it, or others may write it: not used, rebuilt."""
    NOT_SAVED = "not_saved"
    """The rebuilt index could not be saved (IndexFault.SYSTEM: a full disk, no permission): answers come from
    memory."""
    READ_AGAIN = "read_again"
    """A file it kept as skipped for taking too long to read was read again, as the owner asked (`file`: its path;
    bot.core.saved_index.IndexStore.load's `read_cut_short_again`). Nothing was wrong: its `fault` is None."""


class IndexFault(StrEnum):
    """What was wrong with a saved index, or with saving one: stable, each with its message (bot.messages
    index_fault_text). `file` is the index file by name unless said otherwise."""

    # The system (any event)
    SYSTEM = "system"
    """An OSError: `detail` is the system's reason, `file` the path it named (NOT_SAVED: the index folder),
    `error_number` its errno."""
    # Not the user's alone (UNTRUSTED: bot.core.trusted_files)
    LINK = "link"
    OTHER_OWNER = "other_owner"
    """`number`: the owner's uid."""
    OTHERS_MAY_WRITE = "others_may_write"
    # Damage (DAMAGED)
    NOT_REGULAR = "not_regular"
    """A named pipe, a device or a folder where an index file should be."""
    NOT_AS_SAVED = "not_as_saved"
    """Its size or checksum is not the one saved."""
    CONTENTS = "contents"
    """What a writer read of `file` makes no sense (blocks whose widths do not add up, passages out of order)."""
    NOT_A_MANIFEST = "not_a_manifest"
    SKIPPED_NOT_A_MAPPING = "skipped_not_a_mapping"
    """The manifest's skipped files (`file`: the manifest)."""
    TERMS_OUT_OF_ORDER = "terms_out_of_order"
    """`file`: the segment."""
    POSTINGS_UNCOUNTED = "postings_uncounted"
    """`file`: the segment's index (s3-0a1b2c3d4e5f.passages): its posting lists disagree with their counts."""
    POSTINGS_MISFIT = "postings_misfit"
    """`file`: the postings, which with their offsets do not fit their segment's terms."""
    DELETIONS_MISFIT = "deletions_misfit"
    """`file`: the deletions (s3-0a1b2c3d4e5f.d2.passages)."""
    PASSAGES_UNCOUNTED = "passages_uncounted"
    """`file`: the segment, whose passages' files disagree on how many there are."""
    STORIES_MISFIT = "stories_misfit"
    """`file`: the segment, whose stories disagree with its passages."""
    TEXTS_UNCOUNTED = "texts_uncounted"
    """`file`: the segment, whose passages' texts disagree on how many there are."""
    OFFSETS_OUT_OF_ORDER = "offsets_out_of_order"
    """`number`: where they should end (running from 0 in order)."""
    PEOPLE_MISFIT = "people_misfit"
    """`file`: the segment, whose people disagree with its stories."""
    SPELLER_MISFIT = "speller_misfit"
    """`file`: the segment, whose speller's words disagree with its terms."""
    NPY_VERSION = "npy_version"
    """`detail`: the .npy format version it has (major.minor)."""
    NOT_NUMBERS = "not_numbers"
    """Not a one-dimensional .npy array of numbers."""
    SIZE_NOT_HEADER = "size_not_header"
    """`number`: its bytes, not what its .npy header says."""
    NESTED_TOO_DEEP = "nested_too_deep"
    """A JSON file of it nested past what Python decodes: no file storybot wrote (no `file`: the decoder names none)."""
    OTHER = "other"
    """An error no check foresaw (JSON that does not decode, a key missing): `detail`, its own words."""


@dataclass(frozen=True, kw_only=True)
class IndexNote:
    """Plain data (it comes back from the build's worker process, pickled)."""

    event: IndexEvent
    fault: IndexFault | None = None
    """What was wrong; None for READ_AGAIN."""
    file: str = ""
    """The file or folder it names (IndexFault says which), or the story file read again (READ_AGAIN)."""
    number: int | None = None
    """A number found: an owner's uid, a file's bytes, where offsets should end (IndexFault says)."""
    detail: str = ""
    """Words from outside storybot (the system's reason, an unforeseen error's) or a version (IndexFault says)."""
    error_number: int | None = None
    """For SYSTEM, the system's errno (None if it gave none): what to do about a NOT_SAVED depends on it (a full disk
    wants room, a missing or unwritable folder another folder)."""

    def __str__(self) -> str:
        """For the log, where the front ends' handlers word it (bot.messages.NotesWorded): the code and the facts."""
        facts = (self.file, self.number, self.detail, self.error_number)
        return " ".join([str(self.fault or self.event), *(str(fact) for fact in facts if fact not in ("", None))])


class IndexRefused(ValueError):
    """A saved index's file failed a check: what (IndexFault), which file, and the number or version found."""

    def __init__(self, fault: IndexFault, file: str = "", *, number: int | None = None, detail: str = ""):
        super().__init__(f"{fault.value}: {file}")  # the code and the file, for the log: no English
        self.fault, self.file, self.number, self.detail = fault, file, number, detail

    def __reduce__(self) -> tuple[type[IndexRefused], tuple[IndexFault, str], dict[str, object]]:
        return type(self), (self.fault, self.file), self.__dict__  # from a worker process, whole

    def note(self, event: IndexEvent) -> IndexNote:
        return IndexNote(event=event, fault=self.fault, file=self.file, number=self.number, detail=self.detail)
