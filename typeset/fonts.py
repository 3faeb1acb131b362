"""Font roles, fallback chains, per-character metrics and reportlab registration.

A layout names font *roles* ("song", "hei", "heavy", "kai") and gives each a
fallback chain of font files; the composer asks, per character, which face of
the chain draws it and how wide it is. Design choices:

- Only TrueType-outline (glyf) fonts are used, because reportlab cannot embed
  CFF; fonts/build_fonts.py converts the Noto CJK faces once.
- Parsing is lazy and minimal: a face is read only when first needed, and then
  only its head/hhea/maxp/cmap/hmtx tables, with `array` rather than fontTools
  (fontTools takes ~0.1 s per CJK cmap; this takes a few ms). Parsed faces are
  cached per process by path.
- reportlab parses a whole font when it is registered, reading cmap, hmtx and
  loca one integer at a time (~0.1 s per Noto CJK face, 0.45 s for BabelStone
  Han). So only faces that are actually handed out are registered (see
  `FontSet.register_for_reportlab`), and they are registered through
  `_FastTTFont`, whose face decodes those three tables in bulk into exactly the
  structures reportlab's own parser builds (tests/test_fonts.py compares them).
"""

from __future__ import annotations

import os
import struct
import sys
import unicodedata
from array import array
from fnmatch import fnmatch
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from typeset.diagnostics import Diagnostic, TypesetError

REPO_FONTS = Path(__file__).resolve().parent.parent / "fonts"
SYSTEM_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
                    Path.home() / ".fonts", Path.home() / ".local/share/fonts")

# The fonts committed in fonts/ plus the optional system fallback BabelStone Han
# (Debian fonts-babelstone-han; Arphic licence, so found by path, never copied).
DEFAULT_ROLES: dict[str, list[str]] = {
    "song": ["NotoSerifCJKsc-Regular.ttf", "BabelStoneHan.ttf"],
    "hei": ["NotoSansCJKsc-Bold.ttf", "BabelStoneHan.ttf"],
    "heavy": ["NotoSansCJKsc-Black.ttf", "BabelStoneHan.ttf"],
    "kai": ["LXGWWenKai-Regular.ttf", "NotoSerifCJKsc-Regular.ttf", "BabelStoneHan.ttf"],
}


class FontError(TypesetError):
    """A font role cannot be served by any font of its chain."""


@lru_cache(maxsize=None)
def _system_index() -> dict[str, Path]:
    """File name -> path of every font file under the system dirs (first in sorted order)."""
    index: dict[str, Path] = {}
    for root in SYSTEM_FONT_DIRS:
        if root.is_dir():
            for dirpath, dirnames, filenames in os.walk(root):
                dirnames.sort()
                for fn in sorted(filenames):
                    index.setdefault(fn, Path(dirpath) / fn)
    return index


def find_font_file(name: str | os.PathLike) -> Path | None:
    """Locate a font file: absolute path, else repo fonts/, else the system font dirs."""
    p = Path(name).expanduser()
    if p.is_absolute():
        return p if p.is_file() else None
    if (REPO_FONTS / p).is_file():
        return REPO_FONTS / p
    for root in SYSTEM_FONT_DIRS:
        if (root / p).is_file():
            return root / p
    return _system_index().get(p.name) if len(p.parts) == 1 else None


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


_FACES: dict[Path, _Face] = {}
_REGISTERED: dict[Path, str] = {}  # path -> reportlab font name, process-wide


def _face(path: Path) -> _Face:
    face = _FACES.get(path)
    if face is None:
        face = _FACES[path] = _Face(path)
    return face


def _is_ignorable(ch: str) -> bool:
    """Control/format characters and variation selectors are never drawn."""
    return (unicodedata.category(ch) in ("Cc", "Cf") or "\ufe00" <= ch <= "\ufe0f"
            or "\U000e0100" <= ch <= "\U000e01ef")


