"""Headline breaking: balanced lines at phrase boundaries.

A headline is set unjustified at its own size, so the question is only where to break:
at a space first (坚定信心 开拓奋进), else at a BudouX phrase boundary (zh-Hans model),
and only when a phrase alone is wider than the measure inside it (kinsoku still holds).
Among the fewest lines that fit, the most even ones win (least sum of squared slack),
and no line may hold a single character.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate

from .breaks import EPS, input_from_prepared
from .values import Metrics, Run
from .prepare import prepare

SPACE_COST = 0.0      # breaking at a space the editor typed
PHRASE_COST = 0.05    # at a BudouX phrase boundary
PHRASE_IN_SPACED = 0.5  # …when the editor typed spaces, those are the phrases that count
INSIDE_COST = 2.0     # inside a phrase (only when a phrase does not fit)
OVERFULL_COST = 1e6   # per em beyond the measure, last resort
INF = float("inf")


@lru_cache(maxsize=1)
def _parser():
    import budoux
    return budoux.load_default_simplified_chinese_parser()


@lru_cache(maxsize=4096)
def _phrase_boundaries(text: str) -> frozenset[int]:
    bounds: set[int] = set()
    pos = 0
    for chunk in text.split(" "):
        if chunk:
            for phrase in _parser().parse(chunk):
                pos += len(phrase)
                bounds.add(pos)
        pos += 1
    return frozenset(bounds)


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
    p = prepare([Run(text, font)], metrics, float("inf"))
    inp = input_from_prepared(p)
    n = len(p)
    bounds = _phrase_boundaries(text)
    cost_at = [INSIDE_COST] * (n + 1)
    phrase_cost = PHRASE_IN_SPACED if " " in text else PHRASE_COST
    for pos in range(1, n):
        if p.u_kind[pos - 1] == "space":
            cost_at[pos] = SPACE_COST
        elif p.u_start[pos] in bounds:
            cost_at[pos] = phrase_cost
    cost_at[n] = 0.0
    visible = [0] * (n + 1)     # characters that are not spaces or punctuation, before unit i
    for i in range(n):
        visible[i + 1] = visible[i] + (0 if p.u_kind[i] in ("space", "punct")
                                       else p.u_end[i] - p.u_start[i])
    w_start, w_end = inp.w_start, inp.w_end
    # the first line start that can reach b without overflowing: w_start's
    # running maximum is monotone, so everything before it is too wide
    reach = list(accumulate(w_start[:n], max))

    def line_cost(a: int, b: int, allow_overfull: bool) -> float:
        w = w_end[b] - w_start[a]
        if w > measure + EPS and not allow_overfull:
            return INF
        if b - a < n and visible[b] - visible[a] < 2:
            return INF               # never a single character alone on a line
        slack = (measure - w) / measure if measure > 0 else 0.0
        over = max(0.0, -slack) * measure * OVERFULL_COST
        return (slack * slack if b < n else 0.5 * slack * slack) + cost_at[b] + over

    def first_start(b: int, allow_overfull: bool) -> int:
        return 0 if allow_overfull else bisect_left(reach, w_end[b] - measure - EPS)

    for allow_overfull in (False, True):
        ends = _fewest_lines(inp.breakable, n,
                             lambda a, b: line_cost(a, b, allow_overfull),
                             lambda b: first_start(b, allow_overfull))
        if ends is not None:
            out, a = [], 0
            for b in ends:
                out.append(text[p.u_start[a]:p.u_end[b - 1]].strip())
                a = b
            return tuple(out)
    return (text,)   # unreachable in practice: one line always exists with overfull allowed


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
