"""The PDF renderer (typeset/render): placed pages in, a print PDF out."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from typeset.compose import Glyph, ParagraphStyle, Run, compose_paragraph
from typeset.fonts import DEFAULT_ROLES, FontSet, find_font_file
from typeset.frames import (Box, DocumentFrames, PageFrame, Picture, ProofMark, QRCode, Rule,
                            TextLine)
from typeset.render import RenderError, render_pdf
from typeset.render.marks import slug_pt
from typeset.render.pdffix import _tounicode_cmap_utf16

pdfium = pytest.importorskip("pypdfium2")

ROOT = Path(__file__).resolve().parents[1]
BLEED = 9.0
SLUG = slug_pt()   # the media box reaches this far beyond the bleed box
W, H = 300.0, 400.0
DPI = 150
BODY = "新闻排版测试，今天天气很好。2024年Python大会在北京举行！"
RARE = "吉字\U00020BB7与\U0002A6A5"  # 𠮷 U+20BB7, 𪚥 U+2A6A5: BabelStone Han only


@pytest.fixture(scope="module")
def fonts() -> FontSet:
    return FontSet.load(DEFAULT_ROLES)


# --- helpers --------------------------------------------------------------------------

def grid_line(text: str, x: float, baseline: float, size: float = 12.0, font: str = "song",
              color: str = "black") -> TextLine:
    """One glyph per em, "——" and "……" as 2 em marks: positions by plain arithmetic."""
    glyphs, pos = [], 0.0
    for part in re.findall(r"——|……|.", text):
        kind = {"——": "dash", "……": "ellipsis", " ": "space"}.get(part, "char")
        width = 2.0 if kind in ("dash", "ellipsis") else 1.0
        glyphs.append(Glyph(part, font, pos, width, kind))
        pos += width
    return TextLine(x=x, baseline=baseline, size=size, glyphs=tuple(glyphs), color=color)


def paragraph_lines(fonts: FontSet, text: str, x: float = 20.0, top: float = 40.0,
                    size: float = 12.0, measure: int = 20) -> list[TextLine]:
    par = compose_paragraph([Run(text, "song")], ParagraphStyle(measure=measure), fonts)
    return [TextLine(x=x, baseline=top + i * size * 1.5, size=size, glyphs=ln.glyphs)
            for i, ln in enumerate(par.lines)]


def doc(*elements, pages: int = 1) -> DocumentFrames:
    return DocumentFrames(
        pages=tuple(PageFrame(n + 1, W, H, BLEED, tuple(elements)) for n in range(pages)),
        title="测试日报 2024年1月1日", subject="第1期")


def render(tmp_path: Path, fonts: FontSet, document: DocumentFrames, name: str = "out.pdf",
           proof: bool = False) -> Path:
    out = tmp_path / name
    render_pdf(document, out, fonts, proof=proof)
    return out


def line_text(lines) -> str:
    return "".join(g.char for ln in lines for g in ln.glyphs)


def strip_ws(s: str) -> str:
    return re.sub(r"\s+", "", s)


def pdfium_text(path: Path) -> str:
    pdf = pdfium.PdfDocument(path)
    try:
        return "".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def raster(path: Path, page: int = 0):
    """RGB pixels of a page at DPI; (x, y) in the returned image is top-left based."""
    pdf = pdfium.PdfDocument(path)
    try:
        return pdf[page].render(scale=DPI / 72).to_pil().convert("RGB")
    finally:
        pdf.close()


def px(v: float) -> int:
    """Frame coordinate (pt on the trimmed page) → pixel of the rendered media box
    (slug and bleed included)."""
    return round((v + BLEED + SLUG) * DPI / 72)


def dark(rgb) -> bool:
    return sum(rgb) < 3 * 100


def content_streams(path: Path) -> list[bytes]:
    """The pages' decompressed content streams (not fonts or images)."""
    data = path.read_bytes()
    out = []
    for num in re.findall(rb"/Contents (\d+) 0 R", data):
        m = re.search(rb"\n" + num + rb" 0 obj\s*<<(.*?)>>\s*stream\r?\n(.*?)endstream", data, re.S)
        body = m.group(2)
        out.append(zlib.decompressobj().decompress(body) if b"FlateDecode" in m.group(1) else body)
    assert out
    return out


