"""Page furniture: the masthead (报头) with the epigraph box (报眼) on page 1,
running heads (报眉) on the other pages.

Anything that depends on the page number or count is drawn after placement.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from PIL import Image

from ..compose import Composer, Run
from ..design.units import EPIGRAPH_DESCENT, INFO_LINE, MASTHEAD_NAME_BASELINE
from ..frames import Box, Element, Picture, Rule, TextLine
from ..model import Epigraph, Masthead
from .draw import PageDraw, composed_line, shifted

EPIGRAPH_PAD = 0.8   # em of the epigraph's size inside its box
SIDE_EPIGRAPH_LINES = 4   # an epigraph beside the masthead may be this many lines taller
NAME_LINE = 1.2      # the paper's name: its line box, in em of its size
MASTHEAD_RULES = (1.5, 0.4, 2.2)   # pt: heavy rule, fine rule, the gap between them
RUNNING_HEAD_BASELINE = 1.3   # em of the running-head size above the type area
RUNNING_HEAD_RULE = 0.6       # em of it between the rule and the type area
FOOT_CREDITS = 2.2            # em below the type area for editor credits at the foot


@dataclass(frozen=True)
class Top:
    """The top of page 1: lines it takes, and its elements in type-area coordinates."""
    lines: int
    elements: tuple[Element, ...]


def masthead_lines(masthead: Masthead, pages: int, fields: tuple[str, ...]) -> list[str]:
    """The masthead's information lines the layout's `masthead.fields` ask
    for, in the order a reader scans them."""
    def wanted(field: str, text: str | None) -> str | None:
        return text if field in fields and text else None

    first = [wanted("date", masthead.date_text), wanted("weekday", masthead.weekday),
             wanted("lunar_date", masthead.lunar_date
                    and "农历" + masthead.lunar_date.removeprefix("农历"))]   # printed with it or not
    second = [wanted("issue", masthead.shown("issue_number")),
              wanted("total_issue", masthead.shown("total_issue_number")), f"今日{pages}版"]
    out = ["  ".join(s for s in first if s), "  ".join(s for s in second if s),
           wanted("licence", masthead.licence), wanted("licence", masthead.approval),
           wanted("publisher", masthead.shown("sponsor")),
           wanted("publisher", masthead.shown("publisher"))]
    return [line for line in out if line] + list(masthead.extra)


def page_one_top(masthead: Masthead, epigraph: Epigraph | None, paper: str, pages: int,
                 composer: Composer, air: int = 0) -> Top:
    """The masthead block, with the epigraph boxed beside it (报眼) when it is
    short enough, else in a box across the page under a full-width masthead."""
    layout = composer.layout
    grid = layout.grid
    pitch = layout.line_pitch_pt
    side = None
    if epigraph:
        head_cols = min(layout.masthead.columns, grid.columns)
        ex = grid.column_x(head_cols)
        box, box_lines = _epigraph_box(epigraph, grid.type_area[0] - ex, composer)
        if box_lines <= layout.masthead.lines + SIDE_EPIGRAPH_LINES:
            side = (head_cols, ex, box, box_lines)
    head_cols = side[0] if side else grid.columns
    elements, lines = _masthead_block(masthead, paper, pages, grid.span_width_pt(head_cols),
                                      composer)
    # Air goes above and below the masthead, never inside the epigraph box.
    above = air // 2
    elements = [shifted(element, 0, above * pitch) for element in elements]
    lines += air
    if side:
        _, ex, box, box_lines = side
        lines = max(lines, box_lines)
        elements += [shifted(element, ex, 0) for element in box]
    elif epigraph:
        box, box_lines = _epigraph_box(epigraph, grid.type_area[0], composer)
        elements += [shifted(element, 0, lines * pitch) for element in box]
        lines += box_lines
    return Top(lines, tuple(elements))


def _masthead_block(masthead: Masthead, paper: str, pages: int, width: float,
                    composer: Composer) -> tuple[list[Element], int]:
    """Paper name large on the left; the information lines in one or two
    columns to its right; a heavy rule under it all."""
    layout = composer.layout
    spec = layout.masthead
    elements: list[Element] = []
    name = masthead.paper_name or paper
    name_size = min(spec.paper_size_pt, width * 0.5 / max(len(name), 1))
    name_h = name_size * NAME_LINE
    if spec.logo is not None:
        # The paper's own calligraphy, as its image, at the paper name's height.
        with Image.open(spec.logo) as image:
            aspect = image.width / image.height
        name_w = min(name_h * aspect, width * 0.5)
        elements.append(Picture(0, 0, name_w, name_h, str(spec.logo)))
    else:
        name_line = composer.paragraph((Run(name, spec.paper_font),), 40, 0, "left",
                                       "left").lines[0]
        name_w = sum(g.width for g in name_line.glyphs) * name_size
        elements.append(TextLine(0, name_size * MASTHEAD_NAME_BASELINE, name_size,
                                 name_line.glyphs, role="masthead"))

    info_style = composer.style("running_head")
    size = info_style.size_pt
    leading = size * INFO_LINE.height
    info = masthead_lines(masthead, pages, spec.fields)
    x0 = name_w + 2 * size
    room = width - x0
    widths = [composer.width(t, info_style.font) * size for t in info]
    # one column of lines when it fits beside the name, else two
    per_column = len(info) if len(info) * leading <= name_h else -(-len(info) // 2)
    columns = [info[:per_column], info[per_column:]]
    col_w = [max((w for w, t in zip(widths, info) if t in c), default=0) for c in columns]
    gap = max(size * 2, (room - sum(col_w)) / 3)
    x = x0 + gap if sum(col_w) + gap < room else x0
    bottom = 0.0
    for column, cw in zip(columns, col_w):
        y = max(0.0, (name_h - leading * len(column)) / 2)
        for text in column:
            line = composed_line(composer, text, "running_head", room / size, "left")
            y += leading
            elements.append(TextLine(x, y - size * INFO_LINE.descent, size, line.glyphs,
                                     role="masthead"))
        bottom = max(bottom, y)
        x += cw + gap
    y = max(name_h, bottom) + size * 0.5
    if masthead.note and "internal_notice" in spec.fields:
        # 内部资料 免费交流, reversed, where a reader sees it at once.
        line = composed_line(composer, masthead.note, "rubric", 30, "left")
        w = sum(g.width for g in line.glyphs) * size + size
        elements.append(Box(width - w, y, w, size * 1.6, fill="black"))
        elements.append(TextLine(width - w + size * 0.5, y + size * 1.18, size, line.glyphs,
                                 color="white", role="masthead"))
        y += size * 2.2
    heavy, fine, gap = MASTHEAD_RULES
    elements.append(Rule(0, y, width, y, heavy))
    elements.append(Rule(0, y + gap, width, y + gap, fine))
    lines = math.ceil((y + 4) / layout.line_pitch_pt) + 1
    return elements, lines


def _epigraph_box(epigraph: Epigraph, width: float, composer: Composer) -> tuple[list, int]:
    layout = composer.layout
    style = composer.style("epigraph")
    size = style.size_pt
    leading = size + (style.leading_pt if style.leading_pt is not None else size * 0.3)
    pad = size * EPIGRAPH_PAD
    measure = math.floor((width - 2 * pad) / size)
    inner = (width - measure * size) / 2
    elements: list = []
    y = pad
    body = composer.paragraph((Run(epigraph.text, style.font),), measure, style.indent_chars,
                              style.align)
    attribution = composer.paragraph((Run(epigraph.attribution, style.font),), measure, 0,
                                     "right", "right")
    for line in body.lines + attribution.lines:
        y += leading
        elements.append(TextLine(inner, y - size * EPIGRAPH_DESCENT, size, line.glyphs,
                                 role="epigraph"))
    height = y + pad
    lines = math.ceil((height + layout.grid.leading_pt) / layout.line_pitch_pt)
    box_h = layout.grid.lines_height_pt(lines)
    # centre the text vertically in the whole-line box
    shift = (box_h - height) / 2
    elements = [shifted(e, 0, shift) for e in elements]
    if style.frame != "none":
        elements.insert(0, Box(0, 0, width, box_h, stroke=layout.rules.box_rule_pt * 2,
                               fill="black" if style.frame == "reverse" else None))
        if style.frame == "reverse":
            elements = [elements[0]] + [replace(e, color="white") for e in elements[1:]]
    return elements, lines


def running_head(page: PageDraw, masthead: Masthead, paper: str, section: str | None,
                 editors: dict[str, str], composer: Composer) -> None:
    """报眉 above the type area, the fields the layout names: paper name and
    date on the left, page number and section in the middle, editor credits
    on the right (or at the page foot when the running head has no room for
    them); a rule under it."""
    layout = composer.layout
    fields = layout.running_head.fields
    width, height = layout.grid.type_area
    size = composer.style("running_head").size_pt
    name_size = layout.running_head.paper_size_pt
    base = -size * RUNNING_HEAD_BASELINE
    if layout.running_head.rule_pt > 0:
        rule_y = -size * RUNNING_HEAD_RULE
        page.add(Rule(0, rule_y, width, rule_y, layout.running_head.rule_pt))
    x = 0.0
    if "paper" in fields:
        line = composer.paragraph((Run(masthead.paper_name or paper, layout.masthead.paper_font),),
                                  30, 0, "left", "left").lines[0]
        page.add(TextLine(x, base, name_size, line.glyphs, role="running_head"))
        x += sum(g.width for g in line.glyphs) * name_size + size
    date = " ".join(s for s in (masthead.date_text, masthead.weekday) if s)
    if "date" in fields and date:
        _place(page, composer, date, x, base, "left")
    middle = " ".join(s for s in (f"第{page.number}版" if "page" in fields else "",
                                  section if "section" in fields and section else "") if s)
    if middle:
        _place(page, composer, middle, width / 2, base, "center")
    credits = "  ".join(f"{label}：{editors[label]}" for label in layout.editors.labels
                        if editors.get(label))
    if credits:
        if "editors" in fields:
            _place(page, composer, credits, width, base, "right")
        else:                   # at the foot of the page, under the type area
            _place(page, composer, credits, width, height + size * FOOT_CREDITS, "right")


def _place(page: PageDraw, composer: Composer, text: str, x: float, baseline: float,
           align: str) -> None:
    """A line of running-head text whose left, centre or right is at x."""
    size = composer.style("running_head").size_pt
    line = composed_line(composer, text, "running_head", 60, "left")
    w = sum(g.width for g in line.glyphs) * size
    left = {"left": x, "center": x - w / 2, "right": x - w}[align]
    page.add(TextLine(left, baseline, size, line.glyphs, role="running_head"))
