from bot.core.library import StoryLibrary
from bot.core.server_view import server_view
from bot.core.shelf_corpus import ShelfStoryText
from bot.core.shelf_parts import shelf_parts
from bot.core.story_ids import shelf_story_id, story_id
from bot.messages import no_person_text
from bot.operations.look_up_person import (
    MAX_PERSON_NAME_CHARS,
    PersonFound,
    PersonLookup,
    look_up_person,
    person_by_id,
    suggest_people,
)


def test_one_name_in_two_stories_is_two_people_with_unique_ids(lookalikes):
    found = look_up_person(lookalikes, "Maren Holt")
    assert found.found is PersonFound.AMBIGUOUS
    assert {p.story.path for p in found.people} == {"a/chapter.md", "b/chapter.md"}
    assert len({p.id for p in found.people}) == 2 and all(len(p.id) <= 100 for p in found.people)
    for person in found.people:
        assert person.id.startswith(story_id(person.story.path) + ":") and person.story.title_shared
        assert person_by_id(lookalikes, person.id) == person
        again = look_up_person(lookalikes, person.id)  # an autocomplete value: that person, not the name's all
        assert again.found is PersonFound.ONE and again.people == (person,)


def test_a_person_whose_story_is_gone_is_not_found(lookalikes):
    maren = look_up_person(lookalikes, "Maren Holt").people[0]
    _, _, name = maren.id.partition(":")
    assert person_by_id(lookalikes, f"{story_id('c/chapter.md')}:{name}") is None
    assert person_by_id(lookalikes, maren.id.split(":")[0] + ":aaaaaaaa") is None
    assert person_by_id(lookalikes, "Maren Holt") is None


def keeper_view(library: StoryLibrary) -> StoryLibrary:
    """A server's view: the bundled library and its own shelf story 7, "The Keeper", of Maren Holt."""
    keeper = (
        b"# The Keeper\n\nMaren Holt was a lighthouse keeper on the northern cape.\n\n"
        b"Every evening Maren walked across the square to the lighthouse and lit the lamp."
    )
    shelf = shelf_parts([(1, ShelfStoryText.read(7, "keeper.md", keeper))], library.analyzer, library.index.params)
    view = server_view(library, shelf)
    assert view is not None
    return view


def test_a_gone_persons_id_is_no_one_and_not_searched_as_a_name(library, lookalikes):
    """Autocomplete's choice of someone since removed is sent as their id: searched as a name, it was fuzzy-matched
    against every person's (95,000: 63 ms, bench/bench_person_pick.py), and found whoever's name it resembled: an id
    of the story "07" whose letters spell "marenhol" (no one's digest) was Maren Holt, a person no one picked."""
    view = keeper_view(library)
    [maren] = look_up_person(view, "Maren Holt").people
    assert maren.id != f"{shelf_story_id(7)}:marenhol" and look_up_person(view, "marenhol").people == (maren,)
    for gone in (f"{shelf_story_id(7)}:marenhol", f"{shelf_story_id(7)}:sofiakal"):
        assert look_up_person(view, gone) == PersonLookup(query=gone, found=PersonFound.NONE)
    other = look_up_person(
        lookalikes, look_up_person(lookalikes, "Maren Holt").people[0].id.split(":")[0] + ":aaaaaaaa"
    )
    assert other.found is PersonFound.NONE and other.people == () and other.suggestions == ()


def test_a_pick_is_looked_up_in_the_library_as_it_is_when_picked(tmp_path):
    """Between the pick list and the pick, the library may be read again: the person picked is found in it if their
    story still holds them (another story added or changed leaves them), and not once it no longer does."""
    (tmp_path / "keeper.md").write_text(
        "# The Keeper\n\nMaren Holt was a lighthouse keeper on the northern cape.\n\n"
        "Every evening Maren walked across the square to the lighthouse and lit the lamp.",
        encoding="utf-8",
    )
    (tmp_path / "bakery.md").write_text(
        "# The Bakery\n\nMaren Holt was a baker who kneaded the dough at dawn.\n\n"
        "Maren sold warm bread and honey cakes in the square.",
        encoding="utf-8",
    )
    offered = look_up_person(StoryLibrary.load(tmp_path), "Maren Holt")
    assert offered.found is PersonFound.AMBIGUOUS
    keeper, baker = sorted(offered.people, key=lambda p: p.story.path != "keeper.md")
    (tmp_path / "bakery.md").write_text("# The Bakery\n\nThe bakery was quiet at night.", encoding="utf-8")
    (tmp_path / "inn.md").write_text(
        "# The Inn\n\nOskar Brandt was an innkeeper by the harbour.\n\nEvery night Oskar poured the tea.",
        encoding="utf-8",
    )
    now = StoryLibrary.load(tmp_path)
    assert person_by_id(now, keeper.id) == keeper
    assert person_by_id(now, baker.id) is None
    assert look_up_person(now, baker.id).found is PersonFound.NONE
    assert look_up_person(now, keeper.id).people == (keeper,)


