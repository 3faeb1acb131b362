"""The proof's marks: every finding drawn where it happens.

    marks = collect_marks(ready, view)

A Mark is one diagnostic with its place on a page (frame coordinates: pt on
the trimmed page, y down) and where a proofreader cites it — 第2版 第3栏
第45行 (grid column and line). What is marked:

- overset: a module whose text did not fit (the layout report);
- a character no font has: its glyph box (the renderer draws the fallback's
  .notdef there: a marked box, never a silent gap);
- loose lines: each body line with more than ⅛ em between Han characters
  (audit rule 9's measure, line by line rather than counted per story);
- rule breaks the composer could not avoid (the report's typography list);
- low-resolution pictures: under MIN_PPI as placed;
- jump problems and every other page-audit finding (audit rules 1–10);
- masthead facts that do not check (weekday, lunar date, date) on the masthead;
- text not placed, or out of reading order (check_text_kept, which stops a
  print build), listed without a place.

Diagnostics with no place on the pages (a parse warning) are listed too,
with page None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..audit import RULES, View, described
from ..audit.spacing import MAX_HAN_GAP, widest_han_gap
from ..check import check_text_kept
from ..design import BASELINE_RATIO
from ..diagnostics import TypesetError
from ..frames import Picture, TextLine
from ..pictures import WARN_PPI
from ..parse.source import read_source
from ..render.glyphs import _ignorable as draws_nothing   # the renderer's own test
from .diff import drawn_lines_of

MIN_PPI = WARN_PPI        # as the build warns (typeset.pictures): newsprint halftones want ~2× the screen

# kind → what the legend calls it
KINDS = {
    "overset": "超版",
    "glyph": "缺字",
    "loose": "稀行",
    "typography": "排版规则",
    "picture": "图片分辨率",
    "jump": "转版",
    "masthead": "报头",
    "audit": "版面检查",
    "lost": "漏字",
    "note": "提示",
}
MASTHEAD_RULES = ("masthead.",)


@dataclass(frozen=True)
class Mark:
    kind: str                                  # a key of KINDS
    message: str
    page: int | None = None                    # index into frames.pages; None: no place
    rect: tuple[float, float, float, float] | None = None   # x, y (top), w, h
    folio: int | None = None                   # 第N版
    column: int | None = None                  # grid column, 1-based
    line: int | None = None                    # grid line, 1-based
    file: str | None = None
    source_line: int | None = None

    def where(self) -> str:
        if self.folio is None:
            return "版外"
        out = f"第{self.folio}版"
        if self.column is not None:
            out += f" 第{self.column}栏"
        if self.line is not None:
            out += f" 第{self.line}行"
        return out

    def source(self) -> str:
        """The source file's name and line (the header names its folder)."""
        if not self.file:
            return ""
        name = Path(self.file).name
        return f"{name}:{self.source_line}" if self.source_line else name


def collect_marks(ready, view: View) -> list[Mark]:
    """Every mark of the issue, in page order, then top to bottom, left to
    right; marks with no place last."""
    issue, laid = ready.issue, ready.laid
    marks: list[Mark] = []
    marks += _audit(view, issue)
    marks += _loose(view, issue)
    marks += _glyphs(view, ready.fonts, issue)
    marks += _overset(view, issue)
    marks += _typography(view, laid.report.typography, issue)
    marks += _pictures(view, issue)
    marks += _masthead(view, issue)
    marks += _lost(laid.frames, issue)
    placed = sorted((m for m in marks if m.page is not None),
                    key=lambda m: (m.page, round(m.rect[1], 1), round(m.rect[0], 1), m.kind))
    return placed + [m for m in marks if m.page is None]


# ---- where things are

def _index(view: View, folio: int) -> int:
    return next(i for i, p in enumerate(view.pages) if p.number == folio)


def cell(view: View, folio: int, column: int | None, line: int | None):
    """The rectangle of grid column × line (a whole column, row or the type
    area where either is None)."""
    page = view.page(folio)
    grid = view.grid
    if column is None:
        x, w = page.left, page.width
    else:
        x, w = page.left + grid.column_x(column - 1), grid.span_width_pt(1)
    if line is None:
        y, h = page.top, page.height
    else:
        y, h = page.top + grid.line_top_y(line - 1), grid.body_size_pt
    return (x, y, w, h)


def _on_line(view: View, kind: str, line, message: str, issue) -> Mark:
    page = view.page(line.page)
    return Mark(kind, message, _index(view, line.page),
                (line.left, line.top, line.right - line.left, line.bottom - line.top),
                line.page, view.column_of(page, line.left),
                view.line_of(page, (line.top + line.bottom) / 2), issue.source,
                view.story_line(line.story))


# ---- the kinds

def _audit(view: View, issue):
    for rule in RULES:
        if rule.name == "audit.spacing":      # marked line by line (_loose)
            continue
        kind = "jump" if rule.name == "audit.jumps" else "audit"
        for f in rule.check(view):
            yield Mark(kind, described(rule, f),
                       _index(view, f.page), cell(view, f.page, f.column, f.line), f.page,
                       f.column, f.line, issue.source, view.story_line(f.story))


