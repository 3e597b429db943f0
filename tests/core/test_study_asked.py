"""Where a story tells where someone studied or who taught them, for "Where did Sébastien study?", "Who taught X?"."""

from pathlib import Path

from bot.core.study_asked import StudyAsked, study_asked, study_told
from tests.core.library_files import library_of

ROOT = Path(__file__).resolve().parents[2]
SHE = frozenset({"she", "her", "hers", "herself"})
HE = frozenset({"he", "him", "his", "himself"})
SEBASTIEN = [
    "Sébastien Kalmurzaeva was a renowned violinist. Born in Moscow, Sébastien had been playing the violin since she "
    "was five years old.",
    "As a child, Sébastien's parents encouraged her passion for music, hiring private tutors to help her hone her "
    "skills. Her dedication paid off when she won several regional competitions, earning her a coveted spot at the "
    "prestigious Moscow Conservatory.",
]


def test_a_question_of_where_someone_studied_is_read_with_their_name():
    place = StudyAsked("sebastien", teacher=False)
    assert study_asked("Where did Sébastien study?") == place
    assert study_asked("where did sebastien study") == place
    assert study_asked("Where did Sébastien go to school?") == place
    assert study_asked("where did sebastien go to university") == place
    assert study_asked("where does sebastien go to study") == place
    assert study_asked("Where was Sébastien educated?") == place
    assert study_asked("Where was Sébastien trained?") == StudyAsked("sebastien", teacher=False, trained=True)
    assert study_asked("Which school did Sébastien attend?") == place
    assert study_asked("Which conservatory did Sébastien go to?") == place
    assert study_asked("What university did Sébastien study at?") == place
    assert study_asked("Which academy trained Sébastien?") == place
    assert study_asked("Where did Mary Anne Ellis study?") == StudyAsked("mary anne ellis", teacher=False)


def test_a_question_of_who_taught_someone_is_read_with_their_name():
    teacher = StudyAsked("sebastien", teacher=True)
    assert study_asked("Who taught Sébastien?") == teacher
    assert study_asked("who taught sebastien") == teacher
    assert study_asked("Who did Sébastien study under?") == teacher
    assert study_asked("Who was Sébastien's teacher?") == teacher
    assert study_asked("who was sebastiens tutor") == StudyAsked("sebastiens", teacher=True)  # as typed
    assert study_asked("Who is Sébastien's piano teacher?") == teacher


def test_a_relative_or_a_role_asked_of_is_read_as_typed():
    # The library asks it of the sister, or of the story's one captain (bot.core.library's _person_asked).
    assert study_asked("Where did Tom's sister study?") == StudyAsked("tom's sister", teacher=False)
    assert study_asked("Who taught the captain?") == StudyAsked("the captain", teacher=True)
    assert study_asked("Where did the study?") is None


def test_other_questions_ask_no_schooling():
    assert study_asked("Where did Sébastien go?") is None
    assert study_asked("Where did she study?") is None  # no name
    assert study_asked("Where did Tom and Mara study?") is None  # two people
    assert study_asked("Which hall did Sébastien play in?") is None  # no place of study
    assert study_asked("Which school did Sébastien burn?") is None
    assert study_asked("Who was Sébastien's father?") is None  # bot.core.kin_asked's
    assert study_asked("What did Sébastien study?") is None  # what, not where
    assert study_asked("who taught jakob to read the stars") is None  # the skill picks one teacher of several
    assert study_asked("Who teaches Sébastien to read runes?") is None
    assert study_asked("Who was Eva's first teacher?") is None  # one picked of several
    assert study_asked("who was evas new piano tutor") is None


def test_the_first_sentence_telling_a_place_of_study_of_theirs_answers_though_by_a_pronoun():
    assert study_told(SEBASTIEN, "Sébastien Kalmurzaeva", [], SHE) == (
        1,
        "Her dedication paid off when she won several regional competitions, earning her a coveted spot at the "
        "prestigious Moscow Conservatory.",
    )
    assert study_told(SEBASTIEN, "Sébastien Kalmurzaeva", [], None) is None  # her pronouns unsettled: no "her" hers
    story = ["Tom Reyes grew up in Leeds.", "He studied at the University of Edinburgh."]
    assert study_told(story, "Tom Reyes", [], HE) == (1, story[1])
    assert study_told(story, "Tom Reyes", [], SHE) is None  # "he" is another's
    story = ["Nell Pryce went to school in the village."]
    assert study_told(story, "Nell Pryce") == (0, story[0])
    story = ["Admitted to the Royal Academy at sixteen, Nell Pryce left home."]
    assert study_told(story, "Nell Pryce") == (0, story[0])


