"""Notion's Markdown export (Export, "Markdown & CSV", unzipped), in the layout Notion writes: each page a file named
"Title <32-hex id>.md", its sub-pages in a folder of the same name."""

from pathlib import Path

from bot.core.corpus import load_corpus, title_from_filename

BOOK_ID = "8f3c2a1b9d4e4f6a8b7c6d5e4f3a2b1c"
HUT_ID = "11aa22bb33cc44dd55ee66ff77889900"
LETTER_ID = "aa11bb22cc33dd44ee55ff6677889900"


def _export(root: Path, hut_page: str) -> None:
    """A book page with its database properties, a callout and links to its chapters' pages, as Notion exports it."""
    folder = root / f"The Salt Road {BOOK_ID}"
    folder.mkdir()
    sub = f"The%20Salt%20Road%20{BOOK_ID}"
    (root / f"The Salt Road {BOOK_ID}.md").write_text(
        "# The Salt Road\n\nStatus: Drafting\nGenre: Fantasy\nCreated: January 4, 2024 10:02 AM\n"
        "Last edited: March 2, 2024 9:15 PM\n\n<aside>\n💡 Working title. Ask Wren about the ending.\n\n</aside>\n\n"
        "A book of the salt marsh.\n\n"
        f"[Chapter 1: The Hut]({sub}/Chapter%201%20The%20Hut%20{HUT_ID}.md)\n\n"
        f"[Chapter 2: The Letter]({sub}/Chapter%202%20The%20Letter%20{LETTER_ID}.md)\n",
        encoding="utf-8",
    )
    (folder / f"Chapter 1 The Hut {HUT_ID}.md").write_text(hut_page, encoding="utf-8")
    (folder / f"Chapter 2 The Letter {LETTER_ID}.md").write_text(
        "# Chapter 2: The Letter\n\nThe letter came on a Tuesday, sealed with green wax.\n", encoding="utf-8"
    )


HUT = (
    "# Chapter 1: The Hut\n\nIngrid lived in a hut at the edge of the salt marsh.\n\n<aside>\n"
    "⚠️ TODO: describe the hut better\n\n</aside>\n\nShe raked salt every morning, and sold it to "
    "[Tomas](../Characters%20d00d/Tomas%20beefbeefbeefbeefbeefbeefbeefbeef.md) in the market.\n"
)


def _read(root: Path) -> dict[str, list[str]]:
    corpus = load_corpus(root)
    return {story.title: [p.text for p in corpus.story_passages(i)] for i, story in enumerate(corpus.stories)}


def test_a_notion_page_is_titled_without_its_id():
    """Every answer from a Notion export said "From "Chapter 1 The Hut 11aa22bb…"" (and "Aa11bb…", capitalised)."""
    assert title_from_filename(Path(f"Chapter 1 The Hut {HUT_ID}.md")) == "Chapter 1 The Hut"
    assert title_from_filename(Path(f"Chapter 2 The Letter {LETTER_ID}.md")) == "Chapter 2 The Letter"
    # Not Notion's: an id in capitals, one digit short, or a name that is an id alone keep their words.
    assert title_from_filename(Path(f"notes {HUT_ID.upper()}.md")) == f"Notes {HUT_ID.upper()}"
    assert title_from_filename(Path(f"notes {HUT_ID[:-1]}.md")) == f"Notes {HUT_ID[:-1]}"
    assert title_from_filename(Path(f"{HUT_ID}.txt")) == HUT_ID


def test_a_notion_pages_properties_callouts_and_sub_page_links_are_no_story(tmp_path):
    _export(tmp_path, HUT)
    assert _read(tmp_path) == {
        "The Salt Road": ["A book of the salt marsh."],
        "Chapter 1 The Hut": [
            "Ingrid lived in a hut at the edge of the salt marsh.",
            "She raked salt every morning, and sold it to Tomas in the market.",
        ],
        "Chapter 2 The Letter": ["The letter came on a Tuesday, sealed with green wax."],
    }


def test_a_notion_page_opening_with_dialogue_or_a_letter_reads_it(tmp_path):
    """Lines of "Name: words" under the title are the story's where they are sentences, and an `<aside>` that no
    `</aside>` closes is text."""
    _export(
        tmp_path,
        "# Chapter 1: The Hut\n\nMother: Come in, it is cold.\nIngrid: I am not cold!\n\n"
        "Dear Olof: the salt is sold.\n\n<aside>\nThe gulls argued over the fish.\n",
    )
    assert _read(tmp_path)["Chapter 1 The Hut"] == [
        "Mother: Come in, it is cold.\nIngrid: I am not cold!",
        "Dear Olof: the salt is sold.",
        "The gulls argued over the fish.",
    ]


def test_a_notion_page_opening_with_a_chapter_line_keeps_it(tmp_path):
    _export(tmp_path, "# The Hut\n\nChapter 1: Salt\n\nIngrid lived in a hut at the edge of the salt marsh.\n")
    corpus = load_corpus(tmp_path)
    [hut] = [i for i, story in enumerate(corpus.stories) if story.title == "The Hut"]
    assert [(p.chapter, p.text) for p in corpus.story_passages(hut)] == [
        ("Chapter 1: Salt", "Ingrid lived in a hut at the edge of the salt marsh.")
    ]


def test_a_markdown_story_not_from_notion_keeps_its_lines_and_asides(tmp_path):
    (tmp_path / "the-hut.md").write_text(
        "# The Hut\n\nStatus: Drafting\nGenre: Fantasy\n\n<aside>\n💡 A box of the story's own.\n\n</aside>\n",
        encoding="utf-8",
    )
    assert _read(tmp_path)["The Hut"] == ["Status: Drafting\nGenre: Fantasy", "💡 A box of the story's own."]
