"""Markdown's inline markup (links, images, emphasis, HTML comments and tags, character references) taken out of a
text in one pass.

Regular expressions such as `!?\\[([^\\]\\n]*)\\]\\(...\\)` or `(\\*|_)(.+?)\\1` rescan the rest of a line
from every `[` or `*` that does not close, which is quadratic in the line's length (16 KB of `[` took
1.6 s; 400 KB never finished). Here each "where is the next closer" question is answered from a
cursor that only moves forward, so a text costs one pass per kind of marker, however it is made.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from html import unescape

EMPHASIS_MARKERS = ("**", "__", "*", "_")
"""Tried in this order at each position, so `**strong**` is not read as `*` around `*strong*`."""
MARKS = ("~~", "==")
"""Strikethrough (GitHub's, pandoc's: `~~walked~~`) and highlight (Obsidian's, Typora's, iA Writer's: `==never==`),
taken out before emphasis, so that either may stand within the other (`*He ~~walked~~*`): their text is kept, as what
the writer wrote, and their marks were read."""
UNDERSCORES = ("__", "_")
"""Plain text's italics, as Project Gutenberg sets them ("_It cracked._"); its stars are text."""


class _NextFound:
    """The first position at or after a given one where `accept` holds for `marker`, asked with
    positions that never go down: each part of the text is searched at most once."""

    def __init__(self, text: str, marker: str, accept: _Acceptor):
        self.text, self.marker, self.accept = text, marker, accept
        self.found = -2  # -2: nothing asked yet; -1: none after `searched`
        self.searched = 0

    def at_or_after(self, start: int) -> int:
        if self.found >= start or (self.found == -1 and start >= self.searched):
            return self.found
        self.searched = start
        position = self.text.find(self.marker, start)
        while position >= 0 and not self.accept(self.text, position, self.marker):
            position = self.text.find(self.marker, position + 1)
        self.found = position
        return position


class _Acceptor:
    def __call__(self, text: str, position: int, marker: str) -> bool:
        return True


class _EmphasisCloser(_Acceptor):
    """A closer has a non-space before it and no word character after it."""

    def __call__(self, text: str, position: int, marker: str) -> bool:
        after = position + len(marker)
        return not text[position - 1].isspace() and (after == len(text) or not _is_word(text[after]))


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def without_links(text: str, labels: Collection[str] = frozenset()) -> str:
    """`[label](target)` and `![alt](image)` become their label; so do the reference links `[text][ref]`, `[text][]`
    and `[text]` where `labels` (link_label's) holds the reference, as the story defines it ("[ref]: target"). A `[`
    that makes no link stays ("[sic]")."""
    if "[" not in text:
        return text  # most paragraphs: no cursors made
    out: list[str] = []
    done = 0  # text before this is in `out`
    line_ends = _NextFound(text, "\n", _Acceptor())
    label_ends = _NextFound(text, "]", _Acceptor())
    reference_ends = _NextFound(text, "]", _Acceptor())
    target_ends = _NextFound(text, ")", _Acceptor())
    span_attributes = _NextFound(text, "}", _Acceptor())
    link_attributes = _NextFound(text, "}", _Acceptor())
    opening = text.find("[")
    while opening >= 0:
        line_end = _or_end(line_ends.at_or_after(opening), text)
        label_end = label_ends.at_or_after(opening + 1)
        following = text.find("[", opening + 1)
        end = -1  # where the link found ends
        if 0 <= label_end < line_end and text.startswith("(", label_end + 1):
            target_end = target_ends.at_or_after(label_end + 2)
            end = target_end + 1 if 0 <= target_end < line_end else -1
            if end >= 0 and text.startswith("{", end):  # an image's size: `![](media/image1.png){width="5in"}`
                end = _attributes_end(text, end, link_attributes.at_or_after(end + 1)) or end
        elif label_end >= 0 and text.startswith("{", label_end + 1) and not 0 <= following < label_end:
            # pandoc's span, `[salt hut]{.underline}`, `[]{#_Toc98765 .anchor}`, its text wrapped over lines too
            end = _attributes_end(text, label_end + 1, span_attributes.at_or_after(label_end + 2)) or -1
        elif 0 <= label_end < line_end and not 0 <= following < label_end:  # a reference's text holds no "["
            reference_end = reference_ends.at_or_after(label_end + 2)
            reference_end = reference_end if reference_end < line_end else -1
            end = _reference_end(text, opening, label_end, reference_end, labels)
        if end >= 0:
            start = opening - 1 if opening > done and text[opening - 1] == "!" else opening
            out += [text[done:start], text[opening + 1 : label_end]]
            done = end
            following = text.find("[", done)
        opening = following
    out.append(text[done:])
    return "".join(out)


_ATTRIBUTES = re.compile(
    r"\s*+(?:(?:[#.][^\s{}]++|[A-Za-z_][\w:.-]*+=(?:\"[^\"{}]*+\"|'[^'{}]*+'|[^\s{}\"']++)|-)(?:\s++|(?=\Z)))++"
)
"""What pandoc's attributes hold between their braces: an id (`#chapter-one`), classes (`.underline`), `key=value`
pairs (`custom-style="Block Text"`) and `-` (unnumbered), parted by white space. No brace within, so that each text
is read by one match at most: "{softly}" or "{Secret}" are a story's text."""


def _attributes_end(text: str, opening: int, closing: int) -> int:
    """Where the attributes whose "{" is at `opening` end, after the "}" at `closing` (-1: none); 0 where they are
    none."""
    if closing < 0 or not _ATTRIBUTES.fullmatch(text, opening + 1, closing):
        return 0
    return closing + 1


def without_attributes(heading: str) -> tuple[str, str | None]:
    """A heading without the attributes pandoc and Google Docs write after it (`# Chapter One {#chapter-one
    .unnumbered}`), which named every chapter, and its id (`chapter-one`; None for none)."""
    text = heading.rstrip(" \t")
    opening = text.rfind("{")
    if not text.endswith("}") or opening < 0 or not _ATTRIBUTES.fullmatch(text, opening + 1, len(text) - 1):
        return heading, None
    ids = [word[1:] for word in text[opening + 1 : -1].split() if word.startswith("#")]
    return text[:opening].rstrip(" \t"), ids[0] if ids else None


def _reference_end(text: str, opening: int, label_end: int, reference_end: int, labels: Collection[str]) -> int:
    """Where the reference link `[text][ref]`, `[text][]` or `[text]` that opens at `opening` ends (`reference_end`:
    the "]" after "[ref", -1 for none on the line), -1 where its reference is none of `labels`."""
    if not text.startswith("[", label_end + 1):
        return label_end + 1 if link_label(text[opening + 1 : label_end]) in labels else -1
    if reference_end < 0:
        return -1
    reference = text[label_end + 2 : reference_end] or text[opening + 1 : label_end]
    return reference_end + 1 if link_label(reference) in labels else -1


def link_label(label: str) -> str:
    """A link reference's label as CommonMark matches it: case and runs of white space are no matter."""
    return " ".join(label.split()).casefold()


def without_emphasis(text: str, markers: tuple[str, ...] = EMPHASIS_MARKERS) -> str:
    """`*a*`, `**a**`, `_a_` and `__a__` become `a` (within a line; the inside is not looked at again), of `markers`
    (plain text's italics are underscores alone: UNDERSCORES); an underscore opening within a word opens nothing."""
    signs = sorted({marker[0] for marker in markers})
    if not any(sign in text for sign in signs):
        return text  # most paragraphs: no cursors made
    out: list[str] = []
    done = 0
    line_ends = _NextFound(text, "\n", _Acceptor())
    closers = {marker: _NextFound(text, marker, _EmphasisCloser()) for marker in markers}
    openers = [_NextFound(text, sign, _Acceptor()) for sign in signs]
    position = 0
    while True:
        found = [p for p in (opener.at_or_after(position) for opener in openers) if p >= 0]
        if not found:
            break
        position = min(found)
        line_end = _or_end(line_ends.at_or_after(position), text)
        for marker in markers:
            inside = position + len(marker)
            if not text.startswith(marker, position) or inside >= len(text) or text[inside].isspace():
                continue
            if marker[0] == "_" and position > 0 and _is_word(text[position - 1]):
                continue  # "snake_case_name": an underscore within a word is no emphasis (CommonMark)
            closer = closers[marker].at_or_after(inside + 1)
            if 0 <= closer < line_end:
                out += [text[done:position], text[inside:closer]]
                done = position = closer + len(marker)
                break
        else:
            position += 1
    out.append(text[done:])
    return "".join(out)


def _or_end(position: int, text: str) -> int:
    return len(text) if position < 0 else position


_BACKTICKS = re.compile("`+")
_HELD = re.compile("\0([0-9]+)\0")
"""Where a code span stood while the rest of its text was unmarked (decoded text holds no NUL)."""


_RAW_HTML = re.compile(
    r"<!--|</[A-Za-z][A-Za-z0-9-]*+[ \t\n]*+>"
    r"|<([A-Za-z][A-Za-z0-9-]*+)(?:[ \t\n]++[A-Za-z_:][A-Za-z0-9_.:-]*+"
    r"(?:[ \t\n]*+=[ \t\n]*+(?:[^ \t\n\"'=<>`]++|'[^']*+'|\"[^\"]*+\"))?)*+[ \t\n]*+/?>"
)
"""An HTML comment's opening, a closing tag (`</span>`) or an open tag (`<span class="place">`, `<br/>`), as
CommonMark's raw HTML has them: "a < b", "x<y" or "<3" are none. Possessive, so that a tag is matched or refused in
one pass over it."""
_CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
"""`&mdash;`, `&#8212;` or `&#x2014;` (CommonMark's: its ";" too; "AT&T" and "&amp" are text)."""


def without_html(text: str) -> str:
    """The text without its HTML comments and tags, the text between tags kept and a `<br>` a line break: they were
    read as written, and an author's note to self (`<!-- the ending is weak -->`) quoted as an answer. A comment that
    does not close is text, as CommonMark has it."""
    if "<" not in text:
        return text  # most paragraphs
    out: list[str] = []
    done = 0
    comments_close = True  # False once a comment's opening has no "-->" after it: no later one has
    found = _RAW_HTML.search(text)
    while found:
        start, end = found.span()
        if found.group() == "<!--":
            close = text.find("-->", start + 2) if comments_close else -1
            if close < 0:
                comments_close = False
                found = _RAW_HTML.search(text, start + 1)
                continue
            end = close + 3
        line_break = (found.group(1) or "").lower() == "br" and text[end : end + 1] not in ("", "\n")
        if not line_break and start > done and text[start - 1] == " " and text[end : end + 1] in (" ", "\n"):
            start -= 1  # "older <!-- note --> than": one space between the words, as a browser shows them
        out += [text[done:start], "\n" if line_break else ""]
        done = end
        found = _RAW_HTML.search(text, end)
    out.append(text[done:])
    return "".join(out)


def without_wikilinks(text: str) -> str:
    """Obsidian's links as what they show: `[[Harrow|the old city]]` its alias, `[[Harrow#Gate]]` its page's name;
    an embed (`![[map.png]]`) nothing. Each "[[" is closed by the first "]]" after it on its line, found by cursors
    that only move forward: one pass, however many stay open."""
    if "[[" not in text:
        return text
    link_ends = _NextFound(text, "]]", _Acceptor())
    line_ends = _NextFound(text, "\n", _Acceptor())
    out: list[str] = []
    done = 0
    opening = text.find("[[")
    while opening >= 0:
        following = text.find("[[", opening + 2)
        end = link_ends.at_or_after(opening + 3)  # "[[]]" is no link
        if 0 <= end < min(_or_end(line_ends.at_or_after(opening), text), _or_end(following, text)):
            target, _, alias = text[opening + 2 : end].partition("|")
            embed = opening > done and text[opening - 1] == "!"
            shown = "" if embed else (alias or target.partition("#")[0].partition("^")[0]).strip()
            out += [text[done : opening - 1 if embed else opening], shown]
            done = end + 2
            following = text.find("[[", done)
        opening = following
    out.append(text[done:])
    return "".join(out)


_SCRIPT = re.compile(r"\^([^\s^]++)\^|~([^\s~]++)~")
"""Pandoc's superscript (`x^2^`) and subscript (`H~2~O`): no white space within."""


def without_scripts(text: str) -> str:
    """The text with pandoc's superscripts and subscripts as their text ("x2", "H2O"), their marks were read; a face's
    marks with no letter or digit within (`^_^`, `~.~`) stay."""
    if "^" not in text and "~" not in text:
        return text

    def inside(script: re.Match[str]) -> str:
        text = script.group(1) or script.group(2)
        return text if any(character.isalnum() for character in text) else script.group()

    return _SCRIPT.sub(inside, text)


def decoded_references(text: str) -> str:
    """The text with its character references as the characters they stand for: "&mdash;" was read as written."""
    return _CHARACTER_REFERENCE.sub(lambda reference: unescape(reference.group()), text) if "&" in text else text


def without_inline_markup(text: str, labels: Collection[str] = frozenset(), code: bool = False) -> str:
    """The text without its links (reference links to `labels` too), emphasis and code ticks, HTML comments and tags,
    and its character references decoded, a code span's text as it is: `__init__.py` and `*args` in a story kept their
    underscores and stars (they were "init.py" and, with a star after, "args"). A code block's (`code`) HTML and
    references stay as written."""
    spans = code_spans(text) if "`" in text and "\0" not in text else []
    codes: list[str] = []
    masked: list[str] = []
    done = 0
    for start, end, ticks in spans:
        inside = text[start + ticks : end - ticks]
        if inside[:1] == inside[-1:] == " " and inside.strip(" "):
            inside = inside[1:-1]  # CommonMark: one space either side is the ticks' padding
        masked += [_escapes_held(text[done:start], codes, code), f"\0{len(codes)}\0"]
        codes.append(inside)
        done = end
    masked.append(_escapes_held(text[done:], codes, code))
    plain = "".join(masked) if code else without_html("".join(masked))
    plain = without_emphasis(without_emphasis(without_links(without_wikilinks(plain), labels), MARKS))
    plain = (plain if code else without_scripts(plain)).replace("`", "")
    plain = plain if code else decoded_references(plain)  # after the rest: "&#42;" is a star, no emphasis
    return _HELD.sub(lambda held: codes[int(held.group(1))], plain) if codes else plain


_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])|\\(?=\n)")
"""A backslash before ASCII punctuation, that character as text ("\\*no\\*", "fan\\_club", "1998\\."), or before a
line's end, a hard line break (CommonMark's backslash escapes)."""