def test_another_s_school_or_a_school_as_a_place_of_events_is_no_place_of_study_of_theirs():
    story = ["Anna Lind met Tom Reyes, who studied at Oxford University."]
    assert study_told(story, "Anna Lind", ["Tom Reyes"]) is None
    assert study_told(story, "Tom Reyes", ["Anna Lind"]) == (0, story[0])
    assert study_told(["Nell Pryce went to her brother's school."], "Nell Pryce") is None
    assert study_told(["Nell Pryce went to the school to find Tom."], "Nell Pryce", ["Tom"]) is None
    assert study_told(["Nell Pryce attended the school play."], "Nell Pryce") is None  # a modifier of "play"
    assert study_told(["Nell Pryce attended a meeting at the school."], "Nell Pryce") is None
    assert study_told(["Tom teaches at the school where Nell Pryce sings."], "Nell Pryce", ["Tom"]) is None


def test_the_first_sentence_telling_a_teacher_of_theirs_answers():
    assert study_told(SEBASTIEN, "Sébastien Kalmurzaeva", [], SHE, teacher=True) == (
        1,
        "As a child, Sébastien's parents encouraged her passion for music, hiring private tutors to help her hone her "
        "skills.",
    )
    for said in (
        "Nell Pryce was taught by her aunt.",
        "Nell Pryce studied under the great Olaf.",
        "Nell Pryce's piano teacher is strict.",
        "Under the guidance of Olaf, Nell Pryce learned to sing.",
        "Her parents hired a governess for Nell Pryce.",
    ):
        assert study_told([said], "Nell Pryce", ["Olaf"], SHE, teacher=True) == (0, said), said
    story = ["Nell Pryce meets Olaf, who teaches her to read runes."]
    assert study_told(story, "Nell Pryce", ["Olaf"], SHE, teacher=True) == (0, story[0])
    assert study_told(story, "Olaf", ["Nell Pryce"], HE, teacher=True) is None


def test_someone_teaching_others_or_no_teacher_of_theirs_is_no_teacher_of_theirs():
    assert study_told(["Nell Pryce, now a schoolteacher, lives in Leeds."], "Nell Pryce", teacher=True) is None
    assert study_told(["Nell Pryce teaches the village children."], "Nell Pryce", teacher=True) is None
    story = ["Tom Reyes hired a tutor for his son."]
    assert study_told(story, "Tom Reyes", [], HE, teacher=True) is None
    assert study_told(["Nell Pryce studied at the Royal Academy."], "Nell Pryce", teacher=True) is None


def test_a_long_sentence_naming_no_schooling_answers_none():
    # Its time as it grows is bench/bench_person_facts.py's study_1_sentence and taught_1_sentence rows.
    sentence = "Tom walks the dog, Rex and she teaches at the school of " * 20_000
    assert study_told([sentence], "Tom Reyes", ["Mara Lind"], HE) is None
    assert study_told([sentence], "Tom Reyes", ["Mara Lind"], HE, teacher=True) is None


def test_where_someone_studied_and_who_taught_them_are_answered_where_their_story_tells_it(tmp_path):
    # Issue 15's misses: the ranking put "Years of intense study and practice led Sébastien" first for where she
    # studied, her first passage for who taught her, and Sofia's second passage for where she studied.
    library = library_of(tmp_path, *sorted((ROOT / "corpus").glob("*.md")))
    for question, said in (
        ("Where did Sébastien study?", "a coveted spot at the prestigious Moscow Conservatory"),
        ("who taught sebastien", "hiring private tutors"),
        ("where did sofia study", "a coveted spot in the prestigious Moscow Ballet Academy"),
    ):
        answer = library.ask(question, count=1)
        assert answer.best is not None and said in answer.best.excerpt.text, question
        story = next(number for number, story in enumerate(library.corpus.stories) if story.path == answer.best.path)
        scoped = library.ask(question, count=1, story=story)
        assert scoped.best is not None and said in scoped.best.excerpt.text, question


