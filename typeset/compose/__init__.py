"""The line composer: Chinese paragraph and headline text → lines of positioned glyphs.

Pure: widths come from a `Metrics` callable, nothing here reads fonts or writes PDF.
Steps, one module each: classes (character classes, pair rules) → prepare (units and
gaps, measured once) → breaks (total fit) → lines (justification, glyph positions);
headline (phrase-balanced headline lines); audit (typography checks on any lines);
composer (a design's styles bound to a font set's metrics, each paragraph composed once).
"""

from .audit import check_lines, check_text_lines
from .composer import Composer
from .headline import compose_headline
from .values import ComposedParagraph, Glyph, Line, Metrics, ParagraphStyle, Run
from .paragraph import compose_paragraph

__all__ = [
    "Run", "Metrics", "ParagraphStyle", "Glyph", "Line", "ComposedParagraph",
    "compose_paragraph", "compose_headline", "check_lines", "check_text_lines", "Composer",
]
