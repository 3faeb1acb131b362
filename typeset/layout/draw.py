"""Placed modules → frame elements (positions in pt on the trimmed page).

Works in type-area coordinates (origin at the type area's top-left, y down,
as `Grid` does) and shifts everything by the page's margins at the end.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from ..compose import Composer, Line, Run
from ..design import BASELINE_RATIO, PT_PER_MM, Filler, Layout
from ..design.units import FILLER_LINE, PROMO_LINE, SET_LINE
from ..frames import Box, Element, QRCode, Rule, TextLine, shifted
from ..model import Promo
from .columns import em_drop, split_columns
from .headblock import HeadBlock
from .measure import BOX_NARROWER, BOX_PAD, FlowLine
from .place import Module
from .place.kinds import MODULE_GAP

PULL_QUOTE_RULES = (1.2, 0.4)   # pt: a heavy rule over a pull quote, a fine one under it
FILLER_PAD = 2                  # body characters between a filler's rules and the module's sides
FILLER_RULE_INSET = 2.0         # pt: a filler's rules inside its module's top and foot
QR_SHARE = 0.7                  # a promo's QR code: at most this share of its module's height
QR_BESIDE = 0.5                 # of a column: a promo's code beside its lines in one column


@dataclass
class PageDraw:
    layout: Layout
    number: int                     # 1-based folio
    elements: list[Element] = field(default_factory=list)
    story: str | None = None        # the story being drawn: its lines carry its key

    @property
    def origin(self) -> tuple[float, float]:
        """The type area's top-left on the trimmed page (y down)."""
        return (self.layout.type_area_origin_pt(self.number)[0],
                self.layout.page.margin_top_mm * PT_PER_MM)

    def add(self, element: Element, dx: float = 0.0, dy: float = 0.0) -> None:
        """Add an element given in type-area coordinates offset by (dx, dy)."""
        ox, oy = self.origin
        if self.story is not None and isinstance(element, TextLine):   # one copy, not two
            element = replace(element, x=element.x + ox + dx, baseline=element.baseline + oy + dy,
                              story=self.story)
        else:
            element = shifted(element, ox + dx, oy + dy)
        self.elements.append(element)


def module_box(layout: Layout, module: Module) -> tuple[float, float, float, float]:
    """x, y, width, height of a module in type-area pt (height to the last line's box foot)."""
    grid = layout.grid
    x = grid.column_x(module.col)
    y = grid.line_top_y(module.line)
    return x, y, grid.span_width_pt(module.width), grid.lines_height_pt(module.height)


def draw_flow_columns(page: PageDraw, composer: Composer, module: Module, flow: tuple[FlowLine, ...],
                      first_line: int, body_height: int, boxed: bool = False,
                      open_under: tuple[int, ...] = (),
                      placed: list | None = None) -> list[list[tuple[FlowLine, int]]]:
    """Body flow in the module's columns, balanced; every item starts where
    columns.py counted it, grid items on a grid line. Returns the columns.
    `boxed`: the module is framed (a link box) — its lines, set BOX_NARROWER
    characters short of a column, are spread inside the frame, BOX_PAD
    characters clear of its sides. `open_under`: per column, grid lines left
    white under the module's foot (no rule closes it), which a short column's
    hole takes in.
    `placed`: the columns already balanced (columns.filled_columns)."""
    layout = composer.layout
    grid = layout.grid
    rule = layout.rules.column_rule_pt
    top_y = first_line * layout.line_pitch_pt
    columns = placed if placed is not None else split_columns(
        flow, module.width, lambda lines, tol: looser(composer, lines, tol),
        body_height, (layout.line_pitch_pt, layout.body_size_pt), open_under)
    xs, text_w = column_lefts(layout, module, boxed)
    for index, column in enumerate(columns):
        x = xs[index]
        for item, start in column:
            top = (first_line + start / item.subdiv) * layout.line_pitch_pt
            draw_flow_line(page, layout, item, x, top)
        if rule > 0 and index:    # a hairline in the gutter between a module's columns
            gx = (xs[index - 1] + text_w + x) / 2
            page.add(Rule(gx, top_y, gx, top_y + grid.lines_height_pt(body_height), rule))
    return columns


