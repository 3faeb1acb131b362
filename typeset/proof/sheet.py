"""The proof sheets drawn with reportlab: each laid-out page as the print PDF
draws it (typeset.render's PageRenderer), on a larger sheet with what a
proofreader needs around and over it, and legend sheets at the end.

    sheet = Sheet.for_page(frame)    where the page sits on its sheet
    draw_page_sheet(...)             one page on its sheet; draw_legend_sheets(...) the legend

A page sheet, from the top: the header strip (校样, paper, date, issue, 第N版,
校次, build date, source checksums, sign-off fields 校对/责编/签发), column
numbers over the type area; the trimmed page with line numbers every
LINE_STEP grid lines in the gutter left of every column, a change bar right
of every changed line, each mark outlined with its legend number, the
watermark 校样 over it; the page's legend strip under it. The legend sheets
list every mark of the issue, the changes that have no place on the pages
and the issue's other warnings.

Not PDF/X: colours are RGB where they are the proof's own (the page itself
is drawn in its print CMYK), and nothing here goes to press.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from ..design import PT_PER_MM
from ..frames import PageFrame
from ..render.glyphs import GlyphCache, TextWriter
from ..render.page import PageRenderer

SIDE = 14 * PT_PER_MM          # left and right margins: line numbers, bars, note icons
HEADER = 26 * PT_PER_MM        # the header strip and the column numbers
FOOTER = 40 * PT_PER_MM        # the page's legend strip
LINE_STEP = 5                  # a number every 5th grid line
NUMBER_SIZE = 3.6              # pt: three digits fit a one-character gutter of 小五
LEGEND_SIZE = 6.0
LEGEND_LEADING = 7.6
WATERMARK = "校样"

RED = (0.85, 0.0, 0.0)
BLUE = (0.0, 0.3, 0.8)
GREY = (0.45, 0.45, 0.45)
CHANGE = (0.95, 0.55, 0.0)     # change bars: the highlight's colour, darker


@dataclass(frozen=True)
class Sheet:
    """Where a trimmed page sits on its proof sheet (PDF points, y up)."""
    width: float
    height: float
    left: float                # trimmed page's left edge
    bottom: float              # trimmed page's bottom edge
    page_height: float

    @classmethod
    def for_page(cls, frame: PageFrame) -> "Sheet":
        return cls(frame.width + 2 * SIDE, frame.height + HEADER + FOOTER, SIDE, FOOTER,
                   frame.height)

    def x(self, x: float) -> float:
        return self.left + x

    def y(self, y: float) -> float:
        """A frame y (down from the page top) on the sheet (up from its foot)."""
        return self.bottom + self.page_height - y

    def rect(self, x: float, y: float, w: float, h: float) -> tuple[float, float, float, float]:
        """A frame rectangle (top-left x, y; w, h) as PDF x0, y0, x1, y1."""
        return (self.x(x), self.y(y + h), self.x(x + w), self.y(y))


@dataclass(frozen=True)
class Header:
    """The header strip's facts, the same on every sheet but for the folio."""
    paper: str
    date: str
    issue: str
    round: int
    build_date: str
    source: str               # name and sha256 prefix
    since: str                # the earlier source, or ""
    editors: tuple[tuple[str, str], ...]     # sign-off label → name known from the sidecar


KEY = ("图示：红框 检查结果（编号同下）；打叉红框 缺字；黄底 改动的文字（插入或改写）；蓝色▲ 删除处；"
       "版边橙线 改动所在行；栏左蓝字 行号（每5行）")
SIGN_OFF = (("校对", ("校对",)), ("责编", ("责任编辑", "责编")), ("签发", ("签发", "值班总编")))


class Writer:
    """Text in one font role on the canvas, with the document's glyph cache."""

    def __init__(self, canvas: Canvas, cache: GlyphCache, role: str):
        self.c, self.cache, self.role = canvas, cache, role

    def width(self, text: str, size: float) -> float:
        total = 0.0
        for ch in text:
            e = self.cache.glyph(self.role, ch)
            if e is not None:
                total += e[2] * size
        return total

    def fit(self, text: str, size: float, width: float) -> str:
        """`text`, cut with … to fit `width`."""
        if self.width(text, size) <= width:
            return text
        while text and self.width(text + "…", size) > width:
            text = text[:-1]
        return text + "…"

    def wrap(self, text: str, size: float, width: float, indent: str = "    ") -> list[str]:
        """`text` broken into lines that fit `width`, the later ones indented:
        at a space or beside a CJK character, never inside a Latin word."""
        lines, line = [], ""
        for ch in text:
            if line.strip() and self.width(line + ch, size) > width:
                cut = max(line.rfind(" "), *(i + 1 for i, c in enumerate(line) if not c.isascii()),
                          len(indent)) if not (ch == " " or not ch.isascii()) else len(line)
                cut = cut if cut > len(indent) else len(line)
                lines.append(line[:cut].rstrip())
                line = indent + line[cut:].lstrip()
            line += ch
        return lines + [line]

    def draw(self, text: str, x: float, y: float, size: float, color=(0, 0, 0),
             align: str = "left") -> float:
        if align != "left":
            w = self.width(text, size)
            x -= w if align == "right" else w / 2
        self.c.setFillColorRGB(*color)
        w = TextWriter(size, y)
        first = True
        for ch in text:
            e = self.cache.glyph(self.role, ch)
            if e is not None:
                w.put(e, x if first else None)
                first = False
        if not first:
            self.c._code.append(w.finish())
        return x


