import copy
import gc
import random
import tracemalloc
from itertools import pairwise

from bot.core.analysis import (
    Analyzer,
    _known,
    fold,
    is_capitalised_word,
    is_dictionary_word,
    span_word_lists,
    word_list,
)


def test_fold_ignores_case_and_accents():
    assert fold("SÉBASTIEN") == fold("sebastien") == "sebastien"


def test_fold_writes_letters_nfkd_leaves_whole_as_ascii_folding_does():
    # "Sondergaard" typed for "Søndergaard" had been found only by typo correction, at one edit's cost.
    assert fold("Søndergaard") == "sondergaard" and fold("ÆSOP") == "aesop" and fold("Łódź") == "lodz"
    assert Analyzer().terms("Søren Þór") == Analyzer().terms("Soren Thor")


def test_fold_writes_a_phone_s_apostrophes_as_the_typewriter_s():
    assert fold("Who\u2019s") == fold("WHO'S") == "who's" and fold("Tom\u02bcs") == "tom's"
    assert Analyzer().terms("O\u2019Brien\u2019s") == Analyzer().terms("O'Brien's")


def test_question_and_passage_agree_on_accented_names():
    analyzer = Analyzer()
    assert analyzer.terms("Sebastien") == analyzer.terms("Sébastien") == analyzer.terms("SÉBASTIEN")


def test_possessives_hyphens_and_punctuation():
    analyzer = Analyzer(stem=False, lemmatize=False)
    assert analyzer.terms("Ivan's rhythms") == ["ivan", "rhythms"]
    assert analyzer.terms("Ivan’s!") == ["ivan"]
    assert analyzer.terms("a 25-year-old, fine-tuned...") == ["25", "year", "old", "fine", "tuned"]


def test_the_hyphenated_today_tomorrow_and_tonight_of_older_books_are_one_word_each():
    analyzer = Analyzer()
    text = "To-day I rest; to-morrow's journey starts TO-NIGHT."
    assert analyzer.terms(text) == analyzer.terms("Today I rest; tomorrow's journey starts TONIGHT.")
    marked = [text[span.start : span.end] for span in analyzer.spans(text)]
    assert marked == ["To-day", "rest", "to-morrow's", "journey", "starts", "TO-NIGHT"]
    # Only those three: another word after "to-", or "to" ending another word, is as before.
    assert analyzer.terms("up to-daybreak, onto-day, to-days") == ["daybreak", "onto", "day", "day"]
    assert analyzer.terms("day-to-day, morning-to-night, to-day-old") == ["day", "day", "morn", "night", "day", "old"]
    # Typeset with Unicode's hyphen or a word processor's non-breaking one, as with the keyboard's.
    assert analyzer.terms("to\u2011morrow, to\u2010night") == analyzer.terms("tomorrow, tonight")
    assert analyzer.terms("day\u2011to\u2011day") == ["day", "day"]


def test_stop_words_and_greetings_are_dropped():
    assert Analyzer().terms("Hi! What is the, and who was it?") == []


def test_a_stop_word_with_a_verb_contracted_onto_it_is_one_and_no_other_word():
    # Without its apostrophe "we'll" was "well" and "she'd" "shed": a question about a well matched "we'll go".
    analyzer = Analyzer()
    assert analyzer.terms("She'd say we’ll go, he'll, I'm sure they're, could've") == ["say", "go", "sure"]
    assert analyzer.terms("the well, the shed, hell") == analyzer.terms("well shed hell") != []
    assert analyzer.terms("O'Brien, John'll") == ["obrien", "johnll"]  # a name's apostrophe is no contraction


def test_names_and_words_nltks_tokenizer_cut_from_contractions_are_no_stop_words():
    # NLTK's list holds "don", "ma" and "haven" as fragments of "don't", "ma'am" and "haven't" (here stop words whole):
    # "Who is Don?" had no word to search for.
    analyzer = Analyzer(stem=False, lemmatize=False)
    assert analyzer.terms("Don told Ma of a safe haven") == ["don", "told", "ma", "safe", "haven"]
    assert analyzer.terms("don't, haven't, ma'am") == ["maam"]
    # nor are "Don" and "AI" the lemmatizer's pieces of "don't" and "ain't", "do" and "be"
    assert Analyzer().terms("Don's AI") == ["don", "ai"] and Analyzer().terms("do be") == []


def test_stemming_matches_word_forms():
    analyzer = Analyzer()
    assert analyzer.terms("performances") == analyzer.terms("performance")
    assert analyzer.terms("practicing") == analyzer.terms("practice")
    assert Analyzer(stem=False, lemmatize=False).terms("performances") == ["performances"]


