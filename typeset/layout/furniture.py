"""Page furniture: the masthead (报头) with the epigraph box (报眼) on page 1,
running heads (报眉) on the other pages.

Anything that depends on the page number or count is drawn after placement.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..compose import Run
from ..frames import Box, Element, Rule, TextLine
from ..model import Epigraph, Masthead
from .draw import PageDraw, composed_line, shifted
from .measure import Composer

EPIGRAPH_PAD = 0.8   # em of the epigraph's size inside its box


@dataclass(frozen=True)
class Top:
    """The top of page 1: lines it takes, and its elements in type-area coordinates."""
    lines: int
    elements: tuple[Element, ...]


def masthead_lines(masthead: Masthead, pages: int) -> list[str]:
    """The masthead's information lines, in the order a reader scans them."""
    first: list[str] = []
    if masthead.date_text:
        first.append(masthead.date_text + (f" {masthead.weekday}" if masthead.weekday else ""))
    if masthead.lunar_date:
        first.append(f"农历{masthead.lunar_date}")
    second = [s for s in (f"第{masthead.issue_number}期" if masthead.issue_number else None,
                          f"总第{masthead.total_issue_number}期" if masthead.total_issue_number
                          else None, f"今日{pages}版") if s]
    out = ["  ".join(first), "  ".join(second)]
    if masthead.licence:
        out.append(masthead.licence)
    if masthead.approval:
        out.append(masthead.approval)
    if masthead.sponsor:
        out.append(f"主管主办：{masthead.sponsor}")
    if masthead.publisher:
        out.append(f"编辑出版：{masthead.publisher}")
    out.extend(masthead.extra)
    return [line for line in out if line]


def page_one_top(masthead: Masthead, epigraph: Epigraph | None, paper: str, pages: int,
                 composer: Composer) -> Top:
    layout = composer.layout
    grid = layout.grid
    pitch = layout.line_pitch_pt
    spec = layout.masthead
    head_cols = min(spec.columns, grid.columns) if epigraph else grid.columns
    head_w = grid.span_width_pt(head_cols)
    elements: list[Element] = []

    name = masthead.paper_name or paper
    name_size = min(spec.paper_size_pt, head_w * 0.62 / max(len(name), 1))
    name_runs = composer.paragraph((Run(name, spec.paper_font),), 40, 0, "left", "left")
    name_line = name_runs.lines[0]
    name_w = sum(g.width for g in name_line.glyphs) * name_size
    elements.append(TextLine((head_w - name_w) / 2 if not epigraph else 0.0, name_size * 0.95,
                             name_size, name_line.glyphs, role="masthead"))
    info_style = composer.style("running_head")
    info_size = info_style.size_pt
    info = masthead_lines(masthead, pages)
    note = masthead.note
    y = name_size * 1.25 + 4
    elements.append(Rule(0, y, head_w, y, 1.5))
    y += info_size * 0.4
    for text in info:
        line = composed_line(composer, text, "running_head", head_w / info_size, "left")
        y += info_size * 1.45
        elements.append(TextLine(0, y, info_size, line.glyphs, role="masthead"))
    if note:
        # 内部资料 免费交流: printed reversed, as the rules for internal serials want it seen.
        line = composed_line(composer, note, "rubric", 30, "left")
        w = sum(g.width for g in line.glyphs) * info_size + info_size
        bx = head_w - w
        by = name_size * 1.25 + 4 - info_size * 1.9
        elements.append(Box(bx, by, w, info_size * 1.6, fill="black"))
        elements.append(TextLine(bx + info_size * 0.5, by + info_size * 1.18, info_size,
                                 line.glyphs, color="white", role="masthead"))
    masthead_height = y + info_size * 0.8
    lines = max(spec.lines, math.ceil(masthead_height / pitch) + 1)

    if epigraph:
        ex = grid.column_x(head_cols)
        ew = grid.type_area[0] - ex
        box, box_lines = _epigraph_box(epigraph, ew, composer)
        if box_lines <= lines + 4:
            lines = max(lines, box_lines)
            for element in box:
                elements.append(shifted(element, ex, 0))
        else:   # too long beside the masthead: a band across the page under it
            box, box_lines = _epigraph_box(epigraph, grid.type_area[0], composer)
            top = lines * pitch
            for element in box:
                elements.append(shifted(element, 0, top))
            lines += box_lines
    return Top(lines, tuple(elements))


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
    body = composer.paragraph((Run(epigraph.text, style.font),), measure, 2)
    attribution = composer.paragraph((Run(epigraph.attribution, style.font),), measure, 0,
                                     "right", "right")
    for line in body.lines + attribution.lines:
        y += leading
        elements.append(TextLine(inner, y - size * 0.25, size, line.glyphs, role="epigraph"))
    height = y + pad
    lines = math.ceil((height + layout.grid.leading_pt) / layout.line_pitch_pt)
    box_h = layout.grid.lines_height_pt(lines)
    elements.insert(0, Box(0, 0, width, box_h, stroke=layout.rules.box_rule_pt * 2))
    # centre the text vertically in the whole-line box
    shift = (box_h - height) / 2
    return [elements[0]] + [shifted(e, 0, shift) for e in elements[1:]], lines


def running_head(page: PageDraw, masthead: Masthead, paper: str, section: str | None,
                 editors: dict[str, str], composer: Composer) -> None:
    """报眉 above the type area: paper name and date on the outer side, page
    number, section; a rule under it."""
    layout = composer.layout
    width = layout.grid.type_area[0]
    style = composer.style("running_head")
    size = style.size_pt
    name_size = layout.running_head.paper_size_pt
    base = -size * 1.3
    rule_y = -size * 0.6
    page.add(Rule(0, rule_y, width, rule_y, layout.running_head.rule_pt))
    folio = f"第{page.number}版"
    date = " ".join(s for s in (masthead.date_text, masthead.weekday) if s)
    left = [("paper", masthead.paper_name or paper, name_size, layout.masthead.paper_font)]
    middle = " ".join(s for s in (folio, section or "") if s)
    right = "  ".join(f"{label}：{editors[label]}" for label in layout.editors.labels
                      if editors.get(label))
    x = 0.0
    for _, text, text_size, font in left:
        line = composer.paragraph((Run(text, font),), 30, 0, "left", "left").lines[0]
        page.add(TextLine(x, base, text_size, line.glyphs, role="running_head"))
        x += sum(g.width for g in line.glyphs) * text_size + size
    if date:
        line = composed_line(composer, date, "running_head", 40, "left")
        page.add(TextLine(x, base, size, line.glyphs, role="running_head"))
    mid = composed_line(composer, middle, "running_head", 30, "left")
    mid_w = sum(g.width for g in mid.glyphs) * size
    page.add(TextLine((width - mid_w) / 2, base, size, mid.glyphs, role="running_head"))
    if right:
        line = composed_line(composer, right, "running_head", 50, "left")
        w = sum(g.width for g in line.glyphs) * size
        page.add(TextLine(width - w, base, size, line.glyphs, role="running_head"))
