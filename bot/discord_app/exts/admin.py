"""Running the bot from Discord (Manage Server only, checked by Discord and again here): /reload, and
/story add and /story remove, which ask before they replace or remove a story."""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
from dataclasses import dataclass

import discord
from discord import app_commands

from bot.core.shelf import Shelf, ShelfError, StoryExists, require_upload_size, safe_file_name, story_file
from bot.discord_app.client import StoryBot, send_ephemeral, story_bot
from bot.discord_app.cog import StoryCog, one_story, story_choices
from bot.discord_app.render import MESSAGE_LIMIT, Reply, clip, persistent_view
from bot.messages import reload_text
from bot.operations.reload import Reloaded, reload

log = logging.getLogger(__name__)

PENDING_KEPT = 20
"""Changes waiting for a click; older ones expire (their buttons then say so)."""


@dataclass(frozen=True)
class Pending:
    """A change waiting for its confirmation: replace a story with a new file, or remove one."""

    action: str
    name: str
    data: bytes | None
    """The story file as it will be written (any format readers/ takes)."""
    user: int


class Confirm(
    discord.ui.DynamicItem[discord.ui.Button], template=r"storybot:confirm:(?P<token>\w+):(?P<answer>yes|no)"
):
    def __init__(self, token: str, answer: str, label: str):
        style = discord.ButtonStyle.danger if answer == "yes" else discord.ButtonStyle.secondary
        super().__init__(discord.ui.Button(label=label, style=style, custom_id=f"storybot:confirm:{token}:{answer}"))
        self.token, self.answer = token, answer

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[discord.ui.View], match: re.Match[str]
    ) -> Confirm:
        if not isinstance(item, discord.ui.Button):  # the message's component under our custom_id is a button
            raise TypeError(f"storybot:confirm names a button, not {type(item).__name__}")
        return cls(match["token"], match["answer"], item.label or "")

    async def callback(self, interaction: discord.Interaction) -> None:
        admin = story_bot(interaction).get_cog("Admin")
        assert isinstance(admin, Admin)
        await admin.confirmed(interaction, self.token, self.answer == "yes")


