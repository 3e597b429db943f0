"""The bot's processes in the tests, `python -m bot` commands and the bot itself, as real processes that skip the
interpreter's start: each a fork of one process that imported the bot once.

A command's own work is a few tenths of a second; starting Python and importing the bot took about a second of CPU
each time (the bot process, with discord.py, over two), and the tests start some five hundred commands and over a
hundred bots: the largest share of CI's time. Here a server process imports what they import; each is a fork of it,
given its own arguments, environment, working folder and standard streams, running the code Python would run for
`python -m bot` or `python SCRIPT` and exiting as Python does (its atexit handlers, its streams flushed), its exit
code (or the signal that ended it) reported as subprocess reports it. What the interpreter decides once at its start
is not redone in a fork: a command whose environment sets a PYTHON* variable other than PYTHONPATH (the server's,
the project) and those in FORKED_ALIKE runs as a new Python (`forkable`).

The server is a single thread (forking from a process with others risks their locks), started for each test worker
on first use and ended with it (it leaves when its standard input, a pipe from the worker, closes)."""

from __future__ import annotations

import asyncio
import atexit
import io
import json
import locale
import os
import runpy
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[1]
MESSAGE_BYTES = 1 << 20
"""The most a request (arguments and environment, as JSON) may take: one SOCK_SEQPACKET message."""
MODULE = "bot"
"""A request's `main` for `python -m bot`; any other is a script's path."""


FORKED_ALIKE = frozenset({"PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE"})
"""PYTHON* variables a fork honours: unbuffered streams (run_as_asked), and no bytecode written (of no effect on what
a process does)."""


def forkable(env: Mapping[str, str]) -> bool:
    """Whether a process with this environment runs as a fork: no PYTHON* variable Python reads at its start but
    PYTHONPATH as the server has it and FORKED_ALIKE."""
    return all(
        not name.startswith("PYTHON") or name in FORKED_ALIKE or (name == "PYTHONPATH" and value == str(ROOT))
        for name, value in env.items()
    )


def serve(path: str) -> dict[str, object]:
    """The server's loop: returns only in a forked process, with its request, once its streams are in place."""
    import bot.__main__
    import bot.discord_app.run  # what the bot imports as it starts
    import bot.program  # noqa: F401  (what `python -m bot` imports before any command, and the bot's script too)
    from bot.core.analysis import lemma

    lemma("stories")  # simplemma's English dictionary decoded (0.4 s of every process's own): a cache, not a result
    listening = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    listening.bind(path)
    listening.listen(64)
    signal.signal(signal.SIGCHLD, _reap)  # each process's watcher, reaped as it ends
    assert threading.active_count() == 1, threading.enumerate()  # no import started a thread: forks are safe
    print("ready", flush=True)
    watched = selectors.DefaultSelector()
    watched.register(listening, selectors.EVENT_READ)
    watched.register(sys.stdin, selectors.EVENT_READ)
    while True:
        for key, _ in watched.select():
            if key.fileobj is sys.stdin:  # the test worker is gone (or closed the pipe): so is its server
                os._exit(0)
            connection, _ = listening.accept()
            message, fds, _, _ = socket.recv_fds(connection, MESSAGE_BYTES, 3)
            if os.fork() == 0:
                watched.close()
                listening.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                return _watch(connection, json.loads(message), fds)
            connection.close()
            for fd in fds:
                os.close(fd)


