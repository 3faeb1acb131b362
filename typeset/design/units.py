"""Units layout staff use, and the typographic ratios every stage shares.

Page sizes are in mm, type sizes in pt or as 字号 names; PDF works in pt.
"""

from __future__ import annotations

from typing import NamedTuple

PT_PER_MM = 72 / 25.4  # PDF points (1/72 in); 小五 9 pt = 3.175 mm

# 字号 → pt. This is the table of MS Word, WPS, CTeX (\zihao) and Adobe's
# Chinese UI, i.e. what design staff see in their tools. No national standard
# fixes the names; the older lead-type table differs for 一号 (27.5/28),
# 二号 (21), 三号 (15.75), 四号 (13.75), 六号 (7.875) and 七号 (5.25), and the
# two agree on 初号, 小初, 小一, 小二, 小四, 五号 and 小五 — so the body grid
# (小五 = 9 pt) is the same under either.
ZIHAO_PT: dict[str, float] = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18,
    "三号": 16, "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9,
    "六号": 7.5, "小六": 6.5, "七号": 5.5, "八号": 5,
}

# The character box of a body line is one em tall; the baseline sits this far
# down it (CJK fonts such as Noto CJK: ascent 880, descent 120 per 1000 em).
BASELINE_RATIO = 0.88


def zihao_pt(size: str | float) -> float:
    """A 字号 name (小五, 小五号, 一号) or a number of pt → pt."""
    if isinstance(size, (int, float)) and not isinstance(size, bool):
        return float(size)
    name = str(size).strip()
    for candidate in (name, name + "号", name[:-1] if name.endswith("号") else name):
        if candidate in ZIHAO_PT:
            return float(ZIHAO_PT[candidate])
    raise ValueError(f"unknown 字号 {name!r} (known: {' '.join(ZIHAO_PT)})")


def zihao_name(pt: float) -> str | None:
    """The 字号 name for a size in pt, or None if it has none."""
    for name, value in ZIHAO_PT.items():
        if abs(value - pt) < 1e-9:
            return name
    return None


class LineBox(NamedTuple):
    """How a kind of line is set: `height` em of its own size per line, the
    baseline `descent` em above the foot of that box. One table, so drawing
    and measuring agree on every kind of line."""
    height: float
    descent: float


HEADLINE_LINE = LineBox(1.18, 0.20)   # headlines, kickers, subtitles: nearly solid
SET_LINE = LineBox(1.25, 0.22)        # subheads and pull quotes, centred in their 占行
INFO_LINE = LineBox(1.55, 0.30)       # the masthead's information lines
FILLER_LINE = LineBox(1.50, 0.35)     # filler notices
PROMO_LINE = LineBox(1.60, 0.30)      # a promo block's lines beside its QR code
EPIGRAPH_DESCENT = 0.25               # the epigraph's lines (their leading is its style's)
MASTHEAD_NAME_BASELINE = 0.98         # the paper's name: baseline this far down its em
LABEL_CENTRE = 0.62                   # a reversed label's text: baseline this far below its box's middle

# Larger body sizes (五号, 小四 on a 小五 grid) are set N lines to G grid lines,
# N chosen for a line height near LARGER_BODY_LINE, leading within this range:
LARGER_BODY_LINE = 1.3
LARGER_BODY_LEADING = (0.20, 0.45)
PULL_QUOTE_SCALE = 1.34               # a pull quote's size: the kicker's, at most this × body
