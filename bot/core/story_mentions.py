"""Which stories a question names: by a person of the stories, or by words of a story's title.

"What instrument does sophie play" is about Sophie Korolev's story although "play" weighs more in
BM25 than "sophie", which most of her story's passages repeat. A name is matched as the people
finder knows it: any of its words (first name, surname, full name), in any case or accents, or a
small typo of one ("sebastein"), but never by a stop word within it: "A-Sung" and "Okuni-nushi-no-Mikoto" are named
by "sung" and "okuni", not by every question's "a" and "no". A title is matched by its analysed terms. A word most
stories hold names none ("the king" of a library of fairy tales, one of which has a "King Olaf"). Both are signals
for ranking, never filters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from bot.core.analysis import Analyzer, normalize_word, words
from bot.core.corpus import Story
from bot.core.near_words import JoinedNearWords, NearWords
from bot.core.sequences import Chained, Overlaid
from bot.core.spelling import MIN_LENGTH, max_edits

SPECIFIC = 3
"""A name word or title term shared by more stories than this, as a word of their people's names or titles or
anywhere in their text, says little about which is meant."""


@dataclass(frozen=True)
class StoryMentions:
    stories: Mapping[int, float] = field(default_factory=dict)
    """Story -> the share of the question's naming words (a person's name, a title's word) that point to it:
    "Sofia Kalmurzaeva" gives Sofia's story 1 and Sébastien Kalmurzaeva's 0.5."""

    def strongest(self, limit: int, rank: Callable[[int], int] | None = None) -> list[int]:
        """The stories named most clearly, at most `limit`, best first, ties in story order or `rank`'s (a library
        joined from segments numbers a story added since after the others: its ties go in file order)."""
        return sorted(self.stories, key=lambda s: (-self.stories[s], s if rank is None else rank(s)))[:limit]


class MentionFinder:
    def __init__(self, stories: Sequence[Story], people: Iterable[tuple[str, str]], analyzer: Analyzer):
        """`people`: each person's name and story file. A name is analysed once however many stories
        it is found in (a big library's tens of thousands of people share far fewer names)."""
        story_of_path = {story.path: number for number, story in enumerate(stories)}
        stories_of_name: dict[str, set[int]] = {}
        for name, path in people:
            story_number = story_of_path.get(path)
            if story_number is not None:
                stories_of_name.setdefault(name, set()).add(story_number)
        normalized: dict[str, str] = {}
        name_stories: dict[str, set[int]] = {}
        for name, numbers in stories_of_name.items():
            for word, _, _ in words(name):
                if analyzer.term(word) is None:  # the "A" of "A-Sung", the "no" of "Okuni-nushi-no-Mikoto"
                    continue
                key = normalized.get(word)
                if key is None:
                    key = normalized[word] = normalize_word(word)
                name_stories.setdefault(key, set()).update(numbers)
        title_stories: dict[str, set[int]] = {}
        for number, story in enumerate(stories):
            for term in analyzer.terms(story.title):
                title_stories.setdefault(term, set()).add(number)
        self._hold((frozenset(story_of_path),), name_stories, sorted(name_stories), title_stories, analyzer)
        self._first: tuple[MentionFinder, list[str]] | None = None
        """A joined finder's first finder and the name words it lacks: its near-name search is shared."""

    def _hold(
        self,
        paths: tuple[frozenset[str], ...],
        name_stories: Mapping[str, set[int]],
        name_words: Sequence[str],
        title_stories: Mapping[str, set[int]],
        analyzer: Analyzer,
    ) -> None:
        self._paths = paths
        """Its stories' files, as its parts hold them."""
        self._name_stories = name_stories
        self._name_words = name_words
        """The name words, sorted (a joined finder's: its first's, then those the others add)."""
        self._title_stories = title_stories
        self.analyzer = analyzer

    @classmethod
    def joined(cls, finders: Sequence[MentionFinder], first_stories: Sequence[int]) -> MentionFinder | None:
        """The finder of the finders' stories one after the other (each part's numbered on from `first_stories`), as
        one built over them all finds, without analysing the titles and names again: a server's view joins the
        owner's finder, built once, with its shelf's. The first finder's maps and words are read through, neither
        copied nor walked, so the join costs what the later parts hold. None when two parts have a story file of the
        same path (one build maps both parts' people to the later story) or analyse otherwise."""
        first = finders[0]
        for number, finder in enumerate(finders[1:], start=1):
            if finder.analyzer.signature != first.analyzer.signature:
                return None
            earlier = [paths for before in finders[:number] for paths in before._paths]
            if any(path in held for paths in finder._paths for path in paths for held in earlier):
                return None
        later = list(zip(finders[1:], first_stories[1:], strict=False))
        name_stories = _joined(first._name_stories, [(finder._name_stories, offset) for finder, offset in later])
        title_stories = _joined(first._title_stories, [(finder._title_stories, offset) for finder, offset in later])
        words = (word for finder in finders[1:] for word in finder._name_words if word not in first._name_stories)
        added = list(dict.fromkeys(words))
        joined = cls.__new__(cls)
        paths = tuple(held for finder in finders for held in finder._paths)
        joined._hold(paths, name_stories, Chained(first._name_words, added), title_stories, first.analyzer)
        joined._first = (first, added)
        return joined

    @cached_property
    def _near_names(self) -> NearWords | JoinedNearWords:
        """Built at the first word that may be a misspelt name, not at every start; a joined finder's, of its first
        finder's names (searched by the first's, built once) and the others' (_near_name takes the closest names
        whatever their order)."""
        if self._first is None:
            return NearWords(self._name_words)
        first, added = self._first
        return JoinedNearWords(first._near_names, len(first._name_words), NearWords(added))

    def find(self, question: str, known: Mapping[str, int], spread: Callable[[str], int]) -> StoryMentions:
        """The stories the question names. `known` holds the library's terms: a word whose term is not
        among them may be a typo of a name; a known word is taken only as it is. `spread` says how many stories
        hold a term anywhere in their text: a word more than SPECIFIC stories hold names none of them, however few
        stories' people or titles it is found in ("king" of "King Olaf", "jack" in a library of Jack tales)."""
        named: list[set[int]] = []
        for word, _, _ in words(question):
            normalized = normalize_word(word)
            term = self.analyzer.term(word)
            if term is not None and spread(term) > SPECIFIC:
                continue
            stories = set(self._name_stories.get(normalized, ()))
            if not stories and term is not None and term not in known:
                stories = self._near_name(normalized)
            if term is not None:
                stories |= self._title_stories.get(term, set())
            if 0 < len(stories) <= SPECIFIC:
                named.append(stories)
        shares: dict[int, float] = {}
        for stories in named:
            for story in stories:
                shares[story] = shares.get(story, 0.0) + 1 / len(named)
        return StoryMentions(shares)

    def _near_name(self, word: str) -> set[int]:
        """The stories of the name word a small typo away, if exactly one is closest."""
        if len(word) < MIN_LENGTH or not word.isalpha() or not self._name_words:
            return set()
        found = self._near_names.closest(word, max_edits(word), 5)
        if not found:
            return set()
        closest = min(distance for _, distance, _ in found)
        best = [name for name, distance, _ in found if distance == closest]
        return set(self._name_stories[best[0]]) if len(best) == 1 else set()


def _joined(first: Mapping[str, set[int]], later: list[tuple[Mapping[str, set[int]], int]]) -> Overlaid[str, set[int]]:
    """The first part's stories of each word, read through, and the later parts', each numbered on by its offset, in
    a new set where the word already has some (the earlier parts' sets are shared, never changed)."""
    added: dict[str, set[int]] = {}
    for part, offset in later:
        for word, stories in part.items():
            moved = {story + offset for story in stories}
            held = added.get(word, first.get(word))
            added[word] = moved if held is None else held | moved
    return Overlaid(added, first)
