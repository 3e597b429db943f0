import pytest

from bot.core.ending_asked import asks_for_ending


@pytest.mark.parametrize(
    "question",
    [
        "how does the book end for honoria",
        "Who killed Edmund in the end?",
        "what does yolanda decide at the very end",
        "What happens at the end of the film?",
        "what happens in the last scene",
        "How does the movie end?",
        "What is the ending?",
        "what happens towards the end of this story",
    ],
)
def test_questions_about_the_ending(question):
    assert asks_for_ending(question)


@pytest.mark.parametrize(
    "question",
    [
        "How did the girl end up back at the hill?",  # how she came there
        "What happened at the end of the year?",  # the end of something else
        "What did he find at the end of the tunnel?",
        "How did the enchanter know his power over Tara was at an end?",
        "where does the road end",
        "what did the company finally sell for",
        "What was the last thing she said?",
        "The end?",
        "",
    ],
)
def test_questions_not_about_the_ending(question):
    assert not asks_for_ending(question)
