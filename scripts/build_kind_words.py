"""Derives bot/core/kind_words.txt from WordNet 3.0: for each noun a question may ask a kind of, the common words for
its kinds.

    apt-get install wordnet-base && .venv/bin/python scripts/build_kind_words.py [--wordnet DIR] [--check]

"What instrument does Sophie play?" is answered by the sentence naming Sophie and a kind of instrument, "drawn to the
classical piano"; "what kind of animal is Pebble" by "Pebble, a small hermit crab" (bot.core.kind_asked). WordNet's
noun hierarchy says which words are kinds of which: a word counts as a kind of a noun where its first sense (the most
used) descends from one of the noun's senses. Only common words are kept, on either side (SemCor-tagged, as
build_related_words.py keeps them), and as kinds only words it tags as nouns more often than as adjectives ("young",
a young animal as a noun, mostly describes one) and at least as often as verbs ("watch", "fly": "Clara watches the
docks" names no instrument; "trumpet", "parrot", tagged once as each, are nouns where a story names one), by their
first sense alone ("kid" is a child, not a young goat). Only nouns of a thing someone has are asked of: of
physical_entity and of ASKED_FILES ("instrument", "animal", "boat"), not a kind of person (the job rules answer
those: bot.core.job_asked), a process, a place or an abstraction ("effect", "city", "idea"); only where their first
sense holds a CLEAR_MAJORITY of their tags ("plant", "bank" are asked in two senses);
and not a noun of more than MOST_KINDS kinds ("object", "thing", "organism"), which asks for no kind in particular.
WordNet is Princeton's, under the WordNet 3.0 licence, whose notice the file carries; nothing of it is needed at run
time.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from build_person_nouns import word_senses
from build_related_words import (
    NOTICE,
    Synset,
    read_senses,
    read_synsets,
    tagged_counts,
    wordnet_arguments,
    write_or_check,
)

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "bot" / "core" / "kind_words.txt"
PHYSICAL = "noun:00001930"
"""physical_entity.n.01: what a thing a question asks a kind of descends from ("instrument", "animal", "boat"), with
processes and places, which ASKED_FILES leaves out. Not activity.n.01:
a kind of "job" or "sport" is mostly a word in "-ing", which a story writes as a verb or before a noun as often
("Eleanor finds the key in Mrs. Dunstable's sewing box" is no job of Eleanor's)."""
PERSON = "noun:00007846"
"""person.n.01: a kind of person is a job's or a role's, which other rules read."""
ASKED_FILES = frozenset({3, 5, 6, 13, 17, 20})
"""The lexicographer files of the nouns asked of: noun.Tops ("animal", "food"), noun.animal, noun.artifact, noun.food,
noun.object, noun.plant. Not noun.process or noun.phenomenon ("effect", "reaction": physical_entity's, but no thing
someone has), nor noun.location ("city", "side", "direction"), whose kinds a story names as places, not things."""
CLEAR_MAJORITY = 2 / 3
"""The least share of a noun's SemCor tags its first sense must hold for the noun to be asked of: "plant" is a factory
63 times in 100 and a living plant 37, "bank" a riverbank 25 times in 48; such a noun's kinds are one sense's of two a
question may mean ("what plant does Harriet grow" is not answered by "the paper mill")."""
MOST_KINDS = 300
"""The most kinds of a noun kept: "animal" has 159 common ones, "object" and "artifact" thousands."""
KINDS = ("@", "@i")


def kind_words(folder: Path) -> dict[str, list[str]]:
    """Each asked noun's kinds: the common nouns whose first sense descends from one of its senses of the kind of thing
    it mostly names (its first sense's lexicographer file): "instrument", first a device, is a musical instrument in
    a sense SemCor never tagged, an artifact too; "job", first an activity, is a workplace in another sense, which
    asks for no kind of job; "colour", first an attribute, is paint only in a sense it seldom has."""
    synsets = read_synsets(folder)
    every_sense = word_senses(folder, "noun")
    nouns = {
        word: [sense for sense in senses if sense.startswith("noun:")] for word, senses in read_senses(folder).items()
    }
    nouns = {word: senses for word, senses in nouns.items() if senses}
    above: dict[str, frozenset[str]] = {}

    def ancestors(sense: str) -> frozenset[str]:
        """Every sense a sense descends from (WordNet's kinds have no cycles; the memo stops a walk that met one)."""
        if sense not in above:
            above[sense] = frozenset()
            found: set[str] = set()
            for target in _kinds_of(synsets[sense]):
                found |= {target, *ancestors(target)}
            above[sense] = frozenset(found)
        return above[sense]

    as_nouns = tagged_counts(folder, "1")[0]
    as_verbs = tagged_counts(folder, "2")[0]
    as_adjectives = tagged_counts(folder, "3")[0] + tagged_counts(folder, "5")[0]  # satellites are adjectives too
    first_sense_share = _first_sense_shares(folder)
    asked: dict[str, set[str]] = {}
    for word in nouns:
        mostly = synsets[every_sense[word][0]].lexicographer_file
        for sense in every_sense[word]:
            lineage = ancestors(sense) | {sense}
            if (
                PHYSICAL in lineage
                and PERSON not in lineage
                and synsets[sense].lexicographer_file == mostly
                and mostly in ASKED_FILES
                and first_sense_share.get(word, 0) >= CLEAR_MAJORITY
            ):
                asked.setdefault(sense, set()).add(word)
    kinds: dict[str, set[str]] = {}
    for word, senses in nouns.items():
        if as_nouns[word] <= as_adjectives[word]:
            continue  # mostly an adjective: "young" is a young animal as a noun, and describes one
        if as_nouns[word] < as_verbs[word]:
            continue  # mostly a verb: "watch", "fly", "bear" in "Clara watches the docks", "Mara flew to Lisbon"
        for sense in ancestors(senses[0]):
            for noun in asked.get(sense, ()):
                if noun != word:
                    kinds.setdefault(noun, set()).add(word)
    return {noun: sorted(found) for noun, found in sorted(kinds.items()) if len(found) <= MOST_KINDS}


def _first_sense_shares(folder: Path) -> dict[str, float]:
    """Each noun's SemCor tags of its first sense, as a share of its tags as a noun (cntlist.rev: a sense key, the
    sense's number, its count)."""
    first: Counter[str] = Counter()
    every: Counter[str] = Counter()
    for line in (folder / "cntlist.rev").read_text("utf-8").splitlines():
        key, number, count = line.split()
        word, sense = key.split("%")
        if sense.startswith("1:"):
            every[word] += int(count)
            if number == "1":
                first[word] += int(count)
    return {word: first[word] / total for word, total in every.items() if total}


def _kinds_of(synset: Synset) -> list[str]:
    return [target for symbol, target, _ in synset.pointers if symbol in KINDS]


def main() -> None:
    args = wordnet_arguments(__doc__, OUTPUT)
    kinds = kind_words(args.wordnet)
    text = "\n".join(
        [
            "# For each noun a question may ask a kind of, its kinds: common nouns whose first sense descends from one",
            "# of its senses, from WordNet 3.0: scripts/build_kind_words.py.",
            f"# {NOTICE}",
            *(f"{noun} {' '.join(words)}" for noun, words in kinds.items()),
        ]
    )
    text += "\n"
    write_or_check(args.output, text, args.check, f"{len(kinds):,} nouns")


if __name__ == "__main__":
    main()
