import json
import os
from pathlib import Path

import pytest

from bot.eval.beir import DatasetError
from bot.eval.questions import check_questions, hit_rates
from bot.eval.sections import Scope
from bot.messages import dataset_error_text
from bot.program import main

QUESTIONS = Path(__file__).resolve().parents[1] / "fixtures" / "story_questions.jsonl"


def test_bundled_story_questions_keep_passing(library):
    checks = check_questions(library, QUESTIONS)
    rates = hit_rates(checks)
    assert len(checks) >= 33
    # 27 of 33: every miss is a question whose answering passage does not hold the question's words
    # but what they mean ("instrument" -> "piano", "Which hall?" -> "Carnegie Hall"); the related-words
    # refit brought "who plays the piano?" first and "who taught sebastien" ("tutors") second.
    # docs/ranking.md says what limits the rest. Outside the top 3: "where did sebastien
    # perfrom in new york" (the Carnegie Hall passage holds neither "perform" nor "New York"), and two
    # of the questions above.
    assert rates["hit@1"] >= 27 / 33, [c for c in checks if c.rank != 1]
    assert rates["hit@3"] >= 30 / 33, [c for c in checks if c.rank is None]


def test_a_wrong_expectation_is_listed_as_a_miss(tmp_path, capsys):
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        json.dumps({"q": "Where was Sebastien born?", "expect": "born in moscow"})
        + "\n"
        + json.dumps({"q": "Where was Sebastien born?", "expect": "Paris"})
        + "\n"
    )
    assert main(["eval", "--questions", str(questions)]) == 0
    out = capsys.readouterr().out
    assert "hit@1 50.0%, hit@3 50.0%" in out
    assert 'wants "Paris": not in the top 3' in out


def test_malformed_line_names_the_line(tmp_path, library):
    questions = tmp_path / "q.jsonl"
    questions.write_text('{"q": "fine", "expect": "x"}\n{"question": "wrong key"}\n')
    with pytest.raises(DatasetError) as refused:
        check_questions(library, questions)
    assert dataset_error_text(refused.value).startswith(f'{questions}, line 2: expected {{"q": "question", "expect"')


@pytest.mark.parametrize(
    ("line", "said"),
    [('{"q": "who is ivan"}', ' (no "expect")'), ('{"expect": "ivan"}', ' (no "q")'), ('["who is ivan", "ivan"]', "")],
)
def test_a_line_lacking_a_field_names_it_and_one_that_is_no_object_shows_the_shape_alone(tmp_path, library, line, said):
    """Python's own words were shown: "('expect')" for a missing field, "list indices must be integers or slices"."""
    questions = tmp_path / "q.jsonl"
    questions.write_text(f'{{"q": "fine", "expect": "x"}}\n{line}\n')
    with pytest.raises(DatasetError) as refused:
        check_questions(library, questions)
    assert (
        dataset_error_text(refused.value)
        == f'{questions}, line 2: expected {{"q": "question", "expect": "phrase"}}{said}'
    )


def test_a_file_saved_with_a_byte_order_mark_and_windows_line_ends_is_read(tmp_path, capsys):
    """`feedback export`'s file, filled in with an editor that saves "UTF-8 with BOM": its first line was refused."""
    questions = tmp_path / "to-fix.jsonl"
    lines = [{"q": "Where was Sebastien born?", "expect": "born in moscow"}, {"q": "who is ivan", "expect": "ivan"}]
    questions.write_bytes(b"\xef\xbb\xbf" + b"".join(json.dumps(line).encode() + b"\r\n" for line in lines))
    assert main(["eval", "--questions", str(questions)]) == 0
    assert "2 questions: hit@1 100.0%" in capsys.readouterr().out


def test_a_line_that_is_not_utf8_is_named_not_a_traceback(tmp_path, library):
    questions = tmp_path / "q.jsonl"
    questions.write_bytes(b'{"q": "fine", "expect": "x"}\n{"q": "who is S\xe9bastien", "expect": "violin"}\n')
    with pytest.raises(DatasetError) as refused:
        check_questions(library, questions)
    said = dataset_error_text(refused.value)
    assert said.startswith(f'{questions}, line 2: expected {{"q": "question", "expect": "phrase"}}') and "0xe9" in said


def test_questions_piped_in_are_read_and_a_folder_given_is_said_to_be_one(tmp_path, capsys):
    """`feedback export -` piped into `eval --questions /dev/stdin` (a pipe is no regular file) was "does not exist",
    and so was a folder given in a file's stead."""
    read, write = os.pipe()
    os.write(write, json.dumps({"q": "Where was Sebastien born?", "expect": "born in moscow"}).encode() + b"\n")
    os.close(write)
    try:
        assert main(["eval", "--questions", f"/proc/self/fd/{read}"]) == 0
    finally:
        os.close(read)
    assert "1 question: hit@1 100.0%" in capsys.readouterr().out
    assert main(["eval", "--questions", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"storybot: {tmp_path} cannot be read (Is a directory); give the file itself.\n"


def test_story_scope_asks_each_question_of_the_story_holding_its_phrase(library, tmp_path):
    # Library-wide "who was born in moscow" is answered from the violinist's story ("Born in Moscow"); a reader asking
    # within the ballerina's story, which holds the phrase expected, gets one of hers. A phrase in no story is asked
    # library-wide.
    questions = tmp_path / "q.jsonl"
    lines = [
        {"q": "who was born in moscow", "expect": "Russian ballerina"},
        {"q": "who was born in moscow", "expect": "no story says this"},
    ]
    questions.write_text("".join(json.dumps(line) + "\n" for line in lines))
    library_wide, unplaced = check_questions(library, questions)
    scoped, unplaced_scoped = check_questions(library, questions, Scope.STORY)
    assert library_wide.story is not None and "Violinist" in library_wide.story
    assert scoped.story is not None and "Ballerina" in scoped.story
    assert unplaced_scoped.story == unplaced.story == library_wide.story


def test_eval_questions_shows_each_scope_asked(tmp_path, capsys):
    questions = tmp_path / "q.jsonl"
    # Missed in both scopes: library-wide from the violinist's story, within the ballerina's (holding the phrase) from
    # one of hers.
    questions.write_text(json.dumps({"q": "who was born in moscow", "expect": "boundaries of time and space"}) + "\n")
    assert main(["eval", "--questions", str(questions), "--scope", "both"]) == 0
    out = capsys.readouterr().out
    assert out.index("q.jsonl (library)") < out.index('answer was "Sébastien') < out.index("q.jsonl (story)")
    assert out.index("q.jsonl (story)") < out.index('answer was "Kalmurzaeva')
    assert main(["eval", "--questions", str(questions), "--scope", "story", "--json"]) == 0
    measured = json.loads(capsys.readouterr().out)
    assert measured["scope"] == "story" and measured["misses"][0]["got"].startswith('"Kalmurzaeva')
