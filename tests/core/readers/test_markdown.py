"""A Markdown story as the reader reads it: the `# Title` line its title, `##` headings (with or without a blank
line around them) naming chapters, and the markup of its paragraphs (bullets, quote markers, emphasis, links) left
out of their text."""

from bot.core.corpus import load_corpus
from bot.core.readers.markdown import MarkdownReader, plain_markdown
from tests.core.readers.format_fixtures import FIXTURES, MILL_TITLE, title_and_chapters

STORY = """# The Mill

The *wheel* turned.
## Chapter Two
- Anatole ground rye.
> by the [river](river.md)
"""


def test_the_title_headings_and_paragraphs_without_their_markup():
    story = MarkdownReader().read(STORY.encode())
    assert story.title == "The Mill"
    assert [(block.text, block.heading) for block in story.blocks] == [
        ("The wheel turned.", False),
        ("Chapter Two", True),
        ("Anatole ground rye.\nby the river", False),
    ]


def test_a_heading_indented_four_spaces_within_a_paragraph_is_text():
    story = MarkdownReader().read(b"# Tale\n\nThe lamp was lit.\n    # not a heading\n")
    assert [(block.text, block.heading) for block in story.blocks] == [("The lamp was lit.\n# not a heading", False)]


def test_plain_markdown_leaves_out_bullets_numbers_quotes_and_code_ticks():
    assert plain_markdown("1. the `lamp`\n* the **keeper**\n> > the storm") == "the lamp\nthe keeper\nthe storm"


def test_a_first_heading_that_reads_as_a_chapter_is_no_title():
    """ferry.md ("# Chapter 1", "# Chapter 2", no title of its own; scripts/make_heading_title_fixtures.sh writes it in
    every format, each read so) was titled "Chapter 1", its first chapter unnamed: a `# Title` line is the title only
    where it reads as no chapter's, as heading_title has it in other formats."""
    assert title_and_chapters("ferry.md") == (None, ["Chapter 1", "Chapter 2"])
    assert title_and_chapters("mill.md") == (MILL_TITLE, [])


def test_a_plain_text_file_with_markdowns_chapter_headings_is_named_after_its_file(tmp_path):
    # The same lines in a `.txt` file, and a first "# Prologue" or "# IV": named after the file, each a chapter.
    (tmp_path / "evening-ferry.txt").write_bytes((FIXTURES / "ferry.md").read_bytes())
    (tmp_path / "harbour.md").write_text(
        "# Prologue\n\nThe boats came in.\n\n# IV\n\nThe ice came.\n", encoding="utf-8"
    )
    corpus = load_corpus(tmp_path)
    assert [story.title for story in corpus.stories] == ["Evening Ferry", "Harbour"]
    assert [passage.chapter for passage in corpus.passages] == ["Chapter 1", "Chapter 2", "Prologue", "IV"]


def test_a_paragraph_indented_four_spaces_is_text_even_as_its_first_line():
    story = MarkdownReader().read(b"# Tale\n\nThe lamp was lit.\n\n    # not a heading\n\n   ## Chapter Two\n\nRye.\n")
    assert [(block.text, block.heading) for block in story.blocks] == [
        ("The lamp was lit.", False),
        ("# not a heading", False),
        ("Chapter Two", True),
        ("Rye.", False),
    ]


