"""The validated design: frozen values built from a layout file (load.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping

from .grid import Grid, Page
from .units import PT_PER_MM, zihao_name


class Table(Mapping):
    """A small read-only, hashable, picklable mapping kept in file order."""

    def __init__(self, items: Mapping | None = None):
        self._items = tuple((items or {}).items())
        self._index = dict(self._items)

    def __getitem__(self, key):
        return self._index[key]

    def __iter__(self) -> Iterator:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(self._items)

    def __repr__(self) -> str:
        return f"Table({self._index!r})"


@dataclass(frozen=True)
class Calendar:
    lunar_months: str  # "numeric" (十一月 十二月) | "traditional" (冬月 腊月)


@dataclass(frozen=True)
class Style:
    font: str                 # a role in Layout.fonts
    size_pt: float
    lines: int | None         # 占行: body lines a one-line heading occupies
    align: str                # left | center | right | justify
    indent_chars: float
    leading_pt: float | None  # None: body grid pitch (body) / solid set (headings)
    frame: str                # none | box | reverse

    @property
    def size_name(self) -> str | None:
        return zihao_name(self.size_pt)


@dataclass(frozen=True)
class Rules:
    column_rule_pt: float
    module_rule_pt: float
    box_rule_pt: float


@dataclass(frozen=True)
class Masthead:
    paper_font: str
    paper_size_pt: float
    logo: Path | None
    lines: int
    columns: int
    fields: tuple[str, ...]


@dataclass(frozen=True)
class RunningHead:
    paper_size_pt: float
    fields: tuple[str, ...]
    rule_pt: float


@dataclass(frozen=True)
class Editors:
    labels: tuple[str, ...]
    position: str  # "running_head" if the running head shows them, else "foot"


@dataclass(frozen=True)
class Filler:
    name: str
    text: str
    style: str
    qr: bool = False


@dataclass(frozen=True)
class Pages:
    count: int | None   # None: the content decides
    limit: int          # most pages an issue may take
    even: bool


@dataclass(frozen=True)
class Layout:
    name: str
    source: str
    page: Page
    grid: Grid
    fonts: Table          # role → tuple of font file names (fallback chain)
    calendar: Calendar
    styles: Table         # role → Style
    rules: Rules
    masthead: Masthead
    running_head: RunningHead
    editors: Editors
    pages: Pages
    font_lines: Table = Table()   # font role → its line in the layout file, for messages

    @property
    def body_size_pt(self) -> float:
        return self.grid.body_size_pt

    @property
    def line_pitch_pt(self) -> float:
        return self.grid.line_pitch_pt

    @property
    def type_area(self) -> tuple[float, float]:
        return self.grid.type_area

    @property
    def page_size_pt(self) -> tuple[float, float]:
        """Trimmed page (bleed excluded)."""
        return self.page.width_mm * PT_PER_MM, self.page.height_mm * PT_PER_MM

    def style(self, role: str) -> Style:
        return self.styles[role]

    def type_area_origin_pt(self, page_number: int) -> tuple[float, float]:
        """PDF coordinates of the type area's top-left corner on the trimmed
        page. Odd pages are recto (inner margin on the left)."""
        left_mm = self.page.margin_inner_mm if page_number % 2 else self.page.margin_outer_mm
        return left_mm * PT_PER_MM, (self.page.height_mm - self.page.margin_top_mm) * PT_PER_MM

    def to_pdf(self, x: float, y: float, page_number: int) -> tuple[float, float]:
        """Grid coordinates (type area, y down) → PDF page coordinates (y up)."""
        ox, oy = self.type_area_origin_pt(page_number)
        return ox + x, oy - y

