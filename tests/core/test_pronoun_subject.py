"""Whether a sentence's opening "he" or "she" stands for one person of the story, by the sentence before it."""

import pytest

from bot.core.people_finder import kinds_of_people
from bot.core.person_forms import person_pattern
from bot.core.pronoun_subject import clause_subject, name_words, opening_subject, pronouns_told_with, stands_for

HE = frozenset({"he", "him", "his", "himself"})
SHE = frozenset({"she", "her", "hers", "herself"})
PEOPLE = ["Brannoch", "Wren Tallow", "Lord Edric Vael", "Pip Marrow"]
TOLD = {"Wren Tallow": SHE, "Lord Edric Vael": HE, "Pip Marrow": HE}


def stands(before: str, pronoun: str = "he", name: str = "Brannoch", told: dict[str, frozenset[str]] = TOLD) -> bool:
    others = [person for person in PEOPLE if person != name]
    own = person_pattern(name, others)
    assert own is not None
    return stands_for(pronoun, before, name, own, name_words(others), told.get, kinds_of_people())


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        ("He is killed in the fight.", "he"),
        ("Two days later, he is found dead at the foot of the stairs.", "he"),
        ("Then she drowns in the millpond.", "she"),
        ("But he is killed.", "he"),
        ("In the spring of 1851 she dies.", None),  # no comma: "1851 she" may close a clause of its own
        ("Wren runs, and he follows.", None),  # a name comes first
        ("The guards say he is dead.", None),
        ("Nobody saw him.", None),
        ("Brannoch runs, and he falls.", None),  # a name opens it
    ],
)
def test_the_subject_pronoun_opens_the_sentence_or_its_main_clause(sentence: str, subject: str | None) -> None:
    found = opening_subject(sentence, name_words(PEOPLE))
    assert (found[0] if found else None) == subject
    if found is not None:
        assert sentence[found[1] : found[2]].lower() == subject


def test_the_pronoun_stands_for_the_subject_of_the_sentence_before_where_no_one_else_can_be_meant() -> None:
    before = "Brannoch holds the narrow stair against them while Wren escapes through a sea tunnel."
    assert stands(before)  # Brannoch's sex is unsettled, but he opens the sentence, and Wren is a woman
    assert not stands(before, "she")  # "she" would be Wren
    assert stands(before, told={**TOLD, "Brannoch": HE})
    assert not stands(before, told={**TOLD, "Brannoch": SHE})  # the story tells her so
    assert not stands("Wren escapes while Brannoch holds the narrow stair.")  # he does not open it
    assert not stands("Wren escapes while Brannoch holds the narrow stair.", told={**TOLD, "Brannoch": HE})
    assert not stands("Brannoch finds him on a ferry.")  # another man may be meant
    assert not stands("Brannoch is summoned to the bedside of the Duke.")  # a kind of person, capitalised too
    assert not stands("Brannoch holds the stair while Pip Marrow escapes.")  # Pip is a man too
    assert not stands("Brannoch holds the stair while Pip escapes.", told={"Wren Tallow": SHE})  # Pip's unsettled
    assert not stands("Brannoch argues with his father on the stair.")  # the father may be meant
    assert not stands("Brannoch's sword breaks on the stair.")  # only his possessive
    assert not stands("Wren escapes through a sea tunnel.")  # he is not named


def test_an_honorific_settles_the_sex_before_the_story_s_pronouns() -> None:
    assert pronouns_told_with("Sir Malcolm Pryce", lambda _: SHE) == HE
    assert pronouns_told_with("Mrs. Honoria Dunstable", lambda _: None) == SHE
    assert pronouns_told_with("Lady Seren Ashcombe", lambda _: None) == SHE
    assert pronouns_told_with("Tobias Hale", lambda _: HE) == HE
    assert pronouns_told_with("Tobias Hale", lambda _: None) is None


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        ("Pelham flees to Estoril, and the next morning he is found shot dead in his car.", "he"),
        ("Aldric holds the gate so that the others can reach the furnace, and he is killed there.", "he"),
        ("Brannoch runs; she follows.", "she"),
        ("Brannoch runs, and he falls.", "he"),
        ("Brannoch said he would come.", None),  # no clause of its own
        ("Brannoch runs and Wren says he is dead.", None),  # a name opens the clause
        ("Brannoch runs, and after a very long bitter winter he dies.", None),  # too far from the opening
    ],
)
def test_a_clause_s_own_subject_pronoun_after_the_name(sentence: str, subject: str | None) -> None:
    found = clause_subject(sentence, len("Brannoch") if sentence.startswith("Brannoch") else 6)
    assert (found[0] if found else None) == subject
