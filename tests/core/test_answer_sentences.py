"""The answer-sentence model: its features on a real passage, and the shipped file read as it was fitted."""

import json
from importlib import resources

import numpy as np
import pytest

from bot.core.answer_sentences import FEATURES, MODEL_FILE, SentenceModel, sentence_features
from bot.core.feeling_words import names_a_feeling
from bot.core.rerank.signals.sentence import best_sentence


def test_features_place_each_sentence_against_the_one_that_repeats_the_question(library):
    query = library.query("Where was Sébastien born?")
    candidate = library.rank(query, None, 1)[0]
    rows = sentence_features(candidate, query)
    best = best_sentence(candidate, query)[0]
    assert best is not None and rows.shape == (len(candidate.view.sentences), len(FEATURES))
    column = {name: number for number, name in enumerate(FEATURES)}
    assert list(np.flatnonzero(rows[:, column["best"]])) == [best]
    assert rows[best, column["share"]] == rows[:, column["share"]].max() > 0
    if best + 1 < len(rows):
        assert rows[best + 1, column["distance+1"]] == 1 and rows[best + 1, column["previous_share"]] > 0
    assert rows[:, column["cue_place"]].any() and not rows[:, column["cue_person"]].any()  # a where question


def test_a_sentence_holding_question_words_the_likeliest_lacks_says_how_much_of_the_question_they_carry(library):
    query = library.query("Where did Sofia Kalmurzaeva meet the musician Ivan?")
    candidate = library.rank(query, None, 1)[0]
    rows = sentence_features(candidate, query)
    best = best_sentence(candidate, query)[0]
    column = {name: number for number, name in enumerate(FEATURES)}
    new, share = rows[:, column["new_share"]], rows[:, column["share"]]
    assert best is not None and new[best] == 0 and np.all(new <= share)
    held = candidate.sentence_terms
    others = [s for s, terms in held.items() if s != best and terms - held[best]]
    assert others  # the question's words are spread over more than one sentence
    for sentence in others:
        assert 0 < new[sentence] <= share[sentence]
        assert new[sentence] == pytest.approx(query.weight_of(held[sentence] - held[best]) / query.total_weight)


@pytest.mark.parametrize(
    ("question", "asks"),
    [("How did Sofia feel when she met Ivan?", True), ("Where did Sofia meet Ivan?", False)],
)
def test_a_question_asking_how_someone_felt_looks_for_the_sentence_naming_a_feeling(library, question, asks):
    query = library.query(question)
    candidate = library.rank(query, None, 1)[0]
    column = sentence_features(candidate, query)[:, FEATURES.index("cue_feeling")]
    text = candidate.view.text
    naming = [names_a_feeling(text[start:end]) for start, end in candidate.view.sentences]
    assert any(naming) and not all(naming)  # the passage tells a feeling in some sentence, not all
    assert list(column) == [float(asks and named) for named in naming]


def test_feeling_words_are_found_as_whole_words_whatever_their_case():
    assert names_a_feeling("She was GLAD to see him.") and names_a_feeling("“Sorrowful,” said she")
    assert not names_a_feeling("The gladiator saw a sadder man.") and not names_a_feeling("")


def test_the_shipped_model_scores_as_the_weights_it_was_fitted_with(library):
    data = json.loads(resources.files("bot.core").joinpath(MODEL_FILE).read_text("utf-8"))
    weights = np.array([data["weights"][name] for name in FEATURES])
    model = SentenceModel.bundled()
    query = library.query("What did Sophie's teacher say about her playing?")
    for candidate in library.rank(query, None, 5):
        features = sentence_features(candidate, query)
        scores = features @ weights
        expected = np.exp(scores - scores.max()) / np.exp(scores - scores.max()).sum()
        chances = model.answer_chances(candidate, query)
        assert np.array_equal(chances, expected) and chances.sum() == pytest.approx(1.0)
        assert len(np.unique(chances)) > 1 or len(chances) == 1  # the model tells sentences apart


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "trees", "weights": dict.fromkeys(FEATURES, 1.0)},
        {"kind": "linear", "weights": dict.fromkeys(FEATURES[:-1], 1.0)},
        {"kind": "linear", "weights": dict.fromkeys(reversed(FEATURES), 1.0)},
        {"kind": "linear", "weights": dict.fromkeys(FEATURES, 1.0) | {"share": float("nan")}},
        {"kind": "linear", "weights": dict.fromkeys(FEATURES, 1.0) | {"length": float("inf")}},
    ],
)
def test_a_model_of_other_features_is_refused(data):
    with pytest.raises(ValueError, match="answer-sentence model"):
        SentenceModel.from_json(data)


def test_a_model_without_where_answers_stand_is_refused():
    data = json.loads(resources.files("bot.core").joinpath(MODEL_FILE).read_text("utf-8"))
    assert SentenceModel.from_json(data).position == SentenceModel.bundled().position
    with pytest.raises(ValueError, match="answer position"):
        SentenceModel.from_json({key: value for key, value in data.items() if key != "position"})
