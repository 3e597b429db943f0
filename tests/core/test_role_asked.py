import pytest

from bot.core.role_asked import introduces_in_role, role_asked_about


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("who is the captain of the heron", "captain"),
        ("Who is the navigator?", "navigator"),
        ("Who was the painter", "painter"),
        ("who's the judge", "judge"),
        ("Who was the Captain aboard the Meridian?", "captain"),
        ("What is the butler's name?", "butler"),
        ("whats the butlers name", "butler"),  # as a chat types it
        ("What was the judge called?", "judge"),
        ("what is the name of the judge", "judge"),
        ("whats the boss name", "boss"),  # its "s" its own
        ("What is the princess name?", "princess"),  # not "princes"
        ("what is the hobbits name", "hobbit"),  # whoever the story calls so
    ],
)
def test_a_role_asked_for(question, role):
    assert role_asked_about(question) == role


@pytest.mark.parametrize(
    "question",
    [
        "Who is the youngest soldier?",  # a role and more: the oldest, the youngest of them
        "Who is the king's son?",  # a relative (bot.core.kin_asked)
        "Who was the father of Art?",
        "Who was the thief who stole the horse?",
        "Who is Gwen?",
        "Who is the",
        "Where is the captain?",
        "What is the king's son's name?",  # a relative
        "What is the captain's ship called?",
        "What is the butler doing?",
    ],
)
def test_not_a_role_asked_for(question):
    assert role_asked_about(question) is None


def test_a_role_is_said_before_the_name_or_after_it():
    assert introduces_in_role("The crew is led by Captain Ingrid Solheim.", "Captain Ingrid Solheim", "captain")
    assert introduces_in_role("The crew is led by Captain Ingrid Solheim.", "Ingrid Solheim", "captain")
    assert introduces_in_role("The navigator, Lt. Ingrid Rask, plots the course.", "Ingrid Rask", "navigator")
    assert introduces_in_role("She meets Walter Pym, an elderly sheep farmer.", "Walter Pym", "farmer")
    assert not introduces_in_role("Walter Pym meets the farmer.", "Walter Pym", "farmer")
    assert not introduces_in_role("Walter Pym, a man who once shot a farmer.", "Walter Pym", "farmer")


def test_a_role_is_said_before_a_description_that_names_them():
    # "Who is the judge?" of a story saying so: the judge's passage ranked below those saying "judging".
    judge = "Miss Grange spoke to the judge, a horticultural expert from Cheltenham called Mr. Lionel Fitch-Abbott."
    assert introduces_in_role(judge, "Mr. Lionel Fitch-Abbott", "judge")
    assert introduces_in_role('"It was here," said the butler, a thin man called Jenkins.', "Jenkins", "butler")
    assert not introduces_in_role("The judge shouted at a boy called Tom.", "Tom", "judge")
    assert not introduces_in_role("The judge, who had slept, called Tom.", "Tom", "judge")
