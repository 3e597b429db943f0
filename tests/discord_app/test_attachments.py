"""Where an upload is downloaded from, and how much of it: the real bot process against the fake Discord, whose CDN
serves a body longer than Discord said, one with no end, one on another host and one that redirects there."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from bot.core.shelf import MAX_UPLOAD_BYTES
from bot.messages import ATTACHMENT_NOT_WHOLE, FOREIGN_ATTACHMENT, download_failed_text
from tests.discord_app.bot_process import BotProcess, bot_on_fake_discord
from tests.discord_app.fake_discord import MANAGE_SERVER, FakeDiscord
from tests.discord_app.test_end_to_end import EPHEMERAL, callback
from tests.discord_app.test_shelves import add_and_read, followup

pytestmark = pytest.mark.asyncio(loop_scope="module")
MILL = b"# The Mill\n\nAnatole ground rye by the river all night."


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(tmp_path_factory) -> AsyncIterator[tuple[FakeDiscord, BotProcess]]:
    async with bot_on_fake_discord(tmp_path_factory.mktemp("data")) as running:
        yield running


async def told(fake: FakeDiscord, upload: dict) -> str:
    """What the manager is told after /story add of this attachment."""
    mark, interaction = await fake.subcommand("story", "add", permissions=MANAGE_SERVER, file=upload)
    return (await followup(fake, interaction, mark))["content"]


async def test_an_upload_longer_than_discord_said_is_refused_not_added(bot):
    # The whole body was downloaded and its length never compared with the size Discord gave: a 2 MB story sent as
    # 1 KB was added. The download now stops once it passes the declared size.
    fake, _ = bot
    long = MILL + b"\n\nThe wheel turned on. " * 100_000
    said = await told(fake, fake.attach("long.md", long, declared=1024))
    assert said == (
        "That file turned out larger than Discord said it was (1.0 KB), so I stopped downloading it and nothing was "
        "added; please upload it again."
    ), said
    assert (await add_and_read(fake, "mill.md", MILL))["content"].startswith('Added "The Mill"')


async def test_an_upload_with_no_end_is_broken_off_at_its_size_not_read_into_memory(bot):
    # `await file.read()` took everything the CDN sent before the size was checked: 64 MB here (a CDN that never
    # stopped, all the memory there is). Read a chunk at a time, it is broken off just past its size.
    fake, process = bot
    upload = fake.attach("endless.md", MILL, endless=True)
    said = await told(fake, upload)
    assert said.startswith(f"That file turned out larger than Discord said it was ({len(MILL)} bytes)"), said
    await fake.wait_for(lambda: int(upload["id"]) in fake.served)
    assert fake.served[int(upload["id"])] < MAX_UPLOAD_BYTES  # what the sockets between them hold, at most
    assert "Traceback" not in process.text


async def test_an_upload_declared_at_the_limit_that_runs_past_it_is_told_larger_than_discord_said(bot):
    # Declared at exactly the most an upload may be, a body that ran on was told "That file is 8.0 MB; stories
    # uploaded here may be at most 8 MB": a file within the limit, by what Discord said of it.
    fake, _ = bot
    said = await told(fake, fake.attach("limit.md", MILL, endless=True, declared=MAX_UPLOAD_BYTES))
    assert said.startswith("That file turned out larger than Discord said it was (8.0 MB)"), said


async def test_a_declared_size_of_zero_takes_no_byte_and_an_empty_file_is_said_to_be_empty(bot):
    fake, _ = bot
    said = await told(fake, fake.attach("zero.md", MILL, declared=0))
    assert said.startswith("That file turned out larger than Discord said it was (0 bytes)"), said
    assert (await told(fake, fake.attach("empty.md", b""))).startswith("That file is empty")


async def test_an_upload_whose_download_ends_before_its_size_is_not_added_as_half_a_story(bot):
    # A body sent with no length ends where its connection closes: one closed halfway was read as the whole file, and
    # half the story was added as if it were all. Discord gave its size: a body that ends short of it broke off.
    fake, process = bot
    story = MILL + b"\n\nHis wheel stopped one winter night, and the river froze over it until spring."
    said = await told(fake, fake.attach("half.md", story, unframed=True))
    assert said == download_failed_text(), said
    assert f"Could not download the upload half.md: it ended after {len(story) // 2} of its {len(story)} bytes" in (
        process.text
    )
    assert (await add_and_read(fake, "whole.md", story))["content"].startswith('Added "The Mill"')


@pytest.mark.parametrize("where", ["host", "redirect", "https"])
async def test_an_upload_from_anywhere_but_discords_attachment_hosts_is_not_downloaded(bot, where):
    # Any URL an attachment named was fetched, and redirects followed wherever they led. Only Discord's attachment
    # hosts are asked now (the fake CDN here, as the launcher sets them), over their scheme, and a redirect is checked
    # as the first URL is; the owner is told in the log where it led.
    fake, process = bot
    elsewhere = fake.url.replace("127.0.0.1", "localhost", 1)  # the fake CDN under another name: not an origin allowed
    if where == "host":
        upload = fake.attach("away.md", MILL, host="localhost")
    elif where == "redirect":
        upload = fake.attach("away.md", MILL, redirect=f"{elsewhere}/attachments/1/away.md")
    else:
        upload = fake.attach("away.md", MILL)
        upload["url"] = upload["url"].replace("http://", "https://", 1)
        elsewhere = fake.url.replace("http://", "https://", 1)
    assert await told(fake, upload) == FOREIGN_ATTACHMENT
    assert int(upload["id"]) not in fake.downloads
    assert f"Did not download the upload away.md from {elsewhere}: not one of Discord's attachment hosts" in (
        process.text
    )
    assert "Traceback" not in process.text


async def test_a_redirect_to_discords_own_host_is_followed(bot):
    fake, _ = bot
    weir = b"# The Weir\n\nOttilie opened the weir at dawn."
    target = fake.attach("weir.md", weir)
    upload = fake.attach("weir.md", b"", declared=len(weir), redirect=target["url"])
    said = await told(fake, upload)
    assert said.startswith('Added "The Weir"'), said


@pytest.mark.parametrize("size", [None, "12", -1, True])
async def test_an_attachment_without_a_size_of_bytes_is_refused_in_words_not_a_traceback(bot, size):
    # Discord always sends an attachment's size, but one without it met discord.py before any command ran: a KeyError
    # in a task of its own, a traceback in the log and "did not respond" for the manager; a size as a string failed
    # the command as it was compared ("Something went wrong").
    fake, process = bot
    upload = fake.attach("odd.md", MILL)
    if size is None:
        del upload["size"]
    else:
        upload["size"] = size
    step = await fake.subcommand("story", "add", permissions=MANAGE_SERVER, file=upload)
    answer = (await callback(fake, step))["data"]  # answered at once: before any command
    assert answer["content"] == ATTACHMENT_NOT_WHOLE and answer["flags"] & EPHEMERAL
    assert int(upload["id"]) not in fake.begun
    assert "Refused /story add: Discord sent an attachment without its id, name, URL or size." in process.text
    assert "Traceback" not in process.text


async def test_an_attachment_url_without_a_scheme_is_refused_as_foreign_not_a_traceback(bot):
    # `//host/path` has a host but no scheme: naming its origin for the refusal raised yarl's ValueError ("URL should
    # have scheme"), a traceback in the log and "Something went wrong" for the manager.
    fake, process = bot
    upload = fake.attach("bare.md", MILL)
    upload["url"] = upload["url"].removeprefix("http:")
    assert await told(fake, upload) == FOREIGN_ATTACHMENT
    assert int(upload["id"]) not in fake.begun
    assert "Did not download the upload bare.md from '//127.0.0.1:" in process.text
    assert "Traceback" not in process.text


@pytest.mark.parametrize(
    "field, value", [("proxy_url", None), ("id", "not-a-number"), ("id", "-"), ("filename", 3), ("waveform", "x")]
)
async def test_an_attachment_discord_py_cannot_make_is_refused_in_words_whatever_field_it_lacks(bot, field, value):
    # discord.py makes an Attachment of `data["proxy_url"]` and `int(data["id"])` too: without its proxy URL, or with
    # an id of no digits, or a voice message's waveform that is no base64, it failed before any command ran (a KeyError,
    # ValueError or binascii.Error traceback, and "did not respond").
    fake, process = bot
    upload = fake.attach("odd.md", MILL)
    if value is None:
        del upload[field]
    else:
        upload[field] = value
    step = await fake.subcommand("story", "add", permissions=MANAGE_SERVER, file=upload)
    answer = (await callback(fake, step))["data"]
    assert answer["content"] == ATTACHMENT_NOT_WHOLE and answer["flags"] & EPHEMERAL
    assert "Traceback" not in process.text


@pytest.mark.parametrize(
    "location",
    [
        "http://127.0.0.1@localhost:{port}/attachments/{id}/weir.md",  # the allowed host as a user name
        "//localhost:{port}/attachments/{id}/weir.md",  # protocol-relative, to another host
        "http://127.0.0.1:{other}/attachments/{id}/weir.md",  # the allowed host on another port
        "http://127.0.0.1.:{port}/attachments/{id}/weir.md",  # a trailing dot: another name to the check
        "https://127.0.0.1:{port}/attachments/{id}/weir.md",  # another scheme
    ],
)
async def test_a_redirect_that_only_looks_like_discords_host_is_not_followed(bot, location):
    fake, process = bot
    port = int(fake.url.rsplit(":", 1)[1])
    target = fake.attach("weir.md", MILL)
    where = location.format(port=port, other=port + 1, id=target["id"])
    upload = fake.attach("away.md", b"", declared=len(MILL), redirect=where)
    assert await told(fake, upload) == FOREIGN_ATTACHMENT
    assert int(target["id"]) not in fake.begun
    assert "Traceback" not in process.text


async def test_a_relative_redirect_on_discords_host_is_followed_and_a_loop_is_not_followed_for_ever(bot):
    fake, _ = bot
    sluice = b"# The Sluice\n\nOttilie closed the sluice at noon."  # no other test's story: this module's bot is one
    target = fake.attach("sluice.md", sluice)
    upload = fake.attach("sluice.md", b"", declared=len(sluice), redirect=f"/attachments/{target['id']}/sluice.md")
    assert (await told(fake, upload)).startswith('Added "The Sluice"')
    looping = fake.attach("loop.md", MILL)
    fake.redirects[int(looping["id"])] = looping["url"]
    assert (await told(fake, looping)).startswith("I could not download that file from Discord")
