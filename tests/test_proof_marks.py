"""The proof's marks: each kind of finding drawn where it happens."""

import re
import subprocess
import sys
from types import SimpleNamespace

import pikepdf
import pytest
from PIL import Image

from typeset.audit import Finding
from typeset.audit.rules import AuditRule
from typeset.frames import Picture
from typeset.proof import marks as marks_module
from typeset.proof import proof
from typeset.proof.marks import Mark, cell, picture_ppi
from typeset.proof.rounds import ROUND_KEY, SOURCE_KEY, next_round

from .conftest import SEED_004

ISSUE = """# 伊滨新闻

2024年4月1日 星期二 第6期 总第274期

## 伊滨区召开经济工作会议

伊滨讯 12月30日,伊滨区召开经济工作会议,总结全年工作,部署明年任务。会议强调,要坚持以科技创新为引领,扎实做好产业发展、城市提质、乡村振兴等重点工作。会上宣读了\U000F0001号文件。

(伊滨宣)
"""


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """A one-article issue whose masthead gives the wrong weekday and whose
    text has a private-use character no font has; its sidecar names the
    proofreader."""
    folder = tmp_path_factory.mktemp("marks")
    source = folder / "issue.txt"
    source.write_text(ISSUE, encoding="utf-8")
    (folder / "issue.yaml").write_text("editors: {校对: 李娜}\n", encoding="utf-8")
    return proof(source, folder / "out")


def _of(result, kind):
    return [m for m in result.marks if m.kind == kind]


def test_a_character_no_font_has_is_marked_at_its_glyph_with_its_source_line(small):
    (mark,) = _of(small, "glyph")
    assert "U+F0001" in mark.message and mark.source_line == 7 and mark.page == 0
    x, y, w, h = mark.rect
    assert w > 0 and h > 0


def test_the_proof_of_an_issue_with_a_missing_character_is_written_not_refused(small):
    assert small.pdf.is_file()


def test_a_wrong_weekday_is_marked_on_the_masthead_of_the_first_page(small):
    (mark,) = _of(small, "masthead")
    assert "星期二" in mark.message and mark.folio == 1 and mark.source_line == 3
    masthead = [e for e in small.ready.laid.frames.pages[0].elements
                if getattr(e, "role", None) == "masthead"]
    x, y, w, h = mark.rect
    assert any(x - 0.1 <= line.x and line.baseline <= y + h + 0.1 for line in masthead)


def _body(text, step, page=1, top=30.0):
    from typeset.compose import Glyph
    from typeset.frames import TextLine
    glyphs = tuple(Glyph(ch, "song", i * step, 1.0) for i, ch in enumerate(text))
    element = TextLine(5.0, top + 8, 9.0, glyphs, story="item1")
    return SimpleNamespace(element=element, page=page, story="item1", left=5.0,
                           right=5.0 + 9.0 * len(text) * step, top=top, bottom=top + 9.0)


def test_a_loose_line_is_marked_on_that_line_but_not_a_paragraphs_last():
    loose, last = _body("会议强调要坚持创新", 1.3), _body("引领发展", 1.3, top=42.0)
    view = SimpleNamespace(paragraphs=lambda: [[loose, last]], pages=[SimpleNamespace(number=1)],
                           page=lambda n: None, column_of=lambda p, x: 2,
                           line_of=lambda p, y: 4, story_line=lambda key: 9)
    (mark,) = marks_module._loose(view, SimpleNamespace(source="i.txt"))
    assert mark.kind == "loose" and mark.rect[1] == 30.0 and mark.where() == "第1版 第2栏 第4行"
    assert "0.30 em between Han characters" in mark.message


def test_the_sidecars_proofreader_is_named_in_the_sign_off_field(small):
    import pypdfium2 as pdfium
    text = pdfium.PdfDocument(str(small.pdf))[0].get_textpage().get_text_range()
    assert "校对（李娜）：" in text


def test_warnings_with_no_place_on_a_page_are_listed_as_notes(small):
    assert any("filled" in n.message for n in small.notes)
    assert all(n.page is None for n in small.notes)


