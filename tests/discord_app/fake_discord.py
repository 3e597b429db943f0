"""A small Discord on 127.0.0.1: the REST routes and gateway events storybot uses, recorded for tests.

It speaks the wire formats discord.py 2.x expects (plain-text JSON gateway frames, REST answers
with `Content-Type: application/json`), so the real bot process logs in to it unmodified but for
its base URLs (see launch_bot.py).
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import json
import math
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypedDict
from urllib.parse import quote

from aiohttp import WSMsgType, web

from tests.hang import HANG_SECONDS

if TYPE_CHECKING:  # discord.types is for type checkers: importing it at run time is circular
    from discord.types.member import MemberWithUser as MemberPayload
    from discord.types.message import Message as MessagePayload
    from discord.types.user import User as UserPayload

ENDLESS_MOST = 64 * 2**20
"""What the fake CDN sends of an endless upload at most: more than any upload may be, yet not all of a machine's memory
for a bot that reads all it is sent."""
TOKEN = "MTAwMA.GxYzAb.fake-token"
"""Shaped as Discord's are (its first part is APP_ID in base64), as the bot checks before it connects."""
APP_ID = 1000
BOT_ID = 1001
GUILD_ID = 2000
CHANNEL_ID = 2001
DM_CHANNEL_ID = 2002
BOOK_CLUB_ID = 2003
STAFF_ID = 2004
"""A channel that @everyone, the bot included, may not view."""
HIDDEN_CHANNEL_ID = 2005
"""A channel of the server that the bot was never told of (not in its GUILD_CREATE)."""
OTHER_GUILD_ID = 2200
"""A second server, for FakeDiscord(servers=(GUILD_ID, OTHER_GUILD_ID)): each server's own stories."""
OTHER_CHANNEL_ID = 2201
THIRD_GUILD_ID = 2300
"""A third server: more servers than the bot has upload readers (bot.discord_app.exts.admin.UPLOAD_READERS)."""
THIRD_CHANNEL_ID = 2301
SHARD_ONE_GUILD_ID = (1 << 22) | 2400
"""A server on shard 1 of two (Discord's formula: the id's bits above its 22 low ones, modulo the shard count), for
shard processes; every other server here is on shard 0."""
SHARD_ONE_CHANNEL_ID = 2401
USER_ID = 3000
MESSAGE_CONTENT = 1 << 15  # the privileged intent's bit
VIEW_AND_SEND = str((1 << 10) | (1 << 11))
SEND_IN_THREADS = 1 << 38
"""Send Messages in Threads: @everyone has it by Discord's default, as it has View Channels and Send Messages."""
EMBED_LINKS = 1 << 14
"""Embed Links, which @everyone has by Discord's default: where a channel's overwrites take it from the bot, Discord
takes its messages but drops their embeds."""
EVERYONE_PERMISSIONS = int(VIEW_AND_SEND) | SEND_IN_THREADS | EMBED_LINKS
MANAGE_SERVER = str(1 << 5)
LIBRARY = "library"
"""/story add's choice for the owner's folder, as Discord sends it: its id (Discord shows "the owner's library"); the
application's owner in the fake Discord is PERSON."""
CALLBACK = re.compile(r"/interactions/(\d+)/[^/]+/callback")
Step = tuple[int, str]
"""An interaction as FakeDiscord.interact returns it: the calls made before it (a mark), and its id."""
CHANNELS = {
    CHANNEL_ID: "general",
    BOOK_CLUB_ID: "book-club",
    STAFF_ID: "staff",
    HIDDEN_CHANNEL_ID: "hidden",
    OTHER_CHANNEL_ID: "lobby",
    THIRD_CHANNEL_ID: "reading-room",
    SHARD_ONE_CHANNEL_ID: "far-room",
}
SERVER_CHANNELS = {
    GUILD_ID: (CHANNEL_ID, BOOK_CLUB_ID, STAFF_ID),
    OTHER_GUILD_ID: (OTHER_CHANNEL_ID,),
    THIRD_GUILD_ID: (THIRD_CHANNEL_ID,),
    SHARD_ONE_GUILD_ID: (SHARD_ONE_CHANNEL_ID,),
}


@dataclass(frozen=True)
class ChannelOption:
    """A channel picked for a command option: Discord sends its id and the channel in `resolved`."""

    id: int

    def resolved(self) -> dict[str, Any]:
        return {"id": str(self.id), "type": 0, "name": CHANNELS[self.id], "permissions": "0", "guild_id": str(GUILD_ID)}


def guild_channel(channel_id: int) -> dict[str, Any]:
    hidden = [{"id": str(GUILD_ID), "type": 0, "allow": "0", "deny": str(1 << 10)}] if channel_id == STAFF_ID else []
    return {
        "id": str(channel_id),
        "type": 0,
        "name": CHANNELS[channel_id],
        "position": 0,
        "permission_overwrites": hidden,
    }


def server_of(channel_id: int) -> int:
    """The server a channel belongs to (a DM's is none, given as GUILD_ID's for the fields that need one)."""
    return next((server for server, channels in SERVER_CHANNELS.items() if channel_id in channels), GUILD_ID)


NOW = "2026-11-22T00:00:00.000000+00:00"


def user(user_id: int, name: str, bot: bool = False) -> UserPayload:
    return {"id": str(user_id), "username": name, "discriminator": "0", "global_name": name, "avatar": None, "bot": bot}


BOT_USER = user(BOT_ID, "storybot", bot=True)
PERSON = user(USER_ID, "reader")


def member(of: UserPayload, permissions: str = "0") -> MemberPayload:
    return {
        "user": of,
        "roles": [],
        "joined_at": NOW,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "permissions": permissions,
    }


def message_payload(message_id: int, channel_id: int, author: UserPayload, content: str) -> MessagePayload:
    return {
        "id": str(message_id),
        "channel_id": str(channel_id),
        "author": author,
        "content": content,
        "timestamp": NOW,
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "pinned": False,
        "type": 0,
    }