CLARA = [
    "Clara Holt, a farmer's daughter from Kent, fears that her academic ambitions are over when her father dies in "
    "1902. She works in the dairy and reads mathematics at night.",
    "The village vicar, Edwin Marsh, notices her gift and teaches her calculus every Sunday after church.",
]


def test_a_word_mostly_an_adjective_or_a_name_is_no_teacher():
    assert study_told(CLARA, "Clara Holt", ["Edwin Marsh"], SHE, teacher=True) is None  # "her academic ambitions"
    assert study_asked("Who was Anna's chancellor?") is None
    assert study_asked("who is anna's handler") is None


def test_an_institute_is_a_place_of_study():
    told = study_told(["Mia Ruiz studied at the Massachusetts Institute of Technology."], "Mia Ruiz")
    assert told is not None


GRACE = [
    "Grace Obi is a night nurse at St. Jude's Hospital in Leeds. Her son attends Hillside Primary School, where he is "
    "bullied by older boys.",
    "Grace grew up in Ibadan and studied nursing at the University of Lagos before moving to England.",
]


def test_a_relatives_school_is_not_the_persons():
    told = study_told(GRACE, "Grace Obi", [], SHE)
    assert told is not None and "University of Lagos" in told[1]
    assert study_told(["Tom Reyes, whose sister studied at Oxford University, is a farmer."], "Tom Reyes") is None
    assert study_told(["Mara Venn is a pilot. Mara's brother attended the Royal Naval College."], "Mara Venn") is None


def test_a_teacher_after_the_persons_possessive_is_theirs_but_not_another_kind_of_persons():
    assert study_told(["Nell Pryce hated her tutor."], "Nell Pryce", [], SHE, teacher=True) is not None
    assert study_told(["Nell Pryce's coach is Olaf."], "Nell Pryce", ["Olaf"], SHE, teacher=True) is not None
    dana = ["Dana Birch is a sprinter. Her coach, Olaf Berg, is strict."]
    assert study_told(dana, "Dana Birch", ["Olaf Berg"], SHE, teacher=True) == (0, "Her coach, Olaf Berg, is strict.")
    assistant = ["Dana Birch is a sprinter. Her assistant coach, Ron Gale, is strict."]
    assert study_told(assistant, "Dana Birch", ["Ron Gale"], SHE, teacher=True) is None
    assert study_told(["Sam Ellis's missionary parents raised him."], "Sam Ellis", [], HE, teacher=True) is None


DEAN = [
    "Inspector Priya Nair goes to Ashford College to interview the dean, Professor Alan Reeve, after a student is "
    "found drowned in the river. Alan Reeve has spent twenty years at Ashford College as a lecturer in medieval "
    "history.",
    "Priya had herself studied at Durham University, where she read law before joining the police. Alan Reeve was "
    "educated at Eton and Oxford.",
]


def test_a_strong_mark_of_schooling_answers_before_a_visit_or_a_post():
    assert study_told(DEAN, "Priya Nair", ["Alan Reeve"], SHE) == (
        1,
        "Priya had herself studied at Durham University, where she read law before joining the police.",
    )
    assert study_told(DEAN, "Alan Reeve", ["Priya Nair"], HE) is None  # "Eton and Oxford" holds no word of places()


def test_a_visit_to_a_school_for_another_errand_is_no_schooling():
    assert study_told(DEAN[:1], "Priya Nair", ["Alan Reeve"], SHE) is None
    assert study_told(["Rosa Vance is sent to Ashford College to investigate."], "Rosa Vance") is None
    assert study_told(["Rosa Vance interviews a student at the college."], "Rosa Vance") is None
    told = study_told(["Leo wins a place at the Yehudi Menuhin School after an audition."], "Leo")
    assert told is not None


def test_where_someone_was_trained_is_told_by_schooling_alone():
    asked = study_asked("Where was Danny trained?")
    assert asked == StudyAsked("danny", teacher=False, trained=True)
    danny = ["Danny Cole rows on the canal. Danny receives a sports scholarship to a university in Durham."]
    assert study_told(danny, "Danny Cole", trained=asked.trained) is None
    assert study_told(danny, "Danny Cole") is not None
    lena = ["Lena had trained at a teachers' college in Zurich."]
    assert study_told(lena, "Lena", trained=True) is not None


