"""`typeset proof`: seed 000's proof, and a copy of it with one paragraph
edited, proofed against the seed (--since)."""

import hashlib
import shutil
import subprocess
import sys

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest

from typeset.proof import proof
from typeset.proof.rounds import ROUND_KEY, SOURCE_KEY
from typeset.proof.sheet import Sheet
from typeset.proof.png import PNG_DPI

from .conftest import SEED_000

OLD_PHRASE, NEW_PHRASE = "洛阳国展资产管理有限公司", "洛阳国展资产运营集团"
DELETED = "铺贴瓷砖、"


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """The seed, and a copy with one paragraph rewritten and a phrase cut
    from another, proofed against it with PNG previews."""
    folder = tmp_path_factory.mktemp("proof")
    old = folder / "seed.txt"
    shutil.copy(SEED_000, old)
    new = folder / "000.txt"
    text = old.read_text(encoding="utf-8")
    assert OLD_PHRASE in text and DELETED in text
    new.write_text(text.replace(OLD_PHRASE, NEW_PHRASE, 1).replace(DELETED, "", 1),
                   encoding="utf-8")
    result = proof(new, folder / "out", since=old, png_dir=folder / "png")
    return result


def _pdf(result):
    return pdfium.PdfDocument(str(result.pdf))


def _page_text(result, index):
    doc = _pdf(result)
    return doc[index].get_textpage().get_text_range()


def _annots(result, subtype):
    with pikepdf.open(result.pdf) as pdf:
        return [(i, str(a.Contents), [float(v) for v in a.Rect], "/AP" in a)
                for i, page in enumerate(pdf.pages) for a in page.obj.get("/Annots", [])
                if a.Subtype == subtype]


def test_the_proof_is_its_own_file_beside_the_print_pdfs_name(edited):
    assert edited.pdf.name == "000.proof.pdf" and edited.pdf.is_file()


def test_the_proof_has_a_sheet_per_page_and_legend_sheets_after_them(edited):
    pages = len(edited.ready.laid.frames.pages)
    assert len(_pdf(edited)) == edited.sheets > pages


def test_every_page_sheet_carries_the_watermark_large(edited):
    doc = _pdf(edited)
    for index in range(len(edited.ready.laid.frames.pages)):
        textpage = doc[index].get_textpage()
        text = textpage.get_text_range()
        sizes = [pdfium_raw.FPDFText_GetFontSize(textpage, i) for i, ch in enumerate(text)
                 if ch == "校"]
        assert max(sizes) > 100, "the watermark 校样 is set across the page"


def test_the_header_names_paper_issue_page_round_date_and_source_checksum(edited):
    text = "".join(_page_text(edited, 1).split())
    sha = hashlib.sha256(edited.ready.source.read_bytes()).hexdigest()
    for fact in ("伊滨新闻", "2024-04-01", "第6期", "第2版", "校次：一校", "生成2024-04-01",
                 f"sha256:{str(sha)[:16]}", "seed.txt"):
        assert fact in text, fact


def test_the_header_has_the_three_sign_off_fields(edited):
    text = _page_text(edited, 0)
    assert all(f"{label}：" in text for label in ("校对", "责编", "签发"))


def test_every_column_is_numbered_over_the_type_area(edited):
    text = _page_text(edited, 0)
    columns = edited.ready.design.grid.columns
    assert all(f"第{n}栏" in text for n in range(1, columns + 1))


def test_every_fifth_grid_line_is_numbered_in_the_gutter_left_of_each_column(edited):
    doc = _pdf(edited)
    frame = edited.ready.laid.frames.pages[1]
    design = edited.ready.design
    grid = design.grid
    sheet = Sheet.for_page(frame)
    left = design.type_area_origin_pt(frame.number)[0]
    textpage = doc[1].get_textpage()
    for col in (0, 2, grid.columns - 1):
        edge = sheet.x(left + grid.column_x(col))
        strip = textpage.get_text_bounded(edge - 8, sheet.y(design.page.height_mm * 2.835),
                                          edge - 0.3, sheet.y(0))
        numbers = [int(n) for n in strip.split() if n.isdigit()]
        assert numbers == list(range(5, grid.lines + 1, 5)), (col, strip)


def test_every_mark_is_listed_in_the_legend_sheets_with_its_number_and_place(edited):
    pages = len(edited.ready.laid.frames.pages)
    legend = "".join(_page_text(edited, i) for i in range(pages, edited.sheets))
    placed = [m for m in edited.marks if m.page is not None]
    assert placed
    for number, mark in enumerate(placed, 1):
        assert f"{number}. {mark.where()}" in legend


