"""Composer throughput on the seed issues: characters per second at 11 and 13 em.

Reads ../shared/seeds/*.txt raw (lines starting with '#' dropped), turns halfwidth
,:;()!? into full-width as the parser does, and composes every non-empty line as one
paragraph; then the whole text joined as a single paragraph (a stress test of the
breaker's window). Synthetic metrics: CJK 1 em, ASCII ½ em.

    python benchmarks/bench_compose.py [seed_dir]
"""

from __future__ import annotations

import glob
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from tests.paths import SEEDS  # noqa: E402
from typeset.compose import ParagraphStyle, Run, compose_paragraph  # noqa: E402

_FULL = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！",
                       "?": "？"})


class SyntheticMetrics:
    def advance(self, font: str, char: str) -> float:
        return 0.5 if ord(char) < 128 else 1.0


def seed_paragraphs(seed_dir: str) -> list[str]:
    paragraphs = []
    for path in sorted(glob.glob(os.path.join(seed_dir, "*.txt"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#"):
                    continue
                line = line.strip()
                if line:
                    paragraphs.append(line.translate(_FULL))
    return paragraphs


def bench(paragraphs: list[str], measure: int, repeat: int = 5) -> float:
    metrics = SyntheticMetrics()
    style = ParagraphStyle(measure)
    chars = sum(len(p) for p in paragraphs)
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        for p in paragraphs:
            compose_paragraph([Run(p)], style, metrics)
        best = min(best, time.perf_counter() - t)
    return chars / best


def main() -> None:
    seed_dir = sys.argv[1] if len(sys.argv) > 1 else str(SEEDS)
    paragraphs = seed_paragraphs(seed_dir)
    chars = sum(len(p) for p in paragraphs)
    print(f"{len(paragraphs)} paragraphs, {chars} characters")
    for measure in (11, 13):
        print(f"measure {measure} em: {bench(paragraphs, measure):,.0f} chars/s (per paragraph)")
    joined = ["".join(paragraphs)]
    for measure in (11, 13):
        print(f"measure {measure} em: {bench(joined, measure, 3):,.0f} chars/s (one paragraph)")


if __name__ == "__main__":
    main()
