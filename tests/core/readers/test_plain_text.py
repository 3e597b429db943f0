"""What text and Markdown files share, read as plain_text reads them: the bytes as UTF-8 (UTF-16 and UTF-32 by their
byte order marks), binary and empty files refused with their reason code, a title from front matter or a `# Title`
line, paragraphs between blank lines."""

import codecs

import pytest

from bot.core.readers.plain_text import decoded, leading_heading, paragraphs_of, split_title
from bot.core.skipped import Cause, StoryRefused


def refusal(raw: bytes) -> Cause:
    with pytest.raises(StoryRefused) as caught:
        decoded(raw)
    return caught.value.refusal.cause


def test_utf16_and_utf32_files_with_their_marks_read_as_their_text():
    text = "Sébastien played.\r\nMoscow listened."
    for mark, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF32_BE, "utf-32-be")):
        assert decoded(mark + text.encode(encoding)) == "Sébastien played.\nMoscow listened."


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_its_mark_reads_as_its_text_where_its_nul_bytes_say_so(encoding):
    # Refused for its NUL bytes, as a binary file: some tools write UTF-16 with no byte order mark.
    text = "S\u00e9bastien played \u201cthe Nocturne\u201d.\r\nMoscow listened."
    assert decoded(text.encode(encoding)) == "S\u00e9bastien played \u201cthe Nocturne\u201d.\nMoscow listened."
    # A binary file's NULs stand on both sides, and a few bytes with a NUL among them are a broken file: refused.
    assert refusal(b"ab\0\0cd\0\0") is Cause.NUL_BYTES
    assert refusal(b"\xff\xff\x00bad") is Cause.NUL_BYTES


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_its_mark_in_one_alphabet_reads_as_its_text(encoding):
    # Cyrillic and Greek letters have no NUL half; the spaces between words, Latin-1's, have.
    russian = "Мельник молол — «зерно».\r\n"
    greek = "Ο μυλωνάς άλεθε.\r\n"
    for text in (russian * 40, greek * 40):
        assert decoded(text.encode(encoding)) == text.replace("\r\n", "\n")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_its_mark_spread_over_many_blocks_or_with_control_characters_is_refused(encoding):
    # Japanese spreads over many blocks and parts no words by spaces: nothing tells it from binary without its mark.
    japanese = (
        "\u6614\u3005\u3001\u3042\u308b\u6751\u306b\u6c34\u8eca\u5c0f\u5c4b\u304c\u3042\u308a\u307e\u3057\u305f\u3002\r\n"
        * 20
    )
    assert refusal(japanese.encode(encoding)) is Cause.NUL_BYTES
    # Samples of a quiet sound: their high bytes 0 or 255, but their low bytes read as control characters.
    samples = b"".join(bytes((low, 0, low, 255)) for low in range(1, 256)) * 4
    assert refusal(samples if encoding == "utf-16-le" else bytes(reversed(samples))) is Cause.NUL_BYTES


def test_text_is_nfc_normalized_and_its_few_control_characters_dropped():
    long = " He played every night in Moscow, and the city came to listen." * 3
    assert decoded(f"Se\u0301bastien\x07 played.{long}".encode()) == f"Sébastien played.{long}"


def test_binary_empty_and_other_encodings_are_refused_with_their_cause():
    assert refusal(b"a\0b") is Cause.NUL_BYTES
    assert refusal(b"\x01\x02\x03 some text") is Cause.CONTROL_BYTES
    assert refusal(b" \n\t\n") is Cause.EMPTY
    assert refusal("Мельник молол зерно у реки каждую ночь.".encode("cp1251")) is Cause.NOT_ENCODED


def test_the_title_from_front_matter_or_a_leading_heading():
    assert split_title('---\ntitle: "The Mill"\nauthor: A\n---\nThe wheel turned.') == ("The Mill", "The wheel turned.")
    assert split_title("# The Mill #\nThe wheel turned.") == ("The Mill", "The wheel turned.")
    assert split_title("## Chapter One\nThe wheel turned.") == (None, "## Chapter One\nThe wheel turned.")
    assert split_title("#hashtag\nThe wheel turned.") == (None, "#hashtag\nThe wheel turned.")


@pytest.mark.parametrize(
    ("written", "title"),
    [
        ('"Run!" said the Fox', '"Run!" said the Fox'),  # a quote that only begins the title is the title's
        ("The Miller's 'Daughter'", "The Miller's 'Daughter'"),  # one that only ends it too
        ("'Tis the Season", "'Tis the Season"),
        ('"The Mill"', "The Mill"),  # a quoted value, as YAML reads it
        ("'The Mill'", "The Mill"),
        ("'It''s Late'", "It's Late"),
        (r'"\"Hello\" \\ Goodbye"', '"Hello" \\ Goodbye'),
    ],
)
def test_a_front_matter_title_keeps_its_own_quotes(written: str, title: str):
    assert split_title(f"---\ntitle: {written}\n---\nThe wheel turned.") == (title, "The wheel turned.")


