"""Rule 6: units, codes and URLs kept whole across line ends in body text.

Each story's body lines are read back into paragraphs (View.paragraphs),
and every line end inside a paragraph must not split

- a number (2|024, 3.|5), or a number from its unit: 3.5|亿 or 3.5|亿元,
  120|km/h, 20|℃ (3.5亿|元 keeps 3.5亿 whole, and is allowed);
- a unit, simple or compound: 平方|米, 千瓦|时, km/|h, kW·|h, mg/|L, 元/|吨;
- a product or standard code: CR400|AF, GB/T |15834-2011;
- a URL or an e-mail address, except right after / . - ? = (where a URL may
  break).

`split_at(text, k)` says what a break at k splits; the headline rule asks it too.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..compose.classes import NO_START, word_may_start_line
from .view import View

NUMBER = r"[0-9０-９]+(?:[.,．][0-9０-９]+)*"
MAGNITUDE = r"(?:万亿|千亿|百亿|千万|百万|亿|万)"
_HAN_UNITS = sorted("""平方公里 平方千米 平方米 平方厘米 立方米 立方厘米 千瓦时 万千瓦时 亿千瓦时
    万千瓦 千瓦 兆瓦 吉瓦 瓦时 千伏 伏特 千克 公斤 公里 千米 厘米 毫米 微米 纳米 公顷 毫升 立方
    美元 欧元 日元 英镑 港元 澳元 人民币 元 吨 米 克 毫克 亩 升 瓦 伏 斤 摄氏度 标准煤 标方 个百分点
    千卡 焦耳 帕 兆帕 赫兹 分贝 海里""".split(), key=len, reverse=True)
_LATIN_UNITS = sorted("""km/h m/s km² m² m³ cm² cm³ mm² kWh MWh GWh TWh kW MW GW TW kV mV V W
    mg/L g/L mg/kg μg/m³ µg/m³ ug/m³ kg mg μg µg g t km cm mm nm μm µm m mL ml L Hz kHz MHz
    GHz kb Kb Mb Gb KB MB GB TB PB bps Kbps Mbps Gbps Pa kPa MPa dB ℃ °C % ％ ‰""".split(),
                      key=len, reverse=True)
_SIMPLE = "|".join(re.escape(u) for u in _HAN_UNITS + _LATIN_UNITS)
_PER = ("(?:" + "|".join(sorted("""天 日 年 月 时 小时 秒 分钟 人 人次 户 亩 台 辆 件 张 次 份 头 只 个
    吨 公斤 千克 斤 平方米 立方米 米 千瓦时 度 h s d L kg t m² m³ km""".split(),
                                key=len, reverse=True)) + ")")
UNIT = rf"(?:(?:{_SIMPLE})(?:[/·・](?:{_SIMPLE}|{_PER}))*)"
COMPOUND = re.compile(rf"(?:{_SIMPLE})(?:[/·・](?:{_SIMPLE}|{_PER}))+")
QUANTITY = re.compile(rf"(?P<num>{NUMBER})(?P<mag>{MAGNITUDE})?(?P<space> ?)(?P<unit>{UNIT})?")
CODE = re.compile(r"(?:GB/T|GB|DL/T|NB/T|JGJ|ISO|IEC|HJ|YY|QB)\s?\d+(?:[.-]\d+)*"
                  r"|(?<![A-Za-z0-9])[A-Za-z]+-?\d[A-Za-z0-9]*(?:[-_/.][A-Za-z0-9]+)*"
                  r"|(?<![A-Za-z0-9])\d+[A-Za-z]+[A-Za-z0-9]*(?:[-_/][A-Za-z0-9]+)*")
URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+"
                 r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"
                 r"|(?<![A-Za-z0-9@.])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
                 r"\.(?:com|cn|net|org|gov|edu|info|io)(?:\.cn)?(?:/[A-Za-z0-9\-._~/?#=&%]*)?")
URL_BREAK_AFTER = frozenset("/.-?=")
_LATIN = re.compile(r"[A-Za-z]")


def splits(text: str, ends, measure: float | None = None,
           widths: list[float] | None = None) -> dict[int, str]:
    """What a line break at each offset of `ends` in `text` splits (only
    the offsets that split something). Each pattern runs once over the text.
    An item wider than `measure` (in ems: the drawn `widths` of its
    characters when given, else a half-width character counting half), with
    the mark after it that may not begin a line (12020122000000931082， in an
    11-em column), cannot stay whole: breaking it is no finding (the composer
    reports it, compose.typography)."""
    def too_wide(m) -> bool:
        if measure is None:
            return False
        width = sum(widths[m.start():m.end()]) if widths else ems(m.group())
        after = text[m.end():m.end() + 1]
        if after and (after in NO_START or not word_may_start_line(after)):
            width += 0.5     # the mark after it cannot begin a line: half-width at its end
        return width > measure + 1e-9

    ends = sorted(set(ends))
    out: dict[int, str] = {}

    def inside(m, start=None, end=None):
        lo = m.start() if start is None else start
        hi = m.end() if end is None else end
        at = bisect_right(ends, lo)
        while at < len(ends) and ends[at] < hi:
            yield ends[at]
            at += 1

    if _LATIN.search(text):
        for m in URL.finditer(text):
            if too_wide(m):
                continue
            for k in inside(m):
                if text[k - 1] not in URL_BREAK_AFTER:
                    out.setdefault(k, f"the address {m.group()}")
                else:
                    out.setdefault(k, "")          # a URL's own break: nothing else to ask
    for m in QUANTITY.finditer(text):
        if too_wide(m):
            continue
        for k in inside(m):
            if k in out:
                continue
            what = _quantity_split(m, k)
            if what:
                out[k] = what
    for pattern, name in ((COMPOUND, "the unit"), (CODE, "the code")):
        for m in pattern.finditer(text):
            if too_wide(m):
                continue
            for k in inside(m):
                out.setdefault(k, f"{name} {m.group()}")
    return {k: what for k, what in out.items() if what}


def _quantity_split(m, k: int) -> str | None:
    num_end = m.end("num")
    if k < num_end:
        return f"the number {m.group('num')}"
    if m.group("mag") and k < m.end("mag"):
        return f"the number {m.group('num')}{m.group('mag')}"
    if k == num_end and (m.group("mag") or m.group("unit")):
        return f"{m.group('num')} from its unit {m.group('mag') or m.group('unit')}"
    if m.group("unit") and m.group("space") and k == m.start("space") + 1 \
            and not m.group("mag"):
        return f"{m.group('num')} from its unit {m.group('unit')}"
    if m.group("unit") and m.start("unit") < k:
        return f"the unit {m.group('unit')}"
    return None


def split_at(text: str, k: int) -> str | None:
    """What a line break at offset k of `text` splits, or None."""
    return splits(text, (k,)).get(k)


def ems(text: str) -> float:
    """Width in ems, a half-width (ASCII) character counting half."""
    return sum(0.5 if c.isascii() else 1.0 for c in text)


def check_units(view: View):
    for paragraph in view.paragraphs():
        if len(paragraph) < 2:
            continue
        text, ends, widths = "", [], []
        for line in paragraph:
            ends.append(len(text))
            text += line.text
            widths += [g.width / len(g.char) for g in line.element.glyphs for _ in g.char]
        # the paragraph's full lines give its measure: an item wider than a
        # whole line had to break (the composer reports that itself)
        measure = max(max((g.x + g.width for g in line.element.glyphs), default=0.0)
                      for line in paragraph)
        found = splits(text, ends[1:], measure, widths)
        for k, line in zip(ends[1:], paragraph[1:]):
            what = found.get(k)
            if what:
                yield view.at(line, f"a line end splits {what} "
                                    f"({text[max(0, k - 8):k]}|{text[k:k + 8]})")
