"""Who a story names: every name the text treats as a person's, found in one pass over the story.

A name is a run of capitalised words ("Elias Boone", "Prince Yamato", "Jemima Puddle-Duck"). Each of
its mentions is read with the few words around it, for evidence either way:

- a person: introduced as one ("Sophie Korolev was a talented young musician", "Ivan, a charismatic
  musician", "the captain, Elias Boone", "a sailor called Thomas Wren", "men called him Assipattle"),
  a title before it ("Prince Yamato"; or a word WordNet has for a kind of person: "Administrator Corvin Hale"), or
  acting as one ("said Finn", "Finn, who", "Finn himself");
- a place or a thing: introduced as one ("a ship called the Mary Rose", "Arabia is a
  very decent sort of place"), or standing where places do ("in Moscow", "the Stoorworm").

A name with more evidence of a person than of a place is a person; a name introduced as a place or
thing never is. A full name the story repeats with no evidence either way is taken too (a
protagonist who is only ever named). Stop words and words that are only ever capitalised at a sentence's start
("Indeed") are no names, nor are words a story also writes in lowercase ("grace", "may") unless something is
called by them ("a grey cat named Pepper", with pepper in the soup; "people named him True Thomas") or they are a
full name the story capitalises within its sentences ("Tom Kitten", "Mrs. Rabbit"; not "the High King").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from itertools import chain

from bot.core.analysis import (
    fold,
    is_capitalised_word,
    is_dictionary_word,
    is_lowercase_word,
    joined_archaic,
    lemma,
    load_stopwords,
    normalize_word,
)
from bot.core.invisible_characters import INSIDE_WORDS, without_inside_words
from bot.core.number_words import TENS, UNITS
from bot.core.sentences import sentence_spans
from bot.core.slips import bare_word
from bot.core.time_words import DAY_TIMES, SEASONS, SPANS

_NAME_WORD = r"[^\W\d_a-z][^\W\d_]*(?:['’-][^\W\d_]+)*"
# Up to four capitalised words, after "Mr." or "St." if any ("Mrs. Tiggy-winkle", "St. Lawrence"), not
# right after a letter, digit, apostrophe or hyphen. Written to start with the class of its first
# character (an ASCII capital or another script's letter: "M", "D" and "S" of the titles too) and to
# look back only from there: the regular expression engine then skips in a tight loop to where a run
# can start, rather than trying the whole pattern at every character (a third faster).
# A surname's lowercase particle between two of the name's words: "Pieter van der Berg", "Marie de la Tour", "Ali ibn
# Rashid", "Mr. von Hassel"; and after a capitalised one, "Van der Berg was".
_PARTICLE = r"(?:(?:[Vv][ao]n (?:der|den|de)|[Dd]e (?:la|los|las)|van|von|de|del|della|da|di|du|dos|das|ibn|bin|bint) )"
_AFTER_PARTICLE = r"(?:(?:(?<=\bVan)|(?<=\bVon)|(?<=\bDe))(?:der|den|de|la|los|las) )"
# Initials before a name ("C. S. Lewis", "J. R. R. Tolkien", "E. Nesbit"; one alone not "A." nor "I.", which end
# sentences as the article and the pronoun) or within it ("Jack B. Yeats"; not "A." "I.", "V." nor "X.", which end
# "Plan A." and a king's name: "Henry V. Then"): no sentence ends at their full stops.
_INITIALS = r"(?:(?<=[A-Z])\.(?: [A-Z]\.){1,2}|(?<=[B-HJ-Z])\.)"
_INITIAL = re.compile(r"[A-Z]\.")
"""One initial of a name, as the pattern takes it."""
_MIDDLE_INITIAL = r"(?:[B-HJ-UWYZ]\. )"
# Arabic's article, joined to a surname after a given name: "Mohammed al-Hassan", "Gamal el-Din".
_ARTICLE = r"(?:[ae]l-)"
PEERAGES = ("Duke", "Duchess", "Count", "Countess", "Earl", "Marquis", "Marquess", "Baron", "Baroness", "Viscount")
"""Titles a person is known by with the place they hold, as a name: "the Duke of Wellington", "the Count of Monte
Cristo" (where "the King of Ulster" is the kingdom's king, and its place a place)."""
# "of" after one of them: part of the name ("of " first, which fails fast where no "of" stands, before the look back).
_PEERAGE_OF = "of (?:" + "|".join(rf"(?<=\b{title} of )" for title in PEERAGES) + ")"
_NAME_RUN = re.compile(
    r"[A-Z\x80-\U0010ffff](?<![\w'’-][\s\S])"
    rf"(?:(?:(?<=M)(?:r|rs|s)|(?<=D)r|(?<=S)t)\. {_PARTICLE}?{_NAME_WORD}|{_INITIALS} {_NAME_WORD}"
    r"|(?<=[^\W\d_a-z])[^\W\d_]*(?:['’-][^\W\d_]+)*)"
    rf"(?: (?:{_PARTICLE}|{_AFTER_PARTICLE}|{_MIDDLE_INITIAL}|{_ARTICLE}|{_PEERAGE_OF})?{_NAME_WORD}){{0,3}}(?![\w-])"
)
PARTICLES = frozenset(
    {
        "van",
        "von",
        "der",
        "den",
        "de",
        "la",
        "los",
        "las",
        "del",
        "della",
        "da",
        "di",
        "du",
        "dos",
        "das",
        "ibn",
        "bin",
        "bint",
    }
)
"""The lowercase words a name holds between two of its capitalised ones ("Leonardo da Costa"): no word of the
story's language that makes the name a common one, nor a name alone."""
_ROMAN = re.compile(r"[IVXLCDM]+")
"""A Roman numeral, as kings and popes are numbered."""
_SENTENCE_START = frozenset(".!?…\"“”‘’'(:;—\n")

_SPEECH = (
    r"said|says|asked|asks|replied|answered|cried|shouted|exclaimed|whispered|called out|thought|laughed|"
    r"sighed|wept|screamed|smiled|nodded|sang|began|continued|added|declared"
)
_NAME_OWNS = r"[A-Z][\w-]*['’]s"
"""A name owning what follows it: "Dutchie's" in "had been Dutchie's partner"."""
# Evidence after a name: speech, "who", "himself", or an introduction whose words say what it is: "Ivan, a
# musician", "Katarzyna had been Dutchie's partner" (a possessive name owns the role as "his" does). The owned forms
# after a verb or a comma say whose something is: a person's evidence when it is a person, no thing's when it is a
# thing ("All that the war left Ivan was his mother's ring", "By the time Tom visited Margaret, Harold's farm had").
_AFTER = re.compile(
    rf"(?:,? (?P<speech>{_SPEECH})\b|,? (?P<who>who|himself|herself)\b| (?P<born>was born)\b"
    rf"|(?:,? (?P<verb>was|is|had been|became) (?:a|an|the|one of the|(?P<owned>his|her|their|{_NAME_OWNS}))"
    rf"|, (?:a|an|the|his|her|their|my|our|(?P<name_owns>{_NAME_OWNS}))) "
    r"(?P<described>[^.,;:!?\n\"“”]{1,60}))"
)
# "cellist", "magician", "fisherman", "washerwoman", "innkeeper", "shoemaker", "goldsmith".
_AFTER_STARTS = frozenset(", ")
_PERSON_ENDINGS = ("ist", "ian", "man", "woman", "keeper", "maker", "smith")
_QUOTES = "\"'“”‘’()[]"
_SPEECH_WORDS = frozenset(w for w in _SPEECH.split("|") if " " not in w)
# "of" too: "the King of Ulster", "the mountains of Slieve Gullion" (and what follows such a name,
# "the Queen of Heaven, who", is about the head of the phrase).
_PLACE_PREPOSITIONS = frozenset(
    ["in", "at", "into", "near", "towards", "toward", "across", "through", "beyond", "inside", "within", "of"]
)
PREPOSITIONS = _PLACE_PREPOSITIONS | frozenset(
    ["to", "from", "by", "with", "for", "on", "upon", "over", "under", "off", "past", "behind", "beside", "among"]
)
"""Prepositions: a capitalised word after one is likelier a place than a person ("by Kilbride"); shared with
bot.core.spouse_asked, where one between "married" and a name makes the name no spouse ("married the son of Tom")."""
_KNOWN_AS_REACH = 60
"""Characters before a name's "as" in which "known" makes it a name someone goes by ("known to everyone on the
lower decks as Lanthe")."""
_NAMING = frozenset({"called", "named", "name", "christened", "nicknamed"})
_CALLING = _NAMING | {"calls", "call"}
"""What calls someone a name before "him" or "her": "men called him Assipattle", "Everyone calls him Tiny"."""
_GIVEN_MONTHS = frozenset({"april", "may", "june", "august"})
"""Months that are given names too: a person only where the story introduces one by it."""
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "his", "her", "its", "their", "our", "my", "your"})
_OWNERS = frozenset({"his", "her", "their", "my", "our", "your"})
_ROLE_BEFORE = _OWNERS | {"the", "a", "an", "whose"}
"""What stands before a role said right before a name, without a comma: "her brother Tobias", "the poet Seamus
Heaney" (as news, memoir and local history name the many people they mention once), "whose daughter Lena"."""
_NAMED_PERSON = frozenset({"him", "her", "them", "whose"})
_SUBJECTS = frozenset({"he", "she", "they"})
"""Only "she was called Lucie": in "he called Yaidzu" he names something (there, a place)."""
_BE = frozenset({"was", "is", "were", "be", "been"})
_DESCRIPTION_WORDS = 5
_ACTS_ON_OWN = re.compile(r" (?P<verb>[a-z]+(?:[a-rt-z]s|ed)) (?:his|himself|herself|her (?P<kin>[a-z]+))\b")
"""A verb after a name, in the present of a plot summary or a past in -ed, and what is the name's own after it:
"Oliver Crane poisons his uncle", "Agnes visited her mother"; "her" only before a word for kin, as in "Rome crowned
her queen" nothing is Rome's. Not a word of another shape: "I'll mock his note", "his good sword Sickersnapper round
his waist"."""
_NOT_ACTING = _BE | {"became", "becomes", "remained", "remains", "seemed", "seems"}
"""Verbs whose subject may be a place: "Kilbride was his home"."""


@dataclass(kw_only=True)
class _Evidence:
    title_first: bool
    """The name's first word is a title ("Prince"): "the Prince Yamato" is no place."""
    titled: bool
    """A title and more ("Prince Yamato"): each mention says "a person" once."""
    saint: bool = False
    """"St" and one word: a saint, or a place named after one ("to St Ives", "from St Austell")."""
    mentions: int = 0
    inside: int = 0
    """Mentions that do not start a sentence: the capital belongs to the name."""
    person: int = 0
    thing: int = 0
    introduced_as_thing: bool = False
    intro: int = -1
    """Where the first evidence of a person stands in the story's text."""
    said_who: int = -1
    """Where a mention first says who the person is, by a role, a description or a name given them ("her partner,
    Simon,", "whose daughter Lena", "Ivan, a musician", "a boy named Teodor"); not by speech ("said Ivan") alone."""
    described_after: int = -1
    """Where a description after the name first says who the person is, as a story introduces someone new ("Anna Berg,
    a land surveyor from Oslo", "Mireille Castagnet-Byrne had been a locksmith"); not a role before it, which may say
    it of one met before ("his great foe, Far Rua")."""
    first_inside: int = -1
    openings: int = 0
    """Mentions that open a sentence of the narration, written as the name is (not right after a quotation's opening
    mark, not in capitals): "Ella Wheeler Wilcox sent them", '"Go home." Ella Wheeler Wilcox went'."""
    first_opening: int = -1
    after_opener: int = 0
    """Mentions right after an adverb or a conjunction opening a sentence of the narration, no word of the name,
    written as the name is ("Meanwhile Agnes writes", "Whenever Charles sang"): openings too, for a name said once."""
    role: bool = False
    """Its one word is a word for a kind of person, no title nor kin ("Hunter", "Robin", "Piper"): a given name where
    no determiner ever stands before it ("Hunter loves trains"), a role where one does ("the Hunter")."""
    determined: int = 0
    """Mentions after a determiner, or a determiner and a word ("the Hunter", "the awful Monster")."""
    common: bool = False
    """Its words are the story's in lowercase too: a person only when introduced by name ("a cat named Pepper")."""
    named: int = 0
    """Mentions introduced by name: "a sailor called Thomas Wren", "whose name was Marie"."""
    full_name: str = ""
    """The full name of someone known by this one, said before it ("Iolanthe Vasquez-Mbeki, known to everyone on the
    lower decks as Lanthe")."""
    nicknamed: int = 0
    """Mentions that are what others call a name set apart before them ("Teodor, whom everybody called Sparrow",
    "Alexander, Sandy for short"), each of which said a person twice and named one: a person's nickname only where
    that name is a person's ("Port Royal, nicknamed Babylon" is a place's)."""
    written_within: bool = False
    """The full name is the one written around this one ('Jack "Deacon" Pruett'): its last given name is one."""
    nickname_described: bool = False
    """A mention as what others call a name set apart before it goes on to describe a person ("They are Teodora
    Vasquez, called "Teddy", a safecracker who"): it is said of that name, a person's however seldom the story says
    it."""
    placed: int = 0
    """Mentions where things and places stand too: after a preposition ("to Taianfu", "from Vaage", "the top of
    Cullamore"), a determiner ("the Gate of Rashomon"'s "of" aside) or a word for a thing ("the sword
    Sickersnapper")."""
    gone_to: int = 0
    """Mentions where only places stand: after a preposition of place ("in", "near", "on"; not "of", nor "at" after a
    look), or "to" or "from" after a verb of going ("emigrated to New Zealand", "flew over from New Zealand"; not
    "wrote to Harriet Vance"), and not owning something ("went to Harriet Vance's house")."""


@dataclass(frozen=True)
class FoundPerson:
    name: str
    intro: str
    """The sentence that introduces them (or first names them)."""
    passage: int
    """Which of the story's passages the intro is in, from 0."""
    mentions: int