@pytest.mark.parametrize(
    ("front", "title"),
    [
        # A title YAML runs on over the lines under it was named ">-" (a block scalar's indicator), or not at all.
        ("---\ntitle: >-\n  The Long\n  Mill\nauthor: A\n---", "The Long Mill"),
        ("---\ntitle: |\n  The Long Mill\n---", "The Long Mill"),
        ("---\ntitle:\n  The Long\n  Mill\n---", "The Long Mill"),
        ("---\ntitle: The Long\n  # wrapped\n  Mill\ntags: [a]\n---", "The Long Mill"),
        ("---\ntitle: The Mill # a draft's\n---", "The Mill"),  # a comment is YAML's, not the title's
        ('---\ntitle: "The Mill # 2"\n---', "The Mill # 2"),  # quoted, it is the title's
        # Hugo's and Zola's TOML front matter was the story's first passage.
        ('+++\ntitle = "The Mill"\ndate = 2024-01-01\n+++', "The Mill"),
        ("+++\ndraft = true\n+++", None),
    ],
)
def test_front_matter_titles_as_yaml_and_toml_read_them(front: str, title: str | None):
    assert split_title(f"{front}\n\nThe wheel turned.") == (
        title,
        "\nThe wheel turned." if title else "The wheel turned.",
    )


def test_plus_lines_around_what_toml_cannot_read_are_the_storys_own():
    text = "+++\nThe wheel [turned.\n+++\n\nMaren lit the lamp."
    assert split_title(text) == (None, text)
    deep = "+++\nx = " + "[" * 5000 + "\n+++\n\nMaren lit the lamp."  # tomllib recurses on nesting
    assert split_title(deep) == (None, deep)


def test_a_leading_heading_takes_up_to_its_levels():
    assert leading_heading("### Deep\nrest", levels=6) == ("Deep", "rest")
    assert leading_heading("### Deep\nrest", levels=2) is None
    assert leading_heading("#   \nrest", levels=1) is None  # no title in it


def test_paragraphs_are_between_blank_lines_stripped():
    paragraphs = paragraphs_of("\n  One line\nwrapped.\n \t\nTwo.\n\n\n  Three.  \n")
    assert paragraphs == ["One line\nwrapped.", "Two.", "Three."]


def test_a_page_break_ends_a_line_and_unicodes_separators_end_a_line_or_a_paragraph():
    # A line holding only a form feed (a page break) parted nothing, and U+2028/U+2029 stayed inside one passage.
    text = decoded(
        "First ends here.\n\f\nSecond, on a new page.\fStill the second.\u2029Third.\u2028Still third.".encode()
    )
    assert paragraphs_of(text) == [
        "First ends here.",
        "Second, on a new page.\nStill the second.",
        "Third.\nStill third.",
    ]


WESTERN = {
    "cp1252": "The miller\u2019s youngest son got only the cat. \u201cWhat shall I do now?\u201d he said \u2014 and "
    "the cat answered him.",
    "latin-1": "Il \u00e9tait une fois un meunier qui n'avait pour tout bien que son moulin, son \u00e2ne et son chat.",
}


@pytest.mark.parametrize("encoding", sorted(WESTERN))
def test_western_text_saved_by_windows_or_as_latin_1_is_read(encoding):
    # Windows' "Save as Text" writes Windows-1252: its curly quotes made every such story "not UTF-8 text".
    assert decoded(WESTERN[encoding].encode(encoding)) == WESTERN[encoding]


def test_an_encoding_a_gutenberg_header_declares_is_followed():
    text = "Character set encoding: ISO-8859-2\n\nMłynarz miał trzech synów; najmłodszy dostał tylko kota."
    assert decoded(text.encode("iso8859-2")) == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        # Polish in its Windows code page reads as Windows-1252 with signs within its words ("M³ynarz"): refused.
        ("Młynarz miał trzech synów; najmłodszy dostał tylko kota, i był smutny.", "cp1250"),
        ("Byl jednou jeden mlynář, který měl tři syny; nejmladší dostal jen kocoura.", "cp1250"),  # too many
        ("Μια φορά κι έναν καιρό ζούσε ένας μυλωνάς.", "cp1253"),
    ],
)
def test_text_in_another_code_page_is_refused_rather_than_guessed(text, encoding):
    assert refusal(text.encode(encoding)) is Cause.NOT_ENCODED


def test_utf8_with_a_damaged_byte_is_refused_not_read_as_windows_1252():
    # Read as Windows-1252, every "é" of it would be "Ã©".
    assert refusal("Sofia was born in Moscow, in a café by the Kremlin, and danced.".encode() + b"\xff") is (
        Cause.NOT_ENCODED
    )
