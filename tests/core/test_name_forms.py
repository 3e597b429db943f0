"""Two names are one file as Windows and macOS take them: whatever their case and Unicode form."""

from __future__ import annotations

import unicodedata

from bot.core.name_forms import name_key


def test_a_name_in_another_case_or_unicode_form_is_one_file() -> None:
    composed = "Café Noël.md"
    decomposed = unicodedata.normalize("NFD", composed)  # as macOS writes it
    assert decomposed != composed
    assert name_key(decomposed) == name_key(composed) == name_key("CAFÉ NOËL.MD") == name_key("café noël.md")


def test_a_name_whose_accents_are_written_in_another_order_is_one_file() -> None:
    """Alpha with an acute and an iota subscript, "ᾴ", written with its two marks in the other order: the same text
    (canonically equivalent), which folding alone makes two (the subscript folds to a letter iota, after the acute in
    one and before it in the other) unless the marks are put in their canonical order before folding. "ẞ" folds to
    "ss"."""
    assert name_key("ᾴ.md") == name_key("α\u0345\u0301.md") == name_key("Α\u0301\u0345.MD")
    assert name_key("Straẞe.md") == name_key("strasse.md")


def test_names_that_differ_in_a_letter_or_an_accent_are_two_files() -> None:
    assert name_key("cafe.md") != name_key("café.md")
    assert name_key("mill.md") != name_key("mills.md")
    assert name_key("café.md") == unicodedata.normalize("NFC", name_key("café.md"))  # kept short: composed
