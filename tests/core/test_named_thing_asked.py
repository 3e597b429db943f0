"""Where a story names someone's animal or thing, for "What is the name of Tess's cat?"."""

import sys
import threading
from pathlib import Path

import bot.core.library as library_module
from bot.core.named_thing_asked import (
    NamedThingAsked,
    named_thing_asked,
    named_thing_told,
    thing_named,
    things_named,
    unowned_thing_asked,
)
from tests.core.library_files import assert_answered_in_both_scopes, library_of

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
TESS = (
    "Meanwhile, Danny's sous-chef and best friend, Marcus Obi, falls for Nora's younger sister, Tess Quigley, a "
    "veterinarian who keeps a three-legged cat named Bishop."
)
GRAHAM = "Graham storms off, and Tess's cat, Bishop, escapes from her bag and trips him into a lobster tank."


def test_a_question_asking_the_name_of_someone_s_thing_is_read_with_the_owner_and_the_thing():
    assert named_thing_asked("What is the name of Clara's cat?") == NamedThingAsked("clara", "cat")
    assert named_thing_asked("what's Tom's dog called?") == NamedThingAsked("tom", "dog")
    assert named_thing_asked("What is Ivan's horse's name?") == NamedThingAsked("ivan", "horse")
    assert named_thing_asked("What's the name of Tom Reyes's podcast?") == NamedThingAsked("tom reyes", "podcast")
    assert named_thing_asked("what’s tess’s cat called") == NamedThingAsked("tess", "cat")


def test_a_possessive_typed_bare_is_read_as_typed():
    # The people lookup reads "sophies" as Sophie (bot.core.introductions.person_named_alone).
    assert named_thing_asked("whats the name of sophies dog") == NamedThingAsked("sophies", "dog")
    assert named_thing_asked("whats yvettes dogs name") == NamedThingAsked("yvettes", "dog")
    assert named_thing_asked("whats the name of plotzs tortoise") == NamedThingAsked("plotzs", "tortoise")


def test_a_relative_a_person_a_name_of_the_owner_or_no_owner_is_no_thing_asked():
    assert named_thing_asked("what's the name of gwen's daughter") is None  # bot.core.kin_asked's
    assert named_thing_asked("whats his wifes name") is None
    assert named_thing_asked("whats the name of toms boss") is None  # bot.core.role_asked's
    assert named_thing_asked("What is Tom's pen name?") is None  # a name of Tom's
    assert named_thing_asked("What is the name of the cat?") is None  # no one's
    assert named_thing_asked("What is the name of Tom and Mara's dog?") is None
    assert named_thing_asked("What is Tom's dog?") is None  # no name asked (bot.core.kind_asked reads it)
    assert named_thing_asked("What is the ship's AI called?") == NamedThingAsked("the ship", "ai")  # not "be"
    assert named_thing_asked("what's the name of his dog") is None  # no one's name (kin_asked.NO_OWNERS)
    assert named_thing_asked("whats his dogs name") is None
    assert named_thing_asked("what's the name of this dog") is None
    assert named_thing_asked("what is tom's dogs name") == NamedThingAsked("tom", "dog")


def test_the_first_sentence_naming_the_person_and_a_thing_of_theirs_with_its_name_answers():
    story = ["Tess Quigley is a veterinarian in Providence.", TESS]
    assert named_thing_told(story, "Tess Quigley", things_named("cat"), ["Marcus Obi", "Danny"]) == (1, TESS)
    ferry = (
        "Maya's teenage son, Eli, is spending the weekend with her estranged husband, Ben Carver, a ferry captain who "
        "operates the car ferry Pacific Dawn between the fishing town of Cascade Point and the barrier island of Gull "
        "Rock."
    )
    assert named_thing_told([ferry], "Ben Carver", things_named("ferry"), ["Maya Torres", "Eli"]) == (0, ferry)
    assert named_thing_told([ferry], "Maya Torres", things_named("ferry"), ["Ben Carver", "Eli"]) is None
    story = ["Tom Archer lives on a farm with his terrier, Rex."]  # a kind of dog
    assert named_thing_told(story, "Tom Archer", things_named("dog")) == (0, story[0])