HONORIFICS = frozenset({"mr", "mrs", "ms", "mx", "dr", "miss", "mister"})
"""Titles that are said only before a name: what follows is a surname even where it is a trade or an animal too
("Mrs Smith", "Mr Baker", "Dr Fox", written without a full stop as British books write them)."""
WOMEN_S_HONORIFICS = frozenset({"mrs", "ms", "miss"})
"""Honorifics that name one woman with her given name or without ("Mrs. Kelly", "Mrs. Frank Kelly"), where a man's
"Mr. Bunny" may be his son "Mr. Benjamin Bunny"'s father."""
GAZE_VERBS = frozenset(
    (
        "look",
        "stare",
        "glance",
        "gaze",
        "peer",
        "glare",
        "smile",
        "grin",
        "laugh",
        "frown",
        "scowl",
        "sneer",
        "wink",
        "nod",
        "wave",
        "point",
        "shout",
        "yell",
        "snap",
        "growl",
        "hiss",
        "bark",
        "swear",
    )
)
"""Verbs after which "at" names whom, not where: "looked at Nadia Rahman", "smiled at Will"."""
INSTITUTIONS = frozenset(
    {
        "street",
        "road",
        "avenue",
        "square",
        "terrace",
        "hospital",
        "infirmary",
        "island",
        "college",
        "school",
        "university",
        "academy",
        "station",
        "airport",
        "bridge",
        "hall",
        "cathedral",
        "abbey",
        "hotel",
    }
)
"""Last words of the places named after people: "Queen Victoria Street", "King George Hospital", "Prince Edward
Island", "Lady Margaret Hall", "the President Hotel". After a title other than an honorific, the title says no
person."""
ORGANISATIONS = frozenset(
    {
        "council",
        "committee",
        "corporation",
        "company",
        "association",
        "society",
        "union",
        "ministry",
        "agency",
        "authority",
        "commission",
        "ltd",
        "plc",
        "inc",
        "group",
        "foundation",
        "institute",
        "holdings",
        "foods",
        "brewery",
        "motors",
        "properties",
        "tannery",
        "industries",
        "enterprises",
        "bank",
        "trust",
        "mills",
        "works",
        "control",
        "league",
        "baseball",
        "football",
        "hockey",
    }
)
"""Last words of the names of bodies that speak as people do in news ("Wirral Council said it had not been
consulted", "Station Control said"), and of leagues, which a title may open ("Major League Baseball")."""
EVENTS = frozenset({"war", "revolution", "rebellion", "uprising", "crusade", "cup", "bowl", "series"})
"""Words that end the names of wars and contests, or stand before their numbers ("World War II", "the Boer War", "Super
Bowl XL", "World War Two", "World Series"): named again and again, as a story's protagonist is, and no one. Not
"battle" nor "games", surnames too ("Tom Battle"); one of these after an honorific is a surname still ("Mrs. Bowl")."""
BROADCASTERS = frozenset({"radio", "tv", "channel"})
"""First words of the names of stations ("Radio Kerry said the gusts were over a hundred miles an hour")."""
_SAINTS = frozenset({"st", "st.", "saint"})
_SAINT_PLACE_PREPOSITIONS = frozenset({"to", "from", "in", "at", "near", "via", "into", "towards", "toward"})
PRAYER_VERBS = frozenset({"pray", "appeal", "devote", "dedicate", "vow", "offer"})
"""Verbs after which "to St Anthony" is the saint, not a town."""
NAMES_AMONG_STOP_WORDS = frozenset({"will"})
"""Stop words that are also given names: here a word the story writes in lowercase too, as "Grace" and "Rose" are,
so "Will Ashby" is a person where a story capitalises him within its sentences, and "Will you come?" is no one."""


@dataclass(frozen=True)
class _WordLists:
    person: frozenset[str]
    title: frozenset[str]
    kin: frozenset[str]
    """Whose kin a name is says it is a person's: "the mother of Wassamo" (where "the King of Ulster" names a land)."""
    place: frozenset[str]
    stop: frozenset[str]
    wordnet_person: frozenset[str]
    """WordNet's nouns for kinds of people (person_nouns.txt: "firefighter", "coxswain"), weighed after place_words.txt,
    whose hand-kept things win where both hold a word."""
    thing_names: frozenset[str]
    """Words WordNet writes capitalised as something other than a person (thing_names.txt: "Paris", "Sunday",
    "German"; not those most of whose capitalised senses are particular people, "James"), where the dictionary knows
    "Ellen" as it knows them."""
    peoples: frozenset[str]
    """Those it writes capitalised as adjectives or groups too, mostly a people's ("Nazi", "Maori": thing_names.txt's
    "people:" lines), whose many ("Nazis", "Maoris") are no one."""
    adverbs: frozenset[str]
    """Words English uses mostly as adverbs (adverbs.txt, from WordNet: "later", "meanwhile", "soon"): one opening a
    sentence before a name is no word of it ("Later Martha walked")."""


@cache
def _word_lists() -> _WordLists:
    def lines(name: str) -> list[str]:
        text = resources.files("bot.core").joinpath(name).read_text("utf-8")
        return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]

    person_lines = lines("person_words.txt")
    titles = frozenset(line.removeprefix("title:").strip() for line in person_lines if line.startswith("title:"))
    kin = frozenset(line.removeprefix("kin:").strip() for line in person_lines if line.startswith("kin:"))
    people = frozenset(line for line in person_lines if not line.startswith(("title:", "kin:"))) | titles | kin
    stop = load_stopwords() - NAMES_AMONG_STOP_WORDS
    thing_lines = lines("thing_names.txt")
    return _WordLists(
        people,
        titles,
        kin,
        frozenset(lines("place_words.txt")),
        stop,
        frozenset(lines("person_nouns.txt")),
        frozenset(line.removeprefix("people:").strip() for line in thing_lines),
        frozenset(line.removeprefix("people:").strip() for line in thing_lines if line.startswith("people:")),
        frozenset(lines("adverbs.txt")),
    )


def person_titles() -> frozenset[str]:
    """The words said before a name as a title ("captain", "lt", "reverend"; person_words.txt), folded."""
    return _word_lists().title


@cache
def role_titles() -> frozenset[str]:
    """The titles that say a role, not a sex or kin ("judge", "inspector"; not "mr", "mrs", "father"): one person
    bears them with a given name or without ("Judge Achebe" is "Judge Rosalind Achebe"), where "Mr. Bunny" may be
    "Mr. Benjamin Bunny"'s father and "Father Brown" "Father Michael Brown"'s uncle."""
    return person_titles() - HONORIFICS - _word_lists().kin


@cache
def named_titles() -> frozenset[str]:
    """WordNet's nouns for kinds of people (person_nouns) that a story may set before a name as a title the hand-kept
    list lacks ("Administrator Corvin Hale", "Commissioner Lydia Brandt", "Warden Ames"), folded: not kin, nor a name
    the dictionary keeps capitalised ("Tom", "Bobby", "Dean"), nor one WordNet writes capitalised as something other
    than a person ("Pastor", "Hunter", "Maya"). A title only before a name (_role_title) and where the story sets it
    so (_story_titles), so not among role_titles: "harriet's investigator" asks of no Harriet Investigator."""
    lists = _word_lists()
    return frozenset(
        word
        for word in lists.wordnet_person - lists.title - lists.kin - lists.thing_names
        if not is_capitalised_word(word.title())
    )


def find_people(texts: list[str], lowercase_words: set[str] | None = None) -> list[FoundPerson]:
    """The people a story's passages name, in the order the story first gives evidence of them;
    `lowercase_words`, the words the story writes in lowercase if known (else found here). A word holding one of
    INSIDE_WORDS ("Pa\u200dvel", pasted) is read whole and named without it, as the analysis reads it."""
    lists = _word_lists()
    lowercase_words = _lowercase_words(texts) if lowercase_words is None else lowercase_words
    read = [without_inside_words(passage) for passage in texts]
    text = "\n\n".join(read)
    titles = _story_titles(text, lowercase_words)
    starts = [0]
    for passage in read[:-1]:
        starts.append(starts[-1] + len(passage) + 2)

    @cache
    def plausible(name: str) -> bool | None:
        """Whether the name may be a person's; None for one whose words the story also writes in lowercase ("a cat
        named Pepper" where the soup had pepper in it), which only an introduction by name makes one."""
        words = name.split()
        kinds = [_kind(w, lists) for w in words]
        honorific = len(words) > 1 and fold(words[0]) in HONORIFICS  # "Mrs Smith", "Mr Baker": a surname, no role
        # "Administrator Corvin Hale": the title is no word of the name's own, as "Captain" is not
        own = words[1:] if _role_title(words, titles, lists, lowercase_words) else words
        if len(words) == 1 and fold(name) in _GIVEN_MONTHS:
            return None  # "in June" a month; "their mother, June," a woman introduced by that name
        if _role_name(words, kinds, lists, lowercase_words):
            return True  # "Hunter loves trains": a given name, if no determiner ever stands before it
        if (
            (all(k == "person" for k in kinds) and not honorific)
            or kinds[0] == "thing"
            or all(k == "thing" for k in kinds)
        ):
            return False  # "King", "the Squire", "Goblins": a role; "Mount Horai", "Sunday": a place, a day
        # "Elizabeth I": a queen's number, not the pronoun; after a word for kin or a title the pronoun ("Tell Mother I
        # am well"), as a number follows a given name, which may end as a word for a person does ("Christian I")
        numbered = len(words) > 1 and words[-1] == "I" and fold(words[-2]) not in lists.kin | lists.title
        if any(
            _is_stop_word(w, lists.stop) and not _peerage_of(words, i)
            for i, w in enumerate(words[:-1] if numbered else words)
        ):
            return False
        if len(words) > 1 and (fold(words[-1]) in ORGANISATIONS or fold(words[0]) in BROADCASTERS):
            return False  # "Wirral Council said", "Radio Kerry said": a body that speaks
        if _event(words):
            return False  # "World War II began in 1939"
        # A title is no word of the name's own: "the captain" elsewhere leaves "Captain Elena Voss" hers; nor is a
        # particle ("van der Berg", with "a van" in the story).
        return (
            None if any(w.lower() in lowercase_words and fold(w) not in lists.title | PARTICLES for w in own) else True
        )

    evidence: dict[str, _Evidence] = {}
    stop_word = _StopWords(lists.stop)
    never: set[str] = set()
    """Runs that are one stop word ("The", "I", "But"): half the runs, and never a name."""
    known: tuple[dict[str, _Run | None], dict[str, _Run | None]] = ({}, {})
    """What a run holds within a sentence, and at a sentence's start."""
    spellings: dict[str, str] = {}
    """The first spelling of each name, by its letters in any case: "JEMIMA PUDDLE-DUCK", read as "Jemima
    Puddle-Duck", is the "Jemima Puddle-duck" of the story's sentences."""
    matches = list(_NAME_RUN.finditer(text))  # read once: the kings' numbers are told by every mention first
    numbered = _numbered_runs(matches, text, lists)

    @cache
    def first_words_within() -> frozenset[str]:
        """The first two words of each run written within a sentence ("the sailor loved Pretty Polly"), read the
        first time a word mostly an adverb opens a run, which few stories have."""
        return frozenset(_first_two(m.group().split(" ")) for m in matches if not _starts_sentence(text, m.start()))

    for match in matches:
        run = match.group()
        if run.endswith(" I") and _pronoun_after(run, text, match.start(), match.end(), lists, numbered):
            run = run[:-2]  # "Aunt Polly I remember best", "Tell Mama I am well": the name, then the pronoun
        if run in never:
            continue
        start = match.start()
        at_start = _starts_sentence(text, start)
        runs = known[at_start]
        found = runs.get(run, _UNSEEN)
        if found is _UNSEEN:
            held = _name_in(run, at_start, first_words_within, stop_word, titles, lists, lowercase_words)
            if held is None:
                runs[run] = None
                if " " not in run and stop_word[run]:
                    never.add(run)
                continue
            name, offset, length, inside = held
            name = spellings.setdefault(name.casefold(), name)
            said = evidence.get(name)
            if said is None and (likely := plausible(name)) is not False:
                words = name.split()
                title_first = (
                    fold(words[0]) in lists.title
                    or fold(words[0]).rstrip(".") in HONORIFICS  # "Mr. Hale"
                    or _role_title(words, titles, lists, lowercase_words)  # "Administrator Corvin Hale"
                )
                # "King George Hospital", "Queen Victoria Street": a place named after someone, the title no evidence
                # of a person ("Mrs. Hall" and "Dr Bridge" are people).
                institution = fold(words[-1]) in INSTITUTIONS and fold(words[0]).rstrip(".") not in HONORIFICS
                said = evidence[name] = _Evidence(
                    title_first=title_first,
                    titled=title_first and " " in name and not institution,
                    saint=len(words) == 2 and fold(words[0]) in _SAINTS,
                    common=likely is None,
                    role=_role_name(words, [_kind(words[0], lists)], lists, lowercase_words),
                )
            found = runs[run] = _Run(
                name=name,
                offset=offset,
                length=length,
                inside=inside,
                evidence=said,
                opener_left_out=at_start and offset > 0 and _clause_opener(run[: offset - 1], stop_word, lists),
            )
        elif found is None:
            continue
        found.times += 1
        said = found.evidence
        if said is None:
            continue
        opened = found.opener_left_out and _opens_narration(text, start)
        start += found.offset
        if opened and text.startswith(found.name, start):  # as openings: not in capitals ("LATER MARTHA said")
            said.after_opener += 1
        if found.inside and said.first_inside < 0:
            said.first_inside = start
        if not found.inside and _opens_narration(text, start) and text.startswith(found.name, start):
            said.openings += 1
            if said.first_opening < 0:
                said.first_opening = start
        _weigh(said, text, start, start + found.length, lists)
    named: Counter[str] = Counter()
    for runs in known:
        for found in runs.values():
            if found is None:
                continue
            named[found.name] += found.times
            if found.evidence is not None:
                found.evidence.mentions += found.times
                if found.inside:
                    found.evidence.inside += found.times
    people = _people(evidence, lists, lowercase_words, text)
    if unowned := _unowned_nicknames(people, evidence):
        # "Port Royal, nicknamed Babylon": Babylon is no one's, and a person only by what else the story says of it
        evidence |= {name: _without_nicknaming(evidence[name]) for name in unowned}
        people = _people(evidence, lists, lowercase_words, text)
    mentions = _count_mentions(named, [name for name, _ in people])
    nicknamed = _nicknamed(people, evidence, mentions)
    sentences: dict[int, _Sentences] = {}
    return [_found(shown, where, count, texts, read, starts, sentences) for shown, where, count in nicknamed]


