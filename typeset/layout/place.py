"""Automatic placement: items → pages of rectangular modules on the grid.

A page is cut into full-width rows (a guillotine layout of depth two, as most
Chinese pages are built): each row holds one to three modules side by side,
their widths in whole columns summing to the page's columns, all as tall as
the row. A module is an item's headline across its width over its body in
balanced columns: height = 占行 + ⌈body lines ÷ columns⌉.

Modules in a row rarely have equal natural heights. The shorter ones take the
difference as air around their headline (at most MAX_AIR lines, costed) or,
failing that, white at their column feet (costed heavily; 5 lines or more is
a hole and not allowed). A row may also end with a filler module.

The last article on a page may jump: it fills the page to the foot, ends with
（下转第N版） and continues at the top of the next page under its short title
and （上接第N版）, with at least MIN_JUMP lines on each side.

Dynamic programming over (next item, where its remainder starts, page, lines left) finds
the cheapest plan; page count is part of the cost, and a tabloid's count is
even. Costs are in "white lines": the unit a designer would count.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from .columns import column_height, fits, prefix_that_fits
from .staff import Pin

MAX_AIR = 6           # extra 占行 a headline may take to fill its row
AIR_STEPS = (0, 1, 2, 4, 6)   # row heights tried above the natural ones
TOP_AIR_STEPS = (0, 1, 2, 3, 4, 5, 6)   # lines of air the masthead block may take
MAX_PAGES = 8         # an issue longer than this is an error, not a silent cut
MIN_JUMP = 5          # body lines on each side of a jump
SHALLOW = 8           # body columns shallower than this look like a sliver under the head
HOLE = 5              # white lines at a column foot that make a hole
PAGE_COST = 400.0     # an extra page must save more white than this
JUMP_COST = 80.0
FILLER_COST = 40.0
WHITE_CELL = 12.0     # a character-column × line left empty: what the layout minimises
FILLER_STRETCH = 2    # lines a filler may grow beyond its text
PROMO_QR_LINES = 9    # a QR code one column wide, in grid lines
PROMO_STRETCH = 24    # lines of air a promo block may take around itself


@dataclass(frozen=True)
class UnitSpec:
    """What placement needs to know of an item (measured elsewhere)."""
    key: str
    flows: tuple[tuple[int, ...], ...]  # heights of the flow items per variant (body size, pull quotes)
    costs: tuple[float, ...]     # what choosing each variant costs (0 for the plain one)
    subdivs: tuple[int, ...]     # sub-units per grid line in each variant's flow
    kind: str                    # article | continuation | promo
    min_width: int = 1
    max_width: int = 99
    pin: Pin | None = None       # where staff placed it (staff.py)


@dataclass(frozen=True)
class Module:
    key: str
    page: int
    col: int
    width: int                 # columns
    line: int                  # first grid line on the page (type area)
    height: int                # grid lines
    rank: int = 0              # headline rank; 0 for no headline
    air: int = 0               # extra headline lines
    flow_start: int = 0        # slice of the unit's flow lines placed here
    flow_end: int = 0
    jump_to: int | None = None     # page this part continues on (下转)
    jump_from: int | None = None   # page the earlier part is on (上接)
    filler: str | None = None      # name of a filler, for filler modules
    head_lines: int = 0
    variant: int = 0           # which body flow (pull quotes)


@dataclass(frozen=True)
class Plan:
    pages: int
    modules: tuple[Module, ...]
    cost: float
    warnings: tuple[str, ...] = ()
    top_air: int = 0           # lines added to the masthead block on page 1


@dataclass
class Geometry:
    columns: int
    lines: int
    first_page_top: int        # lines taken by masthead and 报眼 on page 1
    even_pages: bool
    fixed_pages: int | None = None


# head(key, width, rank, continued) -> 占行 (lines) and a badness (main title lines > 2 …)
HeadFn = Callable[[str, int, int, bool], tuple[int, float]]
# filler(width) -> (name, natural lines) or None
FillerFn = Callable[[int], tuple[str, int] | None]


class NoLayout(Exception):
    """No placement honours the pins and the page count (or fits 8 pages)."""

    def __init__(self, units: list[UnitSpec], geometry: Geometry):
        pinned = [f"{u.key} ({u.pin.source})" for u in units if u.pin]
        limit = f"{geometry.fixed_pages} pages" if geometry.fixed_pages else f"{MAX_PAGES} pages"
        if pinned:
            reason = (f"the pins of {', '.join(pinned)} cannot be honoured in {limit}: the "
                      "space they leave beside or around them cannot be filled without a hole "
                      "of 5 lines or more (pin fewer things, or pin the neighbours too)")
        else:
            reason = (f"overset: the items do not fit in {limit} "
                      "(allow more pages, or cut the copy)")
        super().__init__(reason)


@dataclass(frozen=True)
class _Variant:
    head: int
    body: int          # column height
    badness: float
    rank: int
    variant: int

    @property
    def height(self) -> int:
        return self.head + self.body


def plan_pages(units: list[UnitSpec], geometry: Geometry, head: HeadFn,
               filler: FillerFn) -> Plan:
    n = len(units)
    C, L = geometry.columns, geometry.lines
    row_widths = {m: _compositions(C, m) for m in (1, 2, 3)}

    @lru_cache(maxsize=None)
    def variants(u: int, k: int, p: int, first: bool, rem: int) -> tuple[_Variant, ...]:
        spec = units[u]
        if not spec.min_width <= k <= spec.max_width:
            return ()
        pin = spec.pin
        if pin and ((pin.page is not None and p != pin.page) or (pin.width and k != pin.width)):
            return ()
        if spec.kind == "promo":
            ranks: tuple[int, ...] = (0,)
        elif rem:
            ranks = (4,)
        elif p == 0 and u == 0:
            ranks = (1,)
        else:
            ranks = (1, 2, 3) if first else (2, 3) if k >= 4 else (3, 4)
        # A remainder (flow from index rem on) starts with its （上接第N版） line.
        bodies = (((1,) + spec.flows[0][rem:], 0),) if rem else tuple(
            (heights, v) for v, heights in enumerate(spec.flows))   # flows[0]: subdiv 1
        out = []
        for rank in ranks:
            head_lines, badness = head(spec.key, k, rank, bool(rem)) if rank else (0, 0.0)
            for heights, v in bodies:
                height = column_height(heights, k, spec.subdivs[v])
                if spec.kind == "promo":   # the QR code beside (2 columns) or over its lines
                    body = sum(heights) // spec.subdivs[v]
                    height = max(PROMO_QR_LINES, body) if k > 1 else PROMO_QR_LINES + body
                bad = badness + (0.0 if rem else spec.costs[v])
                if spec.kind != "promo":
                    if height < SHALLOW and k > 1:
                        bad += 12 * k * (SHALLOW - height)   # a sliver of text under a wide head
                    if height > 70:
                        bad += 2 * (height - 70)      # a column too long to read
                out.append(_Variant(head_lines, height, bad, rank, v))
        # Rows only ask "the cheapest variant of each height": keep just those.
        cheapest: dict[int, _Variant] = {}
        for variant in out:
            kept = cheapest.get(variant.height)
            if kept is None or variant.badness < kept.badness:
                cheapest[variant.height] = variant
        return tuple(sorted(cheapest.values(), key=lambda variant: variant.badness))

    def row(u: int, rem: int, ws: tuple[int, ...], p: int, r: int, first: bool):
        """(cost, height, modules) for units u.. side by side in widths ws, the
        cheapest for each feasible row height: a taller row is not worse in
        itself, it may save white further down the page."""
        options = [variants(u + j, k, p, first and j == 0, rem if j == 0 else 0)
                   for j, k in enumerate(ws)]
        if any(not o for o in options):
            return []
        heights = sorted({v.height + air for o in options for v in o
                          for air in AIR_STEPS if v.height + air <= r})
        col = 0
        for j, k in enumerate(ws):       # staff pins: column, first line, height
            pin = units[u + j].pin
            if pin:
                if (pin.col is not None and pin.col != col) or (
                        pin.line is not None and pin.line != L - r):
                    return []
                if pin.height is not None:
                    heights = [h for h in heights if h == pin.height] or (
                        [pin.height] if pin.height <= r else [])
            col += k
        rows = []
        for h in heights:
            cost, mods = 0.0, []
            for j, (k, opts) in enumerate(zip(ws, options)):
                choice = None
                for v in opts:
                    if v.height > h:
                        continue
                    short = h - v.height
                    if units[u + j].kind == "promo":   # centred in its module: white is air
                        if short > PROMO_STRETCH:
                            continue
                        c = v.badness + 0.5 * short * k
                    else:
                        air = min(short, MAX_AIR)
                        white = short - air
                        if white >= HOLE:
                            continue              # a hole of a column × 5 lines
                        c = v.badness + _air_cost(air, k) + WHITE_CELL * white * k + 2.0 * white * white * k
                    if choice is None or c < choice[0]:
                        choice = (c, v, min(short, MAX_AIR) if v.rank else 0)
                    continue
                if choice is None:
                    break
                c, v, air = choice
                cost += c
                mods.append(("unit", u + j, rem if j == 0 else 0, k, v.rank, v.head, air, h,
                             v.variant))
            else:
                rows.append((cost, h, tuple(mods)))
        return rows

    @lru_cache(maxsize=None)
    def best(u: int, rem: int, p: int, r: int, first: bool) -> tuple[float, tuple]:
        """Cheapest way to place units u.. (u's flow from index `rem` on, if
        > 0) from page p with r lines left on it. Returns (cost, steps)."""
        if u >= n:
            used = r < L or p == 0
            pages = p + 1 if used else p
            cost, step = _close_page(r, C, filler) if used and r else (0.0, ("close", 0, None))
            if geometry.even_pages and pages % 2:
                cost += PAGE_COST + _white(L, C)   # a blank page would be needed
            if geometry.fixed_pages and pages != geometry.fixed_pages:
                cost += 10_000 * abs(pages - geometry.fixed_pages)
            return cost, (("end",) + step[1:],)
        if p >= MAX_PAGES:
            return math.inf, ()
        options: list[tuple[float, tuple]] = []
        if r < L:                       # close the page: a filler or white at its foot
            fill_cost, fill_step = _close_page(r, C, filler)
            rest, steps = best(u, rem, p + 1, L, True)
            options.append((fill_cost + rest + PAGE_COST, (fill_step,) + steps))
        for m in (1, 2, 3):             # rows of one to three modules
            if u + m > n:
                break
            for ws in row_widths[m]:
                for cost, height, mods in row(u, rem, ws, p, r, first):
                    rest, steps = best(u + m, 0, p, r - height, False)
                    options.append((cost + rest, (("row", mods),) + steps))
        for k in (C - 1, C - 2):        # one module beside a filler
            fill = filler(C - k)
            for cost, height, mods in (row(u, rem, (k,), p, r, first) if fill else []):
                name, lines = fill
                if not lines <= height <= lines + FILLER_STRETCH:
                    continue
                cost += FILLER_COST + 2.0 * (height - lines) * (C - k)
                rest, steps = best(u + 1, 0, p, r - height, False)
                filler_mod = ("filler", name, C - k, height)
                options.append((cost + rest, (("row", mods + (filler_mod,)),) + steps))
        if units[u].kind != "promo" and units[u].pin is None and r >= 8:   # jump overleaf
            for v in variants(u, C, p, first, rem)[:1]:
                flow = units[u].flows[0]
                heights = ((1,) if rem else ()) + flow[rem:]
                # as much as fits with the （下转第N版） line after it
                taken = prefix_that_fits(heights, C, r - v.head)
                while taken and not fits(heights[:taken] + (1,), C, r - v.head):
                    taken -= 1
                placed = taken - (1 if rem else 0)      # flow items of this part
                left = len(flow) - rem - placed
                if placed >= MIN_JUMP and left >= MIN_JUMP:
                    rest, steps = best(u, rem + placed, p + 1, L, True)
                    step = ("jump", u, rem, C, v.rank, v.head, rem + placed)
                    options.append((JUMP_COST + v.badness + PAGE_COST + rest, (step,) + steps))
        if not options:
            return math.inf, ()
        return min(options, key=lambda o: o[0])

    # The masthead block may take a few lines of air too (TOP_AIR_STEPS).
    cost, steps, top_air = min(
        (best(0, 0, 0, L - geometry.first_page_top - extra, True) + (extra,)
         for extra in TOP_AIR_STEPS if geometry.first_page_top + extra < L),
        key=lambda option: option[0] + _air_cost(option[2], C))
    if math.isinf(cost):
        raise NoLayout(units, geometry)
    plan = _to_plan(steps, units, geometry, cost, geometry.first_page_top + top_air)
    return Plan(plan.pages, plan.modules, plan.cost, plan.warnings, top_air)


def _white(lines_left: int, columns: int) -> float:
    return WHITE_CELL * lines_left * columns


def _air_cost(air: int, columns: int) -> float:
    """Two lines of air round a headline look generous; more looks empty."""
    return columns * (min(air, 2) + 3.0 * max(0, air - 2))


def _close_page(r: int, C: int, filler: FillerFn) -> tuple[float, tuple]:
    fill = filler(C) if r >= 3 else None
    if fill is not None and fill[1] <= r <= fill[1] + FILLER_STRETCH:
        name, lines = fill
        return FILLER_COST + 2.0 * (r - lines) * C, ("close", r, name)
    return _white(r, C), ("close", r, None)


def _compositions(total: int, parts: int) -> list[tuple[int, ...]]:
    if parts == 1:
        return [(total,)]
    out = []
    for first in range(1, total - parts + 2):
        for rest in _compositions(total - first, parts - 1):
            out.append((first,) + rest)
    return out


def _to_plan(steps, units, geometry, cost, top: int) -> Plan:
    modules: list[Module] = []
    warnings: list[str] = []
    page, line = 0, top
    progress: dict[int, int] = {}     # unit → flow lines placed so far
    jumped_from: dict[int, int] = {}
    for step in steps:
        kind = step[0]
        if kind == "row":
            col = 0
            height = 0
            for mod in step[1]:
                if mod[0] == "filler":
                    _, name, k, h = mod
                    modules.append(Module(f"filler:{name}", page, col, k, line, h, filler=name))
                    col += k
                    continue
                _, u, rem, k, rank, head_lines, air, height, variant = mod
                start = progress.get(u, 0)
                end = len(units[u].flows[variant if not rem else 0])
                modules.append(Module(units[u].key, page, col, k, line, height, rank, air, start,
                                      end, None, jumped_from.get(u) if rem else None,
                                      head_lines=head_lines, variant=variant if not rem else 0))
                progress[u] = end
                col += k
            line += height
        elif kind == "jump":
            _, u, rem, k, rank, head_lines, end = step
            start = progress.get(u, 0)
            height = geometry.lines - line
            modules.append(Module(units[u].key, page, 0, k, line, height, rank, 0, start, end,
                                  page + 1, jumped_from.get(u) if rem else None,
                                  head_lines=head_lines))
            progress[u] = end
            jumped_from[u] = page
            page, line = page + 1, 0
        elif kind in ("close", "end"):   # the page's foot: a filler, or white
            _, r, name = step
            if name:
                modules.append(Module(f"filler:{name}", page, 0, geometry.columns, line, r,
                                      filler=name))
            elif r and (kind == "close" or line > 0):
                warnings.append(f"page {page + 1}: {r} lines left white at the foot")
            if kind == "close":
                page, line = page + 1, 0
    pages = max((m.page for m in modules), default=0) + 1
    if geometry.even_pages and pages % 2:
        warnings.append(f"{pages} pages of content: page {pages + 1} is left blank")
        pages += 1
    return Plan(pages, tuple(modules), cost, tuple(warnings))
