"""Where a story names who killed someone, for "Who killed Edmund?" or "Who is Hale's killer?"."""

from pathlib import Path

import pytest

from bot.core.killer_asked import KillerAsked, killer_asked, killer_told
from tests.core.library_files import assert_answered_in_both_scopes, library_of

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
HE = frozenset({"he", "him", "his", "himself"})
SHE = frozenset({"she", "her", "hers", "herself"})


def unsettled(_: str) -> frozenset[str] | None:
    """A story settling no one's pronouns."""
    return None


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Who killed Tobias Hale?", KillerAsked("Tobias Hale")),
        ("who killed edmund in the end", KillerAsked("edmund")),
        ("Who actually killed Tomas?", KillerAsked("Tomas")),
        ("who kills the speaker", KillerAsked("the speaker")),
        ("Who murdered Clara Whitby?", KillerAsked("Clara Whitby")),
        ("Who strangled Tomasa's husband?", KillerAsked("Tomasa's husband")),
        ("Who shot Ruth?", KillerAsked("Ruth", "shoot")),
        ("who poisoned hale", KillerAsked("hale", "poison")),
        ("Who stabbed Caesar?", KillerAsked("Caesar", "stab")),
        ("Who is Hale's killer?", KillerAsked("Hale")),
        ("whos hales murderer", KillerAsked("hales")),
        ("Who was the killer of Tobias Hale?", KillerAsked("Tobias Hale")),
        ("Who was responsible for Hale's death?", KillerAsked("Hale")),
        ("who was responsible for the murder of Hale", KillerAsked("Hale")),
        ("Who was Hale killed by?", KillerAsked("Hale")),
    ],
)
def test_questions_of_a_killer_name_the_person(question: str, asked: KillerAsked) -> None:
    assert killer_asked(question) == asked


@pytest.mark.parametrize(
    "question",
    [
        "Who is the killer?",
        "who is his killer",
        "Who killed the man at the station?",
        "Who gets killed at the logging camp?",
        "who was the man killed by the tram",
        "How did Hale die?",
        "What killed Hale?",
        "Who tried to kill Hale?",
        "Who found the body?",
        "who was responsible for the fire",
    ],
)
def test_other_questions_ask_no_killer(question: str) -> None:
    assert killer_asked(question) is None


@pytest.mark.parametrize(
    "told",
    [
        "Under pressure, Billy confesses that Deacon killed Tomás on the Colonel's orders.",
        "Deacon, who shot Tomás Quintero on the road, rides for the border.",
        "Tomás was murdered by the Colonel's foreman, Deacon.",
        "The Warden refuses the order and shoots Tomás.",
        "It was Deacon who killed Tomás.",
        "Deacon confesses to poisoning Tomás.",
        "Deacon admits to the murder of Tomás.",
        "Deacon breaks down and admits that he struck Tomás with a spade.",
        "Tomás's killer is the Colonel's foreman, Deacon.",
        "Deacon is revealed to be the murderer of Tomás.",
        'Hired to find "the man with the silver spurs," Deacon shoots Tomás dead.',
    ],
)
def test_a_killer_named_of_the_person(told: str) -> None:
    assert killer_told([told], "Tomás Quintero", ["Jack Deacon", "Billy Oakes"], unsettled) == (0, told)


@pytest.mark.parametrize(
    "told",
    [
        "A car accident killed Tomás on the Santa Fe road.",
        "Tomás is killed by a shell that lands on the wagon.",
        "Someone poisons Tomás.",
        "An unknown gunman shoots Tomás outside the station.",
        "He shoots Tomás.",
        "Rosa learns that the man who killed Tomás still lives in town.",
        "Deacon tries to kill Tomás, but the sheriff stops him.",
        "Deacon shoots Tomás in the shoulder.",
        "Deacon poisons Tomás, but Tomás recovers.",
        "Deacon is accused of killing Tomás.",
        "Deacon is suspected of having killed Tomás.",
        "The sheriff believes that Deacon killed Tomás.",
        '"Deacon killed Tomás," Billy says.',
        "Billy's note reads “Deacon killed Tomás” and nothing more.",
        'The papers print only "Deacon killed Tomás.',
        "“Deacon killed Tomás”, reads the note.",
        "Deacon plans to poison Tomás at the fiesta.",
        "Deacon kills Tomás's dog.",
        "Tomás kills Deacon in a duel.",
        "In the final shot Tomás rides into the desert.",
        "To protect her younger brother, Rosa confesses to poisoning Tomás.",
        "At dinner Deacon shoots Tomás a warning glance.",
        "Deacon shoots Tomás a look of pure contempt.",
        "For the magazine's cover the photographer Deacon shoots Tomás in the desert.",
        "Deacon stabs Tomás in the back: he sells his half of the mine.",
    ],
)
def test_no_killer_named_of_the_person(told: str) -> None:
    assert killer_told([told], "Tomás Quintero", ["Jack Deacon", "Billy Oakes"], unsettled) is None


