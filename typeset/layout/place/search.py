"""The search: dynamic programming over states, cheapest plan first.

A state (steps.State) is the next unit to place, where its remainder starts
(and the body it is set in), the page and the lines left on it, and the body
size the page's news stories share once one is placed ("one-body"). From a state
the moves are those RULES below allow: close the page (a filler or white at
its foot), place a row of one to three slots (each slot one unit, or two
stacked), place one module beside a filler, let the unit jump overleaf, or
move a short later unit up into the page's foot.
Each move's cost plus the best cost from the state it leads to is minimised;
the plan is read back by following the chosen moves.

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
from functools import lru_cache
from itertools import product

from ..columns import _start, level_feet, prefix_before_a_line   # as columns.fits, split_columns
from . import kinds, prices
from .kinds import HOLE, MAX_AIR, MIN_JUMP, MIN_JUMP_ROOM, MODULE_GAP
from .spec import FillerFn, FillerOption, Geometry, HeadFn, UnitSpec
from .steps import Foot, Jump, MovedUp, Placed, PlacedFiller, Row, State, Variant

# The moves a state has, each a rule with a name (the branches of Search.moves
# say which); their numbers are the limits of kinds.py, their costs prices.py.
RULES = {
    "close": "a page is closed (a filler or white at its foot) only with something on it: "
             "the room under page one's masthead is not something, so the front page always "
             "carries the issue's first story, its lead — unless staff pin that story to a "
             "later page",
    "foot-white": "white at the foot of a page that is not the issue's last is a hole "
                  "(prices.foot_white, FOOT_HOLE × white), and a column ending short of its "
                  "neighbours inside a page costs INNER_WHITE × white: only the issue's last "
                  "page may end short at its foot (priced as plain white, and reported), so "
                  "the white an issue short of copy leaves goes there",
    "row": "a row of one to three slots across the page, each slot one unit or MAX_STACK "
           "stacked, or one module beside a filler; a second full-width band costs BAND_COST",
    "jump": "a story that may jump (kinds.may_jump, not pinned), with MIN_JUMP_ROOM lines "
            "left, fills the page full width and continues at the top of the next page, "
            "MIN_JUMP body lines at least on each side of every jump; a continued part may "
            "jump again, as often as the story needs pages",
    "jump-body": "a story starts a jump in the plain body of one of its sizes (no pull "
                 "quotes: a jump leaves no white to fill) and goes on in it overleaf (the "
                 "state carries the variant), so a long lead may take larger type too, where "
                 "the issue's pages want more copy",
    "hole": "a module may be taller than its content by air over its headline (at most "
            "MAX_AIR lines; none for a story without a title, UnitSpec.headless), then by "
            "white at its column feet only while its shortest column, balanced as "
            "columns.split_columns draws it, ends less than HOLE lines above the module's "
            "foot; a body whose own columns cannot balance that closely (a tall item) costs "
            "HOLE_COST",
    "feet": "a body whose columns, balanced as columns.split_columns fills them, step — a "
            "column before the last ending short of the others, or the last longer — costs "
            "the white the steps leave (prices.inner_white), so that another width, where "
            "one fits as well, ends level",
    "one-body": "one body size for news text per page (the page rules' rule 4): the first "
                "story module placed on a page (a kind with larger_body: articles and "
                "continued parts) fixes the page's body — its variant's sub-units per grid "
                "line (spec.UnitSpec.subdivs), kept in the state — and every later story "
                "module on the page, stacked, beside it or below, a jump started at its foot "
                "or a short unit moved up into it, takes a variant of that size or waits for "
                "a later page; fillers, promos and framed boxes (larger_body False) are "
                "exempt: they fix nothing and a row of them keeps the page's size. A jump's "
                "part continues overleaf in its own body (\"jump-body\"): arriving first on "
                "the next page, it fixes that page's size",
    "move-up": "a short later unit (kinds.MOVABLE, at most SHORT_ITEM body lines, not "
               "pinned, not one of a banner's stories) may be read ahead of the unit before "
               "it: it fills the foot of a page that already has something on it (never "
               "ahead of a page's lead), the page closes, and the unit before it begins the "
               "next page (MOVE_COST); a unit that has had the next one moved ahead of it is "
               "placed alone (rows of one unit, or its jump) before the reading order "
               "resumes after the moved one",
}

TOP_AIR_STEPS = (0, 1, 2, 3, 4, 5, 6)   # lines of air the masthead block may take
MAX_STACK = 2         # units stacked in one slot
STACK_VARIANTS = 4    # variants of each stacked unit tried
INF = math.inf


class Search:
    def __init__(self, units: list[UnitSpec], geometry: Geometry, head: HeadFn,
                 filler: FillerFn):
        self.units, self.geometry, self.head, self.filler = units, geometry, head, filler
        self.n = n = len(units)
        # Every height here is a module's lines with the one under it for the
        # module rule ("gap"), so the page as the search sees it has that line
        # more at its foot, below the type area: the last module's lies there.
        self.C, self.L = geometry.columns, geometry.lines + MODULE_GAP
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
        # units that may be moved up ahead of the one before them ("move-up")
        # whose body size a page's shared size binds ("one-body"), and the sizes it has
        self.ruled = [u.kind.larger_body for u in units]
        self.sizes = [frozenset(u.subdivs) for u in units]
        self.movable = [not u.pin and not u.in_banner and u.kind.name in kinds.MOVABLE
                        and sum(u.flows[0]) // u.subdivs[0] <= kinds.SHORT_ITEM
                        for u in units]
        self._move_ups: dict = {}
        self._variants: dict = {}
        self._slots: dict = {}
        self._jumps: dict = {}
        self._jump_heads: dict = {}
        self._row_moves: dict = {}
        self._feet: dict = {}
        self.line_pins = any(u.pin and u.pin.line is not None for u in units)
        self.memo: dict[State, tuple[float, tuple | None, State | None]] = {}

    def inherit(self, previous: "Search", changed: frozenset[int]) -> None:
        """Take over what an earlier search of the same units found, except
        what depends on a unit in `changed` (given more body variants): a
        relayout with larger type for a few stories redoes only their share.
        Tables depend on the units they place; a state's best plan on the
        units from its own on."""
        reach = max(sum(count for _, count in slots) for slots in self.row_slots)
        keep = lambda first, count: not any(i in changed for i in range(first, first + count))  # noqa: E731
        self._variants = {k: v for k, v in previous._variants.items() if k[0] not in changed}
        self._jumps = {k: v for k, v in previous._jumps.items() if k[0] not in changed}
        self._jump_heads = {k: v for k, v in previous._jump_heads.items() if k[0] not in changed}
        self._move_ups = {k: v for k, v in previous._move_ups.items() if k[0] not in changed}
        self._slots = {k: v for k, v in previous._slots.items() if keep(k[0], k[1])}
        self._row_moves = {k: v for k, v in previous._row_moves.items() if keep(k[0], reach)}
        last = max(changed, default=-1)
        self.memo = {k: v for k, v in previous.memo.items() if k[0] > last}   # k[0]: the unit

    def inherit_bodies(self, previous: "Search") -> None:
        """Take over what an earlier search of the same units found that does
        not depend on what fillers cost — each unit's variants, slot tables,
        jumps — when only the filler library changed (made dearer): the rows,
        feet and every state's best plan are weighed again."""
        self._variants, self._slots = previous._variants, previous._slots
        self._jumps, self._jump_heads = previous._jumps, previous._jump_heads

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

    def size_key(self, u: int, size: int) -> int:
        """What the page's body size `size` (0: none yet) asks of unit u's
        variants ("one-body"): 0 nothing (exempt, no size yet, or the unit has
        only that size), -1 none fits, else the size its variants must have."""
        if not size or not self.ruled[u]:
            return 0
        sizes = self.sizes[u]
        if size not in sizes:
            return -1
        return 0 if len(sizes) == 1 else size

    # ------------------------------------------------------------ one unit

    def variants(self, u: int, k: int, p: int, first: bool, rem: int,
                 var: int = 0, size: int = 0) -> tuple[Variant, ...]:
        """Unit u's ways at width k; with the page's body size `size`, only
        the variants of that size ("one-body")."""
        sz = self.size_key(u, size)
        if sz < 0:
            return ()
        key = (u, k, self.table_page(p), first, rem, var, sz)
        found = self._variants.get(key)
        if found is None:
            found = self._variants[key] = self._make_variants(u, k, key[2], first, rem, var,
                                                              sz)
        return found

    def _make_variants(self, u: int, k: int, p: int, first: bool, rem: int,
                       var: int, size: int = 0) -> tuple[Variant, ...]:
        spec = self.units[u]
        kind = spec.kind
        if not spec.min_width <= k <= spec.max_width(self.C):
            return ()
        pin = spec.pin
        if pin and ((pin.page is not None and p != pin.page) or (pin.width and k != pin.width)):
            return ()
        ranks = _ranks(kind.headed, u, k, p, first, rem)
        bodies = []
        for heights, v in _bodies(spec, rem, var):
            subdiv = spec.subdivs[v]
            if size and subdiv != size:
                continue
            height = kind.body_height(heights, k, subdiv)
            # the lines its shortest column may end above the module's foot ("hole")
            gap = (_most_white(heights, k, subdiv, height) if kind.air_price is None
                   else kind.stretch)
            # feet that step ("feet"): priced as the white they leave inside the module
            steps = (_short_lines(heights, k, subdiv, height, spec.line_height(v))
                     if kind.shaped and k > 1 else 0)
            bodies.append((v, height, gap, (prices.HOLE_COST if gap < 0 else 0.0)
                           + prices.inner_white(steps)))
        titled = rem or not spec.headless      # a continued part has its short title
        out = []
        for rank in ranks:
            head_lines, badness = self.head(spec.key, k, rank, bool(rem)) if rank else (0, 0.0)
            air = MAX_AIR if head_lines and titled else 0
            for v, height, gap, hole in bodies:
                bad = (badness + (0.0 if rem else spec.costs[v]) + kind.shape_cost(height, k)
                       + hole)
                # air over a headline first, then white at the column feet
                stretch = min(kind.stretch, air + max(gap, 0))
                out.append(Variant(head_lines, height, bad, rank, v, stretch))
        # Rows only ask "the cheapest variant of each height and stretch": keep just those.
        cheapest: dict[tuple[int, int], Variant] = {}
        for variant in out:
            kept = cheapest.get((variant.height, variant.stretch))
            if kept is None or variant.badness < kept.badness:
                cheapest[(variant.height, variant.stretch)] = variant
        return tuple(sorted(cheapest.values(), key=lambda variant: variant.badness))

    def slot_table(self, j: int, count: int, k: int, p: int, first: bool,
                   rem: int, var: int = 0, size: int = 0) -> dict[int, tuple[float, tuple]]:
        """For a slot k columns wide holding unit j (and the next units stacked
        under it when count > 1): for each height it can take, the cheapest
        cost and its placements (unit, variant, module height, offset in the slot),
        every story module in the page's body size `size` ("one-body")."""
        sizes = (self.size_key(j, size),) if count == 1 else tuple(
            self.size_key(i, size) for i in range(j, min(j + count, self.n)))
        if -1 in sizes:
            return {}
        key = (j, count, k, self.table_page(p), first, rem, var, size if any(sizes) else 0)
        table = self._slots.get(key)
        if table is None:
            table = self._slots[key] = self._make_slot_table(j, count, k, key[3], first, rem,
                                                             var, key[7])
        return table

    def _make_slot_table(self, j: int, count: int, k: int, p: int, first: bool,
                         rem: int, var: int, size: int = 0) -> dict[int, tuple[float, tuple]]:
        table: dict[int, tuple[float, tuple]] = {}

        def keep(h: int, cost: float, placements: tuple) -> None:
            if h not in table or cost < table[h][0]:
                table[h] = (cost, placements)

        first_opts = self.variants(j, k, p, first, rem, var, size)
        extra_a = self.units[j].kind.short_costs(k)     # what each line taller costs
        if count == 1:
            for v in first_opts:
                for short, extra in enumerate(extra_a[:v.stretch + 1]):
                    keep(v.height + short, v.badness + extra, ((j, v, v.height + short, 0),))
            return table
        if j + 1 >= self.n:
            return table
        extra_b = self.units[j + 1].kind.short_costs(k)
        # Stacks try each unit's cheapest few variants: enough to match heights.
        for a in first_opts[:STACK_VARIANTS]:
            stretch_a = min(len(extra_a) - 1, a.stretch)
            for b in self.variants(j + 1, k, p, False, 0, 0, size)[:STACK_VARIANTS]:
                stretch_b = min(len(extra_b) - 1, b.stretch)
                for short in range(stretch_a + stretch_b + 1):
                    top_short = min(short // 2, stretch_a)
                    if short - top_short > stretch_b:
                        continue
                    c1 = a.badness + extra_a[top_short]
                    c2 = b.badness + extra_b[short - top_short]
                    top = a.height + top_short
                    h = a.height + b.height + short
                    keep(h, c1 + c2 + prices.STACK_COST, ((j, a, top, 0), (j + 1, b, h - top, top)))
        return table

    # ------------------------------------------------------------ rows
    # A pinned first line (pin.line) admits one row start only: checked per
    # move in moves(), since it depends on the lines left.

    def _row_frame(self, u: int, rem: int, slots: tuple, p: int, first: bool, var: int = 0,
                   size: int = 0):
        """The slot tables of a row of `slots` from unit u, each with the
        lines its modules stand under a banner's band ("band"), and the
        heights every slot can take (sorted); None when the row cannot be made."""
        units, n = self.units, self.n
        tables, j, col = [], u, 0
        # a banner's first story heads the row: its band runs on over the
        # stories of its banner beside it, which start under it
        band = units[u].band[slots[0][0]] if units[u].band and not rem else 0
        for k, count in slots:
            for position in range(count):       # staff pins: column, stacking, height
                pin = units[j + position].pin if j + position < n else None
                if pin and ((pin.col is not None and pin.col != col) or position):
                    return None
            table = self.slot_table(j, count, k, p, first and j == u,
                                    *((rem, var) if j == u else (0, 0)), size)
            if not table:
                return None
            if j > u:           # the band runs on over its own banner's stories only
                band = band if units[j].in_banner and not units[j].band else 0
            tables.append((k, col, table, band if j > u else 0))
            j, col = j + count, col + k
        heights = set(tables[0][2])
        for _, _, table, under in tables[1:]:
            heights &= {h + under for h in table} if under else set(table)
        for index in range(u, j):
            pin = units[index].pin
            if pin and pin.height is not None:
                heights &= {pin.height + MODULE_GAP}
        return tables, sorted(heights)

    def _placed(self, u: int, rem: int, tables: list, h: int) -> tuple[Placed, ...]:
        mods = []
        for k, col, table, under in tables:
            for index, v, height, offset in table[h - under][1]:
                air = min(height - v.height, MAX_AIR) if v.rank else 0
                # under a band: the slot's top module takes its lines too
                height, offset = (height + under, 0) if not offset else (height, offset + under)
                mods.append(Placed(index, rem if index == u else 0, k, v.rank, v.head,
                                   air + under if v.rank else 0, height, v.variant, col,
                                   offset))
        return tuple(mods)

    def row_moves(self, u: int, rem: int, p: int, first: bool, var: int = 0,
                  size: int = 0) -> tuple:
        """Every row that can start at unit u: (height, cost, Row, units used,
        the page's body size after it).

        Rows of the same height placing the same units lead to the same state,
        so only the cheapest of them is a move worth weighing: rows of one to
        three slots (one or two units each), or one module beside a filler.
        Kept in the order they are first met, so ties fall as they always have.
        On a page whose body size is fixed (`size`) every story module takes
        it; on one where none is yet, a row's story modules share one size,
        which the row then fixes for the page ("one-body")."""
        key = (u, rem, self.table_page(p), first, var, size)
        found = self._row_moves.get(key)
        if found is not None:
            return found
        p = key[2]
        C, n = self.C, self.n
        best: dict[tuple[int, int, int], tuple[float, int, tuple]] = {}
        order = 0                       # the order candidates are met in
        if size:
            sizes = (size,)
        else:               # the sizes the units a row may hold have, smallest first
            reach = min(n, u + 3)
            sizes = tuple(sorted(set().union(*(self.sizes[i] for i in range(u, reach)
                                               if self.ruled[i])))) or (0,)
        ruled = self.ruled

        for slots in self.row_slots:
            used = sum(count for _, count in slots)
            if u + used > n or (rem and slots[0][1] > 1):
                continue
            band = prices.BAND_COST if len(slots) == 1 and not first else 0.0   # a 2nd full-width band
            after = any(ruled[u:u + used])
            for s in sizes:
                frame = self._row_frame(u, rem, slots, p, first, var, s)
                if frame is None:
                    continue
                tables, heights = frame
                out = s if after else size      # a row of exempt units keeps the page's size
                for h in heights:
                    cost = 0.0
                    for _, _, table, under in tables:
                        cost += table[h - under][0]
                    cost += band
                    kept = best.get((used, h, out))
                    if kept is None or cost < kept[0]:
                        best[(used, h, out)] = (cost, order, (tables, None))
                    order += 1
        for k in (C - 1, C - 2):        # one module beside a filler
            options = self.filler(C - k)
            if not options:
                continue
            for s in sizes:
                frame = self._row_frame(u, rem, ((k, 1),), p, first, var, s)
                if frame is None:
                    continue
                tables, heights = frame
                out = s if ruled[u] else size
                for h in heights:
                    fill = best_filler(options, h - MODULE_GAP, C - k)
                    if fill is None:
                        continue
                    cost = tables[0][2][h][0] + fill[0]
                    kept = best.get((1, h, out))
                    if kept is None or cost < kept[0]:
                        best[(1, h, out)] = (cost, order,
                                             (tables, PlacedFiller(fill[1], C - k, h, k)))
                    order += 1
        moves = []
        for (used, h, out), (cost, _, (tables, filler)) in sorted(best.items(),
                                                                    key=lambda entry: entry[1][1]):
            mods = self._placed(u, rem, tables, h)
            moves.append((h, cost, Row(mods + (filler,) if filler else mods, h), used, out))
        found = self._row_moves[key] = tuple(moves)
        return found

    def _off_pinned_line(self, u: int, used: int, r: int) -> bool:
        """A unit of the row is pinned to start on another line than this row's."""
        return any(pin is not None and pin.line is not None and pin.line != self.L - r
                   for pin in (self.units[i].pin for i in range(u, u + used)))

    def jump_part(self, u: int, rem: int, height: int, var: int = 0) -> int:
        """Flow items of unit u's body `var` (from rem) that fit full width
        in `height` lines with the （下转第N版） line after them."""
        key = (u, rem, height, var)
        found = self._jumps.get(key)
        if found is None:
            spec = self.units[u]
            subdiv, line = spec.subdivs[var], spec.line_height(var)
            heights = ((line,) if rem else ()) + spec.flows[var][rem:]
            taken = (prefix_before_a_line(heights, self.C, height) if subdiv == 1
                     else prefix_before_a_grid_line(heights, subdiv, self.C, height, line))
            found = taken - (1 if rem else 0)
            end = len(spec.flows[var])
            # never a subhead or a lone line before the 下转 line, and MIN_JUMP
            # body lines left for overleaf (a part the page could hold more of
            # ends short: white at its feet, not a sliver of text overleaf);
            # a rest that fits whole is no jump
            while 0 < found < end - rem and (not spec.may_end(var, rem + found - 1)
                                             or spec.body_lines(var, rem + found, end) < MIN_JUMP):
                found -= 1
            self._jumps[key] = found
        return found

    def jump_heads(self, u: int, p: int, first: bool, rem: int,
                   var: int) -> tuple[tuple[int, int, float, int], ...]:
        """The ways unit u may start a jump across the page: (rank, headline
        lines, badness, body variant), the cheapest rank for each body. A part
        continued from an earlier page goes on in the body it was set in."""
        key = (u, self.table_page(p), first, rem, var)
        found = self._jump_heads.get(key)
        if found is None:
            found = self._jump_heads[key] = self._make_jump_heads(u, key[1], first, rem, var)
        return found

    def _make_jump_heads(self, u: int, p: int, first: bool, rem: int, var: int):
        spec, C = self.units[u], self.C
        kind = spec.kind
        if not spec.min_width <= C <= spec.max_width(C):
            return ()
        ranks = _ranks(kind.headed, u, C, p, first, rem)
        heads = [self.head(spec.key, C, rank, bool(rem)) if rank else (0, 0.0) for rank in ranks]
        starts = _jump_bodies(spec) if not rem else frozenset((var,))
        out = []
        for heights, v in _bodies(spec, rem, var):
            if v not in starts:
                continue
            body = kind.body_height(heights, C, spec.subdivs[v])
            extra = (0.0 if rem else spec.costs[v]) + kind.shape_cost(body, C)
            best = None
            for rank, (head_lines, badness) in zip(ranks, heads):
                if best is None or badness + extra < best[2]:
                    best = (rank, head_lines, badness + extra, v)
            if best is not None:
                out.append(best)
        return tuple(out)

    def move_ups(self, j: int, p: int, size: int = 0) -> tuple:
        """For each number of lines r left on a page (0 … L): the cheapest way
        to fill them with unit j alone, in the page's body size ("one-body"),
        and close the page — (cost, Row, Foot) — or None ("move-up")."""
        key = (j, self.table_page(p), size)
        found = self._move_ups.get(key)
        if found is None:
            rows = [(h, cost, row) for h, cost, row, used, _ in self.row_moves(j, 0, p, False,
                                                                               0, size)
                    if used == 1]
            out: list = [None] * (self.L + 1)
            for r in range(self.L + 1):
                best = None
                for h, cost, row in rows:
                    if h <= r:
                        foot_cost, name = self.feet(r - h, last=False)
                        if best is None or cost + foot_cost < best[0]:
                            best = (cost + foot_cost, row, Foot(r - h, name, False))
                out[r] = best
            found = self._move_ups[key] = tuple(out)
        return found

    # ------------------------------------------------------------ states

    def feet(self, r: int, last: bool = True) -> tuple[float, str | None]:
        """A page foot of r lines: the best filler for it, else white — priced
        as a hole (prices.foot_white) unless it is the issue's last page. Left
        white, all r lines show (the one under the module above among them);
        a filler takes them but that one (kinds.MODULE_GAP)."""
        found = self._feet.get((r, last))
        if found is None:
            room = r - MODULE_GAP
            fill = best_filler(self.filler(self.C), room, self.C) if room >= 3 else None
            white = prices.white(r, self.C) if last else prices.foot_white(r, self.C)
            found = self._feet[(r, last)] = fill if fill is not None else (white, None)
        return found

    def terminal(self, s: State) -> tuple[float, tuple | None, None] | None:
        """The value of a state with no moves to weigh, else None."""
        u, rem, p, r, first, _, _, _ = s
        L, C = self.L, self.C
        if u < self.n:
            if self.fixed and (p >= self.fixed or self._cannot_fit(s)):
                return INF, None, None
            return None
        used = r < L or p == 0
        cost, name = self.feet(r) if used and r else (0.0, None)
        pages_odd = (p + used) % 2 == 1
        if self.geometry.even_pages and pages_odd:
            cost += prices.REFUSED + prices.white(L, C)   # a blank page would be needed
        fixed = self.fixed
        if fixed:
            pages = p + used
            if pages > fixed:
                return INF, None, None        # overset: an error, not a silent extra page
            cost += (fixed - pages) * (prices.PAGE_COST + prices.white(L, C))
        return cost, Foot(r if used else 0, name, True), None

    def _cannot_fit(self, s: State) -> bool:
        """The rest of the copy needs more cells than the pages left hold."""
        u, rem, p, r, _, var, ahead, _ = s
        if u >= self.n:
            return False
        spec = self.units[u]
        rest = self.need[u + 1 + ahead]
        need = (rest + sum(spec.flows[var][rem:]) // spec.subdivs[var] if rem
                else rest + self.need[u] - self.need[u + 1])
        room = r * self.C + (self.fixed - p - 1) * self.L * self.C
        return need > room

    def moves(self, s: State):
        """(cost, step, next state) for every move from s, by RULES."""
        u, rem, p, r, first, var, ahead, size = s
        L, C, units = self.L, self.C, self.units
        spec = units[u]
        out = []
        if not first or (p == 0 and spec.pin and spec.pin.page):    # "close"
            fill_cost, name = self.feet(r, last=False)
            out.append((fill_cost + prices.PAGE_COST, Foot(r, name, False),
                        State(u, rem, self.next_page(p), L, True, var, ahead)))
        line_pins = self.line_pins
        append = out.append
        for height, cost, row, used, after in self.row_moves(u, rem, p, first, var,
                                                             size):                # "row"
            if height <= r and not (line_pins and self._off_pinned_line(u, used, r)):
                if ahead:               # the next unit is placed: this one goes alone
                    if used == 1:
                        append((cost, row, (u + 2, 0, p, r - height, False, 0, 0, after)))
                    continue
                # a plain tuple equals (and hashes as) the State of the same fields,
                # and is made at C speed: this line runs a million times on a long issue
                append((cost, row, (u + used, 0, p, r - height, False, 0, 0, after)))
        if spec.kind.may_jump and spec.pin is None and r >= MIN_JUMP_ROOM:   # "jump"
            ruled = self.ruled[u]
            for rank, head, badness, v in self.jump_heads(u, p, first, rem, var):
                subdiv = spec.subdivs[v]
                if ruled and size and subdiv != size:      # "one-body": the page's size
                    continue
                room = r - head - MODULE_GAP
                if room <= 0:                 # its head (a picture under it) is taller
                    continue
                placed = self.jump_part(u, rem, room, v)
                end = rem + placed
                if (spec.body_lines(v, rem, end) >= MIN_JUMP
                        and spec.body_lines(v, end, len(spec.flows[v])) >= MIN_JUMP):
                    # the part overleaf is that page's first module: it fixes its size;
                    # a part only a line or two deep under its head is a sliver
                    out.append((prices.JUMP_COST + badness + prices.PAGE_COST
                                + spec.kind.sliver_cost(room, C, prices.JUMP_SLIVER),
                                Jump(u, rem, C, rank, head, rem + placed, v),
                                State(u, rem + placed, self.next_page(p), L, True, v, ahead,
                                      subdiv if ruled else 0)))
        if (not first and not ahead and not rem and u + 1 < self.n          # "move-up"
                and self.movable[u + 1] and not spec.in_banner and spec.pin is None):
            best = self.move_ups(u + 1, p, self.size_key(u + 1, size) and size)[r]
            if best is not None:
                cost, row, foot = best
                out.append((prices.MOVE_COST + cost + prices.PAGE_COST, MovedUp(row, foot, u),
                            (u, 0, self.next_page(p), L, True, 0, 1, 0)))
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
            best, choice = INF, (INF, None, None)
            for cost, step, after in moves:
                total = cost + memo[after][0]
                if total < best:
                    best, choice = total, (total, step, after)
            memo[state] = choice
            stack.pop()
        return memo[start][0]

    def path(self, state: State) -> list:
        steps = []
        while state is not None:
            _, step, state = self.memo[state]
            steps.append(step)
        return steps


@lru_cache(maxsize=1 << 16)
def _column_feet(heights: tuple[int, ...], k: int, subdiv: int, height: int) -> tuple[int, ...]:
    """Units each column of a module of this body uses, balanced as
    columns.split_columns fills them before it sets any paragraph again (the
    hole and the feet rules both read them)."""
    return tuple(level_feet(heights, subdiv, k, height))


@lru_cache(maxsize=1 << 16)
def _most_white(heights: tuple[int, ...], k: int, subdiv: int, height: int) -> int:
    """The most lines a module of this body may be taller than `height` (its
    columns' height) before its shortest column — balanced as
    level as columns.split_columns draws them before it sets any paragraph
    again; an empty column is all white — ends HOLE lines or more above its
    foot ("hole"); negative when it already does."""
    used = _column_feet(heights, k, subdiv, height)
    if not min(used):       # a column with no text at all: a hole whatever its height
        return -1
    ragged = -(-(height * subdiv - min(used)) // subdiv)   # lines under it, rounded up
    return HOLE - 1 - ragged


@lru_cache(maxsize=1 << 16)
def _short_lines(heights: tuple[int, ...], k: int, subdiv: int, height: int, line: int) -> int:
    """Body lines the columns of a module of this body end short of one
    another, balanced as split_columns fills them before it sets any
    paragraph again: each column before the last short of the lowest of them,
    and the last, when it is longer, as many lines for each of the others
    (rule 7: level feet, or the last column shorter)."""
    used = _column_feet(heights, k, subdiv, height)
    before = used[:-1]
    foot = max(before)
    short = sum((foot - u) // line for u in before)
    if used[-1] > foot:
        short += (used[-1] - foot) // line * len(before)
    return short


def _ranks(headed: bool, u: int, k: int, p: int, first: bool, rem: int) -> tuple[int, ...]:
    """Headline ranks a module may take: the lead's on page one's first story,
    a continued part's short title at rank 4, lower ranks lower on a page."""
    if not headed:
        return (0,)
    if rem:
        return (4,)
    if p == 0 and u == 0:
        return (1,)
    return (1, 2, 3) if first else (2, 3) if k >= 4 else (3, 4)


def _bodies(spec: UnitSpec, rem: int, var: int) -> tuple[tuple[tuple[int, ...], int], ...]:
    """The body flows a module of the unit may take, with their variants: every
    variant for a whole story; for a remainder (flow from index rem on), the
    rest of the variant it was set in, after its （上接第N版） line (one grid line)."""
    if rem:
        return (((spec.line_height(var),) + spec.flows[var][rem:], var),)
    return tuple((heights, v) for v, heights in enumerate(spec.flows))


def _jump_bodies(spec: UnitSpec) -> frozenset[int]:
    """The bodies a story may start a jump in ("jump-body"): for each body size
    (each sub-unit), its cheapest flow — the plain one: pull quotes are for a
    story that would leave white inside one page, and a jump fills its pages.
    Its jump lines are one line of that flow (draw.jump_line)."""
    cheapest: dict[int, int] = {}
    for v, subdiv in enumerate(spec.subdivs):
        if subdiv not in cheapest or spec.costs[v] < spec.costs[cheapest[subdiv]]:
            cheapest[subdiv] = v
    return frozenset(cheapest.values())


def prefix_before_a_grid_line(heights: tuple[int, ...], subdiv: int, columns: int,
                              height: int, line: int) -> int:
    """columns.prefix_before_a_line for a flow in sub-units (a larger body
    size): how many items from the start fit in `columns` columns of `height`
    grid lines, filled greedily as columns.fits fills them, with a body line
    of `line` sub-units (the jump line) after them. One pass: filling is online."""
    limit = height * subdiv
    column, used = 0, 0
    after = [(0, 0)]            # (column, units used in it) after each item
    for h in heights:
        start = _start(used, h, subdiv)
        if start + h > limit:
            column, start = column + 1, 0
            if column >= columns or h > limit:
                break
        used = start + h
        after.append((column, used))
    for taken in range(len(after) - 1, 0, -1):
        column, used = after[taken]
        if _start(used, line, subdiv) + line <= limit or (column + 1 < columns
                                                          and line <= limit):
            return taken
    return 0


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
