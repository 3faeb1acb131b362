"""Rule 1: nothing overlaps.

No glyph box over another glyph box (of its own line or another), over a
rule, a box's frame, a QR code or a picture. A filled box is a ground, not
an obstacle, for the text its style sets on it: white text on a black (or
red) box — a reversed label — and black text on a tint. Any other text on a
filled box is an overlap (black on black cannot be read).
"""

from __future__ import annotations

from bisect import bisect_left

from .view import Line, Page, View

TOLERANCE = 0.05    # pt two boxes may share before they overlap (rounding, touching edges)
GROUND_FOR = {"black": {"white"}, "red": {"white"}, "tint": {"black", "red"}}


def _snippet(text: str) -> str:
    text = text.strip()
    return f"“{text[:12]}{'…' if len(text) > 12 else ''}”"


def _obstacles(page: Page):
    """(left, right, top, bottom, what, box) of every shape text may not touch;
    `box` is the filled Box for grounds (whose text colour decides)."""
    out = []
    for r in page.rules:
        half = r.width / 2
        out.append((min(r.x1, r.x2) - (half if r.x1 == r.x2 else 0),
                    max(r.x1, r.x2) + (half if r.x1 == r.x2 else 0),
                    min(r.y1, r.y2) - (half if r.y1 == r.y2 else 0),
                    max(r.y1, r.y2) + (half if r.y1 == r.y2 else 0), "a rule", None))
    for b in page.boxes:
        if b.stroke > 0:
            h = b.stroke / 2
            for edge in ((b.x - h, b.x + b.w + h, b.y - h, b.y + h),
                         (b.x - h, b.x + b.w + h, b.y + b.h - h, b.y + b.h + h),
                         (b.x - h, b.x + h, b.y - h, b.y + b.h + h),
                         (b.x + b.w - h, b.x + b.w + h, b.y - h, b.y + b.h + h)):
                out.append((*edge, "a box frame", None))
        if b.fill:
            out.append((b.x, b.x + b.w, b.y, b.y + b.h, f"a {b.fill} ground", b))
    for q in page.codes:
        out.append((q.x, q.x + q.size, q.y, q.y + q.size, "a QR code", None))
    for p in page.pictures:
        out.append((p.x, p.x + p.w, p.y, p.y + p.h, "a picture", None))
    return out


def _glyphs_overlap(a: Line, b: Line) -> bool:
    """Does any glyph box of `a` overlap one of `b` (their em boxes overlap
    vertically already)?"""
    boxes_b = b.glyph_boxes()
    for l1, r1, _ in a.glyph_boxes():
        for l2, r2, _ in boxes_b:
            if min(r1, r2) - max(l1, l2) > TOLERANCE:
                return True
    return False


def _self_overlap(line: Line) -> bool:
    """Does a glyph box of the line run into the next one?"""
    tolerance = TOLERANCE / line.size
    end = float("-inf")
    for g in line.element.glyphs:
        if g.kind == "space" or g.width <= 0:
            continue
        if end - g.x > tolerance:
            return True
        end = g.x + g.width
    return False


def check_overlap(view: View):
    for page in view.pages:
        lines = sorted(page.lines, key=lambda line: line.top)
        tops = [line.top for line in lines]
        tallest = max((line.bottom - line.top for line in lines), default=0.0)
        for i, a in enumerate(lines):
            if _self_overlap(a):
                yield view.at(a, f"{_snippet(a.text)} ({a.role}): its own glyphs overlap")
            for b in lines[i + 1:]:
                if b.top >= a.bottom - TOLERANCE:
                    break
                if (min(a.right, b.right) - max(a.left, b.left) > TOLERANCE
                        and _glyphs_overlap(a, b)):
                    yield view.at(a, f"{_snippet(a.text)} ({a.role}) overlaps "
                                     f"{_snippet(b.text)} ({b.role})")
        for left, right, top, bottom, what, ground in _obstacles(page):
            start = bisect_left(tops, top - tallest)
            for line in lines[start:]:
                if line.top >= bottom - TOLERANCE:
                    break
                if line.bottom - top <= TOLERANCE:
                    continue
                if min(right, line.right) - max(left, line.left) <= TOLERANCE:
                    continue
                if ground is not None:
                    inside = (line.left >= left - TOLERANCE and line.right <= right + TOLERANCE
                              and line.top >= top - TOLERANCE
                              and line.bottom <= bottom + TOLERANCE)
                    if inside and line.element.color in GROUND_FOR.get(ground.fill, ()):
                        continue      # a style's reversed label or tint ground
                if any(min(right, r) - max(left, l) > TOLERANCE
                       for l, r, _ in line.glyph_boxes()):
                    yield view.at(line, f"{_snippet(line.text)} ({line.role}, "
                                        f"{line.element.color}) over {what}")
