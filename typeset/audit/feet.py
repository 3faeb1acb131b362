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
starts on the grid) while their last lines sit side by side.
"""

from __future__ import annotations

from ..layout.columns import SUBHEAD_KEEP     # the rule the columns keep, checked as drawn
from .view import Module, View

SUBHEADS = ("subhead1", "subhead2")
NOT_STORIES = frozenset({"filler", "promo"})    # module kinds that are no story


def column_feet(view: View, module: Module) -> list[int]:
    """The grid line (1-based) each drawn column of the module ends on."""
    page = view.page(module.page)
    return [view.grid_lines(page, col[-1].top, max(line.bottom for line in col))[1] + 1
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
    bottoms = [max(line.bottom for line in col) for col in module.columns if col]
    foot = max(bottoms[:-1], default=bottoms[-1] if bottoms else 0.0)
    return [round((foot - b) / pitch) for b in bottoms]


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
            if early:
                i, n = early[0]
                names = ", ".join(str(c + 1) for c, _ in early)
                yield view.at(columns[i][-1],
                              f"column(s) {names} of {module.key} end {max(m for _, m in early)} "
                              f"line(s) above the module's foot and are not the last")
            elif short[-1] < 0:
                yield view.at(columns[-1][-1],
                              f"the last column of {module.key} ends {-short[-1]} line(s) below "
                              "the others (a column is never longer than the one before it)")


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
                                            f"{SUBHEAD_KEEP}")
