"""/stories: the library's titles, paged with Previous and Next buttons that survive a restart."""

from __future__ import annotations

import re

import discord
from discord import app_commands

from bot.core.library import StoryLibrary
from bot.discord_app.client import StoryBot, acknowledge, respond
from bot.discord_app.cog import StoryCog, library_here, own_or_copy, spent_or_refused
from bot.discord_app.render import STORIES_PER_PAGE, Reply, clamp_page, page_count, persistent_view, stories_embed
from bot.messages import NEXT_PAGE, PREVIOUS_PAGE, STORIES_COMMAND
from bot.operations.list_stories import list_page


class StoriesPage(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"storybot:stories:(?P<page>\d+):(?P<way>prev|next)(?::(?P<asker>\d{1,20}))?",
):
    """Previous / Next through the list: the asker's list changes in place, anyone else gets a copy."""

    def __init__(self, page: int, way: str, asker: int | None, disabled: bool = False):
        owner = "" if asker is None else f":{asker}"
        super().__init__(
            discord.ui.Button(
                label=PREVIOUS_PAGE if way == "prev" else NEXT_PAGE,
                custom_id=f"storybot:stories:{page}:{way}{owner}",
                disabled=disabled,
            )
        )
        self.page, self.asker = page, asker

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[discord.ui.View], match: re.Match[str]
    ) -> StoriesPage:
        asker = match["asker"]
        return cls(int(match["page"]), match["way"], None if asker is None else int(asker))

    async def callback(self, interaction: discord.Interaction) -> None:
        if not await spent_or_refused(interaction):
            return
        library = await library_here(interaction)
        if library is None:
            return
        await own_or_copy(interaction, self.asker, lambda owner: stories_reply(library, self.page, owner))


def pager(story_count: int, page: int, asker: int) -> discord.ui.View | None:
    pages = page_count(story_count, STORIES_PER_PAGE)
    if pages == 1:
        return None
    page = clamp_page(page, story_count, STORIES_PER_PAGE)
    return persistent_view(
        StoriesPage(max(page - 1, 0), "prev", asker, disabled=page == 0),
        StoriesPage(min(page + 1, pages - 1), "next", asker, disabled=page == pages - 1),
    )


def stories_reply(library: StoryLibrary, page: int, asker: int) -> Reply:
    listed = list_page(library, page, STORIES_PER_PAGE)
    return Reply(embed=stories_embed(listed), view=pager(listed.total, listed.first // STORIES_PER_PAGE, asker))


class Stories(StoryCog):
    dynamic_items = (StoriesPage,)

    @app_commands.command(name="stories", description=STORIES_COMMAND)
    async def stories(self, interaction: discord.Interaction) -> None:
        await acknowledge(interaction, private=False)  # this server's view may be building
        library = await library_here(interaction)
        if library is not None:
            await respond(interaction, stories_reply(library, 0, interaction.user.id), private=False)


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(Stories(bot))
