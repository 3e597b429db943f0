"""Slash-command sync that rewrites Discord's copy only when it differs (Discord rate-limits syncs)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping

import discord
from discord import app_commands

log = logging.getLogger(__name__)

Signature = tuple[object, ...]
"""What users see of a command or an option, comparable whichever side wrote it."""


def _objects(value: object) -> list[Mapping[str, object]]:
    """A payload's list of objects (an option's choices, a command's options); none where the field is absent."""
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def _sorted_numbers(value: object) -> tuple[int, ...]:
    """A payload's list of numbers (an option's channel types), order-free; none where the field is absent."""
    return tuple(sorted(number for number in value if isinstance(number, int))) if isinstance(value, list) else ()


def _option(option: Mapping[str, object]) -> Signature:
    return (
        option.get("type"),
        option.get("name"),
        option.get("description", ""),
        bool(option.get("required", False)),
        bool(option.get("autocomplete", False)),
        tuple((c["name"], c["value"]) for c in _objects(option.get("choices"))),
        option.get("min_value"),
        option.get("max_value"),
        option.get("min_length"),
        option.get("max_length"),
        _sorted_numbers(option.get("channel_types")),
        tuple(_option(o) for o in _objects(option.get("options"))),
    )


def _permissions(value: object) -> str | None:
    """discord.py sends the permission bits as a number; Discord returns them as a string."""
    return None if value is None else str(value)


def signature(commands: Iterable[Mapping[str, object]]) -> list[Signature]:
    """What users see of a set of commands, from Discord's payload or the bot's own, order-free.

    Fields Discord adds (ids, versions, localizations it fills in) are left out.
    """
    return sorted(
        (
            command.get("type", 1),
            command["name"],
            command.get("description", ""),
            _permissions(command.get("default_member_permissions")),
            bool(command.get("nsfw", False)),
            tuple(_option(o) for o in _objects(command.get("options"))),
        )
        for command in commands
    )


class GuildRefused(Exception):
    """Discord refuses the slash commands of the one guild (STORYBOT_GUILD_ID): the bot is not in that server
    (403), or no server has that id (404). Trying again later cannot help."""

    def __init__(self, guild_id: int, error: discord.HTTPException):
        super().__init__(f"{error.status} {error.text or error}")
        self.guild_id = guild_id


async def sync_commands(
    client: discord.Client, tree: app_commands.CommandTree, guild_id: int | None, force: bool
) -> bool:
    """Syncs to the one guild when given (never also globally), else globally; True if it synced."""
    application_id = client.application_id
    assert application_id is not None, "sync needs the application id, known after login"
    guild = discord.Object(guild_id) if guild_id else None
    if guild is not None:
        tree.copy_global_to(guild=guild)
    local = [command.to_dict(tree) for command in tree.get_commands(guild=guild)]
    where = f"guild {guild_id}" if guild_id else "globally"
    try:
        if not force:
            if guild_id:
                remote = await client.http.get_guild_commands(application_id, guild_id)
            else:
                remote = await client.http.get_global_commands(application_id)
            if signature(remote) == signature(local):
                log.info("Slash commands are up to date %s; not syncing.", where)
                return False
        await tree.sync(guild=guild)
    except (discord.Forbidden, discord.NotFound) as error:
        if not guild_id:
            raise
        raise GuildRefused(guild_id, error) from error
    log.info("Synced %d slash commands %s.", len(local), where)
    if guild_id and force:
        await client.http.bulk_upsert_global_commands(application_id, [])
        log.info("Cleared global commands so the guild does not show each command twice.")
    return True
