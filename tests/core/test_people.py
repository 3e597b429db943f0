import copy
import random
import threading

import pytest
from rapidfuzz import fuzz

from bot.core.analysis import fold
from bot.core.corpus import load_corpus
from bot.core.people import COMPLETION_LIMIT, Person, PersonFinder


@pytest.fixture(scope="module")
def directory(library) -> PersonFinder:
    return library.person_finder


def names(people) -> list[str]:
    return sorted(p.name for p in people)


def test_protagonists_and_other_named_people_come_from_the_text(directory):
    assert names(directory.people) == ["Ivan", "Sofia Kalmurzaeva", "Sophie Korolev", "Sébastien Kalmurzaeva"]
    sophie = directory.find("Sophie Korolev").matches[0]
    assert sophie.intro.startswith("Sophie Korolev was a talented young musician")
    assert "Pianist" in sophie.story
    assert sophie.mentions == 12
    ivan = directory.find("Ivan").matches[0]
    assert "met Ivan, a charismatic musician" in ivan.intro
    assert "Odyssey" in ivan.story


@pytest.mark.parametrize("query", ["SÉBASTIEN", "sebastien", "Sébastien Kalmurzaeva", "SEBASTIEN KALMURZAEVA"])
def test_case_and_accent_insensitive(directory, query):
    lookup = directory.find(query)
    assert names(lookup.matches) == ["Sébastien Kalmurzaeva"] and not lookup.ambiguous


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Korolev", "Sophie Korolev"),
        ("Sofia", "Sofia Kalmurzaeva"),
        ("sofiya", "Sofia Kalmurzaeva"),
        ("Sebastian", "Sébastien Kalmurzaeva"),
        ("Korolyov", "Sophie Korolev"),
        ("Ivan's", "Ivan"),
    ],
)
def test_first_name_surname_and_small_misspellings(directory, query, expected):
    lookup = directory.find(query)
    assert names(lookup.matches) == [expected] and not lookup.ambiguous


@pytest.mark.parametrize(
    ("query", "misspelt"),
    [("Sofia", False), ("korolev", False), ("S. Korolev", False), ("sofiya", True), ("Korolyov", True)],
)
def test_a_person_found_by_forgiving_a_misspelling_is_told_so(directory, query, misspelt):
    assert directory.find(query).misspelt is misspelt


def test_a_one_letter_neighbour_of_a_short_name_is_no_one_of_that_name(tmp_path):
    # `performer Elsa` showed Ella Wheeler Wilcox as if she were the Elsa asked for.
    (tmp_path / "poet.txt").write_text(
        "Ella Wheeler Wilcox was a poet who wrote verses at a kitchen table.\n\nEvery morning Ella Wheeler Wilcox sent "
        "them to the paper, and Ella waited for the post."
    )
    directory = PersonFinder.from_corpus(load_corpus(tmp_path))
    elsa = directory.find("Elsa")
    assert names(elsa.matches) == ["Ella Wheeler Wilcox"] and elsa.misspelt
    assert not directory.find("Ella").misspelt


def test_a_name_of_two_letters_is_no_misspelling_target(tmp_path):
    # "who is ron" answered of Rosaleen "Ro" Mahon: "ron" scores 80 against "ro", over the bar misspellings pass.
    (tmp_path / "bell.txt").write_text(
        'Nell meets Rosaleen "Ro" Mahon, a girl of fourteen.\n\n"Come on," said Ro. Ro takes the dinghy out alone.'
    )
    directory = PersonFinder.from_corpus(load_corpus(tmp_path))
    assert names(directory.find("Ro").matches) == ['Rosaleen "Ro" Mahon']
    assert directory.find("ron").matches == () and directory.find("rro").matches == ()
    assert names(directory.find("rosalen").matches) == ['Rosaleen "Ro" Mahon']


def test_shared_surname_is_ambiguous_with_every_candidate(directory):
    lookup = directory.find("Kalmurzaeva")
    assert lookup.ambiguous
    assert names(lookup.matches) == ["Sofia Kalmurzaeva", "Sébastien Kalmurzaeva"]


