"""Story files by format: each format is one module with a Reader, registered here by its file name endings."""

from __future__ import annotations

import functools
from importlib import metadata
from pathlib import Path

from bot.core.readers.docx import DocxReader
from bot.core.readers.epub import EpubReader
from bot.core.readers.fb2 import Fb2Reader, ZippedFb2Reader
from bot.core.readers.html import HtmlReader
from bot.core.readers.markdown import MarkdownReader
from bot.core.readers.odt import OdtReader
from bot.core.readers.pdf import PdfReader
from bot.core.readers.reader import Reader
from bot.core.readers.rtf import RtfReader
from bot.core.readers.text import TextReader

READERS: dict[str, Reader] = {
    suffix: reader
    for reader in (
        TextReader(),
        MarkdownReader(),
        HtmlReader(),
        EpubReader(),
        DocxReader(),
        OdtReader(),
        RtfReader(),
        Fb2Reader(),
        ZippedFb2Reader(),
        PdfReader(),
    )
    for suffix in reader.suffixes
}
STORY_SUFFIXES = tuple(READERS)
_LONGEST_FIRST = sorted(STORY_SUFFIXES, key=len, reverse=True)
READING_VERSION = 81
"""Raised whenever a reader reads the same file differently or its paragraphs are split into other passages, so
saved indexes and stored shelf texts made before are made again. 10: no sentence ends after "Mr." or an initial.
11: an HTML page in UTF-16 or UTF-32 with its byte order mark is read (it was skipped as binary), an EPUB whose
navigation file is missing by its pages' headings (it was skipped), a PDF whose metadata title is no text (it was
a traceback). 12: a title is cut at MAX_TITLE_CHARS (bot.core.corpus), with an ellipsis. 13: a PDF's running
heads and feet are left out and its words hyphenated at line ends joined; a soft hyphen before white space joins
the word in every format. 14: a PDF's paragraphs marked only by a first-line indent are read apart (each page was one),
and so are its columns; a drop cap, a raised initial and a footnote's mark are read into their lines; numbered
chapters' headings ("Chapter 7", "7") are kept (they were running heads, or page numbers). 15: a PDF's number alone
within a page is kept (only a page's first or last line is its number), text in a negative type size is text (it was
a heading), text placed beyond any page is left out (it overflowed, or refused the book), and a line at a page's
edge that reads on from the text at its line spacing is kept (it was a running head). 16: an EPUB's matter that is
no story (contents, copyright page, colophon, notes, "Also by", "About the Author") is left out, and in EPUB and
HTML notes' marks, notes and printed page numbers ("cape[1]", "[Pg 12]" were read into their words); a Word or RTF
contents list and index by their styles ("toc 1", "index 1"). 17: an EPUB's section named as matter ("Notes",
"Cover") or short page saying "All rights reserved" is left out only at the book's start or end (a chapter so named
or saying so in the middle was lost, and a book of one chapter called "Cover" refused), and a Word or RTF style is a
contents list's or an index's by its whole name ("Index Card" was left out), and a year linked within an HTML page
or EPUB ("1984") is read (it was a note's mark). 18: a paragraph that is one link within the book, alone, is read
(it was left out as a contents entry: only two or more in a row are a contents list). 19: an EPUB page the navigation
names a chapter is not named again by its own heading ("I" for "I: At the Admiral Benbow"), and an HTML or EPUB
<hgroup>'s heading and lines are one chapter name (its title line was read as a paragraph); a Word document
LibreOffice wrote has its properties' title and author (it was titled "Word Document"); an EPUB's copyright page
headed by the book's title (pandoc's), or before an EPUB 2 title page of the title and author alone, is left out;
a Word, OpenDocument, RTF, FictionBook or HTML book's matter is left out as an EPUB's is (a copyright notice before
its first chapter, "About the Author" and "Also by" at its end), and in these and PDF the title page's lines
(the title, the author's name) before the story and a paragraph that repeats its heading; LibreOffice's HTML notes
and page headers and footers are left out; a contents list of plain lines (chapters' names, two or more in a row),
and a bullet written as text before a list's item ("• "), are left out; a FictionBook with no section titles
(Calibre's) has its chapters named by its short paragraphs all in bold; an EPUB navigation entry named by a number
alone within another entry is named with that entry's name ("A Scandal in Bohemia: II", it was "II"); what a
<canvas>, <video> or <audio> shows a reader without it is left out; a Word document's note mark written as a link
to a bookmark (Calibre's) is left out (it was read into its word, "cape1"). 20: a short poem or story ending in
its copyright line before "Notes" or "About the Author" is read (it was left out as the notice before the first
chapter, the notes read in its place); a paragraph that says its heading again is read (a poem titled by its first
line lost that line): only an EPUB page's first paragraph saying the navigation's name for it is left out; lines
that say chapters' names are a contents list only in the book's order and before its first chapter or after its last
(a refrain saying its poem's title twice, a countdown, dialogue calling the narrators who name the chapters, are
read); a FictionBook's bold line within a section, where sections open with one, or said again in bold, names no
chapter (a play's speakers in bold were chapters); an HTML or EPUB <hgroup> with no heading in it is its lines (they
named a chapter, and were lost from the text); a paragraph that says the title already said (a poem's page titled
and headed by its first line) is read; a copyright notice before a document's first chapter ends at its last line
that says "©", "Copyright", "All rights reserved" or an ISBN (a Word book's dedication and epigraph after it were
left out with it).
21: a PDF's words that pdfTeX sets apart by moves alone are read apart in a font whose code 32 is no space (Latin
Modern's "andwastravelling"); an accent drawn apart from its letter is read on it (LaTeX's default fonts'
"S\\u00b4ebastien"); a chapter's title run over lines is one heading (its last line named the chapter); footnotes and
their marks are left out, in smaller type or the text's own (they were read into the paragraph running over the page); a
section headed as matter ("Contents") at the book's start or end is left out, as an EPUB's is; a title page is no story
text and gives the title the metadata lacks; a space drawn on its own parts its words (LibreOffice's no-break space:
"Mr.Petrov"); the author's name under the title is left out; a line ending in a dash set close to its word joins the
next with no space; a compound broken between two of its words keeps its hyphen ("out-ofthe-way"). A line at a PDF
page's top or bottom that says a chapter's title again is a running head however seldom it stands there. In every format
that leaves out a book's matter, a heading with under 100 characters of text under it is no section. 22: a PDF's
word after a change of font keeps its space ("readMoby Dick"); a line opening with a small raised number is a footnote
only where the page, or the page before, raises that mark in its text (verse numbers left out the rest of their
page); a first page set flush left, or whose dialogue ends in a quote after its stop, is no title page (a book of
poems lost its first poem, and was titled by it); a line saying a chapter's title once is a running head only where
running heads stand (a poem's refrain saying its title, alone at a page's top, was left out); an accent a font with
accented letters draws is the character typed ("don\u00b4t" was "dont\u0301"); the author's name set as a heading
under the title, before the story's first paragraph, is left out in every format (pandoc's LaTeX).
23: lines that say chapters' names in the last chapter are read (after the last chapter's heading they were a contents
list after the book, which now stands under a heading of its own: "Contents"); an EPUB page the navigation names as a
part keeps the chapter headed after the part's heading (the chapter's name was lost: only the page's first heading,
and those after it that the navigation's name says too, are its own).
24: a PDF's letters set apart (microtype's letterspacing, tracked small capitals) are read as their words ("T h e
k e e p e r"); a cedilla LaTeX draws after its capital goes on it ("C\u00b8 a", "Se\u0327yma" were read); a verse's
number set small at a line's start is read apart from its first word ("4And"); the author and date LaTeX's
\\maketitle centers over an article's story are left out (they were its first passages, or the date named its first
chapter); a first page that is a centered stanza is read (it was taken for a title page and left out); a running head
run over two lines that together say a chapter's title is left out, and a footnote carried over to the next page (both
were read into the paragraph over the page).
25: notes written as paragraphs that end in their link back ("\u21a9", Calibre's FictionBook, RTF and Word file of an
EPUB; "\u21901" between brackets, its FictionBook of a Word file) are left out with their marks, numbers run into the
word before them ("cape1" was read so, the notes as story text), and a FictionBook link within the book whose whole text
is a mark is one without type="note"; an EPUB's navigation name "Section 1" that its page never says (LibreOffice's for
a page with no heading) names no chapter; pandoc's RTF is titled by its first paragraph, centered in larger type than
the next (it was titled by the file's name); a <video>'s or <audio>'s fallback is read unless it says the reader cannot
play it (a transcript inside was lost). Then, the rules attacked with books they damaged: a number after a capital or
quoted is no mark ("M1 road1" was "M road1", "CO2" "CO"), and a paragraph ending in the arrow with its chapter's text
after it, or in a chapter of such paragraphs with no mark before them, is no note; a FictionBook number linked to a
chapter is read ("chapter 2"); a fallback is left out only as a short message naming what cannot play (a transcript
saying Maren "could not play the reel" was lost); pandoc's RTF title needs a centered author's line under it ("Once upon
a time" over the sentence it begins was the title); a PDF title block's date is in its author's type (a first section
centered and named "1912" was lost); a PDF note carried over stops at the gap over the notes and ends as low as the note
did (a letter quoted in \\footnotesize at the next page's end was lost).
26: a note of several paragraphs (Calibre's Word file, FictionBook) is left out whole, a Word file's EPUB landmarks and
copyright lines after Calibre's own contents too, Calibre's RTF captions and tables are paragraphs of their own, a mark
run into a word in capitals is one ("NASA1") where the word stands alone too ("mp3" before "sea.3" is none), and a
PDF's letters set 0.18 em or more apart are words where word gaps stand on that tracking ("M i r e l a N g o z i"),
and lines set by hand under a PDF's title ("Summer" over "1912") are read, not taken for \\maketitle's author, date;
a single capital or capitals the text says only in lower case before a number are a name ("A1", "US1" where the
text says "a", "us"), and capitals said alone give way to a mark after a stop ("NASA1" before "sea.1");
a notice found under a matter's heading before the first chapter leaves out that section alone (a dedication before
"Copyright" was lost), and a note's paragraphs are looked for only after a break over the notes after the last mark
(a story's paragraph ending in "↩" took the story after it along).
27: a chapter's notes are what follows its last break (a story's paragraph ending in "↩" after a scene break, in a
chapter with notes, was left out as a note), or in Calibre's RTF, which writes no break, the run of them that ends
it; Calibre's RTF tables' header and aligned cells are paragraphs of their own, and a picture or heading ends the
text before it (a table ran into the caption or the heading after it); a PDF's name letterspaced 0.18 em or more
alone in its TJ array, before a stop, or with an apostrophe in it is read as a word (it was read letter by letter:
"F r a n ç o i s e", "M i r e l a ' s").
28: a producer's placeholder for no title (Calibre's "Unknown", LibreOffice's EPUB's "Unknown Title") is none: the
story is named after its file (every such file was "Unknown"); a `.txt` file's first line "Title: The Miller" is the
title "The Miller" (the label was the title's).
29: the break over a chapter's plain notes is the widest before them (a note's stanza, its lines and stanzas set apart
by empty lines in Calibre's FictionBook, was read as the story's from its first line to its last stanza's); a PDF's
word letterspaced 0.18 em or more after a word gap, ending its line or its word, and soul's `\\so` with a stop or
quote drawn with a letter, are read as words ("M a r i g o l d" at a line's end, "K e s t r e l,"); in Calibre's RTF a
caption's label in bold and title in italics are one paragraph (they were read as two table cells); a PDF's name
letterspaced with letters T1 places at codes 128 to 191 is read as a word ("D v o ř á k", "Ł u k a s z").
30: a Word, OpenDocument, RTF, FictionBook, PDF, HTML or EPUB file with no title of its own takes its lone first
heading, one before any text that no later heading stands as high as (pandoc's and LibreOffice's of a "# The Mill"
Markdown story, a Word file opened with a Heading 1; an EPUB's navigation entry as deep as it nests): it was named after
its file, and the title was its first chapter.
31: a stop after a PDF's name letterspaced in a TJ array of its own is read against it ("Françoise ," and "Dvořák ,"
were read: microtype's half tracking after the name's last letter, outside its array, was taken for a space); pandoc's
HTML page with no title given is not titled by pandoc's stand-in for one, the base name of the file it read ("mill",
"-"): its lone first heading, or its file's name, is the title; a file, paragraph, heading or title of zero-width
spaces, joiners, marks and other characters that show nothing alone is none, in every format (such a file was a story
of passages of nothing; it has no text, as a blank file); a `.md` or `.txt` file's first `# Chapter 1` line (or any
that reads as a chapter's) is no title: it names its chapter, the story named after its file (a book of "# Chapter 1"
and "# Chapter 2" was titled "Chapter 1"); in an HTML page or EPUB a paragraph ending in "↩" as text, no link, is the
story's, never a note (pandoc's writes its notes' links back as links: a story's "she pressed ↩" ending a chapter, no
break after it, was left out as a note), and in Calibre's RTF, which writes no break over a chapter's notes, the notes
are only as many of the paragraphs ending in it as marks are found (the story's before them was left out), and letters
between numbers ("2x2" tiles) are no word a note's mark is run into. 32: a `.md` or `.txt` file's front matter title
keeps a quote that only begins or ends it (`"Run!" said the Fox`, `The Miller's 'Daughter'` lost it); one quoted whole
is read as YAML reads it (`'It''s Late'`, `"\\"Hi\\""`). 33: an EPUB, OpenDocument or FictionBook page's
HTML named characters (`&mdash;`, `&rsquo;`, `&nbsp;`, as XHTML 1.1's DTD defines them) and its own entities
(`<!ENTITY hero "Anatole">`) are read as what they stand for (they were left out, running the words on either side
together: "rye&mdash;all" read "ryeall"), and an HTML or XHTML page's internal DTD subset is no passage ("]>" was its
first) and its plain entities are read as their text (they were read as written, "&hero;").
34: zero-width spaces, joiners, a word joiner, a byte order mark or a soft hyphen at a title's or a chapter's name's
ends are no part of it (a title "\u200bThe Mill" was listed and offered so); in Calibre's RTF and plain text of a
chapter whose every paragraph ends in "↩" (a typist's), the notes among them are left out where their marks stand
before them (the chapter was read as a poem's stanzas, the notes and marks kept), and Calibre's plain text's notes
under "* * *" are left out with their marks where these are found (the text reader knew no notes); a `.txt` line or
heading of the link back alone ("## ↩") is no text or chapter; pandoc's RTF of a story titled as a chapter
("Prologue", "Chapter One") is titled so (it was named after its file, its title its first passage), and the author's
line pandoc centers under its title is left out (it was the first passage); a PDF's name of three letters
letterspaced on its own ("Ann", "Zoë" under microtype's `\\textls`) is read as a word (it was read "A n n"); a PDF's
text given as marked content's /ActualText is read in place of the glyphs drawn (LibreOffice's Thai with no Thai font
was read "แแแแ"). 35: an EPUB
navigation entry named by a lone letter among an alphabet's ("A", "B") is no part's number: The Devil's Dictionary's
"C" and "D" were named "The Devil's Dictionary: C" beside "A" and "B"; a name is a number only as a Roman numeral is
written ("Mild" within another entry was named with it); an HTML or XHTML page that is not UTF-8 and begins with an
XML declaration naming its encoding (`encoding="iso-8859-1"`, older XHTML's) is read in it (libxml2 took it for UTF-8
whatever it or its <meta> said: "é" was read as U+FFFD); a Markdown pipe table's cells are paragraphs, row by row
(the table was one passage as written, pipes and "| --- | --- |" in it); a PDF's empty /ActualText stands for no text
on every page, and a name given as one (`/ActualText /lamp`) is none, its glyphs read (it was read "/lamp"); a file
named with invisible characters alone is titled by its whole name (".md"), not its invisible stem. 36: pandoc's RTF
title block with more than one author, or a date, under its title leaves them all out (the second author's line and the
date were the story's first passages). 37: centered lines after the empty paragraph that ends that title block are the
story's (an epigraph over an empty paragraph was left out as if it were more authors). 38: a PDF's lines of Thai (Lao,
Khmer, Myanmar, Tibetan, Chinese, Japanese) that run across the page join the next with no space (Thai wraps between
words, written with none: a space was read at each line's end, within phrases); a span's /ActualText is shown as wide as
the glyphs it stands for (shown an em a character, LibreOffice's "ำ" of two glyphs was read a space before the next
letter, "เรือลำ เล็ก", and Tlwg's of one ran past the space after it, "แม่น้ำเขา"; Khmer's marks placed by moves back
left one within a word, "ម្នា ក់"), and never in code 32 (pypdf measured it as a space: "ชายแก่ค นหนึ่ง"), and a form
XObject's spans are read as the page's are (a page qpdf overlays, drawn whole as a form, read "แแแแ"); in RTF and
FictionBook, paragraphs ending in "↩" after a chapter's text with no note's mark before them are the story's (a poem's
lines each ending in the arrow, under a paragraph, were left out as notes). 39: those PDF lines run across the page as
measured from the page's box where it stands (a page split from a two-up sheet keeps its half's box, [612 0 1224 792]:
measured from 0, every line ran across it, and a Thai verse's short lines were read as one word). 40: XML (EPUB,
FictionBook, OpenDocument) without its references to entities it declares external (libxml2 2.14 dropped the rest of
the document after the first, and older ones the entity after it). 41: a Word document's hidden text (`w:vanish`, by
its formatting or its style) and ruby's reading (`w:rt`) are left out (an author's hidden note was the story's text,
and the reading ran in before its word, "かんじ漢字"), and its paragraphs in a style based on a Heading style or given
an outline level name chapters (they were text); an RTF's hidden text (`\\v`) is left out; an HTML or EPUB page's ruby
reading (`<rt>`, `<rp>`, `<rtc>`) is left out, in the navigation's names too ("漢かん字じ" held no "漢字"), and an
OpenDocument's (`text:ruby-text`, "漢字かんじ"); a zip's names in UTF-8 without its flag are read as UTF-8 (an EPUB
packed by Info-ZIP lacked its page "chapitre_été.xhtml"); a text file's page break ends a line, U+2028 a line and
U+2029 a paragraph; a title from a file's name keeps a number that begins it ("101 Dalmatians"); Markdown's link
reference definitions ("[r1]: https://...") are left out (they were a passage of URLs), and the links to them read as
their text ("[river][r1]", "[owls]" kept their brackets); Markdown's HTML comments are left out (an author's note to
self was a passage), its tags left out, their text kept ('<span class="place">old oak</span>' was read as written),
and its character references decoded ("&mdash;" was read as written). 42: front matter's title run on over the lines
under it (`title: >-` was the title ">-"), without a comment after it, and TOML front matter between `+++` lines
(Hugo's), which was the story's first passage; an HTML or EPUB page's two line breaks in a row (`<br><br>`) and a
blank line in a `<pre>` part paragraphs (a web story's were one paragraph); a text or Markdown file in Windows-1252
or Latin-1, or the encoding a Gutenberg header names, is read (it was refused as not UTF-8). 43: a text file's block
of lines too long to be hard-wrapped is a paragraph a line (Word's "Save as Plain Text" was one paragraph), and a line
ending as a question, a cry or dialogue is no title or chapter's name ("Chapter 2" took "Who had sent the letter?");
its contents under "CHAPTER  PAGE", list of illustrations, "[Illustration: ...]" lines, italics' underscores and
a Gutenberg book's "THE END" are no text; a document of no headings has its chapter lines name chapters, and a
scene break ("* * *", "#") is no passage in any format; Obsidian's Markdown reads as Obsidian shows it (its comments,
embeds, callouts' types and tasks' boxes left out, its links as their names), and FanFicFare's "Update Log" page is
a book's matter; an Archive of Our Own download is read without its preface, notes and afterword (ao3.py), and a
Google Docs web page without its footnotes and subtitle. 44: what a page hides (the `hidden` attribute, `display:
none` inline or by a class its sheet hides: Royal Road's notice in each chapter) is no text (hidden.py), nor are a
Gutenberg text's title page credits, imprint and copyright lines; a book's matter is left out of plain text, Markdown
and PDF too, and found by typed chapter lines and lines naming it ("About the Author") where nothing is a heading;
FanFicFare's downloads are read without their frame (fanficfare.py); a note opening with its number linked back to its
mark is no text; a table's row is one passage ("Olof: Will you sell the hut?"); a chapter's name that a mark within
its line starts is not read again as its first passage; UTF-16 text without its byte order mark is read where its
NUL bytes say it is (it was refused as binary). 45: a PDF in standard manuscript format is read without its
first page's contact block, word count, title and "by" line, and its closing "END" (each was a passage), its title
the story's where the metadata gives none (pdf_manuscript.py); a PDF chapter's number set over its title in smaller
type is its name's first part, "Chapter 1: The Hut" (it was lost, the chapter named "The Hut"). 46: a plain text's
word broken at a line's end by a hyphen is made whole ("to- morrow" was two words), and its pages, where form feeds
part them, lose their numbers and running heads, a paragraph going on across a page's end (text_pages.py). 47: an
EPUB's chapter the navigation nests in a part of no text of its own is named with the part's name too ("Part I: The
Village: I: The Hut"; the part's name was read nowhere), and a Word paragraph whose mark is a tracked deletion is one
with the next, as Word shows them (they were two passages). 48: a scene break typed with letters, as fan fiction
types them ("xXx", "~o~O~o~", "-line break-"), is no passage in any format (typed_breaks.py). 49: a page's lines
parted by one <br> each are its paragraphs where they read as prose (80 characters on average, or 50 where most open
indented with non-breaking spaces), as eFiction's archives part theirs (the story was one paragraph). 50: what
LibreOffice hides in an OpenDocument text (hidden characters, paragraphs and sections) is no text. 51: an RTF's
tracked deletion (`\\deleted`) is no text (it was read, glued to the words around it). 52: TextEdit's RTFD package
is one story named after it (each was "TXT"). 53: an initial set as a picture, or a heading that is a picture alone,
is read by its alt text ("NGRID lived", and no chapters, were read). 54: a book's "Author's Note" and "Discussion
Questions" at its end are matter, and so are the next book's pages a self-published ebook ends with ("Sneak Peek").
55: a book of short chapters loses its matter too; a Google Docs web page is titled by its Title paragraph, and its
contents (page numbers after tabs) and comment marks ("morning[a]") are no text. 56: a manuscript's frame in any
format's paragraphs (Scrivener's compile to Word or RTF: contact block, word count, title, "END") is no text
(manuscript_frame.py). 57: Google Docs' plain text reads without its footnotes and comments under a rule and their
marks ("morning[a]"; bracketed_notes.py). 58: an OpenDocument table's row of a paragraph a cell at most is one
passage, its cells joined by " | ", as a web page's (each cell was one). 59: an Archive
of Our Own PDF download is read as its HTML download is, without its preface, notes and afterword (pdf_ao3.py), and a
PDF page's first line after a heading that ended the page before starts a paragraph (it was read into the heading); a
work's page saved from Archive of Our Own in a browser is read as its chapters' text alone, its title the work's (its
menus, tags, notes, kudos and readers' comments were passages, its chapters named "Chapter Text"). 60: a PDF
whose paragraphs are parted by space after them (Word's Normal style), most of them one line (a page of dialogue),
takes its line spacing from its lines wrapped within a paragraph, and its one-line paragraphs are read apart (they
were one); a PDF's contents list under no heading, the headings that follow and their page numbers (Google Docs'), is
left out (it was a chapter's text, that chapter the document's subtitle). 61: the review of this change's reading:
a "Sneak Peek" or an "Excerpt from X" chapter no longer drops the rest of the book, nor a typed "Author's Note" line
the last chapter's end; a plain text's pages keep a number alone atop a page, a speaker's name over its speech and a
diary's repeated first lines, and go on across a page only for a hyphen-broken word; lines parted by one <br> are
paragraphs only where three in four end a sentence; a Google Docs page with several Title paragraphs keeps them; a
picture's alt text names a heading only as a heading's name, an initial the text says again is said once; a letter's
kisses are text; a manuscript's frame runs only to its last contact line; a hyphen left hanging before "and" or "or"
keeps its space; an EPUB's entry naming the book's title short ("The Salt Road" of "The Salt Road: A Novel") is no
part. 62: a Word template's own styles named for chapters ("Chapter Number", "Chapter Title", based on
Normal) name chapters where they are used as headings, a number over its name joined ("ONE: The Hut"): the book had
none, its copyright page and "About the Author" read as its story; a Word or RTF drop cap (Insert > Drop Cap: the
letter a framed paragraph of its own) is read into the word it opens ("I" and "ngrid lived" were two paragraphs, the
"I" a typed chapter); a title a program made ("Microsoft Word - salt_road.docx", "Document1", "Untitled 1", a file's
name) is none, a browser's "- Google Docs" after one no part of it, and a template's ("6x9 Novel Template") gives way
to the page's title (reader.chosen_title). 63: Markdown's backslash escapes read as their characters ("1998\\." is
"1998.", "\\*no\\*" is "*no*"; the backslashes were read); Markdown's attributes (pandoc's and Google Docs'
`{#chapter-one .unnumbered}` after a heading, an image's size), pandoc's spans (`[salt hut]{.underline}`, `[]{#_Toc1
.anchor}`) and fenced divs' `:::` lines are no text, and a contents list of links to the story's headings, with the
title page's short lines before it, is left out; Markdown's strikethrough, highlight, superscript and subscript marks
(`~~walked~~`, `==never==`, `x^2^`, `H~2~O`) are no text, theirs kept; MultiMarkdown's metadata opening a Markdown
file (`Title: ...` and `Author: ...` lines, up to a blank line) is no text, its title the story's. 64: UTF-16 text
without its byte order mark in one other alphabet (Cyrillic, Greek), its spaces and stops Latin-1's, is read (it was
refused as binary). 65: an HTML or EPUB chapter opened by paragraphs whose classes say they set its number and title
(InDesign's "CN" over "CT", "chapter-number" over "chapter-title"), or that say the navigation's name in parts (no
line of speech), is named by them ("1: The Hut") where the navigation does not name its page whole, as an <hgroup>
is: they were its first two passages; an OpenDocument or RTF template's own styles named for chapters ("Chapter
Number", "Chapter Title") name chapters where they are used as headings, as Word's do (62). 66: a Word or RTF
table's row whose cells hold a paragraph each is one passage ("Wren | Berit"; each cell was one), as HTML's,
Markdown's and OpenDocument's are, and in every format a cell ending in a colon runs into the next ("Olof: Will you
sell it?"); Word's web page's reviewers' comments, their marks ("[MS1]") and its Subtitle paragraph are no text; the
Symbol font's characters in Word (`w:sym`, dropped) and RTF (read in the code page: "waited¾and") are read as what
they show, "waited—and". 67: a plain text's chapters numbered "1", "2", "3" or "ONE", "TWO", "THREE" alone on their
lines, counting up from one, are its chapters in a text of no chapter line, each followed by a chapter's worth of
text (each number was a passage); a Word or RTF table row with a typed chapter line in a cell stays cells. 68: an
HTML or EPUB note opening with its link back written "1." or "1)" to its mark is no story text. 69: an HTML or EPUB
<q>'s words are read within the quotation marks a browser shows (“ ”, and ‘ ’ within another's), unless typed marks
stand around it. 70: a page of Notion's Markdown export ("Title <32-hex id>.md") is titled without its id, and its
properties under its title, its callouts (`<aside>`) and its links alone to its sub-pages are no text
(bot.core.readers.notion); a book in a Calibre library's folder is read from one of its formats, titled as Calibre's
record of it says (bot.core.calibre_library). 71: a Calibre book whose best format gives no story (an EPUB locked
with DRM) is read from its next format that gives one. 72: a line of
dialogue that asks is one passage with the reply after it (bot.core.dialogue_replies), and a letter's date,
greeting, closing and signature are read into the paragraphs they frame (bot.core.letter_lines). 73: narration
opening with an elision ("'Twas a cold night") is no reply to the question before it. 74: "Chapter the First" and
"Book the Second" are chapter lines, as "CHAPTER THE FIRST" was. 75: a line that asks and its reply, or a letter's
lines, are not one passage across a scene break ("* * *", a Markdown thematic break, HTML's <hr>). 76: a note's mark
typed raised against its word with no note linked (HTML's <sup>, Word's and LibreOffice's superscript: "Bergen¹") is
no part of the word (bot.core.readers.note_marks), nor is a printed page's number in a span of another class than
Gutenberg's ("pageno", "pb", "folio": markup.PAGE_NUMBER_CLASSES), nor are an HTML page's notes typed under an <hr>
at a chapter's end ("[1] ...", with their marks: bracketed_notes); an HTML or EPUB epigraph is one passage, its
quotation with its attribution. 77: in a document of no headings, a short line under a typed chapter line with no
name ("Chapter 2" over "The Storm") is that chapter's name, "Chapter 2: The Storm" (reader.typed_chapters), and so
is a subtitle right under a heading (Word's and LibreOffice's Subtitle style, an HTML or EPUB paragraph of that
class), also where an EPUB's navigation names the chapter by its number alone; a paragraph that opens in lower case
after one of three words or more that ends no sentence is one passage with it (run_on_paragraphs: a song typed a line
to a paragraph). A saved index holds its stories' people too, so this version also brings in those found since 76:
"The eldest, Margaret, is a tax lawyer", "a teenager named Wilf", "Stephen's 16-year-old son Owen", "their mother,
June," (bot.core.people_finder), and 'Lieutenant Robert "Bobby" Sandoval' is one person, not "Lieutenant Robert"
and "Bobby Sandoval". A PDF's footnote whose number is set in the note's own type, smaller than the
text, is left out where its page raises that mark (pdf_notes), and a PDF's chapter lines set apart in the text's
own type ("Chapter 2" over "The Storm", a Word manuscript's bold lines) are its headings, "Chapter 2: The Storm". An
attribution typed under its quotation ("— Ovid Bellamy, Letters from Tern Island") is one passage with it, in every
format (attributions); an HTML note typed in small type under its paragraph, opening with a symbol's mark that
paragraph has after a word ("rope*" over "<small>* Tarred hemp...</small>"), is left out with its mark; an EPUB
part page's epigraph is no text of the part's own, so its chapters are named with the part as others are. 78: a
self-published book's "Thank You for Reading!" and the first pages of the author's next book ("Sneak Peek: ...",
"Excerpt from ...") after its last chapter are matter (book_matter); a plain-text chapter's name in italics is named
without its underscores ("THE WRECK OF THE _ALMA_"); a preface's signature "M. F." is no chapter line; a
plain-text book's footnotes as Distributed Proofreaders type them ("[Footnote 1: ...]", "FOOTNOTES:" over "[1] ...")
and its sidenotes are left out, and so are the footnotes' marks in its text (gutenberg_notes); chapters numbered "1.",
"2." or "1. The Storm", counting up over chapters of text, are chapters in plain text, and "1", "ONE" or those in a
document of no headings (counted_chapters); a Gutenberg HTML book is named by its own title, not its <title>'s "The
Project Gutenberg eBook of The Fen Country, by Harold Grange"; a fan fiction writer's note typed into a chapter ("A/N:
Thanks to my beta reader!", "Author's Note: ...") is no story text (authors_notes); German, French, Spanish,
Portuguese, Italian and Dutch chapter lines ("Kapitel 1", "Chapitre II", "Capítulo 3", "Prolog") are chapter lines,
and such a book's matter ("Inhalt", "Impressum", "Danksagung", "Über die Autorin", "Alle Rechte vorbehalten") is
matter as an English book's is (book_matter); a story saved from its blog's page is the post's text alone, under
the post's title, without the site's menus, the readers' comments, the sidebar and the share widgets (blog_post);
a plain-text collection's titles set apart by three blank lines or more and set as titles, as Gutenberg sets them,
name its tales (set_apart_headings), and a Gutenberg book's transcriber's note before its title page is no story
text. 79: a plain-text book whose paragraphs are marked by indentation alone (each first line opening with spaces or a
tab, no blank line between them) is read a paragraph at each indented line (indented_paragraphs; a chapter was one
passage); a Word or OpenDocument book that sets every chapter's heading in the Title style has its chapters named so
(all but the first Title paragraph were lost, the chapters run together: styles.titled_chapters); a plain-text story
under a title block typed by its writer ("Title: The Salt Road" over "Author: Ann Example" or "By Ann Example") is named
by it, and the block is no story text (title_block; it was the first passage, the story named after its file); a
plain-text book's contents list of titles under "CONTENTS" and its index under "INDEX" are no story text (listed_matter;
each was read as passages), and an index's letters ("L") no longer make a Gutenberg collection's titles go unread as
chapter lines would. Only a Title paragraph with text under it heads a chapter (a closing "The End" in Title made the
story's own title a chapter's); a title block's labels are all a submission's ("Name:" over "Title: Field Officer" is
a record of the story's own, and "Title: none yet, and maybe never." no title); an index ends at a sentence ("It held
cards: 12, 14 and 22 were missing.") and its letters are one letter ("No" is text). 80: a collection's title in the
Title style right over its first short piece's keeps that piece its name (styles.titled_chapters told the title from the
pieces only after dropping it); an RTF's Title paragraphs name chapters as a Word file's do (all but the first were
dropped); an index goes on past an entry ending "12 ff.", "27 n." or "see Land." (the rest was read as story); a closing
"THE END" (or "~ Fin ~") is no passage in any format (book_matter), nor are a plain-text story's subtitle over its "by"
line ("A Comedy in Two Acts") and its title said again before its first chapter (a half-title); "All rights reserved"
brought in by a colon is a story's quotation, and an excerpt from a diary, log or letters after the last chapter the
story's ending, not matter; the text after an indented letter in a text whose paragraphs are marked by indents opens a
paragraph (it was the letter's last line's wrap); notes typed under their paragraph opening with their mark's symbol
("rope,*" over "* Tarred hemp...") are no text, nor their marks (note_marks; not under a paragraph that types emphasis
with the symbol, "*I can't do this*", nor a list of lines opening with it); the story's wrapped lines under a fan
fiction note's line ending a sentence are kept (they were left out with the note); "Exhibit [A]" keeps its label where a
Gutenberg footnote A stands elsewhere; and a book that numbers its chapters again in each part names each with its part,
"ACT II: SCENE I." (part_names; two chapters had one name), a heading holding its act ("ACT I. SCENE I.") naming the
scenes under it, an epilogue after the parts the book's. 81: in a text whose paragraphs are marked by indents, a line
ends short against the text's typical width, not its longest line (one long line parted every wrapped line that ends a
sentence)."""
OPTIONAL_LIBRARIES = ("lxml", "python-docx", "pypdf")
"""The `formats` extra's readers: installing, removing or upgrading one changes what is read."""


