import pytest

from bot.core.corpus import load_corpus
from bot.core.dialogue_replies import LONGEST_EXCHANGE, LONGEST_QUESTION, asks, replies, with_replies
from bot.core.excerpt import EXCERPT_CHARS
from bot.core.library import StoryLibrary


@pytest.mark.parametrize(
    "paragraph",
    [
        '"Who found him?" asked O\'Brien.',
        "\u201cWho found him?\u201d asked O\u2019Brien, turning from the window.",
        "'Who found him?' asked the inspector.",
        "\u201eWer hat ihn gefunden?\u201c",
    ],
)
def test_one_quoted_question_with_who_asked_it_asks(paragraph):
    assert asks(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        '"Who found him," said O\'Brien, "is no matter."',  # no question
        "Who found him? Nobody knew.",  # narration
        '"Did she?" he said. "Then she lied."',  # two speeches
        "'This shall be done.' 'And wherefore came she to me?' asked Manawyddan.",  # several speeches, FairytaleQA's
        '"I\'ll come!" Bale called back, and called: "Red Fellow! Are you awake?"',  # narration around speech
        '"Who found him?" asked O\'Brien, who had come up from London on the early train that morning.',  # long tag
        '"' + "Who found him " * 20 + '?"',  # longer than a line that asks
        '"Who found him?',  # never closed
        "",
    ],
)
def test_speech_that_is_not_one_line_asking_does_not_ask(paragraph):
    assert not asks(paragraph)


def test_a_line_that_asks_is_joined_with_the_spoken_reply_only():
    paragraphs = [
        '"Who found him?" asked O\'Brien.',
        '"The maid, sir."',
        '"When?"',
        "The clock struck seven.",  # narration replies to nothing
        '"Why?"',
        '"Where?"',  # a reply that asks again is not joined to the next
        '"In the library."',
    ]
    assert with_replies([(p, 1) for p in paragraphs], 1200) == [
        ('"Who found him?" asked O\'Brien.\n"The maid, sir."', 2),
        ('"When?"', 1),
        ("The clock struck seven.", 1),
        ('"Why?"\n"Where?"', 2),
        ('"In the library."', 1),
    ]


@pytest.mark.parametrize(
    ("paragraph", "spoken"),
    [
        ("'The maid, sir.'", True),
        ("‘Twas the maid, sir,’ said the constable.", True),  # an elision opening single-quoted speech
        ("'In the library,' he said.", True),
        ('"Twas the maid."', True),  # a double quote is never an apostrophe
        ("'Twas a cold night, and the wind howled down the chimney.", False),  # narration opening with an elision
        ("‘Tis true the constable wrote by candlelight.", False),  # as a word processor curls it
        ("’Cause nobody asked him.", False),
        ("'Twas a cold night, and the owls' cries carried far.", False),  # a plural's apostrophe closes nothing
        ("'90s music played in the hall.", False),
        ("'Come here.", True),  # a speech running on into the next paragraph closes no quote
        ("‘We must go now. The tide won’t wait for the fishermen’s boats.", True),
        ("'Ere long,' said the old man.", True),
        ("The maid, sir.", False),
    ],
)
def test_a_reply_opens_with_a_quote_and_a_single_one_closes_too(paragraph, spoken):
    assert replies(paragraph) is spoken


def test_narration_opening_with_an_elision_is_not_joined_as_the_reply():
    question, narration = '"What was the weapon?" Hale asked.', "'Twas a cold night, and the wind howled."
    assert with_replies([(question, 1), (narration, 1)], LONGEST_EXCHANGE) == [(question, 1), (narration, 1)]


def test_a_reply_too_long_to_show_with_its_question_stays_apart():
    question, reply = '"Who hid the brandy?"', '"' + "The cellar was dark. " * 28 + 'The butler, Jenkins, hid it."'
    assert with_replies([(question, 1), (reply, 1)], LONGEST_EXCHANGE) == [(question, 1), (reply, 1)]
    assert len(question) < LONGEST_QUESTION and LONGEST_EXCHANGE <= EXCERPT_CHARS  # the whole exchange is shown


def test_a_question_whose_sentence_reads_on_is_not_joined():
    # '"…?" asked Lord Ashby' and no full stop: the people finder's intro ran on into the next speaker's reply.
    assert not asks('"Who is at the door?" asked Lord Ashby')
    assert asks('"Who is at the door?" asked Lord Ashby.') and asks('"Who is at the door?"')


def test_a_story_reads_a_question_and_its_reply_as_one_passage_and_finds_the_reply(tmp_path):
    (tmp_path / "lowther.md").write_text(
        "# The Affair at Lowther Court\n\n## One\n\n"
        "The inspector arrived at nine.\n\n"
        '"Who found him?" asked O\'Brien.\n\n'
        '"The maid, Sarah Pike, sir. At seven o\'clock this morning."\n\n'
        "The butler said the body was in the library.\n\n"
        '"Who else was there?" asked O\'Brien.\n\n'
        "He turned to the window.\n\n"
        "## Two\n\n"
        '"Whose hat is this?"\n\n'
        '"The nephew\'s."',
        encoding="utf-8",
    )
    corpus = load_corpus(tmp_path)
    assert [(p.text, p.paragraph, p.chapter, p.chapter_number) for p in corpus.passages] == [
        ("The inspector arrived at nine.", 1, "One", 1),
        ('"Who found him?" asked O\'Brien.\n"The maid, Sarah Pike, sir. At seven o\'clock this morning."', 2, "One", 2),
        ("The butler said the body was in the library.", 4, "One", 3),
        ('"Who else was there?" asked O\'Brien.', 5, "One", 4),  # no one replies
        ("He turned to the window.", 6, "One", 5),
        ('"Whose hat is this?"\n"The nephew\'s."', 7, "Two", 1),
    ]
    answer = StoryLibrary(corpus).ask("who found him")
    assert answer.best is not None and "Sarah Pike" in answer.best.excerpt.text
