import pytest

from bot.core.readers.unspaced_scripts import joined_without_space, unspaced_width


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [
        ("กลางแม่น้ำ", "เขาชอบ", True),  # Thai wraps between words, no space between them
        ("ໃນເມືອງ", "ຫຼວງ", True),  # Lao
        ("ភូមិ", "របស់", True),  # Khmer
        ("東京", "タワー", True),  # Japanese
        ("the lamp", "was lit", False),  # Latin: a space
        ("한국", "사람", False),  # Korean is written with spaces
        ("แม่น้ำ", "River", False),  # a Latin word after Thai: a space
        ("แม่น้ำ.", "เขา", False),  # a stop ends the line: as written
        ("", "เขา", False),
    ],
)
def test_lines_of_scripts_written_without_spaces_join_with_none(before, after, joined):
    assert joined_without_space(before, after) is joined


def test_marks_set_on_their_letter_take_no_width():
    assert unspaced_width("น้ำ") == unspaced_width("นา") == 1.0
    assert unspaced_width("東京") == 2.0
