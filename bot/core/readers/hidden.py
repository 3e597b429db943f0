"""What a page hides from its reader: an element with the `hidden` attribute, or styled `display: none` or
`visibility: hidden` inline or by a class its own <style> rules hide. A browser shows none of it, so it is no text of
the story: Royal Road sets a line of its own in every chapter ("Unauthorized usage: this story is on Amazon without
the author's consent...") in a class its page hides, and a saved page keeps menus and dialogs hidden so; both were
read as the story, and answered from.

Only what surely hides is taken, as no browser's cascade is run here: a rule at a sheet's top level, for a selector that
is one class (`.x`, `p.x`), and only for a class that no rule anywhere shows again (`.collapse.in {display: block}`,
a later `.x {display: block}`, one within `@media screen`, `:checked ~ .more`), on an element whose own style does not
show it; a rule within `@media print` hides nothing on a screen, nor does a sheet within <noscript>, and telling which
elements a longer selector picks would need a browser's engine. Every sheet and style is read once, by splitting it at
its braces and semicolons: linear in its size.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.etree import _Element

_HIDING = frozenset({("display", "none"), ("visibility", "hidden"), ("visibility", "collapse")})
"""A declaration's property and a value of it that hides the element."""
_CLASS_SELECTOR = re.compile(r"([a-z][a-z0-9]*+)?\.(-?[_a-z][\w-]*+)", re.IGNORECASE)
_CLASS_NAMED = re.compile(r"\.(-?[_a-z][\w-]*+)", re.IGNORECASE)
_SCREEN_MEDIA = frozenset({"", "all", "screen"})
_BRACE = re.compile(r"[{}]")


HiddenClasses = dict[str, frozenset[str]]
"""Each class the page's sheets hide, and the tags it is hidden on ("" for any: `.x`; "p" for `p.x`)."""


def hidden_classes(root: _Element) -> HiddenClasses:
    """The classes that the page's own <style> sheets for the screen hide, less those any rule shows."""
    found: dict[str, set[str]] = {}
    shown: set[str] = set()
    for style in root.iter("{*}style", "style"):
        if (style.get("media") or "").strip().lower() not in _SCREEN_MEDIA or _within_noscript(style):
            continue
        for selectors, declarations, top in _rules(style.text or ""):
            if top and hides(declarations):
                for tag, name in _classes_named(selectors):
                    found.setdefault(name, set()).add(tag)
            if shows(declarations):
                shown.update(_CLASS_NAMED.findall(selectors))
    return {name: frozenset(tags) for name, tags in found.items() if name not in shown}


def is_hidden(element: _Element, name: str, classes: HiddenClasses) -> bool:
    """Whether the page hides the element: by the `hidden` attribute (not "until-found", which a search shows), by
    its own style, or by one of its classes that the page's sheets hide where its own style shows it not. `name`: its
    tag without its namespace."""
    hidden = element.get("hidden")
    if hidden is not None and hidden.strip().lower() != "until-found":
        return True
    style = element.get("style")
    if style and (hides(style) or shows(style)):
        return hides(style)
    names = element.get("class")
    if not (classes and names):
        return False
    return any("" in tags or name in tags for tags in map(classes.get, names.split()) if tags)


def hides(declarations: str) -> bool:
    """Whether CSS declarations ("color: red; display: none !important") hide what they style."""
    return any(declared in _HIDING for declared in _declared(declarations))


def shows(declarations: str) -> bool:
    """Whether CSS declarations show what they style: a display other than none, or visibility visible."""
    return any(
        (prop == "display" and value != "none") or (prop == "visibility" and value == "visible")
        for prop, value in _declared(declarations)
    )


def _declared(declarations: str) -> Iterator[tuple[str, str]]:
    """Each declaration's property and value, lower case, without "!important"."""
    for declaration in declarations.split(";"):
        name, colon, value = declaration.partition(":")
        if colon:
            yield name.strip().lower(), value.strip().lower().removesuffix("!important").strip()


def _within_noscript(style: _Element) -> bool:
    return any(
        isinstance(above.tag, str) and above.tag.rpartition("}")[2].lower() == "noscript"
        for above in style.iterancestors()
    )


def _classes_named(selectors: str) -> Iterator[tuple[str, str]]:
    """(tag or "", class) of each selector of the list that is one class, alone or on a tag."""
    for selector in selectors.split(","):
        found = _CLASS_SELECTOR.fullmatch(selector.strip())
        if found:
            yield (found.group(1) or "").lower(), found.group(2)


def _rules(sheet: str) -> Iterator[tuple[str, str, bool]]:
    """Each rule of the sheet holding declarations, at any depth, as (its selectors, its declarations, whether it stands
    at the sheet's top level), comments left out; an at-rule's own block (`@media screen { ... }`) is no rule, the
    rules within it are. Each character is sliced out once at most: a block holding blocks is never sliced."""
    sheet = _without_comments(sheet)
    opened: list[tuple[int, str]] = []  # each block the scan is in: where its declarations begin, its selectors
    parents: set[int] = set()  # the depths (as len(opened)) of the blocks seen to hold a block
    start = 0  # where the selectors of the next block begin
    for brace in _BRACE.finditer(sheet):
        if brace.group() == "{":
            if opened:
                parents.add(len(opened))
            opened.append((brace.end(), sheet[start : brace.start()]))
            start = brace.end()
            continue
        start = brace.end()
        if not opened:  # a stray "}"
            continue
        depth = len(opened)
        begun, selectors = opened.pop()
        if depth in parents:
            parents.discard(depth)
        elif not selectors.lstrip().startswith("@"):
            yield selectors, sheet[begun : brace.start()], not opened


def _without_comments(sheet: str) -> str:
    kept: list[str] = []
    at = 0
    while (opened := sheet.find("/*", at)) >= 0:
        kept.append(sheet[at:opened])
        closed = sheet.find("*/", opened + 2)
        if closed < 0:
            return "".join(kept)
        at = closed + 2
    kept.append(sheet[at:])
    return "".join(kept)
