"""reportlab's TrueType font, registered without reading or re-parsing the font.

reportlab parses a whole font when it is registered: it reads the file into
memory whole (12–22 MB a CJK face) and decodes cmap, hmtx and loca one
integer at a time into dicts and lists (~0.1 s and ~25 MB of objects per
Noto CJK face). `_reportlab_font_class()` gives a TTFont whose face instead

- takes the file's bytes as the memory map of the process's shared `_Face`
  (faces.py), so only the outlines a PDF embeds are ever read;
- takes cmap, widths, hmtx and loca from that face's arrays (memory-mapped
  from the font cache, or decoded once), as read-only mappings and sequences
  holding exactly the values reportlab's own parser computes
  (`reportlab_char_info`; tests/test_fonts.py compares them).

A face given a file object (not a path), validation or a subfont index is
decoded in bulk from its bytes into reportlab's own structures, as before.
"""

from __future__ import annotations

import os
import struct
from array import array
from collections.abc import Mapping, Sequence
from fnmatch import fnmatch
from functools import lru_cache
from pathlib import Path

from .faces import CodeMap, _big_endian, _face


def reportlab_char_info(data, tables: dict[str, tuple[int, int]], n_glyphs: int):
    """What reportlab's TTFontFile.extractInfo decodes of cmap, hmtx and loca,
    in bulk: (chars, glyphs, mtx, loca, numberOfHMetrics), or None where
    reportlab's own parser must decide (an unusual cmap format, a truncated
    table, a glyph data format reportlab refuses).

    `chars`/`glyphs`: every (code, glyph) assignment in reportlab's order (the
    subtable it picks: the last suitable record; 0xFFFF mapped by format 4's
    end segment); `mtx`: raw hmtx, (advance, lsb) pairs then the lsbs; `loca`:
    glyph offsets in bytes. `data` is the file's bytes (bytes or a mmap);
    `tables` tag -> (offset, length)."""
    u16 = lambda pos: struct.unpack_from(">H", data, pos)[0]  # noqa: E731
    head = tables["head"][0]
    if u16(head + 52) != 0:  # glyphDataFormat: reportlab raises; let it
        return None
    index_to_loc = u16(head + 50)
    n_metrics = u16(tables["hhea"][0] + 34)
    if "loca" not in tables or index_to_loc not in (0, 1):
        return None

    # cmap: the same subtable choice as reportlab
    cmap_offset = tables["cmap"][0]
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
        return None
    encoffs += cmap_offset
    fmt = u16(encoffs)
    chars: list[int] = []  # every (code, glyph) assignment, in reportlab's order
    glyphs: list[int] = []
    if fmt == 12:
        n_groups = struct.unpack_from(">I", data, encoffs + 12)[0]
        groups = _big_endian("I", data[encoffs + 16: encoffs + 16 + 12 * n_groups])
        if len(groups) != 3 * n_groups:
            return None
        for start, end, gid in zip(groups[0::3], groups[1::3], groups[2::3]):
            chars.extend(range(start, end + 1))
            glyphs.extend(range(gid, gid + end + 1 - start))
    elif fmt == 4:
        limit = encoffs + u16(encoffs + 2)
        s = u16(encoffs + 6) // 2
        seg = _big_endian("H", data[encoffs + 14: encoffs + 16 + 8 * s])
        if len(seg) != 4 * s + 1:
            return None
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
        return None

    # hmtx
    hmtx_offset = tables["hmtx"][0]
    n_lsb = max(0, n_glyphs - n_metrics)
    mtx = _big_endian("H", data[hmtx_offset: hmtx_offset + 4 * n_metrics + 2 * n_lsb])
    if n_metrics == 0 or len(mtx) != 2 * n_metrics + n_lsb:
        return None

    # loca
    loca_offset = tables["loca"][0]
    if index_to_loc == 0:
        short = _big_endian("H", data[loca_offset: loca_offset + 2 * (n_glyphs + 1)])
        loca = array("I", (p << 1 for p in short))
    else:
        loca = _big_endian("I", data[loca_offset: loca_offset + 4 * (n_glyphs + 1)])
    if len(loca) != n_glyphs + 1:
        return None
    return chars, glyphs, mtx, loca, n_metrics


