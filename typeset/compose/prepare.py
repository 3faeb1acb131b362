"""Prepare: paragraph runs → measured units and the gaps between them.

A *unit* is the smallest thing a line break never enters: one Han character, one
punctuation mark, a —— or …… pair, a whole western run (a number with its unit,
60GWh, COVID-19, a URL) or a run of spaces. A *gap* sits after every unit but the
last and carries the glue (¼ em Han–Latin space), whether a break may fall there,
and whether justification may widen it. Everything here is measured once; the
breaker and the line builder only read it (Typst's "preparation").

Some stretches of several units are kept whole too (_keep_together): a number
with its magnitude and unit (8.88亿千瓦, 1,152萬), a compound unit (千瓦时,
元/吨), a full-width number, and a phonetic note with the character it reads
(䶮（yǎn）). A western run wider than the measure breaks at its joints (after
/ . - ? = of a URL), else where its case changes, and only then anywhere.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Sequence

from .classes import (INK_SIDE, classify, han_latin_space, may_break,
                      word_may_end_line, word_may_start_line)
from .values import Metrics

HAN_LATIN = 0.25          # Han–Latin space, em
HAN_LATIN_MAX = 0.5       # …stretches to ½ em
HAN_LATIN_MIN = 0.125     # …shrinks to ⅛ em
WESTERN_SPACE_MAX = 0.5   # a western word space stretches up to ½ em
FORCED_BREAK_PENALTY = 1000  # inside a word too long for the measure (reported)
URL_BREAK_PENALTY = 200      # …at its joints, after / . - ? = (reported too)
CAMEL_BREAK_PENALTY = 500    # …where its case or script changes (DiscoverHong|Kong)
DATE_BREAK_PENALTY = 400     # inside 3月28日: only to avoid a line spaced out past ½ em

_FULL_WIDTH_CLASSES = frozenset("PCOM")  # set on a 1 em body whatever the font says
_UNIT_DOTS = frozenset("\u00b7\u22c5")        # the dot of kW·h (a middle dot, a dot operator)
_ONE_EM_CONNECTORS = frozenset("\u2014～")


class Prepared:
    """Units (u_*) and the gaps after them (g_*), as parallel lists for a lean breaker."""
    __slots__ = ("text", "fonts", "adv", "u_start", "u_end", "u_cls", "u_kind", "u_w",
                 "u_native", "u_lcut_done", "u_rcut_done", "u_lcut", "u_rcut", "u_shrink",
                 "u_stretch", "g_w", "g_shrink", "g_stretch", "g_just", "g_break", "g_penalty")

    def __init__(self) -> None:
        for name in self.__slots__:
            setattr(self, name, [])
        self.text = ""

    def __len__(self) -> int:
        return len(self.u_start)

    def unit_text(self, i: int) -> str:
        return self.text[self.u_start[i]:self.u_end[i]]


def _flatten(runs: Sequence) -> tuple[str, list[str]]:
    text = "".join(r.text for r in runs)
    fonts: list[str] = []
    for r in runs:
        fonts.extend([r.font] * len(r.text))
    return text, fonts


def _segment(text: str) -> list[tuple[int, int, str]]:
    """Cut text into (start, end, class) units. The pair rules never look inside one."""
    units: list[tuple[int, int, str]] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        cls = classify(ch)
        j = i + 1
        if cls == "W" or ((ch == "-" or ch == "/") and j < n and classify(text[j]) == "W"):
            # a western run: letters, digits, ASCII symbols, apostrophes between letters
            while j < n:
                c = text[j]
                k = classify(c)
                if k == "W" or c == "-" or c == "/":
                    j += 1
                elif c in "’'" and j + 1 < n and text[j + 1].isalpha() and text[j - 1].isalpha():
                    j += 1
                elif (c in _UNIT_DOTS and j + 1 < n and text[j + 1].isascii()
                      and text[j + 1].isalpha() and text[j - 1].isascii() and text[j - 1].isalpha()):
                    j += 1       # kW·h, N·m: a compound unit is one word
                else:
                    break
            if j - i == 1 and ch in "-/":
                cls = "J" if ch == "-" else "S"
            else:
                cls = "W"
        elif cls == "Z":
            while j < n and classify(text[j]) == "Z":
                j += 1
        elif cls == "D" and ch == "\u2014":
            if j < n and text[j] == "\u2014":
                j += 1           # —— : one unit
            else:
                cls = "J"        # a lone — is a connector
        elif cls == "E":
            if j < n and text[j] == ch:
                j += 1           # …… / ⋯⋯ : one unit (a lone … stays class E, 1 em)
        units.append((i, j, cls))
        i = j
    return units


def prepare(runs: Sequence, metrics: Metrics, measure: float) -> Prepared:
    text, fonts = _flatten(runs)
    p = Prepared()
    p.text = text
    p.fonts = fonts
    cache: dict[tuple[str, str], float] = {}
    adv = [0.0] * len(text)

    def advance(i: int) -> float:
        key = (fonts[i], text[i])
        a = cache.get(key)
        if a is None:
            a = cache[key] = float(metrics.advance(*key))
        return a

    segs = _segment(text)
    u_start, u_end, u_cls, u_kind, u_w, u_native = (p.u_start, p.u_end, p.u_cls, p.u_kind,
                                                    p.u_w, p.u_native)
    for s, e, cls in segs:
        u_start.append(s)
        u_end.append(e)
        u_cls.append(cls)
        native = 0.0
        if cls == "H":
            kind, w = "char", advance(s)
            adv[s] = w
        elif cls == "W":
            kind, w = "word", 0.0
            for k in range(s, e):
                a = advance(k)
                adv[k] = a
                w += a
        elif cls in _FULL_WIDTH_CLASSES or (cls == "J" and text[s] in _ONE_EM_CONNECTORS):
            kind, w, native = "punct", 1.0, advance(s)
        elif cls == "D":
            kind, w = "dash", 2.0
        elif cls == "E":
            kind, w = ("ellipsis", 2.0) if e - s == 2 else ("punct", 1.0)
            native = advance(s)
        elif cls == "Z":
            kind, w = "space", 0.0   # sized below, once the neighbours are known
        else:                        # J "-" / "–", S "/" "／": the font's own width
            kind, w = "char", advance(s)
            adv[s] = w
        u_kind.append(kind)
        u_w.append(w)
        u_native.append(native)

    n = len(segs)
    p.u_lcut_done = lcut_done = [0.0] * n
    p.u_rcut_done = rcut_done = [0.0] * n
    p.u_lcut = lcut = [0.0] * n
    p.u_rcut = rcut = [0.0] * n
    p.u_shrink = shrink = [0.0] * n
    p.u_stretch = stretch = [0.0] * n

    # Spaces: between two western units the font's space (stretchy); otherwise an
    # ASCII space sits between CJK text (坚定信心 开拓奋进, 伊滨讯 3月28日) and is 1 em.
    for i in range(n):
        if u_kind[i] != "space":
            continue
        left = u_cls[i - 1] if i > 0 else ""
        right = u_cls[i + 1] if i + 1 < n else ""
        if left == "W" and right == "W" and text[u_start[i]] != "\u3000":
            w = advance(u_start[i])
            stretch[i] = max(0.0, WESTERN_SPACE_MAX - w)
            shrink[i] = w / 3
        else:
            w = 1.0
        u_w[i] = w
        lcut[i] = rcut[i] = w   # no space at a line start or end

    # Adjacent marks: 2 em → 1.5 em. Cut the half of whichever mark is blank on the
    # shared side (。” cuts 。's right, “「 cuts 「's left).
    for i in range(n - 1):
        if u_kind[i] == "punct" and u_kind[i + 1] == "punct":
            left_side = INK_SIDE.get(text[u_end[i] - 1], "C")
            right_side = INK_SIDE.get(text[u_start[i + 1]], "C")
            if left_side == "L" and rcut_done[i] == 0.0 and u_cls[i] in "PC":
                rcut_done[i] = 0.5
                u_w[i] -= 0.5
            elif right_side == "R" and u_cls[i + 1] == "O":
                lcut_done[i + 1] = 0.5
                u_w[i + 1] -= 0.5

    for i in range(n):
        cls = u_cls[i]
        if u_kind[i] != "punct":
            continue
        if cls in "PC" and rcut_done[i] == 0.0:
            rcut[i] = 0.5          # line-end mark: the blank half after it is dropped
            shrink[i] = 0.5
        elif cls == "O" and lcut_done[i] == 0.0:
            lcut[i] = 0.5          # line-start opening mark loses its leading half
            shrink[i] = 0.5
        elif cls == "M":
            shrink[i] = 0.5        # ¼ em each side

    # Gaps after each unit.
    g_w = p.g_w = [0.0] * n
    g_sh = p.g_shrink = [0.0] * n
    g_st = p.g_stretch = [0.0] * n
    g_j = p.g_just = [1] * n
    g_b = p.g_break = [False] * n
    g_p = p.g_penalty = [0] * n
    for i in range(n - 1):
        lc, rc = u_cls[i], u_cls[i + 1]
        if han_latin_space(lc, rc):
            g_w[i], g_sh[i], g_st[i] = HAN_LATIN, HAN_LATIN - HAN_LATIN_MIN, HAN_LATIN_MAX - HAN_LATIN
        if rc == "Z":
            g_j[i] = 0       # a space and its two gaps count as one justification gap
        elif lc == "Z":
            # break after a space, judged by the units on either side of it
            if text[u_start[i]] != "\u00a0":
                before = u_cls[i - 1] if i > 0 else "Z"
                ok = may_break(before, rc)
                if ok and before == "W":
                    ok = word_may_end_line(p.unit_text(i - 1))
                if ok and rc == "W":
                    ok = word_may_start_line(p.unit_text(i + 1))
                g_b[i] = ok
        else:
            ok = may_break(lc, rc)
            if ok and lc == "W":
                ok = word_may_end_line(p.unit_text(i))
            if ok and rc == "W":
                ok = word_may_start_line(p.unit_text(i + 1))
            if ok and _inside_date(p, i):
                g_p[i] = DATE_BREAK_PENALTY
            g_b[i] = ok
    if n:
        g_j[n - 1] = 0
    p.adv = adv
    _keep_together(p, measure)
    _split_overlong_words(p, measure)
    return p


# A date or time reads as one unit: 3月28日, 2024年4月1日, 8时30分 are kept
# whole (GB/T 15835 keeps a number with its unit) unless the only other way
# is a line spaced out past ½ em, as in a 9-character column.
_DATE_UNITS = frozenset("年月日时分秒")
_DATE_LINKS = frozenset("年月时分")


def _inside_date(p: Prepared, i: int) -> bool:
    """Is the gap after unit i inside a date such as 3月28日?"""
    left, right = p.unit_text(i), p.unit_text(i + 1)
    if left.isdigit() and right in _DATE_UNITS:
        return True                                   # 3|月
    return (left in _DATE_LINKS and right.isdigit() and i > 0
            and p.unit_text(i - 1).isdigit())         # 3月|28


# Kept together (GB/T 15835 §4.2; the rule 6): a number with its
# magnitude and unit — 2000余万元, 15.5亿元, 8.88亿千瓦, 30.2万千瓦, 1,152萬,
# 300多户, 3个百分点 — a compound unit wherever it stands — 千瓦时, 万千瓦,
# 元/吨 — and a number in full-width digits (２０２４, ３．５). A western run
# (56.2%, 0.5℃, km/h, kW·h, 220kV, 5G, CGTN, a URL) is one unit already.
# No break falls inside one, unless it alone is wider than the measure: then
# the old price of a date (DATE_BREAK_PENALTY) lets it break rather than stick out.
_MAGNITUDES = "余多万亿萬億千百"
_COMPOUND_UNITS = (
    "千瓦时 千瓦時 兆瓦时 兆瓦時 吉瓦时 吉瓦時 瓦时 瓦時 千瓦 兆瓦 吉瓦 千伏 兆帕 千帕 "
    "千米 公里 平方米 平方公里 平方千米 立方米 公斤 千克 毫克 公顷 公頃 "
    "摄氏度 攝氏度 华氏度 華氏度 百分点 百分點 个百分点 個百分點 人次 小时 小時 分钟 分鐘 "
    "毫米 厘米 毫升 公升 美元 欧元 歐元 港元 港币 港幣 澳门币 日元 卢布 盧布 英镑 英鎊 "
    "元/吨 元/噸 元/千瓦时 元/公斤 元/斤 元/平方米 吨/小时 千米/小时 公里/小时").split()
_SINGLE_UNITS = ("元圆吨噸米人户戶家个個亩畝台辆輛件项項次名所座倍斤克岁歲瓦度栋棟套条條"
                 "支处處份天只头頭架艘列届屆号號位层層张張本篇种種批类類成秒升颗顆株棵箱袋盒瓶杯"
                 "间間场場站轮輪")


def _unit_pattern() -> str:
    units = sorted({u.replace("/", "[/／]") for u in _COMPOUND_UNITS}, key=len, reverse=True)
    return "(?:" + "|".join(units) + f"|[{_SINGLE_UNITS}])"


_UNIT = _unit_pattern()
_NUMBER = r"[0-9０-９](?:[0-9０-９.,．]*[0-9０-９])?"
_QUANTITY_RE = re.compile(
    rf"(?P<quantity>{_NUMBER}(?:[{_MAGNITUDES}]+{_UNIT}?|{_UNIT}))"
    rf"|(?P<compound>[{_MAGNITUDES}]*{_UNIT.replace('|[' + _SINGLE_UNITS + ']', '')})"
    r"|(?P<fullwidth>[０-９Ａ-Ｚａ-ｚ]{2,}|[０-９]+(?:．[０-９]+)+)")

# A phonetic note: pinyin (with tone marks, or tone numbers) or bopomofo in
# brackets after the character it reads: 䶮（yǎn）, 冇（ㄇㄠˇ）. It stays with
# that character and is never broken, and nothing inside it is spaced out.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙǕǗǙǛ"
_PINYIN = "a-zA-Züêʼ'·\\- " + _TONED
_BOPOMOFO = "\u3100-\u312f\u31a0-\u31bf"
_BOPOMOFO_TONES = "ˉˊˇˋ˙"
_NOTE_RE = re.compile(
    rf"[（(](?:[{_PINYIN}]*[{_TONED}][{_PINYIN}]*"
    rf"|[a-zü]+[1-5](?: ?[a-zü]+[1-5])*"
    rf"|[{_BOPOMOFO}{_BOPOMOFO_TONES} ]*[{_BOPOMOFO}][{_BOPOMOFO}{_BOPOMOFO_TONES} ]*)[）)]")
_MAY_HOLD = re.compile(rf"[0-9０-９Ａ-Ｚａ-ｚ（({''.join(sorted(set(''.join(_COMPOUND_UNITS)) - set('/')))}]")


def kept_together(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every stretch of `text` no line break enters:
    quantity, compound (unit), fullwidth (number or code), note (phonetic)."""
    if not _MAY_HOLD.search(text):
        return []
    spans = [(m.start(), m.end(), m.lastgroup) for m in _QUANTITY_RE.finditer(text)]
    spans += [(m.start(), m.end(), "note") for m in _NOTE_RE.finditer(text)]
    return spans


