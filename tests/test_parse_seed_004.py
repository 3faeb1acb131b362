"""Seed 004 (no masthead; interviews, continuations, a kicker article)."""

from typeset.model import Continuation, Subhead


def test_missing_masthead_is_reported_not_fatal(issue_004):
    m = issue_004.masthead
    assert m.paper_name is None and m.date is None
    assert set(m.missing) == {"paper_name", "date", "issue_number", "total_issue_number"}
    assert any("masthead: missing" in d.message for d in issue_004.diagnostics)


def test_item_sequence(issue_004):
    kinds = [type(item).__name__ for item in issue_004.items]
    assert kinds == ["Article", "Article", "Continuation", "Continuation", "Article"]


def test_interview_with_rubric_two_line_title_and_deck(issue_004):
    first = issue_004.items[0]
    assert first.kind == "interview"
    assert first.headline.rubric == "一把手访谈"
    assert first.headline.main == ("坚定信心 开拓奋进 真抓实干", "奋力开创现代化伊川建设新局面")
    assert first.headline.subtitle == ("——访市政协副主席、伊川县委书记仝宇鹏",)
    assert first.byline.text == "洛报融媒记者 郭学锋 通讯员 文鹏"
    assert not first.byline.parenthesized


def test_second_interview(issue_004):
    second = issue_004.items[1]
    assert second.headline.main == ("主动作为 狠抓落实", "为洛阳高质量发展注入澎湃动能")
    assert second.headline.subtitle == ("——访市科技局党组书记、局长叶惠玲",)
    assert second.byline.text == "洛报融媒记者 张锐鑫 通讯员 刘磊 李亚伟"


def test_continuation_with_a_title_split_over_two_lines(issue_004):
    cont = issue_004.items[2]
    assert isinstance(cont, Continuation)
    assert cont.from_page == 1
    assert cont.marker == "（上接01版）"
    assert cont.headline.main == ("抢抓机遇，", "乘势而上开创新局")
    assert cont.body[0].text.startswith("近年来，我们抓住新一轮科技革命")


def test_continuation_without_title(issue_004):
    cont = issue_004.items[3]
    assert cont.headline is None
    assert cont.from_page == 1
    assert cont.body[0].text.startswith("目前，洛阳现代农机装备集群")
    assert len(cont.body) == 3


def test_kicker_main_title_and_subtitle(issue_004):
    article = issue_004.items[4]
    assert article.headline.kicker == ("思路已定，明年伊滨经济工作这么干——",)
    assert article.headline.main == ("砥砺前行开新局 乘势而上建新功",)
    assert article.headline.subtitle == ("以奋斗姿态谱写伊滨经济发展新篇章",)
    assert article.byline.text == "伊滨宣" and article.byline.parenthesized


def test_section_heads_inside_the_kicker_article(issue_004):
    article = issue_004.items[4]
    heads = [(b.level, b.marker, b.text) for b in article.body if isinstance(b, Subhead)]
    assert heads[:3] == [(1, "", "2025年 不断开创伊滨 高质量发展 新局面"),
                         (1, "", "2024年 现代化伊滨建设迈出新的坚实步伐"),
                         (2, "■", "创新成效日益凸显")]
    assert (1, "", "2025年经济工作的总体要求") in heads
    assert sum(1 for h in heads if h[1] == "■") == 11


def _texts(issue):
    return "\n".join(issue.printed_text())


def test_cut_paragraphs_are_joined(issue_004):
    text = _texts(issue_004)
    for joined in ("现代化伊川建设新局面", "高标准编制四个中心镇", "全周期", "完善技术交易",
                   "建好用好", "旅游环线"):
        assert joined in text, joined
    assert "积极融入国家、省创新发展战略大局" in text
    assert "建设中原科技创新港，积极融入" in text


def test_codes_and_numbers_keep_ascii(issue_004):
    text = _texts(issue_004)
    assert "15.5亿元" in text and "2000余万元" in text and "“服务中心+产业研究院+运营公司”" in text
