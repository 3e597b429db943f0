"""README and the docs/ pages it links, as a new user and an owner follow them: their examples print what they show,
their tables name what exists, their links lead somewhere."""

from __future__ import annotations

import argparse
import json
import re
import shlex
from collections.abc import Iterator, Mapping

import pytest

from bot.cli.main import build_parser
from bot.settings import QuestionBudget, Settings, SettingsError
from tests.cli.test_main import ROOT, run

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
"""README and every docs/ page: what an owner reads."""
README = PAGES[0].read_text("utf-8")
DOCUMENTATION = "".join(page.read_text("utf-8") for page in PAGES)
COMMANDS = (ROOT / "docs" / "commands.md").read_text("utf-8")
"""Every command and option, and the JSON they print."""
DISCORD = (ROOT / "docs" / "discord.md").read_text("utf-8")
"""Running it on Discord in full: its settings table."""
ASKING = (ROOT / "docs" / "asking.md").read_text("utf-8")
"""How questions are answered: people among them."""
ELLIPSIS = "..."
PROMPT = "$ .venv/bin/python -m bot "


def fenced_blocks(language: str, text: str) -> Iterator[tuple[str, str]]:
    """Each fenced block of that language, with the line just above it (what the page says it is). Tried from line
    starts only: from every character, the line's rest was read again each time (half a second a page, at collection
    in each test worker)."""
    for match in re.finditer(rf"^([^\n]*)\n+```{language}\n(.*?)\n```", text, re.DOTALL | re.MULTILINE):
        yield match[1], match[2]


def console_examples() -> list[tuple[str, str]]:
    """The `$ .venv/bin/python -m bot ...` lines of README and docs/, each with the output shown under it."""
    examples: list[tuple[str, list[str]]] = []
    for _, block in (block for page in PAGES for block in fenced_blocks("console", page.read_text("utf-8"))):
        for line in block.splitlines():
            if line.startswith("$ "):
                assert line.startswith(PROMPT), line
                examples.append((line.removeprefix(PROMPT), []))
            else:
                examples[-1][1].append(line)
    return [(command, "\n".join(shown).rstrip("\n")) for command, shown in examples]


@pytest.mark.parametrize(("command", "shown"), console_examples())
def test_each_console_example_prints_what_readme_shows(command, shown):
    """What the page shows is the output, where "..." stands for text left out: every other piece is printed, in
    order."""
    result = run(*shlex.split(command))
    assert result.returncode == 0, result.stderr
    printed = result.stdout.rstrip("\n")
    pieces = shown.split(ELLIPSIS)
    assert printed.startswith(pieces[0]), printed
    position = len(pieces[0])
    for piece in pieces[1:]:
        found = printed.find(piece, position)
        assert found >= 0, f"{piece!r} not printed after what the page shows before it:\n{printed}"
        position = found + len(piece)
    assert printed.endswith(pieces[-1]) and (len(pieces) > 1 or printed == shown), printed


def json_example(command: str) -> dict[str, object]:
    examples = [json.loads(block) for above, block in fenced_blocks("json", COMMANDS) if above == f"`{command}`:"]
    assert len(examples) == 1, command
    return examples[0]


def keys(value: object) -> set[str]:
    """A docs/commands.md example's keys; `"...": "..."` says more of the same follows."""
    assert isinstance(value, Mapping)
    return set(value) - {ELLIPSIS}


def test_ask_json_has_the_fields_readme_shows():
    shown = json_example("ask --json")
    printed = json.loads(run("ask", "--json", str(shown["question"])).stdout)
    assert set(printed) == keys(shown)
    assert set(printed["answer"]) == keys(shown["answer"])
    assert isinstance(shown["alternatives"], list) and printed["alternatives"]
    for alternative in printed["alternatives"]:
        assert keys(shown["alternatives"][0]) <= set(alternative) == set(printed["answer"])


def test_performer_json_has_the_fields_readme_shows():
    shown = json_example("performer --json")
    printed = json.loads(run("performer", "--json", str(shown["query"])).stdout)
    assert set(printed) == keys(shown)
    assert isinstance(shown["matches"], list)
    assert all(set(match) == keys(shown["matches"][0]) for match in printed["matches"])


def test_the_command_table_lists_every_command():
    section = COMMANDS[COMMANDS.index("# Command line") :]
    section = section[: section.index("\n## ")]
    listed = set(re.findall(r"^\| `python -m bot ([a-z]+)", section, re.MULTILINE))
    listed |= set(re.findall(r"` / `([a-z]+)` \|", section))  # "`python -m bot run` / `sync`"
    commands = next(a for a in build_parser()._actions if a.dest == "command").choices
    assert commands is not None and listed == set(commands)


