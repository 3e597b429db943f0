"""Derives bot/core/plain_verbs.txt from WordNet 3.0: verbs whose plain form is no past tense, mostly used as verbs.

    apt-get install wordnet-base && .venv/bin/python scripts/build_plain_verbs.py [--wordnet DIR] [--check]

A match report writes its clubs as the many they are: "Harrowgate receive prize money of £15,000; Millbrook take
home £6,000." A person's name opening a sentence takes a verb's "-s" ("Martha takes") or its past ("Martha took"),
never the plain form, so a name followed by one there is a team, a company or a people, not someone. This file
holds the single words of index.verb that SemCor (cntlist.rev) tags as verbs more often than as anything else
("take", "receive", "play"; not "home", "face", "manager"), less any irregular form of a verb (verb.exc: "saw",
"lay", "fell", "bore" are the pasts of "see", "lie", "fall", "bear") and any ending in "t" or "d", which English's
verbs whose past is their plain form all do ("put", "set", "cut", "let", "read", "spread"): "Ribby put the pie into
the oven" is Ribby's. WordNet is Princeton's, under the WordNet 3.0 licence, whose notice the file carries; nothing of
it is needed at run time.
"""

from __future__ import annotations

from pathlib import Path

from build_related_words import NOTICE, tagged_counts, wordnet_arguments, write_or_check

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "bot" / "core" / "plain_verbs.txt"
VERB = "2"
"""SemCor's sense keys' part of speech of a verb (1 noun, 3 adjective, 4 adverb, 5 adjective satellite)."""
SAME_PAST_ENDINGS = ("t", "d")
"""How every verb whose past is its plain form ends ("put", "hit", "read", "shed"): such a word may be a past."""


def plain_verbs(folder: Path) -> list[str]:
    """The single words of index.verb, letters only, tagged as verbs more often than as anything else, that are no
    irregular form of a verb and do not end as a verb whose past is its plain form does, sorted."""
    verb, other = tagged_counts(folder, VERB)
    forms = {line.split()[0] for line in (folder / "verb.exc").read_text("utf-8").splitlines()}
    words = (line.split()[0] for line in (folder / "index.verb").read_text("utf-8").splitlines())
    return sorted(
        word
        for word in words
        if word.isalpha() and verb[word] > other[word] and word not in forms and not word.endswith(SAME_PAST_ENDINGS)
    )


def main() -> None:
    args = wordnet_arguments(__doc__, OUTPUT)
    words = plain_verbs(args.wordnet)
    lines = [
        "# Verbs WordNet 3.0 has whose plain form is no past tense, tagged in SemCor more often as verbs than as",
        '# anything else: "take", "receive", "play". A name opening a sentence before one is many, not someone',
        '# ("Millbrook take home £6,000"). scripts/build_plain_verbs.py writes it.',
        f"# {NOTICE}",
        *words,
    ]
    write_or_check(args.output, "\n".join(lines) + "\n", args.check, f"{len(words):,} verbs")


if __name__ == "__main__":
    main()
