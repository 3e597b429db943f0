import pytest

from bot.core.lead_asked import asks_for_lead


@pytest.mark.parametrize(
    "question",
    [
        "who is the main character in the saltmarsh ledger",
        "Who's the protagonist?",
        "Who was the central character of the film?",
        "whos the main protagonist",
    ],
)
def test_questions_about_the_lead(question):
    assert asks_for_lead(question)


@pytest.mark.parametrize(
    "question",
    [
        "Who is the main character's sister?",  # a relative of the lead
        "Who is the lead singer of the band?",  # a role in the story
        "What is the main character's job?",
        "Who met the main character?",
        "",
    ],
)
def test_questions_not_about_the_lead(question):
    assert not asks_for_lead(question)
