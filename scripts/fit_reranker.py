"""Fits the re-ranking model on FairytaleQA train, SciFact train and plot summaries; writes bot/core/rerank/model.json.

    .venv/bin/pip install -e '.[fit]' && .venv/bin/python scripts/fit_reranker.py [--data DIR] [--kind KIND]

Three kinds of text, so the model learns what answers a question rather than what a fairy tale looks
like: every FairytaleQA train question asked library-wide (all train stories) and scoped to its
story, SciFact's train queries except the held-out fifth (`eval --beir ... --part held-out` measures
on those), and plot summaries (below). Val, the held-out queries and every test split are never read here.

For each question BM25Okapi's candidates (with the best passages of the stories it names) get every
signal's features, and each of them again times each feature of the text's shape (how long the
candidate's story is, how much of the list it holds: signals/shape.py), so that one model weighs its
signals apart on one-passage abstracts and on long stories. One of three models is fitted:

- `linear` (the default, shipped): a listwise softmax model (the chance a candidate is the answer is
  softmax(features @ weights) over its list) fitted by maximum likelihood with scipy's L-BFGS.
- `trees`: LightGBM's lambdarank, gradient-boosted trees that optimise NDCG by pairs of candidates,
  exported to plain arrays that `bot/core/rerank/trees.py` evaluates with numpy, and checked to
  score every training candidate exactly as LightGBM does. It gains on SciFact and loses
  story-scoped on FairytaleQA (docs/ranking.md), so the linear model is shipped.
- `blend`: both, scoring the linear score plus alpha times the trees'. Alpha is chosen by
  cross-validation on the training lists alone (each fold's lists scored by both models fitted on the
  other folds; the multiple of the scores' spread that puts an answer first in most lists, weighted as
  the fit weighs them), then both models are fitted on all of it.

SciFact carries SCIFACT_SHARE of the fit's weight, the plot summaries PLOTS_SHARE and FairytaleQA the rest, however
many lists each has.

`--squad FILE` adds a fourth kind of text, Wikipedia articles: SQuAD v1.1's dev set (dev-v1.1.json from
the SQuAD site, rajpurkar.github.io/SQuAD-explorer; CC BY-SA 4.0), each article a story, each question
asked library-wide (the fit part's articles) and scoped to its article, all but the third of the
articles held out for `eval --table` (bot/eval/squad.py). It carries `--squad-share` of the weight,
taken from FairytaleQA's. Without it the fit is as before, and reproduces the shipped model.

The third kind of text: plot summaries, the questions of `bench/untuned` to `untuned12`
(PLOT_SETS; each folder's stories and questions.jsonl, people's questions on invented film and book plots, written
for this project), carrying PLOTS_SHARE of the weight, taken from FairytaleQA's. Fitted on eight or nine of those sets,
the model put the answer first more often on the others it never saw, where fitted on four it had not
(docs/ranking.md: "Fitting on plot summaries too"). `--plots DIR ...` fits on other folders instead, `--no-plots` on
none (the model shipped before stop 81).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import lightgbm
import numpy as np
from scipy.optimize import minimize
from shipped_model import add_mode_arguments, quick_check, run, with_check, write_or_check

from bot.core.analysis import fold as folded
from bot.core.corpus import Corpus, load_corpus
from bot.core.library import StoryLibrary
from bot.core.rerank.model import MODEL_FILE, RankingModel, Reranker
from bot.core.rerank.trees import TreeData, TreeEnsemble, lightgbm_trees
from bot.eval.beir import Part, beir_corpus, load_queries
from bot.eval.questions import load_questions, story_holding
from bot.eval.sections import SectionQuestion, load_section_questions, sections_corpus
from bot.eval.squad import squad_set

ROOT = Path(__file__).resolve().parents[1]
SCIFACT_SHARE = 0.2
SQUAD_SHARE = 0.2
"""SQuAD's share of the fit when --squad is given (FairytaleQA's is what SciFact and SQuAD leave)."""
PLOTS_SHARE = 0.1
"""The plot summaries' share of the fit, taken from FairytaleQA's."""
PLOT_SETS = tuple(ROOT / "bench" / name for name in ("untuned", *(f"untuned{number}" for number in range(2, 13))))
"""The plot-summary sets the shipped model is fitted on: named, so that a set added to bench/ is measured before it
is fitted on."""
MODEL = ROOT / "bot" / "core" / "rerank" / MODEL_FILE
TREE_SETTINGS: dict[str, object] = {
    "objective": "lambdarank",
    "lambdarank_truncation_level": 10,
    "learning_rate": 0.05,
    "num_leaves": 15,
    "min_data_in_leaf": 100,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "feature_fraction": 0.8,
    "lambda_l2": 1.0,
    "seed": 7,
    "num_threads": 1,
    "deterministic": True,
    "force_row_wise": True,
    "verbose": -1,
}
TREE_ROUNDS = 300
FOLDS = 5
ALPHA_MULTIPLES = (0.0, 0.125, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
"""The blend's candidate alphas, as multiples of the linear scores' spread over the trees'."""


