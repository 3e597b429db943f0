"""A folder of stories for library tests: the bundled stories and tales made of their sentences,
each tale with a person of its own, so that words and people recur across stories at varied rates.

Tales that share sentences hold passages of equal scores, whose order a library that grew must keep
as one built fresh keeps it (file order)."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np

from bot.core.answer import Answer
from bot.core.corpus import load_corpus
from bot.core.library import StoryLibrary
from tests.conftest import CORPUS

QUESTIONS = [
    "Where was Sébastien born?",
    "who played the piano",
    "Who is Sophie Korolev?",
    "moscow ballet festival orchestra",
    "what did the audience feel",
    "perfrom on stage",
    "Tell me about Mira Tallow",
    "who lived by the harbour",
    "violin violin competition",
    "What is the capital of France?",
    "What happened after Mira came to the harbour?",  # the follows signal reads the passage before
    "How many people lived by the harbour, and how did they feel?",
]


FIRST_NAMES = ("Mira", "Tomas", "Elin", "Oskar", "Greta", "Pavel", "Ines")
SURNAMES = ("Tallow", "Brightwater", "Korsak", "Wren", "Oakes", "Fennick")


def sentences() -> list[str]:
    corpus = load_corpus(CORPUS)
    return [s.strip() + "." for p in corpus.passages for s in p.text.split(". ") if len(s) > 20]


def tale(number: int, seed: int = 0) -> str:
    """A story of 4 to 8 paragraphs from the bundled stories' sentences, introducing a person of its own."""
    rng = np.random.default_rng([number, seed])
    pool = sentences()
    name = f"{FIRST_NAMES[number % len(FIRST_NAMES)]} {SURNAMES[number // len(FIRST_NAMES) % len(SURNAMES)]}"
    between = " ".join(pool[int(i)] for i in rng.integers(0, len(pool), int(rng.integers(1, 4))))
    paragraphs = [f"{name} was a sailor who lived by the harbour of town {number}. {between} {name} sang at night."]
    for _ in range(int(rng.integers(3, 8))):
        paragraphs.append(" ".join(pool[int(i)] for i in rng.integers(0, len(pool), int(rng.integers(2, 6)))))
    return f"# Tale {number}: the harbour\n\n" + "\n\n".join(paragraphs) + "\n"


def write_folder(folder: Path, tales: int) -> Path:
    """The bundled stories and `tales` tales, in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in CORPUS.iterdir():
        shutil.copy(path, folder / path.name)
    for number in range(tales):
        (folder / f"tale-{number:03}.md").write_text(tale(number), encoding="utf-8")
    return folder


def answer_facts(answer: Answer) -> tuple[object, ...]:
    """What a reader is told, by stable ids (story path, passage number), not by the library's numbering."""
    hits = tuple(
        (h.path, h.story, h.passage, h.passage_count, h.score, h.excerpt, h.paragraph, h.chapter, h.chapter_passage)
        for h in answer.hits
    )
    return answer.reason, hits, answer.more, answer.corrections, answer.example


def library_facts(library: StoryLibrary, questions: list[str] = QUESTIONS) -> dict[str, object]:
    """A library's answers (top 10) and people, keyed by stable ids, for comparing two libraries."""
    return {
        "answers": [answer_facts(library.ask(question, count=10)) for question in questions],
        "people": sorted((p.name, p.path, p.intro, p.mentions) for p in library.person_finder.people),
        "stories": sorted((s.path, s.title, s.passage_count) for s in library.corpus.stories),
        "passages": len(library.corpus.passages),
        "speller": sorted(zip(library.speller.words, library.speller.terms, library.speller.doc_freq, strict=True)),
        "problems": library.corpus.problems,
    }
