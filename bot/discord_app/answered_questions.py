"""Which of the bot's replies answers which question, so that an edited question is answered again in place.

Kept in memory only: a restart forgets them (an edit then changes nothing), and so does the end of the edit
window (STORYBOT_EDIT_MINUTES). At most QUESTIONS_KEPT are kept, the oldest going first, so a crowd of
questions cannot grow it. Of a question only its text's digest is kept, to tell a real edit from a
MESSAGE_UPDATE that leaves the text as it was (a link's embed unfurling, a pin).
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

QUESTIONS_KEPT = 10_000


def text_digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()  # as Discord sent it


@dataclass(eq=False, kw_only=True)
class AnsweredQuestion:
    """One question the bot is answering (or answered), and its reply once sent."""

    asked_at: float
    digest: bytes
    """Of the text answered last."""
    edits: int = 0
    """Edits answered so far: an edit's answer is shown only if no later edit came meanwhile."""
    reply_id: int | None = None
    sent: asyncio.Event = field(default_factory=asyncio.Event)
    """Set once the first answer went out (reply_id), or did not (None): an edit made while the bot was still
    answering waits for it, then replaces it."""
    editing: asyncio.Lock = field(default_factory=asyncio.Lock)
    """One edit of the reply at a time, so the latest answer is the one left."""


class AnsweredQuestions:
    def __init__(self, seconds: float, kept: int = QUESTIONS_KEPT, clock: Callable[[], float] = time.monotonic):
        self._seconds = seconds
        self._kept = kept
        self._clock = clock
        self._questions: OrderedDict[int, AnsweredQuestion] = OrderedDict()
        """Question message id -> its answer, oldest first."""

    def __len__(self) -> int:
        return len(self._questions)

    def asked(self, message_id: int, text: str) -> AnsweredQuestion:
        """A question about to be answered; remembered (within the window) until answered() says no reply went."""
        question = AnsweredQuestion(asked_at=self._clock(), digest=text_digest(text))
        if self._seconds <= 0:
            return question
        self._forget_expired()
        self._questions[message_id] = question
        self._questions.move_to_end(message_id)
        while len(self._questions) > self._kept:
            self._questions.popitem(last=False)
        return question

    def answered(self, message_id: int, question: AnsweredQuestion, reply_id: int | None) -> None:
        """The first answer went out as message reply_id; None: no reply was sent, so nothing to edit."""
        question.reply_id = reply_id
        question.sent.set()
        if reply_id is None and self._questions.get(message_id) is question:
            del self._questions[message_id]

    def forget(self, message_id: int) -> None:
        """Its reply is gone (deleted): later edits change nothing."""
        self._questions.pop(message_id, None)

    def edited(self, message_id: int, text: str) -> tuple[AnsweredQuestion, int] | None:
        """The question and this edit's number, when a question answered within the window now has another
        text; None for a message never answered, answered too long ago, or whose text is unchanged."""
        question = self._questions.get(message_id)
        if question is None:
            return None
        if self._clock() - question.asked_at > self._seconds:
            del self._questions[message_id]
            return None
        digest = text_digest(text)
        if digest == question.digest:
            return None
        question.digest = digest
        question.edits += 1
        return question, question.edits

    def _forget_expired(self) -> None:
        now = self._clock()
        while self._questions:
            oldest = next(iter(self._questions.values()))
            if now - oldest.asked_at <= self._seconds:
                return
            self._questions.popitem(last=False)
