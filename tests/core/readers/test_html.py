from pathlib import Path

import pytest

from bot.core.corpus import load_corpus
from bot.core.readers.html import HtmlReader
from tests.core.readers.format_fixtures import MILL_TITLE, title_and_chapters
from tests.core.readers.lighthouse import CHAPTERS, LICENSE, TITLE, check_story
from tests.said import said

pytest.importorskip("lxml", reason="the HTML reader needs the formats extra: pip install -e '.[formats]'")


def page(title: str, body: str, head: str = "") -> str:
    head = f"<meta charset='utf-8'><title>{title}</title>{head}"
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def passages_of_page(folder: Path, body: str) -> list[str]:
    """The passages of one page titled "The Keeper" with that body, read from `folder` as a corpus."""
    (folder / "keeper.html").write_text(page("The Keeper", body))
    return [p.text for p in load_corpus(folder).passages]


def story_body() -> str:
    chapters = "".join(
        f"<h2>{name}</h2>" + "".join(f"<p>{text.replace('Maren', '<em>Maren</em>', 1)}</p>" for text in texts)
        for name, texts in CHAPTERS.items()
    )
    return (
        "<nav><a href='/'>Home</a> <a href='/next'>Next chapter</a></nav>"
        f"<script>var tracker = 'lighthouse keeper cloudberry';</script><style>p {{ color: red }}</style>"
        f"<h1>{TITLE}</h1>{chapters}<form><button>Subscribe</button></form>"
    )


def test_html_title_chapters_from_headings_and_scripts_styles_navigation_dropped(tmp_path):
    (tmp_path / "keeper.html").write_text(page(TITLE, story_body()), encoding="utf-8")
    check_story(tmp_path)


def test_gutenberg_html_takes_its_dublin_core_title_and_drops_the_license(tmp_path):
    head = f"<meta name='dc.title' content='{TITLE}'><meta name='dc.creator' content='Ann Example'>"
    body = (
        f"<section class='pg-boilerplate pgheader' id='pg-header'><p>{LICENSE}</p>"
        f"<div>*** START OF THE PROJECT GUTENBERG EBOOK THE LIGHTHOUSE KEEPER ***</div></section>"
        f"{story_body()}"
        "<section class='pg-boilerplate' id='pg-footer'>"
        "<div>*** END OF THE PROJECT GUTENBERG EBOOK THE LIGHTHOUSE KEEPER ***</div>"
        "<h2>THE FULL PROJECT GUTENBERG LICENSE</h2><p>Section 1. General Terms of Use and Redistributing "
        "Project Gutenberg electronic works</p></section>"
    )
    (tmp_path / "pg-keeper.html").write_text(
        page("The Project Gutenberg eBook of The Lighthouse Keeper, by Ann Example", body, head), encoding="utf-8"
    )
    library = check_story(tmp_path)
    assert library.ask("Who may copy it and give it away at no cost?").best is None
    assert not [p for p in library.corpus.passages if "Gutenberg" in p.text]


def test_legacy_encoding_and_a_page_with_no_text(tmp_path):
    (tmp_path / "latin.htm").write_bytes(
        page(
            "Caf\xe9",
            "<p>Le caf\xe9 \xe9tait ferm\xe9.</p>",
            "<meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'>",
        )
        .replace("<meta charset='utf-8'>", "")
        .encode("latin-1")
    )
    (tmp_path / "empty.html").write_text(page("Nothing", "<script>only()</script>"))
    (tmp_path / "blob.html").write_bytes(b"\0" * 4096)
    corpus = load_corpus(tmp_path)
    assert [(s.title, p.text) for s in corpus.stories for p in corpus.passages] == [("Café", "Le café était fermé.")]
    assert {p.split(":")[0] for p in said(corpus.problems)} == {"Skipped empty.html", "Skipped blob.html"}


def test_an_xml_declaration_naming_a_legacy_encoding_is_followed(tmp_path):
    # Older XHTML pages (Project Gutenberg's HTML books among them) begin with `<?xml ... encoding="iso-8859-1"?>`.
    # libxml2's HTML parser took such a page for UTF-8, ignoring the declaration and the page's own <meta> too: every
    # "é" was read as U+FFFD, in silence.
    xhtml = (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head>{meta}<title>{title}</title></head><body><p>{text}</p></body>'
        "</html>"
    )
    meta = '<meta http-equiv="Content-Type" content="text/html;charset=iso-8859-1" />'
    pages = {
        "cafe.xhtml": ("iso-8859-1", meta, "Le Café", "Renée ferma le café à l'aube."),
        "cafe-no-meta.html": ("iso-8859-1", "", "Le Café", "Renée rouvrit le café à midi."),
        "lamp.htm": ("windows-1251", "", "Маяк", "Марен зажгла лампу."),
    }
    for name, (encoding, head, title, text) in pages.items():
        declaration = f'<?xml version="1.0" encoding="{encoding}"?>\n'
        (tmp_path / name).write_bytes((declaration + xhtml.format(meta=head, title=title, text=text)).encode(encoding))
    (tmp_path / "meta-only.html").write_bytes(
        ('<?xml version="1.0"?>\n' + xhtml.format(meta=meta, title="Le Quai", text="Renée attendit.")).encode("latin-1")
    )
    corpus = load_corpus(tmp_path)
    assert sorted((s.title, p.text) for n, s in enumerate(corpus.stories) for p in corpus.passages if p.story == n) == [
        ("Le Café", "Renée ferma le café à l'aube."),
        ("Le Café", "Renée rouvrit le café à midi."),
        ("Le Quai", "Renée attendit."),
        ("Маяк", "Марен зажгла лампу."),
    ]


def test_a_page_nested_deeply_is_read_whole_or_named_never_cut_short_in_silence(tmp_path):
    # libxml2 stops building the tree 256 elements deep (unclosed <font> or <div> tags nest that deep in
    # old pages): the rest of the page, to its last paragraph, was dropped without a word.
    def nested(depth: int) -> str:
        deep = "<div>" * depth + f"<p>Anna rowed the boat {depth} times.</p>" + "</div>" * depth
        return page("Deep", f"<p>Olga sang by the river.</p>{deep}<p>Ivan slept in the barn.</p>")

    (tmp_path / "deep.html").write_text(nested(300))
    (tmp_path / "deeper.html").write_text(nested(5000))
    corpus = load_corpus(tmp_path)
    assert [p.text for p in corpus.passages] == [
        "Olga sang by the river.",
        "Anna rowed the boat 300 times.",
        "Ivan slept in the barn.",
    ]
    (problem,) = said(corpus.problems)
    assert problem.startswith("Skipped deeper.html:") and "nested too deeply" in problem


