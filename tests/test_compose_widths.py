"""Punctuation widths, compression and spacing (GB/T 15834 §5.1, clreq)."""

import pytest

from .test_compose_support import NarrowQuotes, compose, glyph, line_texts


def test_line_end_full_stop_takes_half_an_em_and_the_line_is_flush():
    cp = compose("一二三四五六七八九十。一二三四五六七八九十", 11)
    first = cp.lines[0]
    assert line_texts(cp)[0].endswith("。")
    assert glyph(first, "。").width == pytest.approx(0.5)
    assert first.width == pytest.approx(11)
    stop = glyph(first, "。")
    assert stop.x + stop.width == pytest.approx(11)   # its ink half ends the line, flush


def test_every_line_end_pause_mark_is_half_width():
    text = "作为重点项目之一，创智广场项目自今年进场装修以来，紧扣时间节点，倒排工期，挂图作战、昼夜不停。"
    for measure in range(6, 16):
        for line in compose(text, measure).lines[:-1]:
            last = line.glyphs[-1]
            if last.char in "，。、":
                assert last.width == pytest.approx(0.5), (measure, last)


def test_full_stop_then_closing_quote_compress_to_one_and_a_half_em():
    line = compose("他说：“好。”我们走吧", 30).lines[0]
    stop, quote = glyph(line, "。"), glyph(line, "”")
    assert stop.width + quote.width == pytest.approx(1.5)
    assert stop.width == pytest.approx(0.5)          # 。 is blank on the shared side
    assert quote.x == pytest.approx(stop.x + 0.5)


def test_closing_quote_then_comma_compress_the_quote():
    line = compose("叫“好”，我们走吧", 30).lines[0]
    assert glyph(line, "”").width == pytest.approx(0.5)
    assert glyph(line, "，").width == pytest.approx(1.0)


def test_closing_bracket_then_enumeration_comma_compress_to_one_and_a_half_em():
    line = compose("甲（乙）、丙", 30).lines[0]
    assert glyph(line, "）").width + glyph(line, "、").width == pytest.approx(1.5)


def test_opening_bracket_at_line_start_loses_its_leading_half():
    cp = compose("一二三四五六七八九十（一）二三", 5)
    starts = [line.glyphs[0] for line in cp.lines if line.glyphs[0].char == "（"]
    assert starts, line_texts(cp)
    assert starts[0].width == pytest.approx(0.5)
    assert starts[0].offset == pytest.approx(0.5)    # its blank left half is cut off


def test_curly_quotes_are_one_em_whatever_the_font_says():
    line = compose("他说“好”了就走", 30, metrics=NarrowQuotes()).lines[0]
    assert glyph(line, "“").width == pytest.approx(1.0)
    assert glyph(line, "”").width == pytest.approx(1.0)


def test_narrow_quotes_sit_on_their_side_of_the_em_box():
    line = compose("他说“好”了就走", 30, metrics=NarrowQuotes()).lines[0]
    opening, closing = glyph(line, "“"), glyph(line, "”")
    # drawn at x - offset: the opening quote ends at its box's right edge,
    # the closing quote starts at its box's left edge
    assert opening.x - opening.offset + 1 / 3 == pytest.approx(opening.x + 1.0)
    assert closing.offset == pytest.approx(0.0)


def test_two_em_dash_is_two_em_even_when_the_font_dash_is_narrower():
    line = compose("他说——好", 30, metrics=NarrowQuotes()).lines[0]
    dash = glyph(line, "——")
    assert (dash.kind, dash.width) == ("dash", 2.0)
    assert glyph(line, "好").x == pytest.approx(dash.x + 2.0)


def test_quarter_em_between_han_and_digits():
    line = compose("今年2024年的项目", 30).lines[0]
    year = glyph(line, "年")
    two = glyph(line, "2")
    assert two.x == pytest.approx(year.x + 1.0 + 0.25)
    after = [g for g in line.glyphs if g.char == "年"][1]
    assert after.x == pytest.approx(glyph(line, "4").x + 0.5 + 0.25)


def test_no_han_latin_space_next_to_chinese_punctuation():
    line = compose("成立“3.30”攻坚", 30).lines[0]
    assert glyph(line, "3").x == pytest.approx(glyph(line, "“").x + 1.0)
    assert glyph(line, "”").x == pytest.approx(glyph(line, "0").x + 0.5)


def test_no_han_latin_space_at_a_line_start():
    cp = compose("一二三四五六七八九十1月进场装修以来", 10)
    second = cp.lines[1]
    assert second.glyphs[0].char == "1"
    assert second.glyphs[0].x == pytest.approx(0.0)


def test_ascii_space_between_cjk_text_is_one_em():
    line = compose("坚定信心 开拓奋进", 30).lines[0]
    assert glyph(line, "开").x == pytest.approx(glyph(line, "心").x + 2.0)
    line = compose("伊滨讯 3月28日", 30).lines[0]
    assert glyph(line, "3").x == pytest.approx(glyph(line, "讯").x + 2.0)


def test_space_between_latin_words_is_the_font_space():
    line = compose("hello world", 30).lines[0]
    assert glyph(line, "w").x == pytest.approx(glyph(line, "o").x + 0.5 + 0.5)


def test_han_latin_space_stretches_before_han_gaps_widen():
    # 11 em measure, natural 10.5 em: the two ¼ em spaces grow to ½ em and take it all
    cp = compose("一二三四56六七八九十一二三四五", 11)
    first = cp.lines[0]
    assert line_texts(cp)[0] == "一二三四56六七八九十"
    assert first.width == pytest.approx(11)
    assert first.gap_expansion == pytest.approx(0)
    assert glyph(first, "5").x == pytest.approx(glyph(first, "四").x + 1.5)
