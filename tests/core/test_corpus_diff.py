from bot.core.corpus import load_corpus
from bot.core.corpus_diff import CorpusDiff, fingerprints


def test_the_diff_names_added_changed_and_removed_stories(tmp_path):
    (tmp_path / "mill.txt").write_text("The miller sang.")
    (tmp_path / "old.txt").write_text("Gone soon.")
    before = fingerprints(load_corpus(tmp_path))
    (tmp_path / "mill.txt").write_text("The miller hummed.")
    (tmp_path / "old.txt").unlink()
    (tmp_path / "new.txt").write_text("Fresh.")
    diff = CorpusDiff.between(before, fingerprints(load_corpus(tmp_path)))
    assert (diff.added, diff.changed, diff.removed) == (("new.txt",), ("mill.txt",), ("old.txt",))
    assert CorpusDiff.between(before, before).empty
