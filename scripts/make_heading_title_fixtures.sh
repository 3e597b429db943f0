#!/bin/sh
# Makes the fixtures of a story titled only by its first heading, from our own words in tests/fixtures/formats/:
# mill.md ("# The Mill" over its text), mill-chapters.md (the same, with "## The Wheel" and "## The Flood" under it)
# and ferry.md ("# Chapter 1", "# Chapter 2": no title). pandoc (2.17) writes them as Word, OpenDocument, RTF,
# FictionBook and, by pdflatex (TeX Live 2022), PDF files with no title in their metadata; LibreOffice (7.4) opens
# pandoc's Word file, as an owner's with a Heading 1 first, and saves it as OpenDocument, RTF, HTML, EPUB and PDF;
# Calibre (6.13) makes an EPUB of pandoc's Word file of mill-chapters.md. The tests read the files and need none of
# these. On Debian 12:
#   apt-get install pandoc texlive-latex-base texlive-latex-recommended lmodern libreoffice-writer-nogui calibre
set -eu
cd "$(dirname "$0")/../tests/fixtures/formats"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pandoc mill.md -s -o mill-pandoc.docx
pandoc mill.md -s -o mill-pandoc.fb2
for t in docx odt rtf fb2 pdf; do pandoc mill-chapters.md -s -o "mill-chapters-pandoc.$t"; done
for t in docx pdf html; do pandoc ferry.md -s -o "ferry-pandoc.$t" 2> /dev/null; done
pandoc mill.md -s -o mill-pandoc.html 2> /dev/null  # no title given: pandoc's <title> is the file's base name, "mill"
for t in odt rtf html epub pdf; do
  soffice --headless --convert-to "$t" --outdir "$work" mill-pandoc.docx > /dev/null
  soffice --headless --convert-to "$t" --outdir "$work" ferry-pandoc.docx > /dev/null
  cp "$work/mill-pandoc.$t" "mill-libreoffice.$t"
  cp "$work/ferry-pandoc.$t" "ferry-libreoffice.$t"
done
# Calibre writes its settings under HOME: a folder of its own, thrown away
HOME="$work" ebook-convert mill-chapters-pandoc.docx "$work/mill-chapters-calibre.epub" > /dev/null
cp "$work/mill-chapters-calibre.epub" .