def _reap(signal_number: int, frame: FrameType | None) -> None:
    """Waits for every watcher that ended. The system could reap them (SIGCHLD ignored), but then their CPU times and
    their processes' were lost to this server's, and to what bench/cpu_per_test.py counts of each test."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:  # none left
            return
        if pid == 0:  # none ended
            return


def _watch(connection: socket.socket, request: dict[str, object], fds: list[int]) -> dict[str, object]:
    """The watcher: forks the process, says its id, waits for it and says how it ended."""
    forked = os.fork()
    if forked == 0:
        connection.close()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        for fd in set(fds):
            if fd > 2:
                os.close(fd)
        return request
    try:
        for fd in set(fds):
            os.close(fd)
        connection.sendall(json.dumps({"pid": forked}).encode())
        _, status = os.waitpid(forked, 0)
        connection.sendall(json.dumps({"returncode": os.waitstatus_to_exitcode(status)}).encode())
    finally:  # the client gone (its timeout) is no error of the server's
        os._exit(0)


def run_as_asked(request: dict[str, object]) -> None:
    """What `python -m bot ARGS` or `python SCRIPT ARGS` runs, in this process made what it is at its start: its
    folder, environment, arguments, path and main module, and its standard streams unbuffered when asked."""
    import bot.__main__

    cwd, env, args, main = request["cwd"], request["env"], request["args"], request["main"]
    assert isinstance(cwd, str) and isinstance(env, dict) and isinstance(args, list) and isinstance(main, str)
    blocked = request["blocked"]
    assert isinstance(blocked, list)
    # What a new process inherits of Ctrl-C from the thread that started it: SIGINT ignored stays ignored (else
    # Python's own handler), and the thread's signal mask.
    signal.signal(signal.SIGINT, signal.SIG_IGN if request["sigint_ignored"] else signal.default_int_handler)
    signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    if env.get("PYTHONUNBUFFERED"):  # as -u: the binary layer unbuffered, the text layer writing through
        for name, fd in (("stdout", 1), ("stderr", 2)):
            old = getattr(sys, name)
            raw = io.FileIO(fd, "wb", closefd=False)
            stream = io.TextIOWrapper(raw, encoding=old.encoding, errors=old.errors, write_through=True)
            setattr(sys, name, stream)
            setattr(sys, f"__{name}__", stream)
    if main == MODULE:
        sys.argv = [str(bot.__main__.__file__), *args]
        sys.path[0] = cwd
        sys.modules["__main__"] = bot.__main__  # as -m makes it: what multiprocessing's spawned workers import again
        raise SystemExit(bot.__main__._run())
    sys.argv = [main, *args]
    sys.path[0] = os.path.dirname(main)
    runpy.run_path(main, run_name="__main__")


class ProcessForks:
    """The client: one server per test worker, started on first use."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._server: subprocess.Popen[bytes] | None = None
        self._path = os.path.join(tempfile.mkdtemp(prefix="storybot-forks-"), "server")

    def started(self) -> str:
        """The server's socket, once it is ready (a second or two at the first call)."""
        with self._lock:
            if self._server is None or self._server.poll() is not None:
                if os.path.exists(self._path):
                    os.unlink(self._path)
                environment = {k: v for k, v in os.environ.items() if not k.startswith(("STORYBOT_", "DISCORD_"))}
                self._server = subprocess.Popen(
                    [sys.executable, "-m", "tests.process_forks", self._path],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    cwd=ROOT,
                    env=environment | {"PYTHONPATH": str(ROOT)},
                )
                assert self._server.stdout is not None
                if self._server.stdout.readline() != b"ready\n":
                    raise RuntimeError("the process fork server did not start")
                atexit.register(self.close)
            return self._path

    def close(self) -> None:
        if self._server is not None and self._server.stdin is not None:
            self._server.stdin.close()
            self._server.wait()

    def _asked(self, main: str, args: list[str], env: Mapping[str, str], cwd: Path, fds: list[int]) -> socket.socket:
        """The request sent (the fds given to the process, closed here): the connection its id and end come on."""
        request = json.dumps(
            {"main": main, "args": args, "env": dict(env), "cwd": str(cwd)} | _interrupt_state()
        ).encode()
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            connection.connect(self.started())
            socket.send_fds(connection, [request], fds)
        except BaseException:
            connection.close()
            raise
        finally:
            for fd in set(fds):
                os.close(fd)
        return connection

    def run(
        self, args: list[str], *, input: str | None, env: Mapping[str, str], cwd: Path, timeout: float
    ) -> subprocess.CompletedProcess[str]:
        """As subprocess.run([python, -m, bot, *args], input=, capture_output=True, text=True, env=, cwd=, timeout=)."""
        stdin_read, stdin_write = os.pipe() if input is not None else (os.dup(0), -1)
        out_read, out_write = os.pipe()
        err_read, err_write = os.pipe()
        command = [sys.executable, "-m", MODULE, *args]
        with self._asked(MODULE, args, env, cwd, [stdin_read, out_write, err_write]) as connection:
            connection.settimeout(timeout)
            pid = json.loads(connection.recv(MESSAGE_BYTES))["pid"]
            output: dict[int, bytes] = {}
            threads = [threading.Thread(target=_read_all, args=(fd, output)) for fd in (out_read, err_read)]
            if input is not None:
                threads.append(threading.Thread(target=_write_all, args=(stdin_write, input.encode())))
            for thread in threads:
                thread.start()
            try:
                returncode = json.loads(connection.recv(MESSAGE_BYTES))["returncode"]
            except TimeoutError:
                os.kill(pid, signal.SIGKILL)
                raise subprocess.TimeoutExpired(command, timeout) from None
            finally:
                for thread in threads:
                    thread.join()
        return subprocess.CompletedProcess(command, returncode, _text(output[out_read]), _text(output[err_read]))

    async def start(self, script: Path, args: list[str], *, env: Mapping[str, str], cwd: Path) -> ForkedProcess:
        """As asyncio.create_subprocess_exec(python, SCRIPT, *args, env=, cwd=, stdout=PIPE, stderr=STDOUT)."""
        await asyncio.to_thread(self.started)
        out_read, out_write = os.pipe()
        connection = self._asked(str(script), args, env, cwd, [os.dup(0), out_write, out_write])
        connection.setblocking(False)
        loop = asyncio.get_running_loop()
        try:
            pid = json.loads(await loop.sock_recv(connection, MESSAGE_BYTES))["pid"]
            stdout = asyncio.StreamReader()
            pipe = io.FileIO(out_read, "rb")  # the transport's to close, at the end of the output
            await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stdout), pipe)
        except BaseException:
            connection.close()
            raise
        return ForkedProcess(pid, stdout, connection)


