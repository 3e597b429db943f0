"""What a page hides (the `hidden` attribute, `display: none` inline or by a class its sheet hides) is no story text;
what it hides only in print, or only from a selector the reader cannot follow, is read."""

import pytest

from bot.core.corpus import load_corpus
from bot.core.readers.hidden import hides

pytest.importorskip("lxml", reason="the HTML reader needs the formats extra: pip install -e '.[formats]'")

SHOWN = [
    "Mara followed the salt road north until the lantern went out.",
    "The ferryman waited at the ford with his dog.",
    "The well was dry by noon.",
]


def read(tmp_path, name: str, page: str) -> list[str]:
    (tmp_path / name).write_text(page, encoding="utf-8")
    return [passage.text for passage in load_corpus(tmp_path).passages]


def test_a_royal_road_chapters_hidden_notice_is_not_read(tmp_path):
    # Royal Road hides a line of its own in each chapter by a class its <style> names: it was read, and a question
    # about "the author" answered from it.
    page = f"""<!DOCTYPE html><html><head><title>The Salt Road</title><style>
      /* a comment {{ .cmFhYzE0 {{ display: block }} */
      .cmFhYzE0{{display: none;
        speak: never;}}
      </style></head><body><div class="chapter-inner chapter-content">
      <p>{SHOWN[0]}</p>
      <p class="cmFhYzE0">Unauthorized usage: this tale is on Amazon without the author's consent.</p>
      <p>{SHOWN[1]}</p></div></body></html>"""
    assert read(tmp_path, "salt-road.html", page) == SHOWN[:2]


def test_hidden_by_attribute_or_inline_style_is_not_read_and_until_found_is(tmp_path):
    page = f"""<html><head><title>The Salt Road</title></head><body>
      <div hidden><p>Menu Login Register</p></div>
      <p>{SHOWN[0]}</p>
      <p style="color: red; DISPLAY : none !important">Loading comments...</p>
      <p style="visibility:hidden">Share this chapter</p>
      <p>{SHOWN[1]}</p>
      <p hidden="until-found">{SHOWN[2]}</p></body></html>"""
    assert read(tmp_path, "salt-road.html", page) == SHOWN


def test_what_only_print_or_a_longer_selector_hides_is_read(tmp_path):
    # A rule within @media print hides nothing on a screen; which elements ".nav p" picks would need a browser.
    page = f"""<html><head><title>The Salt Road</title>
      <style>@media print {{ .story {{ display: none }} }} .nav p, .x > .y {{ display: none }}</style>
      <style media="print">.tale {{ display: none }}</style></head><body>
      <p class="story">{SHOWN[0]}</p><p class="tale">{SHOWN[1]}</p><p class="y">{SHOWN[2]}</p></body></html>"""
    assert read(tmp_path, "salt-road.html", page) == SHOWN


def test_a_class_hidden_in_a_list_of_selectors_or_with_its_tag_is_not_read(tmp_path):
    page = f"""<html><head><title>The Salt Road</title>
      <style>h1, .ad, p.teaser {{ color: grey; display:none }} .kept {{ display: block }}</style></head><body>
      <p class="ad kept">Buy the audiobook</p><p class="kept">{SHOWN[0]}</p><div class="teaser">
      <p>{SHOWN[1]}</p></div><p class="teaser">Next week: the ford</p></body></html>"""
    # "p.teaser" hides a <p> of that class, not its <div>; "h1" names no class.
    assert read(tmp_path, "salt-road.html", page) == SHOWN[:2]


@pytest.mark.parametrize(
    ("declarations", "hidden"),
    [
        ("display:none", True),
        ("color: red ; display: NONE", True),
        ("visibility: collapse", True),
        ("display: none !important", True),
        ("display: inline", False),
        ("content: 'display: none'", False),
        ("", False),
        ("display", False),
    ],
)
def test_declarations_hide_by_display_or_visibility(declarations, hidden):
    assert hides(declarations) is hidden


def test_a_class_any_rule_shows_again_or_an_element_shows_by_its_own_style_is_read(tmp_path):
    # No browser's cascade runs here: a class is hidden only where no rule shows it. Bootstrap's `.collapse` (shown by
    # `.collapse.in`), a rule shown later or for the screen, a sheet that applies only without scripts, and a section
    # the reader opened (saved with its own `display: block`) were each left out, and the page refused as a title only.
    page = f"""<html><head><title>The Salt Road</title><style>
      .collapse {{ display: none }} .collapse.in {{ display: block }}
      .later {{ display: none }} .later {{ display: block }}
      .wide {{ display: none }} @media screen {{ .wide {{ display: inline }} }}
      .opened {{ display: none }}
      </style><noscript><style>.story {{ display: none }}</style></noscript></head><body>
      <p class="collapse in">{SHOWN[0]}</p><p class="later">{SHOWN[1]}</p>
      <p class="wide">{SHOWN[2]}</p><p class="opened" style="display: block">{SHOWN[0]}</p>
      <p class="story">{SHOWN[1]}</p></body></html>"""
    assert read(tmp_path, "salt-road.html", page) == [*SHOWN, *SHOWN[:2]]