def guild_payload(server_id: int, name: str | None = None) -> dict[str, Any]:
    """A server as GUILD_CREATE brings it: its channels, and @everyone may view and send, in threads too."""
    return {
        "id": str(server_id),
        "name": name or ("Story Club" if server_id == GUILD_ID else "Another Club"),
        "icon": None,
        "owner_id": str(USER_ID),
        "member_count": 2,
        "roles": [
            {
                "id": str(server_id),
                "name": "@everyone",
                "permissions": str(EVERYONE_PERMISSIONS),
                "position": 0,
                "color": 0,
                "hoist": False,
                "managed": False,
                "mentionable": False,
                "flags": 0,
            }
        ],
        "channels": [guild_channel(c) for c in SERVER_CHANNELS[server_id]],
        "members": [member(BOT_USER)],
        "features": [],
        "emojis": [],
        "stickers": [],
        "threads": [],
        "voice_states": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "large": False,
        "unavailable": False,
        "joined_at": NOW,
        "premium_tier": 0,
        "preferred_locale": "en-US",
    }


@dataclass
class Call:
    method: str
    path: str
    body: Any
    query: dict[str, str]
    at: float = field(default_factory=time.perf_counter)
    """When the request arrived (for bench/, which measures; tests do not)."""
    scope: str = ""
    """For a request the rate limits refused (FakeDiscord.limited): its 429's X-RateLimit-Scope."""


@dataclass
class Failure:
    method: str
    pattern: re.Pattern[str]
    status: int
    times: int
    body: ErrorBody = field(default_factory=lambda: ErrorBody())
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Hold:
    """Requests answered only once `released` is set (recorded as they come): Discord slow to take them."""

    method: str
    pattern: re.Pattern[str]
    released: asyncio.Event = field(default_factory=asyncio.Event)
    after_taking: bool = False
    """Discord took the request (what it changes is changed) and its reply is what waits: the bot never hears."""


@dataclass
class Delay:
    """One request kept from reaching the fake until `released` is set: still on its way (sent by a busy bot, or late
    on the network), so it is recorded after whatever happens meanwhile. Hold's requests are recorded as they come."""

    method: str
    pattern: re.Pattern[str]
    released: asyncio.Event = field(default_factory=asyncio.Event)
    path: str | None = None
    """The path of the request it delays, once one is on its way."""


RateLimitBody = TypedDict("RateLimitBody", {"message": str, "retry_after": float, "global": bool})
"""A 429's JSON body, as Discord documents it ("Exceeding A Rate Limit"): `retry_after` in seconds, and whether the
limit met is the global one."""
ErrorBody = TypedDict(
    "ErrorBody", {"message": str, "code": int, "errors": str, "retry_after": float, "global": bool}, total=False
)
"""What a refused request's JSON body may hold: Discord's message and JSON error code, what its form validation
refused, and a 429's fields (RateLimitBody)."""


@dataclass(frozen=True)
class RateLimits:
    """Discord's rate limits as its developer docs describe them (Topics, Rate Limits), on while a test is inside
    FakeDiscord.rate_limited. Each route's bucket (its method and the shape of its path, apart for each top-level
    resource: a channel, a server, a webhook with its token, an interaction) takes `per_bucket` requests per `window`
    seconds, its X-RateLimit-* headers on every answer; all the bot's requests together take `global_per_second`
    a second, except, as Discord's docs say, the interaction endpoints (callbacks, and the webhooks of interaction
    tokens: answers, follow-ups, edits), unless `global_interactions` (a stricter Discord, to press the bot
    harder). Past either, a 429 with `retry_after` in its JSON body, `global` true or false, and the headers
    Retry-After, X-RateLimit-Scope (`scope` for a bucket's: "user", or "shared" for a resource's limit shared with
    others) and X-RateLimit-Global for the global one."""

    per_bucket: int = 5
    window: float = 1.0
    global_per_second: int = 50
    global_interactions: bool = False
    scope: Literal["user", "shared"] = "user"


@dataclass
class Bucket:
    """One rate limit bucket's window: when it resets (the fake's monotonic clock) and how many requests it took."""

    resets: float
    taken: int = 0


TOP_LEVEL = re.compile(r"/(?:channels|guilds)/\d+|/webhooks/\d+/[^/]+|/interactions/\d+/[^/]+")
"""A path's top-level resource, which Discord's buckets are kept apart by (a webhook by its id and token)."""
INTERACTION_ROUTE = re.compile(rf"/interactions/|/webhooks/{APP_ID}/")
"""The interaction endpoints, which Discord does not count in the global rate limit."""


def bucket_of(method: str, path: str) -> tuple[str, str]:
    """(the bucket's hash, as X-RateLimit-Bucket gives it, the same for every resource; the top-level resource)."""
    top = TOP_LEVEL.match(path)
    resource = top.group(0) if top else ""
    kind = resource.split("/")[1] if resource else ""
    shape = re.sub(r"/\d+(?=/|$)", "/{id}", path[len(resource) :])
    return hashlib.sha1(f"{method} {kind} {shape}".encode()).hexdigest()[:16], resource


LOADING = 1 << 7
"""A message's flag while it is an interaction's "thinking…" (discord.MessageFlags.loading)."""
DISCORD_EPOCH_MS = 1_420_070_400_000
"""The first moment of 2015, UTC, from which a snowflake counts its milliseconds."""
HEARTBEAT_ACK_SECONDS = 0.05
"""How long the fake gateway takes to acknowledge a heartbeat: a real one's round trip."""


