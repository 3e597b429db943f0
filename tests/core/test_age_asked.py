"""Where a story tells how old someone is, for a question of their age."""

from bot.core.age_asked import age_told


def test_an_age_before_or_after_the_name_tells_it():
    story = [
        "The hotel's owner, Cornelius Abernethy, a retired judge, is dead.",
        "The body of sixty-eight-year-old Cornelius Abernethy lies in the library.",
    ]
    assert age_told(story, "Cornelius Abernethy") == (1, story[1])
    assert age_told(["Reinhold, now ninety-four, is still alive."], "Reinhold Vogt") is not None
    assert age_told(["Danny is sixteen, angry and talented."], "Danny Mercer") is not None
    assert age_told(["Ada Park, 34, a nurse, testified."], "Ada Park") is not None
    assert age_told(["Her nine-year-old daughter, Lila, was taken."], "Lila") is not None
    assert age_told(["She finds a single survivor, a twelve-year-old girl named Wren."], "Wren") is not None
    assert age_told(["A boy of twelve called Tom ran."], "Tom") is None  # no age right before the kind of person
    assert age_told(["In walks a 12-year-old called Kevin."], "Kevin") is not None
    assert age_told(["Elsie Park, a sullen fifteen-year-old who blames her father, arrives."], "Elsie Park") is not None
    assert age_told(["Gran, in her late eighties, still runs the coat check."], "Gran") is not None
    assert age_told(["Tom Hale left school at the age of fifteen."], "Tom Hale") is not None


def test_an_age_of_someone_else_or_a_number_of_no_age_tells_nothing():
    assert age_told(["Tom Hale, who was playing with a twelve-year-old boy, laughed."], "Tom Hale") is None
    assert age_told(["The twelve-year-old saw Tom at the pier."], "Tom") is None
    assert age_told(["Tom is twenty minutes late.", "Tom is one of the crew."], "Tom") is None
    assert age_told(["Tom ate. The ten-year-old. Lila slept."], "Lila") is None
    story = ["Ruth questions Jenny Pascoe, a 34-year-old ferry pilot who saw the boy last."]
    assert age_told(story, "Ruth Calloway", others=["Jenny Pascoe"]) is None
    assert age_told(story, "Ruth Calloway") is None  # a name the people finder missed: not in an apposition of Ruth
    for told in (
        "Martin, whose mother is in her eighties, drives south.",
        "At the market Martin meets a widow in her thirties.",
        "Martin lives with his daughter, aged ten.",
        "Martin adopted a twelve-year-old.",
        "A twelve-year-old named it Martin.",
        "Martin drives a twenty-year-old truck.",
        "Martin was ten years in prison, and his wife has remarried.",
        "Martin is 3,000 feet above the sea with no radio.",
        "Martin was 2.5 metres away.",
        "Inside the 800-year-old Lindisfarne Priory, Martin finds a map.",
    ):
        assert age_told([told], "Martin Hale") is None, told
    assert age_told(["Their children, eleven-year-old Maisie, Tom and Sam, play."], "Tom Hale", ["Maisie"]) is None


def test_an_age_told_of_now_answers_before_one_at_some_time_of_a_life():
    story = ["Tom left school at the age of twelve to work on the boats.", "Tom, now sixty-one, is the oldest skipper."]
    assert age_told(story, "Tom Hale") == (1, story[1])
    assert age_told(story[:1], "Tom Hale") == (0, story[0])
    assert age_told(["Tom is now forty-two and tired."], "Tom Hale") is not None
    story = ["When Tom was twelve, his father drowned off the point.", "Tom is now sixty and mends nets."]
    assert age_told(story, "Tom Hale") == (1, story[1])
    assert age_told(["Frank Dolan, the father of a sixteen-year-old runaway, drinks."], "Frank Dolan") is None


def test_the_first_name_is_not_read_where_another_person_shares_it():
    story = ["Ted Jones, a baker, came in.", "Ted is forty."]
    assert age_told(story, "Ted Smith", others=["Ted Jones"]) is None
    assert age_told(story, "Ted Smith") == (1, "Ted is forty.")


def test_an_age_in_a_sentence_a_time_opens_is_one_of_that_time():
    opening = "Tom Hale mends nets in Whitby."
    for then in (
        "When the war ended Tom was thirty.",
        "In 1945 Tom was thirty.",
        "By 1960 Tom was forty.",
        "In the spring of 1952, Tom, aged 40, sailed north.",
    ):
        story = [opening, then, "Tom is now eighty and blind in one eye."]
        assert age_told(story, "Tom Hale") == (2, story[2]), then
        assert age_told(story[:2], "Tom Hale") == (1, then), then
    story = ["In July 1987, twelve-year-old Nell Ardagh is sent to Carrickmoyle.", "Nell, now thirty, returns."]
    assert age_told(story, "Nell Ardagh") == (0, story[0])  # the sentence bringing her in tells the story's time
    story = [
        "Reinhold Vogt left school at the age of twelve.",
        "Before leaving, Clementine receives a reply: Reinhold, now ninety-four, is still alive.",
    ]
    assert age_told(story, "Reinhold Vogt") == (1, story[1])  # the time opens the clause before the colon


def test_an_age_told_in_the_present_after_a_time_is_the_one_now():
    opening = "Reinhold Brandt left school at the age of twelve."
    for now in (
        "Sixty years later, Reinhold, now ninety-four, is still alive.",
        "When the mill closes, Reinhold, now fifty-four, takes a job as a night watchman.",
        "Since the war, Reinhold, now forty, has lived alone.",
        "While Reinhold, 23, trains for the Olympics, his coach hides his illness.",
        "When his wife dies, Reinhold, 62, sells the boat.",
        "At night Reinhold, 80, sits with her.",
    ):
        assert age_told([opening, now], "Reinhold Brandt") == (1, now), now


def test_an_age_of_a_time_told_later_wins_over_one_of_childhood():
    opening = "Gwen Ashworth leaves school at the age of fifteen to work in her father's dye works."
    for later in (
        "In 1987 Gwen, 52, sells the company and moves to the coast.",
        "In 2001, Gwen is forty and lives alone.",
        "In 2001, Gwen was forty and lived alone.",
        "In the summer of 2019, Gwen, 40, returns home.",
        "In 1979, Gwen (40) sues Kestrel and wins.",
        "Years later, Gwen, 40, had become a judge.",
        "In the end, Gwen was eighty and the last ferryman on the river.",
    ):
        assert age_told([opening, later], "Gwen Ashworth") == (1, later), later


def test_a_title_does_not_end_the_sentence_a_time_opens():
    story = ["Dr. Tom Hale left school at the age of fifteen.", "In 1945, Dr. Tom Hale was thirty.", "Tom is blind."]
    assert age_told(story, "Tom Hale") == (1, story[1])
    story[2] = "Tom is now eighty."
    assert age_told(story, "Tom Hale") == (2, story[2])
