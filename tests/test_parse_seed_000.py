"""Seed 000 (伊滨新闻 第6期) read as a person reads the printed page."""

import datetime as dt

from typeset.model import Banner, LineGroup, Paragraph, Promo


def test_masthead_fields(issue_000):
    m = issue_000.masthead
    assert m.paper_name == "伊滨新闻"
    assert m.date == dt.date(2024, 4, 1)
    assert m.weekday == "星期一"
    assert m.issue_number == 6
    assert m.total_issue_number == 274
    assert m.lunar_date == "甲辰年二月廿三"
    assert m.approval == "河南省新闻出版局批准"
    assert m.licence == "河南省连续性内部资料（洛阳）审连00018号"
    assert m.sponsor == "洛阳市城乡一体化示范区管委会"
    assert m.publisher == "区融媒体中心"
    assert m.note == "内部资料 免费交流"
    assert m.missing == ()
    assert (m.source.first_line, m.source.last_line) == (3, 6)


def test_no_warnings_on_a_clean_issue(issue_000):
    assert issue_000.diagnostics == ()


def test_epigraph_with_attribution(issue_000):
    e = issue_000.epigraph
    assert e.text.startswith("要以科技创新引领产业创新，积极培育和发展新质生产力。")
    assert e.text.endswith("让传统产业焕发新的生机活力。")
    assert e.attribution == "——摘自习近平总书记在新时代推动中部地区崛起座谈会上的重要讲话精神"
    assert (e.source.first_line, e.source.last_line) == (8, 10)


def test_six_items_in_reading_order(issue_000):
    kinds = [type(item).__name__ for item in issue_000.items]
    assert kinds == ["Article", "Article", "Article", "Banner", "Article", "Promo"]
    titles = [a.headline.main for a in issue_000.articles()]
    assert titles == [
        ("龙门实验室配套工程创智广场（二期）项目冲刺交付“倒计时”",),
        ("区党工委理论学习中心组举行集体学习研讨",),
        ("樊灿涛调研乡村振兴项目建设",),
        ("中州时代项目进入机电安装阶段",),
        ("作风硬，伊滨兴！",),
    ]


def test_bylines_in_parentheses_close_each_article(issue_000):
    bylines = [(a.byline.text, a.byline.parenthesized) for a in issue_000.articles()]
    assert bylines == [("张晚霞 倪睿", True), ("阮现武 董浩", True), ("阮现武 董浩", True),
                       ("张若含 刘姝涵", True), ("阮现武", True)]


def test_datelines_open_the_first_paragraph(issue_000):
    datelines = [a.dateline for a in issue_000.articles()]
    assert datelines == [None, "伊滨讯 3月28日", "伊滨讯 3月29日", None, None]
    second = list(issue_000.articles())[1]
    assert second.body[0].text.startswith("伊滨讯 3月28日，区党工委理论学习中心组")


def test_banner_groups_the_project_story(issue_000):
    banner = issue_000.items[3]
    assert isinstance(banner, Banner)
    assert banner.title == "加快重点项目建设 聚力打造伊滨科技城"
    assert [a.headline.main[0] for a in banner.items] == ["中州时代项目进入机电安装阶段"]
    assert len(banner.items[0].body) == 3


def test_commentary_carries_its_series_label_and_line_groups(issue_000):
    commentary = issue_000.items[4]
    assert commentary.kind == "commentary"
    assert commentary.headline.series == "伊滨高质量发展系列评论"
    assert commentary.byline.text == "阮现武"
    first = commentary.body[0]
    assert isinstance(first, LineGroup)
    assert first.lines == ("作风见思想，见精神，见魄力，见境界。",
                           "一个地方的工作，成在干部作风，败也在干部作风；一个地方的事业，兴在干部作风，衰也在干部作风。",
                           "作风关系发展，作风就是力量，作风决定作为。",
                           "到十四五末初步建成伊滨科技城的“硬任务”，需要“硬作风”。")


def test_promo_block_of_the_qr_code(issue_000):
    promo = issue_000.items[5]
    assert isinstance(promo, Promo)
    assert promo.lines == ("扫描左侧二维码", "轻松关注今日伊滨", "融媒体中心官方微信公众号")


def _paragraph_texts(article):
    for block in article.body:
        if isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, LineGroup):
            yield from block.lines


def test_paragraph_cut_at_a_column_break_is_joined(issue_000):
    first = issue_000.items[0]
    joined = [t for t in _paragraph_texts(first) if "加大招才引智力" in t]
    assert len(joined) == 1 and joined[0].startswith("该项目按期高质量交付使用后")
    block = next(b for b in first.body if isinstance(b, Paragraph) and "加大招才引智力" in b.text)
    assert (block.source.first_line, block.source.last_line) == (32, 34)
    commentary = issue_000.items[4]
    assert any("需要我们增强本领、提升能力；" in t for t in _paragraph_texts(commentary))


def test_real_paragraph_ends_are_not_joined(issue_000):
    second = issue_000.items[1]
    assert "樊灿涛强调：" in list(_paragraph_texts(second))
    commentary = issue_000.items[4]
    assert "区党工委副书记樊灿涛要求——" in list(_paragraph_texts(commentary))


def test_halfwidth_punctuation_in_chinese_becomes_fullwidth(issue_000):
    text = "".join(issue_000.printed_text())
    assert "," not in text and ":" not in text and "(" not in text
    assert "创智广场（二期）项目" in text
    assert "“3.30”攻坚指挥部" in text          # decimal point stays
    assert "60GWh的产能" in text and "220kV变电站" in text


def test_every_block_knows_its_source_lines(issue_000):
    for article in issue_000.articles():
        assert article.source.first_line <= article.source.last_line
        for block in article.body:
            assert article.source.first_line <= block.source.first_line <= block.source.last_line \
                <= article.source.last_line
