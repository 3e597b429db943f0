"""Words the analysis reads as another form of the same word, from two lists beside this file, each written by a
script (which says how) and carrying its source's licence notice:

- `spelling_variants.txt` (scripts/build_spelling_variants.py, from breame): British spellings as American ones, so
  a story's "colour" and "litres" meet a question's "color" and "liters";
- `verb_forms.txt` (scripts/build_verb_forms.py, from WordNet): irregular verb forms the lemmatizer keeps as words of
  their own, as their verb, so the story's "the king felt" meets "How did the king feel?".
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources

SPELLING_VARIANTS_FILE = "spelling_variants.txt"
VERB_FORMS_FILE = "verb_forms.txt"


def parse_word_forms(text: str) -> dict[str, str]:
    """The file's lines: a word and the form it is read as, tab-separated; `#` starts a comment line."""
    pairs = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {word: form for word, form in pairs}


def _bundled(name: str) -> dict[str, str]:
    return parse_word_forms(_text(name))


def _text(name: str) -> str:
    return resources.files("bot.core").joinpath(name).read_text("utf-8")


@cache
def word_forms_digest() -> str:
    """A fingerprint of both lists, in the analyser's signature: a saved index built with other lists is rebuilt."""
    digest = hashlib.sha256()
    for name in (SPELLING_VARIANTS_FILE, VERB_FORMS_FILE):
        digest.update(_text(name).encode("utf-8"))
    return digest.hexdigest()[:16]


@cache
def american_spellings() -> dict[str, str]:
    """Each British spelling's American one, by the folded word."""
    return _bundled(SPELLING_VARIANTS_FILE)


@cache
def verbs_of_forms() -> dict[str, str]:
    """Each irregular form's verb ("felt" -> "feel"), by the folded word."""
    return _bundled(VERB_FORMS_FILE)
