"""Questions answered where a story brings someone in, through the library as the bot asks them (bench stories)."""

from pathlib import Path

from bot.core.analysis import fold
from bot.core.answer import NoAnswer
from bot.core.corpus import load_corpus
from bot.core.introductions import as_asked, person_introduced, role_held
from bot.core.library import StoryLibrary
from bot.core.query import Correction, PronounReading
from bot.core.role_asked import role_in_name
from tests.core.library_files import library_of

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"


def nothing_written(word: str) -> bool:
    """as_asked's `written` of stories that write none of the question's words."""
    return False


def story_number(library: StoryLibrary, path: str) -> int:
    """The library's number for the story of that file, as a question asked of it names it."""
    return next(number for number, story in enumerate(library.corpus.stories) if story.path == path)


def test_a_relative_asked_for_is_answered_where_the_story_brings_them_in_as_that_relative(tmp_path):
    # A plot summary written blind (bench/untuned4): "gwen" is in every passage, "father" in three, and the short
    # one of her father's funeral ranked first, which does not say who he is; "daughter" in two, and the one where
    # Carys sings ranked first.
    library = library_of(tmp_path, BENCH / "untuned4" / "corpus" / "velvet-static.md")
    answer = library.ask("Who is Gwen's father?", count=1)
    assert answer.best is not None and answer.best.passage == 1
    assert "her strict father, the Reverend Alun Pryce" in answer.best.excerpt.text
    answer = library.ask("what's the name of gwen's daughter", count=1)
    assert answer.best is not None and answer.best.passage == 3
    assert "with their daughter, Carys" in answer.best.excerpt.text
    answer = library.ask("What does Gwen's father do for a living?", count=1)  # her father, not Gwen
    assert answer.best is not None and answer.best.passage == 1 and answer.best.excerpt.text.startswith("Born in 1949")
    assert library.ask("Who is Gwen's sister?", count=1).best is not None  # no sister: ranked as any question
    for question in ("who is gwens father", "gwens father"):  # as a chat types it: no apostrophe
        answer = library.ask(question, count=1)
        assert answer.best is not None and "her strict father, the Reverend Alun Pryce" in answer.best.excerpt.text
        assert answer.corrections == (), question


def test_a_misspelt_word_of_what_is_asked_is_read_as_the_word_the_question_is_searched_by(tmp_path):
    # "fathr" was searched as "father", but the question's shape was read from it as typed: "Gwen" and "father"
    # ranked as any words, and the passage where Gwen sues Kestrel came first.
    library = library_of(tmp_path, BENCH / "untuned4" / "corpus" / "velvet-static.md")
    for question in ("who is gwen's fathr", "who is gwens fathr"):
        answer = library.ask(question, count=1)
        assert answer.best is not None and "her strict father, the Reverend Alun Pryce" in answer.best.excerpt.text
    answer = library.ask("whats the name of gwen's daughtr", count=1)
    assert answer.best is not None and "with their daughter, Carys" in answer.best.excerpt.text
    # bench/untuned: "buttler" was searched as "butler", and the passage where Jenkins is arrested ranked first.
    library = library_of(tmp_path, BENCH / "untuned" / "corpus" / "detective.md")
    for question in ("who is the buttler", "whats the buttler's name"):
        answer = library.ask(question, count=1)
        assert answer.best is not None and "said the butler, a thin man called Jenkins" in answer.best.excerpt.text


def test_as_asked_corrects_the_words_of_what_is_asked_and_a_role_and_leaves_names_as_typed():
    fixes = (Correction("fathr's", "father"), Correction("jobb", "job"), Correction("ivna", "ivan"))
    assert as_asked("whats gwen's fathr's name", fixes, nothing_written) == "whats gwen's father's name"
    assert as_asked("whats ivna's jobb?", fixes, nothing_written) == "whats ivna's job?"
    assert as_asked("ivna", fixes, nothing_written) == "ivna"  # a name typed alone is never a misspelling
    assert as_asked("who is the buttler", (Correction("buttler", "butler"),), nothing_written) == "who is the butler"
    assert (
        as_asked("whats the buttler's name", (Correction("buttler's", "butler"),), nothing_written)
        == "whats the butler's name"
    )
    assert (
        as_asked("who is sofai", (Correction("sofai", "sofia"),), nothing_written) == "who is sofai"
    )  # the lookup forgives it


def test_as_asked_leaves_a_name_the_corrector_made_a_word_of_what_is_asked_as_typed():
    # "calleb" (Caleb) is corrected to "called", "wifl" (Will) to "wife": read so, the name was no one's, and the
    # question lost the person's passage (review new65g F1); the lookup forgives the name as typed.
    assert as_asked("who is calleb", (Correction("calleb", "called"),), nothing_written) == "who is calleb"
    assert as_asked("whats calleb's job", (Correction("calleb's", "called"),), nothing_written) == "whats calleb's job"
    assert as_asked("who is wifl", (Correction("wifl", "wife"),), nothing_written) == "who is wifl"
    fixes = (Correction("auno", "aunt"), Correction("jobb", "job"))
    assert as_asked("whats auno tarrants jobb", fixes, nothing_written) == "whats auno tarrants job"


def test_as_asked_reads_the_rules_words_typed_a_letter_off_that_the_corrector_leaves():
    # The corrector corrects into the library's words only, and none under four letters: a story that never says
    # "job" left "whats ivans jobb" unread, and "jbo" and "wif" were never corrected.
    assert as_asked("whats ivans jobb", (), nothing_written) == "whats ivans job"
    assert as_asked("whats ivans jbo", (), nothing_written) == "whats ivans job"
    assert as_asked("who is gwens fathr", (), nothing_written) == "who is gwens father"
    assert fold(as_asked("WHATS GWEN'S FATHR'S NAME", (), nothing_written)) == "whats gwen's father's name"
    assert as_asked("who is dan", (), nothing_written) == "who is dan"  # a word of the language: no slip of "dad"
    assert (
        as_asked("whats mun's job", (), nothing_written) == "whats mun's job"
    )  # a letter typed for another: a name as often


