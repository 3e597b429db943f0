import json
import os
import pickle
import shutil
import tempfile
import traceback
from pathlib import Path

import pytest

import bot.core.corpus as corpus_module
from bot.core.corpus import (
    MAX_PASSAGE_CHARS,
    MAX_TITLE_CHARS,
    CorpusError,
    FolderFault,
    FolderRefused,
    NoStories,
    capped_title,
    load_corpus,
    passages_of,
    title_from_filename,
)
from bot.core.library import StoryLibrary
from bot.core.readers import reader_for, suffix_list
from bot.core.readers.markdown import plain_markdown
from bot.core.readers.plain_text import split_title
from bot.core.readers.reader import Block
from bot.core.saved_index import IndexStore
from bot.messages import corpus_error_text, no_stories_text
from tests.conftest import CORPUS
from tests.core.readers.format_fixtures import FIXTURES
from tests.said import said


def test_bundled_corpus_has_three_titled_stories():
    corpus = load_corpus(CORPUS)
    titles = [s.title for s in corpus.stories]
    assert len(titles) == 3
    assert any("Sophie Korolev" in t for t in titles)
    assert any("Sébastien Kalmurzaeva" in t for t in titles)
    assert any("Kalmurzaeva's Odyssey" in t for t in titles)
    assert said(corpus.problems) == ()


def test_passages_are_paragraphs_that_know_their_story_and_position():
    corpus = load_corpus(CORPUS)
    for number, story in enumerate(corpus.stories):
        passages = corpus.story_passages(number)
        assert [p.number for p in passages] == list(range(1, story.passage_count + 1))
        assert all(p.story == number for p in passages)
    first = corpus.story_passages(0)[0].text
    assert "\n\n" not in first and not first.startswith("#")


def test_a_title_of_a_megabyte_is_cut_at_a_word_with_an_ellipsis(tmp_path):
    """A heading or a metadata title has no limit of its own: one of 1 MB was said with every answer."""
    words = "The Miller's Daughter and the Long Winter by the River " * 20_000  # 1.1 MB, one line
    (tmp_path / "mill.md").write_text(f"# {words}\n\nThe wheel turned by the river.")
    (tmp_path / "pond.md").write_text(f"---\ntitle: {'x' * 300}\n---\n\nThe pond froze.")  # one word of 300
    (tmp_path / "weir.md").write_text(f"# {'Weir ' * 40}\n\nThe weir held.")  # 200 characters with its spaces
    titles = {story.path: story.title for story in load_corpus(tmp_path).stories}
    head = titles["mill.md"].removesuffix("…")
    assert len(titles["mill.md"]) <= MAX_TITLE_CHARS and titles["mill.md"] == f"{head}…"
    assert words.startswith(head) and words[len(head)] == " " and len(head) > MAX_TITLE_CHARS - 20  # at a word
    assert titles["pond.md"] == "x" * (MAX_TITLE_CHARS - 1) + "…"
    assert titles["weir.md"] == " ".join(["Weir"] * 40)  # within the cap: as it is


def test_titles_from_front_matter_heading_or_file_name():
    assert split_title("---\ntitle: The Mill\nauthor: x\n---\nText.") == ("The Mill", "Text.")
    assert split_title("# The Mill\n\nText.") == ("The Mill", "\nText.")
    assert split_title("Text.") == (None, "Text.")
    assert title_from_filename(Path("003_the-old_mill.txt")) == "The Old Mill"
    assert title_from_filename(Path("sofia.md")) == "Sofia"
    assert title_from_filename(Path("the-violin.fb2.zip")) == "The Violin"  # the whole ending, not ".zip" alone
    assert title_from_filename(Path("Vol.2 the-violin.rtf")) == "Vol.2 The Violin"


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("03_the-mill.txt", "The Mill"),
        ("01 The Mill.md", "The Mill"),
        ("1. The Mill.md", "The Mill"),
        ("2) the-mill.txt", "The Mill"),
        ("12 - The Mill.txt", "The Mill"),
        # A number that begins the title is the title's: "101 Dalmatians" was "Dalmatians".
        ("101 Dalmatians.txt", "101 Dalmatians"),
        ("1001-arabian-nights.md", "1001 Arabian Nights"),
        ("2001 A Space Odyssey.txt", "2001 A Space Odyssey"),
        ("1984.txt", "1984"),
    ],
)
def test_a_number_that_orders_files_is_no_part_of_the_title_and_one_that_begins_it_is(name, title):
    assert title_from_filename(Path(name)) == title


