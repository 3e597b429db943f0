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
and not a noun of more than MOST_KINDS common kinds ("object", "thing", "organism"), which asks for no kind in
particular. A word SemCor never tagged is a kind too where WordNet knows it as a noun alone and each of its senses
is one ("cello", "clarinet", "dinghy"; not "argyle", a sock and a boat): 3,312 kinds of 391 nouns became 21,323.
A verb of having (bot.core.kind_asked.HAVING_VERBS) whose definition names its object in brackets as one of an asked
noun's senses other than its first ("play": "perform music on (a musical instrument)") asks the noun in that sense;
not one naming a kind of the noun, no sense of it ("carry": "be equipped with (a mast or sail)" asks no cloth of sails
alone: "Yusuf carries silk"). Its line "instrument/play" lists the words whose first sense of that lexicographer file
is one ("organ", first a body part; not "compass"; of a word SemCor never tagged, each), and "instrument/play/doers"
the nouns for those who play one ("cellist", "drummer": a kind of the person the verb's senses naming the noun are
derived to, "musician" of "play on an instrument", derived from a word of the line).
WordNet is Princeton's, under the WordNet 3.0 licence, whose notice the file carries; nothing of it is needed at run
time.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
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

from bot.core.kind_asked import HAVING_VERBS, UNTAGGED

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
    """Each asked noun's kinds (keyed by the noun), and its kinds where a verb of having asks it in one of its senses
    alone (keyed "noun/verb": "instrument/play") with the nouns for those who do the verb with one ("noun/verb/doers":
    "cellist"), and under UNTAGGED the kinds SemCor never tagged. A kind is a common noun whose first sense descends
    from one of the asked noun's senses of the kind of thing it mostly names (its first sense's lexicographer file):
    "instrument", first a device, is a musical instrument in a sense SemCor never tagged, an artifact too; "job",
    first an activity, is a workplace in another sense, which asks for no kind of job; "colour", first an attribute,
    is paint only in a sense it seldom has. A noun SemCor never tagged is a kind too where WordNet knows it as nothing
    but a noun ("cello", "clarinet"): no verb or adjective of it can be meant."""
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
    common: dict[str, list[str]] = {}
    for word, senses in nouns.items():
        if as_nouns[word] <= as_adjectives[word]:
            continue  # mostly an adjective: "young" is a young animal as a noun, and describes one
        if as_nouns[word] < as_verbs[word]:
            continue  # mostly a verb: "watch", "fly", "bear" in "Clara watches the docks", "Mara flew to Lisbon"
        common[word] = senses
    only_nouns = _only_nouns(folder, synsets, every_sense, set(nouns))
    kinds: dict[str, set[str]] = {}
    for word, senses in common.items():
        for sense in ancestors(senses[0]):
            for noun in asked.get(sense, ()):
                if noun != word:
                    kinds.setdefault(noun, set()).add(word)
    for word, senses in only_nouns.items():
        # WordNet orders the senses of a word SemCor never tagged by no count: one is a kind where each of its senses
        # is ("argyle" is a sock and a boat, "scooter" a motor scooter and an iceboat)
        of_each = [{noun for above in ancestors(sense) for noun in asked.get(above, ())} for sense in senses]
        for noun in set.intersection(*of_each) - {word}:
            if noun in kinds:  # a noun of no common kind is asked of none
                kinds[noun].add(word)
    kept = {noun for noun, words in kinds.items() if len(words & common.keys()) <= MOST_KINDS}  # of common kinds
    listed = {noun: sorted(words) for noun, words in kinds.items() if noun in kept}
    candidates = only_nouns | common  # a common word's senses SemCor tags: "wood" is never tagged a woodwind
    verb_senses = word_senses(folder, "verb")
    definitions = {sense: _definition(synsets[sense]) for senses in verb_senses.values() for sense in senses}
    compounds = word_senses(folder, "noun", compounds=True)
    for verb in sorted(HAVING_VERBS):
        meanings = [definitions[sense] for sense in verb_senses.get(verb, [])]
        for noun, meant in _senses_named(meanings, compounds, asked, ancestors).items():
            if noun not in kept or every_sense[noun][0] in meant:
                continue  # "prevent (food) from rotting" asks "food" in the sense it mostly has
            if not meant & set(every_sense[noun]):
                continue  # "be equipped with (a mast or sail)" names a kind of cloth, not a sense "cloth" has
            files = {synsets[sense].lexicographer_file for sense in meant}
            narrowed = sorted(
                word
                for word, senses in candidates.items()
                if word != noun
                and (of_file := _of_files(senses, files, synsets, every=word in only_nouns))
                and all(sense in meant or meant & ancestors(sense) for sense in of_file)
            )
            if not narrowed or narrowed == listed[noun]:
                continue
            listed[f"{noun}/{verb}"] = narrowed
            about = [sense for sense in verb_senses[verb] if noun in re.findall(r"[a-z]+", definitions[sense])]
            doers = _doers(synsets, about, set(narrowed), ancestors, every_sense)
            if doers:
                listed[f"{noun}/{verb}/doers"] = doers
    written = {word for words in listed.values() for word in words}
    listed[UNTAGGED] = sorted(written & only_nouns.keys() - common.keys())
    return dict(sorted(listed.items()))


