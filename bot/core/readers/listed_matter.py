"""A plain-text book's contents and index typed as lists under their names, as Project Gutenberg keeps a printed
collection's: "CONTENTS" over its tales' titles (with their pages or none), "INDEX" over "Eels, catching of, 3, 5".
Nothing else marks them, and each was read as passages, the contents one of every tale's name, the index one of
names and numbers that a question about a place or a person found. A list of chapter lines, or one set in columns,
is text.py's."""

from __future__ import annotations

from collections.abc import Callable

from bot.core.readers.reader import Block

CONTENTS_NAMES = frozenset({"contents", "table of contents", "list of illustrations", "illustrations"})
INDEX_NAMES = frozenset({"index", "general index"})
SENTENCE_ENDS = (".", "!", "?", "\u2026", '"', "\u201d", "'", "\u2019")
"""How a paragraph of prose ends; a list's entry ends in its name or its page."""
PAGE_MARKS = frozenset({"f.", "ff.", "sq.", "sqq.", "seq.", "n.", "nn."})
"""What an index's entry may end in after its page: "and the pages following" ("Abbey, 12 ff.", "15 sq."), "in the
note" ("27 n.")."""
ROMAN_PAGE = frozenset("ivxlc")
"""The letters of a preface's pages ("Preface, xi.")."""
NUMBERED_SHARE = 0.2
"""The least share of an index paragraph's words that are numbers, its pages ("Littleport, 12, 14"): prose has
next to none."""


def without_listed_matter(blocks: list[Block]) -> list[Block]:
    """The blocks less a contents list under its name before the book's first heading (its name and the paragraphs
    after it, where each ends no sentence and the first heading follows them: a poem's stanzas after it, where no
    heading names the poems, may end none) and an index under its name (its name and the paragraphs after it whose
    words are numbers a good share of them, its cross-references or an index's letter, to the next heading or the
    book's end: a transcriber's note after it is kept)."""
    left_out: set[int] = set()
    first = next((n for n, block in enumerate(blocks) if block.heading), len(blocks))
    named = next((n for n in range(first) if _name(blocks[n].text) in CONTENTS_NAMES), None)
    if named is not None and first < len(blocks):
        listed = _run(blocks, named + 1, lambda text: not text.rstrip().endswith(SENTENCE_ENDS))
        left_out.update(range(named, listed) if named + 1 < listed == first else ())
    for n, block in enumerate(blocks):
        if not block.heading and is_index_name(block.text):
            listed = _run(blocks, n + 1, _is_index_paragraph, headed=False)
            left_out.update(range(n, listed) if listed > n + 1 else ())
    return [block for n, block in enumerate(blocks) if n not in left_out]


def is_index_name(line: str) -> bool:
    """Whether a line names a book's index ("INDEX"), after which its letters ("L", a Roman numeral) name no chapter."""
    return _name(line) in INDEX_NAMES


def _run(blocks: list[Block], start: int, listed: Callable[[str], bool], *, headed: bool = True) -> int:
    """Where the run of paragraphs from `start` that are `listed` ends: at the first that is not, or at a heading
    (`headed`; an index's letter read as a chapter line, "L", is none)."""
    end = start
    while end < len(blocks) and (not blocks[end].heading or not headed) and listed(blocks[end].text):
        end += 1
    return end


def _is_index_paragraph(text: str) -> bool:
    """An index's entries, their words numbers a good share of them and ending in a page, not a sentence ("Eels,
    catching of, 3, 5"; not "It held cards: 12, 14, 15, 19 and 22 were missing."), or its letter alone ("L", "B.";
    not "No"). A page may be followed by "ff." or "n.", and an entry may send the reader on ("Acre, see Land."):
    an index whose paragraph ended so was ended there, the rest of it read as the story's text."""
    stripped = text.strip()
    if not stripped:
        return False  # no entry, though each of its no lines sends the reader on
    if len(stripped.rstrip(".")) == 1:
        return stripped[0].isalpha()
    lines = [line for line in stripped.splitlines() if line.strip()]
    if stripped.endswith(SENTENCE_ENDS) and not (_ends_in_page(stripped) or _cross_reference(lines[-1])):
        return False
    words = text.split()
    numbers = sum(word.strip(",.;-\u2013").isdigit() for word in words)
    return (numbers > 0 and numbers >= NUMBERED_SHARE * len(words)) or all(map(_cross_reference, lines))


def _ends_in_page(entry: str) -> bool:
    """Whether an index's entry ends in a page: "12.", "12 ff.", "27 n.", "Preface, xi."."""
    last = entry.split()[-1].casefold()
    if last in PAGE_MARKS:
        return True
    page = last.rstrip(".")
    return page[-1:].isdigit() or (entry.rstrip(".").endswith(f", {page}") and set(page) <= ROMAN_PAGE)


def _cross_reference(line: str) -> bool:
    """Whether a line of an index sends its reader to another entry, by its name: "Acre, see Land.", "See also
    Barley." (not "Come, see you tomorrow.")."""
    words = line.split()
    for at, word in enumerate(words):
        if word.casefold() == "see" and (at == 0 or words[at - 1].endswith(",")):
            named = words[at + 2 if words[at + 1 : at + 2] == ["also"] else at + 1 :]
            return bool(named) and named[0][:1].isupper()
    return False


def _name(text: str) -> str:
    return " ".join(text.casefold().split()).strip(".:")
