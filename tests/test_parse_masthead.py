"""The masthead (报头) of any kind of paper, read as a careful reader reads it:
the corpus mastheads field by field against truth.json, the seeds, and
made-up mastheads of papers the corpus does not have."""

import datetime as dt
import json
import re
from collections import Counter

import pytest

from typeset.chars import significant
from typeset.parse.blocks import split_blocks
from typeset.parse.masthead import complete, describe, read_masthead
from typeset.parse.source import read_source

from .paths import CORPUS, SEEDS

TRUTH = {entry["file"]: entry for entry in
         json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))}
CORPUS_FILES = sorted(TRUTH)
SEED_FILES = sorted(p.name for p in SEEDS.glob("*.txt"))

_FOLD = str.maketrans("（）：", "():")


def fold(value):
    """Half- and full-width (), : and spaces do not tell fields apart."""
    if isinstance(value, str):
        return re.sub(r"\s+", "", value.translate(_FOLD))
    return value


def read(path, text: str | None = None):
    if text is not None:
        path.write_text(text, encoding="utf-8")
    source = read_source(path)
    blocks = split_blocks(source.lines)
    masthead, diagnostics, count = read_masthead(blocks, str(path))
    return masthead, diagnostics, count, blocks


def _named_with_label(m, name):
    """A sponsor or publisher printed with its label after the name
    (XX公司主管主办): a reader may give it with the label or without."""
    value = getattr(m, name)
    printed = m.printed_as(name)
    return [value] + ([printed] if printed and value and printed.startswith(value) else [])


# truth.json key → what the model says, as the reader would write it down
PROJECTION = {
    "paper": lambda m: m.paper_name,
    "paper_latin": lambda m: m.paper_latin,
    "date": lambda m: m.date.isoformat() if m.date else None,
    "weekday": lambda m: m.printed_weekday,
    "issue": lambda m: m.issue_text,
    "total_issue": lambda m: m.total_issue_text,
    "lunar": lambda m: m.lunar_date,
    "lunar_label": lambda m: m.lunar_label,
    "festival": lambda m: m.festival,
    "kind": lambda m: m.kind,
    "script": lambda m: m.script,
    "cn_number": lambda m: m.cn_number,
    "postal_code": lambda m: m.postal_code,
    "organ": lambda m: m.organ,
    "distribution": lambda m: m.distribution,
    "pages": lambda m: m.pages,
    "address": lambda m: m.address,
    "postcode": lambda m: m.postcode,
    "phone": lambda m: m.phone,
    "hotline": lambda m: m.hotline,
    "price": lambda m: m.price,
    "licence": lambda m: m.licence,
    "licence_label": lambda m: m.licence_label,
    "notice": lambda m: m.note,
    "sponsor": lambda m: _named_with_label(m, "sponsor"),
    "publisher": lambda m: _named_with_label(m, "publisher"),
    "print_run": lambda m: m.print_run,
    "printer": lambda m: m.printer,
    "frequency": lambda m: m.frequency,
    "page_label": lambda m: m.page_label,
}
NOT_MASTHEAD_READERS = {"running_heads"}   # read by the body parser


def test_the_projection_covers_every_truth_field():
    keys = {key for entry in TRUTH.values() for key in entry["masthead"]}
    assert keys - NOT_MASTHEAD_READERS <= set(PROJECTION), keys - set(PROJECTION)


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_every_corpus_masthead_field_is_read_as_the_reader_reads_it(name):
    masthead, _, _, _ = read(CORPUS / name)
    truth = TRUTH[name]["masthead"]
    wrong = {}
    for key, project in PROJECTION.items():
        got, want = project(masthead), truth.get(key)
        ok = fold(want) in [fold(g) for g in got] if isinstance(got, list) else \
            fold(got) == fold(want)
        if not ok:
            wrong[key] = (got, want)
    assert not wrong, wrong


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_a_corpus_masthead_is_read_with_no_warning_and_nothing_left_over(name):
    masthead, diagnostics, _, _ = read(CORPUS / name)
    assert diagnostics == [] and masthead.extra == ()


