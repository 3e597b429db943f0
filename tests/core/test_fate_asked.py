"""What becomes of someone, for "What happens to Fiona?", "... in the end?" or "... after the fire?"."""

from pathlib import Path

import pytest

from bot.core.analysis import shared_analyzer
from bot.core.fate_asked import FateAsked, fate_asked, fate_told, owner_asked
from bot.core.library import StoryLibrary
from tests.core.library_files import assert_answered_in_both_scopes, library_of

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
TERMS = shared_analyzer(True, True, True, True).terms


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("What happens to Fiona?", FateAsked("Fiona")),
        ("what happens to forsythe in the end", FateAsked("forsythe", last=True)),
        ("What happens to the regent in the end?", FateAsked("the regent", last=True)),
        ("How does Pruitt end up?", FateAsked("Pruitt", last=True)),
        ("What happens to Danny after the fire?", FateAsked("Danny", after="the fire")),
        ("what happened to morwenna after she accuses halloway", FateAsked("morwenna", after="she accuses halloway")),
    ],
)
def test_questions_of_a_fate_name_the_person(question: str, asked: FateAsked) -> None:
    assert fate_asked(question) == asked


@pytest.mark.parametrize(
    "question",
    [
        "How did Clara die?",
        "what really happened to Lionel",  # the truth behind a false account: no shape of a fate reads it
        "What happens to Pip in the mountains?",
        "What happens to Danny after?",
        "What happens next?",
    ],
)
def test_other_questions_ask_no_fate(question: str) -> None:
    assert fate_asked(question) is None


ORCHARD = [
    "In the village of Brockley, a boy named Tom Hale works for the farmer Agnes Pike. Tom is called Tommy by everyone"
    " in the village. One night the orchard is robbed, and Agnes tells the constable that Tom was seen near the gate."
    " Tom is nearly arrested, but his friend Lucy Marsh swears he was with her. Tom leaves a note for Agnes and goes"
    " looking for the real thief. He would be sent away if the constable found him.",
    "After the harvest fair, Tom is sent away to the blacksmith as an apprentice. The real thief, a tinker named Silas"
    " Crane, is caught. Crane, who had robbed six farms, is sent to the county gaol. In the end Tom leaves Brockley for"
    " the city.",
]


def test_the_one_fate_after_their_introduction_answers() -> None:
    """Not a name ("is called Tommy"), a fate nearly undergone, said of them after "that", a thing left ("leaves a
    note") or one only supposed ("would be sent away")."""
    unended = [ORCHARD[0], ORCHARD[1].removesuffix(" In the end Tom leaves Brockley for the city.")]
    assert fate_told(unended, "Tom Hale", ["Agnes Pike"], TERMS) == (
        1,
        "After the harvest fair, Tom is sent away to the blacksmith as an apprentice.",
    )


def test_of_several_fates_the_ranking_judges() -> None:
    """Asked plainly, neither of Tom's ("is sent away to the blacksmith", "In the end Tom leaves Brockley") is sure to
    be how he ends up."""
    assert fate_told(ORCHARD, "Tom Hale", ["Agnes Pike", "Lucy Marsh", "Silas Crane"], TERMS) is None


def test_the_end_asked_the_last_fate_answers() -> None:
    assert fate_told(ORCHARD, "Tom Hale", ["Agnes Pike"], TERMS, last=True) == (
        1,
        "In the end Tom leaves Brockley for the city.",
    )


def test_a_fate_is_read_past_a_clause_between_commas() -> None:
    assert fate_told(ORCHARD, "Silas Crane", ["Tom Hale"], TERMS) == (
        1,
        "Crane, who had robbed six farms, is sent to the county gaol.",
    )


def test_a_later_sentence_naming_them_leaves_the_end_to_the_ranking() -> None:
    texts = [*ORCHARD, "Years later, Tom's old master writes to Tom in the city."]
    assert fate_told(texts, "Tom Hale", ["Agnes Pike"], TERMS, last=True) is None


def test_a_wound_is_no_end() -> None:
    texts = ["Marcus Drel is the ship's pilot.", "Marcus is wounded in the attack."]
    assert fate_told(texts, "Marcus Drel", [], TERMS) == (1, "Marcus is wounded in the attack.")
    assert fate_told(texts, "Marcus Drel", [], TERMS, last=True) is None


