"""What someone typed, as it is searched: invisible characters inside a word leave it one word."""

import pytest

from bot.core.invisible_characters import plain_question, shows_text, trimmed

FORMAT_MARKS = {
    "left-to-right mark": "\u200e",
    "right-to-left override": "\u202e",
    "first strong isolate": "\u2068",
    "Arabic letter mark": "\u061c",
    "invisible times": "\u2062",
    "Mongolian vowel separator": "\u180e",
    "variation selector 16": "\ufe0f",
    "tag letter A": "\U000e0041",
}


@pytest.mark.parametrize("mark", FORMAT_MARKS.values(), ids=FORMAT_MARKS.keys())
def test_a_format_mark_inside_a_name_leaves_the_name_whole(library, mark):
    # Text copied from a right-to-left page, or carrying hidden tag characters, cut "Sébastien" in two ("séb" and
    # "astien"), and the question was answered from another story; a variation selector kept it from any word.
    answer = library.ask(f"Where was Séb{mark}astien born?")
    assert answer.best is not None and answer.best.story.startswith("Sébastien"), mark
    assert not answer.corrections
    assert library.person_finder.find(f"Séb{mark}astien").matches[0].name == "Sébastien Kalmurzaeva"
    assert (
        library.story_finder.find(f"Sébastien the Vio{mark}linist").matches
        == library.story_finder.find("Sébastien the Violinist").matches
    )


def test_what_parts_words_still_parts_them():
    # A zero-width space marks a break between words (Thai and Khmer write no spaces); a line break is a space.
    assert plain_question("Thai\u200bwords") == "Thai\u200bwords"
    assert plain_question("where\x1b[1m was\x0bshe \u202eborn\u202c") == "where was she born"


def test_text_of_invisible_characters_alone_shows_nothing():
    # Zero-width spaces, joiners, marks, a variation selector, a tag, a Hangul filler, the braille blank and white
    # space show a reader nothing; one letter, digit or stop among them does. Control characters are told apart before.
    for blank in (
        "",
        " \n\t\u00a0\u3000",
        "\u200b\u200c\u200d\u2060\ufeff\u00ad",
        "\u200e\u202e\u2066\ufe0f\U000e0041\u3164\u2800",
    ):
        assert not shows_text(blank)
    for shown in ("a", "\u200b7\u200b", "\u200b.", "\u0627\u200c", "\u0600", "\U0001f600\ufe0f", "\0"):
        assert shows_text(shown)


def test_a_title_loses_only_what_shows_nothing_and_binds_nothing_at_its_ends():
    # Zero-width spaces, joiners, a word joiner, a byte order mark and a soft hyphen at the ends go; a variation
    # selector ends its emoji, a right-to-left mark places a Hebrew title's stop, a non-joiner inside spells a Persian
    # word.
    assert trimmed("\u200b\ufeff The Mill\u00ad\u200c\u2060\u200d\n") == "The Mill"
    persian = "\u0645\u06cc\u200c\u062e\u0627\u0646\u0647"
    for kept in ("Snow \u2744\ufe0f", "\u05e9\u05dc\u05d5\u05dd!\u200f", persian, "Thai\u200bwords"):
        assert trimmed(kept) == kept
