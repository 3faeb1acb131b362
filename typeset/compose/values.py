"""The composer's input and output values (frozen dataclasses, all widths in em)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from .breaks import SPACED


@dataclass(frozen=True)
class Run:
    """A styled piece of paragraph text."""
    text: str
    font: str = "song"     # font role name (song, hei, kai, heavy ...)


class Metrics(Protocol):
    def advance(self, font: str, char: str) -> float: ...   # advance width in em


@dataclass(frozen=True)
class ParagraphStyle:
    measure: float          # line width in em of the body size (a whole number of characters)
    indent: float = 2.0     # first-line indent in em
    align: str = "justify"  # justify | left | center | right
    last_line: str = "left" # alignment of a justified paragraph's last line


@dataclass(frozen=True)
class Glyph:
    char: str          # source text: one char, or the pair "——" / "……" drawn as one
    font: str          # font role
    x: float           # em from the line start (left edge of the glyph box)
    width: float       # em given to it after compression / justification of its box
    kind: str = "char" # char | dash (one 2 em rule) | ellipsis (six dots) | space
    offset: float = 0.0  # em to shift the drawn glyph left inside its box: draw at x - offset


@dataclass(frozen=True)
class Line:
    glyphs: tuple[Glyph, ...]
    width: float          # indent + natural width + adjustments (the measure when justified)
    last: bool            # last line of its paragraph
    gap_expansion: float  # em added per justification gap (0 for last/unjustified lines)

    @property
    def loose(self) -> bool:
        """Letter-spaced: more than ⅛ em added a gap (breaks.SPACED)."""
        return self.gap_expansion > SPACED + 1e-9


@dataclass(frozen=True)
class ComposedParagraph:
    lines: tuple[Line, ...]
    loose_lines: int              # lines whose per-gap expansion > ⅛ em (breaks.SPACED)
    violations: tuple[str, ...]   # human-readable; empty when clean

    @property
    def text(self) -> str:
        """Every glyph's source text in order: equals the input text (see lines.py)."""
        return "".join(g.char for line in self.lines for g in line.glyphs)


_new = object.__new__


def make_glyph(char: str, font: str, x: float, width: float, kind: str = "char",
               offset: float = 0.0) -> Glyph:
    """Glyph without the frozen-dataclass __init__ (one object.__setattr__ per field):
    lines are built a glyph per character, and this is 3× faster. Same value."""
    g = _new(Glyph)
    g.__dict__.update(char=char, font=font, x=x, width=width, kind=kind, offset=offset)
    return g
