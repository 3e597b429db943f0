"""Where a story names one of a kind a question asks of a person, for "Which composers did young Sophie love?"."""

from pathlib import Path

from bot.core.library import StoryLibrary
from bot.core.named_kind_asked import (
    NamedKindAsked,
    instances_of,
    named_kind_asked,
    named_kind_told,
    names_typed,
    proper_names_of,
    role_typed,
)
from tests.core.library_files import assert_answered_in_both_scopes, library_of

ROOT = Path(__file__).resolve().parents[2]
HERS = frozenset({"she", "her", "hers"})
MARA = [
    "Mara Lind grew up near Alder Hall, a crumbling manor in the Yorkshire Dales.",
    "After years of study in Leeds, Mara performed at Wigmore Hall to great acclaim.",
]


def test_a_question_asking_which_one_of_a_kind_is_read_with_the_words_after_its_helper_verb():
    assert named_kind_asked("Which composers did young Sophie love?") == NamedKindAsked(
        "composer", ("young", "sophie", "love")
    )
    assert named_kind_asked("Which hall did the violinist perform at?") == NamedKindAsked(
        "hall", ("the", "violinist", "perform", "at")
    )
    assert named_kind_asked("What song does Josie sing at her audition?") is None  # a song is named by no kind's name
    assert named_kind_asked("Which cat did Florian marry?") is None  # "the White Cat" is a tale's character
    assert named_kind_asked("Which hall?") is None


def test_the_name_asked_of_is_read_before_the_verb_past_an_adjective_or_as_a_role_after_the():
    assert names_typed(("young", "sophie", "love")) == [
        ("young sophie", "love"),
        ("young", "Sophie"),  # read as a name and verb too, but "young" names no one
        ("sophie", "love"),
    ]
    assert ("sebastien kalmurzaeva", "play") in names_typed(("sebastien", "kalmurzaeva", "play", "when", "she"))
    assert names_typed(("sophie", "and", "irene", "love")) == []  # two people's
    assert role_typed(("the", "violinist", "perform", "at")) == ("violinist", "perform")
    assert role_typed(("the", "hall", "open")) is None


def test_wordnet_instances_and_proper_names_of_things_are_names_of_a_kind_but_not_characters_or_songs():
    assert {"Chopin", "Debussy", "Schubert"} <= instances_of("composer")
    assert "Palace" not in instances_of("palace")  # a common noun ending "Buckingham Palace"
    assert proper_names_of("hall") and proper_names_of("college") and proper_names_of("school")
    assert not proper_names_of("cat") and not proper_names_of("queen") and not proper_names_of("song")


def test_an_instance_is_a_name_with_a_lowercase_letter_that_is_no_given_name_nor_a_places():
    assert not instances_of("king") & {"I", "II", "XIV"}  # "I" of "Henry_I" is the pronoun of quoted speech
    assert "MIT" not in instances_of("university")
    assert "Jackson" not in instances_of("president")  # a city too: "She grew up in Jackson, Mississippi"
    assert "David" not in instances_of("king")  # a given name: "David Hume"
    assert "Nixon" in instances_of("president")


def test_a_proper_name_is_read_of_buildings_rooms_and_schools_only():
    assert proper_names_of("palace") and proper_names_of("room") and proper_names_of("university")
    assert not proper_names_of("side") and not proper_names_of("party") and not proper_names_of("place")


def test_an_instance_running_on_into_a_longer_name_is_not_one():
    texts = ["Nora Quill grew up on Chopin Street.", "Nora Quill loved Chopin, Debussy and Ravel."]
    assert named_kind_told(texts, "Nora Quill", "composer", "hear") == (1, texts[1])


def test_a_first_person_pronoun_in_the_persons_quoted_speech_names_no_king():
    texts = ['Walter went to the queen and said, "Madam, I have trained the finest bird in the kingdom."']
    assert named_kind_told(texts, "Walter", "queen", "serve") is None


def test_the_person_doing_the_verb_with_an_unnamed_one_leaves_it_to_the_ranking():
    texts = [
        "Lena Cho is a jazz singer who works nights at the Blue Room, a club in Chicago.",
        "When the police raid the club, Lena hides in the boiler room with the owner's daughter.",
    ]
    assert named_kind_told(texts, "Lena Cho", "room", "hide") is None
    assert named_kind_told(texts, "Lena Cho", "room", "work") == (0, texts[0])


def test_the_sentence_naming_the_person_and_a_composer_answers_by_a_pronoun_of_theirs_too():
    texts = [
        "Sophie Korolev was a talented young musician who had always been drawn to the classical piano. Growing up "
        "in a small town, she spent countless hours practicing, fueled by a passion for the music of Chopin and "
        "Debussy.",
    ]
    told = named_kind_told(texts, "Sophie Korolev", "composer", "love", [], HERS)
    assert told is not None and "Chopin and Debussy" in told[1]
    assert named_kind_told(texts, "Sophie Korolev", "composer", "love", [], None) is None  # no pronoun settled


