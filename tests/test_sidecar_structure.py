"""Staff correct the reading in the sidecar's `structure:` section, by source
line; `typeset parse` shows the result, and an entry that cannot be honoured
is an error naming the sidecar's file and line."""

import pytest

from typeset.model import Paragraph, Subhead
from typeset.parse import parse_issue
from typeset.sidecar import SidecarError

LONG = ("记者从市发展改革委获悉，今年以来全市重点项目建设进展顺利，一批重大项目相继开工，"
        "完成投资同比增长百分之十二，为全年目标打下坚实基础。")
SECOND = ("下一步，相关部门将继续优化审批流程，强化要素保障，推动项目早落地、早投产、早见效，"
          "以项目建设的好成效支撑经济稳定增长。")
# line 3: title · 5: LONG · 7: SECOND · 9: 新区道路改造完工 / 10: LONG (one block) · 12: 来源
ISSUE = f"\n\n## 全市重点项目建设提速\n\n{LONG}\n\n{SECOND}\n\n新区道路改造完工\n{LONG}\n\n来源：某某网\n"


def read(tmp_path, structure: str):
    (tmp_path / "issue.txt").write_text(ISSUE, encoding="utf-8")
    (tmp_path / "issue.yaml").write_text("masthead: {}\nstructure:\n" + structure,
                                         encoding="utf-8")
    return parse_issue(tmp_path / "issue.txt")


def test_a_line_staff_name_as_a_title_starts_a_new_article(tmp_path):
    issue = read(tmp_path, "  - {lines: 9, is: title}\n")
    assert [i.headline.main for i in issue.items] == [("全市重点项目建设提速",), ("新区道路改造完工",)]
    assert any(d.rule == "S1" and d.line == 9 for d in issue.decisions)


def test_a_line_staff_say_starts_an_article_splits_the_story(tmp_path):
    issue = read(tmp_path, "  - {lines: 7, is: article}\n")
    assert len(issue.items) == 2 and issue.items[1].body[0].text == SECOND


def test_a_line_staff_name_as_a_subhead(tmp_path):
    issue = read(tmp_path, "  - {lines: 9, is: subhead}\n")
    (story,) = issue.items
    assert [b.text for b in story.body if isinstance(b, Subhead)] == ["新区道路改造完工"]


def test_two_blocks_staff_join_are_one_paragraph(tmp_path):
    issue = read(tmp_path, "  - {lines: [5, 7], is: joined}\n")
    first = issue.items[0].body[0]
    assert isinstance(first, Paragraph) and first.text == LONG + SECOND


def test_dropped_lines_are_not_printed_but_accounted_for(tmp_path):
    issue = read(tmp_path, "  - {lines: 12, is: dropped}\n")
    assert "来源" not in "".join(issue.printed_text())
    assert [(d.text, d.reason) for d in issue.dropped] == [("来源：某某网", "dropped by staff")]


@pytest.mark.parametrize("entry, message", [
    ("  - {lines: 99, is: title}\n", "has 12 lines"),
    ("  - {lines: 4, is: title}\n", "line 4 of"),
    ("  - {lines: 5-10, is: title}\n", "at most 3 lines"),
    ("  - {lines: 9, is: title}\n  - {lines: 9-10, is: dropped}\n", "already given"),
    ("  - {lines: 9, is: titel}\n", "did you mean 'title'"),
    ("  - {lines: 10-9, is: title}\n", "expected a source line"),
], ids=["past the end", "blank line", "long title", "overlap", "typo", "backwards"])
def test_an_entry_that_cannot_be_honoured_names_the_sidecar_line(tmp_path, entry, message):
    with pytest.raises(SidecarError) as caught:
        read(tmp_path, entry)
    text = str(caught.value)
    assert message in text and "issue.yaml:" in text
