"""The placed pages as the audit reads them: lines with their ink, shapes,
modules and grid positions, measured once from the frames.

Everything is read from `LaidOut.frames` — the geometry the renderer draws.
The layout report is used only to know where modules are (their rectangles
on the grid); what is inside them — which lines, which columns, where each
column ends — is measured from the frames.

Coordinates are the frames' (pt on the trimmed page, y down). A glyph's box
is its advance box one em tall, BASELINE_RATIO of the em above its baseline:
[x, x + width] × [baseline − 0.88 em, baseline + 0.12 em].
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from ..chars import significant
from ..design import BASELINE_RATIO, PT_PER_MM, Layout
from ..frames import Box, PageFrame, Picture, QRCode, Rule, TextLine
from ..layout.report import ModuleReport

EPS = 0.01          # pt: what two positions may differ by and still be the same

HEAD_ROLES = frozenset({"headline1", "headline2", "headline3", "headline4", "kicker",
                        "subtitle", "deck", "continued_title", "banner", "rubric"})
# what ends a paragraph of body text in a story's reading order (a jump line does not)
PARAGRAPH_BREAKERS = frozenset({"body", "subhead1", "subhead2", "brief_title", "pullquote",
                                "caption", "byline"})
NOT_STORIES = frozenset({"filler", "promo"})    # module kinds that are no story
FLOW_ROLES = frozenset({"body", "byline", "jump", "subhead1", "subhead2", "brief_title",
                        "pullquote", "caption", "dateline"})


class Line:
    """One drawn TextLine, with what the checks ask of it: its role, story
    and size, its text, its ink extent (glyph boxes, spaces left out) and em
    box in pt, and — once the page is read — its module and column there."""

    __slots__ = ("element", "page", "order", "text", "left", "right", "top", "bottom",
                 "role", "story", "size", "module", "column")

    def __init__(self, element: TextLine, page: int, order: int, text: str, left: float,
                 right: float, top: float, bottom: float):
        self.element, self.page, self.order, self.text = element, page, order, text
        self.left, self.right, self.top, self.bottom = left, right, top, bottom
        self.role, self.story, self.size = element.role, element.story, element.size
        self.module: Module | None = None
        self.column = 0           # 1-based column of its module's flow (0: none)

    def __repr__(self) -> str:
        return f"Line(p{self.page} {self.role} {self.story} {self.text[:12]!r})"

    def glyph_boxes(self):
        """(left, right, glyph) of every visible glyph, in pt."""
        e = self.element
        return [(e.x + g.x * e.size, e.x + (g.x + g.width) * e.size, g)
                for g in e.glyphs if g.kind != "space" and g.width > 0]


@dataclass
class Module:
    report: ModuleReport
    page: int
    left: float
    right: float
    top: float
    bottom: float
    lines: list[Line] = field(default_factory=list)     # its lines, drawing order
    columns: list[list[Line]] = field(default_factory=list)   # flow lines per column
    column_lefts: list[float] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.report.item

    def contains(self, x: float, y: float) -> bool:
        return (self.left - EPS <= x <= self.right + EPS
                and self.top - EPS <= y <= self.bottom + EPS)


@dataclass
class Page:
    frame: PageFrame
    lines: list[Line]
    rules: list[Rule]
    boxes: list[Box]
    codes: list[QRCode]
    pictures: list[Picture]
    modules: list[Module]
    left: float               # type area on the trimmed page
    top: float
    width: float
    height: float

    @property
    def number(self) -> int:
        return self.frame.number


@dataclass(frozen=True)
class Finding:
    """One violation, where it is: page, the grid's column and line (1-based;
    None where it has none) and the story it belongs to."""
    page: int
    column: int | None
    line: int | None
    message: str
    story: str | None = None
    # a warning the layout could not have avoided with the lines it was given
    # (rule 7: no filling of them in their columns keeps the rule), and why
    unavoidable: str | None = None


class View:
    """An issue's placed pages read for the audit."""

    def __init__(self, laid, layout: Layout, issue=None):
        self.laid = laid
        self.layout = layout
        self.grid = layout.grid
        self.report = laid.report
        self.pitch = layout.line_pitch_pt
        self.body = layout.body_size_pt
        self.issue = issue
        self.pages = [self._page(frame, index) for index, frame in enumerate(laid.frames.pages)]
        self._by_number = {page.number: page for page in self.pages}
        self.last_page = self.pages[-1].number if self.pages else 0   # folios, not indexes

    def page(self, number: int) -> Page:
        """The page whose folio is `number` (an issue of inner pages starts past 1)."""
        return self._by_number[number]

    # ---- where things are

    def column_of(self, page: Page, x: float) -> int:
        """The grid column (1-based) under x."""
        step = (self.grid.column_chars + self.grid.gutter_chars) * self.body
        col = int((x - page.left + EPS) // step) + 1
        return min(max(col, 1), self.grid.columns)

    def line_of(self, page: Page, y: float) -> int:
        """The grid line (1-based) whose character box holds y (clamped to the grid)."""
        n = int((y - page.top + EPS) // self.pitch) + 1
        return min(max(n, 1), self.grid.lines)

    def at(self, line: Line, message: str, unavoidable: str | None = None) -> Finding:
        page = self.page(line.page)
        return Finding(line.page, self.column_of(page, line.left),
                       self.line_of(page, (line.top + line.bottom) / 2), message, line.story,
                       unavoidable)

    def grid_lines(self, page: Page, top: float, bottom: float) -> tuple[int, int]:
        """0-based grid lines a box [top, bottom] touches."""
        first = int((top - page.top + EPS) // self.pitch)
        last = int((bottom - page.top - EPS) // self.pitch)
        return first, max(first, last)

    # ---- reading a page

    def _page(self, frame: PageFrame, index: int) -> Page:
        layout, grid = self.layout, self.grid
        left = layout.type_area_origin_pt(frame.number)[0]
        top = layout.page.margin_top_mm * PT_PER_MM
        width, height = grid.type_area
        lines, rules, boxes, codes, pictures = [], [], [], [], []
        for order, e in enumerate(frame.elements):
            if type(e) is TextLine:
                glyphs = e.glyphs
                first = next((g for g in glyphs if g.kind != "space" and g.width > 0), None)
                if first is None:
                    continue
                last = next(g for g in reversed(glyphs) if g.kind != "space" and g.width > 0)
                s = e.size
                lines.append(Line(e, frame.number, order, "".join([g.char for g in glyphs]),
                                  e.x + first.x * s, e.x + (last.x + last.width) * s,
                                  e.baseline - BASELINE_RATIO * s,
                                  e.baseline + (1 - BASELINE_RATIO) * s))
            elif isinstance(e, Rule):
                rules.append(e)
            elif isinstance(e, Box):
                boxes.append(e)
            elif isinstance(e, QRCode):
                codes.append(e)
            elif isinstance(e, Picture):
                pictures.append(e)
        page = Page(frame, lines, rules, boxes, codes, pictures, [], left, top, width, height)
        reports = self.report.pages[index].modules if index < len(self.report.pages) else ()
        for report in reports:
            c0, c1 = report.columns
            l0, l1 = report.lines
            x = left + grid.column_x(c0 - 1)
            y = top + grid.line_top_y(l0 - 1)
            page.modules.append(Module(report, frame.number, x, x + grid.span_width_pt(c1 - c0 + 1),
                                       y, y + grid.lines_height_pt(l1 - l0 + 1)))
        boxes_of = [(m, m.left - EPS, m.right + EPS, m.top - EPS, m.bottom + EPS)
                    for m in page.modules]
        for line in lines:
            cx, cy = (line.left + line.right) / 2, (line.top + line.bottom) / 2
            for module, x0, x1, y0, y1 in boxes_of:
                if y0 <= cy <= y1 and x0 <= line.left <= x1 and cx <= x1:
                    line.module = module
                    module.lines.append(line)
                    break
        for module in page.modules:
            self._columns(module)
        return page

    def _columns(self, module: Module) -> None:
        """The module's columns as drawn: flow lines grouped by their left
        edge (the TextLine's x: a column's lines all start there)."""
        flow = [line for line in module.lines if line.role in FLOW_ROLES]
        seen: dict[int, float] = {}       # lefts within a point are one
        for line in flow:
            x = line.element.x
            k = int(x + 0.5)
            if k not in seen and k - 1 not in seen and k + 1 not in seen:
                seen[k] = x
        lefts = sorted(seen.values())
        # every line of a column starts at its left (a centred subhead or a
        # jump set right too: their glyphs are placed inside the line)
        module.column_lefts = lefts
        module.columns = [[] for _ in lefts]
        for line in flow:
            index = max(0, bisect_right(lefts, line.element.x + 1.0) - 1)
            line.column = index + 1
            module.columns[index].append(line)

    # ---- stories and the source

    def story_line(self, key: str | None) -> int | None:
        """The source line where story `key` starts (None: not the issue's)."""
        return self._story_lines().get(key) if key else None

    def _story_lines(self) -> dict[str, int]:
        if not hasattr(self, "_lines"):
            self._lines: dict[str, int] = {}
            if self.issue is not None:
                if self.issue.epigraph:
                    self._lines["epigraph"] = self.issue.epigraph.source.first_line
                for key, story, _ in self.issue.stories():
                    self._lines[key] = story.source.first_line
        return self._lines

    def story_item(self, key: str | None):
        if self.issue is None or key is None:
            return None
        if not hasattr(self, "_items"):
            self._items = {k: story for k, story, _ in self.issue.stories()}
        return self._items.get(key)

    def paragraphs(self) -> list[list[Line]]:
        """Each story's body lines in reading order (drawing order), as
        paragraphs: a line that starts indented, or follows a line short of
        its column's right edge, starts a new one, and so does any line after
        a subhead, pull quote, caption or byline; a jump between columns or
        pages does not end a paragraph."""
        if hasattr(self, "_paragraphs"):
            return self._paragraphs
        right_edge: dict[tuple[int, float, float], float] = {}
        stories: dict[str, list[Line]] = {}
        for line in self.all_lines():
            if line.role == "body":
                key = (line.page, round(line.element.x, 1), line.size)
                right_edge[key] = max(right_edge.get(key, 0.0), line.right)
            if line.story is not None and line.role in PARAGRAPH_BREAKERS:
                stories.setdefault(line.story, []).append(line)
        out: list[list[Line]] = []
        for lines in stories.values():
            current: list[Line] = []
            for line in lines:
                if line.role != "body":
                    if current:
                        out.append(current)
                    current = []
                    continue
                if current:
                    previous = current[-1]
                    edge = right_edge[(previous.page, round(previous.element.x, 1),
                                       previous.size)]
                    indented = line.element.glyphs[0].x > 0.5
                    if indented or previous.right < edge - 0.5 * previous.size:
                        out.append(current)
                        current = []
                current.append(line)
            if current:
                out.append(current)
        self._paragraphs = out
        return out

    def all_lines(self):
        for page in self.pages:
            yield from page.lines


def plain(text: str) -> str:
    """Text compared as a reader reads it: Han, digits and letters only."""
    return significant(text)
