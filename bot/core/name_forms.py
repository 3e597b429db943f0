"""File names as a person's systems take them: one file whatever its case, and whatever Unicode form its accents are
written in. macOS writes "Café.md" decomposed (NFD: "e" then a combining acute), Windows and Linux composed (NFC: "é"),
and Windows and macOS take "café.md" and "Café.md" for one file: a story saved on one and uploaded again from the other
must replace the first, not stand beside it as a second story alike in every word.
"""

from __future__ import annotations

import unicodedata


def name_key(name: str) -> str:
    """What two names that are one file share: Unicode's canonical caseless form (NFD, case folded, NFD again: folding
    can undo a composition), made NFC to keep it short, whose own first step is that second NFD. Only compared, never
    stored or shown: a name is stored as the person gave it (an upload's, already NFKC: bot.core.shelf.safe_file_name),
    and a story named so before, in another form, keeps its name when it is replaced
    (bot.state.shelf_rules.named_in_another_form). Linear in the name."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", name).casefold())
