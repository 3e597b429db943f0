"""Where a story tells how someone died, for "How did Clara die?" or "What happened to Zupan?"."""

from pathlib import Path

import pytest

from bot.core.death_asked import DeathAsked, death_asked, death_told
from tests.core.library_files import library_of

ROOT = Path(__file__).resolve().parents[2]
HE = frozenset({"he", "him", "his", "himself"})
SHE = frozenset({"she", "her", "hers", "herself"})
BENCH = ROOT / "bench"


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
    ],
)
def test_questions_of_a_death_name_the_person(question: str, name: str, happening: bool) -> None:
    assert death_asked(question) == DeathAsked(name, happening)


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("did bo die", "bo"),
        ("Is Tom dead?", "Tom"),
        ("Was Clara really killed?", "Clara"),
        ("does tillery make it", "tillery"),  # whether they live through it: a death told answers
        ("Did Pyne survive?", "Pyne"),
        ("did pyne make it out alive", "pyne"),
        ("Is Tom still alive?", "Tom"),
        ("will pyne survive", "pyne"),
    ],
)
def test_whether_someone_died_asks_whether(question: str, name: str) -> None:
    assert death_asked(question) == DeathAsked(name, whether=True)


def test_whether_someone_died_is_answered_only_where_no_sentence_doubts_it() -> None:
    assert death_told(MILLER_BROTHERS, "Daniel Miller", ["Abel Crane"], doubted=True) is None
    story = ["Tom is presumed drowned after the storm.", "Tom dies in Lima years later."]
    assert death_told(story, "Tom Webb", []) == (1, story[1])
    assert death_told(story, "Tom Webb", [], doubted=True) is None
    assert death_told(story[1:], "Tom Webb", [], doubted=True) == (0, story[1])


def test_when_someone_died_asks_a_time() -> None:
    assert death_asked("when did seamus die") == DeathAsked("seamus", when=True)


def test_when_someone_died_is_answered_by_a_death_told_with_a_time() -> None:
    story = [
        "Tom Hale drowns while crossing the river to fetch a doctor for Maud.",
        "The stone in the churchyard says Tom died on 4 May 1902, aged nineteen.",
        "Tom died on 4 May 1902, aged nineteen.",
    ]
    assert death_told(story, "Tom Hale", ["Maud Hale"]) == (0, story[0])
    assert death_told(story, "Tom Hale", ["Maud Hale"], timed=True) == (2, story[2])
    assert death_told(story[:2], "Tom Hale", ["Maud Hale"], timed=True) is None  # the ranking answers


@pytest.mark.parametrize(
    "question",
    [
        "Who killed Tobias Hale?",
        "Why was Matthias killed?",
        "How did the king feel?",
        "what happens to pip at the monastery",
        "what happened to harold in the war",
        "does tillery make it to the final",  # a time or a place asked of
        "Did Pyne survive the storm?",
        "Is Tom still at the farm?",
        "Will Tom marry Anna?",
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
        "Clara's body washes up on the shore.",
        "The Colonel poisons his business partner, Clara Webb, with cyanide.",
        "The Colonel kills his former mentor Clara in the orchard.",
        # beside a quoted phrase, told all the same: only a death within the quotation is said
        'Riders arrive searching for "a girl who wears iron," and Clara is killed defending her.',
        "After the song “Red River” ends, Clara drowns in the mill race.",
        "Clara drowns in the mill race called “the Gullet”.",
    ],
)
def test_a_death_told_of_the_person_by_name(told: str) -> None:
    assert death_told(["Tom Webb came home.", told], "Clara Webb", ["Tom Webb"]) == (1, told)


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
        "The Colonel shoots the man Clara hired.",
        "The Colonel poisons the guard Clara bribed.",
    ],
)
def test_a_death_threatened_feared_survived_or_someone_elses_is_none_of_hers(told: str) -> None:
    assert death_told([told], "Clara Webb", ["Tom Webb"]) is None


def test_a_pronoun_is_read_as_no_ones() -> None:
    # the killer is not the "him" he kills, nor is a man the "she" of a woman unnamed
    story = ["Tom is ambushed on the road home. At dawn Jerry kills him.", "Jerry dies in a shootout at the crossing."]
    assert death_told(story, "Jerry Lane", ["Tom Webb"]) == (1, story[1])
    story = ["Peter rows out to the wreck. Her body is found on the shore later. Peter is killed in the war."]
    assert death_told(story, "Peter", ["Margaret"]) == (0, "Peter is killed in the war.")
    assert death_told(["Brannoch holds the stair. He is killed in the fight."], "Brannoch", []) is None


