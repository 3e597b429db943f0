"""The bot as a separate process, the way a server owner runs it, pointed at the fake Discord."""

from __future__ import annotations

import asyncio
import errno
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from tests.discord_app.fake_discord import GUILD_ID, TOKEN, FakeDiscord
from tests.hang import HANG_SECONDS
from tests.process_forks import FORKS, ForkedProcess, forkable

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = Path(__file__).with_name("launch_bot.py")


class BotProcess:
    def __init__(self, fake: FakeDiscord, *args: str, **env: str):
        self.fake = fake
        self.args = args or ("run",)
        self.env = {"DISCORD_TOKEN": TOKEN, "STORYBOT_GUILD_ID": str(GUILD_ID)} | env
        self.process: asyncio.subprocess.Process | ForkedProcess | None = None
        self.output: list[str] = []
        self._reader: asyncio.Task | None = None
        self._printed = asyncio.Condition()
        self._output_ended = False
        self._own_data: Path | None = None

    async def start(self) -> BotProcess:
        environment = {k: v for k, v in os.environ.items() if not k.startswith(("STORYBOT_", "DISCORD_"))}
        environment |= {"FAKE_DISCORD_URL": self.fake.url, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
        if "STORYBOT_DATA" not in self.env:  # never the tester's own data folder
            self._own_data = Path(tempfile.mkdtemp(prefix="storybot-data-"))
            self.env["STORYBOT_DATA"] = str(self._own_data)
        if forkable(environment | self.env):  # a fork of a process that imported the bot (tests/process_forks.py)
            self.process = await FORKS.start(LAUNCHER, list(self.args), env=environment | self.env, cwd=ROOT)
        else:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                str(LAUNCHER),
                *self.args,
                env=environment | self.env,
                cwd=ROOT,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.STDOUT,
            )
        self._reader = asyncio.create_task(self._read())
        return self

    async def _read(self) -> None:
        assert self.process and self.process.stdout
        async for line in self.process.stdout:
            async with self._printed:
                self.output.append(line.decode(errors="replace"))
                self._printed.notify_all()
        async with self._printed:
            self._output_ended = True
            self._printed.notify_all()

    async def printed(self, text: str, times: int = 1, hang_seconds: float = 600) -> None:
        """Waits until the bot has printed `text` on `times` lines; fails if it ends first. Ordered, not timed:
        hang_seconds only ends a test that would otherwise never end."""

        def count() -> int:
            return sum(text in line for line in self.output)

        async with self._printed:
            await asyncio.wait_for(self._printed.wait_for(lambda: self._output_ended or count() >= times), hang_seconds)
        assert count() >= times, f"the bot ended without printing {text!r} on {times} lines:\n{self.text}"

    @property
    def text(self) -> str:
        return "".join(self.output)

    async def ready(self) -> None:
        """Waits until the bot says it is logged in (after READY and the guilds have arrived)."""
        for _ in range(int(HANG_SECONDS * 10)):
            if "Logged in as" in self.text:
                return
            if self.process and self.process.returncode is not None:
                break
            await asyncio.sleep(0.1)
        raise AssertionError(f"the bot did not get ready; it printed:\n{self.text}")

    async def exited(self, timeout: float = 30) -> int:
        assert self.process is not None
        code = await asyncio.wait_for(self.process.wait(), timeout)
        if self._reader:
            await self._reader
        return code

    async def killed(self) -> int:
        """SIGKILLed (power lost, the OOM killer): nothing of its own shutdown runs; its exit code once it has ended."""
        assert self.process is not None
        self.process.kill()
        return await self.exited()

    async def stop(self, signum: int = signal.SIGTERM) -> int:
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(signum)
        try:
            return await self.exited()
        except TimeoutError:  # it did not stop: ended, so that no failed test leaves a bot running
            self.process.kill()
            await self.process.wait()
            raise
        finally:
            if self._own_data is not None:
                shutil.rmtree(self._own_data, ignore_errors=True)


async def held_at(process: BotProcess, pipe: Path) -> int:
    """Waits until the bot opens the named pipe to read (launch_bot's load_after, people_after): the pipe's writer,
    which the test closes to let it go on. Ordered, not timed: the bound only ends a test that would otherwise never
    end."""
    for _ in range(int(HANG_SECONDS * 10)):
        assert process.process is not None and process.process.returncode is None, process.text
        try:
            return os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as error:  # ENXIO: not reading yet
            if error.errno != errno.ENXIO:
                raise
        await asyncio.sleep(0.1)
    raise AssertionError(f"the bot never opened {pipe.name}:\n{process.text}")


@asynccontextmanager
async def bot_on_fake_discord(
    data: Path, servers: tuple[int, ...] = (GUILD_ID,), **env: str
) -> AsyncIterator[tuple[FakeDiscord, BotProcess]]:
    """A fake Discord in `servers`, and the bot process against it, ready (no saved index, its database in `data`,
    `env` its other settings); both stopped after, the bot having printed no traceback."""
    discord = FakeDiscord(servers)
    await discord.start()
    process = BotProcess(discord, STORYBOT_INDEX="off", STORYBOT_DATA=str(data), **env)
    await process.start()
    try:
        await process.ready()
        yield discord, process
    finally:  # a failed test leaves no bot running
        await process.stop()
        await discord.stop()
    assert "Traceback" not in process.text