def test_asked_after_an_event_the_first_fate_after_it_answers() -> None:
    assert fate_told(ORCHARD, "Silas Crane", ["Tom Hale"], TERMS, after="the harvest fair") == (
        1,
        "Crane, who had robbed six farms, is sent to the county gaol.",
    )
    assert fate_told(ORCHARD, "Tom Hale", [], TERMS, after="the flood") is None  # told nowhere: the ranking answers


def test_after_an_event_a_fate_told_far_after_it_is_left_to_the_ranking() -> None:
    texts = ["Tom Hale drinks from the spring. He lies down and falls asleep. He dreams. He wakes.", "Tom is sent off."]
    assert fate_told(texts, "Tom Hale", [], TERMS, after="he drank from the spring") is None
    assert fate_told(texts, "Tom Hale", [], TERMS, after="he woke") == (1, "Tom is sent off.")


def test_the_people_of_the_bench_plots_are_answered_with_their_fates(tmp_path: Path) -> None:
    library = library_of(
        tmp_path,
        BENCH / "untuned7" / "corpus" / "the-summer-of-small-fires.md",
        BENCH / "untuned7" / "corpus" / "cascade-point.md",
        BENCH / "untuned7" / "corpus" / "the-salt-crown.md",
        BENCH / "untuned8" / "corpus" / "a-winter-in-trieste.md",
        BENCH / "untuned8" / "corpus" / "the-widow-of-copper-creek.md",
    )
    for question, said in [
        ("What happens to Danny after the fire?", "Danny is sent to a juvenile facility in St. Cloud"),
        ("What happens to Curtis Vane?", "tries to launch a lifeboat for himself and is washed overboard"),
        ("What happens to Fiona?", "Fiona escapes across the border on foot through the snow"),
        ("what happens to forsythe in the end", "quietly moved to a desk in Portsmouth"),
        ("What happens to the regent in the end?", "is swept away by the returning sea"),  # Lord Edric Vael
    ]:
        assert_answered_in_both_scopes(library, question, said)
    story = next(number for number, story in enumerate(library.corpus.stories) if story.title.startswith("The Widow"))
    answer = library.ask("what happens to the sheriff", count=1, story=story)  # Sheriff Amos Dill; library-wide, the
    assert answer.best is not None  # sheriff of the story ranked first, which may be The Summer of Small Fires's
    assert "Sheriff Dill resigns and leaves town" in answer.best.excerpt.text


GLASS_HARBOUR = [
    "Detective Inspector Ruth Okafor is called to the fishing town of Porthgwarra. Ruth is partnered with a local"
    " sergeant, Tom Pascoe, who grew up with Kemp.",
    "After the storm, Pascoe is suspended when Ruth finds he lied about where he was on the night of the murder.",
    "Harker escapes to France on a night ferry. Pascoe is reinstated and later moves to Plymouth. Ruth returns to"
    " London.",
]


def test_a_passing_step_of_the_plot_is_no_fate() -> None:
    """Two fates of Pascoe's (suspended, reinstated): the ranking judges; "is partnered with" tells Ruth's none."""
    assert fate_told(GLASS_HARBOUR, "Tom Pascoe", ["Ruth Okafor"], TERMS) is None
    assert fate_told(GLASS_HARBOUR, "Ruth Okafor", ["Tom Pascoe"], TERMS) is None


@pytest.mark.parametrize(
    "told",
    [
        "Mrs. Fenn is accused by the colonel because she had argued with Mould.",
        "Grace is reprimanded by the matron for speaking to the wounded in French.",
        "Grace is devastated by the news.",
        "Grace is moved by their courage.",
        "Grace is searched on arrival.",
        "Grace is questioned and thanked.",
    ],
)
def test_a_feeling_or_a_routine_passive_is_no_fate(told: str) -> None:
    assert fate_told(["Grace Fenn, a nurse, comes to the village.", told], "Grace Fenn", [], TERMS) is None


@pytest.mark.parametrize("verb", ["shot", "sold", "hung", "sent away"])
def test_a_participle_of_an_outcome_in_no_ed_is_a_fate(verb: str) -> None:
    told = f"Sean is {verb} by Liam but survives."
    assert fate_told(["Sean Doyle is a young mechanic.", told], "Sean Doyle", ["Liam"], TERMS) == (1, told)


KEEPER_OF_BEES = [
    "Old Tobias Wren keeps bees on a hill above the village of Ashby. His grandson, Finn Wren, is sent to stay with him"
    " for the summer after Finn is expelled from school for fighting.",
    "At the end of the summer, Tobias dies peacefully in his sleep. Finn inherits the hives.",
]


