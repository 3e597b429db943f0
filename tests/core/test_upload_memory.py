"""An upload read in a worker process whose memory is capped (bot.core.upload_memory): real worker processes."""

from __future__ import annotations

import pytest

from bot.core.shelf import ShelfError, UploadRefusal
from bot.core.worker import story_file_in_worker
from bot.settings import MIN_UPLOAD_MB
from tests.core.readers.test_epub import write_book, xhtml
from tests.operations.test_change_shelf import word_file

MINUTES = 600.0
"""No read here is ended for its time."""


async def refusal(raw: bytes, name: str) -> ShelfError:
    with pytest.raises(ShelfError) as refused:
        await story_file_in_worker(raw, name, None, seconds=MINUTES, megabytes=MIN_UPLOAD_MB)
    return refused.value


async def test_a_word_file_whose_reading_balloons_is_refused_for_the_memory_it_needs():
    # 108 KB holding 21.6 million characters: python-docx's tree and the text take some 430 MB. The reader turns
    # whatever its library raises into "unreadable"; the MemoryError under it is what is reported.
    refused = await refusal(word_file(300_000), "echo.docx")
    assert refused.refusal is UploadRefusal.TOO_MUCH_MEMORY and refused.size == MIN_UPLOAD_MB
    assert refused.name == "echo.docx"


async def test_an_html_page_whose_tree_balloons_is_refused_for_the_memory_it_needs():
    # libxml2 runs out of memory in C: lxml raises it as an XMLSyntaxError "unknown error", ERR_NO_MEMORY in its log.
    pytest.importorskip("lxml", reason="the HTML reader needs the formats extra: pip install -e '.[formats]'")
    page = b"<html><body>" + b"<p><b>a</b> <i>b</i> word</p>" * 250_000 + b"</body></html>"  # 7 MB, 1 million elements
    refused = await refusal(page, "page.html")
    assert refused.refusal is UploadRefusal.TOO_MUCH_MEMORY and refused.size == MIN_UPLOAD_MB


async def test_within_the_ceiling_files_read_and_damaged_ones_are_still_unreadable():
    read = await story_file_in_worker(word_file(3000), "echo.docx", None, seconds=MINUTES, megabytes=MIN_UPLOAD_MB)
    assert read.characters == 216_000
    damaged = await refusal(word_file(3000)[:-200], "echo.docx")
    assert damaged.refusal is UploadRefusal.UNREADABLE and "not a readable Word" in damaged.detail


@pytest.mark.parametrize("paragraphs", [230_000, 260_000, 290_000])
async def test_an_epub_whose_text_balloons_is_refused_for_memory_wherever_its_reading_runs_out(tmp_path, paragraphs):
    # Reading stopped at the ceiling with the text read so far still held (by the error's frames), so the worker
    # had no memory left to send back why: it ended printing a traceback, or spun until its time was up, and the
    # manager was told the file "stopped the reader". Where reading runs out depends on the file: some do not.
    sentence = "<p>The miller ground rye by the river, and his wheel turned all night long.</p>"
    write_book(
        tmp_path / "echo.epub",
        "<item id='page' href='page.xhtml' media-type='application/xhtml+xml'/>",
        "<itemref idref='page'/>",
        {"OEBPS/page.xhtml": xhtml(sentence * paragraphs)},  # 62 to 79 KB, 17 to 21 million characters
    )
    with pytest.raises(ShelfError) as refused:
        await story_file_in_worker(
            (tmp_path / "echo.epub").read_bytes(), "echo.epub", None, seconds=60, megabytes=MIN_UPLOAD_MB
        )
    assert refused.value.refusal is UploadRefusal.TOO_MUCH_MEMORY, refused.value.detail
