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
cp mapsheet.md "$work/"
(cd "$work" && pandoc mapsheet.md -f markdown-smart -s -o mapsheet.epub)
for format in fb2 rtf; do
  HOME="$work" ebook-convert "$work/mapsheet.epub" "$work/mapsheet-calibre.$format" > /dev/null
  cp "$work/mapsheet-calibre.$format" .
done
# A book whose dedication stands before its "Copyright" heading: pandoc's Word file of it, and Calibre's FictionBook
# of pandoc's EPUB of it
cp dedication.md "$work/"
(cd "$work" && pandoc dedication.md -f markdown-smart -s -o dedication-pandoc.docx \
  && pandoc dedication.md -f markdown-smart -s -o dedication.epub)
HOME="$work" ebook-convert "$work/dedication.epub" "$work/dedication-calibre.fb2" > /dev/null
cp "$work/dedication-pandoc.docx" "$work/dedication-calibre.fb2" .
# A story with a paragraph of its own ending in "↩" (a key pressed) after "2x2" (tiles), before its note: Calibre's
# FictionBook of pandoc's EPUB of it
cp keypad.md "$work/"
(cd "$work" && pandoc keypad.md -f markdown-smart -s -o keypad.epub)
HOME="$work" ebook-convert "$work/keypad.epub" "$work/keypad-calibre.fb2" > /dev/null
cp "$work/keypad-calibre.fb2" .
# A story with paragraphs of its own ending in "↩" (a key pressed) each after a scene break (`* * *`), before its
# note: Calibre's FictionBook, Word file and RTF of pandoc's EPUB of it
cp doorcode.md "$work/"
(cd "$work" && pandoc doorcode.md -f markdown-smart -s -o doorcode.epub)
for format in fb2 docx rtf; do
  HOME="$work" ebook-convert "$work/doorcode.epub" "$work/doorcode-calibre.$format" > /dev/null
  cp "$work/doorcode-calibre.$format" .
done
# A note holding a stanza of verse (its lines and stanzas set apart by empty lines), after a scene break in the
# story: Calibre's FictionBook of pandoc's EPUB of it
cp stanzanote.md "$work/"
(cd "$work" && pandoc stanzanote.md -f markdown-smart -s -o stanzanote.epub)
HOME="$work" ebook-convert "$work/stanzanote.epub" "$work/stanzanote-calibre.fb2" > /dev/null
cp "$work/stanzanote-calibre.fb2" .
# A chapter with two tables, one plain and one with its columns aligned, a figure's caption after the first, and the
# second just before a section's heading: Calibre's RTF of pandoc's EPUB of it (its RTF writer knows no tables)
cp ledger.md "$work/"
(cd "$work" && pandoc ledger.md -f markdown-smart -s -o ledger.epub)
HOME="$work" ebook-convert "$work/ledger.epub" "$work/ledger-calibre.rtf" > /dev/null
cp "$work/ledger-calibre.rtf" .
# A captioned picture whose caption is a label in bold and a title in italics, after a bold epigraph and a line of
# dialogue in bold, before a table with a bold header: Calibre's RTF of pandoc's EPUB of it
cp plates.md "$work/"
(cd "$work" && pandoc plates.md -f markdown-smart -s -o plates.epub)
HOME="$work" ebook-convert "$work/plates.epub" "$work/plates-calibre.rtf" > /dev/null
cp "$work/plates-calibre.rtf" .
