"""Derives bot/core/thing_nouns.txt from WordNet 3.0: the nouns for kinds of things that have names of their own.

    apt-get install wordnet-base && .venv/bin/python scripts/build_thing_nouns.py [--wordnet DIR] [--check]

The people finder reads "a sailor called Thomas Wren" as a person and "a ship called the Mary Rose" as a thing by
the word before "called". Its hand-kept list of things' words (place_words.txt) holds a hundred and forty, and plot
summaries name things of every kind there is: "the station's owners, a corporation called Meridian Deepworks" made
Meridian Deepworks one of the story's people. This file holds WordNet's: the single words whose most used sense
(WordNet lists it first) descends from a kind of thing with names of its own (build_person_nouns.NAMED_THINGS: a
place, a building, a body, a vehicle, a publication, a business: "corporation", "pub", "tavern", "freighter",
"magazine"), written in lower case there (no place's name: "Sofia"), with no sense a kind of person ("trawler", a
fisherman too; "guide"). Not through a social group alone (SOCIAL_GROUP), as families, clans, couples and bands are,
named after their people ("a family called Kershaw"). The finder weighs its own lists first: "crew" is a people's
word there, as a story's animals are.
WordNet is Princeton's, under the WordNet 3.0 licence, whose notice the file carries; nothing of it is needed at run
time.
"""

from __future__ import annotations

from pathlib import Path

from build_person_nouns import NAMED_THINGS, PEOPLE, descent, word_senses
from build_related_words import NOTICE, read_synsets, wordnet_arguments, write_or_check

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "bot" / "core" / "thing_nouns.txt"
SOCIAL_GROUP = "noun:07950920"
"""social_group.n.01, whose kinds an organization is one of too (a firm, an agency), itself among NAMED_THINGS."""


def thing_nouns(folder: Path) -> list[str]:
    """The single-word nouns whose first sense, written in lower case, is a named kind of thing other than through a
    social group alone, and none of whose senses is a kind of person."""
    synsets = read_synsets(folder)
    under = descent(synsets)
    return sorted(
        word
        for word, senses in word_senses(folder, "noun").items()
        if word in synsets[senses[0]].written
        and under(senses[0], NAMED_THINGS - {SOCIAL_GROUP})
        and not any(under(sense, PEOPLE) for sense in senses)
    )


def main() -> None:
    args = wordnet_arguments(__doc__, OUTPUT)
    words = thing_nouns(args.wordnet)
    text = "\n".join(
        [
            "# Nouns for kinds of things with names of their own, from WordNet 3.0: scripts/build_thing_nouns.py.",
            f"# {NOTICE}",
            *words,
        ]
    )
    write_or_check(args.output, text + "\n", args.check, f"{len(words):,} words")


if __name__ == "__main__":
    main()