def test_as_asked_reads_no_word_the_stories_write_as_a_slip():
    # "Hans Sohn" is the tailor's name: "who is hans sohn" was read as "who is hans son", Hans's son (new66f F3).
    def sohn_written(word: str) -> bool:
        return word in {"sohn", "sona", "joby"}

    assert as_asked("who is hans sohn", (), sohn_written) == "who is hans sohn"
    assert as_asked("what is the sona", (), sohn_written) == "what is the sona"
    assert as_asked("who is joby", (), sohn_written) == "who is joby"
    assert as_asked("who is hans sohn", (), nothing_written) == "who is hans son"  # where no story writes it


def test_as_asked_corrects_a_word_the_name_asked_about_holds_as_typed():
    # "job" is the name's own word, as typed: the correction of "jobb" was undone, and the question read as none.
    assert as_asked("whats job hunters jobb", (Correction("jobb", "job"),), nothing_written) == "whats job hunters job"


def test_a_job_asked_with_a_slip_is_answered_where_the_person_is_introduced(tmp_path):
    # The bundled story never says "job": the corrector had nothing to correct "jobb" into.
    library = library_of(tmp_path, Path(__file__).resolve().parents[2] / "corpus" / "sofia-kalmurzaeva-ballerina.md")
    for question in ("whats ivans jobb", "whats ivans jbo"):
        answer = library.ask(question, count=1)
        assert answer.best is not None and "charismatic musician" in answer.best.excerpt.text, question


def test_who_holds_a_role_is_answered_where_the_story_brings_them_in_with_it(tmp_path):
    # Two plot summaries of the bench (bench/untuned, bench/untuned3): "captain" in several passages of each, and the
    # ones saying it most ("Captain's log", the ship's wreck) ranked above those naming the captain.
    library = library_of(
        tmp_path, BENCH / "untuned" / "corpus" / "scifi.md", BENCH / "untuned3" / "corpus" / "orbit-of-the-heron.md"
    )
    answer = library.ask("who is the captain of the heron", count=1)
    assert answer.best is not None and "led by Captain Ingrid Solheim" in answer.best.excerpt.text
    answer = library.ask("Who is the captain of the Meridian", count=1)
    assert answer.best is not None and "Captain Elena Voss signs off" in answer.best.excerpt.text


def test_who_the_story_is_about_is_answered_where_its_most_mentioned_person_is_brought_in(tmp_path):
    # No passage says "main character"; "ledger" (the title's) ranked the ledger's passage first. Honoria Vale and Sir
    # Aldous Penhallow are named nine times each: the plot brings her in first.
    plots = BENCH / "untuned4" / "corpus"
    library = library_of(tmp_path, plots / "the-saltmarsh-ledger.md", plots / "velvet-static.md")
    for question in ("who is the main character in the saltmarsh ledger", "Who's the protagonist of the ledger?"):
        answer = library.ask(question, count=1)
        assert answer.best is not None and answer.best.story == "The Saltmarsh Ledger" and answer.best.passage == 1
        assert "retired schoolmistress Honoria Vale" in answer.best.excerpt.text, question


def test_a_relative_asked_for_the_other_way_round_is_answered_where_the_person_asked_about_is_brought_in(tmp_path):
    # "Lesage's daughter, Madeleine": Madeleine's father is named where she is brought in (bench/untuned3).
    library = library_of(tmp_path, BENCH / "untuned3" / "corpus" / "hold-the-bridge-at-varenne.md")
    answer = library.ask("Who is Madeleine's father", count=1)
    assert answer.best is not None and "Lesage's daughter, Madeleine" in answer.best.excerpt.text


def test_a_name_the_stories_write_is_not_taken_for_a_misspelling_of_another_person(tmp_path):
    # The people finder misses Colin Braddock, said twice with nothing that says a person, and forgives "colin" as a
    # misspelling of Con Furey: the introduction of a man of another story was put first, with no word of the
    # question in it.
    (tmp_path / "stroke.md").write_text(
        "# The Long Stroke\n\nDanny joins a rowing club on the river.\n\nThe crew is made up of amateurs; at bow sits "
        "Colin Braddock, aged 58, beside twin accountants.\n\nAfter a capsize in which Colin nearly "
        "drowns, the crew trains harder.",
        encoding="utf-8",
    )
    (tmp_path / "bell.md").write_text(
        "# The Copper Bell\n\nNell spends the summer in a fishing town.\n\nShe soon falls in with Declan Furey, a "
        "freckled boy whose father, Con Furey, runs the town's only garage.\n\nThey spend their days rowing Con's old "
        "dinghy over the spot where the church is said to lie.",
        encoding="utf-8",
    )
    library = StoryLibrary(load_corpus(tmp_path))
    assert [p.name for p in library.person_finder.find("colin").matches] == ["Con Furey"]  # as /performer forgives it
    for question in ("who is colin", "how old is colin"):
        answer = library.ask(question)
        assert answer.best is not None and answer.best.story == "The Long Stroke", question
    answer = library.ask("who is con")
    assert answer.best is not None and "Con Furey" in answer.best.excerpt.text and answer.corrections == ()
    # A name the stories do not write is forgiven as a misspelling, and the answer says whom it took it for.
    answer = library.ask("who is conn")
    assert answer.best is not None and "Con Furey" in answer.best.excerpt.text
    assert [(c.word, c.replacement) for c in answer.corrections] == [("conn", "Con Furey")]


def test_a_job_asked_of_someone_brought_in_by_name_alone_is_answered_where_the_story_says_it(tmp_path):
    # Priya Raman comes in at her wedding, and "Priya, who is a surgeon" is three passages on; Ted comes in as "a
    # boy called Edmund, [...] whom everybody called Ted", and "Ted became a moderately successful composer" later.
    library = library_of(
        tmp_path,
        BENCH / "untuned3" / "corpus" / "the-best-man-problem.md",
        BENCH / "untuned2" / "corpus" / "the-ashworth-inheritance.md",
    )
    for question in ("What does Priya do?", "whats priyas job", "What is Priya's profession?"):
        answer = library.ask(question, count=1)
        assert answer.best is not None and "Priya, who is a surgeon" in answer.best.excerpt.text, question
    answer = library.ask("whats teds job", count=1)
    assert answer.best is not None and "Ted became a moderately successful composer" in answer.best.excerpt.text
    # Who someone is, and what they did, are still answered where the story brings them in, and by the ranking.
    answer = library.ask("Who is Priya?", count=1)
    assert answer.best is not None and "wedding to Priya Raman" in answer.best.excerpt.text


