"""Writes a fitted model's file, or checks that the shipped file holds what the script fits; and runs the script.

A shipped model is only as good as the claim that its script makes it: `--check` refits from the public
data and compares with the file in the repository (CI runs it), so a change to analysis or signals that
would change the fit cannot leave a stale model behind. Numbers are compared to within one unit of the
last digit written, since another machine's floating point may round a weight the other way.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeAlias

from bot.core.corpus import CorpusError
from bot.eval.beir import DatasetError
from bot.messages import corpus_error_text, dataset_error_text

DIGITS = 4
"""Decimal places the fit scripts round weights to."""
TOLERANCE = 1.5 * 10**-DIGITS

Json: TypeAlias = bool | int | float | str | list["Json"] | dict[str, "Json"] | None


def differences(fitted: Json, shipped: Json, where: str = "") -> list[str]:
    """Where the fitted document and the shipped one differ, numbers within `TOLERANCE` counted equal."""
    if isinstance(fitted, dict) and isinstance(shipped, dict):
        found: list[str] = []
        for key in sorted(fitted.keys() | shipped.keys()):
            if key not in shipped:
                found.append(f"{where}/{key}: fitted only")
            elif key not in fitted:
                found.append(f"{where}/{key}: shipped only")
            else:
                found.extend(differences(fitted[key], shipped[key], f"{where}/{key}"))
        return found
    if isinstance(fitted, list) and isinstance(shipped, list):
        if len(fitted) != len(shipped):
            return [f"{where}: {len(fitted)} items fitted, {len(shipped)} shipped"]
        found = []
        for i, (one, other) in enumerate(zip(fitted, shipped, strict=True)):
            found.extend(differences(one, other, f"{where}[{i}]"))
        return found
    if isinstance(fitted, bool) or isinstance(shipped, bool):  # a bool is an int to Python: True == 1
        if fitted is shipped:
            return []
    elif isinstance(fitted, int | float) and isinstance(shipped, int | float):
        if abs(fitted - shipped) <= TOLERANCE:
            return []
    elif fitted == shipped:
        return []
    return [f"{where or '/'}: fitted {fitted!r}, shipped {shipped!r}"]


def model_text(document: dict[str, object]) -> str:
    """The file's text, as every fit script writes it."""
    return json.dumps(document, indent=1) + "\n"


def add_mode_arguments(parser: argparse.ArgumentParser, *, cross_validate: str) -> None:
    """`--cross-validate` (helped by `cross_validate`) and `--check`, which exclude each other: a check that
    cross-validated instead would have checked nothing and exited 0."""
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--cross-validate", action="store_true", help=cross_validate)
    mode.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 unless --output holds what this fit makes"
    )


def write_or_check(path: Path, document: dict[str, object], *, check: bool) -> bool:
    """Writes the model to `path` (whole or not at all: the bot may be reading it), or with `check` compares it
    with the file there and prints what differs; False when they differ or there is no model there to read."""
    text = model_text(document)
    if not check:
        temporary = path.with_name(f"{path.name}.tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
        print(f"wrote {path}")
        return True
    try:
        shipped: Json = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:  # JSONDecodeError is a ValueError
        print(f"{path} holds no model to check against ({error}); fit it without --check")
        return False
    found = differences(json.loads(text), shipped)
    if not found:
        print(f"{path} holds what this script fits")
        return True
    counted = "1 value" if len(found) == 1 else f"{len(found)} values"
    print(f"{path} differs from what this script fits ({counted}); refit and ship it:")
    for line in found:
        print(f"  {line}")
    return False


def run(main: Callable[[], object]) -> None:
    """Runs a fit script's `main`: a data set it cannot use (a --data without FairytaleQA or SciFact) is said in one
    line, as `eval` says it, and exit 2, not a traceback ending in the reason's code."""
    try:
        main()
    except (DatasetError, CorpusError) as error:
        said = dataset_error_text(error) if isinstance(error, DatasetError) else corpus_error_text(error)
        print(f"{Path(sys.argv[0]).name}: {said}", file=sys.stderr)
        sys.exit(2)
