"""Which stories a question names: by a person of the stories, or by words of a story's title.

"What instrument does sophie play" is about Sophie Korolev's story although "play" weighs more in
BM25 than "sophie", which most of her story's passages repeat. A name is matched as the people
finder knows it: any of its words (first name, surname, full name), in any case or accents, or a
small typo of one ("sebastein"). A title is matched by its analysed terms. Both are signals for
ranking, never filters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from bot.core.analysis import Analyzer, normalize_word, words
from bot.core.corpus import Story
from bot.core.near_words import NearWords
from bot.core.spelling import MIN_LENGTH, max_edits

SPECIFIC = 3
"""A name word or title term shared by more stories than this says little about which is meant."""


@dataclass(frozen=True)
class StoryMentions:
    stories: Mapping[int, float] = field(default_factory=dict)
    """Story -> the share of the question's naming words (a person's name, a title's word) that point to it:
    "Sofia Kalmurzaeva" gives Sofia's story 1 and Sébastien Kalmurzaeva's 0.5."""

    def strongest(self, limit: int) -> list[int]:
        """The stories named most clearly, at most `limit`, best first (ties in story order)."""
        return sorted(self.stories, key=lambda s: (-self.stories[s], s))[:limit]


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
        self._name_stories: dict[str, set[int]] = {}
        for name, numbers in stories_of_name.items():
            for word, _, _ in words(name):
                key = normalized.get(word)
                if key is None:
                    key = normalized[word] = normalize_word(word)
                self._name_stories.setdefault(key, set()).update(numbers)
        self._name_words = sorted(self._name_stories)
        self._title_stories: dict[str, set[int]] = {}
        for number, story in enumerate(stories):
            for term in analyzer.terms(story.title):
                self._title_stories.setdefault(term, set()).add(number)
        self._analyzer = analyzer

    @cached_property
    def _near_names(self) -> NearWords:
        """Built at the first word that may be a misspelt name, not at every start."""
        return NearWords(self._name_words)

    def find(self, question: str, known: Mapping[str, int]) -> StoryMentions:
        """The stories the question names. `known` holds the library's terms: a word whose term is not
        among them may be a typo of a name; a known word is taken only as it is."""
        named: list[set[int]] = []
        for word, _, _ in words(question):
            normalized = normalize_word(word)
            term = self._analyzer.term(word)
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
