"""Font roles, fallback chains and the converted font files (typeset/fonts/, fonts/)."""

import io
import struct
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from typeset.diagnostics import TypesetError
from typeset.fonts import (DEFAULT_ROLES, REPO_FONTS, FontError, FontSet, _reportlab_font_class,
                           find_font_file)

NOTO = Path("/usr/share/fonts/opentype/noto")
CONVERTED = {  # output in fonts/ -> Debian source collection (face 2 = SC)
    "NotoSerifCJKsc-Regular.ttf": NOTO / "NotoSerifCJK-Regular.ttc",
    "NotoSansCJKsc-Bold.ttf": NOTO / "NotoSansCJK-Bold.ttc",
    "NotoSansCJKsc-Black.ttf": NOTO / "NotoSansCJK-Black.ttc",
}
RARE = "\U0002A6A5"  # 𪚥 (Ext B): not in Noto CJK SC, in BabelStone Han


@pytest.fixture(scope="module")
def fonts() -> FontSet:
    return FontSet.load(DEFAULT_ROLES)


def test_every_role_of_the_default_chains_resolves(fonts):
    assert {role: fonts.face_for(role, "中") is not None for role in DEFAULT_ROLES} == {
        role: True for role in DEFAULT_ROLES}


def test_han_character_gets_the_song_face(fonts):
    assert fonts.face_for("song", "中") == "NotoSerifCJKsc-Regular"


def test_rare_character_falls_back_down_the_chain(fonts):
    if find_font_file("BabelStoneHan.ttf") is None:
        pytest.skip("BabelStone Han not installed (Debian fonts-babelstone-han)")
    assert fonts.face_for("song", RARE) == "BabelStoneHan"


def test_missing_lists_only_characters_no_face_has(fonts):
    assert fonts.missing("song", "中文\n\U0010FFFD，\t中") == ["\U0010FFFD"]


def test_absent_optional_fallback_is_skipped_with_a_note():
    fs = FontSet.load({"song": ["NotoSerifCJKsc-Regular.ttf", "NoSuchFallback.ttf"]})
    assert fs.face_for("song", "中") == "NotoSerifCJKsc-Regular"
    assert any("NoSuchFallback.ttf" in n.message for n in fs.notes)


def test_role_without_any_font_raises_font_error_naming_the_role():
    with pytest.raises(FontError, match="byline") as info:
        FontSet.load({"song": ["NotoSerifCJKsc-Regular.ttf"], "byline": ["NoSuchFont.ttf"]})
    assert isinstance(info.value, TypesetError) and "NoSuchFont.ttf" in str(info.value)


def test_advance_of_zhong_in_song_is_one_em(fonts):
    assert fonts.advance("song", "中") == pytest.approx(1.0)


def test_register_for_reportlab_returns_an_embedded_font_name(fonts):
    from reportlab.pdfbase import pdfmetrics

    name = fonts.register_for_reportlab()
    assert name == "NotoSerifCJKsc-Regular" and name in pdfmetrics.getRegisteredFontNames()
    assert fonts.register_for_reportlab() == name  # idempotent: registered once


@pytest.mark.parametrize("name", sorted(CONVERTED))
def test_converted_font_has_truetype_outlines_and_no_cff(name):
    with TTFont(REPO_FONTS / name, lazy=True) as font:
        assert ("glyf" in font, "CFF " in font) == (True, False)


@pytest.mark.parametrize("name", sorted(CONVERTED))
def test_converted_font_keeps_every_code_point_of_the_source(name):
    src = CONVERTED[name]
    if not src.exists():
        pytest.skip(f"{src} not installed (Debian fonts-noto-cjk / fonts-noto-cjk-extra)")
    with TTFont(REPO_FONTS / name, lazy=True) as a, TTFont(src, fontNumber=2, lazy=True) as b:
        ours, theirs = a.getBestCmap(), b.getBestCmap()
    assert len(ours) >= len(theirs) and set(theirs) <= set(ours)


# The bulk parser behind FontSet.register_for_reportlab must give reportlab exactly
# what reportlab's own (per-integer) TTFontFile.extractInfo gives it.
SMALL_FACE = REPO_FONTS / "LXGWWenKai-Regular.ttf"  # the smallest committed face


def _without_format_12(data: bytes) -> bytes:
    """The font with its format 12 cmap records renamed to platform 2, which reportlab
    skips, so that it (and the fast parser) fall back on the format 4 subtable."""
    out = bytearray(data)
    tables = {data[12 + 16 * i: 16 + 16 * i]: struct.unpack_from(">I", data, 20 + 16 * i)[0]
              for i in range(struct.unpack_from(">H", data, 4)[0])}
    cmap = tables[b"cmap"]
    for i in range(struct.unpack_from(">H", data, cmap + 2)[0]):
        rec = cmap + 4 + 8 * i
        if struct.unpack_from(">H", data, cmap + struct.unpack_from(">I", data, rec + 4)[0])[0] == 12:
            struct.pack_into(">H", out, rec, 2)
    return bytes(out)


