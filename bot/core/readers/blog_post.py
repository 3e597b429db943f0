"""A story saved from a blog (File > Save Page As): WordPress's, Blogger's, Substack's and Ghost's pages set the post's
text in one element of a class of their own (`entry-content`, `post-body`, `available-content`, `gh-content`), and
around it the site's name and menus, the post's date and tags, share and related-post widgets, readers' comments and
the sidebar. Each was read as the story: "Who sang to the herring?" was answered from a reader's comment, cited as a
chapter "3 thoughts on “The Gull Wife: Part One”"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.core.readers.markup import local_name

if TYPE_CHECKING:
    from lxml.etree import _Element

CONTENT_CLASSES = frozenset({"entry-content", "post-content", "post-body", "available-content", "gh-content"})
"""The post's own text, as the blogging platforms class it."""
TITLE_CLASSES = frozenset({"entry-title", "post-title"})
WIDGET_CLASSES = frozenset(
    {"sharedaddy", "jp-relatedposts", "wp-block-jetpack-related-posts", "sd-sharing", "share-buttons", "post-share"}
)
"""What a plugin sets inside the post's text: its share buttons and related posts."""


@dataclass(frozen=True)
class SavedPost:
    title: str | None
    """The post's own title, not the page's ("The Gull Wife: Part One | Marram Grass Stories")."""
    text: _Element


ASIDE = frozenset({"aside", "nav", "footer"})
"""Where a site sets what is no post's own: its sidebar's "latest post" (a title and a first line, in the post's
classes) on a page whose story stands elsewhere is not it."""


def saved_post(root: _Element) -> SavedPost | None:
    """The post's text and title where the page holds one post's text (one element of CONTENT_CLASSES, not within
    another nor in a sidebar), without the widgets in it; None for any other page."""
    found = [element for element in root.iter() if CONTENT_CLASSES & _classes(element) and not _aside(element)]
    outermost = [e for e in found if not any(CONTENT_CLASSES & _classes(above) for above in e.iterancestors())]
    if len(outermost) != 1:
        return None
    content = outermost[0]
    for widget in [element for element in content.iter() if WIDGET_CLASSES & _classes(element)]:
        _remove_keeping_tail(widget)
    heading = next((e for e in root.iter() if TITLE_CLASSES & _classes(e) and not _aside(e)), None)
    named = " ".join("".join(heading.itertext()).split()) if heading is not None else ""
    return SavedPost(named or None, content)


def _aside(element: _Element) -> bool:
    return any(local_name(above) in ASIDE or "widget" in _classes(above) for above in element.iterancestors())


def _remove_keeping_tail(element: _Element) -> None:
    """Takes the element out, the text after it (its tail, the story's) kept where it stood."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    before = element.getprevious()
    if before is not None:
        before.tail = (before.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def _classes(element: _Element) -> set[str]:
    classes = element.get("class")
    return set(classes.split()) if isinstance(classes, str) else set()