def looser(composer: Composer, lines: tuple[FlowLine, ...],
           tol: float) -> tuple[FlowLine, ...] | None:
    """A body paragraph's flow lines set again a line longer, none of its
    lines more than `tol` em a gap loose; None when the paragraph cannot be
    (columns.py)."""
    head = lines[0]
    if head.setting is None:
        return None
    runs, style = head.setting
    result = composer.paragraph_in(runs, style, len(lines) + 1, tol)
    if result is None:
        return None
    last = len(result.lines) - 1
    return tuple(replace(head, lines=(line,), paragraph_start=n == 0, paragraph_end=n == last,
                         setting=head.setting if n == 0 else None)
                 for n, line in enumerate(result.lines))


def column_lefts(layout: Layout, module: Module, boxed: bool) -> tuple[list[float], float]:
    """The left edge of each of a module's columns of text, and their width."""
    grid = layout.grid
    body = layout.body_size_pt
    if not boxed:
        return ([grid.column_x(module.col + i) for i in range(module.width)],
                grid.column_chars * body)
    x, _, w, _ = module_box(layout, module)
    text_w = (grid.column_chars - BOX_NARROWER) * body
    k = module.width
    if k == 1:
        return [x + (w - text_w) / 2], text_w
    pad = BOX_PAD * body
    gap = (w - 2 * pad - k * text_w) / (k - 1)
    return [x + pad + i * (text_w + gap) for i in range(k)], text_w


def draw_box(page: PageDraw, layout: Layout, module: Module) -> None:
    """A thin rule frame on the module's edges (a link box): the head inside
    it at the top, a line of air inside it at the foot."""
    x, y, w, h = module_box(layout, module)
    page.add(Box(x, y, w, h, stroke=layout.rules.box_rule_pt))


def draw_flow_line(page: PageDraw, layout: Layout, item: FlowLine, x: float, top: float) -> None:
    pitch, body = layout.line_pitch_pt, layout.body_size_pt
    grid_lines = item.height / item.subdiv
    if len(item.lines) == 1 and grid_lines <= 1.5:
        # a body line of the grid's size: its em box at the grid line's top,
        # the leading under it; a larger one: its em centred in the space its
        # taller line leaves above that leading, so that it never reaches into
        # the leading over the line it starts on (nor into a rule there)
        baseline = top + em_drop(pitch, body, item.size, grid_lines) + BASELINE_RATIO * item.size
        page.add(TextLine(x, baseline, item.size, item.lines[0].glyphs, role=item.role,
                          loose=item.lines[0].loose))
        return
    # A subhead or pull quote: its lines centred in the lines it occupies.
    block = len(item.lines) * item.size * SET_LINE.height
    space = (grid_lines - 1) * pitch + body
    y = top + (space - block) / 2
    if item.role == "pullquote":    # set off by a heavy rule above and a fine one below
        width = layout.grid.column_chars * body
        heavy, fine = PULL_QUOTE_RULES
        page.add(Rule(x, top + 1, x + width, top + 1, heavy))
        page.add(Rule(x, top + space - 1, x + width, top + space - 1, fine))
    for composed in item.lines:
        y += item.size * SET_LINE.height
        page.add(TextLine(x, y - item.size * SET_LINE.descent, item.size, composed.glyphs,
                          role=item.role, loose=composed.loose))


def draw_head(page: PageDraw, layout: Layout, module: Module, head: HeadBlock) -> None:
    x, y, _, _ = module_box(layout, module)
    for element in head.elements:
        page.add(element, x, y)


def composed_line(composer: Composer, text: str, role: str, measure_em: float,
                  align: str) -> Line:
    style = composer.style(role)
    result = composer.paragraph((Run(text, style.font),), measure_em, 0, align, align)
    return result.lines[0]