def test_blank_lines_before_the_title_line_or_after_front_matter_leave_it_the_title(tmp_path):
    """lantern.md opens with a blank line, as an editor may leave one: its "# The Lantern" was the first chapter's
    name and the story named after its file; so was a `.txt` file's, and a title after front matter and a blank line."""
    assert title_and_chapters("lantern.md") == ("The Lantern", ["The Storm"])
    (tmp_path / "lantern.txt").write_bytes((FIXTURES / "lantern.md").read_bytes())
    ferry = "---\nauthor: Ana Lee\n---\n\n# The Ferry\n\nIt left at dawn.\n"
    (tmp_path / "ferry.md").write_text(ferry, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [story.title for story in corpus.stories] == ["The Ferry", "The Lantern"]
    assert [passage.chapter for passage in corpus.passages] == [None, None, "The Storm"]


def test_a_fenced_code_blocks_lines_are_text_and_its_fences_left_out():
    """terminal.md's code block holds "# check the pumps first": it was a heading, naming the chapter of every paragraph
    after it until "## Tuesday", and the fence's "```sh" a paragraph "sh". A code span's text is as it stands: its
    underscores and stars were read as emphasis ("init.py", "pumps")."""
    story = MarkdownReader().read((FIXTURES / "terminal.md").read_bytes())
    assert story.title == "The Night Terminal"
    assert [(block.text, block.heading) for block in story.blocks] == [
        ("Monday", True),
        ("Odile left a note on the terminal for the night shift:", False),
        ("# check the pumps first\n## then the valves\npump_check --all", False),
        ("She went home before the rain, leaving __init__.py open and the *pumps* list on the screen.", False),
        ("Tuesday", True),
        ("The night shift had run it twice.", False),
    ]


def test_footnotes_are_left_out_with_their_marks():
    """tidewater.md's notes, pandoc's and GitHub's `[^1]` with its `[^1]: ...` (one of two paragraphs), were the story's
    passages, and their marks in its text, where every other format's reader leaves notes out; a mark no note defines
    is text, as pandoc keeps it."""
    story = MarkdownReader().read((FIXTURES / "tidewater.md").read_bytes())
    assert [(block.text, block.heading) for block in story.blocks] == [
        ("The ferry left the quay at dawn, as it had every day since the war.", False),
        ("Rahim read the timetable aloud: «هر روز ساعت شش».", False),
        ("The Return", True),
        ("The ferry came back at noon with [^2] chalked on its bow.", False),
    ]


def test_underlined_headings_name_the_title_and_chapters_and_scene_breaks_are_no_text():
    """orchard.md, titled and chaptered with CommonMark's underlined headings and parted by scene breaks of each kind
    ("* * *", "---", "___", a list's "---", an empty "#"): the underlines were its text, the story named after its
    file with no chapters, and each break a passage ("* *", "---", "_", "#"), as pandoc reads none of them."""
    story = MarkdownReader().read((FIXTURES / "orchard.md").read_bytes())
    assert story.title == "The Orchard"
    assert [(block.text, block.heading) for block in story.blocks] == [
        ("Spring", True),
        ("Noor planted the first row of apple trees on the south slope.", False),
        ("By June the blossoms had fallen\nand the fruit had set.", False),
        ("She counted the trees again:", False),
        ("forty on the slope\ntwelve by the wall", False),
        ("Autumn", True),
        ("The harvest filled the barn.", False),
        ("The last crate went to market in October.", False),
    ]


def test_a_pipe_tables_rows_are_paragraphs_without_its_delimiter_row():
    # A GitHub pipe table was one passage as written: "| Item | Price |\n| --- | --- |\n| Eggs | two coins |". Then
    # each cell was a paragraph, and "Eggs" stood apart from its price: each row is one, its cells beside each other.
    story = MarkdownReader().read(
        b"# The Market\n\nGreta kept a stall.\n\n"
        b"| Item | Price |\n|:-----|------:|\n| *Eggs* | two coins |\n| Honey | five \\| six coins |\n|  | |\n\n"
        b"Item | Price\n--- | ---\nJam | one coin\n\n"
        b"The stall was blue | and green.\n\n---\n\nShe went home.\n\n```\n| a | b |\n|---|---|\n```\n"
    )
    assert [block.text for block in story.blocks] == [
        "Greta kept a stall.",
        *["Item | Price", "Eggs | two coins", "Honey | five | six coins"],
        *["Item | Price", "Jam | one coin"],
        "The stall was blue | and green.",
        "She went home.",
        "| a | b |\n|---|---|",  # a code block's lines as they stand
    ]


MILL_WITH_REFERENCES = """# The Mill

The miller ground the corn by the [river][r1] every night, and sang to the [owls]. [Sic] is text.

[r1]: https://en.wikipedia.org/wiki/River "A river"
[Owls]:
   <https://example.com/owls>
   'Owls at night'
"""


def test_link_reference_definitions_are_left_out_and_their_links_read_as_their_text():
    """The repro of the attack on the readers (findings 3): the definitions were the story's last passage, a URL in
    it, and the links kept their brackets ("[river][r1]", "[owls]")."""
    story = MarkdownReader().read(MILL_WITH_REFERENCES.encode())
    assert [block.text for block in story.blocks] == [
        "The miller ground the corn by the river every night, and sang to the owls. [Sic] is text."
    ]


def test_a_link_reference_definition_opens_a_paragraph_or_is_text(tmp_path):
    # Within a paragraph, or indented four spaces as code, "[label]: target" is text, as CommonMark reads it.
    (tmp_path / "weir.md").write_text(
        "# The Weir\n\n[w]: https://example.com/weir\nThe [weir][w] held.\nSee [w]: it held.\n\n"
        "    [code]: /stays\n\n[note]: a line of text\n",
        encoding="utf-8",
    )
    corpus = load_corpus(tmp_path)
    assert [passage.text for passage in corpus.passages] == [
        "The weir held.\nSee w: it held.",
        "[code]: /stays",
        "[note]: a line of text",
    ]


def test_html_comments_are_left_out_tags_read_as_their_text_and_references_decoded(tmp_path):
    """The attack on the readers (findings 4): the author's comment was a passage, quoted as an answer, the tags and
    "&mdash;" were read as written. A comment opening a line runs over blank lines to its "-->"; block HTML reads as
    its text; a code block's HTML and references stay as written."""
    (tmp_path / "the-mill.md").write_text(
        "<!-- draft 2 -->\n# The Mill\n\n"
        "<!-- Note to self: the ending is weak,\n\nthe miller should die in chapter two. -->\n\n"
        'He kept his flour by the <span class="place">old oak</span>.<br>\n'
        "The oak was older than the mill &mdash; older <!-- than what? --> than the village.\n\n"
        '<div class="aside">\n<p>A &lt;b&gt; is no tag.</p>\n</div>\n\n'
        "    <b>flour &amp; oak</b>\n\n"
        "1. The mill\n\n    The mill &amp; the oak.\n",
        encoding="utf-8",
    )
    corpus = load_corpus(tmp_path)
    assert [story.title for story in corpus.stories] == ["The Mill"]
    assert [passage.text for passage in corpus.passages] == [
        "He kept his flour by the old oak.\nThe oak was older than the mill — older than the village.",
        "A <b> is no tag.",
        "<b>flour &amp; oak</b>",
        "The mill",
        "The mill & the oak.",
    ]


def test_obsidians_links_embeds_comments_callouts_and_tasks_read_as_obsidian_shows_them():
    # Read as written: "[[Harrow|the old city]]" in excerpts, "![[map.png]]" a passage, "%%TODO%%" the story's,
    # "[!note]" and "[ ]" before their text.
    text = (
        "# The Salt Road\n\n## Chapter 1\n\nKestrel left [[Harrow|the old city]] with [[Brannoch]], "
        "by [[Harrow#Gate]].\n\n> [!note]- Worldbuilding\n> The road runs three hundred miles.\n\n"
        "She did not look back.%%TODO: make this sadder%%\n\n![[map.png]]\n\n%%\nA cut scene.\n\nAnother.\n%%\n\n"
        "- [ ] fix the timeline\n- [x] name the horse\n\n`[[code]]` and 100% of [[]] stay.\n"
    )
    story = MarkdownReader().read(text.encode())
    assert [(block.text, block.heading) for block in story.blocks] == [
        ("Chapter 1", True),
        ("Kestrel left the old city with Brannoch, by Harrow.", False),
        ("Worldbuilding\nThe road runs three hundred miles.", False),
        ("She did not look back.", False),
        ("fix the timeline\nname the horse", False),
        ("[[code]] and 100% of [[]] stay.", False),
    ]


def test_a_markdown_books_copyright_notice_and_about_the_author_are_no_story_text():
    # Markdown was the one format that read them, where pandoc's Word, EPUB and HTML of the same book left them out.
    book = (
        "# The Salt Road\n\nCopyright © 2021 Ann Example. All rights reserved.\n\nPrinted in Norway.\n\n"
        "## Chapter One\n\nMaren kept the old lighthouse on the northern cape for forty years, and every winter night "
        "she lit the great lamp for the boats.\n\n## About the Author\n\nAnn Example grew up in a lighthouse.\n"
    )
    story = MarkdownReader().read(book.encode())
    assert [(block.text, block.heading) for block in story.blocks] == [
        ("Chapter One", True),
        (
            "Maren kept the old lighthouse on the northern cape for forty years, and every winter night she lit the "
            "great lamp for the boats.",
            False,
        ),
    ]


def test_backslash_escapes_read_as_their_characters_in_titles_headings_and_text():
    """Google Docs' "Download > Markdown" escapes signs everywhere ("5\\$", "\\-", "3\\."), as pandoc does
    ("1998\\."): the backslashes were read, in chapter names too. A code block's stay."""
    story = MarkdownReader().read(
        b"# **The Salt Road\\!**\n\n## Chapter 1\\. The Hut\n\n"
        b"She paid 5\\$ for bread \\- and ate it\\! Her knife was 3\\. sharp \\*always\\*.\n\n"
        b"1998\\. What a year.\n\n    print('\\$5')\n"
    )
    assert story.title == "The Salt Road!"
    assert [(block.text, block.heading) for block in story.blocks] == [
        ("Chapter 1. The Hut", True),
        ("She paid 5$ for bread - and ate it! Her knife was 3. sharp *always*.", False),
        ("1998. What a year.", False),
        ("print('\\$5')", False),
    ]


PANDOC_STORY = """---
title: The Salt Road
author: Margaret Lindqvist
---

# Chapter One {#chapter-one .unnumbered}

[]{#_Toc98765 .anchor}Ingrid lived in a [salt hut]{.underline} at the edge
of the marsh, [raking salt every
morning]{.underline}.

![](media/image1.png){width="6.5in"
height="4.875in"}

::: {custom-style="Block Text"}
The letter said: come home.
:::

# Chapter Two {-}

She left.
"""


def test_pandocs_attributes_spans_and_fenced_divs_leave_their_text():
    """What `pandoc -t markdown` writes of a Word file: a heading's attributes named every chapter ("Chapter One
    {#chapter-one .unnumbered}"), Word's bookmarks and underlines were read as `[]{#_Toc98765 .anchor}` and
    `[salt hut]{.underline}`, an image's size as text and a styled paragraph with its `:::` fences."""
    story = MarkdownReader().read(PANDOC_STORY.encode())
    assert story.title == "The Salt Road"
    assert [(block.text, block.heading) for block in story.blocks] == [
        ("Chapter One", True),
        ("Ingrid lived in a salt hut at the edge\nof the marsh, raking salt every\nmorning.", False),
        ("The letter said: come home.", False),
        ("Chapter Two", True),
        ("She left.", False),
    ]


def test_braces_and_colons_that_are_no_attributes_or_fences_are_the_storys():
    # "{softly}" holds no attribute; a ":::" line with no div open is the story's.
    story = MarkdownReader().read(
        b"# The Door {Secret}\n\nShe said [hush]{softly} and {#1 .fan} went.\n\nShe drew\n:::\non the slate.\n"
    )
    assert story.title == "The Door {Secret}"
    assert [block.text for block in story.blocks] == [
        "She said [hush]{softly} and {#1 .fan} went.",
        "She drew\n:::\non the slate.",
    ]


GOOGLE_DOCS_STORY = """# **The Salt Road**

A novella

[Chapter One: The Hut\t2](#chapter-one:-the-hut)

[Chapter Two: The Letter\t3](#chapter-two:-the-letter)

# **Chapter One: The Hut** {#chapter-one:-the-hut}

Ingrid lived in a hut at the edge of the salt marsh.

# **Chapter Two: The Letter** {#chapter-two:-the-letter}

The letter came on a Tuesday.
"""


def test_google_docs_contents_links_and_subtitle_are_no_story_text():
    """Google Docs' "Download > Markdown" writes its contents as a paragraph per chapter, a link to the heading's id
    with the page number, and the Subtitle as a paragraph under the title: each was read as a passage, and every
    chapter's name ended "{#chapter-one:-the-hut}"."""
    story = MarkdownReader().read(GOOGLE_DOCS_STORY.encode())
    assert story.title == "The Salt Road"
    assert [(block.text, block.heading) for block in story.blocks] == [
        ("Chapter One: The Hut", True),
        ("Ingrid lived in a hut at the edge of the salt marsh.", False),
        ("Chapter Two: The Letter", True),
        ("The letter came on a Tuesday.", False),
    ]


def test_links_to_no_heading_and_the_text_before_them_are_the_storys():
    """A line that is one link to a place no heading is (a note's, a bookmark's), and the story's opening before
    links to its headings, where that is more than a title page's short lines, stay."""
    story = MarkdownReader().read(
        b"# Tale\n\nThe boats came in at dawn, low in the water, and the whole harbour ran down to meet them.\n\n"
        b"[The Hut](#the-hut)\n\n## The Hut\n\nShe left.\n\n[see the map](#map)\n"
    )
    assert [block.text for block in story.blocks] == [
        "The boats came in at dawn, low in the water, and the whole harbour ran down to meet them.",
        "The Hut",
        "She left.",
        "see the map",
    ]


def test_multimarkdown_metadata_gives_the_title_and_is_no_text():
    """Scrivener's MultiMarkdown compile (and iA Writer, nvALT) opens the file with `Key: value` lines: they were read
    as the first passage and the story named after its file. Without a title, the metadata is still none of the text,
    and the `# Title` line after it the title."""
    scrivener = (
        b"Title: The Salt Road\nAuthor: Margaret Lindqvist\nBase Header Level: 1\nlatex mode: memoir\n\n"
        b"# Chapter One #\n\nIngrid lived in a hut.\n"
    )
    story = MarkdownReader().read(scrivener)
    assert story.title == "The Salt Road"
    assert [(block.text, block.heading) for block in story.blocks] == [
        ("Chapter One", True),
        ("Ingrid lived in a hut.", False),
    ]
    untitled = MarkdownReader().read(b"Author: Ana Lee\nDate: 2024-05-01\n   \n# The Ferry\n\nIt left at dawn.\n")
    assert (untitled.title, [block.text for block in untitled.blocks]) == ("The Ferry", ["It left at dawn."])


def test_a_story_opening_with_a_note_dialogue_or_a_memo_keeps_its_first_lines():
    """Lines that read as `Key: value` but hold no "Title" and are not all MultiMarkdown's keys are the story's: a
    note, a play's dialogue, a memo in the story."""
    for opening in (
        "Note: the names are changed.",
        "Mother: come here.\nFather: let her be.",
        "To: Ingrid\nFrom: Olof\nDate: 5 May 1890",
        "Date: 5 May 1890",
    ):
        story = MarkdownReader().read(f"{opening}\n\nShe went.\n".encode())
        assert (story.title, [block.text for block in story.blocks]) == (None, [opening, "She went."])
