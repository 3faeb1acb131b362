"""The page audit, rule by rule, on hand-made pages: each rule finds the page
made to break it, and finds nothing on the page made to keep it.

Pages are built on the tabloid grid (6 columns of 11 characters, 86 lines
of 小五 on an 11.6 pt pitch) with the helpers below; modules are given the
way the layout report gives them (columns and lines, 1-based).
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from typeset.audit import BLOCKING, RULES, audit_pages, refuse_for_print
from typeset.audit.units import split_at
from typeset.audit.view import View
from typeset.build import PRINT_BLOCKING
from typeset.compose import Glyph
from typeset.design import PT_PER_MM, load_layout
from typeset.diagnostics import TypesetError
from typeset.frames import Box, DocumentFrames, PageFrame, QRCode, Rule, TextLine

LAYOUT = load_layout("tabloid")
GRID = LAYOUT.grid
BODY = LAYOUT.body_size_pt
PITCH = LAYOUT.line_pitch_pt
TOP = LAYOUT.page.margin_top_mm * PT_PER_MM


# ---- making pages ---------------------------------------------------------

def left(page: int, col: int) -> float:
    """x of grid column `col` (1-based) on page `page`."""
    return LAYOUT.type_area_origin_pt(page)[0] + GRID.column_x(col - 1)


def baseline(line: int) -> float:
    """The body baseline of grid line `line` (1-based)."""
    return TOP + GRID.baseline_y(line - 1)


def glyphs(text: str, indent: float = 0.0, gap: float = 0.0) -> tuple[Glyph, ...]:
    """One em per character, `gap` em more after each (justification)."""
    return tuple(Glyph(c, "song", indent + i * (1 + gap), 1.0) for i, c in enumerate(text))


def line(text: str, col: int, row: int, role: str = "body", story: str | None = "item1",
         page: int = 1, size: float = BODY, indent: float = 0.0, gap: float = 0.0,
         color: str = "black", dx: float = 0.0, loose: bool = False) -> TextLine:
    shift = (size - BODY) * 0.5
    return TextLine(left(page, col) + dx, baseline(row) + shift, size, glyphs(text, indent, gap),
                    color, role, story, loose)


def column(texts: list[str], col: int, first: int, story: str = "item1", page: int = 1,
           **kw) -> list[TextLine]:
    """Full body lines one per grid line from `first` down (the first indented
    when it starts with two spaces)."""
    out = []
    for n, text in enumerate(texts):
        indent = 2.0 if text.startswith("  ") else 0.0
        out.append(line(text.strip(), col, first + n, story=story, page=page, indent=indent,
                        **kw))
    return out


def module(item: str, columns: tuple[int, int], lines: tuple[int, int],
           kind: str = "article", rank: int = 0, air: int = 0) -> SimpleNamespace:
    return SimpleNamespace(item=item, kind=kind, columns=columns, lines=lines, title=item,
                           rank=rank, air=air)


def laid(*pages, first: int = 1):
    """pages: (elements, modules) per page, numbered from `first`."""
    width, height = LAYOUT.page_size_pt
    frames = DocumentFrames(tuple(PageFrame(n, width, height, 0.0, tuple(elements))
                                  for n, (elements, _) in enumerate(pages, first)), "test")
    report = SimpleNamespace(pages=[SimpleNamespace(modules=tuple(mods)) for _, mods in pages])
    return SimpleNamespace(frames=frames, report=report)


def findings(name: str, made) -> list:
    (rule,) = [r for r in RULES if r.name == name]
    return list(rule.check(View(made, LAYOUT)))


FULL = "伊滨区科技创新产业发展"          # 11 characters: a full line of a column
TEXT = [FULL] * 8


def full_lines(n: int) -> list[str]:
    return ["  " + FULL[:9]] + [FULL] * (n - 1)


# ---- the table --------------------------------------------------------------

def test_the_rules_are_one_table_with_rules_1_to_6_and_10_blocking_print():
    numbers = {r.number for r in RULES}
    assert numbers == set(range(1, 11))
    assert {r.number for r in RULES if r.blocking} == {1, 2, 3, 4, 5, 6, 10}
    assert {r.number for r in RULES if not r.blocking} == {7, 8, 9, 10}   # 10: the last page
    assert len({r.name for r in RULES}) == len(RULES)
    assert all(r.name.startswith("audit.") and r.says for r in RULES)
    assert BLOCKING <= PRINT_BLOCKING


def test_a_finding_names_its_rule_page_column_line_and_the_storys_source_line():
    issue = SimpleNamespace(source="issue.txt", epigraph=None,
                            stories=lambda: iter([("item1", SimpleNamespace(
                                source=SimpleNamespace(first_line=12)), None)]))
    made = laid(([line(FULL, 1, 10), line(FULL, 1, 10, dx=BODY / 2)],
                 [module("item1", (1, 1), (1, 20))]))
    (d,) = [d for d in audit_pages(made, LAYOUT, issue) if d.rule == "audit.overlap"]
    assert (d.file, d.line, d.severity) == ("issue.txt", 12, "warning")
    assert d.message.startswith("page 1, column 1, line 10 (item1):")
    assert "[audit.overlap, rule 1]" in d.message


def test_print_refuses_blocking_findings_listing_them_and_a_draft_does_not():
    made = laid(([line(FULL, 1, 10), line(FULL, 1, 10, dx=BODY / 2)],
                 [module("item1", (1, 1), (1, 20))]))
    audit = audit_pages(made, LAYOUT)
    with pytest.raises(TypesetError, match=r"not fit for print: \d+ page audit finding.*overlaps"):
        refuse_for_print(audit)
    refuse_for_print([d for d in audit if d.rule not in BLOCKING])   # warnings only: passes


# ---- 1 nothing overlaps -----------------------------------------------------

def test_1_a_line_over_another_line_is_found():
    made = laid(([line(FULL, 1, 10), line("叠印", 1, 10, dx=3 * BODY)],
                 [module("item1", (1, 1), (1, 20))]))
    assert len(findings("audit.overlap", made)) == 1


def test_1_glyphs_of_one_line_over_each_other_are_found():
    squeezed = tuple(Glyph(c, "song", i * 0.8, 1.0) for i, c in enumerate("挤在一起"))
    made = laid(([TextLine(left(1, 1), baseline(5), BODY, squeezed)], []))
    assert "its own glyphs overlap" in findings("audit.overlap", made)[0].message


def test_1_text_over_a_rule_a_frame_or_a_qr_code_is_found():
    y = baseline(10) - 3
    x = left(1, 1)
    for shape in (Rule(x, y, x + 99, y, 0.5), Box(x + 80, y - 20, 40, 40, stroke=0.5),
                  QRCode(x + 30, y - 5, 30, "https://example.org")):
        made = laid(([line(FULL, 1, 10), shape], []))
        assert len(findings("audit.overlap", made)) == 1, shape


def test_1_white_text_on_a_black_box_is_declared_black_text_on_it_is_not():
    x, y = left(1, 1), baseline(10) - BODY
    box = Box(x - 2, y - 2, 11 * BODY + 4, BODY + 6, fill="black")
    assert findings("audit.overlap", laid(([box, line(FULL, 1, 10, color="white")], []))) == []
    assert len(findings("audit.overlap", laid(([box, line(FULL, 1, 10)], [])))) == 1


def test_1_columns_of_lines_with_rules_in_the_gutters_and_leading_overlap_nothing():
    x = left(1, 2) - BODY / 2
    y = TOP + GRID.line_top_y(7) + BODY + (PITCH - BODY) / 2     # under line 8
    elements = (column(TEXT, 1, 1) + column(TEXT, 2, 1)
                + [Rule(x, TOP, x, baseline(8), 0.25), Rule(left(1, 1), y, left(1, 3), y, 0.5)]
                + column(TEXT, 1, 9, story="item2"))
    assert findings("audit.overlap", laid((elements, []))) == []


# ---- 2 jumps pair ------------------------------------------------------------

def _jumped(to="（下转第2版）", back="（上接第1版）", title=True, lines=6):
    page1 = column(full_lines(lines), 1, 10) + [line(to, 1, 10 + lines, "jump")]
    page2 = ([line("伊滨科技城", 1, 1, "continued_title", page=2)] if title else []) + \
        [line(back, 1, 3, "jump", page=2)] + column(full_lines(lines)[1:] + [FULL], 1, 4,
                                                     page=2)
    return laid((page1, [module("item1", (1, 1), (10, 20))]),
                (page2, [module("item1", (1, 1), (1, 12))]))


def test_2_a_jump_with_its_pair_its_short_title_and_five_lines_a_side_passes():
    assert findings("audit.jumps", _jumped()) == []


@pytest.mark.parametrize("made, says", [
    (lambda: _jumped(back="（上接第3版）"), "has no （上接第1版）"),
    (lambda: _jumped(to="（下转第3版）"), "has no （上接第1版） of item1 on page 3"),
    (lambda: _jumped(title=False), "no short repeated title"),
    (lambda: _jumped(lines=4), "under 5 on a side"),
])
def test_2_an_unpaired_or_thin_jump_is_found(made, says):
    assert any(says in f.message for f in findings("audit.jumps", made()))


def test_2_a_story_on_two_pages_with_no_jump_lines_is_found():
    made = laid((column(TEXT, 1, 10), [module("item1", (1, 1), (10, 20))]),
                (column(TEXT, 1, 1, page=2), [module("item1", (1, 1), (1, 10))]))
    messages = [f.message for f in findings("audit.jumps", made)]
    assert any("no （下转第2版）" in m for m in messages)
    assert any("no （上接第1版）" in m for m in messages)


def test_2_a_printed_continuation_whose_origin_is_not_in_the_file_is_exempt():
    """Its marker runs into its first body line: a body line, not a jump line."""
    made = laid((column(["（上接01版）伊滨区科技"] + TEXT, 1, 10),
                 [module("item1", (1, 1), (10, 20))]), first=2)
    assert findings("audit.jumps", made) == []


def test_2_a_printed_continuation_on_a_page_not_after_its_origin_is_found():
    """（上接第2版） printed on page 1 points forward: the reading drops such a marker."""
    made = laid((column(["（上接第2版）伊滨区科技"] + TEXT, 1, 10),
                 [module("item1", (1, 1), (10, 20))]))
    (found,) = findings("audit.jumps", made)
    assert "（上接第2版） run in on page 1" in found.message


# ---- 3 nothing repeated ---------------------------------------------------------

def _filler(text: str, col: int, row: int) -> list:
    x = left(1, col)
    return [Rule(x, baseline(row) - 12, x + 99, baseline(row) - 12, 0.5),
            line(text, col, row, "filler", story=None),
            Rule(x, baseline(row) + 6, x + 99, baseline(row) + 6, 0.5)]


def test_3_the_same_filler_twice_is_found_two_different_ones_are_not():
    twice = laid((_filler("欢迎投稿", 1, 10) + _filler("欢迎投稿", 3, 40), []))
    assert "printed twice" in findings("audit.repeated", twice)[0].message
    assert findings("audit.repeated",
                    laid((_filler("欢迎投稿", 1, 10) + _filler("免费交流", 3, 40), []))) == []


SENTENCE = "科技创新是产业发展的动力"


def _quoted(quote_row: int, col: int = 1):
    body = column(["  伊滨区科技创新产业", FULL, "发展。" + SENTENCE[:8], SENTENCE[8:] + "。伊滨区科技"]
                  + [FULL] * 10, 1, 1)
    quote = [line(SENTENCE[:7], col, quote_row, "pullquote", size=12),
             line(SENTENCE[7:], col, quote_row + 1, "pullquote", size=12)]
    at = next(i for i, e in enumerate(body) if e.baseline > quote[0].baseline) \
        if col == 1 else len(body)
    return laid((body[:at] + quote + body[at:], [module("item1", (1, 2), (1, 20))]))


def test_3_a_pull_quote_right_under_its_sentence_is_found():
    assert "from the sentence it repeats" in findings("audit.repeated", _quoted(5))[0].message


def test_3_a_pull_quote_beside_its_sentence_in_the_next_column_is_found():
    assert "beside the sentence" in findings("audit.repeated", _quoted(3, col=2))[0].message


def test_3_a_pull_quote_clear_of_its_sentence_passes():
    assert findings("audit.repeated", _quoted(10)) == []


# ---- 4 one body size a page --------------------------------------------------------

def test_4_two_body_sizes_on_a_page_are_found_one_is_not():
    mixed = laid((column(TEXT, 1, 1) + column(TEXT[:4], 3, 1, story="item2", size=10.5), []))
    (f,) = findings("audit.body_size", mixed)
    assert "10.5 pt" in f.message and "item2" in f.message
    assert findings("audit.body_size", laid((column(TEXT, 1, 1) + column(TEXT, 3, 1), []))) \
        == []


def test_4_a_framed_box_may_set_its_text_another_size():
    x, y = left(1, 3) - 4, TOP + GRID.line_top_y(0) - 4
    frame = Box(x, y, GRID.span_width_pt(1) + 8, 12 * PITCH, stroke=0.5)
    boxed = column(["科技创新"] * 4, 3, 2, story="item2", size=10.5, dx=BODY)
    assert findings("audit.body_size", laid((column(TEXT, 1, 1) + [frame] + boxed, []))) == []


# ---- 5 headline breaks ----------------------------------------------------------------

def _headline(*texts: str, role: str = "headline2"):
    lines = [TextLine(left(1, 1), baseline(2) + n * 22, 18, glyphs(t), role=role,
                      story="item1") for n, t in enumerate(texts)]
    return laid((lines, [module("item1", (1, 3), (1, 20))]))


@pytest.mark.parametrize("texts, says", [
    (("龙门实验室配套工", "程建设全面提速"), "inside the word"),
    (("全年完成投资20", "24亿元目标"), "the number"),
    (("项目冲刺交付“倒计", "时”阶段"), "inside a quotation “倒计时”"),
    (("发布建设《伊滨区", "规划》全文"), "inside a bracket pair 《伊滨区规划》"),
    (("山中有个石窟", "（kū）名声在外"), "phonetic note"),
    (("全市新增装机3.5", "亿千瓦时"), "the number 3.5亿"),
])
def test_5_a_headline_broken_inside_a_word_number_pair_or_note_is_found(texts, says):
    found = findings("audit.headline_break", _headline(*texts))
    assert len(found) == 1 and says in found[0].message, found


@pytest.mark.parametrize("texts", [
    ("龙门实验室配套工程", "建设全面提速"),
    ("项目冲刺交付", "“倒计时”阶段"),
    ("樊灿涛调研", "乡村振兴项目建设"),
    ("全年完成投资2024亿元", "目标任务"),
])
def test_5_a_headline_broken_between_words_passes(texts):
    assert findings("audit.headline_break", _headline(*texts)) == []


def test_5_one_line_headlines_and_other_roles_are_not_read():
    assert findings("audit.headline_break", _headline("龙门实验室配套工程建设")) == []
    assert findings("audit.headline_break", _headline("龙门实验室配套工", "程建设",
                                                      role="running_head")) == []


def _with_source(*main: str):
    """An issue whose item1 has the headline `main` (its source lines)."""
    item = SimpleNamespace(headline=SimpleNamespace(main=main, kicker=(), subtitle=()),
                           source=SimpleNamespace(first_line=3))
    return SimpleNamespace(source="issue.txt", epigraph=None,
                           stories=lambda: iter([("item1", item, None)]))


def test_5_a_break_at_a_space_or_a_line_break_of_the_source_is_between_words():
    (rule,) = [r for r in RULES if r.name == "audit.headline_break"]
    made = _headline("看好前景不要愁", "游客努力工作")
    spaced = View(made, LAYOUT, _with_source("看好前景不要愁 游客努力工作"))
    two_lines = View(made, LAYOUT, _with_source("看好前景不要愁", "游客努力工作"))
    assert list(rule.check(spaced)) == [] and list(rule.check(two_lines)) == []
    inside = _headline("龙门实验室配套工", "程建设")
    assert len(list(rule.check(View(inside, LAYOUT, _with_source("龙门实验室配套工程建设"))))) == 1


def test_5_without_jieba_the_budoux_phrase_is_the_word(monkeypatch):
    from typeset.audit import headlines
    monkeypatch.setattr(headlines, "_jieba", lambda: None)
    (f,) = findings("audit.headline_break", _headline("龙门实验室配套工", "程建设全面提速"))
    assert "inside the word" in f.message


# ---- 6 units, codes and URLs whole ----------------------------------------------------

@pytest.mark.parametrize("text, k, says", [
    ("全年投资3.5亿元", 7, "the number 3.5亿"),
    ("面积21平方米", 4, "21 from its unit 平方米"),
    ("全年投资3.5亿元", 5, "the number 3.5"),
    ("面积21平方米", 5, "the unit 平方米"),
    ("时速120km/h的列车", 8, "the unit km/h"),
    ("电量20kW·h", 7, "the unit kW·h"),
    ("单价300元/吨", 7, "the unit 元/吨"),
    ("型号CR400AF列车", 7, "the code CR400AF"),
    ("登录www.example.com查询", 9, "the address www.example.com"),
    ("账号3901110009000120345", 10, "the number"),
])
def test_6_what_a_line_end_splits(text, k, says):
    assert says in (split_at(text, k) or ""), split_at(text, k)


@pytest.mark.parametrize("text, k", [
    ("全年投资3.5亿元", 8),            # 3.5亿 whole: 3.5亿|元
    ("登录www.example.com/news", 18),  # after /
    ("登录www.example.com/news", 6),   # after .
    ("科技创新产业", 3),
    ("3月28日召开会议", 2),
])
def test_6_what_a_line_end_may_split(text, k):
    assert split_at(text, k) is None


def test_6_a_number_that_cannot_fit_its_line_with_the_mark_after_it_is_no_finding():
    """20 digits (10 ems) and the comma that may not begin a line do not fit an
    10.2-em line: the break is the composer's to report, not the audit's; in a
    12-em line it would have fitted, and is found."""
    from typeset.audit.units import splits
    text = "账号12020122000000931082，开户行"
    assert splits(text, (14,), measure=10.2) == {}
    assert "the number" in splits(text, (14,), measure=12.0)[14]


def test_6_a_number_split_from_its_unit_across_lines_of_a_paragraph_is_found():
    made = laid((column(["  伊滨区科技创新产业", "全年投资增长达到3.5", "亿元伊滨区科技创新产业", "伊滨区科技"],
                        1, 1), []))
    (f,) = findings("audit.unit_split", made)
    assert "the number 3.5亿" in f.message and f.line == 3


def test_6_a_paragraph_end_is_no_line_end_inside_a_paragraph():
    made = laid((column(["  伊滨区科技创新产业", "全年投资增长达到3.5", "  亿元伊滨区科技创新"], 1, 1), []))
    assert findings("audit.unit_split", made) == []


# ---- 7 column feet, subheads -------------------------------------------------------------

def _columns(*heights: int, story: str = "item1"):
    elements = [e for n, h in enumerate(heights) for e in column([FULL] * h, n + 1, 5, story)]
    return laid((elements, [module(story, (1, len(heights)), (5, 5 + max(heights)))]))


def test_7_columns_ending_together_or_the_last_shorter_pass():
    assert findings("audit.column_feet", _columns(10, 10, 10)) == []
    assert findings("audit.column_feet", _columns(10, 10, 8)) == []


@pytest.mark.parametrize("heights, says", [
    ((10, 11, 10), "column(s) 1 of item1 end 1 line(s) above the module's foot"),
    ((10, 9, 9), "column(s) 2 of item1 end 1 line(s) above the module's foot"),
    ((10, 10, 11), "the last column of item1 ends 1 line(s) below the others"),
])
def test_7_a_module_whose_feet_step_is_one_finding(heights, says):
    (f,) = findings("audit.column_feet", _columns(*heights))
    assert says in f.message


def test_7_stepped_feet_the_same_lines_could_fill_level_are_the_layouts_fault():
    (f,) = findings("audit.column_feet", _columns(10, 11, 10))     # 31 lines: 11 11 9
    assert f.unavoidable is None


def test_7_stepped_feet_no_filling_of_those_lines_can_level_say_so_and_what_would():
    """25 lines in 6 columns: 5 5 5 5 5 0 leaves a column empty, anything
    else steps; 24 would fill them 4 deep, 26 five deep with one line in the
    last (four short: no hole)."""
    (f,) = findings("audit.column_feet", _columns(5, 4, 4, 4, 4, 4))
    assert f.unavoidable == ("its 25 body lines fill no level columns of this module: "
                             "1 line(s) fewer or 1 more would")
    diagnostic, = audit_pages(_columns(5, 4, 4, 4, 4, 4), LAYOUT,
                              rules=[r for r in RULES if r.name == "audit.column_feet"])
    assert "; unavoidable: its 25 body lines" in diagnostic.message


def test_7_a_column_ending_in_a_pull_quote_ends_at_the_rule_under_it():
    """A quote's slot is whole grid lines, its text centred in it: the column
    ends at the fine rule at the slot's foot, level with its neighbours'
    last lines, not at the quote's last line of text."""
    x = left(1, 1)
    quote = [line("伊滨区科技创新", 1, row, "pullquote", size=12.0) for row in (12, 13, 14)]
    foot = baseline(15) + 2
    elements = (column([FULL] * 10, 1, 5) + quote + [Rule(x, foot, x + 99, foot, 0.25)]
                + column([FULL] * 11, 2, 5) + column([FULL] * 11, 3, 5))
    made = laid((elements, [module("item1", (1, 3), (5, 16))]))
    assert findings("audit.column_feet", made) == []


