#!/usr/bin/env python3
"""One-time build of the font files committed in fonts/.

Why: reportlab embeds only TrueType (glyf) outlines, and Debian's Noto CJK
collections are CFF (PostScript) outlines, so the Noto faces are converted here
once and the results are committed. LXGW WenKai is already glyf and is copied
unchanged.

What the conversion does, per Noto face (face index 2 of the .ttc = SC):
- every glyph that the face's cmap reaches (all subtables, including the
  format 14 variation-sequence table) is drawn through cu2qu (cubic -> quadratic,
  max error 1 font unit of 1000, contour direction reversed for TrueType) into
  a TrueType glyph; glyf/loca and maxp 1.0 are built, CFF and VORG dropped;
- the layout tables (GSUB, GPOS, GDEF, BASE) are dropped: reportlab does no
  shaping, so glyphs reachable only through GSUB (vertical forms, JP/KR/TC
  regional variants, ligatures) could never be used; they stay in the glyph
  order with empty outlines, so glyph ids, glyph order, cmap and advance widths
  (hmtx, vmtx) are identical to the source face;
- nothing is hinted (the output is for PDF, not for screens).

Deterministic (no timestamps are rewritten, head.modified is kept from the
source) and idempotent: an output that exists is skipped unless --force.

Usage:  python fonts/build_fonts.py [--force] [--jobs N]
"""

from __future__ import annotations

import argparse
import multiprocessing
import shutil
import sys
import time
from pathlib import Path

FONTS_DIR = Path(__file__).resolve().parent
NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
SC_INDEX = 2  # face index of Simplified Chinese in the Noto CJK .ttc collections
MAX_ERR = 1.0  # cu2qu tolerance in font units (UPM 1000)
DROP_TABLES = ("CFF ", "CFF2", "VORG", "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH")

# output name -> (source .ttc, face index)
CONVERT = {
    "NotoSerifCJKsc-Regular.ttf": (NOTO_DIR / "NotoSerifCJK-Regular.ttc", SC_INDEX),  # song (body)
    "NotoSansCJKsc-Bold.ttf": (NOTO_DIR / "NotoSansCJK-Bold.ttc", SC_INDEX),  # hei (headlines)
    "NotoSansCJKsc-Black.ttf": (NOTO_DIR / "NotoSansCJK-Black.ttc", SC_INDEX),  # heavy (big heads)
}
# output name -> source, copied byte for byte (already TrueType outlines)
COPY = {
    "LXGWWenKai-Regular.ttf": Path("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"),  # kai
}


def reachable_glyphs(font) -> set[str]:
    """Glyph names reachable through any cmap subtable, plus .notdef."""
    names = {font.getGlyphOrder()[0]}
    for sub in font["cmap"].tables:
        if sub.format == 14:
            for pairs in sub.uvsDict.values():
                names.update(g for _, g in pairs if g is not None)
        else:
            names.update(sub.cmap.values())
    return names


def convert(out_name: str, src: Path, index: int) -> tuple[str, float]:
    """Convert one CFF face to a TrueType-outline .ttf; returns (name, seconds)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    start = time.perf_counter()
    font = TTFont(src, fontNumber=index, lazy=False, recalcTimestamp=False)
    assert "CFF " in font, f"{src}#{index} has no CFF table"
    order = font.getGlyphOrder()
    keep = reachable_glyphs(font)
    glyph_set = font.getGlyphSet()

    glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        if name in keep:
            glyph_set[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyphs[name] = pen.glyph()

    for tag in DROP_TABLES:
        if tag in font:
            del font[tag]
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs

    # TrueType convention: left side bearing = xMin (advances untouched).
    hmtx = font["hmtx"]
    for name, glyph in glyphs.items():
        glyph.recalcBounds(glyf)
        if glyph.numberOfContours:
            hmtx[name] = (hmtx[name][0], glyph.xMin)

    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(order)
    maxp.maxZones = 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
                  "maxComponentDepth", "maxCompositePoints", "maxCompositeContours"):
        setattr(maxp, field, 0)
    # maxPoints/maxContours are recalculated on save (recalcBBoxes=True).
    maxp.maxPoints = maxp.maxContours = 0

    post = font["post"]
    post.formatType = 3.0  # no glyph names: 65,535 names would only add bytes
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"

    tmp = FONTS_DIR / (out_name + ".tmp")
    font.save(tmp)
    tmp.replace(FONTS_DIR / out_name)
    return out_name, time.perf_counter() - start


def verify(path: Path, src: Path | None, index: int = 0) -> str:
    """Check the output is glyf TrueType, keeps cmap and advances, and loads in reportlab."""
    from fontTools.ttLib import TTFont
    from reportlab.pdfbase.ttfonts import TTFont as RLFont

    with TTFont(path, lazy=True) as out:
        assert "glyf" in out and "CFF " not in out, f"{path.name}: not TrueType outlines"
        cmap = out.getBestCmap()
        if src is not None:
            with TTFont(src, fontNumber=index, lazy=True) as ref:
                _same_mapping_and_advances(path, out, cmap, ref)
    RLFont(path.stem, str(path))  # raises TTFError if reportlab cannot embed it
    size = path.stat().st_size / 1e6
    return f"{path.name}: {size:.1f} MB, {len(cmap)} code points, loads in reportlab"


def _same_mapping_and_advances(path: Path, out, cmap: dict, ref) -> None:
    # Glyph names differ (post 3.0 has none), so compare code point -> glyph id.
    def ids(font, mapping):
        return {cp: font.getGlyphID(name) for cp, name in mapping.items()}

    assert ids(out, cmap) == ids(ref, ref.getBestCmap()), f"{path.name}: cmap differs"
    assert len(out.getGlyphOrder()) == len(ref.getGlyphOrder()), f"{path.name}: glyph count"
    adv_out = [out["hmtx"].metrics[g][0] for g in out.getGlyphOrder()]
    adv_ref = [ref["hmtx"].metrics[g][0] for g in ref.getGlyphOrder()]
    assert adv_out == adv_ref, f"{path.name}: advance widths differ"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--force", action="store_true", help="rebuild outputs that already exist")
    ap.add_argument("--jobs", type=int, default=min(2, multiprocessing.cpu_count()),
                    help="parallel conversions (each needs about 1 GB RAM)")
    args = ap.parse_args(argv)

    start = time.perf_counter()
    for out_name, src in COPY.items():
        out = FONTS_DIR / out_name
        if out.exists() and not args.force:
            print(f"skip {out_name} (exists)")
            continue
        shutil.copyfile(src, out)
        print(f"copied {src} -> {out_name}")

    todo = []
    for out_name, (src, index) in CONVERT.items():
        if (FONTS_DIR / out_name).exists() and not args.force:
            print(f"skip {out_name} (exists)")
        elif not src.exists():
            print(f"error: {src} not found (apt install fonts-noto-cjk fonts-noto-cjk-extra)",
                  file=sys.stderr)
            return 1
        else:
            todo.append((out_name, src, index))
    if todo:
        with multiprocessing.get_context("spawn").Pool(max(1, args.jobs)) as pool:
            for name, seconds in pool.starmap(convert, todo):
                print(f"converted {name} in {seconds:.0f} s")

    for out_name, (src, index) in CONVERT.items():
        print(verify(FONTS_DIR / out_name, src, index))
    for out_name, src in COPY.items():
        print(verify(FONTS_DIR / out_name, None))
    print(f"done in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
