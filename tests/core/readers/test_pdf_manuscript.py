import textwrap

import pytest

import bot.core.readers.pdf as pdf_reader
from bot.core.readers.manuscript_frame import is_word_count

pytest.importorskip("pypdf", reason="the PDF reader needs the formats extra: pip install -e '.[formats]'")
fpdf = pytest.importorskip("fpdf", reason="the PDF tests write their PDFs with fpdf2 (in the test extra)")

CONTACT = ["Ann Example", "12 Harbour Lane", "Skarvik, MN 55802", "(218) 555-0134", "ann@example.com"]
PARAGRAPHS = [
    "The keeper climbed the stairs to the lamp room every evening at dusk, when the fishing boats came home one "
    "after another past the rocks of the northern cape, and the gulls settled on the boathouse roof.",
    "Nobody in the village could say why she kept a brass telescope so carefully, though everyone in Skarvik had "
    "an opinion about it and shared it at the market on Saturdays, over the fish and the bread.",
    '"Not yet," said Maren.',
    "The wind came off the sea, rattling the windows of the boathouse and scattering the gulls across the sky. By "
    "morning the fog had lifted from the harbour wall, and the boats were out again beyond the cape.",
    "The baker brought bread and cloudberry jam up the hill, as he did every week, and stayed to hear about the "
    "ship that had passed in the night without a light, bound north for the ice.",
    "Late that winter the keeper discovered an amber pendant hidden beneath the loose floorboards of the signal "
    "cabin, wrapped in oilcloth and tied with thread, and she never told anyone where it had come from.",
]
STORY = PARAGRAPHS * 4
"""Four pages and more of it: its running head stands on three."""
LEFT, RIGHT, TOP, FOOT = 72, 540, 72, 720
"""A US Letter page's one-inch margins, in points from its top left."""


def write_manuscript(path, top: list[tuple[int, int, str]], middle: list[str], end: str | None = "END") -> None:
    """A story as William Shunn's standard manuscript format sets it, in Courier 12 on US Letter: `top`, lines at the
    first page's top, drawn in this order, each at its left edge (RIGHT: flush right) and on its row (single spaced),
    `middle`, lines centered half-way down, then STORY double spaced, each paragraph opening half an inch in, a running
    head "Example / THE KEEPER / n" atop each later page, and `end` centered under the last line."""
    pdf = fpdf.FPDF(unit="pt", format="letter")
    pdf.set_auto_page_break(False)
    pdf.set_font("Courier", size=12)

    def page() -> float:
        pdf.add_page()
        if pdf.page_no() > 1:
            head = f"Example / THE KEEPER / {pdf.page_no()}"
            pdf.text(RIGHT - pdf.get_string_width(head), 48, head)
        return TOP + 14

    def centered(text: str, y: float) -> None:
        pdf.text((LEFT + RIGHT - pdf.get_string_width(text)) / 2, y, text)

    page()
    for x, row, text in top:
        pdf.text(RIGHT - pdf.get_string_width(text) if x == RIGHT else x, TOP + 14 * row, text)
    y = 380.0
    for text in middle:
        centered(text, y)
        y += 24
    y += 24
    for paragraph in STORY:
        for number, line in enumerate(textwrap.wrap(paragraph, 58)):
            if y > FOOT:
                y = page()
            pdf.text(LEFT + (36 if number == 0 else 0), y, line)
            y += 24
    if end is not None:
        centered(end, y)
    pdf.output(str(path))


def read(path) -> tuple[str | None, list[str]]:
    story = pdf_reader.PdfReader().read(path.read_bytes())
    return story.title, [block.text for block in story.blocks]


@pytest.mark.parametrize(
    "top",
    [
        [
            *[(LEFT, row, line) for row, line in enumerate(CONTACT)],
            (RIGHT, 0, "About 1,200 words"),
        ],  # a line of its own
        [
            (LEFT, 0, CONTACT[0]),
            (RIGHT, 0, "about 1200 words"),
            *[(LEFT, row, line) for row, line in enumerate(CONTACT)][1:],
        ],
    ],
)
@pytest.mark.parametrize("end", ["END", "# # #", "The End", None])
def test_a_manuscripts_contact_block_word_count_title_by_line_and_end_are_no_story_text(tmp_path, top, end):
    # Standard manuscript format, as writers send stories to magazines: the contact block and the word count were the
    # story's first two passages, its title and "by" line run together its third ("The Keeper by Ann Example"), and
    # its closing "END" its last. The title the page gives is the story's, where the file's metadata gives none.
    write_manuscript(tmp_path / "keeper.pdf", top, ["The Keeper", "by Ann Example"], end)
    assert read(tmp_path / "keeper.pdf") == ("The Keeper", STORY)
    write_manuscript(tmp_path / "untitled.pdf", top, ["The Keeper"], end)  # no "by" line under the title
    assert read(tmp_path / "untitled.pdf") == ("The Keeper", STORY)
    write_manuscript(tmp_path / "long.pdf", top, ["The Keeper of the Light", "at Skarvik", "by Ann Example"], end)
    assert read(tmp_path / "long.pdf") == ("The Keeper of the Light at Skarvik", STORY)


def test_a_first_page_with_no_word_count_atop_it_is_the_storys(tmp_path):
    # A story that opens with a letter, its address at the top left and its date at the right, over a centered line
    # set apart below: no word count, no manuscript; and a story that opens with short lines of dialogue.
    address = [(LEFT, 0, "12 Harbour Lane"), (LEFT, 1, "Skarvik"), (RIGHT, 0, "2 May 1890")]
    write_manuscript(tmp_path / "letter.pdf", address, ["My dear Ingrid,"])
    title, read_blocks = read(tmp_path / "letter.pdf")
    assert title is None
    text = " ".join(read_blocks)
    assert all(line in text for line in ("12 Harbour Lane", "Skarvik", "2 May 1890", "My dear Ingrid,"))
    assert read_blocks[-1] != "END" and read_blocks[-1].endswith(STORY[-1][-20:])  # "END" closes any story
    dialogue = [(LEFT, 0, '"Is it done?"'), (LEFT, 1, '"Not yet. Four words more."')]
    write_manuscript(tmp_path / "dialogue.pdf", dialogue, ["The Keeper"], end=None)
    assert read(tmp_path / "dialogue.pdf")[1][:2] == ['"Is it done?" "Not yet. Four words more."', "The Keeper"]


def test_a_word_count_is_a_number_of_words_ending_its_line():
    for line in ("About 3,500 words", "3500 words", "approx. 12,000 words", "~900 words", "Ann Example about 80 words"):
        assert is_word_count(line), line
    for line in ("words", "About three thousand words", "3,500 words.", "In 300 words or fewer, she said", "1 2 3"):
        assert not is_word_count(line), line