def round_name(n: int) -> str:
    digits = "一二三四五六七八九十"
    return f"{digits[n - 1]}校" if 1 <= n <= 10 else f"第{n}校"


def new_canvas(buffer: io.BytesIO, fonts, title: str) -> tuple[Canvas, GlyphCache, str]:
    initial = fonts.register_for_reportlab()       # before the canvas: no Helvetica
    c = Canvas(buffer, invariant=1, initialFontName=initial, pageCompression=1)
    c.setTitle(title)
    c.setSubject("校样 proof")
    c.setCreator("typeset")
    c.setProducer("typeset")
    c.setAuthor("")
    role = "hei" if "hei" in fonts.chains else next(iter(fonts.chains))
    return c, GlyphCache(fonts, c._doc, initial), role


def draw_page_sheet(c: Canvas, cache: GlyphCache, text: Writer, frame: PageFrame, grid_view,
                    header: Header, numbered_marks, spots, bars, profile) -> Sheet:
    """One page's sheet; returns its geometry (for the annotations)."""
    sheet = Sheet.for_page(frame)
    c.setPageSize((sheet.width, sheet.height))
    # the page as printed, clipped to its trimmed edge
    c.saveState()
    path = c.beginPath()
    path.rect(sheet.left, sheet.bottom, frame.width, frame.height)
    c.clipPath(path, stroke=0, fill=0)
    c.translate(sheet.left - frame.bleed, sheet.bottom - frame.bleed)
    PageRenderer(c, cache, frame, True, profile).draw()
    c.restoreState()
    c.setStrokeColorRGB(*GREY)
    c.setLineWidth(0.3)
    c.rect(sheet.left, sheet.bottom, frame.width, frame.height, stroke=1, fill=0)

    _watermark(c, text, sheet, frame)
    _grid_numbers(c, text, sheet, grid_view)
    _change_bars(c, sheet, bars)
    _marks(c, text, sheet, numbered_marks)
    _header(c, text, sheet, frame, header)
    _legend_strip(c, text, sheet, numbered_marks, spots)
    c.showPage()
    return sheet


def _watermark(c: Canvas, text: Writer, sheet: Sheet, frame: PageFrame) -> None:
    size = frame.width / 3.2
    c.saveState()
    c.setFillAlpha(0.10)
    c.translate(sheet.x(frame.width / 2), sheet.y(frame.height / 2))
    c.rotate(30)
    text.draw(WATERMARK, 0, -0.38 * size, size, RED, align="centre")
    c.restoreState()


def _grid_numbers(c: Canvas, text: Writer, sheet: Sheet, view_page) -> None:
    """Column numbers over the type area; grid line numbers every LINE_STEP
    lines left of every column, on the line's baseline."""
    page, grid = view_page
    top = sheet.y(page.top)
    for col in range(grid.columns):
        x = sheet.x(page.left + grid.column_x(col))
        text.draw(f"第{col + 1}栏", x + grid.span_width_pt(1) / 2, top + 3, 5.5, BLUE,
                  align="centre")
        for n in range(LINE_STEP, grid.lines + 1, LINE_STEP):
            y = sheet.y(page.top + grid.baseline_y(n - 1))
            text.draw(str(n), x - 0.8, y, NUMBER_SIZE, BLUE, align="right")


def _change_bars(c: Canvas, sheet: Sheet, bars) -> None:
    c.setFillColorRGB(*CHANGE)
    for x, y, h in bars:
        c.rect(sheet.x(x), sheet.y(y + h), 1.2, h, stroke=0, fill=1)


def _marks(c: Canvas, text: Writer, sheet: Sheet, numbered) -> None:
    for number, mark in numbered:
        x0, y0, x1, y1 = sheet.rect(*mark.rect)
        c.saveState()
        c.setStrokeColorRGB(*RED)
        c.setLineWidth(0.6)
        c.setFillColorRGB(*RED)
        c.setFillAlpha(0.08)
        c.rect(x0, y0, x1 - x0, y1 - y0, stroke=1, fill=1)
        if mark.kind == "glyph":           # a box with a cross: a character no font has
            c.line(x0, y0, x1, y1)
            c.line(x0, y1, x1, y0)
        c.restoreState()
        label = str(number)
        w = text.width(label, 5) + 2
        c.setFillColorRGB(*RED)
        c.rect(x0, y1, w, 6, stroke=0, fill=1)
        text.draw(label, x0 + 1, y1 + 1.3, 5, (1, 1, 1))