def _first_two(words: list[str]) -> str:
    """A run's first two words, without a possessive's "'s": a run opening a sentence ("Pretty Polly wept") is read
    as the story writes it within sentences ("the sailor loved Pretty Polly", "kissed Pretty Polly's hand", "loved
    Pretty Polly Perkins")."""
    return bare_word(" ".join(words[:2]))


@dataclass(kw_only=True)
class _Run:
    """What every mention of one run of capitalised words says alike, in one place (within a
    sentence, or at its start): which name it holds, where in the run, and how often it came."""

    name: str
    offset: int
    length: int
    """Of the name as written (before "ELIAS" reads "Elias")."""
    inside: bool
    evidence: _Evidence | None
    """The name's, or None for a name no person has ("Mount Horai", "King")."""
    times: int = 0
    opener_left_out: bool = False
    """The run opens with an adverb or a conjunction left out of the name ("Meanwhile Agnes")."""


_UNSEEN = _Run(name="", offset=0, length=0, inside=False, evidence=None)


def _name_in(
    run: str,
    at_start: bool,
    first_words_within: Callable[[], frozenset[str]],
    stop_word: _StopWords,
    titles: frozenset[str],
    lists: _WordLists,
    lowercase_words: set[str],
) -> tuple[str, int, int, bool] | None:
    """(name, where it starts in the run, its length, not at a sentence's start) of a run of
    capitalised words, or None for a run that holds no name; leading stop words ("And Assipattle",
    "The Stoorworm"), "AKA" ("AKA Mab"), a word of the language that starts a sentence ("Finally Kung said",
    "Thereupon Walter began"), and a possessive and what follows it are left out of the name."""
    words = run.split(" ")
    # A word in lowercase ends the run: the pattern takes any letter but ASCII's lowercase for a capital ("Lena über",
    # "Jeanne était", Cyrillic's "дедка за репку"), for speed; scripts without case keep their runs.
    lowercase = next(
        (
            i
            for i, word in enumerate(words)
            if word[:1].islower() and word not in PARTICLES and not _articled(word) and not _peerage_of(words, i)
        ),
        None,
    )
    if lowercase is not None:
        words = words[:lowercase]
    while words and words[-1] in PARTICLES:  # the name the pattern saw after it is a lowercase word ("da été")
        words.pop()
    offset = 0
    while words and (
        stop_word[words[0]]
        or words[0] in PARTICLES  # "The de la Tour family": the name is what the run holds after it
        or words[0].lower() in _ALIASES  # "Marcus Brown, AKA Mab": Mab, whom _known_as gives Marcus Brown's name
        or (at_start and len(words) > 1 and _opens_sentence(words, titles, lists, lowercase_words, first_words_within))
    ):
        offset += len(words.pop(0)) + 1
        at_start = False
    if not words:
        return None
    # A possessive ends the name: "Kalmurzaeva's Odyssey" mentions Kalmurzaeva.
    owner = None
    if "'s" in run or "’s" in run:  # most names hold no possessive
        owner = next((i for i, w in enumerate(words) if w.endswith(("'s", "’s"))), None)
    if owner is not None:
        words = words[: owner + 1]
        words[-1] = words[-1][:-2]
    name = " ".join(words)
    length = len(name)
    if not name.istitle():
        # A word in capitals is written as a name ("MR. McGREGOR"), but not a regnal number ("Pope Clement VII").
        name = " ".join(w.title() if w.isupper() and len(w) > 1 and not _ROMAN.fullmatch(w) else w for w in words)
    return name, offset, length, not at_start


_FIRST_PERSON = frozenset({"am"})
"""Words after "I" that only the pronoun takes: "Tell Mama I am well" (where "Elizabeth I was" may be a queen)."""


_AFTER_A_NUMBER = frozenset({"that", "of"})
"""Words after "told X I" that leave the "I" a king's number ("told Charles I that", "told James I of England"): the
pronoun there is followed by its verb ("told Elizabeth I was ill"); a comma follows a number too."""


def _pronoun_after(run: str, text: str, start: int, end: int, lists: _WordLists, numbered: set[str]) -> bool:
    """Whether the "I" that ends a run of capitalised words is the pronoun, not a king's number: after a name with a
    word for kin first, as no king is numbered ("Aunt Polly I remember best of all"), before "am", or after a name
    one is told something ("Tell Mama I am well", "told Elizabeth I was ill") that the story does not number elsewhere
    (`numbered`: "Cromwell told Charles I that", where "Charles I was beheaded"). Else a number ("Christian I",
    "Emperor Justinian I", "Elizabeth I never married"), or the pronoun by the name's words (`find_people`'s
    `plausible`: "Tell Mother I")."""
    after = _NEXT_WORD.match(text, end, end + 20)
    told = after is not None and after.group(1) not in _AFTER_A_NUMBER and _told(run, text, start)
    return _pronoun_by_its_place(run, text, end, lists) or (told and run not in numbered)


def _numbered_runs(matches: list[re.Match[str]], text: str, lists: _WordLists) -> set[str]:
    """The runs ending in "I" that some mention writes where nothing reads the pronoun (`_pronoun_after`): "Charles I
    was beheaded", "wept for Charles I." number the king where he is told something too."""
    return {
        run
        for match in matches
        if (run := match.group()).endswith(" I")
        and not _pronoun_by_its_place(run, text, match.end(), lists)
        and not _told(run, text, match.start())
    }


def _pronoun_by_its_place(run: str, text: str, end: int, lists: _WordLists) -> bool:
    """Whether the "I" ending a run is the pronoun whatever the story's other mentions say: after a word for kin, as no
    king is numbered ("Aunt Polly I remember"), or before "am", which only the pronoun takes ("Tell Mama I am well")."""
    after = _NEXT_WORD.match(text, end, end + 20)
    return fold(run.split()[0]) in lists.kin or (after is not None and after.group(1) in _FIRST_PERSON)


def _told(run: str, text: str, start: int) -> bool:
    """Whether a run, or the word before it, is a form of "tell" ("Tell Mama I", "told Harriet Vance I")."""
    told = [*text[max(0, start - _TOLD_REACH) : start].split()[-1:], run.split()[0]]
    return any(word.strip(_QUOTES).lower() in _TELLING for word in told)


_TELLING = frozenset({"tell", "tells", "told", "telling"})
_TOLD_REACH = 20
"""Characters before a run in which the word it follows stands ("told")."""


def _peerage_of(words: list[str], at: int) -> bool:
    """Whether the word at `at` of a name's words is the "of" after a peerage ("Duke of Wellington"), as the name runs
    take one."""
    return words[at] == "of" and at > 0 and words[at - 1] in PEERAGES


def _articled(word: str) -> bool:
    """Whether a word in lowercase is a surname after Arabic's article ("al-Hassan"), as the name runs take one."""
    return word.startswith(("al-", "el-")) and word[3:4].isupper()


@lru_cache(maxsize=1 << 16)
def _is_stop_word(word: str, stop: frozenset[str]) -> bool:
    return normalize_word(word) in stop


class _StopWords(dict[str, bool]):
    """Whether each word is a stop word, for the runs of one story: a plain dictionary lookup per run."""

    def __init__(self, stop: frozenset[str]):
        super().__init__()
        self.stop = stop

    def __missing__(self, word: str) -> bool:
        found = self[word] = normalize_word(word) in self.stop
        return found


def _opens_sentence(
    words: list[str],
    titles: frozenset[str],
    lists: _WordLists,
    lowercase_words: set[str],
    first_words_within: Callable[[], frozenset[str]],
) -> bool:
    """Whether a run's first word is a word of the language that the story also writes in lowercase, an adverb
    ("Later", "Meanwhile", "Finally") or a conjunction ("Whenever", "Although"): no part of a name. Plot summaries
    open sentence after sentence so, and the story may never write the adverb in lowercase. A word mostly an
    adjective or a noun ("Little John", "Poor Anatole") is one only where the story writes it in lowercase; a word
    mostly an adverb (adverbs.txt) only where the story never writes it and the next word within a sentence
    (`first_words_within`, asked only then), which makes it the name's ("Pretty Polly wept. The sailor loved Pretty
    Polly.")."""
    word = words[0]
    key = fold(word)
    return (
        key not in lists.person
        and not _role_title(
            words, titles, lists, lowercase_words
        )  # "Administrator Hale wants", the administrator said before
        and (
            key in lowercase_words
            or _is_adverb(key)
            or key in _CONJUNCTIONS
            or (key in lists.adverbs and _first_two(words) not in first_words_within())
        )
        and _is_common_word(word)
    )


def _clause_opener(word: str, stop_word: _StopWords, lists: _WordLists) -> bool:
    """Whether the one word left out of a name at a sentence's start is an adverb (adverbs.txt) or a conjunction
    ("Meanwhile Agnes", "Whenever Charles"), after which the name opens the sentence as good as alone. Not a stop
    word ("And Martha"): this rule leaves a name said once after one as it was read before adverbs were left out."""
    key = fold(word)
    return " " not in word and not stop_word[word] and (key in lists.adverbs or key in _CONJUNCTIONS)


_CONJUNCTIONS = frozenset({"although", "whenever", "since", "unless", "whereas", "whilst", "lest", "whereupon"})
"""The conjunctions that open a clause before its subject ("Although Maidwa was tired", "Whenever Shiro sang") that
are neither stop words ("when", "because", "until") nor WordNet's adverbs ("though", "once", "wherever"): a closed
class, which WordNet, of nouns, verbs, adjectives and adverbs only, does not hold. Not "till", a given name too."""


def _is_adverb(key: str) -> bool:
    """Whether a folded word is an adverb made of a word of the language ("finally", "happily", "simply"): where
    "Finally Kung said" leaves Kung, "Molly Brown", "Billy Elliot", "Sally Bowles" and "Lily Bart" keep their given
    names, pet forms of names ending in "-ly" whose rest is no word (or a short noun's: "sal", "mol", "dol")."""
    if not key.endswith("ly") or not is_lowercase_word(key):
        return False
    if key in _IRREGULAR_ADVERBS:
        return True
    base = key[:-2]
    if base.endswith("l") and len(base) <= 3:
        return False
    bases = [base, base[:-1] + "y" if base.endswith("i") else "", base + "le" if base.endswith(_BEFORE_LE) else ""]
    return any(len(b) >= 3 and is_lowercase_word(b) for b in bases)


_IRREGULAR_ADVERBS = frozenset({"only", "truly", "duly", "unduly", "wholly", "fully"})
"""Adverbs whose word is no base and "-ly" ("true", "due", "whole", "full"): "Truly Harry is a wizard" is Harry's."""
_BEFORE_LE = tuple("bcdgkptz")
"""Letters before the "-ly" of an adverb of an adjective in "-le": "simply", "humbly", "gently", "idly"."""


def _starts_sentence(text: str, start: int) -> bool:
    before = text[start - 1 : start].strip() or text[start - 2 : start - 1]
    return start == 0 or before == "" or before in _SENTENCE_START


_SENTENCE_END = frozenset(".!?…")
_CLOSING_QUOTES = frozenset("\"”’'")


def _opens_narration(text: str, start: int) -> bool:
    """The sentence starting here follows the end of another (a quoted one too: '"Go home." Ella went'), or a
    paragraph's start: not a quotation's opening, where a charm or a song's words stand capitalised ("Chemaun
    Poll!")."""
    before = text[start - 1 : start].strip() or text[start - 2 : start - 1]
    if start == 0 or before in ("", "\n") or before in _SENTENCE_END:
        return True
    # A quotation mark after a space is the closing one of a quoted sentence when the sentence ended inside it.
    return (
        before in _CLOSING_QUOTES
        and not text[start - 1 : start].strip()
        and text[start - 3 : start - 2] in _SENTENCE_END
    )


def _is_sentence_word(word: str) -> bool:
    """A word of the language that may open a sentence before a name ("Meanwhile Anatole", "Poor Anatole"): one the
    dictionary knows in lowercase. Not "Sofia", "Mary" or "Thomas", which it knows capitalised alone, as names
    (_is_common_word takes them too); "John", "Tom" and "East" are lowercase words as well, and still guard."""
    return all(is_lowercase_word(part) for part in word.split("-"))


def _story_titles(text: str, lowercase_words: set[str]) -> frozenset[str]:
    """The words of named_titles a story sets before names as titles: one it writes in lowercase too ("the
    chancellor, Oren Abashe") or before a surname both with a given name and without ("Administrator Corvin Hale",
    "Administrator Hale"), and never as a name's last word ("Tom Baker"). A given name the dictionary lacks
    ("Donna Kessler", "Cyril Tregarth") is none of these."""
    before: dict[str, set[tuple[str, ...]]] = {}
    surnames: set[str] = set()
    for match in _CAPITALISED_RUN.finditer(text):
        words = match.group().split(" ")
        surnames.add(fold(words[-1]))
        if fold(words[0]) in named_titles():
            before.setdefault(fold(words[0]), set()).add(tuple(words[1:]))
    return frozenset(
        word
        for word, names in before.items()
        if word not in surnames
        and (
            word in lowercase_words
            or {name[-1] for name in names if len(name) == 1} & {name[-1] for name in names if len(name) > 1}
        )
    )


_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'-]*(?: [A-Z][\w'-]*)+")


def _role_title(words: list[str], titles: frozenset[str], lists: _WordLists, lowercase_words: set[str]) -> bool:
    """Whether a name's first word is a title by WordNet's word for a kind of person alone, one of the story's
    (`titles`, _story_titles: "Administrator Corvin Hale", "Chancellor Voss"), standing before a name: each word after
    it, a particle aside, written as a name is (not "Pol II", "Pol V", "Pol I-specific", RNA's polymerases), no stop
    word, word for a kind of person or thing, word of the language WordNet writes capitalised as a place ("Kaiser
    Permanente Northern"), title, nor the last word of a place's or a body's name ("Security Chief", "Gull Rock",
    "Seismologist Dr", "Warden Street"), none the story writes in lowercase ("Warden Green", with a village green in
    it), and one of them no word of the language, or a name the dictionary keeps capitalised ("Consumer Fact Sheet",
    "Client Access", a paper's title in capitals; so "Administrator Hale" is no title and name alone, nor "Warden
    Stone")."""
    if len(words) < 2 or fold(words[0]) not in titles:
        return False
    own = [word for word in words[1:] if word not in PARTICLES]
    return all(
        all(part[:1].isupper() and not part[1:2].isupper() for part in word.split("-"))
        and not _ROMAN.fullmatch(word)
        and not (fold(word) in lists.thing_names and is_lowercase_word(word))
        and _kind(word, lists) is None
        and not _is_stop_word(word, lists.stop)
        and fold(word).rstrip(".") not in _NO_NAME_WORDS
        and fold(word) not in lists.wordnet_person
        and word.lower() not in lowercase_words
        for word in own
    ) and any(is_capitalised_word(word) or not is_lowercase_word(word) for word in own)


