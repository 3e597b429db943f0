"""Secrets kept out of the log: the bot token wherever it stands, and interaction tokens in webhook and interaction
URLs and in gateway payloads; the rest of the message, and every record, kept."""

import logging

from bot.discord_app.redaction import REDACTED, SecretFilter

TOKEN = "MTAwMA.secret-part.of-the-token"


def record(message: str, *args: object) -> logging.LogRecord:
    return logging.LogRecord("discord.http", logging.DEBUG, __file__, 1, message, args, None)


def test_the_bot_token_and_interaction_tokens_are_redacted_and_the_record_kept():
    secrets = SecretFilter(TOKEN)
    logged = record(
        "POST /interactions/123/aW50ZXJhY3Rpb24/callback, PATCH /webhooks/456/dG9rZW4?wait=true, %s, Bot %s",
        {"id": "9", "token": "aW50ZXJhY3Rpb24"},
        TOKEN,
    )
    assert secrets.filter(logged)
    said = logged.getMessage()
    assert TOKEN not in said and "aW50ZXJhY3Rpb24" not in said and "dG9rZW4" not in said
    assert said == (
        f"POST /interactions/123/{REDACTED}/callback, PATCH /webhooks/456/{REDACTED}?wait=true, "
        f"{{'id': '9', 'token': '{REDACTED}'}}, Bot {REDACTED}"
    )


def test_a_message_without_secrets_is_left_as_it_was():
    secrets = SecretFilter(None)
    logged = record("Synced %d slash commands %s.", 7, "globally")
    assert secrets.filter(logged)
    assert (logged.msg, logged.args) == ("Synced %d slash commands %s.", (7, "globally"))
