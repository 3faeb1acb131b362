"""The reading rules (parse/grammar.py RULES) on issues of papers typeset has
never seen: each test one fact a reader states, in a made-up issue."""

from typeset.model import Article, Banner, Continuation, Paragraph, Subhead
from typeset.parse import parse_issue

LONG = ("记者从市发展改革委获悉，今年以来全市重点项目建设进展顺利，一批重大项目相继开工，"
        "完成投资同比增长百分之十二，为全年目标打下坚实基础。")
SECOND = ("下一步，相关部门将继续优化审批流程，强化要素保障，推动项目早落地、早投产、早见效，"
          "以项目建设的好成效支撑经济稳定增长。")


def read(tmp_path, text: str, name: str = "issue.txt"):
    path = tmp_path / name
    path.write_text("\n\n" + text, encoding="utf-8")
    return parse_issue(path)


def rules_used(issue) -> set[str]:
    return {d.rule for d in issue.decisions}


def test_a_heading_over_a_dateline_paragraph_starts_a_new_story(tmp_path):
    issue = read(tmp_path, f"## 全市重点项目建设提速\n\n{LONG}\n\n### 新区道路改造完工\n\n"
                           f"本报讯 {SECOND}\n")
    assert [i.headline.main for i in issue.items] == [("全市重点项目建设提速",), ("新区道路改造完工",)]
    assert "H4b" in rules_used(issue)


def test_a_short_heading_inside_a_story_is_its_subhead(tmp_path):
    issue = read(tmp_path, f"## 全市重点项目建设提速\n\n{LONG}\n\n### 审批更快了\n\n{SECOND}\n")
    (story,) = issue.items
    assert [b.text for b in story.body if isinstance(b, Subhead)] == ["审批更快了"]


def test_a_briefs_label_groups_the_briefs_that_follow(tmp_path):
    issue = read(tmp_path, f"## 快讯\n\n某地启用新公交线路\n\n{LONG}\n\n本报讯 {SECOND}\n\n"
                           f"（县交通局）\n\n## 全市重点项目建设提速\n\n{LONG}\n")
    group = issue.items[0]
    assert isinstance(group, Banner) and group.kind == "briefs" and group.title == "快讯"
    assert [a.kind for a in group.items] == ["brief", "brief"]
    assert group.items[1].byline.text == "县交通局"
    # the page carries a column of briefs whole, as one story under its label
    assert group.sets_as_one
    assert [key for key, _, _ in issue.stories()] == ["item1", "item2"]


def test_a_link_box_takes_its_label_as_title_and_its_item_title_as_subhead(tmp_path):
    issue = read(tmp_path, f"## 全市重点项目建设提速\n\n{LONG}\n\n### 背景资料\n\n"
                           f"什么是重点项目\n\n{SECOND}\n")
    box = issue.items[1]
    assert box.kind == "link_box" and box.headline.main == ("背景资料",)
    assert [b.text for b in box.body if isinstance(b, Subhead)] == ["什么是重点项目"]


def test_numbered_entries_are_a_list_never_joined(tmp_path):
    issue = read(tmp_path, f"## 年度十件实事\n\n{LONG}\n\n今年的实事包括：\n\n"
                           "1.新建学校三所\n2.改造老旧小区十个\n3.新增公交线路五条\n")
    roles = [b.role for b in issue.items[0].body if isinstance(b, Paragraph)]
    assert roles == ["body", "body", "item", "item", "item"]


def test_speakers_taking_turns_make_an_interview(tmp_path):
    turns = "\n\n".join(["记者：您怎么看今年的变化？", "李明：变化很大，大家都有感受。",
                         "记者：明年有什么打算？", "李明：继续干，把路修到村口。"])
    issue = read(tmp_path, f"## 访谈\n\n村路修到家门口\n\n{turns}\n")
    story = issue.items[0]
    assert story.kind == "interview" and story.headline.rubric == "访谈"
    assert [b.text[:b.run_in] for b in story.body] == ["记者：", "李明：", "记者：", "李明："]


def test_a_jump_pair_in_one_file_is_one_story_again(tmp_path):
    issue = read(tmp_path, f"## 全市重点项目建设提速\n\n{LONG}一批项目（下转第2版）\n\n"
                           f"2024年5月6日 星期一 第2版 要闻\n\n（上接第1版）陆续投产。\n\n{SECOND}\n")
    (story,) = issue.items
    assert isinstance(story, Article)
    assert story.body[0].text.endswith("一批项目陆续投产。")
    assert [(j.to_page, j.from_page, j.joined) for j in story.jumps] == [(2, 1, True)]
    assert {d.reason for d in issue.dropped} == {"running head", "jump line"}


def test_a_continuation_whose_origin_is_not_in_the_file_keeps_its_line(tmp_path):
    issue = read(tmp_path, f"（上接第5版）{SECOND}\n")
    (part,) = issue.items
    assert isinstance(part, Continuation) and part.from_page == 5 and part.marker == "（上接第5版）"


