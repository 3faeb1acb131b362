"""The model's kinds of text, set as a Chinese newspaper sets them.

Issues are built by hand from the model (no parser involved), laid out with
both shipped layouts, and read back from the placed frames (and, for what a
reader sees once, from the PDF): photo captions, Q&A turns and list entries;
a byline standing inline after the dateline, in the byline's font; a
document's deck and its issuing official under its title; briefs and a
briefs banner; stories without a title; pull quotes; a link box in its frame,
no wider than a short story; printed jumps.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import replace

import pytest

from typeset.design.units import ZIHAO_PT

from typeset.check import check_text_kept
from typeset.compose import Composer
from typeset.design import BASELINE_RATIO, PT_PER_MM, load_layout
from typeset.frames import Box, QRCode, Rule, TextLine
from typeset.layout import lay_out
from typeset.model import (Article, Banner, Byline, Continuation, Headline, Issue, Paragraph,
                           PrintedJump, Span)
from typeset.model.masthead import Masthead

from .layout_support import SENTENCES, fonts_for, glyph_text, paragraph
from .test_layouts import bad_layout

LAYOUTS = ("tabloid", "city-broadsheet")
FILE = "hand.txt"

CAPTION = "图为伊滨科技城建设现场，工人们正在紧张有序地进行施工作业。记者 王小明 摄"
DECK = "——2026年1月26日在市委经济工作会议上"
SUBTITLE = "在全市经济工作会议上的讲话"
DATELINE = "中国宁波网讯"
INLINE_BYLINE = "董小军 陈琼"
LINK_LABEL = "相关链接"


def span(line: int) -> Span:
    return Span(FILE, line, line)


def masthead() -> Masthead:
    return Masthead(paper_name="伊滨新闻", date=datetime.date(2024, 4, 1),
                    date_text="2024年4月1日", weekday="星期一", issue_number=6)


def kinds_issue() -> Issue:
    """A report with an inline byline, a speech with subtitle and deck, a Q&A
    interview with a photo caption and a numbered list, a link box, and a
    long story whose model carries printed jumps."""
    rng = random.Random(7)

    def para(line: int, chars: int, **kw) -> Paragraph:
        return Paragraph(paragraph(rng, chars), span(line), **kw)

    lead = f"{DATELINE}（{INLINE_BYLINE}）昨天上午，"
    report = Article(Headline(("宁波港集团召开年度工作会议",)),
                     (Paragraph(lead + paragraph(rng, 150), span(3), run_in=len(DATELINE),
                                credit=len(INLINE_BYLINE) + 2),
                      para(4, 200), para(5, 180)), Span(FILE, 2, 5),
                     byline=Byline(INLINE_BYLINE, span(3), position="inline",
                                   parenthesized=True))
    speech = Article(Headline(("凝心聚力 实干争先",), subtitle=(SUBTITLE,), deck=(DECK,)),
                     tuple(para(11 + i, 260) for i in range(4)), Span(FILE, 10, 15),
                     byline=Byline("市委书记 张三", span(15)))
    interview = Article(Headline(("对话：科技城建设的下一步",)), (
        para(21, 120),
        Paragraph("主持人：" + paragraph(rng, 60), span(22), run_in=4, role="turn"),
        Paragraph("李明：" + paragraph(rng, 200), span(23), run_in=3, role="turn"),
        Paragraph(CAPTION, span(24), role="caption"),
        Paragraph("一是" + paragraph(rng, 60), span(25), role="item"),
        Paragraph("二是" + paragraph(rng, 60), span(26), role="item"),
        Paragraph("主持人：" + paragraph(rng, 50), span(27), run_in=4, role="turn"),
        Paragraph("李明：" + paragraph(rng, 220), span(28), run_in=3, role="turn"),
    ), Span(FILE, 20, 29), kind="interview", byline=Byline("记者 王小明", span(29)))
    link = Article(Headline((LINK_LABEL,)), (para(31, 160), para(32, 140)), Span(FILE, 30, 32),
                   kind="link_box")
    long_story = Article(Headline(("伊滨科技城建设全面提速",)),
                         tuple(para(41 + i, 200) for i in range(10)), Span(FILE, 40, 50),
                         byline=Byline("记者 李娜", span(51)))
    return Issue(FILE, masthead(), (report, speech, interview, link, long_story))


def briefs_issue() -> Issue:
    """A briefs banner opening the issue (its first story where the lead
    would stand), a brief on its own, and a story."""
    rng = random.Random(11)

    def story(title: str, line: int, chars: int, kind: str = "article") -> Article:
        return Article(Headline((title,)), (Paragraph(paragraph(rng, chars), span(line + 1)),),
                       Span(FILE, line, line + 1), kind=kind)

    briefs = Banner("简讯", (story("我区召开安全生产工作会议", 3, 140),
                           story("伊滨科技城新增企业十家", 5, 120),
                           story("全区春季植树活动启动", 7, 130)), Span(FILE, 2, 8), kind="briefs")
    brief = story("市民服务中心延长办公时间", 10, 110, kind="brief")
    body = Article(Headline(("伊滨科技城建设全面提速",)),
                   tuple(Paragraph(paragraph(rng, 200), span(13 + i)) for i in range(8)),
                   Span(FILE, 12, 21))
    return Issue(FILE, masthead(), (briefs, brief, body))


def lay(issue: Issue, layout):
    return lay_out(issue, Composer(layout, fonts_for(layout)))


@pytest.fixture(scope="module", params=LAYOUTS)
def layout(request):
    return load_layout(request.param)


@pytest.fixture(scope="module")
def kinds(layout):
    issue = kinds_issue()
    return issue, lay(issue, layout)


@pytest.fixture(scope="module")
def briefs(layout):
    issue = briefs_issue()
    return issue, lay(issue, layout)


# ---------------------------------------------------------------- reading frames

def story_lines(laid, key: str) -> list[tuple[int, TextLine]]:
    """(page index, line) of every text line a story's module(s) carry."""
    return [(index, e) for index, page in enumerate(laid.frames.pages) for e in page.elements
            if isinstance(e, TextLine) and e.story == key]