def _masthead_chars(blocks, count):
    return Counter(significant("".join(line.text for b in blocks[:count] for line in b.lines)))


@pytest.mark.parametrize("name", CORPUS_FILES + SEED_FILES)
def test_printed_text_has_every_printed_character_of_the_masthead_once(name):
    path = CORPUS / name if name in TRUTH else SEEDS / name
    masthead, _, count, blocks = read(path)
    assert Counter(significant("".join(masthead.printed_text()))) == _masthead_chars(blocks,
                                                                                    count)


# how many leading blocks are the masthead: the `#` name, its blocks, a page label
BLOCKS = {"p01": 3, "p02": 3, "p03": 3, "p04": 3, "p05": 3, "p06": 3, "p07": 4, "p08": 3}


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_the_masthead_ends_at_the_first_block_that_is_not_masthead(name):
    masthead, _, count, blocks = read(CORPUS / name)
    assert count == BLOCKS[name[:3]]
    assert masthead.source.last_line == blocks[count - 1].last


def test_seed_000_masthead():
    masthead, diagnostics, count, _ = read(SEEDS / SEED_FILES[0])
    assert count == 2 and diagnostics == []
    assert masthead.kind == "internal" and masthead.approval == "河南省新闻出版局批准"
    assert (masthead.sponsor_label, masthead.publisher_label) == ("主管主办", "编辑出版")
    assert masthead.lunar_label is None and masthead.lunar_date == "甲辰年二月廿三"


def test_seed_004_has_no_masthead():
    masthead, diagnostics, count, _ = read(SEEDS / SEED_FILES[1])
    assert count == 0 and masthead.paper_name is None and masthead.source is None


def test_a_zero_padded_issue_number_keeps_its_zeros(tmp_path):
    m, _, _, _ = read(tmp_path / "i.txt", "# 某某报\n\n2024年4月1日 第06期 总第0274期\n\n正文。\n")
    assert (m.issue_number, m.issue_text, m.total_issue_text) == (6, "第06期", "总第0274期")


# ---------------------------------------------------------------- unseen papers

EVENING = """# 江城晚报

JIANGCHENG EVENING NEWS
2025年3月14日 星期五 农历乙巳年二月十五 第71期 总第9120期
国内统一刊号:CN 42-0055 邮发代号:37-12 江城日报传媒集团主管主办 国内外公开发行 今日16版 零售价:1.50元

新闻热线:027-85777777 传真:027-85778888 社址:汉江路18号 邮编:430000

## 春日赏花正当时

本报讯 记者 王力 近日，城区各公园花开正盛。
"""


def test_an_evening_paper_with_postal_code_and_price(tmp_path):
    m, diagnostics, count, _ = read(tmp_path / "evening.txt", EVENING)
    assert diagnostics == [] and count == 3 and m.extra == ()
    assert (m.kind, m.script, m.paper_latin) == ("public", None, "JIANGCHENG EVENING NEWS")
    assert (m.cn_number, m.cn_label, m.postal_code) == ("CN 42-0055", "国内统一刊号", "37-12")
    assert (m.price, m.price_label, m.pages) == ("1.50元", "零售价", "今日16版")
    assert (m.sponsor, m.sponsor_label) == ("江城日报传媒集团", "主管主办")
    assert (m.hotline, m.fax, m.postcode, m.address) == (
        "027-85777777", "027-85778888", "430000", "汉江路18号")
    assert (m.printed_weekday, m.lunar_label, m.lunar_date) == ("星期五", "农历", "乙巳年二月十五")


WEEKLY_TRAD = """# 港灣週刊

2024年9月17日 星期二 農曆甲辰年八月十五 中秋節 第38期 總第1502期
逢星期二出版 ■ 免費派發 ■ 總機：（852）2890 1234 ■ 網址：www.example.org

「月圓人團圓」

各區市民昨晚到公園賞月。
"""


