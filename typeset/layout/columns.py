"""Balancing a flow into the columns of a module.

A flow is a sequence of items measured in sub-units of the grid: `subdiv`
units make one grid line. Body lines of the grid's own size, subheads, pull
quotes and bylines are whole grid lines (a multiple of `subdiv`) and start on
a grid line. A flow set in a larger body size (五号 on a 小五 grid: 5 lines
in 6 grid lines) has subdiv 5 and lines 6 units tall, so its columns can end
after any line and still start on the grid.

Items are never cut. A module's columns end level (齐脚): every column but
the last is filled to the module's column height — the least height that
holds the flow (`column_height`), which placement counts with too — and the
last takes the rest, never more. A subhead is not left at a column foot
without two lines of its text, nor a paragraph's single first or last line
alone at a column's foot or head (孤行): the column ends before them. Where a
column then ends short — that, or the next item is taller than the room left
— a paragraph in it is set a line longer (`looser`: the composer's
exact-line-count breaking), as a make-up editor drives a line (拉行): with no
line letter-spaced (more than ⅛ em a gap) where a paragraph allows, else with
lines up to ¼ em loose, which the composer counts as loose and the report
names; the last column is brought level the same way where the paragraphs
allow. A flow too short to end level without a hole gives up its missing
lines in its last columns (the first ones level), not a step in every one.
What cannot be levelled stays, and the page audit (rule 7) names it, with
the lines fewer or more that would level it.

A module taller than its copy — a headline given more air than its style to
fill its row — may have its body driven to fill it instead (`filled_columns`,
drawn by pages.py where no line need be letter-spaced).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Callable, Sequence

from ..compose.breaks import LOOSE, SPACED

if TYPE_CHECKING:      # measure.py builds flows; this module only arranges them
    from .measure import FlowLine


def _start(used: int, h: int, subdiv: int) -> int:
    """Where an item of height h begins after `used` units: grid items snap to the grid."""
    if subdiv > 1 and h % subdiv == 0:
        return -(-used // subdiv) * subdiv
    return used


def _assign(heights: Sequence[int], subdiv: int, columns: int, height: int) -> list | None:
    """(column, start unit) per item, filling each column up to `height` grid
    lines before the next; None when the flow does not fit."""
    limit = height * subdiv
    out = []
    column, used = 0, 0
    for h in heights:
        start = _start(used, h, subdiv)
        if start + h > limit:
            column, start = column + 1, 0
            if column >= columns or h > limit:
                return None
        out.append((column, start))
        used = start + h
    return out


def fits(heights: Sequence[int], columns: int, height: int, subdiv: int = 1) -> bool:
    if subdiv == 1:            # whole grid lines: each column is one bisection of the sums
        return _column_starts(_prefix(tuple(heights)), columns, height)[-1] == len(heights)
    return _assign(heights, subdiv, columns, height) is not None


@lru_cache(maxsize=8192)
def _prefix(heights: tuple[int, ...]) -> list[int]:
    return list(accumulate(heights, initial=0))


def _column_starts(prefix: list[int], columns: int, height: int) -> list[int]:
    """Greedy filling of whole-line items: the index each column starts at,
    and after them the index where the filling stopped (the whole flow if it
    fits). A column takes items while they fit, as _assign does."""
    n = len(prefix) - 1
    starts, i = [], 0
    for _ in range(columns):
        if i == n:
            break
        starts.append(i)
        j = bisect_right(prefix, prefix[i] + height, i) - 1   # furthest end that fits
        if j == i:             # an item taller than the column
            break
        i = j
    return starts + [i]


@lru_cache(maxsize=1 << 15)     # bounded: a batch worker builds issue after issue
def column_height(heights: tuple[int, ...], columns: int, subdiv: int = 1) -> int:
    """The least column height, in grid lines, that holds the flow in `columns` columns."""
    if not heights:
        return 0
    low = max(-(-sum(heights) // (columns * subdiv)), -(-max(heights) // subdiv))
    # The answer is nearly always the lower bound or a line above it: gallop
    # up from it (1, 2, 4 … lines), then bisect the last step.
    if fits(heights, columns, low, subdiv):
        return low
    step, high = 1, low + 1
    while not fits(heights, columns, high, subdiv):
        low, step = high, step * 2
        high = low + step
    while high - low > 1:      # fits(high), not fits(low)
        middle = (low + high) // 2
        if fits(heights, columns, middle, subdiv):
            high = middle
        else:
            low = middle
    return high


def prefix_before_a_line(heights: Sequence[int], columns: int, height: int) -> int:
    """How many items from the start fit in `columns` columns of `height`
    grid lines with a one-line item after them (a jump line): one greedy pass
    (filling is online, so the state after t items is the same for every
    longer flow)."""
    prefix = _prefix(tuple(heights))
    starts = _column_starts(prefix, columns, height)
    taken = starts[-1]
    starts = starts[:-1]
    while taken:
        column = bisect_right(starts, taken - 1) - 1        # the column of item taken − 1
        used = prefix[taken] - prefix[starts[column]]
        if used + 1 <= height or (column + 1 < columns and height >= 1):
            break
        taken -= 1
    return taken


Placed = list[list[tuple["FlowLine", int]]]
Looser = Callable[[tuple["FlowLine", ...], float], "tuple[FlowLine, ...] | None"]

SUBHEAD_KEEP = 2        # lines of its text a subhead keeps under it in its column
# What a column fault costs when the ways of filling are compared: a line a
# column other than the last ends short, a subhead stranded at a column foot,
# a 孤行, a line the last column ends short, an empty column (a white hole).
# Rule 7 keeps feet level first; a 孤行 is avoided only "if avoidable", so
# two of them cost less than one column ending a line short.
SHORT_LINE, STRANDED, LONE_LINE, LAST_SHORT, EMPTY = 4, 5, 1, 1, 100
HOLE = 5                # grid lines a column ends short of the module's foot that make
                        # a white hole (priced as an empty column: spread instead)
CREDIT_ROLES = frozenset({"byline"})   # a story's closing credit: never a column alone
DEEPER = 2              # body lines lower a column may be filled to keep what it would strand
MAX_TRIES = 80          # paragraphs set again, at most, per module
MAX_DRIVEN_LOOSE = 3    # lines a paragraph driven a line longer may set loose (> ⅛ em)
TOLERANCES = (SPACED, LOOSE)   # em a gap a paragraph set a line longer may take, in turn


def level_feet(heights: Sequence[int], subdiv: int, columns: int, height: int) -> list[int]:
    """Units used in each column as split_columns fills the flow to `height`
    grid lines before it sets any paragraph again — level, or spread where
    level would leave a hole (what placement reckons white with)."""
    used = _feet(_assign(heights, subdiv, columns, height) or (), heights, columns)
    if columns > 1 and -(-(height * subdiv - used[-1]) // subdiv) >= HOLE:
        spread = list(_spread(tuple(heights), subdiv, columns, height))
        used = _feet([(c, start) for c, start, _ in spread], heights, columns)
    return used


def _feet(where, heights: Sequence[int], columns: int) -> list[int]:
    """Units used in each column by items at `where` ((column, start) each)."""
    used = [0] * columns
    for (column, start), h in zip(where, heights):
        used[column] = start + h
    return used


# Lines of other text at least between a pull quote and the sentence it
# repeats (and between two pull quotes): never right before or after it.
QUOTE_CLEAR = 4
QUOTE_MOVES = 12        # other places a pull quote level with its sentence is tried in


def sentence_lines(flow: Sequence[FlowLine], source, sentence: str) -> tuple[int, int] | None:
    """The first and last index of the flow's body lines (of the paragraph
    from `source`) that carry `sentence`, or None when it is not there."""
    indices = [i for i, f in enumerate(flow) if f.role == "body" and f.source == source]
    starts, text = [], ""
    for i in indices:
        starts.append(len(text))
        text += "".join(g.char for line in flow[i].lines for g in line.glyphs)
    at = text.find(sentence)
    if at < 0:
        return None
    end = at + len(sentence)
    first = max(k for k, start in enumerate(starts) if start <= at)
    last = max(k for k, start in enumerate(starts) if start < end)
    return indices[first], indices[last]


def quote_positions(flow: Sequence[FlowLine], lines: tuple[int, int], taken: list[int]):
    """Where a pull quote repeating the sentence on flow lines `lines` may go,
    nearest first (after the sentence on a tie): between two paragraphs of
    running text, at least QUOTE_CLEAR lines of other text from the sentence
    and from the quotes already `taken`. None at all when the story is too
    short for it."""
    first, last = lines
    ranked = []
    for i in range(1, len(flow)):
        before, after = flow[i - 1], flow[i]
        if not (before.role == "body" and before.paragraph_end
                and after.role == "body" and after.paragraph_start):
            continue
        if first <= i <= last + 1:
            continue
        gap = i - 1 - last if i > last else first - i
        if gap < QUOTE_CLEAR or any(abs(i - t) < QUOTE_CLEAR for t in taken):
            continue
        ranked.append((gap, 0 if i > last else 1, i))
    return (i for _, _, i in sorted(ranked))


def _quotes_beside(flow: Sequence[FlowLine], where: list, inset: int = 0) -> list[int]:
    """The pull quotes (flow indices) that stand level with a line of their
    own sentence in the neighbouring column; `inset`: units of the quote's
    block, top and bottom, that do not count (its rules and the air round
    its text: level with its words, as the page audit reads it)."""
    out = []
    for q, item in enumerate(flow):
        if item.role != "pullquote" or item.repeats is None:
            continue
        found = sentence_lines(flow, *item.repeats)
        if found is None:
            continue
        column, start = where[q]
        end = start + item.height - inset
        start += inset
        if any(abs(where[j][0] - column) == 1 and where[j][1] < end
               and where[j][1] + flow[j].height > start
               for j in range(found[0], found[1] + 1)):
            out.append(q)
    return out


def _quote_moved(flow: list, q: int) -> list[list]:
    """The flow with pull quote q moved to each of its next-best places."""
    item = flow[q]
    rest = flow[:q] + flow[q + 1:]
    found = sentence_lines(rest, *item.repeats)
    if found is None:
        return []
    others = [i for i, f in enumerate(rest) if f.role == "pullquote"]
    out = []
    for position in quote_positions(rest, found, others):
        if position != q:
            out.append(rest[:position] + [item] + rest[position:])
        if len(out) == QUOTE_MOVES:
            break
    return out


def _swapped(flow: list, q: int, r: int) -> list:
    """The flow with pull quotes q and r in each other's places."""
    out = list(flow)
    out[q], out[r] = flow[r], flow[q]
    return out