def test_each_page_lists_its_own_marks_in_its_legend_strip(edited):
    text = _page_text(edited, 0)
    assert "本版图例" in text
    first = next(m for m in edited.marks if m.page == 0)
    assert f"1. {first.where()}" in text


def test_each_placed_mark_has_a_text_note_with_an_appearance(edited):
    notes = _annots(edited, "/Text")
    placed = [m for m in edited.marks if m.page is not None]
    assert len(notes) == len(placed)
    assert all(has_ap for *_, has_ap in notes)
    assert any("稀行" in contents for _, contents, *_ in notes)


def test_replaced_text_is_highlighted_where_it_is_printed_with_the_old_text(edited):
    highlights = _annots(edited, "/Highlight")
    (page, contents, rect, has_ap), = [h for h in highlights if OLD_PHRASE[6:] in h[1]]
    assert has_ap and contents.startswith("原文：管理有限公司")
    under = _pdf(edited)[page].get_textpage().get_text_bounded(*rect)
    assert "".join(under.split()) == "运营集团"


def test_a_deletion_is_a_caret_carrying_the_deleted_text(edited):
    carets = _annots(edited, "/Caret")
    assert [(c, ap) for _, c, _, ap in carets] == [(f"删除：{DELETED}", True)]


def test_the_changes_are_listed_and_none_is_left_without_a_place(edited):
    assert [c.kind for c in edited.changes] == ["delete", "replace"]
    assert edited.unplaced == ()


def test_a_changed_line_has_a_bar_beside_it_in_the_preview(edited):
    from PIL import Image
    from typeset.proof import change_bars
    spots = [s for s in edited.placed.spots if s.change.kind == "replace"]
    page = spots[0].page
    frame = edited.ready.laid.frames.pages[page]
    sheet = Sheet.for_page(frame)
    x, y, h = change_bars(edited.view, page, spots)[0]
    scale = PNG_DPI / 72.0
    with Image.open(edited.pngs[page]) as image:
        r, g, b = image.convert("RGB").getpixel((round((sheet.x(x) + 0.6) * scale),
                                                 round((sheet.height - sheet.y(y + h / 2)) * scale)))
    assert r > 200 and 80 < g < 200 and b < 90, (r, g, b)


def test_a_png_preview_is_written_for_every_sheet_at_the_preview_resolution(edited):
    from PIL import Image
    assert len(edited.pngs) == edited.sheets
    frame = edited.ready.laid.frames.pages[0]
    sheet = Sheet.for_page(frame)
    with Image.open(edited.pngs[0]) as image:
        assert image.format == "PNG"
        assert abs(image.width - sheet.width * PNG_DPI / 72) <= 1


def test_the_proof_records_its_round_and_its_sources_checksum(edited):
    with pikepdf.open(edited.pdf) as pdf:
        assert int(pdf.docinfo[ROUND_KEY]) == edited.round == 1
        assert str(pdf.docinfo[SOURCE_KEY]) == hashlib.sha256(
            edited.ready.source.read_bytes()).hexdigest()


def test_the_same_inputs_give_the_same_bytes(edited, tmp_path):
    again = proof(edited.ready.source, tmp_path, since=edited.ready.source.with_name("seed.txt"),
                  png_dir=tmp_path, round=edited.round)
    assert again.pdf.read_bytes() == edited.pdf.read_bytes()
    assert again.pngs[0].read_bytes() == edited.pngs[0].read_bytes()


def test_cli_proof_prints_pages_and_what_it_wrote_and_errors_in_one_line(edited, tmp_path):
    missing = subprocess.run([sys.executable, "-m", "typeset", "proof", str(tmp_path / "no.txt")],
                             capture_output=True, text=True)
    assert missing.returncode == 2 and missing.stderr.strip().endswith("error: no such file")
    assert "Traceback" not in missing.stderr
    bad = subprocess.run([sys.executable, "-m", "typeset", "proof", "x.txt", "--round", "0"],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "round" in bad.stderr


def test_a_legend_entry_longer_than_the_sheet_is_wrapped_whole_between_words():
    """The legend sheets list every finding whole (an unavoidable stepped
    foot says how to level it, past one line): wrapped at a space or beside
    a CJK character, never cut, never inside a Latin word."""
    from typeset.proof.sheet import Writer

    class OneUnitEach:            # a character is one unit wide
        width = staticmethod(lambda text, size: len(text))
        wrap = Writer.wrap

    entry = "12. 第1版 版面检查：column(s) 5 of item2 end 2 line(s) [audit.column_feet, rule 7]"
    lines = OneUnitEach().wrap(entry, 7, 30)
    assert all(len(line) <= 30 for line in lines) and len(lines) > 1
    assert " ".join(line.strip() for line in lines).replace("： ", "：") == entry
    assert "[audit.column_feet," in lines[-2] + lines[-1]
