"""Standard output whose failures are told apart from those of the files the program reads and writes.

A full disk under `ask --json < questions > answers.jsonl`, or output the shell closed (`>&-`), is said in
one line rather than a traceback (or nothing at all); a reader going away stays a BrokenPipeError."""

from __future__ import annotations

import errno
import io
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer


class OutputFailed(OSError):
    """Standard output could not be written."""


class _OutputDescriptor(io.FileIO):
    def write(self, data: ReadableBuffer) -> int:
        try:
            return super().write(data)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputFailed(error.errno, error.strerror) from None


def _closed() -> OutputFailed:
    return OutputFailed(errno.EBADF, os.strerror(errno.EBADF))


class _ClosedBytes(io.RawIOBase):
    """ClosedOutput's bytes (`sys.stdout.buffer`, which `feedback export -` writes UTF-8 to)."""

    def writable(self) -> bool:
        return True

    def write(self, data: ReadableBuffer) -> int:
        raise _closed()


class ClosedOutput(io.TextIOBase):
    """Standard output that the shell closed (Python has None): writing fails as it does to a closed
    descriptor, rather than printing nothing and exiting 0."""

    buffer = _ClosedBytes()

    def write(self, text: str) -> int:
        raise _closed()


def set_up_output(encoding: str | None) -> None:
    """sys.stdout in this `encoding` (None: the terminal's or locale's), characters it lacks replaced, its
    failures raised as OutputFailed. A terminal keeps Python's own stream (input() edits lines with
    readline only on that one), and so does a stream put in its place (a test's capture)."""
    if sys.stdout is None:
        sys.stdout = ClosedOutput()
    elif sys.stdout is sys.__stdout__ and isinstance(sys.stdout, io.TextIOWrapper) and not sys.stdout.isatty():
        sys.stdout.flush()
        descriptor = _OutputDescriptor(sys.stdout.fileno(), "w", closefd=False)
        sys.stdout = io.TextIOWrapper(
            io.BufferedWriter(descriptor), encoding=encoding or sys.stdout.encoding, errors="replace"
        )
    elif isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding=encoding, errors="replace")


def quiet_output() -> None:
    """Standard output's unwritten text dropped, so that Python does not fail on it again at exit."""
    if not isinstance(sys.stdout, ClosedOutput):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def set_up_error_output() -> None:
    """sys.stderr as /dev/null when the shell closed it (`2>&-`, where Python has None): warnings go where
    they were sent, and the answer still comes (Python's None made every command fail, unseen)."""
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the life of the process
