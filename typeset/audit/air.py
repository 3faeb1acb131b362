"""Rule 8: air around module rules and headlines (warnings).

A module rule — a rule in the type area outside every module, parting two
modules (not a column rule, a pull quote's or a filler's rules inside a
module, nor the masthead's or running head's) — has at least half a grid
line (½ line pitch) of air above and below it when it runs across, and half
a body character beside it when it runs down, measured from the rule's
centre to the nearest ink: glyph boxes, pictures, QR codes, boxes.

A headline's air follows its style: a module whose head took more than
GENEROUS_AIR lines of air beyond its style's own to fill its row (what
placement gave it, as the report says) is reported; it reads as an empty
band round the head. Layout drives the body into that air where it can
(columns.filled_columns); where even every paragraph set a line longer
would not fill the columns, the finding says so: the row is taller than the
copy at that width.
"""

from __future__ import annotations

from ..layout.place.prices import GENEROUS_AIR
from .feet import body_pitch
from .view import EPS, Finding, Page, View

AIR_LINES = 0.5         # of the line pitch, above and below a horizontal rule
AIR_CHARS = 0.5         # of the body size, beside a vertical rule
OVERLAP = 1.0           # pt an ink box must share with the rule's span to face it


def module_rules(view: View, page: Page):
    """The page's module rules (inside the type area, outside every module,
    below the first page's masthead block)."""
    modules = page.modules
    if not modules:
        return []
    top = min(m.top for m in modules) - view.grid.leading_pt
    out = []
    for r in page.rules:
        xm, ym = (r.x1 + r.x2) / 2, (r.y1 + r.y2) / 2
        if ym < top or ym > page.top + page.height + EPS:
            continue
        if xm < page.left - EPS or xm > page.left + page.width + EPS:
            continue
        if any(m.left + EPS < xm < m.right - EPS and m.top + EPS < ym < m.bottom - EPS
               for m in modules):
            continue
        out.append(r)
    return out


def _ink(page: Page):
    for line in page.lines:
        yield line.left, line.right, line.top, line.bottom, line
    for b in page.boxes:
        yield b.x, b.x + b.w, b.y, b.y + b.h, None
    for q in page.codes:
        yield q.x, q.x + q.size, q.y, q.y + q.size, None
    for p in page.pictures:
        yield p.x, p.x + p.w, p.y, p.y + p.h, None


def check_rule_air(view: View):
    need_y = AIR_LINES * view.pitch
    need_x = AIR_CHARS * view.body
    for page in view.pages:
        rules = module_rules(view, page)
        if not rules:
            continue
        ink = list(_ink(page))
        for r in rules:
            across = abs(r.y1 - r.y2) < EPS
            if across:
                y, x1, x2 = r.y1, min(r.x1, r.x2), max(r.x1, r.x2)
                facing = [(top, bottom, line) for left, right, top, bottom, line in ink
                          if min(right, x2) - max(left, x1) > OVERLAP
                          and top < y + 3 * view.pitch and bottom > y - 3 * view.pitch]
                above = [(y - bottom, line) for top, bottom, line in facing if bottom <= y + EPS]
                below = [(top - y, line) for top, bottom, line in facing if top >= y - EPS]
                sides = (("above", min(above, key=lambda a: a[0], default=None)),
                         ("below", min(below, key=lambda a: a[0], default=None)))
                need, unit = need_y, view.pitch
            else:
                x, y1, y2 = r.x1, min(r.y1, r.y2), max(r.y1, r.y2)
                facing = [(left, right, line) for left, right, top, bottom, line in ink
                          if min(bottom, y2) - max(top, y1) > OVERLAP
                          and left < x + 3 * view.body and right > x - 3 * view.body]
                left_side = [(x - right, line) for left, right, line in facing if right <= x + EPS]
                right_side = [(left - x, line) for left, right, line in facing if left >= x - EPS]
                sides = (("left of", min(left_side, key=lambda a: a[0], default=None)),
                         ("right of", min(right_side, key=lambda a: a[0], default=None)))
                need, unit = need_x, view.body
            for side, nearest in sides:
                if nearest is None or nearest[0] >= need - EPS:
                    continue
                air, line = nearest
                what = f"“{line.text.strip()[:10]}”" if line is not None else "a shape"
                finding = view.at(line, "") if line is not None else None
                col = finding.column if finding else view.column_of(page, (r.x1 + r.x2) / 2)
                row = view.line_of(page, (r.y1 + r.y2) / 2)
                yield Finding(page.number, col, row,
                              f"{air / unit:.2f} {'line' if across else 'character'}s of air "
                              f"between the module rule and {what} {side} it, under "
                              f"{need / unit:g}", line.story if line is not None else None)


def _cannot_fill(view: View, module, air: int) -> str | None:
    """Why the module's body could not have taken the air instead: its lines,
    each paragraph set at most a line longer (as layout drives them), do not
    fill its columns down to the foot with the extra air given to them."""
    body = [line for col in module.columns for line in col if line.role == "body"]
    columns = [col for col in module.columns if col]
    if not body or not columns:
        return None
    pitch = body_pitch(view, module)
    top = min(col[0].top for col in columns)
    deep = int((module.bottom - top + (air - GENEROUS_AIR) * view.pitch) // pitch + 1e-6)
    mine = {id(line) for line in body}
    paragraphs = sum(1 for para in view.paragraphs() if id(para[-1]) in mine)
    others = sum(1 for col in columns for line in col if line.role != "body")
    if len(body) + paragraphs + others >= deep * len(columns):
        return None
    return (f"its {len(body)} body lines in {paragraphs} paragraphs, each set a line longer, "
            f"fill no {len(columns)} columns {deep} lines deep: the row is taller than the "
            "copy at this width")


def check_head_air(view: View):
    for page in view.pages:
        for module in page.modules:
            air = module.report.air
            if air > GENEROUS_AIR and module.report.rank:
                yield Finding(page.number, module.report.columns[0], module.report.lines[0],
                              f"the headline of {module.key} takes {air} lines of air more "
                              f"than its style gives, over {GENEROUS_AIR}", module.key,
                              _cannot_fill(view, module, air))
