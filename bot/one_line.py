"""Names put into one line of a message or of the log, wherever they come from: a story file may be called
"new\\nline.md", and a Discord server, channel, person or upload may be named with any characters."""

from __future__ import annotations

_CONTROLS = [chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]]
"""C0 and C1 controls: line breaks, and a terminal's escapes ("\\x1b[1A" moves up a line)."""
_SEPARATORS = ["\u2028", "\u2029"]
"""The line and paragraph separators, which str.splitlines() breaks at too."""
_BIDI = ["\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))]
"""Bidirectional marks, embeddings, overrides and isolates: they reorder how the rest of a line reads."""
_ESCAPES = {ord(character): repr(character)[1:-1] for character in [*_CONTROLS, *_SEPARATORS, *_BIDI]}
"""Each as its escape: "\\n", "\\x1b", "\\x85", "\\u2028", "\\u202e"."""


def one_line(name: str) -> str:
    """A name as it is put into one line: its line breaks, other control characters and bidirectional
    controls shown as escapes, so that "new\\nline.md" stays on the line that names it and cannot start one of
    its own (a fake "storybot: warning:"), nor turn what follows it around. printable() keeps line ends,
    which whole messages need."""
    return name.translate(_ESCAPES)
