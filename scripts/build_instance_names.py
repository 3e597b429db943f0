"""Derives bot/core/instance_names.txt from WordNet 3.0: for each noun WordNet names instances of, the names.

    apt-get install wordnet-base && .venv/bin/python scripts/build_instance_names.py [--wordnet DIR] [--check]

"Which composers did young Sophie love?" is answered by the sentence naming Sophie with "the music of Chopin and
Debussy" (bot.core.named_kind_asked): WordNet files Chopin and Debussy as instances ("@i") of "composer". Only the
instances of a person, an artifact or a work (ASKED_FILES: composers, painters, kings, saints; bridges; books and
operas), not of a place, a group or an event: a city, a river or a battle a plot names is where or when something
happens, which other rules and the ranking read, and their names (2,000 places) would more than double the file.
A line "~proper" lists the nouns a proper name ending in one is read as one of ("Carnegie Hall", "Wye College"):
those SemCor tagged whose first or second sense names a kind of thing with names of its own (build_person_nouns'
NAMED_THINGS: "hall", first a corridor, then a room; "school", "ship", "inn"), not "song", "day" or "year", whose
"Christmas Day" or "Swan Song" a question asking which one hardly means.
Each instance is kept by the last word of each of its names ("Frederic_Chopin", "Chopin": "Chopin"), as a story
writes a famous person's surname alone as often as the whole name, and each noun by its single words. WordNet is
Princeton's, under the WordNet 3.0 licence, whose notice the file carries; nothing of it is needed at run time.
"""

from __future__ import annotations

from pathlib import Path

from build_person_nouns import NAMED_THINGS, word_senses
from build_related_words import NOTICE, Synset, read_senses, read_synsets, wordnet_arguments, write_or_check

from bot.core.named_kind_asked import PROPER

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "bot" / "core" / "instance_names.txt"
ASKED_FILES = frozenset({6, 10, 18})
"""The lexicographer files of the nouns whose instances are kept: noun.artifact, noun.communication, noun.person."""
INSTANCE = "@i"
_TITLED = frozenset({"of", "the", "de", "von", "van"})
"""Words before a last word that is no surname: "Baron_Britten_of_Aldeburgh", "Pliny_the_Elder"."""


def instance_names(folder: Path) -> list[tuple[list[str], list[str]]]:
    """(the nouns, the names) for each set of nouns some instances are all instances of, sorted: each name once
    after the nouns it names one of ("composer,pianist Chopin Liszt"). A name is the last word of one of an
    instance's names as WordNet writes them, capitalised ("Bach"; not "e.e._cummings"), of a name with no title in it
    ("Pliny_the_Elder"), and no noun SemCor tags that WordNet writes in lower case ("Palace" of "Buckingham_Palace":
    a common noun, which ends many a name; bot.core.named_kind_asked reads "Buckingham Palace" as a proper name
    ending in "palace"); a noun a single word of one of the instance's kinds."""
    synsets: dict[str, Synset] = read_synsets(folder)
    tagged = {word for word, senses in read_senses(folder).items() if any(s.startswith("noun:") for s in senses)}
    common = tagged & {word for synset in synsets.values() for word in synset.written if word.islower()}
    grouped: dict[tuple[str, ...], set[str]] = {}
    for synset in synsets.values():
        kinds = [target for symbol, target, _ in synset.pointers if symbol == INSTANCE]
        nouns = tuple(
            sorted(
                {
                    word
                    for kind in kinds
                    if synsets[kind].lexicographer_file in ASKED_FILES
                    for word in synsets[kind].words
                    if word.isalpha()
                }
            )
        )
        names = {written.split("_")[-1] for written in synset.written if not _TITLED.intersection(written.split("_"))}
        names = {
            name
            for name in names
            if name[:1].isupper() and name.replace("-", "").replace("'", "").isalpha() and name.lower() not in common
        }
        if nouns and names:
            grouped.setdefault(nouns, set()).update(names)
    return sorted((list(nouns), sorted(names)) for nouns, names in grouped.items())


SENSES_READ = 2
"""The senses of a noun read for a kind of thing with names of its own: "hall" is one in its second."""


def proper_nouns(folder: Path) -> list[str]:
    """The single words SemCor tagged as nouns one of whose first SENSES_READ senses descends from NAMED_THINGS."""
    synsets = read_synsets(folder)
    tagged = read_senses(folder)
    above: dict[str, frozenset[str]] = {}

    def ancestors(sense: str) -> frozenset[str]:
        """The sense and every sense it descends from (the memo stops a walk that met a cycle)."""
        if sense not in above:
            above[sense] = frozenset({sense})
            found = {sense}
            for symbol, target, _ in synsets[sense].pointers:
                if symbol == "@":
                    found |= ancestors(target)
            above[sense] = frozenset(found)
        return above[sense]

    return sorted(
        word
        for word, senses in word_senses(folder, "noun").items()
        if word.isalpha() and word in tagged and any(ancestors(sense) & NAMED_THINGS for sense in senses[:SENSES_READ])
    )


def main() -> None:
    args = wordnet_arguments(__doc__, OUTPUT)
    lines = instance_names(args.wordnet)
    text = "\n".join(
        [
            "# Names of instances, each line's after the nouns they are instances of, comma-separated: the last",
            "# word of each name of a person, an artifact or a work WordNet 3.0 files as an instance of the nouns.",
            f"# {PROPER}: the nouns a proper name ending in one is one of. scripts/build_instance_names.py writes it.",
            f"# {NOTICE}",
            *(f"{','.join(nouns)} {' '.join(names)}" for nouns, names in lines),
            f"{PROPER} {' '.join(proper_nouns(args.wordnet))}",
        ]
    )
    write_or_check(args.output, text + "\n", args.check, f"{len(lines):,} lines")


if __name__ == "__main__":
    main()
