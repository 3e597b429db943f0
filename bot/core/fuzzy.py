"""rapidfuzz's process.extract, scored by process.cdist, which lets go of the GIL while it scores.

extract holds the GIL throughout, so matching in a thread (as /performer, autocomplete and story names are matched,
for the event loop's sake) still held the loop: 0.4 s for a name of 100 characters among 95,000 people
(bench/bench_performer_stalls.py). cdist scores every choice (a row of float64, 8 bytes a choice) with the GIL
released; the scores are kept as float64, as extract keeps them: WRatio gives 60.00000000000001 and 60.0, which
float32 (cdist's default) makes equal, and equals are ordered by place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from rapidfuzz import process


def closest(
    key: str, choices: Sequence[str], scorer: Callable[..., float], cutoff: float, limit: int | None = None
) -> list[tuple[int, float]]:
    """(place, score) of the choices `scorer` (a similarity) scores `cutoff` (above 0) or more against `key`, best
    first, equals in order of place, the first `limit`: what process.extract gives, as (place, score)."""
    if not choices:
        return []
    scores = process.cdist([key], choices, scorer=scorer, score_cutoff=cutoff, dtype=np.float64)[0]
    kept = np.flatnonzero(scores >= cutoff)
    ranked = kept[np.argsort(-scores[kept], kind="stable")][:limit]
    return list(zip(ranked.tolist(), scores[ranked].tolist(), strict=True))
