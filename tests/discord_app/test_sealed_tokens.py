"""An interaction's token as the database keeps it: opened again only with the bot's token and the interaction's id."""

from __future__ import annotations

from bot.discord_app.sealed_tokens import seal, unseal

TOKEN = "aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OmV4YW1wbGVleGFtcGxlZXhhbXBsZWV4YW1wbGVleGFtcGxlZXhhbXBsZQ" * 3


def test_a_sealed_token_opens_with_the_bots_token_alone_and_shows_nothing_of_itself():
    sealed = seal(TOKEN, "bot-token", 1234)
    assert unseal(sealed, "bot-token", 1234) == TOKEN
    assert TOKEN[:16] not in sealed and sealed != seal(TOKEN, "bot-token", 1235)  # a key stream per interaction
    assert unseal(sealed, "another-bot-token", 1234) != TOKEN
    assert unseal(sealed, "bot-token", 1235) != TOKEN


def test_what_is_no_seal_opens_to_nothing_not_an_error():
    assert unseal("not base64 at all!", "bot-token", 1) == ""
    assert unseal(seal("", "bot-token", 1), "bot-token", 1) == ""
