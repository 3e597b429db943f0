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


def module(kind: str, text: str) -> str:
    """A summary's or notes' module on AO3's work page: its heading over its quote."""
    label = "Summary" if kind == "summary" else "Notes"
    quote = f'<blockquote class="userstuff"><p>{text}</p></blockquote>'
    return f'<div class="{kind} module"><h3 class="heading">{label}:</h3>{quote}</div>'


def chapter(number: int, title: str, text: str, notes: bool) -> str:
    """A chapter as AO3's work page sets it: its preface (title, summary, notes), its text under a heading only screen
    readers are shown, its end notes."""
    return f"""<div class="chapter" id="chapter-{number}">
<div class="chapter preface group" role="complementary">
<h3 class="title"><a href="/works/1/chapters/{number}">Chapter {number}</a>: {title}</h3>
{module("summary", "The lamp.") if notes else ""}{module("notes", "Written on a train.") if notes else ""}
</div>
<div class="userstuff module" role="article"><h3 class="landmark heading" id="work">Chapter Text</h3><p>{text}</p></div>
<div id="chapter_{number}_endnotes" class="chapter preface group" role="complementary">
{module("end notes", "Comments feed the author!") if notes else ""}</div>
</div>"""


def work_page(title: str) -> str:
    """A work's page on AO3 as a browser saves it (its whole work shown): the site's header and menus, the work's tags
    and stats, its preface in `#workskin`, its chapters, its afterword, the kudos and comments, the footer."""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body class="logged-out"><div id="outer" class="wrapper">
<ul id="skiplinks"><li><a href="#main">Main Content</a></li></ul>
<div id="header" class="region" role="banner"><h1 class="heading"><a href="/"><span>Archive of Our Own</span>
<sup> beta</sup></a></h1><h3 class="landmark heading">Site Navigation</h3>
<ul class="primary navigation actions"><li><a href="/works/search">Browse</a></li></ul></div>
<div id="inner" class="wrapper"><div id="main" class="works-show region" role="main"><div class="work">
<h3 class="landmark heading">Actions</h3>
<div class="wrapper"><dl class="work meta group"><dt class="rating tags">Rating:</dt>
<dd class="rating tags"><ul class="commas"><li><a class="tag" href="/tags/G">General Audiences</a></li></ul></dd>
<dt class="stats">Stats:</dt><dd class="stats"><dl class="stats"><dt class="kudos">Kudos:</dt><dd class="kudos">57</dd>
</dl></dd></dl></div>
<div id="workskin"><div class="preface group"><h2 class="title heading">The Quiet Harbour</h2>
<h3 class="byline heading"><a rel="author" href="/users/lampwright">lampwright</a></h3>
{module("summary", "A keeper.")}{module("notes", "My beta killed the Harbourmaster twice.")}</div>
<div id="chapters" role="article">{chapter(1, "Dusk", STORY[0], True)}{chapter(2, "Dawn", STORY[1], False)}</div>
<div class="afterword preface group">{module("end notes", "Thanks for reading.")}</div></div>
<div id="feedback" class="feedback"><h3 class="landmark heading">Actions</h3>
<div id="kudos"><p class="kudos">reader42 and 55 more users left kudos on this work!</p></div>
<div id="comments_placeholder"><h3 class="heading">Comments</h3><ol class="thread"><li class="comment">
<h4 class="heading byline">reader42 on Chapter 1</h4><blockquote class="userstuff"><p>Mara deserves better!!</p>
</blockquote></li></ol></div></div></div></div></div>
<div id="footer" role="contentinfo" class="region"><h3 class="landmark heading">Footer</h3>
<p class="copyright">Archive of Our Own, a project of the Organization for Transformative Works</p></div>
</div></body></html>"""


def test_an_ao3_work_page_saved_from_the_browser_is_read_as_its_chapters_alone(tmp_path):
    # Its menus, tags, stats, notes, kudos, readers' comments ("Mara deserves better!!") and footer were passages, its
    # chapters named "Chapter Text" after the heading AO3 shows screen readers alone.
    title = "The Quiet Harbour - lampwright - Original Work [Archive of Our Own]"
    (tmp_path / "harbour.html").write_text(work_page(title), encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [story.title for story in corpus.stories] == ["The Quiet Harbour"]
    assert [(p.text, p.chapter) for p in corpus.passages] == [
        (STORY[0], "Chapter 1: Dusk"),
        (STORY[1], "Chapter 2: Dawn"),
    ]


def test_a_page_in_ao3s_markup_without_its_title_is_read_whole(tmp_path):
    # A page of another site built on AO3's code (its own name in the <title>): nothing tells it is AO3's work page.
    (tmp_path / "harbour.html").write_text(work_page("The Quiet Harbour - lampwright [Elsewhere]"), encoding="utf-8")
    texts = " ".join(p.text for p in load_corpus(tmp_path).passages)
    assert all(text in texts for text in (*STORY, "Written on a train.", "Mara deserves better!!", "Thanks for"))
