"""What a run shows while it goes: on a terminal a tqdm bar (count, rate,
ETA, failures so far) with each failure printed above it; in a log (not a
terminal) one plain line per finished issue."""

from __future__ import annotations

import sys
from typing import TextIO

from .worker import BUILT, Outcome


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, bar: bool | None = None):
        self.stream = stream or sys.stderr
        self.total = total
        self.count = 0
        self.failures = 0
        use_bar = self.stream.isatty() if bar is None else bar
        self._bar = None
        if use_bar:
            from tqdm import tqdm
            self._bar = tqdm(total=total, file=self.stream, unit="issue", dynamic_ncols=True)

    def skipped(self, n: int) -> None:
        """Issues found done before any is built."""
        if not n:
            return
        self.count += n
        if self._bar is not None:
            self._bar.update(n)
        else:
            print(f"[{self.count}/{self.total}] {n} unchanged issue(s) skipped", file=self.stream)

    def finished(self, outcome: Outcome) -> None:
        self.count += 1
        if outcome.status != BUILT:
            self.failures += 1
        if self._bar is not None:
            if outcome.status != BUILT:
                self._bar.write(f"failed: {outcome.reason}", file=self.stream)
            self._bar.set_postfix(failed=self.failures, refresh=False)
            self._bar.update(1)
            return
        what = (f"built {outcome.rel}: {outcome.pages} pages, {outcome.seconds:.1f} s"
                if outcome.status == BUILT else f"failed {outcome.rel}: {outcome.reason}")
        print(f"[{self.count}/{self.total}] {what}", file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
