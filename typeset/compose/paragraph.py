"""compose_paragraph: collect → prepare → breaks → lines, then the audit."""

from __future__ import annotations

from typing import Sequence

from .audit import check_lines
from .breaks import SPACED, breaks_in_lines, find_breaks, input_from_prepared
from .lines import build_lines
from .values import ComposedParagraph, Metrics, ParagraphStyle, Run
from .prepare import prepare

_ALIGNS = ("justify", "left", "center", "right")


def prepare_paragraph(runs: Sequence[Run], metrics: Metrics, measure: float):
    """The paragraph's items and the breaker's input for them: what every
    setting of the same runs at the same measure shares."""
    p = prepare(runs, metrics, float(measure))
    return p, (input_from_prepared(p) if len(p) else None)


def compose_paragraph(runs: Sequence[Run], style: ParagraphStyle, metrics: Metrics,
                      lines: int | None = None, tol: float = SPACED,
                      prepared=None) -> ComposedParagraph | None:
    """Break and justify one paragraph. Never raises on text, never drops a character:
    concatenating every glyph's `char` gives back the runs' text exactly (a space at a
    line break stays as a zero-width glyph at the end of its line).

    `lines`: set it in exactly that many lines, none of them more than `tol`
    em a gap looser (breaks.breaks_in_lines), or None when it cannot be.
    `prepared`: what prepare_paragraph gave for these runs at this measure
    (the composer keeps it: a paragraph is set again at other line counts)."""
    measure = float(style.measure)
    indent = min(max(float(style.indent), 0.0), measure)
    align = style.align if style.align in _ALIGNS else "justify"
    last_align = style.last_line if style.last_line in _ALIGNS else "left"
    p, inp = prepared or prepare_paragraph(runs, metrics, measure)
    if len(p) == 0:
        return ComposedParagraph((), 0, ())
    if lines is None:
        breaks = find_breaks(inp, measure, measure - indent, ragged=align != "justify")
    else:
        breaks = breaks_in_lines(inp, measure, measure - indent, lines, tol)
        if breaks is None:
            return None
    lines, reports = build_lines(p, breaks.ends, measure, indent, align, last_align)
    violations = []
    if breaks.emergency:
        violations.append("paragraph: no breaks within ½ em expansion; fallback used")
    for no, r in enumerate(reports, 1):
        if r.overfull > 1e-6:
            violations.append(f"line {no}: overfull by {r.overfull:.3g} em")
        if r.underfull > 1e-6:
            violations.append(f"line {no}: underfull by {r.underfull:.3g} em (nothing to stretch)")
    violations.extend(check_lines(lines))
    loose = sum(1 for line in lines if line.loose)
    return ComposedParagraph(tuple(lines), loose, tuple(violations))