def test_long_paragraphs_split_at_sentence_ends(tmp_path):
    sentence = "The violinist played a long and winding melody in the old hall. "
    (tmp_path / "long.txt").write_text(sentence * 60)
    passages = load_corpus(tmp_path).passages
    assert len(passages) > 1
    assert all(len(p.text) <= MAX_PASSAGE_CHARS for p in passages)
    assert all(p.text.endswith("hall.") and p.text.startswith("The violinist") for p in passages)


def test_a_long_paragraph_is_not_split_after_mr(tmp_path):
    # Pride and Prejudice, chapter XVI, as Project Gutenberg's plain text wraps it (eBook #1342): 1,234 characters.
    (tmp_path / "pride.txt").write_text(
        """In describing to her all the grandeur of Lady Catherine and her mansion,
with occasional digressions in praise of his own humble abode, and the
improvements it was receiving, he was happily employed until the
gentlemen joined them; and he found in Mrs. Philips a very attentive
listener, whose opinion of his consequence increased with what she
heard, and who was resolving to retail it all among her neighbours as
soon as she could. To the girls, who could not listen to their cousin,
and who had nothing to do but to wish for an instrument, and examine
their own indifferent imitations of china on the mantel-piece, the
interval of waiting appeared very long. It was over at last, however.
The gentlemen did approach: and when Mr. Wickham walked into the room,
Elizabeth felt that she had neither been seeing him before, nor thinking
of him since, with the smallest degree of unreasonable admiration. The
officers of the ----shire were in general a very creditable,
gentlemanlike set and the best of them were of the present party; but
Mr, Wickham was as far beyond them all in person, countenance, air, and
walk, as _they_ were superior to the broad-faced stuffy uncle Philips,
breathing port wine, who followed them into the room.
"""
    )
    passages = [p.text for p in load_corpus(tmp_path).passages]
    assert len(passages) == 2
    assert passages[0].endswith("It was over at last, however.")
    assert passages[1].startswith("The gentlemen did approach: and when Mr. Wickham walked into the room,")


def test_overlong_sentence_is_cut_between_words(tmp_path):
    (tmp_path / "run-on.txt").write_text("word " * 1000)
    passages = load_corpus(tmp_path).passages
    assert all(len(p.text) <= MAX_PASSAGE_CHARS for p in passages)
    assert all(set(p.text.split()) == {"word"} for p in passages)