def test_overset_is_marked_at_the_foot_of_its_module():
    module = SimpleNamespace(report=SimpleNamespace(overset_lines=3), key="item2",
                             left=10.0, right=110.0, top=20.0, bottom=200.0)
    page = SimpleNamespace(number=1, modules=[module])
    view = SimpleNamespace(pages=[page], body=9.0, column_of=lambda p, x: 2,
                           line_of=lambda p, y: 17, story_line=lambda key: 40)
    (mark,) = marks_module._overset(view, SimpleNamespace(source="i.txt"))
    assert mark.kind == "overset" and "overset by 3 lines" in mark.message
    assert mark.rect == (10.0, 191.0, 100.0, 9.0) and mark.source_line == 40


def test_a_rule_break_the_composer_reported_is_marked_on_the_line_it_names(tmp_path):
    from typeset.design import BASELINE_RATIO
    from typeset.parse.source import read_source
    from typeset.proof.diff import drawn_lines_of
    result = proof(SEED_004, tmp_path)          # its item5 has a paragraph set loose by force
    marks = [m for m in _of(result, "typography") if re.search(r":\d+: line \d+:", m.message)]
    assert marks
    for mark in marks:
        source_line, n = map(int, re.search(r":(\d+): line (\d+):", mark.message).groups())
        lines = drawn_lines_of(result.ready.laid.frames, result.ready.issue,
                               read_source(SEED_004).lines)[source_line]
        page, line = lines[n - 1]
        assert mark.page == page
        assert mark.rect[1] == pytest.approx(line.baseline - BASELINE_RATIO * line.size)


def test_a_jump_finding_is_marked_as_a_jump_problem_at_its_grid_cell(small, monkeypatch):
    rule = AuditRule("audit.jumps", 2, "jumps pair",
                     lambda view: [Finding(1, 3, 45, "（下转第2版） has no （上接第1版）", None)],
                     True)
    monkeypatch.setattr(marks_module, "RULES", (rule,))
    (mark,) = marks_module._audit(small.view, small.ready.issue)
    assert mark.kind == "jump" and mark.where() == "第1版 第3栏 第45行"
    assert mark.rect == cell(small.view, 1, 3, 45)


def test_a_picture_under_170_ppi_as_placed_is_marked(tmp_path):
    path = tmp_path / "photo.png"
    Image.new("RGB", (200, 100), "white").save(path)
    pic = Picture(0, 0, 144.0, 72.0, str(path))     # 2 × 1 inch: 100 ppi
    assert picture_ppi(pic) == pytest.approx(100.0)
    page = SimpleNamespace(number=1, pictures=[pic])
    view = SimpleNamespace(pages=[page], column_of=lambda p, x: 1, line_of=lambda p, y: 1)
    (mark,) = marks_module._pictures(view, SimpleNamespace(source="i.txt"))
    assert mark.kind == "picture" and "100 ppi" in mark.message


def test_a_mark_is_cited_by_page_column_and_line():
    assert Mark("loose", "m", 0, (0, 0, 1, 1), 2, 3, 45).where() == "第2版 第3栏 第45行"


def test_round_one_without_an_earlier_proof(tmp_path):
    assert next_round(tmp_path / "a.proof.pdf", "abc") == 1


def _earlier(path, round, sha):
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo[ROUND_KEY] = round
    pdf.docinfo[SOURCE_KEY] = sha
    pdf.save(path)


def test_the_same_source_again_is_the_same_round(tmp_path):
    _earlier(tmp_path / "a.proof.pdf", 2, "abc")
    assert next_round(tmp_path / "a.proof.pdf", "abc") == 2


def test_a_changed_source_is_the_next_round(tmp_path):
    _earlier(tmp_path / "a.proof.pdf", 2, "abc")
    assert next_round(tmp_path / "a.proof.pdf", "def") == 3


def test_a_file_that_is_not_a_proof_does_not_count(tmp_path):
    (tmp_path / "a.proof.pdf").write_bytes(b"not a pdf")
    assert next_round(tmp_path / "a.proof.pdf", "abc") == 1


def test_cli_proof_takes_the_round_and_writes_pngs(small, tmp_path):
    run = subprocess.run([sys.executable, "-m", "typeset", "proof", str(small.ready.source),
                          "-o", str(tmp_path), "--png", str(tmp_path / "png"), "--round", "3"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "校次 3" in run.stdout and "page 1:" in run.stdout
    assert "缺字" in run.stderr
    assert sorted(p.name for p in (tmp_path / "png").iterdir())[0] == "issue.proof-01.png"
