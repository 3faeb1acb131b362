"""The plan read back from the search's steps: modules on pages."""

from __future__ import annotations

from dataclasses import dataclass

from .kinds import MODULE_GAP
from .spec import Geometry, UnitSpec
from .steps import Foot, Jump, MovedUp, Placed, PlacedFiller, Row


@dataclass(frozen=True)
class Module:
    key: str                   # the story's key, or filler:<name>
    page: int                  # 0-based
    col: int
    width: int                 # columns
    line: int                  # first grid line on the page (type area)
    height: int                # grid lines (the rule line under it not counted)
    rank: int = 0              # headline rank; 0 for no headline
    air: int = 0               # extra headline lines
    flow_start: int = 0        # slice of the unit's flow lines placed here
    flow_end: int = 0
    jump_to: int | None = None     # page this part continues on (下转)
    jump_from: int | None = None   # page the earlier part is on (上接)
    filler: str | None = None      # name of a filler, for filler modules
    head_lines: int = 0
    variant: int = 0           # which body flow (body size, pull quotes)


@dataclass(frozen=True)
class PlanNote:
    """Something the plan leaves for staff to see: white at a page foot, blank
    pages, a short item read ahead of the story before it. `key` is the story
    it concerns (for its source line), if any."""
    page: int                  # 1-based
    message: str
    key: str | None = None


@dataclass(frozen=True)
class Plan:
    pages: int
    modules: tuple[Module, ...]
    cost: float
    notes: tuple[PlanNote, ...] = ()
    top_air: int = 0           # lines added to the masthead block on page 1


class NoLayout(Exception):
    """No placement honours the pins and the page count or limit."""

    def __init__(self, units: list[UnitSpec], geometry: Geometry, pages: int | None = None):
        pinned = [f"{u.key} ({u.pin.source})" for u in units if u.pin]
        if geometry.fixed_pages:
            limit = f"{geometry.fixed_pages} pages"
            more = "give more pages (pages: in the sidecar), or cut the copy"
        else:
            limit = f"{geometry.page_limit} pages"
            more = (f"the layout's limit (pages.limit) is {geometry.page_limit}: raise it, "
                    "or cut the copy")
        if pinned:
            reason = (f"the pins of {', '.join(pinned)} cannot be honoured in {limit}: the "
                      "space they leave beside or around them cannot be filled without a hole "
                      "of 5 lines or more (pin fewer things, or pin the neighbours too)")
        else:
            needed = f" (they need {pages})" if pages else ""
            reason = f"overset: the items do not fit in {limit}{needed}; {more}"
        super().__init__(reason)


def read_back(steps: list, units: list[UnitSpec], geometry: Geometry, cost: float,
              top: int, top_air: int) -> Plan:
    modules: list[Module] = []
    notes: list[PlanNote] = []
    page, line = 0, top
    progress: dict[int, int] = {}     # unit → flow lines placed so far
    jumped_from: dict[int, int] = {}
    flat: list = []
    for step in steps:                  # a unit moved up: its row, then the page's foot
        flat += [step, step.row, step.foot] if isinstance(step, MovedUp) else [step]
    for step in flat:
        if isinstance(step, MovedUp):
            moved = units[step.row.modules[0].unit].key
            notes.append(PlanNote(page + 1, f"{moved} moved up ahead of "
                                            f"{units[step.before].key} to fill the page's foot",
                                  moved))
        elif isinstance(step, Row):
            for mod in step.modules:
                if isinstance(mod, PlacedFiller):
                    modules.append(Module(f"filler:{mod.name}", page, mod.col, mod.width, line,
                                          mod.height - MODULE_GAP, filler=mod.name))
                    continue
                assert isinstance(mod, Placed)
                start = progress.get(mod.unit, 0)
                end = len(units[mod.unit].flows[mod.variant])
                modules.append(Module(units[mod.unit].key, page, mod.col, mod.width,
                                      line + mod.offset, mod.height - MODULE_GAP, mod.rank,
                                      mod.air, start,
                                      end, None, jumped_from.get(mod.unit) if mod.rem else None,
                                      head_lines=mod.head, variant=mod.variant))
                progress[mod.unit] = end
            line += step.height
        elif isinstance(step, Jump):
            start = progress.get(step.unit, 0)
            modules.append(Module(units[step.unit].key, page, 0, step.width, line,
                                  geometry.lines - line, step.rank, 0, start, step.end,
                                  page + 1, jumped_from.get(step.unit) if step.rem else None,
                                  head_lines=step.head, variant=step.variant))
            progress[step.unit] = step.end
            jumped_from[step.unit] = page
            page, line = page + 1, 0
        else:                       # the page's foot: a filler, or white
            assert isinstance(step, Foot)
            if step.filler:
                modules.append(Module(f"filler:{step.filler}", page, 0, geometry.columns,
                                      line, step.lines - MODULE_GAP,
                                      filler=step.filler))
            elif step.lines and (not step.last or line > 0):
                above = [m.key for m in modules if m.page == page and not m.filler]
                notes.append(PlanNote(page + 1, f"{step.lines} lines left white at the foot",
                                      above[-1] if above else None))
            if not step.last:
                page, line = page + 1, 0
    pages = max((m.page for m in modules), default=0) + 1
    if geometry.fixed_pages and pages < geometry.fixed_pages:
        notes.append(PlanNote(pages + 1, f"{pages} pages of content for {geometry.fixed_pages} "
                                         f"pages: pages {pages + 1}–{geometry.fixed_pages} are "
                                         "left blank"))
        pages = geometry.fixed_pages
    if geometry.even_pages and pages % 2:
        notes.append(PlanNote(pages + 1, f"{pages} pages of content: page {pages + 1} is "
                                         "left blank"))
        pages += 1
    return Plan(pages, tuple(modules), cost, tuple(notes), top_air)
