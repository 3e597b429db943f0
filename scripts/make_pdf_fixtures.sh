#!/bin/sh
# Makes the PDF fixtures in tests/fixtures/formats/ (musicians-*.pdf) from their LaTeX sources there, the bundled
# stories of corpus/ typeset as real books are: the tests read the PDFs and need no TeX. Made with TeX Live 2022 on
# Debian 12, which needs:
#   apt-get install texlive-latex-base texlive-latex-recommended texlive-latex-extra lmodern
set -eu
cd "$(dirname "$0")/../tests/fixtures/formats"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for name in musicians-t1 musicians-ot1; do
  for pass in 1 2; do  # the second pass fills in the table of contents
    if ! pdflatex -interaction=batchmode -halt-on-error -output-directory="$work" "$name.tex" > /dev/null; then
      tail -n 20 "$work/$name.log" >&2
      exit 1
    fi
  done
  cp "$work/$name.pdf" .
done
