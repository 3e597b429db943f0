import copy

from discord import app_commands

from bot.discord_app.sync import signature


async def test_discords_copy_of_the_commands_matches_the_bots_own(discord_bot):
    for extension in ("bot.discord_app.exts.ask", "bot.discord_app.exts.performer", "bot.discord_app.exts.stories"):
        await discord_bot.load_extension(extension)
    tree: app_commands.CommandTree = discord_bot.tree
    local = [command.to_dict(tree) for command in tree.get_commands()]
    # As Discord returns them: ids and versions added, permissions as a string, defaults filled in.
    remote = [
        command
        | {
            "id": "1",
            "application_id": "2",
            "version": "3",
            "dm_permission": True,
            "nsfw": False,
            "default_member_permissions": None
            if command.get("default_member_permissions") is None
            else str(command["default_member_permissions"]),
        }
        for command in reversed(copy.deepcopy(local))
    ]
    assert signature(remote) == signature(local)

    changed = copy.deepcopy(remote)
    next(c for c in changed if c["name"] == "ask")["options"][0]["description"] = "Something else"
    assert signature(changed) != signature(local)
    assert signature(remote[1:]) != signature(local)
