"""The interactive console `python -m bot` opens when no Discord token is set."""

from __future__ import annotations

import sys
from typing import TextIO

from bot.cli.render import answer_text, lookup_text
from bot.core.library import StoryLibrary

HELP = """Ask a question about the stories, or:
  /performer NAME   look someone up (first name, surname, or full name)
  /stories          list the stories
  /help             this help
  /quit             leave (or Ctrl-D)"""


def run_console(library: StoryLibrary, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    corpus = library.corpus
    print(
        f"storybot: {len(corpus.stories)} stories, {len(corpus.passages)} passages from {corpus.root}.\n"
        "No DISCORD_TOKEN is set, so this is the local console. To put the bot on Discord, copy\n"
        ".env.example to .env, set DISCORD_TOKEN, and run `python -m bot run` (README: 'Running it on Discord').\n"
        "Type /help for commands.",
        file=stdout,
    )
    bold = stdout.isatty()
    while True:
        if stdin.isatty():
            print("> ", end="", file=stdout, flush=True)
        try:
            line = stdin.readline()
        except KeyboardInterrupt:
            line = ""
        if not line:
            print(file=stdout)
            return 0
        command, _, rest = line.strip().partition(" ")
        if not command:
            continue
        if command in ("/quit", "/exit"):
            return 0
        if command == "/help":
            print(HELP, file=stdout)
        elif command == "/stories":
            print("\n".join(f"  {s.title} ({s.passage_count} passages)" for s in corpus.stories), file=stdout)
        elif command == "/performer":
            if rest.strip():
                print(lookup_text(library.performers.find(rest)), file=stdout)
            else:
                print("Usage: /performer NAME, e.g. /performer " + library.example_name(), file=stdout)
        elif command.startswith("/"):
            print(f"Unknown command {command}. {HELP}", file=stdout)
        else:
            print(answer_text(library.ask(line), bold=bold), file=stdout)
        print(file=stdout)
