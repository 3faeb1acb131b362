"""The model's kinds of text, set as a Chinese newspaper sets them.

Issues are built by hand from the model (no parser involved), laid out with
both shipped layouts, and read back from the placed frames (and, for what a
reader sees once, from the PDF): photo captions, Q&A turns and list entries;
a byline standing inline after the dateline; a document's deck under its
title; briefs and a briefs banner; a link box in its frame; printed jumps.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import replace

import pytest

from typeset.check import check_text_kept
from typeset.compose import Composer
from typeset.design import BASELINE_RATIO, load_layout
from typeset.frames import Box, QRCode, Rule, TextLine
from typeset.layout import lay_out
from typeset.model import (Article, Banner, Byline, Continuation, Headline, Issue, Paragraph,
                           PrintedJump, Span)
from typeset.model.masthead import Masthead

from .layout_support import fonts_for, glyph_text, paragraph
from .test_layouts import bad_layout

LAYOUTS = ("yibin-tabloid", "city-broadsheet")
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
                     (Paragraph(lead + paragraph(rng, 150), span(3), run_in=len(DATELINE)),
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
    assert {line.size for line in lines} == {7.5}            # 六号 under a 小五 body
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
    indent = layout.style("body").indent_chars * layout.body_size_pt
    for entry in ("一是", "二是"):
        starts = [line for line in lines if glyph_text(line).startswith(entry)]
        assert len(starts) == 1, entry
        line = starts[0]
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
