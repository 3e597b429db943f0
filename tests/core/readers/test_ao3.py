"""Archive of Our Own's downloads read as the work's text alone: its preface, afterword and authors' notes left out,
told by AO3's own marks; a book's own "Preface" and "Afterword" are read."""

import pytest

from bot.core.corpus import load_corpus

pytest.importorskip("lxml", reason="the HTML reader needs the formats extra: pip install -e '.[formats]'")

SITE = "https://archiveofourown.org"
STORY = ["Mara climbed the lighthouse stairs that winter.", "Tomas brought the ferry in at dawn."]


def notes(label: str, text: str) -> str:
    return f'<div class="meta group"><p>{label}</p><blockquote class="userstuff"><p>{text}</p></blockquote></div>'


def download(message: str) -> str:
    """A download as AO3's templates write it: the preface (message, tags, title, byline, summary, notes), each
    chapter's heading and notes in its `meta` block over its text, the afterword."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>The Quiet Harbour - lampwright - Original Work [Archive of Our Own]</title></head><body>
<div id="preface"><h2 class="toc-heading">Preface</h2>
<p class="message"><b>The Quiet Harbour</b><br/>{message}</p>
<div class="meta"><dl class="tags"><dt>Rating:</dt><dd><a href="{SITE}/tags/G">General Audiences</a></dd>
<dt>Characters:</dt><dd><a href="{SITE}/tags/M">Mara</a>, <a href="{SITE}/tags/H">The Harbourmaster</a></dd>
<dt>Stats:</dt><dd>Published: 2021-03-04 Words: 1,234 Chapters: 2/2</dd></dl>
<h1>The Quiet Harbour</h1><div class="byline">by <a rel="author" href="{SITE}/users/l">lampwright</a></div>
{notes("Summary", "A keeper who never leaves.")}{notes("Notes", "My beta killed the Harbourmaster twice.")}
</div></div>
<div id="chapters" class="userstuff">
<div class="meta group"><h2 class="heading">Chapter 1: Dusk</h2></div>
{notes("Chapter Notes", "Written on a train to Leeds.")}
<div class="userstuff"><p>{STORY[0]}</p></div>
<div class="meta group"><h2 class="heading">Chapter 2: Dawn</h2></div>
<div class="userstuff"><p>{STORY[1]}</p></div>
{notes("Chapter End Notes", "Comments feed the author!")}
</div>
<div id="afterword"><h2 class="toc-heading">Afterword</h2>{notes("End Notes", "Thanks for reading.")}
<p class="message">Please <a href="{SITE}/works/1/comments/new">drop by the archive and comment</a>!</p></div>
</body></html>"""


def test_an_ao3_download_is_read_as_the_works_chapters_alone(tmp_path):
    # Its tags were 19 passages, its notes answered "Who killed the Harbourmaster?", and its title was
    # "The Quiet Harbour - lampwright - Original Work [Archive of Our Own]".
    message = f'Posted originally on the <a href="{SITE}/">Archive of Our Own</a> at <a href="{SITE}/works/1">it</a>.'
    (tmp_path / "harbour.html").write_text(download(message), encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [story.title for story in corpus.stories] == ["The Quiet Harbour"]
    assert [(p.text, p.chapter) for p in corpus.passages] == [
        (STORY[0], "Chapter 1: Dusk"),
        (STORY[1], "Chapter 2: Dawn"),
    ]


def test_a_books_own_preface_and_afterword_are_read(tmp_path):
    # Told apart by AO3's message linking to the archive: a book's "Preface" is its text.
    page = download("A book of the harbour.").replace(SITE, "https://example.org")
    (tmp_path / "harbour.html").write_text(page, encoding="utf-8")
    texts = " ".join(p.text for p in load_corpus(tmp_path).passages)
    assert "A book of the harbour." in texts and "drop by the archive" in texts and STORY[1] in texts
