"""Derives bot/core/spelling_variants.txt from breame's list of British and American spellings.

    .venv/bin/pip install -e '.[fit]' && .venv/bin/python scripts/build_spelling_variants.py [--check]

A story printed in Britain says "colour", "litres" and "organising" where a question says "color",
"liters" and "organizing": as different terms they never met, and the minimum-match rule then
refused the question. The analysis reads each British spelling as its American one
(bot/core/word_forms.py), on both sides of the match.

Only spellings at most two letters apart are kept: the regular patterns ("-our"/"-or",
"-ise"/"-ize", "-tre"/"-ter", "-ll-"/"-l-", "ae"/"e", "-ence"/"-ense", "-ogue"/"-og"). That leaves
out the list's few pairs whose words differ more, where it holds another word or an error ("philtre"
for "filter", "gryphon" for "griffin"). ANOTHER_WORD leaves out the few close ones whose American
side is another word, or an error, in any of its forms. breame is Charles Pierse's,
under the Apache License 2.0, whose notice the file carries; it is needed only to write the file.
With --check nothing is written, and the script fails unless the shipped file is what it writes (CI).
"""

from __future__ import annotations

import argparse
import difflib
import importlib.metadata
import sys
from pathlib import Path

import simplemma
from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "bot" / "core" / "spelling_variants.txt"
MOST_LETTERS_APART = 2
ANOTHER_WORD = {
    "tyre": "'tire' is also to weary, and the lemmatizer reads 'tired' as it",
    "gauge": "an error of the list: 'gauge' is the American spelling too, 'gage' a pledge",
    "groyne": "a groin is a part of the body",
    "bevvy": "a bevy is a flock",
    "tranquilly": "an error of the list: an adverb given a noun",
    "buses": "'busses' are kisses: both spellings are American",
    "busing": "'bussing' is kissing",
}
"""British words (or their lemma) whose pairs are left out, and why."""
NOTICE = (
    "breame (https://github.com/cdpierse/breame), Copyright Charles Pierse, is licensed under the Apache License, "
    "Version 2.0 (https://www.apache.org/licenses/LICENSE-2.0); this file is derived from its spelling list, "
    "with pairs left out as scripts/build_spelling_variants.py says."
)


def letters_apart(british: str, american: str) -> int:
    """How many letters the two spellings differ by: each changed run counts its longer side."""
    opcodes = difflib.SequenceMatcher(None, british, american, autojunk=False).get_opcodes()
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in opcodes if tag != "equal")


def variant_lines() -> list[str]:
    """The file's lines: a header, then "british<TAB>american", sorted."""
    version = importlib.metadata.version("breame")
    pairs = sorted(
        (british, american)
        for british, american in BRITISH_ENGLISH_SPELLINGS.items()
        if british != american
        and letters_apart(british, american) <= MOST_LETTERS_APART
        and not {british, simplemma.lemmatize(british, lang="en")} & ANOTHER_WORD.keys()
    )
    return [
        f"# British spellings and their American ones, from breame {version} by scripts/build_spelling_variants.py.",
        f"# {NOTICE}",
        *(f"{british}\t{american}" for british, american in pairs),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="write nothing; fail unless the file is what it writes")
    args = parser.parse_args()
    text = "\n".join(variant_lines()) + "\n"
    if args.check:
        if args.output.read_text(encoding="utf-8") != text:
            sys.exit(f"{args.output} differs from what scripts/build_spelling_variants.py writes: run it and commit")
        print(f"{args.output} is what the script writes")
        return
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}: {text.count(chr(10)) - 2:,} pairs, {args.output.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
