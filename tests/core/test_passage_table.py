"""A library's passages kept as arrays and a text store: each Passage made when asked for, as it was read."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from bot.core.corpus import load_corpus
from bot.core.index_damage import DamageKind, IndexDamage, IndexDamaged
from bot.core.passage_table import NO_CHAPTER, PassageTable, text_and_story

STORY = """# The Mill

Olga lived by the mill before anything began.

## Spring

The wheel turned all spring.

Olga played the harp by the water.

## Winter

The river froze; the wheel stopped.
"""


@pytest.fixture
def passages(tmp_path):
    (tmp_path / "mill.md").write_text(STORY)
    (tmp_path / "plain.txt").write_text("A Plain Tale\n\nNothing is headed here.\n\nNor here.\n")
    return load_corpus(tmp_path).passages


def test_each_passage_comes_back_as_it_was_read_by_index_slice_or_in_turn(passages) -> None:
    table = PassageTable.of(passages)
    assert len(table) == len(passages) == 6
    assert list(table) == list(passages)
    assert [table[i] for i in range(len(table))] == list(passages)
    assert table[-1] == passages[-1] and table[-len(passages)] == passages[0]
    assert table[1:4] == tuple(passages[1:4]) and table[::2] == tuple(passages[::2]) and table[4:1] == ()
    assert [text_and_story(table, i) for i in range(len(table))] == [(p.text, p.story) for p in passages]
    assert [text_and_story(passages, i) for i in range(len(passages))] == [(p.text, p.story) for p in passages]
    for outside in (len(table), -len(table) - 1):
        with pytest.raises(IndexError):
            table[outside]
    with pytest.raises(IndexError):
        table.text_and_story(len(table))
    with pytest.raises(IndexError):
        table.text_and_story(-1)


def test_each_chapter_title_is_kept_once(passages) -> None:
    table = PassageTable.of(passages)
    assert sorted(table.chapters) == sorted({p.chapter for p in passages if p.chapter is not None}) != []
    chapters = [None if c == NO_CHAPTER else table.chapters[c] for c in np.asarray(table.chapter)]
    assert chapters == [p.chapter for p in passages]
    assert table[2].chapter == "Spring" and table[2].chapter_number == 2


def test_a_chapter_number_out_of_range_is_damage_of_the_chapters(passages) -> None:
    table = PassageTable.of(passages)
    broken = dataclasses.replace(table, chapter=np.full(len(table), len(table.chapters), dtype=np.int32))
    with pytest.raises(IndexDamaged) as damaged:
        broken[0]
    assert damaged.value.damage == IndexDamage("passage_chapter", DamageKind.CONTENTS)
    assert broken.text_and_story(0) == (table[0].text, table[0].story)  # the text and story need no chapter
