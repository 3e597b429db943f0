"""/stories: the library's titles, paged with Previous and Next buttons that survive a restart."""

from __future__ import annotations

import re

import discord
from discord import app_commands

from bot.core.library import StoryLibrary
from bot.discord_app.client import StoryBot, story_bot
from bot.discord_app.cog import StoryCog, spent_or_refused
from bot.discord_app.render import STORIES_PER_PAGE, Reply, clamp_page, page_count, persistent_view, stories_embed


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
        library = story_bot(interaction).library
        await interaction.response.edit_message(**stories_reply(library, self.page).to_edit())


def pager(story_count: int, page: int) -> discord.ui.View | None:
    pages = page_count(story_count, STORIES_PER_PAGE)
    if pages == 1:
        return None
    page = clamp_page(page, story_count, STORIES_PER_PAGE)
    return persistent_view(
        StoriesPage(max(page - 1, 0), "prev", disabled=page == 0),
        StoriesPage(min(page + 1, pages - 1), "next", disabled=page == pages - 1),
    )


def stories_reply(library: StoryLibrary, page: int) -> Reply:
    stories = library.corpus.stories
    return Reply(embed=stories_embed(stories, page, library.story_finder.shared_titles), view=pager(len(stories), page))


class Stories(StoryCog):
    dynamic_items = (StoriesPage,)

    @app_commands.command(name="stories", description="List the stories I know")
    async def stories(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(**stories_reply(self.bot.library, 0).to_send())


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(Stories(bot))
