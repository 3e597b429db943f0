from bot.cli.render import BOLD, RESET, excerpt_lines
from bot.core.answer import Excerpt


def test_an_excerpts_line_break_starts_a_line_and_its_words_wrap_within_each():
    text = '"Who found him?" asked O\'Brien.\n"The maid, Sarah Pike, sir. At seven o\'clock this morning."'
    found = text.index("found")
    shown = excerpt_lines(Excerpt(text, ((found, found + 5),)), bold=True, width=40)
    assert shown.split("\n") == [
        f'  "Who {BOLD}found{RESET} him?" asked O\'Brien.',
        '  "The maid, Sarah Pike, sir. At seven',
        "  o'clock this morning.\"",
    ]


def test_an_excerpt_of_one_paragraph_wraps_by_its_width_alone():
    text = "The farmer found them at dawn, under the porch, where the puppies hid from the storm."
    assert excerpt_lines(Excerpt(text, ()), bold=False, width=44).split("\n") == [
        "  The farmer found them at dawn, under the",
        "  porch, where the puppies hid from the",
        "  storm.",
    ]
