"""A paragraph style's role by its name, in any case: Word's, LibreOffice's and their RTF's names for a title, a
heading at its level, and what is neither text nor a chapter (a subtitle, a contents list, an index), whole names
only: a writer's own "Index Card" style holds story text."""

import pytest

from bot.core.readers.styles import StyleRole, heading_level, style_role


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("Title", StyleRole.TITLE),
        ("Heading 1", StyleRole.HEADING),
        ("heading 3", StyleRole.HEADING),  # Word's RTF
        ("Heading", StyleRole.HEADING),  # LibreOffice's, with no level
        ("Subtitle", StyleRole.LEFT_OUT),
        ("TOC Heading", StyleRole.LEFT_OUT),
        ("toc 2", StyleRole.LEFT_OUT),
        ("Contents 1", StyleRole.LEFT_OUT),
        ("Index Heading", StyleRole.LEFT_OUT),
        ("Table of Figures", StyleRole.LEFT_OUT),
        ("Index Card", StyleRole.TEXT),
        ("Contents of the Letter", StyleRole.TEXT),
        ("Normal", StyleRole.TEXT),
        ("Title Page", StyleRole.TEXT),
    ],
)
def test_a_styles_name_gives_its_role(name, role):
    assert style_role(name) is role


def test_a_heading_styles_level_is_its_number():
    assert [heading_level(name) for name in ("Heading 1", "heading 2", "Heading 12", "Heading", "Heading One")] == [
        1,
        2,
        12,
        None,
        None,
    ]
