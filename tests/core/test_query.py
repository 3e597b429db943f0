import pytest

from bot.core.query import AnswerKind, answer_kind, focus_word


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Who is Ivan?", AnswerKind.PERSON),
        ("whose violin was it", AnswerKind.PERSON),
        ("Where did Sophie grow up?", AnswerKind.PLACE),
        ("When did the river freeze?", AnswerKind.TIME),
        ("What year was it?", AnswerKind.TIME),
        ("How old is Sofia?", AnswerKind.NUMBER),
        ("How many sons did the farmer have?", AnswerKind.NUMBER),
        ("Why did the baker come?", AnswerKind.REASON),
        ("Which hall did she play?", AnswerKind.NAME),
        ("And where did she go next?", AnswerKind.PLACE),
        ("What did the fox say?", AnswerKind.OTHER),
        ("sofia ballet", AnswerKind.OTHER),
    ],
)
def test_answer_kind_from_the_question_words(question, kind):
    assert answer_kind(question) == kind


def test_focus_is_the_noun_after_which():
    assert focus_word("Which HALL did the violinist perform at?") == "hall"
    assert focus_word("What happened next?") is None
