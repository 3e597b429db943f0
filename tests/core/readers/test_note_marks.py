from operator import index
from typing import SupportsIndex

import pytest

from bot.core.corpus import read_story
from bot.core.readers.note_marks import is_raised_mark, text_before, without_symbol_mark, without_symbol_notes
from bot.core.readers.reader import Block


@pytest.mark.parametrize(("raised", "before"), [("1", "n"), ("12", ","), ("[3]", "e"), ("*", "s"), ("†", "”")])
def test_a_raised_mark_against_a_word_or_its_punctuation(raised, before):
    assert is_raised_mark(raised, before)


@pytest.mark.parametrize(
    ("raised", "before"),
    [
        ("6", "0"),  # a power: 10⁶
        ("st", "1"),  # an ordinal's letters
        ("th", "h"),  # no mark
        ("1", " "),  # a note's own number, opening its line
        ("1", ""),
        ("1984", "n"),  # a year
    ],
)
def test_no_raised_mark(raised, before):
    assert not is_raised_mark(raised, before)


def test_the_text_before_is_the_last_character_read():
    assert text_before(["Bergen", "", ""]) == "n"
    assert text_before(["", ""]) == ""


def test_a_note_opening_with_a_symbol_takes_its_mark_from_the_word_it_follows_in_the_paragraph_above():
    before = "a tarred rope* while the water broke, * * * and 5 * 3"
    assert without_symbol_mark("* Tarred hemp.", before) == "a tarred rope while the water broke, * * * and 5 * 3"
    assert without_symbol_mark("\u2020\u2020 A cross.", "the chart\u2020\u2020 showed it") == "the chart showed it"
    assert without_symbol_mark("* Tarred hemp.", "a tarred rope while * the water") is None  # after no word
    assert without_symbol_mark("1 Tarred hemp.", "a tarred rope1 while") is None  # a number is no symbol
    assert without_symbol_mark("*", "rope*") is None  # a mark alone is no note


def test_a_marks_symbol_after_a_words_stop_is_its_mark_and_one_closing_emphasis_is_none():
    assert without_symbol_mark("* Tarred hemp.", "tarred rope,* and set off") == "tarred rope, and set off"
    assert without_symbol_mark("\u2020 Amos Fell.", "the salt across.\u2020") == "the salt across."
    assert without_symbol_mark("* Eggs and lamp oil.", "she was *very* tired") is None  # emphasis typed as text


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_notes_typed_under_their_paragraphs_with_a_symbols_mark_are_no_story_text(tmp_path, suffix):
    # Typed in the text's own type, in plain text or a Word file with no footnotes inserted: each note was a passage
    # in the middle of its chapter, and its mark read into its word.
    paragraphs = [
        "Wren tied the salt sacks to the mule with tarred rope,* and set off before the sun was up.",
        "* Tarred hemp, bought at Lymington quay for a penny a fathom.",
        "At the ford the river was high, and Wren paid a carter to take the salt across.\u2020",
        "\u2020 The carter was Amos Fell, who whistled hymns.",
        "Her mule was called Pepper and hated bridges.",
    ]
    if suffix == ".docx":
        docx = pytest.importorskip("docx")
        document = docx.Document()
        for text in paragraphs:
            document.add_paragraph(text)
        document.save(str(tmp_path / "salt.docx"))
    else:
        (tmp_path / "salt.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    assert [passage.text for passage in read_story(tmp_path / f"salt{suffix}")[1]] == [
        "Wren tied the salt sacks to the mule with tarred rope, and set off before the sun was up.",
        "At the ford the river was high, and Wren paid a carter to take the salt across.",
        "Her mule was called Pepper and hated bridges.",
    ]


def test_a_list_under_a_paragraph_with_emphasis_typed_as_text_is_read():
    blocks = [Block("She was *very* tired."), Block("* Eggs for the inn."), Block("* Lamp oil.")]
    assert without_symbol_notes(blocks) == blocks


@pytest.mark.parametrize(
    ("paragraph", "under"),
    [
        # Emphasis over several words typed as text: its closing "*" follows a word, as a mark would.
        ("*I can't do this anymore*, she thought, and closed the laptop.", "* Buy milk\n* Call Mum\n* Find the key"),
        ("Ron typed: *mate where are you*, and waited.", "* Harry has left the chat *"),
        ("Hermione sighed. *Boys*, she thought.", "* * * Three days later * * *"),
        # A mark after a word, but a list under it: more notes than the paragraph has marks.
        ("She packed the rope,* the salt and the lamp.", "* Buy milk\n* Call Mum"),
        # A line closing with the symbol is no note.
        ("She packed the rope,* the salt and the lamp.", "* Harry has left the chat *"),
    ],
)
def test_a_paragraph_under_one_that_holds_its_symbol_as_emphasis_or_a_list_is_the_storys(paragraph, under):
    blocks = [Block(paragraph), Block(under), Block("She went to bed.")]
    assert without_symbol_notes(blocks) == blocks


class _ScanCounted(str):
    """A paragraph counting the characters its searches may look through: a search back from each mark to its word's
    start looked through the whole run of marks again at each mark."""

    scanned = 0

    def find(self, sub: str, start: SupportsIndex | None = None, end: SupportsIndex | None = None) -> int:
        found = super().find(sub, start, end)
        _ScanCounted.scanned += (len(self) if found == -1 else found) - index(start or 0)
        return found

    def rfind(self, sub: str, start: SupportsIndex | None = None, end: SupportsIndex | None = None) -> int:
        found = super().rfind(sub, start, end)
        _ScanCounted.scanned += (len(self) if end is None else index(end)) - max(found, index(start or 0))
        return found


def test_a_long_run_of_marks_is_looked_through_in_steps_linear_in_it():
    for before in (_ScanCounted("*" + "x*" * 20_000), _ScanCounted("x**" * 20_000)):
        _ScanCounted.scanned = 0
        assert without_symbol_mark("* A note here.", before) is None  # emphasis, or marks after marks
        assert _ScanCounted.scanned <= 4 * len(before)
