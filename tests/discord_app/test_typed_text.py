"""Text typed in Discord made fit to keep: a lone surrogate (half a pair, which Discord's JSON can carry) becomes
U+FFFD, so the text encodes as UTF-8; characters outside the Basic Multilingual Plane are kept whole."""

import json

from bot.discord_app.typed_text import well_formed


def test_a_lone_surrogate_from_discords_json_becomes_a_replacement_character():
    typed = json.loads('"Who is Sofia\\udc80?"')
    assert well_formed(typed) == "Who is Sofia\ufffd?"
    assert well_formed(typed).encode("utf-8")  # would raise UnicodeEncodeError before


def test_a_pair_decoded_into_its_character_is_kept():
    typed = json.loads('"the swan \\ud83e\\udda2"')
    assert typed == "the swan \U0001f9a2"
    assert well_formed(typed) == typed