@dataclass(frozen=True)
class CandidateLists:
    """Every question's candidates, one row each: features, whether it answers, and its question's list."""

    name: str
    features: np.ndarray
    answers: np.ndarray
    sizes: np.ndarray
    """Rows per list, in order."""
    folds: np.ndarray
    """Each list's cross-validation fold, from a hash of its story (or query): `--cross-validate`."""
    kinds: tuple[str, ...]
    """Each list's kind, reported apart by `--cross-validate` ("library", "story")."""

    @classmethod
    def of(cls, name: str, lists: list[ListOf], width: int) -> CandidateLists:
        if not lists:
            empty = np.zeros(0, dtype=np.int64)
            return cls(name, np.zeros((0, width)), np.zeros(0, dtype=bool), empty, empty, ())
        return cls(
            name,
            np.vstack([item.features for item in lists]),
            np.concatenate([item.answers for item in lists]),
            np.array([len(item.answers) for item in lists]),
            np.array([_fold(item.key) for item in lists]),
            tuple(item.kind for item in lists),
        )

    def subset(self, keep: np.ndarray) -> CandidateLists:
        """The lists where `keep` is true."""
        rows = np.repeat(keep, self.sizes)
        kinds = tuple(k for k, kept in zip(self.kinds, keep, strict=True) if kept)
        return CandidateLists(
            self.name, self.features[rows], self.answers[rows], self.sizes[keep], self.folds[keep], kinds
        )


@dataclass(frozen=True)
class ListOf:
    """One question's candidates: their features, which answer it, what it is folded by, and its kind."""

    features: np.ndarray
    answers: np.ndarray
    key: str
    kind: str


def _fold(key: str) -> int:
    """From the hash's second byte: its first picks SciFact's held-out fifth (bot.eval.beir), which the
    fit never sees, so folding by it left one of SciFact's five folds empty."""
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()[1] % FOLDS


CHECK_FOLD = 0
CHECK_PART = f"the questions of fold {CHECK_FOLD} of {FOLDS}, by story or query"
"""What `--quick-check` refits, and each model's check record holds the fit of (scripts/shipped_model.py): a fifth."""


def in_check_part(key: str) -> bool:
    """Whether the questions of this story (or this SciFact query) are `--quick-check`'s."""
    return _fold(key) == CHECK_FOLD


def _useful(answers: np.ndarray) -> bool:
    """A list teaches something only if it holds an answer and a non-answer."""
    return bool(answers.any() and not answers.all())


def fairytale_lists(train: Path, reranker: Reranker, *, check_part: bool = False) -> CandidateLists:
    """Every question's lists, or with `check_part` those of `--quick-check`'s stories only (over all of them)."""
    questions = load_section_questions(train / "questions.jsonl")
    if check_part:
        questions = [item for item in questions if in_check_part(item.file)]
    return section_lists("FairytaleQA train", sections_corpus(train, []), questions, reranker)


def squad_lists(path: Path, reranker: Reranker) -> CandidateLists:
    corpus, questions = squad_set(path, Part.FIT)
    return section_lists("SQuAD dev (fit part)", corpus, questions, reranker)


def section_lists(name: str, corpus: Corpus, questions: list[SectionQuestion], reranker: Reranker) -> CandidateLists:
    """Every question asked library-wide (over the corpus' stories) and scoped to its story."""
    names = reranker.model_columns
    library = StoryLibrary(corpus, reranker=reranker)
    story_by_path = {story.path: n for n, story in enumerate(library.corpus.stories)}
    lists = []
    for item in questions:
        story = story_by_path[item.file]
        for scope in (None, story):
            candidates, context = library.candidates(library.query(item.question, scope), scope)
            answers = np.array(
                [c.view.passage.story == story and c.view.passage.paragraph in item.sections for c in candidates]
            )
            if _useful(answers):
                kind = "library" if scope is None else "story"
                lists.append(ListOf(reranker.columns(candidates, context, names), answers, item.file, kind))
    return CandidateLists.of(name, lists, len(names))