def test_a_sentence_writing_the_verb_asked_answers_first():
    assert named_kind_told(MARA, "Mara Lind", "hall", "perform") == (1, MARA[1])
    assert named_kind_told(MARA, "Mara Lind", "hall", "grow") == (0, MARA[0])
    assert named_kind_told(MARA, "Mara Lind", "hall", "visit") == (0, MARA[0])  # no verb written: the first


def test_a_proper_name_after_a_title_or_of_a_person_or_nearer_another_is_not_the_persons():
    texts = [
        "Tom Baker was afraid of Mr Fox Hall, the headmaster.",
        "Tom's sister Jane went to Ashford Grammar School.",
        "Lucy Bell studied at Wye College, and Tom Baker worked in Canterbury.",
        "Tom Baker went to Ashford Grammar School.",
    ]
    assert named_kind_told(texts, "Tom Baker", "hall", "fear", ["Lucy Bell"]) is None
    assert named_kind_told(texts, "Tom Baker", "school", "go", ["Lucy Bell"]) == (3, texts[3])
    assert named_kind_told(texts, "Tom Baker", "college", "attend", ["Lucy Bell"]) is None
    assert named_kind_told(texts, "Lucy Bell", "college", "attend", ["Tom Baker"]) == (2, texts[2])
    hall = ["Tom Reyes lived in Reyes Hall.", "Tom Reyes sang at The Hall."]
    assert named_kind_told(hall, "Tom Reyes", "hall", "live") is None  # his own name's; "The Hall" names no one


def test_the_bundled_questions_are_answered_in_both_scopes(tmp_path):
    library = library_of(
        tmp_path,
        ROOT / "corpus" / "sophie-korolev-pianist.md",
        ROOT / "corpus" / "sebastien-kalmurzaeva-violinist.md",
        ROOT / "corpus" / "sofia-kalmurzaeva-ballerina.md",
    )
    for question, said in (
        ("Which composers did young Sophie love?", "Chopin and Debussy"),
        ("Which hall did the violinist perform at?", "Carnegie Hall"),
        ("Which hall did Sébastien perform at?", "Carnegie Hall"),
    ):
        assert_answered_in_both_scopes(library, question, said)


FALCONER = """# The Falconer

Walter Grebe is the royal falconer. He trains a white gyrfalcon named Snow.

One morning Walter went to the queen and said, "Madam, I have trained the finest bird in the kingdom."

The queen was so pleased that she made Walter master of the mews.

Walter served the young queen faithfully until his death.
"""
JAZZ = """# Blue Notes

Lena Cho is a jazz singer who works nights at the Blue Room, a club in Chicago.

Her brother, Sam Cho, is a trumpet player who grew up idolising the great trumpeters of New Orleans.

When the police raid the club, Lena hides in the boiler room with the owner's daughter.

Sam is arrested, and Lena sings at his trial to win over the jury.
"""
DELTA = """# Delta Blues

Odette Lamar is a young reporter for the Clarion-Ledger. She grew up in Jackson, Mississippi, the daughter of a \
Baptist minister.

Odette covers the 1964 election for the paper.

Odette meets the president on Air Force One, a tall Texan who calls her "young lady."
"""


def test_an_unnamed_one_the_story_tells_is_answered_as_the_ranking_finds_it(tmp_path):
    for name, text in (("falconer.md", FALCONER), ("jazz.md", JAZZ), ("delta.md", DELTA)):
        (tmp_path / name).write_text(text, "utf-8")
    library = StoryLibrary.load(tmp_path)
    for question, said in (
        ("Which queen did Walter serve?", "served the young queen"),
        ("Which room did Lena hide in?", "hides in the boiler room"),
        ("Which president did Odette meet?", "meets the president"),
    ):
        assert_answered_in_both_scopes(library, question, said)


def test_surnames_that_are_words_of_the_language_are_no_instances():
    for word, kind in (("Baker", "actress"), ("Turner", "painter"), ("Wells", "writer"), ("Burns", "poet")):
        assert word not in instances_of(kind)
    assert "Blake" in instances_of("poet")


