"""Helpers shared by the composer tests (no tests here): synthetic metrics and line views."""

from __future__ import annotations

from typeset.compose import ParagraphStyle, Run, compose_paragraph

from .paths import SEEDS

SEED_000 = str(SEEDS / "000_75e0bf726cbcfecc.txt")


class Synthetic:
    """Every CJK character 1 em, every ASCII character ½ em."""

    def advance(self, font: str, char: str) -> float:
        return 0.5 if ord(char) < 128 else 1.0


class NarrowQuotes(Synthetic):
    """A font whose curly quotes are ⅓ em and whose — is 0.89 em (as Noto's is)."""

    def advance(self, font: str, char: str) -> float:
        if char in "“”‘’":
            return 1 / 3
        if char == "\u2014":
            return 0.89
        return super().advance(font, char)


def compose(text: str, measure: float = 11, indent: float = 0.0, metrics=None, **style):
    return compose_paragraph([Run(text)], ParagraphStyle(measure, indent, **style),
                             metrics or Synthetic())


def line_texts(cp) -> list[str]:
    return ["".join(g.char for g in line.glyphs) for line in cp.lines]


def glyph(line, char):
    return next(g for g in line.glyphs if g.char == char)


def seed_paragraph(prefix: str) -> str:
    """A seed paragraph with halfwidth ,:;()!? made full-width (the parser's job)."""
    table = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！",
                           "?": "？"})
    with open(SEED_000, encoding="utf-8") as f:
        for line in f:
            if line.startswith(prefix):
                return line.strip().translate(table)
    raise LookupError(prefix)