def test_a_possessive_typed_without_its_apostrophe_finds_the_name_where_the_stories_write_it_with_the_s(tmp_path):
    # "marks" is a word of the story ("marks the page"), so "whats marks job" was no misspelling of Mark, and
    # nothing was found: the name less its "s" is Mark's exactly.
    (tmp_path / "ledger.md").write_text(
        "# The Ledger\n\nMark Tully, a night-shift accountant, keeps the firm's books.\n\nEvery evening he marks the "
        "page where the money went missing.\n\nThe auditors arrive on Friday, and the ledger is gone.",
        encoding="utf-8",
    )
    library = StoryLibrary(load_corpus(tmp_path))
    for question in ("whats marks job", "What is Mark's job?"):
        answer = library.ask(question, count=1)
        assert answer.best is not None and "a night-shift accountant" in answer.best.excerpt.text, question
        assert answer.corrections == (), question


def test_a_name_typed_alone_or_with_its_job_and_no_question_word_is_answered_where_the_story_says_who_they_are(
    tmp_path,
):
    # Chats type "leonie" or "ted job": read as no name asked about, they were ranked as any words, and "job" took
    # the passage where Emil "is offered a job" (bench/untuned5) or where Josiah's works were sold (bench/untuned2).
    library = library_of(
        tmp_path,
        BENCH / "untuned5" / "corpus" / "nine-hours-in-dresmont.md",
        BENCH / "untuned2" / "corpus" / "the-ashworth-inheritance.md",
    )
    for question in ("leonie", "leonie job", "Leonie's occupation?", "leonies job", "what does leonie work as"):
        answer = library.ask(question, count=1)
        assert answer.best is not None and "a 36-year-old interpreter" in answer.best.excerpt.text, question
    for question in ("ted job", "whats teds career"):
        answer = library.ask(question, count=1)
        assert answer.best is not None and "Ted became a moderately successful composer" in answer.best.excerpt.text
    # A name typed alone is never forgiven as a misspelling: any short question reads as one.
    answer = library.ask("leonee", count=1)
    assert all(correction.replacement != "Leonie Haskett" for correction in answer.corrections)


def test_a_role_asked_for_is_answered_where_a_description_naming_them_brings_them_in(tmp_path):
    # "the judge, a horticultural expert from Cheltenham called Mr. Lionel Fitch-Abbott": the passages saying
    # "judging" ranked first; "whats the butlers name" was read as no role at all (bench/untuned, bench/untuned2).
    library = library_of(
        tmp_path,
        BENCH / "untuned2" / "corpus" / "the-marrow-show-mystery.md",
        BENCH / "untuned" / "corpus" / "detective.md",
    )
    for question in ("who is the judge", "What was the judge called?"):
        answer = library.ask(question, count=1)
        assert answer.best is not None and "called Mr. Lionel Fitch-Abbott" in answer.best.excerpt.text, question
    for question in ("whats the butlers name", "What is the name of the butler?"):
        answer = library.ask(question, count=1)
        assert answer.best is not None and "a thin man called Jenkins" in answer.best.excerpt.text, question


def test_a_role_held_for_someone_is_answered_where_the_story_brings_them_in_with_it(tmp_path):
    # Plot summaries written blind (bench/untuned, bench/untuned5): "who is priyas boss" was read as no question of a
    # person, and the passage saying "Priya" most ranked first; "Morwenna's own superintendent, Gareth Lusk" ranked
    # below her own introduction. The story says "manager" and "superintendent", WordNet's kinds of a boss's kind.
    library = library_of(
        tmp_path, BENCH / "untuned" / "corpus" / "office.md", BENCH / "untuned5" / "corpus" / "saltmarsh-ledger.md"
    )
    for question in (
        "who is priyas boss",
        "Who is Priya's boss?",
        "Who is Priya's manager?",
        "who is the boss of priya",
    ):
        answer = library.ask(question, count=1)
        assert answer.best is not None and "her manager, Don Keller" in answer.best.excerpt.text, question
    answer = library.ask("who is morwenna's boss", count=1)
    assert answer.best is not None and "Morwenna's own superintendent, Gareth Lusk" in answer.best.excerpt.text


def test_a_role_held_for_her_or_him_is_held_for_the_person_named_last_before_it(tmp_path):
    # "His manager, Colin Webb" follows "Her husband, Raj Nair": his manager is Raj's, not Priya's, whom her
    # introduction's passage names first. Priya's boss is left to the ranking, which finds "Her boss, ... Don Keller".
    (tmp_path / "office.md").write_text(
        "# Open Plan\n\nPriya Nair is a junior analyst at a logistics firm in Leeds. Her husband, Raj Nair, works at a "
        "bank across the river.\n\nHis manager, Colin Webb, keeps Raj late every night, and Priya eats dinner alone."
        "\n\nThe firm is in trouble and rumours of an audit spread through the building.\n\nPriya finds an error in "
        "the freight ledger. Her boss, a tired man called Don Keller, tells her to leave it alone.\n\nIn the end Priya "
        "takes the ledger to the police.",
        encoding="utf-8",
    )
    library = StoryLibrary(load_corpus(tmp_path))
    for question in ("who is priya's boss", "whos priyas boss"):
        answer = library.ask(question, count=1)
        assert answer.best is not None and "Don Keller" in answer.best.excerpt.text, question
    answer = library.ask("who is raj's boss", count=1)
    assert answer.best is not None and answer.best.excerpt.text.startswith("His manager, Colin Webb")


def test_a_role_held_for_someone_is_not_answered_by_its_converse(tmp_path):
    # WordNet's kinds of "teacher" reached "pupil" through "educ", the term of "educator" and "education" alike:
    # "Who is Alice's teacher?" answered with her pupil.
    (tmp_path / "school.md").write_text(
        "# The Piano Lesson\n\nAlice Moreau is a piano teacher in a small town in Brittany. She is fifty and has never "
        "married.\n\nHer pupil, a shy boy of twelve named Tom Reed, comes every Thursday after school.\n\nTom plays "
        "badly at first, but Alice hears something in his left hand that she has not heard in years.",
        encoding="utf-8",
    )
    library = StoryLibrary(load_corpus(tmp_path))
    answer = library.ask("who is alice's teacher", count=1)
    assert answer.best is not None and "Tom Reed" not in answer.best.excerpt.text
    answer = library.ask("who is alice's pupil", count=1)
    assert answer.best is not None and answer.best.excerpt.text.startswith("Her pupil, a shy boy")