def test_a_word_of_anothers_name_does_not_bring_them_in() -> None:
    """ "Wren" of "Old Tobias Wren" (found as "Tobias") is not Finn: the sentence bringing Finn in tells no fate."""
    assert fate_told(KEEPER_OF_BEES, "Finn Wren", ["Tobias"], TERMS) is None


def test_the_one_a_relative_is_asked_of_is_not_the_relative() -> None:
    assert owner_asked("Finn's grandfather", "Finn Wren")
    assert not owner_asked("Finn's grandfather", "Tobias")
    assert not owner_asked("Finn", "Finn Wren")


ALDMERE = [
    "King Osric of Aldmere is old and ill. Prince Edwin is the elder, a soldier loved by the army.",
    "When King Osric dies, Edwin is crowned. Varn opens the gates to the army of Thule, and Edwin is killed defending"
    " the capital.",
]


def test_after_an_event_neither_its_sentence_nor_its_word_answers() -> None:
    assert fate_told(ALDMERE, "Prince Edwin", ["King Osric"], TERMS, after="he is crowned") == (
        1,
        "Varn opens the gates to the army of Thule, and Edwin is killed defending the capital.",
    )


def test_asked_who_holds_a_role_at_the_end_the_last_passage_answers(tmp_path: Path) -> None:
    """The role rule brings the captain in, and the story's end, which tells who holds the role then, comes first."""
    (tmp_path / "the-osprey.md").write_text(
        "# The Osprey\n\nCaptain Hal Brody commands the whaling ship Osprey out of New Bedford in 1851. His first"
        " mate, Lena Ortiz, disguised as a man named Leon, is the best harpooner aboard.\n\nOff the coast of Chile the"
        " Osprey is caught in a storm and loses two boats. Brody drinks and blames the crew.\n\nIn the end Brody gives"
        " up the sea and retires to Nantucket, and Lena becomes captain of the Osprey.\n"
    )
    library = StoryLibrary.load(tmp_path)
    for question in ("Who is the captain at the end?", "Who is the captain in the end?"):
        assert_answered_in_both_scopes(library, question, "Lena becomes captain of the Osprey")


COOKS_APPRENTICE = [
    "In medieval York, a foundling named Wat is taken in by the cook of the archbishop's kitchen, a fat and kindly man"
    " called Master Gilbert. Wat is put to work turning the spits. Gilbert's daughter, Agnes, teaches him to read.",
    "When the archbishop's steward, Roger Malet, is poisoned at a feast, Gilbert is blamed and thrown into the castle"
    " dungeon. Wat sets out to prove his master innocent. He is chased by the steward's men and hides in the minster.",
    "Wat discovers that the steward's own nephew, Hugh, poisoned him to inherit his lands. Hugh is seized by the"
    " archbishop's guards. Gilbert is freed.",
    "Hugh is hanged at Tyburn. Wat is made under-cook, and in the end he marries Agnes.",
]
SMUGGLERS_COVE = [
    "In 1780 in Cornwall, a fisherman's son, Jack Penrose, discovers that the squire, Sir Roland Treve, runs a"
    " smuggling ring from the caves below the cliffs. Jack's sister, Mary Penrose, works as a maid at the manor.",
    "Mary is put in charge of the squire's household when the housekeeper, Mrs. Poldark, falls ill. Jack is taken on"
    " as a lookout by the smugglers.",
    "Jack tells the revenue officer, Lieutenant Hugh Carne, about the next landing. Sir Roland is arrested on the"
    " beach. Mary is dismissed and goes home to her mother.",
    "Jack becomes a revenue officer himself. Mary opens a school in the village.",
]
LAST_SHIFT = [
    "At a coal mine in West Virginia, the foreman, Walt Dobbs, ignores warnings about gas. The young miner Eli Turner"
    " is in love with Walt's daughter, June Dobbs.",
    "Eli is promoted to shift leader after he saves two men from a cave-in. Walt is injured in a second collapse and"
    " loses the use of his legs.",
    "Eli leads the strike. Eli and June leave for Pittsburgh, and Walt goes with them.",
]


