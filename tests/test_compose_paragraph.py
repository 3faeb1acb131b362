"""Paragraph facts: justification, indent, 孤字, nothing lost, realistic seed text."""

import pytest

from typeset.compose import Run, ParagraphStyle, compose_paragraph
from typeset.chars import is_han

from .test_compose_support import Synthetic, compose, line_texts, seed_paragraph

SEED = seed_paragraph("作为我区产业发展指挥部重点项目之一")


@pytest.mark.parametrize("measure", [11, 13])
def test_every_justified_line_fills_the_measure(measure):
    cp = compose(SEED, measure, 2)
    for line in cp.lines[:-1]:
        assert line.width == pytest.approx(measure, abs=1e-6)
        last = line.glyphs[-1]
        assert last.x + last.width == pytest.approx(measure, abs=1e-6)


@pytest.mark.parametrize("measure", [11, 13])
def test_the_seed_paragraph_sets_clean(measure):
    cp = compose(SEED, measure, 2)
    assert cp.violations == ()
    assert cp.loose_lines == 0


def test_first_line_is_indented_two_em():
    cp = compose(SEED, 11, 2)
    assert cp.lines[0].glyphs[0].x == pytest.approx(2.0)
    assert cp.lines[1].glyphs[0].x == pytest.approx(0.0)
    assert len(line_texts(cp)[0]) == 9        # 11 em less the 2 em indent


def test_last_line_is_left_aligned_and_not_stretched():
    cp = compose(SEED, 11, 2)
    last = cp.lines[-1]
    assert last.last and last.gap_expansion == 0
    assert last.glyphs[0].x == 0
    assert last.width < 11


@pytest.mark.parametrize("tail", ["", "。", "”。"])
def test_last_line_never_holds_a_single_han_character(tail):
    for length in range(12, 60):
        text = "国" * length + tail
        cp = compose(text, 11)
        last = line_texts(cp)[-1]
        assert sum(map(is_han, last)) >= 2, (length, line_texts(cp))
        assert not any("孤字" in v for v in cp.violations)


@pytest.mark.parametrize("tail", ["期待——", "期待……"])
def test_a_dash_or_ellipsis_does_not_keep_a_last_han_character_company(tail):
    # 9 国 + 期待—— would otherwise set as 国×9期 | 待—— at 11 em (seed 000's "回应群众期待——")
    for length in (9, 20, 31):
        cp = compose("国" * length + tail, 11)
        last = line_texts(cp)[-1]
        assert last != tail[1:], (length, line_texts(cp))
        assert sum(map(is_han, last)) >= 2, (length, line_texts(cp))
        assert not any("孤字" in v for v in cp.violations)


def test_pulling_a_character_down_keeps_the_line_above_within_limits():
    cp = compose("国" * 23, 11)          # greedy would leave one 国 alone on line 3
    assert [len(t) for t in line_texts(cp)] in ([11, 10, 2], [10, 11, 2], [10, 10, 3])
    assert all(line.gap_expansion <= 0.25 for line in cp.lines)


def test_every_character_appears_once_and_in_order():
    for text in (SEED, "hello world, this is a long latin line " * 3, "坚定信心 开拓奋进 真抓实干"):
        for measure in (5, 8, 11, 13):
            cp = compose(text, measure, 2)
            assert cp.text == text


def test_a_space_at_a_break_stays_as_a_zero_width_glyph_ending_its_line():
    # the one place a space is not printed: it is kept, with no width, so nothing is lost
    cp = compose("hello world this is a test", 8)
    first = cp.lines[0].glyphs
    assert first[-1].kind == "space" and first[-1].width == 0
    assert not cp.lines[1].glyphs[0].char.isspace()


def test_runs_keep_their_fonts():
    runs = [Run("伊滨讯 3月28日", "hei"), Run("，区党工委理论学习中心组举行集体学习研讨", "song")]
    cp = compose_paragraph(runs, ParagraphStyle(11), Synthetic())
    glyphs = [g for line in cp.lines for g in line.glyphs]
    assert {g.font for g in glyphs[:9]} == {"hei"}
    assert {g.font for g in glyphs[9:]} == {"song"}


def test_punctuation_is_compressed_before_a_line_is_loosened():
    # 9 Han + two commas fill 11 em, and 。 may not start the next line: pushing it
    # in (½ em at the line end, ½ em taken from a comma) beats pushing 九 out
    cp = compose("一二，三四，五六七八九。十甲乙丙丁", 11)
    assert line_texts(cp)[0] == "一二，三四，五六七八九。"
    first = cp.lines[0]
    assert first.width == pytest.approx(11)
    commas = [g.width for g in first.glyphs if g.char == "，"]
    assert sum(commas) == pytest.approx(1.5)   # shared evenly: ¼ em off each


@pytest.mark.parametrize("align", ["left", "center", "right"])
def test_unjustified_alignments_place_lines_without_stretching(align):
    cp = compose("坚定信心开拓奋进真抓实干", 10, 0, align=align)
    for line in cp.lines:
        slack = 10 - line.width
        start = {"left": 0, "center": slack / 2, "right": slack}[align]
        assert line.glyphs[0].x == pytest.approx(start)
        assert line.gap_expansion == 0


def test_a_word_wider_than_the_measure_is_split_and_reported_not_lost():
    text = "国际" + "Pneumonoultramicroscopicsilicovolcanoconiosis" + "一二三"
    cp = compose(text, 8)
    assert cp.text == text
    assert any("splits" in v for v in cp.violations)
    assert all(line.width <= 8 + 1e-6 for line in cp.lines)


def test_an_impossible_line_is_reported_as_too_loose():
    cp = compose("一二ABCDEFGH三四五六七", 5)
    assert cp.text == "一二ABCDEFGH三四五六七"
    assert any("expansion" in v for v in cp.violations)


def test_loose_lines_are_counted():
    cp = compose("一二三四五，六七八九十", 5)
    assert cp.loose_lines == sum(1 for line in cp.lines if line.gap_expansion > 0.25)
    assert cp.loose_lines == 1


def test_empty_text_gives_no_lines():
    assert compose("", 11).lines == ()
