"""The saved index under faults, through the command line as real processes (docs/saved-index.md, "When the
index is damaged"): cut short while in use, shared with another user, on a full disk, and left
half-written by a kill."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.core.saved_index import LEFTOVERS, LOCK
from tests.cli.test_main import ROOT, command_environment, run
from tests.disk import fill, read_only, small_disk
from tests.random_stories import write_random_stories

OTHER_USER = 65534


def write_small(folder: Path) -> Path:
    return write_random_stories(folder, stories=3, paragraphs=200, words=40, seed=11)


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory) -> Path:
    """17 MB of stories, 25,000 passages: built in batches that spill to disk, and saved by any start."""
    return write_random_stories(tmp_path_factory.mktemp("big"), stories=25, paragraphs=1000, words=100, seed=5)


def leftovers(index: Path) -> list[str]:
    return sorted(path.name for path in index.rglob(".*") if path.name.startswith(LEFTOVERS))


def test_ask_reports_an_index_cut_short_while_it_runs_and_keeps_going(tmp_path):
    env = {"STORYBOT_CORPUS": str(write_small(tmp_path / "stories")), "STORYBOT_INDEX": str(tmp_path / "index")}
    assert run("index", env=env).returncode == 0
    asking = subprocess.Popen(
        [sys.executable, "-m", "bot", "ask", "--json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=command_environment(env),
        cwd=ROOT,
    )
    assert asking.stdin and asking.stdout
    asking.stdin.write("where did the zeppelin land\n")
    asking.stdin.flush()
    assert json.loads(asking.stdout.readline())["answer"]["story"] == "Zeppelin"
    (folder,) = (path for path in (tmp_path / "index").iterdir() if path.is_dir())
    for path in folder.glob("*.npy"):
        if path.stat().st_size > 4096:
            os.truncate(path, 4096)
    asking.stdin.write("where did the zeppelin land\n")
    asking.stdin.flush()
    told = json.loads(asking.stdout.readline())
    assert told["answer"] is None and told["reason"] == "index_damaged"
    assert told["damage"]["kind"] == "resized" and told["damage"]["file"].endswith(".npy")
    assert "is now 4,096 bytes" in told["message"] and "The next start rebuilds it" in told["message"]
    _, errors = asking.communicate(timeout=60)
    assert asking.returncode == 0, errors
    rebuilt = run("ask", "where did the zeppelin land", env=env)
    assert rebuilt.returncode == 0 and "Zeppelin" in rebuilt.stdout
    assert "is damaged" in rebuilt.stderr and "Traceback" not in rebuilt.stderr


@pytest.mark.parametrize(
    "name", ["segments.json", ".json", ".passages.doc_freq.npy", ".library.json", ".text_starts.npy"]
)
def test_an_index_file_replaced_by_a_named_pipe_is_damage_not_a_hang(tmp_path, name):
    """Opening a FIFO waits for a writer that never comes: `ask` and the bot's start hung there, forever."""
    env = {"STORYBOT_CORPUS": str(write_small(tmp_path / "stories")), "STORYBOT_INDEX": str(tmp_path / "index")}
    assert run("index", env=env).returncode == 0
    (folder,) = (path for path in (tmp_path / "index").iterdir() if path.is_dir())
    segment = next(folder.glob("s1-*.first_passage.npy")).name.split(".")[0]
    file = folder / (name if name == "segments.json" else f"{segment}{name}")
    file.unlink()
    os.mkfifo(file)
    told = run("ask", "where did the zeppelin land", env=env)  # ends within run's 60 s, or the test fails
    assert told.returncode == 0 and "Zeppelin" in told.stdout, told.stderr
    assert f"{file.name} is not a regular file" in told.stderr and "Rebuilding it" in told.stderr, told.stderr
    assert "Traceback" not in told.stderr
    again = run("ask", "where did the zeppelin land", env=env)
    assert again.returncode == 0 and "Zeppelin" in again.stdout and again.stderr == "", again.stderr