def test_a_traditional_weekly(tmp_path):
    m, diagnostics, count, _ = read(tmp_path / "trad.txt", WEEKLY_TRAD)
    assert diagnostics == [] and count == 2 and m.extra == ()
    assert (m.script, m.kind, m.frequency, m.distribution) == (
        "traditional", "public", "逢星期二出版", "免費派發")
    assert (m.total_issue_number, m.total_issue_text) == (1502, "總第1502期")
    assert (m.lunar_label, m.festival) == ("農曆", "中秋節")
    assert (m.phone_label, fold(m.phone)) == ("總機", "(852)28901234")
    assert (m.website_label, m.website) == ("網址", "www.example.org")


ENTERPRISE = """# 钢城之声

2022年11月4日 星期五 壬寅年十月十一 第44期 总第1021期
内部资料准印证号:鲁内资准字2022-A0117号 ■ 主管:某钢铁集团党委 ■ 主办:某钢铁集团党委宣传部
编辑出版:钢城之声编辑部 印刷:某印务公司 印数:8000份 内部资料 注意保存 广告经营许可证:3700001

今年以来，集团上下齐心协力。

——摘自本期评论
"""


def test_an_internal_enterprise_paper_with_its_licence(tmp_path):
    m, diagnostics, count, _ = read(tmp_path / "ent.txt", ENTERPRISE)
    assert count == 2 and m.kind == "internal"
    assert (m.licence, m.licence_label) == ("鲁内资准字2022-A0117号", "内部资料准印证号")
    assert (m.supervisor, m.sponsor, m.sponsor_label) == ("某钢铁集团党委", "某钢铁集团党委宣传部",
                                                          "主办")
    assert (m.publisher, m.printer, m.print_run) == ("钢城之声编辑部", "某印务公司", "8000份")
    assert m.note == "内部资料 注意保存"
    # a field the table does not know is kept, printed once, and named with its line
    assert m.extra == ("广告经营许可证：3700001",)
    (note,) = diagnostics
    assert note.line == 5 and "广告经营许可证" in note.message and note.file.endswith("ent.txt")
    assert "".join(m.printed_text()).count("3700001") == 1


def test_a_printed_weekday_that_is_not_the_dates_is_a_print_blocking_warning(tmp_path):
    from typeset.build import PRINT_BLOCKING
    m, diagnostics, _, _ = read(tmp_path / "w.txt",
                                "# 某某报\n\n2024年4月1日 星期三 第6期 总第274期\n\n正文。\n")
    (d,) = diagnostics
    assert d.rule == "masthead.weekday" and d.line == 3 and "星期一" in d.message
    assert d.rule in PRINT_BLOCKING
    assert m.printed_weekday == "星期三"
    completed, _ = complete(m, {})
    assert completed.weekday == "星期一" and completed.printed_weekday == "星期三"


def test_a_lunar_date_printed_without_its_year_is_checked_by_month_and_day(tmp_path):
    _, good, _, _ = read(tmp_path / "a.txt", "# 某某报\n\n2024年4月1日 农历二月廿三 第6期\n\n正文。\n")
    _, bad, _, _ = read(tmp_path / "b.txt", "# 某某报\n\n2024年4月1日 农历二月廿四 第6期\n\n正文。\n")
    assert good == [] and [d.rule for d in bad] == ["masthead.lunar"]


def test_a_festival_on_another_day_is_warned(tmp_path):
    _, diagnostics, _, _ = read(tmp_path / "f.txt",
                                "# 某某报\n\n2024年4月1日 中秋节 第6期\n\n正文。\n")
    assert [d.rule for d in diagnostics] == ["masthead.festival"]


def test_a_headline_or_quote_after_the_masthead_is_not_read_as_masthead(tmp_path):
    text = ("# 某某报\n\n2024年4月1日 第6期\n\n春风十里 花开正好\n\n"
            "“一句话。”\n\n正文，内容。\n")
    m, _, count, _ = read(tmp_path / "h.txt", text)
    assert count == 2 and m.extra == ()


def test_fields_glued_together_are_told_apart(tmp_path):
    m, diagnostics, _, _ = read(tmp_path / "g.txt",
                                "# 某某报\n\n2024年4月1日星期一第6期（总第274期）\n\n正文。\n")
    assert diagnostics == []
    assert (m.date, m.printed_weekday, m.issue_number, m.total_issue_number) == (
        dt.date(2024, 4, 1), "星期一", 6, 274)


