"""Source lines → raw blocks, and the small predicates the inference rules use.

A block is what a reader sees as one unit of the file: a heading line (`#`,
`##`, `###`), or consecutive non-empty lines between blank lines. Lines inside
a block were broken by hand (or by the PDF extractor at a column end); the
rules in `infer.py` decide what each block is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalise import clean_spaces, normalise_punctuation


@dataclass(frozen=True)
class Line:
    number: int   # 1-based source line number
    text: str     # cleaned and normalised


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
        current.append(Line(number, normalise_punctuation(text)))
    flush()
    return blocks


# ------------------------------------------------------------------ predicates

# A paragraph that ends with one of these is complete; anything else (a Han
# character, a digit, ， or 、) means the extractor cut it at a column end.
SENTENCE_END = "。！？；：…—”’」』）》"

# Byline role words, and where each stands: before the names (记者 张三) or
# after them (张三 摄). The one list of them; the layout breaks credit lines
# between the parts they make (Byline.parts).
ROLE_WORDS = {"记者": "before", "通讯员": "before", "实习生": "before", "摄影": "before",
              "撰稿": "before", "编辑": "before", "作者": "before",
              "摄": "after", "供稿": "after", "整理": "after"}
_NAME = r"[\u4e00-\u9fff·]{2,4}"
_ROLE = r"[\u4e00-\u9fff]{0,8}(?:" + "|".join(ROLE_WORDS) + r")"
# 洛报融媒记者 郭学锋 通讯员 文鹏 — role words each followed by names.
_CREDIT = re.compile(rf"^(?:{_ROLE} ?{_NAME}(?: {_NAME})*)(?: {_ROLE} ?{_NAME}(?: {_NAME})*)*$")
# （张晚霞 倪睿） · （伊滨宣） · （记者 张三）
_PAREN_NAMES = re.compile(rf"^（((?:{_ROLE} ?)?{_NAME}(?: (?:{_ROLE} ?)?{_NAME})*)）$")

_CONTINUED = re.compile(r"^（上接(?:第)?(\d{1,2})版）")
_JUMP_OUT = re.compile(r"（下转(?:第)?(\d{1,2})版）$")

# 伊滨讯 3月28日 · 本报讯 · 新华社北京3月28日电
_DATELINE = re.compile(
    r"^(?:[\u4e00-\u9fff]{1,8}讯(?: ?(?:\d{4}年)?\d{1,2}月\d{1,2}日)?"
    r"|[\u4e00-\u9fff]{2,12}\d{1,2}月\d{1,2}日电)(?=[，、 ]|（)")

PROMO_WORDS = ("二维码", "扫码", "扫一扫", "公众号", "客户端", "视频号", "抖音号", "下载")

SERIES_LABEL = re.compile(r"(?:系列)?(?:评论|述评|时评|短评|评论员文章|论坛|观察)$")

SUBHEAD_MARKERS = "■□●○◆◇▲△★☆▶►"

TITLE_MAX = 32   # characters: longer lines are sentences, not headlines


def byline_of(text: str) -> tuple[str, bool] | None:
    """(names, parenthesized) when the line is a credit line, else None."""
    match = _PAREN_NAMES.match(text)
    if match:
        return match.group(1), True
    if len(text) <= 40 and _CREDIT.match(text) and any(w in text for w in ROLE_WORDS):
        return text, False
    return None


def credit_parts(text: str) -> tuple[str, ...]:
    """A credit line's parts, each a role with its names — 洛报融媒记者 郭学锋 |
    通讯员 文鹏 — where a line may break; a role word that follows the names
    (摄, 整理) stays with them."""
    before = tuple(w for w, where in ROLE_WORDS.items() if where == "before")
    parts: list[str] = []
    for token in text.split(" "):
        if not parts or token.endswith(before):
            parts.append(token)
        else:
            parts[-1] += " " + token
    return tuple(parts)


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


def continued_from(text: str) -> tuple[int, str] | None:
    """(page, marker) for a continuation start like （上接01版）."""
    match = _CONTINUED.match(text)
    return (int(match.group(1)), match.group(0)) if match else None


def dateline_length(text: str) -> int:
    match = _DATELINE.match(text)
    return len(match.group(0)) if match else 0


def is_promo_line(text: str) -> bool:
    return len(text) <= 24 and any(word in text for word in PROMO_WORDS)


def is_title_line(text: str) -> bool:
    """Could a reader take this line for (part of) a headline?

    Short; no full stop inside; does not end like a sentence (。！？；：) or
    lead into something (——); not a credit line, continuation mark or promo.
    """
    if not 2 <= len(text) <= TITLE_MAX or "。" in text:
        return False
    if text[-1] in "。！？；：…" or text.endswith("——") or text.startswith("——"):
        return False
    return not (byline_of(text) or continued_from(text) or is_promo_line(text))


def is_title_block(block: RawBlock) -> bool:
    return block.heading == 0 and 1 <= len(block.lines) <= 3 and all(
        is_title_line(t) for t in block.texts)


def is_kicker_block(block: RawBlock) -> bool:
    """思路已定，明年伊滨经济工作这么干—— : one short line leading into the title."""
    if block.heading or len(block.lines) != 1:
        return False
    text = block.texts[0]
    return len(text) <= 40 and "。" not in text and (text.endswith("——") or text.endswith("："))


def is_deck_block(block: RawBlock) -> bool:
    """——访市政协副主席、伊川县委书记仝宇鹏 : a subtitle introduced by a dash."""
    if block.heading or len(block.lines) != 1:
        return False
    text = block.texts[0]
    return text.startswith("——") and len(text) <= 48 and "。" not in text


def ends_open(text: str) -> bool:
    """True when a paragraph stops mid-sentence (cut at a column or page end)."""
    return bool(text) and text[-1] not in SENTENCE_END


def reads_as_sentence(text: str) -> bool:
    """A cut paragraph: a long line, or one with a pause mark inside it.
    Distinguishes 一方面，加强科技创新硬件支撑，建 (cut) from a heading line."""
    return len(text) > TITLE_MAX or any(mark in text[:-1] for mark in "，、；：")