def _same_as_reportlabs_parser(ours, ref, cmap_format) -> None:
    assert not isinstance(ours.hmetrics, list)  # the bulk path ran, not reportlab's fallback
    assert (max(ours.charToGlyph) > 0xFFFF) == (cmap_format == 12)  # the subtable meant
    assert dict(ours.charToGlyph) == ref.charToGlyph and list(ours.charToGlyph) == list(ref.charToGlyph)
    assert all(ours.charToGlyph[c] == g and c in ours.charToGlyph for c, g in ref.charToGlyph.items())
    assert dict(ours.charWidths) == ref.charWidths and ours.defaultWidth == ref.defaultWidth
    assert [ours.getCharWidth(c) for c in (0x20, 0xA0, 0x4E2D, 0x10FFFD)] == [
        ref.getCharWidth(c) for c in (0x20, 0xA0, 0x4E2D, 0x10FFFD)]
    assert list(ours.hmetrics) == ref.hmetrics and len(ours.hmetrics) == len(ref.hmetrics)
    assert ours.hmetrics[-1] == ref.hmetrics[-1] and ours.hmetrics[5:9] == ref.hmetrics[5:9]
    assert list(ours.glyphPos) == ref.glyphPos and len(ours.glyphPos) == len(ref.glyphPos)
    assert list(ours.glyphToChar.items()) == list(ref.glyphToChar.items())
    metrics = ("name", "familyName", "styleName", "fullName", "uniqueFontID", "unitsPerEm", "bbox",
               "ascent", "descent", "capHeight", "italicAngle", "stemV", "flags", "numGlyphs",
               "underlinePosition", "underlineThickness", "fontRevision", "_full_font")
    assert {k: getattr(ours, k) for k in metrics} == {k: getattr(ref, k) for k in metrics}
    subset = [0, 0x20, 0x4E2D, 0x6587, 0x3002, 0x41]
    assert ours.makeSubset(subset) == ref.makeSubset(subset)  # the bytes embedded in a PDF


@pytest.mark.parametrize("cmap_format", [12, 4])
def test_fast_face_matches_reportlab_parser(cmap_format):
    from reportlab.pdfbase.ttfonts import TTFontFace

    data = SMALL_FACE.read_bytes()
    if cmap_format == 4:
        data = _without_format_12(data)
    ours = _reportlab_font_class().face_class(io.BytesIO(data))
    _same_as_reportlabs_parser(ours, TTFontFace(io.BytesIO(data)), cmap_format)


@pytest.mark.parametrize("cmap_format", [12, 4])
@pytest.mark.parametrize("cache", ["parsed", "cached", "off"])
def test_shared_face_gives_reportlab_what_its_parser_gives(cmap_format, cache, tmp_path, monkeypatch):
    """A face registered by path takes its tables from the process's one parse of
    the file (faces._Face: decoded, or mapped from the font cache) and the file's
    bytes as that face's memory map: reportlab sees its own parser's values."""
    import mmap

    from reportlab.pdfbase.ttfonts import TTFontFace

    from typeset.fonts import faces

    monkeypatch.setenv("TYPESET_FONT_CACHE", "off" if cache == "off" else str(tmp_path / "cache"))
    data = SMALL_FACE.read_bytes()
    if cmap_format == 4:
        data = _without_format_12(data)
    path = tmp_path / "face.ttf"
    path.write_bytes(data)
    if cache == "cached":
        faces._Face(path)  # writes the cache
    monkeypatch.setitem(faces._FACES, path, faces._Face(path))
    assert faces._FACES[path].from_cache == (cache == "cached")
    ours = _reportlab_font_class().face_class(str(path))
    assert ours._shared is faces._FACES[path] and isinstance(ours._ttf_data, mmap.mmap)
    _same_as_reportlabs_parser(ours, TTFontFace(io.BytesIO(data)), cmap_format)


def test_fast_font_sets_what_reportlabs_ttfont_sets():
    """_reportlab_font_class().__init__ mirrors TTFont.__init__; catch a reportlab change."""
    from reportlab.pdfbase.ttfonts import TTFont as RLTTFont

    ours, ref = _reportlab_font_class()("Fast", str(SMALL_FACE)), RLTTFont("Fast", str(SMALL_FACE))
    assert isinstance(ours, RLTTFont) and set(vars(ours)) == set(vars(ref))
    same = ("fontName", "_asciiReadable", "_shapable")
    assert {k: vars(ours)[k] for k in same} == {k: vars(ref)[k] for k in same}
    assert ours.encoding.name == ref.encoding.name and dict(ours.state) == dict(ref.state) == {}
    assert ours.stringWidth("中文 a\u00a0", 10) == ref.stringWidth("中文 a\u00a0", 10)
