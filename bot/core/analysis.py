"""One text analysis for passages and questions, so both sides of a match see the same terms."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import simplemma
import Stemmer
from simplemma.strategies import DefaultStrategy, DictionaryLookupStrategy

from bot.core.invisible_characters import INSIDE_WORDS
from bot.core.word_forms import american_spellings, verbs_of_forms, word_forms_digest

ANALYSIS_VERSION = 21
"""Raised whenever the same text gives other words or terms (or people), so that saved indexes built before are
rebuilt (it is in Analyzer.signature). 2: a zero-width joiner or non-joiner (or another of INSIDE_WORDS) inside a word
no longer cuts it in two. 3: nor a name, for the people finder. 4: a full name the story repeats only ever opening
its narration's sentences is a person, and so is a name the story also writes in lowercase that something is called
by, or a full name of such words that is no description (bot.core.people_finder). 5: the first of those may start
with a name the dictionary knows capitalised alone ("Sofia Kalmurzaeva", "Mary", "Thomas"; not "Meanwhile", "Poor"),
and opens a sentence after a quoted one's close too ('"Go home." Ella Wheeler Wilcox went'). 6: someone's kin is a
person ("the mother of Wassamo"), a description is read by its head ("a country lad"), and a clause ending in a
place's word before a name no longer makes it a thing ("of the lake, Pinkel took"). 7: "Don", "Ma", "haven" and "AI"
are no stop words (NLTK's list and the lemmatizer take them for pieces of "don't", "ma'am", "haven't" and "ain't"),
and a stop word with a verb contracted onto it ("she'd", "we'll", "I'm") is one (they were "shed", "well", "im"). 8:
a British spelling is read as its American one ("colour" as "color", bot.core.word_forms), an irregular verb form
the lemmatizer keeps as its verb ("felt" as "feel", "won" as "win"), and a decade is its year ("1960s" was
"nineteen-sixties"; "1960s" and "1960's" are "1960"), and letters NFKD leaves whole fold as Lucene folds them
("Søndergaard" is "sondergaard", "Æsop" "aesop"). And a name no dictionary knows that the story says three times is
a person unless it stands where places and things do ("Tobias", "Priya Nair"); so is one "born", one after a role
and "her" ("her brother Tobias"), or after a title the name's run leaves out ("Lt. Ingrid"); a title does not make a
name's words the story's lowercase ones ("Captain Elena Voss"), and a place after a place and a comma is one ("in
Lyon, France"). 9: "Will" is a name the story also writes in lowercase, as "Grace" is, not a stop word, for the people
finder ("Will Ashby"; bot.core.people_finder.NAMES_AMONG_STOP_WORDS); "at" after a verb of looking is no place's
("looked at Nadia Rahman"); an honorific said only before a name makes a trade a surname ("Mrs Smith", "Dr Fox"); a
word in lowercase ends a name in any script ("Lena über", "Jeanne était" were names); a repeated full name is
introduced where first named, though that sentence opens with it; a role right before a name says a person ("the poet
Seamus Heaney"); a given name the dictionary knows, only ever opening sentences, is a person when its mentions say so
("Mary said"); a regnal number keeps its capitals ("Pope Clement VII", not "Vii"); a person found by one name
is the full name the story says in passing ("Mara Lindqvist and her brother", then "Mara"). 10: a lowercase particle
between a name's words keeps the full name ("Pieter van der Berg" was "Berg", "Leonardo da Costa" "Leonardo"), and
so do initials ("C. S. Lewis" and "W. H. Lewis" were one "Lewis"), a name starting with them a person's, and a
king's number ("Elizabeth I" was Queen Elizabeth II; "Henry VIII", repeated, no one); a place named after a saint
("to St Ives") or a royal ("Queen Victoria Street", "King George Hospital") is no one; an honorific with a full stop
says a person as one without does ("Mr. Hale"); a council or a radio station is no one ("Wirral Council said");
"Mr. von Hassel" is Ludwig von Hassel, and "Mrs. Kelly" Mrs. Frank Kelly; a given name the dictionary knows, said
once, is a person when introduced by name ("a girl called Lucia", "The bride's father, Thomas,"), and so is a name
someone is known as ("a brave warrior known to all as Tawara Toda"), introduced there. 11: "to-day", "to-morrow" and
"to-night" are one word each, "today", "tomorrow" and "tonight" (`joined_archaic`; not "day-to-day"); a dragon, a
jester or a robot named so is a person, as a giant or a witch was ("The dragon, known to the villagers as Smaug"), and
so is a name villagers, travellers or a crew call someone ("A man the villagers called Ivan"); a war or a contest
named again and again is no one ("World War II", "Super Bowl XL"), and someone known by another name is named within
the full name they are introduced with, as a nickname is written ('Iolanthe "Lanthe" Vasquez-Mbeki'; a person of that
full name too is the same one). 12: "to‑morrow" with Unicode's hyphen or a non-breaking one is "tomorrow" too;
someone "also known as", "better known as" or "aka" another, or with a nickname written within their full name
("Robert (Bobby) Tanner"), is one person; "a town the villagers called Blackwater" and "World Series" are no one.
13: "the 60's" is "60s", as "the 60s" is; it was "60", the "'s" dropped as a possessive's, which no question's decade
met. 14: a full name set apart after a noun WordNet files first under people is a person ("a retired firefighter,
Colin Braddock"), and so is one named after an age ("a boy of nineteen named Teodor", "a 12-year-old named Kevin"),
called so now ("Everyone calls him Tiny") or in quotes as what someone was ('To the crew he was "Dutchie"'); a name in
capitals and in the story's sentences is one person; a full name said only where places stand ("to New Zealand",
"from New Zealand") is no protagonist's; "Signora", "Sheriff", "Judge" and more are titles; "In Vienna, Harry Lime"
is no place's place. 15: a given name ending in "-ly" opens a sentence as a name, not an adverb ("Billy Elliot" was
"Elliot"), and a full name only ever opening sentences may start with one the dictionary knows in lowercase too ("Anna
Blake", "Peter Walsh"); a film's star, each name of a list after a plural role ("The Bennet sisters, Jane, Elizabeth,
[...] and Lydia"), a given name that is a word for a kind of person and never follows a determiner ("Hunter", "Robin";
introduced where first said),
a surname after "al-" ("Mohammed al-Hassan"), a peer known by their place ("the Duke of Wellington") and a coach are
people; a greeting after someone spoken to ('"Thanks, buddy, Merry Christmas!"'), a place described after "on" or "in"
("set on Gannet Skerry, a tiny island"), a hotel and a league ("Major League Baseball") are no one; and someone acting
after a scene set within a sentence is no place's place ("Back in England, Kestell warns the queen"); a title and a
surname are the one person of that surname the story brings in with the title's word ("Inspector Halda" is "the
inspector in charge, Viktor Halda"). 16: a name others call someone set apart before it is their nickname ("a boy named
Teodor, whom everybody called Sparrow", "Pavel, nicknamed Pip", "Alexander, Sandy for short": Teodor "Sparrow", one
person), the first of a list after a plural role and a colon is a person ("his three sons: Brian, Conor and Fergus"),
and so is a word for a kind of person introduced once by name ("a girl named Piper"). 17: "I" after a word for kin
or a title is the pronoun ("Tell Mother I am well" made "Mother I"); a nickname is said of the name before a
description set apart with no preposition in it ("Elizabeth, the cleverest, whom everybody called Lizzy"), and is no
one's where it is said of a body whose name holds "of" ("the Massachusetts Institute of Technology, MIT for short");
each name of a list after a plural role is introduced by name ("three daughters: Rose, Lily and Violet"). 18: a name
the story says three times may be of words the dictionary knows, where WordNet writes none of them capitalised as
anything but a person ("Ellen Hayes", "Harold"; not "Paris", "Sunday", "Nazis"; bot/core/thing_names.txt); a driver,
a trucker and a chauffeur are words for people ("Rick Dunn, a city snowplough driver", where "city" made him a
thing); a full name said three times may start with a word of the language the story says alone and never in
lowercase ("Billy Oakes"); a quoted name after a naming word is read as the name it quotes, a nickname before a
person's description ('Teodora Vasquez, called "Teddy", a safecracker'); and "I" after a name with a word for kin
first, after "tell" or before "am" is the pronoun ("Aunt Polly I remember", "Tell Mama I am well"). 19: a name
WordNet writes capitalised mostly as particular people is a given name too ("James", seven people and a river;
"Charles", "Ruth"; not "Paris", one prince and a capital); an adverb or a conjunction opening a sentence before a
name is no word of it ("Later Martha", "Whenever Charles"; bot/core/adverbs.txt); and a given name the dictionary
knows, said once opening a sentence (or after such an adverb), is a person where its mention says so ("Martha said
nothing"). 20: "who" right after a name, with no comma, is said of a kind of person before the name's preposition of
place or "from" ("a schoolmaster from Shropshire who"); and a plaza is a place ("Crudge Plaza"). 21: a partner, spouse,
fiancé(e), girlfriend, boyfriend or lover is a kind of person; "whose daughter Lena supplies them" and "had been
Dutchie's partner" say who a name is; a name opening a quotation, set apart, is spoken to; and a full name is
introduced where its given name was first said as someone's kin ("Harold's daughter, Margaret"), unless a description
after it introduces it itself or no word of its family was said before (bot.core.people_finder)."""


def _combining_marks() -> str:
    r"""A character class of the Basic Multilingual Plane's combining marks (Unicode category M).

    Python's `\w` leaves them out, so without them a Devanagari or Thai word falls apart into letters.
    """
    ranges: list[tuple[int, int]] = []
    for code in range(0x10000):
        if unicodedata.category(chr(code)).startswith("M"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in ranges)


MARKS = f"[{_combining_marks()}]"
"""A combining mark (Unicode category M) of the Basic Multilingual Plane, as a regular expression."""
_LETTER = rf"(?:[^\W_]|{MARKS})"
_INSIDE = f"(?:['’]|[{INSIDE_WORDS}]+)"
# Letters (with their combining marks) and digits, with inner apostrophes kept ("Ivan's",
# "couldn't"), and inner zero-width joiners and other INSIDE_WORDS ("می‌خواهم", Persian spelling);
# hyphens, underscores and all other punctuation separate words ("25-year-old" -> 25 year old).
# A letter is never one of those, so each word is found in one pass, without backtracking.
WORD = re.compile(rf"{_LETTER}+(?:{_INSIDE}{_LETTER}+)*")
# The same words for text without combining marks (English, most scripts), several times faster.
_PLAIN_WORD = re.compile(rf"[^\W_]+(?:{_INSIDE}[^\W_]+)*")
_MARK = re.compile(MARKS)


def _word_pattern(text: str) -> re.Pattern[str]:
    return WORD if _MARK.search(text) else _PLAIN_WORD


# Chinese and Japanese write no spaces: their runs are indexed as overlapping character pairs, as
# Lucene's CJK analyzer does ("東京タワー" -> 東京 京タ タワ ワー).
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


# For ASCII text the same words come from C string methods, several times faster than the pattern:
# every character that is no letter, digit or apostrophe becomes a space.
_ASCII_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'")
_ASCII_SEPARATORS = str.maketrans({chr(c): " " for c in range(128) if chr(c) not in _ASCII_WORD_CHARS})


_ARCHAIC = r"(?<=(?<![\w\-\u2010\u2011])to.)(?=(?:day|morrow|night)(?![\w\-\u2010\u2011]))"
_ARCHAIC_HYPHEN = re.compile("-" + _ARCHAIC, re.IGNORECASE)
"""The hyphen of "to-day", "to-morrow" and "to-night", as books before about 1920 write "today", "tomorrow" and
"tonight" (FairytaleQA's stories 188 times, against 4 joined). Read as two words, "to" and "day", they met no
question's "tomorrow". Not within a longer compound: "day-to-day", "morning-to-night". The pattern starts with its
one literal, so a text is searched for hyphens alone."""
_ARCHAIC_ANY_HYPHEN = re.compile("[-\u2010\u2011]" + _ARCHAIC, re.IGNORECASE)
"""The same with Unicode's hyphen (U+2010) or a word processor's non-breaking one (U+2011), as "to‑morrow" is
typeset: searched only in a text that holds one (a class at its start searched 2.4 times slower than the literal)."""
_UNICODE_HYPHENS = ("\u2010", "\u2011")


def joined_archaic(text: str) -> str:
    """`text` with the hyphen of "to-day", "to-morrow" and "to-night" as an apostrophe, which a word holds and its term
    leaves out (as in "couldn't"): each is one word, read as "today", "tomorrow", "tonight". Of the same length, so
    the words' places in `text` hold."""
    if any(hyphen in text for hyphen in _UNICODE_HYPHENS):
        return _ARCHAIC_ANY_HYPHEN.sub("'", text)
    return _ARCHAIC_HYPHEN.sub("'", text) if "-" in text else text


def word_list(text: str) -> list[str]:
    """The words of `text` as `words` gives them, without their positions."""
    text = joined_archaic(text)
    if text.isascii():
        return _ascii_words(text.translate(_ASCII_SEPARATORS), "'" in text)
    return _word_pattern(text).findall(text) if not _CJK.search(text) else [w for w, _, _ in words(text)]


def span_word_lists(text: str, spans: Sequence[tuple[int, int]]) -> list[list[str]]:
    """`word_list` of each span of `text` (its sentences, say), ASCII text translated once for all of
    them rather than once a span: a character's translation does not depend on its neighbours."""
    text = joined_archaic(text)
    if not text.isascii():
        return [word_list(text[start:end]) for start, end in spans]
    spaced, apostrophes = text.translate(_ASCII_SEPARATORS), "'" in text
    return [_ascii_words(spaced[start:end], apostrophes) for start, end in spans]


def _ascii_words(spaced: str, apostrophes: bool) -> list[str]:
    """The words of ASCII text whose other characters than word characters became spaces; `apostrophes`
    when the text may hold one."""
    found = spaced.split()
    if not apostrophes:
        return found
    # Apostrophes join letters only inside a word: the pattern trims and splits the few with one.
    return [part for word in found for part in (_PLAIN_WORD.findall(word) if "'" in word else (word,))]


PIECE_END = b"\x01"
"""What `word_pieces` puts after each text's pieces: no text's piece, since the character is no word's."""
# The UTF-8 bytes of ASCII characters that no word holds (all but letters, digits, "'", PIECE_END, and
# "_", which no word holds either but which makes the letters beside it no lowercase word for the
# people finder: pieces are its runs too) become spaces; the bytes of other characters stay.
_PIECE_SEPARATORS = bytes(
    c if chr(c) in _ASCII_WORD_CHARS or c >= 128 or c in (PIECE_END[0], ord("_")) else 32 for c in range(256)
)
_PIECES_AT_ONCE = 1 << 22
"""About how many characters of text `word_pieces` cuts in one pass."""


def word_pieces(texts: Sequence[str]) -> Iterator[list[bytes]]:
    """The texts' words in a few passes of C over many texts at once, each text's followed by PIECE_END,
    in lists of a few million characters' pieces.

    A piece is a run of UTF-8 bytes between ASCII characters that no word holds (but "_"). One of ASCII
    letters and digits is a word; any other holds the words that `word_list` finds in it (none, one or
    several: "Ivan's" after a curly quote, "rock'n'roll", "_Ivan_", "--"), the same that it finds in
    the whole text, since no word holds the characters it was cut at. The distinct pieces are few: each
    is analysed once (piece_words.py).
    """
    start = 0
    while start < len(texts):
        end, size = start, 0
        while end < len(texts) and (size < _PIECES_AT_ONCE or end == start):
            size += len(texts[end])
            end += 1
        some = texts[start:end]
        joined = joined_archaic(" \x01 ".join(some))
        if joined.count("\x01") != len(some) - 1:  # a text holds the character itself: for it, a space
            joined = joined_archaic(" \x01 ".join(text.replace("\x01", " ") for text in some))
        yield f"{joined} \x01".encode("utf-8", "surrogatepass").translate(_PIECE_SEPARATORS).split()
        start = end


def words(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) of every word in order; runs of Chinese or Japanese as character pairs."""
    text = joined_archaic(text)
    found = [(m.group(), m.start(), m.end()) for m in _word_pattern(text).finditer(text)]
    if not _CJK.search(text):
        return found
    split: list[tuple[str, int, int]] = []
    for word, start, end in found:
        position = start
        for run in _CJK.finditer(word):
            run_start = start + run.start()
            if run_start > position:
                split.append((text[position:run_start], position, run_start))
            chars = run.group()
            if len(chars) == 1:
                split.append((chars, run_start, run_start + 1))
            split.extend((chars[i : i + 2], run_start + i, run_start + i + 2) for i in range(len(chars) - 1))
            position = start + run.end()
        if position < end:
            split.append((text[position:end], position, end))
    return split


# What `fold` drops: combining accents (once NFKD parts them from their letters) and INSIDE_WORDS.
_FOLDED_AWAY = re.compile(rf"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f{INSIDE_WORDS}]")
_POSSESSIVE = re.compile(r"['’]s$")
_DECADE_WRITTEN = re.compile(r"(?:\d{3}0|\d0)['’]s")
"""A decade with an apostrophe ("60's", "1960's"), whose "'s" is no possessive: "60s" and "1960s", as without it.
Not any number ending in 0: "Flight 370's" is 370's, "Room 210's" 210's."""


def _without_possessive(folded: str) -> str:
    if _DECADE_WRITTEN.fullmatch(folded):
        return folded[:-2] + "s"
    return _POSSESSIVE.sub("", folded)


_LEFT_OUT = re.compile(rf"['’{INSIDE_WORDS}]")
"""What a word holds that its term leaves out: apostrophes ("couldn't"), and INSIDE_WORDS also when accents are
kept (Analyzer(fold_accents=False))."""


_UNDECOMPOSED = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ħ": "h", "ı": "i", "’": "'", "ʼ": "'"}
)
"""Latin letters with a stroke or ligatures that NFKD leaves whole, as Lucene's ASCII folding writes them: a typed
"Sondergaard" is "Søndergaard", "Aesop" "Æsop". The apostrophes a phone types ("Who’s the nurse?", "Tom’s wife") are the
typewriter's, as every question shape's reader spells its openings and possessives ("who's", "'s")."""


def fold(text: str) -> str:
    """Case- and accent-insensitive form, without INSIDE_WORDS: "SÉBASTIEN" and "sebastien" compare equal, and so
    do "fa\u200dther" and "father", "Søren" and "Soren"."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    return _FOLDED_AWAY.sub("", unicodedata.normalize("NFKD", folded)).translate(_UNDECOMPOSED)


def normalize_word(word: str) -> str:
    """A word as the analysis sees it before stop words and stems: folded, possessive dropped."""
    return _LEFT_OUT.sub("", _without_possessive(fold(word)))


_CONTRACTED = re.compile(r"([^'’]+)['’](d|ll|m|re|ve)")
"""A word and the ending of a verb contracted onto it ("she'd", "we'll", "I'm", "they're", "could've")."""


_NO_PIECES = frozenset({"ai", "don"})
"""Words the lemmatizer takes for pieces of contractions ("ai" of "ain't", "don" of "don't") and gives a stop word's
lemma ("be", "do"): here a word keeps its apostrophe, so they are a word ("AI") and a name ("Don")."""


_DECADE = re.compile(r"(\d{3}0)s")
"""A decade ("1960s"; "1960's" loses only its apostrophe: `_DECADE_WRITTEN`)."""


def _word_form(normalized: str, lemmatize: bool) -> str:
    """What a (folded, apostrophe-free) word is stemmed from: its lemma, the American spelling of a British one
    ("colour", and "colours" through it), or an irregular form's verb where the lemmatizer keeps the form ("felt" is
    "feel"); without lemmas (an evaluation's switch), the word as it is. A British form the lemmatizer knows is read
    through its lemma, never as a whole word of the spelling list: "analyses" is "analysis", not the verb "analyzes". A
    decade is its year: the lemmatizer spelt "1960s" out as "nineteen-sixties", which no typed "1960" met."""
    if not lemmatize or normalized in _NO_PIECES:
        return normalized
    american = american_spellings()
    decade = _DECADE.fullmatch(normalized)
    if decade is not None:
        return decade.group(1)
    base = lemma(normalized)
    if base != normalized:
        return lemma(american[base]) if base in american else base
    if normalized in american:
        return lemma(american[normalized])
    return verbs_of_forms().get(normalized, base)


def _is_contraction(folded: str, stop: frozenset[str]) -> bool:
    """Whether a word is a stop word with a verb contracted onto it: "she'd", "we'll", "he'll", "I'm". Without its
    apostrophe each was read as another word, "shed", "well", "hell", and matched it; the stop list cannot hold them
    so, as "well" is no stop word."""
    contracted = _CONTRACTED.fullmatch(folded)
    return contracted is not None and contracted.group(1) in stop


@functools.cache
def load_stopwords() -> frozenset[str]:
    """The stop list, read once: the analysis and the rules over names and roles ask it often."""
    text = resources.files("bot.core").joinpath("stopwords_en.txt").read_text("utf-8")
    lines = (line.strip() for line in text.splitlines())
    return frozenset(normalize_word(line) for line in lines if line and not line.startswith("#"))


@dataclass(frozen=True)
class Span:
    """A word of the original text, where it stands and the term it became."""

    term: str
    start: int
    end: int


LONGEST_WORD = 64
"""Characters past which no dictionary knows a word (English's longest, a lung disease, has 45)."""
_UNKEPT = simplemma.Lemmatizer(cache_max_size=0, lemmatization_strategy=DefaultStrategy(greedy=False))
"""simplemma.lemmatize's lemmatizer without its cache (of 65,536), for strings longer than any word."""


def lemma(word: str) -> str:
    """The dictionary form of an English word ("met" -> "meet", "children" -> "child")."""
    if len(word) > LONGEST_WORD:  # worked out the same way, not kept
        return _UNKEPT.lemmatize(word, "en")
    return simplemma.lemmatize(word, lang="en")


def is_dictionary_word(word: str) -> bool:
    """Whether an English dictionary knows the (folded) word: such a word is not a typo. A longer string than any
    word is not looked up, nor kept among those looked up: a PDF's lines each ending in a "word" of 50,000 letters
    and a hyphen held megabytes there, from one file to the next."""
    return len(word) <= LONGEST_WORD and _known(word)


@lru_cache(maxsize=1 << 16)
def _known(word: str) -> bool:
    return simplemma.is_known(word, lang="en")


_LOOKUP = DictionaryLookupStrategy()
"""simplemma's dictionary as it is written: its words in lowercase, its names ("Mary", "Thomas") capitalised."""


def is_lowercase_word(word: str) -> bool:
    """Whether the dictionary knows the (folded) word in lowercase: a word of the language ("Meanwhile", "Poor", and
    "John", "Tom", "East", nouns too), where is_dictionary_word also knows names it keeps capitalised alone ("Mary",
    "Sofia", "Thomas")."""
    key = fold(word)
    if len(key) > LONGEST_WORD:
        return False
    return _LOOKUP.is_dictionary_member(key, "en")


def is_capitalised_word(word: str) -> bool:
    """Whether the dictionary knows the word as written, capitalised: the names it keeps ("Anna", "Peter", "Molly",
    "Mary"; "London", "Friday" too), where "Good", "New" and "Poor" it knows in lowercase only."""
    return len(word) <= LONGEST_WORD and _LOOKUP.is_dictionary_member(word, "en")


class Analyzer:
    """Case and accent folding, possessives, stop words, lemmas and Snowball stemming.

    Lemmas join irregular forms that stemming cannot ("met" and "meet"); stemming then joins the
    regular ones. The switches exist so the evaluation can measure each choice (docs/ranking.md,
    "The first stage").
    """

    def __init__(self, *, stem: bool = True, stopwords: bool = True, fold_accents: bool = True, lemmatize: bool = True):
        self.stem, self.stopwords, self.fold_accents, self.lemmatize = stem, stopwords, fold_accents, lemmatize
        stop = load_stopwords() if stopwords else frozenset()
        stemmer = Stemmer.Stemmer("english") if stem else None
        unkept = Stemmer.Stemmer("english", 0) if stem else None  # no cache: for strings longer than any word
        lower = fold if fold_accents else str.casefold

        def stemmed(form: str) -> str:
            if stemmer is None or unkept is None:
                return form
            return stemmer.stemWord(form) if len(form) <= LONGEST_WORD else unkept.stemWord(form)

        def term_of(word: str) -> str | None:
            folded = _without_possessive(lower(word))
            normalized = _LEFT_OUT.sub("", folded)
            if not normalized or normalized in stop or _is_contraction(folded, stop):
                return None
            base = lower(_word_form(normalized, lemmatize))
            if base in stop:
                return None
            return stemmed(base)

        def base_of(word: str) -> str:
            normalized = _LEFT_OUT.sub("", _without_possessive(lower(word)))
            return stemmed(lower(_word_form(normalized, lemmatize)) if normalized else normalized)

        kept_term, kept_base = lru_cache(maxsize=1 << 20)(term_of), lru_cache(maxsize=1 << 18)(base_of)

        # Words are kept, but no string longer than any word (here, in simplemma's cache nor in the stemmer's): the
        # cache keeps a million, and every message the bot reads (in an answer channel: any member's, spending nothing)
        # left its words in it, a "word" of 999 letters some 4 KB (a million such would be gigabytes). Such a string
        # is rare in a story, and worked out again when met.
        def term(word: str) -> str | None:
            return kept_term(word) if len(word) <= LONGEST_WORD else term_of(word)

        def base(word: str) -> str:
            return kept_base(word) if len(word) <= LONGEST_WORD else base_of(word)

        def piece_terms(piece: bytes) -> tuple[tuple[str, str], ...]:
            found = (piece.decode("ascii"),) if piece.isalnum() else word_list(piece.decode("utf-8", "surrogatepass"))
            return tuple((t, normalize_word(w)) for w in found if (t := term(w)) is not None)

        self.term = term
        """The index term of one word, or None for a stop word."""
        self.base = base
        """One word's term as if no word were a stop word: what phrases are compared by."""
        self.piece_terms = piece_terms
        """(term, folded word without possessive) of each word of a piece of `word_pieces` that is no stop
        word: a build's words to terms, once per distinct piece a worker meets (piece_words.py keeps them)."""
        versions = f"{Stemmer.version() if stemmer else ''}|{simplemma.__version__ if lemmatize else ''}"
        forms = word_forms_digest() if lemmatize else ""
        self.signature = f"{ANALYSIS_VERSION}|{self!r}|{sorted(stop)}|{versions}|{forms}"
        """Everything that decides the terms: two analyzers with equal signatures agree."""

    def __reduce__(self) -> tuple[Callable[[bool, bool, bool, bool], Analyzer], tuple[bool, bool, bool, bool]]:
        """Sent (to a worker process and back) as its settings. The receiving process keeps one
        analyzer per settings, so a build worker's word cache lasts over all its batches rather
        than starting empty with each."""
        return shared_analyzer, (self.stem, self.stopwords, self.fold_accents, self.lemmatize)

    def __repr__(self) -> str:
        return (
            f"Analyzer(stem={self.stem}, stopwords={self.stopwords}, fold_accents={self.fold_accents}, "
            f"lemmatize={self.lemmatize})"
        )

    def terms(self, text: str) -> list[str]:
        term = self.term
        return [t for w in word_list(text) if (t := term(w)) is not None]

    def phrases(self, text: str) -> set[tuple[str, str]]:
        """Adjacent word pairs, stop words kept but not pairs of two stop words ("grow up", "the keeper")."""
        found = word_list(text)
        terms = [self.term(w) for w in found]
        forms = [self.base(w) for w in found]
        return {
            (forms[i], forms[i + 1]) for i in range(len(found) - 1) if terms[i] is not None or terms[i + 1] is not None
        }

    def spans(self, text: str) -> Iterator[Span]:
        term = self.term
        for word, start, end in words(text):
            t = term(word)
            if t is not None:
                yield Span(t, start, end)


@functools.cache
def shared_analyzer(stem: bool, stopwords: bool, fold_accents: bool, lemmatize: bool) -> Analyzer:
    """This process's analyzer of these settings (what an analyzer sent from another process becomes)."""
    return Analyzer(stem=stem, stopwords=stopwords, fold_accents=fold_accents, lemmatize=lemmatize)
