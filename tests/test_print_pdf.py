"""The print PDF (PDF/X-4, marks in the slug) and `typeset check`, on seed 000.

The seed is built once; every check reads the file (pikepdf, poppler's
pdfinfo/pdftotext/pdffonts, qpdf, pypdfium2), not the renderer's records.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pikepdf = pytest.importorskip("pikepdf")

from typeset.build import build  # noqa: E402
from typeset.cli import main  # noqa: E402
from typeset.diagnostics import TypesetError  # noqa: E402
from typeset.fonts import DEFAULT_ROLES, FontSet  # noqa: E402
from typeset.frames import DocumentFrames, PageFrame, Picture  # noqa: E402
from typeset.parse import parse_issue  # noqa: E402
from typeset.preflight import check_pdf  # noqa: E402
from typeset.render import PrintJob, pdf_bytes, render_pdf, to_pdfx  # noqa: E402
from typeset.render.job import DEFAULT_PROFILE  # noqa: E402
from typeset.render.marks import CROP_MARK_MM, MM, SLUG_MM  # noqa: E402

from .conftest import SEED_000  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BLEED_MM = 3.0


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} not installed (scripts/setup.sh)")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    # strict=False only so that a page-audit finding (another stage's rule) cannot hide
    # this file's checks: a print build writes the same bytes when it succeeds.
    out = tmp_path_factory.mktemp("print")
    env = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        return build(SEED_000, out, strict=False)
    finally:
        if env is not None:
            os.environ["SOURCE_DATE_EPOCH"] = env


@pytest.fixture(scope="module")
def pdf(built):
    with pikepdf.open(built.pdf) as doc:
        yield doc


def boxes(page) -> dict[str, tuple[float, ...]]:
    return {k[1:]: tuple(float(v) for v in page.obj[k]) for k in page.obj.keys() if k.endswith("Box")}


# ---------------------------------------------------------------- PDF/X

def test_seed_000_passes_typeset_check_with_nothing_to_say(built, capsys):
    assert main(["check", str(built.pdf)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out == [f"{built.pdf}: fit for print [PDF/X-4, 2 pages, output condition CGATS TR 002]"]


def test_seed_000_reads_as_an_internal_publication_from_its_licence_on_page_1(built):
    report = check_pdf(built.pdf)
    assert (report.kind, report.kind_from) == ("internal", "page 1: 审连00018号")
    assert not [f for f in report.findings if f.code.startswith("internal.")]


def test_qpdf_finds_no_error(built):
    result = subprocess.run([tool("qpdf"), "--check", str(built.pdf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_pdfinfo_reports_pdf_x4_version_1_6_and_the_xmp_says_so(built, pdf):
    info = subprocess.run([tool("pdfinfo"), str(built.pdf)], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"PDF subtype:\s+PDF/X-4\b", info)
    assert re.search(r"PDF version:\s+1\.6", info)
    xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
    assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in xmp
    assert "<pdf:Trapped>False</pdf:Trapped>" in xmp
    assert "<xmpMM:RenditionClass>default</xmpMM:RenditionClass>" in xmp
    assert "<xmpMM:VersionID>1</xmpMM:VersionID>" in xmp


def test_the_output_intent_embeds_the_newsprint_profile(pdf):
    (intent,) = pdf.Root.OutputIntents
    assert intent.S == pikepdf.Name.GTS_PDFX
    assert str(intent.OutputConditionIdentifier) == "CGATS TR 002"
    assert "TR 002" in str(intent.OutputCondition)
    assert str(intent.RegistryName) == "http://www.color.org"
    profile = intent.DestOutputProfile
    assert int(profile.N) == 4
    assert profile.read_bytes() == DEFAULT_PROFILE.read_bytes()


def test_info_and_xmp_agree_and_every_date_is_the_issue_date(pdf):
    info = pdf.docinfo
    assert str(info.CreationDate) == str(info.ModDate) == "D:20240401000000+08'00'"
    assert info.Trapped == pikepdf.Name("/False")
    assert "/Author" not in info and "/Keywords" not in info
    xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
    for prop in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
        assert f"<{prop}>2024-04-01T00:00:00+08:00</{prop}>" in xmp
    assert f"<rdf:li xml:lang=\"x-default\">{info.Title}</rdf:li>" in xmp
    assert f"<pdf:Producer>{info.Producer}</pdf:Producer>" in xmp
    assert f"<xmp:CreatorTool>{info.Creator}</xmp:CreatorTool>" in xmp


def test_source_date_epoch_dates_the_file_and_the_document_id_stays(built, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")     # 2025-01-01 00:00:00 UTC
    again = build(SEED_000, tmp_path, strict=False)
    with pikepdf.open(again.pdf) as doc, pikepdf.open(built.pdf) as first:
        assert str(doc.docinfo.CreationDate) == "D:20250101000000+00'00'"
        assert "<xmp:CreateDate>2025-01-01T00:00:00+00:00</xmp:CreateDate>" in \
            doc.Root.Metadata.read_bytes().decode()
        ids = [re.search(rb"<xmpMM:DocumentID>(.*?)<", d.Root.Metadata.read_bytes()).group(1)
               for d in (doc, first)]
        assert ids[0] == ids[1] and ids[0].startswith(b"uuid:")
        assert bytes(doc.trailer.ID[0]) == bytes(first.trailer.ID[0])   # the document's, not the file's


def test_the_same_input_gives_the_same_bytes(built, tmp_path):
    env = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        again = build(SEED_000, tmp_path, strict=False)
    finally:
        if env is not None:
            os.environ["SOURCE_DATE_EPOCH"] = env
    assert again.pdf.read_bytes() == built.pdf.read_bytes()


def test_the_same_input_gives_the_same_bytes_across_processes(tmp_path):
    outs = []
    for seed in ("0", "777"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        env.pop("SOURCE_DATE_EPOCH", None)
        subprocess.run([sys.executable, "-m", "typeset", "build", "--draft", str(SEED_000),
                        "-o", str(tmp_path / seed)], env=env, check=True, cwd=ROOT,
                       capture_output=True)
        outs.append((tmp_path / seed / f"{SEED_000.stem}.pdf").read_bytes())
    assert outs[0] == outs[1]


def test_a_print_build_imports_nothing_it_does_not_use(tmp_path):
    # a cold start pays for every import: pkg_resources (jieba's), urllib/http/email
    # (xml.sax.saxutils'), reportlab's barcode and graphics packages (the QR code's)
    script = ("import sys; from typeset.build import build; "
              f"build({str(SEED_000)!r}, {str(tmp_path)!r}); "
              "print([m for m in ('pkg_resources', 'urllib.request', 'http.client', 'email', "
              "'reportlab.graphics.barcode', 'reportlab.platypus', 'fontTools.ttLib') "
              "if m in sys.modules], 'jieba' in sys.modules)")
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    run = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, check=True,
                         capture_output=True, text=True)
    # [] and True: nothing unused, and the headline segmenter did run (seed 000 breaks headlines)
    assert run.stdout.strip().splitlines()[-1] == "[] True"


def test_the_xmp_escapes_markup_as_xml_does():
    from xml.sax.saxutils import escape as xml_escape

    from typeset.render.pdfx import escape
    for text in ("伊滨新闻", "A & B <C> \"D\" 'E'", "&amp;"):
        assert escape(text) == xml_escape(text)


def test_post_processing_takes_under_a_tenth_of_a_second(built):
    issue = parse_issue(SEED_000)
    job = PrintJob.for_issue(issue, SEED_000, built.laid.frames.title, built.laid.frames.subject)
    fonts = FontSet.load(DEFAULT_ROLES)
    raw = pdf_bytes(built.laid.frames, fonts, job=job)
    times = []
    for _ in range(3):
        t = time.perf_counter()
        to_pdfx(raw, job)
        times.append(time.perf_counter() - t)
    assert min(times) < 0.1, times       # measured ~4 ms warm, ~15 ms the first time


# ---------------------------------------------------------------- geometry and marks

def test_every_page_has_trim_bleed_3_mm_and_a_10_mm_slug_and_nothing_else(pdf, built):
    frames = built.laid.frames.pages
    for page, frame in zip(pdf.pages, frames):
        b = boxes(page)
        assert set(b) == {"MediaBox", "BleedBox", "TrimBox"}          # no ArtBox, no CropBox
        trim, bleed, media = b["TrimBox"], b["BleedBox"], b["MediaBox"]
        assert trim[2] - trim[0] == pytest.approx(frame.width, abs=0.01)
        for i, sign in enumerate((-1, -1, 1, 1)):
            assert sign * (bleed[i] - trim[i]) == pytest.approx(BLEED_MM * MM, abs=0.01)
            assert sign * (media[i] - bleed[i]) == pytest.approx(SLUG_MM * MM, abs=0.01)
        assert "/Annots" not in page.obj


def test_crop_marks_are_in_the_slug_in_registration_colour(built):
    pdfium = pytest.importorskip("pypdfium2")
    dpi = 300
    doc = pdfium.PdfDocument(str(built.pdf))
    try:
        page = doc[0]
        media = page.get_mediabox()
        trim = page.get_trimbox()
        img = page.render(scale=dpi / 72).to_pil().convert("L")
    finally:
        doc.close()

    def pixel(x, y):   # PDF point → darkest pixel within 1 px
        px, py = round((x - media[0]) * dpi / 72), round((media[3] - y) * dpi / 72)
        return min(img.getpixel((px + dx, py + dy)) for dx in (-1, 0, 1) for dy in (-1, 0, 1))

    bleed = BLEED_MM * MM
    mid = bleed + CROP_MARK_MM * MM / 2          # halfway along a mark, from the trim
    beyond = bleed + CROP_MARK_MM * MM + 1 * MM   # past its end
    for x, out in ((trim[0], -1), (trim[2], 1)):
        for y, up in ((trim[1], -1), (trim[3], 1)):
            assert pixel(x, y + up * mid) < 128, (x, y)           # vertical mark
            assert pixel(x + out * mid, y) < 128, (x, y)          # horizontal mark
            assert pixel(x, y + up * beyond) > 200                 # ends where it should
            assert pixel(x, y + up * (bleed - 1 * MM)) > 200       # nothing inside the bleed
    with pikepdf.open(built.pdf) as pdf:
        content = pdf.pages[0].Contents.read_bytes()
        (space,) = pdf.pages[0].Resources.ColorSpace.values()
        assert [str(v) for v in list(space)[:3]] == ["/Separation", "/All", "/DeviceCMYK"]
    assert re.search(rb"/All CS 1 SCN\s+\.25 w", content)


def test_marks_and_slug_line_are_not_text(built):
    pdfium = pytest.importorskip("pypdfium2")
    doc = pdfium.PdfDocument(str(built.pdf))
    try:
        text = "".join(doc[n].get_textpage().get_text_range() for n in range(len(doc)))
    finally:
        doc.close()
    assert "sha256" not in text and "CGATS" not in text and "2024-04-01" not in text


def test_a_page_with_marks_renders_with_and_without_cropbox(built, tmp_path):
    """pdftoppm draws the media box (slug and marks) by default and with -cropbox
    (there is no CropBox: it is the media box)."""
    pdftoppm = tool("pdftoppm")
    subprocess.run([pdftoppm, "-r", "60", "-png", "-f", "1", "-l", "1", str(built.pdf),
                    str(tmp_path / "media")], check=True)
    subprocess.run([pdftoppm, "-r", "60", "-png", "-cropbox", "-f", "1", "-l", "1", str(built.pdf),
                    str(tmp_path / "crop")], check=True)
    from PIL import Image
    (media,), (crop,) = (list(tmp_path.glob(f"{n}*.png")) for n in ("media", "crop"))
    with Image.open(media) as a, Image.open(crop) as b:
        assert a.size == b.size
        w = 60 / 72 * (built.laid.frames.pages[0].width + 2 * (BLEED_MM + SLUG_MM) * MM)
        assert a.size[0] == pytest.approx(w, abs=1.5)


# ---------------------------------------------------------------- colour, fonts, text

def test_no_rgb_anywhere_and_100k_overprints(built, pdf):
    report = check_pdf(built.pdf)
    assert not [f for f in report.findings if f.code.startswith(("colour", "image", "overprint"))]
    for page in pdf.pages:
        ops = {str(i.operator) for i in pikepdf.parse_content_stream(page)}
        assert not ops & {"rg", "RG", "g", "G"}
        states = {str(k): dict(v.items()) for k, v in page.Resources.ExtGState.items()}
        assert {"/op": True} in [{k: bool(v) for k, v in s.items()} for s in states.values()]
        assert any(int(s.get("/OPM", 0)) == 1 for s in states.values())
    for xobj in (pdf.pages[0].Resources.get("/XObject") or {}).values():
        ops = {str(i.operator) for i in pikepdf.parse_content_stream(xobj)}
        assert ops <= {"cm", "m", "l", "c", "h", "f"}, ops      # glyph forms: shape only


def test_every_font_is_embedded_and_subset(built):
    rows = subprocess.run([tool("pdffonts"), str(built.pdf)], capture_output=True, text=True,
                          check=True).stdout.splitlines()[2:]
    assert rows
    for row in rows:
        name, emb, sub, uni = row.split()[0], *row.split()[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row
        assert re.match(r"[A-Z]{6}\+", name)


def test_article_text_extracts_in_reading_order_within_the_trimbox(built, pdf):
    from .test_pdf_output import JUMP_LINE, expected_bodies
    pdftotext = tool("pdftotext")
    texts, whole = [], []
    for n, page in enumerate(pdf.pages, 1):
        b = boxes(page)
        media, trim = b["MediaBox"], b["TrimBox"]
        crop = ["-x", str(int(trim[0] - media[0])), "-y", str(int(media[3] - trim[3])),
                "-W", str(int(trim[2] - trim[0]) + 1), "-H", str(int(trim[3] - trim[1]) + 1)]
        args = [pdftotext, "-q", "-raw", "-f", str(n), "-l", str(n)]
        texts.append(subprocess.run(args + crop + [str(built.pdf), "-"], capture_output=True,
                                    text=True, check=True).stdout)
        whole.append(subprocess.run(args + [str(built.pdf), "-"], capture_output=True,
                                    text=True, check=True).stdout)
    # no text outside the TrimBox (the slug line is outlines)
    assert ["".join(t.split()) for t in texts] == ["".join(t.split()) for t in whole]
    text = JUMP_LINE.sub("", "".join("".join(t.split()) for t in texts))
    missing = []
    issue = parse_issue(SEED_000)
    for key, paragraphs in expected_bodies(issue).items():
        cursor = 0
        for paragraph in paragraphs:
            para = "".join(paragraph.split())
            found = text.find(para, cursor)
            if found < 0:
                missing.append((key, paragraph[:20]))
            else:
                cursor = found + len(para)
    assert not missing, missing


# ---------------------------------------------------------------- variants

def test_pdfx_1a_for_old_rips(tmp_path, monkeypatch):
    monkeypatch.setenv("TYPESET_PDFX", "1a")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    result = build(SEED_000, tmp_path, strict=False)
    data = result.pdf.read_bytes()
    assert data.startswith(b"%PDF-1.3")
    with pikepdf.open(result.pdf) as doc:
        assert str(doc.docinfo.GTS_PDFXVersion) == "PDF/X-1:2001"
        assert str(doc.docinfo.GTS_PDFXConformance) == "PDF/X-1a:2001"
        assert b"/ObjStm" not in data
    report = check_pdf(result.pdf)
    assert report.pdfx == "PDF/X-1a:2001" and not report.findings, report.findings
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(result.pdf)], capture_output=True, text=True).stdout
        assert re.search(r"PDF subtype:\s+PDF/X-1:2001", info)    # poppler reads GTS_PDFXVersion


def test_a_printers_own_profile_and_condition(tmp_path, monkeypatch):
    own = tmp_path / "printer.icc"
    own.write_bytes(DEFAULT_PROFILE.read_bytes())
    monkeypatch.setenv("TYPESET_OUTPUT_PROFILE", str(own))
    monkeypatch.setenv("TYPESET_OUTPUT_CONDITION", "Printer 42 coldset")
    result = build(SEED_000, tmp_path / "out", strict=False)
    with pikepdf.open(result.pdf) as doc:
        (intent,) = doc.Root.OutputIntents
        assert str(intent.OutputConditionIdentifier) == "Printer 42 coldset"
        assert "TR 002" in str(intent.Info)          # the profile's own description


def test_a_paper_file_names_its_printers_profile_and_condition(tmp_path):
    """The paper file's output_profile (relative to it) and output_condition
    are the OutputIntent's, for this paper's issues only."""
    own = tmp_path / "papers" / "icc" / "printer.icc"
    own.parent.mkdir(parents=True)
    own.write_bytes(DEFAULT_PROFILE.read_bytes())
    (tmp_path / "papers" / "mine.yaml").write_text(
        "name: 伊滨新闻\noutput_profile: icc/printer.icc\noutput_condition: Printer 7 coldset\n",
        encoding="utf-8")
    source = tmp_path / SEED_000.name
    shutil.copy(SEED_000, source)
    source.with_suffix(".yaml").write_text("paper: papers/mine.yaml\n", encoding="utf-8")
    result = build(source, tmp_path / "out", strict=False)
    with pikepdf.open(result.pdf) as doc:
        (intent,) = doc.Root.OutputIntents
        assert str(intent.OutputConditionIdentifier) == "Printer 7 coldset"


def test_a_paper_files_missing_profile_names_its_line(tmp_path):
    from typeset.paper import PaperError, load_paper
    path = tmp_path / "mine.yaml"
    path.write_text("name: 伊滨新闻\noutput_profile: nowhere.icc\n", encoding="utf-8")
    with pytest.raises(PaperError) as caught:
        load_paper(path)
    assert "nowhere.icc" in str(caught.value) and caught.value.diagnostic.line == 2


def test_an_rgb_output_profile_is_refused(tmp_path, monkeypatch, built):
    from PIL import ImageCms
    srgb = tmp_path / "srgb.icc"
    srgb.write_bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    monkeypatch.setenv("TYPESET_OUTPUT_PROFILE", str(srgb))
    with pytest.raises(TypesetError, match="not CMYK"):
        build(SEED_000, tmp_path / "out", strict=False)
    assert not (tmp_path / "out" / f"{SEED_000.stem}.pdf").exists()


def test_an_rgb_picture_is_separated_to_cmyk(tmp_path):
    from PIL import Image
    pic = tmp_path / "logo.png"
    Image.new("RGBA", (300, 100), (200, 30, 30, 255)).save(pic)
    out = tmp_path / "pic.pdf"
    fonts = FontSet.load(DEFAULT_ROLES)
    render_pdf(DocumentFrames((PageFrame(1, 300, 400, 3 * MM, (Picture(20, 20, 120, 40, str(pic)),)),),
                              "测试日报"), out, fonts)
    with pikepdf.open(out) as doc:
        images = [x for x in doc.pages[0].Resources.XObject.values() if x.get("/Subtype") == "/Image"]
        assert [str(x.ColorSpace) for x in images] == ["/DeviceCMYK"]
        c, m, y, k = images[0].read_bytes()[:4]
        assert m > 200 and y > 200 and c < 60         # a red, separated by the newsprint profile
    assert not [f for f in check_pdf(out).findings if f.severity == "error"]


# ---------------------------------------------------------------- typeset check on other PDFs

def rgb_pdf(path: Path) -> Path:
    from reportlab.pdfgen.canvas import Canvas
    c = Canvas(str(path), pagesize=(300, 300))
    c.setFillColorRGB(1, 0, 0)
    c.rect(20, 20, 100, 100, fill=1, stroke=0)
    c.showPage()
    c.save()
    return path


def test_check_rejects_an_rgb_pdf(tmp_path, capsys):
    path = rgb_pdf(tmp_path / "rgb.pdf")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}: page 1: error: 1 colour setting(s) in RGB (1 0 0 rg)" in out
    assert "[pdfx.missing]" in out and "[outputintent.missing]" in out and "[box.trim]" in out
    assert out.rstrip().endswith("[1 pages]") and "not fit for print" in out


def test_check_finds_rgb_put_into_our_own_pdf_by_page(built, tmp_path):
    with pikepdf.open(built.pdf) as doc:
        page = doc.pages[1]
        page.contents_add(doc.make_stream(b"q 0.2 0.4 0.6 rg 10 10 20 20 re f Q"), prepend=False)
        doc.save(tmp_path / "tampered.pdf")
    report = check_pdf(tmp_path / "tampered.pdf")
    assert [(f.page, f.code) for f in report.findings if f.severity == "error"] == [(2, "colour.rgb")]


def test_check_finds_an_rgb_image_an_unembedded_font_and_an_annotation_in_the_bleed(tmp_path):
    from PIL import Image
    from reportlab.pdfgen.canvas import Canvas
    Image.new("RGB", (64, 64), (0, 128, 255)).save(tmp_path / "rgb.png")
    c = Canvas(str(tmp_path / "bad.pdf"), pagesize=(300, 300))
    c.setTrimBox((5, 5, 295, 295))                 # 1.8 mm of bleed
    c.setBleedBox((0, 0, 300, 300))
    c.setFont("Helvetica", 12)
    c.drawString(30, 200, "Hello")
    c.drawImage(str(tmp_path / "rgb.png"), 50, 50, 100, 100)
    c.linkURL("https://example.com", (60, 60, 120, 80))
    c.showPage()
    c.save()
    codes = {(f.page, f.code) for f in check_pdf(tmp_path / "bad.pdf").findings if f.severity == "error"}
    assert {(1, "image.rgb"), (1, "font.embedded"), (1, "annotation.bleed"), (1, "box.bleed")} <= codes


def test_check_white_overprint_and_black_text_knockout(tmp_path, built):
    with pikepdf.open(built.pdf) as doc:
        page = doc.pages[0]
        gs = doc.make_indirect(pikepdf.Dictionary(op=True, OPM=1))
        page.Resources.ExtGState["/TestOP"] = gs
        page.contents_add(doc.make_stream(b"q /TestOP gs 0 0 0 0 k 10 10 20 20 re f Q"), prepend=False)
        doc.save(tmp_path / "white.pdf")
    codes = [(f.page, f.code) for f in check_pdf(tmp_path / "white.pdf").findings]
    assert (1, "overprint.white") in codes


def test_check_exit_codes(tmp_path, capsys, built):
    assert main(["check", str(built.pdf), str(tmp_path / "nope.pdf")]) == 2
    (tmp_path / "text.pdf").write_text("not a pdf")
    assert main(["check", str(tmp_path / "text.pdf")]) == 1
    assert "[file.unreadable]" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exc:
        main(["check"])
    assert exc.value.code == 2
    result = subprocess.run([sys.executable, "-m", "typeset", "check", str(built.pdf)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0 and "fit for print" in result.stdout


# ---------------------------------------------------------------- the profile

def test_the_profile_is_a_cmyk_output_profile_with_its_notice_and_build_script():
    data = DEFAULT_PROFILE.read_bytes()
    assert data[36:40] == b"acsp" and data[12:16] == b"prtr" and data[16:20] == b"CMYK"
    assert data[8] == 2                                   # ICC v2: any PDF/X RIP reads it
    notice = (ROOT / "color" / "NOTICE").read_text()
    assert "CGATS/SNAP TR 002" in notice and "Zlib" in notice and "colprof" in notice
    script = (ROOT / "color" / "build_profile.sh").read_text()
    assert "colprof" in script and "-l\"$ink_limit\"" in script and "ink_limit=240" in script
    from typeset.render.job import icc_description
    assert "TR 002" in icc_description(data)
