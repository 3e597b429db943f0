"""Where a story says what a named place or thing is, for "What is Brackenholm Hall?" and "Where is the Wren Hotel?"."""

import sys
import threading
from pathlib import Path

import bot.core.library as library_module
from bot.core.place_asked import PlaceAsked, place_asked, place_told
from tests.core.library_files import assert_answered_in_both_scopes, library_of

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
BRACKENHOLM = (
    "Desperate for money and facing eviction by his landlady, a former bodybuilder named Mrs Kowalczyk, Neville "
    'answers an online advertisement for a "retreat facilitator" at Brackenholm Hall, a crumbling country house that '
    "has been turned into a silent meditation centre."
)
WREN = (
    "Detective Chief Inspector Alistair Moncrieff of the Edinburgh CID is called to the Wren Hotel, a faded Victorian "
    "establishment on the seafront at Portobello, on the morning of 14 March 1961."
)


def told(question: str, texts: list[str], title: str = "A Story", people: tuple[str, ...] = ()) -> object:
    """What place_told finds for the question's name in `texts`."""
    asked = place_asked(question)
    assert asked is not None, question
    return place_told(texts, asked.name, title, asked.where, people)


def test_what_or_where_a_name_is_is_read_with_the_name_the_whole_rest_of_the_question():
    assert place_asked("What is Brackenholm Hall?") == PlaceAsked(("brackenholm", "hall"), where=False)
    assert place_asked("where is hollin end") == PlaceAsked(("hollin", "end"), where=True)
    assert place_asked("what is the Hollow") == PlaceAsked(("hollow",), where=False)
    assert place_asked("Where's the Wren Hotel located?") == PlaceAsked(("wren", "hotel"), where=True)
    assert place_asked("whats Saint Finian's") == PlaceAsked(("saint", "finian"), where=False)
    assert place_asked("wheres mercy wells") == PlaceAsked(("mercy", "wells"), where=True)
    assert place_asked("What was Vaux-sur-Lys?") == PlaceAsked(("vaux", "sur", "lys"), where=False)
    for question in (
        "Who is Brackenholm Hall?",
        "What is it, then?",
        "what is the legend of the old copper bell tower",  # more than a name's words
        "What is May?",  # a month
        "Where is",
        "What is the\nHollow",
    ):
        assert place_asked(question) is None, question


def test_the_first_sentence_naming_a_place_and_saying_what_it_is_answers():
    later = "In the final scene, Brackenholm Hall has reopened as a loud retreat."
    assert told("What is Brackenholm Hall?", [BRACKENHOLM, later]) == ((0, BRACKENHOLM),)
    assert told("What is Brackenholm Hall?", [later, BRACKENHOLM]) == ((1, BRACKENHOLM),)
    mercy = [
        "The Last Ride to Mercy Wells is a 1962 American western film set in the New Mexico Territory in 1881.",
        "Vandergraff claims that Tomasa fled south toward Mercy Wells, a waystation on the edge of the desert that is "
        "the last water before the Mexican border.",
    ]  # the title written in a sentence names the film, not the place
    assert told("what is mercy wells", mercy, "The Last Ride to Mercy Wells") == ((1, mercy[1]),)
    hollow = (
        'Walter Pym tells Nora that the house has been empty for thirty years because "the Hollow wants a child", '
        "referring to a sunken field behind the barn where nothing grows."
    )
    assert told("what is the Hollow", ["Callum walks to the Hollow.", hollow]) == ((1, hollow),)
    argent = "Daniel Marsh tells her that Argent is a consortium building a new pipeline through the region."
    dying = 'Before he dies, the man presses a memory card into her hand and whispers the word "Argent."'
    assert told("what is argent", [dying, argent]) == ((1, argent),)
    for sentence in (
        "Eleanor takes a position at Hollin End, once a coaching inn on the moors.",
        "Eleanor goes to Hollin End, which was once a coaching inn.",
        "Eleanor reaches a house called Hollin End.",
        "Eleanor finds a farm known as Hollin End.",
        "Eleanor walks across a sunken field the villagers call Hollin End.",
        "Eleanor goes to the fishing village of Hollin End.",
        "Eleanor boards the survey ship Hollin End.",
        "Eleanor leaves her farm, the Hollin End, to her son.",
        "Eleanor rides into Hollin's End, a narrow canyon where the gang waits.",
    ):
        assert told("what is hollin end", [sentence]) == ((0, sentence),), sentence


