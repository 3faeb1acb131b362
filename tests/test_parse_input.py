"""Input robustness: encodings, line ends, whitespace, and clear errors."""

import subprocess
import sys

import pytest

from typeset.diagnostics import TypesetError
from typeset.parse import parse_issue
from typeset.parse.normalise import normalise_punctuation

from .conftest import SEED_000

SAMPLE = "## 樊灿涛调研乡村振兴项目建设\n\n伊滨讯 3月29日,区党工委副书记樊灿涛深入调研。\n(阮现武 董浩)\n"


def _titles(issue):
    return [a.headline.main for a in issue.articles()]


@pytest.mark.parametrize("encoding,prefix", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"),
                                             ("gb18030", b""), ("gbk", b""), ("utf-16", b"")])
def test_encodings_read_the_same(tmp_path, encoding, prefix):
    path = tmp_path / "issue.txt"
    path.write_bytes(prefix + SAMPLE.encode(encoding))
    issue = parse_issue(path)
    assert _titles(issue) == [("樊灿涛调研乡村振兴项目建设",)]
    assert issue.items[0].dateline == "伊滨讯 3月29日"
    assert issue.items[0].byline.text == "阮现武 董浩"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_ends(tmp_path, newline):
    path = tmp_path / "issue.txt"
    path.write_bytes(SAMPLE.replace("\n", newline).encode())
    issue = parse_issue(path)
    assert issue.items[0].body[0].source.first_line == 3


def test_tabs_and_stray_spaces(tmp_path):
    path = tmp_path / "issue.txt"
    path.write_text(SAMPLE.replace("## ", "##\t ").replace("伊滨讯 ", "\t伊滨讯\t ") + "   \n",
                    encoding="utf-8")
    issue = parse_issue(path)
    assert _titles(issue) == [("樊灿涛调研乡村振兴项目建设",)]
    assert issue.items[0].dateline == "伊滨讯 3月29日"


def test_a_bad_gb18030_byte_is_reported_on_its_own_line(tmp_path):
    lines = [f"第{i}行中文内容，测试。".encode("gb18030") for i in range(1, 20)]
    lines[13] = lines[13][:4] + b"\x80\xff" + lines[13][4:]
    path = tmp_path / "issue.txt"
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(TypesetError) as info:
        parse_issue(path)
    assert info.value.diagnostic.line == 14 and "0x80" in info.value.diagnostic.message


@pytest.mark.parametrize("content,message", [
    (b"", "file is empty"),
    (b"  \n\n \n", "file is empty"),
    (b"%PDF-1.4\n\x00\x01\x02binary", "binary"),
    (b"\x89PNG\r\n\x1a\n\xff\xfe\xfd", "binary"),
    (b"abc\x07def\n", "control character"),
])
def test_unreadable_input_is_one_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(TypesetError) as info:
        parse_issue(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_cli_error_is_one_line_exit_2_no_traceback(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\x00\x00binary")
    result = subprocess.run([sys.executable, "-m", "typeset", "parse", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert result.stderr.startswith(f"{path}:1: error:")


def test_cli_missing_file(tmp_path):
    result = subprocess.run([sys.executable, "-m", "typeset", "parse", str(tmp_path / "nope.txt")],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "no such file" in result.stderr


def test_cli_json_has_the_structure():
    import json
    result = subprocess.run([sys.executable, "-m", "typeset", "parse", str(SEED_000), "--json"],
                            capture_output=True, text=True, check=True)
    data = json.loads(result.stdout)
    assert data["masthead"]["date"] == "2024-04-01"
    assert data["items"][1]["dateline"] == "伊滨讯 3月28日"
    assert data["diagnostics"] == []


@pytest.mark.parametrize("raw,expected", [
    ("项目由洛阳国展资产管理有限公司建设,位于光武大道", "项目由洛阳国展资产管理有限公司建设，位于光武大道"),
    ("樊灿涛强调:", "樊灿涛强调："),
    ("创智广场(二期)项目", "创智广场（二期）项目"),
    ("“飞机加大炮”?靠的是", "“飞机加大炮”？靠的是"),
    ("作风硬,伊滨兴!", "作风硬，伊滨兴！"),
    ("依托“1+3+N”三级", "依托“1+3+N”三级"),
    ("成立“3.30”攻坚指挥部", "成立“3.30”攻坚指挥部"),
    ("产值1,000亿元", "产值1,000亿元"),
    ("会议12:30开始", "会议12:30开始"),
    ("f(x) = x", "f(x) = x"),
    ("见精神, 见魄力", "见精神，见魄力"),
])
def test_halfwidth_punctuation_rules(raw, expected):
    assert normalise_punctuation(raw) == expected


MASTHEAD = ("# 伊滨新闻\n\n2024年4月1日 第6期 ■ 河南省新闻出版局批准\n{lunar} 总第274期 ■ 编辑出版:区融媒体中心\n\n"
            "## 标题新闻稿件\n\n正文第一段内容，说明情况。\n")


def test_a_masthead_lunar_date_that_disagrees_is_warned_with_its_line(tmp_path):
    path = tmp_path / "issue.txt"
    path.write_text(MASTHEAD.format(lunar="甲辰年二月廿四"), encoding="utf-8")
    issue = parse_issue(path)
    warnings = [d for d in issue.diagnostics if "lunar date" in d.message]
    assert len(warnings) == 1
    assert warnings[0].line == 4 and "甲辰年二月廿三" in warnings[0].message


def test_a_masthead_without_lunar_date_gets_the_computed_one(tmp_path):
    path = tmp_path / "issue.txt"
    path.write_text(MASTHEAD.format(lunar=""), encoding="utf-8")
    issue = parse_issue(path)
    assert issue.masthead.lunar_date == "甲辰年二月廿三"
    assert issue.masthead.weekday == "星期一"


def test_sidecar_supplies_a_missing_masthead(tmp_path):
    path = tmp_path / "issue.txt"
    path.write_text("## 标题新闻稿件\n\n正文第一段内容，说明情况。\n", encoding="utf-8")
    (tmp_path / "issue.yaml").write_text(
        "masthead:\n  paper: 伊滨新闻\n  date: 2024-12-31\n  issue: 52\n  total_issue: 320\n",
        encoding="utf-8")
    m = parse_issue(path).masthead
    assert (m.paper_name, m.issue_number, m.total_issue_number) == ("伊滨新闻", 52, 320)
    assert m.lunar_date == "甲辰年十二月初一" and m.missing == ()


def test_a_sidecar_error_names_file_line_and_key(tmp_path):
    path = tmp_path / "issue.txt"
    path.write_text("## 标题新闻稿件\n\n正文。\n", encoding="utf-8")
    (tmp_path / "issue.yaml").write_text("masthead:\n  paper: 伊滨新闻\n  isue: 5\n",
                                         encoding="utf-8")
    with pytest.raises(TypesetError) as info:
        parse_issue(path)
    assert f"{tmp_path / 'issue.yaml'}:3" in str(info.value) and "masthead.isue" in str(info.value)
