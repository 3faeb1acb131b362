"""Page furniture: the masthead (报头) with the epigraph box (报眼) on page 1,
running heads (报眉) on the other pages.

Anything that depends on the page number or count is drawn after placement.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from PIL import Image

from ..compose import Composer, Line, Run
from ..design.units import EPIGRAPH_DESCENT, INFO_LINE, MASTHEAD_NAME_BASELINE
from ..frames import Box, Element, Picture, Rule, TextLine, shifted
from ..model import Epigraph, Masthead
from .draw import PageDraw, composed_line

EPIGRAPH_PAD = 0.8   # em of the epigraph's size inside its box
SIDE_EPIGRAPH_LINES = 4   # an epigraph beside the masthead may be this many lines taller
NAME_LINE = 1.2      # the paper's name: its line box, in em of its size
MASTHEAD_RULES = (1.5, 0.4, 2.2)   # pt: heavy rule, fine rule, the gap between them
RUNNING_HEAD_BASELINE = 1.3   # em of the running-head size above the type area
RUNNING_HEAD_RULE = 0.6       # em of it between the rule and the type area
FOOT_CREDITS = 2.2            # em below the type area for editor credits at the foot
LATIN_SIZE = 1.2              # the paper's Latin name: em of the information lines' size
LATIN_LINE = 1.5              # its line box, in em of its own size
LATIN_TRACKING = 0.6          # em at most between its letters, to spread it under the name
MIN_INFO_COLUMN = 12          # characters: narrower than two such columns, one column
FOOT_RULE = 0.3               # pt: the hairline over the address and phone row


@dataclass(frozen=True)
class Top:
    """The top of page 1: lines it takes, and its elements in type-area coordinates."""
    lines: int
    elements: tuple[Element, ...]


# What the masthead prints, row by row in the order a reader scans it: each a
# layout field name (`masthead: fields:`) and the masthead fields it prints.
INFO_ROWS = (
    (("date", ("date_text",)), ("weekday", ("weekday",)), ("lunar_date", ("lunar_date",)),
     ("festival", ("festival",))),
    (("issue", ("issue_number",)), ("total_issue", ("total_issue_number",)),
     ("pages", ("pages",)), ("frequency", ("frequency",))),
    (("organ", ("organ",)), ("cn_number", ("cn_number", "issn")),
     ("postal_code", ("postal_code",)), ("distribution", ("distribution",))),
    (("licence", ("licence", "approval")),),
    (("publisher", ("supervisor", "sponsor", "publisher")),
     ("printer", ("printer", "print_run"))),
)
# Across the foot of the masthead, as papers print them: how to reach the
# paper, what it costs, and printed text no field took.
FOOT_ROW = (("address", ("address", "postcode")), ("phone", ("phone", "hotline", "fax")),
            ("website", ("email", "website")), ("price", ("price",)), ("extra", ("extra",)))
# Drawn on their own: the name (and its Latin form) large, the notice reversed,
# the source page's label under the rules.
OWN_PLACE = (("paper", ("paper_name",)), ("paper_latin", ("paper_latin",)),
             ("internal_notice", ("note",)), ("page_label", ("page_label",)))
FIELD_GAP = "  "     # between the fields of one row


def masthead_field(masthead: Masthead, name: str) -> str | None:
    """One masthead field as the masthead prints it: as the source printed it,
    nothing it did not print. When the date is not the source's (a sidecar's,
    or a masthead made by hand) the weekday and lunar date a masthead carries
    are the date's, the lunar date with its label 农历."""
    dated_by_source = masthead.printed_as("date_text") is not None
    if name == "weekday":
        return masthead.shown("printed_weekday") or (
            None if dated_by_source else masthead.weekday)
    if name == "lunar_date" and masthead.lunar_date and not masthead.printed_as("lunar_date"):
        if dated_by_source:
            return None
        label = "農曆" if masthead.script == "traditional" else "农历"
        text = masthead.shown("lunar_date")
        return text if text.startswith(("农历", "農曆")) else label + text
    if name == "extra":
        return FIELD_GAP.join(masthead.extra) or None
    return masthead.shown(name)


