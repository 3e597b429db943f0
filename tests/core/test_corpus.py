from pathlib import Path

import pytest

from bot.core.corpus import MAX_PASSAGE_CHARS, CorpusError, load_corpus, split_title, title_from_filename
from tests.conftest import CORPUS


def test_bundled_corpus_has_three_titled_stories():
    corpus = load_corpus(CORPUS)
    titles = [s.title for s in corpus.stories]
    assert len(titles) == 3
    assert any("Sophie Korolev" in t for t in titles)
    assert any("Sébastien Kalmurzaeva" in t for t in titles)
    assert any("Kalmurzaeva's Odyssey" in t for t in titles)
    assert corpus.problems == ()


def test_passages_are_paragraphs_that_know_their_story_and_position():
    corpus = load_corpus(CORPUS)
    for number, story in enumerate(corpus.stories):
        passages = corpus.story_passages(number)
        assert [p.number for p in passages] == list(range(1, story.passage_count + 1))
        assert all(p.story == number for p in passages)
    first = corpus.story_passages(0)[0].text
    assert "\n\n" not in first and not first.startswith("#")


def test_titles_from_front_matter_heading_or_file_name():
    assert split_title("---\ntitle: The Mill\nauthor: x\n---\nText.", Path("a.md")) == ("The Mill", "Text.")
    assert split_title("# The Mill\n\nText.", Path("a.txt")) == ("The Mill", "\nText.")
    assert split_title("Text.", Path("003_the-old_mill.txt")) == ("The Old Mill", "Text.")
    assert title_from_filename(Path("sofia.md")) == "Sofia"


def test_long_paragraphs_split_at_sentence_ends(tmp_path):
    sentence = "The violinist played a long and winding melody in the old hall. "
    (tmp_path / "long.txt").write_text(sentence * 60)
    passages = load_corpus(tmp_path).passages
    assert len(passages) > 1
    assert all(len(p.text) <= MAX_PASSAGE_CHARS for p in passages)
    assert all(p.text.endswith("hall.") and p.text.startswith("The violinist") for p in passages)


def test_overlong_sentence_is_cut_between_words(tmp_path):
    (tmp_path / "run-on.txt").write_text("word " * 1000)
    passages = load_corpus(tmp_path).passages
    assert all(len(p.text) <= MAX_PASSAGE_CHARS for p in passages)
    assert all(set(p.text.split()) == {"word"} for p in passages)


def test_bad_files_are_named_and_the_rest_still_loads(tmp_path):
    (tmp_path / "good.txt").write_text("A violinist played.\n\nThe end.", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Café société".encode("latin-1"))
    (tmp_path / "empty.md").write_text("  \n")
    (tmp_path / "notes.json").write_text("{}")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "deeper.md").write_text("\ufeffDeep story.\r\n\r\nSecond.", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [s.path for s in corpus.stories] == ["good.txt", "sub/deeper.md"]
    assert [p.text for p in corpus.passages] == ["A violinist played.", "The end.", "Deep story.", "Second."]
    assert any("latin1.txt" in p and "UTF-8" in p for p in corpus.problems)
    assert any("empty.md" in p and "empty" in p for p in corpus.problems)
    assert len(corpus.problems) == 2


def test_unreadable_file_is_reported(tmp_path):
    (tmp_path / "ok.txt").write_text("Fine.")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    corpus = load_corpus(tmp_path)
    assert [s.path for s in corpus.stories] == ["ok.txt"]
    assert any("gone.txt" in p and "cannot be read" in p for p in corpus.problems)


def test_missing_or_empty_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "nowhere")
    with pytest.raises(CorpusError, match=r"no \.txt or \.md files"):
        load_corpus(tmp_path)