@cache
def _titles_of_roles() -> frozenset[str]:
    """role_titles and named_titles: the titles one person bears with a given name or without ("Administrator Hale" is
    "Administrator Corvin Hale")."""
    return role_titles() | named_titles()


_NO_NAME_WORDS = HONORIFICS | INSTITUTIONS | ORGANISATIONS | EVENTS
"""Words after a title that make the words no person's name: another title ("Seismologist Dr. Maya Torres" is read
from "Dr."), or the last word of a place's, a body's or an event's name."""


def _role_name(words: list[str], kinds: list[str | None], lists: _WordLists, lowercase_words: set[str]) -> bool:
    """Whether a name is one word for a kind of person that is a given name too ("Hunter", "Robin", "Wren", "Piper"):
    no title ("King") nor kin ("Mother"), which stand alone as roles, singular, and never written in lowercase by the
    story."""
    key = fold(words[0])
    return (
        len(words) == 1
        and kinds[0] == "person"
        and key not in lists.title | lists.kin | _ONE_OF_A_KIND
        and lemma(key).lower() == key  # not "Goblins", "Knights": a kind, not one of it
        and words[0].lower() not in lowercase_words
    )


_ONE_OF_A_KIND = frozenset({"god", "devil"})
"""Beings a story capitalises as the one of their kind, never given names: "said God to one of His Angels"."""


def _opens_as_full_name(name: str) -> bool:
    """Whether a name of capitalised words that only ever opens sentences reads as a full name, not as words of the
    language: its first word is no word of the language ("Ella Wheeler Wilcox"), or it is a given name the dictionary
    keeps capitalised and a surname ("Anna Blake", "Peter Walsh", "Molly Brown"); not "Good Friday", "New Year", "Poor
    Anatole", whose first words it knows in lowercase only, nor "East Grand Forks", no two words of a person's."""
    words = name.split()
    return not _is_sentence_word(words[0]) or (len(words) == 2 and is_capitalised_word(words[0]))


def _regnal(name: str) -> bool:
    """Whether a name is a given name and a king's or a pope's number past the first ("Henry VIII", "Louis XIV"): it
    names a person when repeated, as a full name does. Not "Mary I" (the pronoun too: "Mary I love you")."""
    words = name.split()
    return len(words) == 2 and words[1] != "I" and _ROMAN.fullmatch(words[1]) is not None


def _event(words: list[str]) -> bool:
    """Whether a name's words are a war's or a contest's: one of EVENTS after its first word, followed by a number at
    most ("World War II", "World War Two", "Boer War", "Super Bowl XL")."""
    place = next((i for i, word in enumerate(words[1:], 1) if fold(word) in EVENTS), None)
    if place is None or fold(words[0]).rstrip(".") in HONORIFICS:  # "Mrs. Bowl": a surname
        return False
    after = words[place + 1 :]
    return len(after) <= 1 and all(_ROMAN.fullmatch(w) or fold(w) in UNITS or w.isdigit() for w in after)


def _said_a_person(name: str, found: _Evidence, lists: _WordLists) -> bool:
    """Whether a name the dictionary knows, only ever opening sentences, is a person all the same: it is no word of the
    language in lowercase, and its mentions say a person more than a place ("Mary woke", "Mary said"; not "Indeed",
    "Within", "Thus said", "Elves said"). Said once, opening a sentence (or right after an adverb or a conjunction
    opening it), it must also be no name WordNet writes capitalised for a thing more than for people (thing_names.txt: a
    place, a book), nor many of a people or a kind of person ("Martha said nothing when the letter came"; not "Norway
    said", "Vikings said"). Said once within one it stays no one: there it was mostly someone only mentioned ("the
    beautiful Cleopatra herself", "the family of Adam"), and a people's one ("He was a Dane")."""
    return (
        (found.mentions >= 2 or (found.openings + found.after_opener > 0 and _names_no_thing(name, lists)))
        and found.person > found.thing
        and not _is_sentence_word(name)
    )


def _is_common_word(name: str) -> bool:
    """A word of the language ("Indeed"), or made of such words ("Good-day")."""
    return all(is_dictionary_word(part) for part in fold(name).split("-"))


def _gazed_at(word: str, preceding: list[str]) -> bool:
    """Whether "at" before a name follows a verb of looking or gesturing ("looked at Nadia"): it names whom."""
    return word == "at" and len(preceding) > 1 and lemma(preceding[-2].lower().strip(_QUOTES)) in GAZE_VERBS


def _weigh(found: _Evidence, text: str, start: int, end: int, lists: _WordLists) -> None:
    """Adds what one mention says about its name."""
    person = thing = 0
    named_before = found.named
    says_who = False  # a role or a description said of the name: "the captain, Elias Boone", "Ivan, a musician"
    if found.titled:
        person += 1
    # The four words before the name: "a squirrel, called", "by name", "the liner was called", "a boy of nineteen
    # named".
    preceding = []
    opened, closed = start, end  # of the name, or of the quotation marks it stands in alone after a naming word
    quoted: list[str] = []
    if text[start - 1 : start] == " ":
        preceding = text[max(0, start - 60) : start].rsplit(None, 4)[-4:]
    elif quoted := _quoted_name_words(text, start, end):
        preceding, opened, closed = quoted, start - 1, end + 1  # 'Teodora Vasquez, called "Teddy", a safecracker'
    written_word = preceding[-1].strip(_QUOTES).rstrip(",") if preceding else ""
    word = preceding[-1].lower().strip(_QUOTES) if preceding else ""
    if word == "a.k.a.":
        word = "aka"  # the same word, that the checks of words below read as one
    pause = word.endswith(",")
    word = word.rstrip(",")
    possessive = text.startswith(("'s", "’s"), end)
    nicknamed_before = found.nicknamed
    if written := _written_nickname_owner(text, start, end):
        person += 2  # 'Robert (Bobby) Tanner', 'Iolanthe "Lanthe" Vasquez-Mbeki': a name someone is known by
        found.named += 1
        if not found.full_name:
            found.full_name, found.written_within = written, True
    elif _quoted_as_someone(text, start, end):
        person += 2  # 'To the crew he was "Dutchie"': what someone was to others, in quotes
        found.named += 1
    if word in PREPOSITIONS or word in _NAMING or word in _DETERMINERS or (not pause and _kind(word, lists) == "thing"):
        found.placed += 1
    if word in _DETERMINERS or (len(preceding) > 1 and word.isalpha() and preceding[-2].lower() in _DETERMINERS):
        found.determined += 1  # "the Hunter", "the awful Monster", "his old Kemperman"
    if not possessive and (
        (word in _WHERE_PREPOSITIONS and not _gazed_at(word, preceding))
        or (word in _GOING_PREPOSITIONS and _after_going(preceding))
    ):
        # "set on Gannet Skerry", "emigrated to New Zealand"; not "went to Harriet Vance's house", "smiled at Harriet
        # Vance", nor after "of", a person's too ("the death of Harriet Vance")
        found.gone_to += 1
    after = None
    if (word != "of" or pause) and text[closed : closed + 1] in _AFTER_STARTS:  # where every introduction starts
        after = _AFTER.match(text, closed, closed + 80)
    # 'Teodora Vasquez, called "Teddy", a safecracker who': quoted and set apart before a description, the name
    # after "called" is what others call the one before, not whom someone calls ("the cook, Silver, called Jim, his
    # helper, to the galley"; 'Martha, called "Jack" three times'; 'Tom, called "Jim", who came at once')
    quoted_nickname = bool(
        quoted
        and text.startswith((", a ", ", an ", ", the "), closed)
        and after
        and after.group("described")
        and _described_kind(after.group("described").split()[:_DESCRIPTION_WORDS], lists) == "person"
    )
    if word.isalpha():
        if word in _CALLING and not possessive and (owner := _called_owner(text, opened, quoted_nickname, lists)):
            # "a boy named Teodor, whom everybody called Sparrow", "Teodor, nicknamed Sparrow"; not a possessive
            # ("Harry, whom everybody called Tom's shadow": Tom is another)
            person += 2
            found.named += 1
            found.nicknamed += 1
            found.full_name = found.full_name or owner
        elif pause and text.startswith(" for short", end) and (owner := _short_for(text, start, lists)):
            person += 2  # "a boy called Alexander, Sandy for short"
            found.named += 1
            found.nicknamed += 1
            found.full_name = found.full_name or owner
        elif word in _NAMING:
            written, passive = _noun_before(preceding)
            kind = _role_kind(written, lists)
            noun = written.lower()
            if (
                kind == "thing"
                or (word == "name" and noun == "the")
                or (not passive and _place_people_call(text, opened, lists))
            ):
                # a thing's name, unless quoted: 'his boat, named "Hope"' sets the boat's name apart from his daughter
                # Hope's, who may act in the story
                found.introduced_as_thing = found.introduced_as_thing or not quoted
            elif (
                kind == "person"
                or noun in _NAMED_PERSON
                or (passive and noun in _SUBJECTS)
                or (word == "name" and noun == "by")
            ):
                person += 2  # "a sailor called Thomas Wren", "by name Toyonari", "she was called Lucie"
                found.named += 1
        elif (word in _NAMED_PERSON or word in _BE) and _noun_before(preceding)[0].lower() in _CALLING:
            person += 2  # "men called him Assipattle", "whose name was Marie", "Everyone calls him Tiny"
            found.named += 1
        elif (word == "as" or word in _ALIASES) and _known_as(text[max(0, opened - _KNOWN_AS_REACH) : opened], lists):
            person += 2  # "Iolanthe Vasquez-Mbeki, known to everyone on the lower decks as Lanthe"
            found.named += 1
            found.full_name = found.full_name or _known_as_owner(text, opened, lists)
        elif (
            pause
            and not _vocative(preceding)
            and (
                _kind(word, lists) == "person"
                or (" " in text[start:end] and _role_kind(written_word, lists) == "person")
            )
        ):
            # "the captain, Elias Boone", "the farmer's son, Pavel"; WordNet's nouns only before a full name ("a
            # retired firefighter, Colin Braddock"), as "Her employer, Lufthansa," and "the victor, England," are not
            person += 2
            says_who = True
            if text.startswith(",", end) and _owned_role(preceding):
                found.named += 1  # "The bride's father, Thomas, gave a speech": set apart as who they are
        elif (pause or word in _LIST_ENDS) and _listed_after_role(text, start, lists):
            # "The Bennet sisters, Jane, Elizabeth, Mary, Kitty and Lydia": each of them, as Jane is; introduced by
            # name as the first is ("three daughters: Rose, Lily and Violet", Lily and Violet words of the language)
            person += 2
            found.named += 1
        elif pause and _kind(word, lists) == "thing":
            if text.startswith(",", end) and any(w.lower() in _DETERMINERS for w in preceding[-3:-1]):
                found.introduced_as_thing = True  # "the new board, Harbour Trust, met": set apart as what it is
            # else a clause ends there, and says nothing of the name: "of the lake, Pinkel took", "Well, Hans"
        elif pause and _after_place(preceding) and not _acts(text, end, lists):
            thing += 1  # "in Lyon, France": the place a place is in; not "Back in England, Kestell warns the queen"
        elif word in _SPEECH_WORDS:
            person += 1
        elif (
            not pause
            and (
                (len(preceding) > 1 and _role_owner(preceding[-2]) and _owner_whose_role_acts(preceding[-2], text, end))
                or _role_alone(preceding, text[start:end])
            )
            and _role_kind(written_word, lists) == "person"
        ):
            # "her brother Tobias", "the poet Seamus Heaney", "Stephen's 16-year-old son Owen"; before a full name,
            # a role with no word before it ("joined by oceanographer Matt Hooper", "Police chief Martin Brody")
            person += 1
            says_who = True
        elif word == "of":
            whose = _noun_before(preceding)[0].lower()
            if whose in lists.kin and len(preceding) > 1 and preceding[-2].islower():
                person += 1  # "the mother of Wassamo", "the son of Erc"; not "the Mother of Metals", a title
                says_who = True
            elif _kind(whose, lists) is not None and not possessive:
                thing += 1  # "the King of Ulster", "the mountains of Slieve Gullion"; not "the death of Murtough"
        elif (
            (word in _PLACE_PREPOSITIONS or (word == "the" and not found.title_first))
            and not possessive
            and not _gazed_at(word, preceding)
        ):
            thing += 1  # (but "out of Ivan's rhythms" names an owner, and "looked at Nadia" whom she saw)
        if found.saint and word in _SAINT_PLACE_PREPOSITIONS and not _prayed_to(preceding):
            thing += 2  # "to St Ives", "from St Austell" (the title said a person); not "prayed to St Anthony"
    elif word.endswith(".") and word[:-1] in lists.title and preceding[-1].istitle() and not possessive:
        person += 1  # "Lt. Ingrid Søndergaard": a title the run leaves out ("Mr." and "Dr." start one); not "MR."
    elif word.endswith(":") and _plural_role(word[:-1], lists) and text.startswith((",", " and "), end):
        person += 2  # "his three sons: Brian, Conor and Fergus": the first of a list a colon opens, as the rest
        found.named += 1  # set apart as who he is, though the colon makes his name a sentence's start
    # "not far from Rost, a poor fisherman, named Isaac": a person described after a place is someone else; but "set on
    # Gannet Skerry, a tiny island" describes the place, where only places stand ("to Maureen Hollis, a former coach"
    # may be a person, "coach" a thing's word too)
    beside = (word in PREPOSITIONS and not pause) or (pause and _after_place(preceding))
    if after is not None:
        if (
            after.group("speech")
            or after.group("born")
            or (after.group("who") and not _relative_of_noun(word, preceding, text, closed, lists))
        ):
            person += 1
        elif (described := after.group("described")) is not None and not (
            _spoken_to(text, opened, closed) and not _set_apart_role(described, text, after.end("described"), lists)
        ):
            kind = _described_kind(described.split()[:_DESCRIPTION_WORDS], lists)
            owned = after.group("owned") is not None or after.group("name_owns") is not None
            if owned and _in_a_dealing(described, lists):
                kind = None  # "Blackwood became Harold's partner in the venture": a company may be, as a person may
            if kind == "person" and not beside:
                person += 2 if after.group("verb") else 1  # "X was a ..." says more than "X, the ..."
                says_who = not owned  # "By the time Tom met Margaret, Harold's brother had left": another's
                if not owned and found.described_after < 0:
                    found.described_after = start
                if found.nicknamed > nicknamed_before:
                    found.nickname_described = True  # 'Teodora Vasquez, called "Teddy", a safecracker': hers
            elif kind == "thing" and (not beside or word in _WHERE_PREPOSITIONS) and not quoted and not owned:
                found.introduced_as_thing = True  # (a quoted name after a naming word, as above, may be a person's too)
    if (
        not person
        and not possessive
        and word not in _DETERMINERS
        and word not in PREPOSITIONS
        and (acting := _ACTS_ON_OWN.match(text, closed, closed + 40)) is not None
        and acting.group("verb") not in lists.stop
        and acting.group("verb") not in _NOT_ACTING
        and (acting.group("kin") is None or acting.group("kin") in lists.kin)
    ):
        person += 1  # one who acts on what is theirs: "Oliver Crane poisons his uncle"
    found.person += person
    found.thing += thing
    if person and found.intro < 0:
        found.intro = start
    if person and (says_who or found.named > named_before) and found.said_who < 0:
        found.said_who = start


