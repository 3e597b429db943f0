"""`python -m bot` commands as real processes that skip the interpreter's start: each a fork of one process that
imported the bot once.

A command's own work is a few tenths of a second; starting Python and importing the bot took about a second of CPU
each time, and the command-line tests start some five hundred of them (the largest share of CI's time). Here a
server process imports `bot.__main__` once; each command is a fork of it, given its own arguments, environment,
working folder and standard streams, running `python -m bot`'s code and exiting as Python does (its atexit
handlers, its streams flushed), its exit code (or the signal that ended it) reported as subprocess reports it.
What the interpreter decides once at its start (the standard streams' encoding, PYTHON* variables) is not redone
in a fork: a command given such a variable runs as a new Python (`run` in test_main.py).

The server is a single thread (forking from a process with others risks their locks), started for each test worker
on first use and ended with it (it leaves when its standard input, a pipe from the worker, closes)."""

from __future__ import annotations

import atexit
import json
import locale
import os
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MESSAGE_BYTES = 1 << 20
"""The most a request (arguments and environment, as JSON) may take: one SOCK_SEQPACKET message."""


def serve(path: str) -> dict[str, object]:
    """The server's loop: returns only in a command's process, with its request, once its streams are in place."""
    import bot.__main__
    import bot.program  # noqa: F401  (what `python -m bot` imports before any command: every fork has it imported)
    from bot.core.analysis import lemma

    lemma("stories")  # simplemma's English dictionary decoded (0.4 s of every command's own): a cache, not a result

    listening = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    listening.bind(path)
    listening.listen(64)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # each command's watcher, reaped by the system
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


def _watch(connection: socket.socket, request: dict[str, object], fds: list[int]) -> dict[str, object]:
    """The watcher: forks the command, says its process id, waits for it and says how it ended."""
    command = os.fork()
    if command == 0:
        connection.close()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        for fd in fds:
            if fd > 2:
                os.close(fd)
        return request
    try:
        for fd in fds:
            os.close(fd)
        connection.sendall(json.dumps({"pid": command}).encode())
        _, status = os.waitpid(command, 0)
        connection.sendall(json.dumps({"returncode": os.waitstatus_to_exitcode(status)}).encode())
    finally:  # the client gone (its timeout) is no error of the server's
        os._exit(0)


def become(request: dict[str, object]) -> None:
    """This process made what `python -m bot ARGS` is at its start: its folder, environment, arguments, main module."""
    import bot.__main__

    cwd, env, args = request["cwd"], request["env"], request["args"]
    assert isinstance(cwd, str) and isinstance(env, dict) and isinstance(args, list)
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    sys.argv = [str(bot.__main__.__file__), *args]
    sys.path[0] = cwd
    sys.modules["__main__"] = bot.__main__  # as -m makes it: what multiprocessing's spawned workers import again


class CommandForks:
    """The client: one server per test worker, started on first use."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._server: subprocess.Popen[bytes] | None = None
        self._folder = tempfile.mkdtemp(prefix="storybot-forks-")
        self._path = os.path.join(self._folder, "server")

    def _started(self) -> str:
        with self._lock:
            if self._server is None or self._server.poll() is not None:
                if os.path.exists(self._path):
                    os.unlink(self._path)
                self._server = subprocess.Popen(
                    [sys.executable, "-m", "tests.cli.command_forks", self._path],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    cwd=ROOT,
                    env={k: v for k, v in os.environ.items() if not k.startswith(("STORYBOT_", "DISCORD_"))}
                    | {"PYTHONPATH": str(ROOT)},
                )
                assert self._server.stdout is not None
                if self._server.stdout.readline() != b"ready\n":
                    raise RuntimeError("the command fork server did not start")
                atexit.register(self.close)
            return self._path

    def close(self) -> None:
        if self._server is not None and self._server.stdin is not None:
            self._server.stdin.close()
            self._server.wait()

    def run(
        self, args: list[str], *, input: str | None, env: dict[str, str], cwd: Path, timeout: float
    ) -> subprocess.CompletedProcess[str]:
        """As subprocess.run([python, -m, bot, *args], input=, capture_output=True, text=True, env=, cwd=, timeout=)."""
        path = self._started()
        stdin_read, stdin_write = os.pipe() if input is not None else (os.dup(0), -1)
        out_read, out_write = os.pipe()
        err_read, err_write = os.pipe()
        request = json.dumps({"args": args, "env": env, "cwd": str(cwd)}).encode()
        with socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET) as connection:
            connection.connect(path)
            socket.send_fds(connection, [request], [stdin_read, out_write, err_write])
            for fd in (stdin_read, out_write, err_write):
                os.close(fd)
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
                raise subprocess.TimeoutExpired([sys.executable, "-m", "bot", *args], timeout) from None
            finally:
                for thread in threads:
                    thread.join()
        return subprocess.CompletedProcess(
            [sys.executable, "-m", "bot", *args], returncode, _text(output[out_read]), _text(output[err_read])
        )


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


FORKS = CommandForks()

if __name__ == "__main__":
    asked = serve(sys.argv[1])
    become(asked)
    from bot.__main__ import _run

    raise SystemExit(_run())
