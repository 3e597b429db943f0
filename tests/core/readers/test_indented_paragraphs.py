from bot.core.readers.indented_paragraphs import indent_parted
from bot.core.readers.text import TextReader

# A book as a word processor's first-line indent saves it as text: wrapped at 78, no blank line between paragraphs.
HARBOUR = [
    "Maren left the harbour before dawn, when the fog still lay thick over the",
    "water and the gulls had not yet begun their crying.",
]
LANTERN = [
    "She carried her father's lantern, though she did not need it, and a loaf of",
    "bread wrapped in a cloth her mother had embroidered years ago.",
]
TIDE = [
    '"You\'ll be back by the tide," old Tomas called from the breakwater. It was',
    "not a question.",
]
SAID = ['"By the tide," she said.']
ROAD = [
    "The road climbed through the heather to the ridge, and from there she could",
    "see the whole of the bay laid out like a map.",
]
RAIN = [
    "She sat on the cairn and ate half the bread. The wind had shifted to the west",
    "and it smelled of rain.",
]


def book(indent: str) -> str:
    def chapter(*paragraphs: list[str]) -> str:
        return "\n".join(indent + "\n".join(lines) for lines in paragraphs)

    first, second = chapter(HARBOUR, LANTERN, TIDE, SAID), chapter(ROAD, RAIN)
    return f"The Salt Road\n\nCHAPTER 1\n\n{first}\n\nCHAPTER 2\n\n{second}\n"


def test_paragraphs_marked_by_indentation_alone_are_read_apart():
    # Each chapter was one passage: paragraphs were read between blank lines alone.
    for indent in ("    ", "\t", "  "):
        story = TextReader().read(book(indent).encode())
        assert story.title == "The Salt Road"
        assert [(block.text, block.heading) for block in story.blocks] == [
            ("CHAPTER 1", True),
            (" ".join(HARBOUR), False),
            (" ".join(LANTERN), False),
            (" ".join(TIDE), False),
            (SAID[0], False),
            ("CHAPTER 2", True),
            (" ".join(ROAD), False),
            (" ".join(RAIN), False),
        ]


def test_a_chapter_line_over_its_first_indented_paragraph_names_the_chapter():
    paragraphs = (HARBOUR, LANTERN, TIDE, SAID, ROAD, RAIN)
    text = "CHAPTER 1\n" + "\n".join("    " + "\n".join(lines) for lines in paragraphs)
    story = TextReader().read(text.encode())
    assert [block.text for block in story.blocks] == ["CHAPTER 1", *(" ".join(lines) for lines in paragraphs)]


def test_the_text_after_an_indented_letter_is_no_wrap_of_its_last_line():
    # The story goes on at the margin under an indented letter, as typeset text opens no indent after a quotation:
    # the letter's last line and the paragraph after it were one passage.
    letter = ["    I am leaving. The house is yours.", "    I have taken the car and nothing else."]
    text = "\n".join(
        ["CHAPTER 1", *HARBOUR, "    " + LANTERN[0], *LANTERN[1:], *letter, *ROAD, "    " + RAIN[0], RAIN[1]]
    )
    story = TextReader().read(text.encode())
    assert [block.text for block in story.blocks] == [
        "CHAPTER 1",
        " ".join(HARBOUR),
        " ".join(LANTERN),
        *(line.strip() for line in letter),
        " ".join(ROAD),
        " ".join(RAIN),
    ]


def test_one_long_unwrapped_line_parts_no_paragraph_at_a_wrapped_lines_sentence_end():
    # The longest line was taken for the width: every wrapped line ending a sentence then ended its paragraph.
    letter = [
        "The morning was grey. She opened the envelope with a knife",
        "and read it standing by the window, which was wet. It was",
        "from her brother. He wrote that the farm was sold at last.",
        "She sat down.",
    ]
    said = '"Well," she said aloud to nobody at all, "that is that, and there is no going back to any of it now."'
    rain = ["Outside the rain went on all day. The carter came at noon", "with the post and said nothing of it."]
    text = "\n".join(["    " + letter[0], *letter[1:], "    " + said, "    " + rain[0], rain[1]])
    assert [block.text for block in TextReader().read(text.encode()).blocks] == [
        " ".join(letter),
        said,
        " ".join(rain),
    ]


BALLAD = """It is an ancient Mariner,
   And he stoppeth one of three.
'By thy long grey beard and glittering eye,
   Now wherefore stopp'st thou me?
The Bridegroom's doors are opened wide,
   And I am next of kin;
The guests are met, the feast is set:
   May'st hear the merry din.'
"""
WALRUS = """The sun was shining on the sea,
  Shining with all his might:
He did his very best to make
  The billows smooth and bright--
And this was odd, because it was
  The middle of the night.
"""
SONG = """Low tide, low tide, bring the herring home.
  Bring my brother Anders, bring him through the foam.
Low tide, low tide, the lantern's in the sill.
  Bring my brother Anders, he is rowing still.
Low tide, low tide, the nets are on the shore.
  Bring my brother Anders, he will row no more.
"""


def test_verse_a_text_indented_throughout_and_a_blank_line_text_are_not_parted_at_indents():
    # A poem's indented lines end in commas as often as not; a song's lines, each ending a sentence, end alike over
    # the lines at the margin too.
    assert indent_parted(BALLAD) == BALLAD
    assert indent_parted(WALRUS) == WALRUS
    assert indent_parted(SONG) == SONG
    throughout = "\n".join("    " + line for lines in (HARBOUR, LANTERN, TIDE, SAID, ROAD) for line in lines)
    assert indent_parted(throughout) == throughout
    sentences = "\n".join(f"    {line}" for line in (*SAID, HARBOUR[1], LANTERN[1], TIDE[1]))  # a line each
    assert indent_parted(sentences) == sentences
    letter = "\n".join(["    Dear Maren. I write from the harbour.", "    The boats are in.", "    Yours, Tomas."])
    spaced = "\n\n".join(["\n".join(HARBOUR), "She read:", letter, "\n".join(LANTERN), "\n".join(TIDE)])
    assert indent_parted(spaced) == spaced
