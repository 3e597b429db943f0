"""The forms by which a story names one of its people, which every fact rule reads them by."""

import pytest

from bot.core.death_asked import death_told
from bot.core.person_forms import forms_pattern, person_forms, person_pattern, shared_forms
from bot.core.study_asked import study_told


@pytest.mark.parametrize(
    ("name", "others", "forms"),
    [
        ("Ada Okafor", ["Tunde"], ("Ada Okafor", "Okafor", "Ada")),
        ("Ada Okafor", ["Ben Okafor"], ("Ada Okafor", "Ada")),  # "Okafor" alone may be either
        ("Ada Okafor", ["Ada"], ("Ada Okafor", "Okafor")),
        ("Dr. Yusuf Al-Amin", [], ("Dr. Yusuf Al-Amin", "Dr. Al-Amin", "Al-Amin", "Yusuf")),
        ("Captain Ingrid Solheim", ["Erik Solheim"], ("Captain Ingrid Solheim", "Captain Solheim", "Ingrid")),
        ('Thomas "Tuck" Reilly', [], ('Thomas "Tuck" Reilly', "Reilly", "Thomas", "Tuck")),
        ("Mrs. Dunstable", [], ("Mrs. Dunstable", "Dunstable")),
        ("Catherine the Great", [], ("Catherine the Great", "Catherine", "Great")),
    ],
)
def test_a_person_is_named_by_each_form_no_other_person_of_their_story_shares(name, others, forms):
    assert person_forms(name, shared_forms(others)) == forms


def test_a_name_of_titles_alone_has_no_forms():
    assert person_forms("Captain", frozenset()) is None
    assert person_pattern("Dr.", ["Ada Okafor"]) is None


def test_without_a_surname_only_the_given_name_and_nicknames_stand_for_the_whole():
    # The job, age and origin rules: "Lindqvist, a teacher" may be the brother the finder did not list.
    assert person_forms('Mara "Mo" Lindqvist', frozenset(), surname=False) == ('Mara "Mo" Lindqvist', "Mara", "Mo")


def test_a_possessive_is_read_with_the_name_it_follows():
    pattern = forms_pattern(["Nora Vale", "Nora"])
    found = pattern.search("It was Nora's cello.")
    assert found is not None and found.group() == "Nora's" and found.group("owning") == "'s"
    assert forms_pattern(["Nora"], possessive=False).search("It was Nora's cello.") is None
    assert pattern.search("Noraville is a town.") is None


def test_a_death_is_read_of_a_surname_or_title_and_surname_but_a_schooling_is_not():
    # "Dr. Whitcombe trained at the University of Edinburgh" is Julian's father, whom the people finder does not list:
    # the study, kind and named-thing rules read no surname alone, as before. So "Ms Okafor" of Ada Okafor, whom the
    # finder lists apart (as it would her mother, "Mrs. Okafor"), is missed.
    story = [
        "Ada Okafor is a structural engineer in Bristol. Her husband, Tunde, teaches.",
        "Ms Okafor studied at the University of Leeds, where she met the professor who now accuses her.",
    ]
    assert study_told(story, "Ada Okafor", ["Ms Okafor", "Tunde"]) is None
    father = ["Julian Whitcombe wants to paint.", "Dr. Whitcombe trained at the University of Edinburgh."]
    assert study_told(father, "Julian Whitcombe", ["Lottie Marsh"]) is None
    drowned = ["Captain Ingrid Solheim commands the Kittiwake.", "Solheim drowns when she goes back below."]
    assert death_told(drowned, "Captain Ingrid Solheim", ["Arne Dahl"]) == (1, drowned[1])
    assert death_told(drowned, "Captain Ingrid Solheim", ["Erik Solheim"]) is None
