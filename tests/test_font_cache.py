"""The font cache (typeset/fonts/cache.py): one memory-mapped file of parsed
tables per font file, keyed on its path, size, mtime and inode; written
atomically; stale, corrupt or unwritable caches never change what is set."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from typeset.fonts import cache as font_cache
from typeset.fonts.faces import _Face

ROOT = Path(__file__).resolve().parents[1]


def tiny_font(cmap: dict[int, int], advance: int = 500) -> bytes:
    """A TrueType font of a few square glyphs: code point -> glyph number."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    names = [".notdef"] + [f"g{g}" for g in sorted(set(cmap.values()))]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({c: f"g{g}" for c, g in cmap.items()})
    glyphs = {}
    for i, name in enumerate(names):
        pen = TTGlyphPen(None)
        pen.moveTo((0, 0))
        pen.lineTo((0, 500 + i))
        pen.lineTo((400, 500))
        pen.closePath()
        glyphs[name] = pen.glyph()
    fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({n: (advance + 10 * i, 0) for i, n in enumerate(names)})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "Tiny", "styleName": "Regular", "psName": "Tiny-Regular"})
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120)
    fb.setupPost()
    out = io.BytesIO()
    fb.save(out)
    return out.getvalue()


CMAP = {0x20: 1, 0x4E2D: 2, 0x6587: 3, 0x20BB7: 4, 0x41: 5}


@pytest.fixture
def font(tmp_path) -> Path:
    path = tmp_path / "Tiny.ttf"
    path.write_bytes(tiny_font(CMAP))
    return path


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("TYPESET_FONT_CACHE", str(folder))
    return folder


def entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def what_the_composer_sees(face: _Face) -> tuple:
    return (dict(face.cmap), list(face.advances), face.units_per_em, face.n_glyphs,
            [face.advance(cp) for cp in (0x20, 0x4E2D, 0x20BB7, 0x3000)])


# --- where ------------------------------------------------------------------------------