def ink(line: TextLine) -> tuple[float, float, float, float]:
    """The em boxes a line's glyphs occupy: left, top, right, bottom (pt, y down)."""
    glyphs = [g for g in line.glyphs if g.kind != "space"]
    left = line.x + min(g.x - g.offset for g in glyphs) * line.size
    right = line.x + max(g.x + g.width for g in glyphs) * line.size
    return (left, line.baseline - BASELINE_RATIO * line.size, right,
            line.baseline + (1 - BASELINE_RATIO) * line.size)


def text_of(lines) -> str:
    return "".join(glyph_text(line) for line in lines).replace(" ", "")


def first_glyph_x(line: TextLine) -> float:
    return line.x + line.glyphs[0].x * line.size


def link_box(laid, key: str = "item4") -> tuple[int, Box]:
    (index, line), *_ = story_lines(laid, key)
    boxes = [e for e in laid.frames.pages[index].elements
             if isinstance(e, Box) and e.stroke > 0 and e.fill is None]
    frame = [b for b in boxes if b.x <= ink(line)[0] <= b.x + b.w
             and b.y <= ink(line)[1] <= b.y + b.h]
    assert len(frame) == 1, boxes
    return index, frame[0]


# ---------------------------------------------------------------- captions, turns, lists

def test_a_caption_is_set_a_size_below_the_body_in_its_font(kinds, layout):
    issue, laid = kinds
    lines = [line for _, line in story_lines(laid, "item3") if line.role == "caption"]
    assert text_of(lines) == CAPTION.replace(" ", "")
    (body,) = {line.size for _, line in story_lines(laid, "item3") if line.role == "body"}
    step_below = max(size for size in ZIHAO_PT.values() if size < body - 0.01)
    assert {line.size for line in lines} == {step_below}     # 六号 under 小五, 小五 under 五号
    body_font = layout.style("body").font
    assert {g.font for line in lines for g in line.glyphs if g.kind == "char"} == {body_font}


def test_a_caption_is_not_indented(kinds, layout):
    _, laid = kinds
    lines = [(index, line) for index, line in story_lines(laid, "item3")
             if line.role == "caption"]
    index, first = lines[0]
    # its first character stands at a column's left edge, where a body
    # paragraph's would stand two characters in
    origin = layout.type_area_origin_pt(laid.frames.pages[index].number)[0]
    lefts = [origin + layout.grid.column_x(c) for c in range(layout.grid.columns)]
    assert min(abs(first_glyph_x(first) - left) for left in lefts) < 0.01
    assert first.glyphs[0].x == 0


def test_a_caption_takes_the_layouts_caption_style_when_it_has_one(tmp_path):
    body = "  body:      {font: song, size: 小五, align: justify, indent: 2}"
    path, _ = bad_layout(tmp_path, body,
                         body + "\n  caption:   {font: kai, size: 小六, align: left}")
    layout = load_layout(str(path))
    laid = lay(kinds_issue(), layout)
    lines = [line for _, line in story_lines(laid, "item3") if line.role == "caption"]
    assert text_of(lines) == CAPTION.replace(" ", "")
    assert {line.size for line in lines} == {6.5}
    assert {g.font for line in lines for g in line.glyphs if g.kind == "char"} == {"kai"}


