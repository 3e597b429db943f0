"""Derives bot/core/related_words.txt from WordNet 3.0: for each common English word, the words it is related to.

    apt-get install wordnet-base && .venv/bin/python scripts/build_related_words.py [--wordnet /usr/share/wordnet]

A question says "taught" where the story says "tutors", "music" where it says "musician": the
`related` re-ranking signal counts such words, and this file says which they are. Two kinds, each a
column of the file, so the fit can weigh them apart:

- close: the word's synonyms and the words derived from it or it from them, also those of its
  synonyms ("instructor" from "instruct", which WordNet puts with "teach");
- kind: one step up or down its kinds ("tutor" is a kind of "teacher", "dancer" of "performer").
  Two or three steps down ("instrument" to "violin") were measured too: no better, and a larger file.

Only the senses people use are followed: those tagged in WordNet's sense-tagged corpus (SemCor);
and only words tagged there at least once count, on either side (about 17,000 words), which leaves
rare senses and rare words out and keeps the file small (every sense cost val hit@1: docs/ranking.md).
Words are stored as the bot's index terms (lemma, then Snowball stem), so the signal compares them directly.
WordNet is Princeton's, under the WordNet 3.0 licence, whose notice the file carries.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.analysis import Analyzer

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "bot" / "core" / "related_words.txt"
PARTS_OF_SPEECH = ("noun", "verb", "adj", "adv")
UP = ("@", "@i")
DOWN = ("~", "~i")
DERIVED = ("+", "\\", "<")
"""Derivationally related forms, adjectives' stems ("pertains to") and participles."""
NOTICE = (
    "WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. "
    'THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR '
    "WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO "
    "REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE "
    "OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, "
    "COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS. "
    "The name of Princeton University or Princeton may not be used in advertising or publicity pertaining to "
    "distribution of the software and/or database. Title to copyright in this software, database and any "
    "associated documentation shall at all times remain with Princeton University and LICENSEE agrees to "
    "preserve same."
)


@dataclass
class Synset:
    words: list[str]
    written: list[str]
    """The words as WordNet writes them, capitalised or not ("Paris", "paris"): words lowercases them."""
    lexicographer_file: int
    """Its lexicographer file's number: 18 is noun.person, 14 noun.group."""
    pointers: list[tuple[str, str, int]] = field(default_factory=list)
    """(symbol, target synset, source word number: 0 for the whole synset, else 1-based)."""
    gloss: str = ""
    """Its definition and examples: "perform music on (a musical instrument); \"He plays the flute\""."""


def read_synsets(folder: Path) -> dict[str, Synset]:
    """Every synset of the data.* files, by "pos:offset"."""
    synsets: dict[str, Synset] = {}
    for pos in PARTS_OF_SPEECH:
        for line in (folder / f"data.{pos}").read_text("utf-8").splitlines():
            if line.startswith(" "):
                continue  # the licence at the top
            data, _, gloss = line.partition(" | ")
            fields = data.split()
            offset, count = fields[0], int(fields[3], 16)
            written = [fields[4 + 2 * i] for i in range(count)]
            written = [w[: w.index("(")] if "(" in w else w for w in written]  # "Jewish(p)": a marker of position
            at = 4 + 2 * count
            synset = Synset([w.lower() for w in written], written, int(fields[1]), gloss=gloss)
            for i in range(int(fields[at])):
                symbol, target, target_pos, numbers = fields[at + 1 + 4 * i : at + 5 + 4 * i]
                synset.pointers.append((symbol, f"{_pos(target_pos)}:{target}", int(numbers[:2], 16)))
            synsets[f"{pos}:{offset}"] = synset
    return synsets


def tagged_counts(folder: Path, part: str) -> tuple[Counter[str], Counter[str]]:
    """(each word's SemCor tags as the part of speech `part`, its tags as anything else), from `cntlist.rev`'s sense
    keys, whose part of speech is a digit: 1 noun, 2 verb, 3 adjective, 4 adverb, 5 adjective satellite."""
    wanted: Counter[str] = Counter()
    other: Counter[str] = Counter()
    for line in (folder / "cntlist.rev").read_text("utf-8").splitlines():
        key, _, count = line.split()
        word, sense = key.split("%")
        (wanted if sense.split(":")[0] == part else other)[word] += int(count)
    return wanted, other