def test_a_thing_named_after_another_s_possessive_or_before_its_owner_is_no_thing_of_theirs():
    assert named_thing_told([GRAHAM], "Graham Whitcombe", things_named("cat"), ["Tess Quigley"]) is None
    assert named_thing_told([GRAHAM], "Tess Quigley", things_named("cat"), ["Graham Whitcombe"]) == (0, GRAHAM)
    story = [
        "Pursued by the Concord cruiser Adamant, commanded by Isadora's former protégé Commander Selene Harrow, the "
        "Sparrow is badly damaged."
    ]
    assert named_thing_told(story, "Captain Isadora Venn", things_named("cruiser"), ["Selene Harrow"]) is None


def test_a_thing_is_theirs_only_where_something_marks_it_so():
    story = [
        "Anika Sorensen fights the mayor's plan to hand control to a private company called Strelna Holdings.",
        "Years later Anika's company, Brightwater Cooperative, runs the docks for the town.",
    ]
    assert named_thing_told(story, "Anika Sorensen", things_named("company")) == (1, story[1])
    works = [
        "Gwen Morgan works for a shipping company called Bluefin Freight.",
        "Gwen Morgan treats a horse named Duke.",
    ]
    assert named_thing_told(works, "Gwen Morgan", things_named("company")) is None  # the object of a preposition
    assert named_thing_told(works, "Gwen Morgan", things_named("horse")) is None  # of another's verb than having
    critic = ["Nora Quigley, a food critic for a Boston magazine called The Plate, dines alone."]
    assert named_thing_told(critic, "Nora Quigley", things_named("magazine")) is None
    marked = [
        "Ben Carver, a ferry captain who operates the car ferry Pacific Dawn, waits.",
        "Hannah spends her wages on a horse of her own, a bay gelding named Comet.",
        "Rosa Quiroga wears a ring called the Star of Seville.",
    ]
    assert named_thing_told(marked, "Ben Carver", things_named("ferry")) == (0, marked[0])
    assert named_thing_told(marked, "Hannah Bell", things_named("horse")) == (1, marked[1])
    assert named_thing_told(marked, "Rosa Quiroga", things_named("ring")) == (2, marked[2])


def test_a_common_noun_s_possessive_or_a_whose_clause_makes_the_thing_another_s():
    neighbour = ["Lena Hart feeds the neighbour's cat, Tibbles, before work."]
    assert named_thing_told(neighbour, "Lena Hart", things_named("cat")) is None
    aside = ["Owen Price, whose neighbour keeps a dog named Bruno, lives alone by the sea."]
    assert named_thing_told(aside, "Owen Price", things_named("dog")) is None
    own = ["Tess Quigley, whose cat Bishop has three legs, is a vet.", "Tess Quigley's cat, Bishop, sleeps."]
    assert named_thing_told(own, "Tess Quigley", things_named("cat")) == (0, own[0])
    assert named_thing_told(own[1:], "Tess Quigley", things_named("cat")) == (0, own[1])
    family = ["Callum Reid wakes, and the family's dog, Biscuit, barks."]
    assert named_thing_told(family, "Callum Reid", things_named("dog")) == (0, family[0])


def test_another_named_by_surname_or_title_and_surname_owns_what_follows():
    story = ["Iris Vane drinks every night at Grady's pub, the Crooked Anchor."]
    assert named_thing_told(story, "Iris Vane", things_named("pub"), ["Sean Grady"]) is None
    story = ["Tom Reyes calls the ring Inspector Hale found in the drain a fake."]
    assert named_thing_told(story, "Tom Reyes", things_named("ring"), ["Inspector Marcus Hale"]) is None
    story = ["Iris Vane drinks every night at her own pub, the Crooked Anchor, with Sean Grady."]
    assert named_thing_told(story, "Iris Vane", things_named("pub"), ["Sean Grady"]) == (0, story[0])