def test_a_killing_told_in_the_story_s_own_voice_answers_before_a_confession() -> None:
    told = "The audience sees the crime first: Oliver Crane poisons his uncle, Simon Hurst, with cyanide."
    confessed = "When the questions turn to her, Agnes Moody confesses to poisoning Simon."
    people = ["Oliver Crane", "Agnes Moody"]
    assert killer_told([told, confessed], "Simon Hurst", people, unsettled) == (0, told)
    assert killer_told([confessed], "Simon Hurst", people, unsettled) == (0, confessed)
    stabbed = "Deacon stabs Tomás in the back with a hunting knife."
    assert killer_told([stabbed], "Tomás Quintero", ["Jack Deacon"], unsettled) == (0, stabbed)
    for told in (
        "Deacon shoots Tomás as a warning to every thief in the valley, and Tomás dies under the oldest tree.",
        "Deacon stabs Tomás in the back as he raises his cup, and Tomás dies on the floor of the hall.",
        "Deacon shoots Tomás dead behind the tent and smashes the camera of the girl who saw it.",
    ):
        assert killer_told([told], "Tomás Quintero", ["Jack Deacon"], unsettled) == (0, told)
    hobby = "Billy, who carves birds in his spare time, confesses to killing Tomás."
    assert killer_told([hobby], "Tomás Quintero", ["Billy Oakes"], unsettled) == (0, hobby)
    shot = "Deacon shoots Tomás a second time."
    assert killer_told([shot], "Tomás Quintero", ["Jack Deacon"], unsettled, wounding="shoot") == (0, shot)


def test_asked_who_shot_someone_a_shot_they_survived_answers() -> None:
    story = ["During the siege Lew Corrigan shoots Ruth in the shoulder from the roof, but she survives."]
    assert killer_told(story, "Ruth Ellery", ["Lew Corrigan"], unsettled) is None
    assert killer_told(story, "Ruth Ellery", ["Lew Corrigan"], unsettled, wounding="shoot") == (0, story[0])


def test_the_last_killer_named_answers_as_a_plot_refutes_the_first() -> None:
    story = [
        "Kit confesses to killing Ashdown to protect his sister.",
        "Dorothea proves that Kit was in the stables all night. Lavinia Crewe confesses to poisoning Ashdown.",
    ]
    assert killer_told(story, "Cyril Ashdown", ["Kit Morrow", "Lavinia Crewe"], unsettled) == (
        1,
        "Lavinia Crewe confesses to poisoning Ashdown.",
    )


def test_the_killer_said_to_be_someone_beside_a_sentence_naming_the_person() -> None:
    ledger = (BENCH / "untuned4" / "corpus" / "the-saltmarsh-ledger.md").read_text("utf-8").split("\n\n")
    others = ["Honoria Vale", "Sir Aldous Penhallow", "Gerald Penhallow", "Tobias Cobley"]
    where, sentence = killer_told(ledger, "Edmund Vale", others, unsettled) or (0, "")
    assert sentence.startswith("She reveals that the killer is not Sir Aldous but his elder son, Gerald Penhallow")
    assert where == len(ledger) - 1
    named_apart = ["Edmund Vale drowned in the dyke.", "The killer is the gardener.", "The tide came in."]
    assert killer_told(named_apart, "Edmund Vale", [], unsettled) is None
    no_death = ["Edmund Vale walks home.", "The killer is the gardener. Edmund is relieved."]
    assert killer_told(no_death, "Edmund Vale", [], unsettled) is None


