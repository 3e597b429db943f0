"""JSON written one record a line (`ask --json`, `feedback export`), a line as every reader of lines sees it."""

from __future__ import annotations

import json

_LINE_ENDS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})
"""What json.dumps leaves as it is in a string, though Python's str.splitlines (and JavaScript before ES2019) ends a
line there: a reader's question holding U+2028 (pasted from a web page) split its record in two, and `eval
--questions` refused the exported file."""


def json_line(data: object) -> str:
    """`data` as JSON on one line, UTF-8's characters as they are but for the line ends above, escaped."""
    return json.dumps(data, ensure_ascii=False).translate(_LINE_ENDS)
