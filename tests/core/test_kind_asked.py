"""Where a story names the kind of thing a question asks of a person, for "What instrument does Sophie play?"."""

from pathlib import Path

from bot.core.kind_asked import HAVING_VERBS, KindAsked, kind_asked, kind_told, kinds_of
from bot.core.library import StoryLibrary

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
PLAY = frozenset({"play"})
SOPHIE = [
    "Sophie Korolev was a talented young musician who had always been drawn to the classical piano. Growing up in a "
    "small town in Eastern Europe, she spent countless hours practicing.",
    "Sophie's big break came when she was invited to perform at the prestigious Carnegie Hall in New York City.",
]


def test_a_question_asking_a_kind_of_a_thing_of_someone_is_read_with_the_name_and_verb_after_its_verb():
    assert kind_asked("What instrument does Sophie play?") == KindAsked("instrument", "sophie", frozenset({"play"}))
    assert kind_asked("what kind of animal is pebble") == KindAsked("animal", "pebble")
    assert kind_asked("Which weapons did Ned Kelly use?") == KindAsked("weapon", "ned kelly", frozenset({"use"}))
    assert kind_asked("What instrument does Daniel play in the square?") == KindAsked(
        "instrument", "daniel", frozenset({"play"})
    )
    assert kind_asked("What did Sophie play?") is None  # no noun asked a kind of


def test_a_kind_asked_after_a_possessive_is_read_with_the_name_before_it():
    assert kind_asked("What is Sophie's instrument?") == KindAsked("instrument", "sophie", HAVING_VERBS)
    assert kind_asked("whats sophies instrument") == KindAsked("instrument", "sophies", HAVING_VERBS)  # as typed
    assert kind_asked("what was Achilles' weapon") == KindAsked("weapon", "achilles", HAVING_VERBS)
    assert kind_asked("what is the instrument") is None  # no one's
    assert kind_asked("what is a piano") is None


def test_only_a_noun_for_a_physical_thing_of_not_too_many_kinds_is_asked_a_kind_of():
    assert {"piano", "trumpet", "fiddle", "violin"} <= kinds_of("instrument")  # musical, a sense SemCor never tagged
    assert "crab" in kinds_of("animal")
    assert kinds_of("colour") == kinds_of("color") == frozenset()  # an attribute: "what colour did Mara want"
    assert kinds_of("job") == frozenset()  # an activity, whose kinds a story writes in "-ing": "her sewing box"
    assert kinds_of("musician") == frozenset()  # a kind of person: the job rules read those
    assert kinds_of("object") == frozenset()  # thousands of kinds: no kind in particular
    assert kind_asked("what colour did Tobias want") is None
    assert kind_asked("What job does Theo have as an adult?") is None


def test_the_first_sentence_naming_the_person_and_a_kind_of_what_is_asked_answers():
    assert kind_told(SOPHIE, "Sophie Korolev", kinds_of("instrument"), verbs=PLAY) == (
        0,
        "Sophie Korolev was a talented young musician who had always been drawn to the classical piano.",
    )
    story = [
        "Lagasse owns the Gilded Cage.",
        "Ferrand's son, Lucien, a trumpet player who has just returned from Chicago, urges his father to sell.",
    ]
    assert kind_told(story, "Lucien", kinds_of("instrument"), verbs=PLAY) == (1, story[1])
    assert kind_told(SOPHIE, "Sophie Korolev", kinds_of("animal"), verbs=PLAY) is None


def test_the_story_s_title_in_a_sentence_names_neither_the_person_nor_a_kind():
    story = [
        "Pebble and the Tide Crabs is a 2016 computer-animated children's film.",
        "The hero is Pebble, a small hermit crab who is too shy to leave the old thimble she uses as a shell.",
    ]
    assert kind_told(story, "Pebble", kinds_of("animal"), title="Pebble and the Tide Crabs") == (1, story[1])
    assert kind_told(story, "Pebble", kinds_of("animal")) == (1, story[1])  # "Crabs" mid-sentence is a name's
    story = ["Pebble was a hermit crab."]
    assert kind_told(story, "Pebble", kinds_of("animal"), title="Pebble") == (0, story[0])  # the title is her name


