from bot.core.readers.counted_chapters import MIN_COUNTED_CHAPTER_CHARS, counted_chapters
from bot.core.readers.reader import Block, typed_chapters
from bot.core.readers.text import TextReader

CHAPTER = "The heron stood on the rail of the ferry and would not leave, though the crew shouted at it. " * 12
assert len(CHAPTER) > MIN_COUNTED_CHAPTER_CHARS


def test_numbers_with_their_full_stop_and_a_name_perhaps_count_chapters_as_numbers_alone_do():
    # A manuscript's or fan fiction's "1." or "1. The Storm" named no chapter: each was a passage of two words.
    for numbers in (["1.", "2.", "3."], ["1. The Storm", "2. The Calm", "3. The Wager"], ["1.", "2. The Calm", "3."]):
        paragraphs = ["The Ferry Heron", *(part for number in numbers for part in (number, CHAPTER))]
        assert counted_chapters(paragraphs) == {1, 3, 5}, numbers


def test_steps_lists_and_numbers_written_two_ways_are_no_chapters():
    steps = ["Bread", "1. Sift the flour.", CHAPTER, "2. Knead it well.", CHAPTER, "3. Bake it.", CHAPTER]
    assert counted_chapters(steps) == set()
    mixed = ["Bread", "1.", CHAPTER, "TWO", CHAPTER, "3.", CHAPTER]
    assert counted_chapters(mixed) == set()
    short = ["Bread", "1.", "Flour.", "2.", "Water.", "3.", "Salt."]
    assert counted_chapters(short) == set()


def test_a_plain_text_story_is_read_in_its_numbered_chapters():
    raw = "The Ferry Heron\n\n" + "".join(f"{n}. {name}\n\n{CHAPTER}\n\n" for n, name in enumerate(["A", "B", "C"], 1))
    story = TextReader().read(raw.encode())
    assert [block.text for block in story.blocks if block.heading] == ["1. A", "2. B", "3. C"]


def test_a_document_of_no_headings_is_read_in_its_numbered_chapters():
    # Word's file of a manuscript typed with no heading styles: the same as its plain text.
    blocks = [block for n in (1, 2, 3) for block in (Block(f"{n}."), Block(CHAPTER))]
    assert [block.text for block in typed_chapters(blocks) if block.heading] == ["1.", "2.", "3."]


def test_a_prologue_or_epilogue_does_not_unnumber_the_chapters_between():
    # "Epilog" became a chapter line with German's words, and any chapter line switched numbered chapters off: a
    # German novel of chapters "1", "2", "3" and an epilogue was read as the epilogue's alone.
    paragraphs = ["Das Salzboot", "1", CHAPTER, "2", CHAPTER, "3", CHAPTER, "Epilog", CHAPTER]
    assert counted_chapters(paragraphs) == {1, 3, 5}


def test_a_numbered_list_in_a_novel_of_counted_chapters_leaves_them_counted():
    paragraphs = ["Fen", "ONE", CHAPTER, "1. Eggs", "2. Lamp oil", "3. Thread", "TWO", CHAPTER, "THREE", CHAPTER]
    assert counted_chapters(paragraphs) == {1, 6, 8}