@pytest.mark.parametrize("query", ["s. kalmurzaeva", "S. Kalmurzaeva", "Kalmurzaeva, S."])
def test_an_initial_with_a_full_stop_is_every_name_it_starts(directory, query):
    # Only Sofia was found: the nearer spelling of "s. kalmurzaeva"; Sébastien is an S. Kalmurzaeva too.
    lookup = directory.find(query)
    assert names(lookup.matches) == ["Sofia Kalmurzaeva", "Sébastien Kalmurzaeva"] and lookup.ambiguous
    assert names(directory.find("S. Korolev").matches) == ["Sophie Korolev"]


def test_unknown_name_is_not_found_with_closest_names(directory):
    lookup = directory.find("Beethoven")
    assert lookup.matches == () and not lookup.ambiguous
    assert directory.find("Mozart").suggestions == ()
    near = directory.find("Kalmar")
    assert near.matches == ()
    assert sorted(near.suggestions) == ["Sofia Kalmurzaeva", "Sébastien Kalmurzaeva"]
    assert directory.find("Sophocles").suggestions == ("Sophie Korolev",)


def test_a_name_pasted_with_terminal_escapes_or_control_characters_is_the_person_named(directory):
    # As a question is searched: "\x1b[1mSofia\x1b[0m" (pasted from a terminal) was no one, and was said back as
    # 'No one called "Sofia"' where printing drops the escapes.
    for typed in (
        "\x1b[1mSofia\x1b[0m",
        "\x1b[1;31mSofia Kalmurzaeva\x1b[0m",
        "\x1b]0;title\x07Sofia",
        "\x85Sofia\x00",
    ):
        assert names(directory.find(typed).matches) == ["Sofia Kalmurzaeva"], typed
    assert names(directory.complete("\x1b[1mSof")) == ["Sofia Kalmurzaeva"]


def test_prefix_completion(directory):
    assert names(directory.complete("kal")) == ["Sofia Kalmurzaeva", "Sébastien Kalmurzaeva"]
    assert names(directory.complete("SÉB")) == ["Sébastien Kalmurzaeva"]
    assert names(directory.complete("so")) == ["Sofia Kalmurzaeva", "Sophie Korolev"]
    assert names(directory.complete("sofiy")) == ["Sofia Kalmurzaeva"]
    assert len(directory.complete("")) == 4
    assert directory.complete("zzzz") == []


def test_warming_reads_people_read_later_and_indexes_their_names_before_any_lookup(directory):
    """/performer's first keystroke read the people and indexed their names itself (a second and more for 95,000
    names): warm() does it beforehand, in the bot as soon as a library or view is built, to the same answers."""
    read: list[int] = []

    def people() -> tuple[Person, ...]:
        read.append(1)
        return directory.people

    later = PersonFinder.read_later(directory.named(), people)
    assert not later.warmed and read == []
    later.warm()
    assert later.warmed and read == [1]
    assert later.complete("kalmar") == directory.complete("kalmar") != []  # no name starts so: the close names
    assert later.find("Sophocles") == directory.find("Sophocles") and read == [1]
    sent = copy.deepcopy(later)  # as to or from a worker process: its indexes are built again there, if needed
    assert not sent.warmed and sent.complete("kalmar") == later.complete("kalmar") and sent.warmed


def test_a_warm_asked_to_stop_takes_no_further_step(directory):
    """A bot closing while a thread warmed a big library's names waited for the whole warm (and was logged to after
    it closed): once `stop` is set, warm() ends after the step it is in (here, reading the people)."""
    stop = threading.Event()

    def people() -> tuple[Person, ...]:
        stop.set()  # the bot closes while the people are read
        return directory.people

    later = PersonFinder.read_later(directory.named(), people)
    later.warm(stop)
    assert not later.warmed and "people" in vars(later)  # read, but no name indexed
    stopped = PersonFinder.read_later(directory.named(), people)
    stopped.warm(stop)
    assert not stopped.warmed and "people" not in vars(stopped)  # not even read
    later.warm()
    assert later.warmed and later.complete("kalmar") == directory.complete("kalmar")


def test_a_storys_people_are_those_a_scan_of_everyone_finds_in_directory_order(directory):
    """A pick's id is looked up among its story's people (bot.operations.look_up_person.person_by_id): they read all
    95,000 people to find one (bench/bench_person_pick.py). The same people, in the same order, as that scan."""
    paths = {p.path for p in directory.people}
    assert len(paths) > 1
    for path in paths:
        assert directory.of_story(path) == tuple(p for p in directory.people if p.path == path) != ()
    assert directory.of_story("no such story.md") == ()
    later = PersonFinder.read_later(directory.named(), lambda: directory.people)
    sent = copy.deepcopy(later)  # as to or from a worker process: built again there
    assert all(later.of_story(path) == sent.of_story(path) == directory.of_story(path) for path in paths)