def _loose(view: View, issue):
    for paragraph in view.paragraphs():
        for line in paragraph[:-1]:          # a paragraph's last line may run short
            gap = widest_han_gap(line)
            if gap > MAX_HAN_GAP + 1e-6:
                yield _on_line(view, "loose", line,
                               f"{gap:.2f} em between Han characters (over ⅛ em)", issue)


def _glyphs(view: View, fonts, issue):
    lines = None
    for index, page in enumerate(view.laid.frames.pages):
        grid_page = view.pages[index]
        for e in page.elements:
            if not isinstance(e, TextLine):
                continue
            for g in e.glyphs:
                if g.kind != "char":
                    continue
                for ch in g.char:
                    if fonts.face_for(g.font, ch) is not None or draws_nothing(ch):
                        continue
                    if lines is None:
                        lines = read_source(issue.source).lines
                    at = next((n for n, text in enumerate(lines, 1) if ch in text), None)
                    x = e.x + g.x * e.size
                    y = e.baseline - BASELINE_RATIO * e.size
                    yield Mark("glyph", f"U+{ord(ch):04X} {ch}: no font of role {g.font} has it",
                               index, (x, y, max(g.width, 0.5) * e.size, e.size), page.number,
                               view.column_of(grid_page, x), view.line_of(grid_page, y + 1),
                               issue.source, at)


def _overset(view: View, issue):
    for page in view.pages:
        for m in page.modules:
            if m.report.overset_lines:
                yield Mark("overset", f"{m.key} overset by {m.report.overset_lines} lines",
                           _index(view, page.number),
                           (m.left, m.bottom - view.body, m.right - m.left, view.body),
                           page.number, view.column_of(page, m.left),
                           view.line_of(page, m.bottom - 1), issue.source,
                           view.story_line(m.key))


# a composer's report names its paragraph's source line, and a line within it:
# "issue.txt:105: line 3: expansion 0.667 em > 0.5 em"
AT_SOURCE_LINE = re.compile(r":(\d+): (?:line (\d+):)?")


def _typography(view: View, typography, issue):
    """At the paragraph's line the composer names (the paragraph's first
    drawn line without one), else at the story's first line."""
    if not typography:
        return
    first = {}
    for line in view.all_lines():
        if line.story is not None and line.story not in first:
            first[line.story] = line
    lines_of = drawn_lines_of(view.laid.frames, issue, read_source(issue.source).lines)
    by_element = {id(line.element): line for line in view.all_lines()}
    for key, problems in typography.items():
        for problem in problems:
            line = first.get(key)
            found = AT_SOURCE_LINE.search(problem)
            if found:
                drawn = lines_of.get(int(found.group(1)), [])
                n = int(found.group(2) or 1)
                if drawn:
                    line = by_element.get(id(drawn[min(n, len(drawn)) - 1][1]), line)
            if line is None:
                yield Mark("typography", f"{key}: {problem}", file=issue.source,
                           source_line=view.story_line(key))
            else:
                yield _on_line(view, "typography", line, f"{key}: {problem}", issue)


def _pictures(view: View, issue):
    for index, page in enumerate(view.pages):
        for pic in page.pictures:
            ppi = picture_ppi(pic)
            if ppi is not None and ppi < MIN_PPI:
                yield Mark("picture", f"{pic.path}: {ppi:.0f} ppi as placed, under {MIN_PPI:.0f}",
                           index, (pic.x, pic.y, pic.w, pic.h), page.number,
                           view.column_of(page, pic.x), view.line_of(page, pic.y + 1),
                           issue.source, None)


def picture_ppi(pic: Picture) -> float | None:
    """The lower of a picture's two resolutions as placed (pixels per inch)."""
    from PIL import Image
    try:
        with Image.open(pic.path) as image:
            width, height = image.size
    except OSError:
        return None
    return min(width / (pic.w / 72.0), height / (pic.h / 72.0)) if pic.w > 0 and pic.h > 0 \
        else None


def _masthead(view: View, issue):
    facts = [d for d in issue.diagnostics if d.rule and d.rule.startswith(MASTHEAD_RULES)]
    if not facts:
        return
    page = view.pages[0]
    heads = [line for line in page.lines if line.role in ("masthead", "running_head")]
    if heads:
        left = min(line.left for line in heads)
        top = min(line.top for line in heads)
        rect = (left, top, max(line.right for line in heads) - left,
                max(line.bottom for line in heads) - top)
    else:
        rect = cell(view, page.number, None, 1)
    for d in facts:
        yield Mark("masthead", d.message, 0, rect, page.number, None, None, d.file, d.line)


def _lost(frames, issue):
    try:
        check_text_kept(frames, issue)
    except TypesetError as exc:
        d = exc.diagnostic
        yield Mark("lost", d.message, file=d.file, source_line=d.line)


def issue_notes(ready) -> list[Mark]:
    """The issue's own warnings that have no place on a page (parse, fonts,
    layout), for the legend."""
    out = []
    for d in ready.issue.diagnostics + tuple(ready.fonts.notes) + ready.laid.report.warnings:
        if d.severity == "info" or (d.rule and d.rule.startswith(MASTHEAD_RULES)):
            continue
        out.append(Mark("note", d.message, file=d.file, source_line=d.line))
    return out
