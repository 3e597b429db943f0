"""Changing the stories from Discord (Manage Server, checked by Discord and again here).

`/story add`, `replace`, `remove` and `restore` change the server's own stories, its shelf in the database
(bot.state.shelves): every change is kept, so adding a name that is there replaces it (Undo, or /story
restore, brings the version before back) and removing asks first. The bot owner's library, the corpus
folder, changes only for the application's owner (or its team): `/story add to:library`, and replace or
remove of one of its stories, as a file written into the folder (bot.core.shelf). `/reload` rereads it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import secrets
from dataclasses import dataclass, field
from enum import StrEnum

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from bot.core.readers import story_suffix
from bot.core.shelf import (
    Shelf,
    ShelfError,
    StoryExists,
    StoryFile,
    UploadRefusal,
    require_upload_size,
    safe_file_name,
)
from bot.discord_app import attachments
from bot.discord_app.attachments import EndedShort, ForeignHost, downloaded
from bot.discord_app.autocomplete import AutocompleteTime
from bot.discord_app.client import (
    NotInServer,
    StoryBot,
    acknowledge,
    command_name,
    send_ephemeral,
    show_in_place,
    story_bot,
    think,
)
from bot.discord_app.cog import StoryCog, choices_here, library_here, one_story
from bot.discord_app.left_waiting import answered
from bot.discord_app.render import (
    CHOICE_LIMIT,
    MESSAGE_LIMIT,
    Reply,
    clip,
    escape_markdown,
    file_span,
    persistent_view,
    plain_line,
)
from bot.discord_app.typed_text import well_formed
from bot.messages import (
    ADD_COMMAND,
    ADD_OPTIONS,
    ADD_TO_CHOICES,
    CANCEL,
    CANCELLED,
    FOREIGN_ATTACHMENT,
    HISTORY_COMMAND,
    MANAGE_SERVER,
    NO_SHELF_STORIES,
    OWNER_ONLY,
    PICK_A_VERSION,
    RELOAD_COMMAND,
    RELOAD_OWNER_ONLY,
    REMOVE,
    REMOVE_COMMAND,
    REMOVE_OPTIONS,
    REPLACE,
    REPLACE_COMMAND,
    REPLACE_OPTIONS,
    REQUEST_EXPIRED,
    RESTORE_COMMAND,
    RESTORE_OPTIONS,
    SHELF_HISTORY_HEADING,
    SHELF_OF_A_SERVER_LEFT,
    STORY_GROUP,
    UNDO,
    UNKNOWN_BUTTON,
    UPLOAD_STOPPED,
    WENT_WRONG,
    WORKING,
    added_text,
    already_a_story_question,
    database_trouble_text,
    download_failed_text,
    folder_unchanged_text,
    late_shelf_report_text,
    library_name_text,
    library_replace_question,
    reload_stopped_text,
    reload_text,
    remove_from_library_question,
    remove_from_server_question,
    removed_text,
    replaced_text,
    shelf_change_text,
    shelf_history_line,
    size_text,
    upload_refusal_text,
    version_label,
)
from bot.one_line import one_line
from bot.operations.change_shelf import (
    add_to_shelf,
    kept_versions,
    library_file_named,
    read_upload,
    remove_from_shelf,
    restore_on_shelf,
)
from bot.operations.reload import Reloaded, reload
from bot.operations.resolve_story import MAX_STORY_NAME_CHARS
from bot.operations.story_ref import StoryRef
from bot.state.database_fault import DatabaseTask
from bot.state.guarded_engine import DatabaseUnavailable
from bot.state.shelf_rules import RESTORE_ROOM
from bot.state.shelves import BOT_OWNER, Present, ShelfAction, ShelfVersion

log = logging.getLogger(__name__)

UPLOAD_READERS = 2
"""Uploads read at once, from different servers. More than one, so one server's slow file (up to
STORYBOT_UPLOAD_SECONDS) does not hold every other server's uploads; few, because each reader is a process that
keeps a core busy and may take STORYBOT_UPLOAD_MB of memory: two fill a 2-core machine's cores, which the bot's
own process shares, and take at most 2 GB by default. Reading is CPU work: more readers than cores only slice the
cores thinner."""
PENDING_KEPT = 20
"""Changes to the owner's library waiting for a click; older ones expire (their buttons then say so)."""
SHELF_READINGS = frozenset({"history"})
"""The /story commands that only read a server's stories: answered in a server that removed the bot as in any."""