def test_7_a_subhead_keeps_two_lines_after_it_in_its_column():
    sub = line("一、总体要求", 1, 10, "subhead2")
    kept = column([FULL] * 8, 1, 1) + [sub] + column([FULL] * 2, 1, 12)
    left_alone = column([FULL] * 8, 1, 1) + [sub] + column([FULL] * 2, 2, 1)
    mods = [module("item1", (1, 2), (1, 13))]
    assert findings("audit.subhead_keep", laid((kept, mods))) == []
    (f,) = findings("audit.subhead_keep", laid((left_alone, mods)))
    assert "0 line(s) after it" in f.message


def test_7_a_briefs_title_at_a_column_foot_is_stranded_like_a_subhead():
    # ■ and a brief's title on a line of their own, its text in the next column
    title = line("■两地签署新一轮协议", 1, 10, "brief_title")
    kept = column([FULL] * 8, 1, 1) + [title] + column([FULL] * 2, 1, 11)
    stranded = column([FULL] * 9, 1, 1) + [title] + column([FULL] * 2, 2, 1)
    mods = [module("item1", (1, 2), (1, 13))]
    assert findings("audit.subhead_keep", laid((kept, mods))) == []
    (f,) = findings("audit.subhead_keep", laid((stranded, mods)))
    assert "■两地签署" in f.message and "0 line(s) after it" in f.message