# --- fonts ----------------------------------------------------------------------------

def test_every_font_is_embedded_and_subset(tmp_path, fonts):
    if not shutil.which("pdffonts"):
        pytest.skip("pdffonts (poppler-utils) not installed")
    out = render(tmp_path, fonts, doc(*paragraph_lines(fonts, BODY),
                                      grid_line("标题", 20, 200, 20, "heavy"),
                                      grid_line("楷体字", 20, 240, 12, "kai")))
    rows = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True,
                          check=True).stdout.splitlines()[2:]
    assert len(rows) >= 3
    for row in rows:
        name, emb, sub = row.split()[0], row.split()[-5], row.split()[-4]
        assert (emb, sub) == ("yes", "yes"), row
        assert re.match(r"[A-Z]{6}\+", name), row


def test_no_helvetica_or_other_base14_font_anywhere(tmp_path, fonts):
    out = render(tmp_path, fonts, doc(*paragraph_lines(fonts, BODY)))
    data = out.read_bytes()
    assert b"Helvetica" not in data and b"Times" not in data and b"Courier" not in data
    base_fonts = re.findall(rb"/BaseFont /(\S+)", data)
    assert base_fonts and all(re.match(rb"[A-Z]{6}\+", f) for f in base_fonts)
    assert data.count(b"/FontFile2") == len(base_fonts)  # each subset carries its TrueType program


# --- text extraction --------------------------------------------------------------------

def test_pdfium_extracts_the_lines_text_in_order(tmp_path, fonts):
    lines = paragraph_lines(fonts, BODY * 3 + "他说——真的吗……")
    out = render(tmp_path, fonts, doc(*lines))
    assert strip_ws(pdfium_text(out)) == strip_ws(line_text(lines))


def test_pdftotext_extracts_the_lines_text_in_order(tmp_path, fonts):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) not installed")
    lines = paragraph_lines(fonts, BODY * 3 + "他说——真的吗……")
    out = render(tmp_path, fonts, doc(*lines))
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert strip_ws(text) == strip_ws(line_text(lines))


def test_dash_and_ellipsis_extract_as_typed_with_no_gap_inside(tmp_path, fonts):
    out = render(tmp_path, fonts, doc(grid_line("他说——好……", 20, 60)))
    assert pdfium_text(out).strip() == "他说——好……"


@pytest.mark.skipif(find_font_file("BabelStoneHan.ttf") is None,
                    reason="BabelStone Han (fonts-babelstone-han) not installed")
def test_characters_above_U_FFFF_extract_exactly(tmp_path, fonts):
    assert fonts.face_for("song", "\U0002A6A5") is not None
    out = render(tmp_path, fonts, doc(grid_line(RARE + "。", 20, 60)))
    assert pdfium_text(out).strip() == RARE + "。"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert text.strip() == RARE + "。"


def test_tounicode_fix_writes_surrogate_pairs_and_leaves_bmp_entries_alone():
    cmap = _tounicode_cmap_utf16("X", [0, 0x4E2D, 0x2A6A5, 0x20BB7])
    assert "\n<01> <4E2D>\n" in cmap
    assert "\n<02> <D869DEA5>\n" in cmap
    assert "\n<03> <D842DFB7>\n" in cmap


def test_reportlab_is_left_unpatched_after_rendering(tmp_path, fonts):
    from reportlab import rl_config
    from reportlab.pdfbase import ttfonts

    before = (ttfonts.makeToUnicodeCMap, rl_config.useA85)
    render(tmp_path, fonts, doc(grid_line("中文", 20, 60)))
    assert (ttfonts.makeToUnicodeCMap, rl_config.useA85) == before


# --- geometry ---------------------------------------------------------------------------