def story_suffix(path: Path | str) -> str | None:
    """The story format ending of a file name, lower case (".fb2.zip", not ".zip"); None when it has none."""
    name = Path(path).name.lower()
    return next((suffix for suffix in _LONGEST_FIRST if name.endswith(suffix) and name != suffix), None)


PLAIN_SUFFIXES = (".txt", ".md")
"""Formats read in time and memory in proportion to the file: nothing unpacked, no document tree. A server's view
reads its stored files of these in the bot's own process, the others in a worker within an upload's limits
(bot.core.shelf_reader): that worker's start cost a view of 58 plain stories 2 s where reading them takes 30 ms."""


def is_plain(path: Path | str) -> bool:
    """Whether the file is of a format read in proportion to its size (PLAIN_SUFFIXES)."""
    return story_suffix(path) in PLAIN_SUFFIXES


def reader_for(path: Path | str) -> Reader | None:
    suffix = story_suffix(path)
    return READERS[suffix] if suffix else None


def suffix_list() -> str:
    """ ".txt, .md, .html, ..." for messages."""
    return ", ".join(STORY_SUFFIXES)


def reading_signature() -> str:
    """What decides how files are read: the readers' version and the optional libraries installed."""
    return f"{READING_VERSION}|{','.join(f'{library}={_installed(library)}' for library in OPTIONAL_LIBRARIES)}"


@functools.cache
def _installed(library: str) -> str:
    """The library's version, looked up once a process: each view build asks on the event loop, and the lookup
    searched every installed package's metadata (1.8 ms), for a version a running process never sees change."""
    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return "missing"
