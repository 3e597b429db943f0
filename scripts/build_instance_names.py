"""Derives bot/core/instance_names.txt from WordNet 3.0: for each noun WordNet names instances of, the names.

    apt-get install wordnet-base && .venv/bin/python scripts/build_instance_names.py [--wordnet DIR] [--check]

"Which composers did young Sophie love?" is answered by the sentence naming Sophie with "the music of Chopin and
Debussy" (bot.core.named_kind_asked): WordNet files Chopin and Debussy as instances ("@i") of "composer". Only the
instances of a person, an artifact or a work (ASKED_FILES: composers, painters, kings, saints; bridges; books and
operas), not of a place, a group or an event: a city, a river or a battle a plot names is where or when something
happens, which other rules and the ranking read, and their names (2,000 places) would more than double the file.
A line "~proper" lists the nouns a proper name ending in one is read as one of ("Carnegie Hall", "Wye College"):
those SemCor tagged whose first or second sense is a building or a room, or a school (PROPER_KINDS: "hall", first a
corridor, then a room; "college", "school", "palace", "inn"), not a place, a group or an event ("side", "party",
"dinner": a plot writes "the far side" and "the Labour Party" of no such question), nor "song" or "day".
Each instance is kept by the last word of each of its names ("Frederic_Chopin", "Chopin": "Chopin"), as a story
writes a famous person's surname alone as often as the whole name, and each noun by its single words. Not a word that
is a given name of some instance ("David" of "David_Hume"), nor the name of a place, a group or an event ("Jackson",
a city too): a story names its own people and places by those as often; nor an acronym or a Roman numeral ("MIT",
"I" of "Henry_I", which is the pronoun too). WordNet is
Princeton's, under the WordNet 3.0 licence, whose notice the file carries; nothing of it is needed at run time.
"""

from __future__ import annotations

from pathlib import Path

from build_person_nouns import word_senses
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
    ("Pliny_the_Elder"), and no word WordNet writes in lower case ("Palace" of "Buckingham_Palace", which
    bot.core.named_kind_asked reads as a proper name ending in "palace"; a surname that is a trade or a word,
    "Baker", "Turner", "Wells", "Burns", names a story's own people, firms and things as often), nor a given name, a
    place's or an acronym (_is_name; see the module's docstring); a noun a single word of one of the instance's
    kinds."""
    synsets: dict[str, Synset] = read_synsets(folder)
    common = {word for synset in synsets.values() for word in synset.written if word.islower()}
    given: set[str] = set()  # the first words of instances' names of more than one word: "David" of "David_Hume"
    placed: set[str] = set()  # the last words of instances of no noun kept: "Jackson" of the city
    grouped: dict[tuple[str, ...], set[str]] = {}
    for synset in synsets.values():
        kinds = [target for symbol, target, _ in synset.pointers if symbol == INSTANCE]
        if not kinds:
            continue
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
        given.update(written.split("_")[0] for written in synset.written if "_" in written)
        names = {written.split("_")[-1] for written in synset.written if not _TITLED.intersection(written.split("_"))}
        if not nouns:
            placed.update(names)
        names = {name for name in names if _is_name(name) and not _word_forms(name) & common}
        if nouns and names:
            grouped.setdefault(nouns, set()).update(names)
    return sorted((list(nouns), sorted(kept)) for nouns, names in grouped.items() if (kept := names - given - placed))


def _word_forms(name: str) -> set[str]:
    """The name in lower case and without a plural's "s": the words it may be ("wells", "burns": "burn")."""
    return {name.lower(), name.lower().removesuffix("s")}


def _is_name(word: str) -> bool:
    """A capitalised word of letters (a hyphen or an apostrophe may join them) with a lowercase one: "Chopin",
    "O'Neill"; not "I", "XII" or "MIT"."""
    letters = word.replace("-", "").replace("'", "")
    return word[:1].isupper() and letters.isalpha() and not letters.isupper()


SENSES_READ = 2
"""The senses of a noun read for a kind of thing with names of its own: "hall" is one in its second."""
PROPER_KINDS = frozenset(
    {
        "noun:04341686",  # structure.n.01: a building, a room ("Carnegie Hall"), a bridge
        "noun:08276342",  # educational_institution.n.01: "Wye College", "Ashford Grammar School"
    }
)
"""The kinds of build_person_nouns' NAMED_THINGS whose nouns a proper name ending in one is read as one of."""


def proper_nouns(folder: Path) -> list[str]:
    """The single words SemCor tagged as nouns one of whose first SENSES_READ senses descends from PROPER_KINDS."""
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
        if word.isalpha() and word in tagged and any(ancestors(sense) & PROPER_KINDS for sense in senses[:SENSES_READ])
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