def without_privileges(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`python -m bot ...` as a user with no right to touch other users' files: root without its
    capabilities (setpriv), which the sticky bit and file modes then bind as they bind anyone."""
    return subprocess.run(
        ["setpriv", "--bounding-set=-all", "--inh-caps=-all", sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env=command_environment(env),
        cwd=ROOT,
        timeout=120,
    )


@pytest.fixture
def shared_folder(tmp_path) -> Path:
    """A sticky folder anyone may write (as /tmp), owned by another user, where that user indexed the
    same corpus (a folder of theirs, 0700, named as any user's index of it is named in a folder of one's own)."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root, to act as another user, and setpriv")
    stories = write_small(tmp_path / "stories")
    private = tmp_path / "theirs"
    assert run("index", env={"STORYBOT_CORPUS": str(stories), "STORYBOT_INDEX": str(private)}).returncode == 0
    shared = tmp_path / "shared"
    shared.mkdir()
    (theirs,) = (path for path in private.iterdir() if path.is_dir())
    theirs.rename(shared / theirs.name)
    for path in [shared, *shared.rglob("*")]:
        os.chown(path, OTHER_USER, OTHER_USER)
    shared.chmod(0o1777)
    return shared


def test_an_index_folder_shared_with_another_user_gets_a_subfolder_of_ones_own(shared_folder, tmp_path):
    env = {"STORYBOT_CORPUS": str(tmp_path / "stories"), "STORYBOT_INDEX": str(shared_folder)}
    theirs = sorted(str(path) for path in shared_folder.rglob("*"))
    asked = without_privileges("ask", "where did the zeppelin land", env=env)
    assert asked.returncode == 0, asked.stderr
    assert "Zeppelin" in asked.stdout and "Traceback" not in asked.stderr
    indexed = without_privileges("index", env=env)
    assert indexed.returncode == 0, indexed.stderr
    assert f"saved in {shared_folder / f'user-{os.geteuid()}'}" in indexed.stdout
    assert not leftovers(shared_folder)
    assert sorted(str(p) for p in shared_folder.rglob("*") if "user-" not in str(p)) == theirs  # theirs untouched
    opened = without_privileges("ask", "where did the zeppelin land", env=env)
    assert opened.returncode == 0 and "Zeppelin" in opened.stdout and opened.stderr == ""


def test_a_subfolder_taken_by_another_user_gets_one_clear_line(shared_folder, tmp_path):
    taken = shared_folder / f"user-{os.geteuid()}"
    taken.mkdir(mode=0o755)
    os.chown(taken, OTHER_USER, OTHER_USER)
    env = {"STORYBOT_CORPUS": str(tmp_path / "stories"), "STORYBOT_INDEX": str(shared_folder)}
    asked = without_privileges("ask", "where did the zeppelin land", env=env)
    assert asked.returncode == 0 and "Zeppelin" in asked.stdout
    assert asked.stderr == ""  # a library this small is saved only when asked to
    indexed = without_privileges("index", env=env)
    assert indexed.returncode == 2
    assert indexed.stderr.startswith("storybot: could not save the index (Permission denied")
    assert "Make room" not in indexed.stderr and "cannot be written by this user" in indexed.stderr
    assert indexed.stderr.count("\n") == 1
    assert "Traceback" not in indexed.stderr