def options(parser: argparse.ArgumentParser, command: str = "") -> Iterator[tuple[str, str]]:
    """Each command's options, as (command, option), the commands' own commands' too."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, subparser in action.choices.items():
                yield from options(subparser, f"{command} {name}".strip())
        yield from ((command, option) for option in action.option_strings if option not in ("-h", "--help"))


@pytest.mark.parametrize(("command", "option"), sorted(set(options(build_parser()))))
def test_readme_names_every_option(command, option):
    """An owner learns the options from README (or the docs/ pages it links), not only from --help."""
    assert option in DOCUMENTATION, f"python -m bot {command} {option} is in no README or docs/ page"


def readme_settings() -> dict[str, str]:
    """The settings table of docs/discord.md: each setting's name and its row."""
    table = DISCORD[DISCORD.index("| setting (`.env` or environment) |") :]
    table = table[: table.index("\n\n")]
    rows = {}
    for row in table.splitlines()[2:]:
        for name in re.findall(r"`([A-Z_]+)`", row.split(" | ")[0]):
            rows[name] = row
    return rows


def env_example_settings() -> set[str]:
    """What .env.example sets or shows commented out; POSTGRES_PASSWORD is compose.yaml's, for its database."""
    text = (ROOT / ".env.example").read_text("utf-8")
    names = set(re.findall(r"^(?:# )?([A-Z][A-Z_]+)=", text, re.MULTILINE))
    assert "${POSTGRES_PASSWORD" in (ROOT / "compose.yaml").read_text("utf-8")
    return names - {"POSTGRES_PASSWORD"}


class ReadNames(dict[str, str]):
    """An empty environment that notes each name asked of it."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[str] = set()

    def get(self, name: str, default: str | None = None) -> str | None:  # type: ignore[override]  # the overload Settings calls
        self.asked.add(name)
        return super().get(name, default)


def test_readme_env_example_and_settings_name_the_same_settings():
    environment = ReadNames()
    Settings.from_env(environment)
    assert set(readme_settings()) == env_example_settings() == environment.asked


DEFAULTS = {
    "STORYBOT_LOG_LEVEL": "INFO",
    "STORYBOT_INDEX": "~/.cache/storybot/index",
    "STORYBOT_QUESTION_BUDGET": "5/30",
    "STORYBOT_DATA": "~/.local/share/storybot",
    "STORYBOT_ANSWER_DAYS": "90",
    "STORYBOT_VIEWS_MB": "1024",
    "STORYBOT_SHELF_STORED_MB": "256",
    "STORYBOT_UPLOAD_SECONDS": "60",
    "STORYBOT_UPLOAD_MB": "1024",
    "STORYBOT_EDIT_MINUTES": "15",
}


@pytest.mark.parametrize(("name", "default"), DEFAULTS.items())
def test_a_setting_set_to_the_default_readme_states_changes_nothing(name, default, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    for folder in ("XDG_CACHE_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(folder, raising=False)
    assert f"`{default}`" in readme_settings()[name]
    assert Settings.from_env({name: default}) == Settings.from_env({})


RANGES = {
    "STORYBOT_ANSWER_DAYS": (1, 3650, "1–3650"),
    "STORYBOT_EDIT_MINUTES": (0, 1440, "0–1440"),
    "STORYBOT_UPLOAD_SECONDS": (1, 600, "1–600"),
    "STORYBOT_UPLOAD_MB": (256, 65536, "256–65536"),
    "STORYBOT_VIEWS_MB": (1, None, "at least 1"),
    "STORYBOT_SHELF_STORED_MB": (1, None, "at least 1"),
    "STORYBOT_SHARD_COUNT": (1, 2**31 - 1, "1 to 2,147,483,647"),
}
"""The number settings' least and most (None: no most), and the words docs/discord.md's settings table states
them in."""


@pytest.mark.parametrize(("name", "least", "most", "stated"), [(name, *limits) for name, limits in RANGES.items()])
def test_a_number_setting_takes_the_range_readme_states(name, least, most, stated):
    assert stated in readme_settings()[name]
    for taken in (least, most):
        if taken is not None:
            Settings.from_env({name: str(taken)})
    for refused in (least - 1, None if most is None else most + 1):
        if refused is not None:
            with pytest.raises(SettingsError, match=name):
                Settings.from_env({name: str(refused)})


@pytest.mark.parametrize(
    ("budget", "taken"),
    [("1/1", True), ("100/3600", True), ("0/30", False), ("101/30", False), ("5/0", False), ("5/3601", False)],
)
def test_the_question_budget_takes_the_range_readme_states(budget, taken):
    assert "1–100 questions per 1–3600 seconds" in readme_settings()["STORYBOT_QUESTION_BUDGET"]
    if taken:
        questions, seconds = map(int, budget.split("/"))
        assert Settings.from_env({"STORYBOT_QUESTION_BUDGET": budget}).question_budget == QuestionBudget(
            questions, seconds
        )
    else:
        with pytest.raises(SettingsError, match="STORYBOT_QUESTION_BUDGET"):
            Settings.from_env({"STORYBOT_QUESTION_BUDGET": budget})


def test_a_name_never_introduced_is_no_person_until_it_is(tmp_path):
    """docs/asking.md's "Marta Lind kept the lighthouse": no evidence either way makes no person; an introduction
    does."""
    story = "Marta Lind kept the lighthouse on Gull Rock.\n\nOne winter a ship struck the reef.\n"
    assert "Marta Lind kept the lighthouse on Gull Rock" in ASKING.replace("\n", " ")
    (tmp_path / "keeper.txt").write_text(story, "utf-8")
    assert 'No one called "marta"' in run("performer", "--corpus", str(tmp_path), "marta").stdout
    assert "Who is Marta Lind?" in ASKING
    assert "Marta Lind kept" in run("ask", "--corpus", str(tmp_path), "Who is Marta Lind?").stdout
    (tmp_path / "keeper.txt").write_text(story + "\nMarta Lind was a lighthouse keeper.\n", "utf-8")
    assert run("performer", "--corpus", str(tmp_path), "marta").stdout.startswith("Marta Lind, in ")


def built_rows() -> dict[str, str]:
    """The table of "How it is built": each row by its first cell (a folder, `bot/core/`, or a file)."""
    section = README[README.index("## How it is built") :]
    table = section[section.index("| where | what |") :]
    table = table[: table.index("\n\n")]
    return {row.split(" | ")[0].strip("| `"): row for row in table.splitlines()[2:]}


def row_of(path: str, rows: Mapping[str, str]) -> str:
    """The row of the innermost folder that holds `path` (`bot/core/rerank/` for its signals/), if any."""
    folders = [folder for folder in rows if folder.endswith("/") and path.startswith(folder)]
    return rows[max(folders, key=len)] if folders else ""


MIGRATIONS = "bot/state/migrations/versions/"
"""Schema revisions, named in `bot/state/`'s row as `migrations/`: `database status` lists each with what it brought."""


