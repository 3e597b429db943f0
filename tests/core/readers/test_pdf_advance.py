from functools import partial

import bot.core.readers.pdf_advance as pdf_advance
from bot.core.readers.pdf_advance import advance, glyph_widths
from tests.steps import lines_run_in


def composite_font(widths: list[object]) -> dict[str, object]:
    """A Type0 font of two-byte codes (Identity-H) whose descendant gives these `/W` widths."""
    return {"/Subtype": "/Type0", "/Encoding": "/Identity-H", "/DescendantFonts": [{"/W": widths, "/DW": 1000}]}


def test_a_composite_fonts_widths_are_read_from_its_runs_and_lists():
    measure = glyph_widths(composite_font([1, [500, 600], 10, 20, 700]))
    assert measure is not None
    width, code_bytes = measure
    assert code_bytes == 2 and (width(1), width(2), width(15), width(3)) == (500, 600, 700, 1000)
    shown = advance(measure, b"TJ", [[b"\x00\x01\x00\x02", -250, b"\x00\x0f"]])
    assert shown is not None and (shown.width, shown.glyphs) == (500 + 600 + 250 + 700, 3)
    assert glyph_widths(composite_font([0, 65_535, 500])) is not None  # every two-byte code: a font's


def test_widths_given_over_and_over_for_the_same_codes_are_bounded_in_all():
    # The bound was on the codes given widths, not on the widths given: 33,000 runs "0 60000 500" (400 KB), or one
    # list of 60,000 widths named 50,000 times, gave the same 60,001 codes their width again and again, minutes of
    # work for a span's font before pypdf refused the file (its own bound counts every width given).
    runs: list[object] = [0, 60_000, 500] * 30
    widths = list(range(60_000))
    listed: list[object] = [0, widths] * 30
    for given in (runs, listed):
        font = composite_font(given)
        measure, steps = lines_run_in(pdf_advance.__file__, partial(glyph_widths, font))
        assert measure is None
        assert steps < 10 * pdf_advance._MOST_W_ITEMS  # about 8 lines a width: one list read, of 30
