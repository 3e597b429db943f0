"""Derives bot/core/study_words.txt from WordNet 3.0: the words for a place of study and for one who teaches.

    apt-get install wordnet-base && .venv/bin/python scripts/build_study_words.py [--wordnet DIR] [--check]

"Where did Sébastien study?" is answered by the sentence naming her and a place of study of hers, "a coveted spot at
the prestigious Moscow Conservatory"; "Who taught Sébastien?" by one naming a teacher of hers, "hiring private tutors
to help her" (bot.core.study_asked). A word counts where its first noun sense (the most used) descends, by hyponymy
and not by instance (no named person: "Montessori"), from one of ROOTS: an educational institution or a school of
one ("academy", "conservatory", "seminary"), or an educator or a coach ("tutor", "governess", "coach"), and
"institute" and "mentor" themselves (ALONE). Single words only, which a story writes as one ("art school" ends in
"school"). WordNet is Princeton's, under the WordNet 3.0 licence, whose notice the file carries; nothing of it is
needed at run time.
"""

from __future__ import annotations

from pathlib import Path

from build_person_nouns import word_senses
from build_related_words import (
    NOTICE,
    Synset,
    reachable,
    read_senses,
    read_synsets,
    tagged_counts,
    wordnet_arguments,
    write_or_check,
)

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "bot" / "core" / "study_words.txt"
ROOTS = {
    "school": ("educational_institution", "school", "university", "college"),
    "teacher": ("educator", "coach"),
}
"""Each line's first word and the words whose senses its words' descend from."""
ALONE = {"school": ("institute",), "teacher": ("mentor",)}
"""Words of a line whose kinds are none of its words: a mentor's are sages and mahatmas; an institute, first an
association, is where one studies in "the Massachusetts Institute of Technology"."""
ARTIFACTS = 6
"""noun.artifact's lexicographer file: a teacher word with a sense there names a thing too ("coach", a carriage)."""
HYPONYMS = ("~",)
"""Kinds, not instances: "Montessori" is an educator's name."""


def study_words(folder: Path) -> dict[str, list[str]]:
    """Each line's single words: of a word SemCor tagged, its first sense a root's first sense or below it (not
    "master", first a maestro; not "gymnasium", first a gym), and tagged as a noun more often than as an adjective
    (not "academic", which mostly describes a career or a record); of a word it never tagged, every sense of the kind
    of thing its senses under the roots name, by lexicographer file ("mentor"; "conservatory", a school, whatever
    its greenhouse; not "handler", an animal trainer too, nor "chancellor", a prime minister too); none WordNet
    writes capitalised ("Cyril", "Bahai": a saint's name, a believer)."""
    synsets: dict[str, Synset] = read_synsets(folder)
    senses = word_senses(folder, "noun", compounds=True)
    tagged = {
        word: [sense for sense in found if sense.startswith("noun:")] for word, found in read_senses(folder).items()
    }
    as_nouns = tagged_counts(folder, "1")[0]
    as_adjectives = tagged_counts(folder, "3")[0] + tagged_counts(folder, "5")[0]  # satellites are adjectives too
    lines = {}
    for line, roots in ROOTS.items():
        starts = {senses[root][0] for root in roots}
        below = starts | reachable(synsets, starts, HYPONYMS, 12) | {senses[word][0] for word in ALONE.get(line, ())}
        lines[line] = sorted(
            word
            for word, found in senses.items()
            if word.isalpha()
            and as_nouns[word] >= as_adjectives[word]
            and not any(_capitalised(synsets[sense], word) for sense in found)
            and (below.issuperset(tagged[word][:1]) if tagged.get(word) else _each_of_its_kind(synsets, found, below))
        )
    lines["thing"] = [
        word
        for word in lines["teacher"]
        if any(synsets[sense].lexicographer_file == ARTIFACTS for sense in senses[word])
    ]
    return lines


def _capitalised(synset: Synset, word: str) -> bool:
    """Whether the synset writes the word with a capital: a name ("Cyril") or a believer ("Bahai")."""
    return any(written != word and written.lower() == word for written in synset.written)


def _each_of_its_kind(synsets: dict[str, Synset], senses: list[str], below: set[str]) -> bool:
    """Whether some of the senses are below the roots, and every sense of the lexicographer files of those is."""
    files = {synsets[sense].lexicographer_file for sense in senses if sense in below}
    return bool(files) and all(sense in below for sense in senses if synsets[sense].lexicographer_file in files)


def main() -> None:
    args = wordnet_arguments(__doc__, OUTPUT)
    lines = study_words(args.wordnet)
    text = "\n".join(
        [
            "# A place of study, then one who teaches: words whose first noun sense descends from WordNet 3.0's",
            "# educational institution, school, university or college, or its educator or coach, and institute and",
            "# mentor; then those of the teacher's",
            "# words that name a made thing too (a coach, a carriage). scripts/build_study_words.py.",
            f"# {NOTICE}",
            *(" ".join(words) for words in lines.values()),
        ]
    )
    write_or_check(
        args.output, text + "\n", args.check, ", ".join(f"{len(w)} {line} words" for line, w in lines.items())
    )


if __name__ == "__main__":
    main()
