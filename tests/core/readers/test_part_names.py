from bot.core.corpus import read_story
from bot.core.readers.part_names import with_parts_named
from bot.core.readers.reader import Block
from bot.core.readers.text import TextReader

PLAY = (
    "THE TOLL BRIDGE\n\nACT I.\n\nSCENE I. The toll house. Morning.\n\nMAUD. Fourteen carts before breakfast.\n\n"
    "ACT II.\n\nSCENE I. The same. Evening.\n\nPIKE. The ford is up to a horse's belly.\n"
)


def test_a_plays_scenes_are_named_with_their_act():
    # Every act's first scene was "SCENE I.": an answer from the second act cited no act.
    story = TextReader().read(PLAY.encode())
    assert [block.text for block in story.blocks if block.heading] == [
        "ACT I.",
        "ACT I: SCENE I. The toll house. Morning.",
        "ACT II.",
        "ACT II: SCENE I. The same. Evening.",
    ]


def test_a_books_chapters_numbered_from_one_in_each_part_are_named_with_their_part(tmp_path):
    book = "# The Two Towns\n\n## Part One\n\n### Chapter 1\n\nThe mill stood by the river.\n\n"
    book += "### Chapter 2\n\nThe miller slept.\n\n## Part Two\n\n### Chapter 1\n\nThe flood came.\n"
    (tmp_path / "towns.md").write_text(book, encoding="utf-8")
    assert [(p.chapter, p.text) for p in read_story(tmp_path / "towns.md")[1]] == [
        ("Part One: Chapter 1", "The mill stood by the river."),
        ("Part One: Chapter 2", "The miller slept."),
        ("Part Two: Chapter 1", "The flood came."),
    ]


def test_chapters_numbered_through_the_parts_keep_their_names():
    blocks = [
        Block("BOOK I", heading=True),
        Block("CHAPTER I.", heading=True),
        Block("The mill stood by the river."),
        Block("BOOK II", heading=True),
        Block("CHAPTER II.", heading=True),
        Block("The flood came."),
    ]
    assert with_parts_named(blocks) == blocks


def test_a_heading_that_holds_its_act_is_no_part_and_names_the_scenes_under_it():
    play = "THE MARINER'S WIFE\n\nACT I. SCENE I.\n\nA quay at dawn.\n\nSCENE II.\n\nThe same. Evening.\n\n"
    play += "ACT II. SCENE I.\n\nA ship's deck.\n\nSCENE II.\n\nThe quay again.\n"
    story = TextReader().read(play.encode())
    assert [block.text for block in story.blocks if block.heading] == [
        "ACT I. SCENE I.",
        "ACT I: SCENE II.",
        "ACT II. SCENE I.",
        "ACT II: SCENE II.",
    ]


def test_a_books_epilogue_after_its_last_part_is_named_alone():
    blocks = [
        Block("PART ONE", heading=True),
        Block("CHAPTER I.", heading=True),
        Block("The road ran west."),
        Block("PART TWO", heading=True),
        Block("CHAPTER I.", heading=True),
        Block("The hills were cold."),
        Block("EPILOGUE", heading=True),
        Block("Years later she told her daughter."),
    ]
    assert [block.text for block in with_parts_named(blocks) if block.heading] == [
        "PART ONE",
        "PART ONE: CHAPTER I.",
        "PART TWO",
        "PART TWO: CHAPTER I.",
        "EPILOGUE",
    ]


def test_titled_chapters_sharing_their_first_words_are_no_chapter_named_again():
    blocks = [
        Block("BOOK I", heading=True),
        Block("The Wedding", heading=True),
        Block("The bells rang."),
        Block("BOOK II", heading=True),
        Block("The Wedding Night", heading=True),
        Block("The candles burned down."),
    ]
    assert with_parts_named(blocks) == blocks