def _of_files(senses: list[str], files: set[int], synsets: dict[str, Synset], every: bool) -> list[str]:
    """A word's first sense of the kind of thing a verb asks for (its lexicographer file), or with `every` each of
    them (of a word SemCor never tagged, whose senses WordNet orders by no count): "organ", first a body part, is
    first an instrument of its artifacts (the sense "Clara plays the organ" means); "string" first a cord."""
    of_file = [sense for sense in senses if synsets[sense].lexicographer_file in files]
    return of_file if every else of_file[:1]


def _only_nouns(
    folder: Path, synsets: dict[str, Synset], every_sense: dict[str, list[str]], tagged: set[str]
) -> dict[str, list[str]]:
    """The words SemCor never tagged that WordNet knows as nouns alone, written in lower case in their first sense
    ("cello", "clarinet", "cellist"; not "Newfoundland", nor "bones", castanets, which a story writes as bone's
    plural), with their senses."""
    other = set(word_senses(folder, "verb")) | set(word_senses(folder, "adj")) | set(word_senses(folder, "adv"))
    return {
        word: senses
        for word, senses in every_sense.items()
        if word not in tagged
        and word not in other
        and word in synsets[senses[0]].written
        and not (word.endswith("s") and word[:-1] in every_sense)
    }


def _definition(synset: Synset) -> str:
    """A sense's definition, lower case, without its examples: "perform music on (a musical instrument)"."""
    return synset.gloss.split('"', 1)[0].lower()


_LONGEST_COMPOUND = 3


def _senses_named(
    meanings: list[str],
    lemmas: dict[str, list[str]],
    asked: dict[str, set[str]],
    ancestors: Callable[[str], frozenset[str]],
) -> dict[str, set[str]]:
    """For each asked noun, the senses of a kind of it that a verb's definitions name ("perform music on (a musical
    instrument)" names musical_instrument.n.01, a kind of instrument.n.01): the verb asks for that kind where the
    question asks the noun with it ("What instrument does Clara play?"). The longest noun at each place is read, in
    its first sense."""
    named: dict[str, set[str]] = {}
    for meaning in meanings:
        said = re.findall(r"[a-z]+", " ".join(re.findall(r"\(([^()]*)\)", meaning)))
        at = 0
        while at < len(said):
            size = next(
                (size for size in range(_LONGEST_COMPOUND, 0, -1) if "_".join(said[at : at + size]) in lemmas), 0
            )
            if not size:
                at += 1
                continue
            sense = lemmas["_".join(said[at : at + size])][0]  # "piece" is a gun in a sense "(a card or piece)" lacks
            for above in ancestors(sense) | {sense}:
                for noun in asked.get(above, ()):
                    named.setdefault(noun, set()).add(sense)
            at += size
    return named


def _doers(
    synsets: dict[str, Synset],
    verb_senses: list[str],
    kinds: set[str],
    ancestors: Callable[[str], frozenset[str]],
    every_sense: dict[str, list[str]],
) -> list[str]:
    """The nouns for one who does the verb with one of the kinds: words whose first sense is a kind of a person the
    verb's senses (those whose definition names the noun asked: "play on an instrument") are derived to ("musician")
    and derived from a word of the kinds ("cellist" from "cello", "drummer" from "drum"), written in lower case."""
    doing = {
        target
        for sense in verb_senses
        for symbol, target, _ in synsets[sense].pointers
        if symbol == "+" and target.startswith("noun:") and PERSON in ancestors(target)
    }
    found = []
    for word, senses in every_sense.items():
        first = senses[0]
        if word not in synsets[first].written or not doing & (ancestors(first) | {first}):
            continue
        derived = {target for symbol, target, _ in synsets[first].pointers if symbol == "+"}
        if any(kinds.intersection(synsets[target].words) for target in derived):
            found.append(word)
    return sorted(found)


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


def _by_nouns(kinds: dict[str, list[str]]) -> list[tuple[list[str], list[str]]]:
    """The words of `kinds` grouped by the nouns each is a kind of, so that each is written once: "animal",
    "creature" and "beast" share 1,896 kinds, which a line per noun wrote three times."""
    nouns_of: dict[str, list[str]] = {}
    for noun, words in kinds.items():
        for word in words:
            nouns_of.setdefault(word, []).append(noun)
    grouped: dict[tuple[str, ...], list[str]] = {}
    for word, nouns in nouns_of.items():
        grouped.setdefault(tuple(nouns), []).append(word)
    return sorted((list(nouns), sorted(words)) for nouns, words in grouped.items())


def main() -> None:
    args = wordnet_arguments(__doc__, OUTPUT)
    kinds = kind_words(args.wordnet)
    text = "\n".join(
        [
            "# Each word once, after the nouns it is a kind of, comma-separated: nouns whose first sense descends from",
            "# one of theirs; noun/verb: a kind where the verb asks the noun in one sense; noun/verb/doers: a noun for",
            f"# one who does the verb with one; {UNTAGGED}: a kind SemCor never tagged. From WordNet 3.0:",
            "# scripts/build_kind_words.py.",
            f"# {NOTICE}",
            *(f"{','.join(nouns)} {' '.join(words)}" for nouns, words in _by_nouns(kinds)),
        ]
    )
    text += "\n"
    write_or_check(args.output, text, args.check, f"{len(kinds):,} nouns")


if __name__ == "__main__":
    main()
