"""What a shelf may hold: the story an upload replaces under another form of its name, and whether restores still
fit in the room kept for them."""

from __future__ import annotations

import unicodedata

from bot.state.shelf_rules import RESTORE_ROOM, VERSION_BYTES, StoreRoom, named_in_another_form

COMPOSED = "Café.md"
DECOMPOSED = unicodedata.normalize("NFD", COMPOSED)


def test_an_upload_replaces_the_story_named_in_another_case_or_form_keeping_its_name() -> None:
    assert named_in_another_form("mill.md", ["tale.txt", "Mill.md"]) == "Mill.md"
    assert named_in_another_form(COMPOSED, ["tale.txt", DECOMPOSED]) == DECOMPOSED
    assert named_in_another_form("CAFÉ.MD", ["café.md", DECOMPOSED]) == "café.md"  # the first one found
    assert named_in_another_form("mill.md", ["mills.md", "tale.txt"]) is None
    assert named_in_another_form("mill.md", []) is None


def test_a_story_of_the_very_name_is_the_one_replaced_even_beside_another_form() -> None:
    assert named_in_another_form("mill.md", ["Mill.md", "mill.md"]) is None
    assert named_in_another_form(COMPOSED, [COMPOSED, DECOMPOSED]) is None
    assert named_in_another_form(DECOMPOSED, [COMPOSED, DECOMPOSED]) is None


def test_restores_are_refused_once_their_room_cannot_hold_one_more_row() -> None:
    def room(used: int) -> StoreRoom:
        return StoreRoom(stored=10_000, most=9_000, needed=VERSION_BYTES, restore_room_used=used)

    assert not room(0).restores_refused
    assert not room(RESTORE_ROOM - VERSION_BYTES).restores_refused  # the last row fits exactly
    assert room(RESTORE_ROOM - VERSION_BYTES + 1).restores_refused
    assert room(RESTORE_ROOM).restores_refused
