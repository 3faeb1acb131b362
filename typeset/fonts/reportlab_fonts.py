"""reportlab's TrueType font, registered without its slow per-integer parse.

reportlab parses a whole font when it is registered, reading cmap, hmtx and
loca one integer at a time (~0.1 s per Noto CJK face, 0.45 s for BabelStone
Han). `_reportlab_font_class()` gives a TTFont whose face decodes those three
tables in bulk into exactly the structures reportlab's own parser builds
(tests/test_fonts.py compares them).
"""

from __future__ import annotations

import struct
from array import array
from collections.abc import Sequence
from fnmatch import fnmatch
from functools import lru_cache

from .faces import _big_endian


class _HMetrics(Sequence):
    """reportlab's TTFontFile.hmetrics, computed on indexing from the raw hmtx table:
    (advance, lsb) per glyph; after numberOfHMetrics the advance is `last` (reportlab
    stores the last advance there already scaled to 1/1000 em)."""

    __slots__ = ("_mtx", "_n", "_last")

    def __init__(self, mtx: array, n_metrics: int, last: float):
        self._mtx, self._n, self._last = mtx, n_metrics, last

    def __len__(self) -> int:
        return len(self._mtx) - self._n

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError("hmetrics index out of range")
        if i < self._n:
            return self._mtx[2 * i], self._mtx[2 * i + 1]
        return self._last, self._mtx[self._n + i]


