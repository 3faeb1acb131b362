"""The price list: every cost placement weighs, in one place, with why.

Costs are in "white cells": one character-column × one line left empty is
WHITE_CELL. A designer counts white first; everything else is priced by how
much white it is worth avoiding. The search minimises the sum.
"""

from __future__ import annotations

WHITE_CELL = 12.0      # a character-column × line left empty: what the layout minimises
FOOT_HOLE = 3.0        # × white: a page closed with white at its foot, not the last
INNER_WHITE = 2.0      # × white: a column ending short of its module's foot (its neighbours'),
                       # dearer than the white an issue short of copy leaves at its end
PAGE_COST = 400.0      # an extra page must save more white than this (≈ 33 cells)
JUMP_COST = 80.0       # a reader turning pages mid-story; worth it only against real white
HOLE_COST = 2000.0     # a body whose own columns cannot balance (a tall item) so that one
                       # ends kinds.HOLE lines short: only where nothing else can be placed
REFUSED = 2 * HOLE_COST   # what the page audit refuses for print (rule 10): a page left
                       # blank to make the count even (pages in pairs), a blank band of
                       # FOOT_BAND lines or more at the foot of a page not the last — the
                       # copy is spread, or jumps, wherever it can instead
FOOT_BAND = 5          # lines: the audit's blank band (audit.holes.HOLE_LINES)
TOO_WIDE = 1500.0      # per column a module is wider than its kind wants (a link box set
                       # across the page): only where no neighbour matches its height
MOVE_COST = 120.0      # a short item read ahead of the story before it (to fill a page's
                       # foot): an editor jumps the story first, so dearer than a jump
FILLER_COST = 40.0     # a notice from the library: cheaper than white, dearer than copy
QR_FILLER_COST = 400.0  # a house ad with the QR code: only where nothing else fills the space
STACK_COST = 10.0      # two modules stacked in a slot: a little busier than one
BAND_COST = 200.0      # a second full-width band below the page's lead reads monotonous
PULL_QUOTE = 15.0      # each pull quote: it repeats text, so only when it saves white
LONG_TITLE = 25.0      # each main-title line beyond two reads badly
SLIVER = 12.0          # per column × line a body column is shallower than kinds.SHALLOW
JUMP_SLIVER = 120.0    # the same for a jump's first part at a page's foot: a reader sent
                       # overleaf after a line or two has read a strip, not a story's start;
                       # dearer than headline air that looks empty, so that the page is
                       # planned around it first (a narrower lead, a story a size larger)
LONG_COLUMN = 2.0      # per line a body column is longer than kinds.LONG_COLUMN
PROMO_AIR = 0.5        # per line × column of air round a centred promo block
FILLER_AIR = 2.0       # per line × column a filler is taller than its text
GENEROUS_AIR = 2       # lines of air over a headline that look generous, not empty
EMPTY_AIR = 40.0       # per line × column of headline air past GENEROUS_AIR: the head of a
                       # row that could not close otherwise (dearer than white at the feet)
# Larger body sizes a short issue may use (measure.py), per article: larger
# type only when the page needs it, 小四 much more reluctantly than 五号.
LARGER_BODY = {"五号": 30.0, "小四": 150.0}


def air_cost(air: int, columns: int) -> float:
    """Two lines of air round a headline look generous; more looks empty:
    each line past them costs what a white line at a column foot does."""
    return columns * (min(air, GENEROUS_AIR) + EMPTY_AIR * max(0, air - GENEROUS_AIR))


def white(lines: int, columns: int) -> float:
    return WHITE_CELL * lines * columns


def foot_white(lines: int, columns: int) -> float:
    """White at the foot of a page that is not the issue's last: a blank band
    mid-issue is a hole a reader sees (only the last page may end short),
    refused for print from FOOT_BAND lines."""
    return FOOT_HOLE * white(lines, columns) + (REFUSED if lines >= FOOT_BAND else 0.0)


def inner_white(lines: int) -> float:
    """Column-lines left white inside a module, its columns ending short of
    one another (stepped feet)."""
    return INNER_WHITE * WHITE_CELL * lines


def short_cost(short: int, max_air: int) -> float:
    """Per column, a module `short` lines taller than its content: air over
    the headline first (up to max_air lines), then white at the column feet
    (INNER_WHITE × white), growing with its square (a deep hole is worse than
    two shallow ones)."""
    air = min(short, max_air)
    gap = short - air
    return air_cost(air, 1) + INNER_WHITE * WHITE_CELL * gap + 2.0 * gap * gap