def test_a_role_held_for_someone_is_not_answered_by_its_kinds_where_the_story_says_the_role_itself(tmp_path):
    # A boss is a kind of supervisor, and "Her supervisor, Grace Obi" answered "who is marta's boss", though the story
    # says who her boss is: "Her boss from now on, the chief resident Paul Kemp" (a name the finder does not take).
    (tmp_path / "ward.md").write_text(
        "# Night Shift\n\nMarta Lind is a nurse on the night ward of a city hospital. Her supervisor, Grace Obi, runs "
        "the ward with a stopwatch.\n\nThe nights are long. Marta drinks cold tea and talks to the patients who cannot "
        "sleep.\n\nIn March a new doctor arrives. Her boss from now on, the chief resident Paul Kemp, wants the ward "
        "run differently.\n\nMarta is caught between them and begins to look for another job.",
        encoding="utf-8",
    )
    library = StoryLibrary(load_corpus(tmp_path))
    answer = library.ask("who is marta's boss", count=1)
    assert answer.best is not None and "Paul Kemp" in answer.best.excerpt.text
    answer = library.ask("who is marta's supervisor", count=1)
    assert answer.best is not None and "Her supervisor, Grace Obi" in answer.best.excerpt.text


def test_a_relative_asked_as_the_kin_of_someone_is_answered_as_their_kin_is(tmp_path):
    # "the brother of caterina" was read as no relative: the passage saying "brother" and "Caterina" most ranked first,
    # not the one saying "her younger brother, Tommaso" (bench/untuned5).
    library = library_of(tmp_path, BENCH / "untuned5" / "corpus" / "glassmakers-daughter.md")
    for question in ("who is the brother of caterina", "Who is Caterina's brother?"):
        answer = library.ask(question, count=1)
        assert answer.best is not None and "her younger brother, Tommaso" in answer.best.excerpt.text, question


def test_a_role_held_for_her_is_not_held_for_a_man_the_story_brings_in_as_someone_s_son(tmp_path):
    # Eli is named last before "Her new assistant", but the story brings him in as Maya's son: "her" is not his
    # (second review new68r4 2: "her schoolfriend Delyth Morgan" after "her strict father, the Reverend Alun Pryce").
    (tmp_path / "tide.md").write_text(
        "# Low Tide\n\nMaya Torres runs the harbour café at Cascade Point. Maya's teenage son, Eli Torres, spends his "
        "weekends there.\n\nIn June the café gets busy. Her new assistant, Ruth Bell, arrives from Leeds with three "
        "suitcases.\n\nEli Torres falls for Ruth Bell, and Maya Torres pretends not to notice.",
        encoding="utf-8",
    )
    library = StoryLibrary(load_corpus(tmp_path))
    people, stories, passages = library.person_finder, library.corpus.stories, library.corpus.passages
    assert person_introduced("who is eli's assistant", people, stories, passages, None, (), nothing_written) is None
    # "His new assistant" may be his.
    (tmp_path / "tide.md").write_text(
        (tmp_path / "tide.md").read_text(encoding="utf-8").replace("Her new assistant", "His new assistant"),
        encoding="utf-8",
    )
    library = StoryLibrary(load_corpus(tmp_path))
    people, stories, passages = library.person_finder, library.corpus.stories, library.corpus.passages
    found = person_introduced("who is eli's assistant", people, stories, passages, None, (), nothing_written)
    assert found is not None and found.person.name == "Ruth Bell"


def test_she_asked_of_one_story_that_names_no_one_is_its_lead(tmp_path):
    # A reader in a story's thread asks "what does she do" of Priya Nair (bench/untuned's office story, the person it
    # names most): it was refused (no word to search) and "who is her boss" ranked by "boss" alone, which no passage
    # holds ("her manager, Don Keller").
    plots = BENCH / "untuned" / "corpus"
    library = library_of(tmp_path, plots / "office.md", plots / "recipe.md")
    office = story_number(library, "office.md")
    answer = library.ask("what does she do", count=1, story=office)
    assert answer.best is not None and "worked in the IT department" in answer.best.excerpt.text
    # whom "she" was taken to mean is said as such, not as a word searched instead (the words searched are as typed)
    assert answer.pronoun_reading == PronounReading(("she",), "Priya Nair") and not answer.corrections
    answer = library.ask("who is her boss", count=1, story=office)
    assert answer.best is not None and "her manager, Don Keller" in answer.best.excerpt.text
    # read once, as the question is: the answer says what its query read
    assert library.query("who is her boss", story=office).pronoun_reading == PronounReading(("her",), "Priya Nair")
    # Asked of the whole library, "she" is no one's; nor is a question no rule reads of the lead searched for it.
    assert library.ask("what does she do", count=1).reason is NoAnswer.NO_CONTENT_WORDS
    assert library.ask("how is she", count=1, story=office).reason is NoAnswer.NO_CONTENT_WORDS


def test_a_pronoun_of_the_other_sex_than_the_story_tells_its_lead_with_is_not_read_as_the_lead(tmp_path):
    # bench/untuned's kitchen story tells Mara Lindqvist with "her" and "she": "what does he do" asks of her brother
    # (or the painter), not of her, and was answered as "what does Mara Lindqvist do".
    plots = BENCH / "untuned" / "corpus"
    library = library_of(tmp_path, plots / "kitchen-war.md", plots / "recipe.md")
    kitchen = story_number(library, "kitchen-war.md")
    assert library.ask("what does he do", count=1, story=kitchen).reason is NoAnswer.NO_CONTENT_WORDS
    assert library.query("what is his job", story=kitchen).text == "what is his job"
    assert library.query("what is her job", story=kitchen).text == "what is Mara Lindqvist's job"


def test_a_pronoun_after_a_kind_of_person_only_the_hand_kept_list_knows_is_not_read_as_the_lead(tmp_path):
    # FairytaleQA val: "What did the queen do because she was confused?" was read as Kari Woodencoat's "she", as
    # "the old woman" is not: WordNet's list of kinds of people leaves out "queen", "giant" and "maiden" (they name
    # things too), which person_words.txt holds.
    plots = BENCH / "untuned" / "corpus"
    library = library_of(tmp_path, plots / "office.md", plots / "recipe.md")
    office = story_number(library, "office.md")
    for question in ("what did the queen do because she was confused", "where did the giant send her"):
        assert library.query(question, story=office).pronoun_reading is None, question
    assert library.query("what did the boss do because she was confused", story=office).pronoun_reading is None
    assert library.query("what did she do because it was late", story=office).pronoun_reading is not None


