"""The typography audit on plain line strings (as extracted from a PDF) and on Lines."""

from typeset.compose import Glyph, Line, check_lines, check_text_lines


def audit(*lines, ends=None):
    ends = ends or [False] * (len(lines) - 1) + [True]
    return check_text_lines(list(lines), ends)


def test_clean_lines_pass():
    assert audit("作为我区产业发展指", "挥部重点项目之一，创智", "广场项目。") == []


def test_a_line_starting_with_a_comma_is_reported():
    assert audit("一二三四五", "，六七八九") == ["line 2: starts with ，"]


def test_a_line_ending_with_an_opening_quote_is_reported():
    assert audit("一二三四“", "五六七”八") == ["line 1: ends with “"]


def test_a_split_two_em_dash_is_reported():
    problems = audit("他说—", "—好的人们")
    assert "line 1: splits ——" in problems


def test_a_split_number_is_reported_and_a_space_break_is_not():
    assert audit("产能达到60G", "Wh以上的人") == ["line 1: splits 60G|Wh"]
    assert audit("hello ", "world") == []


def test_a_lone_han_character_on_a_last_line_is_reported():
    assert audit("一二三四五", "六。") == ["line 2: 孤字 六。 alone on the paragraph's last line"]
    assert audit("六。") == []               # a one-line paragraph is not 孤字


def test_a_lone_han_character_with_a_dash_or_ellipsis_is_reported():
    assert audit("回应群众期", "待——") == ["line 2: 孤字 待—— alone on the paragraph's last line"]
    assert audit("回应群众期", "待……") == ["line 2: 孤字 待…… alone on the paragraph's last line"]
    assert audit("回应群众", "期待——") == []


def test_paragraph_starts_may_open_with_a_dash():
    assert audit("——摘自讲话精神", "的重要内容。") == []
    assert audit("甲乙丙丁", "——摘自讲话") == ["line 2: starts with —"]


def test_expansion_beyond_half_an_em_is_reported_on_lines():
    glyphs = (Glyph("一", "song", 0, 1), Glyph("二", "song", 4, 1))
    problems = check_lines([Line(glyphs, 5.0, False, 3.0), Line(glyphs, 2.0, True, 0.0)])
    assert "line 1: expansion 3 em > 0.5 em" in problems


def test_a_full_width_mark_at_a_line_end_is_reported():
    glyphs = (Glyph("一", "song", 0, 1), Glyph("。", "song", 1, 1))
    problems = check_lines([Line(glyphs, 2.0, False, 0.0), Line(glyphs[:1] * 2, 2.0, True, 0.0)])
    assert "line 1: line-end 。 is 1 em, not ½ em" in problems