def test_where_a_place_is_is_answered_by_the_first_sentence_placing_it():
    assert told("Where is the Wren Hotel?", ["Moncrieff walks into the Wren Hotel.", WREN]) == ((1, WREN),)
    assert told("Where is Brackenholm Hall?", [BRACKENHOLM]) == (None,)  # what it is, but nowhere
    for sentence in (
        "Eleanor takes a position at Hollin End, an isolated stone house on the Yorkshire moors.",
        "Eleanor takes a position at Hollin End, on the Yorkshire moors.",
        "Eleanor takes a position at Hollin End in rural Herefordshire.",
        "Hollin End lies on a hill above the village.",
    ):
        assert told("where is hollin end", [sentence]) == ((0, sentence),), sentence
    for sentence in (
        "Eleanor arrives at Hollin End in November.",
        "Eleanor leaves Hollin End on Christmas Eve.",
        "Eleanor stays at Hollin End with Kitty.",
        "Eleanor stays at the Hollin End, on a fishing holiday.",
        "Eleanor wins Hollin End in a Contest.",
        "Eleanor reaches Hollin End near Kitty's cottage.",
        "The party at Hollin End is held on the Fourth of July.",
    ):
        assert told("where is hollin end", [sentence], people=("Kitty Marsh",)) == (None,), sentence


def test_a_word_the_story_writes_in_lowercase_or_capitalised_only_opening_a_sentence_is_no_name():
    valley = [
        "Lila was taken from her and left in the hollow overnight as a test.",
        "The Hollow is a sunken field.",
    ]
    assert told("what is the hollow", valley) is None
    assert told("what is the hollow", ["Hollow is a sunken field.", "Hollow ground floods."]) is None
    named = ["The Hollow is a sunken field.", "Callum sleepwalks to the Hollow."]
    assert told("what is the hollow", named) == ((0, named[0]),)
    letter = ["Dear Callum,\nEveryone in Glasgow is talking of your rescue."]
    assert told("where is everyone", letter) is None


def test_a_name_within_a_longer_name_or_the_story_s_title_is_no_mention_of_it():
    assert told("what is skye", ["They sail to the Isle of Skye, a large island."]) is None
    assert told("what is thistle", ["The Anchor and Thistle, a pub on the harbour, is shut."]) is None
    assert told("what is canal", ["The office is on the Via del Canal, a street of warehouses."]) is None
    assert told("what is dr", ["They inherited the house from their aunt, Dr. Ingeborg Lindqvist."]) is None
    assert told("what is end house", ["Eleanor reaches Hollin End House, a ruin."]) is None
    title = ["The Salt Crown is a 2011 fantasy novel."]
    assert told("what is the salt crown", title, "The Salt Crown") is None


def test_no_apposition_closes_an_opening_phrase_a_time_a_list_or_a_place_the_name_is_part_of():
    for sentence in (
        "At Mercy Wells, a gunfight breaks out.",
        "When the two brothers reach Mercy Wells, a storm breaks.",
        "They reach Mercy Wells, a day late.",
        "They leave Mercy Wells, the next morning.",
        "They ride through Abilene, Mercy Wells, the desert and the hills.",
        "He visits the bank, the Mercy Wells, and the church.",
        "He reaches the farm, the Mercy Wells is empty.",
        "The owner of Mercy Wells is a thief.",
        "Neville called Mercy Wells to book a room.",
        "He had an excuse to place Mercy Wells under guard.",
        "Tom's ship's Mercy Wells is a wreck.",
    ):
        assert told("what is mercy wells", [sentence, "They reach Mercy Wells."]) == (None,), sentence
    born = "Amélie Dubois-Carter was born on 14 March 1921 in Lyon, France, the second of four children."
    assert told("what is france", [born, "She leaves France."]) == (None,)
    lookout = (
        "In her spare time Nell explores the school grounds and finds the Lookout, a disused coastguard hut at the "
        "edge of the cliff."
    )  # an opening phrase ends before the name: the apposition is its own
    assert told("what is the lookout", [lookout]) == ((0, lookout),)


