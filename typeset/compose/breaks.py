"""Total-fit line breaking (Knuth–Plass) over prepared units.

A line from break position a to b holds units a..b-1. Everything the cost needs is a
difference of prefix sums, precomputed once with the line-edge effects folded in:
`w_end[b] - w_start[a]` is the natural width (line-end marks already at ½ em, no glue
at the edges), likewise shrink, stretch (western and Han–Latin spaces up to ½ em) and
the count of justification gaps. Han characters have no stretch of their own: what the
spaces cannot take is spread evenly over the gaps, and that per-gap expansion `e` is
what the badness measures.

demerits = (LINE_PENALTY + badness)² + penalty². Passes: first only lines with e ≤ ⅛ em
(small window, the usual case for Chinese: no visible letter-spacing), then e ≤ ¼ em, then
e ≤ ½ em, then an emergency pass that accepts anything (overfull, underfull, 孤字) so a
paragraph always gets lines. A line looser than ⅛ em costs SPACED_DEMERITS, so a pass that
needs one has as few of them as it can.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

LINE_PENALTY = 10.0
SPACED = 0.125          # per-gap expansion above this is letter-spaced (a loose line)
LOOSE = 0.25            # …above this a very loose one
MAX_EXPANSION = 0.5     # …above this a violation
LOOSE_DEMERITS = 1000.0
SPACED_DEMERITS = 300.0
LONELY_DEMERITS = 1e8   # 孤字 on the last line: only when nothing else exists
EPS = 1e-9
REACH_MARGIN = 1e-6   # em: breaks_in_lines' window is wider than any line it rejects
INF = float("inf")


@dataclass
class BreakInput:
    """Prefix sums over break positions 0..n (n = number of units)."""
    w_end: list[float]
    w_start: list[float]
    sh_end: list[float]
    sh_start: list[float]
    st_end: list[float]
    st_start: list[float]
    g_end: list[float]
    g_start: list[float]
    breakable: list[bool]   # may a line end at position p (n is always True)
    penalty: list[float]
    lonely: list[bool]      # would a last line starting at p be a lone Han character (孤字)

    @property
    def n(self) -> int:
        return len(self.w_end) - 1


def input_from_prepared(p) -> BreakInput:
    n = len(p)
    u_w, u_sh, u_st = p.u_w, p.u_shrink, p.u_stretch
    u_lcut, u_rcut, kind = p.u_lcut, p.u_rcut, p.u_kind
    g_w, g_sh, g_st, g_j = p.g_w, p.g_shrink, p.g_stretch, p.g_just
    W = [0.0] * (n + 1)
    SH = [0.0] * (n + 1)
    ST = [0.0] * (n + 1)
    G = [0.0] * (n + 1)
    for i in range(n):
        W[i + 1] = W[i] + u_w[i] + g_w[i]
        SH[i + 1] = SH[i] + u_sh[i] + g_sh[i]
        ST[i + 1] = ST[i] + u_st[i] + g_st[i]
        G[i + 1] = G[i] + g_j[i]
    w_end, sh_end, st_end, g_end = W[:], SH[:], ST[:], G[:]
    w_start, sh_start, st_start = W[:], SH[:], ST[:]
    for b in range(1, n + 1):
        u = b - 1
        w_end[b] -= g_w[u] + u_rcut[u]
        sh_end[b] -= g_sh[u] + (u_sh[u] if u_rcut[u] else 0.0)
        st_end[b] -= g_st[u] + (u_st[u] if kind[u] == "space" else 0.0)
        g_end[b] -= g_j[u]
    for a in range(n):
        if u_lcut[a]:
            w_start[a] += u_lcut[a]
            sh_start[a] += u_sh[a]
        if kind[a] == "space":
            st_start[a] += u_st[a]
    breakable = [False] + [p.g_break[i] for i in range(n - 1)] + [True]
    if n == 0:
        breakable = [True]
    penalty = [0.0] + [float(p.g_penalty[i]) for i in range(n - 1)] + [0.0]
    return BreakInput(w_end, w_start, sh_end, sh_start, st_end, st_start, g_end, G,
                      breakable[: n + 1], penalty[: n + 1], _lonely_starts(p))


_LONELY_COMPANIONS = frozenset(("punct", "space", "dash", "ellipsis"))


def _lonely_starts(p) -> list[bool]:
    """Positions a from which the rest of the paragraph is one Han character plus
    punctuation marks, ——, …… or spaces (孤字). Position 0 never counts: a one-line
    paragraph is fine."""
    n = len(p)
    lonely = [False] * (n + 1)
    han = 0
    for a in range(n - 1, 0, -1):
        kind = p.u_kind[a]
        if p.u_cls[a] == "H":
            han += 1
        elif kind not in _LONELY_COMPANIONS:
            break
        if han > 1:
            break
        lonely[a] = han == 1
    return lonely


def line_badness(w: float, sh: float, st: float, g: float, target: float, last: bool,
                 tol: float = MAX_EXPANSION) -> float:
    """Badness of one line, INF if it does not fit within `tol` per-gap expansion.
    Compressing punctuation is cheaper than loosening (clreq: push in before push out)."""
    if w > target + EPS:
        need = w - target
        if need > sh + EPS:
            return INF
        return 5.0 * (need / sh) ** 3
    if last:
        return 0.0
    extra = target - w
    if extra <= st + EPS:
        return 5.0 * (extra / st) ** 3 if st > 0 else 0.0
    if g <= 0:
        return INF
    e = (extra - st) / g
    if e > tol + EPS:
        return INF
    return _expansion_badness(e)


def _expansion_badness(e: float) -> float:
    """Badness of a line whose Han gaps each take e em more than their width."""
    bad = 5.0 + 100.0 * (e / LOOSE) ** 3
    if e > SPACED + EPS:
        bad += SPACED_DEMERITS
    if e > LOOSE + EPS:
        bad += LOOSE_DEMERITS
    return bad


def line_demerits(badness: float, penalty: float) -> float:
    return (LINE_PENALTY + badness) ** 2 + penalty * penalty


@dataclass(frozen=True)
class Breaks:
    ends: tuple[int, ...]   # end position of each line; the last is n
    emergency: bool         # no solution within ½ em expansion: the fallback was used


def find_breaks(inp: BreakInput, measure: float, first_measure: float,
                ragged: bool = False) -> Breaks:
    n = inp.n
    if n == 0:
        return Breaks((0,), False)
    if not ragged:
        # A narrow pass is only a faster way to the same answer while it needs no
        # penalised break (a date, a URL joint): a wider pass may then find a
        # looser line cheaper than that break, so it is tried, and being wider it
        # is never worse.
        found = None
        for tol in (SPACED, LOOSE, MAX_EXPANSION):
            prev = _total_fit(inp, measure, first_measure, tol)
            if prev is not None:
                found = _trace(prev, n)
                if not any(inp.penalty[b] > 0 for b in found):
                    break
        if found is not None:
            return Breaks(found, False)
    prev = _emergency_fit(inp, measure, first_measure, ragged)
    return Breaks(_trace(prev, n), not ragged)


def breaks_in_lines(inp: BreakInput, measure: float, first_measure: float, count: int,
                    tol: float = SPACED) -> Breaks | None:
    """The total fit in exactly `count` lines (TeX's looseness): the least
    demerits over the breaks that give that many lines, each line within `tol`
    per-gap expansion and no 孤字; None when there is none. A column that
    would end a line short asks for a paragraph set a line longer (or shorter,
    its punctuation compressed) this way (layout.columns)."""
    n = inp.n
    if n == 0 or count < 1:
        return None
    # best[b][k]: (demerits, previous break) of the best k lines ending at b
    best: list[dict[int, tuple[float, int]]] = [{} for _ in range(n + 1)]
    best[0][0] = (0.0, -1)
    # The furthest a line to b may stretch, from each start a (non-decreasing
    # in a): starts too late to reach the narrower target are never weighed
    # (a margin far above EPS keeps every line line_badness admits).
    reach = [inp.w_start[a] + inp.st_start[a] + tol * inp.g_start[a] for a in range(n + 1)]
    target_min = min(measure, first_measure)
    for b in range(1, n + 1):
        if not inp.breakable[b]:
            continue
        last = b == n
        latest = b - 1
        if not last:
            limit = inp.w_end[b] + inp.st_end[b] + tol * inp.g_end[b] - target_min + REACH_MARGIN
            latest = min(latest, bisect_right(reach, limit) - 1)
        for a in range(latest, -1, -1):
            target = first_measure if a == 0 else measure
            w = inp.w_end[b] - inp.w_start[a]
            sh = inp.sh_end[b] - inp.sh_start[a]
            if w - sh > target + EPS:
                break            # every earlier start is wider still
            if not best[a] or (last and inp.lonely[a]):
                continue
            bad = line_badness(w, sh, inp.st_end[b] - inp.st_start[a],
                               inp.g_end[b] - inp.g_start[a], target, last, tol)
            if bad == INF:
                continue
            d = line_demerits(bad, inp.penalty[b])
            here = best[b]
            for k, (dk, _) in best[a].items():
                if k < count and (k + 1 not in here or dk + d < here[k + 1][0]):
                    here[k + 1] = (dk + d, a)
    if count not in best[n]:
        return None
    ends, b, k = [], n, count
    while b > 0:
        ends.append(b)
        b, k = best[b][k][1], k - 1
    return Breaks(tuple(reversed(ends)), False)


def _trace(prev: list[int], n: int) -> tuple[int, ...]:
    ends = []
    b = n
    while b > 0:
        ends.append(b)
        b = prev[b]
    return tuple(reversed(ends))


def _total_fit(inp: BreakInput, measure: float, first: float, tol: float):
    """The lean pass: only candidate starts a whose line (a, b) can possibly fit are
    visited; two pointers over monotone prefix sums bound that window."""
    n = inp.n
    w_end, w_start = inp.w_end, inp.w_start
    sh_end, sh_start = inp.sh_end, inp.sh_start
    st_end, st_start = inp.st_end, inp.st_start
    g_end, g_start = inp.g_end, inp.g_start
    breakable, penalty, lonely = inp.breakable, inp.penalty, inp.lonely
    min_start = [w_start[a] - sh_start[a] for a in range(n + 1)]
    max_start = [w_start[a] + st_start[a] + tol * g_start[a] for a in range(n + 1)]
    best = [INF] * (n + 1)
    prev = [-1] * (n + 1)
    best[0] = 0.0
    lp = LINE_PENALTY
    loose_limit = LOOSE + EPS
    spaced_limit = SPACED + EPS
    tol_eps = tol + EPS
    m_eps = measure + EPS
    lo = 1          # first a >= 1 whose line to b is not overfull beyond its shrink
    hi = 0          # last a >= 1 whose line to b can stretch to the measure
    first_open = True
    for b in range(1, n + 1):
        if not breakable[b]:
            continue
        we, she, ste, ge = w_end[b], sh_end[b], st_end[b], g_end[b]
        min_end = we - she
        last = b == n
        while lo < b and min_end - min_start[lo] > m_eps:
            lo += 1
        if last:
            hi = b - 1
        else:
            max_end = we + ste + tol * ge
            if hi < lo - 1:
                hi = lo - 1
            while hi + 1 < b and max_end - max_start[hi + 1] >= measure - EPS:
                hi += 1
        pen = penalty[b]
        pen2 = pen * pen
        bb = INF
        bp = -1
        # the first line: its own target (the indent), checked directly
        if first_open:
            if min_end - min_start[0] > first + EPS:
                first_open = False
            else:
                bad = line_badness(we - w_start[0], she - sh_start[0], ste - st_start[0],
                                   ge - g_start[0], first, last, tol)
                if bad < INF:
                    bb = (lp + bad) ** 2 + pen2
                    bp = 0
        for a in range(lo, hi + 1):
            d = best[a]
            if d == INF:
                continue
            w = we - w_start[a]
            if w > m_eps:
                need = w - measure
                sh = she - sh_start[a]
                if need > sh + EPS:
                    continue
                r = need / sh
                bad = 5.0 * r * r * r
            elif last:
                if lonely[a]:
                    continue
                bad = 0.0
            else:
                extra = measure - w
                st = ste - st_start[a]
                if extra <= st + EPS:
                    if st > 0:
                        r = extra / st
                        bad = 5.0 * r * r * r
                    else:
                        bad = 0.0
                else:
                    g = ge - g_start[a]
                    if g <= 0:
                        continue
                    e = (extra - st) / g
                    if e > tol_eps:
                        continue
                    r = e / LOOSE
                    bad = 5.0 + 100.0 * r * r * r
                    if e > spaced_limit:
                        bad += SPACED_DEMERITS
                        if e > loose_limit:
                            bad += LOOSE_DEMERITS
            t = lp + bad
            d += t * t + pen2
            if d < bb:
                bb = d
                bp = a
        if bp >= 0:
            best[b] = bb
            prev[b] = bp
    return prev if best[n] < INF else None


def _emergency_fit(inp: BreakInput, measure: float, first: float, ragged: bool) -> list[int]:
    """Accept every line, pricing the bad ones so the least bad wins: overfull lines
    (a word wider than the measure), lines looser than ½ em, 孤字. Always succeeds
    because every position may be reached from the nearest earlier one."""
    n = inp.n
    best = [INF] * (n + 1)
    prev = [-1] * (n + 1)
    best[0] = 0.0
    for b in range(1, n + 1):
        if not inp.breakable[b]:
            continue
        last = b == n
        seen = False
        for a in range(b - 1, -1, -1):
            d = best[a]
            target = first if a == 0 else measure
            w = inp.w_end[b] - inp.w_start[a]
            sh = inp.sh_end[b] - inp.sh_start[a]
            if d < INF:
                seen = True
                bad = _emergency_badness(inp, a, b, w, sh, target, last or ragged)
                total = d + line_demerits(min(bad, 1e12), inp.penalty[b])
                if last and inp.lonely[a]:
                    total += LONELY_DEMERITS
                if total < best[b]:
                    best[b] = total
                    prev[b] = a
            if seen and w - sh > target + EPS:
                break   # every earlier start is more overfull still
    return prev


def _emergency_badness(inp: BreakInput, a: int, b: int, w: float, sh: float, target: float,
                       last: bool) -> float:
    st = inp.st_end[b] - inp.st_start[a]
    g = inp.g_end[b] - inp.g_start[a]
    if w > target + EPS:
        need = w - target
        if need > sh + EPS:
            return 1e9 * (1.0 + need - sh)
        return 5.0 * (need / sh) ** 3
    if last:
        # ragged lines: prefer full ones, gently
        return 0.0 if b == inp.n else 100.0 * ((target - w) / max(target, 1.0)) ** 2
    extra = target - w
    if extra <= st + EPS:
        return 5.0 * (extra / st) ** 3 if st > 0 else 0.0
    if g <= 0:
        return 1e6 * (1.0 + extra - st)
    e = (extra - st) / g
    bad = _expansion_badness(e)
    if e > MAX_EXPANSION + EPS:
        bad += 1e5
    return bad


def input_from_items(items) -> BreakInput:
    """A TeX-style hand-built list for tests and experiments: ("box", width),
    ("glue", width, stretch, shrink) and ("penalty", value). A line may end at glue
    (which then vanishes) or at a penalty; two boxes side by side never part."""
    from .prepare import Prepared
    p = Prepared()
    for item in items:
        if item[0] == "box":
            for name, value in (("u_w", float(item[1])), ("u_shrink", 0.0), ("u_stretch", 0.0),
                                ("u_lcut", 0.0), ("u_rcut", 0.0), ("u_kind", "box"),
                                ("u_cls", "X"), ("g_w", 0.0), ("g_shrink", 0.0),
                                ("g_stretch", 0.0), ("g_just", 0), ("g_break", False),
                                ("g_penalty", 0)):
                getattr(p, name).append(value)
            p.u_start.append(len(p.u_start))
        elif p.u_w and item[0] == "glue":
            p.g_w[-1], p.g_stretch[-1], p.g_shrink[-1] = map(float, item[1:4])
            p.g_break[-1] = True
        elif p.u_w and item[0] == "penalty":
            p.g_penalty[-1] = float(item[1])
            p.g_break[-1] = item[1] < 10000
    return input_from_prepared(p)
