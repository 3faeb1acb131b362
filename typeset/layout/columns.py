"""Balancing a flow into the columns of a module.

A flow is a sequence of items measured in sub-units of the grid: `subdiv`
units make one grid line. Body lines of the grid's own size, subheads, pull
quotes and bylines are whole grid lines (a multiple of `subdiv`) and start on
a grid line. A flow set in a larger body size (五号 on a 小五 grid: 5 lines
in 6 grid lines) has subdiv 5 and lines 6 units tall, so its columns can end
after any line and still start on the grid.

Items are never cut. The columns are filled greedily to the least height at
which everything fits (`column_height`), so bottoms inside a module differ by
less than the tallest item; placement and drawing use this same arithmetic,
so what placement counts is exactly what gets drawn. Then, where a column has
room, a subhead is not left at a column foot and a column does not start with
a paragraph's single last line (孤行).
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Sequence

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


@lru_cache(maxsize=None)
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


def split_columns(flow: tuple[FlowLine, ...], columns: int,
                  height: int) -> list[list[tuple[FlowLine, int]]]:
    """The flow in `columns` columns of at most `height` grid lines, as evenly
    as it allows: each column a list of (item, start in sub-units)."""
    out: list[list[tuple[FlowLine, int]]] = [[] for _ in range(columns)]
    if not flow:
        return out
    subdiv = flow[0].subdiv
    heights = tuple(f.height for f in flow)
    limit = max(min(height, column_height(heights, columns, subdiv)),
                column_height(heights, columns, subdiv))  # over the module: drawn, reported
    for column, start, index in _balanced(heights, subdiv, columns, limit):
        out[column].append((flow[index], start))
    _polish(out, limit * subdiv, subdiv)
    return out


def _balanced(heights: tuple[int, ...], subdiv: int, columns: int, limit: int):
    """Each column filled to its share of what is left (the rest divided by
    the columns left), taking more only when the later columns could not
    hold the rest otherwise: 31 lines in 6 columns give 6, 5, 5, 5, 5, 5."""
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


def _polish(out: list[list[tuple[FlowLine, int]]], limit: int, subdiv: int) -> None:
    """Move an item to the next column where that column has room: a subhead
    at a column foot, or a paragraph's last line alone at a column head."""
    for index in range(len(out) - 1):
        column, following = out[index], out[index + 1]
        if not column or not following:
            continue
        last = column[-1][0]
        head = following[0][0]
        orphan = (head.paragraph_end and not head.paragraph_start and len(column) > 1
                  and not last.keep_with_next)
        if not (last.keep_with_next or orphan):
            continue
        moved = [last] + [item for item, _ in following]
        places = _assign(tuple(f.height for f in moved), subdiv, 1, limit // subdiv)
        if places is None:
            continue
        before = (column[:], following[:])
        column.pop()
        following[:] = [(item, start) for item, (_, start) in zip(moved, places)]
        if not _even(out):     # balance first: bottoms stay within the tallest item
            column[:], following[:] = before


def _even(out: list[list[tuple[FlowLine, int]]]) -> bool:
    bottoms = [used_units(column) for column in out if column]
    tallest = max((item.height for column in out for item, _ in column), default=0)
    return not bottoms or max(bottoms) - min(bottoms) <= tallest


def used_units(column: list[tuple[FlowLine, int]]) -> int:
    return column[-1][1] + column[-1][0].height if column else 0
