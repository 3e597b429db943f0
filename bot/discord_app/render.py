"""Answers, people and story lists as Discord embeds, always inside Discord's limits."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

import discord
from discord.utils import MISSING

from bot.core.answer import Answer, Excerpt, Hit
from bot.core.corpus import Passage
from bot.core.index_damage import IndexDamage
from bot.messages import (
    ALSO_FIELD,
    MENTIONS_FIELD,
    PASSAGE_FIELD,
    PERSON_HINT,
    PICK_HINT,
    REBUILDING,
    SCOPE_FIELD,
    SCOPE_HINT,
    STORY_FIELD,
    chapter_passage_text,
    closest_people_text,
    code_span,
    hit_place,
    index_damaged_message,
    misspelt_person_text,
    more_people_text,
    more_than_one_person_text,
    no_answer_message,
    no_person_text,
    page_text,
    passage_of_text,
    person_in_story_text,
    pronoun_reading_text,
    result_number_text,
    searched_instead_text,
    stories_title,
    story_passages_text,
)
from bot.one_line import one_line
from bot.operations.ask import Asked
from bot.operations.list_stories import StoryList
from bot.operations.look_up_person import PersonLookup, PersonRef
from bot.operations.story_ref import StoryRef

# https://discord.com/developers/docs/resources/message#embed-object-embed-limits
MESSAGE_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_LIMIT = 1024
FOOTER_LIMIT = 2048
EMBED_TOTAL_LIMIT = 6000
CHOICE_LIMIT = 100  # a choice's or a select option's name and value
CANNOT_REPLY_WITHOUT_HISTORY = 160002
"""Discord's error code for a reply sent where the bot lacks Read Message History."""
ELLIPSIS = "…"
QUESTION_PREFIX = "Q: "
"""The footer of an answer shows the question (its buttons read it by the answer's id, never from here)."""
STORIES_PER_PAGE = 15
STORY_LINE_LIMIT = (DESCRIPTION_LIMIT - STORIES_PER_PAGE + 1) // STORIES_PER_PAGE
"""The most a story's line of /stories takes, so that a whole page of them, line breaks and all, fits one embed's
description: clipped as a whole, a page of long titles shown with their files lost its last stories."""
PICK_LIMIT = 25
"""Discord's cap on a select's options: the people a pick list offers."""
COLOR = discord.Color.dark_teal()


PartT = TypeVar("PartT")

_ESCAPED = re.compile(r"\\.", re.DOTALL)
"""A character escape_markdown escaped (its backslash and the character): no bold marker, however many "*"."""

_MARKDOWN = re.compile(
    r"(?P<url><[^<: >]+:/[^< >]+>|(?:https?|steam)://[^\s<]+[^<.,:;\"'\]\s])"
    r"|(?P<indent>^[ \t]*)-|(?P<markdown>[_\\~|*`\[]|^>(?:>>)?\s|^#{1,3}"
    r"|<(?=@[!&]?\d|#\d|/[^\s<>:]+:\d|t:-?\d+(?::[tTdDfFR])?>|a?:\w+:\d+>|id:\w+>)|@(?=(?:everyone|here)\b))",
    re.MULTILINE,
)
"""Discord's markdown as discord.py's escape_markdown finds it, and links it leaves whole; but every "[" stands
for a masked link's [text](url), and a list's "-" is found on its own line. Mentions are markup too: `<@&456>`
in a story (or typed) is drawn as a role's mention, `<#2001>` as a link to a channel, `</help:1>` as a command,
`@everyone` highlighted; and so is what Discord draws as something else: `<t:0:R>` as a time ("56 years ago"),
`<:wave:123>` and `<a:dance:456>` as emoji, `<id:browse>` as a link; escaped, each shows as written (no message the
bot sends pings anyone: StoryBot's allowed_mentions). Each lookahead stops at the first character its part cannot
take, before the next "<": linear."""


def escape_markdown(text: str) -> str:
    """Text shown as it is: Discord's markdown escaped with backslashes, links left whole, in time linear in
    the text. discord.py's escape_markdown finds a masked link with `\\[.+\\]\\(.+\\)`, which backtracks: a line
    of "[" and "](" took time cubic in its length (1.8 s for the 4,096 characters of a passage read on, on the
    event loop, for every server). Escaping every "[" leaves no masked link either; its "- " after a blank
    line, which discord.py's `^\\s*-` missed, is escaped too."""

    def escaped(found: re.Match[str]) -> str:
        if found["url"]:
            return found["url"]
        if found["indent"] is not None:
            return found["indent"] + "\\-"
        return "\\" + found["markdown"]

    return _MARKDOWN.sub(escaped, text)


def _given(part: PartT | None) -> PartT:
    """A part of a message to send, or discord.py's "not given" for one it lacks: the part is then left out
    of the request (None would be sent, as an empty part)."""
    return MISSING if part is None else part


