"""The interactive console `python -m bot` opens when no Discord token is set."""

from __future__ import annotations

import contextlib
import shutil
import sys
from collections.abc import Iterator
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import TextIO

from bot.cli.render import DEFAULT_WIDTH, answer_text, lookup_text, stories_text
from bot.core.bot_requests import BotRequest
from bot.core.library import StoryLibrary
from bot.messages import (
    ASKING_ABOUT_ALL,
    CONSOLE_HELP,
    THANKS_REPLY,
    asking_only_text,
    console_opening_text,
    greeting_text,
    library_size,
    performer_usage_text,
    story_choice_text,
    unknown_command_text,
)
from bot.operations.ask import Asked, ask
from bot.operations.list_stories import list_stories
from bot.operations.look_up_person import look_up_person
from bot.operations.resolve_story import StoryFound, resolve_story
from bot.operations.story_ref import StoryRef

LEAVING_WORDS = ("quit", "exit")
"""A whole line that leaves as /quit does: a newcomer types them as at a shell or Python's prompt, and they were
searched ("I couldn't find that in the stories")."""


def run_console(
    library: StoryLibrary, stdin: TextIO | None = None, stdout: TextIO | None = None, *, token_set: bool = False
) -> int:
    """Questions and commands from stdin to stdout (default: sys's as they are now, not as they were at import);
    `token_set`: a Discord token is set, and the console was asked for (`python -m bot console`)."""
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    summary = list_stories(library, count=0)
    size = library_size(summary.total, summary.passages)
    print(console_opening_text(size, str(summary.root), token_set), file=stdout)
    bold = stdout.isatty()
    story: StoryRef | None = None
    # The library's work runs in this one thread, never interrupted half-way by Ctrl-C (which lands in the
    # main thread); an answer given up on finishes there unseen, and the next waits behind it.
    with ThreadPoolExecutor(1, thread_name_prefix="storybot-console") as library_work:
        for line in _lines(stdin, stdout):
            if _command(line)[0] in ("/quit", "/exit") or line.strip().casefold() in LEAVING_WORDS:
                return 0
            try:
                story = _respond(library, line, story, library_work, stdout, bold)
            except KeyboardInterrupt:
                if not _is_terminal(stdin):  # a script piped in is stopped, as Python stops one
                    raise
                print("^C", file=stdout)  # that answer given up on, back at the prompt as Python's REPL is
    return 0


def _respond(
    library: StoryLibrary, line: str, story: StoryRef | None, library_work: Executor, stdout: TextIO, bold: bool
) -> StoryRef | None:
    """Answers one line (a question or a command); returns the story questions are scoped to now."""
    width = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns if stdout.isatty() else DEFAULT_WIDTH
    command, rest = _command(line)
    if not command:
        return story
    if command == "/help":
        print(CONSOLE_HELP, file=stdout)
    elif command == "/stories":
        print(stories_text(library_work.submit(list_stories, library).result()), file=stdout)
    elif command == "/performer":
        if rest.strip():
            print(lookup_text(library_work.submit(look_up_person, library, rest).result()), file=stdout)
        else:
            print(performer_usage_text(library.example_person()), file=stdout)
    elif command == "/story":
        story = _choose_story(library, rest, story, library_work, stdout)
    elif command.startswith("/"):
        print(unknown_command_text(line.split(maxsplit=1)[0]), file=stdout)
    else:
        answered = library_work.submit(ask, library, line, story=story).result()
        if answered.request is None:
            print(answer_text(answered, bold=bold, width=width), file=stdout)
        else:
            print(library_work.submit(request_reply, library, answered, CONSOLE_HELP).result(), file=stdout)
    print(file=stdout)
    return story


def _command(line: str) -> tuple[str, str]:
    """A line's first word, in lower case, and the rest: a command typed as a person types it, in any case and
    followed by any white space ("/PERFORMER sofia", "/performer<TAB>sofia", "/story" and an ideographic space
    were each an unknown command)."""
    words = line.strip().split(maxsplit=1)
    return (words[0].casefold(), words[1] if len(words) > 1 else "") if words else ("", "")


def request_reply(library: StoryLibrary, asked: Asked, help_text: str) -> str:
    """What the console and `ask` say to a message asking the bot itself ("help", "which stories do you
    have?"): their own help (`help_text`: the console's commands, or the command line's), the list of stories,
    a hello with something to ask, or you're welcome."""
    if asked.request is BotRequest.HELP:
        return help_text
    if asked.request is BotRequest.LIST_STORIES:
        return stories_text(list_stories(library))
    if asked.request is BotRequest.GREETING:
        return greeting_text(asked.answer.example)
    return THANKS_REPLY


def _is_terminal(stdin: TextIO) -> bool:
    return stdin is sys.stdin and stdin.isatty()


def _lines(stdin: TextIO, stdout: TextIO) -> Iterator[str]:
    """Lines typed at a prompt with line editing and history (readline), where Ctrl-C drops the line
    being typed and Ctrl-D ends; or, from a pipe or file, its lines."""
    if not _is_terminal(stdin):
        yield from stdin
        return
    with contextlib.suppress(ImportError):  # not on every platform; input() works without it
        import readline  # noqa: F401 - input() gains line editing and history once it is loaded
    while True:
        try:
            yield input("> ")
        except KeyboardInterrupt:
            print("^C", file=stdout)
        except EOFError:
            print(file=stdout)
            return


def _choose_story(
    library: StoryLibrary, name: str, current: StoryRef | None, library_work: Executor, stdout: TextIO
) -> StoryRef | None:
    """The story questions are scoped to after `/story NAME` (None for all); unchanged when unclear."""
    if not name.strip():
        print(ASKING_ABOUT_ALL, file=stdout)
        return None
    resolution = library_work.submit(resolve_story, library, name).result()
    if resolution.found is not StoryFound.ONE or resolution.story is None:
        print(story_choice_text(resolution), file=stdout)
        return current
    print(asking_only_text(resolution.story.title), file=stdout)
    return resolution.story
