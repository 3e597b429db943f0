"""Derives bot/core/thing_names.txt from WordNet 3.0: the capitalised words it gives a sense other than a person's.

    apt-get install wordnet-base && .venv/bin/python scripts/build_thing_names.py [--wordnet DIR] [--check]

The people finder takes a name a story repeats for a person's when no dictionary knows it ("Tobias", "Priya Nair"),
as a place the dictionary does not know is found out by what the story says of it ("in Vellacourt"). The dictionary
knows "Ellen" and "Martha" as it knows "Paris" and "Sunday", so a protagonist called Ellen Hayes, said nine times,
was no one. WordNet tells them apart: it writes "Paris", "Prescott", "Sunday", "German" and "Jewish" capitalised
with a sense that is a place, a time, a language or a people's adjective, and "Ellen" not at all, "Walter" only as
a person (the conductor Bruno Walter). This file holds the single words it writes capitalised with any sense that
is not a person's (noun.person, lexicographer file 18): the names a repeated name may not be made of. A word most
of whose capitalised senses are particular people stays out of it all the same: "James" is seven people and a
river, a book and a bay, "Charles" eight people and a river, as "Paris" is one prince and a capital, a city and a
genus. Some given names stay in ("Oscar", an award; "Daniel", a prophet and his book): the finder's other evidence
finds those. WordNet is
Princeton's, under the WordNet 3.0 licence, whose notice the file carries; nothing of it is needed at run time.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from build_related_words import NOTICE, read_synsets, wordnet_arguments, write_or_check

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "bot" / "core" / "thing_names.txt"
NOUN_PERSON = 18
"""The lexicographer file of nouns for people (noun.person), whose names may be anyone's ("Walter", "Hayes")."""
NOUN_GROUP = 14
"""The lexicographer file of nouns for groups (noun.group): a people WordNet names only as a noun ("Maori", "Zulu")."""
INSTANCE_OF = "@i"
"""The pointer from a particular ("William James") to its kind ("psychologist"), where a people's member ("an Arab")
points to its kind by a plain hypernym."""


def thing_names(folder: Path) -> tuple[list[str], list[str]]:
    """The single words, lowercase, that WordNet writes capitalised in a synset not of noun.person, less those more
    than half of whose capitalised senses are particular people ("James"); and, of those, the ones it writes
    capitalised as adjectives or as groups, mostly a people's ("Nazi", "Saxon", "Maori")."""
    names: set[str] = set()
    peoples: set[str] = set()
    senses: Counter[str] = Counter()
    people: Counter[str] = Counter()
    for key, synset in read_synsets(folder).items():
        noun = key.startswith("noun:")
        for word in {w.lower() for w in synset.written if w[:1].isupper() and "_" not in w}:
            senses[word] += 1
            if noun and synset.lexicographer_file == NOUN_PERSON:
                people[word] += any(symbol == INSTANCE_OF for symbol, _, _ in synset.pointers)
                continue
            names.add(word)
            if key.startswith("adj:") or (noun and synset.lexicographer_file == NOUN_GROUP):
                peoples.add(word)
    names -= {word for word in names - peoples if 2 * people[word] > senses[word]}
    return sorted(names), sorted(peoples)


def main() -> None:
    args = wordnet_arguments(__doc__, OUTPUT)
    names, peoples = thing_names(args.wordnet)
    text = "\n".join(
        [
            "# Words WordNet 3.0 writes capitalised with a sense that is no person's (a place, a time, a people, a",
            "# language, a book, an award), but for those most of whose senses are particular people (James): a name",
            '# a story repeats is not made of them alone. A line "people: WORD" is one it writes capitalised as an',
            '# adjective or a group too, mostly a people\'s ("Nazi", "Maori"), whose many ("Nazis") are no one either.',
            "# scripts/build_thing_names.py writes it.",
            f"# {NOTICE}",
            *names,
            *(f"people: {word}" for word in peoples),
        ]
    )
    text += "\n"
    write_or_check(args.output, text, args.check, f"{len(names):,} names, {len(peoples):,} peoples")


if __name__ == "__main__":
    main()
