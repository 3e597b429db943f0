"""Whether a command's options came as the command declares them: each of the type it has, and each attachment among
the files Discord resolved.

discord.py hands a command what Discord sent under an option's name, of whatever type: `/story add` given a `file` as
text, or as an attachment id Discord resolved no file for, failed inside the command (its name looked up on a string,
on a bare id) with a traceback in the log. Discord checks both itself; such a request is made up, or comes from a form
of the command this version does not have.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import discord
from discord import app_commands

_NESTING = (discord.AppCommandOptionType.subcommand.value, discord.AppCommandOptionType.subcommand_group.value)


def options_as_declared(interaction: discord.Interaction) -> bool:
    """Whether each option the interaction gives its command has the type the command declares for it, and each
    attachment option names a file the interaction resolves. True for what is no slash command being run (an
    autocomplete's options are what is being typed)."""
    if interaction.type is not discord.InteractionType.application_command:
        return True
    command = interaction.command
    data: object = interaction.data
    if not isinstance(command, app_commands.Command) or not isinstance(data, Mapping):
        return True
    declared = {parameter.display_name: parameter.type.value for parameter in command.parameters}
    resolved = data.get("resolved")
    files = resolved.get("attachments") if isinstance(resolved, Mapping) else None
    for option in _leaf_options(data):
        name, kind = option.get("name"), option.get("type")
        if not isinstance(name, str) or name not in declared:
            continue  # one the command lacks: discord.py says so itself (CommandSignatureMismatch)
        if kind != declared[name]:
            return False
        if kind == discord.AppCommandOptionType.attachment.value and not (
            isinstance(files, Mapping) and option.get("value") in files
        ):
            return False
    return True


def _leaf_options(data: Mapping[object, object]) -> Iterator[Mapping[object, object]]:
    """The options of the command itself, under its group and subcommand."""
    options = data.get("options")
    while isinstance(options, list):
        if len(options) == 1 and isinstance(options[0], Mapping) and options[0].get("type") in _NESTING:
            options = options[0].get("options")
            continue
        yield from (option for option in options if isinstance(option, Mapping))
        return