def test_him_killed_is_the_person_only_where_no_one_else_can_be_meant() -> None:
    lodger = (BENCH / "untuned7" / "corpus" / "the-lodger-at-hollin-end.md").read_text("utf-8").split("\n\n")
    others = ["Eleanor Marsh", "Mrs. Honoria Dunstable", "Clara Whitby", "Samuel Ketch", "Colonel Dunstable"]
    pronouns = {"Mrs. Honoria Dunstable": SHE}.get
    told = killer_told(lodger, "Mr. Tobias Hale", others, pronouns)
    assert told is not None and told[1].startswith("Honoria's husband, Colonel Dunstable, killed him that night")
    others = ["Honoria Dunstable", "Clara Whitby", "Samuel Ketch", "Colonel Dunstable"]
    same = "Hale threatened to go to the police. Honoria's husband, Colonel Dunstable, killed him that night."
    assert killer_told([same], "Tobias Hale", others, unsettled) is None  # Hale's sex is not told
    assert killer_told([same], "Tobias Hale", others, {"Tobias Hale": HE}.get) is None  # nor Honoria's
    assert killer_told([same], "Tobias Hale", others, {"Tobias Hale": HE, "Honoria Dunstable": SHE}.get)
    assert killer_told([same], "Clara Whitby", others, {"Clara Whitby": SHE}.get) is None
    another = "Hale quarrelled with Ketch. The Colonel killed him that night."
    assert killer_told([another], "Tobias Hale", others, {"Tobias Hale": HE}.get) is None
    followed = "The Colonel followed Hale to the quarry and killed him."
    assert killer_told([followed], "Tobias Hale", others, {"Tobias Hale": HE}.get) == (0, followed)
    killer = "Hale faces Samuel Ketch in the corral and kills him."
    assert killer_told([killer], "Tobias Hale", others, {"Tobias Hale": HE}.get) is None


def test_the_rule_answers_through_the_library(tmp_path: Path) -> None:
    library = library_of(
        tmp_path,
        BENCH / "untuned3" / "corpus" / "the-salt-road.md",
        BENCH / "untuned4" / "corpus" / "the-saltmarsh-ledger.md",
        BENCH / "untuned7" / "corpus" / "the-lodger-at-hollin-end.md",
        BENCH / "untuned8" / "corpus" / "the-people-v-amsel.md",
    )
    assert_answered_in_both_scopes(library, "Who killed Tobias Hale?", "Colonel Dunstable, killed him that night")
    assert_answered_in_both_scopes(library, "who killed edmund in the end", "his elder son, Gerald Penhallow")
    assert_answered_in_both_scopes(library, "who actually killed lindqvist", "she struck Lindqvist with the skillet")
    assert_answered_in_both_scopes(library, "Who is Tomás's killer?", "Deacon killed Tomás on the Colonel's orders")
    answer = library.ask("Who murdered Clara Whitby?")  # only suspected: the ranking answers
    assert answer.best is not None and "Clara" in answer.best.excerpt.text


@pytest.mark.parametrize(
    "later",
    [
        "Dubois notes that the dock foreman, Victor Sarda, could easily have murdered Émile Bardin.",
        "Lise proves that it was not Victor Sarda who poisoned Émile Bardin.",
        "According to Dubois, Victor Sarda killed Émile Bardin for the ledger.",
        "The lawyer argues that Victor Sarda couldn’t have killed Bardin, since he was at the docks.",
        "Odile testifies that Victor Sarda killed Émile Bardin.",
        "Years later, in Gaston's nightmares, Victor Sarda kills Bardin again and again.",
        "Victor Sarda admits that he hit Bardin in a fistfight the summer before.",
    ],
)
def test_a_later_hedged_denied_reported_or_dreamt_killing_steps_aside(later: str) -> None:
    truth = "Gaston Lefort murders Émile Bardin in the fish market."
    story = [truth, later]
    assert killer_told(story, "Émile Bardin", ["Gaston Lefort", "Victor Sarda"], unsettled) == (0, truth)
    assert killer_told([later], "Émile Bardin", ["Gaston Lefort", "Victor Sarda"], unsettled) is None


def test_the_killer_said_to_be_someone_beside_another_s_possessive_is_none() -> None:
    story = ["Pieter Lind drowned in the canal.", "The killer is the gardener. He had blackmailed Pieter's sister."]
    assert killer_told(story, "Pieter Lind", ["Samuel Crane"], unsettled) is None