def test_bad_files_are_named_and_the_rest_still_loads(tmp_path):
    (tmp_path / "good.txt").write_text("A violinist played.\n\nThe hall emptied.", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Café société".encode("latin-1"))
    (tmp_path / "empty.md").write_text("  \n")
    (tmp_path / "notes.json").write_text("{}")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "deeper.md").write_text("\ufeffDeep story.\r\n\r\nSecond.", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [s.path for s in corpus.stories] == ["good.txt", "sub/deeper.md"]
    assert [p.text for p in corpus.passages] == ["A violinist played.", "The hall emptied.", "Deep story.", "Second."]
    assert any("latin1.txt" in p and "UTF-8" in p for p in said(corpus.problems))
    assert any("empty.md" in p and "empty" in p for p in said(corpus.problems))
    assert f"Ignored 1 file that is not a story ({suffix_list()}): notes.json." in said(corpus.problems)
    assert len(said(corpus.problems)) == 3
    (tmp_path / "cover.jpg").write_bytes(b"\xff\xd8")
    ignored = [p for p in said(load_corpus(tmp_path).problems) if p.startswith("Ignored")]
    assert ignored == [f"Ignored 2 files that are not stories ({suffix_list()}): cover.jpg, notes.json."]


def test_unreadable_file_is_reported(tmp_path):
    (tmp_path / "ok.txt").write_text("Fine.")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    corpus = load_corpus(tmp_path)
    assert [s.path for s in corpus.stories] == ["ok.txt"]
    assert any("gone.txt" in p and "cannot be read" in p for p in said(corpus.problems))


def test_missing_or_empty_folder_is_a_clear_error(tmp_path):
    """The core says why as data (FolderRefused's fault, NoStories' problems); bot.messages words it."""
    with pytest.raises(FolderRefused) as missing:
        load_corpus(tmp_path / "nowhere")
    assert (missing.value.fault, missing.value.root, missing.value.detail) == (
        FolderFault.MISSING,
        tmp_path / "nowhere",
        "",
    )
    assert corpus_error_text(missing.value) == (
        f"The corpus folder {tmp_path / 'nowhere'} does not exist. Point --corpus or STORYBOT_CORPUS at a folder of "
        f"stories ({suffix_list()})."
    )
    (tmp_path / "story.txt").write_text("A story.")
    with pytest.raises(FolderRefused) as a_file:
        load_corpus(tmp_path / "story.txt")
    assert a_file.value.fault is FolderFault.IS_A_FILE
    assert corpus_error_text(a_file.value).startswith(f"{tmp_path / 'story.txt'} is a file, not a folder.")
    assert pickle.loads(pickle.dumps(a_file.value)).__dict__ == a_file.value.__dict__  # from a worker, whole
    (tmp_path / "story.txt").unlink()
    with pytest.raises(NoStories) as empty:
        load_corpus(tmp_path)
    assert empty.value.root == tmp_path and empty.value.problems == ()
    told = no_stories_text(empty.value.root, empty.value.problems)
    assert told == f"No stories could be loaded from {tmp_path}. It has no story files ({suffix_list()})."


def test_splitting_one_huge_paragraph_is_linear():
    # 16 MB with no sentence end: cut between words in one pass. A copy of the rest of the text
    # per cut (as before) takes about a minute here; this takes a fraction of a second.
    words = "lorem ipsum dolor sit amet " * (16 * 2**20 // 27)
    pieces = list(passages_of([Block(words)]))
    assert all(len(piece.text) <= MAX_PASSAGE_CHARS for piece in pieces)
    assert sum(len(piece.text.split()) for piece in pieces) == len(words.split())
    assert {piece.paragraph for piece in pieces} == {1}


def test_a_story_over_the_size_limit_is_skipped_with_a_message(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus_module, "MAX_STORY_BYTES", 1024)
    (tmp_path / "small.txt").write_text("A short tale.")
    (tmp_path / "huge.txt").write_text("Word " * 1000)
    corpus = load_corpus(tmp_path)
    assert [s.path for s in corpus.stories] == ["small.txt"]
    assert any(
        p.startswith("Skipped huge.txt: it is") and "split it into several files" in p for p in said(corpus.problems)
    )


def test_links_are_followed_inside_the_corpus_and_named_when_passed_over(tmp_path):
    root = tmp_path / "stories"
    (root / "real").mkdir(parents=True)
    (root / "real" / "tale.md").write_text("# Tale\n\nOnce.")
    (root / "alias").symlink_to(root / "real")  # a second way to a folder already read
    (root / "loop").mkdir()
    (root / "loop" / "back").symlink_to(root)  # a loop
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_text("Not a story of this corpus.")
    (root / "out").symlink_to(outside)
    (root / "out-file.txt").symlink_to(outside / "secret.txt")
    (root / "linked-folder").symlink_to(root / "real2", target_is_directory=True)
    (root / "real2").mkdir()
    (root / "real2" / "other.txt").write_text("Another tale.")
    (root / "tale.txt").write_text("A tale of its own.")
    (root / "a-link.txt").symlink_to(root / "tale.txt")  # read first: "tale.txt" was said to be a link
    corpus = load_corpus(root)
    assert sorted(s.path for s in corpus.stories) == ["a-link.txt", "alias/tale.md", "linked-folder/other.txt"]
    problems = " ".join(said(corpus.problems))
    assert "Skipped loop/back: it leads back to the corpus folder, already read (a link loop)." in problems
    # The second way to a folder or file names the first: "real" is no link, and was told "it leads back".
    assert "Skipped real: it is the same folder as alias, already read (a link leads from one" in problems
    assert "Skipped real2: it is the same folder as linked-folder, already read" in problems
    assert "Skipped tale.txt: it is the same file as a-link.txt, already read (a link leads from one" in problems
    assert "Skipped out: it links outside the corpus folder" in problems
    assert "Skipped out-file.txt: it links outside the corpus folder" in problems


def test_a_hard_link_is_the_same_file_and_is_read_once(tmp_path):
    # A backup made with `cp -al` (or rsnapshot) gives the same file a second name: keyed by real path, both were
    # read as stories, and every answer came twice.
    root = tmp_path / "stories"
    (root / "backup").mkdir(parents=True)
    (root / "lighthouse.md").write_text("# The Lighthouse\n\nThe keeper lit the lamp every night at dusk.")
    os.link(root / "lighthouse.md", root / "backup" / "lighthouse.md")
    corpus = load_corpus(root)
    assert [s.path for s in corpus.stories] == ["backup/lighthouse.md"]
    (problem,) = said(corpus.problems)
    assert problem.startswith("Skipped lighthouse.md: it is the same file as backup/lighthouse.md, already read")


def test_a_file_or_folder_whose_name_is_not_utf8_is_named_and_the_rest_loads_and_saves(tmp_path):
    # Names from an old zip or a Windows share are often Latin-1: "café" as the bytes caf\xe9. Python reads them
    # with a lone surrogate, which no title, JSON file or Discord message can hold.
    root = tmp_path / "stories"
    root.mkdir()
    (root / "baker.md").write_text("# The Baker\n\nElodie made bread every morning.")
    raw = os.fsencode(root)
    with open(raw + b"/caf\xe9-story.txt", "w") as untitled:
        untitled.write("The miller Anatole ground rye by the river.")
    with open(raw + b"/\xe9t\xe9-tale.md", "w") as titled:
        titled.write("# Summer\n\nThe sun shone on the harbour.")
    os.mkdir(raw + b"/r\xe9cits")
    with open(raw + b"/r\xe9cits/tale.md", "w") as inside:
        inside.write("# Inside\n\nA tale in a folder of its own.")
    corpus = load_corpus(root)
    assert [s.path for s in corpus.stories] == ["baker.md"]
    problems = " ".join(said(corpus.problems))
    assert "Skipped caf\ufffd-story.txt: its name is not UTF-8" in problems
    assert "Skipped \ufffdt\ufffd-tale.md: its name is not UTF-8" in problems
    assert "Skipped the folder r\ufffdcits: its name is not UTF-8" in problems
    store = IndexStore(tmp_path / "index")
    StoryLibrary.load(root, store=store, force=True)  # the skipped files' problems are saved with the index
    assert StoryLibrary.load(root, store=store).opened


UNPRIVILEGED = 65534  # nobody: root reads any folder, so unreadable folders are tried as another user
CLOSED = 0o700 if os.geteuid() == 0 else 0o000
"""A folder's mode that the loader may not enter: root's own, for the unprivileged child; none at all, for a tester
who is not root (and loads as themself)."""


def load_as_unprivileged(folder: Path) -> dict:
    """load_corpus in a forked child that has given up root, as a server owner's bot user would run."""
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the child: drop privileges, load, report, and leave without running pytest's exit
        try:
            os.close(read)
            if os.geteuid() == 0:
                # Loading imports modules on first use (the utf-8-sig codec): they are imported here, before
                # giving up root, from a Python install the unprivileged user may not read (under /root).
                load_corpus(CORPUS)
                os.setgid(UNPRIVILEGED)
                os.setuid(UNPRIVILEGED)
            try:
                corpus = load_corpus(folder)
                report: dict[str, list[str] | str] = {
                    "stories": [s.path for s in corpus.stories],
                    "problems": list(said(corpus.problems)),
                }
            except CorpusError as error:
                report = {"error": corpus_error_text(error)}
            except Exception:  # shown in the test's failure, not lost with the child
                report = {"crash": traceback.format_exc()}
            os.write(write, json.dumps(report).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(child, 0)
    return json.loads(data or b"{}")


@pytest.fixture
def shared_tmp():
    """A folder any user can read, as the unprivileged loader needs."""
    folder = Path(tempfile.mkdtemp(prefix="storybot-"))
    folder.chmod(0o755)
    yield folder
    for path in sorted(folder.rglob("*"), reverse=True):
        path.chmod(0o755) if path.is_dir() else None
    shutil.rmtree(folder)


def test_an_unreadable_sub_folder_is_named(shared_tmp):
    (shared_tmp / "tale.txt").write_text("Once upon a time.")
    (shared_tmp / "locked").mkdir()
    (shared_tmp / "locked" / "hidden.txt").write_text("Never read.")
    (shared_tmp / "tale.txt").chmod(0o644)
    (shared_tmp / "locked").chmod(0o000)
    data = load_as_unprivileged(shared_tmp)
    assert data.get("stories") == ["tale.txt"], data
    assert any(p.startswith("Skipped the folder locked/: it cannot be read") for p in data["problems"])


def test_an_unreadable_corpus_folder_says_so(shared_tmp):
    (shared_tmp / "tale.txt").write_text("Once upon a time.")
    shared_tmp.chmod(0o311)
    data = load_as_unprivileged(shared_tmp)
    assert "cannot be read" in data.get("error", ""), data
    assert "no story files" not in data["error"]


def test_a_corpus_folder_in_a_folder_the_user_may_not_enter_says_so(shared_tmp):
    """A service's user given STORYBOT_CORPUS=/home/alice/stories, /home/alice of mode 0700: Path.is_file raised
    PermissionError, a traceback for `ask`, `index` and the bot, where the folder's own permissions were said."""
    stories = shared_tmp / "home" / "stories"
    stories.mkdir(parents=True)
    (stories / "tale.txt").write_text("Once upon a time.")
    stories.chmod(0o755)
    (stories / "tale.txt").chmod(0o644)
    (shared_tmp / "home").chmod(CLOSED)
    data = load_as_unprivileged(stories)
    said = f"The corpus folder {stories} cannot be read (Permission denied); check its permissions."
    assert data.get("error") == said, data


def test_a_link_to_a_story_in_a_folder_the_user_may_not_enter_is_skipped_and_the_rest_load(shared_tmp):
    """The folder is skipped as unreadable, but a link beside it to a story in it was read as a file whose state
    could not be asked: its PermissionError ended the whole load."""
    (shared_tmp / "tale.txt").write_text("Once upon a time.")
    (shared_tmp / "tale.txt").chmod(0o644)
    (shared_tmp / "private").mkdir()
    (shared_tmp / "private" / "draft.md").write_text("# Draft\n\nNot yet.")
    (shared_tmp / "private").chmod(CLOSED)
    (shared_tmp / "draft.md").symlink_to("private/draft.md")
    data = load_as_unprivileged(shared_tmp)
    assert data.get("stories") == ["tale.txt"], data
    assert "Skipped draft.md: it cannot be read (Permission denied); check its permissions." in data["problems"]


def test_a_named_pipe_or_a_device_given_as_the_corpus_is_no_folder(tmp_path):
    """It is there, so not "does not exist": it is no folder. Nor is it a file: "/dev/null is a file, not a folder.
    Point --corpus or STORYBOT_CORPUS at the folder that holds it" sent the user to /dev."""
    os.mkfifo(tmp_path / "pipe")
    for given in (tmp_path / "pipe", Path(os.devnull)):
        with pytest.raises(FolderRefused) as refused:
            load_corpus(given)
        assert refused.value.fault is FolderFault.NOT_A_FOLDER
        said = corpus_error_text(refused.value)
        assert said.startswith(f"{given} is no folder (a named pipe or a device).") and "holds it" not in said


KEEPER = """---
title: The Keeper
author: Someone
---

## Chapter One

Maren kept the *old* lighthouse on the **northern** cape.

- She trimmed the wick.
- She wound the clock.

## Chapter Two
> Every winter night she lit the lamp for the [fishing boats](https://example.org).

Maren was a keeper of lights. She never left.
"""


def test_markdown_headings_name_chapters_and_markup_does_not_leak(tmp_path):
    (tmp_path / "keeper.md").write_text(KEEPER, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.stories[0].title == "The Keeper"
    texts = [p.text for p in corpus.passages]
    assert texts == [
        "Maren kept the old lighthouse on the northern cape.",
        "She trimmed the wick.\nShe wound the clock.",
        "Every winter night she lit the lamp for the fishing boats.",
        "Maren was a keeper of lights. She never left.",
    ]
    assert [(p.chapter, p.chapter_number) for p in corpus.passages] == [
        ("Chapter One", 1),
        ("Chapter One", 2),
        ("Chapter Two", 1),
        ("Chapter Two", 2),
    ]
    assert [p.paragraph for p in corpus.passages] == [1, 2, 3, 4]


def test_a_markdown_title_line_loses_its_markup_as_chapter_headings_do(tmp_path):
    # "## The *Second* Part" named the chapter "The Second Part", but "# The *Mill* of [Anna](...)" titled the
    # story with its markup: lists, answers and pickers showed "*The* [Mill](http://x.com) of `Anna`".
    (tmp_path / "mill.md").write_text(
        "# *The* [Mill](http://x.com) of `Anna` **Rye**\n\nAnna ground rye.\n\n"
        "## The [Second](http://y) *Part*\n\nShe slept.\n"
    )
    (tmp_path / "band.md").write_text("# 2. *NSYNC and snake_case\n\nThe band sang.\n")
    corpus = load_corpus(tmp_path)
    assert {s.path: s.title for s in corpus.stories} == {
        "mill.md": "The Mill of Anna Rye",
        "band.md": "2. *NSYNC and snake_case",
    }
    assert corpus.story_passages(1)[1].chapter == "The Second Part"


def test_markdown_headings_with_no_blank_line_after_the_text_before_them_name_chapters(tmp_path):
    # Markdown needs no blank line around a heading; "## Chapter Two" right under a paragraph's last line
    # was read as that paragraph's text ("... lighthouse. ## Chapter Two Maren lit the lamp.").
    (tmp_path / "keeper.md").write_text(
        "# The Keeper\n## Chapter One\nMaren kept the lighthouse.\n## Chapter Two\nMaren lit the lamp.\n"
        "She never left.\n### The End\n",
        encoding="utf-8",
    )
    corpus = load_corpus(tmp_path)
    assert corpus.stories[0].title == "The Keeper"
    assert [(p.text, p.chapter) for p in corpus.passages] == [
        ("Maren kept the lighthouse.", "Chapter One"),
        ("Maren lit the lamp.\nShe never left.", "Chapter Two"),
    ]


def test_a_markdown_heading_indented_up_to_three_spaces_under_text_names_a_chapter(tmp_path):
    # Markdown lets a heading stand up to three spaces in, as a paragraph's first line already could.
    (tmp_path / "keeper.md").write_text(
        "# The Keeper\n\nMaren kept the lighthouse.\n   ## Chapter Two\nMaren lit the lamp.\n", encoding="utf-8"
    )
    corpus = load_corpus(tmp_path)
    assert [(p.text, p.chapter) for p in corpus.passages] == [
        ("Maren kept the lighthouse.", None),
        ("Maren lit the lamp.", "Chapter Two"),
    ]


def test_a_text_file_keeps_its_asterisks_and_has_no_chapters(tmp_path):
    (tmp_path / "plain.txt").write_text("A *star* fell.\n\n- not a bullet here", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [p.text for p in corpus.passages] == ["A *star* fell.", "- not a bullet here"]
    assert {p.chapter for p in corpus.passages} == {None}


ADVERSARIAL_LINE = 400_000


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        # After a word: a block of no letter or digit is no passage, in every format
        ("a " + "[" * ADVERSARIAL_LINE, "a" + "[" * ADVERSARIAL_LINE),  # no link closes: every bracket stays
        ("a " + "![" * (ADVERSARIAL_LINE // 2), "a" + "![" * (ADVERSARIAL_LINE // 2)),
        ("[a](" * (ADVERSARIAL_LINE // 4), "[a](" * (ADVERSARIAL_LINE // 4)),
        # A line of stars or underscores alone is a thematic break
        ("a " + "*" * ADVERSARIAL_LINE, "a" + "*" * (ADVERSARIAL_LINE // 5)),  # "**" "*" "**" is a strong star
        ("a " + "_" * ADVERSARIAL_LINE, "a" + "_" * (ADVERSARIAL_LINE - 4)),  # one "__" pair around the rest
        ("*a" * (ADVERSARIAL_LINE // 2), "*a" * (ADVERSARIAL_LINE // 2)),  # no closer: a word follows each
    ],
    ids=["brackets", "images", "unclosed-links", "stars", "underscores", "star-a"],
)
def test_markdown_lines_built_to_backtrack_load_in_one_pass(tmp_path, line, kept):
    # These took time quadratic in the line's length (400,000 "[" never finished); now one pass.
    (tmp_path / "attack.md").write_text(f"# B\n\nx\n\n{line}\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.stories[0].title == "B"
    texts = [p.text for p in corpus.passages]
    assert texts[0] == "x"
    assert "".join(texts[1:]) == kept
    assert all(len(text) <= MAX_PASSAGE_CHARS for text in texts)


def test_markdown_titles_and_headings_built_to_backtrack_load_in_one_pass(tmp_path):
    spaces = " " * ADVERSARIAL_LINE
    (tmp_path / "heading.md").write_text(f"# Tide{spaces}Turn\n\n## Part{spaces}#{spaces}One\n\nThe sea rose.")
    (tmp_path / "front.md").write_text(f"---\ntitle: Low{spaces}Water\n---\n\nThe sea fell.")
    (tmp_path / "ticks.md").write_text("`" * ADVERSARIAL_LINE + "\n\nOnly this is text.")
    corpus = load_corpus(tmp_path)
    titles = {s.path: s.title for s in corpus.stories}
    read = {"front.md": f"Low{spaces}Water", "heading.md": f"Tide{spaces}Turn", "ticks.md": "Ticks"}
    assert titles == {path: capped_title(title) for path, title in read.items()}  # read whole, then capped
    for path in ("front.md", "heading.md"):
        reader = reader_for(path)
        assert reader is not None and reader.read((tmp_path / path).read_bytes()).title == read[path]
    assert corpus.story_passages(1)[0].chapter == f"Part{spaces}#{spaces}One"
    assert [p.text for p in corpus.story_passages(2)] == ["Only this is text."]


def test_markdown_inline_markup_is_taken_out_as_before():
    assert plain_markdown("**a *b* c** and ![alt](x.png) [link](http://e.org)") == "a *b* c and alt link"
    assert plain_markdown("snake_case_name and 2*3*4 stay; *open and [open](") == (
        "snake_case_name and 2*3*4 stay; *open and [open]("
    )
    assert plain_markdown("a *line\nbreak* is no emphasis; `code`") == "a *line\nbreak* is no emphasis; code"


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"\0" * (2 * 2**20), "NUL bytes"),
        # no byte order mark, and characters spread over too many blocks to say so (plain_text: _unmarked_utf16)
        (
            "\u6614\u3005\u3001\u3042\u308b\u6751\u306b\u6c34\u8eca\u5c0f\u5c4b\u304c\u3042\u308a\u3002\r\n".encode(
                "utf-16-le"
            ),
            "NUL bytes",
        ),
        (bytes(range(1, 32)) * 1000 + b"words", "control bytes"),
    ],
    ids=["nul-bytes", "utf-16", "control-bytes"],
)
def test_binary_files_are_named_and_skipped(tmp_path, content, why):
    (tmp_path / "tale.txt").write_text("A short tale.")
    (tmp_path / "blob.txt").write_bytes(content)
    corpus = load_corpus(tmp_path)
    assert [s.path for s in corpus.stories] == ["tale.txt"]
    assert [p for p in said(corpus.problems) if p.startswith("Skipped blob.txt: it is not text") and why in p]


def test_notepads_unicode_text_is_read_by_its_byte_order_mark(tmp_path):
    # Notepad's "Unicode" (UTF-16 LE) and "Unicode big endian", written with their byte order marks.
    (tmp_path / "mill.txt").write_text("The Mill\n\nThe wheel turned at dawn.", encoding="utf-16")
    (tmp_path / "lamp.md").write_text("\ufeff# The Lamp\n\nMaren lit the lamp.", encoding="utf-16-be")
    corpus = load_corpus(tmp_path)
    assert [(s.path, s.title) for s in corpus.stories] == [("lamp.md", "The Lamp"), ("mill.txt", "The Mill")]
    assert [p.text for p in corpus.passages] == ["Maren lit the lamp.", "The wheel turned at dawn."]
    assert said(corpus.problems) == ()


def test_a_file_of_a_title_alone_is_said_to_have_a_title_but_no_paragraphs(tmp_path):
    """A file of "# The Mill" alone was said to have no text, as an empty file is: a title alone says so."""
    (tmp_path / "mill.md").write_text("# The Mill\n", encoding="utf-8")
    (tmp_path / "forge.md").write_text("---\ntitle: The Forge\n---\n", encoding="utf-8")
    (tmp_path / "lamp.txt").write_text("The Lamp\n\n", encoding="utf-8")
    (tmp_path / "well.md").write_text("Maren drew water.", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert said(corpus.problems) == (
        "Skipped forge.md: it has a title but no paragraphs; add some text.",
        "Skipped mill.md: it has a title but no paragraphs; add some text.",
    )


def test_a_paragraph_or_heading_of_invisible_characters_alone_is_no_passage_or_chapter(tmp_path):
    # An HTML spacer <p>&shy;</p>, or a lone byte order mark between joined files, shows nothing: it is no
    # empty passage to find, read or count, and a file of nothing else has no text.
    (tmp_path / "lamp.md").write_text(
        "# The Lamp\n\n## Chapter One\n\nMaren lit the lamp.\n\n\u00ad\n\n## \u2060\n\n\ufeff His sister slept.",
        encoding="utf-8",
    )
    (tmp_path / "blank.md").write_text("# Blank\n\n\u00ad\u2060", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [story.title for story in corpus.stories] == ["The Lamp"]
    assert [(p.text, p.chapter) for p in corpus.passages] == [
        ("Maren lit the lamp.", "Chapter One"),
        ("His sister slept.", "Chapter One"),
    ]
    assert said(corpus.problems) == ("Skipped blank.md: it has a title but no paragraphs; add some text.",)


def test_zero_width_characters_at_a_title_s_ends_are_no_part_of_it(tmp_path):
    # A title pasted from a web page kept the zero-width space at its ends, a document's metadata a byte order mark or
    # a joiner: "\u200bThe Lamp" was listed and offered by /ask's autocomplete so, not as a user types it. A chapter's
    # name and a title made of the file's name likewise. Inside a title they stay (Persian's non-joiner).
    pytest.importorskip("lxml", reason="the HTML reader needs the formats extra")
    files = {
        "lamp.md": "---\ntitle: \u200bThe Lamp\u200b\n---\n\nMaren lit the lamp.",
        "mill.md": "# \u200d The Mill \u200c\n\n## \u200bChapter One\u00ad\n\nThe wheel turned.",
        "pier.txt": "\u200bThe Pier\u200b\n\nThe boats came in.",
        "forge.html": "<title>\u200c\u00a0The Forge\u2060</title><p>The anvil rang.</p>",
        "\u200bwell-house\u200b.md": "Maren drew water.",
        "tavern.md": "# \u200b\u0645\u06cc\u200c\u062e\u0627\u0646\u0647\u200b\n\nThe lamps were lit.",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "quay.rtf").write_bytes(
        b"{\\rtf1{\\info{\\title \\u8203?The Quay\\u65279?}}\\pard The ferry docked.\\par}"
    )
    corpus = load_corpus(tmp_path)
    assert sorted(story.title for story in corpus.stories) == [
        "The Forge",
        "The Lamp",
        "The Mill",
        "The Pier",
        "The Quay",
        "Well House",
        "\u0645\u06cc\u200c\u062e\u0627\u0646\u0647",
    ]
    assert {p.chapter for p in corpus.passages} == {None, "Chapter One"}


def test_a_file_named_with_invisible_characters_alone_is_titled_by_its_whole_name(tmp_path):
    # Its title was its name's stem, "\u200b": /stories listed a story of no name, which no one could type.
    for name in ("\u200b.md", "\ufeff\u2060.txt", "\u200b\u200c-\u00ad.md"):
        (tmp_path / name).write_text("Maren drew water.", encoding="utf-8")
    assert title_from_filename(Path("\u200b.md")) == ".md"
    assert sorted(story.title for story in load_corpus(tmp_path).stories) == ["-", ".md", ".txt"]


def test_a_file_of_zero_width_spaces_and_other_invisible_characters_alone_has_no_text(tmp_path):
    # invisible.md and pandoc's files of it in every format (scripts/make_invisible_fixtures.sh): paragraphs of
    # zero-width spaces, joiners, a word joiner and a left-to-right mark alone. Each was a story of three passages of
    # nothing, titled after its file (the HTML page by pandoc's <title>, the file's name). They are skipped as a blank
    # file is, and a story's paragraph or heading of them alone is no passage or chapter.
    pytest.importorskip("lxml", reason="the HTML, EPUB and FictionBook readers need the formats extra")
    pytest.importorskip("docx", reason="the Word reader needs the formats extra")
    names = ["invisible.md", *(f"invisible-pandoc.{kind}" for kind in ("docx", "odt", "rtf", "fb2", "html", "epub"))]
    for name in names:
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "invisible.txt").write_text("\u200b\n\n\u2800\u3164 \ufe0f\n", encoding="utf-8")
    (tmp_path / "lamp.md").write_text(
        "# The Lamp\n\n## \u200b\u200e\n\nMaren lit the lamp.\n\n\u200b\u200c\n\nHis sister slept.", encoding="utf-8"
    )
    corpus = load_corpus(tmp_path)
    assert [(story.title, story.passage_count) for story in corpus.stories] == [("The Lamp", 2)]
    assert [(p.text, p.chapter) for p in corpus.passages] == [
        ("Maren lit the lamp.", None),
        ("His sister slept.", None),
    ]
    blank = ("invisible.md", "invisible.txt")  # the plain formats' word for a file of white space alone
    assert said(corpus.problems) == tuple(
        f"Skipped {name}: it is empty; add some paragraphs or remove it."
        if name in blank
        else f"Skipped {name}: it has no text."
        for name in sorted([*names, "invisible.txt"])
    )


def test_a_textedit_rtfd_package_is_one_story_named_after_it_its_pictures_unsaid(tmp_path):
    # TextEdit saves a story with a picture pasted in as "The Salt Road.rtfd/", its text in TXT.rtf, with no title of
    # its own: every such story was called "TXT", and its pictures were named as files that are not stories.
    package = tmp_path / "The Salt Road.rtfd"
    package.mkdir()
    (package / "TXT.rtf").write_text(r"{\rtf1\ansi\ansicpg1252\cocoartf2761 Ingrid lived in a hut.\par}")
    (package / "map.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "Empty.rtfd").mkdir()
    corpus = load_corpus(tmp_path)
    assert [(story.title, story.path) for story in corpus.stories] == [("The Salt Road", "The Salt Road.rtfd/TXT.rtf")]
    assert [p.text for p in corpus.passages] == ["Ingrid lived in a hut."]
    assert corpus.problems == ()