class AddTo(StrEnum):
    """Where /story add puts a story: the ids Discord sends for its `to` choices, which stay as they are whatever
    the names Discord shows (bot.messages.ADD_TO_CHOICES) become."""

    SERVER = "server"
    LIBRARY = "library"


ADD_TO = [app_commands.Choice(name=ADD_TO_CHOICES[place], value=place.value) for place in AddTo]


def history_line(version: ShelfVersion) -> str:
    """One change of a server's history, for /story history."""
    return shelf_history_line(
        when=f"{version.created_at:%Y-%m-%d %H:%M}",
        action=version.action,
        name=plain_line(version.name, 200),
        size=version.size,
        who=None if version.user_id == BOT_OWNER else f"<@{version.user_id}>",  # shelf import's: no user
        current=version.current,
        moved_out=version.moved_out,
    )


def version_choice(version: ShelfVersion) -> app_commands.Choice[str]:
    """A kept version to restore, for autocomplete: its name, what was done and when; its id as the value."""
    label = version_label(one_line(version.name), version.action, f"{version.created_at:%Y-%m-%d %H:%M}")
    return app_commands.Choice(
        name=clip(f"{label} · {size_text(version.size)}", CHOICE_LIMIT), value=str(version.version_id)
    )


@dataclass(frozen=True)
class Pending:
    """A change to the owner's library waiting for its confirmation: replace a story file, or remove one."""

    action: str
    name: str
    data: bytes | None
    """The story file as it will be written (any format readers/ takes)."""
    user: int


@dataclass
class UploadTurns:
    """A server's uploads, downloaded and read one after the other: another waits its turn, holding nothing,
    so one server's flood takes one place at a time in the queue for Admin.readers (where it waits holding
    nothing either: it is downloaded once a reader is its)."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    uploads: int = 0
    """Under way or waiting; the server's turns are forgotten when none is left."""


class Confirm(
    discord.ui.DynamicItem[discord.ui.Button], template=r"storybot:confirm:(?P<token>\w+):(?P<answer>yes|no)"
):
    def __init__(self, token: str, answer: str, label: str, made_up: bool = False):
        style = discord.ButtonStyle.danger if answer == "yes" else discord.ButtonStyle.secondary
        super().__init__(discord.ui.Button(label=label, style=style, custom_id=f"storybot:confirm:{token}:{answer}"))
        self.token, self.answer = token, answer
        self.made_up = made_up
        """Sent as another kind of component than the button the bot sends under this custom_id: a client made it
        up. Raising here logged a traceback and left the click unanswered."""

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[discord.ui.View], match: re.Match[str]
    ) -> Confirm:
        if not isinstance(item, discord.ui.Button):
            return cls(match["token"], match["answer"], "", made_up=True)
        return cls(match["token"], match["answer"], item.label or "")

    async def callback(self, interaction: discord.Interaction) -> None:
        if self.made_up:
            await send_ephemeral(interaction, UNKNOWN_BUTTON)
            return
        await _admin(interaction).confirmed(interaction, self.token, self.answer == "yes")


SHELF_BUTTONS = {
    "remove": (REMOVE, discord.ButtonStyle.danger),
    "restore": (UNDO, discord.ButtonStyle.secondary),
    "cancel": (CANCEL, discord.ButtonStyle.secondary),
}


class ShelfButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"storybot:shelf:(?P<action>remove|restore|cancel):(?P<number>\d{1,15})",
):
    """A change to the server's own stories offered under a message: *Remove* (a story, by its number), *Undo*
    (restores a version, by its number), *Cancel*. Everything is in the custom_id, so any process of the bot
    takes the click, after a restart too; the shelf checks the number is this server's."""

    def __init__(self, action: str, number: int):
        label, style = SHELF_BUTTONS[action]
        super().__init__(discord.ui.Button(label=label, style=style, custom_id=f"storybot:shelf:{action}:{number}"))
        self.action, self.number = action, number

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[discord.ui.View], match: re.Match[str]
    ) -> ShelfButton:
        return cls(match["action"], int(match["number"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        await _admin(interaction).shelf_clicked(interaction, self.action, self.number)


def _admin(interaction: discord.Interaction) -> Admin:
    admin = story_bot(interaction).get_cog(Admin.__cog_name__)
    assert isinstance(admin, Admin)
    return admin


class Admin(StoryCog):
    dynamic_items = (Confirm, ShelfButton)
    story = app_commands.Group(
        name="story",
        description=STORY_GROUP,
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: StoryBot):
        super().__init__(bot)
        self.pending: dict[str, Pending] = {}
        self.reading: dict[int, UploadTurns] = {}
        """The servers with uploads under way."""
        self.readers = asyncio.Semaphore(UPLOAD_READERS)
        """Uploads being read, each in a worker process (ended past STORYBOT_UPLOAD_SECONDS, capped at
        STORYBOT_UPLOAD_MB): a server reads one at a time (UploadTurns), so a server waits here with one upload
        at most, and the semaphore wakes its waiters in turn: one server's slow file holds one reader, never
        another server's upload. Six read at once in asyncio's shared threads held every server's /performer.
        An upload is downloaded once it holds a reader: downloaded before, each server waiting here held its
        file (up to 8 MB), and a member managing many servers held one for each."""

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """/story is refused in a server the bot is no longer in (Discord leaves its commands there, and sends them):
        nothing is downloaded or changed for it. A change already under way asks again as it is stored (_present).
        /reload is not: it reads the owner's library, every server's, and was told "its stories can't be changed";
        nor /story history, which changes nothing and was told so too: the stories are kept, and so is their history."""
        command = interaction.command
        shelf = (
            isinstance(command, app_commands.Command)
            and command.root_parent is self.story
            and command.name not in SHELF_READINGS
        )
        if shelf and interaction.guild_id is not None and not self._present(interaction.guild_id)():
            await acknowledge(interaction, private=True)
            raise NotInServer(SHELF_OF_A_SERVER_LEFT)
        return True

    def _present(self, server: int) -> Present:
        """Whether the bot is in the server now, as Discord sent its servers (READY, GUILD_CREATE, GUILD_DELETE):
        asked by a change to the server's shelf once it holds the shelf's lock."""
        return lambda: self.bot.get_guild(server) is not None

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        """The bot was removed from the server: a change to its shelf under way (an upload being stored) commits
        first, and none is made after (each asks _present under the same lock)."""
        try:
            await self.bot.database.shelves.settled(guild.id)
        except DatabaseUnavailable as error:  # a change under way then fails too, and later ones ask _present
            log.warning("Could not wait for the changes to the stories of server %s that it left: %s", guild.id, error)
            return
        log.info("Left server %s; its stories are kept as they are, and no longer change.", guild.id)

    @app_commands.command(name="reload", description=RELOAD_COMMAND)
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.checks.has_permissions(manage_guild=True)
    async def reload(self, interaction: discord.Interaction) -> None:
        await think(interaction, private=True)
        if not await self.bot.is_owner(interaction.user):  # what every server sees changes only at its owner's word
            await interaction.followup.send(RELOAD_OWNER_ONLY, ephemeral=True)
            return
        await self._report(interaction, await self._reloaded(interaction, read_cut_short_again=True))

    @story.command(name="add", description=ADD_COMMAND)
    @app_commands.describe(**ADD_OPTIONS)
    @app_commands.choices(to=ADD_TO)
    @app_commands.checks.has_permissions(manage_guild=True)
    async def add(
        self,
        interaction: discord.Interaction,
        file: discord.Attachment,
        title: app_commands.Range[str, 1, 200] | None = None,
        to: app_commands.Choice[str] | None = None,
    ) -> None:
        await think(interaction, private=True)
        place = AddTo.SERVER if to is None else AddTo(to.value)  # discord.py passes only a value among ADD_TO
        if place is AddTo.LIBRARY and not await self.bot.is_owner(interaction.user):
            await interaction.followup.send(OWNER_ONLY, ephemeral=True)
            return
        if place is AddTo.SERVER and await self._passes_for_the_library(interaction, file.filename):
            return
        uploaded = await self._upload(interaction, file, None, title)
        if uploaded is None:
            return
        name, upload = uploaded
        if place is AddTo.LIBRARY:
            await self._add_to_library(interaction, name, upload.data)
            return
        await self._shelf_change(interaction, "add", name, upload, file.filename)

    async def _passes_for_the_library(self, interaction: discord.Interaction, uploaded: str) -> bool:
        """Before a server's upload is downloaded: whether it was refused (said so), as a name of the owner's
        library's stories, which it would pass for. A name that cannot be used at all is refused as the upload is
        read; one of the server's own stories in another case is replaced by the shelf's change itself
        (bot.state.shelves: ShelfStore.add)."""
        try:
            name = safe_file_name(uploaded)
        except ShelfError:
            return False
        imitated = library_file_named(await self.bot.view(interaction.guild_id), name)
        if imitated is not None:
            await interaction.followup.send(library_name_text(clip(imitated, 300)), ephemeral=True)
        return imitated is not None

    @story.command(name="replace", description=REPLACE_COMMAND)
    @app_commands.describe(**REPLACE_OPTIONS)
    @app_commands.checks.has_permissions(manage_guild=True)
    async def replace(
        self,
        interaction: discord.Interaction,
        story: app_commands.Range[str, 1, MAX_STORY_NAME_CHARS],
        file: discord.Attachment,
        title: app_commands.Range[str, 1, 200] | None = None,
    ) -> None:
        await think(interaction, private=True)  # finding the story may build the view
        found = await self._picked(interaction, story)
        if found is None:
            return
        if found.shelf_story is None and not await self.bot.is_owner(interaction.user):
            await interaction.followup.send(OWNER_ONLY, ephemeral=True)
            return
        uploaded = await self._upload(interaction, file, found.file, title)
        if uploaded is None:
            return
        if found.shelf_story is not None:
            await self._shelf_change(interaction, "add", found.file, uploaded[1])
            return
        await self._ask(
            interaction,
            Pending("replace", found.path, uploaded[1].data, interaction.user.id),
            library_replace_question(
                file_span(found.path, 300), file_span(Shelf(self.bot.settings.corpus).kept.name, 300)
            ),
            REPLACE,
        )

    @story.command(name="remove", description=REMOVE_COMMAND)
    @app_commands.describe(**REMOVE_OPTIONS)
    @app_commands.checks.has_permissions(manage_guild=True)
    async def remove(
        self, interaction: discord.Interaction, story: app_commands.Range[str, 1, MAX_STORY_NAME_CHARS]
    ) -> None:
        await think(interaction, private=True)  # finding the story may build the view
        found = await self._picked(interaction, story)
        if found is None:
            return
        number = found.shelf_story
        title = plain_line(found.title, 300)  # a story's title is its file's: shown as written
        if number is not None:
            question = remove_from_server_question(title, file_span(found.file, 300))
            view = persistent_view(ShelfButton("remove", number), ShelfButton("cancel", 0))
            await Reply(content=clip(question, MESSAGE_LIMIT), view=view).send_followup(interaction, ephemeral=True)
            return
        if not await self.bot.is_owner(interaction.user):
            await interaction.followup.send(OWNER_ONLY, ephemeral=True)
            return
        shelf = Shelf(self.bot.settings.corpus)
        try:
            await asyncio.to_thread(shelf.own_file, found.path)  # a link is refused now, not after the yes
        except ShelfError as error:
            await interaction.followup.send(clip(_problem(error), MESSAGE_LIMIT), ephemeral=True)
            return
        question = remove_from_library_question(title, file_span(found.path, 300), file_span(shelf.kept.name, 300))
        await self._ask(interaction, Pending("remove", found.path, None, interaction.user.id), question, REMOVE)

    @story.command(name="restore", description=RESTORE_COMMAND)
    @app_commands.describe(**RESTORE_OPTIONS)
    @app_commands.checks.has_permissions(manage_guild=True)
    async def restore(self, interaction: discord.Interaction, version: app_commands.Range[str, 1, 100]) -> None:
        await think(interaction, private=True)
        if re.fullmatch(r"[0-9]{1,15}", version) is None:  # a version id, as its choice's value holds it
            await interaction.followup.send(PICK_A_VERSION, ephemeral=True)
            return
        await self._shelf_change(interaction, "restore", int(version))

    @story.command(name="history", description=HISTORY_COMMAND)
    @app_commands.checks.has_permissions(manage_guild=True)
    async def history(self, interaction: discord.Interaction) -> None:
        await think(interaction, private=True)
        assert interaction.guild_id is not None
        try:
            versions = await self.bot.database.shelves.history(interaction.guild_id)
        except DatabaseUnavailable as error:
            await interaction.followup.send(
                database_trouble_text(error.fault, DatabaseTask.READ_HISTORY), ephemeral=True
            )
            return
        if not versions:
            text = NO_SHELF_STORIES
        else:
            text = SHELF_HISTORY_HEADING + "\n".join(history_line(v) for v in versions)
        await interaction.followup.send(clip(text, MESSAGE_LIMIT), ephemeral=True)

    @remove.autocomplete("story")
    @replace.autocomplete("story")
    async def story_titles(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return await choices_here(interaction, current)

    @restore.autocomplete("version")
    async def versions_to_restore(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """The kept files not searched now, latest first, of the stories whose name holds what was typed: to
        managers only, as /story history (Discord runs no check before an autocomplete, and a server may show
        /story to a role without Manage Server); none while the database cannot say, in Discord's time."""
        server_id = interaction.guild_id
        if server_id is None or not interaction.permissions.manage_guild:
            return []

        async def versions() -> list[app_commands.Choice[str]]:
            try:
                return [version_choice(v) for v in await kept_versions(self.bot.database.shelves, server_id, current)]
            except DatabaseUnavailable:
                return []

        return await AutocompleteTime().within(versions(), list)

    async def shelf_clicked(self, interaction: discord.Interaction, action: str, number: int) -> None:
        """Remove, Undo or Cancel under a message about the server's own stories: checked again for Manage
        Server, and the shelf takes only this server's numbers."""
        if interaction.guild_id is None or not interaction.permissions.manage_guild:
            await send_ephemeral(interaction, MANAGE_SERVER)
            return
        if action == "cancel":
            await show_in_place(interaction, Reply(content=CANCELLED))
            return
        if not await show_in_place(interaction, Reply(content=WORKING)):
            return  # the click expired: nothing is changed that the person cannot be told of
        await show_in_place(interaction, await self._shelf_report(interaction, action, number))

    async def _shelf_change(
        self, interaction: discord.Interaction, action: str, *change: int | str | StoryFile
    ) -> None:
        report = await self._shelf_report(interaction, action, *change)
        try:
            await report.send_followup(interaction, ephemeral=True)
        except discord.HTTPException as error:  # the change is made: its manager is told by DM, without its buttons
            server = interaction.guild.name if interaction.guild is not None else str(interaction.guild_id)
            late = late_shelf_report_text(plain_line(server, 100), report.content or "")
            await self._report_by_dm(interaction, error, clip(late, MESSAGE_LIMIT))

    async def _shelf_report(
        self, interaction: discord.Interaction, action: str, *change: int | str | StoryFile
    ) -> Reply:
        """Makes the change to this server's own stories and says what was done (with Undo after a replace)."""
        server, user = interaction.guild_id, interaction.user.id
        assert server is not None
        shelves, views, present = self.bot.database.shelves, self.bot.views, self._present(server)
        try:
            if action == "add":  # with the upload's own name when its name was made of it (not /story replace)
                name, upload, *own = change
                assert isinstance(name, str) and isinstance(upload, StoryFile)
                uploaded = own[0] if own else None
                assert uploaded is None or isinstance(uploaded, str)
                done = await add_to_shelf(
                    shelves, views, server, name, upload, user, present=present, uploaded=uploaded
                )
            else:
                (number,) = change
                assert isinstance(number, int)
                act = remove_from_shelf if action == "remove" else restore_on_shelf
                done = await act(shelves, views, server, number, user, present=present)
        except DatabaseUnavailable as error:
            return Reply(content=database_trouble_text(error.fault, DatabaseTask.CHANGE_SHELF))
        if done.change.refusal is None:
            log.info("Server %s: %s story %s by %s", server, done.change.action, done.change.name, user)
        elif done.change.room is not None:  # the owner can make room: python -m bot shelf export-kept
            log.warning(
                "Server %s stores %d bytes of the %d it may (STORYBOT_SHELF_STORED_MB, and for a restore %d KB past "
                "it); a change of %d was refused. `python -m bot shelf export-kept --server %s FILE` moves its kept "
                "versions out.",
                server,
                done.change.room.stored,
                done.change.room.most,
                RESTORE_ROOM // 1024,
                done.change.room.needed,
                server,
            )
        title = None if done.story is None else plain_line(done.story.title, 300)
        renamed = None if done.renamed is None else plain_line(done.renamed, 300)
        text = shelf_change_text(done, title, renamed)
        previous = done.change.previous_version_id if done.change.action is ShelfAction.REPLACED else None
        view = persistent_view(ShelfButton("restore", previous)) if previous is not None else None
        return Reply(content=clip(text, MESSAGE_LIMIT), view=view)

    async def _picked(self, interaction: discord.Interaction, story: str) -> StoryRef | None:
        """The story an autocomplete choice, title or file name names here (or None, after saying why)."""
        library = await library_here(interaction)
        return None if library is None else await one_story(interaction, library, story)

    async def _upload(
        self, interaction: discord.Interaction, file: discord.Attachment, name: str | None, title: str | None
    ) -> tuple[str, StoryFile] | None:
        """The upload's safe name (or `name`, a story's it replaces, in the same format) and the file as it
        will be stored, read as a story first (one upload of a server at a time); None after saying why not."""
        server = interaction.guild_id
        assert server is not None  # /story is for servers only
        turns = self.reading.setdefault(server, UploadTurns())
        turns.uploads += 1
        try:
            async with turns.lock:
                return await self._read_upload(interaction, file, name, title)
        except asyncio.CancelledError:  # the bot is stopping (SIGTERM) before anything was written: said so
            answered(interaction)  # not told again at the next start (bot.discord_app.left_waiting)
            with contextlib.suppress(discord.HTTPException, aiohttp.ClientError):
                await interaction.followup.send(UPLOAD_STOPPED, ephemeral=True)
            raise
        finally:
            turns.uploads -= 1
            if not turns.uploads:
                del self.reading[server]

    async def _read_upload(
        self, interaction: discord.Interaction, file: discord.Attachment, name: str | None, title: str | None
    ) -> tuple[str, StoryFile] | None:
        server = interaction.guild_id
        assert server is not None  # /story is for servers only
        try:
            uploaded = safe_file_name(file.filename)
            if name is not None and story_suffix(uploaded) != story_suffix(name):
                raise ShelfError(UploadRefusal.OTHER_FORMAT, name=name, detail=story_suffix(name) or "")
            require_upload_size(file.size)
            settings = self.bot.settings
            async with self.readers:  # downloaded only now: a server waiting for a reader holds no file
                if not self._present(server)():  # removed while it waited its turn: neither downloaded nor read
                    await interaction.followup.send(SHELF_OF_A_SERVER_LEFT, ephemeral=True)
                    return None
                # A download that stalls would hold the reader for aiohttp's five minutes: it gets the reading's time.
                # Streamed, and broken off past the size Discord said it has: read whole, a longer body was taken into
                # memory before its size could be refused.
                async with asyncio.timeout(settings.upload_seconds):
                    raw = await downloaded(
                        file.url, file.size, proxy=self.bot.http.proxy, proxy_auth=self.bot.http.proxy_auth
                    )
                typed = None if title is None else well_formed(title)
                upload = await read_upload(
                    raw, name or uploaded, typed, seconds=settings.upload_seconds, megabytes=settings.upload_mb
                )
        except (ShelfError, discord.HTTPException) as error:
            await interaction.followup.send(clip(_problem(error), MESSAGE_LIMIT), ephemeral=True)
            return None
        except ForeignHost as foreign:  # Discord moved its files, or something sends attachments that are not its
            log.warning(
                "Did not download the upload %s from %s: not one of Discord's attachment hosts (%s). If Discord now "
                "serves attachments there, storybot needs an update.",
                one_line(file.filename),
                foreign.origin,
                ", ".join(sorted(str(origin) for origin in attachments.ATTACHMENT_ORIGINS)),
            )
            await interaction.followup.send(FOREIGN_ATTACHMENT, ephemeral=True)
            return None
        except EndedShort as short:  # its connection closed early, with no length said to show the body was cut
            log.warning(
                "Could not download the upload %s: it ended after %d of its %d bytes.",
                one_line(file.filename),
                short.got,
                short.declared,
            )
            await interaction.followup.send(download_failed_text(), ephemeral=True)
            return None
        except (aiohttp.ClientError, TimeoutError) as error:  # the download broke off or timed out
            log.warning("Could not download the upload %s: %s", file.filename, error or type(error).__name__)
            late = isinstance(error, TimeoutError)
            await interaction.followup.send(
                download_failed_text(seconds=self.bot.settings.upload_seconds if late else None), ephemeral=True
            )
            return None
        return name or uploaded, upload

    async def _add_to_library(self, interaction: discord.Interaction, name: str, data: bytes) -> None:
        shelf = Shelf(self.bot.settings.corpus)
        try:
            await asyncio.to_thread(shelf.add, name, data)
        except StoryExists as exists:  # also when another upload of this name was written a moment before
            named = exists.name  # the story's own, where the upload names it in another case
            question = already_a_story_question(file_span(named, 300), file_span(shelf.kept.name, 300))
            await self._ask(interaction, Pending("replace", named, data, interaction.user.id), question, REPLACE)
            return
        except (ShelfError, OSError) as error:
            await interaction.followup.send(clip(_problem(error), MESSAGE_LIMIT), ephemeral=True)
            return
        await self._report(interaction, await self._reloaded(interaction, added_text(file_span(name, 300))))

    async def _ask(self, interaction: discord.Interaction, pending: Pending, question: str, label: str) -> None:
        token = secrets.token_hex(8)
        self.pending[token] = pending
        while len(self.pending) > PENDING_KEPT:  # unanswered questions (and their uploads) do not pile up
            del self.pending[next(iter(self.pending))]
        view = persistent_view(Confirm(token, "yes", label), Confirm(token, "no", CANCEL))
        await Reply(content=clip(question, MESSAGE_LIMIT), view=view).send_followup(interaction, ephemeral=True)

    async def confirmed(self, interaction: discord.Interaction, token: str, yes: bool) -> None:
        """A Replace/Remove/Cancel click on a change to the owner's library: checked again, then done and reported."""
        if interaction.guild is None or not interaction.permissions.manage_guild:
            await send_ephemeral(interaction, MANAGE_SERVER)
            return
        pending = self.pending.pop(token, None)
        if pending is None:
            await show_in_place(interaction, Reply(content=REQUEST_EXPIRED))
            return
        if not yes:
            await show_in_place(interaction, Reply(content=CANCELLED))
            return
        if not await self.bot.is_owner(interaction.user):
            await show_in_place(interaction, Reply(content=OWNER_ONLY))
            return
        if not await show_in_place(interaction, Reply(content=WORKING)):
            self.pending[token] = pending  # the click expired: asked again, it is still there to confirm
            return
        shelf = Shelf(self.bot.settings.corpus)
        try:
            if pending.action == "replace":
                assert pending.data is not None
                kept = await asyncio.to_thread(shelf.add, pending.name, pending.data, replace=True)
                done = (
                    replaced_text(file_span(pending.name, 300), file_span(shelf.kept.name, 300))
                    if kept is not None
                    else added_text(file_span(pending.name, 300))  # the old one was removed in the meantime
                )
            else:
                await asyncio.to_thread(shelf.remove, pending.name)
                done = removed_text(file_span(pending.name, 300), file_span(shelf.kept.name, 300))
            report = await self._reloaded(interaction, done)
        except (ShelfError, OSError) as error:
            report = clip(_problem(error), MESSAGE_LIMIT)
        except Exception:  # never leave "Working on it…" standing
            log.exception("Could not %s %s", pending.action, pending.name)
            report = WENT_WRONG
        if not await show_in_place(interaction, Reply(content=report)):
            await self._direct(interaction.user, report)

    async def _report(self, interaction: discord.Interaction, text: str) -> None:
        """What a change to the owner's library did, privately; by DM when Discord no longer takes the
        interaction's reply: a reload may run 30 minutes, and Discord keeps an interaction for 15."""
        try:
            await interaction.followup.send(text, ephemeral=True)
        except discord.HTTPException as error:
            await self._report_by_dm(interaction, error, text)

    async def _report_by_dm(self, interaction: discord.Interaction, refused: discord.HTTPException, text: str) -> None:
        log.warning(
            "Could not answer /%s (%s %s); sending the report by DM.",
            command_name(interaction),
            refused.status,
            refused.text,
        )
        await self._direct(interaction.user, text)

    async def _direct(self, user: discord.User | discord.Member, text: str) -> None:
        try:
            await user.send(text)
        except discord.HTTPException as error:
            log.warning(
                "Could not send %s the report by DM either (%s %s): %s", user.id, error.status, error.text, text
            )

    async def _reloaded(
        self, interaction: discord.Interaction, done: str = "", *, read_cut_short_again: bool = False
    ) -> str:
        """The library reloaded, and what that did, after `done` (what was changed first, if anything); with
        `read_cut_short_again` (/reload itself), the files skipped because their reading was cut short are read again
        too."""
        try:
            reloaded = await reload(self.bot.libraries, read_cut_short_again=read_cut_short_again)
        except asyncio.CancelledError:  # the bot is stopping (SIGTERM) during this reload, or while it waited for one
            # under way: what was changed first stays in the folder, which is read again at the start, and is said so
            with contextlib.suppress(aiohttp.ClientError):  # show_in_place takes Discord's refusals itself
                await show_in_place(interaction, Reply(content=clip(reload_stopped_text(done), MESSAGE_LIMIT)))
            raise
        if reloaded.outcome is Reloaded.DONE:
            log.info("Corpus reloaded by %s: %d stories", interaction.user.id, reloaded.stories)
        return clip(reload_text(reloaded, done), MESSAGE_LIMIT)


def _problem(error: ShelfError | discord.HTTPException | OSError) -> str:
    if isinstance(error, discord.HTTPException):
        return download_failed_text(status=error.status)
    if isinstance(error, OSError):
        return folder_unchanged_text(str(error.strerror or error))
    # An upload's name as its uploader wrote it; the reader's reason may quote the file: both kept to the line.
    return one_line(upload_refusal_text(error, escape_markdown))


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(Admin(bot))