def test_with_the_story_s_pronouns_a_death_told_of_an_opening_he_or_she_standing_for_them_answers() -> None:
    told = {"Wren Tallow": SHE, "Abel Tallow": HE}.get
    others = ["Wren Tallow", "Abel Tallow"]
    stair = "Brannoch holds the narrow stair against them while Wren escapes through a sea tunnel."
    story = ["Brannoch keeps the lighthouse.", f"{stair} He is killed in the fight. Wren reaches the boat."]
    assert death_told(story, "Brannoch", others, pronouns=told) == (1, "He is killed in the fight.")
    assert death_told(story, "Brannoch", others) is None  # without the pronouns, as before
    happening = death_told(story, "Brannoch", others, pronouns=told, first_undergone=True)
    assert happening == (1, "He is killed in the fight.")  # what happens to him: the first thing done to him
    captured = ["Brannoch holds the stair. He is captured by the guards. Brannoch escapes. He is killed in the fight."]
    assert death_told(captured, "Brannoch", others, pronouns=told, first_undergone=True) is None
    assert death_told(captured, "Brannoch", others, pronouns=told) == (0, "He is killed in the fight.")
    assert death_told(story, "Brannoch", others, pronouns=told, timed=True) is None  # no time told
    named = [*story, "Years later Brannoch drowns off the point."]
    assert death_told(named, "Brannoch", others, pronouns=told) == (2, named[2])  # by name first
    ferry = ["Brannoch finds him on a ferry. He jumps into the sea and drowns."]
    assert death_told(ferry, "Brannoch", others, pronouns=told) is None  # "him" is another man
    library = ["Wren's old nurse is ill. Abel visits Wren in the library every afternoon. She dies in the summer."]
    assert death_told(library, "Wren Tallow", ["Brannoch", "Abel Tallow"], pronouns=told) is None  # not opened by her
    shared = ["Brannoch holds the stair while Abel escapes. He is killed in the fight."]
    assert death_told(shared, "Brannoch", others, pronouns=told) is None  # Abel may be meant
    clause = ["Brannoch holds the stair so that the others can flee, and he is killed there by the guards."]
    assert death_told(clause, "Brannoch", others, pronouns=told) == (0, clause[0])
    her_clause = ["Brannoch holds the stair while Wren runs, and she is killed there by the guards."]
    assert death_told(her_clause, "Brannoch", others, pronouns=told) is None  # she is Wren
    later = ["Brannoch holds the stair. Two days later, he is found dead at the foot of the tower."]
    assert death_told(later, "Brannoch", others, pronouns=told) == (
        0,
        "Two days later, he is found dead at the foot of the tower.",
    )


def test_the_sentence_telling_how_answers_before_a_mention_of_the_death() -> None:
    story = ["After Clara's death, Tom sells the farm.", "Years before, Clara had drowned in the millpond."]
    assert death_told(story, "Clara Webb", ["Tom Webb"]) == (1, story[1])
    assert death_told(story[:1], "Clara Webb", ["Tom Webb"]) is None  # a mention: the ranking answers
    story = ["Calvin is accused of killing Warren Pike.", "The case turns on who benefits from Pike's death."]
    assert death_told(story, "Warren Pike", ["Calvin Rudd"]) is None


def test_what_happens_to_someone_is_their_death_only_where_it_is_the_first_thing_done_to_them() -> None:
    story = ["Vilkas is exiled to the marshes.", "Vilkas is captured and executed by the clans."]
    assert death_told(story, "Duke Vilkas", []) == (1, story[1])
    assert death_told(story, "Duke Vilkas", [], first_undergone=True) is None
    story = ["Zupan warns the smugglers.", "That night Zupan is found drowned in the harbour."]
    assert death_told(story, "Marko Zupan", [], first_undergone=True) == (1, story[1])
    assert death_told(["After Zupan's death the harbour is quiet."], "Marko Zupan", [], first_undergone=True) is None


def test_a_surname_alone_is_the_person_unless_another_shares_it() -> None:
    story = ["McPhee is found dead at the bottom of the cellar stairs."]
    assert death_told(story, "Dougal McPhee", ["Agnes Byrne"]) == (0, story[0])
    assert death_told(story, "Dougal McPhee", ["Agnes McPhee"]) is None


def test_the_rule_answers_through_the_library(tmp_path: Path) -> None:
    library = library_of(
        tmp_path,
        BENCH / "untuned7" / "corpus" / "the-lodger-at-hollin-end.md",
        BENCH / "untuned7" / "corpus" / "the-ashford-protocol.md",
        BENCH / "untuned6" / "corpus" / "the-amber-crown.md",
        BENCH / "untuned8" / "corpus" / "a-winter-in-trieste.md",
    )
    answer = library.ask("How did Clara die?")
    assert "Clara was found dead at the bottom of the old quarry" in answer.hits[0].excerpt.text
    answer = library.ask("what happens to vilkas")  # exiled first: the ranking answers
    assert "Vilkas is exiled to the marshes" in answer.hits[0].excerpt.text
    answer = library.ask("what happens to zupan")
    assert "Zupan is found drowned in the harbour" in answer.hits[0].excerpt.text


BORDER_ROAD = """# The Border Road

The novel follows Tom Webb, a cattle buyer in 1880s Texas, and the outlaw Jerry Lane, who robs the stage from Abilene.

Tom is ambushed on the road home. At dawn Jerry kills him. Ruth hires a tracker, Hollis, to find Jerry.

Anna marries Hollis. Jerry dies in a shootout with the Rangers at the Pecos crossing.
"""