def test_a_file_without_a_name_line_still_has_its_masthead_read(tmp_path):
    m, _, count, _ = read(tmp_path / "n.txt", "2024年4月1日 第6期 总第274期\n\n## 标题\n\n正文。\n")
    assert count == 1 and m.paper_name is None and m.issue_number == 6


def test_the_old_call_still_reads_one_block():
    source = read_source(SEEDS / SEED_FILES[0])
    blocks = split_blocks(source.lines)
    masthead, diagnostics = read_masthead("伊滨新闻", 3, blocks[1], "000.txt")
    assert masthead.licence and masthead.source.last_line == 6 and diagnostics == []


def test_describe_labels_every_field(tmp_path):
    m, _, _, _ = read(tmp_path / "evening.txt", EVENING)
    lines = describe(complete(m, {})[0])
    text = "\n".join(lines)
    assert lines[0].startswith("masthead  江城晚报 · 2025-03-14 星期五")
    for shown in ("paper latin: JIANGCHENG EVENING NEWS", "cn number: CN 42-0055",
                  "postal code: 37-12", "price: 1.50元  · label 零售价", "fax: 027-85778888",
                  "sponsor: 江城日报传媒集团  · label 主管主办", "kind: public"):
        assert shown in text, shown
    m, _, _, _ = read(tmp_path / "ent.txt", ENTERPRISE)
    assert "          unrecognised: 广告经营许可证：3700001" in describe(m)


def test_a_print_build_refuses_a_wrong_weekday_and_a_draft_builds(tmp_path):
    from typeset.build import build
    from typeset.diagnostics import TypesetError
    path = tmp_path / "issue.txt"
    path.write_text("# 某某报\n\n2024年4月1日 星期三 第6期 总第274期\n\n## 标题\n\n"
                    "区党工委理论学习中心组举行集体学习研讨，深入学习领会重要论述。\n",
                    encoding="utf-8")
    with pytest.raises(TypesetError) as info:
        build(path, tmp_path / "out")
    assert "星期三" in info.value.diagnostic.message and info.value.diagnostic.line == 3
    assert build(path, tmp_path / "draft", strict=False).pdf.exists()


# ---------------------------------------------------------------- any order, any separator

from hypothesis import given, settings, strategies as st  # noqa: E402

POOL = ["2024年4月1日", "星期一", "农历甲辰年二月廿三", "甲辰年二月廿三", "第6期", "第06期",
        "总第274期", "（总第274期）", "国内统一刊号：CN 41-0001", "邮发代号 35-1", "今日8版",
        "每周五出版", "内部资料", "免费交流", "主办：某某协会", "某某集团主管主办",
        "编辑出版：某某中心", "社址：某路1号", "电话：0379-1234567", "零售价：2元", "印数：1000份",
        "广告许可证：12345", "随便什么文字", "重阳节", "某某局批准", "连续性内部资料（某市）审连第0001号",
        "www.example.cn", "ISSN 1234-5678", "國內統一刊號 CN 41-0002", "電話：(852) 2345 6789"]
SEPARATORS = [" ", " ■ ", "  ", "\u3000", "·"]


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(st.lists(st.lists(st.sampled_from(POOL), min_size=1, max_size=6), min_size=1, max_size=3),
       st.sampled_from(SEPARATORS), st.booleans())
def test_any_masthead_keeps_every_printed_character_once(tmp_path_factory, rows, separator,
                                                         latin):
    lines = [separator.join(row) for row in rows]
    if latin:
        lines.insert(0, "SOME DAILY NEWS")
    text = "# 某某报\n\n" + "\n".join(lines) + "\n\n## 标题\n\n正文，一句话。\n"
    path = tmp_path_factory.mktemp("any") / "issue.txt"
    m, diagnostics, count, blocks = read(path, text)
    chars = _masthead_chars(blocks, count)
    assert Counter(significant("".join(m.printed_text()))) == chars
    assert blocks[count].heading == 2 or count == 1      # the headline is never masthead
    assert all(d.file == str(path) and d.line for d in diagnostics)
