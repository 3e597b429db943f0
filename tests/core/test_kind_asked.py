"""Where a story names the kind of thing a question asks of a person, for "What instrument does Sophie play?"."""

from pathlib import Path

from bot.core.kind_asked import KindAsked, kind_asked, kind_told, kinds_of
from bot.core.library import StoryLibrary

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
SOPHIE = [
    "Sophie Korolev was a talented young musician who had always been drawn to the classical piano. Growing up in a "
    "small town in Eastern Europe, she spent countless hours practicing.",
    "Sophie's big break came when she was invited to perform at the prestigious Carnegie Hall in New York City.",
]


def test_a_question_asking_a_kind_of_a_thing_of_someone_is_read_with_what_follows_its_verb():
    assert kind_asked("What instrument does Sophie play?") == KindAsked("instrument", "sophie play")
    assert kind_asked("what kind of animal is pebble") == KindAsked("animal", "pebble")
    assert kind_asked("Which weapons did Ned Kelly use?") == KindAsked("weapon", "ned kelly use")
    assert kind_asked("what type of boat does Pip sneak off in ?!") == KindAsked("boat", "pip sneak off in")
    assert kind_asked("What did Sophie play?") is None  # no noun asked a kind of


def test_a_kind_asked_after_a_possessive_is_read_with_the_name_before_it():
    assert kind_asked("What is Sophie's instrument?") == KindAsked("instrument", "sophie", name_alone=True)
    assert kind_asked("whats sophies instrument") == KindAsked("instrument", "sophies", name_alone=True)  # as typed
    assert kind_asked("what was Achilles' weapon") == KindAsked("weapon", "achilles", name_alone=True)
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
    assert kind_told(SOPHIE, "Sophie Korolev", kinds_of("instrument")) == (
        0,
        "Sophie Korolev was a talented young musician who had always been drawn to the classical piano.",
    )
    story = [
        "Lagasse owns the Gilded Cage.",
        "Ferrand's son, Lucien, a trumpet player who has just returned from Chicago, urges his father to sell.",
    ]
    assert kind_told(story, "Lucien", kinds_of("instrument")) == (1, story[1])
    assert kind_told(SOPHIE, "Sophie Korolev", kinds_of("animal")) is None


def test_the_story_s_title_in_a_sentence_names_neither_the_person_nor_a_kind():
    story = [
        "Pebble and the Tide Crabs is a 2016 computer-animated children's film.",
        "The hero is Pebble, a small hermit crab who is too shy to leave the old thimble she uses as a shell.",
    ]
    assert kind_told(story, "Pebble", kinds_of("animal"), title="Pebble and the Tide Crabs") == (1, story[1])
    assert kind_told(story, "Pebble", kinds_of("animal")) == (0, story[0])  # as the title's "Crabs" was read
    story = ["Pebble was a hermit crab."]
    assert kind_told(story, "Pebble", kinds_of("animal"), title="Pebble") == (0, story[0])  # the title is her name


def test_a_first_name_another_person_of_the_story_has_too_is_not_read_alone():
    story = ["Ted Jones and Ted Smith met.", "Ted bought a trumpet.", "Ted Smith played the piano."]
    assert kind_told(story, "Ted Smith", kinds_of("instrument"), others=["Ted Jones"]) == (2, story[2])


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


def test_a_word_mostly_a_verb_is_no_kind():
    # "watch" is an instrument and "fly" an animal in WordNet, but SemCor tags them as verbs ten times as often:
    # "Clara watches the docks", "Mara flew to Lisbon".
    assert "watch" not in kinds_of("instrument") and "fly" not in kinds_of("animal")
    assert {"trumpet", "parrot"} <= kinds_of("instrument") | kinds_of("animal")  # tagged once as each


def test_a_noun_of_a_process_a_place_or_two_senses_is_asked_no_kind_of():
    for noun in ("effect", "reaction", "side", "direction", "city", "plant", "bank", "bar"):
        assert kinds_of(noun) == frozenset(), noun