# ---- 8 air about module rules ---------------------------------------------------------------

def test_8_a_module_rule_right_under_text_is_found_one_with_half_a_line_of_air_is_not():
    x1, x2 = left(1, 1), left(1, 1) + GRID.span_width_pt(2)
    tight = TOP + GRID.line_top_y(9) + BODY + (PITCH - BODY) / 2     # in the leading
    airy = TOP + GRID.line_top_y(10) + PITCH / 2 - 1                 # a line further down
    for y, found in ((tight, 1), (airy, 0)):
        elements = column(TEXT + [FULL, FULL], 1, 1) + [Rule(x1, y, x2, y, 0.5)] \
            + column(TEXT, 1, 13, story="item2")
        mods = [module("item1", (1, 2), (1, 10)), module("item2", (1, 2), (12, 20))]
        assert len([f for f in findings("audit.rule_air", laid((elements, mods)))
                    if "above it" in f.message]) == found


def test_8_a_headline_taking_more_than_two_lines_of_air_to_fill_its_row_is_found():
    elements = column(TEXT, 1, 8)
    for air, found in ((2, 0), (3, 1), (6, 1)):
        mods = [module("item1", (1, 2), (1, 20), rank=2, air=air)]
        made = findings("audit.head_air", laid((elements, mods)))
        assert len(made) == found
        assert all(f"{air} lines of air" in f.message for f in made)


