import pytest

from bot.core.corpus import load_corpus
from bot.core.letter_lines import is_closing, is_date_line, is_greeting, is_signature, with_letter_lines
from bot.core.library import StoryLibrary


@pytest.mark.parametrize(
    ("line", "date", "greeting", "closing", "signature"),
    [
        ("3rd October 1952", True, False, False, False),
        ("Skerryvore, Monday 3 October", True, False, False, False),
        ("October 3, 1952.", True, False, False, False),
        ("Dear Agnes,", False, True, False, False),
        ("My dearest Mina,", False, True, False, False),
        ("Dear Mr. Holmes:", False, True, False, False),
        ("Your loving brother,\nCallum", False, False, True, False),
        ("Yours ever, J. R.", False, False, True, False),
        ("With love,", False, False, True, False),
        ("Callum", False, False, False, True),
        ("J. R. Hartley", False, False, False, True),
        # Narration and speech that look alike stay paragraphs.
        ("In May the river rose.", False, False, False, False),
        ("On the 3rd of October she left.", False, False, False, False),
        ("Dear me, what a day it was.", False, False, False, False),
        ("Love, she thought, was blind.", False, False, False, False),
        ('"Dear Agnes," he began.', False, False, False, False),
        ("The End", False, False, False, False),
        ("Callum!", False, False, False, False),
        ("", False, False, False, False),
    ],
)
def test_a_letters_lines_are_told_from_narration(line, date, greeting, closing, signature):
    assert (is_date_line(line), is_greeting(line), is_closing(line), is_signature(line)) == (
        date,
        greeting,
        closing,
        signature,
    )


def test_a_letters_date_and_greeting_join_the_paragraph_after_and_its_closing_the_paragraph_before():
    paragraphs = [
        "3rd October 1952",
        "Dear Agnes,",
        "I have arrived at Skerryvore.",
        "The cottage has two rooms.",
        "Your loving brother,\nCallum",
        "19th October 1952",
        "Dear Callum,",
        "Mother cried.",
        "Agnes",
    ]
    assert with_letter_lines([(p, 1) for p in paragraphs]) == [
        ("3rd October 1952\nDear Agnes,\nI have arrived at Skerryvore.", 3),
        ("The cottage has two rooms.\nYour loving brother,\nCallum", 2),
        ("19th October 1952\nDear Callum,\nMother cried.\nAgnes", 4),
    ]


def test_a_name_alone_is_a_signature_only_where_a_letter_ends():
    paragraphs = ["Dear Callum,", "The storm broke.", "Callum", "He ran to the lamp.", "Agnes"]
    assert with_letter_lines([(p, 1) for p in paragraphs]) == [
        ("Dear Callum,\nThe storm broke.", 2),
        ("Callum", 1),  # the letter goes on: a name alone, said as a paragraph
        ("He ran to the lamp.\nAgnes", 2),  # last: the letter's signature
    ]
    # No greeting, no letter: a story's short last paragraph is its own.
    assert with_letter_lines([("The storm broke.", 1), ("Agnes", 1)]) == [("The storm broke.", 1), ("Agnes", 1)]
    assert with_letter_lines([("Dear Agnes,", 1)]) == [("Dear Agnes,", 1)]  # nothing after it to join


def test_a_letter_story_reads_each_letters_lines_into_its_paragraphs_and_answers_from_them(tmp_path):
    (tmp_path / "letters.md").write_text(
        "# Letters from the Lighthouse\n\n3rd October 1952\n\nDear Agnes,\n\n"
        "I have arrived at last at Skerryvore Point, by the boat from Oban.\n\n"
        "The keeper's cottage has two rooms and a stove that smokes.\n\nYour loving brother,\nCallum\n\n"
        "19th October 1952\n\nDear Callum,\n\nMother cried when I read her your letter.\n\nAgnes",
        encoding="utf-8",
    )
    corpus = load_corpus(tmp_path)
    assert [(p.paragraph, p.text.split("\n")) for p in corpus.passages] == [
        (1, ["3rd October 1952", "Dear Agnes,", "I have arrived at last at Skerryvore Point, by the boat from Oban."]),
        (4, ["The keeper's cottage has two rooms and a stove that smokes.", "Your loving brother,", "Callum"]),
        (6, ["19th October 1952", "Dear Callum,", "Mother cried when I read her your letter.", "Agnes"]),
    ]
    answer = StoryLibrary(corpus).ask("why did mother cry")
    assert answer.best is not None and answer.best.excerpt.text.endswith("your letter.\nAgnes")  # and who wrote it
