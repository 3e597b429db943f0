"""/performer: a person of the stories, with forgiving autocomplete and a pick list for shared names."""

from __future__ import annotations

import asyncio
import re
from collections import Counter

import discord
from discord import app_commands

from bot.core.performers import Lookup
from bot.core.story_ids import story_id
from bot.discord_app.client import StoryBot, respond, send_ephemeral, story_bot
from bot.discord_app.cog import StoryCog, own_or_copy, within_budget
from bot.discord_app.render import (
    CHOICE_LIMIT,
    Reply,
    candidates_embed,
    clip,
    not_found_text,
    performer_embed,
    persistent_view,
)

PICK_ID = "storybot:pick"
SELECT_OPTIONS_LIMIT = 25


class PickPerformer(discord.ui.DynamicItem[discord.ui.Select], template=rf"{PICK_ID}(?::(?P<asker>\d{{1,20}}))?"):
    """The candidates of an ambiguous name; picking one shows their card (works after restarts too). The
    asker's pick replaces the list; anyone else's shows them the card privately and leaves the list.

    An option's value is the person's story id and name, unique even when one full name is in two
    stories (Discord refuses a select with two equal values)."""

    def __init__(self, options: list[discord.SelectOption], asker: int | None):
        custom_id = PICK_ID if asker is None else f"{PICK_ID}:{asker}"
        super().__init__(discord.ui.Select(custom_id=custom_id, placeholder="Which one?", options=options))
        self.asker = asker

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[discord.ui.View], match: re.Match[str]
    ) -> PickPerformer:
        if not isinstance(item, discord.ui.Select):  # the message's component under our custom_id is a select
            raise TypeError(f"{PICK_ID} names a select, not {type(item).__name__}")
        asker = match["asker"]
        return cls(item.options, None if asker is None else int(asker))

    @classmethod
    def for_lookup(cls, lookup: Lookup, asker: int) -> PickPerformer:
        shown = lookup.matches[:SELECT_OPTIONS_LIMIT]
        stories = Counter(p.story for p in shown)
        return cls(
            [
                discord.SelectOption(
                    label=clip(p.name, CHOICE_LIMIT),
                    value=f"{story_id(p.path)}:{p.name}"[:CHOICE_LIMIT],
                    description=clip(p.story if stories[p.story] == 1 else f"{p.story} ({p.path})", CHOICE_LIMIT),
                )
                for p in shown
            ],
            asker,
        )

    async def callback(self, interaction: discord.Interaction) -> None:
        values = self.item.values
        story, _, name = values[0].partition(":") if values else ("", "", "")
        found = story_bot(interaction).library.performers.find(name).matches if name else ()
        matches = [p for p in found if story_id(p.path) == story and p.name.startswith(name)]
        if not matches:
            await send_ephemeral(interaction, "That person is no longer in the stories; try /performer again.")
            return
        await own_or_copy(interaction, self.asker, lambda _: Reply(embed=performer_embed(matches[0])))


class Performers(StoryCog):
    dynamic_items = (PickPerformer,)

    @app_commands.command(name="performer", description="Look up a person of the stories")
    @app_commands.describe(name="First name, surname or full name (accents and small typos are fine)")
    @within_budget()
    async def performer(self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 100]) -> None:
        lookup = await asyncio.to_thread(self.bot.library.performers.find, name)
        if not lookup.matches:
            await send_ephemeral(interaction, not_found_text(lookup))
        elif lookup.ambiguous:
            pick = PickPerformer.for_lookup(lookup, interaction.user.id)
            reply = Reply(embed=candidates_embed(lookup), view=persistent_view(pick))
            await respond(interaction, reply, private=False)
        else:
            await respond(interaction, Reply(embed=performer_embed(lookup.matches[0])), private=False)

    @performer.autocomplete("name")
    async def performer_names(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        performers = self.bot.library.performers.complete(current)
        return [
            app_commands.Choice(name=clip(f"{p.name} ({p.story})", CHOICE_LIMIT), value=p.name[:CHOICE_LIMIT])
            for p in performers
        ]


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(Performers(bot))
