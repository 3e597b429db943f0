"""What a page hides from its reader: an element with the `hidden` attribute, or styled `display: none` or
`visibility: hidden` inline or by a class its own <style> rules hide. A browser shows none of it, so it is no text of
the story: Royal Road sets a line of its own in every chapter ("Unauthorized usage: this story is on Amazon without
the author's consent...") in a class its page hides, and a saved page keeps menus and dialogs hidden so; both were
read as the story, and answered from.

Only rules at a sheet's top level, for a selector that is one class (`.x`, `p.x`), are read: a rule within
`@media print` hides nothing on a screen, and telling which elements a longer selector picks would need a browser's
engine. Every sheet and style is read once, by splitting it at its braces and semicolons: linear in its size.
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
_SCREEN_MEDIA = frozenset({"", "all", "screen"})
_BRACE = re.compile(r"[{}]")


HiddenClasses = dict[str, frozenset[str]]
"""Each class the page's sheets hide, and the tags it is hidden on ("" for any: `.x`; "p" for `p.x`)."""


def hidden_classes(root: _Element) -> HiddenClasses:
    """The classes that the page's own <style> sheets for the screen hide."""
    found: dict[str, set[str]] = {}
    for style in root.iter("{*}style", "style"):
        if (style.get("media") or "").strip().lower() not in _SCREEN_MEDIA:
            continue
        for selectors, declarations in _rules(style.text or ""):
            if hides(declarations):
                for tag, name in _classes_named(selectors):
                    found.setdefault(name, set()).add(tag)
    return {name: frozenset(tags) for name, tags in found.items()}


def is_hidden(element: _Element, name: str, classes: HiddenClasses) -> bool:
    """Whether the page hides the element: by the `hidden` attribute (not "until-found", which a search shows), by
    its own style, or by one of its classes that the page's sheets hide. `name`: its tag without its namespace."""
    hidden = element.get("hidden")
    if hidden is not None and hidden.strip().lower() != "until-found":
        return True
    style = element.get("style")
    if style and hides(style):
        return True
    names = element.get("class")
    if not (classes and names):
        return False
    return any("" in tags or name in tags for tags in map(classes.get, names.split()) if tags)


def hides(declarations: str) -> bool:
    """Whether CSS declarations ("color: red; display: none !important") hide what they style."""
    for declaration in declarations.split(";"):
        name, colon, value = declaration.partition(":")
        if not colon:
            continue
        if (name.strip().lower(), value.strip().lower().removesuffix("!important").strip()) in _HIDING:
            return True
    return False


def _classes_named(selectors: str) -> Iterator[tuple[str, str]]:
    """(tag or "", class) of each selector of the list that is one class, alone or on a tag."""
    for selector in selectors.split(","):
        found = _CLASS_SELECTOR.fullmatch(selector.strip())
        if found:
            yield (found.group(1) or "").lower(), found.group(2)


def _rules(sheet: str) -> Iterator[tuple[str, str]]:
    """Each rule at the sheet's top level as (its selectors, its declarations), comments left out; an at-rule's block
    (`@media print { ... }`) and a rule holding rules of its own are passed over."""
    sheet = _without_comments(sheet)
    depth = 0
    start = 0  # where the selectors of the next rule begin
    opened = 0  # where the rule's declarations begin
    for brace in _BRACE.finditer(sheet):
        if brace.group() == "{":
            if depth == 0:
                opened = brace.end()
            depth += 1
            continue
        if depth == 0:  # a stray "}"
            start = brace.end()
            continue
        depth -= 1
        if depth == 0:
            selectors, declarations = sheet[start : opened - 1], sheet[opened : brace.start()]
            if not selectors.lstrip().startswith("@") and "{" not in declarations:
                yield selectors, declarations
            start = brace.end()


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
