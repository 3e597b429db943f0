"""Where a story tells someone's other name, for "What is Lobo's real name?" and "whats iqbals nickname".

A plot brings a person in by one name and may tell another later, beside it: "It emerges that Lobo's real name is
Anthony Pereira", "a bus driver called Dai Lewis and nicknamed "Dai Bach"", "Gwen's real surname is Blackwood"; the
passages most like the question are those saying the name most. The first sentence naming the person with words
telling another name near it answers; the introduction answers where none does (bot.core.introductions), and a name
brought in with its nickname within it ('Iqbal "Bullet" Qureshi') is answered there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.person_forms import person_pattern
from bot.core.sentences import sentence_spans

OTHER_NAMES = ("nickname", "nick name", "real name", "true name", "birth name", "pen name", "stage name", "alias")
"""What a question asks of a name when it asks another one: "What is Lobo's real name?", "whats iqbals nickname"."""
_OTHER_NAME = re.compile(
    r"\b(?:real|true|birth|pen|stage|maiden)\s++(?:sur)?name|\bnick-?named\b|\bnicknames?\b|\bknown\s++as\b"
    r"|\balias\b|\bdubbed\b|\bpseudonym\b",
    re.IGNORECASE,
)
"""Words telling another name: "real name", "real surname", "nicknamed", "known as", "alias", "pseudonym"."""
_MOST_CHARS_APART = 30
"""How far back from the name words telling another name are looked for: "nicknamed" of 'nicknamed "Dai Bach"'."""
_MOST_CHARS_AFTER = 40
"""How far after the name such words may stand and still tell another name of theirs: "Lobo's real name is"."""
_MOST_CHARS_BEFORE = 3
"""How far before the name such words may end: "nicknamed Dai Bach", 'known as "Dai Bach"'."""


def other_name_told(texts: Sequence[str], name: str, others: Sequence[str] = ()) -> tuple[int, str] | None:
    """(which of `texts`, the sentence) first naming the person with words telling another name of theirs right
    before the name or soon after it in the same sentence (their forms as bot.core.person_forms knows them, those of
    `others`, the story's other people, left out); None where none does."""
    pattern = person_pattern(name, others)
    if pattern is None:
        return None
    for index, text in enumerate(texts):
        spans = sentence_spans(text) or [(0, len(text))]
        for found in pattern.finditer(text):
            start, end = next(((s, e) for s, e in spans if s <= found.start() < e), (0, len(text)))
            after = _OTHER_NAME.search(text, found.end(), min(end, found.end() + _MOST_CHARS_AFTER))
            before = _OTHER_NAME.search(text, max(start, found.start() - _MOST_CHARS_APART), found.start())
            if after is not None or (before is not None and found.start() - before.end() <= _MOST_CHARS_BEFORE):
                return index, text[start:end]
    return None
