"""The answer object: an excerpt's pieces, matched or not, as front ends mark them, and the best hit apart from the
rest."""

from __future__ import annotations

import dataclasses

from bot.core.answer import Answer, Excerpt, Hit

TEXT = "Ivan Petrov met the miller, and Ivan sang."


def segments(highlights: tuple[tuple[int, int], ...]) -> list[tuple[str, bool]]:
    return list(Excerpt(TEXT, highlights).segments())


def test_an_excerpt_is_cut_into_its_matched_and_unmatched_pieces_in_order() -> None:
    assert segments(((20, 26), (32, 36))) == [
        ("Ivan Petrov met the ", False),
        ("miller", True),
        (", and ", False),
        ("Ivan", True),
        (" sang.", False),
    ]
    assert "".join(piece for piece, _ in segments(((20, 26), (32, 36)))) == TEXT


def test_matches_apart_only_by_spaces_are_one_and_others_stay_apart() -> None:
    assert segments(((0, 4), (5, 11))) == [("Ivan Petrov", True), (" met the miller, and Ivan sang.", False)]
    assert segments(((0, 4), (5, 11), (12, 15))) == [("Ivan Petrov met", True), (" the miller, and Ivan sang.", False)]
    assert segments(((20, 26), (28, 31))) == [  # a comma between: two matches
        ("Ivan Petrov met the ", False),
        ("miller", True),
        (", ", False),
        ("and", True),
        (" Ivan sang.", False),
    ]


def test_an_excerpt_matched_whole_or_not_at_all() -> None:
    assert segments(()) == [(TEXT, False)]
    assert segments(((0, len(TEXT)),)) == [(TEXT, True)]
    assert list(Excerpt("", ()).segments()) == []


def test_the_best_hit_is_the_first_and_the_others_its_alternatives() -> None:
    hit = Hit(
        story="The Mill",
        path="mill.md",
        passage=1,
        passage_count=3,
        score=2.5,
        excerpt=Excerpt(TEXT, ()),
        paragraph=1,
        document=0,
    )
    others = tuple(dataclasses.replace(hit, passage=n, document=n - 1) for n in (2, 3))
    answer = Answer(question="who sang?", hits=(hit, *others))
    assert answer.best == hit and answer.alternatives == others
    empty = Answer(question="who sang?", hits=())
    assert empty.best is None and empty.alternatives == ()
