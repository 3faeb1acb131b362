"""The layout report: what was placed where, how full each page is, what to look at.

Frozen values from issue to pages to modules; `to_json()` only where the
report file is written (typeset.build). Fill counts a module's area less the
white at its column feet beyond the one line balanced columns may differ by;
headline air is designed space and counts as filled. A hole is white at a
page foot or a column foot of HOLE lines or more.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Callable

from ..design import Layout, Table
from ..diagnostics import Diagnostic
from .place import HOLE
from .place.prices import GENEROUS_AIR
from .place.kinds import MODULE_GAP

MIN_FILL = 0.97      # a page filled less than this is reported
MAX_FILLER_SHARE = 0.1   # fillers over more of a page than this: its copy should fill it
MAX_LOOSE_SHARE = 0.05   # headline air beyond that over more of a page: its copy is thin


@dataclass(frozen=True)
class ModuleReport:
    item: str                       # story key (item3, item2.1) or filler:<name>
    title: str
    kind: str                       # article | continuation | promo | filler
    columns: tuple[int, int]        # first and last column, 1-based
    lines: tuple[int, int]          # first and last grid line, 1-based
    rank: int
    air: int
    variant: str                    # body 五号 + 1 pull quote; a filler's text
    white_cells: int
    jump_to: int | None = None      # 1-based pages
    jump_from: int | None = None
    overset_lines: int = 0

    @property
    def area(self) -> int:
        return (self.columns[1] - self.columns[0] + 1) * (self.lines[1] - self.lines[0] + 1)


@dataclass(frozen=True)
class Hole:
    columns: tuple[int, int]
    lines: tuple[int, int]


@dataclass(frozen=True)
class JumpReport:
    item: str
    to: int


@dataclass(frozen=True)
class PageReport:
    page: int
    fill: float
    holes: tuple[Hole, ...]
    jumps: tuple[JumpReport, ...]
    overset_lines: int
    modules: tuple[ModuleReport, ...]
    filler_share: float = 0.0       # of the page's cells, under fillers
    loose_share: float = 0.0        # of the page's cells, headline air beyond GENEROUS_AIR

    def under_filled(self) -> bool:
        return self.fill < MIN_FILL

    def wants_more_copy(self) -> bool:
        """Under-filled, filled mostly by fillers, or by headline air that
        looks empty: larger body type (or pull quotes in it) should fill it
        instead."""
        return (self.under_filled() or self.filler_share > MAX_FILLER_SHARE
                or self.loose_share > MAX_LOOSE_SHARE)


@dataclass(frozen=True)
class LayoutReport:
    pages: tuple[PageReport, ...]
    cost: float
    warnings: tuple[Diagnostic, ...]
    typography: Table               # story key → problems the composer reported
    loose_lines: Table              # story key → lines with more than ⅛ em per gap (set so unavoidably)

    def to_json(self) -> dict:
        return {"pages": [asdict(page) for page in self.pages], "cost": self.cost,
                "warnings": [str(w) for w in self.warnings],
                "typography": {k: list(v) for k, v in self.typography.items()},
                "loose_lines": dict(self.loose_lines)}


def white_cells(used: list[int], height: int) -> int:
    """Grid cells left empty at the column feet of a module (`used`: lines
    filled per column), beyond the one line by which balanced columns may
    differ (that line counts as filled)."""
    return sum(max(0, height - lines - 1) for lines in used)


def page_reports(modules: list[list[ModuleReport]], top_lines: int,
                 layout: Layout, first: int = 1) -> tuple[PageReport, ...]:
    """Each page's report, numbered by its folio (`first`: the issue's first)."""
    grid = layout.grid
    cells = grid.columns * grid.lines
    pages = []
    for index, mods in enumerate(modules):
        top = top_lines if index == 0 else 0     # masthead block, its air included
        used = (sum(m.area - m.white_cells for m in mods) + grid.columns * top
                + _rule_lines(mods))
        bottom = max([m.lines[1] for m in mods] + [top])
        holes = ((Hole((1, grid.columns), (bottom + 1, grid.lines)),)
                 if grid.lines - bottom >= HOLE else ())
        fillers = sum(m.area for m in mods if m.kind == "filler")
        loose = sum(max(0, m.air - GENEROUS_AIR) * (m.columns[1] - m.columns[0] + 1)
                    for m in mods)
        pages.append(PageReport(first + index, round(used / cells, 4), holes,
                                tuple(JumpReport(m.item, m.jump_to) for m in mods
                                      if m.jump_to is not None),
                                sum(m.overset_lines for m in mods), tuple(mods),
                                round(fillers / cells, 4), round(loose / cells, 4)))
    return tuple(pages)


def _rule_lines(mods: list[ModuleReport]) -> int:
    """Cells of the lines left between a module and the one under it for the
    module rule (place.kinds.MODULE_GAP): designed space, like headline air."""
    cells = 0
    for m in mods:
        under = [o for o in mods if o.lines[0] == m.lines[1] + MODULE_GAP + 1]
        for column in range(m.columns[0], m.columns[1] + 1):
            if any(o.columns[0] <= column <= o.columns[1] for o in under):
                cells += MODULE_GAP
    return cells


def under_fill_warnings(pages: tuple[PageReport, ...], file: str,
                        line_of: Callable[[PageReport], int | None]) -> tuple[Diagnostic, ...]:
    """A warning for each page filled less than MIN_FILL, at `line_of(page)`."""
    return tuple(Diagnostic("warning", f"page {page.page}: filled {page.fill:.1%}, under "
                                       f"{MIN_FILL:.0%}", file, line_of(page))
                 for page in pages if page.fill < MIN_FILL)
