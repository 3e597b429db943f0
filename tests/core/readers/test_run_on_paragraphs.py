"""A line that opens in lower case after one that ends no sentence runs on from it, in every format."""

import pytest

from bot.core.corpus import load_corpus
from bot.core.readers.run_on_paragraphs import runs_on

SONG = ["Low tide, low tide,", "bring the herring home,", "bring my brother Anders", "back across the foam."]
"""A song as Word users type one, a line to a paragraph."""


@pytest.mark.parametrize(
    ("before", "line", "expected"),
    [
        ("Low tide, low tide,", "bring the herring home,", True),
        ("She sang the old song:", "low tide, low tide", True),
        ("bring my brother Anders", "back across the foam.", True),
        ("He said \u201cwait\u201d.", "then he left.", False),  # a stop, closed by its quotation
        ("The night was long.", "nobody slept.", False),
        ("Low tide, low tide,", "Bring the herring home,", False),  # a new line of its own
        ("Wren", "herring and tar", False),  # a table's cells read as paragraphs
        ("Is it you?", "asked the keeper", False),
    ],
)
def test_a_line_runs_on_only_from_one_that_ends_no_sentence_and_only_in_lower_case(before, line, expected):
    assert runs_on([before], line) is expected


@pytest.mark.parametrize("suffix", [".docx", ".html"])
def test_a_song_typed_a_line_to_a_paragraph_is_one_passage(tmp_path, suffix):
    # Each line was a passage: "bring my brother Anders" alone, what it asked to bring home in the passage before.
    opening = "When the boats were late she sang the old tide song."
    closing = "The keeper's cat slept on the lamp."
    if suffix == ".docx":
        docx = pytest.importorskip("docx", reason="the Word reader needs the formats extra")
        document = docx.Document()
        document.add_heading("Chapter 1", level=1)
        for text in [opening, *SONG, closing]:
            document.add_paragraph(text)
        document.save(str(tmp_path / "keeper.docx"))
    else:
        verse = "".join(f'<p class="verse">{line}</p>' for line in SONG)
        body = f'<h1>Chapter 1</h1><p>{opening}</p><div class="poem">{verse}</div><p>{closing}</p>'
        (tmp_path / "keeper.html").write_text(f"<html><head><title>Keeper</title></head><body>{body}</body></html>")
    passages = [p.text for p in load_corpus(tmp_path).passages]
    assert passages == [opening, " ".join(SONG), closing]


def test_a_list_item_takes_no_line_after_it(tmp_path):
    docx = pytest.importorskip("docx", reason="the Word reader needs the formats extra")
    document = docx.Document()
    document.add_paragraph("\u2022 Two barrels of salt herring")
    document.add_paragraph("eggs from the farm")
    document.save(str(tmp_path / "list.docx"))
    passages = [p.text for p in load_corpus(tmp_path).passages]
    assert passages == ["Two barrels of salt herring", "eggs from the farm"]
