"""Names put into the command line's messages on one line: a story file may be called "new\\nline.md"."""

from __future__ import annotations

_LINE_BREAKS = {ord(character): repr(character)[1:-1] for character in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}
"""What str.splitlines() breaks a line at, as escapes: "\\n", "\\x85", "\\u2028"."""


def one_line(name: str) -> str:
    """A file name (or other name) as it is put into a message: its line breaks and other separators shown as
    escapes, so that "new\\nline.md" stays on the line that names it and cannot start one of its own (a fake
    "storybot: warning:"). printable() keeps line ends, which whole messages need."""
    return name.translate(_LINE_BREAKS)