def test_glyph_is_drawn_in_its_em_box(tmp_path, fonts):
    # 中 at x = 20 + 3 em of 20 pt = 80 pt, baseline 100 pt (frame): its ink lies in the
    # em box [80, 100] × [baseline − 0.88 em, baseline + 0.12 em]
    line = TextLine(x=20, baseline=100, size=20, glyphs=(Glyph("中", "song", 3.0, 1.0),))
    out = render(tmp_path, fonts, doc(line))
    pdf = pdfium.PdfDocument(out)
    try:
        left, bottom, right, top = pdf[0].get_textpage().get_charbox(0)
    finally:
        pdf.close()
    pdf_top = BLEED + H  # frame y → PDF y = pdf_top − y
    assert BLEED + 80 <= left < right <= BLEED + 100
    assert pdf_top - 100 - 0.12 * 20 - 0.5 <= bottom < top <= pdf_top - 100 + 0.88 * 20 + 0.5


def test_glyph_offset_shifts_the_drawn_glyph_left(tmp_path, fonts):
    plain = TextLine(x=20, baseline=100, size=20, glyphs=(Glyph("，", "song", 0.0, 1.0),))
    moved = TextLine(x=20, baseline=100, size=20, glyphs=(Glyph("，", "song", 0.0, 0.5, offset=0.5),))
    boxes = []
    for i, line in enumerate((plain, moved)):
        pdf = pdfium.PdfDocument(render(tmp_path, fonts, doc(line), f"o{i}.pdf"))
        try:
            boxes.append(pdf[0].get_textpage().get_charbox(0))
        finally:
            pdf.close()
    assert boxes[0][0] - boxes[1][0] == pytest.approx(10.0, abs=0.05)


def test_trim_bleed_and_media_boxes_are_the_page_its_bleed_and_the_slug(tmp_path, fonts):
    out = render(tmp_path, fonts, doc(grid_line("中", 20, 60), pages=2))
    pdf = pdfium.PdfDocument(out)
    try:
        for page in pdf:
            media = page.get_mediabox()
            assert media == pytest.approx((-SLUG, -SLUG, W + 2 * BLEED + SLUG, H + 2 * BLEED + SLUG),
                                          abs=0.001)
            assert page.get_bleedbox() == (0, 0, W + 2 * BLEED, H + 2 * BLEED)
            assert page.get_trimbox() == (BLEED, BLEED, BLEED + W, BLEED + H)
    finally:
        pdf.close()


def test_dash_is_one_unbroken_rule_across_its_two_ems(tmp_path, fonts):
    size = 24.0
    out = render(tmp_path, fonts, doc(grid_line("他——她", 20, 100, size)))
    img = raster(out)
    x0, x1 = px(20 + 1 * size), px(20 + 3 * size)   # the dash's 2 em box
    rows = range(px(100 - 0.50 * size), px(100 - 0.25 * size))  # around the em-box centre
    solid = [y for y in rows if all(dark(img.getpixel((x, y))) for x in range(x0 + 2, x1 - 2))]
    assert solid, "no pixel row is dark across the whole 2 em"
    # and it is a rule, not a block: thin
    assert len(solid) <= 0.12 * size * DPI / 72 + 2


def test_ellipsis_is_six_dots_on_the_centre_line(tmp_path, fonts):
    size = 24.0
    out = render(tmp_path, fonts, doc(grid_line("他……", 20, 100, size)))
    img = raster(out)
    x0, x1 = px(20 + 1 * size), px(20 + 3 * size)
    y = px(100 - 0.38 * size)
    row = [dark(img.getpixel((x, y))) for x in range(x0, x1)]
    runs = sum(1 for a, b in zip([False] + row, row) if b and not a)
    assert runs == 6


# --- colour ---------------------------------------------------------------------------

def test_white_text_on_a_black_box_renders_white(tmp_path, fonts):
    size = 30.0
    out = render(tmp_path, fonts, doc(Box(10, 50, 200, 50, fill="black"),
                                      grid_line("田", 20, 90, size, "heavy", color="white")))
    img = raster(out)
    box = [img.getpixel((x, y)) for x in range(px(20), px(20 + size))
           for y in range(px(90 - 0.88 * size), px(90 + 0.12 * size))]
    assert sum(1 for p in box if min(p) > 200) > len(box) * 0.2   # white strokes
    assert sum(1 for p in box if dark(p)) > len(box) * 0.2        # on a black ground