def test_on_a_full_disk_ask_builds_in_memory_answers_and_says_the_index_was_not_saved(big_corpus, tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        env = {"STORYBOT_CORPUS": str(big_corpus), "STORYBOT_INDEX": str(disk / "index")}
        asked = run("ask", "where did the zeppelin land", env=env)
        assert asked.returncode == 0, asked.stderr
        assert "Zeppelin" in asked.stdout
        assert "Could not write the build's" in asked.stderr  # the spill, kept in memory instead
        assert "Could not save the index (No space left on device" in asked.stderr
        assert "Traceback" not in asked.stderr
        assert not leftovers(disk)
        (folder,) = (path for path in (disk / "index").iterdir() if path.is_dir())  # not left full: what the
        # failed save wrote is removed
        assert sorted(path.name for path in folder.iterdir()) == [".write.lock"]


def test_on_a_full_disk_index_fails_in_one_line_and_leaves_nothing(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        env = {"STORYBOT_CORPUS": str(write_small(tmp_path / "stories")), "STORYBOT_INDEX": str(disk / "index")}
        (disk / "index").mkdir()
        fill(disk)
        indexed = run("index", env=env)
        assert indexed.returncode == 2
        assert indexed.stderr.startswith("storybot: could not save the index (No space left on device")
        assert "Make room there" in indexed.stderr  # the one fault that room mends
        assert indexed.stderr.count("\n") == 1
        assert "Traceback" not in indexed.stderr
        assert not leftovers(disk)


def test_on_a_read_only_disk_ask_answers_from_the_saved_index_and_index_fails_in_one_line(tmp_path):
    stories = write_small(tmp_path / "stories")
    with small_disk(tmp_path / "disk") as disk:
        env = {"STORYBOT_CORPUS": str(stories), "STORYBOT_INDEX": str(disk / "index")}
        assert run("index", env=env).returncode == 0
        read_only(disk)
        asked = run("ask", "where did the zeppelin land", env=env)  # nothing changed: opened as it is
        assert asked.returncode == 0 and "Zeppelin" in asked.stdout, asked.stderr
        assert "Traceback" not in asked.stderr
        (stories / "lighthouse.md").write_text("# The Lighthouse\n\nMaren lit the lamp of the lighthouse.\n")
        asked = run("ask", "who lit the lamp of the lighthouse", env=env)  # a change that cannot be saved
        assert asked.returncode == 0 and "Maren" in asked.stdout, asked.stderr
        assert "Could not save the index (Read-only file system" in asked.stderr
        assert "Traceback" not in asked.stderr
        indexed = run("index", env=env)
        assert indexed.returncode == 2 and "Traceback" not in indexed.stderr, indexed.stderr
        assert indexed.stderr.splitlines()[-1].startswith("storybot: could not save the index (Read-only file system")
        assert "Make room" not in indexed.stderr and "read-only file system; set STORYBOT_INDEX" in indexed.stderr


def test_an_index_path_through_a_file_or_a_broken_link_is_said_so_not_to_make_room(tmp_path):
    """The error was always answered "Make room there", which mends a full disk only."""
    (tmp_path / "a-file").write_text("not a folder")
    (tmp_path / "broken").symlink_to(tmp_path / "nowhere" / "deeper")
    stories = write_small(tmp_path / "stories")
    for index, error in ((tmp_path / "a-file" / "index", "Not a directory"), (tmp_path / "broken", "File exists")):
        indexed = run("index", env={"STORYBOT_CORPUS": str(stories), "STORYBOT_INDEX": str(index)})
        assert indexed.returncode == 2 and "Traceback" not in indexed.stderr, indexed.stderr
        assert indexed.stderr == (
            f"storybot: could not save the index ({error}: {index}). Check STORYBOT_INDEX: each part of its path "
            "must be a folder or not exist yet (no file there, nor a link to nowhere); or set it to another folder.\n"
        )


def test_what_a_killed_build_left_is_removed_at_the_next_start_unless_in_use(big_corpus, tmp_path):
    index = tmp_path / "index"
    env = {"STORYBOT_CORPUS": str(big_corpus), "STORYBOT_INDEX": str(index)}
    building = subprocess.Popen(
        [sys.executable, "-m", "bot", "index"],
        env=command_environment(env),
        cwd=ROOT,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its worker processes go with it
    )
    for _ in range(600):
        if any((path / "texts").exists() for path in index.glob(".build-*")):
            break
        time.sleep(0.1)
    os.killpg(building.pid, signal.SIGKILL)
    building.wait()
    assert leftovers(index), "the build was not caught spilling"
    small = {"STORYBOT_CORPUS": str(write_small(tmp_path / "stories")), "STORYBOT_INDEX": str(index)}
    with (index / LOCK).open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_SH)  # as a build or a save in another process holds it
        assert run("ask", "where did the zeppelin land", env=small).returncode == 0
        assert leftovers(index)
    asked = run("ask", "where did the zeppelin land", env=small)
    assert asked.returncode == 0 and "Zeppelin" in asked.stdout
    assert not leftovers(index)


def added_segment(folder: Path, env: dict[str, str]) -> str:
    """Commits the story file written just before as a segment of its own (`python -m bot index`): its name."""
    assert run("index", env=env).returncode == 0
    return json.loads((folder / "segments.json").read_text())["segments"][-1]["name"]


def test_two_segments_files_swapped_while_nothing_ran_are_damage_not_another_storys_text(tmp_path):
    """Texts are read a piece at a time, their checksums not read at a start: two segments' text files of one size,
    swapped, quoted each story's passage under the other's title and file, no damage said."""
    stories = write_small(tmp_path / "stories")
    env = {"STORYBOT_CORPUS": str(stories), "STORYBOT_INDEX": str(tmp_path / "index")}
    assert run("index", env=env).returncode == 0
    (folder,) = (path for path in (tmp_path / "index").iterdir() if path.is_dir())
    oslo = stories / "oslo.txt"
    oslo.write_text("The airship Norge landed at Oslo.")
    first = added_segment(folder, env)
    rome = stories / "rome.txt"
    rome.write_text("The airship Italy landed at Rome.")
    second = added_segment(folder, env)
    one, other = folder / f"{first}.text_data.npy", folder / f"{second}.text_data.npy"
    assert one.stat().st_size == other.stat().st_size
    os.rename(one, tmp_path / "aside")
    os.rename(other, one)
    os.rename(tmp_path / "aside", other)
    asked = run("ask", "--json", "where did the airship Norge land", env=env)
    assert asked.returncode == 0 and "Traceback" not in asked.stderr, asked.stderr
    answer = json.loads(asked.stdout)["answer"]
    assert answer["path"] == "oslo.txt" and answer["excerpt"] == "The airship Norge landed at Oslo.", answer
    assert [other["excerpt"] for other in json.loads(asked.stdout)["alternatives"] if other["path"] == "rome.txt"] == [
        "The airship Italy landed at Rome."
    ]
    assert "is damaged" in asked.stderr  # and built again


def test_a_story_removed_from_a_segment_whose_postings_are_damaged_rebuilds_the_index_not_a_traceback(tmp_path):
    """Deleting a story reads the blocks of the postings that hold its passages, whose checksum a start does not read:
    damage there was an IndexDamaged traceback at every start of ask, the console and the bot, for good."""
    stories = write_small(tmp_path / "stories")
    env = {"STORYBOT_CORPUS": str(stories), "STORYBOT_INDEX": str(tmp_path / "index")}
    assert run("index", env=env).returncode == 0
    (folder,) = (path for path in (tmp_path / "index").iterdir() if path.is_dir())
    postings = next(folder.glob("*.passages.postings.npy"))
    written = postings.stat()
    data = bytearray(postings.read_bytes())
    data[128:] = b"\xff" * (len(data) - 128)  # bit widths no block has
    postings.write_bytes(bytes(data))
    os.utime(postings, ns=(written.st_atime_ns, written.st_mtime_ns))  # as a disk's decay leaves it: not read whole
    (stories / "story-00.txt").unlink()
    asked = run("ask", "where did the zeppelin land", env=env)
    assert asked.returncode == 0 and "Traceback" not in asked.stderr, asked.stderr
    assert "Zeppelin" in asked.stdout and "is damaged (what was read of it makes no sense)" in asked.stderr
    again = run("ask", "where did the zeppelin land", env=env)  # built again: opened as it is
    assert again.returncode == 0 and "Zeppelin" in again.stdout and "damaged" not in again.stderr, again.stderr


def build_workers(pid: int) -> list[int]:
    """The process's children that are multiprocessing workers (not its resource tracker)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            parent = int(status.read_text().rsplit(")", 1)[1].split()[1])
            if parent == pid and b"spawn_main" in (status.parent / "cmdline").read_bytes():
                found.append(int(status.parent.name))
    return found


def test_a_build_worker_killed_has_its_batches_analysed_by_new_workers_not_a_traceback(big_corpus, tmp_path):
    """The out-of-memory killer ends the process that holds the most: a build's worker. Its pool broke, and
    BrokenProcessPool's traceback ended `python -m bot index` (and `ask`, the console, a reload), nothing saved."""
    env = {"STORYBOT_CORPUS": str(big_corpus), "STORYBOT_INDEX": str(tmp_path / "index")}
    building = subprocess.Popen(
        [sys.executable, "-m", "bot", "index"],
        env=command_environment(env),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    for _ in range(600):
        if workers := build_workers(building.pid):
            os.kill(workers[0], signal.SIGKILL)
            break
        time.sleep(0.05)
    built, errors = building.communicate(timeout=300)
    assert workers, "the build was not caught with its workers"
    assert building.returncode == 0 and "Traceback" not in errors, errors
    assert "A worker analysing the stories ended (exit -9); its batches go to new workers." in errors
    assert "Indexed 26 stories, 25,002 passages" in built
    asked = run("ask", "where did the zeppelin land", env=env)
    assert asked.returncode == 0 and "Zeppelin" in asked.stdout and asked.stderr == "", asked.stderr
