"""Which reply answers which question: kept for the edit window only, never more than its bound."""

from __future__ import annotations

from bot.discord_app.answered_questions import AnsweredQuestions


class Clock:
    """Time that moves when the test says (the window is minutes long)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_an_edit_within_the_window_is_numbered_and_one_after_it_is_not_answered():
    clock = Clock()
    questions = AnsweredQuestions(600.0, clock=clock)
    asked = questions.asked(1, "<@1001> where was Sébastien born?")
    questions.answered(1, asked, reply_id=11)
    assert questions.edited(1, "<@1001> where was Sébastien born?") is None  # the text as it was: an unfurl
    assert questions.edited(1, "<@1001> how old is sofia") == (asked, 1)
    assert questions.edited(1, "<@1001> where did sophie grow up") == (asked, 2)
    assert questions.edited(1, "<@1001> where did sophie grow up") is None
    clock.now += 601
    assert questions.edited(1, "<@1001> who is Ivan?") is None
    assert len(questions) == 0  # forgotten, not kept past its window
    assert questions.edited(2, "never asked") is None


def test_a_question_that_got_no_reply_is_forgotten():
    questions = AnsweredQuestions(600.0, clock=Clock())
    asked = questions.asked(1, "where was Sébastien born?")
    questions.answered(1, asked, reply_id=None)
    assert asked.sent.is_set() and questions.edited(1, "how old is sofia") is None
    assert len(questions) == 0


def test_memory_is_bounded_by_count_and_by_time():
    clock = Clock()
    questions = AnsweredQuestions(600.0, kept=100, clock=clock)
    for message in range(250):
        questions.answered(message, questions.asked(message, f"question {message}"), reply_id=message + 1000)
    assert len(questions) == 100
    assert questions.edited(149, "edited") is None  # the oldest went first
    assert questions.edited(150, "edited") is not None
    clock.now += 601
    questions.asked(999, "a new question")  # the expired go as new ones come
    assert len(questions) == 1


def test_no_window_keeps_nothing():
    questions = AnsweredQuestions(0.0, clock=Clock())
    asked = questions.asked(1, "where was Sébastien born?")
    questions.answered(1, asked, reply_id=11)
    assert len(questions) == 0 and questions.edited(1, "how old is sofia") is None
