"""Headline blocks: the title group across the top of a module, per width.

Stacked top to bottom: section banner band, series label / rubric (reversed
boxes), kicker 引题, main title 主题, subtitle 副题 or deck ——访…, then a
document's deck (its date or occasion line, ——2026年1月26日在…会议上) in the
deck style, then a byline that stands under the head (its issuing official)
in the byline style. Each text line is broken at phrase boundaries (compose_headline)
and centred. A brief's title and a link box's label are set at the smallest
rank whatever the module; a link box's head stands inside its frame. The block
occupies a whole number of body lines (占行), at least its rank's `lines`; a
story without a title has no head (only its banner's label, if any).
Elements are placed relative to the module's top-left corner.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from ..compose import Composer, Run, compose_headline
from ..design.units import HEADLINE_LINE, LABEL_CENTRE
from ..frames import Box, Element, TextLine, shifted
from ..model import Article, Byline, Continuation, Headline
from ..pictures import PictureSource
from .figures import FigureBlock, figure_block
from .measure import BOX_PAD, boxed, credit_lines, fixed_rank, has_title

GROUP_GAP = 0.35      # em of the following group between kicker / main / subtitle
BYLINE_GAP = 0.8      # em of the byline between the title group and a byline under it
BANNER_BAND = 1.9     # a banner's reversed band, in em of its size
LABEL_BOX = 1.7       # a rubric or series label's box height, in em of its size
LABEL_PAD = 0.6       # em of the label's size either side of its text
LABEL_GAP = 0.5       # em of the label's size between it and the title group
BANNER_GAP = 0.4      # grid pitches between a banner band and the title group
FOOT_AIR = 0.6        # grid pitches of air under a title group, counted into its 占行
CENTRE_SHIFT = 0.45   # grid pitches kept out of centring (the module rule's side)


@dataclass(frozen=True)
class HeadBlock:
    lines: int                      # 占行: grid lines occupied
    elements: tuple[Element, ...]   # relative to the module's top-left
    main_lines: int                 # lines the main title needed (more than 2 reads badly)
    text: tuple[str, ...]           # the printed strings, for the report


def headline_block(head: Headline | None, banner: str | None, width_pt: float, rank: int,
                   composer: Composer, extra_lines: int = 0, role: str | None = None,
                   byline: Byline | None = None,
                   banner_width_pt: float | None = None) -> HeadBlock:
    """`role`: the main title's text role when it is not the rank's own (a
    continued story's short title, repeated from its first part). `byline`:
    a credit standing under the head (a document's issuing official, 河北省
    人民政府省长 王正谱), set under title, subtitle and deck in the byline style.
    `banner_width_pt`: the banner's band runs this wide (over the banner's
    stories beside this one), else the block's width.

    A story without a title (no main title, kicker or subtitle) has no head:
    the block is only what it draws — its banner's label, if any — and takes
    no air, so its text starts at the top of its module."""
    layout = composer.layout
    pitch = layout.line_pitch_pt
    elements: list[Element] = []
    texts: list[str] = []
    y = 0.0

    if banner:
        style = composer.style("rubric")
        band_w = banner_width_pt or width_pt
        # a banner too long for the module's width takes more lines: its band
        # grows with them, the lines centred in it
        step = style.size_pt * HEADLINE_LINE.height
        count = round(_centred_lines([], [], [banner], style.font, style.size_pt, band_w, 0.0,
                                     composer, "banner") / step)
        band = style.size_pt * BANNER_BAND + (count - 1) * step
        color = _framed(elements, style.frame, 0, y, band_w, band, composer)
        y = _centred_lines(elements, texts, [banner], style.font, style.size_pt, band_w,
                           y + band * 0.5 - style.size_pt * LABEL_CENTRE - (count - 1) * step / 2,
                           composer, "banner", color, align="center")
        y = band + pitch * BANNER_GAP
    banner_foot = y
    titled = has_title(head)

    labels = [label for label in (head.series, head.rubric) if label] if head else []
    if labels:     # series label and rubric side by side, a new row when they do not fit
        style = composer.style("rubric")
        pad = style.size_pt * LABEL_PAD
        h = style.size_pt * LABEL_BOX
        x = 0.0
        for label in labels:
            box_w = _set_width(label, style.font, composer) * style.size_pt + 2 * pad
            if x and x + box_w > width_pt:
                x, y = 0.0, y + h + style.size_pt * LABEL_GAP
            color = _framed(elements, style.frame, x, y, box_w, h, composer)
            before = len(elements)
            _centred_lines(elements, texts, [label], style.font, style.size_pt, box_w,
                           y + h * 0.5 - style.size_pt * LABEL_CENTRE, composer, "rubric", color,
                           align="center")
            elements[before:] = [replace(e, x=e.x + x) for e in elements[before:]]
            x += box_w + pad
        y += h + style.size_pt * LABEL_GAP

    rank_style = composer.style(f"headline{rank}")
    main_lines = 0
    if head and head.kicker:
        style = composer.style("kicker")
        y = _centred_lines(elements, texts, head.kicker, style.font, style.size_pt, width_pt, y,
                           composer, "kicker", align=style.align)
        y += style.size_pt * GROUP_GAP
    if head and head.main:
        before = len(elements)
        y = _centred_lines(elements, texts, head.main, rank_style.font, rank_style.size_pt,
                           width_pt, y, composer, role or f"headline{rank}",
                           align=rank_style.align)
        main_lines = len(elements) - before
    if head and head.subtitle:
        deck = head.subtitle[0].startswith("——")
        style = composer.style("deck" if deck else "subtitle")
        y += style.size_pt * GROUP_GAP
        y = _centred_lines(elements, texts, head.subtitle, style.font, style.size_pt, width_pt, y,
                           composer, "deck" if deck else "subtitle", align=style.align)
    if head and head.deck:      # a document's date or occasion line, under title and subtitle
        style = composer.style("deck")
        y += style.size_pt * GROUP_GAP
        y = _centred_lines(elements, texts, head.deck, style.font, style.size_pt, width_pt, y,
                           composer, "deck", align=style.align)
    if byline is not None:      # the issuing official under the whole title group
        style = composer.style("byline")
        align = style.align if style.align in ("left", "center", "right") else "center"
        y += style.size_pt * BYLINE_GAP
        y = _centred_lines(elements, texts,
                           credit_lines(byline, width_pt / style.size_pt, style.font, composer),
                           style.font, style.size_pt, width_pt, y, composer, "byline",
                           align=align)
    if not titled:             # no head: only what it drew, and no air
        if y <= banner_foot:
            lines = max(1, math.ceil(y / pitch)) if y else 0
        else:
            lines = math.ceil((y + pitch * FOOT_AIR) / pitch)
        return HeadBlock(lines, tuple(elements), 0, tuple(texts))
    needed = math.ceil((y + pitch * FOOT_AIR) / pitch)
    lines = max(needed, rank_style.lines or 2) + extra_lines
    # Centre the title group in the lines it occupies (the labels stay on top).
    shift = (lines * pitch - pitch * CENTRE_SHIFT - y) / 2
    if shift > 0:
        moved = []
        for element in elements:
            if isinstance(element, TextLine) and element.role not in ("rubric", "banner"):
                moved.append(TextLine(element.x, element.baseline + shift, element.size,
                                      element.glyphs, element.color, element.role))
            else:
                moved.append(element)
        elements = moved
    return HeadBlock(lines, tuple(elements), main_lines, tuple(texts))


def _set_width(text: str, font: str, composer: Composer) -> float:
    """A line's width in em as the composer sets it (a space between Han
    characters is set wider than the font's own space)."""
    glyphs = composer.paragraph((Run(text, font),), float(len(text) + 1) * 2, 0, "left",
                                "left").lines[0].glyphs
    return max((g.x + g.width for g in glyphs), default=0.0)