def test_an_apposition_telling_of_the_sentence_or_reading_as_a_clause_of_its_own_tells_nothing_of_the_name():
    for question, sentence in (
        (
            "what is halvard holdings",
            "The harbour master has sold the old pier to Halvard Holdings, a move that enrages the fishermen.",
        ),
        ("what is fernley mill", "Her brother Tom buys Fernley Mill, a decision Harriet calls madness."),
        ("what is the dane valley prize", "He enters it for the Dane Valley Prize, an award he has wanted for years."),
        ("what is the grey brotherhood", "Queen Isolde outlaws the Grey Brotherhood, an act that starts a civil war."),
        (
            "what is the drowned archive",
            "Priya passes the long nights reading aloud from The Drowned Archive, a habit that keeps her sane.",
        ),
        ("what is penhallow", "Meanwhile in Penhallow, a storm cuts the power for two days."),
        (
            "what is the midsummer fair",
            "On the last night of the Midsummer Fair, a fire breaks out in the royal granary.",
        ),
        ("what is the regatta", "Three days after the Regatta, a body washes up on the shingle below the lighthouse."),
        ("what is the harvest ball", "The night of the Harvest Ball, a fire destroys the livery stable."),
        ("what is the harcourt medal", "She wins the Harcourt Medal, a feat no woman had achieved in fifty years."),
        ("what is glenarrow", "She runs a ranch outside Glenarrow, a trip of six hours by wagon from the railhead."),
    ):
        name = " ".join(word.capitalize() for word in question.split()[2:] if word != "the")
        assert told(question, [sentence, f"They reach {name}."]) == (None,), sentence
    later = "Halvard Holdings is a property company from Bristol."
    sold = "The harbour master has sold the old pier to Halvard Holdings, a move that enrages the fishermen."
    assert told("what is halvard holdings", [sold, later]) == ((1, later),)


def test_where_a_name_is_is_no_phrase_placing_nothing_nor_a_place_within_what_no_place_is():
    for question, sentence in (
        ("where is the grand", "She takes a room at the Grand, in the middle of the night, after the last bus."),
        ("where is the lamb", "The children escape and hide in the Lamb, in the hope of earning passage to America."),
        ("where is the tally book", "The Tally Book is a record of every cattle sale in the county."),
        ("where is the lamb", "The Lamb, on the other hand, is saved when a critic praises it."),
        ("where is the grand", "The Grand, in the end, is sold to a chain."),
        ("where is the lamb", "The Lamb, at the start, is empty."),
    ):
        assert told(question, [sentence, "They see the Lamb, the Grand and the Tally Book."]) == (None,), sentence
    edge = "Mercy Wells lies on the edge of the desert."
    assert told("where is mercy wells", [edge]) == ((0, edge),)
    end = "Mercy Wells lies at the end of the valley road."
    assert told("where is mercy wells", [end]) == ((0, end),)
    bistro = "Paolo and Gina own the Blue Door, a tiny Italian bistro in Leith."
    assert told("where is the blue door", [bistro, "The Blue Door, on the other hand, is saved."]) == ((0, bistro),)


def test_someone_said_so_or_a_name_holding_a_word_of_a_person_s_is_left_to_the_rules_for_people():
    for sentence in (
        'Honoria traces "R.T." to Rosalind Tenby, a former governess at Penhallow Hall.',
        "The station is run by Rosalind Tenby, a former naval engineer in her sixties.",
        "The hog roast was run by a man everyone called Rosalind Tenby.",
        "A loss to the Mexican boxer Rosalind Tenby in Atlantic City ended his career.",
        "Using an old contact from Vienna, a bookseller named Rosalind Tenby, Ashcombe learns the truth.",
    ):
        assert told("what is rosalind tenby", [sentence]) == (None,), sentence
        assert told("where is rosalind tenby", [sentence]) == (None,), sentence
    plaza = ["A greedy developer is building a shopping centre called Crudge Plaza."]
    assert told("what is crudge plaza", plaza) == ((0, plaza[0]),)
    assert told("what is crudge plaza", plaza, people=("Barnaby Crudge",)) is None


