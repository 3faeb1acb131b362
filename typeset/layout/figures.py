"""A story's pictures: under its headline, across its module, each with its
caption and credit under it (图为…… 记者 王伟 摄).

A picture takes the module's width (less a frame's padding) and the height
its aspect gives, but never more than MAX_SHARE of the type area's height: a
taller one is set narrower, centred. Its caption is set in the caption style
(measure.caption_style) across the same width, the credit after the caption
text. The whole block takes whole grid lines, so the body under it stays on
the grid; placement counts those lines as part of the head (占行).

The pictures were checked and opened before layout (typeset.pictures); the
resolution they print at is judged here, where the placed width is known.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..compose import Composer, Run
from ..design.units import HEADLINE_LINE
from ..diagnostics import Diagnostic
from ..frames import Element, Picture, TextLine
from ..pictures import PictureSource, resolution
from .measure import caption_style

MAX_SHARE = 0.45      # of the type area's height: a picture taller than this is set narrower
CAPTION_GAP = 0.3     # grid pitches between a picture and its caption
FOOT_GAP = 0.5        # grid pitches between a caption and the body under it


@dataclass(frozen=True)
class FigureBlock:
    lines: int                      # grid lines taken, from the block's top
    elements: tuple[Element, ...]   # relative to the block's top-left
    widths: tuple[float, ...]       # pt each picture is placed at (for its resolution)


def figure_block(pictures: tuple[PictureSource, ...], width_pt: float,
                 composer: Composer) -> FigureBlock:
    """The pictures stacked across `width_pt`, captions under each."""
    layout = composer.layout
    pitch = layout.line_pitch_pt
    tallest = MAX_SHARE * layout.grid.lines * pitch
    font, size, align = caption_style(composer, layout.body_size_pt)
    elements: list[Element] = []
    widths: list[float] = []
    y = 0.0
    for picture in pictures:
        px_w, px_h = picture.pixels
        w = width_pt
        h = w * px_h / px_w
        if h > tallest:            # too tall for the page: narrower, same aspect
            w, h = tallest * px_w / px_h, tallest
        elements.append(Picture((width_pt - w) / 2, y, w, h, picture.path))
        widths.append(w)
        y += h
        text = " ".join(part for part in (picture.caption, picture.credit) if part)
        if text:
            y += CAPTION_GAP * pitch
            lines = composer.paragraph((Run(text, font),), width_pt / size, 0, align,
                                       "left" if align == "justify" else align).lines
            for line in lines:
                y += size * HEADLINE_LINE.height
                elements.append(TextLine(0.0, y - size * HEADLINE_LINE.descent, size,
                                         line.glyphs, role="picture_caption"))
        y += FOOT_GAP * pitch
    return FigureBlock(math.ceil(y / pitch - 1e-6), tuple(elements), tuple(widths))


def resolution_warnings(pictures: tuple[PictureSource, ...],
                        widths: tuple[float, ...]) -> tuple[Diagnostic, ...]:
    """Each placed picture printing under typeset.pictures.WARN_PPI: a warning
    at its sidecar line (rule picture.print_ppi under PRINT_MIN_PPI: a build
    for print refuses it)."""
    found = (resolution(p, w, for_print=False) for p, w in zip(pictures, widths))
    return tuple(d for d in found if d is not None)
