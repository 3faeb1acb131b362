"""One issue built in a worker: its files as bytes, its masthead facts, its figures.

A worker is long-lived: `warm_up()` runs once when it starts (fonts of the
shipped layouts parsed into the process-wide face cache, so later builds
find them loaded), then `build_job()` runs for issue after issue. The worker
writes nothing into OUT: it returns the PDF and the report as bytes and the
client commits them (typeset.batch.commit), so the state stays with the one
process that owns the SQLite file — locally or on a Dask cluster alike.
A failure of any kind is an outcome with its reason, never an exception:
one bad issue must not stop a run.
"""

from __future__ import annotations

import os
import resource
import socket
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..diagnostics import TypesetError
from .discover import Job

BUILT, FAILED = "built", "failed"


@dataclass(frozen=True)
class Task:
    job: Job
    strict: bool            # a build for print unless the folder says draft: true
    proof: bool = False
    pdfx: str | None = None  # "4" | "1a"; None: $TYPESET_PDFX, else PDF/X-4


@dataclass(frozen=True)
class Outcome:
    rel: str
    status: str                         # BUILT | FAILED
    seconds: float
    worker: str                         # host:pid
    peak_rss: int                       # bytes, the worker's peak resident set so far
    pages: int = 0
    pdf: bytes = b""
    report: bytes = b""
    proof: bytes = b""
    reason: str | None = None           # a failed issue's one line: file:line: error: …
    error_file: str | None = None       # … and where, apart
    error_line: int | None = None
    diagnostics: tuple[tuple[str | None, str], ...] = ()   # (rule, line) of every warning
    facts: dict = field(default_factory=dict)   # masthead facts for the consistency check


def warm_up() -> None:
    """Load once per worker what every build needs: the shipped layouts and
    their fonts (faces stay parsed in typeset.fonts' process-wide cache)."""
    from ..design.load import available_layouts, load_layout
    from ..fonts import FontSet
    for name in available_layouts():
        design = load_layout(name)
        FontSet.load(dict(design.fonts), design.source, design.font_lines)


def build_job(task: Task) -> Outcome:
    start = time.perf_counter()
    rel = task.job.rel
    facts: dict = {}
    try:
        sidecar, months = _sidecar_and_months(task.job)
        facts = masthead_facts(task.job.source, sidecar, months)
        pdf, report, pages, diagnostics, proof = _build(task, sidecar, months)
    except TypesetError as exc:
        d = exc.diagnostic
        return _outcome(rel, FAILED, start, reason=str(d), error_file=d.file or task.job.source,
                        error_line=d.line, facts=facts)
    except Exception as exc:   # a bug met by one issue: recorded, and the run goes on
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return _outcome(rel, FAILED, start, facts=facts, error_file=task.job.source,
                        reason=f"{task.job.source}: error: internal error: "
                               f"{type(exc).__name__}: {exc} (at {Path(where.filename).name}:"
                               f"{where.lineno})")
    return _outcome(rel, BUILT, start, pages=pages, pdf=pdf, report=report, proof=proof,
                    diagnostics=diagnostics, facts=facts)


def _outcome(rel: str, status: str, start: float, **values) -> Outcome:
    return Outcome(rel, status, round(time.perf_counter() - start, 3),
                   f"{socket.gethostname()}:{os.getpid()}", peak_rss(), **values)


def peak_rss() -> int:
    """This process's peak resident set in bytes (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def _sidecar_and_months(job: Job):
    from ..design import load_layout
    from ..sidecar import find_sidecar
    sidecar = find_sidecar(job.source)
    folder = job.settings
    if folder.layout and not sidecar.layout:
        sidecar = replace(sidecar, layout=folder.layout)
    if folder.paper and not sidecar.paper:
        sidecar = replace(sidecar, paper=folder.paper)
    months = folder.lunar_months or load_layout(sidecar.layout_name()).calendar.lunar_months
    return sidecar, months


def _build(task: Task, sidecar, months):
    from ..build import build
    with tempfile.TemporaryDirectory(prefix="typeset-batch-") as tmp:
        result = build(task.job.source, tmp, None, sidecar, months, strict=task.strict,
                       pdfx=task.pdfx)
        pdf = result.pdf.read_bytes()
        report = result.report_path.read_bytes()
        proof = _proof(task, sidecar, months, Path(tmp)) if task.proof else b""
    diagnostics = tuple((d.rule, str(d)) for d in result.diagnostics if d.severity == "warning")
    return pdf, report, len(result.laid.report.pages), diagnostics, proof


def _proof(task: Task, sidecar, months, tmp: Path) -> bytes:
    from ..proof import proof
    folder = tmp / "proof"
    folder.mkdir()
    # round 1 each time: the proof counts rounds from the earlier proofs in its
    # folder, and a batch's proof of a rebuilt issue is a new first reading
    return proof(task.job.source, folder, sidecar=sidecar, lunar_months=months,
                 round=1).pdf.read_bytes()


def masthead_facts(source: str, sidecar, months) -> dict:
    """What the consistency check compares across issues, with the source
    line of each printed field: paper, date, 第N期, 总第N期, the printed
    weekday and lunar date, the frequency (每周二、五出版)."""
    from ..parse import parse_issue
    from ..parse.source import read_source
    issue = parse_issue(source, sidecar, months)
    m = issue.masthead
    if m.source is None and not m.from_sidecar:
        return {}
    lines = read_source(source).lines
    first, last = (m.source.first_line, m.source.last_line) if m.source else (None, None)

    def line_of(name: str) -> int | None:
        printed = m.printed_as(name) if name not in m.from_sidecar else None
        if printed and first:
            for number in range(first, min(last, len(lines)) + 1):
                if printed.split(" ")[0] in lines[number - 1]:
                    return number
        return first

    return {"file": source, "line": first, "paper": m.paper_name,
            "date": m.date.isoformat() if m.date else None, "date_line": line_of("date_text"),
            "issue": m.issue_number, "issue_line": line_of("issue_number"),
            "total": m.total_issue_number, "total_line": line_of("total_issue_number"),
            "printed_weekday": m.printed_weekday, "weekday_line": line_of("printed_weekday"),
            "lunar": m.lunar_date if "lunar_date" not in m.from_sidecar else None,
            "lunar_line": line_of("lunar_date"), "frequency": m.frequency,
            "paper_file": sidecar.paper}