def test_8_head_air_the_body_could_not_have_taken_says_the_row_is_taller_than_the_copy():
    """Two columns from line 10 to 20 and one line of air too many: 11 + 1
    lines deep each. Eight lines of one paragraph cannot fill them even set
    a line longer; 22 lines in four paragraphs could (layout drives them)."""
    mods = [module("item1", (1, 2), (5, 20), rank=2, air=3)]
    (short,) = findings("audit.head_air", laid((column(TEXT, 1, 10), mods)))
    assert short.unavoidable.endswith("the row is taller than the copy at this width")
    four = ["  " + FULL[:9]] + [FULL] * 5
    filled = column(four + four[:5], 1, 10) + column(four[5:] + four + four[:4], 2, 10)
    (could,) = findings("audit.head_air", laid((filled, mods)))
    assert could.unavoidable is None


# ---- 9 spacing -----------------------------------------------------------------------------

def _spaced(chars: int, last: bool = False, marked: bool = False):
    """A paragraph whose second line holds `chars` Han characters justified
    to the full 11 em: 10 → 0.11 em a gap, 9 → 0.25 em, 8 → 0.43 em;
    `marked`: the composer said it set that line loose."""
    gap = (11 - chars) / (chars - 1)
    lines = [line(FULL[:9], 1, 1, indent=2.0), line(FULL[:chars], 1, 2, gap=gap, loose=marked)]
    if not last:
        lines.append(line(FULL, 1, 3))
    return laid((lines + [line(FULL[:4], 1, 4, indent=2.0)], []))


