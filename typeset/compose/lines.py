"""Lines: turn chosen breaks into positioned glyphs.

Each line settles its units' widths (edge cuts: a line-end mark loses its trailing
half, a line-start opening mark its leading half, no space or Han–Latin glue at the
edges), then adjusts to the measure in typography.md's order:

  shrink:  western spaces → interpuncts → brackets and 、，； etc. to ½ em → Han–Latin space to ⅛ em
  stretch: western spaces to ½ em → Han–Latin space to ½ em → the same amount in every
           justification gap (between units, so never inside a number or a Latin word)

A space where a line breaks is kept as a zero-width glyph at the end of the line, so the
glyphs of a paragraph give back its text exactly, with no exception.
"""

from __future__ import annotations

from dataclasses import dataclass

from .breaks import EPS
from .classes import INK_SIDE
from .values import Line, make_glyph
from .prepare import Prepared


@dataclass(frozen=True)
class LineReport:
    overfull: float    # em beyond the measure that no shrink could absorb
    underfull: float   # em short of the measure with nothing left to stretch


def build_lines(p: Prepared, ends: tuple[int, ...], measure: float, indent: float,
                align: str, last_align: str) -> tuple[list[Line], list[LineReport]]:
    lines: list[Line] = []
    reports: list[LineReport] = []
    a = 0
    n = len(p)
    for b in ends:
        first = a == 0
        last = b == n
        x0 = indent if first else 0.0
        target = measure - x0
        mode = align if align != "justify" else (last_align if last else "justify")
        line, report = _build_line(p, a, b, x0, target, mode, last)
        lines.append(line)
        reports.append(report)
        a = b
    return lines, reports


def _build_line(p: Prepared, a: int, b: int, x0: float, target: float, mode: str,
                last: bool) -> tuple[Line, LineReport]:
    u_w, u_kind = p.u_w, p.u_kind
    g_w, g_j = p.g_w, p.g_just
    widths = u_w[a:b]
    lcut = [0.0] * (b - a)      # cut from the left of each unit beyond the pair cuts
    if b > a:
        widths[0] -= p.u_lcut[a]
        lcut[0] = p.u_lcut[a]
        widths[-1] -= p.u_rcut[b - 1]
    gaps = g_w[a:b - 1] + [0.0] if b > a else []
    natural = sum(widths) + sum(gaps)
    expansion = 0.0
    overfull = underfull = 0.0
    shift = 0.0

    if natural > target + EPS:
        overfull = _shrink(p, a, b, widths, lcut, gaps, natural - target)
    elif mode == "justify" and natural < target - EPS:
        extra = target - natural
        extra = _stretch_spaces(p, a, b, widths, gaps, extra)
        if extra > EPS:
            count = sum(g_j[a:b - 1])
            if count:
                expansion = extra / count
                for i in range(a, b - 1):
                    if g_j[i]:
                        gaps[i - a] += expansion
            else:
                underfull = extra
    elif mode in ("right", "center") and natural < target:
        shift = target - natural if mode == "right" else (target - natural) / 2

    glyphs = []
    append = glyphs.append
    text, fonts, adv, native = p.text, p.fonts, p.adv, p.u_native
    u_start, u_end = p.u_start, p.u_end
    x = x0 + shift
    for k in range(b - a):
        i = a + k
        s = u_start[i]
        kind = u_kind[i]
        w = widths[k]
        if kind == "char":
            append(make_glyph(text[s], fonts[s], x, w))
        elif kind == "punct":
            append(make_glyph(text[s], fonts[s], x, w, "char",
                              _punct_offset(text[s], native[i], p.u_lcut_done[i] + lcut[k])))
        elif kind == "word":
            cx = x
            for c in range(s, u_end[i]):
                append(make_glyph(text[c], fonts[c], cx, adv[c]))
                cx += adv[c]
        elif kind == "space":
            for c in range(s, u_end[i]):
                append(make_glyph(text[c], fonts[c], x, w if c == s else 0.0, "space"))
        else:   # dash / ellipsis: one 2 em glyph for the pair, whatever the font says
            append(make_glyph(text[s:u_end[i]], fonts[s], x, w, kind))
        x += w + gaps[k]
    width = x - shift if b > a else x0
    return (Line(tuple(glyphs), width, last, expansion if mode == "justify" else 0.0),
            LineReport(overfull, underfull))


def _punct_offset(ch: str, native: float, left_cut: float) -> float:
    """Where the font's glyph is drawn inside the mark's 1 em body (minus `left_cut`):
    ink-left marks (。，” …) at the body's left, opening marks right-aligned (a ⅓ em “
    sits in the right half), centred marks centred. Returned as a leftward shift."""
    side = INK_SIDE.get(ch, "C")
    if side == "L":
        return 0.0
    if side == "R":
        return left_cut + native - 1.0
    return left_cut - (1.0 - native) / 2


def _shrink(p: Prepared, a: int, b: int, widths: list[float], lcut: list[float],
            gaps: list[float], need: float) -> float:
    """Compress in typography.md's order; return what could not be absorbed."""
    kind, cls, shrink = p.u_kind, p.u_cls, p.u_shrink
    last = b - 1
    tiers = (
        [k for k in range(b - a) if kind[a + k] == "space" and 0 < k < last - a],
        [k for k in range(b - a) if cls[a + k] == "M"],
        [k for k in range(b - a) if kind[a + k] == "punct" and cls[a + k] in "PCO"
         and not (k == 0 and p.u_lcut[a]) and not (a + k == last and p.u_rcut[last])],
    )
    for tier in tiers:
        capacity = sum(shrink[a + k] for k in tier)
        if capacity <= 0:
            continue
        take = min(need, capacity)
        f = take / capacity
        for k in tier:
            s = shrink[a + k] * f
            widths[k] -= s
            if cls[a + k] == "O":
                lcut[k] += s          # an opening mark loses its blank left part
            elif cls[a + k] == "M":
                lcut[k] += s / 2      # an interpunct loses blank on both sides
        need -= take
        if need <= EPS:
            return 0.0
    need = _spread(need, {k: p.g_shrink[a + k] for k in range(b - a - 1) if p.g_shrink[a + k] > 0},
                   gaps, -1.0)
    return max(0.0, need)


def _spread(amount: float, capacities: dict[int, float], target: list[float],
            sign: float) -> float:
    """Share `amount` over target[k] in proportion to capacities[k], at most
    their sum; return what is left."""
    capacity = sum(capacities.values())
    if capacity <= 0:
        return amount
    take = min(amount, capacity)
    for k, c in capacities.items():
        target[k] += sign * c * take / capacity
    return amount - take


def _stretch_spaces(p: Prepared, a: int, b: int, widths: list[float], gaps: list[float],
                    extra: float) -> float:
    """Western spaces up to ½ em, then Han–Latin spaces up to ½ em; return the rest."""
    kind, stretch = p.u_kind, p.u_stretch
    extra = _spread(extra, {k: stretch[a + k] for k in range(1, b - a - 1)
                            if kind[a + k] == "space" and stretch[a + k] > 0}, widths, 1.0)
    if extra <= EPS:
        return 0.0
    extra = _spread(extra, {k: p.g_stretch[a + k] for k in range(b - a - 1)
                            if p.g_stretch[a + k] > 0}, gaps, 1.0)
    return max(0.0, extra)