def test_the_killer_is_not_given_the_death_of_him_he_kills(tmp_path: Path) -> None:
    story = tmp_path / "stories" / "the-border-road.md"
    story.parent.mkdir()
    story.write_text(BORDER_ROAD)
    (tmp_path / "library").mkdir()
    library = library_of(tmp_path / "library", story)
    for question in ("How did Jerry die?", "How does Jerry Lane die?"):
        assert "Jerry dies in a shootout" in library.ask(question).hits[0].excerpt.text


MILLER_BROTHERS = [
    "When Abel hears of it, he laughs, and he tells the town that Daniel is dead. Daniel is not dead; he has gone to"
    " Wichita.",
    "Ruth marries the schoolteacher, Henry Boyd, and moves to Topeka. Daniel is exiled from the county and dies years"
    " later in Denver of consumption.",
]


@pytest.mark.parametrize(
    "said",
    [
        "The newspapers report that Tom died in the fire.",
        '"Tom is dead," Jerry lies.',
        "Tom is killed, or so Jerry says.",
        "Tom is declared dead, but he is alive in Peru.",
        '"Tom is dead to me," Nora says of him later.',
        "Jerry shouts “Tom is dead!” and runs.",
        'Jerry repeats the words "and so Tom drowned.',
        'Tom drowned," Jerry ends.',
    ],
)
def test_a_death_said_or_reported_is_only_a_mention(said: str) -> None:
    told = "Years later Tom drowns off Cape Horn."
    assert death_told([said, told], "Tom Webb", ["Jerry Lane"]) == (1, told)
    assert death_told([said], "Tom Webb", ["Jerry Lane"]) is None


def test_a_death_said_falsely_gives_way_to_the_one_told() -> None:
    assert death_told(MILLER_BROTHERS, "Daniel Miller", ["Abel Crane", "Ruth Miller"]) == (
        1,
        "Daniel is exiled from the county and dies years later in Denver of consumption.",
    )


@pytest.mark.parametrize(
    "undone",
    [
        "In the autumn Julian is poisoned too, but the doctor saves him and he recovers.",
        "Julian is stabbed and left for dead in the alley, and he recovers.",
        "She plotted to have Julian killed by a huntsman.",
        "Tom dreams of killing Julian.",
        "Tom considers killing Julian.",
        "In her dream, Julian drowns.",
        "Julian is executed in the game but respawns.",
        "Julian was killed off in the second season.",
        "Julian plays Romeo and dies in the last act.",
    ],
)
def test_a_death_survived_planned_dreamt_or_acted_is_none(undone: str) -> None:
    assert death_told([undone], "Julian Hart", ["Tom Webb"]) is None


def test_a_death_told_in_passing_gives_way_to_one_told_where_it_comes() -> None:
    story = [
        "Her brother, Tom Reed, who died in the war, left her the farm.",
        "In the trenches Tom is hit by a shell at Ypres while carrying a wounded officer, and he is buried in a field.",
        "Tom Reed is killed at Ypres in 1917.",
    ]
    assert death_told(story, "Tom Reed", ["Ada Reed"]) == (2, story[2])
    assert death_told(story[:2], "Tom Reed", ["Ada Reed"]) == (0, story[0])  # where nothing else tells it


def test_a_death_naming_a_time_tells_none() -> None:
    story = [
        "Sedlak was the man seen leaving the stairwell on the day Hollar died; the twist is that Varga did not know.",
        "Ever since Hollar drowned, the mill has stood empty.",
    ]
    assert death_told(story, "Matej Hollar", ["Anika Brezova"]) is None
    told = "Years before, Hollar had drowned in the millpond."
    assert death_told([*story, told], "Matej Hollar", ["Anika Brezova"]) == (2, told)


def test_a_sentence_a_passage_cuts_is_read_whole() -> None:
    passages = [
        "Sedlak was the man seen leaving the stairwell on the day",
        "Hollar died; the twist is that Varga knew.",
    ]
    assert death_told(passages, "Matej Hollar", ["Anika Brezova"]) is None
    passages = ["Sedlak was the man seen leaving the stairwell.", "Hollar died in the snow."]
    assert death_told(passages, "Matej Hollar", ["Anika Brezova"]) == (1, passages[1])


def test_a_report_delivered_is_no_death_said() -> None:
    told = "Ashcombe delivers his report to the Chief, bypassing Cartwright, who is found dead in his flat."
    assert death_told([told], "Cartwright", ["Ashcombe"]) == (0, told)


@pytest.mark.parametrize(
    "named",
    [
        "The shooting of Kincaid by Blaine's men outside the assay office leaves him lame for a year.",
        "The poisoning of Kincaid by a bad batch of cider nearly kills him in 1910, and he is never strong again.",
        "Luke is sentenced to death for the murder of Kincaid, but the governor pardons him.",
    ],
)
def test_a_killing_named_by_a_noun_tells_no_death(named: str) -> None:
    told = "In the winter of 1881, Rusk shoots Kincaid in the back on the boarding house steps, and Kincaid dies."
    assert death_told([named], "Wade Kincaid", ["Rusk"]) is None
    assert death_told([named, told], "Wade Kincaid", ["Rusk"]) == (1, told)