def test_9_a_line_with_more_than_an_eighth_em_between_han_characters_is_counted():
    (f,) = findings("audit.spacing", _spaced(9))
    assert f.message.startswith("1 body line(s) of item1") and f.line == 2
    assert "widest 0.25 em" in f.message


def test_9_tight_lines_a_paragraphs_last_line_and_lines_the_composer_marked_pass():
    assert findings("audit.spacing", _spaced(10)) == []
    assert findings("audit.spacing", _spaced(9, last=True)) == []
    assert findings("audit.spacing", _spaced(8, marked=True)) == []


# ---- 10 no white hole ------------------------------------------------------------------------

def test_10_a_column_ending_five_lines_short_of_its_neighbours_is_found():
    short = laid((column([FULL] * 20, 1, 1) + column([FULL] * 14, 2, 1)
                  + column([FULL] * 20, 1, 21, story="item2")
                  + column([FULL] * 20, 2, 21, story="item2"),
                  [module("item1", (1, 2), (1, 20)), module("item2", (1, 2), (21, 40))]))
    (f,) = [f for f in findings("audit.white_hole", short) if f.column == 2]
    assert "white for 6 lines" in f.message and f.line == 15 and f.story == "item1"


def test_10_a_frames_top_edge_ends_the_white_over_it():
    """Column 2 of item1 ends 5 lines short; under it, past a line with no
    rule (module rules stop short of a frame), a link box's frame: the white
    run is those 5 lines, to the frame's top edge — not on through the
    frame's air over its text."""
    frame = Box(left(1, 1), baseline(22) - 12, left(1, 3) - left(1, 1) - 4, 150, stroke=0.5)
    made = laid((column([FULL] * 20, 1, 1) + column([FULL] * 15, 2, 1) + [frame]
                 + column([FULL] * 8, 1, 26, story="item2") + column([FULL] * 8, 2, 26, story="item2"),
                 [module("item1", (1, 2), (1, 20)), module("item2", (1, 2), (22, 34), "link_box")]))
    (f,) = [f for f in findings("audit.white_hole", made) if f.column == 2]
    assert "white for 5 lines" in f.message and f.line == 16


