"""The typography audit: checks finished lines, however they were made.

`check_text_lines` works on plain strings (so it also runs on text extracted from a
PDF); `check_lines` adds what only composed lines know (per-gap expansion, the width
given to a line-end mark). Messages number lines from 1.
"""

from __future__ import annotations

from typing import Sequence

from .classes import NO_END, NO_START, classify, fills_a_box

_DOUBLED = ("\u2014", "\u2026", "\u22ef")   # halves of ——, ……, ⋯⋯
_LONELY_COMPANIONS = "PCOMDEZ"   # what may share a last line with a 孤字: marks, ——, ……, spaces
_LINE_END_MARKS = frozenset("。．，、：；！？‼⁇”’」』）》〉】〗〕］｝")


def _western(ch: str) -> bool:
    return classify(ch) == "W" or ch in "-/"


def check_text_lines(lines: Sequence[str], paragraph_end: Sequence[bool]) -> list[str]:
    """Kinsoku, split ——/……/numbers/words and 孤字 on plain line strings.
    `paragraph_end[i]` is True when line i ends its paragraph. Leading and trailing
    whitespace is ignored except as evidence that a break fell at a space."""
    problems: list[str] = []
    para_lines = 0
    for i, raw in enumerate(lines):
        para_start = i == 0 or paragraph_end[i - 1]
        para_lines = 1 if para_start else para_lines + 1
        s = raw.strip()
        if not s:
            continue
        no = i + 1
        if not para_start and s[0] in NO_START:
            problems.append(f"line {no}: starts with {s[0]}")
        end = paragraph_end[i]
        if not end and s[-1] in NO_END:
            problems.append(f"line {no}: ends with {s[-1]}")
        if not end and i + 1 < len(lines):
            nxt_raw = lines[i + 1]
            nxt = nxt_raw.strip()
            if nxt:
                for half in _DOUBLED:
                    if s[-1] == half and nxt[0] == half:
                        problems.append(f"line {no}: splits {half * 2}")
                spaced = raw != raw.rstrip() or nxt_raw != nxt_raw.lstrip()
                if not spaced and _western(s[-1]) and _western(nxt[0]):
                    problems.append(f"line {no}: splits {_tail(s)}|{_head(nxt)}")
        if end and para_lines > 1:
            han = sum(1 for c in s if fills_a_box(c))
            rest_punct = all(fills_a_box(c) or classify(c) in _LONELY_COMPANIONS for c in s)
            if han == 1 and rest_punct:
                problems.append(f"line {no}: 孤字 {s} alone on the paragraph's last line")
    return problems


def _tail(s: str) -> str:
    k = len(s)
    while k > 0 and _western(s[k - 1]):
        k -= 1
    return s[k:]


def _head(s: str) -> str:
    k = 0
    while k < len(s) and _western(s[k]):
        k += 1
    return s[:k]


def check_lines(lines) -> list[str]:
    """Audit composed `Line`s (of one or more paragraphs, in order)."""
    texts = ["".join(g.char for g in line.glyphs) for line in lines]
    problems = check_text_lines(texts, [line.last for line in lines])
    for no, line in enumerate(lines, 1):
        if line.gap_expansion > 0.5 + 1e-9:
            problems.append(f"line {no}: expansion {line.gap_expansion:.3g} em > 0.5 em")
        visible = [g for g in line.glyphs if g.kind != "space"]
        if visible and not line.last:
            g = visible[-1]
            if g.char in _LINE_END_MARKS and g.width > 0.5 + 1e-9:
                problems.append(f"line {no}: line-end {g.char} is {g.width:.3g} em, not ½ em")
    return problems
