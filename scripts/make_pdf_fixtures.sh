#!/bin/sh
# Makes the PDF fixtures in tests/fixtures/formats/ from their sources there, the bundled stories of corpus/ and words
# of our own set as real books are: musicians-*.pdf and keeper-*.pdf by LaTeX (TeX Live 2022), sophie-word.pdf by
# pandoc (2.17) as a Word document and LibreOffice (7.4) printing it. The tests read the PDFs and need none of these. On Debian 12:
#   apt-get install texlive-latex-base texlive-latex-recommended texlive-latex-extra texlive-plain-generic lmodern pandoc \
#     libreoffice-writer-nogui qpdf python3-pypdf
# then, for fisherman-*.pdf, fonts-thai-tlwg fonts-ipafont-mincho fonts-khmeros (river-thai-libreoffice.pdf is Thai
# printed with no Thai font installed: with one, LibreOffice draws it as fisherman-thai's is drawn)
set -eu
cd "$(dirname "$0")/../tests/fixtures/formats"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for name in musicians-t1 musicians-ot1 keeper-article keeper-poems keeper-notes keeper-tracking keeper-summer \
    keeper-names keeper-spaced keeper-t1names keeper-commas keeper-short; do
  for pass in 1 2; do  # the second pass fills in the table of contents
    if ! pdflatex -interaction=batchmode -halt-on-error -output-directory="$work" "$name.tex" > /dev/null; then
      tail -n 20 "$work/$name.log" >&2
      exit 1
    fi
  done
  cp "$work/$name.pdf" .
done
pandoc sophie-word.md -o "$work/sophie-word.docx"
soffice --headless --convert-to pdf --outdir "$work" "$work/sophie-word.docx" > /dev/null
cp "$work/sophie-word.pdf" .
# river-thai.md (Thai, our words) as LibreOffice prints pandoc's Word file of it where no Thai font is installed
# (`fc-list :lang=th` lists none; Debian's fonts-thai-tlwg would give one): each character drawn as the same glyph,
# its text given only as /ActualText
pandoc river-thai.md -o "$work/river-thai.docx"
soffice --headless --convert-to pdf --outdir "$work" "$work/river-thai.docx" > /dev/null
cp "$work/river-thai.pdf" river-thai-libreoffice.pdf
# fisherman-thai.md (Thai, our words) as LibreOffice prints pandoc's Word file of it with a Thai font installed
# (Debian's fonts-thai-tlwg): paragraphs wrapped over lines between words with no space between them, "ำ" drawn as two
# glyphs in a span whose /ActualText gives it, marks drawn with no width
pandoc fisherman-thai.md -o "$work/fisherman-thai.docx"
soffice --headless --convert-to pdf --outdir "$work" "$work/fisherman-thai.docx" > /dev/null
cp "$work/fisherman-thai.pdf" fisherman-thai-libreoffice.pdf
# The same story's start in Japanese and Khmer (our words), printed so with Debian's fonts-ipafont-mincho and
# fonts-khmeros: lines wrapped between words (Japanese anywhere), Khmer's marks placed by moves back within spans
for language in japanese khmer; do
  pandoc "fisherman-$language.md" -o "$work/fisherman-$language.docx"
  soffice --headless --convert-to pdf --outdir "$work" "$work/fisherman-$language.docx" > /dev/null
  cp "$work/fisherman-$language.pdf" "fisherman-$language-libreoffice.pdf"
done
# The Thai fixtures as qpdf (11.3) overlays them on a blank page pypdf writes: each page drawn whole as a form XObject,
# its spans' /ActualText within the form; river-thai's overlaid twice, a form within a form. On Debian 12: apt-get
# install qpdf
python3 -c "import pypdf; w = pypdf.PdfWriter(); w.add_blank_page(612, 792); w.write('$work/blank.pdf')"
qpdf "$work/blank.pdf" --overlay fisherman-thai-libreoffice.pdf -- fisherman-thai-qpdf.pdf
qpdf "$work/blank.pdf" --overlay river-thai-libreoffice.pdf -- "$work/river-thai-once.pdf"
qpdf "$work/blank.pdf" --overlay "$work/river-thai-once.pdf" -- river-thai-qpdf.pdf