def _in_a_dealing(described: str, lists: _WordLists) -> bool:
    """Whether a role said as someone's is had in something, by a preposition right after it ("Harold's partner in
    the venture", "his supplier of grain"): a dealing companies have too, where "her partner, Simon," and "had been
    Dutchie's partner" are a person's."""
    words = described.split()[:_DESCRIPTION_WORDS]
    head = _described_head(words, lists)
    at = words.index(head[0]) + 1 if head is not None else len(words)
    return at < len(words) and words[at].lower() in PREPOSITIONS


def _relative_of_noun(word: str, preceding: list[str], text: str, end: int, lists: _WordLists) -> bool:
    """Whether a "who" right after a name, with no comma, is said of a kind of person before the name's preposition of
    place or "from" ("a schoolmaster from Shropshire who had taught Latin", "a coal miner's son from Merthyr who could
    sing"). Said of the name where no such noun stands there: "News came from Oswin who had gone to sea", "The blame
    fell on Perrin who had been asleep"; and after "Finn, who", "It was Martha who", "gave the ring to Anna who"."""
    return (
        (word in _WHERE_PREPOSITIONS or word == "from")
        and len(preceding) > 1
        and _role_kind(preceding[-2].strip(_QUOTES), lists) == "person"
        and text.startswith(" who", end)
    )


_WHERE_PREPOSITIONS = (_PLACE_PREPOSITIONS - {"of", "towards", "toward"}) | {"on", "onto", "upon", "off"}
_GOING_PREPOSITIONS = frozenset({"to", "from"})
_GOING_VERBS = frozenset(
    {
        "go",
        "come",
        "move",
        "emigrate",
        "immigrate",
        "return",
        "travel",
        "fly",
        "sail",
        "flee",
        "drive",
        "walk",
        "ride",
        "head",
        "arrive",
        "escape",
        "relocate",
        "journey",
        "migrate",
        "retire",
        "transfer",
        "send",
        "exile",
        "deport",
        "banish",
    }
)
"""Verbs after which "to" and "from" name where, not whom: "emigrated to New Zealand", "flew over from Wellington"."""


def _after_going(preceding: list[str]) -> bool:
    """Whether a verb of going stands in the two words before the preposition ("emigrated to", "flew over from")."""
    return any(lemma(word.lower().strip(_QUOTES).rstrip(",")) in _GOING_VERBS for word in preceding[-3:-1])


_MODALS = frozenset(
    {"must", "will", "would", "can", "could", "shall", "should", "may", "might", "to", "cannot", "did", "does", "do"}
)


def _role_alone(preceding: list[str], name: str) -> bool:
    """Whether a role with no word of whose before it stands before a full name as its role ("oceanographer Matt
    Hooper"), not as a verb: not a present tense's "s" ("Jenna hosts Morning Glory", "Roy captains Leeds Rovers")
    nor after a modal or "to" ("must pilot Air Force One")."""
    return (
        " " in name and not preceding[-1].endswith("s") and (len(preceding) < 2 or preceding[-2].lower() not in _MODALS)
    )


_AGED = ("-year-old", "-month-old")
"""How an age said before a role ends: "her 16-year-old son Owen"."""


def _role_owner(word: str) -> bool:
    """Whether a word before a role said right before a name says whose or what it is: "her", "the", "Stephen's",
    "16-year-old"."""
    folded = word.lower()
    return folded in _ROLE_BEFORE or folded.endswith(("'s", "’s")) or folded.endswith(_AGED)


_ACTS_ON = re.compile(
    r" [a-z]+ (?:(?:after|for|over|with|at|to|on) )?(?:them|him|her|it|us|me|the|a|an|his|their|its)\b"
)
"""A verb and its object, after a particle: " supplies them", " looks after the horses"."""


_TIME_OBJECT = re.compile(rf" (?:(?:next|last|following|same|previous) )?(?:{SEASONS}|{DAY_TIMES}|{SPANS})\b")
"""A time after a verb and its article, when it acted, not what it acted on: " the winter before", " the next day"."""


def _owner_whose_role_acts(owner: str, text: str, end: int) -> bool:
    """Whether a role owned by "whose" names the one after it ("whose daughter Lena supplies them with bread"): only
    where that name acts on something of its own, as "whose" may be what the name acts on ("whose husband Pavel shot
    during the uprising", "whose father Anton had arrested in 1942": Pavel shot the husband; "whose daughter Marek
    married the winter before the war": the winter is when). Other owners always do."""
    if owner.lower() != "whose":
        return True
    acts = _ACTS_ON.match(text, end)
    return acts is not None and _TIME_OBJECT.match(text, acts.end()) is None


def _known_as(before: str, lists: _WordLists) -> bool:
    """Whether the words before a name say it is what someone is known as, within their sentence ("known to all as",
    "better known as", "aka"), someone being a person's word or a name right before ("a brave warrior known to all as
    Tawara Toda", "Iolanthe Vasquez-Mbeki, known ... as Lanthe"); not "a hut known as Ingas", "the sword, afterwards
    known as Kusanagi"."""
    known = _alias_start(before)
    if known < 0:
        return False
    owner = before[:known].rsplit(None, 1)
    word = owner[-1].rstrip(",") if owner else ""
    return word[:1].isupper() or _kind(word, lists) == "person"


_ALIASES = frozenset({"aka", "a.k.a."})
"""Words that say the name after them is what the one named before is also known as ("Marcus Brown, aka Mab")."""
_KNOWN_ADVERBS = frozenset({"also", "better", "well", "widely", "commonly", "otherwise"})
"""Words before "known as" that leave it saying what someone is known as ("Marcus Brown, better known as Mab")."""


def _alias_start(before: str) -> int:
    """Where the words that end `before` and say what someone is known as start ("known to all as", "also known as",
    "aka"), at the space before them, within their sentence; -1 if they are not such words."""
    last = before.rstrip().rsplit(None, 1)
    if last and last[-1].lower() in _ALIASES:
        return len(before.rstrip()) - len(last[-1]) - 1
    known = before.rfind(" known ")
    if known < 0 or any(mark in before[known:] for mark in ".!?;"):
        return -1
    head, _, adverb = before[:known].rpartition(" ")
    return len(head) if adverb.lower() in _KNOWN_ADVERBS else known


_CALLER_REACH = 120
"""Characters before a name in which "a town the villagers called" stands."""
_OWNER_WORD = re.compile(rf"{_NAME_WORD}\.?")
"""A capitalised word of a name, as the name runs are made of, or a title's ("Mr.")."""
_OWNER_REACH = 80
"""Characters before "known" in which the full name of someone known by another stands."""


def _known_as_owner(text: str, start: int, lists: _WordLists) -> str:
    """The full name set apart before "known ... as" the name at `start` ("Iolanthe Vasquez-Mbeki" of "Third-shift
    warden Iolanthe Vasquez-Mbeki, known to everyone on the lower decks as Lanthe"): its capitalised words right before
    the comma, one to four, or ""; `_nicknamed` keeps of them the name the story has (of one word, a person's: not
    "Yesterday, known as")."""
    reach = max(0, start - _KNOWN_AS_REACH)
    known = _alias_start(text[reach:start])
    if known < 1:
        return ""
    known += reach
    if text[known - 1] != ",":
        return ""
    return _owner_before(text, known - 1, lists)


_CALLED_REACH = 5
"""Words before a name in which "whom everybody called", "whom the whole village called" stand."""


def _called_owner(text: str, start: int, quoted_nickname: bool, lists: _WordLists) -> str:
    """The name, set apart by a comma, of someone whom others call the name at `start` ("Teodor" of "a boy named
    Teodor, whom everybody called Sparrow" and of "Teodor, nicknamed Sparrow"; "Robert Tanner" of "Robert Tanner,
    nicknamed Bob"): the capitalised words, one to four, ending with the comma right before "whom" or "nicknamed", or
    "called" where the name reads only as a nickname (`quoted_nickname`: 'Teodora Vasquez, called "Teddy", a
    safecracker'; not "The boy, Tom, called Jim, and they ran", where "called" is the verb), or "". "whom" may stand
    after a clause set apart that names no one and nothing it could be said of ("Edmund" of "a boy called Edmund, born
    in 1931, whom everybody called Ted") or that describes it (`_apposition`: "Elizabeth, the cleverest, whom"); not
    after a noun a verb or preposition leads to ("Jack, the miller's son, sold the cow to a butcher, whom everybody
    called Bully": the butcher). `_nicknamed` keeps it only where the story has it as a person. 'The ship's AI, called
    "HALCYON", a machine': after a determiner or an owner the word set apart is a thing's, not a name."""
    words = text[max(0, start - _OWNER_REACH) : start].split()
    said = words[-1].lower() if words else ""
    if (
        (said == "nicknamed" or (said == "called" and quoted_nickname))
        and len(words) > 1
        and (name := _set_apart_name(words[:-1]))
    ):
        before = words[-len(name.split()) - 2 : -len(name.split()) - 1]
        if before and said == "called" and before[0].endswith(",") and before[0][:-1].isalpha() and before[0].islower():
            return ""  # "The captain, Ahab, called "Starbuck", the first mate": one set apart after a noun calls
        return "" if before and _role_owner(before[0]) else name
    whom = [i for i in range(max(0, len(words) - _CALLED_REACH), len(words) - 1) if words[i] == "whom"]
    if not whom:
        return ""
    before = words[: whom[-1]]
    if name := _set_apart_name(before):
        return name
    for end in range(len(before) - 1, max(0, len(before) - _CLAUSE_WORDS) - 1, -1):
        if before[end - 1].endswith(","):
            clause = before[end:]
            no_one = all(_says_no_one(w, lists) for w in clause)
            return _set_apart_name(before[:end]) if no_one or _apposition(clause) else ""
    return ""


def _apposition(clause: list[str]) -> bool:
    """Whether a clause set apart between a name and "whom" describes that name: a determiner, then words in lowercase
    with no comma among them ("Elizabeth, the cleverest, whom", "Jack, the miller's son, whom"): "whom" is the name's,
    as after "born in 1931". No preposition in it: "whom" may be said of the noun after one ("Hansel, the brother of
    the girl, whom the witch called Gretel": the girl; "sold the cow to a butcher,": the butcher)."""
    words = [word.rstrip(",").removesuffix("'s").removesuffix("’s") for word in clause]
    return (
        clause[-1].endswith(",")
        and all(not word.endswith(",") for word in clause[:-1])
        and words[0] in _DETERMINERS
        and all(word.isalpha() and word.islower() and word not in PREPOSITIONS for word in words[1:])
    )


_CLAUSE_WORDS = 5
"""Words of a clause set apart between a name and "whom" ("born in 1931")."""


def _set_apart_name(words: list[str]) -> str:
    """The capitalised words, one to four, that end `words` with a comma ("Robert Tanner" of "The captain, Robert
    Tanner,"), or ""."""
    if not words or not words[-1].endswith(",") or not _OWNER_WORD.fullmatch(words[-1][:-1]):
        return ""
    run = [words[-1][:-1]]
    while len(run) < len(words) and len(run) < 4 and _OWNER_WORD.fullmatch(words[-len(run) - 1]):
        run.insert(0, words[-len(run) - 1])
    return " ".join(run)


def _says_no_one(word: str, lists: _WordLists) -> bool:
    """Whether a word of a clause between a name and "whom" cannot be what "whom" is said of: a number, or a word in
    lowercase that is no determiner, possessive nor word for a person or thing ("born", "in", "1931")."""
    word = word.rstrip(",")
    if word.isdigit():
        return True
    return word.isalpha() and word.islower() and word not in _DETERMINERS and _kind(word, lists) is None


def _short_for(text: str, start: int, lists: _WordLists) -> str:
    """The name, one to four capitalised words, set apart right before the name at `start` that is said to be short
    for it ("Alexander" of "Alexander, Sandy for short"), or ""."""
    return _owner_before(text, start - 2, lists) if text[start - 2 : start] == ", " else ""


