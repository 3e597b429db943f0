"""Derives bot/core/person_nouns.txt from WordNet 3.0: the nouns that name only kinds of person.

    apt-get install wordnet-base && .venv/bin/python scripts/build_person_nouns.py [--wordnet DIR] [--check]

The people finder reads "a retired firefighter, Colin Braddock" as a person only if it knows "firefighter" is a
person's word. Its hand-kept list (person_words.txt) holds a few hundred, and plot summaries name people by every
trade and role there is; this file holds WordNet's: the single words every noun sense of which descends from
person.n.01, instances left out (those are named people: "Aristotle"). Not a word with a sense for a thing too,
which plot summaries name as often ("a trawler named Andrea Gail": a fisherman, and a boat; "the children's ward,
Rainbow Ward"; "a developer" of film), nor one that is an adjective too ("regular", "native", "junior"), which
describes as often as it names ("Pepper, a black cat").
WordNet is Princeton's, under the WordNet 3.0 licence, whose notice the file carries.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from build_related_words import NOTICE, Synset, read_synsets

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "bot" / "core" / "person_nouns.txt"
PERSON = "noun:00007846"
"""person.n.01: "a human being"."""
HYPERNYM = "@"


def word_senses(folder: Path, pos: str) -> dict[str, list[str]]:
    """Each single word's senses of this part of speech, as "pos:offset"."""
    senses: dict[str, list[str]] = {}
    for line in (folder / f"index.{pos}").read_text("utf-8").splitlines():
        if line.startswith(" "):
            continue  # the licence at the top
        fields = line.split()
        word, pointer_count = fields[0], int(fields[3])
        if word.isalpha():
            senses[word] = [f"{pos}:{offset}" for offset in fields[6 + pointer_count :]]
    return senses


def person_nouns(folder: Path) -> list[str]:
    """The nouns every sense of which is a kind of person, and no adjectives."""
    synsets = read_synsets(folder)
    adjectives = set(word_senses(folder, "adj"))
    known: dict[str, bool] = {PERSON: True}

    def is_person(sense: str) -> bool:
        if sense not in known:
            known[sense] = False  # WordNet's kinds have no cycles; this only stops a walk that met one
            known[sense] = any(is_person(target) for symbol, target, _ in synsets[sense].pointers if symbol == HYPERNYM)
        return known[sense]

    return sorted(
        word
        for word, senses in word_senses(folder, "noun").items()
        if word not in adjectives and all(is_person(sense) and _only_kinds(synsets[sense]) for sense in senses)
    )


def _only_kinds(synset: Synset) -> bool:
    """A sense that is a kind of person, not one person (an instance: "Aristotle")."""
    return all(symbol != "@i" for symbol, _, _ in synset.pointers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"), help="WordNet 3.0's dict folder")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file differs from what would be written")
    args = parser.parse_args()
    words = person_nouns(args.wordnet)
    text = "\n".join(
        [
            "# Nouns that name only kinds of person, derived from WordNet 3.0 by scripts/build_person_nouns.py.",
            f"# {NOTICE}",
            *words,
        ]
    )
    text += "\n"
    if args.check:
        same = args.output.read_text("utf-8") == text
        print(f"{args.output}: {'holds' if same else 'differs'}")
        sys.exit(0 if same else 1)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}: {len(words):,} words, {args.output.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