class _HMetrics(Sequence):
    """reportlab's TTFontFile.hmetrics, computed on indexing from the raw hmtx table:
    (advance, lsb) per glyph; after numberOfHMetrics the advance is `last` (reportlab
    stores the last advance there already scaled to 1/1000 em)."""

    __slots__ = ("_mtx", "_n", "_last")

    def __init__(self, mtx, n_metrics: int, last: float):
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


class _Widths(Mapping):
    """reportlab's charWidths (code -> width in 1/1000 em) computed on lookup
    from the cmap arrays and hmtx: a code's width is its glyph's advance (the
    last advance for glyphs past numberOfHMetrics), scaled as reportlab scales
    it; codes whose glyph is not below numGlyphs have none. `width_glyphs`,
    where a code was assigned twice, names the glyph reportlab takes the width
    of. Writes (the U+00A0 alias) go to an overlay."""

    __slots__ = ("_map", "_width_glyphs", "_mtx", "_n_metrics", "_n_glyphs", "_scale", "_extra")

    def __init__(self, cmap: CodeMap, width_glyphs, mtx, n_metrics: int, n_glyphs: int, scale):
        self._map, self._width_glyphs, self._mtx = cmap, width_glyphs, mtx
        self._n_metrics, self._n_glyphs, self._scale = n_metrics, n_glyphs, scale
        self._extra: dict = {}

    def _glyph(self, code) -> int:
        i = self._map._index(code)
        if i < 0:
            return -1
        if self._width_glyphs is not None:
            return self._width_glyphs[i]
        g = self._map._values[i]
        return g if g < self._n_glyphs else -1

    def get(self, code, default=None):
        extra = self._extra
        if extra and code in extra:
            return extra[code]
        g = self._glyph(code)
        if g < 0:
            return default
        return self._scale(self._mtx[2 * min(g, self._n_metrics - 1)])

    def __getitem__(self, code):
        missing = object()
        width = self.get(code, missing)
        if width is missing:
            raise KeyError(code)
        return width

    def __setitem__(self, code, value) -> None:
        self._extra[code] = value

    def __contains__(self, code) -> bool:
        return code in self._extra or self._glyph(code) >= 0

    def __iter__(self):
        for c in self._map._codes:
            if self._glyph(c) >= 0:
                yield c
        yield from (c for c in self._extra if self._glyph(c) < 0)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class _Slices:
    """A table of the memory-mapped file that slices to bytes: makeSubset cuts
    each glyph out of get_table('glyf'), which on bytes would first copy the
    whole 15 MB table (and touch every page of it) once per 256-glyph subset."""

    __slots__ = ("_data", "_start", "_len")

    def __init__(self, data, start: int, length: int):
        self._data, self._start, self._len = data, start, length

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, i):
        if not isinstance(i, slice):
            raise TypeError("a table is sliced, not indexed")
        a, b, step = i.indices(self._len)
        if step != 1:
            raise ValueError("no step")
        return self._data[self._start + a: self._start + max(a, b)]


