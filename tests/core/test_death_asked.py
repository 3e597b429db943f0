"""Where a story tells how someone died, for "How did Clara die?" or "What happened to Zupan?"."""

from pathlib import Path

import pytest

from bot.core.death_asked import DeathAsked, death_asked, death_told
from tests.core.library_files import library_of

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
HIS = frozenset({"he", "him", "his", "himself"})
HERS = frozenset({"she", "her", "hers", "herself"})


@pytest.mark.parametrize(
    ("question", "name", "happening"),
    [
        ("How did Clara die?", "Clara", False),
        ("how does brannoch die", "brannoch", False),
        ("How was Bobby killed?", "Bobby", False),
        ("How is King Audris killed?", "King Audris", False),
        ("What killed Old Tom?", "Old Tom", False),
        ("how did crouch really die", "crouch", False),
        ("How did Tomasa's husband die?", "Tomasa's husband", False),
        ("how did dannys dad die", "dannys dad", False),
        ("What happens to Fiona?", "Fiona", True),
        ("what really happened to alasdair", "alasdair", True),
        ("What happens to Greaves at the end?", "Greaves", True),
        ("How does Pruitt end up?", "Pruitt", True),
        ("how does Pruitt end up in the end", "Pruitt", True),
        ("did bo die", "bo", False),
        ("when did seamus die", "seamus", False),
        ("Is Tom dead?", "Tom", False),
        ("Was Clara really killed?", "Clara", False),
    ],
)
def test_questions_of_a_death_name_the_person(question: str, name: str, happening: bool) -> None:
    assert death_asked(question) == DeathAsked(name, happening)


@pytest.mark.parametrize(
    "question",
    [
        "Who killed Tobias Hale?",
        "Why was Matthias killed?",
        "How did the king feel?",
        "what happens to pip at the monastery",
        "what happened to harold in the war",
        "How many people die in the flood?",
        "What happens in the last scene?",
        "how did the man who sold the farm to the railroad die",
        "Did Tom kill Clara?",
        "Did Tom go to the fair?",
    ],
)
def test_other_questions_ask_no_death(question: str) -> None:
    assert death_asked(question) is None


@pytest.mark.parametrize(
    "told",
    [
        "Three days before the wedding, Clara was found dead at the bottom of the old quarry.",
        "Clara dies in her sleep in February.",
        "Clara drowned off the pier in 1936.",
        "A sniper kills Clara in the orchard.",
        "The Colonel's men murdered Clara Webb on the road.",
        "Clara is shot dead outside the assay office.",
        "Clara is shot and killed on the road.",
        "Clara, killed by a crossbow bolt, falls from the wall.",
        "Eleven people die in the flood, including Clara, who drowns while pulling a child from a car.",
        "Clara had seen the killer leave the library and was killed to keep her silent.",
        "Clara has been poisoned with strychnine.",
        "Clara commits suicide.",
        "Clara is finally executed by the clans.",
        "Her marriage was strained since the drowning of their youngest daughter, Clara, two years earlier.",
        "Clara's body washes up on the shore.",
    ],
)
def test_a_death_told_of_the_person_by_name(told: str) -> None:
    assert death_told(["Tom Webb came home.", told], "Clara Webb", ["Tom Webb"], HERS) == (1, told)


@pytest.mark.parametrize(
    "told",
    [
        "Clara nearly drowns in the millpond.",
        "Clara is presumed dead after the storm.",
        "Everyone thought Clara was dead.",
        "Maya fears that Ben and Clara are dead.",
        "Clara would die rather than confess.",
        "Her mother would rather Clara die in prison.",
        "The Colonel tries to kill Clara.",
        "Clara watches Tom die.",
        "Clara watches him die.",
        "Clara kills Tom with a skillet.",
        "Clara murdered the Colonel.",
        "Clara is shot in the shoulder but survives.",
        "Clara is dead tired after the march.",
        "Clara is dying to see Paris.",
        "Clara flees the Black Death.",
        "Clara's brother dies of plague.",
        "Tom kills Clara's dog.",
        "Clara signs Tom's death certificate.",
        "Clara fakes her death and sails for Buenos Aires.",
        "The brother of Clara had been slain.",
    ],
)
def test_a_death_threatened_feared_survived_or_someone_elses_is_none_of_hers(told: str) -> None:
    assert death_told([told], "Clara Webb", ["Tom Webb"], HERS) is None


