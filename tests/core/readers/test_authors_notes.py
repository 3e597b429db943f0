import pytest

from bot.core.readers.authors_notes import without_authors_note
from bot.core.readers.html import HtmlReader
from bot.core.readers.text import TextReader

STORY = [
    "Nell Sayer took the lighthouse job on a Tuesday, because nobody else would climb two hundred steps.",
    "The old keeper gave her the key on a loop of tarred string.",
]


@pytest.mark.parametrize(
    "note",
    [
        "A/N: Hi everyone! Thanks to my beta readerbee22 for all the help.",
        "(A/N - reviews make my day!)",
        "Author's Note: Sorry this one is short, exams are killing me.",
        "authors note — next chapter by Friday",
    ],
)
def test_a_writers_note_typed_into_a_chapter_is_no_story_text(note):
    # FanFiction.net has no field for notes: "Who helped the author?" was answered from one, a passage of the chapter.
    raw = f"The Lighthouse Apprentice\n\nChapter 1: The Job\n\n{note}\n\n{STORY[0]}\n\n{STORY[1]}\n\n{note}\n"
    assert [block.text for block in TextReader().read(raw.encode()).blocks] == ["Chapter 1: The Job", *STORY]
    page = f"<html><head><title>The Lighthouse Apprentice</title></head><body><h2>Chapter 1</h2><p>{note}</p>"
    page += "".join(f"<p>{text}</p>" for text in STORY) + "</body></html>"
    assert [block.text for block in HtmlReader().read(page.encode()).blocks] == ["Chapter 1", *STORY]


def test_words_that_only_begin_like_a_note_are_the_story_s():
    for text in ("An/Nora said nothing.", "Authors noted it down: all of them.", "AN: hi"):
        assert without_authors_note(text) == text


def test_the_story_after_a_note_in_brackets_and_a_chapter_line_under_a_note_are_kept():
    # Each was left out with the note: the story's first sentence, and in plain text the chapter's line.
    assert without_authors_note("(A/N - set after season two) Harry stepped off the train.") == (
        "Harry stepped off the train."
    )
    raw = f"The Apprentice\n\nA/N: Thanks to my beta!\nChapter 2: The Smoke\n\n{STORY[0]}\n"
    assert [block.text for block in TextReader().read(raw.encode()).blocks] == ["Chapter 2: The Smoke", STORY[0]]


def test_the_storys_wrapped_lines_under_a_notes_line_that_ends_of_itself_are_kept():
    # A note on its own line over the chapter's first hard-wrapped paragraph, no blank line between: the opening
    # scene was left out with the note. A note wrapped over lines of its own is left out whole.
    scene = [
        "Harry walked into the Great Hall and the candles guttered all at once,",
        "as if a door had opened somewhere far above them. Nobody else seemed",
        "to notice. Ron was arguing with Seamus about the match.",
    ]
    noted = "\n".join(["A/N: Thanks to my beta reader Lin! Sorry this took so long.", *scene])
    assert without_authors_note(noted) == "\n".join(scene)
    wrapped = (
        "A/N: Thanks to my beta reader Lin, and to everyone who reviewed the\nlast chapter. It meant a lot.\nMore soon."
    )
    assert without_authors_note(wrapped) == ""