def _escapes_held(text: str, codes: list[str], code: bool) -> str:
    """The text with each backslash escape held as a code span's text is (its character added to `codes`), so that no
    markup reads it and the backslash is gone; a code block's (`code`) stay as written. Every converter writes them:
    pandoc's `1998\\.` and `\\*`, Google Docs' `\\$ \\- \\!`, and "\\*no\\*" was read "\\no\\"."""
    if code or "\\" not in text or "\0" in text:
        return text

    def held(escape: re.Match[str]) -> str:
        codes.append(escape.group(1) or "")
        return f"\0{len(codes) - 1}\0"

    return _ESCAPE.sub(held, text)


def code_spans(text: str) -> list[tuple[int, int, int]]:
    """Each code span's start, end and ticks: a run of backticks closed by the next run of as many (CommonMark); a
    run that none closes, or escaped ("\\`"), opens none. Each run's next of its length is found in one pass from the
    end: linear."""
    runs = [run.span() for run in _BACKTICKS.finditer(text)]
    following: list[int] = [0] * len(runs)  # the next run of the same length, 0 for none
    last: dict[int, int] = {}
    for number in range(len(runs) - 1, -1, -1):
        ticks = runs[number][1] - runs[number][0]
        following[number] = last.get(ticks, 0)
        last[ticks] = number
    spans = []
    number = 0
    while number < len(runs):
        closing = following[number]
        if closing and not _escaped(text, runs[number][0]):
            start, end = runs[number]
            spans.append((start, runs[closing][1], end - start))
            number = closing + 1
        else:
            number += 1
    return spans


def _escaped(text: str, position: int) -> bool:
    """Whether the character at `position` is escaped: an odd number of backslashes before it (two are one backslash
    escaped)."""
    before = position
    while before > 0 and text[before - 1] == "\\":
        before -= 1
    return (position - before) % 2 == 1
