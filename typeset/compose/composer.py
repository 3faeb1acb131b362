"""The composer a build makes once and hands to layout: text in a design's
styles, with a font set's metrics, each paragraph composed once.

Layout asks it for paragraphs many times over (every width, rank and variant
it tries); the cache by (runs, measure, indent, alignment) makes the second
ask free.
"""

from __future__ import annotations

from dataclasses import replace

from ..design import Layout, Style
from .breaks import EPS, SPACED
from .paragraph import compose_paragraph, prepare_paragraph
from .values import ComposedParagraph, Glyph, Line, Metrics, ParagraphStyle, Run

NATURAL_MEASURE = 1000.0    # em: wider than any one line of a headline


class Composer:
    def __init__(self, layout: Layout, metrics: Metrics):
        self.layout = layout
        self.metrics = metrics
        self.column_em = float(layout.grid.column_chars)
        self._cache: dict = {}
        self._prepared: dict = {}     # (runs, measure) → prepare_paragraph's
        self._natural: dict = {}      # (text, font) → its line at its natural width

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

    def lines(self, text: str, font: str, measure: float,
              align: str = "center") -> tuple[Line, ...]:
        """`text` set unjustified (`align`: left, center or right) at
        `measure`: as paragraph() sets it, but a text no wider than the
        measure — a headline's line, which compose_headline made fit — is
        composed once for every measure: only its alignment shift depends on
        the measure (layout asks for each title at every width and rank)."""
        natural = self._natural_line(text, font)
        if natural is None or natural.width > measure + EPS:
            return tuple(self.paragraph((Run(text, font),), measure, 0, align, align).lines)
        gap = measure - natural.width
        shift = gap if align == "right" else gap / 2 if align == "center" else 0.0
        if shift <= 0:
            return (natural,)
        return (replace(natural, glyphs=tuple(Glyph(g.char, g.font, g.x + shift, g.width, g.kind,
                                                    g.offset) for g in natural.glyphs)),)

    def _natural_line(self, text: str, font: str) -> Line | None:
        """The text on one left-aligned line of its natural width, or None."""
        key = (text, font)
        if key not in self._natural:
            found = self.paragraph((Run(text, font),), NATURAL_MEASURE, 0, "left", "left").lines
            self._natural[key] = found[0] if len(found) == 1 else None
        return self._natural[key]

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