def test_colours_are_cmyk_only(tmp_path, fonts):
    out = render(tmp_path, fonts, doc(grid_line("红字", 20, 60, color="red"),
                                      Rule(10, 80, 200, 80, color="red"),
                                      Box(10, 90, 50, 20, fill="tint", stroke=0.5),
                                      QRCode(100, 100, 60, "https://example.com/a")))
    ops = b"\n".join(content_streams(out))
    assert b"0 1 1 0 k" in ops and b"0 1 1 0 K" in ops and b"0 0 0 .12 k" in ops
    assert not re.search(rb"\b(rg|RG|g|G|sc|SC)\b", ops)
    # the only other colour space: the marks' registration colour, a separation
    assert set(re.findall(rb"/(\S+) (?:cs|CS)\b", ops)) == {b"All"}
    import pikepdf
    with pikepdf.open(out) as pdf:
        spaces = dict(pdf.pages[0].Resources.ColorSpace.items())
    assert list(spaces) == ["/All"]
    assert [str(v) for v in list(spaces["/All"])[:3]] == ["/Separation", "/All", "/DeviceCMYK"]


# --- other elements -------------------------------------------------------------------

def test_qr_code_decodes_to_its_url(tmp_path, fonts):
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp not installed (pip install zxing-cpp)")
    url = "https://example.com/news/2024/01/01/a123"
    out = render(tmp_path, fonts, doc(QRCode(50, 50, 100, url)))
    found = zxingcpp.read_barcodes(raster(out))
    assert [r.text for r in found] == [url]


@pytest.mark.parametrize("url", ["https://mp.weixin.qq.com/", "https://example.org/today",
                                 "HTTPS://EXAMPLE.COM/A1", "12345678901234567890", "https://例子.cn/新闻"])
def test_qr_modules_are_reportlabs_widgets(url):
    """The encoder is reportlab's own, loaded without its barcode package: the same
    modules QrCodeWidget draws, so the same PDF bytes."""
    from reportlab.graphics.barcode.qr import QrCodeWidget

    from typeset.render.qr import qr_modules

    widget = QrCodeWidget(url, barLevel="M", barBorder=4)
    widget.qr.make()
    assert [list(map(bool, row)) for row in qr_modules(url, "M")] == [
        list(map(bool, row)) for row in widget.qr.modules]


def test_a_qr_code_does_not_import_reportlabs_barcode_package(tmp_path):
    """reportlab.graphics.barcode imports every widget, shapes and platypus (~45 ms)."""
    script = DETERMINISM.format(root=str(ROOT), text=BODY) + (
        "assert 'reportlab.graphics.barcode' not in sys.modules, 'barcode'\n"
        "assert 'reportlab.platypus' not in sys.modules, 'platypus'\n")
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "qr.pdf")], check=True, cwd=ROOT)
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp not installed (pip install zxing-cpp)")
    assert [r.text for r in zxingcpp.read_barcodes(raster(tmp_path / "qr.pdf"))] == ["https://example.com"]


