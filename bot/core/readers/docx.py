"""Word documents (`.docx`, also what Google Docs and LibreOffice export), read with python-docx.

The title is the document's own (File > Properties), else its first paragraph in the Title style, and
a "by" line naming the document's author is left out;
paragraphs in Heading styles name chapters; tables are read cell by cell. The archive is checked
first (archive.py): python-docx unpacks every part, images included.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from bot.core.readers.archive import SafeZip
from bot.core.readers.reader import Block, ExtraMissing, StoryText, story_text

if TYPE_CHECKING:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

TITLE_STYLE = "Title"
DROPPED_STYLES = ("Subtitle", "TOC Heading")
HEADING_STYLE = "Heading"


def _paragraphs(content: Iterator[Paragraph | Table]) -> Iterator[Paragraph]:
    """The paragraphs in order, a table's where it stands: row by row, each cell once (a cell merged across
    rows where it starts, across columns as the one cell it is), a table in a cell where it stands in it.

    The table's rows and cells are read from its XML, one pass: python-docx's `row.cells` finds a cell
    merged down from above by searching the rows above (a long merged column took seconds, and over
    1,000 rows its recursion failed), and its cell objects are made anew for each row, so telling a
    merged cell by `id()` took a later cell for one already read when Python reused the id (a table of
    300 rows kept 5 of them)."""
    from docx.table import Table, _Cell

    for item in content:
        if not isinstance(item, Table):
            yield item
            continue
        for row in item._tbl.tr_lst:
            for cell in row.tc_lst:
                if cell.vMerge != "continue":
                    yield from _paragraphs(_Cell(cell, item).iter_inner_content())


class DocxReader:
    suffixes = (".docx",)
    name = "Word (.docx)"

    def read(self, raw: bytes) -> StoryText:
        try:
            import docx
            from docx.enum.style import WD_STYLE_TYPE
        except ImportError as error:
            raise ExtraMissing(self.name) from error
        SafeZip(raw, self.name).require_unpacked_size()
        try:
            document = docx.Document(io.BytesIO(raw))
            title = document.core_properties.title or None
            author = document.core_properties.author or None
            # Style names looked up once: python-docx's paragraph.style scans every style for each
            # paragraph in the default style (5.5 s per MB of text that way, 0.6 s this way).
            paragraph_styles = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
            default = paragraph_styles.name if paragraph_styles is not None else ""
            names = {style.style_id: style.name or "" for style in document.styles}
            blocks = []
            for paragraph in _paragraphs(document.iter_inner_content()):
                style = names.get(paragraph._p.style or "", default)
                if style == TITLE_STYLE:
                    title = title or paragraph.text
                elif not style.startswith(DROPPED_STYLES):
                    blocks.append(Block(paragraph.text, heading=style.startswith(HEADING_STYLE)))
        except Exception as error:  # python-docx reads hostile files; whatever it raises, this file is unreadable
            raise ValueError(f"is not a readable Word document ({error}); save it again as .docx") from error
        return story_text(title, blocks, author)
