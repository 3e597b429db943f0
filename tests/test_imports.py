"""The layers keep to their own, read from the source of every module (ast): a lazy import inside a
function counts as much as one at the top."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import bot

PACKAGE = Path(bot.__file__).parent
LOOKUPS = frozenset({"story_finder", "person_finder", "mention_finder", "ask"})
"""What the core's library does for the operations (bot.operations): never reached by a front end itself."""
FRONT_ENDS = ("bot.cli", "bot.discord_app", "bot.program", "discord", "argparse")


def imported(path: Path, package: Path) -> set[str]:
    """Every module the file imports, and every name it imports from one, in full (relative made absolute)."""
    here = ".".join(path.relative_to(package.parent).with_suffix("").parts)
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            parent = here.split(".")[: -node.level] if node.level else []
            base = ".".join([*parent, node.module] if node.module else parent)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def modules(folder: str, package: Path = PACKAGE) -> list[Path]:
    found = sorted((package / folder).rglob("*.py"))
    assert found, folder
    return found


def reaching(folder: str, forbidden: tuple[str, ...], package: Path = PACKAGE) -> dict[str, list[str]]:
    """The files of the folder that import any of the forbidden modules (or what is in them), and which."""
    found = {}
    for path in modules(folder, package):
        names = imported(path, package)
        bad = sorted(n for n in names if any(n == f or n.startswith(f + ".") for f in forbidden))
        if bad:
            found[str(path.relative_to(package))] = bad
    return found


def test_the_check_sees_relative_and_lazy_imports(tmp_path):
    (tmp_path / "bot" / "discord_app").mkdir(parents=True)
    probe = tmp_path / "bot" / "discord_app" / "probe.py"
    probe.write_text("from ..cli import main\nimport bot.core\n\n\ndef later():\n    import bot.cli.render\n")
    found = reaching("discord_app", ("bot.cli",), tmp_path / "bot")
    assert found == {"discord_app/probe.py": ["bot.cli", "bot.cli.main", "bot.cli.render"]}


def test_discord_and_the_command_line_import_nothing_of_each_other():
    assert reaching("discord_app", ("bot.cli", "bot.program", "argparse")) == {}
    assert reaching("cli", ("bot.discord_app", "bot.program", "discord")) == {}


def test_the_core_and_the_operations_know_no_front_end_and_no_wording():
    assert reaching("core", (*FRONT_ENDS, "bot.operations", "bot.messages")) == {}
    assert reaching("operations", (*FRONT_ENDS, "bot.messages")) == {}


def test_front_ends_reach_the_library_only_through_the_operations():
    for folder in ("cli", "discord_app"):
        for path in modules(folder):
            tree = ast.parse(path.read_text())
            used = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr in LOOKUPS}
            assert not used, f"{path.relative_to(PACKAGE)} calls the core's {sorted(used)} itself"
    finders = ("bot.core.story_names", "bot.core.people", "bot.core.worker", "bot.core.corpus_diff")
    assert reaching("cli", finders) == {}
    assert reaching("discord_app", finders) == {}


def test_asking_from_the_command_line_loads_no_database_library():
    """`python -m bot ask` starts without SQLAlchemy or Alembic (a few tenths of a second): only the
    commands that use the database import them."""
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, bot.program, bot.cli.main; print(sorted(set(sys.modules) & {'sqlalchemy', 'alembic'}))",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert loaded.stdout.strip() == "[]"
