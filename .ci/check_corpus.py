"""CI check: each seed story stands word for word in corpus/, under a title line."""

import sys
from pathlib import Path

seeds, corpus = Path(sys.argv[1]), Path(sys.argv[2])
bodies = [path.read_text("utf-8") for path in corpus.glob("*.md")]
missing = [seed.name for seed in sorted(seeds.glob("*.txt")) if not any(seed.read_text("utf-8") in b for b in bodies)]
if missing:
    sys.exit(f"corpus/ no longer holds these seed stories word for word: {', '.join(missing)}")
print(f"corpus/ holds all {len(list(seeds.glob('*.txt')))} seed stories word for word")