def test_what_old_browsers_were_shown_instead_of_frames_or_plugins_is_not_read_as_text(tmp_path):
    # libxml2 keeps <noframes> and <noembed> as raw text: a book site's frameset page loaded as the passage
    # "<body><p>This book is best read with frames.</p></body>", tags and all, and the same inside a page.
    (tmp_path / "index.html").write_text(
        "<html><head><title>The Keeper</title></head><frameset cols='20%,80%'><frame src='toc.html'>"
        "<frame src='chapter-1.html'><noframes><body><p>This book is best read with frames.</p></body></noframes>"
        "</frameset></html>"
    )
    (tmp_path / "chapter-1.html").write_text(
        page(
            "Chapter One",
            "<p>Maren lit the lamp.</p><noframes><p>Back to the contents.</p></noframes>"
            "<noembed><p>Your browser cannot play the foghorn.</p></noembed><p>The storm broke the glass.</p>",
        )
    )
    corpus = load_corpus(tmp_path)
    assert [p.text for p in corpus.passages] == ["Maren lit the lamp.", "The storm broke the glass."]
    assert [p.split(":")[0] for p in said(corpus.problems)] == ["Skipped index.html"]  # a frameset is no story


def test_a_tag_of_hundreds_of_attributes_is_named_and_skipped_while_long_values_read(tmp_path):
    # libxml2 looks for each attribute's name among the tag's others: a tag of 500,000 (3.9 MB) took hours to read.
    def tag(names: list[str]) -> str:
        return page("Tag", f"<p {' '.join(names)}>Olga sang by the river.</p>")

    (tmp_path / "most.html").write_text(tag([f"a{i}" for i in range(256)] + ["a1"] * 5000))
    (tmp_path / "over.html").write_text(tag([f'a{i}="x"' for i in range(257)]))
    (tmp_path / "long.html").write_text(
        page("Long", "<p>Ivan slept in the barn.</p>", "<meta name='description' content='" + "a >b " * 9000 + "'>")
    )
    corpus = load_corpus(tmp_path)
    assert sorted(p.text for p in corpus.passages) == ["Ivan slept in the barn.", "Olga sang by the river."]
    (problem,) = said(corpus.problems)
    assert problem.startswith("Skipped over.html:") and "has a tag of over 256 attributes" in problem


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_a_page_saved_as_unicode_with_its_byte_order_mark_is_read(tmp_path, encoding):
    # Notepad's and old Word's "Unicode" (UTF-16 with a byte order mark) was refused as "a binary file?" for its NUL
    # bytes, where a .txt or .md file saved so is read.
    (tmp_path / "keeper.html").write_bytes(("\ufeff" + page(TITLE, story_body())).encode(encoding))
    check_story(tmp_path)


def test_a_soft_hyphen_never_splits_a_word_even_before_a_line_break(tmp_path):
    # "prac&shy;\ntising" (hyphenated text pasted into a page) was the two words "prac" and "tising".
    body = "<p>The keeper was prac&shy;\ntising her sig&shy;nals.</p>"
    (tmp_path / "lamp.html").write_text(page("The Lamp", body), encoding="utf-8")
    assert [p.text for p in load_corpus(tmp_path).passages] == ["The keeper was practising her signals."]


def test_a_books_contents_notes_and_page_numbers_are_no_story_text(tmp_path):
    # Project Gutenberg's HTML books link their contents to the chapters, mark notes with linked "[1]" and print the
    # paper book's page numbers: each note's mark and page number was read into its word ("cape[1]", "years.[Pg 2]"),
    # each note and each line of the contents a passage of its own. A page marked with DPUB-ARIA's roles is read so.
    contents = "".join(f"<p class='toc'><a href='#c{n}'>{name}</a></p>" for n, name in enumerate(CHAPTERS))
    (first_name, first), (second_name, second) = CHAPTERS.items()
    marked = first[0].replace("cape", "cape<a id='FNanchor_1' href='#Footnote_1' class='fnanchor'>[1]</a>")
    gutenberg = (
        f"<h1>{TITLE}</h1><h2>CONTENTS</h2>{contents}<h2 id='c0'>{first_name}</h2>"
        f"<p>{marked}</p><p><span class='pagenum'><a id='Page_2'>[Pg 2]</a></span>{first[1]}</p>"
        "<div class='footnote'><p><a id='Footnote_1' href='#FNanchor_1' class='label'>[1]</a> Nordkinn, the "
        f"northernmost point.</p></div><h2 id='c1'>{second_name}</h2>" + "".join(f"<p>{text}</p>" for text in second)
    )
    aria = gutenberg.replace("class='fnanchor'", "role='doc-noteref'").replace(
        "<div class='footnote'>", "<div role='doc-endnotes'>"
    )
    for name, body in (("gutenberg", gutenberg), ("aria", aria.replace("class='pagenum'", "role='doc-pagebreak'"))):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "keeper.html").write_text(page(TITLE, body), encoding="utf-8")
        library = check_story(folder)
        assert not [p for p in library.corpus.passages if "Nordkinn" in p.text]


def test_a_year_linked_within_the_page_is_read_and_a_notes_mark_is_not(tmp_path):
    # A link whose whole text was a number of up to four digits was taken for a note's mark and left out: a year
    # linked to a note about it, or to a page about the year ("In <a>1984</a> the lamp failed"), lost its word.
    (first_name, first), (second_name, second) = CHAPTERS.items()
    first = [first[0].replace("forty years", "forty years, from <a href='#y'>1950</a>"), first[1]]
    marked = first[1].replace("fog", "fog<a href='#n1'>[1024]</a><a href='#n2'>12</a>")
    body = f"<h2>{first_name}</h2><p>{first[0]}</p><p>{marked}</p><h2>{second_name}</h2>" + "".join(
        f"<p>{text}</p>" for text in second
    )
    (tmp_path / "keeper.html").write_text(page(TITLE, body), encoding="utf-8")
    chapters = dict(CHAPTERS)
    chapters[first_name] = [first[0].replace("<a href='#y'>1950</a>", "1950"), first[1]]
    check_story(tmp_path, chapters=chapters)


def test_a_story_paragraph_that_is_one_link_within_the_book_is_read(tmp_path):
    # A paragraph all of whose text linked within the book was taken for a contents entry and left out, though alone
    # it is a story's own (a web serial linking a paragraph to its glossary); two or more in a row are a contents list.
    (first_name, first), (second_name, second) = CHAPTERS.items()
    linked = f"<p><a href='glossary.html#keeper'>{first[1]}</a></p>"
    contents = f"<p><a href='#c0'>{first_name}</a></p><p><a href='#c1'>{second_name}</a></p>"
    body = f"{contents}<h2 id='c0'>{first_name}</h2><p>{first[0]}</p>{linked}<h2 id='c1'>{second_name}</h2>" + "".join(
        f"<p>{text}</p>" for text in second
    )
    (tmp_path / "keeper.html").write_text(page(TITLE, body), encoding="utf-8")
    check_story(tmp_path)