def masthead_rows(masthead: Masthead, rows, fields: tuple[str, ...]) -> list[list[str]]:
    """The rows' field texts the layout's `masthead.fields` ask for, rows
    with nothing in them left out."""
    out = []
    for row in rows:
        texts = [text for name, parts in row if name in fields for part in parts
                 if (text := masthead_field(masthead, part))]
        if texts:
            out.append(texts)
    return out


def masthead_lines(masthead: Masthead, pages: int, fields: tuple[str, ...]) -> list[str]:
    """The masthead's information lines the layout's `masthead.fields` ask
    for, in the order a reader scans them: the rows beside the name, then the
    foot row. `pages` is the issue's page count: a masthead prints the count
    its source printed (今日32版), never one made up."""
    return [FIELD_GAP.join(row) for row in masthead_rows(masthead, INFO_ROWS + (FOOT_ROW,),
                                                           fields)]


# A draft of an issue whose masthead names no paper shows that, visibly: typeset
# invents no paper name (a build for print refuses such an issue).
NO_PAPER = "（报名缺失）"


def page_one_top(masthead: Masthead, epigraph: Epigraph | None, pages: int,
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
    elements, lines = _masthead_block(masthead, pages, grid.span_width_pt(head_cols), composer)
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


def inner_top(epigraph: Epigraph | None, composer: Composer) -> Top:
    """The top of a paper's inner pages' first page: no masthead; an epigraph
    the issue carries, in its box across the page."""
    if epigraph is None:
        return Top(0, ())
    box, lines = _epigraph_box(epigraph, composer.layout.grid.type_area[0], composer)
    return Top(lines, tuple(box))


def _masthead_block(masthead: Masthead, pages: int, width: float,
                    composer: Composer) -> tuple[list[Element], int]:
    """Paper name large on the left, its Latin name under it; the information
    rows in one or two columns to its right; the notice (内部资料) reversed;
    the address, phones and price across the foot; a heavy and a fine rule
    under it all, and the source page's label (第1版 要闻) under them. Every
    field the masthead carries and the layout names is drawn once."""
    layout = composer.layout
    spec = layout.masthead
    elements: list[Element] = []
    name = masthead.paper_name or NO_PAPER
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
    head_h = name_h
    if masthead.paper_latin and "paper_latin" in spec.fields:
        latin = _spread(_one_line(composer, masthead.paper_latin), name_w / (size * LATIN_SIZE))
        latin_size = min(size * LATIN_SIZE, name_w / max(_width(latin), 1))
        head_h += latin_size * LATIN_LINE
        elements.append(TextLine((name_w - _width(latin) * latin_size) / 2,
                                 head_h - latin_size * INFO_LINE.descent, latin_size,
                                 latin.glyphs, role="masthead"))

    rows = masthead_rows(masthead, INFO_ROWS, spec.fields)
    x0 = name_w + 2 * size
    room = width - x0
    gap = 2 * size
    columns = [[line for row in rows for line in _wrap(composer, row, room / size)]]
    if len(columns[0]) * leading > head_h and room > 2 * MIN_INFO_COLUMN * size + gap:
        # two columns of rows, a row never split between them
        wrapped = [_wrap(composer, row, (room - gap) / 2 / size) for row in rows]
        columns = _balanced(wrapped)
    col_w = [max((_width(line) * size for line in column), default=0) for column in columns]
    gap = max(gap, (room - sum(col_w)) / (len(columns) + 1))
    x = x0 + gap if sum(col_w) + gap * len(columns) <= room else x0
    bottom = head_h
    for column, cw in zip(columns, col_w):
        y = max(0.0, (head_h - leading * len(column)) / 2)
        for line in column:
            y += leading
            elements.append(TextLine(x, y - size * INFO_LINE.descent, size, line.glyphs,
                                     role="masthead"))
        bottom = max(bottom, y)
        x += cw + gap
    y = bottom + size * 0.5
    if masthead.note and "internal_notice" in spec.fields:
        # 内部资料 免费交流, reversed, where a reader sees it at once.
        line = composed_line(composer, masthead.note, "rubric", 30, "left")
        w = sum(g.width for g in line.glyphs) * size + size
        elements.append(Box(width - w, y, w, size * 1.6, fill="black"))
        elements.append(TextLine(width - w + size * 0.5, y + size * 1.18, size, line.glyphs,
                                 color="white", role="masthead"))
        y += size * 2.2
    foot = masthead_rows(masthead, (FOOT_ROW,), spec.fields)
    if foot:
        rule_y = y - size * 0.2
        elements.append(Rule(0, rule_y, width, rule_y, FOOT_RULE))
        for line in _wrap(composer, foot[0], width / size):
            y += leading
            elements.append(TextLine(0, y - size * INFO_LINE.descent, size, line.glyphs,
                                     role="masthead"))
        y += size * 0.5
    heavy, fine, gap = MASTHEAD_RULES
    elements.append(Rule(0, y, width, y, heavy))
    elements.append(Rule(0, y + gap, width, y + gap, fine))
    y += gap
    if masthead.page_label and "page_label" in spec.fields:
        # the page head the source printed under its masthead
        for line in _wrap(composer, [masthead.page_label], width / size):
            y += leading
            elements.append(TextLine(0, y - size * INFO_LINE.descent, size, line.glyphs,
                                     role="masthead"))
    lines = math.ceil((y + 4) / layout.line_pitch_pt) + 1
    return elements, lines


def _width(line: Line) -> float:
    """A composed line's width in em."""
    return max((g.x + g.width for g in line.glyphs), default=0.0)


def _one_line(composer: Composer, text: str) -> Line:
    """`text` set on one line at its natural width (the composer's spaces
    between Han and Latin included)."""
    font = composer.style("running_head").font
    lines = composer.paragraph((Run(text, font),), 4 * composer.width(text, font) + 40, 0,
                               "left", "left").lines
    assert len(lines) == 1, text
    return lines[0]


def _spread(line: Line, measure: float) -> Line:
    """A Latin name letter-spaced out to `measure` em, at most LATIN_TRACKING
    em between letters."""
    if len(line.glyphs) < 2:
        return line
    extra = min(LATIN_TRACKING, max(0.0, (measure - _width(line)) / (len(line.glyphs) - 1)))
    return replace(line, glyphs=tuple(replace(g, x=g.x + i * extra)
                                      for i, g in enumerate(line.glyphs)))


def _wrap(composer: Composer, texts: list[str], measure: float) -> list[Line]:
    """A row's fields set in lines of at most `measure` em, broken between
    fields; a field longer than a line is broken where the composer breaks it."""
    font = composer.style("running_head").font
    lines: list[Line] = []
    current, current_text = None, ""
    for text in texts:
        if current is not None:
            if current_text is not None:
                joined = _one_line(composer, current_text + FIELD_GAP + text)
                if _width(joined) <= measure:
                    current, current_text = joined, current_text + FIELD_GAP + text
                    continue
            lines.append(current)
        current, current_text = _one_line(composer, text), text
        if _width(current) > measure:
            *whole, current = composer.paragraph((Run(text, font),), measure, 0, "left",
                                                 "left").lines
            lines += whole
            current_text = None     # a broken field's last line takes nothing after it
    if current is not None:
        lines.append(current)
    return lines


def _balanced(rows: list[list[Line]]) -> list[list[Line]]:
    """Rows of lines in two columns, the first taking whole rows until it is
    at least as tall as the second."""
    total = sum(len(row) for row in rows)
    best = None
    for cut in range(len(rows) + 1):
        first = sum(len(row) for row in rows[:cut])
        height = max(first, total - first)
        if best is None or height < best[0]:
            best = (height, cut)
    cut = best[1]
    columns = [[line for row in rows[:cut] for line in row],
               [line for row in rows[cut:] for line in row]]
    return [column for column in columns if column]


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


def running_head(page: PageDraw, masthead: Masthead, section: str | None,
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
        line = composer.paragraph((Run(masthead.paper_name or NO_PAPER, layout.masthead.paper_font),),
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
