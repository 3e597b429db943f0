"""Whether a whole message asks the bot itself (for help, for its stories, a hello, a thank-you) rather than a
question about the stories.

A newcomer types "help" or "which stories do you have?" and, searched as a question, got a passage about a
tutor who helped, or "I couldn't find that in the stories". Only a whole message counts, compared word for word
with a few phrase sets once case, accents, punctuation, the bot's name and politeness ("please", "hey bot", "can
you") are set aside: "help" is a request, "help the princess" and "who helped the king?" are questions. The
words are compared as tuples in sets, never matched by a pattern, and a message longer than any request is not
read at all, so the work is bounded whatever the message.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from enum import StrEnum
from itertools import product

from bot.core.analysis import normalize_word, word_list


class BotRequest(StrEnum):
    """What a message asks of the bot; each front end answers it in its own way (bot.messages words them)."""

    HELP = "help"
    GREETING = "greeting"
    THANKS = "thanks"
    LIST_STORIES = "list_stories"


SMALL_TALK = frozenset({BotRequest.GREETING, BotRequest.THANKS})
"""Requests that ask for nothing: said to the bot they get a word back, said among people they need none."""

MAX_REQUEST_CHARS = 160
MAX_REQUEST_WORDS = 16
"""A longer message is no request: no phrase below, with the politeness around it, comes near either."""

Words = tuple[str, ...]


def _phrases(text: str) -> Iterator[Words]:
    """Phrases written one a line, folded as messages are."""
    for line in text.strip().splitlines():
        yield tuple(normalize_word(word) for word in line.split())


def _listing_phrases() -> Iterator[Words]:
    """The ways of asking which stories there are, for each word for them."""
    tails = [
        (),
        *_phrases("""
        do you have
        have you got
        do you know
        do you know about
        do you have available
        you have
        you know
        are there
        are available
        are in the library
        can i ask about
        can i ask you about
        do we have
    """),
    ]
    for noun in ("stories", "books", "tales", "titles"):
        yield (noun,)
        for head, tail in product((("what", noun), ("which", noun), ("how", "many", noun)), tails):
            yield (*head, *tail)
        for article in ("the", "your", "all", "all the", "all your"):
            yield ("what", "are", *article.split(), noun)
            for verb in ("list", "show", "show me", "list me"):
                yield (*verb.split(), *article.split(), noun)
        for verb in ("list", "show", "show me"):
            yield (*verb.split(), noun)
        for known in ("have", "know"):
            yield ("do", "you", known, noun)
            yield ("do", "you", known, "any", noun)


_REQUESTS: dict[BotRequest, Iterable[Words]] = {
    BotRequest.HELP: _phrases("""
        help
        help me
        i need help
        need help
        how do i use this
        how do i use you
        how does this work
        how do you work
        how to use
        how to use this
        how do i ask
        how do i ask a question
        what can you do
        what do you do
        what can i do
        what can i do here
        what are you
        who are you
        commands
        what are the commands
        what are your commands
        list commands
        show commands
        show me the commands
        usage
        instructions
    """),
    BotRequest.GREETING: _phrases("""
        hi
        hello
        hey
        hiya
        heya
        howdy
        greetings
        yo
        hi there
        hello there
        hey there
        good morning
        good afternoon
        good evening
        good day
        how are you
        how are you doing
        what's up
    """),
    BotRequest.THANKS: _phrases("""
        thanks
        thank you
        thx
        ty
        tysm
        cheers
        thanks a lot
        thanks so much
        thanks very much
        thanks again
        thank you so much
        thank you very much
        thank you again
        many thanks
        much appreciated
    """),
    BotRequest.LIST_STORIES: [
        *_listing_phrases(),
        *_phrases("""
            what can i ask
            what can i ask about
            what can i ask you
            what can i ask you about
            what do you know
            what do you have
        """),
    ],
}
PHRASES: dict[Words, BotRequest] = {phrase: request for request, phrases in _REQUESTS.items() for phrase in phrases}
"""Each request's whole messages, as their words."""

LEADING: frozenset[Words] = frozenset(
    _phrases("""
        please
        pls
        plz
        kindly
        hey
        hi
        hello
        ok
        okay
        great
        cool
        awesome
        perfect
        bot
        storybot
        can you
        could you
        would you
        will you
        tell me
    """)
)
"""Words set aside before a request: politeness, a greeting, the bot's name ("hey bot, can you help me")."""
TRAILING: frozenset[Words] = frozenset(
    _phrases("""
        please
        pls
        plz
        bot
        storybot
        thanks
        thank you
        thx
    """)
)
"""Words set aside after one ("help please", "thanks bot")."""
_LONGEST_AROUND = max(len(words) for words in LEADING | TRAILING)


def request_to_bot(text: str) -> BotRequest | None:
    """The request a whole message makes of the bot, or None for anything else (a question about the stories).
    The message is looked up as it is, then with politeness set aside at its start, at its end, or both:
    "hi, help" is help and "help, thanks" too."""
    if len(text) > MAX_REQUEST_CHARS:
        return None
    words = tuple(normalize_word(word) for word in word_list(text))
    if len(words) > MAX_REQUEST_WORDS:
        return None
    for start in _cuts(words, LEADING, 1):
        for end in _cuts(words[::-1], TRAILING, -1):
            found = PHRASES.get(words[start:end]) if start < end else None
            if found is not None:
                return found
    return None


def _cuts(words: Words, around: frozenset[Words], way: int) -> Iterator[int]:
    """Where the message starts (way 1), or ends (way -1, given its words reversed), with none, one, two...
    of the phrases `around` it set aside, the longest first; never all of its words."""
    position = 0
    while True:
        yield position if way == 1 else len(words) - position
        size = next(
            (
                size
                for size in range(_LONGEST_AROUND, 0, -1)
                if position + size < len(words) and words[position : position + size][::way] in around
            ),
            0,
        )
        if not size:
            return
        position += size