def test_10_an_empty_column_is_found():
    made = laid((column([FULL] * 5, 1, 1) + column([FULL] * 5, 2, 1),
                 [module("item1", (1, 3), (1, 5))]))
    assert any("column 3 of item1 is empty" in f.message
               for f in findings("audit.white_hole", made))


def _page(rows: range, page: int):
    """Columns 1–6 filled on the grid lines `rows` (1-based)."""
    elements = [line(FULL, col, row, story="item1", page=page) for col in range(1, 7)
                for row in rows]
    return elements, [module("item1", (1, 6), (rows[0], rows[-1]))]


def test_10_a_blank_band_under_the_running_head_or_at_a_foot_but_the_last_is_found():
    made = laid(_page(range(1, 80), 1), _page(range(7, 87), 2), _page(range(1, 60), 3))
    holes = findings("audit.white_hole", made)
    assert [(f.page, f.line) for f in holes] == [(1, 80), (2, 1)]
    assert "page foot" in holes[0].message and "under the running head" in holes[1].message
    (last,) = findings("audit.last_page_foot", made)
    assert (last.page, last.line) == (3, 60) and "27 lines" in last.message


def test_10_an_empty_last_page_is_a_hole_not_a_last_page_foot():
    made = laid(_page(range(1, 87), 1), ([], []))
    (f,) = findings("audit.white_hole", made)
    assert (f.page, f.line) == (2, 1) and "columns 1–6 empty, top to foot" in f.message
    assert findings("audit.last_page_foot", made) == []


def test_pages_are_named_by_their_folio_in_an_issue_of_inner_pages():
    made = laid(_page(range(1, 80), 3), _page(range(1, 60), 4), first=3)
    assert [(f.page, f.line) for f in findings("audit.white_hole", made)] == [(3, 80)]
    assert [(f.page, f.line) for f in findings("audit.last_page_foot", made)] == [(4, 60)]
    assert findings("audit.column_feet", made) == []


def test_10_full_pages_and_short_bands_pass():
    made = laid(_page(range(1, 87), 1), _page(range(5, 83), 2))
    assert findings("audit.white_hole", made) == []
    assert findings("audit.last_page_foot", made) == []