def test_a_relative_or_role_of_the_lead_no_story_names_is_no_misspelling_of_the_lead_s_name(tmp_path):
    # "who is her enemy" of Sophie's story, read as "who is Sophie Korolev's enemy", was answered with her
    # introduction, said as "Showing results for Sophie Korolev (you typed sophie korolev's enemy)": the lookup forgave
    # "sophie korolev's enemy" as a misspelling of her name. So was the question typed with her name.
    library = library_of(tmp_path, ROOT / "corpus" / "sophie-korolev-pianist.md")
    for question in ("who is her enemy", "who is sophie korolev's enemy", "who is sophie korolevs enemy"):
        answer = library.ask(question, count=1, story=0)
        assert not answer.corrections and answer.pronoun_reading is None, question
    # Her name typed with a slip, and no one's possessive, is still forgiven as hers
    answer = library.ask("who is sophi korolev", count=1, story=0)
    assert answer.best is not None and answer.best.passage == 1
    assert [correction.replacement for correction in answer.corrections] == ["Sophie Korolev"]


def test_a_pronoun_read_as_the_lead_is_said_only_where_the_reading_changed_the_answer(tmp_path):
    # "her brother" is Tobias through "Mara Lindqvist's brother", but the passage naming him first holds "brother"
    # too and ranks first as typed: the reading changed nothing and is not said.
    plots = BENCH / "untuned" / "corpus"
    library = library_of(tmp_path, plots / "kitchen-war.md", plots / "recipe.md")
    kitchen = story_number(library, "kitchen-war.md")
    answer = library.ask("who is her brother", count=1, story=kitchen)
    assert answer.best is not None and "her brother Tobias" in answer.best.excerpt.text
    assert answer.pronoun_reading is None


def test_a_relative_of_someone_is_answered_where_the_story_says_it_of_the_role_it_gives_them_alone(tmp_path):
    # bench/untuned: "whats seamus's wife called" ranked his introduction first; the story says "The harbour master's
    # wife, Nuala", and "Captain Seamus McAllister-Byrne took over as harbour master".
    library = library_of(tmp_path, BENCH / "untuned" / "corpus" / "harbour.md")
    for question in ("whats seamus's wife called", "Who is the wife of Seamus?"):
        answer = library.ask(question, count=1)
        assert answer.best is not None and answer.best.passage == 2, question
        assert "The harbour master's wife, Nuala" in answer.best.excerpt.text
    # A master's wife is no one's in particular: "the old master, a man everyone called Grandad Pugh" is one too.
    (tmp_path / "harbour.md").write_text(
        (tmp_path / "harbour.md").read_text(encoding="utf-8").replace("harbour master's wife", "master's wife"),
        encoding="utf-8",
    )
    library = StoryLibrary(load_corpus(tmp_path))
    people, stories, passages = library.person_finder, library.corpus.stories, library.corpus.passages
    assert person_introduced("who is seamus's wife", people, stories, passages, None, (), nothing_written) is None


def test_a_role_held_for_someone_is_answered_where_the_story_says_it_of_the_role_it_gives_them_alone(tmp_path):
    story = (BENCH / "untuned" / "corpus" / "harbour.md").read_text(encoding="utf-8")
    deputy = "The harbour master's deputy, Ewan Price, counted the boats."
    (tmp_path / "harbour.md").write_text(story.replace("In the summer", f"{deputy} In the summer"), encoding="utf-8")
    library = StoryLibrary(load_corpus(tmp_path))
    answer = library.ask("who is seamus's deputy", count=1)
    assert answer.best is not None and answer.best.excerpt.text.startswith(deputy)
    # Two harbour masters: the deputy is the one's or the other's.
    two = story.replace("the old master, a man everyone called Grandad Pugh", "the old harbour master, Ivor Pugh")
    (tmp_path / "harbour.md").write_text(two.replace("In the summer", f"{deputy} In the summer"), encoding="utf-8")
    library = StoryLibrary(load_corpus(tmp_path))
    people, stories, passages = library.person_finder, library.corpus.stories, library.corpus.passages
    found = person_introduced("who is seamus's deputy", people, stories, passages, None, (), nothing_written)
    assert found is None or found.person.name != "Ewan Price"  # read as the rules after a role held for him read it


def test_a_role_someone_only_seems_to_hold_or_held_before_another_links_no_relative_to_them(tmp_path):
    # A reviewer's stories, where the rule's first version answered with the role's relative: a man posing as a
    # doctor, or dressed as a sailor, is no doctor or sailor; and where a harbour master held the role before him, the
    # harbour master's wife may be his.
    stories = {
        "inn.md": (
            "# Inn\n\nDeclan Hart, posing as a doctor, came to the inn on a wet night.\n\nThe rain kept falling for "
            "days.\n\nThe doctor's wife, Sinead, ran the inn. Declan Hart drank there nightly.\n",
            "who is declan's wife",
            "Sinead",
        ),
        "ship.md": (
            "# Ship\n\nFinn Walsh, dressed as a sailor, slipped aboard the Gull.\n\nThe rain kept falling.\n\nThe "
            "sailor's wife, Orla, waited on the quay. Finn Walsh hid below.\n",
            "who is finn's wife",
            "Orla",
        ),
        "harbour.md": (
            "# Harbour\n\nOld Padraig Quinn was harbour master for thirty years.\n\nThe rain kept falling.\n\nWhen "
            "he died, Captain Seamus Byrne took over as harbour master. The harbour master's wife, Nuala, kept the "
            "books.\n",
            "who is seamus's wife",
            "Nuala",
        ),
    }
    for name, (text, question, relative) in stories.items():
        folder = tmp_path / name.removesuffix(".md")
        folder.mkdir()
        (folder / name).write_text(text, encoding="utf-8")
        library = StoryLibrary(load_corpus(folder))
        people, corpus_stories, passages = library.person_finder, library.corpus.stories, library.corpus.passages
        found = person_introduced(question, people, corpus_stories, passages, None, (), nothing_written)
        assert found is None or found.person.name != relative, question


