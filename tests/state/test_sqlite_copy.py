"""The SQLite database copied beside itself before a change that cannot be taken back: the copy holds what the
database holds at the revision asked, is private, and is named for that revision; a copy read back at another
revision is refused and left nowhere, the original untouched."""

import contextlib
import sqlite3
import stat

import pytest

from bot.state.sqlite_copy import CopyFailed, copy_beside


def database_at(path, revision):
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num TEXT NOT NULL)")
        connection.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
        connection.execute("CREATE TABLE votes (passage INTEGER, up INTEGER)")
        connection.execute("INSERT INTO votes VALUES (7, 3)")
        connection.commit()
    return path


def test_the_copy_holds_the_database_at_its_revision_privately(tmp_path):
    original = database_at(tmp_path / "storybot.sqlite3", "0006")
    copy = copy_beside(original, "0006", busy_seconds=1)
    assert copy.parent == tmp_path and copy.name.startswith("storybot.sqlite3.revision-0006-")
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    with contextlib.closing(sqlite3.connect(copy)) as connection:
        assert connection.execute("SELECT passage, up FROM votes").fetchall() == [(7, 3)]
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([original.name, copy.name])


def test_a_copy_at_another_revision_is_refused_and_left_nowhere(tmp_path):
    original = database_at(tmp_path / "storybot.sqlite3", "0005")
    before = original.read_bytes()
    with pytest.raises(CopyFailed) as caught:
        copy_beside(original, "0006", busy_seconds=1)
    assert caught.value.read_revision == "0005"
    assert [path.name for path in tmp_path.iterdir()] == [original.name] and original.read_bytes() == before
