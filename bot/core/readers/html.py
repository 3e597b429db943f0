"""Web pages (`.html`, `.htm`, `.xhtml`): an Archive of Our Own, FanFicFare or Gutenberg download, a saved page.

The title is the page's Dublin Core or Open Graph title, else its <title> (not pandoc's stand-in for none, the file's
base name); headings name chapters;
scripts, styles, navigation and forms are dropped, and so is Gutenberg's license.
A book's matter where nothing marks it (its copyright notice before the first chapter, "About the Author" at
its end) is left out as an EPUB's is: book_matter.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.readers import ao3, blog_post, fanficfare, gutenberg
from bot.core.readers.book_matter import book_matter_left_out
from bot.core.readers.bracketed_notes import without_notes_under_breaks
from bot.core.readers.gutenberg import book_blocks
from bot.core.readers.markup import blocks_of, google_docs_title, parse_html, text_of
from bot.core.readers.reader import StoryText, story_text

if TYPE_CHECKING:
    from lxml.etree import _Element

TITLE_METAS = ("dc.title", "dcterms.title", "og:title")


AUTHOR_METAS = ("dc.creator", "dcterms.creator", "author")


def _metas(root: _Element) -> dict[str, str]:
    return {
        (meta.get("name") or meta.get("property") or "").lower(): meta.get("content") or ""
        for meta in root.iter("meta")
    }


def _first(metas: dict[str, str], names: tuple[str, ...]) -> str | None:
    return next((metas[name] for name in names if metas.get(name, "").strip()), None)


def page_title(root: _Element, metas: dict[str, str]) -> str | None:
    found = _first(metas, TITLE_METAS)
    if found:
        return found
    title = root.find(".//title")
    if title is None or _pandoc_placeholder(root, metas):
        return None
    return gutenberg.ebook_title(fanficfare.work_title(root, ao3.work_title(root, text_of(title))))


def _pandoc_placeholder(root: _Element, metas: dict[str, str]) -> bool:
    """Whether the page's <title> is pandoc's stand-in for a document with no title: the base name of the file it
    read ("the-mill" of the-mill.md, "-" of its standard input), which pandoc writes where the page has no title
    block (`<h1 class="title">`, written for a title given). The story is named as any file without a title is."""
    if not metas.get("generator", "").startswith("pandoc"):
        return False
    return not any("title" in (heading.get("class") or "").split() for heading in root.iter("h1"))


class HtmlReader:
    suffixes = (".html", ".htm", ".xhtml")
    name = "HTML"

    def read(self, raw: bytes) -> StoryText:
        root = parse_html(raw, self.name)
        body, metas = root.find("body"), _metas(root)
        title = page_title(root, metas) or (None if body is None else google_docs_title(body))
        named = root.find(".//title")
        work = ao3.saved_work(root, text_of(named) if named is not None else "")
        if work is not None:
            body, title = work.text, work.title or title
        else:
            post = blog_post.saved_post(root)
            if post is not None:
                body, title = post.text, post.title or title
        blocks = without_notes_under_breaks(book_blocks(blocks_of(root if body is None else body)))
        return story_text(title, book_matter_left_out(blocks, title), _first(metas, AUTHOR_METAS))
