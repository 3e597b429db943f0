"""A manuscript's frame in a Word or RTF document (Scrivener's compile, a writer's own Word setup): no story text."""

from __future__ import annotations

from bot.core.readers.manuscript_frame import without_manuscript_frame
from bot.core.readers.reader import Block
from bot.core.readers.rtf import RtfReader

STORY = [
    Block("Chapter One", heading=True),
    Block("Ingrid lived in a hut at the edge of the salt marsh."),
    Block("Chapter Two", heading=True),
    Block("The letter came on a Tuesday."),
]


def texts(blocks: list[Block]) -> list[str]:
    return [block.text for block in blocks]


def test_scriveners_manuscript_compile_to_rtf_reads_without_its_contact_block_title_and_end():
    # Scrivener 3's "Manuscript" compile: the name and word count on a right tab, the address, the title centred
    # under them, "by" its author, the chapters, "END". The address and phone number were passages, answering "What is
    # the author's phone number?" in a server the owner never meant to show them to.
    rtf = (
        rb"{\rtf1\ansi{\info{\title The Salt Road}{\author Margaret Lindqvist}}"
        rb"\pard Margaret Lindqvist\tab about 2,300 words\par\pard 1234 Harbour Lane\par\pard Duluth, MN 55802\par"
        rb"\pard (218) 555-0134\par\pard margaret@lindqvistbooks.com\par"
        rb"\pard\qc THE SALT ROAD\par\pard\qc by Margaret Lindqvist\par"
        rb"\pard\qc\b Chapter One\b0\par\pard Ingrid lived in a hut at the edge of the salt marsh.\par"
        rb"\pard\qc\b Chapter Two\b0\par\pard The letter came on a Tuesday.\par\pard\qc END\par}"
    )
    story = RtfReader().read(rtf)
    assert story.title == "The Salt Road"
    assert [(block.text, block.heading) for block in story.blocks] == [(b.text, b.heading) for b in STORY]


def test_a_frame_is_its_lines_to_the_title_or_the_first_heading_or_a_sentence():
    frame = [Block("Margaret Lindqvist about 2,300 words"), Block("margaret@lindqvistbooks.com")]
    assert texts(without_manuscript_frame([*frame, *STORY, Block("THE END")], None)) == texts(STORY)
    opening = [*frame, Block('"Come here," she said.'), Block("Ingrid came.")]
    assert texts(without_manuscript_frame(opening, None)) == ['"Come here," she said.', "Ingrid came."]


def test_a_story_that_opens_by_counting_words_or_has_no_word_count_keeps_every_line():
    counted = [Block("He wrote 500 words"), Block("Then he slept"), *STORY, Block("END")]
    assert without_manuscript_frame(counted, None) == counted
    letter = [Block("1234 Harbour Lane"), Block("margaret@lindqvistbooks.com"), *STORY, Block("END")]
    assert without_manuscript_frame(letter, None) == letter
