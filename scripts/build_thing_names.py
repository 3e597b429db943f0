"""Derives bot/core/thing_names.txt from WordNet 3.0: the capitalised words it gives a sense other than a person's.

    apt-get install wordnet-base && .venv/bin/python scripts/build_thing_names.py [--wordnet DIR] [--check]

The people finder takes a name a story repeats for a person's when no dictionary knows it ("Tobias", "Priya Nair"),
as a place the dictionary does not know is found out by what the story says of it ("in Vellacourt"). The dictionary
knows "Ellen" and "Martha" as it knows "Paris" and "Sunday", so a protagonist called Ellen Hayes, said nine times,
was no one. WordNet tells them apart: it writes "Paris", "Prescott", "Sunday", "German" and "Jewish" capitalised
with a sense that is a place, a time, a language or a people's adjective, and "Ellen" not at all, "Walter" only as
a person (the conductor Bruno Walter). This file holds the single words it writes capitalised with any sense that
is not a person's (noun.person, lexicographer file 18): the names a repeated name may not be made of. Any such
sense keeps a name out, so some given names stay out too ("James", a river; "Oscar", an award): the finder's
other evidence finds those. WordNet is
Princeton's, under the WordNet 3.0 licence, whose notice the file carries; nothing of it is needed at run time.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from build_related_words import NOTICE

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "bot" / "core" / "thing_names.txt"
PARTS_OF_SPEECH = ("noun", "verb", "adj", "adv")
NOUN_PERSON = 18
"""The lexicographer file of nouns for people (noun.person), whose names may be anyone's ("Walter", "Hayes")."""
NOUN_GROUP = 14
"""The lexicographer file of nouns for groups (noun.group): a people WordNet names only as a noun ("Maori", "Zulu")."""


def thing_names(folder: Path) -> tuple[list[str], list[str]]:
    """The single words, lowercase, that WordNet writes capitalised in a synset not of noun.person; and, of those,
    the ones it writes capitalised as adjectives or as groups, mostly a people's ("Nazi", "Saxon", "Maori")."""
    names: set[str] = set()
    peoples: set[str] = set()
    for pos in PARTS_OF_SPEECH:
        for line in (folder / f"data.{pos}").read_text("utf-8").splitlines():
            if line.startswith(" "):
                continue  # the licence at the top
            fields = line.split(" | ")[0].split()
            if pos == "noun" and int(fields[1]) == NOUN_PERSON:
                continue
            for i in range(int(fields[3], 16)):
                word = fields[4 + 2 * i]
                word = word[: word.index("(")] if "(" in word else word  # "Jewish(p)": a marker of position
                if word[:1].isupper() and "_" not in word:
                    names.add(word.lower())
                    if pos == "adj" or (pos == "noun" and int(fields[1]) == NOUN_GROUP):
                        peoples.add(word.lower())
    return sorted(names), sorted(peoples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"), help="WordNet 3.0's dict folder")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file differs from what would be written")
    args = parser.parse_args()
    names, peoples = thing_names(args.wordnet)
    text = "\n".join(
        [
            "# Words WordNet 3.0 writes capitalised with a sense that is no person's (a place, a time, a people, a",
            '# language, a book, an award): a name a story repeats is not made of them alone. A line "people: WORD"',
            '# is one it writes capitalised as an adjective or a group too, mostly a people\'s ("Nazi", "Maori"),',
            '# whose many ("Nazis") are no one either. scripts/build_thing_names.py writes it.',
            f"# {NOTICE}",
            *names,
            *(f"people: {word}" for word in peoples),
        ]
    )
    text += "\n"
    if args.check:
        same = args.output.read_text("utf-8") == text
        print(f"{args.output}: {'holds' if same else 'differs'}")
        sys.exit(0 if same else 1)
    args.output.write_text(text, encoding="utf-8")
    size = args.output.stat().st_size
    print(f"wrote {args.output}: {len(names):,} names, {len(peoples):,} peoples, {size:,} bytes")


if __name__ == "__main__":
    main()
