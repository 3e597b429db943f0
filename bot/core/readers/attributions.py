"""An epigraph's or a quotation's attribution, a paragraph of its own under it ("— Ovid Bellamy, Letters from Tern
Island"), as Word's Quote style, LibreOffice's Quotations and a PDF set it: a passage of its own, it was no answer to
"Who wrote that the sea remembers every name?", the quotation in the passage before. HTML's and EPUB's epigraphs are
marked as such (markup._is_epigraph)."""

from __future__ import annotations

from bot.core.readers.chapter_lines import SUBTITLE_CHARS, reads_as_a_name

ATTRIBUTION_DASHES = ("\u2014", "\u2015")
"""The dashes an attribution opens with: an em dash, a horizontal bar. Not an en dash, which Word's users type as a
list's bullet ("– Lamp oil")."""


def is_attribution(line: str) -> bool:
    """Whether a paragraph is an attribution: a dash, then a name or a source of at most SUBTITLE_CHARS that ends no
    sentence. A line of dialogue opened with a dash, as French and Russian write it, ends in its stop ("— Oui, dit-il.")
    and is none."""
    if not line.startswith(ATTRIBUTION_DASHES):
        return False
    said = line[1:].strip()
    return 0 < len(said) <= SUBTITLE_CHARS and said[:1].isupper() and reads_as_a_name(said)