def test_lemmas_join_irregular_forms_that_stemming_cannot():
    analyzer = Analyzer()
    assert analyzer.terms("met") == analyzer.terms("meet")
    assert analyzer.terms("children") == analyzer.terms("child")
    assert analyzer.terms("mice") == analyzer.terms("mouse")
    assert Analyzer(lemmatize=False).terms("met") != Analyzer(lemmatize=False).terms("meet")


def test_british_and_american_spellings_are_one_term():
    # A British book's "litres of paint" never met "how many liters", and the minimum-match rule refused it.
    analyzer = Analyzer()
    assert analyzer.terms("colours, litres, organising, the theatre's centre") == analyzer.terms(
        "colors, liters, organizing, the theater's center"
    )
    assert analyzer.terms("grey neighbours") == analyzer.terms("gray neighbor")
    assert analyzer.base("Colour") == analyzer.base("color")  # phrases too
    assert analyzer.terms("colour") != analyzer.terms("collar")
    # a British form the lemmatizer knows goes through its lemma: the list's "analyses" is the verb "analyzes", and
    # "buses" its "busses" (kisses); the plural nouns meet their singular still
    assert analyzer.terms("analyses buses") == analyzer.terms("analysis bus")
    assert analyzer.terms("neighbourhoods, manoeuvred") == analyzer.terms("neighborhood, manoeuvre")
    # pairs whose American side is another word are left out: "tired" is no "tyre"
    assert analyzer.terms("tyre") != analyzer.terms("tired") and analyzer.terms("gauge") != analyzer.terms("gage")


def test_irregular_verb_forms_the_lemmatizer_keeps_are_their_verb():
    # "How did the king feel?" never met "the king felt": the lemmatizer reads "felt" as the cloth.
    analyzer = Analyzer()
    assert analyzer.terms("felt won shook") == analyzer.terms("feel win shake")
    assert analyzer.terms("left born") != analyzer.terms("leave bear")  # words of their own too: left as they are
    assert Analyzer(lemmatize=False).terms("felt colour") == ["felt", "colour"]  # the lists are lemmas' knowledge


def test_a_decade_is_its_year():
    # The lemmatizer spelt "1960s" out as "nineteen-sixties", which no typed "1960" or "1960's" met.
    analyzer = Analyzer()
    assert analyzer.terms("the 1960s, 1960's and 1960") == ["1960", "1960", "1960"]
    assert analyzer.terms("in the 80s, p53") == ["80s", "p53"]  # not any "80"
    assert analyzer.terms("12th 4th") == analyzer.terms("twelfth fourth")  # the lemmatizer's ordinals stay


def test_a_decade_written_with_an_apostrophe_is_the_decade_not_a_possessive():
    # "the 60's" was "60", its "'s" dropped as a possessive's, and no question's "60s" or "sixties" met it.
    analyzer = Analyzer()
    assert analyzer.terms("the 60's, the 60’s and the 60s") == ["60s", "60s", "60s"]
    assert analyzer.terms("Route 6's end, the mill's wheel") == ["rout", "6", "end", "mill", "wheel"]
    assert analyzer.terms("Flight 370's crew, Room 210's door") == ["flight", "370", "crew", "room", "210", "door"]


def test_lemmas_keep_names_lower_case():
    assert Analyzer().terms("Sofia Ivan") == ["sofia", "ivan"]


def test_other_scripts_are_kept_as_words():
    assert Analyzer().terms("Кто такая София?") == ["кто", "такая", "софия"]


def test_spans_point_at_the_original_words():
    text = "SÉBASTIEN's violin"
    spans = list(Analyzer().spans(text))
    assert [text[s.start : s.end] for s in spans] == ["SÉBASTIEN's", "violin"]
    assert [s.term for s in spans] == ["sebastien", "violin"]


def test_words_keep_their_combining_marks():
    text = "नमस्ते दुनिया"
    assert Analyzer().terms(text) == ["नमस्ते", "दुनिया"]
    spans = list(Analyzer().spans(text))
    assert [text[s.start : s.end] for s in spans] == ["नमस्ते", "दुनिया"]
    assert Analyzer().terms("สวัสดีครับ") == ["สวัสดีครับ"]


def test_chinese_and_japanese_are_indexed_as_overlapping_character_pairs():
    assert Analyzer().terms("東京タワー") == ["東京", "京タ", "タワ", "ワー"]
    assert Analyzer().terms("龍") == ["龍"]
    text = "在北京的Sofia"
    spans = list(Analyzer().spans(text))
    assert [(s.term, text[s.start : s.end]) for s in spans] == [
        ("在北", "在北"),
        ("北京", "北京"),
        ("京的", "京的"),
        ("sofia", "Sofia"),
    ]


