"""Where a story says what someone does, for a question of their job."""

from bot.core.job_asked import job_told

WEDDING = [
    "Dennis Hollister, a nervous dental hygienist, is best man at Gaz's wedding to Priya Raman.",
    "Priya's cousin Anil, a marine biology student, dives for the rings.",
    "Priya, who is a surgeon and does not believe in luck, is upset. Gaz apologises.",
]


def test_the_first_sentence_saying_what_kind_of_person_someone_is_after_their_name_tells_their_job():
    assert job_told(WEDDING, "Priya Raman") == (2, "Priya, who is a surgeon and does not believe in luck, is upset.")
    assert job_told(WEDDING, "Dennis Hollister") == (
        0,
        "Dennis Hollister, a nervous dental hygienist, is best man at Gaz's wedding to Priya Raman.",
    )
    story = [
        "A boy called Edmund, whom everybody called Ted, was born in 1931.",
        "Ted became a moderately successful composer of film music.",
    ]
    assert job_told(story, "Ted") == (1, story[1])


def test_kin_age_or_sex_say_nothing_of_a_job():
    story = ["Margaret, a widow, lived alone. Margaret was the youngest sister of the groom.", "Margaret was a nurse."]
    assert job_told(story, "Margaret") == (1, "Margaret was a nurse.")
    assert job_told(["Edmund, a boy of twelve, fished. Edmund was a friend of the miller."], "Edmund") is None


def test_a_surname_alone_or_a_possessive_is_someone_else():
    story = [
        "Mara Lindqvist and her brother Tobias came home.",
        "Lindqvist, a teacher, said nothing. Mara's boss, a baker, shouted.",
    ]
    assert job_told(story, "Mara Lindqvist") is None


def test_a_nickname_written_within_the_name_and_a_title_before_it_are_read():
    story = ['Nell meets Rosaleen "Ro" Mahon at the pier.', "Ro, a trainee marine biologist, knows the bay."]
    assert job_told(story, 'Rosaleen "Ro" Mahon') == (1, story[1])
    story = ["Captain Elena Voss sails at dawn.", "Elena, who was a cartographer before the war, drew the map."]
    assert job_told(story, "Captain Elena Voss") == (1, story[1])


def test_a_part_in_others_lives_or_what_someone_is_like_is_no_job():
    story = ["Priya was the bride everyone had waited for.", "Priya, who is a surgeon, is upset."]
    assert job_told(story, "Priya Raman") == (1, story[1])
    story = ["Ted Brown was a fool with money.", "Ted Brown was a plumber in Leeds."]
    assert job_told(story, "Ted Brown") == (1, story[1])


def test_someone_spoken_to_or_listed_is_not_described():
    story = ['"Ted, the doctor is here," she called.', "She asked Ted, the baker and the priest to dinner."]
    assert job_told(story, "Ted Smith") is None


def test_a_first_name_another_person_of_the_story_has_too_is_not_read_alone():
    story = [
        "Ted Smith and Ted Jones grew up on the same street.",
        "Ted, a postman, waved.",
        "Ted Smith was a baker.",
    ]
    assert job_told(story, "Ted Smith", others=["Ted Jones"]) == (2, story[2])
    assert job_told(story, "Ted Smith") == (1, story[1])  # one Ted in the story: his


def test_an_apposition_with_the_tells_a_job_and_a_vocative_with_a_does_not():
    story = ['"Morning, Nell," said Ted Gower.', "Ted Gower, the postman, waved."]
    assert job_told(story, "Ted Gower") == (1, story[1])
    story = ['"Ted, a doctor is here," she called.', "Ted, a plumber, came down."]
    assert job_told(story, "Ted") == (1, story[1])


def test_a_long_description_closed_as_an_apposition_is_read():
    story = [
        "The post is offered to Kasimir Plotz, a mild-mannered municipal plumber from the provincial town of Dorbek, "
        "by mistake.",
    ]
    assert job_told(story, "Plotz") == (0, story[0])
    assert job_told(story, "Kasimir Plotz") == (0, story[0])


CRIME = [
    "Mireille Dufour is a notorious jewel thief who robs the grand hotels of the Riviera in the summer of 1925.",
    "Mireille plans one last theft at the Hotel Negresco, where a maharaja keeps a famous emerald.",
    "Before she turned to crime, Mireille worked as a seamstress in a Lyon silk mill until the mill burned down.",
]


def test_an_earlier_job_is_the_first_told_as_before_the_story_else_the_first():
    assert job_told(CRIME, "Mireille Dufour") == (0, CRIME[0])
    assert job_told(CRIME, "Mireille Dufour", earlier=True) == (2, CRIME[2])
    assert job_told(CRIME[:2], "Mireille Dufour", earlier=True) == (0, CRIME[0])  # none told before: the first
    story = [
        "Tom Hale is a homicide detective in 1990s Chicago, tired and divorced.",
        "Flashbacks reveal that before he joined the police, Tom was a professional boxer who threw a fight.",
    ]
    assert job_told(story, "Tom Hale", earlier=True) == (1, story[1])


def test_an_age_a_place_among_siblings_or_a_name_spoken_to_tells_no_job():
    story = [
        "Tom Brandt, the youngest of seven children born to a poor family of weavers in the mill town, left home.",
        "Tom worked as a printer's apprentice on Deansgate, setting type for the radical newspapers.",
    ]
    assert job_told(story, "Tom Brandt") == (1, story[1])
    story = [
        "Elsie Park, a sullen fifteen-year-old who blames her father for her brother's death, refuses to speak.",
        "That summer Elsie works as a picker in the orchard to earn money for a bicycle.",
    ]
    assert job_told(story, "Elsie Park") == (1, story[1])
    story = [
        '"Ned, the doctor from the hospital in town says you must stay in bed until Sunday," Martha said.',
        "Ned Rowe was a fisherman who owned a small boat called the Kittiwake.",
    ]
    assert job_told(story, "Ned Rowe") == (1, story[1])


def test_a_job_once_had_is_told():
    story = [
        "Now a baker in the market town of Wexley, Martin Cole had once been a sailor on the whaling ships.",
        "Martin, a baker now for twenty years, refuses at first to go.",
    ]
    assert job_told(story, "Martin Cole") == (0, story[0])
    assert job_told(story, "Martin Cole", earlier=True) == (0, story[0])
