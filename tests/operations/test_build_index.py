from bot.operations.build_index import IndexBuilt, build_index
from bot.operations.opening import open_library
from bot.settings import Settings
from tests.lookalike_stories import LOOKALIKES, write_stories


def test_the_index_is_built_saved_and_then_opened(tmp_path):
    corpus = write_stories(tmp_path / "stories", LOOKALIKES)
    settings = Settings(corpus=corpus, index=tmp_path / "indexes")
    built = build_index(settings)
    assert built.outcome is IndexBuilt.SAVED and built.stories == len(LOOKALIKES) and built.notes == ()
    assert built.folder is not None and built.folder.is_dir() and built.size > 0
    assert built.size == sum(path.stat().st_size for path in built.folder.iterdir())
    assert open_library(settings).opened  # the next start opens what was saved


def test_no_index_is_built_when_the_settings_keep_none(tmp_path):
    corpus = write_stories(tmp_path / "stories", LOOKALIKES)
    assert build_index(Settings(corpus=corpus, index=None)).outcome is IndexBuilt.OFF
    assert not open_library(Settings(corpus=corpus, index=None)).opened
