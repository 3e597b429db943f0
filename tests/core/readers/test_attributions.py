"""An epigraph's attribution, a paragraph of its own under its quotation, is one passage with it."""

import pytest

from bot.core.corpus import load_corpus
from bot.core.readers.attributions import is_attribution

QUOTATION = "The sea remembers every name we give it, and returns none of them."
ATTRIBUTION = "\u2014 Ovid Bellamy, Letters from Tern Island"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (ATTRIBUTION, True),
        ("\u2015Psalm 107", True),
        ("\u2014 Oui, dit-il.", False),  # dialogue, as French writes it: it ends in its stop
        ("\u2013 Lamp oil", False),  # an en dash: a list's bullet
        ("\u2014 and then the storm came on", False),  # a sentence going on
        ("Ovid Bellamy", False),
    ],
)
def test_an_attribution_is_a_dash_and_a_name_or_source_that_ends_no_sentence(line, expected):
    assert is_attribution(line) is expected


def test_a_word_epigraphs_attribution_is_one_passage_with_its_quotation(tmp_path):
    # Word's Quote style, the quotation and its attribution two paragraphs: "— Ovid Bellamy, Letters from Tern Island"
    # was a passage of its own, and "Who wrote that the sea remembers every name?" found no passage holding both.
    docx = pytest.importorskip("docx", reason="the Word reader needs the formats extra")
    document = docx.Document()
    document.add_heading("Chapter 1", level=1)
    document.add_paragraph(QUOTATION, style="Quote")
    document.add_paragraph(ATTRIBUTION, style="Quote")
    document.add_paragraph("Ingrid kept the lighthouse.")
    document.add_paragraph("\u2014 Ingrid, you are late, said her father.")  # speech, typed with a dash
    document.save(str(tmp_path / "salt.docx"))
    passages = [p.text for p in load_corpus(tmp_path).passages]
    assert passages == [f"{QUOTATION} {ATTRIBUTION}", "Ingrid kept the lighthouse.", passages[-1]]
    assert passages[-1].endswith("said her father.")
