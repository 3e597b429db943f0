from bot.core.pronoun_asked import pronouns_read

PRIYA = {"priya", "nair", "don", "keller", "will", "ashby", "claire"}
PEOPLE = {"aunt", "author", "officer", "boss"}


def test_a_pronoun_is_read_as_the_lead_and_a_possessive_as_the_lead_s():
    assert pronouns_read("what does she do", "Priya Nair", PRIYA, PEOPLE) == "what does Priya Nair do"
    assert pronouns_read("who is her boss?", "Priya Nair", PRIYA, PEOPLE) == "who is Priya Nair's boss?"
    assert pronouns_read("whats his wifes name", "Seamus Byrne", set(), PEOPLE) == "whats Seamus Byrne's wifes name"
    assert pronouns_read("did anyone thank her", "Priya Nair", PRIYA, PEOPLE) == "did anyone thank Priya Nair"
    assert pronouns_read("did they write to her about it", "Priya Nair", PRIYA, PEOPLE) == (
        "did they write to Priya Nair about it"
    )
    assert pronouns_read("who found her a job", "Priya Nair", PRIYA, PEOPLE) == "who found Priya Nair a job"


def test_a_question_with_no_pronoun_both_sexes_or_a_person_named_is_not_read():
    assert pronouns_read("who found the body", "Priya Nair", PRIYA, PEOPLE) is None
    assert pronouns_read("what did she tell him", "Priya Nair", PRIYA, PEOPLE) is None  # two people asked about
    assert pronouns_read("what did don tell her", "Priya Nair", PRIYA, PEOPLE) is None  # "her" may be anyone Don told
    assert pronouns_read("did dons boss thank her", "Priya Nair", PRIYA, PEOPLE) is None  # a possessive typed bare
    assert pronouns_read("how old was their aunt when she died", "Mara Lindqvist", set(), PEOPLE) is None  # hers
    assert pronouns_read("where does the parole officer find her a job", "Sylvie", set(), PEOPLE) is None
