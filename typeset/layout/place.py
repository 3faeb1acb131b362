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

Dynamic programming over (next item, its remainder, page, lines left) finds
the cheapest plan; page count is part of the cost, and a tabloid's count is
even. Costs are in "white lines": the unit a designer would count.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

MAX_AIR = 4           # extra 占行 a headline may take to fill its row
MIN_JUMP = 5          # body lines on each side of a jump
HOLE = 5              # white lines at a column foot that make a hole
PAGE_COST = 400.0     # an extra page must save more white than this
JUMP_COST = 60.0
FILLER_COST = 25.0
FILLER_STRETCH = 6    # lines a filler may grow beyond its text
PULL_QUOTE_COST = 10.0
PROMO_QR_LINES = 9    # a QR code one column wide, in grid lines
PROMO_STRETCH = 24    # lines of air a promo block may take around itself


@dataclass(frozen=True)
class UnitSpec:
    """What placement needs to know of an item (measured elsewhere)."""
    key: str
    body_lines: tuple[int, ...]  # flow lines per variant: 0, 1, 2 pull quotes
    kind: str                    # article | continuation | promo
    min_width: int = 1
    max_width: int = 99


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
        if spec.kind == "promo":
            ranks: tuple[int, ...] = (0,)
        elif rem:
            ranks = (4,)
        elif p == 0 and u == 0:
            ranks = (1,)
        else:
            ranks = (2, 3) if first or k >= 4 else (3, 4)
        bodies = ((rem + 1, 0),) if rem else tuple(
            (lines, v) for v, lines in enumerate(spec.body_lines))
        out = []
        for rank in ranks:
            head_lines, badness = head(spec.key, k, rank, bool(rem)) if rank else (0, 0.0)
            for body, v in bodies:
                height = math.ceil(body / k)
                if spec.kind == "promo":   # the QR code beside (2 columns) or over its lines
                    height = max(PROMO_QR_LINES, body) if k > 1 else PROMO_QR_LINES + body
                bad = badness + PULL_QUOTE_COST * v
                if spec.kind != "promo":
                    if height < 4 and k > 1:
                        bad += 30 * (4 - height)      # a sliver of text under a wide head
                    if height > 70:
                        bad += 2 * (height - 70)      # a column too long to read
                out.append(_Variant(head_lines, height, bad, rank, v))
        return tuple(out)

    def row(u: int, rem: int, ws: tuple[int, ...], p: int, r: int, first: bool):
        """Cheapest (cost, height, modules) for units u.. side by side in widths ws."""
        options = [variants(u + j, k, p, first and j == 0, rem if j == 0 else 0)
                   for j, k in enumerate(ws)]
        if any(not o for o in options):
            return None
        heights = sorted({v.height for o in options for v in o if v.height <= r})
        best_row = None
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
                        c = v.badness + 1.5 * air * air * k / 2 + 6.0 * white * white * k
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
                if best_row is None or cost < best_row[0]:
                    best_row = (cost, h, tuple(mods))
        return best_row

    @lru_cache(maxsize=None)
    def best(u: int, rem: int, p: int, r: int, first: bool) -> tuple[float, tuple]:
        """Cheapest way to place units u.. (u's remainder `rem` if > 0) from
        page p with r lines left on it. Returns (cost, steps)."""
        if u >= n:
            used = r < L or p == 0
            pages = p + 1 if used else p
            cost, step = _close_page(r, C, filler) if used and r else (0.0, ("close", 0, None))
            if geometry.even_pages and pages % 2:
                cost += PAGE_COST + _white(L)   # a blank page would be needed
            if geometry.fixed_pages and pages != geometry.fixed_pages:
                cost += 10_000 * abs(pages - geometry.fixed_pages)
            return cost, (("end",) + step[1:],)
        if p >= 8:
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
                built = row(u, rem, ws, p, r, first)
                if built is None:
                    continue
                cost, height, mods = built
                rest, steps = best(u + m, 0, p, r - height, False)
                options.append((cost + rest, (("row", mods),) + steps))
        for k in (C - 1, C - 2):        # one module beside a filler
            fill = filler(C - k)
            built = row(u, rem, (k,), p, r, first) if fill else None
            if built is None:
                continue
            cost, height, mods = built
            name, lines = fill
            if not lines <= height <= lines + FILLER_STRETCH:
                continue
            cost += FILLER_COST + (height - lines) * (C - k)
            rest, steps = best(u + 1, 0, p, r - height, False)
            filler_mod = ("filler", name, C - k, height)
            options.append((cost + rest, (("row", mods + (filler_mod,)),) + steps))
        if units[u].kind != "promo" and r >= 8:   # jump: fill the page, continue overleaf
            for v in variants(u, C, p, first, rem)[:1]:
                body = (rem + 1) if rem else units[u].body_lines[0]
                capacity = (r - v.head - 1) * C
                if capacity >= MIN_JUMP and body - capacity >= MIN_JUMP:
                    rest, steps = best(u, body - capacity, p + 1, L, True)
                    step = ("jump", u, rem, C, v.rank, v.head, capacity)
                    options.append((JUMP_COST + v.badness + PAGE_COST + rest, (step,) + steps))
        if not options:
            return math.inf, ()
        return min(options, key=lambda o: o[0])

    cost, steps = best(0, 0, 0, L - geometry.first_page_top, True)
    if math.isinf(cost):
        raise ValueError("no layout found")
    return _to_plan(steps, units, geometry, cost)


