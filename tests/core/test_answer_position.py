"""Where answers stand in their sentence: curves fitted from answers' places, read between their points."""

import pytest

from bot.core.answer_position import AnswerPosition
from bot.core.answer_sentences import SentenceModel
from bot.core.sentences import sentence_spans
from bot.eval.excerpts import answer_places

# A section of FairytaleQA train's "Farquhar Macneill", and places in it taken as answers: the one people gave to
# "What did Farquhar do after the spell was broken?", which closes its sentence, and three that do not.
PASSAGE = (
    "Now, when Farquhar had been in his mortal state, he had been very fond of children. A word of blessing rose to "
    'his lips. "God shield you," he said, as he looked at the mother and child, little guessing what the result of '
    "his words would be. For scarce had the Holy Name crossed his lips than the spell which had held him so long "
    "was broken. He became as he had been before. Instantly his thoughts flew to his friends at home, and to the "
    "new Mistress whom he had left waiting for her sieve. He felt sure that some weeks must have elapsed since he "
    "set out to fetch it. So he made haste to go to the farm."
)
ANSWERS = ("made haste to go to the farm", "very fond of children", "God shield you", "A word of blessing")


def shares(text: str, answers: tuple[str, ...]) -> list[tuple[float, float]]:
    """Each answer's start and end as shares of the sentence holding it."""
    found = []
    for answer in answers:
        for start, end in answer_places(text, answer):
            s, e = next((s, e) for s, e in sentence_spans(text) if s <= start and end <= e)
            found.append(((start - s) / (e - s), (end - s) / (e - s)))
    return found


def test_curves_count_the_answers_in_a_sentences_head_and_tail():
    places = shares(PASSAGE, ANSWERS)
    assert len(places) == len(ANSWERS)
    position = AnswerPosition.fitted(places, 4)
    for step in range(5):
        share = step / 4
        assert position.head[step] == pytest.approx(sum(end <= share for _, end in places) / len(places), abs=1e-4)
        assert position.tail[step] == pytest.approx(sum(s >= 1 - share for s, _ in places) / len(places), abs=1e-4)
    assert position.head[0] == position.tail[0] == 0 and position.head[-1] == position.tail[-1] == 1
    assert 0 < position.head[1] < 1 and position.head != position.tail  # "God shield you" opens its sentence
    assert position.in_tail(0.125) == pytest.approx((position.tail[0] + position.tail[1]) / 2)
    assert position.in_head(2.0) == 1.0 and position.in_tail(-1.0) == 0.0
    assert AnswerPosition.from_json(position.to_json()) == position


def test_the_shipped_curves_say_an_answer_closes_its_sentence_more_often_than_it_opens_it():
    position = SentenceModel.bundled().position
    assert all(position.in_tail(share) >= position.in_head(share) for share in (0.1, 0.3, 0.5, 0.7, 0.9))
    assert AnswerPosition.uniform().in_head(0.3) == pytest.approx(0.3)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"head": [0.0, 1.0]},
        {"head": [0.0, 1.0], "tail": [0.0, "half", 1.0]},
        {"head": [0.0, 1.0], "tail": [0.0, 0.8, 0.5, 1.0]},
        {"head": [0.1, 1.0], "tail": [0.0, 1.0]},
        {"head": [0.0, 0.9], "tail": [0.0, 1.0]},
        {"head": [1.0], "tail": [0.0, 1.0]},
    ],
)
def test_curves_that_do_not_rise_from_0_to_1_are_refused(data):
    with pytest.raises(ValueError, match="answer position"):
        AnswerPosition.from_json(data)
