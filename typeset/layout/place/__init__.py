"""Automatic placement: stories → pages of rectangular modules on the grid.

A page is cut into full-width rows (a guillotine layout, as most Chinese
pages are built): each row holds one to three slots side by side, their
widths in whole columns summing to the page's columns; a slot holds one
module or a stack. A module is a story's headline across its width over its
body in balanced columns: height = 占行 + ⌈body lines ÷ columns⌉. The page
model and why: docs/decisions/page-model.md.

Modules in a row rarely have equal natural heights. The shorter ones take the
difference as air around their headline (at most MAX_AIR lines, costed) or,
failing that, white at their column feet (costed heavily; a column ending 5
lines or more above its module's foot is a hole and not allowed). A row may
also end with a filler module (from the paper's own list; most papers have
none).

A newspaper prints no white hole: white at the foot of a page that is not the
issue's last is priced as a hole, so the white an issue short of copy leaves
goes to its last page's foot (reported). An editor fills a hole by starting
the next story in it and jumping it overleaf, or by moving a short later item
up into it (never ahead of a page's lead); larger type for pages that want
more copy is lay_out's (typeset.layout).

The last story on a page may jump: it fills the page to the foot, ends with
（下转第N版） and continues at the top of the next page under its short title
and （上接第N版）, with at least MIN_JUMP lines on each side — again from that
page, as often as it needs pages, in the body it started in. The front page
always carries the issue's first story under its masthead. The moves and
limits, each a named rule: search.RULES.

    kinds.py   what each kind of module may do (article, promo, filler …)
    prices.py  every cost, with why
    spec.py    the input: UnitSpec per story, the page Geometry
    steps.py   the search's records: State, Variant, Row, Jump, Foot
    search.py  the dynamic program over states
    plan.py    the plan read back: Module, Plan
"""

from __future__ import annotations

from . import prices
from .kinds import HOLE, KINDS, ModuleKind
from .plan import Module, NoLayout, Plan, PlanNote, read_back
from .search import TOP_AIR_STEPS, Search
from .spec import FillerFn, FillerOption, Geometry, HeadFn, UnitSpec
from .steps import State

__all__ = ["plan_pages", "search_plan", "Search", "UnitSpec", "Geometry", "FillerOption", "Module", "Plan", "PlanNote",
           "NoLayout", "KINDS", "ModuleKind", "HOLE"]


def plan_pages(units: list[UnitSpec], geometry: Geometry, head: HeadFn,
               filler: FillerFn) -> Plan:
    """The cheapest plan for the units in reading order, or NoLayout."""
    return search_plan(units, geometry, head, filler)[0]


def search_plan(units: list[UnitSpec], geometry: Geometry, head: HeadFn, filler: FillerFn,
                previous: Search | None = None, changed: frozenset[int] = frozenset(),
                refilled: bool = False) -> tuple[Plan, Search]:
    """plan_pages, and the search behind it, to be given again as `previous`
    when only the units in `changed` differ (search.Search.inherit), or only
    the fillers' prices (`refilled`: Search.inherit_bodies)."""
    search = Search(units, geometry, head, filler)
    if previous is not None and refilled:
        search.inherit_bodies(previous)
    elif previous is not None:
        search.inherit(previous, changed)
    L, C, top = search.L, geometry.columns, geometry.first_page_top
    # The masthead block may take a few lines of air too (TOP_AIR_STEPS); a
    # page without one (inner pages) starts under its running head.
    starts = [State(0, 0, 0, L - top - extra, True)
              for extra in (TOP_AIR_STEPS if top else (0,)) if top + extra < L]
    for state in starts:
        search.solve(state)
    start = min(starts, key=lambda state: search.memo[state][0]
                + prices.air_cost(L - state.left - top, C))
    cost = search.memo[start][0]
    if cost == float("inf"):
        raise NoLayout(units, geometry)
    top_air = L - start.left - top
    plan = read_back(search.path(start), units, geometry, cost, top + top_air, top_air)
    if plan.pages > geometry.page_limit:
        raise NoLayout(units, geometry, plan.pages)
    return plan, search
