"""Derives bot/core/adverbs.txt from WordNet 3.0: the words English uses mostly as adverbs.

    apt-get install wordnet-base && .venv/bin/python scripts/build_adverbs.py [--wordnet DIR] [--check]

Plot summaries open sentences with an adverb before a name: "Later Martha walked to the village. Meanwhile Martha
counted the eggs. Then Martha slept. Martha woke at dawn." The people finder read "Later Martha" and "Meanwhile
Martha" as names of two words, so Martha was said twice, and no one; it left out only a word the story also writes
in lowercase, or one in "-ly" ("Finally Kung"). This file holds the single words WordNet has as adverbs whose senses
are tagged in SemCor (cntlist.rev) more often as adverbs than as anything else ("later": 125 against 19 as an
adjective; "meanwhile", "soon", "still", "instead"), and the untagged ones it has as nothing but adverbs ("aback",
"afresh"): not "little", "old", "poor", "private", "home", "long" or "first", mostly adjectives or nouns, which open
names ("Little John", "Old Tom", "Long John Silver").
WordNet is Princeton's, under the WordNet 3.0 licence, whose notice the file carries; nothing of it is needed at run
time.
"""

from __future__ import annotations

from pathlib import Path

from build_related_words import NOTICE, PARTS_OF_SPEECH, tagged_counts, wordnet_arguments, write_or_check

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "bot" / "core" / "adverbs.txt"
ADVERB = "4"
"""SemCor's sense keys' part of speech of an adverb (1 noun, 2 verb, 3 adjective, 5 adjective satellite)."""


def adverbs(folder: Path) -> list[str]:
    """The single words of index.adv tagged as adverbs more often than as anything else, or tagged never and in no
    other index, sorted."""
    adverb, other = tagged_counts(folder, ADVERB)
    indexed: dict[str, set[str]] = {}
    for pos in PARTS_OF_SPEECH:
        for line in (folder / f"index.{pos}").read_text("utf-8").splitlines():
            if not line.startswith(" "):  # the licence at the top
                indexed.setdefault(line.split()[0], set()).add(pos)
    return sorted(
        word
        for word, parts in indexed.items()
        if "adv" in parts
        and "_" not in word
        and (adverb[word] > other[word] or (not adverb[word] and not other[word] and parts == {"adv"}))
    )


def main() -> None:
    args = wordnet_arguments(__doc__, OUTPUT)
    words = adverbs(args.wordnet)
    lines = [
        "# Words WordNet 3.0 has as adverbs, tagged in SemCor more often as adverbs than as anything else (or",
        '# never, and nothing else): "later", "meanwhile", "soon". One opening a sentence before a name is no',
        '# word of the name ("Later Martha" is Martha). scripts/build_adverbs.py writes it.',
        f"# {NOTICE}",
        *words,
    ]
    write_or_check(args.output, "\n".join(lines) + "\n", args.check, f"{len(words):,} adverbs")


if __name__ == "__main__":
    main()