def test_an_instance_before_an_ampersand_or_a_noun_names_something_else():
    texts = [
        "Odette Lamar babysat the Carter children at church.",
        "Jack Dunn is a printer at Baker & Sons, a small firm.",
        "At nineteen Nora Quill is diagnosed with Hodgkin lymphoma.",
    ]
    assert named_kind_told(texts, "Odette Lamar", "president", "babysit") is None
    assert named_kind_told(texts, "Jack Dunn", "actress", "fall") is None
    assert named_kind_told(texts, "Nora Quill", "doctor", "see") is None
    loved = ["Sophie loved Chopin and Debussy."]
    assert named_kind_told(loved, "Sophie", "composer", "love") == (0, loved[0])  # "and" is a stop word


def test_a_saints_title_and_possessive_are_a_place_name():
    texts = ["Nora Quill was born at Airedale Hospital.", "Nora Quill is treated at St James's Hospital in Leeds."]
    assert named_kind_told(texts, "Nora Quill", "hospital", "treat") == (1, texts[1])
    married = ["Maria Costa married in St. Mary's Church in Whitby."]
    assert named_kind_told(married, "Maria Costa", "church", "marry") == (0, married[0])
    assert named_kind_told(["Tom Reyes sang at King's Hall."], "Tom Reyes", "hall", "sing") is None


def test_a_sentence_by_name_writing_the_verb_and_naming_none_leaves_it_to_the_ranking():
    texts = [
        "Tom Price is a line cook whose first job was at the Golden Dragon Restaurant in Cardiff.",
        "After two years Tom Price proposes to Amy over dinner at a little Italian place by the river.",
    ]
    assert named_kind_told(texts, "Tom Price", "restaurant", "propose", ["Amy"]) is None
    assert named_kind_told(texts, "Tom Price", "restaurant", "work", ["Amy"]) == (0, texts[0])


def test_a_pronoun_that_may_be_theirs_writing_the_verb_with_the_noun_unnamed_leaves_it_to_the_ranking():
    texts = [
        "Lena Cho is a jazz singer who headlines every Friday at the Blue Room, a club.",
        "When the police raid the club one night, she hides in the boiler room.",
    ]
    assert named_kind_told(texts, "Lena Cho", "room", "hide") is None  # her pronouns unsettled
    assert named_kind_told(texts, "Lena Cho", "room", "headline") == (0, texts[0])


def test_the_second_reviews_stories_are_answered_as_the_ranking_finds_them_in_both_scopes(tmp_path):
    library = library_of(tmp_path, *sorted((ROOT / "tests" / "fixtures" / "named_kind").glob("*.md")))
    for question, said in (
        ("Which room did Lena hide in?", "boiler room"),
        ("Which hospital was Nora treated at?", "treated at St James"),
        ("Wich hospital was Nora treated in?", "treated at St James"),
        ("Which doctor did Nora see?", "Amal Reyes"),
        ("Which writer did Ruth meet?", "Zadie Okafor"),
        ("Which author did Ruth meet at the festival?", "Zadie Okafor"),
        ("Which actress did Jack fall for?", "Ivy Lane"),
        ("Which president did Odette meet?", "Air Force One"),
        ("Which restaurant did Tom propose at?", "Italian place"),
    ):
        assert_answered_in_both_scopes(library, question, said)


def test_an_instance_beside_an_ampersand_or_a_character_called_by_surname_is_none():
    firm = ["Clara Webb works as a porter at Sargent & Lowry, an auction house."]
    assert named_kind_told(firm, "Clara Webb", "painter", "admire") is None
    grocer = ["Anna Kowal works in the shop of old Evans, a widowed grocer."]
    assert named_kind_told(grocer, "Anna Kowal", "writer", "love") is None
    assert named_kind_told(["Anna Kowal reads Evans, a writer she loves."], "Anna Kowal", "writer", "read") is None


def test_a_pronoun_sentence_writing_the_verb_of_another_person_or_a_relative_leaves_it_to_the_ranking():
    texts = [
        "Clara Webb grew up near Carnegie Hall.",
        "She admires above all the watercolours of her late grandmother.",
    ]
    assert named_kind_told(texts, "Clara Webb", "hall", "admire", [], HERS) is None
    assert named_kind_told(texts, "Clara Webb", "hall", "grow", [], HERS) == (0, texts[0])
    sung = ["Sophie Korolev grew up near Carnegie Hall.", "She sings at the wedding of Tom Hale."]
    assert named_kind_told(sung, "Sophie Korolev", "hall", "sing", ["Tom Hale"], HERS) is None


def test_the_third_reviews_stories_are_answered_as_the_ranking_finds_them_in_both_scopes(tmp_path):
    library = library_of(tmp_path, *sorted((ROOT / "tests" / "fixtures" / "named_kind").glob("*.md")))
    assert_answered_in_both_scopes(library, "Which painter did Clara admire?", "Maeve Doyle")
    assert_answered_in_both_scopes(library, "Which writer did Anna fall in love with?", "Tom Hale")