def test_a_speakers_label_is_bold_and_the_answer_is_not(kinds, layout):
    _, laid = kinds
    bold = layout.style("dateline").font
    assert bold in ("hei", "heavy") and bold != layout.style("body").font
    labels = 0
    for _, line in story_lines(laid, "item3"):
        text = glyph_text(line)
        for label in ("主持人：", "李明："):
            if line.role == "body" and text.startswith(label):
                fonts = [g.font for g in line.glyphs]
                assert set(fonts[:len(label)]) == {bold}, text
                assert set(fonts[len(label):]) == {layout.style("body").font}, text
                labels += 1
    assert labels == 4


def test_list_entries_each_begin_an_indented_line(kinds, layout):
    _, laid = kinds
    lines = [line for _, line in story_lines(laid, "item3") if line.role == "body"]
    for entry in ("一是", "二是"):
        starts = [line for line in lines if glyph_text(line).startswith(entry)]
        assert len(starts) == 1, entry
        line = starts[0]
        indent = layout.style("body").indent_chars * line.size   # in the story's body size
        assert line.glyphs[0].x * line.size == pytest.approx(indent, abs=0.01)


# ---------------------------------------------------------------- bylines, decks

def test_an_inline_byline_is_printed_once(kinds, layout):
    pdfium = pytest.importorskip("pypdfium2")
    from typeset.render import pdf_bytes
    issue, laid = kinds
    doc = pdfium.PdfDocument(pdf_bytes(laid.frames, fonts_for(layout)))
    try:
        text = "".join(doc[n].get_textpage().get_text_range() for n in range(len(doc)))
    finally:
        doc.close()
    text = "".join(text.split())
    assert text.count("董小军") == 1 and text.count("陈琼") == 1
    assert f"{DATELINE}（董小军陈琼）昨天上午" in text


def test_an_inline_byline_stays_after_its_dateline(kinds, layout):
    _, laid = kinds
    lines = story_lines(laid, "item1")
    assert not [line for _, line in lines if line.role == "byline"]
    body = [line for _, line in lines if line.role == "body"]
    assert text_of(body[:2]).startswith(f"{DATELINE}（{INLINE_BYLINE}）".replace(" ", ""))
    assert {g.font for g in body[0].glyphs[:len(DATELINE)]} == {layout.style("dateline").font}


def test_a_deck_prints_under_the_title_and_subtitle(kinds, layout):
    _, laid = kinds
    lines = [line for _, line in story_lines(laid, "item2")]
    deck = [line for line in lines if line.role == "deck"]
    assert text_of(deck) == DECK.replace(" ", "")
    assert {line.size for line in deck} == {layout.style("deck").size_pt}
    above = [line for line in lines if line.role in ("subtitle",) or
             line.role.startswith("headline")]
    assert text_of(line for line in above if line.role == "subtitle") == SUBTITLE
    deck_top = min(ink(line)[1] for line in deck)
    assert max(ink(line)[3] for line in above) <= deck_top


def test_a_deck_is_part_of_the_head_block(kinds, layout):
    """The body starts below the deck: the head block was measured with it."""
    _, laid = kinds
    lines = [line for _, line in story_lines(laid, "item2")]
    deck_foot = max(ink(line)[3] for line in lines if line.role == "deck")
    first_body = min(ink(line)[1] for line in lines if line.role == "body")
    assert deck_foot <= first_body


def test_every_character_is_printed_once_in_reading_order(kinds):
    issue, laid = kinds
    check_text_kept(laid.frames, issue)     # raises naming the story otherwise


# ---------------------------------------------------------------- briefs

def headline_sizes(laid, key: str) -> set[tuple[str, float]]:
    return {(line.role, line.size) for _, line in story_lines(laid, key)
            if line.role.startswith("headline")}


def test_a_briefs_title_is_set_at_headline4(briefs, layout):
    _, laid = briefs
    assert headline_sizes(laid, "item2") == {("headline4", layout.style("headline4").size_pt)}


def test_a_briefs_banners_stories_are_set_as_briefs(briefs, layout):
    _, laid = briefs
    rank4 = {("headline4", layout.style("headline4").size_pt)}
    # item1.1 stands where the page's lead would: still a brief's title
    for key in ("item1.1", "item1.2", "item1.3"):
        assert headline_sizes(laid, key) == rank4, key