def test_a_thing_word_is_one_only_as_the_head_of_a_noun_phrase():
    story = ["Marta Kowalski grills Ana about the stolen recipe."]  # a grill is a kind of restaurant
    assert named_thing_told(story, "Marta Kowalski", things_named("restaurant")) is None
    story = ["Tom Reyes ships Vell the crates."]
    assert named_thing_told(story, "Tom Reyes", things_named("ship")) is None
    story = ["Marta Kowalski opens a tiny restaurant called Dock Street Kitchen."]
    assert named_thing_told(story, "Marta Kowalski", things_named("restaurant")) == (0, story[0])
    story = ["When her boss, Marta grills Ana about the recipe."]
    assert named_thing_told(story, "Marta Kowalski", things_named("restaurant")) is None
    story = ["Nora Quigley, a food critic, runs a Boston magazine called The Plate."]
    assert named_thing_told(story, "Nora Quigley", things_named("magazine")) == (0, story[0])


def test_a_his_or_her_not_the_owner_s_makes_the_thing_another_s():
    she = frozenset({"she", "her", "hers", "herself"})
    story = ["On her first morning, Pruitt lends Hannah his old mare, Duchess, so that she can ride to school."]
    assert named_thing_told(story, "Hannah Bell", things_named("horse"), ["Samuel Pruitt"], she) is None
    story = ["Hannah Bell rides her old mare, Duchess, to school."]
    assert named_thing_told(story, "Hannah Bell", things_named("horse"), ["Samuel Pruitt"], she) == (0, story[0])


def test_a_person_right_after_a_thing_is_no_name_of_it():
    story = ["Rosa still has the ring Alasdair gave her.", "Rosa Quiroga wears a ring called the Star of Seville."]
    assert named_thing_told(story, "Rosa Quiroga", things_named("ring"), ["Alasdair"]) == (1, story[1])
    story = ["Ivan rode his faithful horse Burka to the edge of the forest."]
    assert named_thing_told(story, "Ivan", things_named("horse")) == (0, story[0])
    story = ["In the forest the horse Ivan rode stumbled."]  # Ivan's own name is no horse's
    assert named_thing_told(story, "Ivan", things_named("horse")) is None


def test_a_name_given_as_an_apposition_ends_where_its_clause_does():
    story = ["After feeding the cat, Mara left for Lisbon."]
    assert named_thing_told(story, "Clara Voss", things_named("cat"), ["Mara"]) is None
    story = ["Clara Voss fed the cat, Mara left for Lisbon."]
    assert named_thing_told(story, "Clara Voss", things_named("cat")) is None
    story = ['"Let it alone," said Tom Thumb; "give me some fish, Hunca Munca!"']  # whom he calls
    assert named_thing_told(story, "Tom Thumb", things_named("fish"), ["Hunca Munca"]) is None
    story = ['"Nay," said Jack, "if this be the case I\'d better dispatch you!"']
    assert named_thing_told(story, "Jack", things_named("case")) is None


def test_no_apposition_closes_an_opening_clause_stands_in_speech_or_is_another_s_full_name():
    story = ["When a storm wrecks Owen's old boat, Isla, his daughter, comes home from Glasgow."]
    assert named_thing_told(story, "Owen Pryce", things_named("boat")) is None
    story = ['One day the king said to Hans, "Saddle the horse, Gretel, and ride to my brother."']
    assert named_thing_told(story, "Hans Brenner", things_named("horse")) is None
    story = ["Owen Pryce rebuilds his old boat, Isla Pryce, his daughter, watching."]
    assert named_thing_told(story, "Owen Pryce", things_named("boat"), ["Isla Pryce"]) is None
    story = ["Owen's boat, the Curlew, wins the village regatta."]
    assert named_thing_told(story, "Owen Pryce", things_named("boat"), ["Isla Pryce"]) == (0, story[0])


def test_a_time_after_a_thing_is_no_name_of_it():
    story = ["Dale Whitaker drives the truck Monday through Friday."]
    assert named_thing_told(story, "Dale Whitaker", things_named("truck")) is None
    story = ["When Dale Whitaker's company sells the truck Thanksgiving week, Dale is out of work."]
    assert named_thing_told(story, "Dale Whitaker", things_named("truck")) is None
    story = ["Dale Whitaker walks his dog, Sunday mornings, by the river."]
    assert named_thing_told(story, "Dale Whitaker", things_named("dog")) is None
    assert named_thing_asked("What is the name of Owen's in?") is None  # a stop word is no thing
    assert named_thing_asked("whats the name of owens the") is None
    story = ["Dale Whitaker buys a mare named May."]
    assert named_thing_told(story, "Dale Whitaker", things_named("horse")) == (0, story[0])


