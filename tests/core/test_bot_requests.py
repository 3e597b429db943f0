"""Messages that ask the bot itself are told apart from questions about the stories, and no real question is
taken for one: the phrases people use, then every question of the bundled checks and of FairytaleQA."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import pytest

from bot.core import analysis
from bot.core.bot_requests import MAX_REQUEST_CHARS, MAX_REQUEST_WORDS, BotRequest, request_to_bot
from tests.conftest import CORPUS
from tests.steps import lines_run_in

ROOT = CORPUS.parent
FAIRYTALEQA = next(
    (folder / "shared/datasets/fairytaleqa" for folder in ROOT.parents if (folder / "shared/datasets").is_dir()),
    None,
)
"""The datasets of ../shared (looked for above the clone, a worktree being deeper); a user's clone has none."""

REQUESTS = {
    BotRequest.HELP: ["help", "help me", "how do I use this", "what can you do", "commands", "Who are you?"],
    BotRequest.GREETING: ["hi", "hello", "hey", "good morning", "Hi there!", "What's up?"],
    BotRequest.THANKS: ["thanks", "thank you", "thx", "Thank you so much!", "many thanks"],
    BotRequest.LIST_STORIES: [
        "which stories do you have",
        "which stories do you know",
        "what stories are there",
        "list the stories",
        "what books do you have",
        "what can I ask about",
        "How many stories do you have?",
        "show me all the tales",
        "stories",
    ],
}

TRICKY_QUESTIONS = [
    "who helped the king?",
    "what stories did grandmother tell?",
    "help the princess",
    "why did he say hello?",
    "how did the thanks arrive?",
    "Who helped Sofia?",
    "Why did the boy need help?",
    "What did the fox say to thank the hare?",
    "What did the old woman say after hello?",
    "Hi, who is Sofia?",
    "hey, how old is sofia",
    "thanks, and where was Sébastien born?",
    "What stories did the sailors tell at night?",
    "Which stories did the king love most?",
    "How many stories did the grandmother know?",
    "What books did Sophie read?",
    "What can the fairy do?",
    "What can you do with a magic ring?",
    "How do I get to the castle?",
    "Who are you, said the wolf to the girl?",
    "What did the giant list?",
    "What did the princess show the king?",
    "Good morning, said who?",
    "How are you feeling, asked the king. Who did he ask?",
    "help help help",
    "please",
    "thank",
    "Commands of the king",
    "What commands did the captain give?",
    "Who said good morning to the baker?",
]
"""Questions about stories that share a request's words, or all of them and more."""


@pytest.mark.parametrize(("request_id", "message"), [(r, m) for r, messages in REQUESTS.items() for m in messages])
def test_a_whole_message_asking_the_bot_is_its_request(request_id, message):
    assert request_to_bot(message) is request_id


@pytest.mark.parametrize(
    ("message", "request_id"),
    [
        ("HELP!!!", BotRequest.HELP),
        ("  Help ,  me ? ", BotRequest.HELP),
        ("Héllo", BotRequest.GREETING),
        ("THANK YOU", BotRequest.THANKS),
        ("thank you ’ ", BotRequest.THANKS),
        ("@storybot help", BotRequest.HELP),
        ("hey bot, can you help me please?", BotRequest.HELP),
        ("please help", BotRequest.HELP),
        ("Can you tell me which stories you know?", BotRequest.LIST_STORIES),
        ("could you list all the stories please", BotRequest.LIST_STORIES),
        ("ok thanks bot", BotRequest.THANKS),
        ("hey there", BotRequest.GREETING),
        ("hello storybot", BotRequest.GREETING),
    ],
)
def test_case_accents_punctuation_the_bots_name_and_politeness_are_set_aside(message, request_id):
    assert request_to_bot(message) is request_id


@pytest.mark.parametrize("question", TRICKY_QUESTIONS)
def test_a_question_about_the_stories_is_no_request(question):
    assert request_to_bot(question) is None


def test_nothing_to_go_on_is_no_request():
    assert request_to_bot("") is None
    assert request_to_bot("?!") is None
    assert request_to_bot("please please") is None


def test_a_long_message_is_not_read():
    padded = "help " + " " * MAX_REQUEST_CHARS
    assert request_to_bot(padded.strip()) is BotRequest.HELP
    assert request_to_bot(padded) is None
    for size in (MAX_REQUEST_CHARS + 1, 1_000_000):  # not a word of it analysed, however long
        found, steps = lines_run_in(analysis.__file__, partial(request_to_bot, "的" * size))
        assert found is None and steps == 0
    assert request_to_bot("please " * 10_000 + "help") is None
    assert request_to_bot("pls " * (MAX_REQUEST_WORDS - 1) + "help") is BotRequest.HELP
    assert request_to_bot("pls " * MAX_REQUEST_WORDS + "help") is None


def questions(path: Path) -> list[str]:
    return [json.loads(line)["q"] for line in path.read_text("utf-8").splitlines() if line.strip()]


def test_no_bundled_story_question_is_a_request():
    asked = questions(ROOT / "tests/fixtures/story_questions.jsonl")
    assert asked and [q for q in asked if request_to_bot(q) is not None] == []


@pytest.mark.skipif(FAIRYTALEQA is None, reason="no ../shared/datasets (FairytaleQA) beside this clone")
@pytest.mark.parametrize("split", ["train", "val"])
def test_no_fairytaleqa_question_is_a_request(split):
    assert FAIRYTALEQA is not None
    asked = questions(FAIRYTALEQA / split / "questions.jsonl")
    assert len(asked) > 1000
    assert [q for q in asked if request_to_bot(q) is not None] == []
