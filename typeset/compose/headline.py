"""Headline breaking: balanced lines at phrase boundaries.

A headline is set unjustified at its own size, so the question is only where to break:
at a space first (坚定信心 开拓奋进), else at a BudouX phrase boundary (zh-Hans model),
and only when a phrase alone is wider than the measure inside it (kinsoku still holds).
Among the fewest lines that fit, the most even ones win (least sum of squared slack),
and no line may hold a single character.
"""

from __future__ import annotations

from functools import lru_cache

from .breaks import EPS, input_from_prepared
from .values import Metrics, Run
from .prepare import Prepared, prepare

SPACE_COST = 0.0      # breaking at a space the editor typed
PHRASE_COST = 0.05    # at a BudouX phrase boundary
PHRASE_IN_SPACED = 0.5  # …when the editor typed spaces, those are the phrases that count
INSIDE_COST = 2.0     # inside a phrase (only when a phrase does not fit)
OVERFULL_COST = 1e6   # per em beyond the measure, last resort


@lru_cache(maxsize=1)
def _parser():
    import budoux
    return budoux.load_default_simplified_chinese_parser()


def _phrase_boundaries(text: str) -> set[int]:
    bounds: set[int] = set()
    pos = 0
    for chunk in text.split(" "):
        if chunk:
            for phrase in _parser().parse(chunk):
                pos += len(phrase)
                bounds.add(pos)
        pos += 1
    return bounds


def _visible_chars(p: Prepared, a: int, b: int) -> int:
    """Characters that are not spaces or punctuation marks on the line (a, b)."""
    return sum(p.u_end[i] - p.u_start[i] for i in range(a, b)
               if p.u_kind[i] not in ("space", "punct"))


def compose_headline(text: str, measure: float, metrics: Metrics,
                     font: str = "hei") -> tuple[str, ...]:
    """The headline as line strings, each fitting `measure` em at the headline size,
    as few and as even as possible. A line is wider than the measure only when one
    word is: text is never lost; the caller weighs the line count (a smaller rank)."""
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

    def line_cost(a: int, b: int, allow_overfull: bool) -> float:
        w = inp.w_end[b] - inp.w_start[a]
        if w > measure + EPS and not allow_overfull:
            return float("inf")
        if b - a < n and _visible_chars(p, a, b) < 2:
            return float("inf")      # never a single character alone on a line
        slack = (measure - w) / measure if measure > 0 else 0.0
        over = max(0.0, -slack) * measure * OVERFULL_COST
        return (slack * slack if b < n else 0.5 * slack * slack) + cost_at[b] + over

    for allow_overfull in (False, True):
        for k in range(1, n + 1):
            ends = _best_k_lines(inp.breakable, n, k, lambda a, b: line_cost(a, b, allow_overfull))
            if ends is not None:
                out, a = [], 0
                for b in ends:
                    out.append(text[p.u_start[a]:p.u_end[b - 1]].strip())
                    a = b
                return tuple(out)
    return (text,)   # unreachable in practice: one line always exists with overfull allowed


def _best_k_lines(breakable, n: int, k: int, cost):
    """Exactly k lines, least total cost; None if impossible."""
    inf = float("inf")
    best = [[inf] * (n + 1) for _ in range(k + 1)]
    prev = [[-1] * (n + 1) for _ in range(k + 1)]
    best[0][0] = 0.0
    for j in range(1, k + 1):
        for b in range(1, n + 1):
            if not breakable[b]:
                continue
            for a in range(j - 1, b):
                if best[j - 1][a] == inf:
                    continue
                c = best[j - 1][a] + cost(a, b)
                if c < best[j][b]:
                    best[j][b] = c
                    prev[j][b] = a
    if best[k][n] == inf:
        return None
    ends, b = [], n
    for j in range(k, 0, -1):
        ends.append(b)
        b = prev[j][b]
    return list(reversed(ends))
