"""Derives bot/core/person_nouns.txt from WordNet 3.0: the nouns for kinds of person that name no kind of thing.

    apt-get install wordnet-base && .venv/bin/python scripts/build_person_nouns.py [--wordnet DIR] [--check]

The people finder reads "a retired firefighter, Colin Braddock" as a person only if it knows "firefighter" is a
person's word. Its hand-kept list (person_words.txt) holds a few hundred, and plot summaries name people by every
trade and role there is; this file holds WordNet's: the single words whose most used sense (WordNet lists it first)
descends from person.n.01 (or operator.n.02: a driver), instances left out (those are named people: "Aristotle").
Not a word with a sense for a kind of thing that has names of its own, as places, buildings, ships, bodies and books
do (NAMED_THINGS): plot summaries name those as often ("a trawler named Andrea Gail": a fisherman, and a boat; "the
children's ward, Rainbow Ward"; "the guide Lonely Planet"); a sense for a substance or an organism is harmless ("a
translator", "a producer"). Nor one that is an adjective too ("regular", "native", "junior"), which describes as
often as it names ("Pepper, a black cat").
WordNet is Princeton's, under the WordNet 3.0 licence, whose notice the file carries.
"""

from __future__ import annotations

from pathlib import Path

from build_related_words import NOTICE, Synset, read_synsets, wordnet_arguments, write_or_check

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "bot" / "core" / "person_nouns.txt"
PERSON = "noun:00007846"
"""person.n.01: "a human being"."""
OPERATOR = "noun:10378412"
"""operator.n.02, "an agent that operates some apparatus or machine": WordNet files drivers, chauffeurs, motorists and
telegraphists under causal agents, not people, and "Rick Dunn, a city snowplough driver" was read by its "city"."""
NAMED_THINGS = frozenset(
    {
        "noun:00027167",  # location.n.01
        "noun:04341686",  # structure.n.01, a building or a bridge
        "noun:08008335",  # organization.n.01
        "noun:07950920",  # social_group.n.01
        "noun:04524313",  # vehicle.n.01
        "noun:03125870",  # craft.n.02, a vessel or an aircraft
        "noun:04530566",  # vessel.n.02, a ship
        "noun:06589574",  # publication.n.01
        "noun:03302121",  # excavation.n.03, a quarry or a mine
        "noun:04105893",  # room.n.01
        "noun:09225146",  # body_of_water.n.01
        "noun:09287968",  # geological_formation.n.01
        "noun:03315023",  # facility.n.01
        "noun:08075847",  # establishment.n.04, a business
    }
)
"""WordNet's kinds of things that have names of their own: a noun with a sense among them is no person's word alone."""
KINDS = ("@", "@i")
"""A sense's hypernyms, and an instance's kind."""


def word_senses(folder: Path, pos: str, compounds: bool = False) -> dict[str, list[str]]:
    """Each single word's senses of this part of speech, as "pos:offset"; with `compounds`, every word's, compounds
    too ("musical_instrument")."""
    senses: dict[str, list[str]] = {}
    for line in (folder / f"index.{pos}").read_text("utf-8").splitlines():
        if line.startswith(" "):
            continue  # the licence at the top
        fields = line.split()
        word, pointer_count = fields[0], int(fields[3])
        if compounds or word.isalpha():
            senses[word] = [f"{pos}:{offset}" for offset in fields[6 + pointer_count :]]
    return senses


def person_nouns(folder: Path) -> list[str]:
    """The nouns whose first sense is a kind of person (or of operator), none a named kind of thing, and no
    adjectives."""
    synsets = read_synsets(folder)
    adjectives = set(word_senses(folder, "adj"))
    known: dict[tuple[str, frozenset[str]], bool] = {}

    def under(sense: str, roots: frozenset[str]) -> bool:
        """Whether a sense descends from one of `roots` (WordNet's kinds have no cycles; the memo stops a walk that
        met one)."""
        if sense in roots:
            return True
        if (sense, roots) not in known:
            known[sense, roots] = False
            known[sense, roots] = any(
                under(target, roots) for symbol, target, _ in synsets[sense].pointers if symbol in KINDS
            )
        return known[sense, roots]

    person = frozenset({PERSON, OPERATOR})
    return sorted(
        word
        for word, senses in word_senses(folder, "noun").items()
        if word not in adjectives
        and under(senses[0], person)
        and _only_kinds(synsets[senses[0]])
        and not any(under(sense, NAMED_THINGS) for sense in senses)
    )


def _only_kinds(synset: Synset) -> bool:
    """A sense that is a kind of person, not one person (an instance: "Aristotle")."""
    return all(symbol != "@i" for symbol, _, _ in synset.pointers)


def main() -> None:
    args = wordnet_arguments(__doc__, OUTPUT)
    words = person_nouns(args.wordnet)
    text = "\n".join(
        [
            "# Nouns for kinds of person that name no kind of thing, from WordNet 3.0: scripts/build_person_nouns.py.",
            f"# {NOTICE}",
            *words,
        ]
    )
    text += "\n"
    write_or_check(args.output, text, args.check, f"{len(words):,} words")


if __name__ == "__main__":
    main()