def plot_lists(folders: list[Path], reranker: Reranker, *, check_part: bool = False) -> CandidateLists:
    """Questions people ask of plot summaries: each folder's corpus/ and questions.jsonl (bench/untuned*), each
    question answered by the passages holding its phrase, asked library-wide (over that folder's stories) and scoped
    to the one story holding the phrase; a phrase no story or several hold is left out. With `check_part`, the
    questions of `--quick-check`'s stories only (asked over all of them)."""
    names = reranker.model_columns
    lists = []
    for folder in folders:
        library = StoryLibrary(load_corpus(folder / "corpus"), reranker=reranker)
        for question, expect in load_questions(folder / "questions.jsonl"):
            wanted = folded(expect)
            story = story_holding(library, wanted)
            if story is None:
                continue
            key = f"{folder.name}/{library.corpus.stories[story].path}"
            if check_part and not in_check_part(key):
                continue
            for scope in (None, story):
                candidates, context = library.candidates(library.query(question, scope), scope)
                answers = np.array([wanted in folded(c.view.passage.text) for c in candidates])
                if _useful(answers):
                    kind = "library" if scope is None else "story"
                    lists.append(ListOf(reranker.columns(candidates, context, names), answers, key, kind))
    return CandidateLists.of("plot summaries", lists, len(names))


def scifact_lists(folder: Path, reranker: Reranker, *, check_part: bool = False) -> CandidateLists:
    """Every fit query's list, or with `check_part` those of `--quick-check`'s queries only."""
    names = reranker.model_columns
    corpus, doc_ids = beir_corpus(folder)
    library = StoryLibrary(corpus, min_match=0.0, reranker=reranker)
    queries, qrels = load_queries(folder, "train", Part.FIT)
    lists = []
    for query_id, text in queries.items():
        if check_part and not in_check_part(query_id):
            continue
        candidates, context = library.candidates(library.query(text), None)
        answers = np.array([qrels[query_id].get(doc_ids[c.doc], 0) > 0 for c in candidates])
        if _useful(answers):
            lists.append(ListOf(reranker.columns(candidates, context, names), answers, query_id, "library"))
    return CandidateLists.of("SciFact train (fit part)", lists, len(names))


def list_weights(sets: list[CandidateLists], shares: list[float]) -> np.ndarray:
    """Each list's weight: each set carries its share of the total, shared equally by its lists."""
    total = sum(len(s.sizes) for s in sets)
    return np.concatenate(
        [np.full(len(s.sizes), share * total / max(len(s.sizes), 1)) for s, share in zip(sets, shares, strict=True)]
    )


def fit_linear(
    sets: list[CandidateLists], shares: list[float], names: list[str], regularisation: float
) -> dict[str, object]:
    features = np.vstack([s.features for s in sets])
    answers = np.concatenate([s.answers for s in sets])
    sizes = np.concatenate([s.sizes for s in sets])
    group = np.repeat(np.arange(len(sizes)), sizes)
    weight = list_weights(sets, shares)

    def loss(weights: np.ndarray) -> tuple[float, np.ndarray]:
        scores = features @ weights
        top = np.full(len(sizes), -np.inf)
        np.maximum.at(top, group, scores)
        exp = np.exp(scores - top[group])
        total = np.bincount(group, exp)
        hit = np.bincount(group, exp * answers)
        value = -np.sum(weight * (np.log(hit) - np.log(total))) + regularisation * weights @ weights
        share_all = exp / total[group]
        share_hit = np.where(answers, exp / hit[group], 0.0)
        gradient = features.T @ (weight[group] * (share_all - share_hit)) + 2 * regularisation * weights
        return float(value), gradient

    fitted = minimize(loss, np.zeros(features.shape[1]), jac=True, method="L-BFGS-B").x
    weights = {name: round(float(w), 4) for name, w in zip(names, fitted, strict=True)}
    for name, value in weights.items():
        print(f"  {name:<16}{value:+.4f}")
    return {"kind": "linear", "weights": weights}


def fit_trees(sets: list[CandidateLists], shares: list[float], names: list[str]) -> dict[str, object]:
    features = np.vstack([s.features for s in sets])
    answers = np.concatenate([s.answers for s in sets]).astype(np.int64)
    sizes = np.concatenate([s.sizes for s in sets])
    data = lightgbm.Dataset(features, answers, group=sizes, weight=np.repeat(list_weights(sets, shares), sizes))
    booster = lightgbm.train(TREE_SETTINGS, data, num_boost_round=TREE_ROUNDS)
    trees = lightgbm_trees(booster.dump_model())
    check_export(booster, trees, features)
    gains = booster.feature_importance("gain")
    for name, gain in sorted(zip(names, gains, strict=True), key=lambda item: -item[1]):
        print(f"  {name:<16}gain {gain:,.0f}")
    return {"kind": "trees", "features": names, "settings": TREE_SETTINGS | {"rounds": TREE_ROUNDS}, "trees": trees}


