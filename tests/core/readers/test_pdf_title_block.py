from dataclasses import dataclass, field, replace

from bot.core.readers.pdf_title_block import DATE, without_title_block


@dataclass
class Line:
    page: int
    x: float
    size: float
    text: str
    y: float = field(default=0.0, compare=False)  # placed by story(), and not compared


def story(*top: Line) -> list[Line]:
    """A first page: `top` (each line placed two of its sizes under the one before, as \\maketitle spaces them,
    where it gives no height), then the story's lines in 10 point type at the margin (50), then a second page."""
    placed, y = [], 700.0
    for line in top:
        y = line.y or y - 2 * line.size
        placed.append(line if line.y else replace(line, y=y))
    text = [Line(0, 50, 10, "The keeper climbed the stairs to the lamp room every evening.") for _ in range(3)]
    return [*placed, *text, Line(1, 50, 10, "The fog came in over the harbour wall.")]


def test_the_author_and_date_centered_under_the_title_atop_the_first_page_are_left_out():
    title, author, date = Line(0, 120, 17, "The Keeper"), Line(0, 140, 12, "Ann Example"), Line(0, 138, 12, "May 2026")
    lines = story(title, author, date)
    assert without_title_block(lines, 10) == [title, *lines[3:]]
    section = Line(0, 50, 14, "1 The Lighthouse")  # a section's heading, flush left, under the block
    assert without_title_block(story(title, author, date, section), 10) == [title, section, *lines[3:]]
    over = [Line(0, 100, 17, "The Keeper of the Light"), Line(0, 130, 17, "at Skarvik")]  # a title over two lines
    assert without_title_block(story(*over, author, date), 10)[:3] == [*over, lines[3]]


def test_lines_under_a_title_without_a_date_or_with_dates_further_on_are_kept():
    title, subtitle = Line(0, 120, 17, "The Keeper"), Line(0, 130, 12, "A Winter's Tale")
    lines = story(title, subtitle)
    assert without_title_block(lines, 10) == lines
    diary = story(title, Line(0, 140, 12, "12 March 1912"))  # a diary's first entry, each headed by its date
    diary += [Line(1, 140, 12, "13 March 1912"), Line(1, 50, 10, "The wind again.")]
    assert without_title_block(diary, 10) == diary
    flush = story(title, Line(0, 50, 12, "May 2026"))  # a date at the text's margin is no centered block's
    assert without_title_block(flush, 10) == flush


def test_a_date_is_written_as_latex_and_people_write_one():
    for date in ("December 2, 2026", "2 December 2026", "December 2026", "Dec. 2026", "2nd May 2026", "2026"):
        assert DATE.fullmatch(date), date
    for other in ("Ann Example", "May the Fourth", "The Year 2026", "12026"):
        assert not DATE.fullmatch(other), other


def test_a_centered_heading_that_is_a_year_under_the_author_is_the_storys():
    # \\maketitle sets the author and the date in one type. With no date (\\date{}), a first section centered in its
    # larger type and named by a year ("1912") was taken for the date: the chapter's heading was left out.
    title, author = Line(0, 120, 17, "The Keeper"), Line(0, 140, 12, "Ann Example")
    heading = Line(0, 150, 14.4, "1912")
    lines = story(title, author, heading)
    assert without_title_block(lines, 10) == lines
    alone = story(title, Line(0, 150, 12, "1912"))  # nothing between the title and the year: no author's line
    assert without_title_block(alone, 10) == alone
    date = Line(0, 138, 12, "May 2026")  # \maketitle's date over that heading: the block is the author and the date
    assert without_title_block(story(title, author, date, heading), 10) == [title, heading, *lines[3:]]


def test_lines_set_by_hand_under_the_title_at_their_line_spacing_are_the_storys():
    # A first page set by hand: the title, then "Summer" and "1912" centered in one type under it, were taken for
    # \\maketitle's author and date and left out. \\maketitle skips an em between the author and the date (they stand
    # 1.9 to 2 sizes apart in article, report and memoir); lines set one under the other stand 1.2 sizes apart.
    title = Line(0, 265, 17.2, "The Keeper", y=705.1)
    season, year = Line(0, 284, 12, "Summer", y=676.2), Line(0, 294, 12, "1912", y=662.3)
    lines = story(title, season, year)
    assert without_title_block(lines, 10) == lines
    author, date = Line(0, 270, 12, "Ann Example", y=636.4), Line(0, 260, 12, "December 2, 2026", y=612.9)
    assert without_title_block(story(replace(title, y=665.3), author, date), 10)[:2] == [
        replace(title, y=665.3),
        lines[3],
    ]
