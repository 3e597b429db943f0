"""One JSON record a line, as every reader of lines splits them: the characters str.splitlines ends a line at, which
json.dumps leaves as they are, escaped; everything else as json.dumps writes it, UTF-8's characters unescaped."""

import json

from bot.cli.json_lines import json_line


def test_a_record_holding_unicode_line_ends_stays_one_line_and_reads_back_the_same():
    record = {"q": "Where was Sébastien\u2028born?\u2029\x85", "n": 3}
    line = json_line(record)
    assert line.splitlines() == [line]
    assert "\\u2028" in line and "\\u2029" in line and "\\u0085" in line
    assert json.loads(line) == record


def test_other_characters_are_written_as_they_are():
    assert json_line({"title": "Москва", "line": "a\nb"}) == '{"title": "Москва", "line": "a\\nb"}'