def jump_line(composer: Composer, text: str, subdiv: int = 1, height: int = 1) -> FlowLine:
    """（下转第N版） / （上接第N版）: one body line of the flow it joins (`height`
    sub-units, `subdiv` of them a grid line: a larger body's line is taller),
    so the lines after it stay level with the other columns'."""
    layout = composer.layout
    style = composer.style("jump")
    measure = layout.grid.column_chars * layout.body_size_pt / style.size_pt
    return FlowLine(height, (composed_line(composer, text, "jump", measure, style.align),),
                    "jump", style.size_pt, subdiv=subdiv)


def draw_rules(page: PageDraw, layout: Layout, modules: list[Module],
               boxed: frozenset[str] = frozenset(),
               bands: tuple[tuple[Module, int, int], ...] = ()) -> None:
    """Hairlines between modules: under a module unless it reaches the foot,
    in the middle of the line left under it (MODULE_GAP); right of it unless
    it reaches the right edge, centred in the gutter and running from the
    rule over it to the rule under it, so that they meet. A framed module
    (its key in `boxed`) draws none: its frame parts it from its neighbours,
    and their rules stop short of it. `bands`: a banner's band run across
    the stories beside its first (module, columns, grid lines): the rules
    between them start under it."""
    weight = layout.rules.module_rule_pt
    if weight <= 0:
        return
    grid = layout.grid
    gap_x = grid.gutter_chars * layout.body_size_pt / 2
    # from a module's last text line to the rule under it: half of the line
    # left under it and of the leading on either side of that line
    gap_y = (MODULE_GAP * grid.line_pitch_pt + grid.leading_pt) / 2
    frames = [(m, module_box(layout, m)) for m in modules if m.key in boxed]
    for module in modules:
        if module.key in boxed:
            continue
        x, y, w, h = module_box(layout, module)
        foot = module.line + module.height >= grid.lines
        if not foot:
            yy = y + h + gap_y
            below = [(bx - gap_x, bx + bw + gap_x) for m, (bx, _, bw, _) in frames
                     if m.line == module.line + module.height + MODULE_GAP]
            for x1, x2 in _clipped(x - (gap_x if module.col else 0),
                                   x + w + (gap_x if module.col + module.width < grid.columns
                                            else 0), below):
                page.add(Rule(x1, yy, x2, yy, weight))
        if module.col + module.width < grid.columns:
            xx = x + w + gap_x
            over = any(m.line + m.height + MODULE_GAP == module.line and m.key not in boxed
                       and m.col < module.col + module.width and module.col < m.col + m.width
                       for m in modules)
            beside = [(by - gap_y, by + bh + gap_y) for m, (_, by, _, bh) in frames
                      if m.col == module.col + module.width]
            beside += [(y - gap_y, y + lines * grid.line_pitch_pt)     # level with it
                       for m, span, lines in bands if m.line == module.line
                       and m.col <= module.col < module.col + module.width < m.col + span]
            for y1, y2 in _clipped(y - (gap_y if over else 0), y + h + (0 if foot else gap_y),
                                   beside):
                page.add(Rule(xx, y1, xx, y2, weight))


