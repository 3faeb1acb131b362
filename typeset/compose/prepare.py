"""Prepare: paragraph runs → measured units and the gaps between them.

A *unit* is the smallest thing a line break never enters: one Han character, one
punctuation mark, a —— or …… pair, a whole western run (a number with its unit,
60GWh, COVID-19, a URL) or a run of spaces. A *gap* sits after every unit but the
last and carries the glue (¼ em Han–Latin space), whether a break may fall there,
and whether justification may widen it. Everything here is measured once; the
breaker and the line builder only read it (Typst's "preparation").
"""

from __future__ import annotations

from typing import Sequence

from .classes import (INK_SIDE, classify, han_latin_space, may_break,
                      word_may_end_line, word_may_start_line)
from .values import Metrics

HAN_LATIN = 0.25          # Han–Latin space, em
HAN_LATIN_MAX = 0.5       # …stretches to ½ em
HAN_LATIN_MIN = 0.125     # …shrinks to ⅛ em
WESTERN_SPACE_MAX = 0.5   # a western word space stretches up to ½ em
FORCED_BREAK_PENALTY = 1000  # inside a word too long for the measure (reported)
DATE_BREAK_PENALTY = 400     # inside 3月28日: only to avoid a line spaced out past ½ em

_FULL_WIDTH_CLASSES = frozenset("PCOM")  # set on a 1 em body whatever the font says
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
            if ok and (_inside_date(p, i) or _inside_quantity(p, i)):
                g_p[i] = DATE_BREAK_PENALTY
            g_b[i] = ok
    if n:
        g_j[n - 1] = 0
    p.adv = adv
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


# A number with its magnitude and unit reads as one too: 2000余万元, 15.5亿元,
# 300多户, 60万千瓦 (GB/T 15835 §4.2). Same penalty as a date.
_MAGNITUDES = frozenset("余多万亿千百")
_QUANTITY_UNITS = frozenset("元吨米人户家个亩台辆件项次名所座倍斤克岁千瓦")


def _inside_quantity(p: Prepared, i: int) -> bool:
    """Is the gap after unit i inside a quantity such as 2000余|万元?"""
    right = p.unit_text(i + 1)
    if right not in _MAGNITUDES and right not in _QUANTITY_UNITS:
        return False
    j = i
    while j >= 0 and p.unit_text(j) in _MAGNITUDES:   # 2000余万|元: back over 余万
        j -= 1
    return j >= 0 and p.unit_text(j)[-1:].isdigit()


def _split_overlong_words(p: Prepared, measure: float) -> None:
    """A western run wider than the measure can never fit: cut it into one unit per
    character with costly breaks between them, so the text stays inside the column
    (the audit then reports the split). Rare, so rebuilding the lists is fine."""
    n = len(p)
    if not any(p.u_kind[i] == "word" and p.u_w[i] > measure for i in range(n)):
        return
    old = {name: getattr(p, name) for name in Prepared.__slots__[3:]}
    for name in old:
        setattr(p, name, [])
    for i in range(n):
        if not (old["u_kind"][i] == "word" and old["u_w"][i] > measure):
            for name, values in old.items():
                getattr(p, name).append(values[i])
            continue
        s, e = old["u_start"][i], old["u_end"][i]
        for k in range(s, e):
            last = k == e - 1
            row = dict(u_start=k, u_end=k + 1, u_cls="W", u_kind="word", u_w=p.adv[k],
                       u_native=0.0, u_lcut_done=0.0, u_rcut_done=0.0, u_lcut=0.0, u_rcut=0.0,
                       u_shrink=0.0, u_stretch=0.0,
                       g_w=old["g_w"][i] if last else 0.0,
                       g_shrink=old["g_shrink"][i] if last else 0.0,
                       g_stretch=old["g_stretch"][i] if last else 0.0,
                       g_just=old["g_just"][i] if last else 0,
                       g_break=old["g_break"][i] if last else True,
                       g_penalty=old["g_penalty"][i] if last else FORCED_BREAK_PENALTY)
            for name, value in row.items():
                getattr(p, name).append(value)
