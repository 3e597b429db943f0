"""An interaction's token as it is kept in the database: sealed with a key made from the bot's own token, so that
neither the database (a backup, a dump, another application sharing the server) nor a driver's DEBUG log, which
shows the values it sends (aiosqlite's), holds a credential anyone could use: only who has the bot's token can
open it, and the bot's token already lets them do all the interaction's token does and more.

The seal is AES-GCM from `cryptography` (no cipher of our own), its key derived from the bot's token by HKDF, the
interaction's id bound to it as associated data: a seal opens only under the bot's token and for its own
interaction, and one altered in the database opens to nothing. A bot token changed since a row was written opens it
to nothing too, and that person then sees Discord's own "thinking…" timeout, as before rows were kept.
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

NONCE_BYTES = 12
"""AES-GCM's own nonce length; drawn at random per seal, so no two seals under one key share one."""

_KEY_PURPOSE = b"storybot: interaction tokens kept while thinking"


def seal(token: str, bot_token: str, interaction_id: int) -> str:
    nonce = os.urandom(NONCE_BYTES)
    sealed = _cipher(bot_token).encrypt(nonce, token.encode(), _bound(interaction_id))
    return base64.urlsafe_b64encode(nonce + sealed).decode("ascii")


def unseal(sealed: str, bot_token: str, interaction_id: int) -> str:
    """The token; "" when `sealed` does not open (another bot token, another interaction, a row altered by hand)."""
    try:
        raw = base64.urlsafe_b64decode(sealed)
        opened = _cipher(bot_token).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], _bound(interaction_id))
        return opened.decode()
    except (ValueError, InvalidTag, UnicodeDecodeError):  # binascii.Error is a ValueError, as is a short nonce
        return ""


def _cipher(bot_token: str) -> AESGCM:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_KEY_PURPOSE).derive(bot_token.encode())
    return AESGCM(key)


def _bound(interaction_id: int) -> bytes:
    return str(interaction_id).encode("ascii")
