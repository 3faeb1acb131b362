"""One font file, parsed once per process and shared by the composer and the renderer.

What the composer needs is its cmap (code point -> glyph id) and advances;
what reportlab needs (reportlab_fonts.py) is the same cmap as *reportlab*
reads it, the widths it derives, hmtx and loca, and the file's bytes for the
glyph outlines it subsets. `_Face` holds both, as arrays:

- from the font cache (cache.py) when it has a valid entry for the file:
  memory-mapped arrays, nothing decoded;
- else decoded from the file (only head/hhea/maxp/cmap/hmtx/loca, with
  `array` rather than fontTools, which takes ~0.1 s per CJK cmap), and stored
  in the cache for the next start.

The font file itself is memory-mapped only when reportlab needs its bytes
(`_Face.data`), never read whole: a build touches the outlines of the
glyphs it prints and nothing else. Faces are kept per process by path.
"""

from __future__ import annotations

import mmap
import os
import struct
import sys
from array import array
from bisect import bisect_left
from collections.abc import MutableMapping
from pathlib import Path

from . import cache as _cache


def _big_endian(typecode: str, data: bytes) -> array:
    """Unsigned big-endian integers ("H" 16-bit, "I" 32-bit) decoded in C, not per item."""
    a = array(typecode, data)
    if sys.byteorder == "little":
        a.byteswap()
    return a


class CodeMap(MutableMapping):
    """A read-mostly int -> int mapping over two parallel sorted arrays (codes
    ascending, values), looked up by bisection: the dict's behaviour without
    its 65,000 entries of Python objects. Writes go to a small overlay dict
    (reportlab aliases U+00A0 to U+0020 and may add private codes)."""

    __slots__ = ("_codes", "_values", "_extra")

    def __init__(self, codes, values):
        self._codes, self._values = codes, values
        self._extra: dict[int, int] = {}

    def _index(self, code) -> int:
        if type(code) is not int:
            return -1
        codes = self._codes
        i = bisect_left(codes, code)
        return i if i < len(codes) and codes[i] == code else -1

    def __getitem__(self, code):
        extra = self._extra
        if extra and code in extra:
            return extra[code]
        i = self._index(code)
        if i < 0:
            raise KeyError(code)
        return self._values[i]

    def get(self, code, default=None):
        extra = self._extra
        if extra and code in extra:
            return extra[code]
        i = self._index(code)
        return default if i < 0 else self._values[i]

    def __contains__(self, code) -> bool:
        return code in self._extra or self._index(code) >= 0

    def __setitem__(self, code, value) -> None:
        self._extra[code] = value

    def __delitem__(self, code) -> None:
        raise TypeError("a font's code map is read-only")

    def __iter__(self):
        yield from self._codes
        extra = self._extra
        if extra:
            yield from (c for c in extra if self._index(c) < 0)

    def __len__(self) -> int:
        extra = self._extra
        return len(self._codes) + (sum(1 for c in extra if self._index(c) < 0) if extra else 0)


class _Face:
    """One font file: the composer's cmap and advances, reportlab's tables
    (`rl`, or None where reportlab must parse the file itself), the file's
    bytes on demand."""

    def __init__(self, path: Path):
        self.path = path
        st = os.stat(path)
        folder = _cache.cache_dir()
        key = _cache.font_key(path, st)
        cached = _cache.load(_cache.cache_path(folder, path), key) if folder is not None else None
        self.from_cache = cached is not None
        self._data = None
        if cached is None:
            if st.st_size < 12:
                raise ValueError("not a TrueType/OpenType font")
            scalars, arrays = _parse(self.data)
            if folder is not None:
                _cache.store(_cache.cache_path(folder, path), key, scalars, arrays)
        else:
            scalars, arrays = cached
        self.units_per_em = scalars["units_per_em"]
        self.n_glyphs = scalars["n_glyphs"]
        self.cmap = CodeMap(arrays["cmap_codes"], arrays["cmap_glyphs"])
        self.advances = arrays["advances"]
        self.rl = _RLTables(scalars["rl"], arrays) if scalars["rl"] is not None else None

    @property
    def data(self) -> mmap.mmap:
        """The font file's bytes, memory-mapped read-only (mapped on first use)."""
        if self._data is None:
            with open(self.path, "rb") as f:
                self._data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        return self._data

    def advance(self, cp: int) -> float:
        return self.advances[self.cmap.get(cp, 0)] / self.units_per_em


class _RLTables:
    """reportlab's reading of the file (see reportlab_fonts.reportlab_char_info):
    its cmap before the U+0020/U+00A0 aliasing (`codes` ascending, `glyphs`),
    the glyph whose width each code takes (`width_glyphs`, -1 none; None: its
    own glyph when that is below numGlyphs), raw hmtx, loca as byte offsets."""

    __slots__ = ("n_metrics", "codes", "glyphs", "width_glyphs", "mtx", "loca")

    def __init__(self, scalars: dict, arrays: dict):
        self.n_metrics = scalars["n_metrics"]
        same = scalars["same_cmap"]  # reportlab reads the composer's cmap: stored once
        self.codes = arrays["cmap_codes" if same else "rl_codes"]
        self.glyphs = arrays["cmap_glyphs" if same else "rl_glyphs"]
        self.width_glyphs = arrays.get("rl_width_glyphs")
        self.mtx, self.loca = arrays["rl_mtx"], arrays["rl_loca"]