def test_one_person_or_suggestions(lookalikes):
    nobody = look_up_person(lookalikes, "Beethoven")
    assert nobody.found is PersonFound.NONE and nobody.people == ()
    assert look_up_person(lookalikes, "Marn Holt").found is PersonFound.AMBIGUOUS  # a typo away
    suggested = suggest_people(lookalikes, "mar")
    assert [p.name for p in suggested] == ["Maren Holt", "Maren Holt"] and len({p.id for p in suggested}) == 2


def test_a_person_of_one_story_is_one(library):
    found = look_up_person(library, "Sébastien Kalmurzaeva")
    assert found.found is PersonFound.ONE and found.people[0].story.title.startswith("Sébastien Kalmurzaeva")
    assert not found.people[0].story.title_shared and found.people[0].mentions > 1


def test_a_person_of_a_servers_own_story_is_found_by_the_id_autocomplete_gives(library):
    view = keeper_view(library)
    [maren] = suggest_people(view, "mar")
    assert maren.story.id == shelf_story_id(7)
    picked = look_up_person(view, maren.id)  # what Discord sends as the name once the choice is picked
    assert picked.found is PersonFound.ONE and picked.people == (maren,)


def test_a_name_pasted_with_a_joiner_inside_is_found_by_its_plain_spelling(tmp_path):
    # The analysis reads "Pa\u200dvel" whole (ANALYSIS_VERSION 2); the people finder read "Pa" and "vel", so
    # /performer Pavel found no one.
    (tmp_path / "farm.md").write_text(
        "# The Farm\n\nThe storm broke the mast at dawn. They reached the farm at night. The farmer's son, "
        "Pa\u200dvel, ran to meet them, and Pa\u200dvel carried the captain in.",
        encoding="utf-8",
    )
    library = StoryLibrary.load(tmp_path)
    found = look_up_person(library, "Pavel")
    assert found.found is PersonFound.ONE, found
    (pavel,) = found.people
    assert pavel.name == "Pavel" and pavel.story.title == "The Farm" and pavel.mentions == 2
    assert pavel.intro.startswith("The farmer's son, Pa\u200dvel, ran to meet them")
    assert look_up_person(library, "pavel").people == (pavel,) and person_by_id(library, pavel.id) == pavel


def test_a_name_over_the_longest_is_not_looked_for(library):
    longest = look_up_person(library, "Sofia".ljust(MAX_PERSON_NAME_CHARS, "a"))
    assert longest.found is PersonFound.NONE  # looked for: no one
    over = look_up_person(library, "Sofia " * 20)
    assert over.found is PersonFound.TOO_LONG and not over.people and not over.suggestions
    assert no_person_text(over) == (
        "That name is 119 characters long; give at most 100: a first name, a surname or a full name."
    )


def test_a_name_that_shows_nothing_is_empty_not_no_one(library):
    """A /performer name of zero-width spaces or bidirectional marks alone was 'No one called "\u200b" in the stories',
    an empty pair of quotes, where a story name of them is said to be empty (and `performer " "` exits 2)."""
    for empty in ("\u200b", "\u200b\u200f \u200e", "\u2800", "\x1b[0m"):
        lookup = look_up_person(library, empty)
        assert lookup.found is PersonFound.EMPTY and not lookup.suggestions, repr(empty)
    said = no_person_text(look_up_person(library, "\u200b"), "/performer suggests names as you type.")
    assert said == (
        "The name is empty: give a first name, a surname or a full name. /performer suggests names as you type."
    )
    assert look_up_person(library, "\u200bSofia").found is PersonFound.ONE  # pasted with one before it: a name
