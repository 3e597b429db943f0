"""An interaction's token as it is kept in the database: sealed with a key made from the bot's own token, so that
neither the database (a backup, a dump, another application sharing the server) nor a driver's DEBUG log, which
shows the values it sends (aiosqlite's), holds a credential anyone could use: only who has the bot's token can
open it, and the bot's token already lets them do all the interaction's token does and more.

The seal is HMAC-SHA256 in counter mode, keyed by the bot's token and the interaction's id (unique per
interaction, so no key stream is used twice), XORed with the token: the standard library's HMAC, no cipher of our
own. It hides the token; it does not authenticate it (a token altered in the database only fails at Discord). A
bot token changed since a row was written opens it to garbage, which Discord refuses: that person then sees
Discord's own "thinking…" timeout, as before rows were kept.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

BLOCK = hashlib.sha256().digest_size


def seal(token: str, key: str, interaction_id: int) -> str:
    return base64.urlsafe_b64encode(_xor(token.encode(), key, interaction_id)).decode("ascii")


def unseal(sealed: str, key: str, interaction_id: int) -> str:
    """The token; "" when `sealed` is no seal (a row altered by hand), which Discord then refuses."""
    try:
        return _xor(base64.urlsafe_b64decode(sealed), key, interaction_id).decode()
    except (ValueError, UnicodeDecodeError):  # binascii.Error is a ValueError
        return ""


def _xor(data: bytes, key: str, interaction_id: int) -> bytes:
    stream = b"".join(
        hmac.new(key.encode(), f"{interaction_id}:{block}".encode(), hashlib.sha256).digest()
        for block in range(-(-len(data) // BLOCK))
    )
    return bytes(a ^ b for a, b in zip(data, stream, strict=False))