def test_a_teacher_of_someone_elses_is_not_asked_of_them_and_a_chats_whos_is_read():
    assert study_asked("who was tom's sister's tutor") is None
    assert study_asked("Who was Tom's sister's piano teacher?") is None
    assert study_asked("whos jons tutor") == StudyAsked("jons", teacher=True)  # the possessive typed bare, as typed
    assert study_asked("who's Jon's tutor?") == StudyAsked("jon", teacher=True)


def test_a_clipped_or_qualified_place_of_study_is_read():
    place = StudyAsked("jon", teacher=False)
    assert study_asked("where did jon go to uni") == place
    assert study_asked("Which high school did Jon attend?") == place
    assert study_asked("What music school did Jon go to?") == place
    assert study_asked("Which high road did Jon take?") is None


def test_a_school_of_a_subject_the_story_names_no_one_is_not_the_persons():
    story = ["Keisha Moore plays basketball.", "Jade studied at a maths academy in Taipei before her family moved."]
    assert study_told(story, "Keisha Moore", [], SHE) is None
    story = ["Admitted to the Royal Academy at sixteen, Nell Pryce left home."]
    assert study_told(story, "Nell Pryce") == (0, story[0])


def test_a_word_for_a_teacher_that_names_a_carriage_too_is_a_teacher_only_with_a_name_said_of_it():
    carriage = ["Cinderella runs down the steps, and her golden coach turns back into a pumpkin."]
    assert study_told(carriage, "Cinderella", [], SHE, teacher=True) is None
    sent = ["Mr Darcy sends a coach for Elizabeth Bennet."]
    assert study_told(sent, "Elizabeth Bennet", ["Mr Darcy"], SHE, teacher=True) is None
    assert study_told(["Nell Pryce's coach is Olaf."], "Nell Pryce", ["Olaf"], SHE, teacher=True) is not None
    assert study_told(["Nell Pryce hired a tutor for Mia Ruiz."], "Mia Ruiz", ["Nell Pryce"], SHE, teacher=True)


def test_studying_a_thing_at_a_school_is_no_schooling():
    anna = [
        "Anna Kemp studied the letters at Kingsley School for three days, looking for a motive.",
        "Anna grew up in Whitby and was educated at Roedean School before joining the police.",
    ]
    assert study_told(anna, "Anna Kemp", [], SHE) == (1, anna[1])
    assert study_told(["Anna Kemp studied law at McGill University."], "Anna Kemp") is not None


def test_a_noun_spelt_as_a_verb_of_teaching_teaches_no_one():
    story = [
        "Tom misses the train Anna Webb catches to London, and they quarrel.",
        "Anna Webb's new neighbour, Miss Hale, teaches Anna Webb French in the evenings.",
    ]
    assert study_told(story, "Anna Webb", ["Tom", "Miss Hale"], SHE, teacher=True) == (1, story[1])


def test_a_coach_is_a_teacher_only_where_one_of_the_storys_people_is_said_of_it():
    overturned = ["Nell Pryce leaves Bath. Her coach, Bristol-bound and overloaded, overturns in the snow."]
    assert study_told(overturned, "Nell Pryce", ["Olaf"], SHE, teacher=True) is None
    fastest = ["Nell Pryce leaves Bath. Her coach is London's fastest and is pulled by four greys."]
    assert study_told(fastest, "Nell Pryce", ["Olaf"], SHE, teacher=True) is None
    named = ["Nell Pryce leaves Bath. Her coach, Olaf, is strict."]
    assert study_told(named, "Nell Pryce", ["Olaf"], SHE, teacher=True) == (0, "Her coach, Olaf, is strict.")


LILY = [
    "Lily Marsh is the daughter of a coachman in Bath. At fourteen Lily is spotted by Henry Dale, an athletics coach "
    "who trains runners at Bath Harriers. Her coach, Henry Dale, makes her run the hills above the city at dawn. Lily "
    "also attends the Royal High School, where her headmistress thinks running is unladylike."
]


