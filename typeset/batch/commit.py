"""One finished issue committed to OUT: files first, its SQLite row last.

Two renames are not atomic together, so the order makes every state safe:
the PDF and the report (and the proof) are written to temporaries beside
their names and fsynced; the PDF is renamed into place, then the proof, then
the report — which records the PDF's SHA-256 — and the folder is synced;
only then is the row written, in its own transaction. Killed anywhere before
the row, the issue has no row with its hash and is built again; its old or
new files are replaced whole. A failed issue's old files are removed before
its row, so OUT never holds a PDF of a source that no longer builds.
Temporaries are named `.NAME.*.tmp`: a run removes the ones a killed run left
(`sweep_temporaries`).
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from ..output import ensure_folder, sha256, write_files
from .state import Row, State
from .worker import BUILT, Outcome


@dataclass(frozen=True)
class Outputs:
    pdf: Path
    report: Path
    proof: Path

    @classmethod
    def of(cls, out: Path, stem: str) -> "Outputs":
        base = out / stem
        return cls(base.with_name(base.name + ".pdf"),
                   base.with_name(base.name + ".layout.json"),
                   base.with_name(base.name + ".proof.pdf"))


def commit(state: State, out: Path, stem: str, digest: str, outcome: Outcome) -> Row:
    files = Outputs.of(out, stem)
    pdf_sha = None
    if outcome.status == BUILT:
        ensure_folder(files.pdf.parent)
        pairs = [(files.pdf, outcome.pdf)]
        if outcome.proof:
            pairs.append((files.proof, outcome.proof))
        pairs.append((files.report, outcome.report))
        write_files(pairs)          # temporaries, fsync, renamed in this order, folder synced
        pdf_sha = sha256(outcome.pdf)
    else:
        for path in (files.report, files.pdf, files.proof):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
    row = Row(outcome.rel, digest, outcome.status, outcome.pages, outcome.seconds, pdf_sha,
              outcome.reason, outcome.error_file, outcome.error_line, outcome.diagnostics, outcome.facts, outcome.worker,
              outcome.peak_rss)
    state.record(row)
    return row


def is_done(row: Row | None, digest: str, out: Path, stem: str) -> bool:
    """The issue's row holds this hash and OUT holds what the row says."""
    if row is None or row.hash != digest:
        return False
    if row.status != BUILT:
        return True          # unchanged and failed: it would fail the same way
    files = Outputs.of(out, stem)
    try:
        return sha256(files.pdf.read_bytes()) == row.pdf_sha256 and files.report.is_file()
    except OSError:
        return False


def sweep_temporaries(out: Path) -> int:
    """Remove the temporaries a killed run left in OUT; how many there were."""
    count = 0
    for path in out.rglob(".*.tmp"):
        with contextlib.suppress(OSError):
            os.unlink(path)
            count += 1
    return count