def test_how_it_is_built_names_every_module_and_script():
    """A newcomer finds every module in the table (and every script of scripts/): by its file name in the row of the
    folder it is in, or by its path in any row. A new module without a line fails here."""
    rows = built_rows()
    table = "\n".join(rows.values())
    unnamed = []
    for path in sorted([*(ROOT / "bot").rglob("*.py"), *(ROOT / "scripts").glob("*.py")]):
        module = path.relative_to(ROOT).as_posix()
        if path.name == "__init__.py" or module.startswith(MIGRATIONS) or f"`{module}`" in table:
            continue
        if f"`{path.name}`" not in row_of(module, rows):
            unnamed.append(module)
    assert not unnamed, f'README\'s "How it is built" does not name {unnamed}'


def test_how_it_is_built_names_no_file_that_is_gone():
    """Each file a row names is in that row's folder (a path, from the top), so no line outlives its module."""
    missing = []
    for key, row in built_rows().items():
        folder = ROOT / key if key.endswith("/") else ROOT
        for name in re.findall(r"`([\w/]+\.(?:py|txt|json|md|sh))`", row):
            if not ((ROOT / name).exists() or any(folder.rglob(name))):
                missing.append(f"{key}: {name}")
    assert not missing, f'README\'s "How it is built" names files that do not exist: {missing}'


LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
"""A Markdown link's target: `[text](target)`."""
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)


def anchors(text: str) -> set[str]:
    """The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens, `-1` after a
    repeated one."""
    seen: dict[str, int] = {}
    for heading in re.findall(r"^#{1,6} +(.+?) *#*$", FENCE.sub("", text), re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        if count:
            seen[f"{slug}-{count}"] = 1
    return set(seen)


def relative_links() -> Iterator[tuple[str, str]]:
    """Each relative link of README and docs/, as (the page it is on, its target)."""
    for page in PAGES:
        for target in LINK.findall(FENCE.sub("", page.read_text("utf-8"))):
            if not re.match(r"[a-z]+:", target):
                yield page.relative_to(ROOT).as_posix(), target


def test_the_pages_have_relative_links():
    assert {page for page, _ in relative_links()} >= {"README.md", "docs/commands.md", "docs/service.md"}


@pytest.mark.parametrize(("page", "target"), sorted(set(relative_links())))
def test_each_relative_link_leads_to_a_file_and_its_heading(page, target):
    """A link README or a docs/ page gives an owner opens a file that exists, at a heading it has, where it names
    one."""
    path, _, anchor = target.partition("#")
    linked = (ROOT / page).parent / path if path else ROOT / page
    assert linked.exists(), f"{page} links to {target}: no such file"
    if anchor:
        assert anchor in anchors(linked.read_text("utf-8")), f"{page} links to {target}: no such heading"
