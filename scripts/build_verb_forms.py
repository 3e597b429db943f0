"""Derives bot/core/verb_forms.txt from WordNet 3.0: irregular verb forms the lemmatizer reads as words of their own.

    apt-get install wordnet-base && .venv/bin/python scripts/build_verb_forms.py [--wordnet /usr/share/wordnet]

simplemma gives "felt", "won", "broke" and "shook" as their own lemmas (felt the cloth, the won of Korea), so a
question's "How did the king feel?" never met the story's "the king felt". WordNet lists every irregular form with
its verb (`verb.exc`). A form is read as its verb when the lemmatizer keeps it as it is, and its own senses (as a
noun, an adjective or a verb of its own) are tagged in SemCor at most one time in MOST_OWN_SHARE as often as its
verb's: "felt" (once, against "feel"'s 534), "won" (0 against 115). Forms that are words in their own right as well
stay as they are: "left" (75 against "leave"'s 414), "thought", "shot", "ground", "wound", "rose", "born" (which
would have met "bear", the animal). WordNet is Princeton's, under the WordNet 3.0 licence, whose notice the file
carries; nothing of it is needed at run time.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import simplemma
from build_related_words import NOTICE, tagged_counts

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "bot" / "core" / "verb_forms.txt"
MOST_OWN_SHARE = 20
"""A form's own senses may be tagged at most 1/MOST_OWN_SHARE as often as its verb's."""
VERB = "2"
"""SemCor's sense keys' part of speech of a verb (1 noun, 3 adjective, 4 adverb, 5 adjective satellite)."""


def verb_forms(folder: Path) -> list[tuple[str, str]]:
    """(form, verb) of every irregular form read as its verb, sorted."""
    verb, other = tagged_counts(folder, VERB)
    found = set()
    for line in (folder / "verb.exc").read_text("utf-8").splitlines():
        form, base = line.split()[:2]
        if not form.isalpha() or form == base or simplemma.lemmatize(form, lang="en") != form:
            continue  # a phrase ("bogged_down"), or a form the lemmatizer reads as its verb already
        own = other[form] + verb[form]
        if verb[base] and own * MOST_OWN_SHARE <= verb[base]:
            found.add((form, base))
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"), help="WordNet 3.0's dict folder")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    pairs = verb_forms(args.wordnet)
    lines = [
        "# Irregular verb forms read as their verb, from WordNet 3.0 by scripts/build_verb_forms.py: form, verb.",
        f"# {NOTICE}",
        *(f"{form}\t{base}" for form, base in pairs),
    ]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.output}: {len(pairs):,} forms")


if __name__ == "__main__":
    main()