def _framed(elements: list, frame: str, x: float, y: float, w: float, h: float,
            composer: Composer) -> str:
    """The style's frame behind a label — reverse: white on black; box: a ruled
    box; none: nothing — and the colour its text takes."""
    if frame == "reverse":
        elements.append(Box(x, y, w, h, fill="black"))
        return "white"
    if frame == "box":
        elements.append(Box(x, y, w, h, stroke=composer.layout.rules.box_rule_pt))
    return "black"


def _centred_lines(elements: list, texts: list, sources, font: str, size: float, width_pt: float,
                   y: float, composer: Composer, role: str, color: str = "black",
                   align: str = "center") -> float:
    """Break each source line at phrase boundaries to fit the width, append
    the composed lines, return the y below the last one."""
    measure = width_pt / size
    for source in sources:
        for text in compose_headline(source, measure, composer.metrics, font):
            for line in composer.lines(text, font, measure, align):
                y += size * HEADLINE_LINE.height
                elements.append(TextLine(0.0, y - size * HEADLINE_LINE.descent, size,
                                         line.glyphs, color, role))
            texts.append(text)
    return y


class HeadCache:
    """Headline blocks by (story, width, rank, continued, air), each composed
    once: placement asks for their height many times, drawing for their elements.
    A story's pictures (`pictures`: story key → its pictures) stand under its
    headline, across the module (figures.py): part of its head's 占行, so
    placement counts them wherever the story goes; a continued part has none."""

    def __init__(self, composer: Composer,
                 pictures: dict[str, tuple[PictureSource, ...]] | None = None):
        self.composer = composer
        self.pictures = pictures or {}
        self.blocks: dict[tuple, HeadBlock] = {}
        self.figures: dict[tuple[str, float], FigureBlock] = {}

    def figure(self, key: str, item, k: int) -> FigureBlock | None:
        """The story's pictures and captions in its module k columns wide
        (inside a frame's padding), or None."""
        if key not in self.pictures:
            return None
        width = self.composer.layout.grid.span_width_pt(k) - 2 * self._pad(item)
        found = self.figures.get((key, width))
        if found is None:
            found = self.figures[(key, width)] = figure_block(self.pictures[key], width,
                                                              self.composer)
        return found

    def _pad(self, item) -> float:
        """pt a framed story's head and pictures keep clear of each side of its frame."""
        return BOX_PAD * self.composer.layout.body_size_pt if boxed(item) else 0.0

    def block(self, key: str, item, banner: str | None, k: int, rank: int, continued: bool,
              air: int = 0, banner_k: int | None = None) -> HeadBlock:
        """The block at `rank`, or at the rank the story's kind fixes (a brief,
        a link box: headline4) whatever rank placement asks for; `banner_k`:
        the columns its banner's band runs across (else k)."""
        rank = fixed_rank(item) or rank
        cache_key = (key, k, rank, continued, air, banner_k)
        found = self.blocks.get(cache_key)
        if found is None:
            layout = self.composer.layout
            width = layout.grid.span_width_pt(k)
            pad = self._pad(item)
            if pad:            # a line of air more, so the label clears the frame's top
                air += 1
            if continued:      # the continued part: the story's short title, repeated
                found = headline_block(Headline((short_title(item),)), None, width - 2 * pad,
                                       rank, self.composer, air, role="continued_title")
            else:
                headline = item.headline if isinstance(item, (Article, Continuation)) else None
                found = headline_block(headline, banner, width - 2 * pad, rank, self.composer,
                                       air, byline=head_byline(item),
                                       banner_width_pt=banner_k and layout.grid.span_width_pt(
                                           banner_k) - 2 * pad)
                figure = self.figure(key, item, k)
                if figure is not None:     # under the headline, on the grid line after it
                    top = found.lines * layout.line_pitch_pt
                    found = replace(found, lines=found.lines + figure.lines,
                                    elements=found.elements + tuple(
                                        shifted(e, 0.0, top) for e in figure.elements))
            if pad:            # inside the frame, clear of its sides
                found = replace(found, elements=tuple(shifted(e, pad, 0.0)
                                                      for e in found.elements))
            self.blocks[cache_key] = found
        return found

    def band_lines(self, banner: str, k: int) -> int:
        """Grid lines a banner's band takes k columns wide, with the gap under it."""
        return self.block("", None, banner, k, 4, False).lines


def short_title(item) -> str:
    """A continued story's title over its continuation: its first title line."""
    if isinstance(item, (Article, Continuation)) and item.headline and item.headline.main:
        return item.headline.main[0].rstrip("，、：；")
    return "续"


def head_byline(item) -> Byline | None:
    """The story's byline when it stands under the head (Byline.position "head")."""
    byline = getattr(item, "byline", None)
    return byline if byline is not None and byline.position == "head" else None
