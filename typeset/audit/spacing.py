"""Rule 9: spacing (warnings, counted).

A body line has at most MAX_HAN_GAP em added between two Han characters
side by side — measured from the drawn glyph positions: the next glyph's x
less this one's x and width — unless it is its paragraph's last line
(View.paragraphs) or the composer marked it (TextLine.loose: it found no
breaks without, or drove the line to level a column; the layout report counts
these per story, LayoutReport.loose_lines). What is checked is the drawn
glyphs, so a line drawn looser than the composer said is found too. One
finding per story and page, with the count.
"""

from __future__ import annotations

from ..chars import is_han
from ..compose.breaks import SPACED
from .view import Line, View

MAX_HAN_GAP = SPACED      # em: what the composer counts as loose is what the audit checks


def widest_han_gap(line: Line) -> float:
    """The most em between two neighbouring Han glyphs of the line."""
    widest = 0.0
    glyphs = line.element.glyphs
    for g, h in zip(glyphs, glyphs[1:]):
        gap = h.x - g.x - g.width
        if gap > widest and g.kind == "char" and h.kind == "char" and is_han(g.char) \
                and is_han(h.char):
            widest = gap
    return widest


def check_spacing(view: View):
    loose: dict[str, list[tuple[float, Line]]] = {}
    for paragraph in view.paragraphs():
        for line in paragraph[:-1]:
            gap = widest_han_gap(line)
            if gap > MAX_HAN_GAP + 1e-6 and not line.element.loose:
                loose.setdefault(line.story, []).append((gap, line))
    for story, lines in loose.items():
        by_page: dict[int, list[tuple[float, Line]]] = {}
        for gap, line in lines:
            by_page.setdefault(line.page, []).append((gap, line))
        for page, items in sorted(by_page.items()):
            items.sort(key=lambda item: item[1].order)
            widest = max(gap for gap, _ in items)
            yield view.at(items[0][1], f"{len(items)} body line(s) of {story} with more than "
                                       f"⅛ em between Han characters (widest {widest:.2f} em)")