def test_completion_is_capped_for_discord():
    many = PersonFinder(
        Person(name=f"Anna Smith{i}", story="S", path="s.txt", intro="Intro.", mentions=1) for i in range(40)
    )
    assert len(many.complete("anna")) == COMPLETION_LIMIT


def test_story_without_an_introduction_still_names_its_protagonist(tmp_path):
    (tmp_path / "story.txt").write_text(
        "The night Maria Lopez came to town, it rained.\n\nEveryone watched Maria Lopez dance until dawn."
    )
    directory = PersonFinder.from_corpus(load_corpus(tmp_path))
    assert names(directory.people) == ["Maria Lopez"]
    assert directory.people[0].intro == "The night Maria Lopez came to town, it rained."


def test_places_are_not_people(tmp_path):
    (tmp_path / "story.txt").write_text("She moved to Paris, a city of light. Anna Berg was a cellist in Paris.")
    directory = PersonFinder.from_corpus(load_corpus(tmp_path))
    assert names(directory.people) == ["Anna Berg"]


def test_a_name_with_a_particle_is_found_by_its_surname_with_or_without_the_particle(tmp_path):
    # "da Costa" and "van der Berg" found no one: the stored names were "Leonardo" and "Berg".
    (tmp_path / "gallery.txt").write_text(
        "The exhibition was curated by Pieter van der Berg, who had spent ten years in Delft.\n\nHis lawyer, "
        "Leonardo da Costa, said nothing."
    )
    directory = PersonFinder.from_corpus(load_corpus(tmp_path))
    for query, person in [("da Costa", "Leonardo da Costa"), ("Costa", "Leonardo da Costa")]:
        assert names(directory.find(query).matches) == [person]
    for query in ["van der Berg", "Berg", "Pieter van der Berg"]:
        lookup = directory.find(query)
        assert names(lookup.matches) == ["Pieter van der Berg"] and not lookup.misspelt


def test_someone_known_by_another_name_is_found_by_it_and_by_their_full_name(tmp_path):
    # "Lanthe" was found, and "Iolanthe" or "Vasquez-Mbeki", the name she is introduced with, found no one.
    (tmp_path / "drift.txt").write_text(
        "Third-shift warden Iolanthe Vasquez-Mbeki, known to everyone on the lower decks as Lanthe, was in the "
        "gardens.\n\nLanthe woke the engineer. Lanthe asked him to clean the lattice."
    )
    directory = PersonFinder.from_corpus(load_corpus(tmp_path))
    for query in ["Lanthe", "lanthe", '"Lanthe"', "Iolanthe", "Vasquez-Mbeki", "Iolanthe Vasquez-Mbeki"]:
        lookup = directory.find(query)
        assert names(lookup.matches) == ['Iolanthe "Lanthe" Vasquez-Mbeki'] and not lookup.misspelt, query
    assert names(directory.complete("Lan")) == names(directory.complete("Iol")) == ['Iolanthe "Lanthe" Vasquez-Mbeki']
    assert directory.find('""').matches == ()
    # A possessive typed without its apostrophe ("whats iolanthe vasquez-mbekis job") is hers, and no misspelling.
    for query in ["Iolanthe Vasquez-Mbekis", "lanthes"]:
        lookup = directory.find(query)
        assert names(lookup.matches) == ['Iolanthe "Lanthe" Vasquez-Mbeki'] and not lookup.misspelt, query
    # Typed as the name shows, a quote and all, or as the full name she is introduced with: both found no one.
    for typed in ['"Lan', 'Iolanthe "Lan', "Iolanthe Vas", "vasquez-mbeki io"]:
        assert names(directory.complete(typed)) == ['Iolanthe "Lanthe" Vasquez-Mbeki'], typed