@lru_cache(maxsize=None)
def _reportlab_font_class() -> type:
    """reportlab's TTFont, with a face whose cmap/hmtx/loca parsing is done in bulk.

    Defined lazily (reportlab is imported only when rendering). The subclasses are
    used only here: reportlab's own TTFont/TTFontFace are left untouched.
    """
    from reportlab.pdfbase import ttfonts

    class FastTTFontFace(ttfonts.TTFontFace):
        """TTFontFace whose extractInfo decodes cmap, hmtx and loca with `array`
        instead of one read_ushort/read_ulong call per integer.

        Everything else (name, head, OS/2, post, hhea, maxp checks and metrics) is
        reportlab's own code, run with charInfo=0. Only the cmap formats our fonts
        use (4 and 12) are decoded here; anything else goes to reportlab's parser.
        The values are reportlab's, quirks included: the subtable choice (last
        suitable record wins), later cmap entries overriding earlier ones, 0xFFFF
        mapped by format 4's end segment, hmetrics after numberOfHMetrics holding
        the *scaled* last advance, the 0x20/0xA0 aliasing. Two differences of form,
        not content: hmetrics is a read-only sequence computing its (advance, lsb)
        pairs on indexing (makeSubset only indexes it), and glyphToChar is built on
        first use (only harfbuzz shaping reads it).
        """

        @property
        def glyphToChar(self):
            g2c = self.__dict__.get("_glyphToChar")
            if g2c is None:
                g2c = self.__dict__["_glyphToChar"] = {}
                for c, g in zip(*self.__dict__.pop("_cmap_pairs")):
                    try:
                        g2c[g].append(c)
                    except KeyError:
                        g2c[g] = [c]
            return g2c

        @glyphToChar.setter
        def glyphToChar(self, value):
            self.__dict__["_glyphToChar"] = value
            self.__dict__.pop("_cmap_pairs", None)

        def extractInfo(self, charInfo=1):
            super().extractInfo(0)  # names and metrics; sets charToGlyph etc. to None
            if not charInfo:
                return
            try:
                fast = self._bulk_char_info()
            except Exception:  # anything unexpected: reportlab's parser decides
                fast = False
            if not fast:
                super().extractInfo(charInfo)

        def _bulk_char_info(self) -> bool:
            data = self._ttf_data
            u16 = lambda pos: struct.unpack_from(">H", data, pos)[0]  # noqa: E731
            head = self.table["head"]["offset"]
            if u16(head + 52) != 0:  # glyphDataFormat: reportlab raises; let it
                return False
            index_to_loc = u16(head + 50)
            n_metrics = u16(self.table["hhea"]["offset"] + 34)
            n_glyphs = self.numGlyphs
            if "loca" not in self.table or index_to_loc not in (0, 1):
                return False

            # cmap: the same subtable choice as reportlab
            cmap_offset = self.table["cmap"]["offset"]
            version, count = struct.unpack_from(">HH", data, cmap_offset)
            if count == 0 and version != 0:
                count = version
            encoffs, enc = None, 0
            for i in range(count):
                platform, encoding, offset = struct.unpack_from(">HHI", data, cmap_offset + 4 + 8 * i)
                if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
                    enc, encoffs = 1, offset
                elif platform == 1 and encoding == 0 and enc != 1:
                    enc, encoffs = 2, offset
            if encoffs is None:
                return False
            encoffs += cmap_offset
            fmt = u16(encoffs)
            chars: list[int] = []  # every (code, glyph) assignment, in reportlab's order
            glyphs: list[int] = []
            if fmt == 12:
                n_groups = struct.unpack_from(">I", data, encoffs + 12)[0]
                groups = _big_endian("I", data[encoffs + 16: encoffs + 16 + 12 * n_groups])
                if len(groups) != 3 * n_groups:
                    return False
                for start, end, gid in zip(groups[0::3], groups[1::3], groups[2::3]):
                    chars.extend(range(start, end + 1))
                    glyphs.extend(range(gid, gid + end + 1 - start))
            elif fmt == 4:
                limit = encoffs + u16(encoffs + 2)
                s = u16(encoffs + 6) // 2
                seg = _big_endian("H", data[encoffs + 14: encoffs + 16 + 8 * s])
                if len(seg) != 4 * s + 1:
                    return False
                ends, starts = seg[:s], seg[s + 1: 2 * s + 1]
                deltas, ranges = seg[2 * s + 1: 3 * s + 1], seg[3 * s + 1:]
                ro_start = encoffs + 16 + 6 * s  # file position of idRangeOffset[0]
                for n in range(s):
                    start, end, delta, ro = starts[n], ends[n], deltas[n], ranges[n]
                    codes = range(start, end + 1)
                    chars.extend(codes)
                    if ro == 0:
                        glyphs.extend((c + delta) & 0xFFFF for c in codes)
                    else:
                        base = ro_start + 2 * n + ro - 2 * start
                        for c in codes:
                            pos = base + 2 * c
                            g = 0 if pos >= limit else u16(pos)
                            glyphs.append((g + delta) & 0xFFFF if g else 0)
            else:
                return False
            self.charToGlyph = charToGlyph = dict(zip(chars, glyphs))
            self.__dict__.pop("_glyphToChar", None)
            self.__dict__["_cmap_pairs"] = (chars, glyphs)

            # hmtx
            scale = self._pdfScale
            hmtx_offset = self.table["hmtx"]["offset"]
            n_lsb = max(0, n_glyphs - n_metrics)
            mtx = _big_endian("H", data[hmtx_offset: hmtx_offset + 4 * n_metrics + 2 * n_lsb])
            if len(mtx) != 2 * n_metrics + n_lsb:
                return False
            self.hmetrics = _HMetrics(mtx, n_metrics, scale(mtx[2 * n_metrics - 2]))
            self.defaultWidth = scale(mtx[0])
            widths = [scale(a) for a in mtx[0: 2 * n_metrics: 2]]
            widths.extend([widths[-1]] * n_lsb)
            if len(charToGlyph) == len(chars):  # each code assigned once: its glyph's width
                self.charWidths = charWidths = {c: widths[g] for c, g in charToGlyph.items() if g < n_glyphs}
            else:  # reportlab's rule: the width of the highest glyph the code was assigned
                self.charWidths = charWidths = {}
                g2c = self.glyphToChar
                for g in sorted(g2c):
                    if g >= n_glyphs:
                        break
                    for c in g2c[g]:
                        charWidths[c] = widths[g]

            # loca
            loca_offset = self.table["loca"]["offset"]
            if index_to_loc == 0:
                loca = _big_endian("H", data[loca_offset: loca_offset + 2 * (n_glyphs + 1)])
                self.glyphPos = [p << 1 for p in loca]
            else:
                loca = _big_endian("I", data[loca_offset: loca_offset + 4 * (n_glyphs + 1)])
                self.glyphPos = loca.tolist()
            if len(loca) != n_glyphs + 1:
                return False

            if 0x20 in charToGlyph:
                charToGlyph[0xA0] = charToGlyph[0x20]
                charWidths[0xA0] = charWidths[0x20]
            elif 0xA0 in charToGlyph:
                charToGlyph[0x20] = charToGlyph[0xA0]
                charWidths[0x20] = charWidths[0xA0]
            return True

    class FastTTFont(ttfonts.TTFont):
        """reportlab's TTFont with a FastTTFontFace; __init__ mirrors TTFont.__init__
        (reportlab 5.1), which has no hook for the face class. A test checks that
        both set the same attributes."""

        face_class = FastTTFontFace

        def __init__(self, name, filename, validate=0, subfontIndex=0, asciiReadable=None, shapable=True):
            from weakref import WeakKeyDictionary

            from reportlab import rl_config

            self.fontName = name
            self.face = self.face_class(filename, validate=validate, subfontIndex=subfontIndex)
            self.encoding = ttfonts.TTEncoding()
            self.state = WeakKeyDictionary()
            self._asciiReadable = rl_config.ttfAsciiReadable if asciiReadable is None else asciiReadable
            self.shapable = shapable and not any(fnmatch(name, g) for g in ttfonts.unShapedFontGlob)

    return FastTTFont