class ForkedProcess:
    """What the tests use of asyncio.subprocess.Process: its id, its output, its end, signals."""

    def __init__(self, pid: int, stdout: asyncio.StreamReader, connection: socket.socket):
        self.pid, self.stdout = pid, stdout
        self.returncode: int | None = None
        self._ended = asyncio.ensure_future(self._end(connection))

    async def _end(self, connection: socket.socket) -> int:
        with connection:
            said = await asyncio.get_running_loop().sock_recv(connection, MESSAGE_BYTES)
        self.returncode = json.loads(said)["returncode"]
        return self.returncode

    async def wait(self) -> int:
        return await asyncio.shield(self._ended)

    def send_signal(self, signum: int) -> None:
        if self.returncode is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def _interrupt_state() -> dict[str, object]:
    """What a process this thread started would inherit of Ctrl-C (its fork is given the same, run_as_asked)."""
    from tests.conftest import interrupt_state  # here, not in the server: it imports pytest

    handling, blocked = interrupt_state()
    return {"sigint_ignored": handling == signal.SIG_IGN, "blocked": sorted(int(s) for s in blocked)}


def _read_all(fd: int, into: dict[int, bytes]) -> None:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    os.close(fd)
    into[fd] = b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    try:
        with open(fd, "wb") as stream:
            stream.write(data)
    except BrokenPipeError:  # the command stopped reading: as subprocess.run, not an error
        pass


def _text(data: bytes) -> str:
    """As subprocess.run(text=True) decodes: the locale's encoding, universal newlines."""
    return data.decode(locale.getpreferredencoding(False)).replace("\r\n", "\n").replace("\r", "\n")


FORKS = ProcessForks()

if __name__ == "__main__":
    run_as_asked(serve(sys.argv[1]))