def test_picture_keeps_its_aspect_ratio_centred_in_its_frame(tmp_path, fonts):
    from PIL import Image

    pic = tmp_path / "wide.png"
    Image.new("RGB", (200, 100), (0, 0, 0)).save(pic)   # 2:1 into a 100 × 100 frame
    out = render(tmp_path, fonts, doc(Picture(50, 50, 100, 100, str(pic))))
    img = raster(out)
    col = [dark(img.getpixel((px(100), y))) for y in range(px(50), px(150))]
    dark_rows = sum(col)
    assert dark_rows == pytest.approx(50 * DPI / 72, abs=3)     # 50 pt tall
    assert not col[0] and not col[-1] and col[len(col) // 2]     # centred vertically


def test_missing_picture_raises_render_error(tmp_path, fonts):
    with pytest.raises(RenderError, match="nope.png"):
        render(tmp_path, fonts, doc(Picture(50, 50, 100, 100, str(tmp_path / "nope.png"))))


def test_proof_marks_are_drawn_only_in_proofs(tmp_path, fonts):
    mark = ProofMark(20, 50, 150, 30, "孤字 orphan")
    plain = render(tmp_path, fonts, doc(mark), "plain.pdf")
    proof = render(tmp_path, fonts, doc(mark), "proof.pdf", proof=True)

    def reds(path):
        img = raster(path)
        return sum(1 for x in range(px(20), px(170), 3) for y in range(px(50), px(80), 3)
                   if (lambda p: p[0] > 150 and p[1] < 120)(img.getpixel((x, y))))
    assert reds(plain) == 0 and reds(proof) > 0
    assert pdfium_text(plain).strip() == ""
    assert strip_ws(pdfium_text(proof)) == "孤字orphan"


# --- the file ------------------------------------------------------------------------

DETERMINISM = """
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
from typeset.fonts import DEFAULT_ROLES, FontSet
from typeset.compose import ParagraphStyle, Run, compose_paragraph
from typeset.frames import DocumentFrames, PageFrame, TextLine, Rule, QRCode
from typeset.render import render_pdf
fonts = FontSet.load(DEFAULT_ROLES)
par = compose_paragraph([Run({text!r}, "song")], ParagraphStyle(measure=20), fonts)
els = [TextLine(20, 40 + 18 * i, 12, ln.glyphs) for i, ln in enumerate(par.lines)]
els += [Rule(20, 300, 200, 300), QRCode(20, 310, 60, "https://example.com")]
pages = tuple(PageFrame(n, 300, 400, 9, tuple(els)) for n in (1, 2))
render_pdf(DocumentFrames(pages, "测试日报", "第1期"), Path(sys.argv[1]), fonts)
"""


def test_same_input_gives_the_same_bytes_across_processes(tmp_path):
    script = DETERMINISM.format(root=str(ROOT), text=BODY * 4 + "——好……")
    outs = []
    for seed in ("1", "4242"):
        out = tmp_path / f"run{seed}.pdf"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-c", script, str(out)], env=env, check=True, cwd=ROOT)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_metadata_comes_from_the_document(tmp_path, fonts):
    out = render(tmp_path, fonts, doc(grid_line("中", 20, 60)))
    pdf = pdfium.PdfDocument(out)
    try:
        meta = pdf.get_metadata_dict()
    finally:
        pdf.close()
    assert meta["Title"] == "测试日报 2024年1月1日"
    assert meta["Subject"] == "第1期"
    assert meta["Creator"] == "typeset"


def test_failure_leaves_no_file_behind(tmp_path, fonts):
    bad = doc(grid_line("中文", 20, 60), Box(10, 10, 10, 10, fill="purple"))
    with pytest.raises(RenderError, match="purple"):
        render(tmp_path, fonts, bad)
    assert list(tmp_path.iterdir()) == []


def test_failure_keeps_the_previous_file_intact(tmp_path, fonts):
    good = render(tmp_path, fonts, doc(grid_line("中文", 20, 60)))
    before = good.read_bytes()
    with pytest.raises(RenderError):
        render(tmp_path, fonts, doc(Box(10, 10, 10, 10, fill="purple")))
    assert good.read_bytes() == before
    assert list(tmp_path.iterdir()) == [good]


def test_a_document_without_pages_is_refused(tmp_path, fonts):
    with pytest.raises(RenderError, match="no pages"):
        render_pdf(DocumentFrames((), "空"), tmp_path / "out.pdf", fonts)
    assert list(tmp_path.iterdir()) == []


def test_ten_thousand_glyphs_on_two_pages_render_fast(tmp_path, fonts):
    han = [chr(0x4E00 + (i * 7919) % 2500) for i in range(9600)]
    text = "".join(han[i] + ("，" if i % 17 == 16 else "") for i in range(len(han)))
    lines = []
    par = compose_paragraph([Run(text, "song")], ParagraphStyle(measure=13), fonts)
    for i, ln in enumerate(par.lines):
        col, row = divmod(i, 75)
        lines.append(TextLine(10 + (col % 6) * 130, 20 + row * 14.5, 9.5, ln.glyphs))
    per_page = len(lines) // 2
    document = DocumentFrames((PageFrame(1, 822, 1150, 9, tuple(lines[:per_page])),
                               PageFrame(2, 822, 1150, 9, tuple(lines[per_page:]))), "bench")
    assert sum(len(ln.glyphs) for ln in lines) >= 10000
    fonts.register_for_reportlab()  # font loading is the FontSet's cost, not the renderer's
    t = time.perf_counter()
    render_pdf(document, tmp_path / "bench.pdf", fonts)
    assert time.perf_counter() - t < 1.0  # measured ~0.12 s; generous for slow CI
