"""An upload's file fetched from Discord's attachment hosts, and no further than the size Discord said it has.

discord.py's `Attachment.read` takes the whole body before its size can be looked at: a body longer than Discord said
(or one with no end) was downloaded whole, in memory, and only then refused, or added. Here aiohttp's stream is read a
chunk at a time and broken off as soon as it passes that size, so an upload holds at most its size and a chunk; and
only Discord's attachment hosts are asked, over https, a redirect too: nothing is fetched from elsewhere for anyone.
"""

from __future__ import annotations

import base64
import binascii

import aiohttp
import discord
from yarl import URL

from bot.core.shelf import MAX_UPLOAD_BYTES, ShelfError, UploadRefusal

ATTACHMENT_ORIGINS = frozenset({URL("https://cdn.discordapp.com"), URL("https://media.discordapp.net")})
"""Where Discord serves attachments: its CDN (an attachment's `url`, as discord.py's `Asset.BASE`) and its media proxy
(its `proxy_url`). Not a setting, which an owner could widen by mistake: the tests' launcher points it at the fake
Discord, as it points discord.py's `Route.BASE`."""
CHUNK = 64 * 1024
"""Bytes read from the stream at a time: what an upload may hold past its size before it is refused."""
REDIRECTS = 3
"""Redirects followed, each to one of ATTACHMENT_ORIGINS; Discord's CDN answers an attachment's URL with no redirect."""
_REDIRECTED = frozenset({301, 302, 303, 307, 308})


class ForeignHost(Exception):
    """The attachment's URL, or a redirect from it, leads away from Discord's attachment hosts (or is no URL): nothing
    was fetched from there."""

    def __init__(self, origin: str):
        super().__init__(origin)
        self.origin = origin
        """Where it led: its scheme, host and port (or, for no URL with a host, what it was, less its query), never a
        query, which may carry a signature."""


class EndedShort(Exception):
    """The body ended before the size Discord said it has: a body sent without its length ends where its connection
    closes, so a download broken off looks whole, and half a story was added as the story."""

    def __init__(self, got: int, declared: int):
        super().__init__(got, declared)
        self.got, self.declared = got, declared
        """The bytes that came, and the size Discord gave."""


async def downloaded(
    url: str, declared: int, *, proxy: str | None = None, proxy_auth: aiohttp.BasicAuth | None = None
) -> bytes:
    """The attachment's bytes, from one of ATTACHMENT_ORIGINS; raises ForeignHost for a URL elsewhere, ShelfError
    (LARGER_THAN_DECLARED, or TOO_LARGE past MAX_UPLOAD_BYTES) as soon as the body passes `declared` bytes, EndedShort
    for one that ends before them, and
    discord.HTTPException for a status other than 200 (as `Attachment.read`). `proxy` and `proxy_auth`: discord.py's,
    which its own requests use. The caller bounds the time."""
    where, hops = _attachment_url(url), 0
    async with aiohttp.ClientSession() as session:
        while True:
            async with session.get(where, allow_redirects=False, proxy=proxy, proxy_auth=proxy_auth) as response:
                location = response.headers.get(aiohttp.hdrs.LOCATION)
                if response.status in _REDIRECTED and location and hops < REDIRECTS:
                    where, hops = _attachment_url(location, where), hops + 1  # checked before it is asked, as the first
                    continue
                if response.status != 200:
                    raise discord.HTTPException(response, response.reason or "")
                return await _read_within(response, declared)


async def _read_within(response: aiohttp.ClientResponse, declared: int) -> bytes:
    """The body, refused once it passes `declared` bytes (or MAX_UPLOAD_BYTES): before a byte is read when its
    Content-Length says so, else at the chunk that passes it; and refused if it ends short of them."""
    most = min(declared, MAX_UPLOAD_BYTES)
    body = bytearray()
    if response.content_length is not None and response.content_length > most:
        _refuse(declared, response.content_length)
    async for chunk in response.content.iter_chunked(CHUNK):
        body += chunk
        if len(body) > most:
            _refuse(declared, len(body))
    if len(body) < declared:
        raise EndedShort(len(body), declared)
    return bytes(body)


def _refuse(declared: int, seen: int) -> None:
    """Past what Discord said (a body longer than its declared size, one declared at MAX_UPLOAD_BYTES exactly too:
    the file was not as large as its size said, whatever its size is), or past what any upload may be."""
    if seen > declared:
        raise ShelfError(UploadRefusal.LARGER_THAN_DECLARED, size=declared)
    raise ShelfError(UploadRefusal.TOO_LARGE, size=seen)


def attachments_whole(interaction: discord.Interaction) -> bool:
    """Whether each attachment the interaction brings has the fields discord.py makes it of, of their types (an id of
    digits, a file name, a URL and a proxy URL, a size of 0 bytes or more, a voice message's waveform in base64).
    Discord always sends them; a payload without one (or an id it cannot take as a number) met discord.py before any
    command ran, a KeyError or ValueError in a task of its own: a traceback in the log, and "did not respond" for the
    person. A string for a size failed the command as it compared it."""
    data: object = interaction.data
    resolved = data.get("resolved") if isinstance(data, dict) else None
    found = resolved.get("attachments") if isinstance(resolved, dict) else None
    if found is None:
        return True
    return isinstance(found, dict) and all(_whole(attachment) for attachment in found.values())


def _whole(attachment: object) -> bool:
    """Whether discord.py's Attachment can be made of it: it takes `int(id)`, every field here by its key, and decodes
    a waveform."""
    if not isinstance(attachment, dict):
        return False
    size, snowflake, waveform = attachment.get("size"), attachment.get("id"), attachment.get("waveform")
    fields = (attachment.get("filename"), attachment.get("url"), attachment.get("proxy_url"))
    sized = isinstance(size, int) and not isinstance(size, bool) and size >= 0
    numbered = isinstance(snowflake, str) and snowflake.isascii() and snowflake.isdigit()
    heard = waveform is None or _base64(waveform)
    return sized and numbered and heard and all(isinstance(field, str) for field in fields)


def _base64(value: object) -> bool:
    if not isinstance(value, str) or not value.isascii():
        return False
    try:
        base64.b64decode(value)
    except binascii.Error:
        return False
    return True


def _attachment_url(written: str, base: URL | None = None) -> URL:
    """`written` (relative to `base`, for a redirect's Location) as a URL, if it is one of ATTACHMENT_ORIGINS'; else
    raises ForeignHost."""
    try:
        url = URL(written) if base is None else base.join(URL(written))
    except ValueError as error:  # no URL at all (a backslash in its host, a port of letters): named as written
        raise ForeignHost(repr(written.split("?", 1)[0][:200])) from error
    if not url.scheme or not url.host:  # `//host/path` too, which has no origin to name
        raise ForeignHost(repr(str(url.with_query(None).with_fragment(None))[:200]))
    if _place(url) not in {_place(origin) for origin in ATTACHMENT_ORIGINS}:
        raise ForeignHost(str(url.origin()))
    return url


def _place(url: URL) -> tuple[str, str | None, int | None]:
    """Scheme, host and port, the default port said or not (https://cdn.discordapp.com:443 is its CDN too)."""
    return url.scheme, url.host, url.port