class FontSet:
    """Font roles with fallback chains; see the module docstring."""

    def __init__(self, chains: dict[str, list[Path]], notes: list[Diagnostic]):
        self.chains = chains  # role -> existing font files, chain order
        self.notes = notes  # fonts skipped (absent or unusable), as info diagnostics
        self._memo: dict[str, dict[str, _Face | None]] = {role: {} for role in chains}
        self._handed_out: set[Path] = {paths[0] for paths in chains.values()}
        self._live = False  # after register_for_reportlab, new faces register at once

    @classmethod
    def load(cls, roles: Mapping[str, Sequence[str]]) -> FontSet:
        """Resolve each role's chain; parse its first usable face, others on demand."""
        chains: dict[str, list[Path]] = {}
        notes: list[Diagnostic] = []
        for role, names in roles.items():
            paths: list[Path] = []
            for name in names:
                path = find_font_file(name)
                if path is None:
                    notes.append(Diagnostic("info", f"font role {role!r}: {name} not found, skipped"))
                    continue
                if not paths:  # the primary face must parse now, so errors surface at load
                    try:
                        _face(path)
                    except (OSError, ValueError, struct.error, IndexError) as exc:
                        notes.append(Diagnostic("info", f"font role {role!r}: {path} unusable ({exc}), skipped"))
                        continue
                if path not in paths:
                    paths.append(path)
            if not paths:
                raise FontError(f"font role {role!r}: no usable font among {', '.join(map(str, names))} "
                                f"(looked in {REPO_FONTS} and {', '.join(map(str, SYSTEM_FONT_DIRS))})")
            chains[role] = paths
        return cls(chains, notes)

    def _chain_face(self, role: str, char: str) -> _Face | None:
        memo = self._memo.get(role)
        if memo is None:
            raise FontError(f"unknown font role {role!r} (known: {', '.join(self.chains)})")
        cp = ord(char)
        found = None
        for path in list(self.chains[role]):
            try:
                face = _face(path)
            except (OSError, ValueError, struct.error, IndexError) as exc:
                self.chains[role].remove(path)
                self.notes.append(Diagnostic("info", f"font role {role!r}: {path} unusable ({exc}), skipped"))
                continue
            if cp in face.cmap:
                found = face
                break
        memo[char] = found
        if found is not None and found.path not in self._handed_out:
            self._handed_out.add(found.path)
            if self._live:
                self._register(found.path)
        return found

    def face_for(self, role: str, char: str) -> str | None:
        """reportlab font name of the first face in the role's chain that maps char, else None."""
        try:
            face = self._memo[role][char]
        except KeyError:
            face = self._chain_face(role, char)
        return None if face is None else self._name(face.path)

    def advance(self, role: str, char: str) -> float:
        """Advance width in em of char in the face that draws it (.notdef of the primary if none)."""
        try:
            face = self._memo[role][char]
        except KeyError:
            face = self._chain_face(role, char)
        if face is None:
            face = _face(self.chains[role][0])
        return face.advance(ord(char))

    def missing(self, role: str, text: str) -> list[str]:
        """Distinct characters of text (first-seen order) that no face of the chain maps."""
        seen: dict[str, None] = {}
        for ch in text:
            if ch not in seen and not _is_ignorable(ch) and self.face_for(role, ch) is None:
                seen[ch] = None
        return list(seen)

    @staticmethod
    def _name(path: Path) -> str:
        name = _REGISTERED.get(path)
        if name is None:
            taken = set(_REGISTERED.values())
            name, i = path.stem, 1
            while name in taken:
                i += 1
                name = f"{path.stem}-{i}"
            _REGISTERED[path] = name
        return name

    def _register(self, path: Path) -> str:
        from reportlab.pdfbase import pdfmetrics

        name = self._name(path)
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(_reportlab_font_class()(name, str(path)))  # subset on embedding
        return name

    def register_for_reportlab(self, all_faces: bool = False) -> str:
        """Register faces with reportlab (each once per process); return an initialFontName.

        Registers each role's primary face and every face face_for has returned so
        far; faces it returns later are registered when first returned. So call it
        before making the canvas; fallbacks never needed (e.g. the 51 MB BabelStone
        Han) cost nothing. all_faces=True registers every face of every chain.
        The returned name (first role's primary face) goes to Canvas(initialFontName=)
        so the canvas puts no non-embedded Helvetica into the PDF.
        """
        paths = {p for ps in self.chains.values() for p in ps} if all_faces else self._handed_out
        for path in sorted(paths):
            self._register(path)
        self._live = True
        return self._register(next(iter(self.chains.values()))[0])
