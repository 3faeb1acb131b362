"""The whole pipeline in one function; every stage in order.

    sidecar  = find_sidecar(source)              staff decisions (typeset.sidecar)
    design   = load_layout(...)                  the design (typeset.design)
    issue    = parse_issue(source, sidecar)      1 parse → model (typeset.parse)
    composer = Composer(design, fonts)           2 compose (typeset.compose)
    laid     = lay_out(issue, composer, staff)   3 lay out pages (typeset.layout)
                                                 (1–3 are `prepare()`: the proof's start too)
    check_glyphs, check_text_kept                nothing missing, nothing lost (typeset.check)
    audit_pages(laid, design, issue)             hard rules on what is drawn (typeset.audit)
    pdf_bytes(laid.frames, fonts, job=job)       4 render (typeset.render)
    to_pdfx(pdf, job)                            PDF/X-4 (or X-1a: pdfx="1a"): OutputIntent, XMP

A build that would print a character no font has, or lose one, stops with an
error naming the characters and their source lines, and writes no PDF. So
does a build for print whose pages break a blocking rule of the page audit
(overlaps, unpaired jumps, repeats, mixed body sizes, headline and unit
breaks, white holes); a draft carries the audit's findings as warnings, in
its diagnostics and in the layout report's "audit" list.
"""

from __future__ import annotations

import gc
import json
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .audit import BLOCKING as AUDIT_BLOCKING
from .audit import audit_pages
from .audit import refuse_for_print as refuse_audit_for_print
from .check import check_glyphs, check_text_kept
from .compose import Composer
from .design import load_layout
from .diagnostics import Diagnostic, TypesetError
from .fonts import FontSet
from .layout import LaidOut, lay_out
from .output import ensure_folder, sha256, write_files
from .parse import parse_issue
from .pictures import load_pictures
from .render import PrintJob, pdf_bytes, to_pdfx
from .render.job import pdfx_flavour
from .sidecar import Sidecar, find_sidecar, staff_plan


@dataclass(frozen=True)
class BuildResult:
    pdf: Path
    report_path: Path
    laid: LaidOut
    diagnostics: tuple[Diagnostic, ...]
    timings: dict            # stage → seconds (for benchmarks and batch summaries)


# What a build for print refuses (strict); a draft build only warns.
PRINT_BLOCKING = frozenset({"masthead.missing", "masthead.date", "masthead.lunar", "masthead.weekday",
                            "promo.qr_url", "picture.print_ppi"}) | AUDIT_BLOCKING
# (the page audit's rules 1–6 and 10; a picture under pictures.PRINT_MIN_PPI as placed)


def build(source: str | Path, out_dir: str | Path = "build", layout: str | None = None,
          sidecar: Sidecar | None = None, lunar_months: str | None = None,
          strict: bool = True, pdfx: str | None = None) -> BuildResult:
    """Typeset one issue file into `out_dir`/<stem>.pdf and its layout report.

    `layout`: a name in layouts/ or a path; else the sidecar's `layout:`, else
    the default. `sidecar`: else `<stem>.yaml` beside the source. `lunar_months`
    (numeric | traditional): else the design's calendar setting. `strict` (the
    default: a build for print) refuses masthead facts that do not check —
    no paper name or date, a date that does not exist, a lunar date that is
    not the date's; `strict=False` (a draft) builds with them as warnings.
    `pdfx`: "4" (PDF/X-4) or "1a" (PDF/X-1a:2001, for old RIPs); None:
    $TYPESET_PDFX, else "4" (typeset.render.job.pdfx_flavour)."""
    with _collector_for_a_build():
        return _build(source, out_dir, layout, sidecar, lunar_months, strict, pdfx)


@dataclass(frozen=True)
class Prepared:
    """An issue laid out: what the print PDF and the proof are both made from."""
    source: Path
    sidecar: Sidecar
    design: object           # typeset.design.Layout
    issue: object            # typeset.model.Issue
    staff: object            # typeset.sidecar.StaffPlan
    fonts: FontSet
    laid: LaidOut


