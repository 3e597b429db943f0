"""Derives bot/core/study_words.txt from WordNet 3.0: the words for a place of study and for one who teaches.

    apt-get install wordnet-base && .venv/bin/python scripts/build_study_words.py [--wordnet DIR] [--check]

"Where did Sébastien study?" is answered by the sentence naming her and a place of study of hers, "a coveted spot at
the prestigious Moscow Conservatory"; "Who taught Sébastien?" by one naming a teacher of hers, "hiring private tutors
to help her" (bot.core.study_asked). A word counts where its first noun sense (the most used) descends, by hyponymy
and not by instance (no named person: "Montessori"), from one of ROOTS: an educational institution or a school of
one ("academy", "conservatory", "seminary"), or an educator, a mentor or a trainer ("tutor", "governess", "coach").
Single words only, which a story writes as one ("art school" ends in "school"). WordNet is Princeton's, under the
WordNet 3.0 licence, whose notice the file carries; nothing of it is needed at run time.
"""

from __future__ import annotations

from pathlib import Path

from build_related_words import (
    NOTICE,
    Synset,
    reachable,
    read_senses,
    read_synsets,
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
ALONE = {"teacher": ("mentor",)}
"""Words of a line whose kinds are none of its words: a mentor's are sages and mahatmas."""
HYPONYMS = ("~",)
"""Kinds, not instances: "Montessori" is an educator's name."""


def noun_senses(folder: Path) -> dict[str, list[str]]:
    """Each word's noun senses, tagged or not, most used first, by "noun:offset" ("educational_institution" too)."""
    found: dict[str, list[str]] = {}
    for line in (folder / "index.noun").read_text("utf-8").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        word, sense_count, pointer_count = fields[0], int(fields[2]), int(fields[3])
        found[word] = [f"noun:{offset}" for offset in fields[6 + pointer_count :][:sense_count]]
    return found


def study_words(folder: Path) -> dict[str, list[str]]:
    """Each line's single words: of a word SemCor tagged, its first sense a root's first sense or below it (not
    "master", first a maestro; not "gymnasium", first a gym); of a word it never tagged, any sense ("conservatory",
    first a greenhouse, is a school of music too; "mentor")."""
    synsets: dict[str, Synset] = read_synsets(folder)
    senses = noun_senses(folder)
    tagged = {
        word: [sense for sense in found if sense.startswith("noun:")] for word, found in read_senses(folder).items()
    }
    lines = {}
    for line, roots in ROOTS.items():
        starts = {senses[root][0] for root in roots}
        below = starts | reachable(synsets, starts, HYPONYMS, 12) | {senses[word][0] for word in ALONE.get(line, ())}
        lines[line] = sorted(
            word
            for word, found in senses.items()
            if word.isalpha()
            and (below.issuperset(tagged[word][:1]) if tagged.get(word) else below.intersection(found))
        )
    return lines


def main() -> None:
    args = wordnet_arguments(__doc__, OUTPUT)
    lines = study_words(args.wordnet)
    text = "\n".join(
        [
            "# A place of study, then one who teaches: words whose first noun sense descends from WordNet 3.0's",
            "# educational institution or school, or its educator, mentor or trainer. scripts/build_study_words.py.",
            f"# {NOTICE}",
            *(" ".join(words) for words in lines.values()),
        ]
    )
    write_or_check(
        args.output, text + "\n", args.check, ", ".join(f"{len(w)} {line} words" for line, w in lines.items())
    )


if __name__ == "__main__":
    main()