def test_a_date_line_under_a_document_title_is_its_deck_and_the_official_its_byline(tmp_path):
    issue = read(tmp_path, "## 关于全市财政预算执行情况的报告\n\n——2025年1月8日在市第十届人民代表大会第五次会议上\n\n"
                           f"市财政局局长 张建国\n\n各位代表：\n\n{LONG}\n\n一、预算执行情况\n\n{SECOND}\n")
    (report,) = issue.items
    assert report.headline.deck == ("——2025年1月8日在市第十届人民代表大会第五次会议上",)
    assert report.byline.text == "市财政局局长 张建国" and report.byline.position == "head"
    assert [b.text for b in report.body if isinstance(b, Subhead)] == ["一、预算执行情况"]


def test_a_second_credit_after_a_storys_byline_is_that_storys_not_a_new_story(tmp_path):
    issue = read(tmp_path, f"## 新区道路改造完工\n\n{LONG}\n\n（文/图 经萱）\n\n（记者 赵磊）\n\n"
                           f"## 全市重点项目建设提速\n\n{SECOND}\n")
    story, other = issue.items
    assert story.byline.text == "文/图 经萱"
    assert [c.text for c in story.credits] == ["记者 赵磊"]
    assert "".join(story.printed_text()).endswith("（文/图 经萱）（记者 赵磊）")
    assert other.headline.main == ("全市重点项目建设提速",) and "C5" in rules_used(issue)


def test_a_second_credit_in_a_banners_group_stays_with_its_story(tmp_path):
    issue = read(tmp_path, f"## 本地新闻\n\n### 新区道路改造完工\n\n{LONG}\n\n（记者 王伟）\n\n"
                           f"（记者 赵磊）\n\n### 全市重点项目建设提速\n\n{SECOND}\n")
    (banner,) = issue.items
    first, second = banner.items
    assert (first.byline.text, [c.text for c in first.credits]) == ("记者 王伟", ["记者 赵磊"])
    assert second.headline.main == ("全市重点项目建设提速",)


def test_a_byline_in_parentheses_after_the_dateline_is_printed_inline(tmp_path):
    issue = read(tmp_path, f"## 新区道路改造完工\n\n本报讯（记者 王芳）{LONG}\n")
    story = issue.items[0]
    assert story.dateline == "本报讯" and story.byline.position == "inline"
    assert story.byline.text == "记者 王芳"


def test_a_story_credited_with_photos_has_captions_not_subheads(tmp_path):
    issue = read(tmp_path, f"## 重阳敬老\n\n{LONG}\n\n志愿者包饺子\n\n{SECOND}（文/图 李华）\n")
    story = issue.items[0]
    assert [b.role for b in story.body if isinstance(b, Paragraph)] == ["body", "caption", "body"]
    assert story.byline.text == "文/图 李华"


def test_a_bare_name_under_the_last_sentence_is_the_byline(tmp_path):
    issue = read(tmp_path, f"## 新区道路改造完工\n\n{LONG}\n{SECOND}\n王芳\n\n## 另一条新闻\n\n{LONG}\n")
    assert issue.items[0].byline.text == "王芳"


def test_a_one_paragraph_short_story_is_a_brief(tmp_path):
    issue = read(tmp_path, "## 图书馆延长开放时间\n\n即日起，市图书馆每晚开放至九点。\n")
    assert issue.items[0].kind == "brief"


def test_reprint_boilerplate_is_kept_and_flagged(tmp_path):
    issue = read(tmp_path, f"## 新区道路改造完工\n\n{LONG}\n\n责任编辑：王芳\n")
    assert "责任编辑：王芳" in "".join(issue.printed_text())
    assert any(d.rule == "parse.residue" and d.line == 7 for d in issue.diagnostics)


def test_a_rubric_run_into_its_title(tmp_path):
    issue = read(tmp_path, f"快评丨让群众少跑腿\n\n{LONG}\n")
    story = issue.items[0]
    assert story.headline.rubric == "快评" and story.headline.main == ("让群众少跑腿",)
    assert story.kind == "commentary"


def test_a_first_half_without_pause_marks_is_joined_across_blank_lines(tmp_path):
    issue = read(tmp_path, f"## 新区道路改造完工\n\n{LONG}今年全市新建和改造道路\n\n\n\n五十公里。\n")
    texts = [b.text for b in issue.items[0].body]
    assert texts[-1].endswith("今年全市新建和改造道路五十公里。")


def test_the_outline_names_the_rule_of_every_decision(tmp_path):
    from typeset.parse.outline import outline
    issue = read(tmp_path, f"## 全市重点项目建设提速\n\n{LONG}\n\n### 新区道路改造完工\n\n本报讯 {SECOND}\n")
    text = outline(issue)
    assert "H4b" in text and "a heading followed by a dateline paragraph starts a new item" in text


