"""One placed page → canvas operators."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from ..frames import Box, PageFrame, Picture, ProofMark, QRCode, Rule, TextLine
from .glyphs import GlyphCache, TextWriter
from .images import cmyk_image
from .qr import QUIET_ZONE, qr_modules

CMYK = {
    "black": (0.0, 0.0, 0.0, 1.0),
    "white": (0.0, 0.0, 0.0, 0.0),
    "red": (0.0, 1.0, 1.0, 0.0),
    "tint": (0.0, 0.0, 0.0, 0.12),
}
PROOF_NOTE_SIZE = 6.0  # pt, the proof mark's message


class RenderError(ValueError):
    """An element the renderer cannot draw (unknown type or colour, unreadable picture)."""


def _cmyk(name: str) -> tuple[float, float, float, float]:
    try:
        return CMYK[name]
    except KeyError:
        raise RenderError(f"unknown colour {name!r} (known: {', '.join(CMYK)})") from None



class PageRenderer:
    def __init__(self, canvas: Canvas, fonts: GlyphCache, page: PageFrame, proof: bool,
                 profile: bytes | None = None):
        self.c = canvas
        self.profile = profile                  # ICC output profile pictures are separated to
        self.fonts = fonts
        self.page = page
        self.proof = proof
        self.dx = page.bleed                    # frame x → PDF x
        self.top = page.bleed + page.height     # PDF y = top − frame y
        self.fill: str | None = None            # fill colour in force (set only on change)
        self.stroke: str | None = None          # stroke colour in force

    def set_fill(self, name: str) -> None:
        """The fill colour; 100 K overprints (so black type never leaves a white
        gap on a misregistered plate), every other colour knocks out."""
        if name != self.fill:
            self.c.setFillColorCMYK(*_cmyk(name))
            self.c.setFillOverprint(name == "black")
            self.fill = name

    def set_stroke(self, name: str) -> None:
        if name != self.stroke:
            self.c.setStrokeColorCMYK(*_cmyk(name))
            self.c.setStrokeOverprint(name == "black")
            self.stroke = name

    def draw(self) -> None:
        self.c.setOverprintMask(1)   # overprinting 100 K leaves the other inks alone (OPM 1)
        for el in self.page.elements:
            if isinstance(el, TextLine):
                self.text_line(el)
            elif isinstance(el, Rule):
                self.rule(el)
            elif isinstance(el, Box):
                self.box(el)
            elif isinstance(el, QRCode):
                self.qr(el)
            elif isinstance(el, Picture):
                self.picture(el)
            elif isinstance(el, ProofMark):
                if self.proof:
                    self.proof_mark(el)
            else:
                raise RenderError(f"page {self.page.number}: cannot draw {type(el).__name__}")

    def text_line(self, line: TextLine) -> None:
        if not line.glyphs:
            return
        c, fonts, size = self.c, self.fonts, line.size
        x0 = self.dx + line.x
        y = self.top - line.baseline
        w = TextWriter(size, y)
        marks = []  # (kind, x pt, width pt, role, char) drawn after the text
        glyph = fonts.glyph
        for g in line.glyphs:
            kind = g.kind
            if kind == "space":
                continue
            gx = x0 + (g.x - g.offset) * size
            chars = g.char
            if kind == "char":
                first = True
                for ch in chars:
                    e = glyph(g.font, ch)
                    if e is not None:
                        w.put(e, gx if first else None)
                        first = False
            elif kind in ("dash", "ellipsis"):
                # the characters, invisible, scaled (Tz) to fill the mark's box exactly,
                # so extraction gives "——" with no gap inside or after it
                es = [e for e in map(glyph, (g.font,) * len(chars), chars) if e is not None]
                natural = sum(e[2] for e in es)
                scale = round(100.0 * g.width / natural, 2) if natural > 0 and g.width > 0 else 100.0
                for i, e in enumerate(es):
                    w.put(e, gx if i == 0 else None, mode=3, scale=scale)
                marks.append((kind, gx, g.width * size, g.font, chars[:1] or "\u2014"))
            else:
                raise RenderError(f"page {self.page.number}: unknown glyph kind {kind!r}")
        self.set_fill(line.color)
        c._code.append(w.finish())
        for kind, gx, width, role, ch in marks:
            shape = fonts.shape(role, ch)
            cy = y + shape.centre * size
            if kind == "dash":
                # one unbroken filled bar across the whole box (a filled rectangle,
                # not a stroked line: no line caps, no dependency on the stroke colour)
                t = shape.rule * size
                c._code.append("%.2f %.3f %.2f %.3f re f" % (gx, cy - t / 2, width, t))
            else:
                r = shape.dot * size / 2
                cell = width / 6
                p = c.beginPath()
                for i in range(6):
                    p.circle(gx + (i + 0.5) * cell, cy, r)
                c.drawPath(p, stroke=0, fill=1)

    def rule(self, r: Rule) -> None:
        c = self.c
        self.set_stroke(r.color)
        c.setLineWidth(r.width)
        c.setDash(list(r.dash) if r.dash else [])
        c.line(self.dx + r.x1, self.top - r.y1, self.dx + r.x2, self.top - r.y2)

    def box(self, b: Box) -> None:
        c = self.c
        fill = b.fill is not None
        stroke = b.stroke > 0
        if not (fill or stroke):
            return
        if fill:
            self.set_fill(b.fill)
        if stroke:
            self.set_stroke(b.color)
            c.setLineWidth(b.stroke)
            c.setDash([])
        c.rect(self.dx + b.x, self.top - b.y - b.h, b.w, b.h, stroke=int(stroke), fill=int(fill))

    def qr(self, q: QRCode) -> None:
        """Black modules on a white square; the 4-module quiet zone is inside `size`."""
        modules = qr_modules(q.data, "M")
        n = len(modules)
        border = QUIET_ZONE
        cell = q.size / (n + 2 * border)
        left = self.dx + q.x
        top = self.top - q.y
        c = self.c
        self.set_fill("white")
        c.rect(left, top - q.size, q.size, q.size, stroke=0, fill=1)
        self.set_fill("black")
        p = c.beginPath()
        for r, row in enumerate(modules):
            col = 0
            while col < n:
                if row[col]:
                    start = col
                    while col < n and row[col]:
                        col += 1
                    p.rect(left + (start + border) * cell,
                           top - (r + border + 1) * cell, (col - start) * cell, cell)
                else:
                    col += 1
        c.drawPath(p, stroke=0, fill=1)

    def picture(self, pic: Picture) -> None:
        """Drawn in CMYK: an RGB or grey picture is separated first (images.py)."""
        try:
            image = cmyk_image(pic.path, self.profile)
            self.c.drawImage(image, self.dx + pic.x, self.top - pic.y - pic.h, pic.w, pic.h,
                             preserveAspectRatio=True, anchor="c")
        except OSError as exc:
            raise RenderError(f"page {self.page.number}: picture {pic.path}: {exc}") from exc

    def proof_mark(self, m: ProofMark) -> None:
        c = self.c
        x, y = self.dx + m.x, self.top - m.y - m.h
        c.saveState()
        c.setFillOverprint(False)
        c.setStrokeOverprint(False)
        c.setFillColorCMYK(*CMYK["red"])
        c.setFillAlpha(0.15)
        c.setStrokeColorCMYK(*CMYK["red"])
        c.setLineWidth(0.5)
        c.setDash([])
        c.rect(x, y, m.w, m.h, stroke=1, fill=1)
        c.restoreState()
        # the note, in the first role's chain, just inside the mark's top-left corner
        role = next(iter(self.fonts.fonts.chains))
        w = TextWriter(PROOF_NOTE_SIZE, self.top - m.y - PROOF_NOTE_SIZE * 1.05)
        first = True
        for ch in m.message:
            e = self.fonts.glyph(role, ch)
            if e is not None:
                w.put(e, x + 1 if first else None)
                first = False
        self.set_fill("red")
        c._code.append(w.finish())

