"""The built image against the fake Discord on 127.0.0.1, as deploy/test-container.sh runs it.

Two containers on the same volumes, one after the other, as an upgrade replaces one: the first keeps
its state in SQLite (/data), answers a mention, takes a story with /story add (written by the non-root
user into the stories volume), reports healthy, logs its invite link and stops cleanly on SIGTERM;
the second, pointed at a PostgreSQL server, migrates it by itself, still has the added story, and
answers. Prints one line per check; exits 1 at the first that fails.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import uuid
from pathlib import Path

import asyncpg

from tests.discord_app.fake_discord import (
    BOT_USER,
    GUILD_ID,
    LIBRARY,
    MANAGE_SERVER,
    PERSON,
    TOKEN,
    FakeDiscord,
    followup,
)
from tests.discord_app.test_end_to_end import MENTION, callback, reply_to
from tests.postgresql import PostgreSQLServer, server_programs

ROOT = Path(__file__).resolve().parents[1]
LAUNCHER = ROOT / "tests" / "discord_app" / "launch_bot.py"
MOUNTED_LAUNCHER = "/opt/storybot-test/launch_bot.py"
KEEPER_HTML = (
    b"<html><head><title>The Keeper</title><style>p {color: red}</style></head><body>"
    b"<p>Maren kept the lighthouse on the cape.</p><p>She lit the lamp.</p></body></html>"
)


class CheckFailed(Exception):
    pass


def passed(what: str) -> None:
    print(f"container-check: ok: {what}", flush=True)


async def podman(*args: str, check: bool = True) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        "podman", *args, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    output, _ = await process.communicate()
    text = output.decode(errors="replace")
    assert process.returncode is not None
    if check and process.returncode != 0:
        raise CheckFailed(f"podman {' '.join(args)} exited {process.returncode}:\n{text}")
    return process.returncode, text


def owners_env_file(folder: Path) -> Path:
    """.env as an owner makes it: .env.example with the token filled in, passed with --env-file."""
    example = (ROOT / ".env.example").read_text("utf-8")
    if "\nDISCORD_TOKEN=\n" not in example:
        raise CheckFailed(".env.example has no empty DISCORD_TOKEN= line to fill in")
    path = folder / "storybot.env"
    path.write_text(example.replace("\nDISCORD_TOKEN=\n", f"\nDISCORD_TOKEN={TOKEN}\n"), "utf-8")
    return path


class Container:
    def __init__(self, image: str, fake: FakeDiscord, volumes: dict[str, str], env_file: Path, **env: str):
        self.image = image
        self.name = f"storybot-check-{uuid.uuid4().hex[:8]}"
        self.fake = fake
        self.volumes = volumes
        self.env_file = env_file
        self.env = {"STORYBOT_GUILD_ID": str(GUILD_ID), "FAKE_DISCORD_URL": fake.url} | env

    async def start(self) -> Container:
        mounts = [f"--volume={volume}:{path}" for volume, path in self.volumes.items()]
        mounts.append(f"--volume={LAUNCHER}:{MOUNTED_LAUNCHER}:ro")
        settings = [f"--env-file={self.env_file}", *(f"--env={name}={value}" for name, value in self.env.items())]
        await podman(
            "run", "--detach", "--name", self.name, "--network=host", *mounts, *settings,
            "--entrypoint", "python", self.image, MOUNTED_LAUNCHER, "run",
        )  # fmt: skip
        return self

    async def logs(self) -> str:
        return (await podman("logs", self.name, check=False))[1]

    async def ready(self, timeout: float = 180) -> None:
        for _ in range(int(timeout * 2)):
            if "Logged in as" in await self.logs():
                return
            _, state = await podman("inspect", "--format", "{{.State.Running}}", self.name)
            if state.strip() != "true":
                break
            await asyncio.sleep(0.5)
        raise CheckFailed(f"{self.name} did not get ready; it logged:\n{await self.logs()}")

    async def exec(self, *command: str) -> str:
        return (await podman("exec", self.name, *command))[1].strip()

    async def healthy(self, timeout: float = 20) -> None:
        for _ in range(int(timeout)):
            code, _ = await podman("healthcheck", "run", self.name, check=False)
            if code == 0:
                return
            await asyncio.sleep(1)
        raise CheckFailed(f"{self.name} never reported healthy; it logged:\n{await self.logs()}")

    async def stop(self) -> int:
        await podman("stop", "--time", "30", self.name)
        _, code = await podman("inspect", "--format", "{{.State.ExitCode}}", self.name)
        return int(code)

    async def remove(self) -> None:
        await podman("rm", "--force", self.name, check=False)


async def check_image(image: str, fake: FakeDiscord, postgresql_url: str | None, folder: Path) -> None:
    volumes = {f"storybot-check-{part}-{uuid.uuid4().hex[:8]}": f"/{part}" for part in ("library", "data", "index")}
    env_file = owners_env_file(folder)
    containers: list[Container] = []
    try:
        first = Container(image, fake, volumes, env_file)
        containers.append(first)
        await first.start()
        await first.ready()
        passed("the bot started from the image and connected to the fake Discord")
        user = await first.exec("id", "-u")
        if user == "0":
            raise CheckFailed("the bot runs as root")
        passed(f"it runs as uid {user}, not root")
        answer = await reply_to(fake, f"{MENTION} where was sofia born?", mentions=[BOT_USER])
        if "Moscow" not in str(answer["embeds"]):
            raise CheckFailed(f"the answer did not say Moscow: {answer}")
        passed("a mention was answered from the bundled stories in the stories volume")
        upload = fake.attach("the-keeper.html", KEEPER_HTML)  # read by lxml: the image has the formats extra
        # The application's owner adds it to their library, the stories volume (a server's own stories live in
        # the database).
        step = await fake.subcommand("story", "add", author=PERSON, permissions=MANAGE_SERVER, file=upload, to=LIBRARY)
        await callback(fake, step)
        report = (await followup(fake, step))["content"]
        if not report.startswith("Added `the-keeper.html`."):
            raise CheckFailed(f"/story add said: {report}")
        if "the-keeper.html" not in await first.exec("ls", "/library/stories"):
            raise CheckFailed("the added story is not in /library/stories")
        passed("/story add of an HTML story wrote it into the stories volume")
        await first.healthy()
        passed("the health check (python -m bot health) says healthy")
        logged = await first.logs()
        if "Invite me to a server: https://discord.com/oauth2/authorize?client_id=" not in logged:
            raise CheckFailed("the log has no invite link")
        if "Context impl" in logged:
            raise CheckFailed("alembic's INFO lines are in the log")
        passed("the log has the invite link and no third-party INFO chatter")
        code = await first.stop()
        if code != 0 or "Shutting down." not in await first.logs():
            raise CheckFailed(f"podman stop: exit code {code}; it logged:\n{await first.logs()}")
        passed("podman stop (SIGTERM) ended it cleanly, exit code 0")
        code, _ = await podman("healthcheck", "run", first.name, check=False)
        if code == 0:
            raise CheckFailed("a stopped bot reported healthy")

        settings = {"STORYBOT_DATABASE_URL": postgresql_url} if postgresql_url else {}
        second = Container(image, fake, volumes, env_file, **settings)
        containers.append(second)
        await second.start()
        await second.ready()
        answer = await reply_to(fake, f"{MENTION} who kept the lighthouse?", mentions=[BOT_USER])
        if answer["embeds"][0]["title"] != "The Keeper":
            raise CheckFailed(f"the second container lost the added story: {answer}")
        passed("a new container on the same volumes (an upgrade) still has the added story")
        if postgresql_url:
            connection = await asyncpg.connect(postgresql_url)
            try:
                version = await connection.fetchval("SELECT version_num FROM alembic_version")
            finally:
                await connection.close()
            passed(f"it migrated the PostgreSQL database by itself (schema version {version})")
        if await second.stop() != 0:
            raise CheckFailed(f"the second container did not stop cleanly:\n{await second.logs()}")
        passed("stopped cleanly")
    finally:
        for container in containers:
            await container.remove()
        for volume in volumes:
            await podman("volume", "rm", "--force", volume, check=False)


async def main(image: str) -> int:
    fake = FakeDiscord()
    await fake.start()
    programs = server_programs()
    server = PostgreSQLServer(programs).start() if programs else None
    if server is None:
        print("container-check: PostgreSQL is not installed here: the second container uses SQLite too")
    try:
        with tempfile.TemporaryDirectory(prefix="storybot-check-") as folder:
            await check_image(image, fake, server.new_database() if server else None, Path(folder))
    except CheckFailed as failure:
        print(f"container-check: FAILED: {failure}", file=sys.stderr)
        return 1
    finally:
        await fake.stop()
        if server is not None:
            server.stop()
    print("container-check: all passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main(sys.argv[1])))
