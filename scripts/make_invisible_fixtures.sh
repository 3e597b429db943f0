#!/bin/sh
# Makes the fixtures of a story file that shows nothing, in tests/fixtures/formats/: invisible.md holds three
# paragraphs of zero-width spaces, a zero-width non-joiner and joiner, a word joiner and a left-to-right mark alone.
# pandoc (2.17) writes it as Word, OpenDocument, RTF, FictionBook, HTML and EPUB, each paragraph kept with its
# invisible characters. The tests read the files and need none of these. On Debian 12: apt-get install pandoc
set -eu
cd "$(dirname "$0")/../tests/fixtures/formats"
for t in docx odt rtf fb2 html epub; do pandoc invisible.md -s -o "invisible-pandoc.$t" 2> /dev/null; done
