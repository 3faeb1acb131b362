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
from bisect import bisect_right
from itertools import product
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from .columns import column_height, fits, prefix_that_fits
from .staff import Pin

MAX_AIR = 6           # extra 占行 a headline may take to fill its row
TOP_AIR_STEPS = (0, 1, 2, 3, 4, 5, 6)   # lines of air the masthead block may take
MAX_PAGES = 8         # an issue longer than this is an error, not a silent cut
MIN_JUMP = 5          # body lines on each side of a jump
SHALLOW = 8           # body columns shallower than this look like a sliver under the head
HOLE = 5              # white lines at a column foot that make a hole
PAGE_COST = 400.0     # an extra page must save more white than this
JUMP_COST = 80.0
FILLER_COST = 40.0
QR_FILLER_COST = 400.0  # a house ad with the QR code: only where nothing else fills the space
STACK_COST = 10.0     # two modules stacked in a slot: a little busier than one
STACK_VARIANTS = 4    # variants of each stacked unit tried
BAND_COST = 200.0     # band after full-width band reads monotonous: prefer modules side by side
WHITE_CELL = 12.0     # a character-column × line left empty: what the layout minimises
FILLER_STRETCH = 2    # lines a text filler may grow beyond its text (a QR filler: PROMO_STRETCH)
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
# filler(width) -> the library's fillers at that width: (name, natural lines, stretch, cost)
FillerFn = Callable[[int], tuple[tuple[str, int, int, float], ...]]


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
    # Row patterns: (width, units stacked) per slot. A stack is never the
    # whole width (that is two rows) and rows of three slots do not stack.
    # A one-column slot can only hold a unit that may be that narrow (a promo).
    narrowest = min((u.min_width for u in units), default=1)
    row_slots = [tuple(zip(ws, counts)) for m in (1, 2, 3) for ws in _compositions(C, m)
                 for counts in product((1, 2), repeat=m)
                 if not (m == 1 and counts[0] == 2) and not (m == 3 and max(counts) > 1)
                 and min(ws) >= narrowest]

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

    def fit(j: int, v: _Variant, k: int, short: int) -> float | None:
        """Cost of unit j's variant v in a module `short` lines taller than it."""
        if units[j].kind == "promo":          # centred in its module: white is air
            return None if short > PROMO_STRETCH else v.badness + 0.5 * short * k
        if short >= MAX_AIR + HOLE:
            return None                       # a hole of a column × 5 lines
        return v.badness + SHORT_COST[short] * k

    @lru_cache(maxsize=None)
    def slot_table(j: int, count: int, k: int, p: int, first: bool,
                   rem: int) -> dict[int, tuple[float, tuple]]:
        """For a slot k columns wide holding unit j (and j + 1 stacked under
        it when count is 2): for each height it can take, the cheapest cost
        and its placements (unit, variant, module height, offset in the slot)."""
        table: dict[int, tuple[float, tuple]] = {}

        def keep(h: int, cost: float, placements: tuple) -> None:
            if h not in table or cost < table[h][0]:
                table[h] = (cost, placements)

        def stretch(index: int) -> int:
            return PROMO_STRETCH if units[index].kind == "promo" else MAX_AIR + HOLE - 1

        first_opts = variants(j, k, p, first, rem)
        if count == 1:
            for v in first_opts:
                for short in range(stretch(j) + 1):
                    cost = fit(j, v, k, short)
                    if cost is not None:
                        keep(v.height + short, cost, ((j, v, v.height + short, 0),))
            return table
        if j + 1 >= n:
            return table
        # Stacks try each unit's cheapest few variants: enough to match heights.
        for a in first_opts[:STACK_VARIANTS]:
            for b in variants(j + 1, k, p, False, 0)[:STACK_VARIANTS]:
                for short in range(stretch(j) + stretch(j + 1) + 1):
                    top_short = min(short // 2, stretch(j))
                    c1, c2 = fit(j, a, k, top_short), fit(j + 1, b, k, short - top_short)
                    if c1 is None or c2 is None:
                        continue
                    top = a.height + top_short
                    h = a.height + b.height + short
                    keep(h, c1 + c2 + STACK_COST, ((j, a, top, 0), (j + 1, b, h - top, top)))
        return table

    def row(u: int, rem: int, slots: tuple[tuple[int, int], ...], p: int, r: int, first: bool):
        """(cost, height, modules) for units u.. in a row of slots (width,
        units stacked in it), the cheapest for each feasible row height up to
        r: a taller row is not worse in itself, it may save white further down."""
        j = u
        for k, count in slots:                  # a pinned first line is one row start only
            for index in range(j, min(j + count, n)):
                pin = units[index].pin
                if pin and pin.line is not None and pin.line != L - r:
                    return []
            j += count
        rows = all_rows(u, rem, slots, p, first)
        return rows[:bisect_right(rows, r, key=lambda built: built[1])]

    @lru_cache(maxsize=None)
    def all_rows(u: int, rem: int, slots: tuple[tuple[int, int], ...], p: int,
                 first: bool) -> list:
        """Every row height the slots can take, cheapest arrangement each, by height."""
        tables, j, col = [], u, 0
        for k, count in slots:
            for position in range(count):       # staff pins: column, stacking, height
                pin = units[j + position].pin if j + position < n else None
                if pin and ((pin.col is not None and pin.col != col) or position):
                    return []
            table = slot_table(j, count, k, p, first and j == u, rem if j == u else 0)
            if not table:
                return []
            tables.append((k, col, table))
            j, col = j + count, col + k
        heights = set(tables[0][2])
        for _, _, table in tables[1:]:
            heights &= set(table)
        for index in range(u, j):
            pin = units[index].pin
            if pin and pin.height is not None:
                heights &= {pin.height}
        rows = []
        for h in sorted(heights):
            cost, mods = 0.0, []
            for k, col, table in tables:
                slot_cost, placements = table[h]
                cost += slot_cost
                for index, v, height, offset in placements:
                    air = min(height - v.height, MAX_AIR) if v.rank else 0
                    mods.append(("unit", index, rem if index == u else 0, k, v.rank, v.head,
                                 air, height, v.variant, col, offset))
            rows.append((cost, h, tuple(mods)))
        return rows

    @lru_cache(maxsize=None)
    def best(u: int, rem: int, p: int, r: int, first: bool) -> tuple[float, tuple, tuple | None]:
        """Cheapest way to place units u.. (u's flow from index `rem` on, if
        > 0) from page p with r lines left on it: (cost, first step, the
        state after it); the plan is read back by following the states."""
        if u >= n:
            used = r < L or p == 0
            pages = p + 1 if used else p
            cost, step = _close_page(r, C, filler) if used and r else (0.0, ("close", 0, None))
            if geometry.even_pages and pages % 2:
                cost += PAGE_COST + _white(L, C)   # a blank page would be needed
            if geometry.fixed_pages:
                if pages > geometry.fixed_pages:
                    return math.inf, (), None       # overset: an error, not a silent extra page
                cost += (geometry.fixed_pages - pages) * (PAGE_COST + _white(L, C))
            return cost, ("end",) + step[1:], None
        if p >= max(MAX_PAGES, geometry.fixed_pages or 0):
            return math.inf, (), None
        choice: tuple[float, tuple, tuple | None] = (math.inf, (), None)

        def consider(cost: float, step: tuple, after: tuple) -> None:
            nonlocal choice
            total = cost + best(*after)[0]
            if total < choice[0]:
                choice = (total, step, after)

        if r < L:                       # close the page: a filler or white at its foot
            fill_cost, fill_step = _close_page(r, C, filler)
            consider(fill_cost + PAGE_COST, fill_step, (u, rem, p + 1, L, True))
        for slots in row_slots:         # rows of one to three slots, one or two units each
            used = sum(count for _, count in slots)
            if u + used > n or (rem and slots[0][1] > 1):
                continue
            band = len(slots) == 1 and not first   # a full-width band below the page's lead
            for cost, height, mods in row(u, rem, slots, p, r, first):
                consider(cost + (BAND_COST if band else 0.0), ("row", mods, height),
                         (u + used, 0, p, r - height, False))
        for k in (C - 1, C - 2):        # one module beside a filler
            options = filler(C - k)
            for cost, height, mods in (row(u, rem, ((k, 1),), p, r, first) if options else []):
                fill = _best_filler(options, height, C - k)
                if fill is None:
                    continue
                fill_cost, name = fill
                filler_mod = ("filler", name, C - k, height, k)
                consider(cost + fill_cost, ("row", mods + (filler_mod,), height),
                         (u + 1, 0, p, r - height, False))
        if units[u].kind != "promo" and units[u].pin is None and r >= 8:   # jump overleaf
            for v in variants(u, C, p, first, rem)[:1]:
                placed = jump_part(u, rem, r - v.head)
                left = len(units[u].flows[0]) - rem - placed
                if placed >= MIN_JUMP and left >= MIN_JUMP:
                    consider(JUMP_COST + v.badness + PAGE_COST,
                             ("jump", u, rem, C, v.rank, v.head, rem + placed),
                             (u, rem + placed, p + 1, L, True))
        return choice

    @lru_cache(maxsize=None)
    def jump_part(u: int, rem: int, height: int) -> int:
        """Flow items of unit u (from rem) that fit full width in `height`
        lines with the （下转第N版） line after them."""
        flow = units[u].flows[0]
        heights = ((1,) if rem else ()) + flow[rem:]
        taken = prefix_that_fits(heights, C, height)
        while taken and not fits(heights[:taken] + (1,), C, height):
            taken -= 1
        return taken - (1 if rem else 0)

    def path(state: tuple) -> tuple:
        steps = []
        while state is not None:
            _, step, state = best(*state)
            steps.append(step)
        return tuple(steps)

    # The masthead block may take a few lines of air too (TOP_AIR_STEPS).
    starts = [(0, 0, 0, L - geometry.first_page_top - extra, True)
              for extra in TOP_AIR_STEPS if geometry.first_page_top + extra < L]
    start = min(starts, key=lambda state: best(*state)[0] + _air_cost(L - state[3]
                                                                      - geometry.first_page_top, C))
    cost, top_air = best(*start)[0], L - start[3] - geometry.first_page_top
    if math.isinf(cost):
        raise NoLayout(units, geometry)
    steps = path(start)
    plan = _to_plan(steps, units, geometry, cost, geometry.first_page_top + top_air)
    return Plan(plan.pages, plan.modules, plan.cost, plan.warnings, top_air)


def _white(lines_left: int, columns: int) -> float:
    return WHITE_CELL * lines_left * columns


def _air_cost(air: int, columns: int) -> float:
    """Two lines of air round a headline look generous; more looks empty."""
    return columns * (min(air, 2) + 3.0 * max(0, air - 2))


def _short_cost(short: int) -> float:
    """Per column, a module `short` lines taller than its content: air first,
    then white at the column feet."""
    air = min(short, MAX_AIR)
    white = short - air
    return _air_cost(air, 1) + WHITE_CELL * white + 2.0 * white * white


SHORT_COST = [_short_cost(short) for short in range(MAX_AIR + HOLE)]


def _best_filler(options, height: int, width: int) -> tuple[float, str] | None:
    """The filler that fits `height` lines best: (cost, name), or None."""
    fits_here = [(cost + 2.0 * (height - lines) * width, name)
                 for name, lines, stretch, cost in options if lines <= height <= lines + stretch]
    return min(fits_here) if fits_here else None


def _close_page(r: int, C: int, filler: FillerFn) -> tuple[float, tuple]:
    fill = _best_filler(filler(C), r, C) if r >= 3 else None
    if fill is not None:
        return fill[0], ("close", r, fill[1])
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
            for mod in step[1]:
                if mod[0] == "filler":
                    _, name, k, h, col = mod
                    modules.append(Module(f"filler:{name}", page, col, k, line, h, filler=name))
                    continue
                _, u, rem, k, rank, head_lines, air, height, variant, col, offset = mod
                start = progress.get(u, 0)
                end = len(units[u].flows[variant if not rem else 0])
                modules.append(Module(units[u].key, page, col, k, line + offset, height, rank,
                                      air, start, end, None,
                                      jumped_from.get(u) if rem else None,
                                      head_lines=head_lines, variant=variant if not rem else 0))
                progress[u] = end
            line += step[2]
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
    if geometry.fixed_pages and pages < geometry.fixed_pages:
        warnings.append(f"{pages} pages of content for {geometry.fixed_pages} pages: "
                        f"pages {pages + 1}–{geometry.fixed_pages} are left blank")
        pages = geometry.fixed_pages
    if geometry.even_pages and pages % 2:
        warnings.append(f"{pages} pages of content: page {pages + 1} is left blank")
        pages += 1
    return Plan(pages, tuple(modules), cost, tuple(warnings))
