from bot.core.story_ids import story_id
from bot.messages import story_choice_text
from bot.operations.resolve_story import (
    MAX_STORY_NAME_CHARS,
    StoryFound,
    resolve_story,
    story_by_id,
    story_by_path,
)
from tests.lookalike_stories import LONG_FOLDER


def test_an_id_names_its_story_however_long_the_path(lookalikes):
    path = LONG_FOLDER + "the-glass-orchard.md"
    assert len(path) > 100
    found = resolve_story(lookalikes, story_id(path))
    assert found.found is StoryFound.ONE and found.story is not None and found.story.path == path


def test_ids_keep_lookalikes_and_repeated_titles_apart(lookalikes):
    for path in ("a/chapter.md", "b/chapter.md", "sofia-ballerina.md", "sofia-ballerin\u0430.md"):
        found = resolve_story(lookalikes, story_id(path)).story
        assert found is not None and found.path == path
        assert story_by_id(lookalikes, story_id(path)) == found == story_by_path(lookalikes, path)


def test_a_shared_title_is_ambiguous_with_each_file(lookalikes):
    found = resolve_story(lookalikes, "Chapter")
    assert found.found is StoryFound.AMBIGUOUS and found.story is None
    assert {c.path for c in found.candidates} == {"a/chapter.md", "b/chapter.md"}
    assert all(c.title_shared for c in found.candidates)


def test_a_removed_story_is_gone_never_another(lookalikes):
    removed = story_id("the-old-mill-returns.md")
    gone = resolve_story(lookalikes, removed)
    assert gone.found is StoryFound.GONE and gone.story is None
    assert story_by_id(lookalikes, removed) is None and story_by_path(lookalikes, "the-old-mill-returns.md") is None


def test_a_name_resolves_forgivingly_or_suggests(lookalikes):
    mill = resolve_story(lookalikes, "the old mil")
    assert mill.found is StoryFound.ONE and mill.story is not None and mill.story.path == "the-old-mill.md"
    nothing = resolve_story(lookalikes, "Glass Orchid Mill Sofia Chapter")
    assert nothing.found is StoryFound.NONE and nothing.story is None


def test_sixteen_letters_no_story_has_as_its_id_are_a_name_with_the_closest_titles(library):
    # "violinistsviolin" looks like an id (16 of base32's letters), and was told its story is no longer in the
    # library, without the closest titles any other name gets.
    typed = resolve_story(library, "violinistsviolin")
    assert typed.found is StoryFound.NONE
    assert [s.title for s in typed.suggestions] == ["Sébastien Kalmurzaeva: The Violinist of Moscow"]
    assert story_choice_text(typed).startswith('No story called "violinistsviolin". Closest: "Sébastien')
    for stale in (story_id("the-old-mill-returns.md"), "qqqqqqqqqqqqqqqq"):  # an id with digits; one of letters
        assert stale.isalpha() or any(c.isdigit() for c in stale)
        assert resolve_story(library, stale).found is StoryFound.GONE, stale


def test_an_empty_name_or_one_over_the_longest_is_said_so_and_not_looked_for(library):
    # Zero-width spaces or a braille blank alone show nothing too: 'No story called "\u200b"', an empty pair of quotes.
    for empty in ("", "   ", "\u200e\t", "\x1b[0m", "\u200b", "\u200b \u200f", "\u2800"):
        assert resolve_story(library, empty).found is StoryFound.EMPTY, repr(empty)
    assert story_choice_text(resolve_story(library, " ")) == (
        "The story name is empty: give its title or its file name. /stories lists them."
    )
    longest = resolve_story(library, "sophie".ljust(MAX_STORY_NAME_CHARS))  # white space around it is not counted
    assert longest.found is StoryFound.ONE
    over = resolve_story(library, "sophie " * 40)
    assert over.found is StoryFound.TOO_LONG and over.story is None and not over.suggestions
    assert story_choice_text(over) == (
        "That story name is 279 characters long; give at most 200: its title, or its file name."
    )
