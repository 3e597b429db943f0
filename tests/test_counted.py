"""A count said with its noun: one is singular, every other count (none too) plural, thousands grouped."""

from bot.counted import counted


def test_one_is_singular_and_every_other_count_plural():
    assert counted(1, "passage", "passages") == "1 passage"
    assert counted(0, "passage", "passages") == "0 passages"
    assert counted(22, "story", "stories") == "22 stories"


def test_large_counts_group_their_thousands():
    assert counted(1_234_567, "passage", "passages") == "1,234,567 passages"
