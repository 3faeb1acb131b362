"""Stage 3: the model and the composer → placed pages (frames) and a report.

    stories   items in reading order, banners flattened, each measured (stories.py)
    place     rows of modules on each page, jumps (place/)
    draw      modules, furniture, rules → frame elements (pages.py, furniture.py)
    report    what was placed where, fill, holes, warnings (report.py)
"""

from __future__ import annotations

from dataclasses import dataclass

from ..compose import Composer
from ..design import PT_PER_MM, Table
from ..diagnostics import Diagnostic, TypesetError
from ..frames import DocumentFrames, PageFrame
from ..model import Issue, Promo
from ..sidecar import StaffPlan
from .fillers import FillerLibrary
from .furniture import page_one_top
from .headblock import HeadCache
from .measure import body_scales
from .pages import draw_pages
from .place import Geometry, NoLayout, Plan, plan_pages, prices
from .report import LayoutReport, page_reports, under_fill_warnings
from .stories import Story, measure_stories

__all__ = ["lay_out", "LaidOut"]


@dataclass(frozen=True)
class LaidOut:
    frames: DocumentFrames
    plan: Plan
    report: LayoutReport


def lay_out(issue: Issue, composer: Composer, staff: StaffPlan | None = None) -> LaidOut:
    """Place the issue on pages. `staff` carries the sidecar's decisions:
    pins, order, page count, section names, editor credits, the QR link."""
    staff = staff or StaffPlan()
    scales = body_scales(composer.layout)
    # The grid's size and the next larger one first; the largest only when a
    # page would otherwise stay under-filled (rare, and it costs composing).
    laid = _lay_out(issue, composer, staff, scales[:2])
    if len(scales) > 2 and laid.report.under_filled():
        laid = _lay_out(issue, composer, staff, scales)
    return laid


def _lay_out(issue: Issue, composer: Composer, staff: StaffPlan, scales) -> LaidOut:
    layout = composer.layout
    stories = measure_stories(issue, composer, scales)
    if staff.order:      # staff order first, in their numbering; the rest keep reading order
        last = len(stories) + 1
        stories.sort(key=lambda s: staff.order.get(s.key, last))
    heads = HeadCache(composer)
    library = FillerLibrary(composer)
    plan = _plan(issue, stories, staff, heads, library, composer)
    top = page_one_top(issue.masthead, issue.epigraph, layout.paper, plan.pages, composer,
                       plan.top_air)
    drawn = draw_pages(issue, stories, staff, plan, top, heads, library, composer)
    width, height = layout.page_size_pt
    frames = DocumentFrames(
        tuple(PageFrame(p.number, width, height, layout.page.bleed_mm * PT_PER_MM,
                        tuple(p.elements)) for p in drawn.pages),
        title=" ".join(s for s in (issue.masthead.paper_name or layout.paper,
                                   issue.masthead.date_text) if s),
        subject=f"第{issue.masthead.issue_number}期" if issue.masthead.issue_number else "")
    pages = page_reports(list(drawn.modules), top.lines, layout)
    warnings = (_plan_warnings(issue, stories, plan) + drawn.warnings
                + under_fill_warnings(pages, issue.source,
                                      lambda page: _first_line(stories, page.modules)))
    report = LayoutReport(
        pages, round(plan.cost, 1), warnings,
        Table({s.key: s.measured.violations for s in stories if s.measured.violations}),
        Table({s.key: s.measured.loose_lines for s in stories if s.measured.loose_lines}))
    return LaidOut(frames, plan, report)


def _plan(issue: Issue, stories: list[Story], staff: StaffPlan, heads: HeadCache,
          library: FillerLibrary, composer: Composer) -> Plan:
    layout, grid = composer.layout, composer.layout.grid
    by_key = {s.key: s for s in stories}

    def head(key: str, k: int, rank: int, continued: bool) -> tuple[int, float]:
        story = by_key[key]
        if isinstance(story.item, Promo):
            return 0, 0.0
        block = heads.block(key, story.item, story.banner, k, rank, continued)
        return block.lines, prices.LONG_TITLE * max(0, block.main_lines - 2)

    top = page_one_top(issue.masthead, issue.epigraph, layout.paper, 2, composer)
    specs = [s.spec(staff.pins.get(s.key)) for s in stories]
    geometry = Geometry(grid.columns, grid.lines, top.lines, layout.pages.even,
                        layout.pages.limit, staff.pages or layout.pages.count)
    try:
        return plan_pages(specs, geometry, head, library.options)
    except NoLayout as exc:
        raise TypesetError(str(exc), issue.source) from None


def _plan_warnings(issue: Issue, stories: list[Story], plan: Plan) -> tuple[Diagnostic, ...]:
    by_key = {s.key: s for s in stories}
    return tuple(Diagnostic("warning", f"page {note.page}: {note.message}", issue.source,
                            by_key[note.key].item.source.first_line if note.key else None)
                 for note in plan.notes)


def _first_line(stories: list[Story], modules) -> int | None:
    """The source line of a page's first story: where a page warning points."""
    by_key = {s.key: s for s in stories}
    for module in modules:
        if module.item in by_key:
            return by_key[module.item].item.source.first_line
    return None
