"""One module a signal; ALL_SIGNALS is the order their features are combined in."""

from bot.core.rerank.signals.answer_kind import AnswerKindSignal
from bot.core.rerank.signals.bm25 import BM25Signal
from bot.core.rerank.signals.coverage import CoverageSignal
from bot.core.rerank.signals.follows import FollowsSignal
from bot.core.rerank.signals.named import NamedStorySignal
from bot.core.rerank.signals.phrase import PhraseSignal
from bot.core.rerank.signals.proximity import ProximitySignal
from bot.core.rerank.signals.rarity import RaritySignal
from bot.core.rerank.signals.related import RelatedSignal
from bot.core.rerank.signals.sentence import SentenceSignal
from bot.core.rerank.signals.shape import ShapeSignal
from bot.core.rerank.signals.story import StorySignal
from bot.core.rerank.signals.term_pair import TermPairSignal

ALL_SIGNALS = (
    BM25Signal,
    CoverageSignal,
    SentenceSignal,
    ProximitySignal,
    PhraseSignal,
    StorySignal,
    AnswerKindSignal,
    NamedStorySignal,
    TermPairSignal,
    RelatedSignal,
    RaritySignal,
    FollowsSignal,
    ShapeSignal,
)
