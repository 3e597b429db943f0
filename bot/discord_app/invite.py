"""The link that adds the bot to a server, with exactly the permissions it uses (README, "Invite it")."""

from __future__ import annotations

import base64
import binascii

import discord

from bot.messages import PERMISSION_NAMES
from bot.settings import SettingsError, SettingsFault, is_discord_id

SCOPES = ("bot", "applications.commands")
PERMISSIONS = PERMISSION_NAMES
"""discord.Permissions' flag -> the name the Developer Portal and Discord's invite page show."""


def permissions() -> discord.Permissions:
    return discord.Permissions(**dict.fromkeys(PERMISSIONS, True))


def invite_url(application_id: int) -> str:
    return discord.utils.oauth_url(application_id, permissions=permissions(), scopes=SCOPES)


def application_id_from_token(token: str) -> int:
    """A bot token's first part is its user id in base64, which is the application's id (for every
    application made since 2017; the log at start gives the link from Discord itself)."""
    first = token.split(".", 1)[0]
    try:
        decoded = base64.urlsafe_b64decode(first + "=" * (-len(first) % 4))
    except (binascii.Error, ValueError):
        decoded = b""
    if not (decoded.isascii() and is_discord_id(decoded.decode("ascii"))):
        raise SettingsError(SettingsFault.NOT_A_BOT_TOKEN, name="DISCORD_TOKEN")
    return int(decoded)
