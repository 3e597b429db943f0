"""Standard output whose failures are told apart from those of the files the program reads and writes.

A full disk under `ask --json < questions > answers.jsonl`, or output the shell closed (`>&-`), is said in
one line rather than a traceback (or nothing at all); a reader going away stays a BrokenPipeError."""

from __future__ import annotations

import errno
import io
import os
import re
import sys
from typing import TYPE_CHECKING, BinaryIO, TextIO

from bot.cli.render import BOLD, RESET
from bot.core.invisible_characters import without_controls

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

_OWN_STYLE = re.compile(f"({re.escape(BOLD)}|{re.escape(RESET)})")
"""The escape sequences the command line writes itself (an answer's words in bold, on a terminal)."""


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


def printable(text: str) -> str:
    """`text` as it may reach the owner's terminal: without escape sequences and control characters but the
    command line's own bold (tabs and line ends stay). A question from Discord (`feedback export`, then `eval
    --questions`), a story's file name in a warning, hold what their writer typed: "\x1b]0;...\x07" retitled the
    terminal, and others write to its clipboard or clear its screen. An escape sequence split between two writes
    loses its ESC, and with it its meaning."""
    if text.isprintable():
        return text
    pieces = _OWN_STYLE.split(text)  # every other piece is one of ours
    return "".join(piece if number % 2 else without_controls(piece) for number, piece in enumerate(pieces))


_DIRECTION_CHANGES = dict.fromkeys(range(0x202A, 0x202F))
"""Embeddings and overrides (LRE, RLE, PDF, LRO, RLO), dropped: a story's or a question's RLO makes the terminal
show what follows backwards ("Trojan Source"), and plain text has no need of them (isolates do their honest work)."""
_ISOLATES_AND_LINE_ENDS = re.compile("([\u2066-\u2069\n])")
_OPENS_ISOLATE = "\u2066\u2067\u2068"  # LRI, RLI, FSI
_CLOSES_ISOLATE = "\u2069"  # PDI


class _Isolates:
    """The isolates left open on the line being written, closed before its line end: mixed-direction text keeps
    them, and an unbalanced one cannot reorder the rest of its line (or, unclosed, what follows)."""

    def __init__(self) -> None:
        self.open = 0

    def balanced(self, text: str) -> str:
        """`text` with a PDI that closes nothing dropped and a PDI for each isolate still open before each line
        end; one pass over it, and nothing to do for text without isolates on a line without any open."""
        if not self.open and not any(character in text for character in _OPENS_ISOLATE + _CLOSES_ISOLATE):
            return text
        pieces = []
        for piece in _ISOLATES_AND_LINE_ENDS.split(text):
            if piece and piece in _OPENS_ISOLATE:
                self.open += 1
            elif piece == _CLOSES_ISOLATE:
                if not self.open:
                    continue
                self.open -= 1
            elif piece == "\n":
                piece, self.open = _CLOSES_ISOLATE * self.open + piece, 0
            pieces.append(piece)
        return "".join(pieces)


class PrintableOutput(io.TextIOBase):
    """A text stream that writes what it is given printable(), without embeddings and overrides and with each
    line's isolates balanced: every line the command line prints, whichever command prints it and whatever it
    quotes, goes through here (sys.stdout and sys.stderr). A line is often written in several pieces (print()
    writes its line end on its own), so the isolates open on it are counted across writes."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._isolates = _Isolates()

    def write(self, text: str) -> int:
        shown = printable(text)
        if not shown.isprintable():  # line ends, tabs, bold, and the characters that change direction
            shown = self._isolates.balanced(shown.translate(_DIRECTION_CHANGES))
        self.stream.write(shown)
        return len(text)

    def writable(self) -> bool:
        return True

    def flush(self) -> None:
        self.stream.flush()

    def fileno(self) -> int:
        return self.stream.fileno()

    def isatty(self) -> bool:
        return self.stream.isatty()

    @property
    def encoding(self) -> str:  # type: ignore[override]  # the stream's (input() reads it on a terminal)
        return self.stream.encoding

    @property
    def errors(self) -> str | None:  # type: ignore[override]  # as encoding: typeshed's TextIOBase writes it
        return self.stream.errors

    @property
    def buffer(self) -> BinaryIO:
        """The stream's bytes, as they are: `feedback export -` writes JSON there, whose escapes keep it printable."""
        return self.stream.buffer


def set_up_output(encoding: str | None) -> None:
    """sys.stdout in this `encoding` (None: the terminal's or locale's), characters it lacks replaced, its
    failures raised as OutputFailed, what it is given printable(). A terminal keeps Python's own stream under
    PrintableOutput (input() edits lines with readline only on that one: it finds the terminal through its
    fileno), and so does a stream put in its place (a test's capture)."""
    stream = _unwrapped(sys.stdout)
    if stream is None:
        sys.stdout = ClosedOutput()
        return
    if stream is sys.__stdout__ and isinstance(stream, io.TextIOWrapper) and not stream.isatty():
        stream.flush()
        descriptor = _OutputDescriptor(stream.fileno(), "w", closefd=False)
        stream = io.TextIOWrapper(io.BufferedWriter(descriptor), encoding=encoding or stream.encoding, errors="replace")
    elif isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(encoding=encoding, errors="replace")
    sys.stdout = PrintableOutput(stream)


def quiet_output() -> None:
    """Standard output's unwritten text dropped, so that Python does not fail on it again at exit."""
    if not isinstance(sys.stdout, ClosedOutput):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def set_up_error_output() -> None:
    """sys.stderr as /dev/null when the shell closed it (`2>&-`, where Python has None): warnings go where
    they were sent, and the answer still comes (Python's None made every command fail, unseen); what it is
    given printable(), as standard output's."""
    stream = _unwrapped(sys.stderr)
    if stream is None:
        stream = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the life of the process
    sys.stderr = PrintableOutput(stream)


def _unwrapped(stream: TextIO | None) -> TextIO | None:
    """The stream a PrintableOutput writes to (set up again, as a test's command after another), or `stream`."""
    return stream.stream if isinstance(stream, PrintableOutput) else stream