@lru_cache(maxsize=None)
def _reportlab_font_class() -> type:
    """reportlab's TTFont, with a face that shares the process's parse of its file.

    Defined lazily (reportlab is imported only when rendering). The subclasses are
    used only here: reportlab's own TTFont/TTFontFace are left untouched.
    """
    from reportlab.pdfbase import ttfonts

    class FastTTFontFace(ttfonts.TTFontFace):
        """TTFontFace whose file bytes and cmap/hmtx/loca come from the shared `_Face`
        of its path (or, for a file object, are decoded in bulk with `array`)
        instead of one read_ushort/read_ulong call per integer.

        Everything else (name, head, OS/2, post, hhea, maxp checks and metrics) is
        reportlab's own code, run with charInfo=0. Only the cmap formats our fonts
        use (4 and 12) are decoded here; anything else goes to reportlab's parser.
        The values are reportlab's, quirks included: the subtable choice (last
        suitable record wins), later cmap entries overriding earlier ones, 0xFFFF
        mapped by format 4's end segment, hmetrics after numberOfHMetrics holding
        the *scaled* last advance, the 0x20/0xA0 aliasing. Differences of form, not
        content: charToGlyph and charWidths are read-mostly mappings over arrays,
        hmetrics a read-only sequence computing its (advance, lsb) pairs on
        indexing, glyphPos a sequence of ints (makeSubset only indexes them), and
        glyphToChar is built on first use (only harfbuzz shaping reads it).
        """

        def __init__(self, filename, validate=0, subfontIndex=0):
            if not validate and subfontIndex == 0 and isinstance(filename, (str, os.PathLike)):
                try:
                    shared = _face(Path(filename))
                    data = shared.data
                except Exception:  # not a font we can map: reportlab reads it (or says why not)
                    pass
                else:
                    self._shared = shared
                    self._ttf_data = data  # TTFontParser.readFile keeps it, reads nothing
                    self.filename = filename
            super().__init__(filename, validate=validate, subfontIndex=subfontIndex)

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

        def get_table(self, tag):
            if tag == "glyf" and "_shared" in self.__dict__:
                return _Slices(self._ttf_data, *self.get_table_pos(tag))
            return super().get_table(tag)

        def extractInfo(self, charInfo=1):
            super().extractInfo(0)  # names and metrics; sets charToGlyph etc. to None
            if not charInfo:
                return
            try:
                shared = self.__dict__.get("_shared")
                if shared is not None:
                    fast = shared.rl is not None and self._shared_char_info(shared)
                else:
                    fast = self._bulk_char_info()
            except Exception:  # anything unexpected: reportlab's parser decides
                fast = False
            if not fast:
                super().extractInfo(charInfo)

        def _shared_char_info(self, shared) -> bool:
            rl = shared.rl
            if shared.n_glyphs != self.numGlyphs:
                return False
            scale = self._pdfScale
            self.charToGlyph = CodeMap(rl.codes, rl.glyphs)
            self.__dict__.pop("_glyphToChar", None)
            self.__dict__["_cmap_pairs"] = (rl.codes, rl.glyphs)
            mtx, n_metrics = rl.mtx, rl.n_metrics
            self.hmetrics = _HMetrics(mtx, n_metrics, scale(mtx[2 * n_metrics - 2]))
            self.defaultWidth = scale(mtx[0])
            self.charWidths = _Widths(self.charToGlyph, rl.width_glyphs, mtx, n_metrics,
                                      self.numGlyphs, scale)
            self.glyphPos = rl.loca
            self._alias_space()
            return True

        def _bulk_char_info(self) -> bool:
            tables = {tag: (rec["offset"], rec["length"]) for tag, rec in self.table.items()}
            info = reportlab_char_info(self._ttf_data, tables, self.numGlyphs)
            if info is None:
                return False
            chars, glyphs, mtx, loca, n_metrics = info
            n_glyphs = self.numGlyphs
            n_lsb = max(0, n_glyphs - n_metrics)
            self.charToGlyph = charToGlyph = dict(zip(chars, glyphs))
            self.__dict__.pop("_glyphToChar", None)
            self.__dict__["_cmap_pairs"] = (chars, glyphs)

            scale = self._pdfScale
            self.hmetrics = _HMetrics(mtx, n_metrics, scale(mtx[2 * n_metrics - 2]))
            self.defaultWidth = scale(mtx[0])
            widths = [scale(a) for a in mtx[0: 2 * n_metrics: 2]]
            widths.extend([widths[-1]] * n_lsb)
            if len(charToGlyph) == len(chars):  # each code assigned once: its glyph's width
                self.charWidths = {c: widths[g] for c, g in charToGlyph.items() if g < n_glyphs}
            else:  # reportlab's rule: the width of the highest glyph the code was assigned
                self.charWidths = charWidths = {}
                g2c = self.glyphToChar
                for g in sorted(g2c):
                    if g >= n_glyphs:
                        break
                    for c in g2c[g]:
                        charWidths[c] = widths[g]
            self.glyphPos = loca.tolist()
            self._alias_space()
            return True

        def _alias_space(self) -> None:
            charToGlyph, charWidths = self.charToGlyph, self.charWidths
            if 0x20 in charToGlyph:
                charToGlyph[0xA0] = charToGlyph[0x20]
                charWidths[0xA0] = charWidths[0x20]
            elif 0xA0 in charToGlyph:
                charToGlyph[0x20] = charToGlyph[0xA0]
                charWidths[0x20] = charWidths[0xA0]

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
