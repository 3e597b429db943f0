import pytest

from bot.core.story_names import StoryFinder


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


def test_a_stored_path_names_its_story_exactly_or_none(finder):
    index = finder.by_path("sophie-korolev-pianist.md")
    assert index is not None and finder.stories[index].path == "sophie-korolev-pianist.md"
    assert finder.by_path("sophie-korolev-pianist-2.md") is None  # removed: not the nearest title
    assert finder.by_path("Sophie Korolev: A Pianist Takes the Stage") is None  # a title is not a path