def test_someone_whom_everybody_called_by_a_nickname_is_found_by_it_and_introduced_where_named(tmp_path):
    # "sparrow" found a second person, Sparrow, beside Teodor; "ted" one beside Edmund (bench/untuned2).
    (tmp_path / "job.txt").write_text(
        "The third member of the crew was a boy of nineteen named Teodor, whom everybody called Sparrow because he "
        'was small.\n\n"What about the cameras?" Sparrow wanted to know. Sparrow took the train to Utrecht.'
    )
    directory = PersonFinder.from_corpus(load_corpus(tmp_path))
    for query in ["sparrow", "Sparrow's", "teodor"]:
        (found,) = directory.find(query).matches
        assert found.name == 'Teodor "Sparrow"' and found.passage == 0 and found.intro.endswith("was small."), query


def test_everyone_whose_name_holds_the_words_typed_is_held_where_a_lookup_takes_the_whole_name(directory):
    people = [Person(name=name, story="S", path="s.md", intro="", mentions=1) for name in ("Karim", "Karim Benali")]
    found = PersonFinder(people)
    assert names(found.find("karim").matches) == ["Karim"]
    assert names(found.holding("Karim")) == ["Karim", "Karim Benali"]
    assert names(found.holding("karim's")) == ["Karim", "Karim Benali"]
    assert names(found.holding("BENALI KARIM")) == ["Karim Benali"]
    assert names(directory.holding("Kalmurzaeva")) == ["Sofia Kalmurzaeva", "Sébastien Kalmurzaeva"]
    assert directory.holding("Kalmurzaev") == directory.holding("") == ()  # nothing forgiven, nothing typed


def test_completion_takes_words_typed_in_any_order_where_no_name_starts_with_them(directory):
    assert names(directory.complete("kalmurzaeva so")) == ["Sofia Kalmurzaeva"]
    assert names(directory.complete("kalmurzaeva s")) == ["Sofia Kalmurzaeva", "Sébastien Kalmurzaeva"]
    assert names(directory.complete("sofia kal")) == ["Sofia Kalmurzaeva"]  # a name's start, as before


def test_an_initialled_name_is_found_by_its_initials_and_two_brothers_apart(tmp_path):
    # "C. S. Lewis" found no one, and "Lewis" was one person for both brothers.
    (tmp_path / "inklings.txt").write_text(
        "C. S. Lewis met J. R. R. Tolkien in 1926. Lewis thought Tolkien a fluent little chap.\n\nLewis's brother, "
        "W. H. Lewis, kept the diary."
    )
    directory = PersonFinder.from_corpus(load_corpus(tmp_path))
    for query, person in [
        ("C. S. Lewis", "C. S. Lewis"),
        ("w. h. lewis", "W. H. Lewis"),
        ("Tolkien", "J. R. R. Tolkien"),
    ]:
        lookup = directory.find(query)
        assert names(lookup.matches) == [person] and not lookup.misspelt
    assert names(directory.find("Lewis").matches) == ["C. S. Lewis", "W. H. Lewis"]


def test_a_king_is_found_by_his_number_not_a_pope_or_a_namesake(tmp_path):
    # "Henry VIII" suggested Pope Clement VII, and "Elizabeth I" was answered with Queen Elizabeth II.
    (tmp_path / "tudors.txt").write_text(
        "Henry VIII came to the throne in 1509. Henry VIII married six times.\n\nHis daughter, Elizabeth I, reigned "
        "for forty-five years. Pope Clement VII refused Henry an annulment. Queen Elizabeth II visited in 1953."
    )
    directory = PersonFinder.from_corpus(load_corpus(tmp_path))
    for query in ["Henry VIII", "henry viii", "Elizabeth I"]:
        lookup = directory.find(query)
        assert names(lookup.matches) == [query.title().replace("Viii", "VIII")] and not lookup.misspelt


def test_mr_is_no_misspelling_of_mrs(tmp_path):
    # Asking for Mr. Hale answered with his wife, Mr and Mrs a letter apart.
    (tmp_path / "hale.txt").write_text("Mrs. Hale was delicate, said the maid. Mrs. Hale complained of the damp.")
    directory = PersonFinder.from_corpus(load_corpus(tmp_path))
    for query in ["Mr. Hale", "Mr Hale"]:
        lookup = directory.find(query)
        assert not lookup.matches and lookup.suggestions == ("Mrs. Hale",)
    misspelt = directory.find("Mrs. Hael")
    assert names(misspelt.matches) == ["Mrs. Hale"] and misspelt.misspelt


