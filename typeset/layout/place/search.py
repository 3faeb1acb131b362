"""The search: dynamic programming over states, cheapest plan first.

A state (steps.State) is the next unit to place, where its remainder starts,
the page and the lines left on it. From a state the moves are: close the page
(a filler or white at its foot), place a row of one to three slots (each slot
one unit, or two stacked), place one module beside a filler, or let the unit
jump overleaf. Each move's cost plus the best cost from the state it leads to
is minimised; the plan is read back by following the chosen moves.

What a state's best cost depends on decides how many states there are. It
depends on the page number only through staff pins that name a page, the
parity of the page count (a layout that prints an even count) and a fixed
page count. So unless the count is fixed, every page after the last pinned
one stands for all pages of its parity: an issue's search is linear in its
length, and the page limit is checked on the plan found. With a fixed count
the exact page stays in the state, and states from which the rest of the
copy cannot fit in the pages left are pruned. The tables of one unit's
variants, slots and rows depend on the page only as first, pinned or other.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from itertools import product

from ..columns import fits, prefix_that_fits
from . import prices
from .kinds import MAX_AIR, MIN_JUMP, MIN_JUMP_ROOM
from .spec import FillerFn, FillerOption, Geometry, HeadFn, UnitSpec
from .steps import Foot, Jump, Placed, PlacedFiller, Row, State, Variant

TOP_AIR_STEPS = (0, 1, 2, 3, 4, 5, 6)   # lines of air the masthead block may take
MAX_STACK = 2         # units stacked in one slot
STACK_VARIANTS = 4    # variants of each stacked unit tried
INF = math.inf


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


class Search:
    def __init__(self, units: list[UnitSpec], geometry: Geometry, head: HeadFn,
                 filler: FillerFn):
        self.units, self.geometry, self.head, self.filler = units, geometry, head, filler
        self.n = n = len(units)
        self.C, self.L = geometry.columns, geometry.lines
        # The exact page matters only up to the last page a pin names, and
        # everywhere when the page count is fixed; past that, a page stands
        # for all pages of its parity (search.next_page).
        self.pin_pages = frozenset(u.pin.page for u in units if u.pin and u.pin.page is not None)
        self.last_pinned = max(self.pin_pages, default=0)
        self.fixed = geometry.fixed_pages
        # Row patterns: (width, units stacked) per slot. A stack is never the
        # whole width (that is two rows) and rows of three slots do not stack.
        # A one-column slot can only hold a unit that may be that narrow (a promo).
        narrowest = min((u.min_width for u in units), default=1)
        self.row_slots = [tuple(zip(ws, counts)) for m in (1, 2, 3)
                          for ws in _compositions(self.C, m)
                          for counts in product(range(1, MAX_STACK + 1), repeat=m)
                          if not (m == 1 and counts[0] > 1) and not (m == 3 and max(counts) > 1)
                          and min(ws) >= narrowest]
        # cells the rest of the copy needs at least, from unit u on (pruning, exact mode)
        need = [0] * (n + 1)
        for u in range(n - 1, -1, -1):
            need[u] = need[u + 1] + min(sum(f) // s for f, s in zip(units[u].flows,
                                                                    units[u].subdivs))
        self.need = need
        self._variants: dict = {}
        self._slots: dict = {}
        self._rows: dict = {}
        self._jumps: dict = {}
        self.memo: dict[State, tuple[float, tuple | None, State | None]] = {}

    # ------------------------------------------------------------ pages

    def next_page(self, p: int) -> int:
        q = p + 1
        if self.fixed or q <= self.last_pinned:
            return q
        if self.geometry.even_pages:       # parity decides whether a blank page is needed
            return self.last_pinned + 1 + (q - self.last_pinned - 1) % 2
        return self.last_pinned + 1

    def table_page(self, p: int) -> int:
        """The page as one unit's tables see it: first, a pinned page, or any other."""
        return p if p == 0 or p in self.pin_pages else -1

    # ------------------------------------------------------------ one unit

    def variants(self, u: int, k: int, p: int, first: bool, rem: int) -> tuple[Variant, ...]:
        key = (u, k, self.table_page(p), first, rem)
        found = self._variants.get(key)
        if found is None:
            found = self._variants[key] = self._make_variants(u, k, key[2], first, rem)
        return found

    def _make_variants(self, u: int, k: int, p: int, first: bool,
                       rem: int) -> tuple[Variant, ...]:
        spec = self.units[u]
        kind = spec.kind
        if not spec.min_width <= k <= spec.max_width(self.C):
            return ()
        pin = spec.pin
        if pin and ((pin.page is not None and p != pin.page) or (pin.width and k != pin.width)):
            return ()
        if not kind.headed:
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
            head_lines, badness = self.head(spec.key, k, rank, bool(rem)) if rank else (0, 0.0)
            for heights, v in bodies:
                height = kind.body_height(heights, k, spec.subdivs[v])
                bad = badness + (0.0 if rem else spec.costs[v]) + kind.shape_cost(height, k)
                out.append(Variant(head_lines, height, bad, rank, v))
        # Rows only ask "the cheapest variant of each height": keep just those.
        cheapest: dict[int, Variant] = {}
        for variant in out:
            kept = cheapest.get(variant.height)
            if kept is None or variant.badness < kept.badness:
                cheapest[variant.height] = variant
        return tuple(sorted(cheapest.values(), key=lambda variant: variant.badness))

    def fit(self, j: int, v: Variant, k: int, short: int) -> float | None:
        """Cost of unit j's variant v in a module `short` lines taller than it."""
        extra = self.units[j].kind.short_cost(short, k)
        return None if extra is None else v.badness + extra

    def slot_table(self, j: int, count: int, k: int, p: int, first: bool,
                   rem: int) -> dict[int, tuple[float, tuple]]:
        """For a slot k columns wide holding unit j (and the next units stacked
        under it when count > 1): for each height it can take, the cheapest
        cost and its placements (unit, variant, module height, offset in the slot)."""
        key = (j, count, k, self.table_page(p), first, rem)
        table = self._slots.get(key)
        if table is None:
            table = self._slots[key] = self._make_slot_table(j, count, k, key[3], first, rem)
        return table

    def _make_slot_table(self, j: int, count: int, k: int, p: int, first: bool,
                         rem: int) -> dict[int, tuple[float, tuple]]:
        table: dict[int, tuple[float, tuple]] = {}

        def keep(h: int, cost: float, placements: tuple) -> None:
            if h not in table or cost < table[h][0]:
                table[h] = (cost, placements)

        def stretch(index: int) -> int:
            return self.units[index].kind.stretch

        first_opts = self.variants(j, k, p, first, rem)
        if count == 1:
            for v in first_opts:
                for short in range(stretch(j) + 1):
                    cost = self.fit(j, v, k, short)
                    if cost is not None:
                        keep(v.height + short, cost, ((j, v, v.height + short, 0),))
            return table
        if j + 1 >= self.n:
            return table
        # Stacks try each unit's cheapest few variants: enough to match heights.
        for a in first_opts[:STACK_VARIANTS]:
            for b in self.variants(j + 1, k, p, False, 0)[:STACK_VARIANTS]:
                for short in range(stretch(j) + stretch(j + 1) + 1):
                    top_short = min(short // 2, stretch(j))
                    c1, c2 = self.fit(j, a, k, top_short), self.fit(j + 1, b, k, short - top_short)
                    if c1 is None or c2 is None:
                        continue
                    top = a.height + top_short
                    h = a.height + b.height + short
                    keep(h, c1 + c2 + prices.STACK_COST, ((j, a, top, 0), (j + 1, b, h - top, top)))
        return table

    # ------------------------------------------------------------ rows

    def row(self, u: int, rem: int, slots: tuple, p: int, r: int, first: bool) -> list:
        """(cost, height, modules) for units u.. in a row of slots (width,
        units stacked in it), the cheapest for each feasible row height up to
        r: a taller row is not worse in itself, it may save white further down."""
        j = u
        for k, count in slots:                  # a pinned first line is one row start only
            for index in range(j, min(j + count, self.n)):
                pin = self.units[index].pin
                if pin and pin.line is not None and pin.line != self.L - r:
                    return []
            j += count
        rows = self.all_rows(u, rem, slots, p, first)
        return rows[:bisect_right(rows, r, key=lambda built: built[1])]

    def all_rows(self, u: int, rem: int, slots: tuple, p: int, first: bool) -> list:
        key = (u, rem, slots, self.table_page(p), first)
        rows = self._rows.get(key)
        if rows is None:
            rows = self._rows[key] = self._make_rows(u, rem, slots, key[3], first)
        return rows

    def _make_rows(self, u: int, rem: int, slots: tuple, p: int, first: bool) -> list:
        """Every row height the slots can take, cheapest arrangement each, by height."""
        units, n = self.units, self.n
        tables, j, col = [], u, 0
        for k, count in slots:
            for position in range(count):       # staff pins: column, stacking, height
                pin = units[j + position].pin if j + position < n else None
                if pin and ((pin.col is not None and pin.col != col) or position):
                    return []
            table = self.slot_table(j, count, k, p, first and j == u, rem if j == u else 0)
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
                    mods.append(Placed(index, rem if index == u else 0, k, v.rank, v.head,
                                       air, height, v.variant, col, offset))
            rows.append((cost, h, tuple(mods)))
        return rows

    def jump_part(self, u: int, rem: int, height: int) -> int:
        """Flow items of unit u (from rem) that fit full width in `height`
        lines with the （下转第N版） line after them."""
        key = (u, rem, height)
        found = self._jumps.get(key)
        if found is None:
            C = self.C
            flow = self.units[u].flows[0]
            heights = ((1,) if rem else ()) + flow[rem:]
            taken = prefix_that_fits(heights, C, height)
            while taken and not fits(heights[:taken] + (1,), C, height):
                taken -= 1
            found = self._jumps[key] = taken - (1 if rem else 0)
        return found

    # ------------------------------------------------------------ states

    def feet(self, r: int) -> tuple[float, str | None]:
        """A page foot of r lines: the best filler for it, else white."""
        fill = best_filler(self.filler(self.C), r, self.C) if r >= 3 else None
        if fill is not None:
            return fill
        return prices.white(r, self.C), None

    def terminal(self, s: State) -> tuple[float, tuple | None, None] | None:
        """The value of a state with no moves to weigh, else None."""
        u, rem, p, r, first = s
        L, C = self.L, self.C
        if u < self.n:
            if self.fixed and (p >= self.fixed or self._cannot_fit(s)):
                return INF, None, None
            return None
        used = r < L or p == 0
        cost, name = self.feet(r) if used and r else (0.0, None)
        pages_odd = (p + used) % 2 == 1
        if self.geometry.even_pages and pages_odd:
            cost += prices.PAGE_COST + prices.white(L, C)   # a blank page would be needed
        fixed = self.fixed
        if fixed:
            pages = p + used
            if pages > fixed:
                return INF, None, None        # overset: an error, not a silent extra page
            cost += (fixed - pages) * (prices.PAGE_COST + prices.white(L, C))
        return cost, Foot(r if used else 0, name, True), None

    def _cannot_fit(self, s: State) -> bool:
        """The rest of the copy needs more cells than the pages left hold."""
        u, rem, p, r, _ = s
        if u >= self.n:
            return False
        spec = self.units[u]
        need = self.need[u] - sum(spec.flows[0][:rem]) // spec.subdivs[0]
        room = r * self.C + (self.fixed - p - 1) * self.L * self.C
        return need > room

    def moves(self, s: State):
        """(cost, step, next state) for every move from s."""
        u, rem, p, r, first = s
        L, C, units = self.L, self.C, self.units
        out = []
        if r < L:                       # close the page: a filler or white at its foot
            fill_cost, name = self.feet(r)
            out.append((fill_cost + prices.PAGE_COST, Foot(r, name, False),
                        State(u, rem, self.next_page(p), L, True)))
        for slots in self.row_slots:    # rows of one to three slots, one or two units each
            used = sum(count for _, count in slots)
            if u + used > self.n or (rem and slots[0][1] > 1):
                continue
            band = len(slots) == 1 and not first   # a full-width band below the page's lead
            for cost, height, mods in self.row(u, rem, slots, p, r, first):
                out.append((cost + (prices.BAND_COST if band else 0.0), Row(mods, height),
                            State(u + used, 0, p, r - height, False)))
        for k in (C - 1, C - 2):        # one module beside a filler
            options = self.filler(C - k)
            for cost, height, mods in (self.row(u, rem, ((k, 1),), p, r, first)
                                       if options else []):
                fill = best_filler(options, height, C - k)
                if fill is None:
                    continue
                fill_cost, name = fill
                out.append((cost + fill_cost,
                            Row(mods + (PlacedFiller(name, C - k, height, k),), height),
                            State(u + 1, 0, p, r - height, False)))
        spec = units[u]
        if spec.kind.may_jump and spec.pin is None and r >= MIN_JUMP_ROOM:   # jump overleaf
            for v in self.variants(u, C, p, first, rem)[:1]:
                placed = self.jump_part(u, rem, r - v.head)
                left = len(spec.flows[0]) - rem - placed
                if placed >= MIN_JUMP and left >= MIN_JUMP:
                    out.append((prices.JUMP_COST + v.badness + prices.PAGE_COST,
                                Jump(u, rem, C, v.rank, v.head, rem + placed),
                                State(u, rem + placed, self.next_page(p), L, True)))
        return out

    def solve(self, start: State) -> float:
        """The best cost from `start`, every state on the way memoised.

        Depth-first with an explicit stack (an issue of 32 pages is a few
        hundred moves deep: too deep for Python's recursion)."""
        memo = self.memo
        stack: list[tuple[State, list | None]] = [(start, None)]
        while stack:
            state, moves = stack[-1]
            if state in memo:
                stack.pop()
                continue
            if moves is None:
                value = self.terminal(state)
                if value is not None:
                    memo[state] = value
                    stack.pop()
                    continue
                moves = self.moves(state)
                stack[-1] = (state, moves)
                pending = [after for _, _, after in moves if after not in memo]
                if pending:
                    stack.extend((after, None) for after in reversed(pending))
                    continue
            choice: tuple[float, tuple | None, State | None] = (INF, None, None)
            for cost, step, after in moves:
                total = cost + memo[after][0]
                if total < choice[0]:
                    choice = (total, step, after)
            memo[state] = choice
            stack.pop()
        return memo[start][0]

    def path(self, state: State) -> list:
        steps = []
        while state is not None:
            _, step, state = self.memo[state]
            steps.append(step)
        return steps


def best_filler(options: tuple[FillerOption, ...], height: int,
                width: int) -> tuple[float, str] | None:
    """The filler that fits `height` lines best: (cost, name), or None."""
    fits_here = []
    for option in options:
        extra = option.kind.short_cost(height - option.lines, width) \
            if height >= option.lines else None
        if extra is not None:
            fits_here.append((option.cost + extra, option.name))
    return min(fits_here) if fits_here else None


def _compositions(total: int, parts: int) -> list[tuple[int, ...]]:
    if parts == 1:
        return [(total,)]
    out = []
    for first in range(1, total - parts + 2):
        for rest in _compositions(total - first, parts - 1):
            out.append((first,) + rest)
    return out