def test_a_long_sentence_naming_no_one_s_thing_answers_none():
    # Its time as it grows is bench/bench_person_facts.py's thing_1_sentence row.
    sentence = "Tom walks the dog, Rex and " * 64_000
    assert named_thing_told([sentence], "Tom Reyes", things_named("dog"), ["Mara Lind"]) is None


def test_a_thing_of_a_relative_or_named_as_a_person_is_no_thing_of_theirs():
    story = ["Anika Rao, a reporter, works for a newspaper named Victor Hale."]  # another's full name
    assert named_thing_told(story, "Anika Rao", things_named("newspaper"), ["Victor Hale"]) is None
    story = ["On Saturdays Nadia Hussain visits her brother, who keeps a spaniel named Toffee."]
    assert named_thing_told(story, "Nadia Hussain", things_named("dog")) is None
    story = ["Grace Lee's older brother's boat, the Marlin, sinks."]
    assert named_thing_told(story, "Grace Lee", things_named("boat")) is None
    story = ["Grace Lee sails her older brother's boat, the Marlin, to the island."]
    assert named_thing_told(story, "Grace Lee", things_named("boat")) is None
    story = ["Nadia Hussain opens a sweet shop called Nadia's Sweets."]  # a name holding the owner's
    assert named_thing_told(story, "Nadia Hussain", things_named("shop")) == (0, story[0])
    story = ["Nadia Hussain walks her dog, Toffee, with her brother."]
    assert named_thing_told(story, "Nadia Hussain", things_named("dog")) == (0, story[0])
    story = ["Plotz Vogel, a widower who lives with his mother and a tortoise named Admiral, arrives."]
    assert named_thing_told(story, "Plotz Vogel", things_named("tortoise")) == (0, story[0])
    story = ["On the first night Callum Reyes hears knocking, and the next morning the family's dog, Biscuit, barks."]
    assert named_thing_told(story, "Callum Reyes", things_named("dog")) == (0, story[0])


def test_a_thing_of_someone_is_answered_where_their_story_names_it(tmp_path):
    # Each story's passages hold the owner's name and the noun elsewhere ("the ferry will be smashed against the
    # rocks", "Tess's cat, Bishop, escapes"): for Ben's ferry and "what is the name of desmond's bakery" the ranking
    # put another passage first, with no rule reading the question; for Tess's cat and "whats desmonds bakery called"
    # it ranked the naming passage first in this library, which the rule now makes sure of.
    library = library_of(
        tmp_path,
        *sorted((ROOT / "corpus").glob("*.md")),
        BENCH / "untuned8" / "corpus" / "second-helpings.md",
        BENCH / "untuned7" / "corpus" / "cascade-point.md",
        BENCH / "untuned5" / "corpus" / "uncle-bertrams-cake.md",
    )
    for question, said in (
        ("what's the name of tess's cat", "a three-legged cat named Bishop"),
        ("What's the name of Ben's ferry?", "operates the car ferry Pacific Dawn"),
        ("what is the name of desmond's bakery", "runs a failing bakery called The Rolling Pin"),
        ("whats desmonds bakery called", "runs a failing bakery called The Rolling Pin"),
    ):
        assert_answered_in_both_scopes(library, question, said)


def test_a_question_asking_the_name_of_a_thing_of_no_one_is_read_with_its_noun():
    assert unowned_thing_asked("what's the name of the pub") == ("pub", None)
    assert unowned_thing_asked("What is the river called?") == ("river", None)
    assert unowned_thing_asked("whats the cats name") == ("cat", None)
    assert unowned_thing_asked("what is the name of the ship's AI") == ("ai", "ship")  # a thing's
    assert unowned_thing_asked("what is the ship's ai called") == ("ai", "ship")
    assert unowned_thing_asked("what is the name of the boatman") is None  # a person's (bot.core.role_asked)
    assert unowned_thing_asked("what is the name of tom's dog") is None  # someone's (named_thing_asked)
    assert unowned_thing_asked("What is the name of the gray heron pub") is None  # which pub: the ranking's
    assert unowned_thing_asked("whats the name of the pub in leith") is None
    assert unowned_thing_asked("What is the pub?") is None