def _parse(data) -> tuple[dict, dict[str, array]]:
    """Decode a font file's bytes into the cache's scalars and arrays."""
    offset = 0
    if data[:4] == b"ttcf":  # collection: use its first face (reportlab's default too)
        offset = struct.unpack_from(">I", data, 12)[0]
    head12 = data[offset: offset + 12]
    if len(head12) < 12 or head12[:4] not in (b"\x00\x01\x00\x00", b"true", b"OTTO"):
        raise ValueError("not a TrueType/OpenType font")
    n = struct.unpack(">H", head12[4:6])[0]
    tables = {}
    for i in range(n):
        rec = data[offset + 12 + 16 * i: offset + 28 + 16 * i]
        tables[rec[:4]] = struct.unpack(">II", rec[8:16])
    if b"glyf" not in tables:
        raise ValueError("PostScript (CFF) outlines: reportlab cannot embed them")

    def read(tag: bytes) -> bytes:
        off, length = tables[tag]
        return data[off: off + length]

    head, hhea, maxp = read(b"head"), read(b"hhea"), read(b"maxp")
    units_per_em = struct.unpack(">H", head[18:20])[0]
    n_metrics = struct.unpack(">H", hhea[34:36])[0]
    n_glyphs = struct.unpack(">H", maxp[4:6])[0]
    cmap = _parse_cmap(read(b"cmap"))
    advances = _big_endian("H", read(b"hmtx")[: 4 * n_metrics])[0::2]
    advances.extend([advances[-1]] * max(0, n_glyphs - n_metrics))

    codes = sorted(cmap)
    arrays = {"cmap_codes": array("I", codes), "cmap_glyphs": array("I", map(cmap.__getitem__, codes)),
              "advances": advances}
    scalars = {"units_per_em": units_per_em, "n_glyphs": n_glyphs, "rl": None}

    from .reportlab_fonts import reportlab_char_info

    try:
        info = reportlab_char_info(data, {t.decode("latin-1"): v for t, v in tables.items()}, n_glyphs)
    except Exception:  # anything unexpected: reportlab's own parser decides, at registration
        info = None
    if info is not None:
        chars, glyphs, mtx, loca, n_metrics = info
        c2g = dict(zip(chars, glyphs))
        rl_codes = sorted(c2g)
        rl = {"n_metrics": n_metrics, "same_cmap": c2g == cmap}
        if not rl["same_cmap"]:
            arrays["rl_codes"] = array("I", rl_codes)
            arrays["rl_glyphs"] = array("I", map(c2g.__getitem__, rl_codes))
        if len(c2g) != len(chars):  # a code assigned twice: reportlab's width rule
            width_of: dict[int, int] = {}
            g2c: dict[int, list[int]] = {}
            for c, g in zip(chars, glyphs):
                g2c.setdefault(g, []).append(c)
            for g in sorted(g2c):
                if g >= n_glyphs:
                    break
                for c in g2c[g]:
                    width_of[c] = g
            arrays["rl_width_glyphs"] = array("i", (width_of.get(c, -1) for c in rl_codes))
        arrays["rl_mtx"], arrays["rl_loca"] = mtx, loca
        scalars["rl"] = rl
    return scalars, arrays


def _parse_cmap(data: bytes) -> dict[int, int]:
    """Best Unicode subtable: format 12 (full Unicode) preferred over format 4 (BMP)."""
    n = struct.unpack(">H", data[2:4])[0]
    subs = {}
    for i in range(n):
        pid, eid, off = struct.unpack(">HHI", data[4 + 8 * i: 12 + 8 * i])
        subs[(pid, eid, struct.unpack(">H", data[off: off + 2])[0])] = off
    for key in ((3, 10, 12), (0, 6, 12), (0, 4, 12), (3, 1, 4), (0, 3, 4), (0, 2, 4),
                (0, 1, 4), (0, 0, 4)):
        if key in subs:
            off = subs[key]
            break
    else:
        raise ValueError("no Unicode cmap")
    cmap: dict[int, int] = {}
    if key[2] == 12:
        n_groups = struct.unpack(">I", data[off + 12: off + 16])[0]
        g = _big_endian("I", data[off + 16: off + 16 + 12 * n_groups])
        for start, end, gid in zip(g[0::3], g[1::3], g[2::3]):
            cmap.update(zip(range(start, end + 1), range(gid, gid + end - start + 1)))
    else:
        seg2 = struct.unpack(">H", data[off + 6: off + 8])[0]
        raw = data[off:]  # to the end: big format 4 tables overflow their length field
        arr = _big_endian("H", raw[: len(raw) // 2 * 2])
        h = 7  # uint16 index of endCode[] within the subtable
        s = seg2 // 2
        ends, starts = arr[h: h + s], arr[h + s + 1: h + 2 * s + 1]
        deltas, ro_at = arr[h + 2 * s + 1: h + 3 * s + 1], h + 3 * s + 1
        for i in range(s):
            start, end, delta, ro = starts[i], ends[i], deltas[i], arr[ro_at + i]
            if start == 0xFFFF:
                continue
            if ro == 0:
                cmap.update((c, (c + delta) & 0xFFFF) for c in range(start, end + 1))
            else:
                for c in range(start, end + 1):
                    gid = arr[ro_at + i + ro // 2 + c - start]
                    if gid:
                        cmap[c] = (gid + delta) & 0xFFFF
    return cmap


_FACES: dict[Path, _Face] = {}


def _face(path: Path) -> _Face:
    face = _FACES.get(path)
    if face is None:
        face = _FACES[path] = _Face(path)
    return face