def test_a_character_lost_upstream_is_flagged_with_its_line(tmp_path):
    issue = read(tmp_path, "## 新区道路改造完工\n\n今年□月，新区道路改造全面完工，市民出行更加方便。\n")
    assert [(d.line, d.rule) for d in issue.diagnostics if d.rule == "parse.lost_character"] == [(5, "parse.lost_character")]


def test_a_question_in_halfwidth_text_is_not_a_lost_character(tmp_path):
    issue = read(tmp_path, "## 新区道路改造完工\n\n独居老人过得好吗?他们过冬的衣物准备了没有,记者走访了社区。\n")
    assert not [d for d in issue.diagnostics if d.rule == "parse.lost_character"]


def test_straight_quotes_in_chinese_text_become_curly(tmp_path):
    issue = read(tmp_path, '## 新区道路改造完工\n\n市民说"路好走了",记者看到\'小巷\'也变宽了。\n')
    assert issue.items[0].body[0].text == "市民说“路好走了”，记者看到‘小巷’也变宽了。"


def test_a_short_first_half_ending_on_a_number_joins_its_rest(tmp_path):
    issue = read(tmp_path, f"## 用电负荷创新高\n\n{LONG}\n\n今年全区完成投资3\n\n6.5亿元，同比增长12%。\n")
    assert issue.items[0].body[-1].text == "今年全区完成投资36.5亿元，同比增长12%。"


def test_a_short_first_half_ending_on_a_function_word_joins_its_rest(tmp_path):
    issue = read(tmp_path, f"## 用电负荷创新高\n\n{LONG}\n\n供电公司组织人员对线路和\n\n变压器开展巡查。\n")
    assert issue.items[0].body[-1].text == "供电公司组织人员对线路和变压器开展巡查。"


def test_a_date_in_parentheses_under_a_document_title_is_its_deck(tmp_path):
    issue = read(tmp_path, f"## 政府工作报告\n\n（2024年3月5日）\n\n{LONG}\n")
    assert issue.items[0].headline.deck == ("（2024年3月5日）",)


def test_in_a_column_of_briefs_each_lead_in_starts_a_brief(tmp_path):
    issue = read(tmp_path, f"## 简讯\n\n本报讯 {LONG}\n\n■{SECOND}\n\n新华社北京3月5日电 {LONG}\n")
    (group,) = issue.items
    assert len(group.items) == 3 and {a.kind for a in group.items} == {"brief"}


def test_an_unclosed_parenthesis_round_a_byline_is_read_closed(tmp_path):
    issue = read(tmp_path, f"## 新区道路改造完工\n\n{LONG}\n\n（记者 王芳 通讯员 李明\n")
    byline = issue.items[0].byline
    assert byline.text == "记者 王芳 通讯员 李明" and byline.parenthesized


def test_a_file_without_masthead_continuing_page_1_is_the_pages_after_it(tmp_path):
    issue = read(tmp_path, f"## 全市重点项目建设提速\n\n{LONG}\n\n（上接01版）{SECOND}\n")
    assert issue.first_page == 2 and "R2" in rules_used(issue)


def test_staff_say_which_page_an_issue_starts_on(tmp_path):
    (tmp_path / "issue.yaml").write_text("masthead: {}\nfirst_page: 5\n", encoding="utf-8")
    issue = read(tmp_path, f"## 全市重点项目建设提速\n\n{LONG}\n")
    assert issue.first_page == 5


def test_an_issue_with_a_masthead_starts_on_page_1(tmp_path):
    issue = read(tmp_path, f"# 某某日报\n\n2024年5月6日 星期一 第12期\n\n第A06版 国内\n\n"
                           f"## 全市重点项目建设提速\n\n{LONG}\n")
    assert issue.first_page == 1


def test_a_front_pages_continuation_from_a_page_the_file_lacks_loses_its_stale_jump_line(tmp_path):
    """R3: a file holding a paper's pages 1 and 3 continues a story from page 2;
    the new print's page 2 is another page, so （上接第2版） is not reprinted —
    the text is, and the warning says where the story starts mid-way."""
    issue = read(tmp_path, f"# 江城日报\n\n2024年5月6日 星期一\n\n## 全市重点项目建设提速\n\n{LONG}\n\n"
                           f"（上接第2版）{SECOND}\n")
    assert issue.first_page == 1
    part = issue.items[-1]
    assert isinstance(part, Continuation) and part.from_page == 2 and part.marker == ""
    assert part.body[0].text == SECOND
    assert "R3" in rules_used(issue)
    (stale,) = [d for d in issue.diagnostics if d.rule == "parse.stale_jump"]
    assert stale.severity == "warning" and stale.line == part.source.first_line
    assert any(d.text == "（上接第2版）" and "page 2" in d.reason for d in issue.dropped)