PUBS = [
    "Dan Mercer, a retired fireman, drinks every evening at a pub called the Lamb, where the landlord, Ossie Pratt, "
    "keeps a parrot named Captain.",
    "Across the square stands a rival pub, the Golden Fleece, owned by Ossie's brother Len.",
    "When the Lamb burns down, Dan suspects Len, and he walks along the river Tamsin to the old mill.",
]


def test_the_first_sentence_naming_a_thing_of_the_noun_answers_where_the_story_names_no_other():
    assert thing_named(PUBS, things_named("river"), ["Dan Mercer", "Ossie Pratt"]) == (2, PUBS[2])
    assert thing_named(PUBS, things_named("pub"), ["Dan Mercer", "Ossie Pratt"]) is None  # two pubs
    assert thing_named(PUBS[:1], things_named("pub"), ["Dan Mercer", "Ossie Pratt"]) == (0, PUBS[0])
    boats = [
        "Mara Kell skippers a fishing boat, the Kittiwake, out of Porthlow.",
        "One night a trawler, the Morning Star, runs aground, and the Kittiwake goes out to it.",
        "Mara's boat, the Kittiwake, comes home at dawn.",
    ]
    assert thing_named(boats, things_named("trawler"), ["Mara Kell"]) == (1, boats[1])
    assert thing_named(boats, things_named("boat"), ["Mara Kell"]) == (0, boats[0])  # one boat named twice


def test_a_place_is_named_after_of_too():
    story = [
        "Mara Kell skippers a fishing boat out of the town of Porthlow.",
        "Her brother Jem Kell drinks in a town called Saltash.",
    ]
    assert thing_named(story[:1], things_named("town"), ["Mara Kell"]) == (0, story[0])
    assert thing_named(story, things_named("town"), ["Mara Kell", "Jem Kell"]) is None  # two towns
    conan = ["Fionn came to the house of Conan, and the house of Conan was full."]
    assert thing_named(conan, things_named("house"), ["Conan"]) is None  # a person's
    assert thing_named(["Mara Kell drinks a bottle of Chianti."], things_named("bottle"), ["Mara Kell"]) is None


def test_a_person_s_name_after_a_thing_is_no_name_of_it():
    story = [
        "Ruth Ames searches the woods with Walter's dog, and the dog Walter found leads her on.",
        "Ruth Ames lives on the edge of a village called Little Brampton.",
    ]
    assert thing_named(story, things_named("dog"), ["Ruth Ames", "Walter Finch"]) is None
    assert thing_named(story, things_named("village"), ["Ruth Ames", "Walter Finch"]) == (1, story[1])


def test_an_abbreviation_the_story_writes_in_capitals_is_its_words_spelt_out_too():
    story = [
        "The colony ship Perseverance is run by an artificial intelligence called TESSA.",
        "Kofi Mensah argues with the AI about whether to wake the captain.",
    ]
    assert thing_named(story, things_named("ai"), ["Kofi Mensah"]) == (0, story[0])
    assert thing_named(story[:1], things_named("ai"), ["Kofi Mensah"]) is None  # no "AI" written: no abbreviation
    island = ["Kofi Mensah lands on an island called Gullrock.", "The AI sleeps."]
    assert thing_named(island, things_named("ai"), ["Kofi Mensah"]) is None  # "an island": a stop word spells none
    halcyon = ["The ship's AI, called HALCYON, refused to open the cargo bay doors."]
    assert thing_named(halcyon, things_named("ai"), []) == (0, halcyon[0])


