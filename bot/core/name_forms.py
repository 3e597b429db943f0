"""File names as a person's systems take them: one file whatever its case, and whatever Unicode form its accents are
written in. macOS writes "Café.md" decomposed (NFD: "e" then a combining acute), Windows and Linux composed (NFC: "é"),
and Windows and macOS take "café.md" and "Café.md" for one file: a story saved on one and uploaded again from the other
must replace the first, not stand beside it as a second story alike in every word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_UNSAFE_BEFORE = re.compile(r"[^\w.\- ]+")
"""What an upload's name could not hold in storybot 0.2.0 and older, before apostrophes, parentheses, commas, "&"
and "!" were kept (bot.core.shelf's _UNSAFE): each run of it was written as a dash."""


def name_key(name: str) -> str:
    """What two names that are one file share: Unicode's canonical caseless form (NFD, case folded, NFD again: folding
    can undo a composition), made NFC to keep it short, whose own first step is that second NFD. Only compared, never
    stored or shown: a name is stored as the person gave it (an upload's, already NFKC: bot.core.shelf.safe_file_name),
    and a story named so before, in another form, keeps its name when it is replaced
    (bot.state.shelf_rules.named_in_another_form). Linear in the name."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", name).casefold())


def upload_name_before(name: str) -> str:
    """An upload's name (bot.core.shelf.safe_file_name) as an older storybot wrote it: "Grandma's Kitchen.txt" was
    stored as "Grandma-s Kitchen.txt". Linear in the name."""
    return _UNSAFE_BEFORE.sub("-", name).strip(" .-")


def one_file_named(name: str, names: Iterable[str]) -> str | None:
    """The one of `names` that is the file `name` in another form, which an upload named `name` replaces: the same
    name in another case or Unicode form, else the name an older storybot gave the same upload (upload_name_before:
    uploaded again, "Grandma's Kitchen.txt" replaces the "Grandma-s Kitchen.txt" stored then, rather than standing
    beside it as a second story alike in every word). None when `name` itself is among them, or none is. One pass."""
    wanted = name_key(name)
    before = name_key(upload_name_before(name))
    found = found_before = None
    for other in names:
        if other == name:
            return None
        key = name_key(other)
        if found is None and key == wanted:
            found = other
        elif found_before is None and key == before:
            found_before = other
    return found or found_before