def test_the_cache_lives_under_xdg_cache_home_or_dot_cache(monkeypatch, tmp_path):
    monkeypatch.delenv("TYPESET_FONT_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert font_cache.cache_dir() == tmp_path / "xdg" / "typeset" / "fonts"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    assert font_cache.cache_dir() == Path.home() / ".cache" / "typeset" / "fonts"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert font_cache.cache_dir() == Path.home() / ".cache" / "typeset" / "fonts"


def test_typeset_font_cache_names_a_folder_or_turns_the_cache_off(monkeypatch, tmp_path, font):
    monkeypatch.setenv("TYPESET_FONT_CACHE", str(tmp_path / "elsewhere"))
    assert font_cache.cache_dir() == tmp_path / "elsewhere"
    for off in ("off", "0", "OFF"):
        monkeypatch.setenv("TYPESET_FONT_CACHE", off)
        assert font_cache.cache_dir() is None
        assert not _Face(font).from_cache
    assert not (tmp_path / "elsewhere").exists()


# --- built once, then read ----------------------------------------------------------------

def test_a_face_is_parsed_once_then_read_from_the_cache(font, cache_dir):
    first = _Face(font)
    assert not first.from_cache and len(entries(cache_dir)) == 1
    second = _Face(font)
    assert second.from_cache
    assert what_the_composer_sees(second) == what_the_composer_sees(first)
    assert dict(second.cmap) == CMAP
    assert second.advance(0x4E2D) == 0.52 and second.advance(0x3000) == 0.5  # .notdef


def test_the_cache_holds_reportlabs_reading_too(font, cache_dir):
    _Face(font)
    cached = _Face(font)
    rl = cached.rl
    assert rl is not None and cached.from_cache
    assert dict(zip(rl.codes, rl.glyphs)) == CMAP
    assert list(rl.loca) == sorted(rl.loca) and len(rl.loca) == cached.n_glyphs + 1


def test_a_cache_is_written_whole_and_leaves_no_temporary_file(font, cache_dir):
    _Face(font)
    (name,) = entries(cache_dir)
    assert name.startswith("Tiny-") and name.endswith(".fontcache")
    data = (cache_dir / name).read_bytes()
    assert data.startswith(font_cache.MAGIC)


def test_a_killed_writers_day_old_temporary_file_is_cleared(font, cache_dir):
    cache_dir.mkdir()
    old, new = cache_dir / ".tmp-old.fontcache", cache_dir / ".tmp-new.fontcache"
    for leftover in (old, new):
        leftover.write_bytes(b"half a cache")
    os.utime(old, (0, 0))
    _Face(font)
    assert not old.exists() and new.exists()  # a writer may still be writing that one


def test_the_cache_of_a_deleted_font_file_goes_at_the_next_write(tmp_path, cache_dir):
    gone, kept, new = (tmp_path / f"{n}.ttf" for n in ("Gone", "Kept", "New"))
    for path in (gone, kept, new):
        path.write_bytes(tiny_font(CMAP))
    _Face(gone), _Face(kept)
    gone.unlink()
    assert len(entries(cache_dir)) == 2
    _Face(new)
    assert [name.split("-")[0] for name in entries(cache_dir)] == ["Kept", "New"]


def test_the_key_is_path_size_mtime_and_inode_not_the_fonts_bytes(font):
    st = font.stat()
    assert font_cache.font_key(font, st) == [str(font), st.st_size, st.st_mtime_ns, st.st_ino]


# --- stale, corrupt, unwritable -------------------------------------------------------------

def test_a_changed_font_file_makes_its_cache_stale(font, cache_dir):
    _Face(font)
    font.write_bytes(tiny_font({0x4E2D: 1, 0x56FD: 2}, advance=700))  # same path, new font
    face = _Face(font)
    assert not face.from_cache and dict(face.cmap) == {0x4E2D: 1, 0x56FD: 2}
    assert face.advance(0x56FD) == 0.72
    again = _Face(font)
    assert again.from_cache and dict(again.cmap) == {0x4E2D: 1, 0x56FD: 2}
    assert len(entries(cache_dir)) == 1  # rebuilt in place


def test_a_touched_font_file_is_read_again(font, cache_dir):
    _Face(font)
    st = font.stat()
    os.utime(font, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert not _Face(font).from_cache
    assert _Face(font).from_cache


@pytest.mark.parametrize("damage", ["flip a byte", "truncate", "garbage", "empty", "other version"])
def test_a_corrupt_cache_is_rebuilt(font, cache_dir, damage):
    reference = what_the_composer_sees(_Face(font))
    (name,) = entries(cache_dir)
    file = cache_dir / name
    data = bytearray(file.read_bytes())
    if damage == "flip a byte":
        data[-3] ^= 0xFF
    elif damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "garbage":
        data = bytearray(b"not a cache at all" * 10)
    elif damage == "empty":
        data = bytearray()
    else:
        data[8] += 1  # the format version
    file.write_bytes(bytes(data))
    face = _Face(font)
    assert not face.from_cache and what_the_composer_sees(face) == reference
    assert _Face(font).from_cache


def test_an_unwritable_cache_folder_means_no_cache(font, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("TYPESET_FONT_CACHE", str(blocker / "cache"))  # mkdir fails
    reference = None
    for _ in range(2):
        face = _Face(font)
        assert not face.from_cache
        assert reference in (None, what_the_composer_sees(face))
        reference = what_the_composer_sees(face)
    assert blocker.read_text() == "not a folder"


def test_a_read_only_cache_folder_is_read_but_not_written(font, cache_dir, monkeypatch):
    import tempfile

    _Face(font)  # a valid cache exists

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    assert _Face(font).from_cache  # still read
    font.write_bytes(tiny_font({0x4E2D: 1}))
    face = _Face(font)  # stale, and cannot be rewritten: parsed, no error
    assert not face.from_cache and dict(face.cmap) == {0x4E2D: 1}
    assert len(entries(cache_dir)) == 1


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="file modes do not stop root (CI runs as root)")
def test_a_read_only_cache_folder_by_its_mode(font, cache_dir):
    cache_dir.mkdir()
    cache_dir.chmod(0o555)
    try:
        assert not _Face(font).from_cache and entries(cache_dir) == []
    finally:
        cache_dir.chmod(0o755)


def test_a_failed_write_leaves_neither_a_cache_nor_a_temporary_file(font, cache_dir, monkeypatch):
    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    face = _Face(font)
    assert not face.from_cache and dict(face.cmap) == CMAP
    assert entries(cache_dir) == []


def test_a_font_that_does_not_parse_leaves_no_cache(tmp_path, cache_dir):
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"\x00\x01\x00\x00" + b"\xff" * 40)
    with pytest.raises(Exception):
        _Face(bad)
    assert entries(cache_dir) == []


# --- same PDF, whatever the cache ----------------------------------------------------------

RENDER = """
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
from typeset.fonts import DEFAULT_ROLES, FontSet
from typeset.compose import ParagraphStyle, Run, compose_paragraph
from typeset.frames import DocumentFrames, PageFrame, TextLine
from typeset.render import render_pdf
fonts = FontSet.load(DEFAULT_ROLES)
els = []
for i, role in enumerate(("song", "hei", "heavy", "kai")):
    par = compose_paragraph([Run({text!r}, role)], ParagraphStyle(measure=20), fonts)
    els += [TextLine(20, 40 + 90 * i + 18 * j, 12, ln.glyphs, ) for j, ln in enumerate(par.lines)]
render_pdf(DocumentFrames((PageFrame(1, 300, 400, 9, tuple(els)),), "测试", "1"), Path(sys.argv[1]), fonts)
"""


def test_the_pdf_is_the_same_with_the_cache_cold_warm_or_off(tmp_path):
    text = "新闻排版测试，今天天气很好。2024年Python大会在北京举行！他说——好……「引号」"
    script = RENDER.format(root=str(ROOT), text=text)
    outs = {}
    for run, setting in (("cold", tmp_path / "c"), ("warm", tmp_path / "c"), ("off", "off")):
        out = tmp_path / f"{run}.pdf"
        env = dict(os.environ, TYPESET_FONT_CACHE=str(setting))
        subprocess.run([sys.executable, "-c", script, str(out)], env=env, check=True, cwd=ROOT)
        outs[run] = out.read_bytes()
    assert len(entries(tmp_path / "c")) == 4  # the four default faces
    assert outs["cold"] == outs["warm"] == outs["off"]