def test_a_thing_of_no_one_is_answered_where_the_story_asked_of_or_ranked_first_names_it(tmp_path):
    # Each passage of these stories holds "river", "diner" or "ship": the ranking put another first, with no rule
    # reading the question.
    library = library_of(
        tmp_path,
        *sorted((ROOT / "corpus").glob("*.md")),
        BENCH / "untuned3" / "corpus" / "hold-the-bridge-at-varenne.md",
        BENCH / "untuned8" / "corpus" / "the-people-v-amsel.md",
        BENCH / "untuned8" / "corpus" / "the-orchard-at-kepler-station.md",
    )
    for question, said in (
        ("What is the river called?", "over the river Varenne in Normandy"),
        ("what is the name of the ship's AI", "an artificial intelligence called MERIDIAN"),
        ("What was the name of the diner?", "the kitchen of his diner, the Blue Heron"),
    ):
        assert_answered_in_both_scopes(library, question, said)


def test_a_thing_named_before_its_noun_or_by_a_verb_of_naming_is_another_named_thing():
    # The story names the Golden Fleece and the Heron in forms the answer does not read: the Silver Lamb and the Vixen
    # are no answer, the ranking is.
    pubs = [
        "Dan Mercer, a retired fireman, drinks every evening at the Golden Fleece, a pub on the harbour in the fishing "
        "village of Porthlow.",
        "Clive tries to bribe the landlord with a share in a new bar he is opening in town, a pub called the Silver "
        "Lamb, but the landlord refuses.",
    ]
    assert thing_named(pubs, things_named("pub"), ["Dan Mercer", "Clive Hart"]) is None
    assert thing_named(pubs[1:], things_named("pub"), ["Dan Mercer", "Clive Hart"]) == (0, pubs[1])
    boats = [
        "Old Sal Trewin has fished the estuary for fifty years in a small blue boat she calls the Heron.",
        "One evening a speedboat, the Vixen, driven by a drunk tourist, rams the Heron and sinks it.",
    ]
    assert thing_named(boats, things_named("boat"), ["Sal Trewin"]) is None
    marigold = [
        "Owen Hale, a lobster fisherman in Mevagissey, names his boat after his daughter, Marigold Hale, who died at "
        "sea as a child.",
        "A rich incomer, Giles Barrow, moors a speedboat called the Vixen in the harbour.",
    ]
    assert thing_named(marigold, things_named("boat"), ["Owen Hale", "Giles Barrow"]) is None
    ships = [  # FairytaleQA's little-lasse: a word before a plural or a thing named after it names no thing
        "The ships of the line steered a straight course to Asia, the frigates sailed to Africa.",
        "A long way off they could see the explorer Nordenskiold with his ship Vega trying to find an opening.",
    ]
    assert thing_named(ships, things_named("ship"), []) == (1, ships[1])
    swords = ["Of these three treasures of the Empire, the sword of Murakumo is the most precious."]
    assert thing_named(swords, things_named("sword"), []) == (0, swords[0])


def test_a_thing_word_in_the_possessive_is_named_by_none_after_it():
    # "The ship's AI, called HALCYON" names the AI: read as a ship named "AI" too, it made two ships of two-minds.md.
    halcyon = ["Day 15. The ship's AI, called HALCYON, refused to open the cargo bay doors."]
    assert thing_named(halcyon, things_named("ship"), []) is None
    two_minds = [
        "The mining station Kessel Deep is run by an artificial intelligence called ORACLE.",
        "Rafe travels aboard the freighter Long Patience, whose own mind, HALCYON, the ship's AI, is cheerful and "
        "talkative.",
    ]
    assert thing_named(two_minds, things_named("ship"), ["Rafe Okoro"]) == (1, two_minds[1])
    fair = ["Nell Dunn bakes for the town's Summer Fair every year."]
    assert thing_named(fair, things_named("town"), ["Nell Dunn"]) is None


def test_a_word_after_a_place_s_of_said_of_what_follows_or_a_possessive_names_no_place():
    bridge = (BENCH / "untuned3" / "corpus" / "hold-the-bridge-at-varenne.md").read_text(encoding="utf-8")
    opening = bridge.split("\n\n")[1]
    assert "a company of American infantry" in opening
    assert thing_named([opening], things_named("company"), ["Frank Delaney"]) is None
    birth = ["Tom Hale came home to the town of Tom's birth."]
    assert thing_named(birth, things_named("town"), []) is None
    design = ["Mara Kell buys a house of Victorian design."]
    assert thing_named(design, things_named("house"), ["Mara Kell"]) is None
    porthlow = ["Mara Kell skippers a boat from the town of Porthlow every morning."]
    assert thing_named(porthlow, things_named("town"), ["Mara Kell"]) == (0, porthlow[0])