def check_export(booster: lightgbm.Booster, trees: list[TreeData], features: np.ndarray) -> None:
    """The exported trees must score every training candidate as LightGBM does."""
    expected = booster.predict(features, raw_score=True)
    got = TreeEnsemble.of(trees).predict(features)
    worst = float(np.max(np.abs(expected - got))) if len(got) else 0.0
    if worst > 1e-9:
        raise AssertionError(f"the exported trees differ from LightGBM's by up to {worst}")
    print(f"export checked on {len(got):,} candidates: largest difference {worst:.1e}")


def fit_blend(
    sets: list[CandidateLists], shares: list[float], names: list[str], regularisation: float
) -> dict[str, object]:
    linear = held_out_scores("linear", sets, shares, names, regularisation)
    trees = held_out_scores("trees", sets, shares, names, regularisation)
    weight = list_weights(sets, shares)
    spread = float(np.std(np.concatenate(linear)) / max(float(np.std(np.concatenate(trees))), 1e-12))
    best, best_share = 0.0, -1.0
    for multiple in ALPHA_MULTIPLES:
        alpha = multiple * spread
        hits = np.concatenate(
            [first_answers(s, lin + alpha * tre) for s, lin, tre in zip(sets, linear, trees, strict=True)]
        )
        share = float(np.sum(weight * hits) / np.sum(weight))
        print(f"  alpha {alpha:.4f} ({multiple} x spread): weighted cross-validated top-1 {share:.4f}")
        print_top_1(sets, [lin + alpha * tre for lin, tre in zip(linear, trees, strict=True)], "    ")
        if share > best_share:  # ties keep the smaller alpha, the simpler model
            best, best_share = alpha, share
    print(f"  alpha chosen: {best:.4f}")
    return {
        "kind": "blend",
        "alpha": round(best, 6),
        "linear": fit_linear(sets, shares, names, regularisation),
        "trees": fit_trees(sets, shares, names),
    }


def fit(
    kind: str, sets: list[CandidateLists], shares: list[float], names: list[str], regularisation: float
) -> dict[str, object]:
    if kind == "blend":
        return fit_blend(sets, shares, names, regularisation)
    return fit_trees(sets, shares, names) if kind == "trees" else fit_linear(sets, shares, names, regularisation)


def held_out_scores(
    kind: str, sets: list[CandidateLists], shares: list[float], names: list[str], regularisation: float
) -> list[np.ndarray]:
    """Each set's candidates scored by a model fitted on the other folds of the lists given."""
    scores = [np.zeros(len(s.answers)) for s in sets]
    for fold in sorted({int(f) for s in sets for f in s.folds}):
        model = RankingModel.from_json(
            fit(kind, [s.subset(s.folds != fold) for s in sets], shares, names, regularisation)
        )
        for s, out in zip(sets, scores, strict=True):
            rows = np.repeat(s.folds == fold, s.sizes)
            out[rows] = model.score(s.features[rows])
    return scores


def first_answers(lists: CandidateLists, scores: np.ndarray) -> np.ndarray:
    """1.0 for each list whose best-scored candidate answers (the first of equals, as the bot orders them)."""
    starts = np.cumsum(lists.sizes) - lists.sizes
    return np.array(
        [
            float(lists.answers[start + int(np.argmax(scores[start : start + size]))])
            for start, size in zip(starts, lists.sizes, strict=True)
        ]
    )


def cross_validate(
    kind: str, sets: list[CandidateLists], shares: list[float], names: list[str], regularisation: float
) -> None:
    """Each fold fitted on the others and scored on its own: the share of lists whose first candidate
    answers, per set and kind, over every fold (a steadier comparison of features than val alone).
    A blend chooses its alpha within each fit's folds, so the fold scored never picks it."""
    print_top_1(sets, held_out_scores(kind, sets, shares, names, regularisation), "")