def _keep_together(p: Prepared, measure: float) -> None:
    spans = kept_together(p.text)
    if not spans:
        return
    u_start, n = p.u_start, len(p)
    W = p.u_w
    for s, e, kind in spans:
        a = bisect_right(u_start, s) - 1          # the unit holding the span's first character
        b = bisect_right(u_start, e - 1) - 1      # …and its last
        if kind == "note":
            if a > 0:
                p.g_break[a - 1] = False          # 䶮|（yǎn）: the note stays with its character
            for i in range(a, b):
                p.g_break[i] = False
                p.g_w[i] = p.g_shrink[i] = p.g_stretch[i] = 0.0
                p.g_just[i] = 0
            continue
        if b <= a:
            continue
        if sum(W[a:b + 1]) + sum(p.g_w[a:b]) > measure + 1e-9:
            for i in range(a, b):                 # wider than the line: a costly break
                if p.g_break[i]:
                    p.g_penalty[i] = max(p.g_penalty[i], DATE_BREAK_PENALTY)
            continue
        for i in range(a, min(b, n - 1)):
            p.g_break[i] = False


# Where a western run too wide for the line may break: after / . - ? = &
# (a URL's or a path's own joints: DiscoverHongKong.|com, www.ly.|gov.|cn,
# https://|…), never inside // or --, nor at the point or comma of a number.
_URL_BREAK_AFTER = frozenset("/.-?=&")


