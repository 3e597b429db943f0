"""Runs storybot's real entry point (`python -m bot ...`) against the fake Discord at FAKE_DISCORD_URL.

The only change is where discord.py connects: its REST base and its default gateway.
"""

import os
import sys

import discord.gateway
import discord.http
import yarl

from bot.program import main

if __name__ == "__main__":  # a worker process (bot.core.worker) imports this file too: only point and run here
    base = os.environ["FAKE_DISCORD_URL"]
    discord.http.Route.BASE = f"{base}/api/v10"
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(base.replace("http", "ws", 1) + "/gateway")
    raise SystemExit(main(sys.argv[1:]))
