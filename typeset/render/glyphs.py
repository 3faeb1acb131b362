"""Per-document glyph cache and the text operator writer."""

from __future__ import annotations

import struct
import unicodedata

from reportlab.pdfbase import pdfmetrics, ttfonts

from ..fonts import FontSet


def _ignorable(ch: str) -> bool:
    return (unicodedata.category(ch) in ("Cc", "Cf") or "\ufe00" <= ch <= "\ufe0f"
            or "\U000e0100" <= ch <= "\U000e01ef")


class _FaceShape:
    """Where a face draws the 破折号 rule and the 省略号 dots (em above baseline, em)."""

    def __init__(self, font: ttfonts.TTFont):
        face = font.face
        upm = float(face.unitsPerEm)
        # The ideographic em box runs from descent to ascent (-0.12 .. 0.88 em in
        # Noto CJK and WenKai); its centre (0.38 em) is where GB/T 15834 puts both
        # marks. Noto SC's own U+2014 sits lower (0.27 em, the Latin dash height),
        # so only its stroke thickness is taken from the font.
        self.centre = (face.ascent + face.descent) / 2000.0
        dash = self._bbox(face, 0x2014)
        dots = self._bbox(face, 0x2026)
        self.rule = min(max((dash[3] - dash[1]) / upm, 0.04), 0.12) if dash else 0.06
        self.dot = min(max((dots[3] - dots[1]) / upm, 0.07), 0.14) if dots else 0.1

    @staticmethod
    def _bbox(face, cp: int):
        gid = face.charToGlyph.get(cp)
        if not gid:
            return None
        pos = face.glyphPos[gid]
        if face.glyphPos[gid + 1] == pos:  # empty glyph
            return None
        start = face.get_table_pos("glyf")[0]
        return struct.unpack_from(">hhhh", face._ttf_data, start + pos + 2)


class GlyphCache:
    """Per-document cache: (role, char) → (subset font ref, hex code, advance em)."""

    def __init__(self, fonts: FontSet, doc, fallback: str):
        self.fonts = fonts
        self.doc = doc
        self.fallback = fallback  # draws .notdef for a character no face has
        self.glyphs: dict[tuple[str, str], tuple[str, str, float] | None] = {}
        self.shapes: dict[str, _FaceShape] = {}

    def glyph(self, role: str, ch: str) -> tuple[str, str, float] | None:
        key = (role, ch)
        try:
            return self.glyphs[key]
        except KeyError:
            pass
        name = self.fonts.face_for(role, ch)
        if name is None and _ignorable(ch):
            entry = None  # variation selectors, joiners: nothing to draw
        else:
            font = pdfmetrics.getFont(name or self.fallback)
            ((subset, code),) = font.splitString(ch, self.doc)
            ref = font.getSubsetInternalName(subset, self.doc)
            entry = (ref, "%02X" % code[0], font.face.getCharWidth(ord(ch)) / 1000.0)
        self.glyphs[key] = entry
        return entry

    def shape(self, role: str, ch: str) -> _FaceShape:
        name = self.fonts.face_for(role, ch) or self.fallback
        shape = self.shapes.get(name)
        if shape is None:
            shape = self.shapes[name] = _FaceShape(pdfmetrics.getFont(name))
        return shape


class TextWriter:
    """Accumulates one BT … ET block: positions, font switches, hex strings."""

    __slots__ = ("out", "size", "tm", "ref", "pen", "open", "mode", "scale")

    def __init__(self, size: float, y: float):
        self.out = ["BT"]
        self.size = size
        self.tm = " %.2f Tm<" % y  # positions to 0.01 pt: one line, one baseline
        self.ref = None    # current subset font
        self.pen = None    # where the current string leaves the pen (pt), None if no string
        self.open = False  # a hex string is being written
        self.mode = 0      # text render mode: 0 fill, 3 invisible
        self.scale = 100.0 # horizontal scaling, percent (Tz)

    def put(self, glyph: tuple[str, str, float], x: float | None, mode: int = 0,
            scale: float = 100.0) -> None:
        """Write one glyph at x (pt), or wherever the pen is when x is None."""
        ref, code, adv = glyph
        out = self.out
        if x is None:
            x = self.pen if self.pen is not None else 0.0
        if self.open and (ref != self.ref or mode != self.mode or scale != self.scale
                          or abs(x - self.pen) > 0.005):
            out.append(">Tj")
            self.open = False
        if not self.open:
            if ref != self.ref:
                out.append("%s %.3f Tf" % (ref, self.size))
                self.ref = ref
            if mode != self.mode:
                out.append("%d Tr" % mode)
                self.mode = mode
            if scale != self.scale:
                out.append("%.2f Tz" % scale)
                self.scale = scale
            out.append("1 0 0 1 %.2f%s" % (x, self.tm))
            self.open = True
            self.pen = x
        out.append(code)
        self.pen += adv * self.size * self.scale / 100.0

    def finish(self) -> str:
        if self.open:
            self.out.append(">Tj")
        if self.mode:
            self.out.append("0 Tr")
        if self.scale != 100.0:
            self.out.append("100 Tz")
        self.out.append("ET")
        return " ".join(self.out)