def test_an_analyzer_sent_to_another_process_arrives_as_that_process_s_own_of_its_settings():
    """A build worker gets the analyzer with every batch: it keeps one per settings, and so its word cache."""
    sent = copy.copy(Analyzer(stem=False))  # copying goes through __reduce__, as sending to a worker does
    assert sent is copy.copy(Analyzer(stem=False))
    assert sent.signature == Analyzer(stem=False).signature
    assert sent is not copy.copy(Analyzer())
    assert copy.copy(Analyzer()).signature == Analyzer().signature


def test_span_word_lists_are_the_word_lists_of_the_spans():
    rng = random.Random(7)
    alphabet = [*"abZ9'’ _-é.,!?\n\t", "The ", "don't ", "Ivan's ", "\u0301", "東京", "😀", "\xa0", "ß", "“", "”"]
    alphabet += ["\u200c", "\u200d", "\u00ad", "\ufeff", "ی", "क्"]  # joiners inside words and out
    texts = ["'Tis Ivan's. He didn't go!", "“Where?” she asked. Into the woods.", "No end here", ""]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(60))) for _ in range(2000)]
    for text in texts:
        cuts = sorted(rng.randrange(len(text) + 1) for _ in range(rng.randrange(5)))
        spans = list(pairwise([0, *cuts, len(text)]))
        assert span_word_lists(text, spans) == [word_list(text[start:end]) for start, end in spans], text


def test_a_joiner_inside_a_word_leaves_it_one_word_of_the_term_it_has_without():
    # Persian and Indic words hold zero-width non-joiners and joiners as spelling; Latin ones get them from
    # copy-paste. Each cut the word in two: "می‌خواهم" was "می" and "خواهم", and a question typed without the
    # joiner found nothing. Soft hyphens, word joiners and byte order marks are taken out of stories and
    # questions before, and the analysis treats them alike.
    analyzer = Analyzer()
    for joined, plain in [
        ("می\u200cخواهم", "میخواهم"),
        ("क्\u200dषमा", "क्षमा"),
        ("fa\u200dther", "father"),
        ("fa\u200c\u200dther's", "father"),
        ("pl\u00adane", "plane"),
        ("pl\u2060ane", "plane"),
        ("pl\ufeffane", "plane"),
    ]:
        assert len(analyzer.terms(joined)) == 1 and analyzer.terms(joined) == analyzer.terms(plain), joined
        assert word_list(f"- {joined}, ") == [joined]
        text = f"The {joined} came."
        assert [text[s.start : s.end] for s in analyzer.spans(text)] == [joined, "came"]  # marked whole
    assert analyzer.terms("\u200cfather\u200d \u200d") == ["father"]  # at a word's ends it is none of it
    assert analyzer.terms("\U0001f468\u200d\U0001f469\u200d\U0001f467") == []  # an emoji sequence is no word


def test_a_string_longer_than_any_word_is_no_word_and_not_kept_among_those_looked_up():
    # A PDF's lines each ending in a "word" of 50,000 letters and a hyphen were looked up whole, and each kept in the
    # cache of words looked up: megabytes held from one file to the next.
    assert is_dictionary_word("pneumonoultramicroscopicsilicovolcanoconiosis")
    held = _known.cache_info().currsize
    assert not is_dictionary_word("ab" * 25_000 + "xy")
    assert _known.cache_info().currsize == held


def test_a_string_longer_than_any_word_is_analysed_but_not_kept_among_the_words_analysed():
    # Every message the bot reads leaves its words' terms in the analyser's cache of a million: a question of one
    # word of 999 letters held some 4 KB there (a million of them, gigabytes), sent to an answer channel for nothing.
    analyzer = Analyzer()
    made_up = random.Random(7)
    strings = ["".join(made_up.choices("abcdefghijklmnopqrstuvwxyz", k=999)) for _ in range(300)]
    analyzer.terms(f"children met {'q' * 999}")  # the dictionaries loaded first (19 MB): alone, the test counted them
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for text in strings:
            analyzer.terms(text)
            analyzer.phrases(f"{text} {text}")
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert held < 100_000  # the 300 strings alone are 300 KB
    assert analyzer.terms(f"{strings[0]}s met") == [analyzer.term(strings[0]), "meet"]  # its term all the same


def test_a_capitalised_word_the_dictionary_keeps_is_a_name_not_a_word_known_in_lowercase_only():
    # The people finder takes "Anna Blake", "Peter Walsh" for full names, and "Good Friday", "New Year" for none.
    assert all(map(is_capitalised_word, ["Anna", "Peter", "Molly", "Mary"]))
    assert not any(map(is_capitalised_word, ["Good", "New", "Poor", "Meanwhile", "A" * 100]))