@pytest.mark.parametrize(
    ("texts", "name", "others"),
    [
        (COOKS_APPRENTICE, "Wat", ["Master Gilbert", "Agnes", "Hugh"]),  # "is put to work", then "is made under-cook"
        (SMUGGLERS_COVE, "Jack Penrose", ["Mary Penrose", "Sir Roland Treve"]),  # "is taken on as", then "becomes"
        (SMUGGLERS_COVE, "Mary Penrose", ["Jack Penrose", "Sir Roland Treve"]),  # "is dismissed", then "opens a school"
        (LAST_SHIFT, "Eli Turner", ["Walt Dobbs", "June Dobbs"]),  # "is promoted", then "Eli and June leave"
        (COOKS_APPRENTICE, "Master Gilbert", ["Wat", "Agnes", "Hugh"]),  # "is blamed and thrown", then "is freed"
    ],
)
def test_a_fate_with_a_further_step_of_their_life_is_left_to_the_ranking(
    texts: list[str], name: str, others: list[str]
) -> None:
    """A step told besides the one fate read (becomes, is made, marries, a subject shared, a second passive, any
    clause of theirs after it) tells their story goes on: the ranking judges, as it does without the rule."""
    assert fate_told(texts, name, others, TERMS) is None


@pytest.mark.parametrize(
    "told",
    [
        "Grace is taken aback by the question.",
        "Grace is taken ill in the spring.",
        "Grace is moved to tears by the letter.",
        "Grace is put in charge of the ward.",
        "Grace is sent to fetch water from the well.",
        "Grace is hurt by his words.",
        "Grace is sent for.",
        "Grace leaves Tom two weeks before their wedding.",
        "Grace leaves the room in silence.",
    ],
)
def test_an_idiom_of_a_light_verb_or_leaving_someone_is_no_fate(told: str) -> None:
    texts = ["Grace Fenn, a nurse, comes to the village.", told]
    assert fate_told(texts, "Grace Fenn", ["Tom Hale"], TERMS) is None


HARVEST_TRIAL = [
    "In the farming village of Thornbury in 1890, a young labourer, Tom Marsh, is in love with the miller's daughter,"
    " Lucy Kell.",
    "When the barn of Gerald Vance burns down, Tom is arrested for the fire. Lucy does not believe he is guilty.",
    "After the trial, Tom is released when Sam finds the lamp that started the fire.",
]
WIDOWS_SON = [
    "Martha Fenn is a widow who runs a boarding house in Hull. Her son, Jem Fenn, is twelve and works as a boot boy.",
    "The whaler is trapped in the ice for the winter. Jem is rescued by an Inuit hunter, Aput, after he falls through"
    " the ice.",
    "Jem returns to Hull the next summer. The real thief is caught, and Jem is cleared.",
]


def test_after_an_event_a_fate_told_in_its_own_sentence_after_its_words_answers() -> None:
    """After the event's words, or before "after" and them; not before them ("Edwin is crowned" is the event)."""
    assert fate_told(HARVEST_TRIAL, "Tom Marsh", ["Lucy Kell"], TERMS, after="the barn burns down") == (
        1,
        "When the barn of Gerald Vance burns down, Tom is arrested for the fire.",
    )
    assert fate_told(WIDOWS_SON, "Jem Fenn", ["Martha Fenn"], TERMS, after="he falls through the ice") == (
        1,
        "Jem is rescued by an Inuit hunter, Aput, after he falls through the ice.",
    )
    before = ["Tom Marsh is a labourer.", "Tom is arrested before the barn burns down. Tom is released."]
    assert fate_told(before, "Tom Marsh", [], TERMS, after="the barn burns down") == (1, "Tom is released.")


def test_the_fates_a_story_tells_with_a_further_step_are_answered_as_the_ranking_does(tmp_path: Path) -> None:
    """Main's right answers of the re-review's stories, which a passing step read as the one fate took."""
    for title, texts in [
        ("The Cook's Apprentice", COOKS_APPRENTICE),
        ("The Smugglers' Cove", SMUGGLERS_COVE),
        ("The Last Shift", LAST_SHIFT),
        ("The Harvest Trial", HARVEST_TRIAL),
        ("The Widow's Son", WIDOWS_SON),
    ]:
        name = title.lower().replace("'", "").replace(" ", "-")
        (tmp_path / f"{name}.md").write_text(f"# {title}\n\n" + "\n\n".join(texts) + "\n")
    library = StoryLibrary.load(tmp_path)
    for question, said in [
        ("What happens to Wat?", "Wat is made under-cook, and in the end he marries Agnes"),
        ("What happens to Jack?", "Jack becomes a revenue officer himself"),
        ("What happens to Mary?", "Mary opens a school in the village"),
        ("What happens to Eli?", "Eli and June leave for Pittsburgh"),
        ("What happens to Tom after the barn burns down?", "Tom is arrested for the fire"),
        ("What happens to Jem after he falls through the ice?", "Jem is rescued by an Inuit hunter"),
    ]:
        assert_answered_in_both_scopes(library, question, said)