def _word_joints(text: str, s: int, e: int) -> list[int]:
    """Offsets k in (s, e) where the run text[s:e] may break before text[k]."""
    joints = []
    for k in range(s + 1, e):
        c = text[k - 1]
        if c not in _URL_BREAK_AFTER or text[k] == c:
            continue
        if c in ".," and text[k].isdigit() and text[k - 2:k - 1].isdigit():
            continue
        if c == "-" and k - 1 == s:
            continue                          # -5%: the sign stays
        joints.append(k)
    return joints


def _camel_joints(text: str, s: int, e: int) -> list[int]:
    """Where a run changes case or script inside: Discover|Hong|Kong, CGTN|2025."""
    out = []
    for k in range(s + 1, e):
        a, b = text[k - 1], text[k]
        if (a.islower() and b.isupper()) or (a.isalpha() and b.isdigit()) \
                or (a.isdigit() and b.isalpha()):
            out.append(k)
    return out


_JOINTS = ((_word_joints, None), (_camel_joints, CAMEL_BREAK_PENALTY),
           (lambda text, s, e: list(range(s + 1, e)), FORCED_BREAK_PENALTY))


def _cut_word(text: str, adv: list[float], s: int, e: int, measure: float,
              level: int) -> list[tuple[int, int, float]]:
    """text[s:e] as pieces (start, end, penalty of a break after), cut at the
    joints of `level` and finer ones only where a piece is still too wide."""
    joints, _ = _JOINTS[level]
    penalty = URL_BREAK_PENALTY if level == 0 else _JOINTS[level][1]
    bounds = [s] + joints(text, s, e) + [e]
    cuts: list[tuple[int, int, float]] = []
    for a, b in zip(bounds, bounds[1:]):
        if b - a > 1 and sum(adv[a:b]) > measure + 1e-9 and level + 1 < len(_JOINTS):
            cuts += _cut_word(text, adv, a, b, measure, level + 1)
        else:
            cuts.append((a, b, 0))
        cuts[-1] = (cuts[-1][0], b, penalty)
    return cuts


