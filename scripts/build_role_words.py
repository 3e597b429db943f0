"""Derives bot/core/role_words.txt from WordNet 3.0: each word for a kind of person, its synonyms, narrower words.

    apt-get install wordnet-base && .venv/bin/python scripts/build_role_words.py [--wordnet DIR] [--check]

"Who is the prosecutor?" of a story saying "district attorney Craig Mollenhauer": the role rule reads a role by the
words a story may call it by. related_words.txt's are every sense's, up and down, as stems, and their wrong senses
read the wrong person ("doctor", a Doctor of the Church: a theologian; "boss"'s "hirer", cut to "hire"). These are
of the word's first sense only (WordNet lists its most used first), for the nouns whose first sense is a kind of person
(build_person_nouns.person_nouns): its synonyms, and the words of the senses one step narrower (no instances: those
are named people, "Butler" for a writer), each only where that sense is its own first one and its only one for a
person ("physician", not "theologian", nor "skipper" for a student), and written in lower case (no "MD", "Dr.").
Dictionary forms, compounds with spaces as "_".
WordNet is Princeton's, under the WordNet 3.0 licence, whose notice the file carries.
"""

from __future__ import annotations

from pathlib import Path

from build_person_nouns import person_nouns, word_senses
from build_related_words import NOTICE, Synset, read_synsets, wordnet_arguments, write_or_check

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "bot" / "core" / "role_words.txt"
NARROWER = "~"
"""A sense's hyponyms; "~i", its instances, are left out."""
PERSON_FILE = 18
"""WordNet's lexicographer file noun.person."""


def role_words(folder: Path) -> list[tuple[str, list[str], list[str]]]:
    """(word, its synonyms, its narrower words), for each word for a kind of person that has either."""
    synsets = read_synsets(folder)
    senses = word_senses(folder, "noun", compounds=True)
    people = set(person_nouns(folder))

    def own(sense: str) -> list[str]:
        """The words whose first sense `sense` is, and their only sense for a person ("skipper", a student who skips
        classes first, is a boat's captain too), written in lower case; single words only if words for people."""
        synset: Synset = synsets[sense]
        return [
            word
            for word, written in zip(synset.words, synset.written, strict=True)
            if written == word
            and senses.get(word, [""])[0] == sense
            and [other for other in senses[word] if synsets[other].lexicographer_file == PERSON_FILE] == [sense]
            and ("_" in word or word in people)
        ]

    rows = []
    for word in sorted(people):
        sense = senses[word][0]
        synonyms = [other for other in own(sense) if other != word]
        narrower = sorted(
            {kind for symbol, target, _ in synsets[sense].pointers if symbol == NARROWER for kind in own(target)}
        )
        if synonyms or narrower:
            rows.append((word, synonyms, narrower))
    return rows


def main() -> None:
    args = wordnet_arguments(__doc__, OUTPUT)
    rows = role_words(args.wordnet)
    text = "\n".join(
        [
            "# Words for a kind of person: word, synonyms, narrower words (first senses), from WordNet 3.0:"
            " scripts/build_role_words.py.",
            f"# {NOTICE}",
            *(f"{word}\t{' '.join(synonyms)}\t{' '.join(narrower)}" for word, synonyms, narrower in rows),
        ]
    )
    text += "\n"
    write_or_check(args.output, text, args.check, f"{len(rows):,} words")


if __name__ == "__main__":
    main()
