from bot.core.sentences import clause_start, sentence_spans

# Pride and Prejudice, chapter VII, as Project Gutenberg's plain text wraps it (eBook #1342).
GUTENBERG = """Their visits to Mrs. Philips were now productive of the most interesting
intelligence. Every day added something to their knowledge of the
officers’ names and connections. Their lodgings were not long a secret,
and at length they began to know the officers themselves. Mr. Philips
visited them all, and this opened to his nieces a source of felicity
unknown before. They could talk of nothing but officers; and Mr.
Bingley’s large fortune, the mention of which gave animation to their
mother, was worthless in their eyes when opposed to the regimentals of
an ensign."""


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def test_a_title_before_a_name_ends_no_sentence_in_a_gutenberg_paragraph():
    found = sentences(GUTENBERG)
    assert [s.split()[:2] for s in found] == [
        ["Their", "visits"],
        ["Every", "day"],
        ["Their", "lodgings"],
        ["Mr.", "Philips"],
        ["They", "could"],
    ]
    assert found[-1].endswith(
        "and Mr.\nBingley’s large fortune, the mention of which gave animation to their\nmother, "
        "was worthless in their eyes when opposed to the regimentals of\nan ensign."
    )


def test_titles_of_the_closed_list_and_initials_keep_the_name_in_its_sentence():
    text = (
        "“My dear Mr. Bennet,” said his lady to him one day. Dr. Morton and Rev. Mr. Collins met Mme. Merle at "
        "St. Clair. The word was made popular by E. O. Wilson in 1984. Charles W. Eliot led Harvard for forty "
        "years. Rep. Joe Barton of Texas spoke first. MRS. BENNET was not pleased."
    )
    assert sentences(text) == [
        "“My dear Mr. Bennet,” said his lady to him one day.",
        "Dr. Morton and Rev. Mr. Collins met Mme. Merle at St. Clair.",
        "The word was made popular by E. O. Wilson in 1984.",
        "Charles W. Eliot led Harvard for forty years.",
        "Rep. Joe Barton of Texas spoke first.",
        "MRS. BENNET was not pleased.",
    ]


def test_sentences_still_end_after_i_and_after_words_that_end_like_a_title():
    text = (
        "“So did I. Then we went home.” She walked into the mist. Then she was gone. "
        "He said “Good day, Mr.” Nobody answered."
    )
    assert sentences(text) == [
        "“So did I.",
        "Then we went home.”",
        "She walked into the mist.",
        "Then she was gone.",
        "He said “Good day, Mr.”",
        "Nobody answered.",
    ]


def test_a_capital_after_a_hyphen_is_no_initial():
    # FairytaleQA's "Habetrot the Spinstress" (Andrew Lang's Fairy Books).
    text = "all the sound that he could hear was something that sounded like SPIN-N-N. He asked another one"
    assert sentences(text) == [text[: text.index(" He")], "He asked another one"]


def test_a_title_at_the_end_of_the_text_or_before_a_lowercase_word_is_kept_whole():
    assert sentences("The visitor was a neighbor, Mrs.") == ["The visitor was a neighbor, Mrs."]
    assert sentences("Send it to Dr. smith. Then wait.") == ["Send it to Dr. smith.", "Then wait."]


def test_clause_start_is_after_the_last_stop_and_the_quotes_after_it():
    text = 'He wept; "In 1945 Tom was thirty. Born in Moscow, Anna'
    assert clause_start(text, text.index("Tom"), 80) == text.index("In 1945")
    assert clause_start(text, text.index("Anna"), 80) == text.index("Born")
    assert clause_start("Born in Moscow, Anna", 16, 80) == 0
    assert clause_start("x" * 100 + " Tom", 101, 80) is None


def test_clause_start_passes_over_a_title_or_an_initial():
    text = "He wept. In 1945, Dr. Tom Hale sailed; J. R. Smith stayed."
    assert clause_start(text, text.index("Tom"), 80) == text.index("In 1945")
    assert clause_start(text, text.index("Smith"), 80) == text.index("J. R.")
