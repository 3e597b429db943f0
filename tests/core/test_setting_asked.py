import pytest

from bot.core.setting_asked import SettingAsked, opening_sentence, setting_asked, setting_sentence


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("When is The Salt Gate set?", "the salt gate"),
        ("when and where is blue hour on lenox set", "blue hour on lenox"),
        ("In what year does The Glassmaker's Daughter take place?", "the glassmaker's daughter"),
        ("What mountain is Above Camp Four set on?", "above camp four"),
        ("Where does the film take place?", ""),
        ("What year is the game set in?", ""),
        ("what time period is the story set in", ""),
        ("wheres it set", ""),
        ("Where's this book set?", ""),
        ("where and when did the novel take place", ""),
        ("Where is it mostly set?", ""),
        ("What is the setting?", ""),
        ("whats the setting of the salt gate", "the salt gate"),
        ("What's the setting of the story?", ""),
    ],
)
def test_questions_about_the_setting(question, title):
    assert setting_asked(question) == SettingAsked(title)


@pytest.mark.parametrize(
    "question",
    [
        "Where is the vault located?",  # a place of the story
        "where is the film set up",
        "When does Grace set the turnaround time?",
        "what is the film about",
        "Who set the fire?",
        "which is set",
        "what city is set",
        "what is the setting sun",
        "What is the setting like in the last scene?",
        "set",
        "",
    ],
)
def test_questions_not_about_the_setting(question):
    assert setting_asked(question) is None


def test_an_event_is_read_as_a_title_the_story_must_have():
    # The caller compares it with the title of the story asked of: no story is called "The Battle".
    assert setting_asked("When does the battle take place?") == SettingAsked("the battle")


def test_the_setting_sentence_says_set_in_of_the_story():
    text = "Dr Cole returns to work. Ward Eleven is a soap opera set in a Lagos hospital. Bisi set off home."
    assert setting_sentence(text, "Ward Eleven") == "Ward Eleven is a soap opera set in a Lagos hospital."
    assert setting_sentence(text, "Ward Twelve") == "Ward Eleven is a soap opera set in a Lagos hospital."  # "opera"
    text = "The Wedding takes place on the beach at Cherai. Mara set off."
    assert setting_sentence(text, "The Wedding") == "The Wedding takes place on the beach at Cherai."
    assert (
        setting_sentence("The drama is mostly set in Venice in 1597.", "Glass")
        == "The drama is mostly set in Venice in 1597."
    )


@pytest.mark.parametrize(
    "text",
    [
        "The sun set in the west over the harbour.",
        "The battle takes place at the salt gate.",  # of the story, not the story
        "Mara set in motion a plan.",
        "The novel's final chapter, set in May, describes the blossom.",  # a chapter of it
        "In the winter of 1347, Veldmere is besieged.",
        "",
    ],
)
def test_sentences_saying_no_setting_of_the_story(text):
    assert setting_sentence(text, "The Salt Gate") is None


def test_the_opening_sentence():
    assert opening_sentence("In the winter of 1347, Veldmere is besieged. Wren sets up the defence.") == (
        "In the winter of 1347, Veldmere is besieged."
    )