@dataclass(frozen=True)
class Reply:
    """What the bot says: text, an embed, buttons; every extension renders into one of these, and it is
    sent, or shown in place of a message, by its own methods (with exactly the parts there are)."""

    content: str | None = None
    embed: discord.Embed | None = None
    view: discord.ui.View | None = None

    def as_text(self) -> Reply:
        """The reply with its embed written into its text (embed_text), its buttons kept: for a channel where the
        bot lacks Embed Links, where Discord takes a message but shows none of its embeds (an answer was blank)."""
        if self.embed is None:
            return self
        above = f"{self.content}\n\n" if self.content else ""
        return Reply(content=above + embed_text(self.embed, MESSAGE_LIMIT - len(above)), view=self.view)

    async def send_response(self, interaction: discord.Interaction, *, ephemeral: bool = False) -> None:
        """As the interaction's first response."""
        await interaction.response.send_message(
            self.content, embed=_given(self.embed), view=_given(self.view), ephemeral=ephemeral
        )

    async def send_followup(self, interaction: discord.Interaction, *, ephemeral: bool = False) -> None:
        """After the interaction's first response."""
        await interaction.followup.send(
            _given(self.content), embed=_given(self.embed), view=_given(self.view), ephemeral=ephemeral
        )

    async def reply_to(self, message: discord.Message) -> discord.Message:
        """As a reply to the message, which does not ping its author; where the bot may not read the channel's
        history, which Discord requires of a reply (it refuses one with 160002), as a message of its own."""
        try:
            return await message.reply(
                self.content, embed=_given(self.embed), view=_given(self.view), mention_author=False
            )
        except discord.HTTPException as error:
            if error.code != CANNOT_REPLY_WITHOUT_HISTORY:
                raise
            return await message.channel.send(self.content, embed=_given(self.embed), view=_given(self.view))

    async def edit_message(self, message: discord.PartialMessage) -> None:
        """In place of one of the bot's own messages, likewise."""
        await message.edit(content=self.content, embed=self.embed, view=self.view)

    async def edit_response(self, interaction: discord.Interaction) -> None:
        """In place of the message whose button or select was used: a part left out is removed from it."""
        await interaction.response.edit_message(content=self.content, embed=self.embed, view=self.view)

    async def edit_original(self, interaction: discord.Interaction) -> None:
        """In place of the message the interaction (already acknowledged) belongs to, likewise."""
        await interaction.edit_original_response(content=self.content, embed=self.embed, view=self.view)


