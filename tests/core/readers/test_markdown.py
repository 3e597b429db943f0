"""A Markdown story as the reader reads it: the `# Title` line its title, `##` headings (with or without a blank
line around them) naming chapters, and the markup of its paragraphs (bullets, quote markers, emphasis, links) left
out of their text."""

from bot.core.readers.markdown import MarkdownReader, plain_markdown

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