class FakeDiscord:
    def __init__(self, servers: tuple[int, ...] = (GUILD_ID,)) -> None:
        self.servers = servers
        """The servers the bot is in: every connection (every bot process, every shard) is given them all, as
        when a server moves between shards or processes overlap, so a test picks which one an event goes to."""
        self.calls: list[Call] = []
        self.identifies: list[dict[str, Any]] = []
        self.messages: dict[int, dict[str, Any]] = {}
        """The bot's messages, as Discord keeps them (edits included)."""
        self.posted: dict[int, dict[str, Any]] = {}
        """People's messages, by id, as last sent or edited (send_message, edit_message)."""
        self.attachments: dict[int, bytes] = {}
        """What people uploaded, served from the fake CDN route as Discord's CDN serves it."""
        self.cut_attachments: set[int] = set()
        """Uploads whose download the fake CDN breaks off halfway (the connection closed mid-body)."""
        self.stalled_attachments: set[int] = set()
        """Uploads whose download the fake CDN stops sending halfway, the connection left open."""
        self.endless_attachments: set[int] = set()
        """Uploads whose download goes on past their content, filler bytes sent for as long as the bot reads them."""
        self.unframed_attachments: set[int] = set()
        """Uploads whose download the fake CDN sends without a length (nor chunks), closing the connection halfway: a
        body framed so ends where the connection does, and half of it looks whole."""
        self.redirects: dict[int, str] = {}
        """Uploads the fake CDN answers with a redirect (302) to another URL, by their ids."""
        self.served: dict[int, int] = {}
        """The bytes the fake CDN wrote of each endless upload before the bot stopped reading it (or ENDLESS_MOST)."""
        self.begun: set[int] = set()
        """Uploads the fake CDN began to serve (cut, stalled or whole), by their ids."""
        self.downloads: dict[int, int] = {}
        """Each upload the fake CDN served whole, by its id: the number of REST calls before it (its place among
        them), in the order they were served."""
        self.commands: dict[str, list[dict[str, Any]]] = {"global": [], "guild": []}
        self.failures: list[Failure] = []
        self.holds: list[Hold] = []
        self.originals: dict[str, dict[str, Any]] = {}
        """Each interaction's original response, by its token, as Discord keeps it: a deferred one ("thinking…")
        holds the LOADING flag until its first edit or follow-up replaces it (deleted ones are gone)."""
        self.delays: list[Delay] = []
        self.rate_limits: RateLimits | None = None
        """Discord's rate limits, while a test is inside rate_limited; None: none (every request taken)."""
        self.limited: list[Call] = []
        """The requests answered 429 by the rate limits (never in `calls`: Discord did nothing with them)."""
        self._buckets: dict[tuple[str, str], Bucket] = {}
        self._global = Bucket(resets=0.0)
        self.overwrites: dict[int, list[dict[str, Any]]] = {}
        """Channels' permission overwrites as a test set them (overwrite_channel), by channel id."""
        self.refuse_message_content = False
        self.tokens = {TOKEN}
        """The bot tokens Discord takes (a test adds one: the owner reset the bot's token)."""
        self.guild_names: dict[int, str] = {}
        """Servers named otherwise than "Story Club" and "Another Club"."""
        self.withheld: set[int] = set()
        """Servers READY names as unavailable with no GUILD_CREATE after it: Discord has not sent them (yet), as
        during an outage of theirs or while a large bot's servers stream in. Interactions from them still come."""
        """Close the gateway with 4014, as Discord does when the privileged intent is not enabled."""
        self._ids = itertools.count(10_000)
        self._sequence = itertools.count(1)
        self._socket: web.WebSocketResponse | None = None
        """The connection that identified last: where events go unless a test names another."""
        self.connections: list[web.WebSocketResponse] = []
        """Every connection that identified, in order (a test's `connection=1` is the second bot process)."""
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._closing = asyncio.Event()
        """Set by stop(): a stalled download ends then, rather than holding aiohttp's cleanup for its minute."""
        self.url = ""

    # -- lifecycle -------------------------------------------------------------------------------

    async def start(self) -> str:
        self._closing.clear()
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{path:.*}", self._rest)
        app.router.add_get("/attachments/{id}/{filename}", self._attachment)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert isinstance(server, asyncio.Server)  # a TCP site serves from an asyncio server once started
        port = server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def stop(self) -> None:
        """Out of reach: the port refuses new connections first, then the bot's connection drops. In the other
        order the bot's immediate RESUME could reach a server shutting down, which held it for a minute."""
        self._closing.set()
        if self._runner is not None:
            for site in self._runner.sites:
                await site.stop()
        if self._socket is not None:
            await self._socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # -- what tests use --------------------------------------------------------------------------

    def fail(self, method: str, path: str, status: int, times: int = 1, **extra: Any) -> None:
        """The next `times` requests matching method and path (a regex) get `status`. A reply to an interaction fails
        by fail_interaction, which names it: any interaction's matches a path here, an earlier one's late reply too."""
        body: ErrorBody = {"message": extra.pop("message", f"{status}"), "code": 0}
        body.update(extra.pop("body", {}))
        self.failures.append(Failure(method, re.compile(path), status, times, body, extra.pop("headers", {})))

    def next_interaction(self, age: float = 0.0) -> str:
        """An id for an interaction not sent yet (interact's `interaction_id`), so that a failure can name it first.
        A snowflake of now (`age` seconds ago: one made a while before it reached the bot), as Discord's: its token
        lives 15 minutes from the time it holds (bot.state.waiting_interactions); the fake's count in its low bits
        keeps each apart."""
        return str((int((time.time() - age) * 1000) - DISCORD_EPOCH_MS) << 22 | self.new_id() % 2**22)

    def fail_interaction(
        self, interaction: str, status: int, *, followup: bool = False, times: int = 1, **extra: Any
    ) -> None:
        """`interaction`'s next `times` responses (its callback, found by its id), or with `followup` its next follow-up
        messages (by its token, which the webhook's path holds), get `status`: a late reply to an earlier interaction
        (another test's) never takes the failure, as `callback` and `followup` never take its reply."""
        path = (
            rf"/webhooks/{APP_ID}/token-{interaction}" if followup else rf"/interactions/{interaction}/[^/]+/callback"
        )
        self.fail("POST", path, status, times, **extra)

    def hold(self, method: str, path: str) -> asyncio.Event:
        """Requests matching method and path (a regex) are recorded, and answered once the event returned is set."""
        held = Hold(method, re.compile(path))
        self.holds.append(held)
        return held.released

    def hold_reply(self, method: str, path: str) -> asyncio.Event:
        """As hold, but Discord takes each request at once (an answer shown) and only its reply waits for the event:
        a bot killed meanwhile sent its answer and never heard so."""
        held = Hold(method, re.compile(path), after_taking=True)
        self.holds.append(held)
        return held.released

    @contextmanager
    def rate_limited(self, limits: RateLimits) -> Iterator[RateLimits]:
        """Discord's rate limits (see RateLimits) on the requests made inside: new buckets, and none after."""
        self.rate_limits = limits
        self._buckets.clear()
        self._global = Bucket(resets=0.0)
        try:
            yield limits
        finally:
            self.rate_limits = None

    @contextmanager
    def delaying(self, method: str, path: str | re.Pattern[str]) -> Iterator[Delay]:
        """The next request matching method and path (a regex) that no earlier delay took is delayed (see Delay); on
        leaving, it is released and the delay ends, so no later request (another test's) is delayed by it."""
        delay = Delay(method, re.compile(path))
        self.delays.append(delay)
        try:
            yield delay
        finally:
            delay.released.set()
            self.delays.remove(delay)

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = HANG_SECONDS) -> Any:
        async with self._changed:
            return await asyncio.wait_for(self._changed.wait_for(predicate), timeout)

    async def wait_for_call(
        self, method: str, path: str | re.Pattern[str], after: int = 0, timeout: float = HANG_SECONDS
    ) -> Call:
        pattern = re.compile(path)

        def found() -> Call | None:
            return next((c for c in self.calls[after:] if c.method == method and pattern.fullmatch(c.path)), None)

        return await self.wait_for(found, timeout)

    async def followup(self, interaction: str, after: int = 0, timeout: float = HANG_SECONDS) -> dict[str, Any]:
        """The first follow-up message sent for `interaction` (an id, as `interact` returns it) after call `after`:
        found by the interaction's token, which its webhook's path holds, so that a late reply to an earlier
        interaction (another test's) is never taken for this one's."""
        return (await self.wait_for_call("POST", rf"/webhooks/{APP_ID}/token-{interaction}", after, timeout)).body

    async def edited(self, interaction: str, after: int = 0, timeout: float = HANG_SECONDS) -> dict[str, Any]:
        """The first edit of `interaction`'s original response after call `after`, found by its token as `followup`."""
        path = rf"/webhooks/{APP_ID}/token-{interaction}/messages/@original"
        return (await self.wait_for_call("PATCH", path, after, timeout)).body

    async def first_response(self, interaction: str, after: int = 0, timeout: float = HANG_SECONDS) -> Call:
        """`interaction`'s response (its callback) as sent, an acknowledgement included: found by its id, which the
        path holds, so that an earlier interaction's response arriving late is never taken for this one's."""
        return await self.wait_for_call("POST", rf"/interactions/{interaction}/[^/]+/callback", after, timeout)

    async def response(self, mark: int, interaction: str, timeout: float = HANG_SECONDS) -> dict[str, Any]:
        """What the person sees of `interaction` (its id; `mark` the calls made before it: both as `interact` returns
        them), in the shape of an immediate response:
        {"type": 4, "data": message} for a new message, {"type": 7, "data": ...} for the clicked message
        edited, 8 for autocomplete. An acknowledged one (5: "thinking…", 6: a click) is followed to its answer,
        as Discord shows it: a first follow-up or an edit fills the "thinking…" (and keeps its privacy), a
        follow-up after it was deleted is its own message, and after a click an edit changes the clicked message."""
        first = await self.first_response(interaction, mark, timeout)
        kind = first.body["type"]
        if kind not in (5, 6):
            return first.body
        token = f"token-{interaction}"
        start = self.calls.index(first)

        def answered() -> Call | None:
            later = (c for c in self.calls[start:] if c.path.startswith(f"/webhooks/{APP_ID}/{token}"))
            return next((c for c in later if c.method in ("POST", "PATCH")), None)

        answer = await self.wait_for(answered, timeout)
        deleted = any(c.method == "DELETE" and token in c.path for c in self.calls[start : self.calls.index(answer)])
        data = dict(answer.body)
        if kind == 6:
            return {"type": 7 if answer.method == "PATCH" else 4, "data": data}
        if not deleted:
            data["flags"] = first.body.get("data", {}).get("flags", 0)
        return {"type": 4, "data": data}

    async def dispatch(self, event: str, data: dict[str, Any], connection: int | None = None) -> None:
        """Sends a gateway event to the latest connection, or to the `connection`-th that identified."""
        socket = self._socket if connection is None else self.connections[connection]
        if socket is None and any(not other.closed for other in self.connections):
            # An earlier bot is still connected, but events go to the one that identified last, and it has gone.
            raise AssertionError(
                "the bot that connected last has gone, an earlier one is still connected: "
                "a test started a bot of its own on the module's fake (give it own_fake)"
            )
        assert socket is not None and not socket.closed, "the bot is not connected"
        await socket.send_str(json.dumps({"op": 0, "t": event, "s": next(self._sequence), "d": data}))

    @property
    def connected(self) -> bool:
        return self._socket is not None

    def new_id(self) -> int:
        return next(self._ids)

    def person(self) -> UserPayload:
        """A new reader each time, so one test's questions do not spend another's cooldown."""
        return user(self.new_id(), "reader")

    async def send_message(
        self,
        content: str,
        channel_id: int = CHANNEL_ID,
        author: UserPayload | None = None,
        connection: int | None = None,
        **extra: Any,
    ) -> int:
        """A person posts a message; returns the number of calls so far, to wait for what follows."""
        author = author or self.person()
        message_id = self.new_id()
        payload = message_payload(message_id, channel_id, author, content) | extra
        if channel_id != DM_CHANNEL_ID:
            payload |= {"guild_id": str(server_of(channel_id)), "member": member(author)}
        self.posted[message_id] = payload
        mark = len(self.calls)
        await self.dispatch("MESSAGE_CREATE", payload, connection)
        return mark

    def last_posted(self) -> dict[str, Any]:
        """The person's message sent last."""
        return next(reversed(self.posted.values()))

    async def edit_message(
        self, message: dict[str, Any], connection: int | None = None, edited: bool = True, **changes: Any
    ) -> int:
        """A person's message changes: MESSAGE_UPDATE with the whole message, as Discord sends it, for an edit
        (`edited`: its edited_timestamp set) or for what Discord changes itself (a link's embed unfurling, with
        the text as it was). Returns the number of calls so far."""
        payload = self.posted[int(message["id"])] | changes
        if edited:
            payload["edited_timestamp"] = NOW
        self.posted[int(payload["id"])] = payload
        mark = len(self.calls)
        await self.dispatch("MESSAGE_UPDATE", payload, connection)
        return mark

    async def reply_to_message(self, message: dict[str, Any], content: str, **extra: Any) -> int:
        """A person replies to a message (Discord's reply: a message reference and the message itself)."""
        reference = {"message_id": message["id"], "channel_id": message["channel_id"], "guild_id": str(GUILD_ID)}
        return await self.send_message(
            content,
            channel_id=int(message["channel_id"]),
            message_reference=reference,
            referenced_message=message,
            type=19,
            **extra,
        )

    async def start_thread(self, message: dict[str, Any], name: str = "follow-up") -> int:
        """A person opens a thread under a message; like Discord, the thread has the message's id."""
        thread_id = int(message["id"])
        await self.dispatch(
            "THREAD_CREATE",
            {
                "id": str(thread_id),
                "guild_id": str(GUILD_ID),
                "parent_id": message["channel_id"],
                "owner_id": str(USER_ID),
                "name": name,
                "type": 11,
                "newly_created": True,
                "last_message_id": None,
                "rate_limit_per_user": 0,
                "message_count": 0,
                "member_count": 1,
                "thread_metadata": {
                    "archived": False,
                    "auto_archive_duration": 1440,
                    "archive_timestamp": NOW,
                    "locked": False,
                },
            },
        )
        return thread_id

    async def interact(
        self,
        kind: int,
        data: dict[str, Any],
        message: dict[str, Any] | None = None,
        permissions: str = "0",
        author: UserPayload | None = None,
        channel_id: int = CHANNEL_ID,
        connection: int | None = None,
        interaction_id: str | None = None,
    ) -> Step:
        """A person uses a command (kind 2), a component (3) or autocomplete (4) in the server of `channel_id`, or
        in a DM with the bot (DM_CHANNEL_ID: no server, no member, no permissions); returns (mark, id). Its id is
        `interaction_id` when given (next_interaction), else a new one."""
        interaction_id = interaction_id or self.next_interaction()
        server = server_of(channel_id)
        payload = {
            "id": interaction_id,
            "application_id": str(APP_ID),
            "type": kind,
            "data": data,
            "channel_id": str(channel_id),
            "token": f"token-{interaction_id}",
            "version": 1,
            "app_permissions": "2248473465835073",
            "locale": "en-US",
            "entitlements": [],
            "attachment_size_limit": 26214400,
        }
        if channel_id == DM_CHANNEL_ID:
            payload |= {
                "channel": {"id": str(channel_id), "type": 1, "recipients": [BOT_USER]},
                "user": author or self.person(),
                "authorizing_integration_owners": {"0": str(server)},
                "context": 1,
            }
        else:
            payload |= {
                "guild_id": str(server),
                "channel": guild_channel(channel_id) | {"guild_id": str(server)},
                "member": member(author or self.person(), permissions),
                "guild_locale": "en-US",
                "authorizing_integration_owners": {"0": str(server)},
                "context": 0,
            }
        if message is not None:
            payload["message"] = message
        mark = len(self.calls)
        await self.dispatch("INTERACTION_CREATE", payload, connection)
        return mark, interaction_id

    async def slash(
        self,
        command_name: str,
        /,
        author: UserPayload | None = None,
        channel_id: int = CHANNEL_ID,
        permissions: str = "0",
        connection: int | None = None,
        interaction_id: str | None = None,
        **options: Any,
    ) -> Step:
        registered = self.commands["guild"] or self.commands["global"]
        command = next(c for c in registered if c["name"] == command_name)
        data = {
            "id": command["id"],
            "name": command_name,
            "type": 1,
            "guild_id": str(server_of(channel_id)),
            "options": [{"name": k, "type": 3, "value": v} for k, v in options.items()],
        }
        return await self.interact(
            2,
            data,
            permissions=permissions,
            author=author,
            channel_id=channel_id,
            connection=connection,
            interaction_id=interaction_id,
        )

    def attach(
        self,
        filename: str,
        content: bytes,
        cut: bool = False,
        stall: bool = False,
        *,
        declared: int | None = None,
        endless: bool = False,
        unframed: bool = False,
        host: str | None = None,
        redirect: str | None = None,
    ) -> dict[str, Any]:
        """A file a person uploads with a command: its attachment object, served from the fake CDN (`cut`:
        its download breaks off halfway; `stall`: it stops halfway and the rest never comes). `declared`: the size
        Discord says it has, if not its own; `endless`: after it, bytes keep coming (ENDLESS_MOST at most); `unframed`:
        half of it is sent with no length said, and the connection closed (as if that were all); `host`: its URL names
        this host for the fake CDN (another name of 127.0.0.1); `redirect`: the CDN answers 302 to this."""
        attachment_id = self.new_id()
        self.attachments[attachment_id] = content
        if cut:
            self.cut_attachments.add(attachment_id)
        if stall:
            self.stalled_attachments.add(attachment_id)
        if endless:
            self.endless_attachments.add(attachment_id)
        if unframed:
            self.unframed_attachments.add(attachment_id)
        if redirect is not None:
            self.redirects[attachment_id] = redirect
        base = self.url if host is None else self.url.replace("127.0.0.1", host, 1)
        url = f"{base}/attachments/{attachment_id}/{quote(filename, safe='')}"
        size = len(content) if declared is None else declared
        return {"id": str(attachment_id), "filename": filename, "size": size, "url": url, "proxy_url": url}

    async def subcommand(
        self,
        group: str,
        name: str,
        /,
        author: UserPayload | None = None,
        permissions: str = "0",
        channel_id: int = CHANNEL_ID,
        connection: int | None = None,
        interaction_id: str | None = None,
        **options: Any,
    ) -> Step:
        """`/group name option:value ...`: a dict value is an attachment (from `attach`), a ChannelOption a
        channel, an int an integer; anything else a string."""
        registered = self.commands["guild"] or self.commands["global"]
        command = next(c for c in registered if c["name"] == group)
        resolved: dict[str, dict[str, Any]] = {}
        sub_options = []
        for key, value in options.items():
            if isinstance(value, dict):
                resolved.setdefault("attachments", {})[value["id"]] = value
                sub_options.append({"name": key, "type": 11, "value": value["id"]})
            elif isinstance(value, ChannelOption):
                resolved.setdefault("channels", {})[str(value.id)] = value.resolved()
                sub_options.append({"name": key, "type": 7, "value": str(value.id)})
            else:
                sub_options.append({"name": key, "type": 4 if isinstance(value, int) else 3, "value": value})
        data: dict[str, Any] = {
            "id": command["id"],
            "name": group,
            "type": 1,
            "guild_id": str(server_of(channel_id)),
            "options": [{"name": name, "type": 1, "options": sub_options}],
        }
        if resolved:
            data["resolved"] = resolved
        return await self.interact(
            2,
            data,
            permissions=permissions,
            author=author,
            channel_id=channel_id,
            connection=connection,
            interaction_id=interaction_id,
        )

    async def overwrite_channel(self, channel_id: int, *overwrites: dict[str, Any]) -> None:
        """A channel's permission overwrites changed (CHANNEL_UPDATE, as Discord sends it to every member)."""
        self.overwrites[channel_id] = list(overwrites)
        changed = guild_channel(channel_id) | {"guild_id": str(server_of(channel_id))}
        await self.dispatch("CHANNEL_UPDATE", changed | {"permission_overwrites": list(overwrites)})

    def may_embed(self, channel_id: int) -> bool:
        """Whether the bot has Embed Links in a channel: @everyone's, then its overwrite for @everyone, then its own."""
        allowed = EVERYONE_PERMISSIONS
        for target in (server_of(channel_id), BOT_ID):
            for overwrite in self.overwrites.get(channel_id, []):
                if int(overwrite["id"]) == target:
                    allowed = (allowed & ~int(overwrite["deny"])) | int(overwrite["allow"])
        return bool(allowed & EMBED_LINKS)

    async def delete_channel(self, channel_id: int) -> None:
        await self.dispatch("CHANNEL_DELETE", guild_channel(channel_id) | {"guild_id": str(GUILD_ID)})

    async def create_channel(self, channel_id: int) -> None:
        """One of the server's channels made (again, after delete_channel)."""
        await self.dispatch("CHANNEL_CREATE", guild_channel(channel_id) | {"guild_id": str(GUILD_ID)})

    async def remove_bot_from_server(self) -> None:
        """The bot is kicked, or the server deleted: Discord sends GUILD_DELETE without `unavailable`."""
        await self.dispatch("GUILD_DELETE", {"id": str(GUILD_ID)})

    async def _attachment(self, request: web.Request) -> web.StreamResponse:
        attachment_id = int(request.match_info["id"])
        content = self.attachments.get(attachment_id)
        if content is None:
            return web.Response(status=404)
        async with self._changed:
            self.begun.add(attachment_id)
            self._changed.notify_all()
        if attachment_id in self.redirects:
            raise web.HTTPFound(self.redirects[attachment_id])
        if attachment_id in self.endless_attachments:
            return await self._endless(request, attachment_id, content)
        if attachment_id in self.unframed_attachments and request.transport is not None:
            # aiohttp's responses always say a length or send chunks: this one is written as bytes, read until closed.
            head = b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n"
            request.transport.write(head + content[: len(content) // 2])
            request.transport.close()
            return web.Response()  # never sent: the connection is closed
        if attachment_id not in self.cut_attachments | self.stalled_attachments:
            async with self._changed:
                self.downloads[attachment_id] = len(self.calls)
                self._changed.notify_all()
            return web.Response(body=content, content_type="application/octet-stream")
        response = web.StreamResponse(headers={"Content-Type": "application/octet-stream"})
        response.content_length = len(content)
        await response.prepare(request)
        await response.write(content[: len(content) // 2])
        if attachment_id in self.stalled_attachments:
            await self._closing.wait()  # open, and silent, until the fake Discord closes
        if request.transport is not None:  # None when the bot gave up first (a slow machine): it is closed already
            request.transport.close()  # the rest never comes
        return response

    async def _endless(self, request: web.Request, attachment_id: int, content: bytes) -> web.StreamResponse:
        """The upload, then filler for as long as the bot reads (up to ENDLESS_MOST bytes), with no length said
        beforehand: what the bot took of it is counted in `served`."""
        response = web.StreamResponse(headers={"Content-Type": "application/octet-stream"})
        await response.prepare(request)
        served = 0
        filler = b"The river ran on. " * 3641  # some 64 KB
        try:
            for chunk in itertools.chain((content,), itertools.repeat(filler)):
                if served >= ENDLESS_MOST or self._closing.is_set():
                    break
                await response.write(chunk)
                served += len(chunk)
        except ConnectionError:  # the bot stopped reading: the connection is closed
            pass
        async with self._changed:
            self.served[attachment_id] = served
            self._changed.notify_all()
        return response

    # -- gateway ---------------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._socket = socket
        await socket.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 41250}}))
        async for frame in socket:
            if frame.type != WSMsgType.TEXT:
                break
            message = json.loads(frame.data)
            if message["op"] == 1:
                # Discord's acknowledgement comes a round trip later. One sent at once can reach discord.py before its
                # keep-alive thread has noted the heartbeat as sent, which it then logs as "Can't keep up ... 41s
                # behind": the whole interval since the heartbeat before.
                await asyncio.sleep(HEARTBEAT_ACK_SECONDS)
                await socket.send_str(json.dumps({"op": 11}))
            elif message["op"] == 2:
                await self._identify(socket, message["d"])
        async with self._changed:
            if self._socket is socket:
                self._socket = None
            self._changed.notify_all()
        return socket

    async def _identify(self, socket: web.WebSocketResponse, identify: dict[str, Any]) -> None:
        if identify.get("intents", 0) & MESSAGE_CONTENT and self.refuse_message_content:
            await socket.close(code=4014, message=b"Disallowed intent(s).")
            return
        ready = {
            "v": 10,
            "user": BOT_USER,
            "guilds": [{"id": str(server), "unavailable": True} for server in self.servers],
            "session_id": "session",
            "resume_gateway_url": self.url.replace("http", "ws") + "/gateway",
            "application": {"id": str(APP_ID), "flags": 0},
            "private_channels": [],
        }
        if "shard" in identify:
            ready["shard"] = identify["shard"]
        await socket.send_str(json.dumps({"op": 0, "t": "READY", "s": next(self._sequence), "d": ready}))
        for server in (s for s in self.servers if s not in self.withheld):
            payload = guild_payload(server, self.guild_names.get(server))
            event = {"op": 0, "t": "GUILD_CREATE", "s": next(self._sequence), "d": payload}
            await socket.send_str(json.dumps(event))
        async with self._changed:
            self.identifies.append(identify)
            self.connections.append(socket)
            self._changed.notify_all()

    # -- REST ------------------------------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["path"]
        body: Any = None
        if request.can_read_body:
            raw = await request.read()
            body = (
                json.loads(raw) if raw and request.content_type == "application/json" else raw.decode(errors="replace")
            )
        on_its_way = (d for d in self.delays if d.path is None and d.method == request.method)
        if (delay := next((d for d in on_its_way if d.pattern.fullmatch(path)), None)) is not None:
            delay.path = path  # taken before any await: a request arriving while this one waits for the lock takes
            async with self._changed:  # the next delay, not this one too
                self._changed.notify_all()
            await delay.released.wait()
        rate_headers, refused = self._rate_limit(request.method, path)
        if refused is not None:
            async with self._changed:
                scope = refused.headers["X-RateLimit-Scope"]
                self.limited.append(Call(request.method, path, body, dict(request.query), scope=scope))
                self._changed.notify_all()
            return refused
        async with self._changed:
            self.calls.append(Call(request.method, path, body, dict(request.query)))
            self._changed.notify_all()
        holds = [h for h in self.holds if h.method == request.method and h.pattern.fullmatch(path)]
        for held in (h for h in holds if not h.after_taking):
            await held.released.wait()
        failure = next(
            (f for f in self.failures if f.times and f.method == request.method and f.pattern.fullmatch(path)), None
        )
        if failure is not None:
            failure.times -= 1
            return _json(failure.body, failure.status, rate_headers | failure.headers)
        needs_token = not path.startswith(("/interactions/", "/webhooks/"))
        if needs_token and request.headers.get("Authorization") not in {f"Bot {token}" for token in self.tokens}:
            return _json({"message": "401: Unauthorized", "code": 0}, 401)
        answer = self._answer(request.method, path, body)
        answer.headers.update(rate_headers)
        async with self._changed:  # what it changed (a message, an original response) is waited for too
            self._changed.notify_all()
        for held in (h for h in holds if h.after_taking):
            await held.released.wait()
        return answer

    def _rate_limit(self, method: str, path: str) -> tuple[dict[str, str], web.Response | None]:
        """The rate limit headers of a request taken, or the 429 of one refused, as Discord answers (RateLimits)."""
        limits = self.rate_limits
        if limits is None:
            return {}, None
        now = time.monotonic()
        if limits.global_interactions or not INTERACTION_ROUTE.match(path):
            if now >= self._global.resets:
                self._global = Bucket(resets=now + 1.0)
            if self._global.taken >= limits.global_per_second:
                wait = self._global.resets - now
                body: RateLimitBody = {
                    "message": "You are being rate limited.",
                    "retry_after": round(wait, 3),
                    "global": True,
                }
                scope = {
                    "Retry-After": str(math.ceil(wait)),
                    "X-RateLimit-Global": "true",
                    "X-RateLimit-Scope": "global",
                }
                return {}, _json(body, 429, scope)
            self._global.taken += 1
        key = bucket_of(method, path)
        bucket = self._buckets.get(key)
        if bucket is None or now >= bucket.resets:
            bucket = self._buckets[key] = Bucket(resets=now + limits.window)
        reset_after = bucket.resets - now
        headers = {
            "X-RateLimit-Limit": str(limits.per_bucket),
            "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
            "X-RateLimit-Bucket": key[0],
        }
        if bucket.taken >= limits.per_bucket:
            body = {"message": "You are being rate limited.", "retry_after": round(reset_after, 3), "global": False}
            scope = {
                "X-RateLimit-Remaining": "0",
                "Retry-After": str(math.ceil(reset_after)),
                "X-RateLimit-Scope": limits.scope,
            }
            return {}, _json(body, 429, headers | scope)
        bucket.taken += 1
        return headers | {"X-RateLimit-Remaining": str(limits.per_bucket - bucket.taken)}, None

    def _answer(self, method: str, path: str, body: Any) -> web.Response:
        route = (method, path)
        if not well_formed_text(body):
            return _json({"message": "The request body contains invalid JSON.", "code": 50109}, 400)
        if isinstance(body, dict) and (problem := form_problem(body.get("data", body))):
            return _json({"message": "Invalid Form Body", "code": 50035, "errors": problem}, 400)
        if route == ("GET", "/users/@me"):
            return _json(BOT_USER)
        if route == ("GET", "/oauth2/applications/@me"):
            return _json(
                {
                    "id": str(APP_ID),
                    "name": "storybot",
                    "icon": None,
                    "description": "",
                    "bot_public": True,
                    "bot_require_code_grant": False,
                    "owner": PERSON,
                    "verify_key": "",
                    "flags": 0,
                    "team": None,
                    "summary": "",
                }
            )
        if route == ("POST", "/users/@me/channels"):  # a DM with a person, opened to write to them
            recipient = user(int(body["recipient_id"]), "reader")
            return _json({"id": str(DM_CHANNEL_ID), "type": 1, "recipients": [recipient], "last_message_id": None})
        if route == ("GET", "/gateway/bot"):
            return _json(
                {
                    "url": self.url.replace("http", "ws") + "/gateway",
                    "shards": 1,
                    "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1},
                }
            )
        if commands := re.fullmatch(rf"/applications/{APP_ID}(/guilds/{GUILD_ID})?/commands", path):
            scope = "guild" if commands.group(1) else "global"
            if method == "PUT":
                self.commands[scope] = [self._registered(c) for c in body]
            return _json(self.commands[scope])
        if re.fullmatch(r"/channels/\d+/typing", path):
            return web.Response(status=204)
        if (got := re.fullmatch(r"/channels/(\d+)/messages/(\d+)", path)) and method in ("GET", "PATCH"):
            found = self.messages.get(int(got.group(2)))
            if found is None or found["channel_id"] != got.group(1):  # a message is found in its own channel only
                return _json({"message": "Unknown Message", "code": 10008}, 404)
            if method == "PATCH":  # a part sent replaces the message's; one not sent is left
                found |= {key: body[key] for key in ("embeds", "components") if key in body}
                if not self.may_embed(int(got.group(1))):
                    found["embeds"] = []
                if "content" in body:
                    found["content"] = body["content"] or ""  # Discord keeps no content as ""
                found["edited_timestamp"] = NOW
            return _json(found)
        if sent := re.fullmatch(r"/channels/(\d+)/messages", path):
            return _json(self._message(int(sent.group(1)), body))
        if callback := re.fullmatch(r"/interactions/(\d+)/([^/]+)/callback", path):
            kind = body["type"]
            data = body.get("data") or {}
            message = self._message(CHANNEL_ID, data) if kind in (4, 7) else None
            if kind == 4 and message is not None:
                self.originals[callback.group(2)] = message
            if kind == 5:  # "thinking…": a message of its own, loading
                flags = data.get("flags", 0) | LOADING
                self.originals[callback.group(2)] = self._message(CHANNEL_ID, {"flags": flags})
            result: dict[str, Any] = {
                "interaction": {
                    "id": callback.group(1),
                    "type": 2,
                    "response_message_id": message and message["id"],
                    "response_message_loading": kind == 5,
                    "response_message_ephemeral": bool(data.get("flags", 0) & 64),
                }
            }
            if message is not None:
                result["resource"] = {"type": kind, "message": message}
            return _json(result)
        if original := re.fullmatch(rf"/webhooks/{APP_ID}/([^/]+)/messages/@original", path):
            return self._original(method, original.group(1), body or {})
        if webhook := re.fullmatch(rf"/webhooks/{APP_ID}/([^/]+)", path):
            loading = self.originals.get(webhook.group(1))
            if method == "POST" and loading is not None and loading["flags"] & LOADING:
                return self._original("PATCH", webhook.group(1), body or {})  # the first follow-up replaces it
            return _json(self._message(CHANNEL_ID, body or {}))
        return _json({"message": f"404: Not Found ({method} {path})", "code": 0}, 404)

    def _original(self, method: str, token: str, body: dict[str, Any]) -> web.Response:
        """An interaction's original response, read, edited or deleted as Discord does; an edit of one Discord never
        heard of (a button's deferred update, its message elsewhere) is a message of its own."""
        found = self.originals.get(token)
        if method == "DELETE":
            self.originals.pop(token, None)
            return web.Response(status=204)
        if method == "GET":
            if found is None:
                return _json({"message": "Unknown Message", "code": 10008}, 404)
            return _json(found)
        if found is None:
            return _json(self._message(CHANNEL_ID, body))
        found |= {key: body[key] for key in ("embeds", "components") if key in body}
        if "content" in body:
            found["content"] = body["content"] or ""
        found["flags"] &= ~LOADING  # answered: no longer "thinking…"
        return _json(found)

    def _registered(self, command: dict[str, Any]) -> dict[str, Any]:
        """A command as Discord returns it: ids and defaults filled in, permissions as a string."""
        permissions = command.get("default_member_permissions")
        return command | {
            "id": str(self.new_id()),
            "application_id": str(APP_ID),
            "version": str(self.new_id()),
            "default_member_permissions": None if permissions is None else str(permissions),
            "dm_permission": True,
            "nsfw": command.get("nsfw", False),
            "integration_types": [0],
        }

    def _message(self, channel_id: int, body: dict[str, Any]) -> dict[str, Any]:
        message = message_payload(self.new_id(), channel_id, BOT_USER, body.get("content") or "") | {
            "embeds": (body.get("embeds") or []) if self.may_embed(channel_id) else [],  # Discord drops them
            "components": body.get("components") or [],
            "flags": body.get("flags", 0),
        }
        self.messages[int(message["id"])] = message
        return message


