import pytest

from bot.core.kin_asked import KinAsked, introduces_as_kin, kin_asked_about, kin_named


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Who is Gwen's father?", KinAsked("gwen", ("father", "dad"))),
        ("what's the name of gwen's daughter", KinAsked("gwen", ("daughter",))),
        ("who was josiah’s wife", KinAsked("josiah", ("wife",))),
        ("Who is Declan's dad's name?", KinAsked("declan", ("father", "dad"))),
        ("What is Sir Aldous Penhallow's son called?", KinAsked("sir aldous penhallow", ("son",))),
        ("Who was the king's son?", KinAsked("the king", ("son",))),
        ("Who is Maya's spouse?", KinAsked("maya", ("spouse", "wife", "husband"))),
    ],
)
def test_a_relative_asked_for(question, asked):
    found = kin_asked_about(question)
    assert found is not None and (found.owner, found.called) == (asked.owner, asked.called)


def test_what_the_person_asked_about_is_to_the_relative():
    # "Lesage's daughter, Madeleine" answers "Who is Madeleine's father?".
    assert kin_asked_about("Who is Madeleine's father?") == KinAsked(
        "madeleine", ("father", "dad"), ("daughter", "son", "child")
    )
    assert kin_asked_about("Who was Josiah's wife?") == KinAsked("josiah", ("wife",), ("husband",))


@pytest.mark.parametrize(
    "question",
    [
        "What was the king's son to do while the giant was away?",  # what he did, not who he is
        "How did Danny's dad die?",
        "Who is Gwen's manager?",  # no relative
        "Who is Gwen?",
        "whats ro's mums name",  # "mums" is no possessive here
        "Who met the old woman who lived by the sea's brother?",  # no name of four words or fewer before it
        "",
    ],
)
def test_not_a_relative_asked_for(question):
    assert kin_asked_about(question) is None


def test_a_relative_asked_for_with_the_possessive_typed_without_its_apostrophe():
    # As a chat types it: the name is taken as typed, as "whats ivans job" takes "ivans" (bot.core.query).
    assert kin_asked_about("who is gwens father") == KinAsked("gwens", ("father", "dad"), ("daughter", "son", "child"))
    assert kin_asked_about("whats the name of noras mum") == KinAsked(
        "noras", ("mother", "mum", "mom"), ("daughter", "son", "child")
    )
    assert kin_asked_about("who is seamus wife") == KinAsked("seamus", ("wife",), ("husband",))
    # "whos", as a role is asked (bot.core.role_asked: "whos priyas boss"; review new68r5 4)
    assert kin_asked_about("whos gwens father") == kin_asked_about("who is gwens father")
    assert kin_named("gwens daughter") == KinAsked("gwens", ("daughter",), ("father", "mother", "dad", "mum", "mom"))
    assert kin_asked_about("who is his father") is None  # no name
    assert kin_asked_about("who is gwen father") is None  # no possessive
    assert kin_asked_about("what was the kings son to do") is None  # what he did


def test_a_relative_is_introduced_by_their_word_before_their_name():
    father = ("father", "dad")
    led = "Gwen grows up in the choir led by her strict father, the Reverend Alun Pryce."
    assert introduces_as_kin(led, "Reverend Alun Pryce", father)
    assert introduces_as_kin("Declan, whose father, Dr. Con Furey, runs the garage", "Con Furey", father)
    assert not introduces_as_kin("Gwen sings at her father's funeral with Carys.", "Carys", father)
    assert not introduces_as_kin("Her father met Alun Pryce at the chapel.", "Alun Pryce", father)


def test_a_name_asked_about_that_is_someone_s_relative():
    # person_asked_about's name in "What does Nora's father do for a living?" or "How old is Gwen's daughter?"
    assert kin_named("nora's father") == KinAsked("nora", ("father", "dad"), ("daughter", "son", "child"))
    assert kin_named("gwen’s daughter") == KinAsked("gwen", ("daughter",), ("father", "mother", "dad", "mum", "mom"))
    assert kin_named("nora") is None
    assert kin_named("nora's father called") is None


def test_a_relative_asked_for_the_other_way_round():
    # "Who is the wife of X?" asks what "Who is X's wife?" does; it was read as no relative at all.
    assert kin_asked_about("Who is the wife of Josiah?") == KinAsked("josiah", ("wife",), ("husband",))
    assert kin_asked_about("what is the name of the mother of juno") == KinAsked(
        "juno", ("mother", "mum", "mom"), ("daughter", "son", "child")
    )
    assert kin_asked_about("who is the brother of caterina") == KinAsked(
        "caterina", ("brother",), ("brother", "sister")
    )
    assert kin_asked_about("Who is the father of Clare's baby?") is None  # the baby's: no name the lookup knows
    assert kin_asked_about("Who was the daughter of a great king and would some day possess several kingdoms?") is None
    assert kin_asked_about("Who is the captain of the Heron?") is None  # a role (bot.core.role_asked)
