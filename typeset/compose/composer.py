"""The composer a build makes once and hands to layout: text in a design's
styles, with a font set's metrics, each paragraph composed once.

Layout asks it for paragraphs many times over (every width, rank and variant
it tries); the cache by (runs, measure, indent, alignment) makes the second
ask free.
"""

from __future__ import annotations

from ..design import Layout, Style
from .breaks import SPACED
from .paragraph import compose_paragraph, prepare_paragraph
from .values import ComposedParagraph, Metrics, ParagraphStyle, Run


class Composer:
    def __init__(self, layout: Layout, metrics: Metrics):
        self.layout = layout
        self.metrics = metrics
        self.column_em = float(layout.grid.column_chars)
        self._cache: dict = {}
        self._prepared: dict = {}     # (runs, measure) → prepare_paragraph's

    def paragraph(self, runs: tuple[Run, ...], measure: float, indent: float = 0.0,
                  align: str = "justify", last_line: str = "left") -> ComposedParagraph:
        key = (runs, measure, indent, align, last_line)
        found = self._cache.get(key)
        if found is None:
            found = compose_paragraph(runs, ParagraphStyle(measure, indent, align, last_line),
                                      self.metrics, prepared=self._items(runs, measure))
            self._cache[key] = found
        return found

    def paragraph_in(self, runs: tuple[Run, ...], style: ParagraphStyle, lines: int,
                     tol: float = SPACED) -> ComposedParagraph | None:
        """The paragraph set in exactly `lines` lines, none more than `tol` em
        a gap loose, or None (compose_paragraph's `lines`)."""
        key = (runs, style, lines, tol)
        if key not in self._cache:
            self._cache[key] = compose_paragraph(runs, style, self.metrics, lines, tol,
                                                 self._items(runs, style.measure))
        return self._cache[key]

    def _items(self, runs: tuple[Run, ...], measure: float):
        key = (runs, float(measure))
        found = self._prepared.get(key)
        if found is None:
            found = self._prepared[key] = prepare_paragraph(runs, self.metrics, measure)
        return found

    def style(self, role: str) -> Style:
        return self.layout.style(role)

    def width(self, text: str, font: str) -> float:
        """Natural width of `text` in em of its size."""
        advance = self.metrics.advance
        return sum(advance(font, c) for c in text)
