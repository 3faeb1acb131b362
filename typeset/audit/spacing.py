"""Rule 9: spacing (warnings, counted).

A body line has at most MAX_HAN_GAP em added between two Han characters
side by side — measured from the drawn glyph positions: the next glyph's x
less this one's x and width — unless it is its paragraph's last line
(View.paragraphs) or the composer marked it: the composer reports, per
story, how many of its lines it set looser than ¼ em a gap
(LayoutReport.loose_lines); that many of the story's loosest such lines are
its marked ones. One finding per story and page, with the count.
"""

from __future__ import annotations

from ..chars import is_han
from .view import Line, View

MAX_HAN_GAP = 0.125       # em
COMPOSER_LOOSE = 0.25     # em a gap: what the composer counts as loose (compose.paragraph)


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
            if gap > MAX_HAN_GAP + 1e-6:
                loose.setdefault(line.story, []).append((gap, line))
    marked_counts = view.report.loose_lines
    for story, lines in loose.items():
        marked = int(marked_counts.get(story, 0) or 0)
        over = sorted((item for item in lines if item[0] > COMPOSER_LOOSE + 1e-6),
                      key=lambda item: -item[0])
        excused = {id(line) for _, line in over[:marked]}
        left = [(gap, line) for gap, line in lines if id(line) not in excused]
        by_page: dict[int, list[tuple[float, Line]]] = {}
        for gap, line in left:
            by_page.setdefault(line.page, []).append((gap, line))
        for page, items in sorted(by_page.items()):
            items.sort(key=lambda item: item[1].order)
            widest = max(gap for gap, _ in items)
            yield view.at(items[0][1], f"{len(items)} body line(s) of {story} with more than "
                                       f"⅛ em between Han characters (widest {widest:.2f} em)")
