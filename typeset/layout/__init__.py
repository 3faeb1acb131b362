"""Stage 3: the model and the composer → placed pages (frames) and a report.

    stories   items in reading order, banners flattened, each measured (stories.py)
    place     rows of modules on each page, jumps (place/)
    draw      modules, furniture, rules → frame elements (pages.py, furniture.py)
    report    what was placed where, fill, holes, warnings (report.py)
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..compose import Composer
from ..design import PT_PER_MM, Table
from ..diagnostics import Diagnostic, TypesetError
from ..frames import DocumentFrames, PageFrame, TextLine
from ..model import Banner, Issue, Promo
from ..pictures import PictureSource
from ..sidecar import StaffPlan
from .fillers import FillerLibrary
from .furniture import Top, inner_top, page_one_top
from .headblock import HeadCache
from .figures import resolution_warnings
from .measure import body_scales, titled
from .pages import draw_pages
from .place import Geometry, NoLayout, Plan, prices, search_plan
from .report import LayoutReport, PageReport, page_reports, under_fill_warnings
from .stories import (Story, fewer_pull_quotes, issue_stories, measure_stories, measure_story,
                      pull_quotes)

__all__ = ["lay_out", "LaidOut"]

REPLANS = 2           # plans made again when fillers ran out
FILLER_SCARCE = 6.0   # each time, fillers that much dearer


@dataclass(frozen=True)
class LaidOut:
    frames: DocumentFrames
    plan: Plan
    report: LayoutReport


def lay_out(issue: Issue, composer: Composer, staff: StaffPlan | None = None,
            pictures: tuple[PictureSource, ...] = ()) -> LaidOut:
    """Place the issue on pages. `staff` carries the sidecar's decisions:
    pins, order, page count, section names, editor credits, the QR link;
    `pictures` the stories' pictures, checked (typeset.pictures).

    The grid's own body size first. Where a page would stay under-filled, be
    filled by fillers or by headline air that looks empty (the issue's last
    page, where an issue short of copy ends, among them), the stories on it and
    its neighbours may also take the next larger size, and where a page is
    still under-filled, the largest:
    composing a size costs about as much as placing, so it is composed only
    where placement asks for it, and the search redoes only their share."""
    staff = staff or StaffPlan()
    scales = body_scales(composer.layout)
    run = _Run(issue, composer, staff, pictures)
    stories = measure_stories(issue, composer, scales[:1])
    if staff.order:      # staff order first, in their numbering; the rest keep reading order
        last = len(stories) + 1
        stories.sort(key=lambda s: staff.order.get(s.key, last))
    original = {key: item for key, item, _ in issue_stories(issue)}   # briefs as briefs
    try:
        laid = run.attempt(stories)
    except NoLayout:
        # no plan at the grid's size alone (a box with no neighbour its height):
        # the larger sizes give every story more heights to match with
        run.every_size = True
        stories = [measure_story(s.key, original[s.key], s.banner, composer, scales,
                                 issue.source) for s in stories]
        laid = run.attempt(stories, frozenset(range(len(stories))))
    for sizes, wanted in ((2, PageReport.wants_more_copy), (3, PageReport.under_filled)):
        pages = {page.page for page in laid.report.pages if wanted(page)}
        if len(scales) < sizes or not pages:
            break
        near = {m.item for page in laid.report.pages if {page.page - 1, page.page,
                                                         page.page + 1} & pages
                for m in page.modules if m.kind != "filler"}
        stories = [measure_story(s.key, original[s.key], s.banner, composer, scales[:sizes],
                                 issue.source) if s.key in near else s for s in stories]
        laid = run.attempt(stories, frozenset(i for i, s in enumerate(stories) if s.key in near))
    return laid


class _Run:
    """One issue's placement attempts, sharing headline blocks, the filler
    library and the search's tables between them."""

    def __init__(self, issue: Issue, composer: Composer, staff: StaffPlan,
                 pictures: tuple[PictureSource, ...] = ()):
        self.issue, self.composer, self.staff = issue, composer, staff
        self.pictures: dict[str, tuple[PictureSource, ...]] = {}
        for picture in pictures:
            if (picture.width_columns or 0) > composer.layout.grid.columns:
                raise TypesetError(f"the picture of {picture.item} is to be "
                                   f"{picture.width_columns} columns wide; the layout's pages "
                                   f"have {composer.layout.grid.columns}", picture.sidecar,
                                   picture.line)
            self.pictures[picture.item] = self.pictures.get(picture.item, ()) + (picture,)
        self.heads = HeadCache(composer, self.pictures)
        # a paper's QR house ad only where the copy has no QR promo of its own:
        # two codes asking to be scanned on a page is one too many
        promo = any(isinstance(item, Promo) for _, item, _ in issue_stories(issue))
        self.library = FillerLibrary(composer, tuple(f for f in staff.fillers
                                                     if not (promo and f.qr)))
        self.search = None
        self.every_size = len(body_scales(composer.layout)) == 1   # a NoLayout is final
        self.top = self._top(2)

    def _top(self, pages: int, air: int = 0) -> Top:
        """The front page's masthead block (and 报眼); a paper's inner pages
        (Issue.first_page > 1) have none: a running head, like every page."""
        if self.issue.first_page > 1:
            return inner_top(self.issue.epigraph, self.composer)
        return page_one_top(self.issue.masthead, self.issue.epigraph, pages, self.composer, air)

    def attempt(self, stories: list[Story], changed: frozenset[int] = frozenset()) -> LaidOut:
        issue, composer, staff = self.issue, self.composer, self.staff
        layout = composer.layout
        refilled = False
        for tries in range(REPLANS + 1):
            plan = self._plan(stories, changed, refilled)
            if None not in self.library.chosen(plan.modules) or tries == REPLANS:
                break
            # more fillers planned than the paper has texts for (none is printed
            # twice): plan again with fillers dearer, before leaving white
            self.library, refilled = self.library.made_dearer(FILLER_SCARCE), True
        top = self._top(plan.pages, plan.top_air)
        drawn = draw_pages(issue, stories, staff, plan, top, self.heads, self.library, composer)
        if drawn.unquoted:
            # a pull quote no filling could keep clear of its sentence was left
            # out, its module short by its lines: plan those stories again with
            # fewer pull quotes, so their modules are measured for what prints
            # (in the caller's list: later attempts keep them so)
            changed = frozenset(i for i, s in enumerate(stories) if s.key in drawn.unquoted)
            drawn_quotes = {m.key: pull_quotes(stories[i].flows[m.variant])
                            for i in changed for m in plan.modules if m.key == stories[i].key}
            stories[:] = [fewer_pull_quotes(s, drawn_quotes[s.key]) if i in changed else s
                          for i, s in enumerate(stories)]
            plan = self._plan(stories, changed)
            top = self._top(plan.pages, plan.top_air)
            drawn = draw_pages(issue, stories, staff, plan, top, self.heads, self.library,
                               composer)
        width, height = layout.page_size_pt
        frames = DocumentFrames(
            tuple(PageFrame(p.number, width, height, layout.page.bleed_mm * PT_PER_MM,
                            tuple(p.elements)) for p in drawn.pages),
            title=" ".join(s for s in (issue.masthead.paper_name, issue.masthead.date_text) if s),
            subject=f"第{issue.masthead.issue_number}期" if issue.masthead.issue_number else "")
        pages = page_reports(list(drawn.modules), top.lines, layout, issue.first_page)
        warnings = (tuple(note for s in stories for note in s.notes)
                    + _typography_warnings(stories)
                    + _plan_warnings(issue, stories, plan) + drawn.warnings
                    + self._picture_warnings(plan, stories)
                    + under_fill_warnings(pages, issue.source,
                                          lambda page: _first_line(stories, page.modules)))
        report = LayoutReport(
            pages, round(plan.cost, 1), warnings,
            Table({s.key: tuple(f"{span}: {v}" if span else v for span, v in s.measured.violations)
                   for s in stories if s.measured.violations}),
            Table(_loose_lines(frames)))
        return LaidOut(frames, plan, report)

    def _picture_warnings(self, plan: Plan, stories: list[Story]) -> tuple[Diagnostic, ...]:
        """Each picture as placed (its story's first part) printing too coarse."""
        items = {s.key: s.item for s in stories}
        out: list[Diagnostic] = []
        for module in plan.modules:
            if module.key in self.pictures and module.jump_from is None:
                figure = self.heads.figure(module.key, items[module.key], module.width)
                out += resolution_warnings(self.pictures[module.key], figure.widths)
        return tuple(out)

    def _plan(self, stories: list[Story], changed: frozenset[int],
              refilled: bool = False) -> Plan:
        layout, grid, staff = self.composer.layout, self.composer.layout.grid, self.staff
        by_key = {s.key: s for s in stories}
        heads = self.heads

        def head(key: str, k: int, rank: int, continued: bool) -> tuple[int, float]:
            story = by_key[key]
            if not story.kind.headed:
                return 0, 0.0
            block = heads.block(key, story.item, story.banner, k, rank, continued)
            return block.lines, prices.LONG_TITLE * max(0, block.main_lines - 2)

        grouped = _banner_stories(self.issue)
        # a story whose pictures staff give a width is set that wide, the
        # pictures across it (figures.py)
        specs = [replace(s.spec(staff.pins.get(s.key)), in_banner=s.key in grouped,
                         band=tuple(heads.band_lines(s.banner, k) if k else 0
                                    for k in range(grid.columns + 1))
                         if s.banner and s.key in grouped else (),
                         headless=not titled(s.item),
                         picture_columns=max((p.width_columns or 0 for p in
                                              self.pictures.get(s.key, ())), default=0))
                 for s in stories]
        geometry = Geometry(grid.columns, grid.lines, self.top.lines, layout.pages.even,
                            layout.pages.limit, staff.pages or layout.pages.count)
        try:
            plan, self.search = search_plan(specs, geometry, head, self.library.options,
                                            self.search, changed, refilled)
        except NoLayout as exc:
            if not self.every_size:
                raise                     # lay_out tries again with every body size
            raise TypesetError(str(exc), self.issue.source) from None
        return plan


