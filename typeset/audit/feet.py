"""Rule 7: column feet (warnings).

Within a module the columns end on the same grid line, or the last one
shorter — never one longer than the column before it, and never a column
other than the last shorter. A subhead keeps at least SUBHEAD_KEEP lines of
text after it in its column (a subhead's second line, or a subhead right over
another, is judged with the last of them).

Columns are the module's lines grouped by where they start (View); a
column's foot is the bottom of its lowest character box, and two feet are
on the same line when they are less than half a body line apart — a body
line of the module's own size: a larger body's lines are taller than the
grid's, and its columns can end a fraction of a grid line apart (a subhead
starts on the grid) while their last lines sit side by side. A column ending
in a pull quote ends at the fine rule under it, the foot of the quote's slot.

Each finding says whether the layout could have avoided it with the lines
it set: when no filling of the same lines into the module's columns ends
them level (the last one shorter, by fewer than HOLE_LINES grid lines) and
strands no subhead (`unavoidable`), the finding is unavoidable — it is
the copy's length, not the make-up — and says how many lines fewer or
more would fit (what a make-up editor asks the desk to cut or add).
"""

from __future__ import annotations

from statistics import median

from ..layout.columns import SUBHEAD_KEEP     # the rule the columns keep, checked as drawn
from .holes import HOLE_LINES
from .view import EPS, NOT_STORIES, Line, Module, View

SUBHEADS = ("subhead1", "subhead2", "brief_title")   # kept with the text under them


def column_bottom(view: View, col: list[Line]) -> float:
    """Where a drawn column ends: the bottom of its lowest character box, or
    of a pull quote ending it, the fine rule under the quote (its slot's foot)."""
    bottom = max(line.bottom for line in col)
    if col[-1].role == "pullquote":
        left, right = min(line.left for line in col), max(line.right for line in col)
        under = [r.y1 for r in view.page(col[-1].page).rules
                 if abs(r.y1 - r.y2) < EPS and bottom - EPS <= r.y1 <= bottom + 2 * view.pitch
                 and min(r.x1, r.x2) < right and max(r.x1, r.x2) > left]
        bottom = min(under, default=bottom)
    return bottom


def column_feet(view: View, module: Module) -> list[int]:
    """The grid line (1-based) each drawn column of the module ends on."""
    page = view.page(module.page)
    return [view.grid_lines(page, col[-1].top, column_bottom(view, col))[1] + 1
            for col in module.columns if col]