def test_a_briefs_banner_label_is_drawn_as_a_banner(briefs, layout):
    _, laid = briefs
    labels = [line for _, line in story_lines(laid, "item1.1") if line.role == "banner"]
    assert text_of(labels) == "简讯"
    assert {line.size for line in labels} == {layout.style("rubric").size_pt}


def test_the_report_gives_a_brief_the_rank_it_is_drawn_at(briefs):
    _, laid = briefs
    ranks = {m.item: m.rank for page in laid.report.pages for m in page.modules}
    assert [ranks[key] for key in ("item1.1", "item1.2", "item1.3", "item2")] == [4, 4, 4, 4]


# ---------------------------------------------------------------- a column of briefs

def column_issue() -> Issue:
    """A 简讯 column of four briefs (one untitled, led by its dateline, one
    with a closing credit) between two stories."""
    rng = random.Random(5)

    def brief(title: str, line: int, chars: int) -> Article:
        head = Headline((title,) if title else ())
        text = ("本报讯" if not title else "") + paragraph(rng, chars)
        return Article(head, (Paragraph(text, span(line + 1), run_in=0 if title else 3),),
                       Span(FILE, line, line + 2), kind="brief",
                       byline=Byline("区融媒体中心", span(line + 2)) if line == 7 else None)

    column = Banner("简讯", (brief("我区召开安全生产工作会议", 3, 90), brief("", 5, 80),
                           brief("伊滨科技城新增企业十家", 7, 95),
                           brief("全区春季植树活动启动", 9, 85)), Span(FILE, 2, 11), kind="briefs")
    story = lambda line, n: Article(Headline((f"伊滨科技城建设全面提速{n}",)), tuple(
        Paragraph(paragraph(rng, 200), span(line + i)) for i in range(6)), Span(FILE, line, line + 6))
    return Issue(FILE, masthead(), (story(20, "一"), column, story(30, "二")))


@pytest.fixture(scope="module")
def column(layout):
    issue = column_issue()
    return issue, lay(issue, layout)


def test_a_column_of_briefs_is_one_module_under_its_label(column):
    issue, laid = column
    parts = [m for page in laid.report.pages for m in page.modules if m.item.startswith("item2")]
    assert [(m.item, m.kind) for m in parts] == [("item2", "briefs")]     # never continued
    labels = [line for _, line in story_lines(laid, "item2") if line.role == "banner"]
    assert text_of(labels) == "简讯"
    check_text_kept(laid.frames, issue)           # every brief, in reading order


def test_each_brief_in_the_column_is_led_in_by_a_black_square_and_its_bold_title(column, layout):
    _, laid = column
    body = [line for _, line in story_lines(laid, "item2") if line.role == "body"]
    bold = layout.style("dateline").font
    # on lines of their own, drawn as briefs' titles (the page audit keeps them
    # with their text like subheads)
    titles = [line for _, line in story_lines(laid, "item2") if line.role == "brief_title"]
    assert all({g.font for g in line.glyphs if g.kind != "space"} == {bold} for line in titles)
    assert text_of(titles) == "■我区召开安全生产工作会议■伊滨科技城新增企业十家■全区春季植树活动启动"
    assert all(not line.loose for line in titles)          # set ragged, never spaced out
    untitled = [line for line in body if glyph_text(line).lstrip().startswith("■本报讯")]
    assert len(untitled) == 1                              # led in by ■ before its dateline
    credit = [line for _, line in story_lines(laid, "item2") if line.role == "byline"]
    assert text_of(credit) == "区融媒体中心"


# ---------------------------------------------------------------- boxed commentary

