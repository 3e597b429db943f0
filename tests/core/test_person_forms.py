"""The forms by which a story names one of its people, which every fact rule reads them by."""

import pytest

from bot.core.death_asked import death_told
from bot.core.person_forms import forms_pattern, others_of, person_forms, person_pattern, shared_forms
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


@pytest.mark.parametrize(
    ("name", "others", "kept"),
    [
        ("Ada Okafor", ["Ms Okafor", "Tunde"], ["Tunde"]),
        ("Dr. Yusuf Al-Amin", ["Dr. Al-Amin", "Grace Lowe"], ["Grace Lowe"]),
        ("Mr. Abel Finch", ["Mr. Finch"], []),
        # another shares the surname: "Mr. Whitcombe" may be either of them
        ("Margaret Whitcombe", ["Mr. Whitcombe", "Julian Whitcombe"], ["Mr. Whitcombe", "Julian Whitcombe"]),
        # a title that is not the person's and no honorific: her husband
        ("Mrs. Honoria Dunstable", ["Colonel Dunstable"], ["Colonel Dunstable"]),
    ],
)
def test_an_honorific_and_the_persons_surname_alone_is_the_person_unless_another_shares_it(name, others, kept):
    assert others_of(name, others) == kept


def test_a_fact_told_of_a_surname_or_title_and_surname_is_the_persons():
    story = [
        "Ada Okafor is a structural engineer in Bristol. Her husband, Tunde, teaches.",
        "Ms Okafor studied at the University of Leeds, where she met the professor who now accuses her.",
    ]
    assert study_told(story, "Ada Okafor", others_of("Ada Okafor", ["Ms Okafor", "Tunde"])) == (1, story[1])
    assert study_told(story, "Ada Okafor", ["Ms Okafor", "Ben Okafor"]) is None  # whose "Okafor" is not told
    drowned = ["Captain Ingrid Solheim commands the Kittiwake.", "Solheim drowns when she goes back below."]
    assert death_told(drowned, "Captain Ingrid Solheim", ["Arne Dahl"]) == (1, drowned[1])
    assert death_told(drowned, "Captain Ingrid Solheim", ["Erik Solheim"]) is None