def test_whom_someone_marries_is_answered_where_the_story_tells_the_marriage(tmp_path):
    # Plot summaries written blind (bench/untuned8, untuned5): the passages saying "Béatrice" and "marry" or
    # "Guilhem" most ranked first, not the sentence telling the marriage; Isabeau is brought in by "married to", no
    # "his wife".
    library = library_of(tmp_path, BENCH / "untuned8" / "corpus" / "the-salt-and-the-crown.md")
    answer = library.ask("Who does Beatrice marry?", count=1)
    assert answer.best is not None and "an elderly Avignon banker, Messire Raoul d'Estaing" in answer.best.excerpt.text
    answer = library.ask("Who is Guilhem's wife?", count=1)
    assert answer.best is not None and answer.best.excerpt.text.startswith("In the third part, Guilhem, now thirty")
    assert "married to a weaver named Isabeau" in answer.best.excerpt.text
    library = library_of(tmp_path, BENCH / "untuned5" / "corpus" / "glassmakers-daughter.md")
    answer = library.ask("who is niccolo engaged to", count=1)
    assert (
        answer.best is not None
        and "promised in marriage to Gaspare Zorzi's niece, Ludovica" in answer.best.excerpt.text
    )


def test_whom_someone_ends_up_marrying_is_the_last_marriage_and_an_engagement_is_no_marriage(tmp_path):
    # Inês is engaged to Rodrigo ("Rodrigo Paiva, who is engaged to marry her": his engagement, told of him) and
    # marries Karim in the epilogue; "Who is Clara engaged to?" is answered by "Clara's fiancé, Roberto Gatti",
    # which no question word found ("engaged" is no word of that passage).
    library = library_of(tmp_path, BENCH / "untuned3" / "corpus" / "the-cartographers-daughter.md")
    answer = library.ask("Who does Ines end up marrying?", count=1)
    assert answer.best is not None and "she marries Yusuf's grandson, Karim" in answer.best.excerpt.text
    answer = library.ask("Who is Ines engaged to?", count=1)
    assert answer.best is not None and "Rodrigo Paiva, who is engaged to marry her" in answer.best.excerpt.text
    library = library_of(tmp_path, BENCH / "untuned3" / "corpus" / "a-winter-in-trieste.md")
    answer = library.ask("Who is Clara engaged to?", count=1)
    assert answer.best is not None and "Clara's fiancé, Roberto Gatti, a lawyer in Milan" in answer.best.excerpt.text


def test_a_marriage_told_of_her_or_him_is_told_of_whom_the_pronoun_stands_for(tmp_path):
    # Plot summaries written blind (bench/untuned6, untuned7): "She is calm and proud, and tells Kettleby that her
    # husband, Esteban, was murdered" is not Kettleby's, named last before "her";
    # "Maya's teenage son, Eli, is spending the weekend with her estranged husband" is Maya's ("Maya's" names her);
    # "The father, she admits, is a married director named Julian Fairweather" tells no one's marriage; and
    # "Clementine learns that Ottilie had been engaged" is Ottilie's (bench/untuned5), whom the people finder misses.
    library = library_of(
        tmp_path,
        BENCH / "untuned6" / "corpus" / "the-last-ride-to-mercy-wells.md",
        BENCH / "untuned7" / "corpus" / "cascade-point.md",
        BENCH / "untuned7" / "corpus" / "the-orchard-at-kell.md",
        BENCH / "untuned5" / "corpus" / "winter-in-vellacourt.md",
    )
    people, stories, passages = library.person_finder, library.corpus.stories, library.corpus.passages

    def told(question: str) -> str | None:
        found = person_introduced(question, people, stories, passages, None, (), nothing_written)
        return None if found is None else found.person.intro

    # Tomasa's "She ... her husband, Esteban" is hers: the pronouns after her name (two "she", one "he") do not
    # settle her sex, but she is the only person named in the sentence before ("Tomasa is hiding there with her two
    # young children"); so is Robert's "His marriage to his wife, Janet" ("The eldest child, Robert, is a solicitor").
    assert (told("who did tomasa marry") or "").startswith("She is calm and proud, and tells Kettleby that her husband")
    assert (told("Who is Robert's wife?") or "").startswith("His marriage to his wife, Janet, is quietly collapsing")
    assert "Esteban" not in (told("who did kettleby marry") or "")
    assert "her estranged husband, Ben Carver" not in (told("who did hask marry") or "")
    assert "a married director" not in (told("who did simon marry") or "")
    assert (told("who was clementine engaged to") or "").startswith(
        "The romance is strained when Clementine's former fiancé, an estate agent named Julian Forsythe"
    )


def test_someone_brought_in_as_a_foster_relative_may_be_whom_they_marry(tmp_path):
    # bench/untuned6: "Sventa spends her days with her foster-brother, Rimas" and later "Sventa marries Rimas": a
    # relative by blood is no one's spouse, a foster-brother may be.
    library = library_of(tmp_path, BENCH / "untuned6" / "corpus" / "the-amber-crown.md")
    people, stories, passages = library.person_finder, library.corpus.stories, library.corpus.passages
    found = person_introduced("Who did Sventa marry?", people, stories, passages, None, (), nothing_written)
    assert found is not None and (found.person.intro or "").startswith("Sventa marries Rimas, who is not of noble")


def test_who_someone_is_is_answered_where_they_are_first_set_apart_as_someone_s_kin_or_partner(tmp_path):
    # Chat and bench questions that the last passage, or a later one, answered: where the story first names them as
    # someone's partner or daughter says who they are; and Katarzyna, named alone in speech first, was no one.
    for story, question, said in (
        ("untuned7/corpus/the-orchard-at-kell.md", "Who is Simon?", "arrives with his partner, Simon, whom the family"),
        ("untuned5/corpus/kestrel-line.md", "who is lena", "whose daughter Lena supplies them with bread"),
        ("untuned2/corpus/the-ashworth-inheritance.md", "who is margaret", "a third to Harold's daughter, Margaret,"),
        ("untuned2/corpus/the-canal-street-job.md", "who is katarzyna", "Katarzyna Wolff-Ebeling had been Dutchie's"),
    ):
        folder = tmp_path / Path(story).stem
        folder.mkdir()
        answer = library_of(folder, BENCH / story).ask(question, count=1)
        assert answer.best is not None and said in answer.best.excerpt.text, question


