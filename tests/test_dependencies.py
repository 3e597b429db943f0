"""What pyproject.toml lets pip install is enough for the code: a floor below a feature the bot uses installs a
discord.py that fails at run time, on every edited message."""

from __future__ import annotations

import inspect
import tomllib

import discord
from packaging.requirements import Requirement
from packaging.version import Version

from tests.cli.test_main import ROOT

EDITED_MESSAGE_GIVEN = Version("2.5")
"""The first discord.py whose RawMessageUpdateEvent carries the edited message (`message`), which
bot.discord_app.exts.ask reads for edited questions; 2.4's has only the raw payload (AttributeError)."""


def lowest_allowed(name: str) -> Version:
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    requirement = next(r for r in map(Requirement, dependencies) if r.name == name)
    floors = [Version(s.version) for s in requirement.specifier if s.operator in (">=", "==", "~=")]
    assert floors, f"{name} has no lower bound"
    return max(floors)


def test_the_lowest_discord_py_allowed_gives_edited_messages():
    assert "message" in inspect.signature(discord.RawMessageUpdateEvent).parameters  # the one installed does
    assert lowest_allowed("discord.py") >= EDITED_MESSAGE_GIVEN