def _owner_before(text: str, end: int, lists: _WordLists) -> str:
    """The capitalised words of a name right before `end`, one to four, and a body's before them and "of" ("Institute
    of Technology" of "the Massachusetts Institute of Technology, MIT for short"): "Technology" alone was read as a name
    someone has, and MIT made a person. Only words of the language on either side of "of", none for a person: not
    "Katherine of Aragon, known as Catalina" nor "Duke of Wellington", whose nickname stands before the last word."""
    run, words = _capitalised_before(text, end, 4)
    if (
        run
        and len(words) > len(run) + 1
        and words[-len(run) - 1] == "of"
        and _OWNER_WORD.fullmatch(before := words[-len(run) - 2])
        and _kind(before, lists) != "person"
        and all(_is_sentence_word(word) for word in [before, *run])
    ):
        run = [before, "of", *run]
    return " ".join(run)


def _capitalised_before(text: str, end: int, most: int) -> tuple[list[str], list[str]]:
    """The capitalised words of a name right before `end`, at most `most`, and the words within _OWNER_REACH before
    `end` they were read from (less a word the reach cut through)."""
    begin = max(0, end - _OWNER_REACH)
    words = text[begin:end].split()[1 if begin else 0 :]
    run: list[str] = []
    for word in reversed(words):
        if not _OWNER_WORD.fullmatch(word) or len(run) == most:
            break
        run.insert(0, word)
    return run, words


_NICKNAME_MARKS = {"(": ")", '"': '"', "“": "”"}
"""The marks a nickname is written within, between a given name and a surname: 'Robert (Bobby) Tanner'."""
_SURNAME = re.compile(_NAME_WORD)


def _written_nickname_owner(text: str, start: int, end: int) -> str:
    """The full name a nickname is written within ("Robert Tanner" of "Robert (Bobby) Tanner"): the capitalised words
    right before its opening mark, one to three, and the one right after its closing mark; "" if it is not one."""
    if start < 2 or text[start - 2] != " " or _NICKNAME_MARKS.get(text[start - 1]) != text[end : end + 1]:
        return ""
    if text[end + 1 : end + 2] != " " or (surname := _SURNAME.match(text, end + 2, end + 2 + _OWNER_REACH)) is None:
        return ""
    given, words = _capitalised_before(text, start - 2, 3)
    if len(given) < len(words) and words[-len(given) - 1].lower() in PREPOSITIONS:
        return ""  # "to Paris (France) Then": a place's
    return " ".join([*given, surname.group()]) if given else ""


def _with_full_name(name: str, full: str) -> str:
    """A name someone is known by, within the full name they are introduced with, as English writes a nickname:
    'Iolanthe "Lanthe" Vasquez-Mbeki', 'Captain Elena "Lena" Voss'; the name alone when it is a word of the full one."""
    if not full or any(word in full.split() for word in name.split()):
        return name
    return _with_nicknames([name], full)


def _with_nicknames(names: list[str], full: str) -> str:
    """Names someone is known by, each within quotes, between their given names and surname: 'Elena "Lena" "Lenka"
    Voss'; after a name of one word: 'Teodor "Sparrow"'."""
    if " " not in full:
        return " ".join([full, *(f'"{name}"' for name in names)])
    *given, surname = full.split()
    return " ".join([*given, *(f'"{name}"' for name in names), surname])


def _nicknamed(
    people: list[tuple[str, int]], evidence: dict[str, _Evidence], mentions: dict[str, int]
) -> list[tuple[str, int, int]]:
    """(name shown, where introduced, mentions) of each person, one known by other names within their full name: the
    names known of one full name ("Elena Voss, known as Lena [...] Elena Voss, known as Lenka"), that full name if the
    story has it as a person ("Elena Voss said"), and a word of it alone that no other name holds ("Robert (Bobby)
    Tanner [...] Tanner said") are one person, introduced where any is first, and mentioned by all."""
    chosen = {name for name, _ in people}
    owners = {name: _owner(evidence[name].full_name, chosen, evidence[name].written_within) for name, _ in people}
    said = _nicknames_with_surnames(people, evidence)  # "Bobby Sandoval": "Bobby", of 'Robert "Bobby" Sandoval'
    owners |= {name: full for name, (_, full) in said.items()}
    nickname = {name: said[name][0] if name in said else name for name in chosen}  # what a name says it is known as
    # Two names each known as the other ("Diana Prince, known as Wonder Woman"), or a chain, stay apart, as written.
    crossed = {name for name, owner in owners.items() if owner and owners.get(owner) == name}
    nicknames_of: dict[str, list[str]] = {}
    for name, _ in people:
        full = owners[name]
        if full and name not in crossed and _with_full_name(nickname[name], full) != nickname[name]:
            nicknames_of.setdefault(full, []).append(name)
    joined = {name: [name] for name in chosen}
    shown = {name: name for name in chosen}
    full_of: dict[str, str] = {}  # the full name of each person shown with a nickname in it
    for full, found in nicknames_of.items():
        names = [name for name in found if name not in nicknames_of]
        if not names:
            continue
        head = full if full in chosen else names[0]
        joined[head] = [head, *(name for name in names if name != head)]
        shown[head] = _with_nicknames([nickname[name] for name in names], full)
        full_of[head] = full
    merged = {name for head in full_of for name in joined[head][1:]}
    holders = Counter(word for full in {*full_of.values(), *(n for n in chosen if " " in n)} for word in full.split())
    part_of = {
        word: name
        for name, full in full_of.items()
        for word in full.split()
        if word in chosen and holders[word] == 1 and word not in full_of and word not in merged
    }
    for part, name in part_of.items():
        joined[name].append(part)
    merged |= part_of.keys()
    for name, full in full_of.items():
        given = " ".join(full.split()[:-1])  # "Lieutenant Robert", the run a written nickname broke off its surname
        if " " in given and given in chosen and given not in full_of and given not in merged:
            joined[name].append(given)
            merged.add(given)
    introduced = dict(people)
    return [
        (shown[name], min(introduced[n] for n in joined[name]), sum(mentions[n] for n in joined[name]))
        for name, _ in people
        if name not in merged
    ]


def _nicknames_with_surnames(
    people: list[tuple[str, int]], evidence: dict[str, _Evidence]
) -> dict[str, tuple[str, str]]:
    """Each person found by a nickname and a surname ("Bobby Sandoval") whose nickname is written within a full name
    ending in that surname ('Lieutenant Robert "Bobby" Sandoval'): (the nickname, that full name). They were two
    people, "Lieutenant Robert" and "Bobby Sandoval"."""
    found: dict[str, tuple[str, str]] = {}
    for name, _ in people:
        words = name.split()
        alone = evidence.get(words[0]) if len(words) == 2 else None
        if alone is not None and alone.written_within and alone.full_name.split()[-1:] == words[-1:]:
            found[name] = (words[0], alone.full_name)
    return found


def _unowned_nicknames(people: list[tuple[str, int]], evidence: dict[str, _Evidence]) -> list[str]:
    """The people found as what others call a name of two words or more set apart before them that no person of the
    story ends with ("Babylon" of "Port Royal, nicknamed Babylon"; "RAF" of "the Royal Air Force, RAF for short"). A
    name of one word is a person's, a place's seldom, and a story often says it only there ("His sons, Robert,
    nicknamed Bob, and William, nicknamed Bill": Bill is someone, if no "William" of the story is)."""
    chosen = {name for name, _ in people}
    return [
        name
        for name in chosen
        if evidence[name].nicknamed
        and not evidence[name].nickname_described
        and " " in (owner := evidence[name].full_name)
        and not any(person.endswith(" " + owner) for person in chosen)
        and not _person_ending(owner, chosen - {name})  # the owner itself, or its ending, a person
    ]


def _without_nicknaming(found: _Evidence) -> _Evidence:
    """What the story says of a name less its mentions as what others call a name set apart before it."""
    return replace(
        found,
        person=found.person - 2 * found.nicknamed,
        named=found.named - found.nicknamed,
        nicknamed=0,
        full_name=found.full_name if found.written_within else "",
    )


def _person_ending(full: str, people: set[str]) -> str:
    """The longest ending of the capitalised words `full` that is a person of the story ("Captain Elena Voss" of "Then
    Captain Elena Voss"), its last word only after stop words ("Teodor" of "Then Teodor", "When Pavel": words of no
    meaning of their own run into it; not any word of the language: "Anna Kowalski" is no "Kowalski", "Port Arthur"
    no "Arthur"), or "": a sentence's opening word runs into the name after it."""
    words = full.split()
    longer = (" ".join(words[i:]) for i in range(len(words) - 1))
    found = next((ending for ending in longer if ending in people), "")
    if found or not words or words[-1] not in people:
        return found
    stop = _word_lists().stop
    return words[-1] if all(word.lower() in stop for word in words[:-1]) else ""


def _owner(full: str, people: set[str], written_within: bool) -> str:
    """The full name of the capitalised words before "known ... as": their longest ending that is a person of the story
    ("Captain Elena Voss" of "Then Captain Elena Voss"), else their longest of two words or more that opens with no
    word of the language ("Marcus Brown" of "Yesterday Marcus Brown"; not "The Colonel"), else their last two when
    the nickname is written within them ('Jack "Deacon" Pruett'), else ""."""
    words = full.split()
    chosen = _person_ending(full, people)
    if len(words) == 1 or chosen:
        return chosen  # "Teodor, whom everybody called Sparrow", "Then Teodor, whom"; not "Then, known as"
    endings = [" ".join(words[i:]) for i in range(len(words) - 1)]
    plain = next((ending for ending in endings if not _is_sentence_word(ending.split()[0].rstrip("."))), "")
    return plain or (endings[-1] if written_within and endings else "")


def _place_people_call(text: str, start: int, lists: _WordLists) -> bool:
    """Whether the words before a name are a place's word, a determiner and people who call it so ("a town the
    villagers called Blackwater"): the place is named, not the people ("a man the villagers called Ivan")."""
    words = text[max(0, start - _CALLER_REACH) : start].split()[-4:]
    return (
        len(words) == 4
        and words[1].lower() in _DETERMINERS
        and _kind(words[2], lists) == "person"
        and _kind(words[0].strip(_QUOTES), lists) == "thing"
    )


def _owned_role(preceding: list[str]) -> bool:
    """Whether the role before a name is someone's or "the" one ("her sister", "the bride's father"), not a
    vocative's ("mother, I'm so hungry") or a list's ("Giants, Elves")."""
    if len(preceding) < 2:
        return False
    owner = preceding[-2].lower()
    return owner in _ROLE_BEFORE or owner.endswith(("'s", "’s"))


_LIST_ENDS = frozenset({"and", "or"})
_LIST_REACH = 160
"""Characters before a name in which a list of names after a role stands ("The Bennet sisters, Jane, Elizabeth,")."""
_LIST_WORD = re.compile(_NAME_WORD)


def _listed_after_role(text: str, start: int, lists: _WordLists) -> bool:
    """Whether a name ends a list of names set apart after a plural role, past its first ("The Bennet sisters, Jane,
    Elizabeth, Mary, Kitty and Lydia") or after a colon ("his three sons: Brian, Conor and Fergus", past Brian,
    whom `_weigh` reads by the colon): the role says who each is, as it says who the first is; a list after no
    role ("Paris, Rome and Vienna") says nothing. Read back word by word within _LIST_REACH, so linear in the story."""
    reach = max(0, start - _LIST_REACH)
    words = text[reach:start].split()[1 if reach else 0 :]
    item_ends = bool(words) and words[-1] in _LIST_ENDS
    if item_ends:
        words.pop()
    items = 0
    while words:
        word = words.pop()
        bare = word.removesuffix(",")
        if _LIST_WORD.fullmatch(bare):
            if word.endswith(",") or item_ends:
                items, item_ends = items + 1, False  # "Jane,", or "Kitty" before "and"
            elif not items:
                return False  # a name's first words before any item's end: no list
            continue
        return items > 0 and word.endswith((",", ":")) and _plural_role(word[:-1], lists)
    return False


def _plural_role(role: str, lists: _WordLists) -> bool:
    """Whether a word is a role's plural that a list of names may follow ("sisters", "sons"): of the hand-kept words
    alone, not "rivals", "sponsors" (WordNet's), "finalists" (a cellist's ending), roles of companies and countries too
    ("The sponsors, Nike and Adidas", "The finalists, Brazil and Germany")."""
    return role.isalpha() and role.islower() and lemma(role) != role and lemma(role) in lists.person


_OPENING_QUOTES = ('"', "“", "‘", "'")


def _vocative(preceding: list[str]) -> bool:
    """Whether a role set apart before a name is someone spoken to: it opens a quotation or is set apart itself
    ('"Mother, Jack is here"', '"Thanks, buddy, Merry Christmas!"'), where "the captain, Elias Boone" says who."""
    return preceding[-1].startswith(_OPENING_QUOTES) or (len(preceding) > 1 and preceding[-2].endswith(","))


def _spoken_to(text: str, start: int, end: int) -> bool:
    """Whether a name opens a quotation, set apart: someone spoken to, and what follows is said to them, not of them
    ('"Margaret, the house is on fire!"', '"Tom, Harold's brother is at the door,"')."""
    return text[start - 1 : start] in _OPENING_QUOTES and text.startswith(",", end)


def _set_apart_role(described: str, text: str, end: int, lists: _WordLists) -> bool:
    """Whether a description ends at its head, a comma after it: a role set apart, said of a name opening a quotation
    ('"Jory, the blacksmith, has gone to Truro"'), where a sentence said to them goes on ('"Margaret, the house is on
    fire!"', '"Tom, Harold's brother is at the door,"')."""
    words = described.split()
    head = _described_head(words[:_DESCRIPTION_WORDS], lists)
    return head is not None and head[0] == words[-1] and text.startswith(",", end)


def _prayed_to(preceding: list[str]) -> bool:
    """Whether a preposition before a saint's name follows a verb of praying ("prayed to St Anthony"): a person."""
    return len(preceding) > 1 and lemma(preceding[-2].lower().strip(_QUOTES)) in PRAYER_VERBS


def _after_place(preceding: list[str]) -> bool:
    """Whether the words before a name end in a capitalised word after a preposition of place and a comma ("born in
    Lyon, France, the second of four children"): a place's place, whose description is about someone else."""
    return (
        len(preceding) > 1
        and preceding[-1][:1].isupper()
        and preceding[-1].endswith(",")
        and preceding[-2] in _PLACE_PREPOSITIONS  # not "In Vienna, Harry Lime is presumed dead": a scene, then who
        and preceding[-2] != "of"  # "the King of Ireland, Conn, the Hundred-Fighter"
    )


_NEXT_WORD = re.compile(r" ([a-z]+)\b")