async def followup(fake: FakeDiscord, step: Step) -> dict[str, Any]:
    """This interaction's first follow-up, found by its token: any follow-up after the mark could be a late reply to
    an earlier test's interaction (a reload's report, an upload's), and was taken for this one's."""
    mark, interaction = step
    return await fake.followup(interaction, after=mark)


def well_formed_text(body: object) -> bool:
    """Whether every string of a body is text UTF-8 holds: Discord keeps its strings as UTF-8, so half a surrogate
    pair ("\\ud800", which JSON can write) is refused (discord-api-docs#6561, a custom_id holding one; refused here as
    the invalid JSON it is to Discord, 50109)."""
    try:
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def form_problem(data: dict[str, Any]) -> str | None:
    """What Discord's form validation refuses in a message or an autocomplete answer, as Discord would
    (50035): custom ids and choice values over 100 characters, a custom id twice in one message, two
    equal options in one select."""
    components = [c for row in data.get("components") or [] for c in row.get("components", [])]
    custom_ids = [c["custom_id"] for c in components if "custom_id" in c]
    if any(len(custom_id) > 100 for custom_id in custom_ids):
        return "BASE_TYPE_MAX_LENGTH: custom_id must be 100 or fewer in length"
    if len(custom_ids) != len(set(custom_ids)):
        return "COMPONENT_CUSTOM_ID_DUPLICATED"
    for select in components:
        values = [o["value"] for o in select.get("options", [])]
        if len(values) != len(set(values)):
            return "SELECT_COMPONENT_OPTION_VALUE_DUPLICATED"
    if any(len(str(c["value"])) > 100 or len(c["name"]) > 100 for c in data.get("choices") or []):
        return "BASE_TYPE_MAX_LENGTH: choice names and values must be 100 or fewer in length"
    return _length_problem(data, components)


