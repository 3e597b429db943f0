"""A name put on one line: line breaks, other controls and bidirectional controls shown as escapes, so that a name
can neither start a line of its own nor turn the rest of its line around; other characters as they are."""

from bot.one_line import one_line


def test_line_breaks_controls_and_separators_are_escaped():
    name = "new\nline\r\x1b[1A\x85\u2028\u2029.md"
    assert one_line(name) == "new\\nline\\r\\x1b[1A\\x85\\u2028\\u2029.md"
    assert one_line(name).isprintable()


def test_bidirectional_controls_are_escaped_and_other_scripts_kept():
    assert one_line("evil\u202edm.txt") == "evil\\u202edm.txt"
    assert one_line("مرحبا\u200f Москва 東京.md") == "مرحبا\\u200f Москва 東京.md"