def _acts(text: str, end: int, lists: _WordLists) -> bool:
    """Whether a word of the language other than a stop word follows a name ("Kestell warns"): a verb whose subject it
    is, where a place's place is followed by a mark or a stop word ("in Lyon, France, the second", "France in 1950")."""
    after = _NEXT_WORD.match(text, end, end + 40)
    return after is not None and after.group(1) not in lists.stop


def _described_kind(words: list[str], lists: _WordLists) -> str | None:
    """What a description says its name is."""
    head = _described_head(words, lists)
    return None if head is None else head[1]


_HEAD_ENDS = PREPOSITIONS | {"who", "whose", "whom", "that", "which", "and", "but"}
"""Words that end a description's head: "a rower whose career ended", "a haven for smugglers"."""


def _described_head(words: list[str], lists: _WordLists) -> tuple[str, str] | None:
    """(its head, what it says the name is) of a description: the last word of a kind before a preposition ("a
    country lad" is a lad, "a town of fishermen" a town), else the first after ("a very decent sort of place")."""
    head = next((i for i, word in enumerate(words) if word.lower() in _HEAD_ENDS), len(words))
    before = [(word, kind) for word in words[:head] if (kind := _role_kind(word, lists)) is not None]
    if before:
        return before[-1]
    # After the head, the hand-kept lists' words alone: "Tortuga was a haven for smugglers" is no smuggler.
    return next(((word, kind) for word in words[head:] if (kind := _kind(word, lists)) is not None), None)


def described_head(description: str) -> tuple[str, str] | None:
    """(its head, "person" or "thing") of a description after its article ("nervous dental hygienist from Leeds"), read
    as the finder reads one after a name: for bot.core.job_asked, which reads what someone does."""
    return _described_head(description.split()[:_DESCRIPTION_WORDS], _word_lists())


def person_nouns() -> frozenset[str]:
    """WordNet's nouns for kinds of people that name no kind of thing with names of its own (person_nouns.txt:
    "supervisor", "tutor")."""
    return _word_lists().wordnet_person


@cache
def kinds_of_people() -> frozenset[str]:
    """Every word for a kind of people: WordNet's (person_nouns) and the hand-kept list's (person_words.txt, its
    titles and kin among them: "queen", "giant", "maiden", which WordNet's leaves out as naming things too), folded;
    joined once, not at each question that asks it."""
    return person_nouns() | _word_lists().person


def place_words() -> frozenset[str]:
    """The words saying a name is a place's or a thing's, never a person's (place_words.txt: "town", "ship", "monday",
    "december"), folded."""
    return _word_lists().place


def kin_words() -> frozenset[str]:
    """The words for kin (person_words.txt's "kin:" lines: "brother", "wife"), folded."""
    return _word_lists().kin


def _noun_before(preceding: list[str]) -> tuple[str, bool]:
    """The word before the word before a name, as written, and whether it was "was" or the like, in which case
    it is the word before that: "the liner was called Hercules" (the liner is called so)."""
    noun = preceding[-2].strip(_QUOTES).rstrip(",") if len(preceding) > 1 else ""
    passive = noun.lower() in _BE and len(preceding) > 2
    if passive:
        noun = preceding[-3].strip(_QUOTES).rstrip(",")
    elif _is_age(noun.lower()) and len(preceding) > 3 and preceding[-3].lower() == "of":
        noun = preceding[-4].strip(_QUOTES).rstrip(",")  # "a boy of nineteen named Teodor": the boy is
    return noun, passive


_AGES = frozenset((*UNITS[1:], *TENS))


def _is_age(word: str) -> bool:
    """Whether a word is a number that says someone's age after "of" ("a boy of nineteen", "a man of 40")."""
    return word.isdigit() or word in _AGES


_QUOTED_BY = frozenset({"he", "she", "they"})
"""Who is said to be a quoted name to others ('To the crew he was "Dutchie"'); not "it", a thing's."""


def _quoted_name_words(text: str, start: int, end: int) -> list[str]:
    """The four words before the quotation marks a name stands in alone, where the last of them names it ('called
    "Teddy"', 'known as "Deacon"'), else none: the name's own mention, read as if written without them. Not after
    other words ('he said "Dutchie"', '"Tell Mother"'), which the marks set apart from the name."""
    if (
        text[start - 1 : start] not in ('"', "“")
        or text[end : end + 1] not in ('"', "”")
        or text[start - 2 : start - 1] != " "
    ):
        return []
    words = text[max(0, start - 61) : start - 1].rsplit(None, 4)[-4:]
    return words if words and words[-1].lower() in _CALLING | {"as"} | _ALIASES else []


def _quoted_as_someone(text: str, start: int, end: int) -> bool:
    """Whether a name stands in quotes alone right after "he was", "she is" ('To the crew he was "Dutchie"', 'to
    her pupils she was "Miss Fitz"'): what someone was called, not words said ('he said "Dutchie"')."""
    if text[start - 1 : start] not in ('"', "“") or text[end : end + 1] not in ('"', "”"):
        return False
    name = text[start:end]
    if name.isupper() or all(_is_common_word(word) for word in name.split()):
        return False  # 'he was "MIA"', 'she was "Missing"': a state, not a name
    words = text[max(0, start - 30) : start - 1].split()[-2:]
    return len(words) == 2 and words[0].lower() in _QUOTED_BY and words[1].lower() in ("was", "is")


def _kind(word: str, lists: _WordLists) -> str | None:
    """ "person", "thing" or None, for a word that describes a name ("musician", "ship")."""
    key = fold(word.strip("'’-"))
    singular = key[:-1] if key.endswith("s") else key
    if key in lists.person or singular in lists.person or singular.endswith(_PERSON_ENDINGS):
        return "person"
    if key in lists.place or singular in lists.place:
        return "thing"
    return None


def _role_kind(word: str, lists: _WordLists) -> str | None:
    """_kind of a word, as written, that describes a name ("the firefighter, Colin Braddock"): written in lowercase,
    it may also be any noun WordNet files under people. Not of a name's own words, which would make "Finn" (a Finn),
    "Tom" (a tomcat) and "Cinderella" (a woman unrecognised) roles, and so no one; nor of a capitalised word before a
    name ('"TEASE, TEASENS, TEASE"', a chant: a tease is a person)."""
    kind = _kind(word, lists)
    if kind is None and word.lower().endswith(_AGED):
        return "person"  # "a 12-year-old named Kevin"
    if kind is None and word[:1].islower():
        key = fold(word.strip("'’-"))
        if key in lists.wordnet_person or key.removesuffix("s") in lists.wordnet_person:
            return "person"
    return kind


def _people(
    evidence: dict[str, _Evidence], lists: _WordLists, lowercase_words: set[str], text: str
) -> list[tuple[str, int]]:
    """(name, where its intro stands in `text`, the story's passages joined) of the names that are people; a name
    within a longer one that is ("Benjamin" in "Benjamin Bunny", "Yamato" in "Prince Yamato") is that person."""
    chosen: dict[str, int] = {}
    surnames: dict[str, _Forms] = {}
    for name, found in evidence.items():
        if " " in name:
            surnames.setdefault(name.rsplit(" ", 1)[1], _Forms()).add(found)
    for name, found in evidence.items():
        if found.introduced_as_thing or (
            found.common and not _named_though_common(name, found, lists, lowercase_words)
        ):
            continue
        if (
            " " not in name
            and (not found.inside or found.mentions < 2)
            and _is_common_word(name)
            and not found.named
            and not _said_a_person(name, found, lists)
        ):
            continue  # "Indeed", "Thus" at a sentence's start; "Within" once, at a line of verse's
        if found.role and not found.named and (found.determined or not found.inside or found.mentions < 2):
            # "the Hunter", "Hunter" once: a role; "Hunter loves trains. His mother calls Hunter": a name, and so is
            # one introduced by name ("a girl named Piper", "his sons: Brian, Conor", Brian a role by his ending),
            # though a determiner stands before it elsewhere ("a twelve-year-old girl named Wren", "an elderly Wren")
            continue
        if found.person > found.thing and found.role:
            # "whom everybody called Sparrow", then "until Sparrow whispered": a word for a kind of person is a name
            # where first said, as the story repeats it (below); what says a person later is no introduction
            chosen[name] = min(w for w in (found.first_inside, found.first_opening, found.intro) if w >= 0)
        elif found.person > found.thing:
            chosen[name] = found.intro
        elif found.role and not found.thing and found.mentions >= 3 and 2 * found.placed < found.mentions:
            # "Wren lives with her grandmother. Wren rescues a boy. The boy thanks Wren.": repeated as a name is
            chosen[name] = min(w for w in (found.first_inside, found.first_opening) if w >= 0)
        elif (
            " " in name
            and not found.thing
            and not any(_kind(w, lists) == "thing" for w in name.split())
            and fold(name.rsplit(" ", 1)[-1]) not in INSTITUTIONS
        ):
            if found.inside >= 2 and found.gone_to < found.mentions:
                # A full name the story repeats: its protagonist, most likely, introduced where first named (the
                # sentence it opens, "Joe Doyle joined the IRA at seventeen.", came before any it stood within).
                chosen[name] = min(w for w in (found.first_inside, found.first_opening) if w >= 0)
            elif found.openings >= 2 and _opens_as_full_name(name):
                chosen[name] = found.first_opening  # "Ella Wheeler Wilcox" repeated, only ever opening a sentence
            elif (
                found.inside + found.openings >= 2 and (_regnal(name) or any(w in PARTICLES for w in name.split()))
            ) or (_INITIAL.fullmatch(name.split()[0]) and found.inside + found.openings):
                # "His assistant was Marie de la Tour. [...] Marie de la Tour did not say so.": a particle makes it
                # a full name, said twice as what a story repeats (where "in Rio de Janeiro" is a place), and so
                # does a king's number ("Henry VIII came to the throne. Henry VIII married"); initials make one said
                # once ("C. S. Lewis met J. R. R. Tolkien"; where "in W. H. Smith" is a shop)
                chosen[name] = min(w for w in (found.first_inside, found.first_opening) if w >= 0)
        if (
            name not in chosen
            and not found.thing
            and (where := _recurring_name(name, found, evidence, surnames, lists, lowercase_words)) >= 0
        ):
            chosen[name] = where
    for name in list(chosen):
        first, _, rest = name.partition(" ")
        if rest in chosen and not evidence[name].inside and _is_common_word(first):
            del chosen[name]  # "Thereupon Walter", only ever at a sentence's start, is Walter
    _with_full_names(chosen, evidence, lists)
    _with_given_names(chosen)
    _with_titled_full_names(chosen, text)
    _introduced_by_given_names(chosen, evidence, text)
    # Folded: "MR. McGREGOR", in Potter's capitals, is Mr. McGregor.
    within = {fold(part) for name in chosen for part in _shorter_runs(name.split())}
    return sorted(((n, w) for n, w in chosen.items() if fold(n) not in within), key=lambda item: item[1])


def _with_full_names(chosen: dict[str, int], evidence: dict[str, _Evidence], lists: _WordLists) -> None:
    """A person found by one name whose full name the story says too, unchosen (once, in passing: "Mara Lindqvist
    and her brother Tobias", then "Mara" throughout), is that full name, introduced where first said: a lookup by
    the full name found no one. Only where one full name starts so, with no evidence of a thing nor a thing's word
    ("Mara Street"), and no other person's name does; and one written as the name is ("Soren Kask", in a letter, may
    be another than "Søren")."""
    fuller = _started_by(evidence)
    taken = Counter(name.partition(" ")[0] for name in chosen)
    for name in [n for n in chosen if " " not in n and taken[n] == 1]:
        full = [n for n in fuller.get(fold(name), []) if n.count(" ") == 1 and n.partition(" ")[0] == name]
        if len(full) != 1 or full[0] in chosen:
            continue
        found = evidence[full[0]]
        last = full[0].split()[1]
        if found.thing or found.introduced_as_thing or found.common or _kind(last, lists) == "thing" or last == "I":
            continue  # (nor "Letiko I": "you have brought me back Letiko I will silver your tail")
        said = [where for where in (found.first_inside, found.first_opening, chosen[name]) if where >= 0]
        chosen[full[0]] = min(said)
        del chosen[name]


def _started_by(names: Iterable[str]) -> dict[str, list[str]]:
    """The names each run of a name's first words starts, by the run folded ("margaret": "Margaret Ashworth-Kerr";
    "far": "Far Rua"): where a shorter name may be a longer one's."""
    starting: dict[str, list[str]] = {}
    for name in names:
        parts = name.split()
        for size in range(1, len(parts)):
            starting.setdefault(fold(" ".join(parts[:size])), []).append(name)
    return starting


def _introduced_by_given_names(chosen: dict[str, int], evidence: dict[str, _Evidence], text: str) -> None:
    """A person's full name introduced where the story first says who they are by its first words, by a role or a
    description ("Harold's daughter, Margaret, whom she had never met", then "Margaret Ashworth-Kerr flew over"): the
    shorter name is theirs ("another giant, named Far Rua--some say", read as Far, is "his great foe, Far Rua"). Not
    where a description after the full name introduces it ("his daughter, Anna," then "Anna Berg, a land surveyor from
    Oslo": another Anna, or one told anew), nor where the given name was only said ('"How many guards?" asked
    Mireille'), which says nothing of who they are; and only where those words start one full name of the story's
    people. A given name said only as someone's kin, with nothing of its own after it ("his son, Tom, who was
    nineteen"), is the full name's only where the story named its family before ("Oskar Brandt, whose son Felix",
    then "Felix Brandt"): "Tom Reed came up from Lancaster" may be another Tom."""
    starting = _started_by(chosen)
    first_said: dict[str, int] | None = None
    for name in list(chosen):
        fuller = starting.get(fold(name), [])
        said_who = evidence[name].said_who
        if len(fuller) != 1 or not 0 <= said_who < chosen[fuller[0]] or evidence[fuller[0]].described_after >= 0:
            continue
        if evidence[name].described_after < 0:
            first_said = _first_said(text) if first_said is None else first_said
            full = evidence[fuller[0]]
            at = min(where for where in (full.first_inside, full.first_opening, chosen[fuller[0]]) if where >= 0)
            if not _family_named_before(fuller[0], at, first_said):
                continue
        chosen[fuller[0]] = said_who