def test_an_honorific_and_a_surname_of_two_words_finds_the_person_of_that_surname(tmp_path):
    # "Mr. von Hassel" found no one: the stored name is "Ludwig von Hassel".
    (tmp_path / "gallery.txt").write_text(
        "The lender was Ludwig von Hassel, who lived in Boston. Margaret Hale, who was eighteen, came too."
    )
    directory = PersonFinder.from_corpus(load_corpus(tmp_path))
    for query in ["Mr. von Hassel", "mr von hassel"]:
        assert names(directory.find(query).matches) == ["Ludwig von Hassel"]
    assert not directory.find("Mr. Hale").matches  # a surname of one word may be any of a family's


def test_a_title_and_a_surname_typed_finds_the_people_of_that_surname(tmp_path):
    # "who is inspector halda" found no one: the stored name is "Viktor Halda", whom the story calls its inspector.
    (tmp_path / "dresmont.txt").write_text(
        "The inspector in charge, Viktor Halda, takes her passport. Leonie Haskett protests to Viktor Halda. "
        "Leonie Haskett runs."
    )
    directory = PersonFinder.from_corpus(load_corpus(tmp_path))
    for query in ["Inspector Halda", "inspector halda's"]:
        lookup = directory.find(query)
        assert names(lookup.matches) == ["Viktor Halda"] and not lookup.misspelt
    assert not directory.find("Mr. Haskett").matches  # an honorific's surname may still be any of a family's


def test_an_intro_is_one_sentence_of_one_passage_even_under_headings(tmp_path):
    (tmp_path / "keeper.md").write_text(
        "# The Keeper\n\n## Chapter One\n\nMaren Holt was a keeper of lights on the northern cape\n\n"
        "She lit the lamp every night.\n\n## Chapter Two\n\nMaren Holt was a patient woman. She waited.",
        encoding="utf-8",
    )
    maren = PersonFinder.from_corpus(load_corpus(tmp_path)).find("Maren").matches[0]
    assert maren.intro == "Maren Holt was a keeper of lights on the northern cape"
    assert "Chapter" not in maren.intro and "lamp" not in maren.intro


def people_of(tmp_path, text: str) -> list[str]:
    (tmp_path / "story.txt").write_text(text, encoding="utf-8")
    return names(PersonFinder.from_corpus(load_corpus(tmp_path)).people)


def test_side_characters_named_in_passing_are_people(tmp_path):
    found = people_of(
        tmp_path,
        "The storm broke the mast at dawn. The captain, Elias Boone, had broken both legs, so a sailor called "
        "Thomas Wren took the wheel.\n\nThey reached the farm at night. The farmer's son, Pavel, ran to meet "
        "them, and Thomas Wren carried the captain in.",
    )
    assert found == ["Elias Boone", "Pavel", "Thomas Wren"]


def test_a_name_with_a_joiner_pasted_inside_is_the_person_named_without_it(tmp_path):
    # A zero-width joiner or non-joiner pasted inside a Latin name cut it in two for the people finder ("Pa" and
    # "vel"), while the analysis reads the word whole (ANALYSIS_VERSION 2): Pavel was no one.
    for joiner in ("\u200d", "\u200c", "\u200d\u200c"):
        text = (
            f"The storm broke the mast at dawn.\n\nThey reached the farm at night. The farmer's son, Pa{joiner}vel, "
            f"ran to meet them. Pa{joiner}vel carried the captain in."
        )
        (tmp_path / "story.txt").write_text(text, encoding="utf-8")
        directory = PersonFinder.from_corpus(load_corpus(tmp_path))
        assert names(directory.people) == ["Pavel"], joiner
        (pavel,) = directory.find("Pavel").matches
        assert pavel.intro == f"The farmer's son, Pa{joiner}vel, ran to meet them."  # as the story writes it
        assert pavel.mentions == 2


