"""A loaded corpus, ready to answer: corpus -> passages -> index -> answer."""

from __future__ import annotations

from pathlib import Path

from bot.core.analysis import Analyzer
from bot.core.answer import Answer, Hit, NoAnswer
from bot.core.cache import LibraryCache
from bot.core.corpus import Corpus, load_corpus
from bot.core.excerpt import make_excerpt
from bot.core.index import DEFAULT_PARAMS, BM25Index, BM25Params
from bot.core.performers import PerformerDirectory

MAX_QUESTION_CHARS = 1000
ALTERNATIVES = 3
# A passage answers only if it holds question terms carrying this share of the question's
# idf (words found nowhere in the stories count at the highest idf), so "who won the world cup"
# is not answered with the one passage that says "won".
MIN_MATCH = 0.25


class StoryLibrary:
    def __init__(
        self,
        corpus: Corpus,
        analyzer: Analyzer | None = None,
        params: BM25Params = DEFAULT_PARAMS,
        min_match: float = MIN_MATCH,
        *,
        index: BM25Index | None = None,
        performers: PerformerDirectory | None = None,
    ):
        """Analyses the corpus, unless its index and performers come ready-made (from the cache)."""
        self.corpus = corpus
        self.analyzer = analyzer or Analyzer()
        self.min_match = min_match
        if index is None:
            index = BM25Index((self.analyzer.terms(p.text) for p in corpus.passages), params)
        self.index = index
        self.performers = performers if performers is not None else PerformerDirectory.from_corpus(corpus)

    @classmethod
    def load(
        cls, root: Path | str, params: BM25Params = DEFAULT_PARAMS, cache: LibraryCache | None = None
    ) -> StoryLibrary:
        """Raises CorpusError when the folder holds no usable story."""
        root = Path(root)
        analyzer = Analyzer()
        key = cache.key(root, analyzer, params) if cache else ""
        cached = cache.load(root, key) if cache else None
        if cached is not None:
            corpus, index, performers = cached
            return cls(corpus, analyzer, params, index=index, performers=performers)
        library = cls(load_corpus(root), analyzer, params)
        if cache:
            value = (library.corpus, library.index, library.performers)
            cache.store(root, key, value, len(library.corpus.passages))
        return library

    def example_name(self) -> str:
        performers = self.performers.performers
        return performers[0].name if performers else self.corpus.stories[0].title

    def ask(self, question: str, count: int = 1 + ALTERNATIVES, offset: int = 0) -> Answer:
        """The best `count` passages after the first `offset`, or why there are none."""
        text = question.strip()
        if not text:
            return self._no_answer(
                question, NoAnswer.EMPTY, f'Ask me something about the stories, e.g. "Who is {self.example_name()}?"'
            )
        if len(text) > MAX_QUESTION_CHARS:
            return self._no_answer(
                question,
                NoAnswer.TOO_LONG,
                f"That question is {len(text):,} characters long; please ask in under "
                f"{MAX_QUESTION_CHARS:,} characters, with the names or key words that matter.",
            )
        terms = self.analyzer.terms(text)
        if not terms:
            return self._no_answer(
                question,
                NoAnswer.NO_CONTENT_WORDS,
                "I couldn't find that in the stories: your question has no words to search for "
                '(only common words like "what" or "the", or symbols). '
                f'Try names or key words, e.g. "{self.example_name()}".',
            )
        weights = {t: self.index.term_idf(t) or self.index.max_idf() for t in set(terms)}
        total = sum(weights.values())
        wanted = offset + count + 1
        hits: list[Hit] = []
        for doc, score in self.index.top(terms, wanted * 2 + 10):
            passage = self.corpus.passages[doc]
            matched = set(self.analyzer.terms(passage.text)) & weights.keys()
            if sum(weights[t] for t in matched) < self.min_match * total:
                continue
            story = self.corpus.stories[passage.story]
            excerpt = make_excerpt(passage.text, self.analyzer, weights)
            hits.append(Hit(story.title, story.path, passage.number, story.passage_count, score, excerpt))
            if len(hits) == wanted:
                break
        if not hits:
            return self._no_answer(
                question,
                NoAnswer.NO_MATCH,
                "I couldn't find that in the stories. Try other words, or a name from them, "
                f'e.g. "{self.example_name()}".',
            )
        page = tuple(hits[offset : offset + count])
        return Answer(question, page, offset=offset, more=len(hits) > offset + count)

    @staticmethod
    def _no_answer(question: str, reason: NoAnswer, message: str) -> Answer:
        return Answer(question, (), reason, message)
