import json

import pytest

from bot.core.analysis import fold
from bot.core.corpus import story_in
from bot.core.library import StoryLibrary
from bot.eval.beir import DatasetError, Part
from bot.eval.sections import Scope, evaluate_sections
from bot.eval.squad import load_articles, squad_set
from bot.messages import dataset_error_text
from tests.squad_excerpt import NORMANS, QUESTIONS, write_squad_excerpt


@pytest.fixture
def squad(tmp_path):
    return write_squad_excerpt(tmp_path / "squad" / "dev-v1.1.json")


def test_each_question_is_tied_to_the_paragraph_it_was_asked_on(squad):
    corpus, questions = squad_set(squad, Part.ALL)
    assert [(q.file, set(q.sections)) for q in questions] == [
        ("Normans.txt", {1}),
        ("Normans.txt", {2}),
        ("Normans.txt", {3}),
        ("Super_Bowl_50.txt", {1}),
    ]
    stories = {story.path: n for n, story in enumerate(corpus.stories)}
    for item, (_, _, _, answer) in zip(questions, QUESTIONS, strict=True):
        passages = corpus.story_passages(stories[item.file])
        answering = " ".join(p.text for p in passages if p.paragraph in item.sections)
        assert fold(answer) in fold(answering) and item.answers == (answer,)


def test_an_article_is_cut_into_passages_as_the_bot_cuts_a_story_file(squad):
    corpus, _ = squad_set(squad, Part.ALL)
    normans = corpus.story_passages(0)
    _, read = story_in("\n\n".join(NORMANS).encode("utf-8"), "Normans.txt")
    assert [(p.paragraph, p.text) for p in normans] == [(t.paragraph, t.text) for t in read]
    assert [p.paragraph for p in normans] == [1, 2, 2, 3]  # the long second paragraph is two passages
    assert "William the Conqueror" in normans[2].text
    assert [s.title for s in corpus.stories] == ["Normans", "Super Bowl 50"]


def test_a_passage_counts_when_it_comes_from_the_paragraph_asked_on(squad):
    corpus, questions = squad_set(squad, Part.ALL)
    result = evaluate_sections(StoryLibrary(corpus), questions, Scope.STORY)
    # Hastings is answered by the long paragraph's second passage; "In what country is Normandy located?"
    # comes second, after the paragraph that says "medieval France".
    assert result.passages == 5
    assert result.metrics["hit@1"] == 0.75 and result.metrics["mrr@10"] == pytest.approx((1 + 1 / 2 + 1 + 1) / 4)


def test_an_article_is_fitted_on_or_held_out_never_both(squad):
    fit_corpus, fit = squad_set(squad, Part.FIT)
    held_corpus, held = squad_set(squad, Part.HELD_OUT)
    assert {q.file for q in fit} == {"Super_Bowl_50.txt"} and {q.file for q in held} == {"Normans.txt"}
    assert [s.path for s in fit_corpus.stories] == ["Super_Bowl_50.txt"]  # the fit never reads a held-out article
    assert [s.path for s in held_corpus.stories] == ["Normans.txt", "Super_Bowl_50.txt"]
    assert [a.held_out for a in load_articles(squad)] == [True, False]


def test_a_file_that_is_not_squads_layout_is_named(tmp_path):
    wrong = tmp_path / "questions.json"
    wrong.write_text(json.dumps({"data": [{"title": "Normans", "paragraphs": [{"text": "no context"}]}]}))
    with pytest.raises(DatasetError) as refused:
        load_articles(wrong)
    assert dataset_error_text(refused.value).startswith(f"{wrong} is not SQuAD v1.1's JSON (KeyError(")
    with pytest.raises(DatasetError) as missing:
        load_articles(tmp_path / "absent.json")
    assert "absent.json is missing" in dataset_error_text(missing.value)


def test_an_article_of_a_question_and_its_reply_is_read_as_one_passage_of_both_paragraphs(tmp_path):
    # The eval stopped, saying a paragraph was empty, when a line that asks was read into one passage with its reply.
    path = tmp_path / "squad.json"
    paragraphs = ['"Who built the manor?" asked the visitor.', '"The Normans did, in 1066."', "The manor stood."]
    asked = {"question": "Who built it?", "id": "m-2", "answers": [{"text": "Normans", "answer_start": 5}]}
    items = [{"context": text, "qas": [asked] if number == 1 else []} for number, text in enumerate(paragraphs)]
    path.write_text(json.dumps({"version": "1.1", "data": [{"title": "Manor_Case", "paragraphs": items}]}))
    corpus, questions = squad_set(path, Part.ALL)
    assert [(p.paragraph, p.text) for p in corpus.passages] == [(1, "\n".join(paragraphs[:2])), (3, paragraphs[2])]
    assert [set(q.sections) for q in questions] == [{2}]
