"""Headline breaking: balanced lines at phrase boundaries (BudouX zh-Hans) and spaces."""

import budoux
import pytest

from typeset.compose import compose_headline

from .test_compose_support import Synthetic

HEADLINES = [
    "龙门实验室配套工程创智广场（二期）项目冲刺交付“倒计时”",
    "区党工委理论学习中心组举行集体学习研讨",
    "加快重点项目建设 聚力打造伊滨科技城",
    "以奋斗姿态谱写伊滨经济发展新篇章",
    "中州时代项目进入机电安装阶段",
]


def width(line):
    return sum(Synthetic().advance("hei", c) for c in line)


@pytest.mark.parametrize("text", HEADLINES)
@pytest.mark.parametrize("measure", [8, 10, 12, 16])
def test_headline_lines_fit_and_lose_nothing(text, measure):
    lines = compose_headline(text, measure, Synthetic())
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert width(line.rstrip("。，、”）")) <= measure + 1e-9, lines


@pytest.mark.parametrize("text", HEADLINES)
@pytest.mark.parametrize("measure", [6, 8, 10, 12, 16])
def test_no_headline_line_is_a_single_character(text, measure):
    for line in compose_headline(text, measure, Synthetic()):
        assert len(line.strip("“”（）《》，。、")) >= 2


def test_headline_breaks_fall_on_phrase_boundaries():
    text = "区党工委理论学习中心组举行集体学习研讨"
    parser = budoux.load_default_simplified_chinese_parser()
    bounds, pos = set(), 0
    for phrase in parser.parse(text):
        pos += len(phrase)
        bounds.add(pos)
    lines = compose_headline(text, 12, Synthetic())
    assert len(lines) == 2
    assert len(lines[0]) in bounds


def test_headline_breaks_at_the_spaces_the_editor_typed():
    lines = compose_headline("坚定信心 开拓奋进 真抓实干", 10, Synthetic())
    assert len(lines) == 2
    assert set(lines) <= {"坚定信心 开拓奋进", "真抓实干", "坚定信心", "开拓奋进 真抓实干"}


def test_headline_lines_are_balanced():
    lines = compose_headline("以奋斗姿态谱写伊滨经济发展新篇章", 14, Synthetic())
    assert len(lines) == 2
    assert abs(len(lines[0]) - len(lines[1])) <= 4      # not 14 + 2


def test_a_headline_that_fits_stays_on_one_line():
    assert compose_headline("中州时代项目进入机电安装阶段", 20, Synthetic()) == (
        "中州时代项目进入机电安装阶段",)


def test_more_lines_than_allowed_signal_a_smaller_size_is_needed():
    lines = compose_headline("以奋斗姿态谱写伊滨经济发展新篇章", 4, Synthetic())
    assert len(lines) > 3
    assert all(width(line) <= 4 for line in lines)


def test_empty_headline():
    assert compose_headline("  ", 10, Synthetic()) == ()


def test_breaking_a_headline_is_linear_in_its_length(monkeypatch):
    """Work counted, not timed: the lines weighed at ×1, ×2, ×4 the length
    grow at most ×2.2 per doubling (a ## before a paragraph once took minutes)."""
    import typeset.compose.headline as headline
    weighed = []
    real = headline._fewest_lines

    def counting(breakable, n, cost, first_start):
        calls = [0]

        def counted(a, b):
            calls[0] += 1
            return cost(a, b)
        result = real(breakable, n, counted, first_start)
        weighed.append(calls[0])
        return result
    monkeypatch.setattr(headline, "_fewest_lines", counting)
    base = "龙门实验室配套工程创智广场二期项目冲刺交付倒计时区党工委理论学习中心组举行集体学习研讨"
    for length in (250, 500, 1000):
        headline.compose_headline((base * 40)[:length], 24.0, Synthetic(), "hei")
    for small, large in zip(weighed, weighed[1:]):
        assert large <= 2.2 * small, weighed


def test_a_headline_line_is_set_once_and_only_shifted_for_each_measure():
    """Composer.lines sets a line that fits once and moves it for its
    alignment: what paragraph() gives at every measure, glyph for glyph (up
    to float rounding, which the printed PDF does not show: the archive's
    PDFs came out byte-identical) — the shipped fonts' real widths,
    punctuation at the line ends included."""
    from typeset.compose import Composer, Run
    from typeset.design import load_layout

    from .layout_support import fonts_for
    layout = load_layout("tabloid")
    composer = Composer(layout, fonts_for(layout))
    titles = ["龙门实验室配套工程创智广场（二期）项目冲刺交付“倒计时”", "“澳车北上”近一年 通关车辆突破110万",
              "进度超八成！颗粒归仓，稳住粮食安全“压舱石”", "2026跨年倒數｜中環遮打建巨型時鐘＋Air Supply、馮允謙"]
    compared = 0
    for title in titles:
        for font in ("hei", "song"):
            for measure in (x / 2 for x in range(6, 60)):
                for align in ("center", "left", "right"):
                    for text in compose_headline(title, measure, composer.metrics, font):
                        want = composer.paragraph((Run(text, font),), measure, 0, align,
                                                  align).lines
                        got = composer.lines(text, font, measure, align)
                        assert len(got) == len(want), (text, measure, align)
                        for a, b in zip(got, want):      # equal up to float rounding
                            assert a.width == pytest.approx(b.width, abs=1e-9)
                            assert [(g.char, g.font, g.width, g.kind, g.offset) for g in a.glyphs] \
                                == [(g.char, g.font, g.width, g.kind, g.offset) for g in b.glyphs]
                            assert [g.x for g in a.glyphs] == pytest.approx(
                                [g.x for g in b.glyphs], abs=1e-9), (text, measure, align)
                        compared += 1
    assert compared > 500
