"""The audit's rules, one table: name, number, what it says, the check, and
whether a build for print refuses its findings (a draft only warns).

A check takes the View (view.py: the frames read once) and yields Findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from .air import check_head_air, check_rule_air
from .feet import check_column_feet, check_subheads
from .headlines import check_headline_breaks
from .holes import check_holes, check_last_page_foot
from .jumps import check_jumps
from .overlap import check_overlap
from .repeats import check_repeats
from .sizes import check_body_size
from .spacing import check_spacing
from .units import check_units
from .view import Finding, View


@dataclass(frozen=True)
class AuditRule:
    name: str
    number: int
    says: str
    check: Callable[[View], Iterable[Finding]]
    blocking: bool


RULES: tuple[AuditRule, ...] = (
    AuditRule("audit.overlap", 1,
              "nothing overlaps: no glyph over another glyph, a rule, a box frame, a QR code "
              "or a picture, unless a style declares it (white text on a black box)",
              check_overlap, True),
    AuditRule("audit.jumps", 2,
              "every （下转第N版） has its （上接第p版） on page N > p and the reverse; a story "
              "split across pages carries them and a short repeated title; at least 5 body "
              "lines on each side",
              check_jumps, True),
    AuditRule("audit.repeated", 3,
              "no filler, house ad or pull quote twice in an issue; a pull quote never next to "
              "the sentence it repeats",
              check_repeats, True),
    AuditRule("audit.body_size", 4,
              "one body size for news text per page, outside framed boxes",
              check_body_size, True),
    AuditRule("audit.headline_break", 5,
              "headline lines break only between words: never inside a word, a number, a "
              "bracket pair, a quotation or a phonetic note",
              check_headline_breaks, True),
    AuditRule("audit.unit_split", 6,
              "units, codes and URLs kept whole across line ends in body text; a number never "
              "split from its unit; a URL breaks only after / . - ? =",
              check_units, True),
    AuditRule("audit.column_feet", 7,
              "within a module columns end on the same line, or the last one shorter, never "
              "longer",
              check_column_feet, False),
    AuditRule("audit.subhead_keep", 7,
              "a subhead keeps at least 2 lines after it in its column",
              check_subheads, False),
    AuditRule("audit.rule_air", 8,
              "a module rule has at least half a line of air above and below it",
              check_rule_air, False),
    AuditRule("audit.head_air", 8,
              "a headline's air follows its style, not the fill: at most 2 lines more",
              check_head_air, False),
    AuditRule("audit.spacing", 9,
              "no body line with more than ⅛ em added between Han characters, unless it is a "
              "paragraph's last line or the composer marked it",
              check_spacing, False),
    AuditRule("audit.white_hole", 10,
              "no white hole: no module column ending 5 or more lines short of its neighbours, "
              "no empty column, no blank band of 5 or more lines under a running head or at a "
              "page foot",
              check_holes, True),
    AuditRule("audit.last_page_foot", 10,
              "a blank band of 5 or more lines at the foot of the issue's last page is reported",
              check_last_page_foot, False),
)

BLOCKING = frozenset(rule.name for rule in RULES if rule.blocking)