def test_a_name_typed_as_a_role_is_the_one_person_brought_in_with_it_or_said_to_hold_it(library):
    # "Sébastien Kalmurzaeva was a renowned violinist": "the violinist" of "What instrument does the violinist play?"
    violinist = next(story for story in library.corpus.stories if story.path.startswith("sebastien"))
    passages = library.corpus.passages
    assert (holder := role_held(library.person_finder, violinist, passages, "violinist")) is not None
    assert holder.name == "Sébastien Kalmurzaeva"
    assert role_held(library.person_finder, violinist, passages, "pianist") is None
    assert role_in_name("the violinist") == "violinist"
    assert role_in_name("Sébastien") is None  # a name, no role


def test_a_role_is_answered_in_a_later_story_where_the_first_ranked_never_writes_its_word(tmp_path):
    # Written to break the rule: "medical" shares "medic"'s stem, and ranks first a story with no medic in it; a story
    # that writes "medic" and names none ranked first answers no one (bench/untuned3's "Who is the medic?").
    (tmp_path / "hospital.md").write_text(
        "# The Field Hospital\n\nDr. Helena Vos, a Dutch surgeon, runs a field hospital near Ypres. She is short of"
        " medical supplies.\n\nWhen an inspector arrives, Helena hides the stolen medical crates in a chapel.\n"
    )
    (tmp_path / "ridge.md").write_text(
        "# Ridge Line\n\nA platoon of marines is cut off on a frozen ridge. The platoon medic, Corporal Tomas Reyes,"
        " keeps the wounded alive with melted snow.\n"
    )
    library = StoryLibrary.load(tmp_path)
    answer = library.ask("who is the medic", count=1)
    assert answer.best is not None and "The platoon medic, Corporal Tomas Reyes" in answer.best.excerpt.text
    (tmp_path / "ward.md").write_text(
        "# The Ward\n\nNurse Ada Brill works nights on a children's ward. A medic from the ambulance stays with a boy"
        " until morning and leaves without giving his name. His medical bag stays behind.\n"
    )
    library = StoryLibrary.load(tmp_path)
    people = library.person_finder
    corpus = library.corpus
    ward = story_number(library, "ward.md")
    ranked = [ward, *(number for number in range(len(corpus.stories)) if number != ward)]
    found = person_introduced(
        "who is the medic", people, corpus.stories, corpus.passages, None, ranked, nothing_written
    )
    assert found is None


def test_a_misspelt_role_is_answered_by_a_kind_of_it_where_the_story_never_writes_its_word(tmp_path):
    # bench/untuned4: "prosecuter" is no word the stories write, and the story calls its prosecutor "district
    # attorney"; a story that writes the role's word answers by it, not by its kinds ("defence attorney Luis Mora").
    library = library_of(tmp_path, BENCH / "untuned4" / "corpus" / "harrow-v-quintell.md")
    assert as_asked("who is the prosecuter", (), nothing_written) == "who is the prosecutor"
    assert as_asked("who is the prosecution", (), nothing_written) == "who is the prosecution"  # a word known
    for question in ("who is the prosecuter", "Who is the prosecutor?"):
        answer = library.ask(question, count=1)
        assert answer.best is not None and "district attorney Craig Mollenhauer" in answer.best.excerpt.text, question
    (tmp_path / "hearing.md").write_text(
        "# The Hearing\n\nSam Crowe, a dockworker, is accused of arson. The prosecutor is a cold woman named Agatha"
        " Pell. His defence attorney, Luis Mora, finds the real arsonist.\n"
    )
    hearing = StoryLibrary.load(tmp_path)
    answer = hearing.ask("who is the prosecutor", count=1, story=story_number(hearing, "hearing.md"))
    assert answer.best is not None and "named Agatha Pell" in answer.best.excerpt.text


def test_a_relative_is_no_kind_of_a_role_a_story_never_writes(tmp_path):
    # Written to break the rule: WordNet's kinds of a priest hold "father", and of a woman "daughter".
    (tmp_path / "chapel.md").write_text(
        "# The Chapel by the Sea\n\nMara Hale, a fisherman's daughter, lives with her father, Tom Hale, in a cottage"
        " below the chapel on the cliff. Every Sunday the village climbs to the chapel.\n"
    )
    library = StoryLibrary.load(tmp_path)
    corpus = library.corpus
    for question in ("who is the priest at the chapel", "who is the woman in the cottage"):
        found = person_introduced(
            question, library.person_finder, corpus.stories, corpus.passages, None, [0], nothing_written
        )
        assert found is None, question


ALBION = (
    "# The Grand Albion\n\nThe Grand Albion, a seaside hotel in Brighton, is sold to an American businessman, Chester"
    " Boyd. The hotel's manager, Mr. Fergus Quaid, fears for his staff. The head chef, Lorenzo Bassi, threatens to"
    " quit.\n"
)
GLASS_KEY = (
    "# The Glass Key\n\nIn 1920s Chicago, ward boss Paul Madvig backs a reform senator, Henry Ashby, in a close"
    " election. Madvig's right-hand man, Ned Beaumont, a gambler with a bad lung, distrusts the senator's son Taylor."
    "\n\nNed learns that the senator himself struck the fatal blow in an argument outside his own house.\n"
)
ALDRIC = (
    "# St. Aldric's\n\nFourteen-year-old Ben Fairley wins a scholarship to St. Aldric's, a boarding school in the Welsh"
    " hills. The headmaster, Dr. Cyril Vane, is cold and distant.\n\nHis English master, Mr. Tobias Reed, encourages"
    " him to write.\n"
)
COLD_CASE = (
    "# Cold Case\n\nDetective Inspector Ruth Calder reopens the murder of a young pianist. Calder finds that the"
    " victim's piano teacher, Geoffrey Marsh, lied about where he was that night.\n"
)
DARK_HARBOUR = (
    "# Dark Harbour\n\nA Cornish fishing village lives in fear of wreckers. The villain, Silas Crane, lights false"
    " lamps on the cliffs to lure ships onto the rocks.\n"
)


