import json

import pytest

from bot.core.library import StoryLibrary
from bot.eval.beir import Part
from bot.eval.excerpts import ExcerptsResult, answer_places, evaluate_excerpts, holds
from bot.eval.sections import Scope, load_section_questions, sections_corpus
from bot.eval.squad import squad_set
from bot.program import main
from tests.squad_excerpt import write_squad_excerpt

FILLER = "The wind blew over the moor and the sheep stood still in the rain. " * 6


@pytest.fixture
def dataset(tmp_path):
    """One story whose second section is long: the excerpt trims it."""
    corpus = tmp_path / "tales" / "corpus"
    corpus.mkdir(parents=True)
    (corpus / "the-fox.md").write_text(
        f"# The Fox\n\nA fox lived in the hollow oak.\n\n{FILLER}The fox stole a goose from the farmer. "
        f"It carried the goose to its den by the river.\n\nThe farmer chased the fox.",
        encoding="utf-8",
    )
    questions = [
        {"q": "What did the fox steal?", "file": "the-fox.md", "sections": [2], "answers": ["a goose", "goose"]},
        {"q": "Where did the fox take the goose?", "file": "the-fox.md", "sections": [2], "answers": ["its den"]},
        {"q": "Who chased the fox?", "file": "the-fox.md", "sections": [3], "answers": ["the farmer"]},
        {"q": "Why did the fox steal?", "file": "the-fox.md", "sections": [2], "answers": ["it was hungry"]},
        {"q": "Where did the fox live?", "file": "the-fox.md", "sections": [1]},  # no answers: not counted
    ]
    (tmp_path / "tales" / "questions.jsonl").write_text("\n".join(json.dumps(q) for q in questions))
    return tmp_path / "tales"


def test_an_answer_is_held_word_for_word_whatever_the_case_and_punctuation():
    assert holds("The fox stole a Goose, from the farmer.", "a goose from")
    assert not holds("The fox stole a gooseberry.", "a goose")
    assert not holds("anything", " ")


def test_the_excerpt_counts_when_its_passage_holds_an_answer(dataset):
    library = StoryLibrary(sections_corpus(dataset, []))
    result = evaluate_excerpts(library, load_section_questions(dataset / "questions.jsonl"), Scope.STORY)
    assert result.questions == 4  # the question without answers is left out
    assert result.passage_holds == 3  # "it was hungry" is in no passage
    assert result.excerpt_holds == 3
    assert result.metrics["excerpt keeps"] == 1.0


def test_eval_command_adds_the_excerpt_measures(dataset, capsys):
    assert main(["eval", "--sections", str(dataset), "--excerpts", "--scope", "story", "--json"]) == 0
    metrics = json.loads(capsys.readouterr().out)["rows"][0]["metrics"]
    assert metrics["passage holds"] == pytest.approx(3 / 4) and "excerpt keeps" in metrics


def test_answer_places_are_where_holds_finds_the_answer():
    text = "The fox stole a Goose, from the farmer. A gooseberry bush hid a goose."
    assert [text[s:e] for s, e in answer_places(text, "a goose")] == ["a Goose", "a goose"]
    assert answer_places(text, "a fox") == [] and answer_places(text, " ") == []  # "The fox", not "a fox"


def test_eval_measures_other_excerpt_lengths(dataset, capsys):
    kept = {}
    for chars in ("400", "20"):
        assert (
            main(
                [
                    "eval",
                    "--sections",
                    str(dataset),
                    "--excerpts",
                    "--scope",
                    "story",
                    "--json",
                    "--excerpt-chars",
                    chars,
                ]
            )
            == 0
        )
        kept[chars] = json.loads(capsys.readouterr().out)["rows"][0]["metrics"]["excerpt keeps"]
    assert kept["400"] == 1.0 > kept["20"]  # 20 characters cannot hold "The fox stole a goose"
    assert main(["eval", "--sections", str(dataset), "--excerpts", "--excerpt-chars", "0"]) == 2
    assert "--excerpt-chars must be a number of characters" in capsys.readouterr().err


@pytest.fixture
def squad(tmp_path):
    return write_squad_excerpt(tmp_path / "squad" / "dev-v1.1.json")


def test_squads_answer_spans_are_looked_for_in_the_passage_and_its_excerpt(squad):
    corpus, questions = squad_set(squad, Part.HELD_OUT)
    library = StoryLibrary(corpus)
    # The Normans' three questions; library-wide, "In what country is Normandy located?" gets no answer.
    assert evaluate_excerpts(library, questions, Scope.LIBRARY) == ExcerptsResult(3, 2, 2)
    assert evaluate_excerpts(library, questions, Scope.STORY) == ExcerptsResult(3, 3, 3)
    library.excerpt_chars = 300  # the Latin name's paragraph is 349 characters: "9th century" closes it
    assert evaluate_excerpts(library, questions, Scope.STORY) == ExcerptsResult(3, 3, 2)


def squad_rows(capsys, squad, *options: str) -> dict[str, dict[str, float]]:
    assert main(["eval", "--squad", str(squad), "--excerpts", "--json", *options]) == 0
    return {row["set"]: row["metrics"] for row in json.loads(capsys.readouterr().out)["rows"]}


def test_eval_measures_squads_held_out_excerpts(squad, capsys):
    rows = squad_rows(capsys, squad)
    assert list(rows) == ["squad held-out (library)", "squad held-out (story)"]
    library, story = rows.values()
    assert library["passage holds"] == pytest.approx(2 / 3) and library["excerpt keeps"] == 1.0
    assert story["passage holds"] == story["excerpt holds"] == 1.0
    assert story["hit@1"] == pytest.approx(2 / 3)  # as `eval --table` counts it
    shorter = squad_rows(capsys, squad, "--excerpt-chars", "300", "--scope", "story")
    assert shorter["squad held-out (story)"]["excerpt keeps"] == pytest.approx(2 / 3)
    every = squad_rows(capsys, squad, "--part", "all", "--scope", "story")  # with Super Bowl 50's question
    assert every["squad all (story)"]["passage holds"] == 1.0
