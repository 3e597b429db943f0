"""An interaction's token as the database keeps it: opened again only with the bot's token and the interaction's id."""

from __future__ import annotations

import base64

from bot.discord_app.sealed_tokens import seal, unseal

TOKEN = "aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OmV4YW1wbGVleGFtcGxlZXhhbXBsZWV4YW1wbGVleGFtcGxlZXhhbXBsZQ" * 3


def test_a_sealed_token_opens_with_the_bots_token_alone_and_shows_nothing_of_itself():
    sealed = seal(TOKEN, "bot-token", 1234)
    assert unseal(sealed, "bot-token", 1234) == TOKEN
    assert TOKEN[:16] not in sealed and sealed != seal(TOKEN, "bot-token", 1234)  # a nonce per seal
    assert unseal(sealed, "another-bot-token", 1234) == ""
    assert unseal(sealed, "bot-token", 1235) == ""  # bound to its own interaction


def test_a_seal_altered_or_no_seal_at_all_opens_to_nothing_not_an_error():
    raw = bytearray(base64.urlsafe_b64decode(seal(TOKEN, "bot-token", 7)))
    raw[-1] ^= 1
    assert unseal(base64.urlsafe_b64encode(bytes(raw)).decode(), "bot-token", 7) == ""
    assert unseal("not base64 at all!", "bot-token", 1) == ""
    assert unseal("", "bot-token", 1) == ""
    assert unseal(seal("", "bot-token", 1), "bot-token", 1) == ""
