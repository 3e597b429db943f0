"""A loaded corpus, ready to answer: corpus -> passages -> index -> re-ranking -> answer."""

from __future__ import annotations

import bisect
import contextlib
import copy
import dataclasses
import functools
import logging
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import NamedTuple, TypeVar

from bot.core.age_asked import age_told
from bot.core.analysis import Analyzer, fold, is_dictionary_word, normalize_word, words
from bot.core.answer import Answer, Hit, NoAnswer
from bot.core.answer_sentences import SentenceModel
from bot.core.build import build_parts, parts_of_corpus
from bot.core.corpus import Corpus, Passage
from bot.core.death_asked import death_asked, death_told
from bot.core.ending_asked import asks_for_ending, ending_words_at
from bot.core.excerpt import EXCERPT_CHARS, closing, leading_with, make_excerpt
from bot.core.fate_asked import fate_asked, fate_told, owner_asked
from bot.core.index import DEFAULT_PARAMS, BM25Params
from bot.core.index_cache import IndexClaim
from bot.core.index_damage import IndexDamage, IndexDamaged
from bot.core.index_notes import IndexEvent, IndexNote
from bot.core.introductions import (
    Introduction,
    as_asked,
    lead_of,
    person_introduced,
    person_named_alone,
    relative_named,
    role_held,
)
from bot.core.invisible_characters import plain_question
from bot.core.job_asked import job_told
from bot.core.killer_asked import killer_asked, killer_told
from bot.core.kin_asked import MEN, WOMEN, introduces_as_kin
from bot.core.kind_asked import doers_of, kind_asked, kind_told, kinds_of, verbs_in_turn
from bot.core.library_parts import LibraryParts
from bot.core.library_terms import LibraryTerms
from bot.core.named_kind_asked import (
    named_kind_asked,
    named_kind_told,
    names_typed,
    role_typed,
)
from bot.core.named_thing_asked import (
    abbreviated,
    named_thing_asked,
    named_thing_told,
    thing_named,
    things_named,
    unowned_thing_asked,
)
from bot.core.number_forms import NumberForms
from bot.core.origin_asked import origin_told
from bot.core.people import Person
from bot.core.people_finder import kinds_of_people, person_nouns
from bot.core.place_asked import PlaceAsked, place_asked, place_told
from bot.core.pronoun_asked import PRONOUNS, pronouns_of, pronouns_read
from bot.core.query import (
    Correction,
    PersonFact,
    PronounReading,
    Query,
    answer_kind,
    focus_word,
    form_words_at,
    name_asked,
    person_fact_asked,
    question_word_read,
)
from bot.core.related_stand_ins import stand_ins
from bot.core.related_words import bundled_related_words
from bot.core.rerank.candidate import AnalysedPassage, Candidate, RankingContext
from bot.core.rerank.model import RERANK_DEPTH, Reranker
from bot.core.role_asked import role_in_name
from bot.core.saved_index import IndexStore
from bot.core.setting_asked import opening_sentence, setting_asked, setting_sentence
from bot.core.slips import bare_word, slip_of_any
from bot.core.spelling import is_code
from bot.core.spouse_asked import sex_of
from bot.core.story_mentions import MentionFinder
from bot.core.story_names import StoryFinder
from bot.core.study_asked import study_asked, study_told
from bot.core.tie_asked import pronouns_kept, tie_asked, tie_told
from bot.core.word_break import WordBreaker
from bot.core.work_words import WHOLE_WORKS

log = logging.getLogger(__name__)
Read = TypeVar("Read")
Key = TypeVar("Key", bound=Hashable)
FactFinder = Callable[[Sequence[str], str, Sequence[str]], tuple[int, str] | None]
"""Where a story's passages (texts) first tell something of a person (name, the story's other people): which passage
and the sentence."""
_FACT_FINDERS: dict[PersonFact, FactFinder] = {
    "job": job_told,
    "earlier job": functools.partial(job_told, earlier=True),
    "age": age_told,
    "origin": origin_told,
}
"""What finds each fact a question asks of a person (bot.core.query.person_fact_asked) in their story."""

MAX_QUESTION_CHARS = 1000
ALTERNATIVES = 3
# A passage answers only if it holds question terms carrying this share of the question's
# weight (words found nowhere in the stories count at the highest weight), so "who won the world
# cup" is not answered with the one passage that says "won".
MIN_MATCH = 0.25
NAMED_STORIES = 3
"""At most this many stories a question names (by a person or a title) add their best passages to the candidates."""
NAMED_PASSAGES = 5
"""How many of each named story's best passages join the candidates, if BM25 did not already pick them."""
ANALYSED_PASSAGES_KEPT = 4096
THINGS_NAMED_KEPT = 256
"""How many stories' namings of a thing asked (StoryLibrary._thing_named) are kept: each reads a whole story."""
PLACES_TOLD_KEPT = 256
"""How many names' tellings of what or where they are (StoryLibrary._place_told) are kept: each reads the passages
holding the name's words."""
SETTINGS_TOLD_KEPT = 256
"""How many stories' tellings of their setting (StoryLibrary._setting_told) are kept: each reads the passages holding
"set" or "place"."""
MAX_RESULTS = 100
"""Results a question pages through (More results, a click each). Ranking down to a result analyses every candidate
before it, and a button's offset is what its custom_id says: a forged 9,999,999 ranked every passage that matched
("the king and the queen" over 37,870 FairytaleQA passages: 1.37 s of CPU a click, against 3 ms at offset 10)."""


class Lead(NamedTuple):
    """The passage a rule puts first and the sentence its excerpt leads with: a person's introduction, or where a
    story names the thing asked."""

    passage: int
    sentence: str