def _clipped(start: float, end: float,
             cuts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The parts of [start, end] outside every cut."""
    parts = [(start, end)]
    for low, high in cuts:
        parts = [piece for a, b in parts for piece in ((a, min(b, low)), (max(a, high), b))
                 if piece[1] - piece[0] > 1e-6]
    return parts


def draw_promo(page: PageDraw, composer: Composer, module: Module, promo: Promo,
               url: str | None) -> None:
    """QR code with its lines, centred in the module, where the text says it
    is (扫描左侧二维码: left of them — in one column a smaller code,
    QR_BESIDE of it, when its lines fit the rest of the column); a text that
    does not say has it left of them in two columns, over them in one."""
    layout = composer.layout
    x, y, w, h = module_box(layout, module)
    style = composer.style("promo")
    size, leading = style.size_pt, style.size_pt * PROMO_LINE.height
    column = layout.grid.span_width_pt(1)
    where = promo.code_side or ("left" if module.width >= 2 else "above")

    def arranged(beside: bool) -> tuple[float, int, list]:
        side = column * QR_BESIDE if beside and w < 2 * column else column
        side = min(side, h * QR_SHARE) if url else 0.0
        measure = int(((w - side - size) if beside else w) / size)
        return side, measure, [line for text in promo.lines for line in composer.paragraph(
            (Run(text, style.font),), measure, 0, style.align, style.align).lines]

    beside = bool(url) and where in ("left", "right")
    side, measure, composed = arranged(beside)
    if beside and leading * len(composed) > h:      # one column too short for it beside
        beside, where = False, "above"
        side, measure, composed = arranged(False)
    text_h = leading * len(composed)
    if beside:
        qy, ty = y + (h - side) / 2, y + (h - text_h) / 2
        qx, tx = (x, x + side + size) if where == "left" else (x + w - side, x)
    else:
        top = y + (h - side - text_h) / 2
        qx, tx = x + (w - side) / 2, x + (w - measure * size) / 2
        qy, ty = (top, top + side) if where != "below" else (top + text_h, top)
    if url:
        page.add(QRCode(qx, qy, side, url))
    for n, line in enumerate(composed):
        page.add(TextLine(tx, ty + leading * (n + 1) - size * PROMO_LINE.descent, size,
                          line.glyphs, role="promo"))


def filler_lines(composer: Composer, filler: Filler, width: float) -> int:
    """Grid lines a filler needs at `width`: its text (beside a QR code when
    it has one, as draw_filler sets it) and a line of air above and below."""
    layout = composer.layout
    style = composer.style(filler.style)
    qr = layout.grid.span_width_pt(1) if filler.qr else 0.0
    count = len(_filler_text(composer, filler, width, qr).lines)
    text = count * style.size_pt * FILLER_LINE.height
    return max(3, math.ceil(max(text, qr) / layout.line_pitch_pt - 1e-6) + 2)


def _filler_text(composer: Composer, filler: Filler, width: float, qr: float):
    """The filler's text set across `width`, beside a QR code `qr` wide (0: none)."""
    layout = composer.layout
    style = composer.style(filler.style)
    pad = FILLER_PAD * layout.body_size_pt
    measure = (width - 2 * pad - (qr + pad if qr else 0)) / style.size_pt
    return composer.paragraph((Run(filler.text, style.font),), measure, 0, "center", "center")


def draw_filler(page: PageDraw, composer: Composer, module: Module, filler: Filler,
                url: str | None) -> None:
    """A notice from the layout's filler library between two rules, centred;
    a QR filler has the promo QR code on its left."""
    layout = composer.layout
    x, y, w, h = module_box(layout, module)
    style = composer.style(filler.style)
    pad = FILLER_PAD * layout.body_size_pt
    rule, inset = layout.rules.box_rule_pt, FILLER_RULE_INSET
    page.add(Rule(x + pad, y + inset, x + w - pad, y + inset, rule))
    page.add(Rule(x + pad, y + h - inset, x + w - pad, y + h - inset, rule))
    qr = min(layout.grid.span_width_pt(1), h - 8) if filler.qr and url else 0.0
    measure = (w - 2 * pad - (qr + pad if qr else 0)) / style.size_pt
    result = _filler_text(composer, filler, w, qr)
    leading = style.size_pt * FILLER_LINE.height
    text_w = measure * style.size_pt
    left = x + (w - text_w - (qr + pad if qr else 0)) / 2
    if qr:
        page.add(QRCode(left, y + (h - qr) / 2, qr, url))
        left += qr + pad
    top = y + (h - leading * len(result.lines)) / 2
    for n, line in enumerate(result.lines):
        page.add(TextLine(left, top + leading * (n + 1) - style.size_pt * FILLER_LINE.descent,
                          style.size_pt, line.glyphs, role="filler"))
