"""Ranking quality on a BEIR-layout collection, through the same analysis and index the bot uses."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from bot.core.corpus import Corpus, Passage, Story
from bot.core.library import StoryLibrary
from bot.eval.metrics import evaluate

DEPTH = 100  # documents retrieved per query, as BEIR does for Recall@100
HELD_OUT_SHARE = 5
"""One query in this many (by a hash of its id) is held out of fitting, to choose the ranking model by."""


class Part(StrEnum):
    """Which of a split's queries to measure: all, those the re-ranker may be fitted on, or the held-out ones."""

    ALL = "all"
    FIT = "fit"
    HELD_OUT = "held-out"

    def holds(self, query_id: str) -> bool:
        if self is Part.ALL:
            return True
        held_out = hashlib.blake2b(query_id.encode("utf-8"), digest_size=8).digest()[0] % HELD_OUT_SHARE == 0
        return held_out == (self is Part.HELD_OUT)


class DatasetFault(StrEnum):
    """Why `eval` cannot use a data set it was given: the reason code of DatasetError, worded by bot.messages, with
    the facts said beside each."""

    BEIR_FILE_MISSING = "beir_file_missing"
    """A BEIR folder lacks `file` (corpus.jsonl or queries.jsonl)."""
    QRELS_MISSING = "qrels_missing"
    """A BEIR folder has no qrels `file` for the split asked for."""
    UNREADABLE = "unreadable"
    """A data `file` is there but cannot be read (a folder, its permissions): `detail`, the system's words."""
    BEIR_LINE = "beir_line"
    """`file`'s `line` (corpus.jsonl's or queries.jsonl's) is no record: `missing`, the field it lacks, or `detail`."""
    QRELS_LINE = "qrels_line"
    """The qrels `file`'s `line` is no judgement with a whole-number score: `detail`, the parser's words."""
    SECTIONS_MISSING = "sections_missing"
    """A sections folder lacks its questions.jsonl, `file`."""
    SECTIONS_LINE = "sections_line"
    """`file`'s `line` is no sections question: `missing`, the field it lacks, or `detail`, the parser's words."""
    NOT_IN_CORPUS = "not_in_corpus"
    """The `question` is about `story_file`, which the corpus lacks."""
    QUESTIONS_MISSING = "questions_missing"
    """The owner's questions `file` does not exist."""
    QUESTIONS_LINE = "questions_line"
    """`file`'s `line` is no question and phrase: `missing`, the field it lacks, or `detail`, the parser's words."""
    NO_EXPECTED = "no_expected"
    """`file` has no question with an expected phrase filled in."""
    LABELS_MISSING = "labels_missing"
    """The people's labels `file` does not exist."""
    LABELS_LINE = "labels_line"
    """`file`'s `line` is no label: `missing`, the field it lacks, or `detail`, the parser's words."""
    SQUAD_MISSING = "squad_missing"
    """SQuAD's `file` does not exist."""
    NOT_SQUAD = "not_squad"
    """`file` is not SQuAD v1.1's JSON: `detail`, why."""
    NO_ARTICLES = "no_articles"
    """SQuAD's `file` has no articles."""
    EMPTY_PARAGRAPH = "empty_paragraph"
    """The article titled `title` has a paragraph without text."""
    NOT_A_MODEL = "not_a_model"
    """`file` is no ranking model: `detail`, why."""


class DatasetError(Exception):
    """A data set `eval` was given cannot be used: a reason code and the facts bot.messages names. Its str() is the
    code and the file, for a log."""

    def __init__(
        self,
        fault: DatasetFault,
        *,
        file: Path | None = None,
        line: int = 0,
        detail: str = "",
        question: str = "",
        story_file: str = "",
        title: str = "",
        missing: str = "",
    ):
        super().__init__(f"{fault.value}: {file or story_file or title}")
        self.fault = fault
        self.file = file
        self.line = line
        self.detail = detail
        self.question = question
        self.story_file = story_file
        self.title = title
        self.missing = missing
        """The field a bad line lacks ("expect"), where the parser's words would be a quoted name alone."""

    @classmethod
    def of_line(cls, fault: DatasetFault, file: Path, line: int, error: Exception) -> DatasetError:
        """A data set's bad line: the field it lacks, or the parser's words; a line that is no JSON object says
        nothing beyond the shape expected ("list indices must be integers" is Python's, not the file's)."""
        if isinstance(error, KeyError):
            return cls(fault, file=file, line=line, missing=str(error.args[0]))
        return cls(fault, file=file, line=line, detail="" if isinstance(error, TypeError) else str(error))


