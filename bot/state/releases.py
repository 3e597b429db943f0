"""The storybot releases and the newest schema revision each knows (migrations/releases.toml, beside the migrations):
an owner rolling back a release names it (`database downgrade --to 0.1.0`) and needs not know its revision.

A storybot knows the releases up to its own; the newer storybot, which takes the database back, knows the older one.
"""

from __future__ import annotations

import dataclasses
import functools
import tomllib
from pathlib import Path

RELEASES = Path(__file__).with_name("migrations") / "releases.toml"


@dataclasses.dataclass(frozen=True)
class Release:
    version: str
    """As in pyproject.toml: "0.1.0"."""
    revision: str
    """The newest schema revision it knows: the database's, for it to open."""


def read_releases(path: Path) -> tuple[Release, ...]:
    """The releases a table names, in its order (oldest first); ValueError for a table not of version = "revision"."""
    with path.open("rb") as table:
        found = tomllib.load(table)
    releases = []
    for version, revision in found.items():
        if not isinstance(revision, str):
            raise ValueError(f"{path}: {version} names no revision")
        releases.append(Release(version=version, revision=revision))
    return tuple(releases)


@functools.cache
def known_releases() -> tuple[Release, ...]:
    return read_releases(RELEASES)


def release_named(written: str, releases: tuple[Release, ...]) -> Release | None:
    """The release `written` names: its version, with or without a leading "v" ("0.1.0", "v0.1.0"); None for none."""
    text = written.strip()
    version = text[1:] if text[:1] in ("v", "V") else text
    return next((release for release in releases if release.version in (text, version)), None)