def commentary_issue(chars: int) -> Issue:
    """A story, then a commentary of `chars` characters under its series label."""
    rng = random.Random(3)
    story = Article(Headline(("伊滨科技城建设全面提速",)), tuple(
        Paragraph(paragraph(rng, 200), span(3 + i)) for i in range(8)), Span(FILE, 2, 10))
    comment = Article(Headline(("作风硬，事业兴",), series="伊滨发展系列评论"), tuple(
        Paragraph(paragraph(rng, chars // 4), span(13 + i)) for i in range(4)),
        Span(FILE, 12, 16), kind="commentary", byline=Byline("伊评", span(17)))
    return Issue(FILE, masthead(), (story, comment))


def test_a_short_commentary_is_framed_with_its_series_label_as_column_head(layout):
    issue = commentary_issue(600)
    laid = lay(issue, layout)
    (part,) = [m for page in laid.report.pages for m in page.modules if m.item == "item2"]
    assert part.kind == "commentary"               # read whole: never continued
    index, frame = link_box(laid, "item2")
    lines = [line for i, line in story_lines(laid, "item2") if i == index]
    for line in lines:                             # every line of it inside the frame
        left, top, right, bottom = ink(line)
        assert frame.x < left and right < frame.x + frame.w, glyph_text(line)
        assert frame.y < top and bottom < frame.y + frame.h, glyph_text(line)
    assert text_of(line for line in lines if line.role == "rubric") == "伊滨发展系列评论"
    check_text_kept(laid.frames, issue)


def test_a_boxed_commentary_is_never_deeper_than_a_third_of_the_page(layout):
    for chars in (1200, 2400):
        laid = lay(commentary_issue(chars), layout)
        for page in laid.report.pages:
            for m in page.modules:
                if m.kind == "commentary":
                    assert m.lines[1] - m.lines[0] + 1 <= layout.grid.lines / 3, (chars, m)


def test_a_long_commentary_is_set_as_a_story_not_a_wall_of_frame(layout):
    laid = lay(commentary_issue(6000), layout)
    parts = [m for page in laid.report.pages for m in page.modules if m.item == "item2"]
    assert {m.kind for m in parts} == {"article"}


# ---------------------------------------------------------------- link box

def test_a_link_box_frames_all_its_lines(kinds, layout):
    _, laid = kinds
    index, box = link_box(laid)
    lines = story_lines(laid, "item4")
    assert {i for i, _ in lines} == {index}
    clear = 2.0       # pt between the frame and any of its text
    for _, line in lines:
        left, top, right, bottom = ink(line)
        assert box.x + clear <= left and right <= box.x + box.w - clear, glyph_text(line)
        assert box.y + clear <= top and bottom <= box.y + box.h - clear, glyph_text(line)
    assert box.stroke == layout.rules.box_rule_pt


def test_a_link_box_has_its_label_at_its_head(kinds, layout):
    _, laid = kinds
    lines = [line for _, line in story_lines(laid, "item4")]
    label = [line for line in lines if line.role.startswith("headline")]
    assert text_of(label) == LINK_LABEL
    assert {line.role for line in label} == {"headline4"}
    assert max(ink(line)[3] for line in label) <= min(ink(line)[1] for line in lines
                                                      if line.role == "body")


def test_nothing_else_is_drawn_over_or_along_a_link_boxs_frame(kinds):
    _, laid = kinds
    index, box = link_box(laid)
    x0, y0, x1, y1 = box.x, box.y, box.x + box.w, box.y + box.h
    near = 2.0       # pt: a rule closer than this to the frame would double it

    def overlaps(left, top, right, bottom, margin=0.0):
        return (left < x1 + margin and right > x0 - margin
                and top < y1 + margin and bottom > y0 - margin)

    for element in laid.frames.pages[index].elements:
        if element is box:
            continue
        if isinstance(element, TextLine):
            if element.story != "item4" and any(g.kind != "space" for g in element.glyphs):
                assert not overlaps(*ink(element)), glyph_text(element)
        elif isinstance(element, Rule):
            left, right = sorted((element.x1, element.x2))
            top, bottom = sorted((element.y1, element.y2))
            inside = (x0 + near < left and right < x1 - near
                      and y0 + near < top and bottom < y1 - near)
            if inside:     # the gutter hairlines of its own columns
                continue
            assert not overlaps(left, top, right, bottom, near), element
        elif isinstance(element, (Box, QRCode)):
            size = element.size if isinstance(element, QRCode) else None
            w, h = (size, size) if size else (element.w, element.h)
            assert not overlaps(element.x, element.y, element.x + w, element.y + h), element


def test_a_link_box_is_never_continued(kinds):
    _, laid = kinds
    parts = [m for page in laid.report.pages for m in page.modules if m.item == "item4"]
    assert len(parts) == 1 and parts[0].kind == "link_box"
    assert parts[0].jump_to is None and parts[0].jump_from is None


def test_a_link_box_longer_than_a_page_is_set_as_a_story_with_a_warning(layout):
    rng = random.Random(5)
    issue = kinds_issue()
    link = issue.items[3]
    long_link = replace(link, body=tuple(Paragraph(paragraph(rng, 250), span(60 + i))
                                         for i in range(60)))
    issue = replace(issue, items=issue.items[:3] + (long_link,) + issue.items[4:])
    laid = lay(issue, layout)
    parts = [m for page in laid.report.pages for m in page.modules if m.item == "item4"]
    assert {m.kind for m in parts} == {"article"} and len(parts) > 1
    assert any("link box" in w.message for w in laid.report.warnings)
    check_text_kept(laid.frames, issue)


# ---------------------------------------------------------------- printed jumps

def test_printed_jumps_in_the_model_draw_nothing(layout):
    """Article.jumps / jump_to_page and Continuation.jump_to_page carry what
    the source printed; the text already has what must print."""
    issue = kinds_issue()
    rng = random.Random(2)
    continuation = Continuation(1, "（上接01版）", (Paragraph(paragraph(rng, 200), span(70)),),
                                Span(FILE, 69, 70))
    plain = replace(issue, items=issue.items + (continuation,))
    story = issue.items[4]
    jumped = replace(plain, items=plain.items[:4] + (
        replace(story, jump_to_page=3, jumps=(PrintedJump(2, 1, 5, False, span(46)),)),
        replace(continuation, jump_to_page=4)))
    assert lay(jumped, layout).frames == lay(plain, layout).frames


# ---------------------------------------------------------------- a credit after the dateline

def test_a_credit_after_the_dateline_is_set_in_the_bylines_font(kinds, layout):
    """中国宁波网讯（董小军 陈琼）昨天…: the dateline bold, the credit in kai."""
    _, laid = kinds
    body = [line for _, line in story_lines(laid, "item1") if line.role == "body"]
    glyphs = [g for line in body[:3] for g in line.glyphs if g.kind != "space"]
    credit = f"（{INLINE_BYLINE}）".replace(" ", "")
    dateline, rest = glyphs[:len(DATELINE)], glyphs[len(DATELINE):]
    assert "".join(g.char for g in dateline) == DATELINE
    assert {g.font for g in dateline} == {layout.style("dateline").font}
    assert "".join(g.char for g in rest[:len(credit)]) == credit
    assert {g.font for g in rest[:len(credit)]} == {layout.style("byline").font} == {"kai"}
    assert {g.font for g in rest[len(credit):len(credit) + 4]} == {layout.style("body").font}


# ---------------------------------------------------------------- a byline under the head

OFFICIAL = "河北省人民政府省长 王正谱"
REPORT_DECK = "——2026年1月26日在河北省第十四届人民代表大会第四次会议上"


def report_issue(paragraphs: int) -> Issue:
    """政府工作报告: title, deck, its issuing official under them (Byline
    position "head"), and a story after it."""
    rng = random.Random(3)
    report = Article(Headline(("政府工作报告",), deck=(REPORT_DECK,)),
                     tuple(Paragraph(paragraph(rng, 220), span(12 + i))
                           for i in range(paragraphs)), Span(FILE, 10, 12 + paragraphs),
                     byline=Byline(OFFICIAL, span(11), position="head"))
    other = Article(Headline(("雄忻高铁进入铺轨施工阶段",)),
                    tuple(Paragraph(paragraph(rng, 200), span(80 + i)) for i in range(3)),
                    Span(FILE, 79, 83), byline=Byline("记者 李娜", span(84)))
    return Issue(FILE, masthead(), (report, other))


def module_rect(layout, laid, key: str) -> tuple[int, float, float, float, float]:
    """Page index and x, y, width, height (pt on the page) of a story's first module."""
    for index, page in enumerate(laid.report.pages):
        for m in page.modules:
            if m.item == key:
                grid = layout.grid
                ox = layout.type_area_origin_pt(laid.frames.pages[index].number)[0]
                oy = layout.page.margin_top_mm * PT_PER_MM
                return (index, ox + grid.column_x(m.columns[0] - 1),
                        oy + grid.line_top_y(m.lines[0] - 1),
                        grid.span_width_pt(m.columns[1] - m.columns[0] + 1),
                        grid.lines_height_pt(m.lines[1] - m.lines[0] + 1))
    raise AssertionError(key)


def test_an_issuing_official_is_set_under_the_title_and_deck(layout):
    issue = report_issue(6)
    laid = lay(issue, layout)
    lines = [line for _, line in story_lines(laid, "item1")]
    official = [line for line in lines if line.role == "byline"]
    assert text_of(official) == OFFICIAL.replace(" ", "")
    assert {g.font for line in official for g in line.glyphs if g.kind == "char"} == \
        {layout.style("byline").font}
    deck_foot = max(ink(line)[3] for line in lines if line.role == "deck")
    body_top_ = min(ink(line)[1] for line in lines if line.role == "body")
    assert all(deck_foot <= ink(line)[1] and ink(line)[3] <= body_top_ for line in official)
    # centred across the module, as the layout's byline style says
    assert layout.style("byline").align == "center"
    _, x, _, w, _ = module_rect(layout, laid, "item1")
    for line in official:
        left, _, right, _ = ink(line)
        assert abs((left + right) / 2 - (x + w / 2)) < layout.body_size_pt
    check_text_kept(laid.frames, issue)


def test_a_continued_documents_official_is_not_lost(layout):
    """A report over more than a page: its official is printed once, and the
    text reads in order (the first page cannot print the official before the
    text that follows: then it is set at the end)."""
    issue = report_issue(90)
    laid = lay(issue, layout)
    parts = [m for page in laid.report.pages for m in page.modules if m.item == "item1"]
    assert len(parts) > 1
    official = [line for _, line in story_lines(laid, "item1") if line.role == "byline"]
    assert text_of(official) == OFFICIAL.replace(" ", "")
    check_text_kept(laid.frames, issue)


# ---------------------------------------------------------------- stories without a title

def untitled_issue() -> Issue:
    """A photo's news without a title, a briefs column whose second item has
    none, and a titled story."""
    rng = random.Random(13)
    photo = Article(Headline(()), (Paragraph(paragraph(rng, 110), span(3)),
                                   Paragraph(CAPTION, span(4), role="caption")),
                    Span(FILE, 3, 4))
    briefs = Banner("各地传真", (
        Article(Headline(()), (Paragraph("本报讯 " + paragraph(rng, 160), span(7), run_in=3),),
                Span(FILE, 7, 7)),
        Article(Headline(()), (Paragraph(paragraph(rng, 180), span(9)),), Span(FILE, 9, 9)),
        Article(Headline(("查干湖展开大规模冬季捕鱼",)), (Paragraph(paragraph(rng, 150), span(12)),),
                Span(FILE, 11, 12))), Span(FILE, 6, 12), kind="briefs")
    story = Article(Headline(("伊滨科技城建设全面提速",)),
                    tuple(Paragraph(paragraph(rng, 200), span(15 + i)) for i in range(6)),
                    Span(FILE, 14, 21))
    return Issue(FILE, masthead(), (photo, briefs, story))


@pytest.fixture(scope="module")
def untitled(layout):
    issue = untitled_issue()
    return issue, lay(issue, layout)


def test_an_untitled_storys_text_starts_at_the_top_of_its_module(untitled, layout):
    _, laid = untitled
    for key in ("item1", "item2.2"):
        _, _, y, _, _ = module_rect(layout, laid, key)
        lines = [line for _, line in story_lines(laid, key)]
        assert not [line for line in lines if line.role.startswith("headline")]
        top = min(ink(line)[1] for line in lines)
        # no blank head over it (larger type stands a little over its grid cell);
        # under another module's rule, a line of the white it has to spare goes
        # over it, half a line of air each side of the rule (audit rule 8)
        assert top - y < 1.5 * layout.line_pitch_pt, key


def test_an_untitled_brief_under_its_banner_starts_under_the_label(untitled, layout):
    _, laid = untitled
    lines = [line for _, line in story_lines(laid, "item2.1")]
    label = [line for line in lines if line.role == "banner"]
    assert text_of(label) == "各地传真"
    body = min(ink(line)[1] for line in lines if line.role == "body")
    # the band and the gap under it: at most two lines, never a head's four to eight
    assert body - max(ink(line)[3] for line in label) < 2 * layout.line_pitch_pt


def test_the_report_gives_an_untitled_story_no_rank_and_no_air(untitled):
    _, laid = untitled
    modules = {m.item: m for page in laid.report.pages for m in page.modules}
    for key in ("item1", "item2.1", "item2.2"):
        assert (modules[key].rank, modules[key].air) == (0, 0), key
    assert modules["item2.3"].rank == 4


def test_no_pull_quote_from_a_short_story(layout):
    """A 500-character story on an otherwise empty page is read at a glance:
    it takes larger type and air, never a quote repeating it."""
    rng = random.Random(20)
    short = Article(Headline(("市民服务中心延长办公时间",)),
                    tuple(Paragraph(paragraph(rng, 110), span(3 + i)) for i in range(4)),
                    Span(FILE, 2, 7))
    assert sum(len(p.text) for p in short.body) < 600
    laid = lay(Issue(FILE, masthead(), (short,)), layout)
    assert not [line for _, line in story_lines(laid, "item1") if line.role == "pullquote"]


def pull_quotes_issue() -> Issue:
    """Three stories long enough to quote, paragraphs long and short."""
    rng = random.Random(23)

    def story(n: int, title: str, lengths: tuple[int, ...]) -> Article:
        return Article(Headline((title,)),
                       tuple(Paragraph(paragraph(rng, chars), span(10 * n + i))
                             for i, chars in enumerate(lengths)), Span(FILE, 10 * n, 10 * n + 9))

    return Issue(FILE, masthead(), (
        story(1, "伊滨科技城建设全面提速", (220, 90, 240, 60, 260, 200)),
        story(2, "我区召开安全生产工作会议", (300, 40, 280, 300)),
        story(3, "全区春季植树活动启动", (180, 250, 70, 260, 240, 90))))


def quoted_last_issue() -> Issue:
    """A story whose only paragraph long enough to quote is its last, the
    sentence worth quoting second in it, after a short first one: a quote
    right before that paragraph would stand a line from its own sentence."""
    rng = random.Random(29)
    opening = [s for s in SENTENCES if len(s) <= 10]
    quotable = [s for s in SENTENCES if 14 <= len(s) <= 24]
    last = rng.choice(opening) + rng.choice(quotable) + paragraph(rng, 240)
    body = tuple(Paragraph(paragraph(rng, 60)[:70], span(3 + i)) for i in range(6))
    story = Article(Headline(("伊滨科技城建设全面提速",)), body + (Paragraph(last, span(9)),),
                    Span(FILE, 2, 9))
    return Issue(FILE, masthead(), (story,))


def test_a_pull_quote_never_stands_beside_the_sentence_it_repeats(layout):
    seen = 0
    for issue in (pull_quotes_issue(), quoted_last_issue()):
        seen += _quotes_clear_of_their_sentences(issue, lay(issue, layout))
    assert seen, "no pull quote drawn: the test reads nothing"


def _quotes_clear_of_their_sentences(issue: Issue, laid) -> int:
    """Checks every drawn pull quote: at least three body lines between it and
    the lines carrying its sentence, in reading order. Returns their count."""
    seen = 0
    for key, _, _ in issue.stories():
        lines = [line for _, line in story_lines(laid, key) if line.role in ("body", "pullquote")]
        body = [(i, glyph_text(line).replace(" ", "")) for i, line in enumerate(lines)
                if line.role == "body"]
        text = "".join(t for _, t in body)
        ends = [sum(len(t) for _, t in body[:k + 1]) for k in range(len(body))]
        quotes: list[list[int]] = []       # runs of a quote's lines
        for i, line in enumerate(lines):
            if line.role == "pullquote":
                if quotes and quotes[-1][-1] == i - 1:
                    quotes[-1].append(i)
                else:
                    quotes.append([i])
        for quote in quotes:
            seen += 1
            sentence = text_of(lines[i] for i in quote)
            found = text.find(sentence)
            assert found >= 0, sentence
            # the first and last line (index in `lines`) carrying the sentence
            first = body[next(k for k, end in enumerate(ends) if end > found)][0]
            last = body[next(k for k, end in enumerate(ends) if end >= found + len(sentence))][0]
            between = sum(1 for i, _ in body if quote[-1] < i < first or last < i < quote[0])
            assert between >= 3, (key, sentence, between)
    return seen


# ---------------------------------------------------------------- a link box's width

@pytest.mark.parametrize("chars", (300, 900))
def test_a_link_box_is_no_wider_than_a_short_story(layout, chars):
    """Two of a tabloid's six columns, three of a broadsheet's eight."""
    rng = random.Random(chars)
    issue = kinds_issue()
    link = replace(issue.items[3], body=tuple(Paragraph(paragraph(rng, 150), span(31 + i))
                                              for i in range(chars // 150)))
    issue = replace(issue, items=issue.items[:3] + (link,) + issue.items[4:])
    laid = lay(issue, layout)
    widest = {6: 2, 8: 3}[layout.grid.columns]
    _, box = link_box(laid)
    assert box.w <= layout.grid.span_width_pt(widest) + 0.01
    parts = [m for page in laid.report.pages for m in page.modules if m.item == "item4"]
    assert [m.kind for m in parts] == ["link_box"]
    assert parts[0].columns[1] - parts[0].columns[0] + 1 <= widest


# ---------------------------------------------------------------- briefs in larger type

def test_a_briefs_banners_stories_set_in_larger_type_are_still_briefs(briefs, layout):
    """The briefs issue under-fills its page: its stories are measured again
    in larger type, from the model, and keep their briefs' titles."""
    _, laid = briefs
    body = layout.style("body").size_pt
    rank4 = {("headline4", layout.style("headline4").size_pt)}
    for key in ("item1.1", "item1.2", "item1.3"):
        sizes = {line.size for _, line in story_lines(laid, key) if line.role == "body"}
        assert min(sizes) > body, key          # set larger than the grid's body
        assert headline_sizes(laid, key) == rank4, key