def _header(c: Canvas, text: Writer, sheet: Sheet, frame: PageFrame, h: Header) -> None:
    left = SIDE
    right = sheet.width - SIDE
    y = sheet.height - 8 * PT_PER_MM
    c.setFillColorRGB(*RED)
    c.rect(left, y - 2, 15 * PT_PER_MM, 13, stroke=0, fill=1)
    text.draw(WATERMARK, left + 7.5 * PT_PER_MM, y + 0.5, 10, (1, 1, 1), align="centre")
    facts = "  ".join(p for p in (h.paper or "（报名缺失）", h.date or "（日期缺失）", h.issue,
                                  f"第{frame.number}版", f"校次：{round_name(h.round)}") if p)
    text.draw(facts, left + 17 * PT_PER_MM, y + 0.5, 10)
    text.draw(f"生成 {h.build_date}", right, y + 0.5, 6.5, GREY, align="right")
    y -= 5.5 * PT_PER_MM
    source = f"源稿 {h.source}" + (f"   对照 {h.since}" if h.since else "")
    text.draw(text.fit(source, 6.5, (right - left) * 0.55), left, y, 6.5, GREY)
    x = right
    for label, _ in reversed(SIGN_OFF):
        name = dict(h.editors).get(label, "")
        field = f"{label}{'（' + name + '）' if name else ''}："
        c.setStrokeColorRGB(0, 0, 0)
        c.setLineWidth(0.4)
        c.line(x - 18 * PT_PER_MM, y - 1.5, x, y - 1.5)
        x = text.draw(field, x - 18 * PT_PER_MM - 1, y, 7, align="right") - 4 * PT_PER_MM
    c.setStrokeColorRGB(*GREY)
    c.setLineWidth(0.3)
    c.line(left, y - 5, right, y - 5)


def legend_line(number: int | None, mark) -> str:
    from .marks import KINDS
    head = f"{number}. " if number is not None else "· "
    source = f"  〔{mark.source()}〕" if mark.source() else ""
    return f"{head}{mark.where()} {KINDS[mark.kind]}：{mark.message}{source}"


def _legend_strip(c: Canvas, text: Writer, sheet: Sheet, numbered, spots) -> None:
    """This page's marks and changes, in two columns; what does not fit is
    counted and found on the legend sheets."""
    lines = [legend_line(n, m) for n, m in numbered]
    seen = set()
    for spot in spots:
        if id(spot.change) not in seen:
            seen.add(id(spot.change))
            lines.append(f"改 源稿第{spot.change.line}行：{spot.change.describe()}")
    left, right = SIDE, sheet.width - SIDE
    top = FOOTER - 5 * PT_PER_MM
    text.draw("本版图例" + ("（无标注）" if not lines else ""), left, top + 1, 7)
    rows = int((top - 4 * PT_PER_MM) // LEGEND_LEADING)
    width = (right - left - 6) / 2
    shown = lines[:2 * rows]
    if len(lines) > len(shown):
        shown = lines[:2 * rows - 1] + [f"……另有 {len(lines) - 2 * rows + 1} 条，见末页图例"]
    for i, line in enumerate(shown):
        col, row = divmod(i, rows)
        color = CHANGE if line.startswith("改 ") else (0, 0, 0)
        text.draw(text.fit(line, LEGEND_SIZE, width), left + col * (width + 6),
                  top - (row + 1) * LEGEND_LEADING, LEGEND_SIZE, color)


def draw_legend_sheets(c: Canvas, text: Writer, size: tuple[float, float], header: Header,
                       numbered, unplaced, notes) -> int:
    """Everything, in order: the marks by number, the changes with no place
    on the pages, the other warnings, each entry whole (wrapped, never cut).
    Returns the number of sheets."""
    lines: list[tuple[str, tuple]] = [(KEY, GREY)]
    lines += [(legend_line(n, m), (0, 0, 0)) for n, m in numbered]
    if unplaced:
        lines.append(("未上版面的改动：", CHANGE))
        lines += [(f"改 源稿第{ch.line}行：{ch.describe()}", CHANGE) for ch in unplaced]
    if notes:
        lines.append(("其他提示：", GREY))
        lines += [(legend_line(None, m), GREY) for m in notes]
    if len(lines) == 1:
        lines.append(("无标注。", (0, 0, 0)))
    width, height = size
    # every entry whole, wrapped where it is longer than the sheet is wide
    lines = [(part, color) for line, color in lines
             for part in text.wrap(line, 7, width - 2 * SIDE)]
    rows = int((height - 2 * HEADER) // (LEGEND_LEADING * 1.2))
    sheets = 0
    for start in range(0, len(lines), rows):
        sheets += 1
        c.setPageSize(size)
        text.draw(f"图例  {header.paper or '（报名缺失）'}  {header.date}  {header.issue}  "
                  f"校次：{round_name(header.round)}  （{sheets}）", SIDE, height - HEADER / 2, 10)
        for i, (line, color) in enumerate(lines[start:start + rows]):
            text.draw(line, SIDE, height - HEADER - i * LEGEND_LEADING * 1.2, 7, color)
        c.showPage()
    return sheets