_WORD = re.compile(r"\w+")


def _first_said(text: str) -> dict[str, int]:
    """Where each word of the text is first said: read once, where searching for each name would read it again."""
    first: dict[str, int] = {}
    for word in _WORD.finditer(text):
        first.setdefault(word.group(), word.start())
    return first


def _family_named_before(full: str, at: int, first_said: dict[str, int]) -> bool:
    """Whether a full name's surname, or a part of a hyphenated one, was said before `at`, where the full name first
    is ("Oskar Brandt, whose son Felix" before "Felix Brandt")."""
    return any(first_said.get(part, at) < at for part in _WORD.findall(full.rsplit(" ", 1)[-1]))


def _with_given_names(chosen: dict[str, int]) -> None:
    """A person named by an honorific and a surname with a particle ("Mr. von Hassel") is the one person named by a
    given name and that surname ("Ludwig von Hassel"), introduced where first said; a woman named by an honorific and
    a surname ("Mrs. Kelly") the one named by it, a given name and the surname ("Mrs. Frank Kelly"). Not "Mr. Hale"
    beside "Richard Hale" (a one-word surname is a family's), nor "Mr. Bunny" beside his son "Mr. Benjamin Bunny". A
    title other than an honorific names one person with a given name or without ("Judge Achebe" is "Judge Rosalind
    Achebe", "Sheriff Kettle" "Sheriff Amos Kettle", "Administrator Hale" "Administrator Corvin Hale"), as a woman's
    honorific does."""
    titles = _titles_of_roles()
    given: dict[str, list[str]] = {}
    for name in chosen:
        first, _, rest = name.partition(" ")
        honorific = fold(first).rstrip(".")
        if rest.partition(" ")[0] in PARTICLES and honorific not in HONORIFICS:
            given.setdefault(rest, []).append(name)
        elif " " in rest and (honorific in WOMEN_S_HONORIFICS or honorific in titles):
            given.setdefault(f"{first} {rest.rsplit(' ', 1)[1]}", []).append(name)
    for name in list(chosen):
        first, _, rest = name.partition(" ")
        if fold(first).rstrip(".") not in HONORIFICS | titles:
            continue
        full = given.get(rest) if rest.partition(" ")[0] in PARTICLES else given.get(name)
        if full is not None and len(full) == 1 and full[0] in chosen:
            chosen[full[0]] = min(chosen[full[0]], chosen.pop(name))


def _with_titled_full_names(chosen: dict[str, int], text: str) -> None:
    """A person named by a title and a surname ("Inspector Halda") is the one person named by a given name and that
    surname whom the story brings in with that title's word ("the inspector in charge, Viktor Halda"), introduced
    where first said: "who is halda" found two people. Not a surname more than one full name ends in, nor one the
    story brings in with no such word ("Captain Ashworth" beside "Harold Ashworth", perhaps his father). (One of the
    same title, "Inspector Tomas Halda", is the one, by _with_given_names, before.)"""
    titles = role_titles()
    full: dict[str, list[str]] = {}
    for name in chosen:
        words = name.split()
        if len(words) > 1 and fold(words[0]).rstrip(".") not in HONORIFICS | titles:
            full.setdefault(words[-1], []).append(name)
    for name in list(chosen):
        words = name.split()
        title = fold(words[0]).rstrip(".")
        if len(words) != 2 or title not in titles or len(full.get(words[1], ())) != 1:
            continue
        owner = full[words[1]][0]
        if title in _words_before(text, chosen[owner]):
            chosen[owner] = min(chosen[owner], chosen.pop(name))


_WORDS_BEFORE_CHARS = 60
"""How far before a name its sentence is read for a title's word: "the inspector in charge, Viktor Halda"."""


def _words_before(text: str, where: int) -> set[str]:
    """The folded words of the name's sentence within _WORDS_BEFORE_CHARS before `where`."""
    before = text[max(0, where - _WORDS_BEFORE_CHARS) : where]
    cut = max(before.rfind(". "), before.rfind("\n"), before.rfind("! "), before.rfind("? "))
    return {fold(word.strip(_WORD_MARKS)) for word in before[cut + 1 :].split()}


_WORD_MARKS = _QUOTES + ",;:.!?—–-"
"""What stands around a word in a sentence: "charge," is "charge"."""


@dataclass
class _Forms:
    """What the names a story says a person by tell together: for a full name, its own words alone and the full names
    ending in its surname. Summed once per surname, so each name's count costs the same however many share it."""

    flagged: int = 0
    """Forms with evidence of a thing, or the story's lowercase words."""
    said: int = 0
    placed: int = 0
    mentions: int = 0
    first: int = -1
    """Where the first of them stands within its sentences or opening one, if any does."""

    def add(self, found: _Evidence) -> None:
        self.flagged += found.thing > 0 or found.introduced_as_thing or found.common
        self.said += found.inside + found.openings
        self.placed += found.placed
        self.mentions += found.mentions
        for where in (found.first_inside, found.first_opening):
            if where >= 0 and (self.first < 0 or where < self.first):
                self.first = where


def _recurring_name(
    name: str,
    found: _Evidence,
    evidence: dict[str, _Evidence],
    surnames: dict[str, _Forms],
    lists: _WordLists,
    lowercase_words: set[str],
) -> int:
    """Where a name that names nothing but a person first stands, if the story says it at least three times within
    its sentences or opening its narration's (by it or, for a full name, by a word of it alone or by another full name
    ending in its surname), with no evidence of a place; else -1. "Tobias" ("her brother Tobias couldn't", "but
    Tobias painted"), "Priya Nair" ("Priya fixed the printer"), "Margaret Whitcombe" (Mr. Whitcombe's wife): names
    of every language, which the dictionary does not know; and "Ellen", "Ellen Hayes", which it knows as it knows
    "Paris", and which WordNet gives no sense but a person's, or mostly particular people's ("James"; thing_names.txt).
    A name of words the dictionary knows may hold none WordNet writes capitalised as something else more than as
    particular people ("France", "Sunday", "German", "Oscar": _names_no_thing);
    a full name's other word may be a given name ("Margaret"). None may be a word of the language ("Will", "New
    York"), but a full name's given name the story says alone and never in lowercase ("Billy Oakes", "Walter Kell"; a
    billy is a club: _given_though_a_word)."""
    words = name.split()
    if (
        len(set(words)) != len(words)
        or len(words) > 2
        or any(
            _is_sentence_word(word)
            and (i == len(words) - 1 or not _given_though_a_word(word, evidence, lowercase_words))
            for i, word in enumerate(words)
        )
        or (all(map(_is_common_word, words)) and not all(_names_no_thing(word, lists) for word in words))
    ):
        return -1
    forms = _Forms()
    forms.add(found)
    if len(words) == 2:
        # every full name ending in the surname, this one among them, and the name's words said alone
        forms = replace(surnames[words[-1]])
        for word in words:
            if word in evidence:
                forms.add(evidence[word])
    if forms.flagged or forms.said < 3 or 2 * forms.placed >= forms.mentions:
        return -1
    own = [where for where in (found.first_inside, found.first_opening) if where >= 0]
    return min(own) if own else forms.first


def _given_though_a_word(word: str, evidence: dict[str, _Evidence], lowercase_words: set[str]) -> bool:
    """Whether a word of the language ("Billy", a club) is a given name in this story: it says it alone within its
    sentences, where the capital is the name's own ("Under pressure, Billy confesses"), and never in lowercase. A word
    opening a sentence before a surname ("Meanwhile Calder", "Furious Brody"), a rank ("Private Haskell") or a kind
    ("Operation Barbarossa") is said alone nowhere, or only after a determiner ("a Private")."""
    alone = evidence.get(word)
    return alone is not None and alone.inside > alone.determined and word.lower() not in lowercase_words


def _names_no_thing(word: str, lists: _WordLists) -> bool:
    """Whether a word the dictionary knows names nothing WordNet writes capitalised but a person, or mostly particular
    people ("James", a river too: thing_names.txt), and no part of it is
    many of a people or of a kind of person ("Nazis", "Anglo-Saxons": a Nazi and a Saxon, a people's; "Vikings", a
    kind of person), where "Matthews" and "Jean-Pierre" are names whose parts are a book's and a city's too; and it is
    no contraction, which is what a word with an apostrophe that the dictionary knows is ("I'll", "I'm"). A name no
    dictionary knows is taken on the story's evidence alone, as "Microsoft" or "Boeing" would be."""
    key = fold(word)
    if "'" in key or "’" in key or key in lists.thing_names:
        return False
    for part in word.split("-"):
        one = fold(lemma(part))
        if one != fold(part) and (one in lists.peoples or one in lists.wordnet_person):
            return False
    return True


def _named_though_common(name: str, found: _Evidence, lists: _WordLists, lowercase_words: set[str]) -> bool:
    """Whether a name of words the story also writes in lowercase is a person's all the same: something is called by
    it ("a grey cat named Pepper"), or it is more than one word, capitalised within sentences more than once, and not
    words the story writes in lowercase, ending in what they describe ("Tom Kitten", "Mrs. Rabbit", "Little Boy Blue";
    not "the High King", "a great Grey Bird")."""
    if found.named:
        return True
    words = name.split()
    if len(words) < 2 or found.inside < 2:
        return False
    return _kind(words[-1], lists) != "person" or any(word.lower() not in lowercase_words for word in words)


def _shorter_runs(words: list[str]) -> Iterator[str]:
    """Every run of consecutive words of a name, shorter than it ("Prince Yamato Take": "Prince",
    "Yamato", "Take", "Prince Yamato", "Yamato Take")."""
    for size in range(1, len(words)):
        for first in range(len(words) - size + 1):
            yield " ".join(words[first : first + size])


def _count_mentions(runs: Counter[str], names: list[str]) -> dict[str, int]:
    """Mentions by full name, or by first name or surname alone unless two people share it, counted
    over the distinct runs of capitalised words ("Prince Yamato Take" mentions "Prince Yamato")."""
    word_owners = Counter(w for name in names for w in set(name.split()))
    form_owner = {w: name for name in names for w in name.split() if word_owners[w] == 1}
    form_owner |= {name: name for name in names}
    counts = dict.fromkeys(names, 0)
    for run, times in runs.items():
        owner = form_owner.get(run)
        if owner is not None:  # most runs: a name or a form of one, whole
            counts[owner] += times
            continue
        words = run.split()
        at = 0
        owners: set[str] = set()  # "Sir Aldous" is one mention of Sir Aldous Penhallow, "Sir" and "Aldous" both his
        while at < len(words):
            size = next((n for n in range(len(words) - at, 0, -1) if " ".join(words[at : at + n]) in form_owner), 0)
            if size:
                owners.add(form_owner[" ".join(words[at : at + size])])
            at += size or 1
        for owner in owners:
            counts[owner] += times
    return counts


@dataclass(frozen=True)
class _Sentences:
    """A passage's sentences, read once for all the people introduced in it, as one sentence of thousands of names
    has thousands of people: where INSIDE_WORDS stood, and each sentence's (start, end) with the starts apart."""

    dropped: list[int]
    spans: list[tuple[int, int]]
    starts: list[int]


def _sentences_of(text: str) -> _Sentences:
    """A passage's sentences, and where the INSIDE_WORDS that reading it took out stood."""
    dropped = [at - taken for taken, at in enumerate(m.start() for m in _INSIDE_WORD.finditer(text))]
    spans = sentence_spans(text)
    return _Sentences(dropped, spans, [start for start, _ in spans])


def _found(
    name: str,
    where: int,
    mentions: int,
    texts: list[str],
    read: list[str],
    starts: list[int],
    sentences: dict[int, _Sentences],
) -> FoundPerson:
    """`name`, introduced at `where` in the passages `read` (`texts` without INSIDE_WORDS) joined: the intro is the
    sentence of `texts` as written; `sentences` keeps each passage's sentences, read when first asked for."""
    passage = bisect.bisect_right(starts, where) - 1
    text, offset = texts[passage], where - starts[passage]
    if passage not in sentences:
        sentences[passage] = _sentences_of(text)
    read_once = sentences[passage]
    if read[passage] is not text:  # back to where it stands with the characters taken out
        offset += bisect.bisect_right(read_once.dropped, offset)
    here = bisect.bisect_right(read_once.starts, offset) - 1
    if here < 0 or offset >= read_once.spans[here][1]:
        return FoundPerson(name, text, passage, mentions)
    start, end = read_once.spans[here]
    return FoundPerson(name, text[start:end], passage, mentions)


_INSIDE_WORD = re.compile(f"[{INSIDE_WORDS}]")
_LOWERCASE_WORD = re.compile(r"\b[a-z][a-z'’]*\b")
# ASCII characters other than letters, digits, "_" and "'" become spaces; other bytes (of UTF-8 letters,
# curly quotes, dashes) stay, so a run between separators holds whole words.
_ASCII_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'")
_ASCII_SEPARATOR_BYTES = bytes(c if c in _ASCII_WORD_BYTES or c >= 128 else ord(" ") for c in range(256))


def _lowercase_words(texts: list[str]) -> set[str]:
    """Every word written in lowercase letters: such a word ("grace", "may") is no name in this story.

    The text's UTF-8 bytes are cut at ASCII separators in one pass of C; the distinct runs that are
    plain lowercase ASCII words (most of them) are taken whole, and only the rest go through the
    pattern: the same set as the pattern over all the text (a run's ends stand next to separators,
    where the pattern's word boundaries fall too), several times faster.
    """
    joined = joined_archaic("\n\n".join(texts)).encode("utf-8", "surrogatepass").translate(_ASCII_SEPARATOR_BYTES)
    return set(chain.from_iterable(map(lowercase_words_in, set(joined.split()))))


def lowercase_words_in(run: bytes) -> list[str]:
    """The lowercase words of a run of UTF-8 bytes between ASCII characters other than letters, digits,
    "_" and "'" (a piece of analysis.word_pieces): the pattern's, or the run itself when it is a
    plain lowercase ASCII word. A word holding one of INSIDE_WORDS is read whole, without it."""
    if run.isalpha() and run.islower():  # bytes: ASCII letters only
        return [run.decode("ascii")]
    return _LOWERCASE_WORD.findall(without_inside_words(run.decode("utf-8", "surrogatepass")))
