"""Printer's marks in the slug, outside the BleedBox: crop marks, registration
targets, a colour bar and the slug line.

Page geometry (PDF user space, pt; the origin stays at the bleed's bottom-left
corner, so frame → PDF coordinates are those of a page without a slug):

    MediaBox  [-s, -s, W + 2b + s, H + 2b + s]    s = SLUG_MM
    BleedBox  [0, 0, W + 2b, H + 2b]               b = the page's bleed (3 mm)
    TrimBox   [b, b, W + b, H + b]

- Crop marks: 0.25 pt in registration colour (a Separation named All, on every
  plate), CROP_MARK_MM long, from the bleed edge outwards, on the trim lines.
- Registration targets at the middle of each side, centred in the slug.
- A colour bar in the top slug: solids, 80 % and 40 % tints of each ink, the
  two-colour overprints and a grey-balance pair (C50 M40 Y40 beside K50).
- The slug line in the bottom slug: paper, date, issue, page; source name and
  checksum, PDF/X flavour and output condition. Drawn as glyph outlines
  (outline.py), so it is on the plates but not in the PDF's text.
Nothing here reaches into the BleedBox.
"""

from __future__ import annotations

from reportlab.lib.colors import CMYKColorSep
from reportlab.pdfbase import pdfmetrics

from .outline import glyph_path

MM = 72 / 25.4
SLUG_MM = 10.0          # beyond the bleed edge, every side
CROP_MARK_MM = 5.0
MARK_WIDTH = 0.25       # pt
TARGET_R_MM = 2.0       # registration target circle radius; the cross is 1.5 × as long
PATCH_MM = 4.0
SLUG_TEXT_PT = 5.0
REGISTRATION = CMYKColorSep(1, 1, 1, 1, spotName="All")

# colour bar patches, left to right
PATCHES = ([(1, 0, 0, 0), (0.8, 0, 0, 0), (0.4, 0, 0, 0),
            (0, 1, 0, 0), (0, 0.8, 0, 0), (0, 0.4, 0, 0),
            (0, 0, 1, 0), (0, 0, 0.8, 0), (0, 0, 0.4, 0),
            (0, 0, 0, 1), (0, 0, 0, 0.8), (0, 0, 0, 0.4),
            (1, 1, 0, 0), (1, 0, 1, 0), (0, 1, 1, 0),
            (0.5, 0.4, 0.4, 0), (0, 0, 0, 0.5)])


def slug_pt() -> float:
    return SLUG_MM * MM


def draw_marks(c, page, glyphs: "SlugGlyphs", left_text: str, right_text: str) -> None:
    """Draw every mark for `page` (a PageFrame) on canvas `c`, outside its BleedBox."""
    b, w, h = page.bleed, page.width, page.height
    bw, bh = w + 2 * b, h + 2 * b       # bleed box size
    s = slug_pt()
    L = CROP_MARK_MM * MM
    c.saveState()
    c.setFillOverprint(False)
    c.setStrokeOverprint(False)
    c.setStrokeColor(REGISTRATION)
    c.setLineWidth(MARK_WIDTH)
    c.setDash([])
    c.setLineCap(0)
    # crop marks: on the trim lines, from the bleed edge outwards
    ops = []
    for x in (b, b + w):
        ops.append("%.3f %.3f m %.3f %.3f l" % (x, 0, x, -L))
        ops.append("%.3f %.3f m %.3f %.3f l" % (x, bh, x, bh + L))
    for y in (b, b + h):
        ops.append("%.3f %.3f m %.3f %.3f l" % (0, y, -L, y))
        ops.append("%.3f %.3f m %.3f %.3f l" % (bw, y, bw + L, y))
    c._code.append(" ".join(ops) + " S")
    # registration targets, centred in the slug at the middle of each side
    for cx, cy in ((b + w / 2, bh + s / 2), (b + w / 2, -s / 2),
                   (-s / 2, b + h / 2), (bw + s / 2, b + h / 2)):
        _target(c, cx, cy)
    # colour bar: top slug, from 10 mm right of the trim's left edge
    c.restoreState()
    c.saveState()
    size = PATCH_MM * MM
    y0 = bh + (s - size) / 2
    x = b + 10 * MM
    for cmyk in PATCHES:
        if x + size > b + w / 2 - 5 * MM:       # keep clear of the top target
            break
        c.setFillColorCMYK(*cmyk)
        c._code.append("%.3f %.3f %.3f %.3f re f" % (x, y0, size, size))
        x += size
    c.restoreState()
    # slug line: bottom slug, left part from the trim's left edge, right part to its right edge
    c.saveState()
    c.setFillColor(REGISTRATION)
    baseline = -s / 2 - SLUG_TEXT_PT * 0.35
    room = w / 2 - 2 * 5 * MM       # each half, clear of the crop marks and the target
    for text, align in ((left_text, "left"), (right_text, "right")):
        size = SLUG_TEXT_PT
        width = glyphs.width(text, size)
        if width > room:             # shrink a long line to fit its half
            size *= room / width
            width = room
        x = b + 5 * MM if align == "left" else b + w - 5 * MM - width
        glyphs.draw(c, text, x, baseline, size)
    c.restoreState()


def _target(c, cx: float, cy: float) -> None:
    r = TARGET_R_MM * MM
    arm = 1.5 * r
    c.circle(cx, cy, r, stroke=1, fill=0)
    c.circle(cx, cy, r / 2, stroke=1, fill=0)
    c._code.append("%.3f %.3f m %.3f %.3f l %.3f %.3f m %.3f %.3f l S" % (
        cx - arm, cy, cx + arm, cy, cx, cy - arm, cx, cy + arm))


class SlugGlyphs:
    """The slug line's glyphs: each (face, character) one Form XObject in font
    units, defined once per document (`define`, after the last page) and placed
    with a `cm` wherever it is used, so a 32-page issue carries each glyph once."""

    def __init__(self, font_for):
        self.font_for = font_for          # character → reportlab font name, or None
        self.glyphs: dict[tuple[str, str], tuple[str, str, tuple, float, float]] = {}

    def _glyph(self, ch: str):
        name = self.font_for(ch)
        if name is None:
            return None
        key = (name, ch)
        found = self.glyphs.get(key)
        if found is None:
            face = pdfmetrics.getFont(name).face
            path, box, advance = glyph_path(face, ch)
            form = "slug.%s.%04X" % (name, ord(ch))
            found = self.glyphs[key] = (form, path, box, advance, float(face.unitsPerEm))
        return found

    def width(self, text: str, size: float) -> float:
        return sum(g[3] for g in map(self._glyph, text) if g is not None) * size

    def draw(self, c, text: str, x: float, y: float, size: float) -> None:
        """Place text's glyphs from (x, baseline y); the fill colour is the caller's."""
        ops = []
        for g in map(self._glyph, text):
            if g is None:
                continue
            form, path, box, advance, upm = g
            if path:
                s = size / upm
                ops.append("q %.5f 0 0 %.5f %.3f %.3f cm /%s Do Q" % (
                    s, s, x, y, c._doc.getXObjectName(form)))
                c._formsinuse.append(form)
            x += advance * size
        if ops:
            c._code.append(" ".join(ops))

    def define(self, c) -> None:
        """Write the forms (call once, after the last page; reportlab allows
        forms to be used before they are defined)."""
        for form, path, box, _, _ in sorted(self.glyphs.values()):
            if not path:
                continue
            c.beginForm(form, *box)
            c._code.append(path + " f")
            c.endForm()