def _typography_warnings(stories: list[Story]) -> tuple[Diagnostic, ...]:
    """What the composer could not avoid (an overfull line, a word wider than
    the measure taken apart, a paragraph set past ½ em a gap): a warning each,
    at the source line of its paragraph."""
    return tuple(Diagnostic("warning", f"{s.key}: {v}", span.file if span else None,
                            span.first_line if span else None, rule="compose.typography")
                 for s in stories for span, v in s.measured.violations)


def _loose_lines(frames: DocumentFrames) -> dict[str, int]:
    """Story → its drawn lines the composer set looser than ⅛ em a gap, counted
    from the frames the renderer draws (what the page shows)."""
    counts: dict[str, int] = {}
    for page in frames.pages:
        for e in page.elements:
            if isinstance(e, TextLine) and e.loose and e.story:
                counts[e.story] = counts.get(e.story, 0) + 1
    return dict(sorted(counts.items()))


def _banner_stories(issue: Issue) -> frozenset[str]:
    """The keys of the stories under a banner of more than one (item3.1, item3.2 …):
    they are read in their banner's order (place.search.RULES "move-up"). A
    column of briefs is one story (Banner.sets_as_one)."""
    return frozenset(f"item{n}.{k}" for n, item in enumerate(issue.items, 1)
                     if isinstance(item, Banner) and not item.sets_as_one and len(item.items) > 1
                     for k in range(1, len(item.items) + 1))


def _plan_warnings(issue: Issue, stories: list[Story], plan: Plan) -> tuple[Diagnostic, ...]:
    by_key = {s.key: s for s in stories}
    return tuple(Diagnostic("warning", f"page {note.page + issue.first_page - 1}: {note.message}",
                            issue.source,
                            by_key[note.key].item.source.first_line if note.key else None)
                 for note in plan.notes)


def _first_line(stories: list[Story], modules) -> int | None:
    """The source line of a page's first story: where a page warning points."""
    by_key = {s.key: s for s in stories}
    for module in modules:
        if module.item in by_key:
            return by_key[module.item].item.source.first_line
    return None
