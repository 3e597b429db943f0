"""How many people the people finder finds in a set of stories, and how many of a random sample are
people, by labels a person wrote by hand.

The sample is drawn with a fixed seed from every person found, in a stable order (story file, then
name), so the same finder draws the same sample. Labels are JSON lines `{"story": file, "name": ...,
"person": true|false}`; found names without a label are listed, with the sentence that introduces
them, for someone to label.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.core.corpus import load_corpus
from bot.core.people import Person, PersonFinder
from bot.eval.beir import DatasetError, DatasetFault, data_lines
from bot.eval.sections import merge_corpora, stories_folder

SAMPLE = 100
SEED = 0


@dataclass(frozen=True)
class PeopleResult:
    stories: int
    found: int
    sample: tuple[Person, ...]
    labels: dict[tuple[str, str], bool]
    """(story file, name) -> whether it is a person, for the labelled ones of the sample."""

    @property
    def labelled(self) -> int:
        return sum((p.path, p.name) in self.labels for p in self.sample)

    @property
    def precision(self) -> float | None:
        """None when no one of the sample is labelled: a precision of 0% said the finder was always wrong."""
        judged = [self.labels[(p.path, p.name)] for p in self.sample if (p.path, p.name) in self.labels]
        return sum(judged) / len(judged) if judged else None

    @property
    def unlabelled(self) -> list[Person]:
        return [p for p in self.sample if (p.path, p.name) not in self.labels]

    @property
    def wrong(self) -> list[Person]:
        return [p for p in self.sample if self.labels.get((p.path, p.name)) is False]


def load_labels(path: Path | None) -> dict[tuple[str, str], bool]:
    if path is None:
        return {}
    if not path.exists():  # a mistyped --labels scored the sample as if no one were labelled
        raise DatasetError(DatasetFault.LABELS_MISSING, file=path)
    labels = {}
    for number, line in data_lines(path, DatasetFault.LABELS_LINE):
        try:
            item = json.loads(line)
            labels[(str(item["story"]), str(item["name"]))] = bool(item["person"])
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise DatasetError.of_line(DatasetFault.LABELS_LINE, path, number, error) from error
    return labels


def evaluate_people(
    folders: Sequence[Path], labels: dict[tuple[str, str], bool], size: int = SAMPLE, seed: int = SEED
) -> PeopleResult:
    """The people of the folders' stories (a folder's corpus/ if it has one), and a sample of them."""
    corpus = merge_corpora([load_corpus(stories_folder(folder)) for folder in folders])
    people = sorted(PersonFinder.from_corpus(corpus).people, key=lambda p: (p.path, p.name))
    sample = random.Random(seed).sample(people, min(size, len(people)))
    return PeopleResult(len(corpus.stories), len(people), tuple(sample), labels)
