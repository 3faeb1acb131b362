"""The figures of a run: printed at its end and written whole to OUT/summary.json.

    built, skipped, failed        issues this run built, found unchanged, could not build
    still_failed                  unchanged issues that failed before (skipped, not built)
    failures                      every issue not built, with file, line and reason
    warnings                      warnings by kind (rule) of the issues built, and of
                                  the archive's consistency check
    pages, seconds, pages_per_second   pages built this run, wall time of the run
    workers                       per worker: issues built and its peak memory (MB)
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..output import write_file
from .state import Row
from .worker import BUILT, Outcome

SUMMARY_NAME = "summary.json"


@dataclass
class Summary:
    archive: str
    out: str
    executor: str
    issues: int = 0
    built: int = 0
    skipped: int = 0
    failed: int = 0
    still_failed: int = 0
    pages: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    failures: list[dict] = field(default_factory=list)
    warnings: Counter = field(default_factory=Counter)
    consistency: list[str] = field(default_factory=list)
    workers: dict[str, dict] = field(default_factory=dict)

    def add(self, outcome: Outcome) -> None:
        worker = self.workers.setdefault(outcome.worker, {"issues": 0, "peak_rss_mb": 0.0})
        worker["issues"] += 1
        worker["peak_rss_mb"] = max(worker["peak_rss_mb"], round(outcome.peak_rss / 2**20, 1))
        if outcome.status == BUILT:
            self.built += 1
            self.pages += outcome.pages
            self.warnings.update(rule or "other" for rule, _ in outcome.diagnostics)
        else:
            self.failed += 1

    def add_failures(self, rows: list[Row]) -> None:
        self.failures = [{"issue": r.rel, "file": r.error_file, "line": r.error_line,
                          "reason": r.reason} for r in sorted(rows, key=lambda r: r.rel)]

    def add_consistency(self, findings) -> None:
        self.consistency = [str(d) for d in findings]
        self.warnings.update(d.rule for d in findings)

    @property
    def exit_status(self) -> int:
        """0: every issue of the archive is built; 1: some are not."""
        return 0 if not self.failures and not self.interrupted else 1

    def to_json(self) -> dict:
        peak = max((w["peak_rss_mb"] for w in self.workers.values()), default=0.0)
        return {"archive": self.archive, "out": self.out, "executor": self.executor,
                "issues": self.issues, "built": self.built, "skipped": self.skipped,
                "failed": self.failed, "still_failed": self.still_failed,
                "interrupted": self.interrupted, "pages": self.pages,
                "seconds": round(self.seconds, 2),
                "pages_per_second": round(self.pages / self.seconds, 2) if self.seconds else 0.0,
                "peak_rss_mb_per_worker": peak,
                "workers": dict(sorted(self.workers.items())),
                "warnings": dict(sorted(self.warnings.items())),
                "failures": self.failures, "consistency": self.consistency}

    def write(self, out: Path) -> Path:
        path = out / SUMMARY_NAME
        write_file(path, (json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n")
                   .encode("utf-8"))
        return path

    def lines(self) -> list[str]:
        j = self.to_json()
        out = [f"{j['issues']} issues: {j['built']} built, {j['skipped']} skipped (unchanged), "
               f"{j['failed']} failed" + (f", {j['still_failed']} still failed (unchanged)"
                                          if j["still_failed"] else ""),
               f"{j['pages']} pages in {j['seconds']:.1f} s: {j['pages_per_second']:.2f} pages/s; "
               f"peak memory per worker {j['peak_rss_mb_per_worker']:.0f} MB "
               f"({len(j['workers'])} worker(s), {j['executor']})"]
        if j["warnings"]:
            out.append("warnings: " + ", ".join(f"{k} {v}" for k, v in j["warnings"].items()))
        out += [f"not built: {f['reason']}" for f in j["failures"]]
        out += j["consistency"]
        return out