def body_pitch(view: View, module: Module) -> float:
    """pt from one body line to the next in the module (its body size's
    leading; the grid's pitch for the grid's own size)."""
    steps = sorted(round(b.element.baseline - a.element.baseline, 2) for col in module.columns
                   for a, b in zip(col, col[1:]) if a.role == b.role == "body")
    return steps[len(steps) // 2] if steps else view.pitch


def _lines_short(view: View, module: Module) -> list[int]:
    """How many body lines each column's foot is above the lowest foot of
    the module's columns before the last (negative: below it)."""
    pitch = body_pitch(view, module)
    bottoms = [column_bottom(view, col) for col in module.columns if col]
    foot = max(bottoms[:-1], default=bottoms[-1] if bottoms else 0.0)
    return [round((foot - b) / pitch) for b in bottoms]


def _flow(view: View, module: Module) -> tuple[list[float], list[tuple[Line, float]]]:
    """The module's flow as drawn: the top of each column, and every line in
    reading order with the depth it takes in its column — to the next line's
    top; the last line of a column as deep as its role's lines are elsewhere
    in the module (else its own whole grid lines)."""
    columns = [col for col in module.columns if col]
    steps: dict[str, list[float]] = {}
    for col in columns:
        for a, b in zip(col, col[1:]):
            steps.setdefault(a.role, []).append(b.top - a.top)
    body = [line for col in columns for line in col if line.role == "body"]
    lead = median(steps["body"]) - (body[0].bottom - body[0].top) if "body" in steps else 0.0
    items = []
    for col in columns:
        for a, b in zip(col, col[1:] + [None]):
            if b is not None:
                depth = b.top - a.top
            elif a.role == "pullquote":       # to its rule, and a body line's space under it
                depth = column_bottom(view, col) - a.top + lead
            elif a.role in steps:
                depth = median(steps[a.role])
            else:
                depth = -(-(a.bottom - a.top - EPS) // view.pitch) * view.pitch
            items.append((a, depth))
    return [col[0].top for col in columns], items


def _may_end_before(items: list[tuple[Line, float]], start: int, i: int) -> bool:
    """May the column holding items[start:i] end there? Not after a subhead,
    nor with fewer than SUBHEAD_KEEP lines of text under the column's last
    subhead when its section goes on."""
    if items[i - 1][0].role in SUBHEADS:
        return False
    if items[i][0].role in SUBHEADS:
        return True                 # the section ends with the column
    body = 0
    for line, _ in reversed(items[start:i]):
        if line.role in SUBHEADS:
            return body >= SUBHEAD_KEEP
        body += line.role == "body"
    return True


def level_filling(view: View, module: Module, tops: list[float],
                  items: list[tuple[Line, float]]) -> bool:
    """Is there a filling of these lines (the module's drawn flow, _flow, or
    one a few lines shorter or longer), in their order, into its columns
    (each from where its text starts now) that ends every column but the
    last on one line, the last no lower and less than HOLE_LINES grid lines
    higher, and strands no subhead?"""
    columns, n = len(tops), len(items)
    tol = body_pitch(view, module) / 2
    foot = module.bottom + tol
    hole = HOLE_LINES * view.pitch - tol
    end = tops[0]
    for first in range(1, n):
        end += items[first - 1][1]
        if end > foot:
            return False
        if not _may_end_before(items, 0, first):
            continue
        start, ok = first, True
        for column in range(1, columns - 1):
            y, k = tops[column], start
            while k < n and y < end - tol:
                y += items[k][1]
                k += 1
            if k == start or k >= n or abs(y - end) > tol or not _may_end_before(items, start, k):
                ok = False
                break
            start = k
        if not ok or start >= n:
            continue
        last = tops[-1] + sum(depth for _, depth in items[start:])
        if last <= min(end, foot) + tol and end - last < hole:
            return True
    return False


def unavoidable(view: View, module: Module) -> str | None:
    """None when a filling of the module's drawn lines keeps rule 7; else
    why not, and the fewest body lines fewer or more (at the end of its
    text) that would let one — read once per module for both checks."""
    known = view.__dict__.setdefault("_unavoidable_feet", {})
    if id(module) not in known:
        tops, items = _flow(view, module)
        known[id(module)] = (None if level_filling(view, module, tops, items)
                             else _copy_fit(view, module, tops, items))
    return known[id(module)]


def _copy_fit(view: View, module: Module, tops: list[float],
              items: list[tuple[Line, float]]) -> str:
    body = [i for i, (line, _) in enumerate(items) if line.role == "body"]
    lines = len(body)
    said = f"its {lines} body lines fill no level columns of this module"
    if not body:
        return said
    last = body[-1]
    for d in range(1, 2 * len(tops) + 1):
        fewer = [item for i, item in enumerate(items) if i not in body[-d:]] if d < lines else None
        more = items[:last + 1] + [items[last]] * d + items[last + 1:]
        ways = [f"{d} line(s) fewer" if fewer and level_filling(view, module, tops, fewer)
                else "", f"{d} more" if level_filling(view, module, tops, more) else ""]
        if any(ways):
            return f"{said}: {' or '.join(w for w in ways if w)} would"
    return said


def check_column_feet(view: View):
    """One finding per module whose feet step: the columns before the last
    that end short of the lowest of them, or a last column longer than they."""
    for page in view.pages:
        for module in page.modules:
            if module.report.kind in NOT_STORIES:
                continue
            columns = [col for col in module.columns if col]
            if len(columns) < 2:
                continue
            short = _lines_short(view, module)
            early = [(i, n) for i, n in enumerate(short[:-1]) if n > 0]
            if not early and short[-1] >= 0:
                continue
            why = unavoidable(view, module)
            if early:
                i, n = early[0]
                names = ", ".join(str(c + 1) for c, _ in early)
                yield view.at(columns[i][-1],
                              f"column(s) {names} of {module.key} end {max(m for _, m in early)} "
                              f"line(s) above the module's foot and are not the last", why)
            else:
                yield view.at(columns[-1][-1],
                              f"the last column of {module.key} ends {-short[-1]} line(s) below "
                              "the others (a column is never longer than the one before it)", why)


def check_subheads(view: View):
    """A subhead whose text goes on in the next column (or part) with fewer
    than SUBHEAD_KEEP lines of it under the subhead; a section whose text is
    shorter, ending in the column, is not stranded."""
    for page in view.pages:
        for module in page.modules:
            columns = [col for col in module.columns if col]
            for index, col in enumerate(columns):
                goes_on = index + 1 < len(columns) or col[-1].role == "jump"
                for i, line in enumerate(col):
                    if line.role not in SUBHEADS:
                        continue
                    rest = col[i + 1:]
                    if rest and rest[0].role in SUBHEADS:
                        continue        # a heading over a heading: the group is judged once
                    after, ended = 0, False
                    for other in rest:
                        if other.role in SUBHEADS:
                            ended = True
                            break
                        if other.role == "body":
                            after += 1
                    if after < SUBHEAD_KEEP and goes_on and not ended:
                        yield view.at(line, f"subhead “{line.text.strip()[:12]}” has {after} "
                                            f"line(s) after it in its column, under "
                                            f"{SUBHEAD_KEEP}", unavoidable(view, module))
