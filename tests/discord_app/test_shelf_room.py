"""What one server may store in the database (STORYBOT_SHELF_STORED_MB), as its managers meet it on Discord: the
real bot process against the fake Discord."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from bot.core.shelf import story_file
from bot.state.shelf_rules import RESTORE_ROOM, VERSION_BYTES
from tests.discord_app.bot_process import bot_on_fake_discord
from tests.discord_app.fake_discord import (
    GUILD_ID,
    OTHER_CHANNEL_ID,
    OTHER_GUILD_ID,
    THIRD_CHANNEL_ID,
    THIRD_GUILD_ID,
    FakeDiscord,
)
from tests.discord_app.test_shelves import add_and_read, autocomplete_versions, confirmed, kept_message, story_command
from tests.postgresql import PostgreSQLServer

pytestmark = pytest.mark.asyncio(loop_scope="module")


ROOM = 2**20
"""What a server may store here (STORYBOT_SHELF_STORED_MB=1)."""


def long_story(word: str) -> bytes:
    """A story of some 600 KB: two of them pass a 1 MB room."""
    return (f"# The {word.title()}\n\n" + f"The {word} turned by the river all night long.\n\n" * 12_000).encode()


def stored(name: str, data: bytes) -> int:
    """What an upload stores: its file and the text it was read as."""
    return len(data) + len(story_file(data, name, None).text)


def dam_storing(most: int) -> bytes:
    """A story that stores at most `most` bytes, file and text, within a few bytes of it."""
    dam = b"# The Dam\n\n" + b"The dam held the river back all winter.\n\n" * (ROOM // 41)
    cut = most
    while (over := stored("dam.md", dam[:cut]) - most) > 0:
        cut -= over
    return dam[:cut]


@pytest_asyncio.fixture(scope="module", loop_scope="module", params=["sqlite", "postgresql"])
async def fake(request, tmp_path_factory) -> AsyncIterator[FakeDiscord]:
    """The bot on a SQLite file in its data folder, or on a PostgreSQL server's database."""
    data = tmp_path_factory.mktemp("data")
    servers = (GUILD_ID, OTHER_GUILD_ID, THIRD_GUILD_ID)  # a server for each test
    database = {}
    if request.param == "postgresql":
        postgresql: PostgreSQLServer = request.getfixturevalue("postgresql_server")
        database["STORYBOT_DATABASE_URL"] = postgresql.new_database()
    async with bot_on_fake_discord(data, servers, STORYBOT_SHELF_STORED_MB="1", **database) as (discord, process):
        yield discord
    assert "Server" in process.text and "STORYBOT_SHELF_STORED_MB" in process.text  # the owner is told which


async def test_a_server_whose_kept_versions_fill_its_room_is_told_what_is_full_and_what_to_do(fake):
    # Every replaced version is kept, in a database every server shares: a server could replace an 8 MB story
    # again and again until the disk was full. What it stores, searched and kept, now has a limit.
    assert (await add_and_read(fake, "mill.md", long_story("mill")))["content"].startswith("Added")
    refused = (await add_and_read(fake, "mill.md", long_story("wheel")))["content"]
    assert refused.startswith("This server's stories and their kept versions fill the room it has"), refused
    assert "1.0 MB" in refused and "removing a story frees no room" in refused and "bot's owner" in refused
    assert "Nothing changed" in refused
    assert (await add_and_read(fake, "weir.md", b"# The Weir\n\nOttilie opened the weir."))["content"].startswith(
        "Added"
    )


async def test_a_flood_of_tiny_replaces_is_refused_once_their_kept_versions_fill_the_room(fake):
    # The limit counted files' bytes only: a story of a few bytes replaced again and again, each version kept as a
    # row, grew the database without bound under it. Each change now counts VERSION_BYTES (1 KB) besides its file:
    # here a story leaves room for three changes more. Three files take turns: the same file again changes nothing.
    tiny = tuple(b"# The Weir\n\nOttilie %s the weir." % verb for verb in (b"opened", b"closed", b"mended"))
    largest = max(stored("weir.md", file) for file in tiny)
    filler = dam_storing(ROOM - VERSION_BYTES - 3 * (VERSION_BYTES + largest) - 1)  # room for three
    added = await add_and_read(fake, "dam.md", filler, OTHER_CHANNEL_ID)
    assert added["content"].startswith('Added "The Dam"'), added
    told = [(await add_and_read(fake, "weir.md", tiny[n % 3], OTHER_CHANNEL_ID))["content"] for n in range(5)]
    assert told[0].startswith('Added "The Weir"') and all(t.startswith('Replaced "The Weir"') for t in told[1:3])
    for refused in told[3:]:
        assert refused.startswith("This server's stories and their kept versions fill the room it has"), refused
        assert "Nothing changed" in refused and "1 KB" in refused and "bot's owner" in refused


async def test_a_replace_that_fills_the_room_is_undone_and_restores_stop_past_their_own_room(fake):
    # A restore's file is stored already, but its 1 KB row counted against the room: a replace that filled it could
    # not be undone, just when a bad one most needs it. Restores may store RESTORE_ROOM (64 KB) past the room.
    good = b"# The Mill\n\nThe miller Anatole ground rye by the river."
    bad = b"# The Mill\n\nLorem ipsum, the wrong file."
    filler = dam_storing(ROOM - 3 * VERSION_BYTES - stored("mill.md", good) - stored("mill.md", bad))  # then full
    assert (await add_and_read(fake, "dam.md", filler, THIRD_CHANNEL_ID))["content"].startswith('Added "The Dam"')
    assert (await add_and_read(fake, "mill.md", good, THIRD_CHANNEL_ID))["content"].startswith('Added "The Mill"')
    replaced = await add_and_read(fake, "mill.md", bad, THIRD_CHANNEL_ID)
    assert replaced["content"].startswith('Replaced "The Mill"'), replaced
    refused = (await add_and_read(fake, "weir.md", b"# The Weir\n\nOttilie.", THIRD_CHANNEL_ID))["content"]
    assert refused.startswith("This server's stories and their kept versions fill the room it has"), refused
    assert "/story restore (or Undo) still brings back a kept version" in refused

    undone = await confirmed(fake, kept_message(fake, replaced), "Undo", THIRD_CHANNEL_ID)
    assert undone.startswith('Restored "The Mill" (`mill.md`)'), undone
    history = (await story_command(fake, "history", THIRD_CHANNEL_ID))["content"]
    assert history.count("mill.md") == 3, history  # added, replaced, restored: both files kept
    restores = 1
    while True:  # a flood of restores, back and forth, is refused once they fill their own room
        (kept,) = await autocomplete_versions(fake, "mill", channel=THIRD_CHANNEL_ID)
        told = (await story_command(fake, "restore", THIRD_CHANNEL_ID, version=kept["value"]))["content"]
        if not told.startswith("Restored"):
            break
        restores += 1
        assert restores <= RESTORE_ROOM // VERSION_BYTES, "a flood of restores was never refused"
    assert restores == RESTORE_ROOM // VERSION_BYTES
    assert told.startswith("This server's stories and their kept versions fill the room it has"), told
    assert "and its restores the 64 KB they may store past it" in told and "Nothing changed" in told