def test_a_pronoun_tells_the_death_only_where_it_is_theirs() -> None:
    story = ["Brannoch holds the stair while Wren escapes through a tunnel. He is killed in the fight."]
    told_with = {"Wren Tallow": HERS}.get  # the story settles hers, not his
    assert death_told(story, "Brannoch", ["Wren Tallow"], None, told_with) == (0, "He is killed in the fight.")
    assert death_told(story, "Brannoch", ["Wren Tallow"], None) is None  # Wren may be a "he", named last
    # a new passage: "he" is no one named yet
    assert death_told(story[0].split(". "), "Brannoch", ["Wren Tallow"], None, told_with) is None
    # Wren is a woman: "he" is not hers, though she is named last
    assert death_told(story, "Wren Tallow", ["Brannoch"], HERS) is None
    # another man named last: "he" is his
    story = ["Brannoch fights Stroud on the stair. He is killed in the fight."]
    assert death_told(story, "Brannoch", ["Stroud"], HIS) is None
    # someone else named in the sentence before the pronoun
    story = ["Lyle argues with Crouch on the quay on the night he died."]
    assert death_told(story, "Lyle", ["Crouch"], HIS) is None
    # a pronoun in a clause opening the sentence may stand for the name after it
    assert (
        death_told(["Lund hides.", "Before he dies, Alvarez gives Lund his rosary."], "Lund", ["Alvarez"], HIS) is None
    )
    # an object's pronoun: not where the person is the subject
    story = ["Honoria's husband, Colonel Dunstable, killed him that night."]
    assert death_told(story, "Colonel Dunstable", ["Honoria"], HIS) is None
    story = ["Kettleby faces Deacon Slade in the corral and kills him in a duel."]
    assert death_told(story, "Deacon Slade", ["Kettleby"], HIS) == (0, story[0])
    # a pronoun whose person the story does not settle and a sex no one else is named for
    assert death_told(["Tom sails. Two days later, he is found dead."], "Tom Webb", []) is not None
    # unsettled, a title tells whose it may be
    story = ["Bishop Cairnech blesses the queen. She made penitence, and she died upon the grave."]
    assert death_told(story, "Bishop Cairnech", []) is None
    story = ["Queen Duaibsech blesses the bishop. She made penitence, and she died upon the grave."]
    assert death_told(story, "Queen Duaibsech", []) == (0, "She made penitence, and she died upon the grave.")
    # in quoted words a pronoun may be anyone's
    assert death_told(['Tom sails. "He drowned," she said.'], "Tom Webb", [], HIS) is None


def test_the_sentence_telling_how_answers_before_a_mention_of_the_death() -> None:
    story = ["After Clara's death, Tom sells the farm.", "Years before, Clara had drowned in the millpond."]
    assert death_told(story, "Clara Webb", ["Tom Webb"], HERS) == (1, story[1])
    assert death_told(story[:1], "Clara Webb", ["Tom Webb"], HERS) == (0, story[0])  # a mention, where nothing else


def test_what_happens_to_someone_is_their_death_only_where_it_is_the_first_thing_done_to_them() -> None:
    story = ["Vilkas is exiled to the marshes.", "Vilkas is captured and executed by the clans."]
    assert death_told(story, "Duke Vilkas", [], HIS) == (1, story[1])
    assert death_told(story, "Duke Vilkas", [], HIS, first_undergone=True) is None
    story = ["Zupan warns the smugglers.", "That night Zupan is found drowned in the harbour."]
    assert death_told(story, "Marko Zupan", [], HIS, first_undergone=True) == (1, story[1])
    assert (
        death_told(["After Zupan's death the harbour is quiet."], "Marko Zupan", [], HIS, first_undergone=True) is None
    )


def test_a_surname_alone_is_the_person_unless_another_shares_it() -> None:
    story = ["McPhee is found dead at the bottom of the cellar stairs."]
    assert death_told(story, "Dougal McPhee", ["Agnes Byrne"], HIS) == (0, story[0])
    assert death_told(story, "Dougal McPhee", ["Agnes McPhee"], HIS) is None


def test_the_rule_answers_through_the_library(tmp_path: Path) -> None:
    library = library_of(
        tmp_path,
        BENCH / "untuned7" / "corpus" / "the-lodger-at-hollin-end.md",
        BENCH / "untuned7" / "corpus" / "the-ashford-protocol.md",
        BENCH / "untuned6" / "corpus" / "the-amber-crown.md",
        BENCH / "untuned8" / "corpus" / "a-winter-in-trieste.md",
    )
    lodger = next(i for i, story in enumerate(library.corpus.stories) if story.path == "the-lodger-at-hollin-end.md")
    answer = library.ask("How did Clara die?")
    assert "Clara was found dead at the bottom of the old quarry" in answer.hits[0].excerpt.text
    answer = library.ask("How did Eleanor's husband die?", story=lodger)  # a relative the story names
    assert "in the opening weeks of the war in South Africa" in answer.hits[0].excerpt.text
    answer = library.ask("How did Ashford die?")  # "he", after the sentence naming him last
    assert "he is found dead at the foot of the stairs" in answer.hits[0].excerpt.text
    answer = library.ask("what happens to vilkas")  # exiled first: the ranking answers
    assert "Vilkas is exiled to the marshes" in answer.hits[0].excerpt.text
    answer = library.ask("what happens to zupan")
    assert "Zupan is found drowned in the harbour" in answer.hits[0].excerpt.text