def print_top_1(sets: list[CandidateLists], scores: list[np.ndarray], indent: str) -> None:
    """Each set's and kind's share of lists whose best-scored candidate answers, from held-out scores."""
    for s, scored in zip(sets, scores, strict=True):
        hits = first_answers(s, scored)
        for list_kind in sorted(set(s.kinds)):
            found = hits[np.array(s.kinds) == list_kind]
            print(f"{indent}cross-validated top-1 {s.name}, {list_kind}: {np.mean(found):.4f} of {len(found):,} lists")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--kind", choices=("linear", "trees", "blend"), default="linear")
    parser.add_argument("--scifact-share", type=float, default=SCIFACT_SHARE, help="SciFact's share of the fit")
    parser.add_argument(
        "--squad", type=Path, metavar="FILE", help="also fit on SQuAD v1.1's dev-v1.1.json, all but its held-out third"
    )
    parser.add_argument("--squad-share", type=float, default=SQUAD_SHARE, help="SQuAD's share of the fit, with --squad")
    plots = parser.add_mutually_exclusive_group()
    plots.add_argument(
        "--plots",
        type=Path,
        nargs="+",
        default=list(PLOT_SETS),
        metavar="DIR",
        help="fit on these folders' plot-summary questions (default: bench/untuned to untuned12)",
    )
    plots.add_argument("--no-plots", action="store_const", const=[], dest="plots", help="fit on no plot summaries")
    parser.add_argument("--plots-share", type=float, default=PLOTS_SHARE, help="the plot summaries' share of the fit")
    parser.add_argument("--regularisation", type=float, default=1.0, help="linear: L2 penalty on the weights")
    parser.add_argument("--without", action="append", default=[], metavar="SIGNAL", help="fit without this signal")
    parser.add_argument("--output", type=Path, default=MODEL)
    add_mode_arguments(parser, cross_validate=f"score {FOLDS}-fold cross-validation instead of writing a model")
    args = parser.parse_args()
    reranker = Reranker(RankingModel.linear({}), disabled=args.without)
    names = reranker.model_columns
    others = [
        args.scifact_share,
        *([args.squad_share] if args.squad else []),
        *([args.plots_share] if args.plots else []),
    ]
    if min(1 - sum(others), *others) <= 0:  # FairytaleQA's share is what the others leave
        parser.error("each kind of text needs a share of the fit above 0, FairytaleQA's what the others leave")
    shipped_plots = [folder.resolve() for folder in args.plots] == list(PLOT_SETS)
    if args.quick_check and (args.squad is not None or not shipped_plots or args.plots_share != PLOTS_SHARE):
        parser.error("--quick-check checks the shipped fit: FairytaleQA, SciFact and PLOT_SETS at their shares")
    sets = [
        fairytale_lists(args.data / "fairytaleqa" / "train", reranker, check_part=args.quick_check),
        scifact_lists(args.data / "scifact", reranker, check_part=args.quick_check),
    ]
    shares = [1 - args.scifact_share, args.scifact_share]
    if args.squad is not None:
        sets.append(squad_lists(args.squad, reranker))
        shares = [1 - args.scifact_share - args.squad_share, args.scifact_share, args.squad_share]
    if args.plots:
        sets.append(plot_lists(args.plots, reranker, check_part=args.quick_check))
        shares = [shares[0] - args.plots_share, *shares[1:], args.plots_share]
    for s in sets:
        print(f"{s.name}: {len(s.sizes):,} candidate lists, {len(s.answers):,} candidates")
    if args.cross_validate:
        cross_validate(args.kind, sets, shares, names, args.regularisation)
        return
    if args.quick_check:
        if not quick_check(args.output, CHECK_PART, fit(args.kind, sets, shares, names, args.regularisation)):
            sys.exit(1)
        return
    model = fit(args.kind, sets, shares, names, args.regularisation)
    part = fit(args.kind, [s.subset(s.folds == CHECK_FOLD) for s in sets], shares, names, args.regularisation)
    note = (
        f"Fitted by scripts/fit_reranker.py --kind {args.kind} --scifact-share {args.scifact_share} on "
        "FairytaleQA train and SciFact train (all but the held-out fifth of its queries)."
    )
    if args.squad is not None:
        note = (
            f"Fitted by scripts/fit_reranker.py --kind {args.kind} --scifact-share {args.scifact_share} --squad "
            f"dev-v1.1.json --squad-share {args.squad_share} on FairytaleQA train, SciFact train (all but the "
            "held-out fifth of its queries) and SQuAD v1.1 dev (all but the held-out third of its articles)."
        )
    if args.plots:
        note += (
            f" And plot summaries, share {args.plots_share}: the questions of {', '.join(f.name for f in args.plots)}."
        )
    if not write_or_check(args.output, with_check({"note": note} | model, CHECK_PART, part), check=args.check):
        sys.exit(1)
    RankingModel.from_json(json.loads(args.output.read_text("utf-8")))  # it loads as the bot loads it


if __name__ == "__main__":
    run(main)
