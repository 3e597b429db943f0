import random

import pytest
from rapidfuzz import fuzz, process

from bot.core import story_names
from bot.core.corpus import Story
from bot.core.story_names import FUZZY_SUGGEST, StoryFinder
from tests.steps import steps_of


@pytest.fixture(scope="module")
def finder(library):
    return StoryFinder(library.corpus.stories)


def titles(finder, indexes):
    return [finder.stories[i].title for i in indexes]


@pytest.mark.parametrize(
    ("name", "title_part"),
    [
        ("Sophie Korolev: A Pianist Takes the Stage", "Sophie Korolev"),
        ("sophie-korolev-pianist.md", "Sophie Korolev"),
        ("sophie korolev pianist", "Sophie Korolev"),
        ("SÉBASTIEN", "Sébastien"),
        ("sebastien", "Sébastien"),
        ("violnist", "Violinist"),
        ("ballerina", "Ballerina"),
    ],
)
def test_a_story_is_found_by_title_or_file_forgiving_case_accents_and_typos(finder, name, title_part):
    lookup = finder.find(name)
    assert len(lookup.matches) == 1
    assert title_part in titles(finder, lookup.matches)[0]


def test_a_shared_word_is_ambiguous_and_an_unknown_name_suggests(finder):
    assert len(finder.find("kalmurzaeva").matches) == 2
    missing = finder.find("the hobbit")
    assert missing.matches == ()
    assert finder.find("").matches == ()


def test_completion_puts_prefix_matches_first_and_stays_within_discords_limit(finder):
    assert "Sophie" in titles(finder, finder.complete("soph"))[0]
    assert len(finder.complete("")) == 3
    assert "Ballerina" in titles(finder, finder.complete("balerina"))[0]


def test_completion_of_signs_alone_lists_the_stories_whose_title_or_file_holds_them():
    # "&" or "!" has no word to compare: it listed the first stories, as if nothing had been typed.
    stories = [("The Mill", "mill.md"), ("Rock & Roll", "rock.md"), ("Wow!", "wow.md"), ("Tale", "tale (1).md")]
    finder = StoryFinder(tuple(Story(title, path, i, 1) for i, (title, path) in enumerate(stories)))
    assert titles(finder, finder.complete("&")) == ["Rock & Roll"]
    assert titles(finder, finder.complete(" ! ")) == ["Wow!"]
    assert titles(finder, finder.complete("(1)")) == ["Tale"]
    assert finder.complete("%") == []
    assert titles(finder, finder.complete("  ")) == ["The Mill", "Rock & Roll", "Wow!", "Tale"]  # nothing typed


def test_a_name_pasted_with_terminal_escapes_or_control_characters_is_the_story_named(finder):
    # As a question is searched: "\x1b[1;31mSophie Korolev\x1b[0m" was looked for as "1 31msophie korolev 0m".
    typed = {
        "\x1b[1;31mSophie Korolev\x1b[0m": "Sophie",
        "\x1b]0;title\x07ballerina": "Ballerina",
        "so\x00fia\x7f": "Sofia",
    }
    for name, title_part in typed.items():
        found = titles(finder, finder.find(name).matches)
        assert len(found) == 1 and title_part in found[0], name
    assert "Sophie" in titles(finder, finder.complete("\x1b[1mSoph"))[0]


def test_a_title_typed_with_small_words_it_lacks_is_that_story():
    # "Ali Baba and the Forty Thieves" was no story (only a suggestion) where the title is "Ali Baba And Forty Thieves".
    titles_held = ["Ali Baba And Forty Thieves", "Snow Man", "The Snow Man", "Forty Winks", "The Who"]
    finder = StoryFinder(tuple(Story(title, f"s{i}.md", i, 1) for i, title in enumerate(titles_held)))
    assert titles(finder, finder.find("Ali Baba and the Forty Thieves").matches) == ["Ali Baba And Forty Thieves"]
    assert titles(finder, finder.find("the snow man").matches) == ["The Snow Man"]  # a whole title is that one
    assert titles(finder, finder.find("a snow man").matches) == ["Snow Man", "The Snow Man"]
    assert titles(finder, finder.find("the who").matches) == ["The Who"]  # small words alone count
    assert finder.find("the forty winks of ali").matches == ()  # every other word must be in one title


def test_a_file_name_typed_exactly_picks_its_story_among_those_named_alike_in_another_case():
    """A folder on Linux may hold `mill.md` and `Mill.md`, and a server's shelf held `the-mill.md` and `The-Mill.MD`
    (uploaded again from Windows): a file name typed exactly as written was "more than one story" (names are
    compared folded), with "Give more of the title, or its file name" as the only way out. The one written so is it;
    a name typed in a third case is still either."""
    stories = [("The Mill", "mill.md"), ("The Mill", "Mill.md"), ("The Mill", ".shelf/3/the-mill.md")]
    finder = StoryFinder(tuple(Story(title, path, i, 1) for i, (title, path) in enumerate(stories)))
    assert finder.find("Mill.md").matches == (1,) and finder.find(" mill.md ").matches == (0,)
    assert finder.find("the-mill.md").matches == (2,)
    assert len(finder.find("MILL.md").matches) == 2 and len(finder.find("The Mill").matches) == 3