def prepare(source: str | Path, layout: str | None = None, sidecar: Sidecar | None = None,
            lunar_months: str | None = None, strict: bool = True,
            clock: "_Clock | None" = None) -> Prepared:
    """Stages 1–3 (parse, compose, lay out) of a build, shared by `build()`
    and the proof (typeset.proof). `strict` refuses for print what `build`
    would; the proof prepares a draft (strict=False)."""
    clock = clock or _Clock()
    source = Path(source)
    sidecar = sidecar if sidecar is not None else find_sidecar(source)
    design = load_layout(sidecar.layout_name(layout))
    issue = parse_issue(source, sidecar, lunar_months or design.calendar.lunar_months)
    if not issue.items:
        raise TypesetError("no articles to set: the file has only a masthead or epigraph",
                           issue.source)
    if strict:
        refuse_for_print(issue.diagnostics)
    staff = staff_plan(sidecar, issue, design)
    pictures = load_pictures(sidecar, issue)    # checked and opened before anything is set
    clock.lap("parse")
    fonts = FontSet.load(dict(design.fonts), design.source, design.font_lines)
    composer = Composer(design, fonts)
    clock.lap("fonts")
    laid = lay_out(issue, composer, staff, pictures)
    if strict:
        refuse_for_print(laid.report.warnings)
    clock.lap("layout")
    return Prepared(source, sidecar, design, issue, staff, fonts, laid)


def _build(source, out_dir, layout, sidecar, lunar_months, strict, pdfx) -> BuildResult:
    clock = _Clock()
    pdfx = pdfx_flavour(pdfx)    # a wrong flavour is refused before any work
    ready = prepare(source, layout, sidecar, lunar_months, strict, clock)
    source, design, issue, fonts, laid = (ready.source, ready.design, ready.issue, ready.fonts,
                                          ready.laid)
    check_glyphs(laid.frames, fonts, issue)
    check_text_kept(laid.frames, issue)
    clock.lap("check")
    audit = audit_pages(laid, design, issue)
    if strict:
        refuse_audit_for_print(audit, PRINT_BLOCKING)
    clock.lap("audit")
    job = PrintJob.for_issue(issue, source, laid.frames.title, laid.frames.subject, pdfx,
                             ready.staff.output_profile)
    pdf = pdf_bytes(laid.frames, fonts, job=job)
    clock.lap("render")
    pdf = to_pdfx(pdf, job)      # reportlab has no OutputIntent: finished with pikepdf
    clock.lap("pdfx")

    out_dir = Path(out_dir)
    ensure_folder(out_dir)
    pdf_path = out_dir / f"{source.stem}.pdf"
    report_path = out_dir / f"{source.stem}.layout.json"
    report = dict(laid.report.to_json(), source=str(source), layout=design.name,
                  pdf_sha256=sha256(pdf), diagnostics=[str(d) for d in issue.diagnostics],
                  audit=[str(d) for d in audit])
    write_files([(pdf_path, pdf),
                 (report_path, (json.dumps(report, ensure_ascii=False, indent=1) + "\n")
                  .encode("utf-8"))])
    clock.lap("write")
    return BuildResult(pdf_path, report_path, laid,
                       issue.diagnostics + tuple(fonts.notes) + laid.report.warnings + audit,
                       clock.laps)


def refuse_for_print(diagnostics) -> None:
    """Stop a print build at the first fact a printed issue must not carry."""
    blocking = [d for d in diagnostics if d.rule in PRINT_BLOCKING]
    if blocking:
        first = blocking[0]
        more = f" (and {len(blocking) - 1} more)" if len(blocking) > 1 else ""
        raise TypesetError(f"not fit for print: {first.message}{more}; to proof it anyway, "
                           "build a draft (--draft)", first.file, first.line)


@contextmanager
def _collector_for_a_build():
    """A build makes millions of short-lived tuples (placement states and
    moves) and few reference cycles: Python's default collector would scan
    them every 700 allocations, a third of a long issue's layout time. Collect
    rarely during the build, and leave what was alive before it frozen out of
    the scans; the settings are restored afterwards."""
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(500_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


class _Clock:
    def __init__(self):
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps[stage] = round(now - self._last, 4)
        self._last = now
