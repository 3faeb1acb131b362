"""Where the shared reference material is: `../shared` beside the repository.

The one place tests and benchmarks learn it, so a clone anywhere works (CI
puts `shared/` beside the clone).
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"
REFERENCE = SHARED / "reference"