def test_what_or_where_a_named_place_is_is_answered_where_its_story_says_so(tmp_path):
    # Each story names the place again and again after it says what it is: the ranking put a later passage first.
    library = library_of(
        tmp_path,
        *sorted((ROOT / "corpus").glob("*.md")),
        BENCH / "untuned3" / "corpus" / "the-hollow-at-greywater.md",
        BENCH / "untuned6" / "corpus" / "a-very-quiet-weekend.md",
        BENCH / "untuned6" / "corpus" / "the-last-ride-to-mercy-wells.md",
        BENCH / "untuned7" / "corpus" / "death-at-the-wren-hotel.md",
        BENCH / "untuned7" / "corpus" / "the-lodger-at-hollin-end.md",
    )
    for question, said in (
        ("What is Brackenholm Hall?", "a crumbling country house that has been turned into a silent meditation centre"),
        ("what is mercy wells", "the last water before the Mexican border"),
        ("what is the Hollow", "a sunken field behind the barn where nothing grows"),
        ("Where is the Wren Hotel?", "a faded Victorian establishment on the seafront at Portobello"),
        ("where is hollin end", "an isolated stone house on the Yorkshire moors"),
    ):
        assert_answered_in_both_scopes(library, question, said)


def test_a_name_several_stories_write_is_answered_only_asked_of_one(tmp_path):
    inn = "Inspector Bramble stays at the Lamb and Flag, the only inn in {village}, on a fishing holiday."
    for number, village in enumerate(("Upper Slaughter", "Lower Slaughter")):
        (tmp_path / f"story{number}.md").write_text(
            f"# Story {number}\n\n{inn.format(village=village)}\n\nShe leaves the Lamb and Flag at dawn.\n", "utf-8"
        )
    library = library_module.StoryLibrary.load(tmp_path)
    assert library._place_told("What is the Lamb and Flag?", None) is None
    for story in (0, 1):
        passages = library._passages_of(story)
        lead = library._place_told("What is the Lamb and Flag?", passages)
        assert lead is not None and passages is not None and lead.passage == passages.start


def test_a_person_or_a_story_s_title_is_no_place_asked(tmp_path):
    library = library_of(
        tmp_path,
        BENCH / "untuned7" / "corpus" / "the-salt-crown.md",
        BENCH / "untuned7" / "corpus" / "death-at-the-wren-hotel.md",
    )
    assert library._place_told("what is the salt crown", None) is None  # the story, or the circlet it is named for
    assert library._place_told("Where is Wren?", None) is None  # Wren Tallow
    assert library._place_told("Where is the Wren Hotel?", None) is not None


def test_a_name_s_telling_is_read_once_and_a_bounded_number_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(library_module, "PLACES_TOLD_KEPT", 2)
    library = library_of(tmp_path, BENCH / "untuned7" / "corpus" / "the-lodger-at-hollin-end.md")
    for question in ("where is hollin end", "what is hollin end", "what is thirsby"):
        assert library.ask(question, count=1).best is not None, question
    assert list(library._places_told) == [
        (None, PlaceAsked(("hollin", "end"), where=False)),
        (None, PlaceAsked(("thirsby",), where=False)),
    ]  # where Hollin End is, asked first, gone
    answer = library.ask("where is hollin end", count=1)
    assert answer.best is not None and "an isolated stone house on the Yorkshire moors" in answer.best.excerpt.text


def test_a_name_s_telling_kept_is_looked_up_safely_while_other_ranking_threads_drop_it(tmp_path, monkeypatch):
    # As test_named_thing_asked's: one thread's lookup must survive another's dropping it between the lookup's steps.
    monkeypatch.setattr(library_module, "PLACES_TOLD_KEPT", 1)
    library = library_of(tmp_path, BENCH / "untuned7" / "corpus" / "the-lodger-at-hollin-end.md")
    kept, dropping = "where is hollin end", ("what is thirsby", "what is hollin end")
    failures: list[KeyError] = []

    def look_up(keeps: bool) -> None:
        try:
            for turn in range(2000):
                library._place_told(kept if keeps else dropping[turn % 2], None)
        except KeyError as failure:
            failures.append(failure)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=look_up, args=(number % 2 == 0,)) for number in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert failures == []
