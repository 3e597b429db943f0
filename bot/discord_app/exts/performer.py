"""/performer: a person of the stories, with forgiving autocomplete and a pick list for shared names."""

from __future__ import annotations

import asyncio
import re

import discord
from discord import app_commands

from bot.discord_app.autocomplete import LOOKUP_SECONDS, AutocompleteTime
from bot.discord_app.client import StoryBot, respond, send_ephemeral, story_bot
from bot.discord_app.cog import StoryCog, library_here, own_or_copy, spent_or_refused, within_budget
from bot.discord_app.render import (
    CHOICE_LIMIT,
    PICK_LIMIT,
    Reply,
    candidates_reply,
    clip,
    found_person_reply,
    not_found_text,
    persistent_view,
    person_embed,
    story_label,
)
from bot.discord_app.typed_text import well_formed
from bot.messages import PERFORMER_COMMAND, PERFORMER_OPTIONS, PERSON_GONE, UNKNOWN_BUTTON, WHICH_ONE
from bot.one_line import one_line
from bot.operations.look_up_person import (
    MAX_PERSON_NAME_CHARS,
    PersonFound,
    PersonLookup,
    look_up_person,
    person_by_id,
    suggest_people,
)

PICK_ID = "storybot:pick"


class PickPerson(discord.ui.DynamicItem[discord.ui.Select], template=rf"{PICK_ID}(?::(?P<asker>\d{{1,20}}))?"):
    """The candidates of an ambiguous name; picking one shows their card (works after restarts too). The
    asker's pick replaces the list; anyone else's shows them the card privately and leaves the list.

    An option's value is the person's id (their story's id and a digest of their name): unique even when
    one full name is in two stories (Discord refuses a select with two equal values), however long the name."""

    def __init__(self, options: list[discord.SelectOption], asker: int | None, made_up: bool = False):
        custom_id = PICK_ID if asker is None else f"{PICK_ID}:{asker}"
        super().__init__(discord.ui.Select(custom_id=custom_id, placeholder=WHICH_ONE, options=options))
        self.asker = asker
        self.made_up = made_up
        """Sent as another kind of component than the select the bot sends under this custom_id: a client made it
        up. Raising here logged a traceback and left the click unanswered."""

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[discord.ui.View], match: re.Match[str]
    ) -> PickPerson:
        asker = None if match["asker"] is None else int(match["asker"])
        if not isinstance(item, discord.ui.Select):
            return cls([], asker, made_up=True)
        return cls(item.options, asker)

    @classmethod
    def for_lookup(cls, lookup: PersonLookup, asker: int) -> PickPerson:
        return cls(
            [
                discord.SelectOption(
                    label=clip(one_line(p.name), CHOICE_LIMIT),
                    value=p.id,
                    description=story_label(p.story, CHOICE_LIMIT),
                )
                for p in lookup.people[:PICK_LIMIT]
            ],
            asker,
        )

    async def callback(self, interaction: discord.Interaction) -> None:
        if self.made_up:
            await send_ephemeral(interaction, UNKNOWN_BUTTON)
            return
        # A pick looks a person up as a typed name does, so it spends from the same budget (acknowledged first: this
        # server's view may be building).
        if not await spent_or_refused(interaction):
            return
        values = self.item.values
        library = await story_bot(interaction).view(interaction.guild_id)
        person = await asyncio.to_thread(person_by_id, library, values[0]) if values and library is not None else None
        if person is None:
            await send_ephemeral(interaction, PERSON_GONE)
            return
        await own_or_copy(interaction, self.asker, lambda _: Reply(embed=person_embed(person)))


class People(StoryCog):
    dynamic_items = (PickPerson,)

    @app_commands.command(name="performer", description=PERFORMER_COMMAND)
    @app_commands.describe(**PERFORMER_OPTIONS)
    @within_budget()
    async def performer(
        self, interaction: discord.Interaction, name: app_commands.Range[str, 1, MAX_PERSON_NAME_CHARS]
    ) -> None:
        library = await library_here(interaction)
        if library is None:
            return
        lookup = await asyncio.to_thread(look_up_person, library, well_formed(name))  # said back: UTF-8 only
        if lookup.found in (PersonFound.NONE, PersonFound.TOO_LONG, PersonFound.EMPTY):
            await send_ephemeral(interaction, not_found_text(lookup))
        elif lookup.found is PersonFound.AMBIGUOUS:
            pick = PickPerson.for_lookup(lookup, interaction.user.id)
            await respond(interaction, candidates_reply(lookup, persistent_view(pick)), private=False)
        else:
            await respond(interaction, found_person_reply(lookup), private=False)

    @performer.autocomplete("name")
    async def performer_names(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        """The people whose name starts with what was typed, each with their story; the value is the person's id,
        so picking one shows that person, whoever else has the name."""
        time_left = AutocompleteTime()
        library = await time_left.view(self.bot, interaction.guild_id)
        # In a thread: a saved library reads its people and indexes their names at the first lookup.
        people = (
            await time_left.within(asyncio.to_thread(suggest_people, library, current), tuple, at_least=LOOKUP_SECONDS)
            if library is not None
            else ()
        )
        return [
            app_commands.Choice(
                name=clip(f"{one_line(p.name)} ({story_label(p.story, CHOICE_LIMIT // 2)})", CHOICE_LIMIT), value=p.id
            )
            for p in people
        ]


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(People(bot))
