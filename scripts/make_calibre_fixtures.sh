#!/bin/sh
# Makes Calibre's fixtures of tests/fixtures/formats/logbook.md (our own words: a chapter with a note of three
# paragraphs, a captioned picture and a table): pandoc (2.17) writes it as an EPUB with a contents page, and
# Calibre's ebook-convert (6.13) makes a Word file, a FictionBook and an RTF of that, as an owner converting a
# bought book would (and an RTF of pandoc's Word file of it). The tests read the files and need none of these. On
# Debian 12:
#   apt-get install pandoc calibre
set -eu
cd "$(dirname "$0")/../tests/fixtures/formats"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Calibre's files (each format given) of pandoc's EPUB of NAME.md, copied here as NAME-calibre.FORMAT.
calibre_of_epub() {
  name=$1
  shift
  cp "$name.md" "$work/"
  (cd "$work" && pandoc "$name.md" -f markdown-smart -s -o "$name.epub")
  for format in "$@"; do
    HOME="$work" ebook-convert "$work/$name.epub" "$work/$name-calibre.$format" > /dev/null
    cp "$work/$name-calibre.$format" .
  done
}
# A picture of 4 by 4 pixels of one colour, for the figure.
python3 -c "
import struct, sys, zlib
def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
rows = (b'\x00' + b'\xcc\xaa\x33' * 4) * 4
sys.stdout.buffer.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 4, 4, 8, 2, 0, 0, 0))
    + chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))" > "$work/lamp.png"
cp logbook.md "$work/"
(cd "$work" && pandoc logbook.md -f markdown-smart --toc -s -o logbook.epub)
for format in docx fb2 rtf; do
  HOME="$work" ebook-convert "$work/logbook.epub" "$work/logbook-calibre.$format" > /dev/null
  cp "$work/logbook-calibre.$format" .
done
# and Calibre's RTF of pandoc's Word file of it: the notes gathered at the end under a "Notes" heading
(cd "$work" && pandoc logbook.md -f markdown-smart -s -o logbook.docx)
HOME="$work" ebook-convert "$work/logbook.docx" "$work/logbook-calibre-docx.rtf" > /dev/null
cp "$work/logbook-calibre-docx.rtf" .
# A story whose text says "A1" (a paper's size) and "US1" (a road) before its notes' marks 1, as Calibre's
# FictionBook and RTF of pandoc's EPUB keep them: run into "lamp." and "gravel."
calibre_of_epub mapsheet fb2 rtf
# A book whose dedication stands before its "Copyright" heading: pandoc's Word file of it, and Calibre's FictionBook
# of pandoc's EPUB of it
calibre_of_epub dedication fb2
(cd "$work" && pandoc dedication.md -f markdown-smart -s -o dedication-pandoc.docx)
cp "$work/dedication-pandoc.docx" .
# A story with a paragraph of its own ending in "↩" (a key pressed) after "2x2" (tiles), before its note: Calibre's
# FictionBook of pandoc's EPUB of it
calibre_of_epub keypad fb2
# A story with paragraphs of its own ending in "↩" (a key pressed) each after a scene break (`* * *`), before its
# note: Calibre's FictionBook, Word file and RTF of pandoc's EPUB of it
calibre_of_epub doorcode fb2 docx rtf
# A note holding a stanza of verse (its lines and stanzas set apart by empty lines), after a scene break in the
# story: Calibre's FictionBook of pandoc's EPUB of it
calibre_of_epub stanzanote fb2
# A chapter with two tables, one plain and one with its columns aligned, a figure's caption after the first, and the
# second just before a section's heading: Calibre's RTF of pandoc's EPUB of it (its RTF writer knows no tables)
calibre_of_epub ledger rtf
# A captioned picture whose caption is a label in bold and a title in italics, after a bold epigraph and a line of
# dialogue in bold, before a table with a bold header: Calibre's RTF of pandoc's EPUB of it
calibre_of_epub plates rtf
# A story whose chapters each end in a paragraph of its own ending in "↩" (a key pressed), with no break after it,
# before the chapter's note: Calibre's RTF of pandoc's EPUB of it (no break, the story's arrow written as a note's),
# and pandoc's own EPUB, HTML, Word and OpenDocument files of it, whose notes are real ones (the story's arrow is
# text; the notes' links back are links, or the notes the formats' own)
calibre_of_epub keycode rtf
for format in epub html docx odt; do (cd "$work" && pandoc keycode.md -f markdown-smart -s -o "keycode-pandoc.$format"); done
cp "$work/keycode-pandoc.epub" "$work/keycode-pandoc.html" "$work/keycode-pandoc.docx" "$work/keycode-pandoc.odt" .
# A story whose chapters' paragraphs all end in "↩" (a key pressed), one note each, the first ending in a block quote
# (pandoc writes its link back after the quote): Calibre's RTF (the note run into one paragraph, no break before it)
# and plain text ("* * *" over the notes, the link back alone on a line) of pandoc's EPUB of it
calibre_of_epub typist rtf txt