def embed_text(embed: discord.Embed, limit: int = MESSAGE_LIMIT) -> str:
    """An embed as a message's text within `limit`: its title in bold, its description, each field's name in bold
    over its value, its footer small (escaped: an embed's footer shows no markdown, a message's text does). The
    fields and footer take at most half; the description (the passage) what is left, a bold word cut short closed."""
    title = f"**{embed.title}**" if embed.title else ""
    fields = [f"**{field.name}**\n{field.value}" for field in embed.fields]
    if embed.footer.text:
        fields.append(f"-# {plain_line(embed.footer.text, limit // 4)}")
    tail = clip("\n\n".join(fields), limit // 2)
    description = clip(embed.description or "", limit - len(title) - len(tail) - 6)  # the breaks and a closing **
    if _ESCAPED.sub("", description).count("**") % 2:  # cut inside a matched word's bold
        description += "**"
    top = "\n".join(part for part in (title, description) if part)
    return "\n\n".join(part for part in (top, tail) if part)


def persistent_view(*items: discord.ui.Item[discord.ui.View | discord.ui.LayoutView]) -> discord.ui.View | None:
    """Buttons and selects that work after a restart, or None for none.

    The view is stopped before it is sent, so discord.py keeps no view per message in memory for
    ever: its items are DynamicItems, dispatched by their custom_id alone.
    """
    if not items:
        return None
    view = discord.ui.View(timeout=None)
    for item in items:
        view.add_item(item)
    view.stop()
    return view


def page_count(total: int, per_page: int) -> int:
    return max(1, -(-total // per_page))


def clamp_page(page: int, total: int, per_page: int) -> int:
    return min(max(page, 0), page_count(total, per_page) - 1)


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, cut between words with an ellipsis when it must be cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + ELLIPSIS


def plain(text: str, limit: int) -> str:
    """Text shown as it is: markdown escaped, then clipped without breaking an escape. Only what can be
    shown is escaped (escaping never shortens text): discord.py's escape takes time quadratic in a line of
    "[", and a story's title may be one of any length."""
    text = clip(text, limit)
    escaped = escape_markdown(text)
    while len(escaped) > limit:  # shorter in proportion: in a line of markdown each character escapes to two
        text = clip(text, min(len(text) - 1, len(text) * limit // len(escaped)))
        escaped = escape_markdown(text)
    return escaped


def plain_line(text: str, limit: int) -> str:
    """Text of one line that names things from files or from Discord (a story's title, a file's, a chapter's, a
    person's, what someone typed), or a name alone, shown as it is within its line: line breaks, controls and
    bidirectional controls as escapes (bot.one_line: a name cannot start a line of its own, nor turn the rest of
    the line around), then as plain() shows it."""
    return plain(one_line(text), limit)


def marked_excerpt(excerpt: Excerpt, limit: int = DESCRIPTION_LIMIT) -> str:
    """The excerpt with matched words in bold and everything else shown literally."""
    parts = []
    used = 0
    for piece, matched in excerpt.segments():
        rendered = f"**{escape_markdown(piece)}**" if matched else escape_markdown(piece)
        if used + len(rendered) > limit - 1:
            parts.append(ELLIPSIS)
            break
        parts.append(rendered)
        used += len(rendered)
    return "".join(parts)


def answer_embed(asked: Asked, scope_hint: str = SCOPE_HINT) -> discord.Embed:
    """One passage (the best, or the page's first) and a line naming the next ones; a title another story
    has too is followed by the story's file."""
    answer = asked.answer
    hit = answer.best
    assert hit is not None
    description = marked_excerpt(hit.excerpt)
    reading = answer.pronoun_reading  # said under the words searched instead, as the command line says it
    if reading is not None:  # "what does she do" in a story's thread: whom "she" was taken to mean
        said = pronoun_reading_text(reading.pronouns, escape_markdown(reading.person))
        description = clip(f"{said}\n\n{description}", DESCRIPTION_LIMIT)
    if answer.corrections:
        # Each word searched once: two typos of one word ("audiance audeince") are one word searched instead.
        searched = dict.fromkeys(c.replacement for c in answer.corrections)
        note = searched_instead_text([f"*{escape_markdown(word)}*" for word in searched])
        description = clip(f"{note}\n\n{description}", DESCRIPTION_LIMIT)
    embed = discord.Embed(title=plain_line(hit.story, TITLE_LIMIT), description=description, color=COLOR)
    position = passage_of_text(hit.passage, hit.passage_count)
    if hit.chapter:
        position = chapter_passage_text(plain_line(clip(hit.chapter, 200), 400), hit.chapter_passage, position)
    if answer.offset:
        position += result_number_text(answer.offset + 1)
    embed.add_field(name=PASSAGE_FIELD, value=position + _file_note(asked.stories[0]), inline=True)
    if answer.alternatives:
        embed.add_field(name=ALSO_FIELD, value=_alternatives(answer.alternatives, asked.stories[1:]), inline=False)
    if answer.scope is not None:
        embed.add_field(name=SCOPE_FIELD, value=scope_hint, inline=False)
    embed.set_footer(text=clip(QUESTION_PREFIX + one_line(answer.question), FOOTER_LIMIT))
    return fit(embed)


def passage_embed(story: StoryRef, passage: Passage, question: str | None) -> discord.Embed:
    """A passage read on from an answer: its whole text, where it stands, and the question kept."""
    embed = discord.Embed(
        title=plain_line(story.title, TITLE_LIMIT), description=plain(passage.text, DESCRIPTION_LIMIT), color=COLOR
    )
    position = passage_of_text(passage.number, story.passages)
    if passage.chapter:
        position = chapter_passage_text(plain_line(clip(passage.chapter, 200), 400), passage.chapter_number, position)
    embed.add_field(name=PASSAGE_FIELD, value=position + _file_note(story), inline=True)
    if question is not None:
        embed.set_footer(text=clip(QUESTION_PREFIX + one_line(question), FOOTER_LIMIT))
    return fit(embed)


def _file_note(story: StoryRef) -> str:
    """For a title two stories share, which story's file this is."""
    return f" · {file_span(story.file, 200)}" if story.title_shared else ""


def story_mention(story: StoryRef, limit: int = 200) -> str:
    """The story named in a sentence: its title in italics, and its file when another story has the same title."""
    return f"*{plain_line(story.title, limit)}*{_file_note(story)}"


def file_span(path: str, limit: int) -> str:
    """A file's path in a code span, on one line, as it is."""
    return code_span(clip(one_line(path), limit))


def story_label(story: StoryRef, limit: int) -> str:
    """The story's title in at most `limit` characters (an autocomplete choice's, a select option's); with
    the end of its file's path (what tells it apart) when another story has the same title."""
    title = one_line(story.title)
    if not story.title_shared:
        return clip(title, limit)
    path = one_line(story.file)
    tail = path if len(path) <= limit // 2 else ELLIPSIS + path[-(limit // 2 - 1) :]
    return f"{clip(title, limit - len(tail) - 3)} ({tail})"


def _alternatives(hits: Sequence[Hit], stories: Sequence[StoryRef]) -> str:
    lines = [
        f"{plain_line(clip(h.story, 200), 400)}{' · ' + file_span(s.file, 100) if s.title_shared else ''}, "
        f"{plain_line(clip(hit_place(h), 200), 400)}"
        for h, s in zip(hits, stories, strict=True)
    ]
    return clip("\n".join(lines), FIELD_LIMIT)


def no_answer_text(answer: Answer) -> str:
    return plain_line(no_answer_message(answer, REBUILDING), MESSAGE_LIMIT)


def index_damaged_text(damage: IndexDamage) -> str:
    """For a passage that could not be read: the saved index is damaged, and being rebuilt."""
    return plain(index_damaged_message(damage, REBUILDING), MESSAGE_LIMIT)


def person_embed(person: PersonRef) -> discord.Embed:
    embed = discord.Embed(
        title=plain_line(person.name, TITLE_LIMIT), description=plain(person.intro, DESCRIPTION_LIMIT), color=COLOR
    )
    story = plain_line(person.story.title, FIELD_LIMIT - 210) + _file_note(person.story)
    embed.add_field(name=STORY_FIELD, value=story, inline=False)
    embed.add_field(name=MENTIONS_FIELD, value=str(person.mentions), inline=True)
    return fit(embed)


def candidates_embed(lookup: PersonLookup) -> discord.Embed:
    """The people a name could be, each with their story (and its file, for a title two stories share); for a name
    no one has as typed, the closest (candidates_reply says so over them)."""
    lines = [
        person_in_story_text(
            f"**{plain_line(clip(p.name, 100), 200)}**", plain_line(clip(p.story.title, 200), 400) + _file_note(p.story)
        )
        for p in lookup.people[:PICK_LIMIT]
    ]
    if len(lookup.people) > PICK_LIMIT:  # listed, they were told to be picked below, where they were not
        lines.append(plain_line(more_people_text(len(lookup.people) - PICK_LIMIT, clip(lookup.query, 100)), 400))
    heading = closest_people_text if lookup.misspelt else more_than_one_person_text
    embed = discord.Embed(
        title=plain_line(heading(clip(lookup.query, 100)), TITLE_LIMIT),
        description=clip("\n".join(lines), DESCRIPTION_LIMIT - len(PICK_HINT)) + PICK_HINT,
        color=COLOR,
    )
    return fit(embed)


def candidates_reply(lookup: PersonLookup, view: discord.ui.View | None) -> Reply:
    """The people a name could be, to pick from; over them, when no one has the name as typed, that they are the
    closest."""
    note = misspelt_person_text(lookup)
    return Reply(content=plain_line(note, MESSAGE_LIMIT) if note else None, embed=candidates_embed(lookup), view=view)


def found_person_reply(lookup: PersonLookup) -> Reply:
    """The card of the one person found; over it, when no one has the name as typed, that this is the closest."""
    note = misspelt_person_text(lookup)
    return Reply(content=plain_line(note, MESSAGE_LIMIT) if note else None, embed=person_embed(lookup.people[0]))


def not_found_text(lookup: PersonLookup) -> str:
    return plain_line(no_person_text(lookup, PERSON_HINT), MESSAGE_LIMIT)


def stories_embed(listed: StoryList) -> discord.Embed:
    """A page of the library's titles (`listed`, from its first story); a title more than one story has
    shows each one's file."""
    pages = page_count(listed.total, STORIES_PER_PAGE)
    embed = discord.Embed(
        title=stories_title(listed.total), description="\n".join(map(_listed_story, listed.stories)), color=COLOR
    )
    if pages > 1:
        embed.set_footer(text=page_text(listed.first // STORIES_PER_PAGE + 1, pages))
    return fit(embed)


def _listed_story(story: StoryRef) -> str:
    """A story's line of the list, within STORY_LINE_LIMIT: its title takes what its file and passages leave."""
    rest = (f"{file_span(story.file, 100)}, " if story.title_shared else "") + story_passages_text(story.passages)
    return f"**{plain_line(clip(story.title, 150), min(300, STORY_LINE_LIMIT - len(rest) - 5))}** {rest}"


def fit(embed: discord.Embed) -> discord.Embed:
    """Shortens the footer, then the description, until the embed is within the total limit."""
    excess = len(embed) - EMBED_TOTAL_LIMIT
    if excess > 0 and embed.footer.text:
        embed.set_footer(text=clip(embed.footer.text, max(len(embed.footer.text) - excess, 20)))
        excess = len(embed) - EMBED_TOTAL_LIMIT
    if excess > 0 and embed.description:
        embed.description = clip(embed.description, max(len(embed.description) - excess, 1))
    return embed
