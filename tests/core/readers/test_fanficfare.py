"""FanFicFare's downloads read as the story's chapters alone: its title page, contents, "by author" and "End file."
left out, told by its own marks; its text download's chapter names ("1. The Log") name chapters, a book's own such
line does not."""

import textwrap

import pytest

from bot.core.corpus import load_corpus

SITE = "https://www.fanfiction.net"
TITLE_PAGE = [
    ("Category", "Harry Potter"),
    ("Characters", "Harry P., Hermione G."),
    ("Status", "Completed"),
    ("Story URL", f"{SITE}/s/13456789/1/"),
    ("Summary", "Hermione finds a lighthouse keeper's log on the beach at Shell Cottage. Post-war, canon-compliant."),
]
CHAPTERS = [
    ("1. The Log", ["Hermione found the log on a Tuesday, wedged between two rocks below Shell Cottage."]),
    ("2. The Keeper", ["The keeper's name was Aldous Finch, and he had died in 1911.", "The lamp is out."]),
]
READ = [(text, name) for name, texts in CHAPTERS for text in texts]


def html_download() -> str:
    """A download as FanFicFare's HTML templates (writer_html.py) write it."""
    rows = "".join(f"\n<tr><td><b>{label}:</b></td><td>{value}</td></tr>\n" for label, value in TITLE_PAGE)
    contents = "".join(f'\n<a href="#section{n:04d}">{name}</a><br />\n' for n, (name, _) in enumerate(CHAPTERS, 1))
    chapters = "".join(
        f'\n<a name="section{n:04d}"><h2>{name}</h2></a>\n<div class="storytext">'
        + "".join(f"<p>{text}</p>" for text in texts)
        + "</div>\n"
        for n, (name, texts) in enumerate(CHAPTERS, 1)
    )
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<title>The Keeper's Log by lampwright</title>
</head>
<body>
<h1><a href="{SITE}/s/13456789/1/">The Keeper's Log</a> by <a class="authorlink" href="{SITE}/u/4/">lampwright</a></h1>

<table class="full">
{rows}
</table>

<a name="TOCTOP"><h2>Table of Contents</h2></a>
<p>
{contents}
</p>
{chapters}
</body>
</html>"""


def text_download(chapters: list[tuple[str, list[str]]] = CHAPTERS, wrap: int = 0) -> str:
    """A download as FanFicFare's text templates (writer_txt.py) write it: wrapped as its `wrap_width` has it (78 by
    default; textwrap turns the tab before a chapter's name into spaces) with Windows' line ends, or unwrapped."""
    head = "\n\n\nThe Keeper's Log\n\nby lampwright\n\n\n\n" + "".join(f"{k}: {v}\n" for k, v in TITLE_PAGE) + "\n\n\n"
    if len(chapters) > 1:
        head += "\n\nTABLE OF CONTENTS\n\n" + "".join(f"\n{name}\n" for name, _ in chapters) + "\n"
    text = head + "".join(f"\n\n\t{name}\n\n" + "\n\n".join(texts) + "\n\n" for name, texts in chapters)
    text += "\n\nEnd file.\n"
    if wrap:
        text = "\n".join("\n".join(textwrap.wrap(line, wrap)) for line in text.split("\n")).replace("\n", "\r\n")
    return text


def test_an_html_download_is_read_as_its_chapters_alone(tmp_path):
    # Its title page was 10 passages ("Characters:", "Harry P., Hermione G."), its contents a chapter, and its
    # title "The Keeper's Log by lampwright".
    pytest.importorskip("lxml", reason="the HTML reader needs the formats extra: pip install -e '.[formats]'")
    (tmp_path / "The_Keepers_Log-ffnet_13456789.html").write_text(html_download(), encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [story.title for story in corpus.stories] == ["The Keeper's Log"]
    assert [(p.text, p.chapter) for p in corpus.passages] == READ


@pytest.mark.parametrize("wrap", [0, 78])
def test_a_text_download_is_read_as_its_chapters_alone(tmp_path, wrap):
    # "by lampwright", the title page, the contents and "End file." were read, and "1. The Log" named no chapter.
    (tmp_path / "The_Keepers_Log-ffnet_13456789.txt").write_text(text_download(wrap=wrap), encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [story.title for story in corpus.stories] == ["The Keeper's Log"]
    assert [(p.text, p.chapter) for p in corpus.passages] == READ


def test_a_one_chapter_text_download_has_no_contents(tmp_path):
    # FanFicFare lists no contents for one chapter: its indented name alone names it.
    (tmp_path / "keeper.txt").write_text(text_download(CHAPTERS[:1], wrap=78), encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [(p.text, p.chapter) for p in corpus.passages] == READ[:1]


def test_a_books_own_numbered_line_and_by_line_are_read(tmp_path):
    # Told by FanFicFare's frame: the same lines in a story of no "End file." after an indented chapter's name are
    # its text.
    story = "The Keeper's Log\n\nby lampwright\n\n1. The Log\n\nHermione found the log.\n\nThe End.\n"
    (tmp_path / "book.txt").write_text(story, encoding="utf-8")
    (tmp_path / "download.txt").write_text(text_download(CHAPTERS[:1]), encoding="utf-8")
    read = {(p.text, p.chapter) for p in load_corpus(tmp_path).passages}
    assert ("1. The Log", None) in read and ("Hermione found the log.", None) in read
    assert (READ[0][0], "1. The Log") in read and ("End file.", None) not in read