class StoryLibrary:
    excerpt_chars = EXCERPT_CHARS
    """How long an answer's excerpt may be (`eval --excerpt-chars` measures other lengths)."""

    def __init__(
        self,
        corpus: Corpus,
        analyzer: Analyzer | None = None,
        params: BM25Params = DEFAULT_PARAMS,
        min_match: float = MIN_MATCH,
        *,
        reranker: Reranker | None = None,
    ):
        """Analyses a corpus held in memory (a benchmark's, an evaluation's); `load` opens a folder."""
        analyzer = analyzer or Analyzer()
        self._assemble(parts_of_corpus(corpus, analyzer, params), analyzer, min_match, reranker, opened=False)

    @classmethod
    def from_parts(
        cls,
        parts: LibraryParts,
        analyzer: Analyzer,
        min_match: float = MIN_MATCH,
        reranker: Reranker | None = None,
        *,
        opened: bool = False,
    ) -> StoryLibrary:
        """A library of parts built in worker processes, or `opened` from a saved index."""
        library = cls.__new__(cls)
        library._assemble(parts, analyzer, min_match, reranker, opened=opened)
        return library

    def _assemble(
        self, parts: LibraryParts, analyzer: Analyzer, min_match: float, reranker: Reranker | None, opened: bool
    ) -> None:
        self.corpus, self.index, self.story_index = parts.corpus, parts.index, parts.story_index
        self.person_finder, self.speller = parts.person_finder, parts.speller
        self.fingerprints = parts.fingerprints
        """Each story's digest, to tell what a reload changed (bot.core.corpus_diff)."""
        self.analyzer, self.min_match = analyzer, min_match
        self.opened = opened
        """Whether it came from a saved index, rather than from reading the stories."""
        self.index_notes: tuple[IndexNote, ...] = ()
        """What went wrong with the saved index when this library was loaded (it was then built)."""
        self.index_claim: IndexClaim | None = None
        """Its saved index, in use while the library lives (bot.core.index_cache)."""
        self._files = parts.files
        self.damage: IndexDamage | None = None
        """Set once its saved index is found damaged: from then on every question is told so."""
        self._on_damage: list[Callable[[IndexDamage], object]] = []
        analyzer.terms("warming")  # loads the lemma dictionary now, not during the first question
        self.reranker = reranker if reranker is not None else Reranker()
        self.story_finder = parts.story_finder or StoryFinder(self.corpus.stories)
        self.mention_finder = (
            parts.mentions
            if parts.mentions is not None and parts.mentions.analyzer.signature == analyzer.signature
            else MentionFinder(self.corpus.stories, self.person_finder.named(), analyzer)
        )
        self._analysed: OrderedDict[int, AnalysedPassage] = OrderedDict()
        self._terms = LibraryTerms(analyzer, self.speller)
        self._facts: dict[tuple[str, str, PersonFact], tuple[int, str] | None] = {}
        """Where each person's story tells what a question asks of them (_told_at), by story, name and what is asked
        ("job", "earlier job", "age", "origin"): a question's answer looks it up once to rank and once to show, and
        each reads a story's whole text (at most four entries a person)."""
        self._kinds: dict[tuple[str, str, str, frozenset[str]], tuple[int, str] | None] = {}
        """Where each person's story names a kind of a noun with them (kind_told), by story, name, noun and the verbs
        asked with: read once to rank and once to show (at most an entry a person, noun of kind_words.txt and verb of
        HAVING_VERBS)."""
        self._named_things: dict[tuple[str, str, str], tuple[int, str] | None] = {}
        """Where each person's story names a thing of theirs with its name (named_thing_told), by story, name and the
        noun asked: read once to rank and once to show; kept only for nouns with kinds WordNet knows (kinds_of), a
        bounded list, not for any word a question may type."""
        self._studies: dict[tuple[str, str, bool, bool], tuple[int, str] | None] = {}
        """Where each person's story tells where they studied, or who taught them (study_told), by story, name,
        whether a teacher is asked and whether their training: read once to rank and once to show (at most three
        entries a person)."""
        self._deaths: dict[tuple[str, str, bool, bool, bool], tuple[int, str] | None] = {}
        """Where each person's story tells their death (death_told), by story, name and the question's form (what
        happens to them, whether or when they died): read once to rank and once to show (at most four entries a
        person)."""
        self._killers: dict[tuple[str, str, str], tuple[int, str] | None] = {}
        """Where each person's story names their killer (killer_told), by story, name and the verb asked where it tells
        no death ("shoot"): read once to rank and once to show (at most four entries a person)."""
        self._fates: dict[tuple[str, str, bool], tuple[int, str] | None] = {}
        """Where each person's story tells what becomes of them (fate_told), by story, name and whether the end is
        asked: read once to rank and once to show (at most two entries a person). One asked after an event is read
        each time: any words may name the event."""
        self._ties: dict[tuple[str, str, str, bool, bool], tuple[int, str] | None] = {}
        """Where each pair of people's story tells how they are tied (tie_told), by story, the two names and whether
        the second's family or how they met is asked: read once to rank and once to show (at most four entries a
        pair)."""
        self._things_named: OrderedDict[tuple[int, str, str | None], Lead | None] = OrderedDict()
        """Where each story names a thing of a noun with its name (thing_named), by story, noun and owner: read once to
        rank and show, the THINGS_NAMED_KEPT last asked kept (any word may be typed)."""
        self._places_told: OrderedDict[tuple[int | None, PlaceAsked], Lead | None] = OrderedDict()
        """Where the one story naming a place or thing asked tells what or where it is (_place_told), by the story
        asked of (its first passage; None library-wide) and what is asked: read once to rank and show, the
        PLACES_TOLD_KEPT last asked kept (any words may be typed)."""
        self._settings_told: OrderedDict[int, Lead] = OrderedDict()
        """Where each story tells when and where it is set (_setting_told), by story: read once to rank and show, the
        SETTINGS_TOLD_KEPT last asked kept."""
        self._lead_pronouns: dict[tuple[str, str], frozenset[str] | None] = {}
        """The pronouns each story's lead is told with (pronouns_of), by story and name: read from the story's whole
        text at its first question with a pronoun, not at each (at most one entry a story)."""

    def when_damaged(self, callback: Callable[[IndexDamage], object]) -> None:
        """Calls back once (from the thread that was answering) when its saved index is found damaged."""
        self._on_damage.append(callback)

    def check_index(self) -> IndexDamage | None:
        """Whether its saved index's files were resized or written since they were opened: one fstat each."""
        if self.damage is None and self._files is not None:
            found = self._files.damage()
            if found is not None:
                self._damaged(found)
        return self.damage

    def _damaged(self, damage: IndexDamage) -> None:
        if self.damage is not None:
            return
        self.damage = damage
        for callback in self._on_damage:
            callback(damage)

    def parts(self) -> LibraryParts:
        """What this library is made of, to join it with others (bot.core.library_join)."""
        return LibraryParts(
            corpus=self.corpus,
            index=self.index,
            story_index=self.story_index,
            person_finder=self.person_finder,
            speller=self.speller,
            fingerprints=self.fingerprints,
            files=self._files,
            mentions=self.mention_finder,
            story_finder=self.story_finder,
        )

    @classmethod
    def load(
        cls,
        root: Path | str,
        params: BM25Params = DEFAULT_PARAMS,
        store: IndexStore | None = None,
        *,
        progress: bool = False,
        analyzer: Analyzer | None = None,
        force: bool = False,
        verify: bool = False,
        reading_seconds: float | None = None,
        read_cut_short_again: bool = False,
    ) -> StoryLibrary:
        """The library of a folder: opened from its saved segments, once the story files added, changed
        or removed since are committed (a small new segment); else built (and saved, if large enough,
        `force`d, or an index was there), each file read within `reading_seconds` (bot.core.timed_reading: a file
        past it is skipped, and kept so by the saved index until it or the limit changes, or `read_cut_short_again`: the
        owner asked for the stories to be read). `verify` checks every checksum first. Raises CorpusError when the
        folder holds no usable story; never fails for the saved index's sake (`index_notes` says why, and names the
        files read again)."""
        root = Path(root)
        analyzer = analyzer or Analyzer()
        if store is None:
            return cls.from_parts(
                build_parts(root, analyzer, params, progress, reading_seconds=reading_seconds), analyzer
            )
        notes: list[IndexNote] = []
        loaded = store.load(
            root,
            analyzer,
            params,
            notes,
            progress=progress,
            force=force,
            verify=verify,
            reading_seconds=reading_seconds,
            read_cut_short_again=read_cut_short_again,
        )
        library = cls.from_parts(loaded.parts, analyzer, opened=loaded.opened)
        library.index_notes = tuple(notes)
        library.index_claim = loaded.claim  # its index is not removed from the cache while the library lives
        library.when_damaged(functools.partial(store.suspect, loaded.folder))  # the next load checks every checksum
        for note in notes:
            if note.event is IndexEvent.NOT_SAVED and not force:  # `python -m bot index` says it its own way
                # The system's reason and the folder: facts the log's handlers show as they are.
                log.warning(
                    "Could not save the index (%s: %s); answering from memory, the next start saves it.",
                    note.detail,
                    note.file,
                )
        return library

    def with_reranker(self, reranker: Reranker) -> StoryLibrary:
        """The same analysed library, ranking with another re-ranker (for measuring signals)."""
        clone = copy.copy(self)
        clone.reranker = reranker
        return clone

    def example_name(self, story: int | None = None) -> str:
        """A name to suggest asking with: a person of the stories, else a story's title. Of one story, if given (a
        question asked of it searches nothing else): one of its people, else none ("", its title is named already)."""
        person = self.example_person(story)
        if person or story is not None:
            return person
        return self.corpus.stories[self.story_finder.file_order(0, 1)[0]].title  # first in file order

    def example_person(self, story: int | None = None) -> str:
        """A person to suggest asking about ("Who is …?", `/performer NAME`), of one story if given; "" when the
        stories name none: a story's title is no one to ask "Who is" of."""
        if story is None:
            leading = self.person_finder.leading()
            return leading.name if leading is not None else ""
        people = self.person_finder.of_story(self.corpus.stories[story].path)
        return people[0].name if people else ""

    def word_breaker(self, story: int | None = None) -> WordBreaker:
        """What breaks and joins one question's words against this library, or one story of it (made for each
        question: it keeps the question's budget, and a library sent to another process sends none)."""
        return WordBreaker(self.analyzer, self.index, self.corpus.passages, self._passages_of(story))

    def number_forms(self, story: int | None = None) -> NumberForms:
        """What finds one question's numbers in the forms this library, or one story of it, writes them (made for
        each question: it keeps the question's budget)."""
        return NumberForms(self.analyzer, self.index, self.corpus.passages, self._passages_of(story))

    def analysed(self, document: int) -> AnalysedPassage:
        """A passage's terms and sentences, kept for the passages asked about most recently."""
        found = self._analysed.get(document)
        if found is not None:
            with contextlib.suppress(KeyError):  # another ranking thread dropped it since: still this passage's
                self._analysed.move_to_end(document)
            return found
        found = AnalysedPassage.of(document, self.corpus.passages, self._terms)
        self._analysed[document] = found
        if len(self._analysed) > ANALYSED_PASSAGES_KEPT:
            self._analysed.popitem(last=False)
        return found

    def query(self, question: str, story: int | None = None) -> Query:
        """The question's terms, misspelt words corrected against the library's words.

        A word the library lacks is searched as its closest library word when it is no dictionary
        word ("frigtened"); a real word the stories lack ("capital") or a name ("Beethoven") counts
        against every passage at the highest weight; anything else is left out, so a stray typo
        cannot sink a question whose other words match. The words that say how it asks ("old" in
        "How old is she?") are searched only when it has no other: "old" is then all it is about.
        A word the stories write in parts is searched as those parts (bot.core.word_break), on the evidence of the
        passages asked of: one `story`'s, if given. So is a number they write in another form ("21" as
        "twenty-one", "5am" as "5 a.m.": bot.core.number_forms).
        """
        question = plain_question(question)  # as ask has it: eval ranks people's questions through here
        question, read = self._question_word_read(question)  # "waht is ...": as every step below reads it
        # "what does she do", of one story: of its lead, as the rules read a question (_person_introduced); its words
        # are searched as typed, the lead's name in none
        read_as, reading = self._pronouns_read(question, story)
        form = form_words_at(question)
        if form and all(start in form for word, start, _ in words(question) if self.analyzer.term(word) is not None):
            form = frozenset()
        ending = ending_words_at(question)  # searched where the stories write them ("the film ends"), else no loss
        terms: list[str] = []
        corrections: dict[tuple[str, str], Correction] = {}
        if read is not None:
            corrections[normalize_word(read.word), read.replacement] = read
        fixes: dict[str, tuple[str, str] | None] = {}
        missing = 0.0
        absent: list[str] = []
        found = words(question)
        breaker = self.word_breaker(story)
        joined = {run.first: run for run in breaker.joined(question, found)}
        written_joined = {place for run in joined.values() for place in range(run.first, run.first + run.count)}
        broken_pairs: set[tuple[str, str]] = set()
        numbers = {
            place: number
            for number in self.number_forms(story).found(question, found)
            for place in range(number.first, number.first + number.count)
        }
        for place, (word, start, _) in enumerate(found):
            number = numbers.get(place)
            if number is not None:
                if place == number.first:
                    corrections.setdefault((number.typed, number.shown), Correction(number.typed, number.shown))
                    terms.extend(number.terms)
                    broken_pairs.update(pairwise(number.terms))
                continue
            if place in joined:
                terms.append(joined[place].term)
            term = self.analyzer.term(word) if start not in form else None
            if term is None:
                continue
            if term not in self.index.vocabulary:
                normalized = normalize_word(word)
                if place in written_joined:  # the word the stories join it into stands for it
                    continue
                if start in ending:  # "end" where no story writes it: no passage is the worse for lacking it
                    continue
                broken = breaker.broken(word)
                if broken is not None:
                    corrections.setdefault((normalized, broken.shown), Correction(word, broken.shown))
                    terms.extend(broken.parts)
                    broken_pairs.update(pairwise(broken.parts))
                    continue
                fix = fixes[word] if word in fixes else fixes.setdefault(word, self.speller.correct(word))
                if fix is not None:
                    # Said once: "audiance" typed a hundred times (or as "Audiance's") listed "audience" a hundred
                    # times over the answer, and was looked for in the library's words each time.
                    corrections.setdefault((normalized, fix[0]), Correction(word, fix[0]))
                    term = fix[1]
                else:
                    if is_dictionary_word(normalized) or word[:1].isupper() or is_code(word):
                        missing += self.index.max_weight()
                        absent.append(term)
                    continue
            terms.append(term)
        weights = {t: self.index.match_weight(t) for t in dict.fromkeys(terms)}
        focus = focus_word(question)
        focus_term = self.analyzer.term(focus) if focus else None
        return Query(
            text=read_as,
            terms=tuple(terms),
            weights=weights,
            missing_weight=missing,
            kind=answer_kind(question),
            focus=focus_term if focus_term in weights else None,
            corrections=tuple(corrections.values()),
            pronoun_reading=reading,
            unread_text=question if reading is not None else "",
            phrases=frozenset(self.analyzer.phrases(question) | broken_pairs),
            named=self.mention_finder.find(question, self.index.vocabulary, self.story_index.term_doc_freq),
            absent=tuple(dict.fromkeys(absent)),
        )

    def ask(self, question: str, count: int = 1 + ALTERNATIVES, offset: int = 0, story: int | None = None) -> Answer:
        """The best `count` passages after the first `offset` (within one story, if given), or why there are none."""
        text = plain_question(question).strip()
        scope = self.corpus.stories[story].title if story is not None else None
        unranked = self._unranked(text, story)
        if unranked is not None:
            return self._no_answer(question, unranked, story, scope)
        answer = self._unless_damaged(
            lambda: self._answer(question, self.query(text, story), count, offset, story, scope)
        )
        return answer or Answer(question=question, hits=(), reason=NoAnswer.INDEX_DAMAGED, damage=self.damage)

    def results(self, question: str, story: int | None = None) -> frozenset[int] | None:
        """The documents `ask` pages through for the question (MAX_RESULTS at most, within one story, if given): every
        passage its answers can show, and so every one a vote on them may judge. None when the saved index is
        damaged."""
        text = plain_question(question).strip()
        if self._unranked(text, story) is not None:
            return frozenset()
        return self._unless_damaged(
            lambda: frozenset(c.doc for c in self.rank(self.query(text, story), story, MAX_RESULTS))
        )

    def _unranked(self, text: str, story: int | None) -> NoAnswer | None:
        """Why a question's plain text is not ranked at all (empty, too long, no word to search), or None. Its question
        word's slip is not read here: `query` reads none that leaves no word to search (_question_word_read). Asked of
        one `story`, a question with no word to search is ranked where, its pronouns read as the story's lead, it asks
        who they are or what they do ("what does she do": _pronouns_read, read here only for such a question)."""
        if not text:
            return NoAnswer.EMPTY
        if len(text) > MAX_QUESTION_CHARS:
            return NoAnswer.TOO_LONG
        if not self._searches_something(text) and not self._asks_who_someone_is(self._pronouns_read(text, story)[0]):
            return NoAnswer.NO_CONTENT_WORDS
        return None

    def _searches_something(self, text: str) -> bool:
        """Whether the question has a word to search, or asks who someone is by a name of stop words alone."""
        return bool(self.analyzer.terms(text)) or self._asks_who_someone_is(text)

    def _question_word_read(self, question: str) -> tuple[str, Correction | None]:
        """The question with its question word's slip read (question_word_read), unless that leaves it no word to
        search: "Tell me about Wehn", "waht" or "hwy" alone are searched as typed, as before the slips were read, and
        answered that nothing matched rather than that they hold no word to search."""
        read_text, read = question_word_read(question, self._written_or_named)
        if read is not None and not self._searches_something(read_text):
            return question, None
        return read_text, read

    def _pronouns_read(self, question: str, story: int | None) -> tuple[str, PronounReading | None]:
        """The question asked of one `story` with "she" or "he" read as its lead's name, where it names no one of the
        story (bot.core.pronoun_asked), and the pronouns so read, said where that changed the answer ("Taking "she"
        to mean Priya Nair."); as it was otherwise."""
        if story is None or not any(fold(word) in PRONOUNS for word, _, _ in words(question)):
            return question, None  # the story's people are looked at only for a question with a pronoun
        path = self.corpus.stories[story].path
        lead = lead_of(self.person_finder, self.corpus.stories[story])
        if lead is None:
            return question, None
        named = {  # a stop word of a name ("Catherine the Great") names no one in "what did the king give her"
            bare_word(fold(word))
            for person in self.person_finder.of_story(path)
            for word, _, _ in words(person.name)
            if self.analyzer.term(word) is not None
        }
        read = pronouns_read(question, lead.name, named, kinds_of_people())
        if read is None:
            return question, None
        typed = dict.fromkeys(fold(word) for word, _, _ in words(question) if fold(word) in PRONOUNS)
        told_with = self._pronouns_of_person(story, lead.name)
        if told_with is None or not told_with.issuperset(typed):  # "what does he do" of Mara's story: her brother's
            return question, None
        return read, PronounReading(tuple(typed), lead.name)

    def _pronouns_of_person(self, story: int, lead: str) -> frozenset[str] | None:
        """The pronouns the story's own text tells one of its people (its lead, or the one a rule asks of) with, or
        None where it does not settle them (bot.core.pronoun_asked.pronouns_of), read once a story and person."""
        path = self.corpus.stories[story].path
        key = (path, lead)
        if key not in self._lead_pronouns:
            passages = self._passages_of(story)
            assert passages is not None
            others = [p.name for p in self.person_finder.of_story(path) if p.name != lead]
            texts = (self.corpus.passages[document].text for document in passages)
            self._lead_pronouns[key] = pronouns_of(texts, lead, others, person_nouns(), kinds_of_people())
        return self._lead_pronouns[key]

    def _asks_who_someone_is(self, text: str) -> bool:
        """Whether the question asks who a person of the stories is, by a name of stop words alone ("Who is Will?"):
        the passage introducing them answers it (`_introduction_first`), though no word of it is searched."""
        about = name_asked(text)
        if about is None:
            return False
        lookup = self.person_finder.find(about.name)
        return not lookup.misspelt and any(person.passage is not None for person in lookup.matches)

    def passage(self, document: int) -> Passage | None:
        """The library's passage `document`, or None when its saved index is damaged (`damage` says how)."""
        return self._unless_damaged(lambda: self.corpus.passages[document])

    def _unless_damaged(self, read: Callable[[], Read]) -> Read | None:
        """What `read` returns, unless the saved index is damaged: found so before reading (one fstat a
        file) or by what was read."""
        if self.check_index() is not None:
            return None
        try:
            return read()
        except IndexDamaged as error:
            self._damaged(self.check_index() or error.damage)  # a resize explains bad contents best
            return None

    def _answer(
        self, question: str, query: Query, count: int, offset: int, story: int | None, scope: str | None
    ) -> Answer:
        count = min(count, MAX_RESULTS - offset)
        if count <= 0:  # past the last result a question pages to: nothing is ranked
            return Answer(question=question, hits=(), offset=offset, scope=scope, corrections=query.corrections)
        query, ranked = self.searched(query, story, offset + count + 1)
        if not ranked:
            return Answer(
                question=question,
                hits=(),
                reason=NoAnswer.NO_MATCH,
                example=self.example_name(story),
                scope=scope,
                corrections=query.corrections,
            )
        # the ranking put first the passage introducing whom the question asks (_introduction_first), so its story is
        # the one to read: not every ranked story again
        introduction = self._person_introduced(query, self._passages_of(story), [ranked[0].view.story])
        lead = self._lead(introduction, query, self._passages_of(story), ranked[0].view.story)
        hits = tuple(self._hit(candidate, query, lead) for candidate in ranked[offset : offset + count])
        corrections = query.corrections
        reading = query.pronoun_reading if self._answered_through_pronouns(query, story, ranked[0].doc) else None
        if (
            introduction is not None and introduction.forgiven is not None
        ):  # "who is ron" for Ro: said, not shown as asked
            corrections = (*corrections, Correction(introduction.forgiven, introduction.person.name))
        return Answer(
            question=question,
            hits=hits,
            offset=offset,
            more=len(ranked) > offset + count and offset + 1 < MAX_RESULTS,
            scope=scope,
            corrections=corrections,
            pronoun_reading=reading,  # "what does she do" of Priya's story: whom "she" is taken to mean
        )

    def _answered_through_pronouns(self, query: Query, story: int | None, first: int) -> bool:
        """Whether reading the question's pronouns as the lead (Query.pronoun_reading) changed its answer: asked as
        typed, it ranks another passage first than `first`, or none ("what does she do"). Where the rules answer
        alike without it ("who is her brother": the passage saying "Mara Lindqvist and her brother Tobias" holds
        "brother" too), the reading is not said. One more ranking of the one story, for a question with a reading."""
        if query.pronoun_reading is None:
            return False
        as_typed = self.rank(dataclasses.replace(query, text=query.unread_text), story, 1)
        return not as_typed or as_typed[0].doc != first

    def searched(
        self, query: Query, story: int | None = None, wanted: int = RERANK_DEPTH
    ) -> tuple[Query, list[Candidate]]:
        """The question as searched and its ranked passages (`rank`): where it finds nothing, with each word no passage
        searched holds searched as a close relative that some do (bot.core.related_stand_ins), if any has one."""
        ranked = self.rank(query, story, wanted)
        if not ranked:
            widened = self._with_stand_ins(query, story)
            found = self.rank(widened, story, wanted) if widened is not None else []
            if widened is not None and found:  # else no correction is said of a question still refused
                return widened, found
        return query, ranked

    def rank(self, query: Query, story: int | None = None, wanted: int = RERANK_DEPTH) -> list[Candidate]:
        """BM25Okapi's candidates that match enough of the question, re-ranked, best first."""
        depth = max(RERANK_DEPTH, wanted) if self.reranker.signals else wanted
        first = self._first_stage(query, story, depth)
        if self.reranker.signals:
            head, context = self._with_named(first[:RERANK_DEPTH], query, story)
        else:  # BM25Okapi alone, as it ranks
            context = self._context(query, self._passages_of(story))
            head = first[:RERANK_DEPTH]
        taken = {c.doc for c in head}
        rest = [c for c in first[RERANK_DEPTH:] if c.doc not in taken]
        ranked, led = self._introduction_first(query, self.reranker.rerank(head, context) + rest, context)
        return (ranked if led else self._ending_first(query, ranked, story))[:wanted]

    def candidates(self, query: Query, story: int | None) -> tuple[list[Candidate], RankingContext]:
        """What the re-ranker orders: BM25Okapi's best RERANK_DEPTH passages (of one story, if given) that
        match enough of the question, and the best of the stories the question names, in BM25 order;
        with what the re-ranking signals need to judge them."""
        return self._with_named(self._first_stage(query, story, RERANK_DEPTH), query, story)

    def _first_stage(self, query: Query, story: int | None, depth: int) -> list[Candidate]:
        """BM25Okapi's best `depth` passages (of one story, if given) that match enough of the question.

        Library-wide, a passage must hold question words carrying MIN_MATCH of its weight (words no story
        holds count too, unless the question names a story); within one story any question word will do,
        so a question asked of a story gets its best passage whenever it shares a word with it. Passages
        are analysed only until `depth` have passed."""
        top = self.index.top_holding(query.terms, depth * 2 + 10, self._passages_of(story)) if query.terms else []
        return self._matching(top, query, depth, self.min_match if story is None else 0.0)

    def _matching(
        self, top: list[tuple[int, float, frozenset[str]]], query: Query, depth: int, min_match: float
    ) -> list[Candidate]:
        """The first `depth` of `top` holding enough of the question, by the terms their postings say
        they hold: only those passages are read and analysed."""
        # Words no story holds count against a passage, unless the question names a story's person or
        # title: then it is about the stories, just worded otherwise ("who taught Sébastien").
        needed = min_match * (query.total_weight - (query.missing_weight if query.named.stories else 0.0))
        candidates = []
        for doc, score, held in top:
            if query.weight_of(held) >= needed:
                candidates.append(Candidate.of(doc, score, self.analysed(doc), query))
                if len(candidates) == depth:
                    break
        return candidates

    def _with_named(
        self, candidates: list[Candidate], query: Query, story: int | None
    ) -> tuple[list[Candidate], RankingContext]:
        """The candidates and, library-wide, the best passages of each story the question names that
        BM25 left out: a named story must be able to answer, not only be preferred among what came. As
        within one story, any question word will do: naming the story is what makes them candidates."""
        context = self._context(query, self._passages_of(story))
        if story is not None or not query.terms:
            return candidates, context
        taken = {c.doc for c in candidates}
        added: list[Candidate] = []
        for named in query.named.strongest(NAMED_STORIES, self._file_rank):
            top = self.index.top_holding(query.terms, NAMED_PASSAGES, self._passages_of(named))
            found = self._matching([t for t in top if t[0] not in taken], query, NAMED_PASSAGES, 0.0)
            added.extend(found)
            taken.update(c.doc for c in found)
        if not added:
            return candidates, context
        return sorted(candidates + added, key=lambda c: (-c.bm25, self.index.tie_rank(c.doc))), context

    def _file_rank(self, story: int) -> int:
        """Where the story stands in file order: its first passage's place among passages of equal score (a library
        joined from segments numbers a story added since after the others; one build numbers it in file order)."""
        return self.index.tie_rank(self.corpus.stories[story].first_passage)

    def _context(self, query: Query, within: range | None) -> RankingContext:
        return RankingContext(
            story_index=self.story_index,
            analyzer=self.analyzer,
            query=query,
            within=within,
            passage_index=self.index,
            stories=self.corpus.stories,
        )

    def _with_stand_ins(self, query: Query, story: int | None) -> Query | None:
        """The question with each word no passage searched holds searched as its close relative that some do
        (bot.core.related_stand_ins), said as a correction; None unless every such word has one. A question about
        something the stories do not hold says a word nothing stands in for, and is refused as before ("Who is the
        pianist of France?" where no story is set in France)."""
        within = self._passages_of(story)

        def holding(term: str) -> int:
            return (
                self.index.term_doc_freq(term) if within is None else len(self.index.postings_within(term, within)[0])
            )

        unheld = dict.fromkeys([*query.absent, *(term for term in query.terms if holding(term) == 0)])
        found = stand_ins(unheld, holding, bundled_related_words())
        if not found or len(found) < len(unheld):  # a word with no relative held: "France" where no story is set
            return None
        typed: dict[str, str] = {}  # the first word typed of each term: "pianists" for "pianist"
        replaced = 0  # `query` counted each absent word at the highest weight, as often as it was typed
        for word, _, _ in words(query.text):
            term = self.analyzer.term(word)
            if term in found:
                typed.setdefault(term, word)
                replaced += term in query.absent
        shown = self._words_of(set(found.values()))
        corrections = [Correction(typed.get(term, term), shown[relative]) for term, relative in found.items()]
        terms = tuple(dict.fromkeys([*query.terms, *found.values()]))
        return dataclasses.replace(
            query,
            terms=terms,
            weights={term: self.index.match_weight(term) for term in terms},
            missing_weight=max(0.0, query.missing_weight - self.index.max_weight() * replaced),
            absent=tuple(term for term in query.absent if term not in found),
            corrections=(*query.corrections, *corrections),
        )

    def _words_of(self, terms: set[str]) -> dict[str, str]:
        """A word of the library for each of these terms, its shortest ("child" rather than "children"): what a
        correction shows. Read from the speller's words, once for the few questions that need it."""
        shown: dict[str, str] = {}
        for word, term in zip(self.speller.words, self.speller.terms, strict=True):
            if term in terms and (term not in shown or (len(word), word) < (len(shown[term]), shown[term])):
                shown[term] = word
        return {term: shown.get(term, term) for term in terms}

    def _passages_of(self, story: int | None) -> range | None:
        if story is None:
            return None
        first = self.corpus.stories[story].first_passage
        return range(first, first + self.corpus.stories[story].passage_count)

    def _person_introduced(
        self, query: Query, within: range | None, ranked_stories: Sequence[int]
    ) -> Introduction | None:
        """The person whose introduction answers the question (bot.core.introductions), of the stories (of one story:
        `within` its passages); `ranked_stories` are the stories in their rank, each once, whose roles and lead are
        asked about (the first's; a role asked alone, the first's writing its word). Where the question asks a fact
        of someone instead, the introduction moved to where their story tells it: their job, age or origin
        (_told_at), or, asked in shapes no introduction answers, a thing of theirs named, the kind of a thing they
        have, where they studied or who taught them, how they died, who killed them, what becomes of them where no
        death answers "What happens to X?", which one of a kind by its name they have to do with (_named_thing_told,
        _kind_told, _study_told, _death_told, _killer_told, _fate_told, _named_kind_told, tried in that order; each
        reads shapes the others do not, but for "Which conservatory did Sébastien attend?", which the study rule
        answers first)."""
        text = as_asked(query.text, query.corrections, self._written)
        introduction = person_introduced(
            text, self.person_finder, self.corpus.stories, self.corpus.passages, within, ranked_stories, self._written
        )
        if introduction is None:
            first_story = ranked_stories[0] if ranked_stories else None
            return (
                self._named_thing_told(text, within, first_story)
                or self._kind_told(text, within, first_story)
                or self._study_told(text, within, first_story)
                or self._death_told(text, within, first_story)
                or self._killer_told(text, within, first_story)
                or self._fate_told(text, within, first_story)
                or self._named_kind_told(text, within, first_story)
                or self._tie_told(text, within, first_story)
            )
        fact = person_fact_asked(text)
        return introduction if fact is None else self._told_at(introduction, fact)

    def _told_at(self, introduction: Introduction, fact: PersonFact) -> Introduction:
        """The introduction moved to where the story first tells this `fact` of the person, if it does, as
        _FACT_FINDERS finds it: their job (bot.core.job_asked: "What does Priya do?" of a Priya brought in at her
        wedding and said to be a surgeon later), the job they did before (an "earlier job"), their age
        (bot.core.age_asked), where they come from (bot.core.origin_asked)."""
        person = introduction.person
        moved = self._told_once(
            self._facts,
            (person.path, person.name, fact),
            person,
            lambda texts, others: _FACT_FINDERS[fact](texts, person.name, others),
        )
        return introduction if moved is None else dataclasses.replace(introduction, person=moved.person)

    def _kind_told(self, question: str, within: range | None, first_story: int | None) -> Introduction | None:
        """For "What instrument does Sophie play?" of one person of the stories (of one story: `within` its passages;
        the person asked of as _person_asked reads them: "the violinist"), the sentence of their story first naming
        them and a kind of the noun asked (bot.core.kind_asked: "drawn to the classical piano"), as the person's
        introduction moved there; None where the question asks no such thing, the name is no one's or several
        people's, or no sentence names a kind."""
        asked = kind_asked(question)
        person = None if asked is None else self._person_asked(asked.name, within, first_story)
        if asked is None or person is None or person.passage is None:
            return None
        key = (person.path, person.name, asked.kind, asked.verbs)
        if key not in self._kinds:
            texts, others = self._story_told(person)
            story = self.corpus.passages[person.passage].story
            pronouns = self._pronouns_of_person(story, person.name)
            told = None
            for verbs in verbs_in_turn(asked.kind, asked.verbs):
                kinds, doers = kinds_of(asked.kind, verbs), doers_of(asked.kind, verbs)
                told = kind_told(
                    texts, person.name, kinds, others, self.corpus.stories[story].title, verbs, doers, pronouns
                )
                if told is not None:
                    break
            self._kinds[key] = told
        return self._told_there(person, self._kinds[key])

    def _named_thing_told(self, question: str, within: range | None, first_story: int | None) -> Introduction | None:
        """For "What is the name of Tess's cat?" of one person of the stories (of one story: `within` its passages;
        the person asked of as _person_asked reads them), the sentence of their story first naming them and a cat of
        theirs with its name (bot.core.named_thing_asked: "a three-legged cat named Bishop"), as the person's
        introduction moved there; None where the question asks no such thing, the name is no one's or several
        people's, or no sentence names such a thing of theirs."""
        asked = named_thing_asked(question)
        person = None if asked is None else self._person_asked(asked.owner, within, first_story)
        if asked is None or person is None or person.passage is None:
            return None
        key = (person.path, person.name, asked.thing)
        things = things_named(asked.thing)
        if key not in self._named_things:
            texts, others = self._story_told(person)
            pronouns = self._pronouns_of_person(self.corpus.passages[person.passage].story, person.name)
            told = named_thing_told(texts, person.name, things, others, pronouns)
            if len(things) == 1:  # a word typed with no kinds WordNet knows: any word may be, so none is kept
                return self._told_there(person, told)
            self._named_things[key] = told
        return self._told_there(person, self._named_things[key])

    def _study_told(self, question: str, within: range | None, first_story: int | None) -> Introduction | None:
        """For "Where did Sébastien study?" or "Who taught Sébastien?" of one person of the stories (of one story:
        `within` its passages; the person asked of as _person_asked reads them: "Tomas's wife"), the sentence of their
        story first naming them (or telling them by a pronoun the story settles as theirs) with a place of study or a
        teacher of theirs (bot.core.study_asked: "earning her a coveted spot at the prestigious Moscow
        Conservatory", "hiring private tutors to help her"), as the person's introduction moved there; None where
        the question asks no such thing, the name is no one's or several people's, or no sentence tells it."""
        asked = study_asked(question)
        person = None if asked is None else self._person_asked(asked.name, within, first_story)
        if asked is None or person is None or person.passage is None:
            return None
        pronouns = functools.partial(self._pronouns_of_person, self.corpus.passages[person.passage].story, person.name)
        return self._told_once(
            self._studies,
            (person.path, person.name, asked.teacher, asked.trained),
            person,
            lambda texts, others: study_told(
                texts, person.name, others, pronouns(), teacher=asked.teacher, trained=asked.trained
            ),
        )

    def _death_told(self, question: str, within: range | None, first_story: int | None) -> Introduction | None:
        """For "How did Clara die?", "What happened to Zupan?" or "How did Tomasa's husband die?" of one person of the
        stories (of one story: `within` its passages; the person asked of as _person_asked reads them), the
        sentence of their story telling their death (bot.core.death_asked: "Clara was found dead at the bottom of the
        old quarry"), as the person's introduction moved there; None where the question asks no such thing, the name
        is no one's or several people's, or their story tells no death of theirs."""
        asked = death_asked(question)
        person = None if asked is None else self._person_asked(asked.name, within, first_story)
        if asked is None or person is None or person.passage is None:
            return None
        story = self.corpus.passages[person.passage].story
        return self._told_once(
            self._deaths,
            (person.path, person.name, asked.happening, asked.whether, asked.when),
            person,
            lambda texts, others: death_told(
                texts,
                person.name,
                others,
                first_undergone=asked.happening,
                timed=asked.when,
                doubted=asked.whether,
                pronouns=functools.partial(self._pronouns_of_person, story),
            ),
        )

    def _killer_told(self, question: str, within: range | None, first_story: int | None) -> Introduction | None:
        """For "Who killed Edmund?", "Who shot the Speaker?" or "Who is Hale's killer?" of one person of the stories
        (as _death_told finds them), the sentence of their story last naming who killed them (bot.core.killer_asked:
        "Billy confesses that Deacon killed Tomás", "the killer is his elder son, Gerald Penhallow"), as the person's
        introduction moved there; None where the question asks no such thing, the name is no one's or several
        people's, or their story names no killer of theirs."""
        asked = killer_asked(question)
        person = None if asked is None else self._person_asked(asked.name, within, first_story)
        if asked is None or person is None or person.passage is None:
            return None
        story = self.corpus.passages[person.passage].story
        pronouns = functools.partial(self._pronouns_of_person, story)
        return self._told_once(
            self._killers,
            (person.path, person.name, asked.wounding),
            person,
            lambda texts, others: killer_told(texts, person.name, others, pronouns, wounding=asked.wounding),
        )

    def _fate_told(self, question: str, within: range | None, first_story: int | None) -> Introduction | None:
        """For "What happens to Fiona?", "What happens to the sheriff in the end?" or "What happens to Danny after the
        fire?" of one person of the stories (as _death_told finds them), the sentence of their story telling what
        becomes of them (bot.core.fate_asked: "Fiona escapes across the border on foot"), as the person's introduction
        moved there; None where the question asks no such thing, the name is no one's or several people's, or their
        story tells no fate of theirs (or not the event asked after)."""
        asked = fate_asked(question)
        person = None if asked is None else self._person_asked(asked.name, within, first_story)
        if asked is None or person is None or person.passage is None or owner_asked(asked.name, person.name):
            return None
        found = functools.partial(fate_told, name=person.name, terms=self.analyzer.terms, last=asked.last)
        if asked.after:
            texts, others = self._story_told(person)
            return self._told_there(person, found(texts, others=others, after=asked.after))
        return self._told_once(
            self._fates,
            (person.path, person.name, asked.last),
            person,
            lambda texts, others: found(texts, others=others),
        )

    def _named_kind_told(self, question: str, within: range | None, first_story: int | None) -> Introduction | None:
        """For "Which composers did young Sophie love?" of one person of the stories (of one story: `within` its
        passages), or "Which hall did the violinist perform at?" of the one person of the story asked of (library-wide,
        of the story ranked first: `first_story`) holding the role (_role_held), the sentence of their story first
        naming them and one of the kind by its name (bot.core.named_kind_asked: "the music of Chopin and Debussy",
        "took the stage at Carnegie Hall"), as the person's introduction moved there; None where the question asks no
        such thing, the name is no one's or several people's, or no sentence names one. Its person is read from the
        words before the verb asked (names_typed, role_typed), which no other rule's shape fixes, so not by
        _person_asked."""
        asked = named_kind_asked(question)
        if asked is None:
            return None
        role = role_typed(asked.said)
        story = self._story_asked(within, first_story)
        person, verb = None, ""
        if role is not None:
            person = None if story is None else self._role_held(story, role[0])
            verb = role[1]
        else:
            person, verb = next(
                (
                    (found, verb)
                    for name, verb in names_typed(asked.said)
                    if (found := self._person_named(name, within))
                ),
                (None, ""),
            )
        if person is None or person.passage is None:
            return None
        # Not kept as the other rules' are: the verb may be any word typed. Read twice (to rank and to show), linear.
        texts, others = self._story_told(person)
        pronouns = self._pronouns_of_person(self.corpus.passages[person.passage].story, person.name)
        return self._told_there(person, named_kind_told(texts, person.name, asked.kind, verb, others, pronouns))

    def _tie_told(self, question: str, within: range | None, first_story: int | None) -> Introduction | None:
        """For "How does Sylvie know Oksana?", "What is Luka's relationship to Anton?" or "How does Ashcombe know
        Fiona's family?" of two people of one story (each as _person_asked reads them: "the captain"; one named by
        several people of the stories read in the other's story), the sentence of their story telling how they are
        tied (bot.core.tie_asked: "Sylvie's former cellmate, Oksana Petrenko"), as the first one's introduction moved
        there; None where the question asks no such thing, a name is no one's or several people's, the two are not of
        one story, or no sentence ties them."""
        asked = tie_asked(question)
        if asked is None:
            return None
        first = self._person_asked(asked.first, within, first_story)
        second = self._person_asked(asked.second, within, first_story)
        if first is not None and first.passage is not None and second is None:  # "fiona", one of several: of his story
            second = self._person_asked(asked.second, self._story_passages(first), first_story)
        elif second is not None and second.passage is not None and first is None:
            first = self._person_asked(asked.first, self._story_passages(second), first_story)
        if first is None or second is None or first.passage is None or second.passage is None:
            return None
        if first.path != second.path or first.name == second.name:
            return None
        story = self.corpus.passages[first.passage].story
        pronouns = (self._tie_pronouns(story, first), self._tie_pronouns(story, second))
        return self._told_once(
            self._ties,
            (first.path, first.name, second.name, asked.family, asked.met),
            first,
            lambda texts, others: tie_told(
                texts,
                first.name,
                second.name,
                [other for other in others if other != second.name],
                pronouns,
                family=asked.family,
                met=asked.met,
            ),
        )

    def _tie_pronouns(self, story: int, person: Person) -> frozenset[str] | None:
        """The pronouns the story settles as the person's (_pronouns_of_person), unless a title of their name or a
        relative's word bringing them in says the other sex (bot.core.tie_asked.pronouns_kept)."""
        men = [person.name] if introduces_as_kin(person.intro, person.name, MEN) else []
        women = [person.name] if introduces_as_kin(person.intro, person.name, WOMEN) else []
        return pronouns_kept(self._pronouns_of_person(story, person.name), sex_of(person.name, men, women))

    def _told_once(
        self,
        told: dict[Key, tuple[int, str] | None],
        key: Key,
        person: Person,
        finding: Callable[[list[str], list[str]], tuple[int, str] | None],
    ) -> Introduction | None:
        """The person's introduction moved to where `finding` finds a rule's answer in their story (its passages' texts
        and its other people's names), read once a `key` into `told` (ranking and showing an answer both ask)."""
        if key not in told:
            texts, others = self._story_told(person)
            told[key] = finding(texts, others)
        return self._told_there(person, told[key])

    def _lead(
        self, introduction: Introduction | None, query: Query, within: range | None, first_story: int | None
    ) -> Lead | None:
        """The passage to rank first and the sentence its excerpt leads with: the person's introduction, else where
        the story asked of (or, library-wide, the story ranked first) names the thing asked ("What is the name of
        the pub?": _thing_named), else where the one story writing a name asked says what or where it is ("What is
        Brackenholm Hall?": _place_told; a person's name, which the rules before read, is none)."""
        story = self._story_asked(within, first_story)
        question = as_asked(query.text, query.corrections, self._written)
        setting = self._setting_told(question, story) if story is not None else None
        if setting is not None:
            return setting
        if introduction is not None:
            assert introduction.person.passage is not None
            return Lead(introduction.person.passage, introduction.person.intro)
        if story is None:
            return None
        return self._thing_named(question, story) or self._place_told(question, within)

    def _setting_told(self, question: str, story: int) -> Lead | None:
        """For "When is The Salt Gate set?" or "Where does the film take place?" of a story (by its title, or "it"),
        the first sentence saying it is "set in" or "takes place" somewhere (bot.core.setting_asked), else the story's
        first sentence: a plot says when and where it is set as it opens. None where the question asks no such thing,
        or names another title. Only passages holding "set" or "place" are read, once a story while among the
        SETTINGS_TOLD_KEPT last asked (ranking and showing an answer each ask)."""
        asked = setting_asked(question)
        if asked is None:
            return None
        if asked.title:
            named = self.analyzer.terms(asked.title)
            if not named or named != self._title_terms(story):
                return None
        return _kept(self._settings_told, story, SETTINGS_TOLD_KEPT, lambda: self._setting_read(story))

    def _setting_read(self, story: int) -> Lead:
        """_setting_told's reading of one story."""
        told = self.corpus.stories[story]
        passages = range(told.first_passage, told.first_passage + told.passage_count)
        for document in self._holding_a_word_of(frozenset({"set", "place"}), passages):
            sentence = setting_sentence(self.corpus.passages[document].text, told.title)
            if sentence is not None:
                return Lead(document, sentence)
        return Lead(told.first_passage, opening_sentence(self.corpus.passages[told.first_passage].text))

    def _thing_named(self, question: str, story: int) -> Lead | None:
        """For "What is the name of the pub?" or "What is the river called?", the sentence of the story first naming
        such a thing (or a kind of it) with its name (bot.core.named_thing_asked.thing_named: "a pub called The Grey
        Heron", "the river Varenne"), where the story names no other; None where the question asks no such thing.
        Read once a story and thing while among the THINGS_NAMED_KEPT last asked (ranking and showing an answer each
        ask), and only in the passages holding a word of the noun (_holding_a_word_of), unless the story writes it
        as an abbreviation, whose words spelt out other passages may hold."""
        asked = unowned_thing_asked(question)
        if asked is None:
            return None
        noun, owner = asked
        return _kept(
            self._things_named, (story, noun, owner), THINGS_NAMED_KEPT, lambda: self._thing_read(story, noun, owner)
        )

    def _thing_read(self, story: int, noun: str, owner: str | None) -> Lead | None:
        """_thing_named's reading of one story for the noun (and owner) asked."""
        things = things_named(noun)
        passages = self._passages_of(story)
        assert passages is not None
        documents = self._holding_a_word_of(things, passages)
        told = None
        if documents:
            texts = [self.corpus.passages[document].text for document in documents]
            if abbreviated(things, texts):
                documents = list(passages)
                texts = [self.corpus.passages[document].text for document in documents]
            people = [person.name for person in self.person_finder.of_story(self.corpus.stories[story].path)]
            whole = [self.corpus.passages[document].text for document in passages]
            told = thing_named(texts, things, people, owner, whole)
        return None if told is None else Lead(documents[told[0]], told[1])

    def _place_told(self, question: str, within: range | None) -> Lead | None:
        """For "What is Brackenholm Hall?" or "Where is the Wren Hotel?", the sentence first saying what (or where) the
        named place or thing is (bot.core.place_asked.place_told: "Brackenholm Hall, a crumbling country house"), in
        the one story writing it as a name (of one story: `within` its passages); None where the question asks no such
        thing, or the name is a person's (the introduction rule's), a story's title, several stories' or none's, or
        its story says no such sentence. Read once a name while among the PLACES_TOLD_KEPT last asked (ranking and
        showing an answer each ask), in the passages holding all its words alone."""
        asked = place_asked(question)
        if asked is None:
            return None
        key = (None if within is None else within.start, asked)
        return _kept(self._places_told, key, PLACES_TOLD_KEPT, lambda: self._place_read(asked, within))

    def _place_read(self, asked: PlaceAsked, within: range | None) -> Lead | None:
        """_place_told's reading of the stories (of one story: `within` its passages), each story's passages holding all
        the name's words read in turn until one writes it in lowercase (bot.core.place_asked.place_told), and no more
        stories once two write it as a name."""
        spoken = " ".join(asked.name)
        terms = set(self.analyzer.terms(spoken))
        if not terms or self.person_finder.holding(spoken):
            return None
        passages = within if within is not None else range(len(self.corpus.passages))
        held: set[int] | None = None
        for term in terms:
            holding = {int(document) for document in self.index.postings_within(term, passages)[0]}
            held = holding if held is None else held & holding
        ordered = sorted(held or ())
        named: list[tuple[list[int], tuple[int, str] | None]] = []
        at = 0
        while at < len(ordered):
            story = self.corpus.stories[self.corpus.passages[ordered[at]].story]
            stop = bisect.bisect_left(ordered, story.first_passage + story.passage_count, at)
            documents, at = ordered[at:stop], stop
            if tuple(bare_word(fold(word)) for word, _, _ in words(story.title)) in {asked.name, ("the", *asked.name)}:
                return None  # the story's own title: asked of the story, or of the thing it is named for
            people = [person.name for person in self.person_finder.of_story(story.path)]
            texts = (self.corpus.passages[document].text for document in documents)
            naming = place_told(texts, asked.name, story.title, asked.where, people)
            if naming is not None:
                named.append((documents, naming[0]))
                if len(named) > 1:
                    return None
        told = named[0][1] if len(named) == 1 else None
        return None if told is None else Lead(named[0][0][told[0]], told[1])

    def _holding_a_word_of(self, things: frozenset[str], passages: range) -> list[int]:
        """The passages of `passages` holding a word of one of `things`, in order (all of them for a thing no term
        is searched by): the others name none."""
        held: set[int] = set()
        for thing in things:
            terms = self.analyzer.terms(thing.replace("_", " "))
            if not terms:
                return list(passages)
            for term in terms:
                held.update(int(document) for document in self.index.postings_within(term, passages)[0])
        return sorted(held)

    def _story_told(self, person: Person) -> tuple[list[str], list[str]]:
        """The texts of the passages of the person's story, and the names of its other people: what a rule reads to
        find what it tells of them."""
        others = [p.name for p in self.person_finder.of_story(person.path) if p.name != person.name]
        return [self.corpus.passages[document].text for document in self._story_passages(person)], others

    def _told_there(self, person: Person, told: tuple[int, str] | None) -> Introduction | None:
        """The person's introduction moved to the sentence (and passage of their story) a rule found, if any."""
        if told is None:
            return None
        where, sentence = told
        return Introduction(dataclasses.replace(person, passage=self._story_passages(person)[where], intro=sentence))

    def _story_passages(self, person: Person) -> range:
        """The passages of the story of a person found in one."""
        assert person.passage is not None
        passages = self._passages_of(self.corpus.passages[person.passage].story)
        assert passages is not None
        return passages

    def _person_asked(self, name: str, within: range | None, first_story: int | None) -> Person | None:
        """The person a fact question names, as the fact rules but the named-kind rule read them: a relative their
        story brings in as one ("Tomas's wife", "dannys dad": bot.core.introductions.relative_named); the one person
        brought in with a role of the story asked of, or library-wide of the story ranked first (`first_story`), or
        else said to hold it ("the captain", "the violinist": _role_held); else the one person whose name holds the
        name as typed (_person_named)."""
        relative = relative_named(
            self.person_finder, self.corpus.stories, self.corpus.passages, name, within, self._written
        )
        if relative is not None:
            return relative
        story = self._story_asked(within, first_story)
        if story is None:
            return self._person_named(name, within)
        role = role_in_name(name)
        holder = None if role is None else self._role_held(story, role)
        return holder or self._person_named(name, within)

    def _role_held(self, story: int, role: str) -> Person | None:
        """The one person of the story holding the role (bot.core.introductions.role_held)."""
        return role_held(self.person_finder, self.corpus.stories[story], self.corpus.passages, role)

    def _story_asked(self, within: range | None, first_story: int | None) -> int | None:
        """The story a question is asked of (of one story: `within` its passages), else, library-wide, the story
        ranked first: whose roles, lead and things a rule reads."""
        return first_story if within is None else self.corpus.passages[within.start].story

    def _person_named(self, name: str, within: range | None) -> Person | None:
        """The one person whose name holds the name as typed (bot.core.introductions.person_named_alone: "sophie",
        "sophies"), of the stories (of one story: `within` its passages); None where its first word is a stop word
        ("the art dealer")."""
        typed = [word for word, _, _ in words(name)]
        if not typed or self.analyzer.term(typed[0]) is None:
            return None
        return person_named_alone(self.person_finder, name, within)

    def _written_or_named(self, word: str) -> bool:
        """Whether the stories write this word (_written), or it is a word of one of the library's people's names
        typed a letter off: "tell me about woh" asks of Brother Caspian Wohl and "did whyt sell the farm" of Angus
        Whyte, whom reading "who" and "why" lost. Said of a question word's slip (question_word_read) alone."""
        return self._written(word) or slip_of_any(bare_word(fold(word)), self._name_words)

    @functools.cached_property
    def _name_words(self) -> tuple[str, ...]:
        """The words of the library's people's names, folded, each once: read at the first question word typed a
        letter off, not at every start."""
        return tuple({part for name, _ in self.person_finder.named() for part in fold(name).split()})

    def _written(self, word: str) -> bool:
        """Whether the stories write this word as typed (its case, accents and possessive aside), not another form."""
        return self.speller.term_of(normalize_word(word)) is not None

    def _introduction_first(
        self, query: Query, ranked: list[Candidate], context: RankingContext
    ) -> tuple[list[Candidate], bool]:
        """For "Who is X?" about one known person, the passage that introduces them comes first, and for a fact asked of
        them the one telling it (_person_introduced: "How did Clara die?", "Where did Sébastien study?"); for "What is
        the name of the pub?", the one naming the story's pub, and for "What is Brackenholm Hall?", the one saying what
        it is (_lead). With whether a rule put a passage first that the ending must not move (_fate_at_end)."""
        first_story = ranked[0].view.story if ranked else None
        lead = self._lead(
            self._person_introduced(query, context.within, _stories_of(ranked)), query, context.within, first_story
        )
        if lead is None:
            return ranked, False
        intro = lead.passage
        first = next((c for c in ranked if c.doc == intro), None)
        if first is None:
            first = Candidate.of(intro, 0.0, self.analysed(intro), query)
        at_end = self._fate_at_end(query, intro, context.within, first_story)
        return [first, *(c for c in ranked if c.doc != intro)], at_end

    def _fate_at_end(self, query: Query, lead: int, within: range | None, first_story: int | None) -> bool:
        """Whether the question asks what becomes of someone in the end ("What happens to Forsythe in the end?") or
        who killed someone in it ("Who killed Edmund in the end?"), the shapes only the fate, death and killer rules
        answer: a passage a rule put first for it tells it, which _ending_first's latest passage need not; of the
        killer's, only where the killer rule itself led (`lead` its passage). Any other question's lead ("Who is the
        captain at the end?": the captain brought in) is still moved by _ending_first."""
        text = as_asked(query.text, query.corrections, self._written)
        asked = fate_asked(text)
        if asked is not None and asked.last:
            return True
        if killer_asked(text) is None:
            return False
        killer = self._killer_told(text, within, first_story)
        return killer is not None and killer.person.passage == lead

    def _ending_first(self, query: Query, ranked: list[Candidate], story: int | None) -> list[Candidate]:
        """For a question about how its story ends ("Who killed Edmund in the end?"), the latest passage of the first
        ranked one's story among those ranked comes first: a plot is told in order, and the passage that tells the
        end need not hold the question's words more than the earlier ones do. Asked of one story holding none of
        its other words ("How does it end?", "How does the film end?" of a story that never says "film"), or with no
        other words than the story's title ("How does The Salt Col end?": they name the story, not what happens), its
        last passage."""
        if not asks_for_ending(query.text):
            return ranked
        first = ranked[0].view.story if ranked else story
        if first is None:
            return ranked
        if ranked and not self._only_title_asked(query.text, first):
            latest = max((c for c in ranked if c.view.story == first), key=lambda c: c.view.passage.number)
            return [latest, *(c for c in ranked if c is not latest)]
        last = self.corpus.stories[first].first_passage + self.corpus.stories[first].passage_count - 1
        found = next((c for c in ranked if c.doc == last), None) or Candidate.of(last, 0.0, self.analysed(last), query)
        return [found, *(c for c in ranked if c is not found)]

    def _only_title_asked(self, question: str, story: int) -> bool:
        """Whether the ending question's words besides those asking for the ending and naming a work ("the film") are
        none ("How does the film end?") or its story's title ("How does The Salt Col end?"); not one word of it ("How
        does it end for Tobias?" of "Mara and Tobias")."""
        ending = ending_words_at(question)
        asked = (
            self.analyzer.term(word)
            for word, start, _ in words(question)
            if start not in ending and fold(word) not in WHOLE_WORKS
        )
        found = {term for term in asked if term is not None}
        return not found or found == set(self._title_terms(story))

    def _title_terms(self, story: int) -> list[str]:
        """The story's title as analysed: as the ending and setting rules compare what a question names it by."""
        return self.analyzer.terms(self.corpus.stories[story].title)

    def _hit(self, candidate: Candidate, query: Query, lead: Lead | None) -> Hit:
        """The candidate as an answer shows it; the passage of the `lead` (_lead: a person's introduction, or the
        story's naming of the thing asked) leads with its sentence ("Hannah Kessler, a forensic accountant, ...", "a
        pub called the Lamb"), where the sentences most like the question's words were quoted, and that sentence cut
        away."""
        passage = candidate.view.passage  # its place checked as it was read (bot.core.segment_library)
        story = self.corpus.stories[passage.story]
        matched = candidate.view.places(candidate.positions)
        model = SentenceModel.bundled()
        chances = model.answer_chances(candidate, query).tolist()
        if lead is not None and lead.passage == candidate.doc:
            chances = leading_with(passage.text, lead.sentence) or chances
        elif asks_for_ending(query.text):
            chances = closing(passage.text)
        excerpt = make_excerpt(passage.text, matched, chances, self.excerpt_chars, model.position)
        return Hit(
            story=story.title,
            path=story.path,
            passage=passage.number,
            passage_count=story.passage_count,
            score=candidate.bm25,
            excerpt=excerpt,
            paragraph=passage.paragraph,
            document=candidate.doc,
            chapter=passage.chapter,
            chapter_passage=passage.chapter_number,
        )

    def _no_answer(self, question: str, reason: NoAnswer, story: int | None, scope: str | None) -> Answer:
        """A question not ranked at all; asked of one story, it names that story and suggests one of its people, as
        a question that matches nothing there does."""
        example = self.example_person(story) if reason is NoAnswer.EMPTY else self.example_name(story)  # "Who is …?"
        return Answer(question=question, hits=(), reason=reason, example=example, scope=scope)


def _stories_of(ranked: Sequence[Candidate]) -> list[int]:
    """The stories of the ranked passages, in their rank, each once."""
    return list(dict.fromkeys(candidate.view.story for candidate in ranked))


_Key = TypeVar("_Key", bound=Hashable)
_Kept = TypeVar("_Kept")


def _kept(kept: OrderedDict[_Key, _Kept], key: _Key, limit: int, read: Callable[[], _Kept]) -> _Kept:
    """`read()` once a key while it is among the `limit` last asked of `kept`: another ranking thread may drop the key
    between looking and reading it, which only reads it again."""
    if key in kept:
        try:
            kept.move_to_end(key)
            return kept[key]
        except KeyError:
            pass
    value = read()
    kept[key] = value
    if len(kept) > limit:
        kept.popitem(last=False)
    return value
