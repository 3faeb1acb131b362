"""Placed pages: what the layout stage hands the renderer.

A page is its size and a flat tuple of elements at fixed positions. The
renderer only reads these; it decides nothing about placement. Coordinates
are PDF points on the trimmed page, origin at its top-left corner, y downwards
(the way layout staff measure); the renderer converts to PDF space and adds
the bleed around the trimmed page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Union

from .compose import Glyph


@dataclass(frozen=True)
class TextLine:
    """One composed line: glyph positions are em of `size` from `x`."""
    x: float
    baseline: float
    size: float                   # pt: one em
    glyphs: tuple[Glyph, ...]
    color: str = "black"          # black | white (on a reversed ground) | red
    role: str = "body"            # the text role (design/roles.py), for proofs and checks
    story: str | None = None      # the story it belongs to (item3), epigraph, or None
    loose: bool = False           # set more than ⅛ em a gap loose, as the composer reports
                                  # (no better breaks, or a line driven to level a column)


@dataclass(frozen=True)
class Rule:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.5            # pt
    color: str = "black"
    dash: tuple[float, ...] = ()  # PDF dash pattern in pt; () solid


@dataclass(frozen=True)
class Box:
    x: float
    y: float                      # top edge
    w: float
    h: float
    stroke: float = 0.0           # pt; 0 for none
    fill: str | None = None       # None | black | tint (light grey ground) | red
    color: str = "black"          # stroke colour


@dataclass(frozen=True)
class QRCode:
    x: float
    y: float                      # top edge
    size: float                   # side in pt, quiet zone included
    data: str                     # the URL it encodes


@dataclass(frozen=True)
class Picture:
    x: float
    y: float
    w: float
    h: float
    path: str


@dataclass(frozen=True)
class ProofMark:
    """A proofreader's mark: a warning drawn where it happens (proof PDFs only)."""
    x: float
    y: float
    w: float
    h: float
    message: str


Element = Union[TextLine, Rule, Box, QRCode, Picture, ProofMark]


@dataclass(frozen=True)
class PageFrame:
    number: int                   # folio, 1-based
    width: float                  # trimmed page, pt
    height: float
    bleed: float                  # pt on every side
    elements: tuple[Element, ...]


@dataclass(frozen=True)
class DocumentFrames:
    pages: tuple[PageFrame, ...]
    title: str                    # PDF metadata: paper name and date
    subject: str = ""


def shifted(element: Element, dx: float, dy: float) -> Element:
    """The element moved by (dx, dy)."""
    if isinstance(element, TextLine):
        return replace(element, x=element.x + dx, baseline=element.baseline + dy)
    if isinstance(element, Rule):
        return replace(element, x1=element.x1 + dx, y1=element.y1 + dy,
                       x2=element.x2 + dx, y2=element.y2 + dy)
    return replace(element, x=element.x + dx, y=element.y + dy)
