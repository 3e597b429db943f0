from bot.core.readers.chapter_lines import is_chapter_line


def test_chapter_lines_are_told_from_text():
    chapters = [
        "CHAPTER I.",
        "Chapter 12",
        "BOOK II",
        "Chapter Twenty-One",
        "CHAPTER THE FIRST",
        "STAVE ONE",
        "Chapter 3: The Storm",
        "XIV",
        "IV. THE RED-HEADED LEAGUE",
        "PROLOGUE",
        "Part Two — The Sea",
        "Chapter the First",
        "Book the Second - The Golden Thread",
        "Part the Third",
        "Kapitel 1",  # a German, French, Spanish, Italian or Dutch book's
        "Chapitre II",
        "Capítulo 3: La tormenta",
        "Capitolo 4",
        "Hoofdstuk 5",
        "Prolog",
        "Épilogue",
    ]
    text = [
        "Chapter one was dull, she said",
        "I think so.",
        "chapter 1",
        "Books II and III",
        "MIX the flour well",
        "Part of it was true.",
        "The Storm",
        "CHAPTER I. " + "very long " * 10,
        "Chapter the first was the best",
        "Chapter the",
        "Teil des Ganzen",
        "Parte de la casa",
        "M. F.",  # a preface's signature: the "M." of it read as a thousand
        "C. D.",
        "V. W. R.",
    ]
    assert [line for line in chapters if not is_chapter_line(line)] == []
    assert [line for line in text if is_chapter_line(line)] == []