@dataclass(frozen=True, kw_only=True)
class BeirResult:
    dataset: str
    split: str
    queries: int
    documents: int
    metrics: dict[str, float]
    queries_per_second: float


def data_lines(path: Path, fault: DatasetFault) -> Iterator[tuple[int, str]]:
    """A data file's lines that hold anything, with their numbers, decoded one at a time: a byte that is not UTF-8
    names its line (`fault`), where the whole file's decoding was a traceback. A byte order mark first (an editor's
    "UTF-8 with BOM") is no part of the first line, nor a carriage return (Windows' line ends) of any line."""
    try:
        whole = path.read_bytes()  # a pipe's too: `feedback export -` into `eval --questions /dev/stdin`
    except OSError as error:
        raise DatasetError(DatasetFault.UNREADABLE, file=path, detail=error.strerror or str(error)) from error
    for number, raw in enumerate(whole.split(b"\n"), start=1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8").removesuffix("\r")
        except UnicodeDecodeError as error:
            raise DatasetError.of_line(fault, path, number, error) from error
        if line.strip():
            yield number, line


def _jsonl(path: Path, fields: tuple[str, ...]) -> list[dict[str, str]]:
    """A BEIR file's records, each holding `fields`, every value as text (a null as ""); a bad line is named, not a
    traceback."""
    if not path.exists():
        raise DatasetError(DatasetFault.BEIR_FILE_MISSING, file=path)
    records = []
    for number, line in data_lines(path, DatasetFault.BEIR_LINE):
        try:
            item = json.loads(line)
            if not isinstance(item, dict):
                raise TypeError("not an object")
            missing = next((field for field in fields if field not in item), None)
            if missing is not None:
                raise KeyError(missing)
            records.append({key: "" if value is None else str(value) for key, value in item.items()})
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise DatasetError.of_line(DatasetFault.BEIR_LINE, path, number, error) from error
    return records


def load_qrels(path: Path) -> dict[str, dict[str, int]]:
    if not path.exists():
        raise DatasetError(DatasetFault.QRELS_MISSING, file=path)
    qrels: dict[str, dict[str, int]] = {}
    for number, line in data_lines(path, DatasetFault.QRELS_LINE):
        row = line.split("\t")
        if number == 1 or len(row) < 3:  # the header, "query-id corpus-id score"
            continue
        try:
            qrels.setdefault(row[0], {})[row[1]] = int(row[2])
        except ValueError as error:
            raise DatasetError.of_line(DatasetFault.QRELS_LINE, path, number, error) from error
    return qrels


def beir_corpus(folder: Path) -> tuple[Corpus, list[str]]:
    """Each document a one-passage story (title and text as one passage), and the documents' ids in order."""
    documents = _jsonl(folder / "corpus.jsonl", ("_id",))
    stories = tuple(Story(d.get("title", "") or d["_id"], d["_id"], n, 1) for n, d in enumerate(documents))
    passages = tuple(
        Passage(story=n, number=1, text=f"{d.get('title', '')} {d.get('text', '')}".strip(), paragraph=1)
        for n, d in enumerate(documents)
    )
    return Corpus(folder, stories, passages, ()), [d["_id"] for d in documents]


def load_queries(folder: Path, split: str, part: Part = Part.ALL) -> tuple[dict[str, str], dict[str, dict[str, int]]]:
    """The judged queries of a split's part (id -> text) and their judgements."""
    qrels = load_qrels(folder / "qrels" / f"{split}.tsv")
    qrels = {q: judged for q, judged in qrels.items() if part.holds(q)}
    queries = {q["_id"]: q["text"] for q in _jsonl(folder / "queries.jsonl", ("_id", "text")) if q["_id"] in qrels}
    return queries, qrels


def evaluate_beir(
    library: StoryLibrary, doc_ids: list[str], folder: Path, split: str = "train", part: Part = Part.ALL
) -> BeirResult:
    """Ranks every judged query (of the part) through the library's own ranking (first stage and re-ranking)."""
    queries, qrels = load_queries(folder, split, part)
    start = time.perf_counter()
    run = {
        query_id: {
            doc_ids[c.doc]: float(DEPTH - rank)
            for rank, c in enumerate(library.searched(library.query(text), None, DEPTH)[1])
        }
        for query_id, text in queries.items()
    }
    elapsed = time.perf_counter() - start
    return BeirResult(
        dataset=folder.name,
        split=split if part is Part.ALL else f"{split}, {part}",
        queries=len(queries),
        documents=len(doc_ids),
        metrics=evaluate(qrels, run),
        queries_per_second=len(queries) / max(elapsed, 1e-9),
    )