def test_a_first_name_another_person_of_the_story_has_too_is_not_read_alone():
    story = ["Ted Jones and Ted Smith met.", "Ted bought a trumpet.", "Ted Smith played the piano."]
    assert kind_told(story, "Ted Smith", kinds_of("instrument"), others=["Ted Jones"], verbs=PLAY) == (2, story[2])


def library_of(tmp_path: Path, *stories: Path) -> StoryLibrary:
    for story in stories:
        (tmp_path / story.name).write_bytes(story.read_bytes())
    return StoryLibrary.load(tmp_path)


def test_a_kind_asked_of_someone_is_answered_where_their_story_names_them_with_one(tmp_path):
    # Every passage of Sophie's story holds "sophie" and no other word of the question: the ranking put the
    # violinist's "Instrumental Album" first, and Sophie's piano passage was no candidate at all.
    library = library_of(
        tmp_path,
        *sorted((ROOT / "corpus").glob("*.md")),
        BENCH / "untuned7" / "corpus" / "lanterns-on-canal-street.md",
        BENCH / "untuned6" / "corpus" / "pebble-and-the-tide-crabs.md",
        BENCH / "untuned3" / "corpus" / "the-orchard-house.md",
    )
    for question, said in (
        ("what instrument does sophie play", "always been drawn to the classical piano"),
        ("whats sophies instrument", "always been drawn to the classical piano"),
        ("What instrument does Lucien play?", "Lucien, a trumpet player who has just returned from Chicago"),
        ("what kind of animal is pebble", "The hero is Pebble, a small hermit crab"),
        ("What instrument does Peter play?", "Peter playing the fiddle"),
    ):
        answer = library.ask(question, count=1)
        assert answer.best is not None and said in answer.best.excerpt.text, question
        story = next(number for number, story in enumerate(library.corpus.stories) if story.path == answer.best.path)
        scoped = library.ask(question, count=1, story=story)
        assert scoped.best is not None and said in scoped.best.excerpt.text, question


def test_a_kind_asked_after_someone_else_s_possessive_is_asked_of_no_one_before_it(tmp_path):
    # "the devil's place" is no place of Murmur's: the words before a possessive are the name whole, or no one.
    (tmp_path / "murmur.md").write_text(
        "# The Strong Boy\n\nMurmur Goose-Egg was a strong boy who slept at the crossroad by the mill.\n\n"
        "The king sent Murmur to fetch the tribute from the devil, whose place was deep under the hill.\n",
        encoding="utf-8",
    )
    library = StoryLibrary.load(tmp_path)
    answer = library.ask("What was Murmur sent to do at the devil's place?", count=1)
    assert answer.best is not None and "fetch the tribute" in answer.best.excerpt.text