def test_a_role_asked_with_its_story_or_place_is_never_answered_from_another_story(tmp_path):
    # Written to break the rule (review of s74D): a story ranked first that calls the role otherwise ("manager",
    # "master") or never names it is the one asked about; another story's "ward boss", "piano teacher" or "villain"
    # is no answer. Only "Who is the ROLE?" asked alone reads past the story ranked first. (This small library's
    # ranking puts Dark Harbour's villain first for "in The Glass Key": the ranking's doing, not the rule's.)
    for name, text in [
        ("hotel.md", ALBION),
        ("glass-key.md", GLASS_KEY),
        ("the-school.md", ALDRIC),
        ("cold-case.md", COLD_CASE),
        ("dark-harbour.md", DARK_HARBOUR),
    ]:
        (tmp_path / name).write_text(text, encoding="utf-8")
    library = StoryLibrary.load(tmp_path)
    people, corpus = library.person_finder, library.corpus
    for question, named, other in [
        ("Who is the boss of the hotel?", "hotel.md", "glass-key.md"),
        ("Who is the teacher at St. Aldric's?", "the-school.md", "cold-case.md"),
        ("Who is the villain in The Glass Key?", "glass-key.md", "dark-harbour.md"),
    ]:
        ranked = [story_number(library, named), story_number(library, other)]
        found = person_introduced(question, people, corpus.stories, corpus.passages, None, ranked, nothing_written)
        assert found is None or found.person.path == named, question
    for question, named in [
        ("Who is the boss of the hotel?", "hotel.md"),
        ("Who is the teacher at St. Aldric's?", "the-school.md"),
    ]:
        answer = library.ask(question, count=1)
        assert answer.best is not None and answer.best.path == named, question
    answer = library.ask("Who is the villain?", count=1)  # asked alone: the one story bringing in a villain
    assert answer.best is not None and "The villain, Silas Crane" in answer.best.excerpt.text


def test_a_role_as_general_as_man_or_a_plural_of_a_role_brings_in_no_one_by_it(tmp_path):
    # bench/untuned5: "Pip Sedge, a cheerful boy" is a kind of man, yet no answer to "Who is the man?"; "distrusts
    # young officers; Private Teodor Vasko" brings in no officer (the lieutenant commanding is the story's).
    library = library_of(
        tmp_path,
        BENCH / "untuned5" / "corpus" / "lantern-keeper-of-ost.md",
        BENCH / "untuned5" / "corpus" / "kestrel-line.md",
    )
    people, corpus = library.person_finder, library.corpus
    for question, path, wrong in [
        ("Who is the man?", "lantern-keeper-of-ost.md", "Pip Sedge"),
        ("Who is the officer?", "kestrel-line.md", "Private Teodor Vasko"),
        ("Who is the captain?", "kestrel-line.md", "Private Teodor Vasko"),
    ]:
        ranked = [story_number(library, path)]
        found = person_introduced(question, people, corpus.stories, corpus.passages, None, ranked, nothing_written)
        assert found is None or found.person.name != wrong, question


ROLE_STORIES = ROOT / "tests" / "fixtures" / "role_stories"
"""Plot summaries written to break the role rule (reviews of s74D): a role asked with more after it, whose synonyms or
kinds by WordNet's other senses name someone else of the story; a role asked alone that the story writes only in
another form of its stem ("villainous", "murdered"), whose narrower words name a side character."""


def test_a_role_asked_with_more_reads_its_own_word_alone_never_a_wrong_sense_s_person(tmp_path):
    # Main answered each rightly; reading the role's WordNet synonyms and kinds moved the wrong person first: the
    # butler (a writer's instance "Butler"), the new hire ("boss"'s "hirer"), the dock foreman, the theologian (a
    # Doctor of the Church), the historian (a scholar), the king's fool (a dupe), the businessman (an owner's kind).
    library = library_of(tmp_path, *sorted(ROLE_STORIES.iterdir()))
    people, stories, passages = library.person_finder, library.corpus.stories, library.corpus.passages
    asked = [
        ("Who is the writer of the letters?", "poison-pen.md", "Horace Tibbs", "it is Aimee Griffith"),
        ("Who is the author of the poison pen letters?", "poison-pen.md", "Horace Tibbs", "it is Aimee Griffith"),
        ("Who is the boss at the startup?", "the-startup.md", "Jo Patel", "Nora Quist"),
        ("Who is the boss of the gang?", "the-docks.md", "Eddie Sully", "Vic Moran"),
        ("Who is the doctor at the abbey?", "the-abbey.md", "Brother Anselm", "Brother Cadfael"),
        ("Who is the docter at Shrewsbury Abbey", "the-abbey.md", "Brother Anselm", "Brother Cadfael"),
        ("Who is the student at Marlowe?", "marlowe-college.md", "Ruth Avery", "Kit Bramley"),
        ("Who is the victim at court?", "jesters-riddle.md", "Motley Jack", "Lord Berengar"),
        ("Who is the owner of the trattoria?", "the-restaurant.md", "Gerald Price", None),  # BM25 alone answers it
    ]
    for question, path, wrong, said in asked:
        story = story_number(library, path)
        for within, ranked in ((None, [story]), (library._passages_of(story), [story])):
            found = person_introduced(question, people, stories, passages, within, ranked, nothing_written)
            assert found is None or wrong not in found.person.name, question
        answer = library.ask(question, count=1, story=story)
        assert said is None or (answer.best is not None and said in answer.best.excerpt.text), question


def test_a_role_the_story_writes_in_another_form_of_its_stem_is_never_answered_by_a_narrower_word(tmp_path):
    # Third review of s74D: main answered each rightly; "Who is the villain?" read the villain's narrower "rogue" (the
    # charming rogue Jack Hawkins) where the story says "The villainous magistrate", and "Who is the murderer?" its
    # narrower "gunslinger" where the foreman "murdered Amos".
    library = library_of(tmp_path, ROLE_STORIES / "thornbury.md", ROLE_STORIES / "dry-gulch.md")
    people, stories, passages = library.person_finder, library.corpus.stories, library.corpus.passages
    for question, path, wrong, said in [
        ("Who is the villain?", "thornbury.md", "Jack Hawkins", "Judge Edmund Thorne"),
        ("Who is the murderer?", "dry-gulch.md", "Cole Brannigan", "Luke Dorsey"),
    ]:
        story = story_number(library, path)
        for within in (None, library._passages_of(story)):
            found = person_introduced(question, people, stories, passages, within, [story], nothing_written)
            assert found is None or wrong not in found.person.name, question
        answer = library.ask(question, count=1, story=story)
        assert answer.best is not None and said in answer.best.excerpt.text, question
