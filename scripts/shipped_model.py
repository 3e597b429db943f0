"""Writes a fitted model's file, or checks that the shipped file holds what the script fits; and runs the script.

A shipped model is only as good as the claim that its script makes it: `--check` refits from the public
data and compares with the file in the repository, so a change to analysis or signals that would change
the fit cannot leave a stale model behind. Numbers are compared to within one unit of the last digit
written, since another machine's floating point may round a weight the other way.

A full refit is minutes of CPU for each model, CI's largest step after the tests. So each file also holds
a check record: the model fitted on one part of the data alone, and the SHA-256 of the rest of the
file. `--quick-check` (CI's) refits that part only and compares. It fails when the code no longer fits
that part as recorded, and when the model was changed after it was written. A change that moves the fit
of other questions only is left to `--check`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeAlias

from bot.core.corpus import CorpusError
from bot.eval.beir import DatasetError
from bot.messages import corpus_error_text, dataset_error_text

CHECK_KEY = "check"
"""Where a model file holds its check record (the bot reads only the keys it knows)."""
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


def model_text(document: Mapping[str, object]) -> str:
    """The file's text, as every fit script writes it."""
    return json.dumps(document, indent=1) + "\n"


def add_mode_arguments(parser: argparse.ArgumentParser, *, cross_validate: str) -> None:
    """`--cross-validate` (helped by `cross_validate`), `--check` and `--quick-check`, which exclude each other: a
    check that cross-validated instead would have checked nothing and exited 0."""
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--cross-validate", action="store_true", help=cross_validate)
    mode.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 unless --output holds what this fit makes"
    )
    mode.add_argument(
        "--quick-check",
        action="store_true",
        help="write nothing; refit one fifth of the questions only, and exit 1 unless --output's check record holds "
        "that fit and the model it was written with (CI's check)",
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
    shipped = _shipped(path, "--check")
    return shipped is not None and _compared(path, differences(json.loads(text), shipped), "")


def with_check(document: dict[str, object], part: str, fitted: dict[str, object]) -> dict[str, object]:
    """The document to write, with its check record: the model `fitted` on the `part` of the data that
    `--quick-check` refits, and the digest of the document itself."""
    return document | {CHECK_KEY: {"part": part, "sha256": _digest(document), "fit": fitted}}


def quick_check(path: Path, part: str, fitted: dict[str, object]) -> bool:
    """Whether the model at `path` holds a check record of this `fitted` model of the `part`, and is the document
    that record was written with; prints what differs."""
    shipped = _shipped(path, "--quick-check")
    if shipped is None:
        return False
    record = shipped.pop(CHECK_KEY, None) if isinstance(shipped, dict) else None
    if not isinstance(record, dict):
        print(f"{path} holds no check record; fit it without --quick-check")
        return False
    expected: Json = json.loads(json.dumps({"part": part, "fit": fitted}))
    found = differences(expected, {"part": record.get("part"), "fit": record.get("fit")}, f"/{CHECK_KEY}")
    if not isinstance(shipped, dict) or record.get("sha256") != _digest(shipped):
        found.append("/: the model was changed after it was written with its check record")
    return _compared(path, found, f" on {part}")


def _shipped(path: Path, mode: str) -> Json | None:
    """The model document at `path`, or None, said, when there is none to read."""
    try:
        shipped: Json = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:  # JSONDecodeError is a ValueError
        print(f"{path} holds no model to check against ({error}); fit it without {mode}")
        return None
    return shipped


def _compared(path: Path, found: list[str], part: str) -> bool:
    """Says whether the file holds what the script fits (on `part`, said after it), and each value that differs."""
    if not found:
        print(f"{path} holds what this script fits{part}")
        return True
    counted = "1 value" if len(found) == 1 else f"{len(found)} values"
    print(f"{path} differs from what this script fits{part} ({counted}); refit and ship it:")
    for line in found:
        print(f"  {line}")
    return False


def _digest(document: Mapping[str, object]) -> str:
    """The SHA-256 of the document's text as written."""
    return hashlib.sha256(model_text(document).encode("utf-8")).hexdigest()


def run(main: Callable[[], object]) -> None:
    """Runs a fit script's `main`: a data set it cannot use (a --data without FairytaleQA or SciFact) is said in one
    line, as `eval` says it, and exit 2, not a traceback ending in the reason's code."""
    try:
        main()
    except (DatasetError, CorpusError) as error:
        said = dataset_error_text(error) if isinstance(error, DatasetError) else corpus_error_text(error)
        print(f"{Path(sys.argv[0]).name}: {said}", file=sys.stderr)
        sys.exit(2)
