"""How many characters a PDF page's text operators show, counted as the operators come, before each runs.

A string shows one character a code, and a code is a byte in the simple fonts Latin text is set in, but two in the
composite fonts (Type0) word processors set other text in, with Identity-H or a UCS-2/UTF-16 CMap: counted in bytes,
such a page counted each character twice. Which font is current follows the content as a viewer does: Tf picks one
from the resources of the page, or of the form being drawn; q and Q save and restore it, as a form's Do does. Where
a code may take one byte or two (Shift-JIS and other legacy CMaps) each byte counts, never fewer than are shown.
The current font is kept for the page's other visitors too (pdf_accents.py measures its glyphs).
"""

from __future__ import annotations

from dataclasses import dataclass, field

_SHOWS_TEXT = frozenset((b"Tj", b"TJ", b"'", b'"'))
_FOLLOWED = frozenset((b"Tf", b"q", b"Q", b"Do"))
"""The operators that change which font shows text, besides those that show it."""
_TWO_BYTE_CMAPS = frozenset(("/Identity-H", "/Identity-V"))


def _resolved(value: object) -> object:
    get_object = getattr(value, "get_object", None)
    return get_object() if callable(get_object) else value


def _entry(dictionary: object, key: str) -> object:
    """dictionary[key], indirect references followed; None where it is no dictionary or has no such key."""
    dictionary = _resolved(dictionary)  # a page's resources may be an indirect reference
    return _resolved(dictionary.get(key)) if isinstance(dictionary, dict) else None


def _code_bytes(font: object) -> int:
    """Bytes a character code takes in this font dictionary."""
    if _entry(font, "/Subtype") != "/Type0":
        return 1
    cmap = _entry(font, "/Encoding")
    two = isinstance(cmap, str) and (cmap in _TWO_BYTE_CMAPS or "-UCS2-" in cmap or "-UTF16-" in cmap)
    return 2 if two else 1


@dataclass
class _Drawn:
    """A form being drawn: its resources, and the state to restore after it."""

    resources: object
    saved: int
    font: object


@dataclass
class ShownText:
    """The characters one page shows so far: `before` each operation, `after` each (pypdf's visitors' order)."""

    resources: object
    characters: int = 0
    font: object = None
    """The font dictionary text is shown in now (None before a Tf, or where the resources have no such font)."""
    _code_bytes: int = 1
    _saved: list[object] = field(default_factory=list)
    _forms: list[_Drawn] = field(default_factory=list)

    def before(self, operator: bytes, operands: list[object]) -> None:
        if operator in _SHOWS_TEXT:
            self.characters += self._shown(operator, operands)
        elif operator not in _FOLLOWED:
            return
        elif operator == b"Tf" and operands:
            self._set_font(_entry(_entry(self._resources, "/Font"), str(operands[0])))
        elif operator == b"q":
            self._saved.append(self.font)
        elif operator == b"Q" and self._saved:
            self._set_font(self._saved.pop())
        elif operator == b"Do":
            form = _entry(_entry(self._resources, "/XObject"), str(operands[0])) if operands else None
            inner = _entry(form, "/Resources")
            resources = inner if isinstance(inner, dict) else self._resources
            self._forms.append(_Drawn(resources, len(self._saved), self.font))

    def after(self, operator: bytes, operands: list[object], cm: object, tm: object) -> None:
        """After an operation, with pypdf's visitor's arguments: a form drawn is over."""
        if operator == b"Do" and self._forms:
            drawn = self._forms.pop()
            del self._saved[drawn.saved :]
            self._set_font(drawn.font)

    def _set_font(self, font: object) -> None:
        self.font = font
        self._code_bytes = _code_bytes(font)

    @property
    def _resources(self) -> object:
        return self._forms[-1].resources if self._forms else self.resources

    def _shown(self, operator: bytes, operands: list[object]) -> int:
        """Characters a text operator shows: Tj's string, TJ's array of strings, a code cut short as one."""
        shows = operands[0] if operator == b"TJ" and operands and isinstance(operands[0], list) else operands
        strings = (item for item in shows if isinstance(item, (str, bytes)))
        return sum(-(-len(string) // self._code_bytes) for string in strings)
