"""No input makes the composer raise or lose a character (random mixes of Han,
punctuation, digits, Latin, spaces and the two-character marks)."""

import random

import pytest

from typeset.compose import ParagraphStyle, Run, compose_headline, compose_paragraph

from .test_compose_support import NarrowQuotes, Synthetic

PIECES = (list("中国新闻出版印刷排版技术发展伊滨科技城") * 3
          + list("。，、：；！？“”‘’（）《》「」·～／-/…—") + ["——", "……", "⸺"]
          + ["2024", "15.5", "1,000", "85%", "60GWh", "COVID-19", "hello", "x"]
          + [" ", "  ", "\u3000", "\u00a0", "é", "Ωmega", "𪚥", "①", "■"])


def random_text(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 80)))


@pytest.mark.parametrize("seed", range(300))
def test_random_paragraphs_never_raise_and_never_lose_text(seed):
    rng = random.Random(seed)
    text = random_text(rng)
    runs, k = [], 0
    while k < len(text):                          # split into runs of random fonts
        step = rng.randint(1, 12)
        runs.append(Run(text[k:k + step], rng.choice(["song", "hei", "kai"])))
        k += step
    style = ParagraphStyle(rng.choice([3, 5, 8, 11, 13]), rng.choice([0, 1, 2]),
                           rng.choice(["justify", "left", "center", "right"]))
    metrics = rng.choice([Synthetic(), NarrowQuotes()])
    cp = compose_paragraph(runs, style, metrics)
    assert "".join(g.char for line in cp.lines for g in line.glyphs) == text
    for line in cp.lines:
        xs = [g.x for g in line.glyphs]
        assert xs == sorted(xs)
    if not cp.violations and style.align == "justify":
        for line in cp.lines[:-1]:
            assert line.width == pytest.approx(style.measure, abs=1e-6)


@pytest.mark.parametrize("seed", range(60))
def test_random_headlines_never_raise_and_never_lose_text(seed):
    rng = random.Random(1000 + seed)
    text = random_text(rng)
    lines = compose_headline(text, rng.choice([3, 6, 10]), Synthetic())
    assert "".join(lines).replace(" ", "") == "".join(text.split()).replace(" ", "")
