"""Rule 10: no white hole.

Per column of the page grid, the grid lines that carry something: every
drawn line's character boxes, in the grid columns its ink crosses; a
headline block across its module from the module's top to its last head
line (headline air is designed space); a filler or promo module whole; the
masthead block on the first page (everything above its first module); the
line a rule runs across in; pictures, QR codes and filled boxes. A run of HOLE_LINES or more empty grid lines is a
hole:

- under the running head (the run starts at the type area's top);
- at the page foot (it reaches the type area's foot) — on the issue's last
  page reported as audit.last_page_foot, a warning (unless it runs up to the
  running head too: an empty column or page has no exception);
- inside the page: a column of a module ending HOLE_LINES or more lines
  short of its neighbours.

Neighbouring grid columns with the same run are one finding. A module
column with no text at all is an empty column, whatever its height.
"""

from __future__ import annotations

from .view import EPS, FLOW_ROLES, HEAD_ROLES, NOT_STORIES, Finding, Page, View

HOLE_LINES = 5
FILLED_KINDS = NOT_STORIES


def _page_columns(view: View, page: Page, left: float, right: float) -> range:
    first = view.column_of(page, left + 0.5)
    last = view.column_of(page, right - 0.5)
    return range(first, max(first, last) + 1)


def occupied(view: View, page: Page) -> list[list[bool]]:
    """[column][grid line] → something is drawn there (0-based lines)."""
    grid = view.grid
    filled = [[False] * grid.lines for _ in range(grid.columns + 1)]

    step = (grid.column_chars + grid.gutter_chars) * view.body
    pitch, columns, rows = view.pitch, grid.columns, grid.lines
    x0, y0 = page.left + EPS, page.top + EPS

    def mark(left: float, right: float, top: float, bottom: float) -> None:
        first = int((max(top, page.top) - y0 + 2 * EPS) // pitch)
        last = int((min(bottom, page.top + page.height) - y0) // pitch)
        if last < 0 or first >= rows:
            return
        first, last = max(first, 0), min(max(first, last), rows - 1)
        c0 = min(max(int((left + 0.5 - x0 + 2 * EPS) // step) + 1, 1), columns)
        c1 = min(max(int((right - 0.5 - x0 + 2 * EPS) // step) + 1, c0), columns)
        for col in range(c0, c1 + 1):
            row = filled[col]
            for n in range(first, last + 1):
                row[n] = True

    for line in page.lines:
        mark(line.left, line.right, line.top, line.bottom)
    for module in page.modules:
        if module.report.kind in FILLED_KINDS:
            mark(module.left, module.right, module.top, module.bottom)
            continue
        heads = [line for line in module.lines if line.role in HEAD_ROLES]
        if heads:
            mark(module.left, module.right, module.top, max(line.bottom for line in heads))
    if page is view.pages[0] and page.modules and any(
            line.role in ("masthead", "epigraph") for line in page.lines):
        mark(page.left, page.left + page.width, page.top,
             min(module.top for module in page.modules) - 0.5)
    for rule in page.rules:       # the line a module rule runs in (MODULE_GAP) is not white
        if abs(rule.y1 - rule.y2) < EPS:
            mark(min(rule.x1, rule.x2), max(rule.x1, rule.x2), rule.y1 - EPS, rule.y1 + EPS)
    for shape in page.pictures:
        mark(shape.x, shape.x + shape.w, shape.y, shape.y + shape.h)
    for shape in page.codes:
        mark(shape.x, shape.x + shape.size, shape.y, shape.y + shape.size)
    for box in page.boxes:
        if box.fill:
            mark(box.x, box.x + box.w, box.y, box.y + box.h)
        elif box.stroke:      # a frame: its top and foot are rules across their lines
            for y in (box.y, box.y + box.h):
                mark(box.x, box.x + box.w, y - EPS, y + EPS)
    return filled


def _empty_columns(view: View, page: Page, filled):
    for module in page.modules:
        if module.report.kind in NOT_STORIES:
            continue
        c0, c1 = module.report.columns
        drawn = [col for col in module.columns if any(line.role in FLOW_ROLES for line in col)]
        if len(drawn) >= c1 - c0 + 1:
            continue
        used = {col for column in drawn for line in column
                for col in _page_columns(view, page, line.left, line.right)}
        for col in range(c0, c1 + 1):
            if col in used:
                continue
            l0, l1 = module.report.lines
            for n in range(l0 - 1, l1):
                filled[col][n] = True     # reported here, not again as a hole
            yield (col, l0, f"column {col - c0 + 1} of {module.key} is empty "
                            f"({len(drawn)} of {c1 - c0 + 1} columns carry text)",
                   module.key)


def white_runs(filled_column: list[bool]) -> list[tuple[int, int]]:
    """(first, last) 0-based grid lines of each run of empty lines."""
    runs, start = [], None
    for n, used in enumerate(filled_column + [True]):
        if not used and start is None:
            start = n
        elif used and start is not None:
            runs.append((start, n - 1))
            start = None
    return runs


def _holes(view: View) -> list[tuple[bool, Finding]]:
    """(on the last page's foot?, finding) of every hole, read once per view."""
    cached = getattr(view, "_holes", None)
    if cached is None:
        cached = view._holes = list(_read_holes(view))
    return cached


def _read_holes(view: View):
    grid = view.grid
    for page in view.pages:
        filled = occupied(view, page)
        for col, line, message, story in list(_empty_columns(view, page, filled)):
            yield False, Finding(page.number, col, line, message, story)
        found: dict[tuple[int, int], list[int]] = {}
        for col in range(1, grid.columns + 1):
            for first, last in white_runs(filled[col][:]):
                if last - first + 1 >= HOLE_LINES:
                    found.setdefault((first, last), []).append(col)
        for (first, last), cols in sorted(found.items(), key=lambda kv: (kv[1][0], kv[0])):
            for group in _consecutive(cols):
                at_foot = last == grid.lines - 1
                span = (f"column {group[0]}" if len(group) == 1
                        else f"columns {group[0]}–{group[-1]}")
                n = last - first + 1
                if at_foot and first == 0:
                    what = f"{span} empty, top to foot"
                elif at_foot:
                    what = f"a blank band of {n} lines at the page foot ({span})"
                elif first == 0:
                    head = "masthead" if page is view.pages[0] else "running head"
                    what = f"a blank band of {n} lines under the {head} ({span})"
                else:
                    what = f"{span} white for {n} lines"
                story = _story_above(view, page, group[0], first)
                if story and not at_foot and first:
                    what += f", under {story}"
                # the last page's foot is reported, not refused; a band under the
                # running head never has an exception (an empty page is one)
                yield (at_foot and first > 0 and page.number == view.last_page,
                       Finding(page.number, group[0], first + 1, what, story))


def _story_above(view: View, page: Page, col: int, line: int) -> str | None:
    """The story whose module holds the grid line above `line` in column `col`."""
    for module in page.modules:
        c0, c1 = module.report.columns
        l0, l1 = module.report.lines
        if c0 <= col <= c1 and l0 <= max(line, 1) <= l1 + 1:
            return None if module.report.kind in FILLED_KINDS else module.key
    return None


def _consecutive(cols: list[int]) -> list[list[int]]:
    groups: list[list[int]] = []
    for col in cols:
        if groups and col == groups[-1][-1] + 1:
            groups[-1].append(col)
        else:
            groups.append([col])
    return groups


def check_holes(view: View):
    return [finding for last_foot, finding in _holes(view) if not last_foot]


def check_last_page_foot(view: View):
    return [finding for last_foot, finding in _holes(view) if last_foot]
