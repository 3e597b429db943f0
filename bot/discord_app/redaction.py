"""Secrets kept out of the log: the bot token, and interaction tokens, which let anyone reply as the
bot for 15 minutes and which discord.py's DEBUG log shows in webhook URLs and gateway events."""

from __future__ import annotations

import logging
import re

REDACTED = "[redacted]"
_INTERACTION_TOKENS = (
    re.compile(r"(/interactions/\d+/)[^/\s'\"]+"),
    re.compile(r"(/webhooks/\d+/)[^/\s'\"?]+"),
    re.compile(r"""(['"]token['"]:\s*['"])[^'"]+"""),
)


class SecretFilter(logging.Filter):
    def __init__(self, bot_token: str | None = None):
        super().__init__()
        self.bot_token = bot_token

    def redact(self, text: str) -> str:
        if self.bot_token:
            text = text.replace(self.bot_token, REDACTED)
        for pattern in _INTERACTION_TOKENS:
            text = pattern.sub(rf"\g<1>{REDACTED}", text)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrites the record's message with its secrets replaced; never drops a record."""
        message = record.getMessage()
        redacted = self.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


def redact_logs(bot_token: str | None) -> None:
    """Installs the filter on every handler of the root logger (where setup_logging put its own)."""
    secret_filter = SecretFilter(bot_token)
    for handler in logging.getLogger().handlers:
        handler.addFilter(secret_filter)
