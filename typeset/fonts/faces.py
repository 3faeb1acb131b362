"""What the composer needs of one font file, read fast: cmap and advances.

Only head/hhea/maxp/cmap/hmtx are read, with `array` rather than fontTools
(fontTools takes ~0.1 s per CJK cmap; this takes a few ms). Parsed faces are
cached per process by path.
"""

from __future__ import annotations

import struct
import sys
from array import array
from pathlib import Path


def _big_endian(typecode: str, data: bytes) -> array:
    """Unsigned big-endian integers ("H" 16-bit, "I" 32-bit) decoded in C, not per item."""
    a = array(typecode, data)
    if sys.byteorder == "little":
        a.byteswap()
    return a


class _Face:
    """What the composer needs of one font file: cmap (code point -> glyph id) and advances."""

    def __init__(self, path: Path):
        self.path = path
        with open(path, "rb") as f:
            data = f.read(12)
            if data[:4] == b"ttcf":  # collection: use its first face (reportlab's default too)
                f.seek(struct.unpack(">I", f.read(4))[0])
                data = f.read(12)
            if len(data) < 12 or data[:4] not in (b"\x00\x01\x00\x00", b"true", b"OTTO"):
                raise ValueError("not a TrueType/OpenType font")
            n = struct.unpack(">H", data[4:6])[0]
            tables = {}
            for i in range(n):
                rec = f.read(16)
                tables[rec[:4]] = struct.unpack(">II", rec[8:16])
            if b"glyf" not in tables:
                raise ValueError("PostScript (CFF) outlines: reportlab cannot embed them")

            def read(tag: bytes) -> bytes:
                off, length = tables[tag]
                f.seek(off)
                return f.read(length)

            head, hhea, maxp = read(b"head"), read(b"hhea"), read(b"maxp")
            self.units_per_em = struct.unpack(">H", head[18:20])[0]
            n_metrics = struct.unpack(">H", hhea[34:36])[0]
            n_glyphs = struct.unpack(">H", maxp[4:6])[0]
            self.cmap = self._parse_cmap(read(b"cmap"))
            advances = _big_endian("H", read(b"hmtx")[: 4 * n_metrics])[0::2]
        advances.extend([advances[-1]] * max(0, n_glyphs - n_metrics))
        self.advances = advances

    @staticmethod
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

    def advance(self, cp: int) -> float:
        return self.advances[self.cmap.get(cp, 0)] / self.units_per_em


_FACES: dict[Path, _Face] = {}


def _face(path: Path) -> _Face:
    face = _FACES.get(path)
    if face is None:
        face = _FACES[path] = _Face(path)
    return face