def wordnet_arguments(doc: str, output: Path) -> argparse.Namespace:
    """The options of a script that derives `output` from WordNet and can --check it: its dict folder, the file
    written, and whether to write nothing but fail unless the file holds what it would write (write_or_check)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"), help="WordNet 3.0's dict folder")
    parser.add_argument("--output", type=Path, default=output)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file differs from what would be written")
    return parser.parse_args()


def write_or_check(output: Path, text: str, check: bool, written: str) -> None:
    """Writes a derived file, saying `written` of it ("11,843 names"); with `check`, writes nothing and exits 1
    unless the file already holds `text`."""
    if check:
        same = output.read_text("utf-8") == text
        print(f"{output}: {'holds' if same else 'differs'}")
        sys.exit(0 if same else 1)
    output.write_text(text, encoding="utf-8")
    print(f"wrote {output}: {written}, {output.stat().st_size:,} bytes")


def _pos(letter: str) -> str:
    return {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}[letter]


def read_senses(folder: Path) -> dict[str, list[str]]:
    """Each single word's senses people use: its SemCor-tagged ones (WordNet lists them first), per part
    of speech; words never tagged are left out."""
    senses: dict[str, list[str]] = {}
    for pos in PARTS_OF_SPEECH:
        for line in (folder / f"index.{pos}").read_text("utf-8").splitlines():
            if line.startswith(" "):
                continue
            fields = line.split()
            word, pointer_count = fields[0], int(fields[3])
            tagged = int(fields[5 + pointer_count])
            if tagged and word.isalpha():
                offsets = fields[6 + pointer_count :][:tagged]
                senses.setdefault(word, []).extend(f"{pos}:{o}" for o in offsets)
    return senses


def reachable(synsets: dict[str, Synset], start: Iterable[str], symbols: tuple[str, ...], depth: int) -> set[str]:
    """The synsets `depth` steps or fewer from `start` along pointers of these kinds (start excluded)."""
    found: set[str] = set()
    frontier = set(start)
    for _ in range(depth):
        frontier = {t for s in frontier for symbol, t, _ in synsets[s].pointers if symbol in symbols} - found
        found |= frontier
    return found


def relatives(senses: list[str], synsets: dict[str, Synset]) -> tuple[set[str], set[str]]:
    """(close, kind) words of a word's senses, as WordNet spells them."""
    # "Instructor" is derived from "instruct", which is a synonym of "teach": derived forms of synonyms too.
    near = set(senses) | {t for s in senses for symbol, t, _ in synsets[s].pointers if symbol in DERIVED}
    kinds = reachable(synsets, senses, UP + DOWN, 1) - near
    return _words(near, synsets), _words(kinds, synsets)


def _words(found: set[str], synsets: dict[str, Synset]) -> set[str]:
    return {w for s in found for w in synsets[s].words}


def related_terms(folder: Path, analyzer: Analyzer) -> Iterator[tuple[str, list[str], list[str]]]:
    """(term, close terms, kind terms) for each term of a common word, relatives common words too."""
    synsets, senses = read_synsets(folder), read_senses(folder)
    common = set(senses)
    by_term: dict[str, tuple[set[str], set[str]]] = {}
    for word, word_senses in senses.items():
        term = analyzer.term(word)
        if term is None:
            continue
        close, kind = relatives(word_senses, synsets)
        close_terms, kind_terms = by_term.setdefault(term, (set(), set()))
        close_terms |= _terms(close & common, analyzer) - {term}
        kind_terms |= _terms(kind & common, analyzer) - {term}
    for term, (close, kind) in sorted(by_term.items()):
        kind -= close
        if close or kind:
            yield term, sorted(close), sorted(kind)


def _terms(words: Iterable[str], analyzer: Analyzer) -> set[str]:
    return {t for w in words if (t := analyzer.term(w)) is not None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"), help="WordNet 3.0's dict folder")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    lines = [
        "# Related words, derived from WordNet 3.0 by scripts/build_related_words.py: term, close terms, kind terms.",
        f"# {NOTICE}",
    ]
    rows = list(related_terms(args.wordnet, Analyzer()))
    lines += [f"{term}\t{' '.join(close)}\t{' '.join(kind)}" for term, close, kind in rows]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pairs = sum(len(c) + len(k) for _, c, k in rows)
    print(f"wrote {args.output}: {len(rows):,} terms, {pairs:,} related pairs, {args.output.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
