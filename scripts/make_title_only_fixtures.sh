#!/bin/sh
# Makes the fixtures of a story given a title and no author, from our own words in tests/fixtures/formats/:
# beacon.md (titled "The Beacon", two chapters) and quay.md ("The Quay", paragraphs alone). pandoc (2.17)
# writes them as RTF, its title a centered paragraph in large type over an empty one and no \info. And two stories
# titled as chapters are: prologue.md ("Prologue", no author) and chapter-one.md ("Chapter One", with an author, whose
# line pandoc centers under the title). And two-authors.md: a title block of two authors and a date, each line centered
# under the title. The tests read the files and need none of these. On Debian 12:
# apt-get install pandoc
set -eu
cd "$(dirname "$0")/../tests/fixtures/formats"
for story in beacon quay prologue chapter-one two-authors; do pandoc "$story.md" -s -o "$story-pandoc.rtf"; done
