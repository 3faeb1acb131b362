"""Rule 7: column feet (warnings).

Within a module the columns end on the same grid line, or the last one
shorter — never one longer than the column before it, and never a column
other than the last shorter. A subhead keeps at least SUBHEAD_KEEP lines of
text after it in its column (a subhead's second line, or a subhead right over
another, is judged with the last of them).

Columns are the module's lines grouped by where they start (View); a
column's foot is the grid line of its last line's character box.
"""

from __future__ import annotations

from .view import Module, View

SUBHEAD_KEEP = 2
SUBHEADS = ("subhead1", "subhead2")
NOT_STORIES = frozenset({"filler", "promo"})    # module kinds that are no story


def column_feet(view: View, module: Module) -> list[int]:
    """The grid line (1-based) each drawn column of the module ends on."""
    page = view.page(module.page)
    return [view.grid_lines(page, col[-1].top, max(line.bottom for line in col))[1] + 1
            for col in module.columns if col]


def _column_at(view: View, module: Module, index: int) -> int:
    page = view.page(module.page)
    return view.column_of(page, module.column_lefts[index])


def check_column_feet(view: View):
    for page in view.pages:
        for module in page.modules:
            if module.report.kind in NOT_STORIES:
                continue
            columns = [col for col in module.columns if col]
            feet = column_feet(view, module)
            for i in range(1, len(feet)):
                last = i == len(feet) - 1
                col = columns[i][-1]
                if feet[i] > feet[i - 1]:
                    yield view.at(col, f"column {i + 1} of {module.key} ends "
                                       f"{feet[i] - feet[i - 1]} line(s) below column {i} (a "
                                       "column is never longer than the one before it)")
                elif feet[i] < feet[i - 1] and not last:
                    yield view.at(col, f"column {i + 1} of {module.key} ends "
                                       f"{feet[i - 1] - feet[i]} line(s) above column {i} and "
                                       "is not the last")


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
