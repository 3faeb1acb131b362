"""Rule 4: one body size for news text per page.

Every line of role "body" on a page has the same size, except inside a
framed box (a link box: a Box with a frame and no fill around the line),
which may set its text its own way. Reported once per page and size that
is not the page's main one (the size most of its body lines have), at the
first line of that size.
"""

from __future__ import annotations

from collections import Counter

from .view import EPS, View


def _framed(page, line) -> bool:
    return any(b.stroke > 0 and b.fill is None
               and b.x - EPS <= line.left and line.right <= b.x + b.w + EPS
               and b.y - EPS <= line.top and line.bottom <= b.y + b.h + EPS
               for b in page.boxes)


def check_body_size(view: View):
    for page in view.pages:
        body = [line for line in page.lines if line.role == "body"]
        framed_boxes = [b for b in page.boxes if b.stroke > 0 and b.fill is None]
        if framed_boxes:
            body = [line for line in body if not _framed(page, line)]
        sizes = Counter(round(line.size, 2) for line in body)
        if len(sizes) < 2:
            continue
        main = max(sizes, key=lambda s: (sizes[s], -s))
        for size in sorted(sizes):
            if size == main:
                continue
            lines = [line for line in body if round(line.size, 2) == size]
            stories = sorted({line.story for line in lines if line.story})
            yield view.at(lines[0], f"body text at {size:g} pt ({sizes[size]} lines: "
                                    f"{', '.join(stories)}) on a page set at {main:g} pt "
                                    f"({sizes[main]} lines)")
