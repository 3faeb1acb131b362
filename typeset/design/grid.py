"""The page and its body grid: where every line and column of a page is.

Coordinates are pt, origin at the type area's top-left corner, y downwards.
"""

from __future__ import annotations

from dataclasses import dataclass

from .units import BASELINE_RATIO


@dataclass(frozen=True)
class Rebreak:
    """破栏: `total_chars` re-divided into `columns` equal columns of
    `column_chars` each. Columns stay whole characters so their lines fill
    exactly; the `leftover_chars` widen the gutters, shared equally, so a
    gutter may be a fraction of a character (it is blank, so that is harmless)."""
    total_chars: int
    columns: int
    column_chars: int
    base_gutter_chars: int
    leftover_chars: int

    @property
    def gutter_chars(self) -> float:
        if self.columns == 1:
            return 0.0
        return self.base_gutter_chars + self.leftover_chars / (self.columns - 1)

    def column_offset_chars(self, i: int) -> float:
        """Left edge of re-divided column i (0-based), in characters from the span's left."""
        if not 0 <= i < self.columns:
            raise ValueError(f"column {i} outside 0..{self.columns - 1}")
        return i * (self.column_chars + self.gutter_chars)


@dataclass(frozen=True)
class Grid:
    """The body grid. All results in pt, origin at the type area's top-left,
    y downwards. The character box of line k spans [k × pitch, k × pitch +
    body size]; its baseline is BASELINE_RATIO × body size below the box top,
    so every body baseline is a whole number of pitches from the first."""
    columns: int
    column_chars: int
    gutter_chars: int
    lines: int
    body_size_pt: float
    line_pitch_pt: float

    @property
    def leading_pt(self) -> float:
        return self.line_pitch_pt - self.body_size_pt

    @property
    def chars_across(self) -> int:
        return self.span_chars(self.columns)

    @property
    def type_area(self) -> tuple[float, float]:
        """(width, height) in pt; the height runs from the top of the first
        line's box to the bottom of the last line's box."""
        return self.chars_across * self.body_size_pt, self.lines_height_pt(self.lines)

    def _check_span(self, n: int) -> None:
        if not 1 <= n <= self.columns:
            raise ValueError(f"a span of {n} columns on a {self.columns}-column grid")

    def span_chars(self, n: int) -> int:
        """长栏: width of n base columns in characters, gutters included."""
        self._check_span(n)
        return n * self.column_chars + (n - 1) * self.gutter_chars

    def span_width_pt(self, n: int) -> float:
        return self.span_chars(n) * self.body_size_pt

    def column_x(self, col: int) -> float:
        """Left edge of base column col (0-based)."""
        if not 0 <= col < self.columns:
            raise ValueError(f"column {col} outside 0..{self.columns - 1}")
        return col * (self.column_chars + self.gutter_chars) * self.body_size_pt

    def line_top_y(self, line: int) -> float:
        """Top of the character box of body line `line` (0-based)."""
        if not 0 <= line < self.lines:
            raise ValueError(f"line {line} outside 0..{self.lines - 1}")
        return line * self.line_pitch_pt

    def baseline_y(self, line: int) -> float:
        return self.line_top_y(line) + BASELINE_RATIO * self.body_size_pt

    def lines_height_pt(self, n: int) -> float:
        """Height of n consecutive body lines, top of the first box to the bottom of the last."""
        return (n - 1) * self.line_pitch_pt + self.body_size_pt if n > 0 else 0.0

    def rebreak(self, total_chars: int, m: int) -> Rebreak:
        """破栏: divide a span of `total_chars` into m columns:
        (total − (m − 1) × gutter) ÷ m characters each, rounded down; the
        leftover widens the gutters (see `Rebreak`). 三破二 on 41 → 20 + 1 + 20."""
        if m < 1:
            raise ValueError(f"cannot divide into {m} columns")
        gutters = (m - 1) * self.gutter_chars
        width = (total_chars - gutters) // m
        if width < 1:
            raise ValueError(f"{total_chars} characters cannot be divided into {m} columns")
        return Rebreak(total_chars, m, width, self.gutter_chars, total_chars - gutters - m * width)


@dataclass(frozen=True)
class Page:
    width_mm: float
    height_mm: float
    bleed_mm: float
    margin_top_mm: float
    margin_bottom_mm: float
    margin_inner_mm: float
    margin_outer_mm: float

