"""Markdown's links, emphasis and HTML taken out of a line, leaving their text: a link or an image as its label, each
kind of emphasis as what it emphasises, a tag's text as it is, a character reference as its character; what does not
close on its line, and marks inside words, left as they are."""

from bot.core.readers.markdown_inline import (
    code_spans,
    without_emphasis,
    without_html,
    without_inline_markup,
    without_links,
)


def test_links_and_images_become_their_label():
    assert without_links("See [the mill](https://x.org/mill) and ![a wheel](wheel.png).") == "See the mill and a wheel."


def test_brackets_that_make_no_link_on_their_line_stay():
    assert without_links("a [ that never closes") == "a [ that never closes"
    assert without_links("[label] (not a link)") == "[label] (not a link)"
    assert without_links("[split\n](x)") == "[split\n](x)"


def test_reference_links_to_defined_labels_become_their_text():
    # [river][r1], [Owls][] and [owls] kept their brackets; a label is matched whatever its case and spacing.
    labels = {"r1", "owls", "a wheel"}
    assert without_links("by the [river][R1], the [Owls][], the [owls] and ![a  Wheel]", labels) == (
        "by the river, the Owls, the owls and a  Wheel"
    )


def test_brackets_that_reference_no_defined_label_stay():
    labels = {"owls"}
    assert without_links("[sic] and [river][r9] and [owls][r9] and [a [owls] and [sic][]", labels) == (
        "[sic] and [river][r9] and [owls][r9] and [a owls and [sic][]"
    )


def test_each_kind_of_emphasis_becomes_its_text():
    assert without_emphasis("*one* **two** _three_ __four__") == "one two three four"


def test_marks_that_emphasise_nothing_on_their_line_stay():
    assert without_emphasis("snake_case_name and 2*3*4") == "snake_case_name and 2*3*4"
    assert without_emphasis("* not emphasis*") == "* not emphasis*"
    assert without_emphasis("*across\nlines*") == "*across\nlines*"


def test_an_underscore_opening_within_a_word_opens_no_emphasis():
    # "a_b_ c": the closer stands before a space, but the opener within "a_b" is no opener, as in CommonMark.
    assert without_emphasis("a_b_ c and file_name_ here") == "a_b_ c and file_name_ here"
    assert without_emphasis("x__init__ y") == "x__init__ y"
    assert without_emphasis("(_quiet_), _loud_.") == "(quiet), loud."


def test_a_code_spans_text_stays_as_it_is():
    # Closed by the next run of as many ticks; a run none closes is text, its ticks left out as before.
    assert without_inline_markup("`__init__.py` and `*args*` in *bold*") == "__init__.py and *args* in bold"
    assert without_inline_markup("x `` a`b `` y and ```none") == "x a`b y and none"
    assert code_spans("`a` ``b`` `c") == [(0, 3, 1), (4, 9, 2)]


def test_html_comments_and_tags_are_left_out_their_text_kept_and_what_is_none_stays():
    assert without_html('by the <span class="place">old oak</span>.<br>\nThe <EM>oak</EM><!-- weak\nending -->.') == (
        "by the old oak.\nThe oak."
    )
    assert without_html("one<br/>two<br />three, older <!-- than what? --> than </i> the mill") == (
        "one\ntwo\nthree, older than the mill"
    )
    assert without_html("<a\nhref='x > y' title=\"z\">the mill</a>") == "the mill"
    # CommonMark's raw HTML: a "<" before a space or a digit opens no tag, nor a "<!--" with no "-->" a comment.
    for text in ("a < b and c > d", "x<y", "I <3 owls", "<a b=>", "</a b>", "<!-- never closed", "<span"):
        assert without_html(text) == text


def test_character_references_are_decoded_but_not_in_code():
    assert without_inline_markup("older &mdash; older &#8212; &#x2014; &amp; &lt;b&gt;") == "older — older — — & <b>"
    # "&#42;" is a star as text, no emphasis; "&copy" and "&bogus;" are no references; a code span's stay as written.
    assert without_inline_markup("&#42;not&#42; AT&T &copy &bogus; `&amp; <b>`") == "*not* AT&T &copy &bogus; &amp; <b>"
    assert without_inline_markup("<b>&amp;</b>", code=True) == "<b>&amp;</b>"


def test_a_backslash_before_punctuation_is_that_character_as_text():
    """Pandoc and Google Docs escape every sign that could be markup ("1998\\.", "fan\\_club", "\\$5"): the
    backslashes were read, and "\\*no\\*" had its stars taken for emphasis, "\\no\\". A backslash at a line's end is a
    line break, CommonMark's hard one."""
    assert without_inline_markup(r"He said \*no\* and paid \$5 at 9\:00 \[sic\] \#1 fan\_club\!") == (
        "He said *no* and paid $5 at 9:00 [sic] #1 fan_club!"
    )
    assert without_inline_markup("1998\\. What a year.\n\\- not a list\\\nnext line") == (
        "1998. What a year.\n- not a list\nnext line"
    )
    # An escaped tick opens no code span; a backslash escaped is one backslash, before a star that still emphasises.
    assert without_inline_markup(r"\`not code\` and \\*bold*") == r"`not code` and \bold"


def test_a_backslash_before_no_punctuation_or_in_code_stays():
    # A path, a word after it, a code span's and a code block's backslashes are as written.
    assert without_inline_markup(r"C:\Users\Ingrid and a\b") == r"C:\Users\Ingrid and a\b"
    assert without_inline_markup(r"run `dir C:\*.txt` now") == r"run dir C:\*.txt now"
    assert without_inline_markup(r"print('\$5')", code=True) == r"print('\$5')"


def test_strikethrough_highlight_and_scripts_leave_their_text():
    """GitHub's strikethrough, Obsidian's and Typora's highlight, pandoc's superscript and subscript: their marks were
    read ("==never==", "H~2~O"); within emphasis, or it within them, too."""
    assert without_inline_markup("She said ==never== and meant it. He ~~walked~~ ran home.") == (
        "She said never and meant it. He walked ran home."
    )
    assert without_inline_markup("*He ~~walked home~~* and ~~*ran*~~; H~2~O and x^2^.") == (
        "He walked home and ran; H2O and x2."
    )


def test_tildes_carets_and_equals_that_mark_nothing_stay():
    # A face, "about" tildes, a comparison, a code span's, and marks that close on no line stay as written.
    text = "^_^ and ~.~ at ~5 miles, tired~ but happy~, a == b, 2^10 and `x^2^` ~~open\nshut~~"
    assert without_inline_markup(text) == text.replace("`", "")