# The reviewer's stories of stop 71, each a question main's ranking answers right and a kind read wrongly lost.
CELLIST = (
    "# The Cellist of Harrow Lane\n\nClara Voss is a police inspector in a grey harbour city. Clara watches the docks "
    "each night from her office window, waiting for the smugglers to move.\n\nHer partner, Felix Brandt, is a gambler "
    "who owes money to the smugglers. Felix warns Clara that the harbour master is not what he seems.\n\nClara checks "
    "her compass and her revolver before she boards the smugglers' ship alone.\n\nAfter the case is closed, Clara "
    "plays the cello in a small quartet, the only place she feels at peace.\n\nClara owns a grey cat called Smoke. "
    "Clara could not bear to leave Smoke behind when she moved to Lisbon.\n"
)
LISBON = (
    "# A Winter in Lisbon\n\nMara Lind is a translator who lives in Boston with her friend Florence Hart. Mara flew to "
    "Lisbon to find her missing brother.\n\nIn Lisbon, Mara meets Georgia Weller, an American journalist who knows the "
    "city. Mara invites Georgia to dinner and tells her everything.\n\nMara moves into a flat above a bakery in the "
    "Alfama. Mara buys a small grey parrot from a street seller and names it Captain.\n\nMara finally finds her "
    "brother working in a hospital in Porto, and they drive home together in an old jeep.\n"
)
CONSERVATORY = (
    "# The Conservatory\n\nSophie Adler is a girl of twelve who wants more than anything to play music. Sophie's "
    "mother, Irene Adler, is a famous pianist, and plays the piano every night at the Grand Hotel.\n\nSophie's "
    "teacher, Mr. Halloran, gives her an old violin. Sophie practises the violin every morning before school.\n\n"
    "Sophie wins a place at the conservatory and plays the violin at the final concert.\n"
)
IVAN = (
    "# Ivan and the Grey Wolf\n\nOnce upon a time there was a young prince called Ivan, the youngest son of King "
    "Vyslav. Every morning Ivan rode his horse through the royal orchard.\n\nOne night a firebird stole the golden "
    "apples, and King Vyslav sent Ivan to find it. In the forest Ivan met a grey wolf, who ate his horse but promised "
    "to serve him.\n\nIvan took a sword from the wicked king's armoury, but the guards caught him. As a punishment the "
    "sorceress turned Ivan into a frog.\n\nIvan was stronger than a bear, and he carried the firebird home on his "
    "back. Ivan married Princess Elena in the palace, and they lived happily.\n"
)
NORA = (
    "# Nora's Summer\n\nNora Quint is twelve years old and lives with her aunt above a bakery. She has played the "
    "cello since she was five, and she practises every morning before school.\n\nNora's cello was a gift from her "
    "grandmother, who played in an orchestra in Prague.\n\nThat summer Nora hears Felix Brandt, the baker's son, play "
    "the trumpet in the square, and she falls a little in love.\n\nNora and Felix perform together at the harvest "
    "fair, where Nora's aunt sells bread.\n"
)
REX = (
    "# A Dog Called Rex\n\nTom Archer lives on a farm in Yorkshire with his dog, Rex. Rex is a German shepherd who was "
    "trained by the police.\n\nOne winter night Rex barks at the puppy the neighbours have bought, and Tom has to "
    "apologise.\n\nWhen thieves come for the sheep, Rex chases them across the moor and saves the flock.\n"
)
GARDEN = (
    "# The Garden at Millbrook\n\nHarriet Cole works long shifts at the paper mill in Millbrook to support her "
    "children.\n\nOn Sundays Harriet plants roses and sunflowers in the small garden behind her cottage.\n\nHarriet's "
    "neighbour, Walter Pike, is a retired sailor who teaches her about herbs.\n"
)
BRIDGE = (
    "# The Bridge at Vellen\n\nAnton Richter wakes before dawn and stands in front of the mirror, practising the "
    "speech he will give to his men.\n\nWhen the war reaches Vellen, Anton secretly sides with the rebels and hides "
    "their leader, Marta Kohl, in his cellar.\n\nAnton's courage has a lasting effect on Marta, who later becomes "
    "the town's mayor. Anton reacts to the news of the armistice with quiet tears.\n"
)


def library_of_texts(tmp_path: Path, **stories: str) -> StoryLibrary:
    for name, text in stories.items():
        (tmp_path / f"{name}.md").write_text(text, encoding="utf-8")
    return StoryLibrary.load(tmp_path)


def assert_answers(library: StoryLibrary, question: str, said: str) -> None:
    answer = library.ask(question, count=1)
    assert answer.best is not None and said in answer.best.excerpt.text, (question, answer.best)


def test_a_word_mostly_a_verb_is_no_kind(tmp_path):
    # "watch" is an instrument and "fly" an animal in WordNet, but SemCor tags them as verbs ten times as often.
    assert "watch" not in kinds_of("instrument") and "fly" not in kinds_of("animal")
    assert {"trumpet", "parrot"} <= kinds_of("instrument") | kinds_of("animal")  # tagged once as each
    library = library_of_texts(tmp_path, cellist=CELLIST, lisbon=LISBON)
    assert_answers(library, "what instrument does clara play", "Clara plays the cello")  # not "Clara watches"
    assert_answers(library, "what animal did Mara buy", "Mara buys a small grey parrot")  # not "Mara flew"


def test_a_question_asking_a_kind_with_a_verb_of_no_having_is_left_to_the_ranking(tmp_path):
    assert kind_asked("what animal did Ivan turn into") is None
    assert kind_asked("what type of boat does Pip sneak off in") is None
    library = library_of_texts(tmp_path, ivan=IVAN)
    assert_answers(library, "what animal did Ivan turn into", "turned Ivan into a frog")  # not "Ivan rode his horse"
    assert_answers(library, "what animal did Ivan meet in the forest", "Ivan met a grey wolf")
    assert_answers(library, "What animal was Ivan stronger than?", "stronger than a bear")


