"""Line-breaking prohibitions (clreq basic level + GB/T 15834): what a line may
start and end with, and which sequences are never split."""

import pytest

from typeset.compose.classes import NO_END, NO_START

from .test_compose_support import compose, line_texts

HAN = "中国新闻出版印刷排版技术发展"


def shifted(core: str, measure: int = 6):
    """The same text with `core` moved across every position of a line."""
    for k in range(measure + 2):
        yield HAN[:k] + core + HAN * 2


@pytest.mark.parametrize("mark", list("。，、：；！？”’）》」"))
def test_a_line_never_starts_with_a_pause_or_closing_mark(mark):
    for text in shifted("定" + mark):
        for line in line_texts(compose(text, 6))[1:]:
            assert line[0] not in NO_START, (text, line)


@pytest.mark.parametrize("mark", list("“‘（《「【"))
def test_a_line_never_ends_with_an_opening_mark(mark):
    for text in shifted(mark + "定义"):
        for line in line_texts(compose(text, 6))[:-1]:
            assert line.rstrip()[-1] not in NO_END, (text, line)


def test_connectors_and_interpuncts_never_start_a_line():
    for core in ("甲～乙", "阿卜杜勒·阿齐兹", "北京-上海"):
        for text in shifted(core):
            for line in line_texts(compose(text, 6))[1:]:
                assert line[0] not in NO_START, (text, line)


def test_two_em_dash_is_one_unbroken_unit_kept_off_line_start():
    for text in shifted("——"):
        cp = compose(text, 6)
        dashes = [g for line in cp.lines for g in line.glyphs if "—" in g.char]
        assert [(g.char, g.kind, g.width) for g in dashes] == [("——", "dash", 2.0)]
        for line in line_texts(cp)[1:]:
            assert not line.startswith("—"), (text, line)


def test_ellipsis_is_one_unit_of_six_dots_kept_off_line_start():
    for text in shifted("……"):
        cp = compose(text, 6)
        dots = [g for line in cp.lines for g in line.glyphs if "…" in g.char]
        assert [(g.char, g.kind, g.width) for g in dots] == [("……", "ellipsis", 2.0)]
        for line in line_texts(cp)[1:]:
            assert not line.startswith("…"), (text, line)


def test_a_paragraph_may_open_with_a_dash_as_attribution_lines_do():
    cp = compose("——摘自习近平总书记在新时代推动中部地区崛起座谈会上的重要讲话精神", 11, 2)
    assert line_texts(cp)[0].startswith("——")
    assert cp.violations == ()


@pytest.mark.parametrize("token", ["60GWh", "220kV", "15.5", "3.30", "1,000", "85%",
                                   "COVID-19", "5G", "1+3+N", "www.ly.gov.cn"])
def test_numbers_with_units_and_codes_are_never_split(token):
    for text in shifted(token, 8):
        lines = line_texts(compose(text, 8))
        assert any(token in line for line in lines), (text, lines)


def test_a_number_stays_whole_before_its_chinese_unit():
    for text in shifted("15.5亿元"):
        assert any("15.5" in line for line in line_texts(compose(text, 6)))


def test_a_line_may_break_between_a_number_and_the_han_after_it():
    # 2000余: 余 is a Han character; the break before it is allowed
    from typeset.compose.classes import may_break
    assert may_break("W", "H")
    lines = line_texts(compose("一二三四2000余人参加", 5))
    assert lines[0] == "一二三四2000" or "2000余" in "".join(lines)


def test_a_solidus_neither_starts_nor_ends_a_line():
    for text in shifted("甲／乙"):
        lines = line_texts(compose(text, 6))
        for line in lines[1:]:
            assert line[0] != "／"
        for line in lines[:-1]:
            assert line[-1] != "／"


def test_a_date_is_not_broken_between_its_numbers_and_units():
    text = "伊滨讯 3月28日，区党工委理论学习中心组举行集体学习研讨，深入学习领会。" * 3
    for measure in range(10, 15):
        lines = line_texts(compose(text, measure=measure))
        for before, after in zip(lines, lines[1:]):
            joint = before.rstrip()[-1:] + after[:1]
            assert joint not in ("3月", "月2", "8日"), (before, after)


@pytest.mark.parametrize("quantity", ["2000余万元", "15.5亿元", "300多户"])
def test_a_number_is_not_broken_from_its_magnitude_and_unit(quantity):
    text = f"区内科技型中小企业实现税收{quantity}，同比增长明显，发展势头良好。" * 3
    for measure in range(10, 15):
        lines = line_texts(compose(text, measure=measure))
        assert "".join(lines).count(quantity) == 3
        assert sum(line.count(quantity) for line in lines) == 3, (measure, lines)


def test_in_a_column_too_narrow_for_dateline_and_date_the_date_breaks_rather_than_a_line_gapes():
    lines = compose("伊滨讯 3月28日，区党工委理论学习中心组举行集体学习研讨。", measure=8).lines
    assert all(line.gap_expansion <= 0.5 for line in lines)
