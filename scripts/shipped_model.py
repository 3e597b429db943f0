"""Writes a fitted model's file, or checks that the shipped file holds what the script fits.

A shipped model is only as good as the claim that its script makes it: `--check` refits from the public
data and compares with the file in the repository (CI runs it), so a change to analysis or signals that
would change the fit cannot leave a stale model behind. Numbers are compared to within one unit of the
last digit written, since another machine's floating point may round a weight the other way.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TypeAlias

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


def write_or_check(path: Path, document: dict[str, object], *, check: bool) -> bool:
    """Writes the model to `path`, or with `check` compares it with the file there and prints what
    differs; False when they differ."""
    if not check:
        path.write_text(model_text(document), encoding="utf-8")
        print(f"wrote {path}")
        return True
    shipped: Json = json.loads(path.read_text("utf-8"))
    fitted: Json = json.loads(model_text(document))
    found = differences(fitted, shipped)
    if not found:
        print(f"{path} holds what this script fits")
        return True
    print(f"{path} differs from what this script fits ({len(found)} values); refit and ship it:")
    for line in found:
        print(f"  {line}")
    return False