def test_a_kind_nearer_another_person_is_theirs_and_a_possessive_names_its_owner(tmp_path):
    library = library_of_texts(tmp_path, nora=NORA, rex=REX)
    assert_answers(library, "what instrument does Nora play", "Nora's cello")  # not Felix Brandt's trumpet
    assert_answers(library, "what kind of animal is Rex", "his dog, Rex")  # not "Rex barks at the puppy"
    story = ["Nora hears Felix Brandt play the trumpet.", "Nora's violin was a gift."]
    assert kind_told(story, "Nora Quint", kinds_of("instrument"), others=["Felix Brandt"], verbs=PLAY) == (1, story[1])
    story = ["Graham storms off, and Tess's cat, Bishop, escapes from her bag."]  # asked "what kind of animal is Tess"
    assert kind_told(story, "Tess Quigley", kinds_of("animal"), others=["Bishop"]) is None


def test_a_relative_s_or_neighbour_s_thing_is_theirs_not_the_person_s(tmp_path):
    # The second review's story: "Sophie's mother plays the piano" was read as Sophie playing it.
    library = library_of_texts(
        tmp_path,
        lane=(
            "# Sophie and Jack\n\nSophie Lane is a shy girl who lives in Vienna.\n\nSophie's mother plays the piano "
            "every night after dinner.\n\nSophie plays the violin in the school orchestra.\n\nJack Moore is a farm "
            "boy.\n\nJack's father rides a grey horse to market, and Jack's uncle owns a mule.\n\nJack rides a pony "
            "named Pip to school."
        ),
    )
    assert_answers(library, "what instrument does Sophie play", "Sophie plays the violin")
    assert_answers(library, "whats sophies instrument", "Sophie plays the violin")
    assert_answers(library, "what animal does Jack ride", "Jack rides a pony")


def test_a_relative_after_a_word_more_is_theirs_too():
    story = ["Sophie Lane's older sister plays the piano.", "Sophie Lane plays the violin."]
    assert kind_told(story, "Sophie Lane", kinds_of("instrument"), verbs=frozenset({"play"})) == (1, story[1])


def test_a_possessive_or_and_after_the_name_asks_of_someone_else(tmp_path):
    assert kind_asked("what instrument does Sophie's mother play") is None
    assert kind_asked("what instrument do Sophie and Irene play") is None
    library = library_of_texts(tmp_path, conservatory=CONSERVATORY)
    assert_answers(library, "what instrument does Sophie's mother play", "Irene Adler, is a famous pianist")


def test_a_noun_of_a_process_a_place_or_two_senses_is_asked_no_kind_of(tmp_path):
    for noun in ("effect", "reaction", "side", "direction", "city", "plant", "bank", "bar"):
        assert kinds_of(noun) == frozenset(), noun
    library = library_of_texts(tmp_path, garden=GARDEN, bridge=BRIDGE)
    assert_answers(library, "what plant does Harriet grow", "plants roses and sunflowers")  # not "the paper mill"
    assert_answers(library, "what effect does Anton have on Marta", "a lasting effect on Marta")


def test_a_capitalised_word_mid_sentence_is_a_name_not_a_kind():
    story = ["Ned Kelly rode to town with Lance.", "Ned Kelly carried a rifle."]
    assert kind_told(story, "Ned Kelly", kinds_of("weapon"), verbs=frozenset({"carry"})) == (1, story[1])


def test_a_kind_before_another_noun_is_no_thing_of_theirs_but_for_its_doer():
    story = ["Kino Perez is a poor pearl diver.", "Kino is glad."]
    assert kind_told(story, "Kino Perez", kinds_of("jewel")) is None
    story = ["Lucien is a trumpet player."]
    assert kind_told(story, "Lucien", kinds_of("instrument"), verbs=PLAY) == (0, story[0])


def test_a_title_is_read_out_of_a_sentence_as_written_and_whole():
    story = ["Joanna plays the violin."]
    assert kind_told(story, "Joanna", kinds_of("instrument"), title="The Violin", verbs=PLAY) == (0, story[0])
    assert kind_told(story, "Joanna", kinds_of("instrument"), title="Anna", verbs=PLAY) == (0, story[0])