def test_libreoffices_notes_and_page_footers_are_no_story_text(tmp_path):
    # LibreOffice's HTML marks a note by its classes alone ("sdfootnoteanc" in the text, "sdfootnote" or
    # "sdfootnote-western" for its own text, at the page's end) and puts each page's header and footer in a <div>
    # titled so: the notes were read as the last chapter's paragraphs, the footer's page number as one more.
    note = "The northern cape is Nordkinn, the mainland's northernmost point."
    chapters = ""
    for name, texts in CHAPTERS.items():
        paragraphs = [
            text.replace(
                "northern cape",
                "northern cape<a class='sdfootnoteanc' name='sdfootnote1anc' href='#sdfootnote1sym'><sup>1</sup></a>",
            )
            for text in texts
        ]
        chapters += f"<h1>{name}</h1>" + "".join(f"<p>{text}</p>" for text in paragraphs)
    notes = (
        f"<div id='sdfootnote1'><p class='sdfootnote-western'><a class='sdfootnotesym' name='sdfootnote1sym' "
        f"href='#sdfootnote1anc'>1</a>{note}</p></div>"
        f"<div id='sdendnote1'><p class='sdendnote'>An endnote on the lamp.</p></div>"
    )
    footer = (
        "<div title='footer'><p align='center'><sdfield type=PAGE subtype=RANDOM format=PAGE>13</sdfield></p></div>"
    )
    (tmp_path / "keeper.html").write_text(
        page(TITLE, f"<div title='header'><p>{TITLE}</p></div>{chapters}{notes}{footer}"), encoding="utf-8"
    )
    check_story(tmp_path)