@pytest.mark.parametrize(
    ("text", "person"),
    [
        # Sentences from FairytaleQA's stories.
        (
            "In far bygone days there lived a farmer. For men called him Assipattle, which means one who grovels.",
            "Assipattle",
        ),
        (
            "Once upon a time there was a little fat comfortable grey squirrel, called Timmy Tiptoes. He lived in "
            "a nest thatched with leaves.",
            "Timmy Tiptoes",
        ),
        ("Now at this time there lived in Kyoto a general named Raiko, who had made himself famous.", "Raiko"),
        ("'I will try,' said Bokwewa. And he went into the forest.", "Bokwewa"),
        ("Once upon a time there was a little girl called Lucie, who lived at a farm.", "Lucie"),
        ("She was scarcely half a thumb in height; so they called her Thumbelina.", "Thumbelina"),
        # A description's head says what it is: a lad, not a country.
        ("As has been said before, Moti was a country lad, and was accustomed to work in his father's garden.", "Moti"),
        # Kin: whose mother someone is.
        ("One day the mother of Wassamo said to him, 'My son, go to yonder point.' The absence of Wassamo", "Wassamo"),
        # A clause ending in a place's word before a name says nothing of it: "Manage well, Hans."
        ('"Good evening, Hans." "Manage well, Hans." Hans answered, "To Grethel\'s, mother."', "Hans"),
        (
            "As soon as he had reached the middle of the lake, Pinkel took the wool out of the bells, said Pinkel.",
            "Pinkel",
        ),
    ],
)
def test_people_named_the_ways_stories_name_them(tmp_path, text, person):
    assert person in people_of(tmp_path, text)


@pytest.mark.parametrize(
    "text",
    [
        "They sailed on a ship called the Mary Rose. The Mary Rose was fast, and the Mary Rose was proud.",
        "The boat struck a rock called Old Harry at night, and Old Harry broke her keel.",
        "She lived in a town named Brightwater. Everyone in Brightwater knew her; Brightwater was small.",
        "The new board, Harbour Trust, met on Monday. Harbour Trust voted to close the pier.",
        "'I tell you Arabia is a very decent sort of place,' said he. They flew over Arabia.",
        "And then, one Sunday, the white bear came and told her that she might go home.",
        "Indeed, a few minutes later, the girl had fallen asleep upon a bench.",
        "He heard far away, out of the mountains of Slieve Gullion, a fairy tune. Slieve Gullion was dark.",
        "The largest liner was called Hercules, and the smallest schooner The Flea. Hercules sailed first.",
        "And the place where he escaped from the fire he called Yaidzu. To this day a spot is named Yaidzu.",
        "The fifth was called the Mother of Metals, and ruled over them. The Mother of Metals was wise.",
    ],
)
def test_ships_rocks_towns_boards_and_days_are_not_people(tmp_path, text):
    assert people_of(tmp_path, text) == []


def _scanned_find(directory: PersonFinder, query: str) -> list[str]:
    """Who `find` matches, by the loops over every person it once ran: the reference for its indexes."""
    key = " ".join(fold(query).replace(",", " ").split())
    keys = [fold(p.name) for p in directory.people]
    found = [i for i, k in enumerate(keys) if k == key]
    if not found:
        found = [i for i, k in enumerate(keys) if all(w in k.split() for w in key.split())]
    if not found:
        scores = [max(fuzz.ratio(key, c) for c in ([k, *k.split()] if " " not in key else [k])) for k in keys]
        best = max(scores, default=0)
        found = [i for i, score in enumerate(scores) if score >= best - 3] if best >= 75 else []
    return [directory.people[i].name + "|" + directory.people[i].story for i in found]


def test_lookups_and_completions_in_many_people_are_those_of_a_scan_of_every_name():
    rng = random.Random(4)
    syllables = ["an", "na", "so", "fi", "ka", "lm", "ur", "za", "ev", "iv", "se", "ba", "st", "ié", "en", "ol"]

    def made_up() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))).capitalize()

    people = [
        Person(
            name=" ".join(made_up() for _ in range(rng.randint(1, 3))),
            story=f"Story {i % 40}",
            path=f"s{i % 40}.md",
            intro="",
            mentions=i % 7,
        )
        for i in range(3000)
    ]
    directory = PersonFinder(people)
    queries = [p.name for p in people[:150]] + [p.name.split()[-1] for p in people[150:300]]
    queries += [made_up() for _ in range(150)] + [p.name.lower().replace("a", "e", 1) for p in people[300:450]]
    for query in queries:
        assert [p.name + "|" + p.story for p in directory.find(query).matches] == _scanned_find(directory, query)
    for prefix in ["", "a", "So", "sofi", "ka", "zz", *(q[:3] for q in queries[:100])]:
        key = " ".join(fold(prefix).split())
        scanned = [p for p in directory.people if any(n.startswith(key) for n in [fold(p.name), *fold(p.name).split()])]
        if scanned:
            assert directory.complete(prefix) == scanned[:COMPLETION_LIMIT], prefix
