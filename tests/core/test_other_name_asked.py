"""Where a story tells someone's other name, for a question of their real name or nickname."""

from bot.core.other_name_asked import other_name_told


def test_another_name_is_told_beside_the_name():
    story = [
        "Mr. Lobo runs the docks, and Santosh carries his tiffins.",
        "Komal follows the boat. It emerges that Lobo's real name is Anthony Pereira. He is arrested.",
    ]
    assert other_name_told(story, "Mr. Lobo") == (1, "It emerges that Lobo's real name is Anthony Pereira.")
    told = 'The first tenor, a cheerful bus driver called Dai Lewis and nicknamed "Dai Bach", persuades them.'
    assert other_name_told(["Emlyn refuses.", told], "Dai Lewis") == (1, told)
    told = "Gwen's real surname is Blackwood."
    assert other_name_told(["Gwen Pritchard arrives at the school.", told], "Gwen Pritchard") == (1, told)


def test_no_other_name_told_of_them_or_far_from_them():
    story = [
        "Mr. Lobo runs the docks.",
        "Santosh, who is known as the fastest runner on the line, meets Komal; Lobo watches from the harbour wall.",
        "Komal learns the real name of the ship.",
    ]
    assert other_name_told(story, "Mr. Lobo") is None
    assert other_name_told(["Komal's real name is Rani."], "Mr. Lobo", others=["Komal Zaveri"]) is None
