"""The whole pipeline: what `typeset build` promises beyond each stage."""

import subprocess
import time
import sys
from pathlib import Path

import pytest

from typeset.build import build
from typeset.check import check_text_kept
from typeset.compose import Glyph
from typeset.diagnostics import TypesetError
from typeset.frames import DocumentFrames, PageFrame, TextLine
from typeset.parse import parse_issue

from .conftest import SEED_000, SEED_004
from .diagnostics_support import assert_diagnostics

ARTICLE = ("## 伊滨区召开经济工作会议\n\n伊滨讯 12月30日,伊滨区召开经济工作会议,总结全年工作,"
           "部署明年任务。会议强调,要坚持以科技创新为引领,扎实做好产业发展、城市提质、"
           "乡村振兴等重点工作,奋力开创伊滨高质量发展新局面。{extra}\n\n(伊滨宣)\n")


def _issue(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "issue.txt"
    path.write_text(ARTICLE.format(extra=extra), encoding="utf-8")
    return path


def test_a_character_no_font_has_stops_the_build_naming_it_and_its_line(tmp_path):
    path = _issue(tmp_path, extra="会上宣读了\U000F0001号文件。")
    with pytest.raises(TypesetError) as info:
        build(path, tmp_path / "out", strict=False)
    message = str(info.value)
    assert "U+F0001" in message and "line 3" in message and f"{path}:3" in message
    assert not (tmp_path / "out" / "issue.pdf").exists()


def test_a_rare_name_character_prints_from_the_fallback_font(tmp_path):
    if not Path("/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf").exists():
        pytest.skip("BabelStone Han (Debian fonts-babelstone-han) is the fallback for 𪚥")
    pypdfium2 = pytest.importorskip("pypdfium2")
    path = _issue(tmp_path, extra="记者䶮𠮷𪚥到会采访。")
    result = build(path, tmp_path / "out", strict=False)
    pdf = pypdfium2.PdfDocument(str(result.pdf))
    text = "".join(page.get_textpage().get_text_range() for page in pdf)
    assert "䶮𠮷𪚥" in "".join(text.split())


def test_text_that_was_not_placed_fails_the_build(tmp_path):
    issue = parse_issue(_issue(tmp_path))
    empty = DocumentFrames((PageFrame(1, 100, 100, 0, ()),), "t")
    with pytest.raises(TypesetError, match="not placed"):
        check_text_kept(empty, issue)


def test_lost_text_is_named_by_story_and_lines_in_reading_order(tmp_path):
    issue = parse_issue(_issue(tmp_path))
    title = "".join(issue.items[0].headline.main)
    body = _text_of(issue).replace(title, "", 1)
    with pytest.raises(TypesetError) as info:
        check_text_kept(_frames(("body", body)), issue)
    d = info.value.diagnostic
    assert d.line == 1 and "of item1 (lines 1–" in d.message
    assert d.message.endswith("were not placed: " + title)


def test_text_drawn_in_another_storys_lines_does_not_count(tmp_path):
    issue = parse_issue(_issue(tmp_path))
    frames = _frames(("body", _text_of(issue)))
    moved = DocumentFrames(tuple(PageFrame(p.number, p.width, p.height, p.bleed, tuple(
        TextLine(e.x, e.baseline, e.size, e.glyphs, role=e.role, story="item2")
        for e in p.elements)) for p in frames.pages), "t")
    with pytest.raises(TypesetError, match="item1"):
        check_text_kept(moved, issue)


def test_cli_build_prints_a_line_per_page_and_writes_pdf_and_report(tmp_path):
    path = _issue(tmp_path)
    result = subprocess.run([sys.executable, "-m", "typeset", "build", "--draft", str(path),
                             "-o", str(tmp_path / "out")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "page 1:" in result.stdout and "fill" in result.stdout
    assert (tmp_path / "out" / "issue.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "out" / "issue.layout.json").exists()


def test_cli_build_error_is_one_line_with_exit_2_and_no_output(tmp_path):
    path = _issue(tmp_path)
    (tmp_path / "issue.yaml").write_text("placement:\n  - item: 不存在的稿件\n    page: 1\n",
                                         encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "typeset", "build", "--draft", str(path),
                             "-o", str(tmp_path / "out")], capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert "issue.yaml:2" in result.stderr and "不存在的稿件" in result.stderr
    assert not (tmp_path / "out" / "issue.pdf").exists()


def test_an_unknown_layout_is_an_error_naming_the_choices(tmp_path):
    path = _issue(tmp_path)
    result = subprocess.run([sys.executable, "-m", "typeset", "build", str(path), "--layout",
                             "no-such-paper", "-o", str(tmp_path / "out")],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "tabloid" in result.stderr and "Traceback" not in result.stderr


def test_a_sidecar_can_be_named_for_a_source_in_a_read_only_folder(tmp_path):
    sidecar = tmp_path / "004.yaml"
    sidecar.write_text("masthead:\n  paper: 伊滨新闻\n  date: 2024-12-31\n  issue: 52\n"
                       "  total_issue: 320\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "typeset", "parse", str(SEED_004),
                             "--sidecar", str(sidecar), "--json"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert '"paper_name": "伊滨新闻"' in result.stdout and '"lunar_date": "甲辰年十二月初一"' in result.stdout
    missing = subprocess.run([sys.executable, "-m", "typeset", "parse", str(SEED_004),
                              "--sidecar", str(tmp_path / "nope.yaml")], capture_output=True,
                             text=True)
    assert missing.returncode == 2 and "no such sidecar file" in missing.stderr


def test_an_issue_without_articles_is_an_error_not_a_blank_paper(tmp_path):
    path = tmp_path / "issue.txt"
    path.write_text("# 伊滨新闻\n\n2024年4月1日 第6期\n", encoding="utf-8")
    with pytest.raises(TypesetError, match="no articles"):
        build(path, tmp_path / "out")
    assert not (tmp_path / "out" / "issue.pdf").exists()


def _frames(*lines: tuple[str, str]) -> DocumentFrames:
    """One page holding each (role, text) as a line."""
    elements = tuple(TextLine(0, 10 * n, 9, tuple(Glyph(c, "song", i, 1) for i, c in
                                                  enumerate(text)), role=role, story="item1")
                     for n, (role, text) in enumerate(lines, 1))
    return DocumentFrames((PageFrame(1, 100, 100, 0, elements),), "t")


def _text_of(issue) -> str:
    return "".join(issue.items[0].printed_text())


def test_a_title_set_as_a_rank_4_headline_counts_as_placed(tmp_path):
    issue = parse_issue(_issue(tmp_path))
    title = "".join(issue.items[0].headline.main)
    body = _text_of(issue).replace(title, "", 1)
    check_text_kept(_frames(("headline4", title), ("body", body)), issue)


def test_a_continued_storys_repeated_title_does_not_count_as_placing_it(tmp_path):
    issue = parse_issue(_issue(tmp_path))
    title = "".join(issue.items[0].headline.main)
    body = _text_of(issue).replace(title, "", 1)
    with pytest.raises(TypesetError, match="not placed"):
        check_text_kept(_frames(("continued_title", title), ("body", body)), issue)


# The page audit's advisory rules (7 column feet, 8 rule and headline air, 9
# spacing) still find what the layout does not yet avoid: counted in the audit's
# own tests.
ADVISORY = ("audit.column_feet", "audit.subhead_keep", "audit.rule_air", "audit.head_air",
            "audit.spacing", "audit.last_page_foot")


def _not_advisory(diagnostics):
    return [d for d in diagnostics if d.rule not in ADVISORY]


def test_the_seeds_build_with_no_warning_but_the_missing_masthead_of_004(tmp_path):
    assert_diagnostics(_not_advisory(build(SEED_000, tmp_path / "a").diagnostics))
    # 004's line 105 keeps 18.6公里, 近24万平方米 … whole in a ten-character column:
    # the composer says where it had to set a line past ½ em a gap
    assert_diagnostics(_not_advisory(build(SEED_004, tmp_path / "b", strict=False).diagnostics),
                       {("warning", None, "masthead: missing paper_name, date"),
                        ("warning", 105, "item5: paragraph: no breaks within ½ em expansion"),
                        ("warning", 105, "item5: line 3: expansion 0.667 em > 0.5 em")})


def test_the_sidecars_layout_is_used_by_the_python_api(tmp_path):
    path = _issue(tmp_path)
    (tmp_path / "issue.yaml").write_text("layout: city-broadsheet\n", encoding="utf-8")
    result = build(path, tmp_path / "out", strict=False)
    assert result.laid.frames.pages[0].width == pytest.approx(390 * 72 / 25.4)
    assert '"layout": "city-broadsheet"' in result.report_path.read_text(encoding="utf-8")


def test_a_layout_named_in_the_call_wins_over_the_sidecars(tmp_path):
    path = _issue(tmp_path)
    (tmp_path / "issue.yaml").write_text("layout: city-broadsheet\n", encoding="utf-8")
    result = build(path, tmp_path / "out", "tabloid", strict=False)
    assert result.laid.frames.pages[0].width == pytest.approx(270 * 72 / 25.4)


def test_traditional_lunar_month_names_reach_the_printed_masthead(tmp_path):
    """2024-12-31 is 甲辰年十二月初一: printed 腊月初一 with --lunar-months traditional."""
    pypdfium2 = pytest.importorskip("pypdfium2")
    path = _issue(tmp_path)
    (tmp_path / "issue.yaml").write_text("masthead:\n  paper: 伊滨新闻\n  date: 2024-12-31\n"
                                         "  issue: 52\n  total_issue: 320\n", encoding="utf-8")
    for months, printed in (("traditional", "腊月初一"), ("numeric", "十二月初一")):
        out = tmp_path / months
        run = subprocess.run([sys.executable, "-m", "typeset", "build", str(path), "-o", str(out),
                              "--lunar-months", months, "--draft"], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        pdf = pypdfium2.PdfDocument(str(out / "issue.pdf"))
        text = "".join(pdf[0].get_textpage().get_text_range().split())
        assert f"甲辰年{printed}" in text, months


def test_a_report_records_the_checksum_of_its_pdf(tmp_path):
    import hashlib
    import json
    result = build(_issue(tmp_path), tmp_path / "out", strict=False)
    report = json.loads(result.report_path.read_text(encoding="utf-8"))
    assert report["pdf_sha256"] == hashlib.sha256(result.pdf.read_bytes()).hexdigest()


def test_a_paragraph_marked_as_a_headline_is_set_as_text_with_a_warning(tmp_path):
    """500 characters after ## are not a headline; placing them as one once
    took minutes. They print as the story's first paragraph, and say so."""
    sentence = "区党工委理论学习中心组举行集体学习研讨会议强调要坚持以科技创新为引领扎实做好产业发展。"
    path = tmp_path / "issue.txt"
    path.write_text(f"## {(sentence * 12)[:500]}\n\n正文内容，说明情况。\n\n## 第二篇\n\n"
                    "第二篇正文，说明情况。\n", encoding="utf-8")
    started = time.perf_counter()
    result = build(path, tmp_path / "out", strict=False)
    assert time.perf_counter() - started < 60     # bounded, not a benchmark
    (note,) = [d for d in result.diagnostics if "cannot be a headline" in d.message]
    assert note.line == 1 and note.file == str(path)


MASTHEAD = "# 伊滨新闻\n\n{date} 第6期 ■ 河南省新闻出版局批准\n{lunar} 总第274期\n\n"


@pytest.mark.parametrize("date,lunar,expected,line", [
    ("2024年4月1日", "甲辰年二月廿四", "does not match 2024-04-01", 4),
    ("2024年2月30日", "", "is not a calendar date", 3),
])
def test_a_print_build_refuses_masthead_facts_that_do_not_check(tmp_path, date, lunar,
                                                                 expected, line):
    path = tmp_path / "issue.txt"
    path.write_text(MASTHEAD.format(date=date, lunar=lunar) + ARTICLE.format(extra=""),
                    encoding="utf-8")
    with pytest.raises(TypesetError) as info:
        build(path, tmp_path / "out")
    d = info.value.diagnostic
    assert expected in d.message and "--draft" in d.message and d.line == line
    assert not (tmp_path / "out").exists()
    draft = build(path, tmp_path / "out", strict=False)
    assert draft.pdf.exists() and any(expected in w.message for w in draft.diagnostics)


def test_a_print_build_without_paper_name_and_date_is_refused_naming_the_fix(tmp_path):
    run = subprocess.run([sys.executable, "-m", "typeset", "build", str(_issue(tmp_path)), "-o",
                          str(tmp_path / "out")], capture_output=True, text=True)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "missing paper_name, date" in run.stderr and "sidecar" in run.stderr
    assert "--draft" in run.stderr
    draft = subprocess.run([sys.executable, "-m", "typeset", "build", "--draft",
                            str(_issue(tmp_path)), "-o", str(tmp_path / "out")],
                           capture_output=True, text=True)
    assert draft.returncode == 0, draft.stderr


def test_missing_issue_numbers_alone_do_not_stop_a_print_build(tmp_path):
    path = _issue(tmp_path)
    (tmp_path / "issue.yaml").write_text("masthead:\n  paper: 伊滨新闻\n  date: 2024-12-31\n",
                                         encoding="utf-8")
    # one short article: the broadsheet's single page, ending short at its foot
    result = build(path, tmp_path / "out", "city-broadsheet")
    assert any("missing issue_number" in d.message for d in result.diagnostics)


def test_a_layout_font_role_with_no_usable_font_is_reported_at_its_layout_line(tmp_path):
    from typeset.design import LAYOUTS_DIR
    text = (LAYOUTS_DIR / "tabloid.yaml").read_text(encoding="utf-8")
    old = "  song: [NotoSerifCJKsc-Regular.ttf, BabelStoneHan.ttf]"
    layout = tmp_path / "bad.yaml"
    layout.write_text(text.replace(old, "  song: [NoSuchFont.ttf]"), encoding="utf-8")
    with pytest.raises(TypesetError) as info:
        build(SEED_000, tmp_path / "out", str(layout))
    d = info.value.diagnostic
    assert d.file == str(layout) and d.line == text[:text.index(old)].count("\n") + 1
    assert "NoSuchFont.ttf" in d.message


def test_text_printed_out_of_reading_order_fails_the_build(tmp_path):
    issue = parse_issue(_issue(tmp_path))
    text = _text_of(issue)
    half = len(text) // 2
    with pytest.raises(TypesetError, match="out of reading order"):
        check_text_kept(_frames(("body", text[half:]), ("body", text[:half])), issue)
