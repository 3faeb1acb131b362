"""Glyph outlines as PDF path operators, read from a TrueType glyf table.

The slug line is information for the printer, not part of the issue's text:
drawn as outlines it is on every plate but never in the PDF's extracted text
(which must read as the issue and nothing else). Each glyph becomes one Form
XObject per document (marks.SlugGlyphs), placed by a `cm`. Reads the face reportlab
already has mapped (`_ttf_data`, `glyphPos` = loca, `charToGlyph`), so no font
file is parsed again.
"""

from __future__ import annotations

import struct

_MAX_DEPTH = 8   # composite glyph nesting


def glyph_path(face, ch: str) -> tuple[str, tuple[int, int, int, int] | None, float]:
    """The glyph `face` draws for `ch`: PDF path operators (m l c h) in font units,
    to be filled with the non-zero rule; its bounding box (font units, None when
    empty); its advance in em."""
    data = face._ttf_data
    glyf = face.get_table_pos("glyf")[0]
    loca = face.glyphPos
    gid = face.charToGlyph.get(ord(ch), 0)
    out: list[str] = []
    for contour in _contours(data, glyf, loca, gid, 0):
        _draw(out, contour)
    box = None
    if gid + 1 < len(loca) and loca[gid + 1] > loca[gid]:
        box = struct.unpack_from(">hhhh", data, glyf + loca[gid] + 2)
    return " ".join(out), box, face.getCharWidth(ord(ch)) / 1000.0


def _contours(data, glyf: int, loca, gid: int, depth: int) -> list[list[tuple[float, float, bool]]]:
    if gid + 1 >= len(loca) or depth > _MAX_DEPTH:
        return []
    start, end = loca[gid], loca[gid + 1]
    if end <= start:
        return []
    p = glyf + start
    (n,) = struct.unpack_from(">h", data, p)
    if n >= 0:
        return _simple(data, p, n)
    return _composite(data, glyf, loca, p + 10, depth)


def _simple(data, p: int, n: int) -> list[list[tuple[float, float, bool]]]:
    ends = struct.unpack_from(">%dH" % n, data, p + 10)
    if not ends:
        return []
    (n_instr,) = struct.unpack_from(">H", data, p + 10 + 2 * n)
    q = p + 12 + 2 * n + n_instr
    count = ends[-1] + 1
    flags = []
    while len(flags) < count:
        f = data[q]
        q += 1
        flags.append(f)
        if f & 8:
            flags.extend([f] * data[q])
            q += 1
    del flags[count:]
    xs, q = _coords(data, q, flags, 2, 16)
    ys, q = _coords(data, q, flags, 4, 32)
    contours, first = [], 0
    for last in ends:
        contours.append([(xs[i], ys[i], bool(flags[i] & 1)) for i in range(first, last + 1)])
        first = last + 1
    return contours


def _coords(data, q: int, flags, short: int, same: int) -> tuple[list[int], int]:
    values, v = [], 0
    for f in flags:
        if f & short:
            d = data[q]
            q += 1
            v += d if f & same else -d
        elif not f & same:
            (d,) = struct.unpack_from(">h", data, q)
            q += 2
            v += d
        values.append(v)
    return values, q


def _composite(data, glyf, loca, q: int, depth: int):
    contours = []
    while True:
        flags, gid = struct.unpack_from(">HH", data, q)
        q += 4
        if flags & 1:
            dx, dy = struct.unpack_from(">hh", data, q)
            q += 4
        else:
            dx, dy = struct.unpack_from(">bb", data, q)
            q += 2
        if not flags & 2:      # point-matched components: not used by our fonts; no offset
            dx = dy = 0
        a, b, c, d = 1.0, 0.0, 0.0, 1.0
        if flags & 8:
            (s,) = struct.unpack_from(">h", data, q)
            a = d = s / 16384.0
            q += 2
        elif flags & 0x40:
            sx, sy = struct.unpack_from(">hh", data, q)
            a, d = sx / 16384.0, sy / 16384.0
            q += 4
        elif flags & 0x80:
            a, b, c, d = (v / 16384.0 for v in struct.unpack_from(">hhhh", data, q))
            q += 8
        for contour in _contours(data, glyf, loca, gid, depth + 1):
            contours.append([(a * x + c * y + dx, b * x + d * y + dy, on) for x, y, on in contour])
        if not flags & 0x20:
            return contours


def _draw(out: list[str], contour) -> None:
    """One closed quadratic contour as lines and cubic curves (font units, rounded)."""
    pts = list(contour)
    if len(pts) < 2:
        return
    start = next((i for i, p in enumerate(pts) if p[2]), None)
    if start is None:       # all off-curve: start at the midpoint of the first two
        a, b = pts[0], pts[1]
        pts.insert(1, ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, True))
        start = 1
    pts = pts[start:] + pts[:start]
    cx, cy = pts[0][0], pts[0][1]
    out.append("%.0f %.0f m" % (cx, cy))
    ctrl = None
    for px, py, on in pts[1:] + pts[:1]:
        if on:
            if ctrl is None:
                out.append("%.0f %.0f l" % (px, py))
            else:
                cx, cy = _quad(out, cx, cy, ctrl, px, py)
                ctrl = None
            cx, cy = px, py
        else:
            if ctrl is not None:   # two off-curve points: an implied on-curve point between
                mx, my = (ctrl[0] + px) / 2, (ctrl[1] + py) / 2
                cx, cy = _quad(out, cx, cy, ctrl, mx, my)
            ctrl = (px, py)
    out.append("h")


def _quad(out, x0, y0, ctrl, x1, y1):
    qx, qy = ctrl
    out.append("%.0f %.0f %.0f %.0f %.0f %.0f c" % (
        x0 + 2 / 3 * (qx - x0), y0 + 2 / 3 * (qy - y0),
        x1 + 2 / 3 * (qx - x1), y1 + 2 / 3 * (qy - y1), x1, y1))
    return x1, y1
