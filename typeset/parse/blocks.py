"""Source lines → raw blocks (a heading line, or lines between blank lines).

A block is what a reader sees as one unit of the file: a heading line (`#`,
`##`, `###`), or consecutive non-empty lines between blank lines. Lines inside
a block were broken by hand (or by the PDF extractor at a column end); the
evidence (evidence.py) and the grammar (grammar.py) decide what each block is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalise import clean_spaces, normalise_punctuation


@dataclass(frozen=True)
class Line:
    number: int   # 1-based source line number
    text: str     # cleaned and normalised
    hard: bool = False   # the source ends it with a hard break (two trailing spaces)


@dataclass(frozen=True)
class RawBlock:
    lines: tuple[Line, ...]
    heading: int = 0   # 1, 2, 3 for #, ##, ###; 0 for text

    @property
    def first(self) -> int:
        return self.lines[0].number

    @property
    def last(self) -> int:
        return self.lines[-1].number

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(line.text for line in self.lines)

    @property
    def text(self) -> str:
        return "".join(self.texts)


_HEADING = re.compile(r"^(#{1,6})\s*(.*)$")


def split_blocks(source_lines: tuple[str, ...]) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    current: list[Line] = []

    def flush() -> None:
        if current:
            blocks.append(RawBlock(tuple(current)))
            current.clear()

    for number, raw in enumerate(source_lines, 1):
        text = clean_spaces(raw)
        if not text:
            flush()
            continue
        heading = _HEADING.match(text)
        if heading and heading.group(2):
            flush()
            level = min(len(heading.group(1)), 3)
            blocks.append(RawBlock((Line(number, normalise_punctuation(heading.group(2))),), level))
            continue
        current.append(Line(number, normalise_punctuation(text),
                            raw.rstrip("\r\n").endswith("  ")))
    flush()
    return blocks


# 2008年5月28日 星期三 第3版 综合新闻 · 第A06版 国内·国际 · 第1版 要闻: a page head
# of the source's own pagination (报眉), never a story.
_RUNNING_HEAD = re.compile(
    r"^(?:\d{4}年\d{1,2}月\d{1,2}日 ?)?(?:星期[一二三四五六日天] ?|週[一二三四五六日] ?)?"
    r"第([A-Z]?\d{1,3}|[一二三四五六七八九十]{1,3})版(?: ?[^，。！？；：,.!?;:]{1,12})?$")
_HAN_NUMBER = {c: n for n, c in enumerate("一二三四五六七八九", 1)}


def page_number(text: str) -> int | None:
    """01, 3, A06 (the digits), 十二 → 12."""
    digits = text.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if digits.isdigit():
        return int(digits)
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _HAN_NUMBER.get(tens, 1) * 10 + _HAN_NUMBER.get(ones, 0)
    return _HAN_NUMBER.get(text)


def running_head_page(text: str) -> int | None:
    """The page number a running head names (第3版 → 3), or None when the
    line is not a running head."""
    match = _RUNNING_HEAD.match(text)
    return page_number(match.group(1)) if match else None