EMBED_LIMITS = {"title": 256, "description": 4096}
"""Discord's limits on an embed's parts, in characters; the whole embed holds 6,000 at most."""


def _length_problem(data: dict[str, Any], components: list[dict[str, Any]]) -> str | None:
    """Discord's length limits on what a message shows: its content, its embeds, its buttons' and selects' text."""
    if len(data.get("content") or "") > 2000:
        return "BASE_TYPE_MAX_LENGTH: content must be 2000 or fewer in length"
    for embed in data.get("embeds") or []:
        parts = [(embed.get(key) or "", most) for key, most in EMBED_LIMITS.items()]
        parts += [
            ((embed.get("footer") or {}).get("text") or "", 2048),
            ((embed.get("author") or {}).get("name") or "", 256),
        ]
        fields = embed.get("fields") or []
        parts += [(f["name"], 256) for f in fields] + [(f["value"], 1024) for f in fields]
        if len(fields) > 25 or any(len(text) > most for text, most in parts):
            return "BASE_TYPE_MAX_LENGTH: an embed's part is over its limit"
        if sum(len(text) for text, _ in parts) > 6000:
            return "Embed size exceeds maximum size of 6000"
    for component in components:
        options = component.get("options") or []
        texts = [(component.get("label") or "", 80), (component.get("placeholder") or "", 150)]
        texts += [(o.get(key) or "", 100) for o in options for key in ("label", "value", "description")]
        if len(options) > 25 or any(len(text) > most for text, most in texts):
            return "BASE_TYPE_MAX_LENGTH: a component's text is over its limit"
    return None


def _json(data: object, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    # discord.py only parses bodies whose Content-Type is exactly "application/json"; Discord's API answers through
    # Google's load balancer (Via), and discord.py takes a 429 without it for Cloudflare's ban, not a rate limit.
    kind = {"Content-Type": "application/json", "Via": "1.1 google"}
    return web.Response(body=json.dumps(data).encode(), status=status, headers=kind | (headers or {}))
