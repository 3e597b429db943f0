"""Scene breaks typed with letters (fan fiction's "xXx"), no passage in any format; a word or a numeral is text."""

from __future__ import annotations

import pytest

from bot.core.corpus import load_corpus
from bot.core.readers.typed_breaks import is_typed_break


@pytest.mark.parametrize(
    "paragraph",
    ["xXx", "oOoOo", "~o~O~o~", "ooo000ooo", "-line break-", "Line Break", "[Time Skip]", "-break-", " xOx "],
)
def test_a_break_typed_with_letters_is_one(paragraph: str) -> None:
    assert is_typed_break(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    ["XXX", "X.", "Break", "Break!", "No.", "o", "OK", "000", "100", '"Ooo."', "Ox.", "A break-in.", "xxx", "XOXO"],
)
def test_a_word_a_numeral_or_a_cry_is_no_break(paragraph: str) -> None:
    assert not is_typed_break(paragraph) and not is_typed_break("Ooooo")


def test_a_fan_fictions_breaks_are_no_passages_in_any_format(tmp_path) -> None:
    scenes = ["Mara lit the lamp.", "xXx", "Tomas came at dawn.", "~o~O~o~", "No.", "-line break-", "They rowed out."]
    (tmp_path / "lamp.txt").write_text("The Lamp\n\n" + "\n\n".join(scenes), encoding="utf-8")
    (tmp_path / "lamp.html").write_text(
        "<html><head><title>The Lamp</title></head><body>"
        + "".join(f"<p>{scene}</p>" for scene in scenes)
        + "</body></html>",
        encoding="utf-8",
    )
    corpus = load_corpus(tmp_path)
    for index, _ in enumerate(corpus.stories):
        passages = [p for p in corpus.passages if p.story == index]
        assert [p.text for p in passages] == ["Mara lit the lamp.", "Tomas came at dawn.", "No.", "They rowed out."]
        assert [p.paragraph for p in passages] == [1, 2, 3, 4]  # numbered as the reader sees them: no gaps