def test_words_reviewers_comments_their_marks_and_subtitle_are_no_story_text(tmp_path):
    # Word's "Web Page, Filtered" (Word 15's shape): a reviewer's comment at the page's end, in a <div
    # class=msocomtxt> of MsoCommentText paragraphs, was read as the last chapter's last passage ("Does Tomas die?"
    # was answered from it), and its mark "[MS1]" into the word before it; the Subtitle style's paragraph was the
    # story's first passage. The story's own sentence saying the same, in a Normal paragraph, is kept.
    mark = (
        "<span class=MsoCommentReference><span style='font-size:8.0pt'><a class=msocomanchor id='_anchor_1' "
        "href='#_msocom_1' language=JavaScript name='_msoanchor_1'>[MS1]</a>&nbsp;</span></span>"
    )
    body = (
        "<div class=WordSection1><p class=MsoTitle>The Salt Road</p><p class=MsoSubtitle>A novella</p></div>"
        "<div class=WordSection2><h1><a name='_Toc1'>Chapter One: The Hut</a></h1>"
        f"<p class=MsoNormal>She raked <a name='_msocom_1'></a>salt every morning{mark}.</p>"
        "<p class=MsoNormal>Tomas dies in chapter three, the gulls said.</p></div>"
        "<div><hr class=msocomoff align=left size=1 width='33%'><div><div id='_com_1' class=msocomtxt "
        "language=JavaScript><span style='mso-comment-author:\"Wren Holm\"'><a name='_msocom_1'></a></span>"
        "<p class=MsoCommentText><span class=MsoCommentReference><span style='font-size:8.0pt'>&nbsp;"
        "<a href='#_msoanchor_1'>[MS1]</a></span></span>Tomas dies in chapter three, don't forget.</p>"
        "</div></div></div>"
    )
    head = "<meta name=Generator content='Microsoft Word 15 (filtered)'>"
    (tmp_path / "salt.htm").write_text(page("The Salt Road", body, head), encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [(p.chapter, p.text) for p in corpus.passages] == [
        ("Chapter One: The Hut", "She raked salt every morning."),
        ("Chapter One: The Hut", "Tomas dies in chapter three, the gulls said."),
    ]


def test_what_a_page_shows_without_its_canvas_video_or_audio_is_no_story_text(tmp_path):
    # A <canvas>, <video> or <audio> holds what a reader without it shows instead (IDPF's EPUB 3 sample "Trees":
    # "Your Reading System does not support canvas."): it was read as the chapter's first paragraph. A <video>'s or
    # <audio>'s that says it cannot be played is left out whole: IDPF's "A Shared Culture" lists the element's markup
    # under its message.
    fallbacks = (
        "<canvas id='lamp'>Your Reading System does not support canvas.</canvas>"
        "<video src='storm.mp4'><p>Your browser does not play this video.</p></video>"
        "<audio src='foghorn.mp3'>Your browser doesn't support the audio element.</audio>"
        "<video><source src='storm.webm'/><div><p>Your Reading System does not support (this) video.</p>"
        "<pre><code>&lt;video&gt;&lt;source src='storm.webm'/&gt;&lt;/video&gt;</code></pre></div></video>"
    )
    body = "".join(
        f"<h2>{name}</h2>{fallbacks}" + "".join(f"<p>{text}</p>" for text in texts) for name, texts in CHAPTERS.items()
    )
    (tmp_path / "keeper.html").write_text(page(TITLE, body), encoding="utf-8")
    check_story(tmp_path)


def test_a_transcript_or_caption_written_inside_a_video_or_audio_is_read(tmp_path):
    # What a <video> or <audio> holds for a reader that cannot play it may be the story's own words: the foghorn's
    # song written out, a film's caption. It was left out with the element, and with it the chapter's text.
    chapters = {
        "Chapter One: The Storm": [
            "Maren kept the old lighthouse on the northern cape for forty years.",
            "Two long blasts, then one short: the foghorn's song that every boat knew.",
            "Every winter night she lit the great lamp for the fishing boats that came home through the fog.",
        ],
        "Chapter Two: The Calm": [
            "When the sea was calm, Maren walked to the village of Skarvik to buy bread and lamp oil.",
            "The baker's daughter, Ilse, gave her a jar of cloudberry jam every autumn.",
        ],
    }
    one, song, two = chapters["Chapter One: The Storm"]
    calm, jam = chapters["Chapter Two: The Calm"]
    body = (
        f"<h2>Chapter One: The Storm</h2><p>{one}</p>"
        f"<audio controls><source src='foghorn.mp3'/><track kind='captions' src='foghorn.vtt'/><p>{song}</p></audio>"
        f"<p>{two}</p><h2>Chapter Two: The Calm</h2><p>{calm}"
        "<video src='calm.mp4'>Your browser does not support the video tag.</video></p>"
        f"<p>{jam.replace('Ilse', '<video>Ilse</video>')}</p>"  # a name said inline, in a film of her
    )
    (tmp_path / "keeper.html").write_text(page(TITLE, body), encoding="utf-8")
    check_story(tmp_path, chapters)


def test_an_hgroup_of_lines_with_no_heading_is_read_as_its_lines(tmp_path):
    # An <hgroup>'s heading and lines name one chapter; one holding no heading (a poem's lines grouped so) named a
    # chapter by its lines all the same, and they were lost from the text.
    lines = ["The lamp turns slow above the sleeping sound,", "and every boat that sees it comes home round."]
    body = f"<h2>Sound</h2><hgroup>{''.join(f'<p>{line}</p>' for line in lines)}</hgroup><p>Written at Vardø.</p>"
    (tmp_path / "sound.html").write_text(page("Sounds", body), encoding="utf-8")
    found: dict[str, list[str]] = {}
    for passage in load_corpus(tmp_path).passages:
        found.setdefault(passage.chapter or "", []).append(passage.text)
    assert found == {"Sound": [" ".join(lines), "Written at Vardø."]}  # the lines one sentence, one passage


def test_a_poem_page_titled_by_its_first_line_keeps_that_line(tmp_path):
    # A poem's page titled by its first line, as anthologies and poetry sites title untitled poems, heads it with that
    # title too. A title page's lines (the title, the author's name) before the first paragraph are left out, and the
    # poem's first line, the title said again, was taken for one: after the title's heading it is the poem's.
    lines = ["I watched the lamp go round", "and counted every beam,", "and slept."]
    body = f"<h1>{lines[0]}</h1>" + "".join(f"<p>{line}</p>" for line in lines)
    (tmp_path / "lamp.html").write_text(page(lines[0], body), encoding="utf-8")
    assert [p.text for p in load_corpus(tmp_path).passages] == [" ".join(lines)]  # one sentence, one passage


def test_a_transcript_that_says_someone_could_not_play_is_read(tmp_path):
    # A fallback is left out only as a message: short, and saying what cannot be played (a video, the browser). A
    # transcript in which Maren "could not play the reel" was left out whole, and the chapter's words with it.
    chapters = {
        "Chapter One: The Storm": [
            "Maren kept the old lighthouse on the northern cape for forty years.",
            "The tape was old. Maren said she could not play the reel again, not after the storm took her brother.",
            "Every winter night she lit the great lamp for the fishing boats that came home through the fog.",
        ],
        "Chapter Two: The Calm": ["The baker's daughter, Ilse, gave her a jar of cloudberry jam every autumn."],
    }
    one, transcript, two = chapters["Chapter One: The Storm"]
    body = (
        f"<h2>Chapter One: The Storm</h2><p>{one}</p>"
        f"<video src='reel.mp4'><p>{transcript}</p></video><p>{two}</p>"
        "<video src='calm.mp4'>Sorry, this video cannot play here.</video>"
        f"<h2>Chapter Two: The Calm</h2><p>{chapters['Chapter Two: The Calm'][0]}</p>"
    )
    (tmp_path / "keeper.html").write_text(page(TITLE, body), encoding="utf-8")
    check_story(tmp_path, chapters)


@pytest.mark.parametrize(
    ("fixture", "chapters"),
    [
        ("mill-libreoffice.html", []),
        ("mill-pandoc.html", []),
    ],
)
def test_an_html_with_no_title_but_its_lone_first_heading_is_titled_by_it(fixture, chapters):
    """A story opening with "# The Mill" (LibreOffice's of a Word file with a Heading 1 first, its <title> empty;
    pandoc's of the Markdown, its <title> pandoc's stand-in, "mill"): the heading alone at its level is the title. It
    was named after its file ("mill" after the file pandoc read), "The Mill" its first chapter."""
    assert title_and_chapters(fixture) == (MILL_TITLE, chapters)


@pytest.mark.parametrize("fixture", ["ferry-libreoffice.html", "ferry-pandoc.html"])
def test_an_html_books_first_chapter_heading_is_no_title(fixture):
    """ "Chapter 1" with "Chapter 2" at its level after it names a chapter; the book is named after its file, not
    after the file pandoc made it of ("ferry", its <title> where no title was given)."""
    assert title_and_chapters(fixture) == (None, ["Chapter 1", "Chapter 2"])


def test_pandocs_page_titled_by_its_title_block_keeps_its_title(tmp_path):
    # A title given to pandoc is written twice, as the <title> and in the page's title block (<h1 class="title">, in
    # HTML5's <header id="title-block-header">, HTML4's <div id="header">): the <title> is the document's own.
    head = "<meta name='generator' content='pandoc'>"
    for block in ("<header id='title-block-header'>", "<div id='header'>"):
        closing = "</header>" if block.startswith("<header") else "</div>"
        body = f"{block}<h1 class='title'>The Lamp</h1>{closing}<p>Maren lit the lamp at dusk.</p>"
        (tmp_path / "lamp-notes.html").write_text(page("The Lamp", body, head), encoding="utf-8")
        corpus = load_corpus(tmp_path)
        assert [(story.title, story.passage_count) for story in corpus.stories] == [("The Lamp", 1)]
    (tmp_path / "lamp-notes.html").write_text(page("lamp", "<p>Maren lit the lamp.</p>", head), encoding="utf-8")
    assert [story.title for story in load_corpus(tmp_path).stories] == ["Lamp Notes"]  # pandoc's stand-in, "lamp"


def test_a_notes_link_back_is_told_from_a_storys_arrow_by_its_link(tmp_path):
    # Notes as paragraphs whose link back is a link (Calibre's HTML writes them so, its classes its own: nothing else
    # marks them), its arrow's variation selector within the link or after it, are left out with their marks; the
    # story's own "↩", text, is read.
    notes = "".join(
        f"<li><p>The {word} note.<a href='#ref{n}'>\u21a9{inside}</a>{after}</p></li>"
        for n, (word, inside, after) in enumerate([("first", "\ufe0e", ""), ("second", "", "\ufe0e")], start=1)
    )
    body = (
        "<h2>Chapter One</h2><p>The cape<a href='#n1' id='ref1'>1</a> and the harbour.<a href='#n2' id='ref2'>2</a></p>"
        f"<p>She typed the code and pressed \u21a9\ufe0e</p><ol>{notes}</ol>"
    )
    (tmp_path / "keeper.html").write_text(page("The Keeper", body), encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [passage.text for passage in corpus.passages] == [
        "The cape and the harbour.",
        "She typed the code and pressed \u21a9\ufe0e",
    ]


def test_an_xhtml_pages_internal_subset_is_no_text_and_its_entities_are_read_as_their_text(tmp_path):
    # libxml2's HTML parser ends a DOCTYPE at its first ">": the rest of an internal subset was the story's first
    # passage ("]>"), and the entities it declares were read as written ("&hero;").
    subset = '<!DOCTYPE html [\n<!ENTITY hero "Anatole">\n<!ENTITY mdash "&#8212;">\n]>'
    body = '<p title="&hero;">The miller &hero; ground rye&mdash;all night.</p><p>His wheel stopped.</p>'
    head = f'<?xml version="1.0" encoding="utf-8"?>\n{subset}\n<html><head><title>Mill</title></head>'
    xhtml = f"{head}<body>{body}</body></html>"
    laughs = "".join(f'<!ENTITY l{n} "{"ha" * 100}">' for n in range(3))
    (tmp_path / "mill.xhtml").write_text(xhtml)
    (tmp_path / "laughs.html").write_text(f"<!DOCTYPE html [{laughs}]><p>{'&l0;&l1;&l2;' * 200}</p>")
    corpus = load_corpus(tmp_path)
    assert [p.text for p in corpus.passages] == ["The miller Anatole ground rye\u2014all night.", "His wheel stopped."]
    assert "billion laughs" in said(corpus.problems)[0]


def test_ruby_is_read_as_the_words_it_glosses_without_their_reading(tmp_path):
    # Ruby's reading (furigana) was read into the word it glosses: "漢かん字じ" holds no "漢字", and a question, which
    # is the sentence as written, found nothing (Japanese is indexed as pairs of characters). With brackets for
    # readers without ruby (rp), a closing tag HTML lets a page leave out, and a reading in an rtc, the same.
    body = (
        "<h1>第一章</h1><p>彼は<ruby>漢<rt>かん</rt>字<rt>じ</rt></ruby>を書いた。</p>"
        "<p><ruby>灯台<rp>(</rp><rt>とうだい</rt><rp>)</rp></ruby>が光った。</p>"
        "<p><ruby>海<rt>うみ</ruby>は静かだった。</p>"
        "<p><ruby><rb>港</rb><rtc><rt>みなと</rt></rtc></ruby>に着いた。</p>"
    )
    (tmp_path / "ruby.html").write_text(page("ルビ", body), encoding="utf-8")
    found = [(p.chapter, p.text) for p in load_corpus(tmp_path).passages]
    texts = ["彼は漢字を書いた。", "灯台が光った。", "海は静かだった。", "港に着いた。"]
    assert found == [("第一章", text) for text in texts]


def test_paragraphs_parted_by_two_line_breaks_or_a_blank_line_in_preformatted_text_are_passages(tmp_path):
    # Old pages and web fiction part paragraphs with <br><br>, and a story typed as text may stand in a <pre>:
    # each was one paragraph, cut into passages at sentence ends wherever its length said.
    body = (
        "<h1>The Weir<br><br>A Story</h1>"  # in a heading, line breaks part nothing
        "The keeper rose at dawn.<br>\nHe lit the lamp.<br><br>\nThe storm came at noon.<br> <br>The boats stayed in."
        "<pre>Maren mended nets.\nShe sang.\n\n  \nThe tide turned.</pre>"
    )
    (tmp_path / "weir.html").write_text(page("The Weir", body), encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert {p.chapter for p in corpus.passages} == {"The Weir A Story"}
    assert [" ".join(p.text.split()) for p in corpus.passages] == [
        "The keeper rose at dawn. He lit the lamp.",
        "The storm came at noon.",
        "The boats stayed in.",
        "Maren mended nets. She sang.",
        "The tide turned.",
    ]


def test_paragraphs_parted_by_one_line_break_each_are_passages_where_they_read_as_prose_not_verse(tmp_path):
    # eFiction's fan-fiction archives, old personal pages and text pasted into blog editors part paragraphs with one
    # <br> each, indented with non-breaking spaces: the story was one paragraph, cut into slices mid-paragraph.
    indent = "&nbsp;" * 4
    prose = [
        "Ingrid lived in a hut at the edge of the salt marsh, where the boats came in at dusk and the gulls argued.",
        '"Are you coming?" asked Tomas.',
        '"Not tonight," said Ingrid, and she shut the door on the wind and the grey water of the bay.',
        "The letter came on a Tuesday, sealed with green wax, and the boy who carried it would not meet her eye.",
    ]
    efiction = "<div id='story'>" + "".join(f"{indent}{line}<br>\n" for line in prose) + "</div>"
    verse = [
        "The tide came in over the salt pans where the grey gulls argued all the long morning,",
        f"{indent}and the tide went out past the old stone marker by the mill and the boats,",
        "and Ingrid sang to the wind and the water and the one red sail on the grey sea",
        f"{indent}as the gulls wheeled.",
    ]  # a poem's lines as long as prose's (Whitman's), indented (The Raven's): they end sentences less often
    poem = "<p>" + "<br>\n".join(verse) + "</p><p>Harbour Road 4<br>Skagen</p>"
    (tmp_path / "salt.html").write_text(page("The Salt Road", efiction + poem), encoding="utf-8")
    assert [" ".join(p.text.split()) for p in load_corpus(tmp_path).passages] == [
        prose[0],
        f"{prose[1]} {prose[2]}",  # a line that asks is one passage with its reply (bot.core.dialogue_replies)
        prose[3],
        " ".join(line.removeprefix(indent) for line in verse),
        "Harbour Road 4 Skagen",
    ]


def test_an_initial_or_a_heading_set_as_a_picture_is_read_by_its_alt_text_and_other_pictures_are_not(tmp_path):
    # Project Gutenberg's illustrated books set initials and chapter titles as pictures: "NGRID lived", no chapters.
    body = (
        '<h2><img src="images/ch1.png" alt="Chapter One" /></h2>'
        '<p><img class="drop-cap" src="images/drop-i.jpg" alt="I" />NGRID lived in a hut by the marsh.</p>'
        '<p><img src="images/a.jpg" alt="A" /> long time ago she raked salt.</p>'
        '<h2><img src="images/ornament.png" alt="ornament" /> The Letter</h2>'
        '<p><span class="dropcap"><img src="images/t.jpg" alt="T" /></span>he letter came on a Tuesday.</p>'
        '<div class="figcenter"><img src="images/i010.jpg" alt="Ingrid at the stove" /></div>'
        "<p>She burned it <img src='images/x.png' alt='X' />.</p>"
        '<h2><img src="i/00003.jpeg" alt="00003.jpeg" /></h2><h2><img src="o.png" alt="decorative ornament" /></h2>'
        '<p><img class="drop-cap" src="images/w.jpg" alt="W" />When the tide turned, she rowed home.</p>'
    )
    (tmp_path / "salt.html").write_text(page("The Salt Road", body), encoding="utf-8")
    assert [(p.chapter, " ".join(p.text.split())) for p in load_corpus(tmp_path).passages] == [
        ("Chapter One", "INGRID lived in a hut by the marsh."),
        ("Chapter One", "A long time ago she raked salt."),
        ("The Letter", "The letter came on a Tuesday."),
        ("The Letter", "She burned it ."),
        ("The Letter", "When the tide turned, she rowed home."),  # an initial the text says again is said once
    ]  # a picture's file name or a word about it names no chapter


def test_a_google_docs_web_page_is_titled_by_its_title_paragraph_without_its_contents_and_comment_marks(tmp_path):
    # Google Docs' "Web page (.html, zipped)" has no <title>: the story was "TheSaltRoad", its file's name, its Title
    # paragraph a passage, its contents (page numbers after tabs) two passages, and "morning[a]" a word.
    body = (
        '<p class="c3 title" id="h.title"><span class="c0">The Salt Road</span></p>'
        '<p class="c5"><span class="c0"><a class="c2" href="#h.gjdgxs">Chapter One: The Hut</a></span>'
        '<span class="c0">\t2</span></p>'
        '<p class="c5"><span class="c0"><a class="c2" href="#h.30j0zll">Chapter Two: The Letter</a></span>'
        '<span class="c0">\t3</span></p>'
        '<h1 class="c3" id="h.gjdgxs"><span class="c0">Chapter One: The Hut</span></h1>'
        '<p class="c1"><span class="c0">She raked salt every morning</span>'
        '<sup><a href="#cmnt1" id="cmnt_ref1">[a]</a></sup><span class="c0">.</span></p>'
        '<h1 class="c3" id="h.30j0zll"><span class="c0">Chapter Two: The Letter</span></h1>'
        '<p class="c1"><span class="c0">The letter came on a Tuesday, page 3 of it\t4 lines long.</span></p>'
        '<div><p class="c1"><a href="#cmnt_ref1" id="cmnt1">[a]</a><span class="c0">Wren: evening?</span></p></div>'
    )
    html = f'<html><head><meta charset="utf-8"></head><body class="c4 doc-content">{body}</body></html>'
    (tmp_path / "TheSaltRoad.html").write_text(html, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [story.title for story in corpus.stories] == ["The Salt Road"]
    assert [(p.chapter, p.text) for p in corpus.passages] == [
        ("Chapter One: The Hut", "She raked salt every morning."),
        ("Chapter Two: The Letter", "The letter came on a Tuesday, page 3 of it 4 lines long."),
    ]


def test_a_google_docs_web_page_leaves_out_its_subtitle_and_its_footnotes(tmp_path):
    # Google Docs' "Download -> Web page": its footnote at the page's end, opening with its link back to the mark, was
    # the last chapter's last passage; its Subtitle paragraph the story's first; a lone "*" a passage.
    body = (
        '<p class="c5 title"><span>The Glass Orchard</span></p>'
        '<p class="c5 subtitle"><span>A novella, draft 3</span></p>'
        '<h1 class="c4"><span>Chapter One</span></h1>'
        '<p class="c1"><span>Joren laughed at her<sup><a href="#ftnt1" id="ftnt_ref1">[1]</a></sup>.</span></p>'
        '<p class="c1"><span>*</span></p><p class="c1"><span>The orchard rang.</span></p>'
        '<hr><div><p class="c10"><a href="#ftnt_ref1" id="ftnt1">[1]</a><span>&nbsp;He always laughed first.</span>'
        "</p></div>"
    )
    (tmp_path / "orchard.html").write_text(page("The Glass Orchard", body), encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [(p.text, p.chapter) for p in corpus.passages] == [
        ("Joren laughed at her.", "Chapter One"),
        ("The orchard rang.", "Chapter One"),
    ]


@pytest.mark.parametrize(
    ("mark", "back"),
    [
        ('<a href="#fn1" id="ref1">1</a>', '<a href="#ref1" id="fn1">1</a>'),  # a converter's: ids
        ('<a href="#_ftn1" name="_ftnref1">[1]</a>', '<sup><a href="#_ftnref1" name="_ftn1">[1]</a></sup>'),  # Word's
        ('<a href="#n1" id="ref1">1</a>', '<a href="#ref1">1</a>'),  # the mark points at the note's paragraph
        ('<sup><a id="ref1" href="#fn1">1</a></sup>', '<a id="fn1" href="#ref1">1.</a>'),  # hand-made, Sigil's: "1."
        ('<sup><a id="ref1" href="#fn1">1</a></sup>', '<a id="fn1" href="#ref1">1)</a>'),
    ],
    ids=["ids", "word-names", "paragraph-id", "number-period", "number-parenthesis"],
)
def test_a_note_opening_with_its_number_linked_back_to_its_mark_is_no_story_text(tmp_path, mark, back):
    # Nothing but its link back to the link to it tells the note: it was read as the last chapter's last passage. A
    # paragraph opening with a link to a glossary is the story's.
    body = (
        f"<h1>Chapter One</h1><p>Ingrid raked the salt{mark} into hills.</p>"
        '<p><a href="#salt">Salt</a> was weighed at dusk.</p>'
        f'<p id="n1">{back} The salt pans at Hvaler were worked by hand.</p><p id="salt">Salt: a white crust.</p>'
    )
    (tmp_path / "salt.html").write_text(page("The Salt Road", body), encoding="utf-8")
    assert [p.text for p in load_corpus(tmp_path).passages] == [
        "Ingrid raked the salt into hills.",
        "Salt was weighed at dusk.",
        "Salt: a white crust.",
    ]


def test_a_tables_row_is_one_passage_unless_its_cells_hold_paragraphs(tmp_path):
    # Each cell was a passage: "Wren" stood apart from "Berit", and "who captains the Wren?" had no passage to answer
    # from. A row is its cells beside each other; one whose cells hold paragraphs (or two line breaks in a row, as a
    # page laid out in a table parts its story's) is read as they are; a table of links within the book is a contents
    # list still.
    body = (
        "<h1>Chapter One</h1><p>Mara kept the harbour log.</p>"
        '<table><tr><td><a href="#c1">Chapter One</a></td><td><a href="#c1">The Log</a></td></tr>'
        '<tr><td><a href="#c2">Chapter Two</a></td><td><a href="#c2">The Wren</a></td></tr></table>'
        "<table><thead><tr><th>Ship</th><th>Captain</th><th>Cargo</th></tr></thead>"
        "<tbody><tr><td><i>Gull</i></td><td>Tomas</td><td>salt</td></tr>"
        "<tr><td>Olof:</td><td>Will you sell it?</td></tr>"
        "<tr><td>Wren</td><td></td><td>herring<br><br>and tar</td></tr>"
        "<tr><td>Log</td><td><p>Berit sailed at dawn.</p><p>She came back at noon.</p></td></tr></tbody></table>"
    )
    (tmp_path / "harbour.html").write_text(page("The Harbour", body), encoding="utf-8")
    assert [" ".join(p.text.split()) for p in load_corpus(tmp_path).passages] == [
        "Mara kept the harbour log.",
        "Ship | Captain | Cargo",
        "Gull | Tomas | salt",
        "Olof: Will you sell it?",  # a speaker's cell, ending in a colon, and the speech: as a play's text says it
        "Wren",
        "herring",
        "and tar",
        "Log",
        "Berit sailed at dawn.",
        "She came back at noon.",
    ]


def test_tales_opened_by_numbers_an_index_links_to_and_from_are_read_not_taken_for_notes(tmp_path):
    # A note's mark stands against the word before it ("salt¹"); an index's numbers ("Tales: 1 2", or numbers alone)
    # link to what they number and back as marks and notes do, and the tales they opened were left out as notes.
    body = (
        "<p>Tales: <a href='#t1' name='c1'>1</a> <a href='#t2' name='c2'>2</a></p>"
        "<p><a name='t1' href='#c1'>1</a> The shepherd lost his flute in the snow.</p>"
        "<div id='d2'><a href='#i2'>2</a><br/><br/>The bell rang under the sea.</div>"
        "<div><a href='#d2' id='i2'>2</a></div>"
        "<p>Ingrid raked the salt<sup><a href='#n1' id='m1'>1</a></sup> into hills.</p>"
        "<p id='n1'><a href='#m1'>1</a> Hvaler's salt pans.</p>"
    )
    (tmp_path / "tales.html").write_text(page("Tales", body), encoding="utf-8")
    texts = [" ".join(p.text.split()) for p in load_corpus(tmp_path).passages]
    assert "The shepherd lost his flute in the snow." in texts
    assert "The bell rang under the sea." in texts
    assert "Ingrid raked the salt into hills." in texts
    assert not any("Hvaler" in text for text in texts)


def test_a_google_docs_page_whose_chapters_are_set_in_the_title_style_keeps_them(tmp_path):
    body = "".join(
        f'<p class="c3 title"><span>Chapter {n}</span></p><p class="c1"><span>Ingrid rowed out, day {n}.</span></p>'
        for n in ("One", "Two")
    )
    html = f'<html><head><meta charset="utf-8"></head><body class="c4 doc-content">{body}</body></html>'
    (tmp_path / "TheSaltRoad.html").write_text(html, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [p.text for p in corpus.passages][-1] == "Ingrid rowed out, day Two."
    assert "Chapter Two" in [p.text for p in corpus.passages] + [p.chapter for p in corpus.passages]


def test_a_chapters_number_and_title_in_paragraphs_classed_so_name_it(tmp_path):
    # A page with no heading sets each chapter's opener in two paragraphs whose classes say what they are
    # ("chapter-number" over "chapter-title"): they name the chapter as an <hgroup>'s lines do, not its first passages.
    body = ""
    for name, texts in CHAPTERS.items():
        number, title = name.split(": ")
        body += f"<p class='chapter-number'>{number}</p><p class='chapter-title'>{title}</p>"
        body += "".join(f"<p>{text}</p>" for text in texts)
    (tmp_path / "keeper.html").write_text(page(TITLE, body), encoding="utf-8")
    check_story(tmp_path)


def test_a_heading_over_a_paragraph_classed_as_the_chapters_title_is_one_name_with_it(tmp_path):
    # "<h1>Chapter One</h1>" over "<p class='chapter-title'>The Storm</p>": the chapter was named by the title alone,
    # and its number said nowhere.
    body = ""
    for name, texts in CHAPTERS.items():
        number, title = name.split(": ")
        body += f"<h1>{number}</h1><p class='chapter-title'>{title}</p>" + "".join(f"<p>{text}</p>" for text in texts)
    (tmp_path / "keeper.html").write_text(page(TITLE, body), encoding="utf-8")
    check_story(tmp_path)


def test_short_paragraphs_over_a_chapter_are_text_unless_classed_and_followed_by_text(tmp_path):
    # A number and a short line over the text, in paragraphs of no such class, are the story's ("1", "No."); so is
    # a paragraph classed as a chapter's title that opens no text: before a heading, or the page's last.
    lines = ["1", "No.", "Maren shut the door.", "Ever After"]
    body = f"<p>{lines[0]}</p><p>{lines[1]}</p><p>{lines[2]}</p><p class='chapter-title'>{lines[3]}</p>"
    (tmp_path / "keeper.html").write_text(page(TITLE, body), encoding="utf-8")
    (tmp_path / "mill.html").write_text(
        page("The Mill", "<p class='chapter-title'>Spring</p><h2>Summer</h2><p>The miller ground rye.</p>"),
        encoding="utf-8",
    )
    corpus = load_corpus(tmp_path)
    found = {story.title: [p.text for p in corpus.story_passages(n)] for n, story in enumerate(corpus.stories)}
    assert found == {TITLE: lines, "The Mill": ["Spring", "The miller ground rye."]}


def test_lines_classed_cn_with_no_ct_beside_them_are_text(tmp_path):
    # "CN" over "CT" are a publisher's tags for a chapter's number and title only as a pair: a bilingual page classes
    # its Chinese lines "cn", each short and followed by its English line, and they were taken for chapters' numbers.
    lines = ["床前明月光", "Before my bed, the bright moonlight", "疑是地上霜", "I took it for frost on the ground"]
    body = "".join(f"<p class='{('cn', 'en')[n % 2]}'>{line}</p>" for n, line in enumerate(lines))
    (tmp_path / "poem.html").write_text(page("Quiet Night", body), encoding="utf-8")
    assert [(p.chapter, p.text) for p in load_corpus(tmp_path).passages] == [(None, line) for line in lines]


def test_a_q_elements_words_are_read_in_the_quotation_marks_a_browser_shows(tmp_path):
    # A browser shows curly double quotes around a <q>, single ones within another; without them the words ran into the
    # sentence saying who spoke them ("Are you coming? asked Tomas."). Marks typed in the text stay as typed.
    body = (
        "<h1>Chapter One</h1><p><q>Are you coming?</q> asked Tomas. <q>Not <q>tonight</q>,</q> said Ingrid.</p>"
        '<p>"Then when?" he said.</p>'
    )
    (tmp_path / "salt.html").write_text(page("The Salt Road", body), encoding="utf-8")
    assert [p.text for p in load_corpus(tmp_path).passages] == [
        "\u201cAre you coming?\u201d asked Tomas. \u201cNot \u2018tonight\u2019,\u201d said Ingrid.",
        '"Then when?" he said.',
    ]


def test_a_q_within_typed_quotation_marks_or_opening_with_its_own_is_given_none(tmp_path):
    # Pages converted from Word wrap speech already quoted in <q>: its marks were doubled ("““Are you coming?””").
    body = (
        "<p>\u201c<q>Are you coming?</q>\u201d asked Tomas.</p>"
        "<p><q>\u201cNever,\u201d she said.</q> Then <q>go <q>now</q></q>, he said.</p>"
    )
    (tmp_path / "salt.html").write_text(page("The Salt Road", body), encoding="utf-8")
    assert [p.text for p in load_corpus(tmp_path).passages] == [
        "\u201cAre you coming?\u201d asked Tomas.\n"  # a line that asks, with its reply (bot.core.dialogue_replies)
        "\u201cNever,\u201d she said. Then \u201cgo \u2018now\u2019\u201d, he said."
    ]


def test_a_notes_mark_typed_raised_against_its_word_is_no_story_text(tmp_path):
    # `<sup>1</sup>` with no link, its note typed under "Notes" at the end (left out as matter): "Bergen1" was no
    # "Bergen" to a question. A power raised after a digit, an ordinal's letters and a note's own number stay.
    body = (
        "<h1>The Keeper</h1><p>Scissors carried from Bergen<sup>1</sup>, and a tarred rope<sup>[2]</sup> while "
        "10<sup>6</sup> stars shone on the 1<sup>st</sup> night, and the gulls<sup>*</sup> slept.</p>"
    )
    assert passages_of_page(tmp_path, body) == [
        "Scissors carried from Bergen, and a tarred rope while 106 stars shone on the 1st night, and the gulls slept."
    ]


def test_a_printed_pages_number_in_a_span_of_other_classes_is_no_story_text(tmp_path):
    # EPUBs converted from print keep the page numbers in spans the maker names: "with17 the" was no "with" and
    # "the" to a question. A span of such a class holding words is text: a class is the maker's to name.
    body = (
        "<h1>The Keeper</h1>"
        "<p>She trimmed the wick with<span class='pageno' id='p17'>17</span> the scissors.</p>"
        "<p>She lit the lamp<a id='page20'></a><span class='pb'>20</span> at dusk.</p>"
        "<p>The gulls came<span class='page-number'>[18]</span> home.</p>"
        "<p>The tide turned<span class='folio'>p. 21</span> at noon.</p>"
        "<p>The boat<span class='Folio'>xii</span> sank.</p>"
        "<p><span class='folio'>The ledger was kept in the folio.</span></p>"
    )
    assert passages_of_page(tmp_path, body) == [
        "She trimmed the wick with the scissors.",
        "She lit the lamp at dusk.",
        "The gulls came home.",
        "The tide turned at noon.",
        "The boat sank.",
        "The ledger was kept in the folio.",
    ]


def test_notes_typed_under_a_rule_at_a_chapters_end_are_no_story_text(tmp_path):
    # A page typed by hand: "Bergen[1]" and "[1] The scissors were sold ..." under an <hr> before the next chapter.
    # The note answered "Where were the scissors sold?" as the story. A paragraph opening with a bracket under a
    # scene break whose mark the chapter never set is the story's.
    body = (
        "<h2>The Keeper</h2><p>She trimmed the wick with scissors carried from Bergen[1] at dusk.</p>"
        "<p>She sang the tide song[2].</p><hr/><p>[1] The scissors were sold at auction in Trondheim.</p>"
        "<p>[2] A song of the Skarra fishermen.</p>"
        "<h2>The Storm</h2><p>Anders sailed at dawn.</p><hr/><p>[3] The log breaks off here, said the keeper.</p>"
    )
    assert passages_of_page(tmp_path, body) == [
        "She trimmed the wick with scissors carried from Bergen at dusk.",
        "She sang the tide song.",
        "Anders sailed at dawn.",
        "[3] The log breaks off here, said the keeper.",
    ]


def test_an_epigraph_is_one_passage_with_its_attribution(tmp_path):
    # The attribution was a passage of its own, apart from the quotation it names: "Who wrote that the sea remembers
    # every name?" found neither with the other. The chapter's text is its own passages still.
    body = (
        "<h2>The Keeper</h2><blockquote epub:type='epigraph'><p>The sea remembers every name we give it.</p>"
        "<p class='attr'>— Ovid Bellamy, <cite>Letters from Tern Island</cite></p></blockquote>"
        "<p>Ingrid kept the lighthouse.</p><div class='Epigraph'><p>Salt keeps.</p><p>— Old saying</p></div>"
        "<p>She slept.</p>"
    )
    assert passages_of_page(tmp_path, body) == [
        "The sea remembers every name we give it. — Ovid Bellamy, Letters from Tern Island",
        "Ingrid kept the lighthouse.",
        "Salt keeps. — Old saying",
        "She slept.",
    ]


def test_a_subtitle_right_under_a_chapters_heading_is_its_name(tmp_path):
    # A publisher's page: "Chapter One" as a heading, its title "The Keeper" a subtitle paragraph under it. The title
    # was lost, as Google Docs' document subtitle is; one under no heading still is.
    body = (
        '<p class="subtitle">A novella, draft 3</p><h2>Chapter One</h2><p class="subtitle"><em>The Keeper</em></p>'
        "<p>Ingrid kept the light.</p><h2>Chapter Two</h2><p>The storm came.</p>"
    )
    (tmp_path / "keeper.html").write_text(page("The Keeper", body))
    assert [(p.text, p.chapter) for p in load_corpus(tmp_path).passages] == [
        ("Ingrid kept the light.", "Chapter One: The Keeper"),
        ("The storm came.", "Chapter Two"),
    ]


def test_a_note_typed_in_small_type_under_its_paragraph_is_no_story_text_and_nor_is_its_mark(tmp_path):
    # Web fiction's "rope*" with "<p><small>* Tarred hemp...</small></p>" under its paragraph: the note was a passage,
    # answering "Why was tarred hemp preferred?" as the story. Small type opening with no mark of the paragraph's, or
    # with one it does not hold after a word, is the story's.
    body = (
        "<p>He lashed himself to the wheel with a tarred rope* as the water broke.</p>"
        "<p><small>* Tarred hemp did not swell in salt water.</small></p>"
        "<p>The mast broke at midnight.</p><p><small>* * *</small></p>"
        "<p><small>\u2020 A cross on the chart.</small></p>"
    )
    assert passages_of_page(tmp_path, body) == [
        "He lashed himself to the wheel with a tarred rope as the water broke.",
        "The mast broke at midnight.",
        "\u2020 A cross on the chart.",
    ]


def test_a_gutenberg_html_book_is_named_by_its_own_title():
    # Gutenberg's HTML books carry no Dublin Core title, and every answer named the story by the whole <title>.
    page = (
        "<html><head><title>The Project Gutenberg eBook of The Fen Country, by Harold Grange</title></head><body>"
        "<h2>THE EEL CATCHERS</h2><p>The eel catchers of Welney set their grigs in the evening.</p></body></html>"
    )
    assert HtmlReader().read(page.encode()).title == "The Fen Country"
