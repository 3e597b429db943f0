"""A paragraph style's role by its name, in any case: Word's, LibreOffice's and their RTF's names for a title, a
heading at its level, and what is neither text nor a chapter (a subtitle, a contents list, an index), whole names
only: a writer's own "Index Card" style holds story text."""

import pytest

from bot.core.readers.styles import (
    ChapterStyle,
    StyleRole,
    chapter_style,
    class_chapter_name,
    heading_level,
    style_role,
    titled_chapters,
)


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("Title", StyleRole.TITLE),
        ("Heading 1", StyleRole.HEADING),
        ("heading 3", StyleRole.HEADING),  # Word's RTF
        ("Heading", StyleRole.HEADING),  # LibreOffice's, with no level
        ("Subtitle", StyleRole.LEFT_OUT),
        ("TOC Heading", StyleRole.LEFT_OUT),
        ("toc 2", StyleRole.LEFT_OUT),
        ("Contents 1", StyleRole.LEFT_OUT),
        ("Index Heading", StyleRole.LEFT_OUT),
        ("Table of Figures", StyleRole.LEFT_OUT),
        ("Index Card", StyleRole.TEXT),
        ("Contents of the Letter", StyleRole.TEXT),
        ("Normal", StyleRole.TEXT),
        ("Title Page", StyleRole.TEXT),
    ],
)
def test_a_styles_name_gives_its_role(name, role):
    assert style_role(name) is role


def test_a_heading_styles_level_is_its_number():
    assert [heading_level(name) for name in ("Heading 1", "heading 2", "Heading 12", "Heading", "Heading One")] == [
        1,
        2,
        12,
        None,
        None,
    ]


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("Chapter Number", ChapterStyle("chapter", number=True)),
        ("Chapter Title", ChapterStyle("chapter", number=False)),
        ("ChapterTitle", ChapterStyle("chapter", number=False)),
        ("chapter heading", ChapterStyle("chapter", number=False)),
        ("Chapter", ChapterStyle("chapter", number=False)),
        ("Part Title", ChapterStyle("part", number=False)),
        ("Part Number", ChapterStyle("part", number=True)),
        ("Part", None),  # a play's speaker may be set in it
        ("Chapter Text", None),
        ("Chapter Epigraph", None),
        ("Body Text", None),
    ],
)
def test_a_styles_name_says_whether_it_sets_a_chapters_number_or_name(name, found):
    # A self-publishing template's own styles, based on Normal: whether the paragraphs in one are headings is for the
    # document's use of it to say (bot.core.readers.docx).
    assert chapter_style(name) == found


@pytest.mark.parametrize(
    ("classes", "found"),
    [
        ("Chapter-Number _idGenParaOverride-1", "chapter-number"),
        ("chapter_title", "chapter_title"),
        ("ChapterTitle", "chaptertitle"),  # Word's web page of its "Chapter Title" style
        ("ch-title", "chapter-title"),
        ("chapnum", "chapternum"),
        ("chapter", None),  # a whole chapter's <section class="chapter">
        ("chart", None),
        ("CN", None),  # a publisher's tag, named only beside its partner (bot.core.readers.markup)
        ("TX", None),
    ],
)
def test_a_paragraphs_classes_say_whether_it_sets_a_chapters_number_or_name(classes, found):
    # InDesign and Word's web pages write a paragraph's style as its class ("Chapter-Number"): the rule of style
    # names, with the short "ch-" written out.
    assert class_chapter_name(classes) == found


def test_paragraphs_in_the_title_style_name_chapters_where_there_are_two_or_more():
    title, text = StyleRole.TITLE, StyleRole.TEXT
    chapter = "The lamp burned all night. " * 40  # a chapter's worth
    book = [title, text, title, text, title, text]
    # The first is the book's title over a "by" line; one Title paragraph alone is the title.
    assert titled_chapters(book, ["The Salt Road", "by Ann", "The Harbour", chapter, "The Road", chapter]) == [2, 4]
    assert titled_chapters(book, ["The Salt Road", "by Ann", "", chapter, "", chapter]) == []
    # The first names a chapter too where it reads as one, or a chapter's worth of text stands under it.
    assert titled_chapters(book, ["Chapter 1", "It rained.", "Chapter 2", chapter, "Chapter 3", chapter]) == [0, 2, 4]
    assert titled_chapters(book, ["The Harbour", chapter, "The Road", chapter, "The Salt Pans", chapter]) == [0, 2, 4]


def test_a_title_paragraph_with_no_text_under_it_names_no_chapter():
    # A story whose title and closing "The End" are both in the Title style: the title was taken for a chapter's
    # and the story named after its file.
    title, text = StyleRole.TITLE, StyleRole.TEXT
    chapter = "The lamp burned all night. " * 40
    assert titled_chapters([title, text, text, title], ["The Salt Road", chapter, chapter, "The End"]) == []
    book = [title, text, title, text, title]
    assert titled_chapters(book, ["The Harbour", chapter, "The Road", chapter, "THE END"]) == [0, 2]


def test_a_books_title_right_over_its_first_short_pieces_title_is_told_before_empty_ones_are_dropped():
    # A collection's title in Title, nothing under it, then short pieces each titled in Title: the title, dropped for
    # having no text under it, left the first piece's name taken for the book's.
    title, text = StyleRole.TITLE, StyleRole.TEXT
    poem = "The tide went out and did not come back. " * 5
    book = [title, title, text, title, text, title, text]
    texts = ["Salt and Iron", "The Harbour", poem, "The Road", poem, "The Pans", poem]
    assert titled_chapters(book, texts) == [1, 3, 5]
