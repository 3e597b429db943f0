"""/stories lists the library, paged; /reload (Manage Server) rereads the corpus and says what changed."""

from __future__ import annotations

import logging
import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.corpus import CorpusError
from bot.core.corpus_diff import CorpusDiff
from bot.core.library import StoryLibrary
from bot.core.worker import load_in_worker
from bot.discord_app.cog import StoryCog
from bot.discord_app.cooldown import spent_or_refused
from bot.discord_app.render import MESSAGE_LIMIT, STORIES_PER_PAGE, clip, stories_embed

log = logging.getLogger(__name__)


class StoriesPage(
    discord.ui.DynamicItem[discord.ui.Button], template=r"storybot:stories:(?P<page>\d+):(?P<way>prev|next)"
):
    def __init__(self, page: int, way: str, disabled: bool = False):
        super().__init__(
            discord.ui.Button(
                label="Previous" if way == "prev" else "Next",
                custom_id=f"storybot:stories:{page}:{way}",
                disabled=disabled,
            )
        )
        self.page = page

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str]
    ) -> StoriesPage:
        return cls(int(match["page"]), match["way"])

    async def callback(self, interaction: discord.Interaction) -> None:
        if not await spent_or_refused(interaction):
            return
        bot: Any = interaction.client
        stories = bot.library.corpus.stories
        await interaction.response.edit_message(
            embed=stories_embed(stories, self.page), view=pager(len(stories), self.page)
        )


def pager(story_count: int, page: int) -> discord.ui.View | None:
    pages = max(1, -(-story_count // STORIES_PER_PAGE))
    if pages == 1:
        return None
    page = min(max(page, 0), pages - 1)
    view = discord.ui.View(timeout=None)
    view.add_item(StoriesPage(max(page - 1, 0), "prev", disabled=page == 0))
    view.add_item(StoriesPage(min(page + 1, pages - 1), "next", disabled=page == pages - 1))
    view.stop()  # dispatched by custom_id; see ask.answer_message
    return view


def reload_report(old: StoryLibrary, new: StoryLibrary) -> str:
    diff = CorpusDiff.between(old.fingerprints, new.fingerprints)
    lines = [f"Reloaded: {len(new.corpus.stories)} stories, {len(new.corpus.passages)} passages."]
    for label, paths in (("Added", diff.added), ("Changed", diff.changed), ("Removed", diff.removed)):
        if paths:
            lines.append(f"{label} ({len(paths)}): " + ", ".join(f"`{p}`" for p in paths))
    if diff.empty:
        lines.append("Nothing changed.")
    lines += [f"Warning: {problem}" for problem in new.corpus.problems]
    return clip("\n".join(lines), MESSAGE_LIMIT)


class Stories(StoryCog):
    dynamic_items = (StoriesPage,)

    @app_commands.command(name="stories", description="List the stories I know")
    async def stories(self, interaction: discord.Interaction) -> None:
        stories = self.bot.library.corpus.stories
        view = pager(len(stories), 0)
        await interaction.response.send_message(embed=stories_embed(stories, 0), **({"view": view} if view else {}))

    @app_commands.command(name="reload", description="Reread the stories folder (Manage Server)")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.checks.has_permissions(manage_guild=True)
    async def reload(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        async with self.bot.corpus_lock:
            old = self.bot.library
            try:
                settings = self.bot.settings
                new = await load_in_worker(settings.corpus, old.index.params, settings.index_store())
            except CorpusError as error:
                await interaction.followup.send(
                    clip(f"Reload failed; still using the stories I had. {error}", MESSAGE_LIMIT), ephemeral=True
                )
                return
            self.bot.library = new
        log.info("Corpus reloaded by %s: %d stories", interaction.user.id, len(new.corpus.stories))
        await interaction.followup.send(reload_report(old, new), ephemeral=True)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Stories(bot))
