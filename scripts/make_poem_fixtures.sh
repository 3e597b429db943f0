#!/bin/sh
# Makes the fixtures of a poem whose every line ends in "↩" (a typist's return key), each line a paragraph, under a
# paragraph that does not end so, from our own words in tests/fixtures/formats/carriage.md: pandoc (2.17) writes it as
# RTF, FictionBook and Word, and LibreOffice (7.4) prints pandoc's Word file to RTF. The tests read the files and need
# none of these. On Debian 12: apt-get install pandoc libreoffice-writer-nogui
set -eu
cd "$(dirname "$0")/../tests/fixtures/formats"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for format in rtf fb2 docx; do pandoc carriage.md -s -o "carriage-pandoc.$format"; done
soffice --headless --convert-to rtf --outdir "$work" carriage-pandoc.docx > /dev/null
cp "$work/carriage-pandoc.rtf" carriage-libreoffice.rtf