def test_a_thing_asked_of_a_thing_is_answered_where_the_story_names_one_in_its_possessive():
    # "the ship's AI" asks the ship's: a story naming it so answers, one naming another AI so does not.
    scifi = (BENCH / "untuned" / "corpus" / "scifi.md").read_text(encoding="utf-8")
    texts = scifi.split("\n\n")
    halcyon = next(index for index, text in enumerate(texts) if "The ship's AI, called HALCYON" in text)
    told = thing_named(texts, things_named("ai"), [], "ship")
    assert told is not None and told[0] == halcyon and "HALCYON" in told[1]
    meridian = ["The ship Hesperus is watched over by an artificial intelligence called MERIDIAN.", "The AI explains."]
    assert thing_named(meridian, things_named("ai"), [], "ship") == (0, meridian[0])  # none in the possessive
    two_minds = [
        "The mining station Kessel Deep is run by an artificial intelligence called ORACLE.",
        "Rafe travels aboard the freighter Long Patience, whose own mind, HALCYON, the ship's AI, is cheerful.",
    ]
    assert thing_named(two_minds, things_named("ai"), ["Rafe Okoro"]) == (0, two_minds[0])
    assert thing_named(two_minds, things_named("ai"), ["Rafe Okoro"], "ship") is None  # the ship's, not read


def test_a_story_s_naming_of_a_thing_asked_is_read_once_and_a_bounded_number_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(library_module, "THINGS_NAMED_KEPT", 2)
    library = library_of(tmp_path, BENCH / "untuned8" / "corpus" / "the-people-v-amsel.md")
    for question in ("What was the name of the diner?", "what is the name of the pub", "what is the castle called"):
        answer = library.ask(question, count=1, story=0)
        assert answer.best is not None, question
    assert list(library._things_named) == [(0, "pub", None), (0, "castle", None)]  # the diner's, asked first, gone
    assert library._things_named[(0, "castle", None)] is None
    answer = library.ask("What was the name of the diner?", count=1, story=0)
    assert answer.best is not None and "the kitchen of his diner, the Blue Heron" in answer.best.excerpt.text


def test_a_word_for_a_relative_after_a_thing_is_a_person_no_name_of_it():
    story = [
        "Every summer Lily Shaw sails the boat Grandpa built across the bay.",
        "Her cousin keeps a dinghy called the Puffin.",
    ]
    assert thing_named(story, things_named("boat"), ["Lily Shaw"]) == (1, story[1])
    assert thing_named(story[:1], things_named("boat"), ["Lily Shaw"]) is None


def test_a_thing_asked_is_looked_for_only_in_the_passages_holding_a_word_of_its_noun(tmp_path):
    library = library_of(tmp_path, BENCH / "untuned8" / "corpus" / "the-people-v-amsel.md")
    passages = range(library.corpus.stories[0].passage_count)
    holding = [number for number in passages if "diner" in library.corpus.passages[number].text.lower()]
    assert 0 < len(holding) < len(passages)
    assert library._holding_a_word_of(things_named("diner"), passages) == holding
    assert library._holding_a_word_of(things_named("castle"), passages) == []