def _split_overlong_words(p: Prepared, measure: float) -> None:
    """A western run wider than the measure can never fit: cut it at its joints
    (_word_joints: breaks with URL_BREAK_PENALTY), a piece still wider than the
    measure where its case changes (CAMEL_BREAK_PENALTY), and only then into one
    unit per character (FORCED_BREAK_PENALTY), so the text
    stays inside the column (the audit then reports the split). Rare, so
    rebuilding the lists is fine."""
    n = len(p)

    def room(i: int) -> float:
        # less what may not be parted from it: 12020122000000931082， ends its line
        # with the comma (half-width there), so both must fit
        # (a space after it that a line may end at is dropped there: 为 12020…082 的
        # keeps the number on a line of its own in an 11-em column)
        if i + 1 < n and not p.g_break[i]:
            return measure - (p.u_w[i + 1] - p.u_rcut[i + 1]) - p.g_w[i]
        return measure

    long_words = {i: room(i) for i in range(n)
                  if p.u_kind[i] == "word" and p.u_w[i] > room(i) + 1e-9}
    if not long_words:
        return
    old = {name: getattr(p, name) for name in Prepared.__slots__[3:]}
    for name in old:
        setattr(p, name, [])
    adv = p.adv
    for i in range(n):
        if i not in long_words:
            for name, values in old.items():
                getattr(p, name).append(values[i])
            continue
        s, e = old["u_start"][i], old["u_end"][i]
        cuts = _cut_word(p.text, adv, s, e, long_words[i], 0)
        for a, b, penalty in cuts:
            last = b == e
            row = dict(u_start=a, u_end=b, u_cls="W", u_kind="word", u_w=sum(adv[a:b]),
                       u_native=0.0, u_lcut_done=0.0, u_rcut_done=0.0, u_lcut=0.0, u_rcut=0.0,
                       u_shrink=0.0, u_stretch=0.0,
                       g_w=old["g_w"][i] if last else 0.0,
                       g_shrink=old["g_shrink"][i] if last else 0.0,
                       g_stretch=old["g_stretch"][i] if last else 0.0,
                       g_just=old["g_just"][i] if last else 0,
                       g_break=old["g_break"][i] if last else True,
                       g_penalty=old["g_penalty"][i] if last else penalty)
            for name, value in row.items():
                getattr(p, name).append(value)
