"""Reading on from an answer: the story it quotes (for follow-ups), and ◀ Previous / Next ▶, which show
the story's neighbouring passages in place, after restarts too.

The story is the answer's (its embed's title) and the passage number is in the button's custom_id,
so nothing needs to be remembered between clicks.
"""

from __future__ import annotations

import re

import discord

from bot.core.corpus import Story
from bot.core.library import StoryLibrary
from bot.discord_app.client import send_ephemeral, story_bot
from bot.discord_app.cog import spent_or_refused
from bot.discord_app.render import Reply, passage_embed, persistent_view, question_from_footer

WAYS = {"prev": "◀ Previous", "next": "Next ▶"}


def answer_story(library: StoryLibrary, message: discord.Message | None, bot_id: int) -> int | None:
    """The story one of the bot's answers quotes (its embed's title), or None for any other message."""
    if message is None or message.author.id != bot_id or not message.embeds:
        return None
    embed = message.embeds[0]
    if question_from_footer(embed) is None or not embed.title:
        return None
    lookup = library.story_finder.find(embed.title.replace("\\", ""))
    return lookup.matches[0] if len(lookup.matches) == 1 else None


class ReadOn(discord.ui.DynamicItem[discord.ui.Button], template=r"storybot:read:(?P<number>\d+):(?P<way>prev|next)"):
    def __init__(self, number: int, way: str, disabled: bool = False):
        super().__init__(
            discord.ui.Button(
                label=WAYS[way],
                style=discord.ButtonStyle.secondary,
                custom_id=f"storybot:read:{number}:{way}",
                disabled=disabled,
            )
        )
        self.number = number

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str]
    ) -> ReadOn:
        return cls(int(match["number"]), match["way"])

    async def callback(self, interaction: discord.Interaction) -> None:
        if not await spent_or_refused(interaction):
            return
        bot = story_bot(interaction)
        message = interaction.message
        story = answer_story(bot.library, message, bot.user.id) if bot.user else None
        if story is None or message is None:
            await send_ephemeral(interaction, "I can't find that story any more; please ask again.")
            return
        found = bot.library.corpus.stories[story]
        number = min(max(self.number, 1), found.passage_count)
        question = question_from_footer(message.embeds[0])
        await interaction.response.edit_message(**passage_reply(bot.library, found, number, question).to_edit())


def read_on_buttons(passage: int, passage_count: int) -> tuple[ReadOn, ReadOn]:
    """The two buttons for a message showing passage `passage` (from 1) of a story of passage_count."""
    return (
        ReadOn(max(passage - 1, 1), "prev", disabled=passage <= 1),
        ReadOn(min(passage + 1, passage_count), "next", disabled=passage >= passage_count),
    )


def passage_reply(library: StoryLibrary, story: Story, number: int, question: str | None) -> Reply:
    passage = library.corpus.passages[story.first_passage + number - 1]
    embed = passage_embed(story, passage, question)
    return Reply(embed=embed, view=persistent_view(*read_on_buttons(number, story.passage_count)))