def test_a_teacher_no_one_is_named_of_answers_only_where_no_pronoun_in_doubt_may_tell_a_named_one():
    assert study_told(LILY, "Lily Marsh", ["Henry Dale"], SHE, teacher=True) is None
    unnamed = ["Lily Marsh attends the Royal High School, where her headmistress thinks running is unladylike."]
    assert study_told(unnamed, "Lily Marsh", ["Henry Dale"], SHE, teacher=True) == (0, unnamed[0])
    named = [*unnamed, "Lily Marsh was coached by Henry Dale."]
    assert study_told(named, "Lily Marsh", ["Henry Dale"], SHE, teacher=True) == (1, named[1])
    told = study_told(SEBASTIEN, "Sébastien Kalmurzaeva", [], SHE, teacher=True)  # "private tutors", none named
    assert told is not None and told[1].endswith("hiring private tutors to help her hone her skills.")


SILKS = [
    "Lily Marsh is a stable girl in Newmarket who dreams of riding in the Derby. Old Ben Carter trains Lily's horses "
    "at his yard on the edge of the heath, and he lets her ride out with the string at dawn. At sixteen Lily was "
    "coached by the champion jockey Sam Hollis, who taught her to sit low and wait for the gap."
]


def test_a_verb_of_teaching_before_the_persons_possessive_teaches_the_thing_owned():
    told = study_told(SILKS, "Lily Marsh", ["Ben Carter", "Sam Hollis"], SHE, teacher=True)
    assert told is not None and "coached by the champion jockey Sam Hollis" in told[1]
    assert study_told(["Ben Carter trains Lily's horses."], "Lily", ["Ben Carter"], SHE, teacher=True) is None


def test_studied_with_a_word_before_at_is_a_weak_mark_which_schooling_beats():
    ruth = [
        "Ruth studied CCTV footage at Hollins School for two days before she noticed that the camera over the pool had "
        "been turned to face the wall.",
        "Ruth was educated at a convent school in Galway and still distrusts nuns and headmistresses alike.",
    ]
    assert study_told(ruth, "Ruth", [], SHE) == (1, ruth[1])
    assert study_told(["Anna Kemp studied law at McGill University."], "Anna Kemp", trained=True) is None


def test_a_mark_told_of_the_person_by_name_beats_one_told_by_a_pronoun_alone():
    alice = [
        "Margaret Hale trained as a nurse at St Thomas' Hospital and married the surgeon Arthur Hale in 1921. They "
        "have one daughter, Alice, who goes to the village school in Kent. In 1935 she was admitted to the Royal "
        "College of Surgeons as its first woman fellow, to the fury of her husband's colleagues."
    ]
    others = ["Margaret Hale", "Arthur Hale"]
    assert study_told(alice, "Alice", others, SHE) == (
        0,
        "They have one daughter, Alice, who goes to the village school in Kent.",
    )
    told = study_told(SEBASTIEN, "Sébastien Kalmurzaeva", [], SHE)  # by a pronoun, with no mark by name
    assert told is not None and "Moscow Conservatory" in told[1]
    helene = [
        "During the war Irène hid uranium samples from the occupying army in the cellar of a school in Lyon, where her "
        "daughter Hélène was a pupil. After the war she campaigned for women to be admitted to the Academy of "
        "Sciences, and was refused three times."
    ]
    assert study_told(helene, "Hélène", ["Irène"], SHE) is None  # the women admitted, not she
    ivy = ["A pupil, Ivy Chen, tells Rosa that she saw Dr. Pike. Ivy had been tutored by Helen Marsh since her term."]
    told = study_told(ivy, "Ivy Chen", ["Rosa", "Helen Marsh", "Pike"], SHE, teacher=True)  # "had": no people
    assert told is not None and "tutored by Helen Marsh" in told[1]


def test_a_mark_after_someone_named_after_a_preposition_is_the_subjects_not_theirs():
    nadia = [
        "Nadia Petrov arrives at Ashgrove Academy in January as the new music teacher. She was trained at the Moscow "
        "Conservatory, where she studied under the pianist Yuri Belov.",
        "His classmate Priya Shah, a pupil at Ashgrove, also studies with Nadia and wants to go to the Royal College "
        "of Music.",
    ]
    told = study_told(nadia, "Nadia Petrov", ["Priya Shah", "Yuri Belov"], SHE)
    assert told is not None and "Moscow Conservatory" in told[1]