def _white(lines_left: int) -> float:
    return 3.0 * lines_left + 0.2 * lines_left ** 2


def _close_page(r: int, C: int, filler: FillerFn) -> tuple[float, tuple]:
    fill = filler(C) if r >= 3 else None
    if fill is not None and fill[1] <= r <= fill[1] + FILLER_STRETCH:
        name, lines = fill
        return FILLER_COST + (r - lines) * C, ("close", r, name)
    return _white(r), ("close", r, None)


def _compositions(total: int, parts: int) -> list[tuple[int, ...]]:
    if parts == 1:
        return [(total,)]
    out = []
    for first in range(1, total - parts + 2):
        for rest in _compositions(total - first, parts - 1):
            out.append((first,) + rest)
    return out


def _to_plan(steps, units, geometry, cost) -> Plan:
    modules: list[Module] = []
    warnings: list[str] = []
    page, line = 0, geometry.first_page_top
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
                end = units[u].body_lines[variant if not rem else 0]
                modules.append(Module(units[u].key, page, col, k, line, height, rank, air, start,
                                      end, None, jumped_from.get(u) if rem else None,
                                      head_lines=head_lines, variant=variant if not rem else 0))
                progress[u] = end
                col += k
            line += height
        elif kind == "jump":
            _, u, rem, k, rank, head_lines, capacity = step
            start = progress.get(u, 0)
            body_capacity = capacity - (0 if not rem else 1)
            end = start + body_capacity
            height = geometry.lines - line
            modules.append(Module(units[u].key, page, 0, k, line, height, rank, 0, start, end,
                                  page + 1, jumped_from.get(u) if rem else None,
                                  head_lines=head_lines))
            progress[u] = end
            jumped_from[u] = page
            page, line = page + 1, 0
        elif kind == "close":
            _, r, name = step
            if name:
                modules.append(Module(f"filler:{name}", page, 0, geometry.columns, line, r,
                                      filler=name))
            elif r:
                warnings.append(f"page {page + 1}: {r} lines left white at the foot")
            page, line = page + 1, 0
        elif kind == "end":
            _, r, name = step
            if name:
                modules.append(Module(f"filler:{name}", page, 0, geometry.columns, line, r,
                                      filler=name))
            elif r and line > 0:
                warnings.append(f"page {page + 1}: {r} lines left white at the foot")
    pages = max((m.page for m in modules), default=0) + 1
    if geometry.even_pages and pages % 2:
        warnings.append(f"{pages} pages of content: page {pages + 1} is left blank")
        pages += 1
    return Plan(pages, tuple(modules), cost, tuple(warnings))