@dataclass(frozen=True)
class _Shape:
    columns: int
    limit: int          # units a column holds: the least column height that holds the flow
    subdiv: int         # units per grid line
    room: int           # units from the columns' top to the module's foot (>= limit)
    line: int           # units of one body line of the flow
    pitch: float = 0.0  # pt of a grid line, and the grid's body size: where a column's
    body: float = 0.0   # ink ends (0: reckoned in whole units)
    tolerances: tuple[float, ...] = TOLERANCES   # em a gap a driven paragraph may take
    open_under: tuple[int, ...] = ()   # units white under each column's foot (no rule there)


def em_drop(pitch: float, body: float, size: float, grid_lines: float) -> float:
    """pt from the top of a body line's slot to the top of its em box: 0 for
    the grid's size; a larger size's em centred in the space its line
    (`grid_lines` grid lines tall) leaves above the leading under it."""
    return max(0.0, (grid_lines * pitch - (pitch - body) - size) / 2)


def _white_lines(item: FlowLine, start: int, m: _Shape, column: int) -> int:
    """Whole grid lines left white under a column ending in `item` (at `start`)
    down to the module's foot and what is open under it, counted as the page
    audit counts them: from the bottom of the item's ink — a line smaller than
    its slot (a byline, a larger body's leading) leaves part of its last grid
    line white too."""
    room = m.room + (m.open_under[column] if m.open_under else 0)
    if not m.pitch:
        return -(-(room - start - item.height) // m.subdiv)
    top = start / m.subdiv * m.pitch
    lines = item.height / m.subdiv
    if len(item.lines) == 1 and lines <= 1.5:
        ink = top + em_drop(m.pitch, m.body, item.size, lines) + item.size
    else:                   # a subhead or pull quote: its block down to the leading
        ink = top + (lines - 1) * m.pitch + m.body
    return room // m.subdiv - int((ink - 0.01) // m.pitch) - 1


def split_columns(flow: tuple[FlowLine, ...], columns: int,
                  looser: Looser | None = None, height: int | None = None,
                  grid: tuple[float, float] = (0.0, 0.0),
                  open_under: tuple[int, ...] = ()) -> Placed:
    """The flow in `columns` level columns of the least height that holds it
    (a module taller than that has air over its head or white at its feet):
    each column a list of (item, start in sub-units). `looser` sets a whole
    paragraph (its flow lines) a line longer, or says it cannot (None);
    `height`, the module's body height in grid lines, is what a hole is
    measured against (the column height when not given); `grid`, the line
    pitch and body size in pt, where a column's ink ends (else whole units);
    `open_under`, per column, grid lines left white under the module's foot
    (no rule closes it), which a column ending short there reaches into."""
    if not flow:
        return [[] for _ in range(columns)]
    subdiv = flow[0].subdiv
    heights = tuple(f.height for f in flow)
    limit = column_height(heights, columns, subdiv) * subdiv
    m = _Shape(columns, limit, subdiv, max(limit, (height or 0) * subdiv),
               min((f.height for f in flow if f.role == "body"), default=subdiv), *grid,
               open_under=tuple(lines * subdiv for lines in open_under))
    best: tuple[float, list, list] | None = None
    shape = m           # the columns' height the best filling fills them to
    for keep, tried in ((True, m), (False, m), *((True, d) for d in _deeper(m))):
        found = _levelled(list(flow), tried, keep, looser)
        if found and (best is None or found[0] < best[0]):
            best, shape = found, tried
        if best and best[0] == 0:
            break
    if best is not None and columns > 1:
        best = _quote_clear(best, shape, looser)
    if best is None or best[0] >= EMPTY:     # a hole or an empty column: spread the flow
        spread = _spread_filling(list(flow), m)
        if best is None or spread[0] < best[0]:
            best, shape = spread, m
    if columns > 1:
        best = _quotes_dropped(best, shape, looser)
    _, items, where = best
    out: Placed = [[] for _ in range(columns)]
    for item, (column, start) in zip(items, where):
        out[column].append((item, start))
    return out


def _deeper(m: _Shape):
    """The module's columns filled a body line or DEEPER lines lower than the
    least height that holds the flow, where the module has that room under
    it: a column that would strand a subhead (or a brief's title) at its foot
    ends before it and the columns still end level, a line lower."""
    for lines in range(1, DEEPER + 1):
        limit = m.limit + lines * m.line
        if limit > m.room:
            return
        yield replace(m, limit=limit)


def filled_columns(flow: tuple[FlowLine, ...], columns: int, looser: Looser, height: int,
                   grid: tuple[float, float] = (0.0, 0.0)) -> Placed | None:
    """The flow driven to fill `height` grid lines, level (拉行: paragraphs set
    a line longer, none letter-spaced, until every column but the last ends
    within a body line of the foot and the last short of it by less than a
    hole) — what a make-up editor does rather than float a headline in air;
    None when the paragraphs cannot, or a pull quote would stand beside its
    sentence."""
    if not flow or columns < 2:
        return None
    subdiv = flow[0].subdiv
    room = height * subdiv
    line = min((f.height for f in flow if f.role == "body"), default=subdiv)
    if column_height(tuple(f.height for f in flow), columns, subdiv) * subdiv > room:
        return None
    m = _Shape(columns, room, subdiv, room, line, *grid, tolerances=(SPACED,))
    found = [r for keep in (True, False) if (r := _levelled(list(flow), m, keep, looser))]
    if not found:
        return None
    score, items, where = min(found, key=lambda t: t[0])
    if score >= SHORT_LINE or _quotes_beside(items, where, m.line):
        return None
    out: Placed = [[] for _ in range(columns)]
    for item, (column, start) in zip(items, where):
        out[column].append((item, start))
    return out


def _spread_filling(flow: list, m: _Shape) -> tuple[float, list, list]:
    """The flow spread over its last columns (_spread), the ones before them
    filled level, with what it costs: of every count of level columns, the
    cheapest (the most level ones when they cost the same) — a flow a few
    lines short of filling its columns gives up the lines in its last two or
    three, not a step in every column."""
    heights = tuple(f.height for f in flow)
    limit = m.limit // m.subdiv
    best = None
    for level in range(m.columns - 1, -1, -1):
        head, i = _level_columns(heights, m, level)
        if head is None:
            continue
        where = head + [(level + column, start) for column, start, _ in
                        _spread(heights[i:], m.subdiv, m.columns - level, limit)]
        score = _faults(flow, where, m)
        if best is None or score < best[0]:
            best = (score, flow, where)
    return best


def _level_columns(heights: tuple[int, ...], m: _Shape, columns: int):
    """(column, start) of the items that fill the first `columns` columns to
    m.limit, and the index of the first item left; (None, 0) when they would
    hold every item (nothing left to spread)."""
    where, column, used = [], 0, 0
    for i, h in enumerate(heights):
        start = _start(used, h, m.subdiv)
        if start + h > m.limit:
            column, start = column + 1, 0
        if column >= columns:
            return where, i
        where.append((column, start))
        used = start + h
    return None, 0


def _quote_clear(best: tuple[float, list, list], m: _Shape,
                 looser: Looser | None) -> tuple[float, list, list]:
    """`best` with the pull quotes that stand level with their own sentence in
    the next column moved to their next-best places, or two quotes swapped
    (rule 3: the reader would read the sentence twice side by side): one at a
    time, the filling that
    costs least among those leaving fewer quotes beside their sentences, until
    none is or no move clears one."""
    while True:
        _, flow, where = best
        beside = _quotes_beside(flow, where)
        if not beside:
            return best
        trials = []
        quotes = [i for i, f in enumerate(flow) if f.role == "pullquote"]
        for q in beside:
            swapped = [_swapped(flow, q, r) for r in quotes if r != q]   # each in the other's place
            for moved in _quote_moved(flow, q) + swapped:
                for keep in (True, False):
                    found = _levelled(moved, m, keep, looser)
                    if found and len(_quotes_beside(found[1], found[2])) < len(beside):
                        trials.append(found)
        if not trials:
            return best
        best = min(trials, key=lambda t: t[0])


def _quotes_dropped(best: tuple[float, list, list], m: _Shape,
                    looser: Looser | None) -> tuple[float, list, list]:
    """`best` without the pull quotes no move could take away from their own
    sentence in the next column, level with their words (rule 3, as the
    audit reads it): a pull quote only repeats the text, so the module is
    filled again without them — its columns a line or so shorter — rather
    than print the sentence twice side by side (layout then plans the story
    again with fewer quotes: pages.Drawn.unquoted)."""
    _, flow, where = best
    beside = set(_quotes_beside(flow, where, m.line))
    if not beside:
        return best
    rest = [f for i, f in enumerate(flow) if i not in beside]
    found = [r for keep in (True, False) if (r := _levelled(rest, m, keep, looser))]
    found.append(_spread_filling(rest, m))
    # the cheapest filling that leaves no quote beside its sentence; a quote
    # a filling moves there is dropped the same way, until none is
    clear = [r for r in found if not _quotes_beside(r[1], r[2], m.line) and r[0] < EMPTY]
    if clear:
        return min(clear, key=lambda t: t[0])
    return _quotes_dropped(min(found, key=lambda t: t[0]), m, looser)


def _levelled(flow: list, m: _Shape, keep: bool,
              looser: Looser | None) -> tuple[float, list, list] | None:
    """The flow filled level (`keep`: columns end before what they would
    strand), then paragraphs set a line longer, one at a time, while that
    lowers the faults; None when the keep rules push it past the last foot."""
    where = _fill(flow, m, keep)
    if where is None:
        return None
    score = _faults(flow, where, m)
    tried: set[tuple[int, float]] = set()
    while score and looser is not None and len(tried) < MAX_TRIES:
        for a, b, tol in _candidates(flow, where, m):
            if (id(flow[a]), tol) in tried or len(tried) >= MAX_TRIES:
                continue
            tried.add((id(flow[a]), tol))
            longer = looser(tuple(flow[a:b]), tol)
            if longer is None or _loose(longer) > MAX_DRIVEN_LOOSE:
                continue
            trial = flow[:a] + list(longer) + flow[b:]
            placed = _fill(trial, m, keep)
            if placed is None:
                continue
            faults = _faults(trial, placed, m)
            if faults < score:
                flow, where, score = trial, placed, faults
                tried.update((id(longer[0]), t) for t in m.tolerances)
                break
        else:
            break
    return score, flow, where


def _loose(lines: Sequence[FlowLine]) -> int:
    return sum(1 for f in lines for line in f.lines if line.loose)


def _fill(flow: list, m: _Shape, keep: bool) -> list | None:
    """(column, start) per item: each column filled to `limit` units before
    the next, a column ending before what it would strand when `keep`."""
    columns, limit, subdiv = m.columns, m.limit, m.subdiv
    where: list[tuple[int, int]] = []
    column = used = first = i = 0
    while i < len(flow):
        h = flow[i].height
        start = _start(used, h, subdiv)
        if start + h <= limit:
            where.append((column, start))
            used = start + h
            i += 1
            continue
        if column + 1 >= columns or h > limit:
            return None
        if keep:
            i = _kept_break(flow, first, i)
            del where[i:]
        column, used, first = column + 1, 0, i
    return where


def _kept_break(flow: list, first: int, end: int) -> int:
    """Where a column that holds flow[first:end] should end instead, so that it
    strands nothing: not after a subhead with fewer than SUBHEAD_KEEP lines of
    its text under it, not inside a photo caption that a column can hold,
    not after a paragraph's (or a longer caption's) first line alone, not
    before its last line alone. `end` when it strands nothing or when ending
    earlier would leave the column empty."""
    b = end
    for _ in range(3):
        moved = b
        for j in range(b - 1, max(first, b - 1 - SUBHEAD_KEEP), -1):
            if flow[j].keep_with_next:           # a subhead too near the foot
                b = j
                break
        while b - 1 > first and flow[b - 1].keep_with_next:
            b -= 1                               # a subhead right over it goes too
        if b <= first:
            return end
        if b < len(flow) and flow[b - 1].role == "caption" and flow[b].role == "caption" \
                and not flow[b - 1].paragraph_end:
            # a photo caption is read as one block: its credit（…摄）never
            # heads the next column alone, nor does any line of it
            b = _paragraph_start(flow, first, b)
            if b <= first:
                return end
        if b < len(flow) and flow[b - 1].role == flow[b].role in ("body", "caption") \
                and not flow[b - 1].paragraph_end:
            before = b - _paragraph_start(flow, first, b)
            after = next(j for j in range(b, len(flow)) if flow[j].paragraph_end
                         or j == len(flow) - 1) - b + 1
            if after == 1:
                b -= 1
                before -= 1
            if before == 1:
                b -= 1
        if b == moved:
            break
    return b if b > first else end


def _paragraph_start(flow: list, first: int, b: int) -> int:
    """The index the paragraph holding flow[b - 1] starts at, or `first`."""
    return next(j for j in range(b - 1, first - 1, -1) if flow[j].paragraph_start or j == first)


def _faults(flow: list, where: list, m: _Shape) -> float:
    """What a filling costs an editor's eye (SHORT_LINE … EMPTY); a column
    ending HOLE grid lines or more above the module's foot is a hole."""
    columns, limit, subdiv, line = m.columns, m.limit, m.subdiv, m.line
    used = _feet(where, [f.height for f in flow], columns)
    firsts: list[int | None] = [None] * columns
    lasts = [0] * columns
    for index, (column, _) in enumerate(where):
        if firsts[column] is None:
            firsts[column] = index
        lasts[column] = index
    score = 0.0
    for column in range(columns):
        # an empty column is as short as a column can be, and a hole too: never
        # cheaper than a column with text ending a hole's lines short
        short = (limit - used[column]) // line
        score += short * (SHORT_LINE if column < columns - 1 else LAST_SHORT)
        if firsts[column] is None:
            score += EMPTY
            continue
        if all(flow[i].role in CREDIT_ROLES for i in range(firsts[column], lasts[column] + 1)):
            score += EMPTY      # a column of nothing but the byline reads as an empty one
            continue
        if columns > 1 and _white_lines(flow[lasts[column]], where[lasts[column]][1], m,
                                           column) >= HOLE:
            score += EMPTY
        if column and firsts[column - 1] is not None:
            b = firsts[column]
            if _kept_break(flow, firsts[column - 1], b) != b:
                score += STRANDED if any(f.keep_with_next for f in flow[max(0, b - 3):b]) \
                    or flow[b].role == "caption" else LONE_LINE
    return score


def _candidates(flow: list, where: list, m: _Shape):
    """Whole paragraphs (first, end index, tolerance) worth setting a line
    longer, the likeliest first: those ending in the first column that ends
    short (it gains the line), then in the columns before it; when only the
    last column is short, those in it, then the ones before. Every paragraph
    is tried without letter-spacing before any is tried with it."""
    columns = m.columns
    used = _feet(where, [f.height for f in flow], columns)
    short = next((c for c in range(columns - 1) if m.limit - used[c] >= m.line), columns - 1)
    paragraphs: list[tuple[int, int, int]] = []       # (column of its end, first, end)
    start = None
    for index, item in enumerate(flow):
        if item.role != "body":
            start = None
            continue
        if item.paragraph_start:
            start = index if item.setting is not None else None
        if item.paragraph_end and start is not None:
            paragraphs.append((where[index][0], start, index + 1))
            start = None
    ranked = sorted((p for p in paragraphs if p[0] <= short),
                    key=lambda p: (short - p[0], -(p[2] - p[1])))
    return [(a, b, tol) for tol in m.tolerances for _, a, b in ranked]


def _spread(heights: tuple[int, ...], subdiv: int, columns: int, limit: int):
    """Each column filled to its share of what is left (the rest divided by
    the columns left), taking more only when the later columns could not
    hold the rest otherwise: a flow too short to fill its columns level is
    spread over them all rather than leave one empty."""
    i = 0
    for column in range(columns):
        left = columns - column
        share = -(-sum(heights[i:]) // left)
        used = 0
        while i < len(heights):
            h = heights[i]
            start = _start(used, h, subdiv)
            if start + h > limit * subdiv and left > 1:
                break
            if left > 1 and start + h > share and fits(heights[i:], left - 1, limit, subdiv):
                break
            yield column, start, i
            used = start + h
            i += 1


def used_units(column: list[tuple[FlowLine, int]]) -> int:
    return column[-1][1] + column[-1][0].height if column else 0
