"""The releases table beside the migrations: each release names a revision this storybot knows, the newest line is
this version's at the newest revision (a migration added, or the version raised, without its line fails here), and
an owner's way of writing a release is found."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.state.releases import Release, known_releases, read_releases, release_named
from bot.state.revisions import known_revisions, newest, revision_named

PYPROJECT = Path(__file__).parents[2] / "pyproject.toml"


def test_the_newest_release_is_this_version_at_the_newest_revision():
    with PYPROJECT.open("rb") as project:
        version = tomllib.load(project)["project"]["version"]
    assert known_releases()[-1] == Release(version=version, revision=newest())


def test_each_release_names_a_known_revision_oldest_first_and_none_is_named_as_a_revision():
    ids = [revision.id for revision in known_revisions()]
    revisions = [release.revision for release in known_releases()]
    assert set(revisions) <= set(ids)
    assert [ids.index(revision) for revision in revisions] == sorted(ids.index(revision) for revision in revisions)
    assert [release.version for release in known_releases() if revision_named(release.version) is not None] == []


@pytest.mark.parametrize(("written", "found"), [("0.1.0", "0.1.0"), (" v0.1.0 ", "0.1.0"), ("V0.1.0", "0.1.0")])
def test_a_release_is_found_by_its_version_with_or_without_v(written: str, found: str):
    release = release_named(written, known_releases())
    assert release is not None and release.version == found


@pytest.mark.parametrize("written", ["0.0.9", "0.1", "v", "", "0006"])
def test_what_names_no_release_finds_none(written: str):
    assert release_named(written, known_releases()) is None


def test_a_table_is_read_in_its_order_and_a_line_naming_no_revision_is_refused(tmp_path: Path):
    table = tmp_path / "releases.toml"
    table.write_text('"0.2.0" = "0004"\n"0.10.0" = "0006"\n')
    older, newer = Release(version="0.2.0", revision="0004"), Release(version="0.10.0", revision="0006")
    assert read_releases(table) == (older, newer)
    table.write_text('"0.2.0" = 4\n')
    with pytest.raises(ValueError, match=r"0\.2\.0 names no revision"):
        read_releases(table)