def test_a_file_in_a_folder_is_found_by_its_name_alone_or_with_the_folder_it_was_typed_from():
    """docs/commands.md: `--story` takes a story's file name. One in a sub-folder (tales/kira.md) was "No story called
    kira.md", and `--story corpus/mill.md` (as the shell completes a path from the clone) or "./mill.md" was no story
    either. Its path typed whole still picks it among files of one name in two folders, which are otherwise both."""
    stories = [("The Mill", "mill.md"), ("Kira's Roses", "tales/kira.md"), ("Old Roses", "old/kira.md")]
    finder = StoryFinder(tuple(Story(title, path, i, 1) for i, (title, path) in enumerate(stories)))
    for typed in ("corpus/mill.md", "./mill.md", "/home/me/storybot/corpus/MILL.md"):
        assert finder.find(typed).matches == (0,), typed
    assert finder.find("tales/kira.md").matches == (1,)
    assert finder.find("kira.md").matches == (1, 2) and finder.find("stories/elsewhere/Kira.MD").matches == (1, 2)
    assert finder.find("corpus/forge.md").matches == ()


def test_a_path_typed_from_elsewhere_picks_the_file_whose_folders_end_it_among_files_of_one_name():
    """docs/commands.md: a path typed from elsewhere (`corpus/tales/kira.md`, as the shell completes it) names its
    story. Beside an old/kira.md it was "could be more than one story", though the path typed says which."""
    stories = [("Kira's Roses", "tales/kira.md"), ("Old Roses", "old/kira.md"), ("Kira", "kira.md")]
    finder = StoryFinder(tuple(Story(title, path, i, 1) for i, (title, path) in enumerate(stories)))
    for typed in ("corpus/tales/kira.md", "./corpus/tales/kira.md", "/home/me/storybot/corpus/Tales/Kira.MD"):
        assert finder.find(typed).matches == (0,), typed
    assert finder.find("../corpus/old/kira.md").matches == (1,) and finder.find("corpus/kira.md").matches == (2,)
    assert finder.find("elsewhere/tales-and-more/kira.md").matches == (2,)  # no folder of theirs: the one of none


def test_a_stored_path_names_its_story_exactly_or_none(finder):
    index = finder.by_path("sophie-korolev-pianist.md")
    assert index is not None and finder.stories[index].path == "sophie-korolev-pianist.md"
    assert finder.by_path("sophie-korolev-pianist-2.md") is None  # removed: not the nearest title
    assert finder.by_path("Sophie Korolev: A Pianist Takes the Stage") is None  # a title is not a path


def test_a_typed_name_is_matched_in_steps_that_do_not_grow_with_its_repeated_words():
    # A story: option (any member's /ask) of one word typed 95 times was looked for in every title once per time
    # typed, and the name was folded again for every story: a tenth of a second among 3,080 titles, on the event
    # loop, for each such /ask.
    stories = tuple(
        Story(title=f"The {word} of the valley", path=f"{word}.md", first_passage=n, passage_count=1)
        for n, word in enumerate(f"mill{n}" for n in range(300))
    )
    finder = StoryFinder(stories)
    name = "of " * 95 + "zebra"
    lookup, lines, folds = steps_of(lambda: finder.find(name), story_names.__file__, "fold")
    assert lookup.matches == ()
    assert folds < 10
    assert lines < 40 * len(stories)


def test_closest_titles_are_those_rapidfuzz_extract_gives_in_its_order():
    # Scored with cdist (which lets go of the GIL) rather than extract: the same titles, best first, equals in order.
    chance = random.Random(7)
    words = ["mill", "miller", "river", "weir", "keeper", "lamp", "storm", "dancer", "violin", "winter"]
    titles = [" ".join(chance.choices(words, k=chance.randint(1, 4))) for _ in range(400)]
    stories = tuple(Story(title, f"s{i}.md", i, 1) for i, title in enumerate(titles))
    finder = StoryFinder(stories)
    joined = StoryFinder.joined(StoryFinder(stories[:150]), StoryFinder(stories[150:]), stories)  # a view's
    for typed in ["milr", "stom lamb", "violni dancre", "w", "zzzz", "keeper keeper river weir lamp storm" * 3]:
        key = " ".join(typed.split())
        extracted = process.extract(key, titles, scorer=fuzz.WRatio, score_cutoff=FUZZY_SUGGEST, limit=25)
        assert finder._closest(key, 25) == [i for _, _, i in extracted], typed
        assert joined._closest(key, 25) == finder._closest(key, 25), typed


def test_closest_titles_keep_extracts_order_where_scores_differ_in_the_last_digit():
    # WRatio scores "kari woodencoat" 60.00000000000001 against "enchanted", "queen crane" 60.0: cdist's float32
    # made them equal, and "queen crane", first in story order, came before what extract ranks above it.
    titles = ["Queen Crane", "Kari Woodencoat", "The One-Handed Girl", "The Enchanted Moccasins"]
    finder = StoryFinder(tuple(Story(title, f"s{i}.md", i, 1) for i, title in enumerate(titles)))
    keys = [story_names._key(title) for title in titles]
    extracted = process.extract("enchanted", keys, scorer=fuzz.WRatio, score_cutoff=FUZZY_SUGGEST, limit=3)
    assert [i for _, _, i in extracted] == [3, 1, 2]
    assert finder._closest("enchanted", 3) == [3, 1, 2]