def test_a_sentence_naming_a_thing_in_a_form_not_read_leaves_the_question_to_the_ranking():
    # A word for its name ("whose name", "boat's name") or a naming word before a capitalised word, a few words after
    # the thing's noun, names it: another thing named "called" is no answer.
    vixen = "One evening a speedboat called the Vixen, driven by a drunk tourist, rams the boat and sinks it."
    for naming in (
        "Old Sal Trewin has fished the estuary for fifty years in a small blue boat that was named the Mallard by "
        "her father.",
        "Old Sal Trewin has fished the estuary for fifty years, and her boat's name is the Curlew.",
        "Old Sal Trewin has fished the estuary for fifty years in a small blue boat whose name, the Dunlin, is "
        "painted on the bow.",
        "Old Sal Trewin has fished the estuary for fifty years in a small blue boat by the name of the Plover.",
    ):
        assert thing_named([naming, vixen], things_named("boat"), ["Sal Trewin"]) is None, naming
    assert thing_named([vixen], things_named("boat"), ["Sal Trewin"]) == (0, vixen)
    plough = [
        "Gwen Parry takes over the village pub, whose name is the Plough, after her uncle dies and leaves it to her.",
        "Her ex-husband, Mark, turns up and tries to persuade her to sell to a chain that owns a pub called the Crown "
        "in the next town.",
    ]
    assert thing_named(plough, things_named("pub"), ["Gwen Parry", "Mark"]) is None
    patch = [
        "Daniel Webb, a lonely boy of ten, finds a stray dog whose name, according to its collar, is Patch.",
        "The neighbour, Mr. Grimshaw, who owns a terrier called Nip, tells Carol about the dog.",
    ]
    assert thing_named(patch, things_named("dog"), ["Daniel Webb", "Carol", "Mr. Grimshaw"]) is None
    # A naming word after the noun of another thing, or one no name follows, names nothing asked.
    skerra = [
        "Owen Hale, a ferryman, carries passengers across the estuary to the island of Skerra in his wooden boat.",
        "Owen learns that Victor is searching for a ship called the Morwenna that sank off the island in 1890 with a "
        "cargo of gold.",
    ]
    assert thing_named(skerra, things_named("island"), ["Owen Hale", "Victor"]) == (0, skerra[0])
    leith = ["The ship called at Leith for coal.", "Her sister was a ship named the Corran."]
    assert thing_named(leith, things_named("ship"), []) == (1, leith[1])


def test_a_story_s_naming_kept_is_looked_up_safely_while_other_ranking_threads_drop_it(tmp_path, monkeypatch):
    # Ranking threads share the library: one thread's lookup of a naming or passage kept must survive another's
    # dropping it (the oldest) between the lookup's steps; switching threads often makes that interleaving likely.
    monkeypatch.setattr(library_module, "THINGS_NAMED_KEPT", 1)
    monkeypatch.setattr(library_module, "ANALYSED_PASSAGES_KEPT", 1)
    library = library_of(tmp_path, BENCH / "untuned8" / "corpus" / "the-people-v-amsel.md")
    kept, dropping = "what is the name of the castle", ("what is the name of the boat", "what is the name of the river")
    failures: list[KeyError] = []

    def look_up(keeps: bool) -> None:
        try:
            for turn in range(4000):
                library._thing_named(kept if keeps else dropping[turn % 2], 0)
                library.analysed(0 if keeps else 1 + turn % 2)
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


def test_a_name_told_less_often_than_another_capitalised_thing_answers_none():
    # The story is about the Osprey and the Gannet, named in forms not read ("which the crew named the Osprey" of a
    # sloop, no ship to WordNet; "The Gannet was a small blue boat"): the thing "called" once is no answer.
    osprey = [
        "In 1805 Lieutenant Thomas Hale is given command of a small sloop, which the crew named the Osprey after the "
        "bird on her figurehead.",
        "On the way the sloop is chased by a French frigate called the Vengeance, and Hale hides among the rocks.",
        "Hale slips past the French at night and delivers the dispatches. The Osprey is wrecked in the great storm.",
    ]
    people = ["Thomas Hale", "Samuel Pike"]
    assert thing_named(osprey[1:2], things_named("ship"), people, None, osprey) is None
    assert thing_named(osprey[1:2], things_named("ship"), people, None, osprey[:2]) == (0, osprey[1])
    gannet = [
        "The Gannet was a small blue boat, and old Sal Trewin has fished the estuary in it for fifty years.",
        "One evening a speedboat called the Vixen, driven by a drunk tourist, rams the Gannet and sinks it.",
        "At the end of August Danny rows the Gannet across the estuary alone.",
    ]
    assert thing_named(gannet, things_named("boat"), ["Sal Trewin", "Danny"]) is None
    assert thing_named(gannet[1:2], things_named("boat"), ["Sal Trewin", "Danny"]) == (0, gannet[1])
