"""Headline breaking: balanced lines, broken only between words.

A headline is set unjustified at its own size, so the question is only where to
break. Where it may (words.py has the segmenters):

  space     a space the editor typed between Chinese words (坚定信心 开拓奋进)
  phrase    between two jieba words where BudouX ends a phrase too
  word      between two jieba words inside a BudouX phrase (国网|永州供电)

and never inside a jieba word (配套, 倒计时), a bracket or quotation pair
（二期）《…》“倒计时”「…」, a number with its unit (1.2亿亩, 800兆瓦, 3月28日)
or a phonetic note 䶮（yǎn） — the last two prepare.py keeps whole for body
text too; kinsoku still holds. A word or a pair wider than the measure opens
inside (a pair at its words first). Only when no lines can be had that way
(a one-character word left alone, say) are breaks inside words allowed, then
a line of one character, then breaks inside pairs and dates (_ATTEMPTS).

Among the fewest lines that fit, the most even ones win (least sum of squared
slack plus the price of each break), and no line may hold a single character.
A headline that fits its measure is never segmented: jieba is loaded only
when a headline needs breaking.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate

from . import words
from .breaks import EPS, input_from_prepared
from .values import Metrics, Run
from .prepare import prepare

SPACE_COST = 0.0      # breaking at a space the editor typed
PHRASE_COST = 0.05    # between words, where BudouX ends a phrase
WORD_COST = 0.1       # between words inside a BudouX phrase
SPACED = 0.45         # added to both when the editor typed spaces: those are the phrases
INSIDE_COST = 2.0     # inside a word wider than the measure (or, as a fallback, any word)
PAIR_COST = 1.0       # inside a bracket or quotation pair wider than the measure (added)
PROTECTED_COST = 4.0  # fallback: inside a pair, a date
OVERFULL_COST = 1e6   # per em beyond the measure, last resort
INF = float("inf")

# tiers: a break of tier t is allowed only once no lines can be had below t
CLEAN, INSIDE_WORD, PROTECTED = 0, 1, 2
# (tier, a line of one character allowed, a line wider than the measure allowed),
# tried in turn until lines are found: a character alone ("一、" over “十四五”)
# comes before a break inside a bracket pair, a date or a number
_ATTEMPTS = ((CLEAN, False, False), (INSIDE_WORD, False, False), (CLEAN, True, False),
             (INSIDE_WORD, True, False), (PROTECTED, False, False), (PROTECTED, True, False),
             (PROTECTED, True, True))

PAIRS = {"（": "）", "(": ")", "《": "》", "“": "”", "‘": "’", "「": "」", "『": "』",
         "【": "】", "〈": "〉", "〔": "〕", "〖": "〗", "［": "］", "｛": "｝"}
_CLOSERS = {close: open_ for open_, close in PAIRS.items()}


def bracket_pairs(text: str) -> list[tuple[int, int]]:
    """(open, close) offsets of every matched bracket or quotation pair."""
    stack: list[tuple[str, int]] = []
    pairs = []
    for k, c in enumerate(text):
        if c in PAIRS:
            stack.append((c, k))
        elif c in _CLOSERS and any(o == _CLOSERS[c] for o, _ in stack):
            while stack:
                o, at = stack.pop()
                if o == _CLOSERS[c]:
                    pairs.append((at, k))
                    break
    return pairs


def _phrase_boundaries(text: str) -> frozenset[int]:
    return words.phrase_bounds(text)


@lru_cache(maxsize=4096)
def compose_headline(text: str, measure: float, metrics: Metrics,
                     font: str = "hei") -> tuple[str, ...]:
    """The headline as line strings, each fitting `measure` em at the headline size,
    as few and as even as possible. A line is wider than the measure only when one
    word is: text is never lost; the caller weighs the line count (a smaller rank).

    Cached: layout asks for the same title at the same measure many times.
    Linear in the title's length for a given measure: only lines that fit
    are weighed (_fewest_lines)."""
    text = " ".join(text.split())
    if not text:
        return ()
    p = prepare([Run(text, font)], metrics, measure)
    inp = input_from_prepared(p)
    n = len(p)
    w_start, w_end = inp.w_start, inp.w_end
    if w_end[n] - w_start[0] <= measure + EPS:
        return (text,)               # one line: nothing to segment
    tier_at, cost_at = _break_classes(p, inp, text, measure)
    visible = [0] * (n + 1)     # characters that are not spaces or punctuation, before unit i
    for i in range(n):
        visible[i + 1] = visible[i] + (0 if p.u_kind[i] in ("space", "punct")
                                       else p.u_end[i] - p.u_start[i])
    # the first line start that can reach b without overflowing: w_start's
    # running maximum is monotone, so everything before it is too wide
    reach = list(accumulate(w_start[:n], max))

    def line_cost(a: int, b: int, allow_overfull: bool, lone: bool) -> float:
        w = w_end[b] - w_start[a]
        if w > measure + EPS and not allow_overfull:
            return INF
        if b - a < n and visible[b] - visible[a] < 2 and not lone:
            return INF               # never a single character alone on a line
        slack = (measure - w) / measure if measure > 0 else 0.0
        over = max(0.0, -slack) * measure * OVERFULL_COST
        return (slack * slack if b < n else 0.5 * slack * slack) + cost_at[b] + over

    def first_start(b: int, allow_overfull: bool) -> int:
        return 0 if allow_overfull else bisect_left(reach, w_end[b] - measure - EPS)

    for tier, lone, allow_overfull in _ATTEMPTS:
        breakable = [inp.breakable[b] and tier_at[b] <= tier for b in range(n + 1)]
        ends = _fewest_lines(breakable, n,
                             lambda a, b: line_cost(a, b, allow_overfull, lone),
                             lambda b: first_start(b, allow_overfull))
        if ends is not None:
            out, a = [], 0
            for b in ends:
                out.append(text[p.u_start[a]:p.u_end[b - 1]].strip())
                a = b
            return tuple(out)
    return (text,)   # unreachable in practice: one line always exists with overfull allowed


def _break_classes(p, inp, text: str, measure: float) -> tuple[list[int], list[float]]:
    """For each break position 0..n: its tier (CLEAN, INSIDE_WORD, PROTECTED)
    and its price. Positions kinsoku or prepare forbid are left to inp.breakable."""
    n = len(p)
    u_start, u_kind, u_cls = p.u_start, p.u_kind, p.u_cls
    w_start, w_end = inp.w_start, inp.w_end

    def unit_at(offset: int) -> int:            # break position before the unit at `offset`
        return bisect_right(u_start, offset) - 1

    def wider(a: int, b: int) -> bool:          # units a..b-1 wider than the measure
        return w_end[b] - w_start[a] > measure + EPS

    word_ends = words.word_bounds(text)
    phrase_ends = _phrase_boundaries(text)
    spaced = SPACED if _typed_spaces(p) else 0.0
    phrase_cost, word_cost = PHRASE_COST + spaced, WORD_COST + spaced
    # jieba words wider than the measure open up (inside them: INSIDE_COST)
    ends = sorted(word_ends)
    open_word = [False] * (n + 1)
    for s, e in zip(ends, ends[1:]):
        a, b = unit_at(s), unit_at(e - 1) + 1
        if b - a > 1 and wider(a, b):
            for pos in range(a + 1, b):
                open_word[pos] = True
    # bracket pairs: closed to breaks, unless wider than the measure (then PAIR_COST)
    shut = [False] * (n + 1)
    extra = [0.0] * (n + 1)
    for o, c in bracket_pairs(text):
        a, b = unit_at(o), unit_at(c) + 1
        if wider(a, b):
            for pos in range(a + 1, b):
                extra[pos] = PAIR_COST
        else:
            for pos in range(a + 1, b):
                shut[pos] = True

    tier_at = [CLEAN] * (n + 1)
    cost_at = [0.0] * (n + 1)
    for pos in range(1, n):
        offset = u_start[pos]
        if u_kind[pos - 1] == "space":
            western = (u_cls[pos - 2] == "W" if pos >= 2 else False) and u_cls[pos] == "W"
            tier, cost = CLEAN, (word_cost if western else SPACE_COST)   # Air Supply: a word space
        elif offset in word_ends:
            tier, cost = CLEAN, (phrase_cost if offset in phrase_ends else word_cost)
        elif open_word[pos]:
            tier, cost = CLEAN, INSIDE_COST
        else:
            tier, cost = INSIDE_WORD, INSIDE_COST
        cost += extra[pos]
        if shut[pos] or inp.penalty[pos] > 0:
            tier, cost = PROTECTED, PROTECTED_COST
        tier_at[pos], cost_at[pos] = tier, cost
    return tier_at, cost_at


def _typed_spaces(p) -> bool:
    """Did the editor type a space between Chinese words (not a western word space)?"""
    n = len(p)
    for i in range(n):
        if p.u_kind[i] == "space":
            if not (i > 0 and i + 1 < n and p.u_cls[i - 1] == "W" and p.u_cls[i + 1] == "W"):
                return True
    return False


def _fewest_lines(breakable, n: int, cost, first_start):
    """The ends of the lines, for the fewest lines possible and, among those,
    the least total cost; None if no number of lines works.

    One pass, each position keeping its best (lines, cost) in that order: a
    best set of lines ends with a best set for the position of its last
    break (fewer lines there would mean fewer lines overall), so comparing
    pairs is exact, and the work is linear in the title's length."""
    lines = [0] + [n + 1] * n              # n + 1: not reachable
    costs = [0.0] + [INF] * n
    back = [-1] * (n + 1)
    for b in range(1, n + 1):
        if not breakable[b]:
            continue
        best_lines, best_cost, arg = n + 1, INF, -1
        for a in range(first_start(b), b):
            if lines[a] > n:
                continue
            c = costs[a] + cost(a, b)
            if c == INF:
                continue
            k = lines[a] + 1
            if k < best_lines or (k == best_lines and c < best_cost):
                best_lines, best_cost, arg = k, c, a
        lines[b], costs[b], back[b] = best_lines, best_cost, arg
    if lines[n] > n:
        return None
    ends, b = [], n
    while b > 0:
        ends.append(b)
        b = back[b]
    return list(reversed(ends))