class Admin(StoryCog):
    dynamic_items = (Confirm,)
    story = app_commands.Group(
        name="story",
        description="Add or remove a story (Manage Server)",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: StoryBot):
        super().__init__(bot)
        self.pending: dict[str, Pending] = {}

    @app_commands.command(name="reload", description="Reread the stories folder (Manage Server)")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.checks.has_permissions(manage_guild=True)
    async def reload(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        await interaction.followup.send(await self._reloaded(interaction), ephemeral=True)

    @story.command(name="add", description="Add a story: text, Markdown, EPUB, HTML, Word or PDF (Manage Server)")
    @app_commands.describe(file="The story file", title="Its title, if a .txt or .md file has none")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def add(
        self,
        interaction: discord.Interaction,
        file: discord.Attachment,
        title: app_commands.Range[str, 1, 200] | None = None,
    ) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            name = safe_file_name(file.filename)
            require_upload_size(file.size)
            data = await asyncio.to_thread(story_file, await file.read(), name, title)
        except (ShelfError, discord.HTTPException) as error:
            await interaction.followup.send(clip(_problem(error), MESSAGE_LIMIT), ephemeral=True)
            return
        shelf = Shelf(self.bot.settings.corpus)
        try:
            await asyncio.to_thread(shelf.add, name, data)
        except StoryExists:  # also when another upload of this name was written a moment before
            question = f"`{name}` is already a story. Replace it? The old file is kept in `{shelf.kept.name}`."
            await self._ask(interaction, Pending("replace", name, data, interaction.user.id), question, "Replace")
            return
        except (ShelfError, OSError) as error:
            await interaction.followup.send(clip(_problem(error), MESSAGE_LIMIT), ephemeral=True)
            return
        await interaction.followup.send(await self._reloaded(interaction, f"Added `{name}`."), ephemeral=True)

    @story.command(name="remove", description="Remove a story (Manage Server); the file is kept aside")
    @app_commands.describe(story="The story's title or file name")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def remove(self, interaction: discord.Interaction, story: app_commands.Range[str, 1, 200]) -> None:
        found = await one_story(interaction, self.bot.library, story)
        if found is None:
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        shelf = Shelf(self.bot.settings.corpus)
        try:
            await asyncio.to_thread(shelf.own_file, found.path)  # a link is refused now, not after the yes
        except ShelfError as error:
            await interaction.followup.send(clip(str(error), MESSAGE_LIMIT), ephemeral=True)
            return
        kept = shelf.kept.name
        question = f'Remove "{found.title}" (`{found.path}`)? The file is kept in `{kept}`.'
        await self._ask(interaction, Pending("remove", found.path, None, interaction.user.id), question, "Remove")

    @remove.autocomplete("story")
    async def story_titles(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return story_choices(self.bot.library, current)

    async def _ask(self, interaction: discord.Interaction, pending: Pending, question: str, label: str) -> None:
        token = secrets.token_hex(8)
        self.pending[token] = pending
        while len(self.pending) > PENDING_KEPT:  # unanswered questions (and their uploads) do not pile up
            del self.pending[next(iter(self.pending))]
        view = persistent_view(Confirm(token, "yes", label), Confirm(token, "no", "Cancel"))
        await Reply(content=clip(question, MESSAGE_LIMIT), view=view).send_followup(interaction, ephemeral=True)

    async def confirmed(self, interaction: discord.Interaction, token: str, yes: bool) -> None:
        """A Replace/Remove/Cancel click: checked again for Manage Server, then done and reported."""
        permissions = interaction.permissions
        if interaction.guild is None or not permissions.manage_guild:
            await send_ephemeral(interaction, "You need the Manage Server permission for that.")
            return
        pending = self.pending.pop(token, None)
        if pending is None:
            await interaction.response.edit_message(
                content="That request has expired; run the command again.", view=None
            )
            return
        if not yes:
            await interaction.response.edit_message(content="Cancelled; nothing changed.", view=None)
            return
        await interaction.response.edit_message(content="Working on it…", view=None)
        shelf = Shelf(self.bot.settings.corpus)
        try:
            if pending.action == "replace":
                assert pending.data is not None
                kept = await asyncio.to_thread(shelf.add, pending.name, pending.data, replace=True)
                done = (
                    f"Replaced `{pending.name}`; the old file is kept in `{shelf.kept.name}`."
                    if kept is not None
                    else f"Added `{pending.name}`."  # the old one was removed in the meantime
                )
            else:
                await asyncio.to_thread(shelf.remove, pending.name)
                done = f"Removed `{pending.name}`; the file is kept in `{shelf.kept.name}`."
            report = await self._reloaded(interaction, done)
        except (ShelfError, OSError) as error:
            report = clip(_problem(error), MESSAGE_LIMIT)
        except Exception:  # never leave "Working on it…" standing
            log.exception("Could not %s %s", pending.action, pending.name)
            report = "Something went wrong on my side; nothing was lost. Please try again in a moment."
        await interaction.edit_original_response(content=report)

    async def _reloaded(self, interaction: discord.Interaction, done: str = "") -> str:
        """The library reloaded, and what that did, after `done` (what was changed first, if anything)."""
        reloaded = await reload(self.bot.libraries)
        if reloaded.outcome is Reloaded.DONE:
            log.info("Corpus reloaded by %s: %d stories", interaction.user.id, reloaded.stories)
        return clip(reload_text(reloaded, done), MESSAGE_LIMIT)


def _problem(error: Exception) -> str:
    if isinstance(error, discord.HTTPException):
        return f"I could not download that file from Discord ({error.status}); please upload it again."
    if isinstance(error, OSError):
        return (
            f"I could not change the stories folder ({error.strerror or error}); nothing was lost. "
            "Ask the bot's owner to check the folder."
        )
    return str(error)


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(Admin(bot))
