"""Gateway events discord.py cannot read, dropped one at a time rather than ending the bot.

discord.py reads each event Discord sends inside the loop that reads the gateway, and an error there (a KeyError for a
field Discord left out: a thread with no `owner_id`, an interaction with no `attachment_size_limit`) leaves that loop,
ends the connection, and the process with it: every server lost the bot for one event. The bot's own handlers run in
tasks of their own; what fails here is discord.py reading Discord's payload, so the event is dropped, in one line of
the log, and the next one read.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, MutableMapping

log = logging.getLogger(__name__)

Parser = Callable[[dict[str, object]], None]


def guard_parsers(parsers: MutableMapping[str, Parser]) -> None:
    """Wraps each of discord.py's event parsers (its connection state's `parsers`, which every shard's gateway reads
    events through) in place, so that one which raises drops its event."""
    for event, parse in list(parsers.items()):
        parsers[event] = _guarded(event, parse)


def _guarded(event: str, parse: Parser) -> Parser:
    @functools.wraps(parse)
    def read(data: dict[str, object]) -> None:
        try:
            parse(data)
        except Exception as error:  # discord.py reading a payload Discord sent: whatever it raises, drop the event
            log.warning("Dropped a %s event discord.py could not read (%s: %s).", event, type(error).__name__, error)

    return read
