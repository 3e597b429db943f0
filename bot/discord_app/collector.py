"""What the bot's process holds for as long as it runs, moved out of the cycle collector's sight before the library.

Each full collection walks every object the collector tracks, holding the GIL and with it the event loop (and the
heartbeat Discord drops a bot for missing). The modules, classes and functions imported before the library is loaded
(discord.py, SQLAlchemy, numpy, the bot's own: some 100,000 objects) live as long as the process and are never
garbage, yet were a third to a half of each walk: frozen (gc.freeze), a full collection with a shelf of 300,000
passages took 63-65 ms of CPU, not 117-132 (docs/speed.md, "The event loop and the cycle collector").

Only those: the library is loaded after, and stays in sight. A library a reload replaced leaves cyclic garbage that
only the collector frees (some 20,000 objects a reload, gone at the next full collection); frozen, each reload would
have kept its library's remains for good.
"""

from __future__ import annotations

import gc


def freeze_what_lasts() -> None:
    """Once, before the library is loaded: what was imported moves to the collector's permanent generation, after a
    collection of what importing left (a cycle frozen is never freed)."""
    gc.collect()
    gc.freeze()
