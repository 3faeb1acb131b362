"""Module kinds: what placement needs to know of each kind of module.

Placement never asks "is this a promo?": it reads the kind's row here. A new
kind of module (a boxed feature in 破栏, a briefs column, a picture) is a new
row — its widths, its headline ranks, how its height follows from its content,
what being taller than its content costs, whether it may jump — plus, where
its content is not a body flow, a height function. See
docs/decisions/page-model.md for the page model the kinds live in.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from ..columns import HOLE, column_height
from . import prices

# Hard limits, in grid lines.
MODULE_GAP = 1        # the grid line under every module that does not reach the page foot:
                      # the module rule runs in its middle, so it has more than ½ a line of
                      # air on both sides (rule 8) where the leading alone gave 0.1–0.4
MAX_AIR = 6           # extra 占行 a headline may take to fill its row; past two lines
                      # (prices.GENEROUS_AIR) it looks empty and is priced as dear as
                      # white (rule 8: a head's air follows its style), so only a row that
                      # has no other way to close takes it, and the audit reports it
MIN_JUMP = 5          # body lines on each side of a jump
SHALLOW = 8           # body columns shallower than this look like a sliver under the head
LONG_COLUMN = 70      # body columns longer than this are hard to read
PROMO_QR_LINES = 9    # a QR code one column wide
PROMO_STRETCH = 24    # lines of air a promo block may take around itself
FILLER_STRETCH = 2    # lines a text filler may grow beyond its text
HOUSE_AD_STRETCH = 4  # lines a house ad may grow beyond its QR code and text: more reads as
                      # a white band with an advertisement in it
MIN_JUMP_ROOM = 8     # lines left on a page below which no story starts a jump
SHORT_ITEM = 45       # body lines at the grid's size (one column) of a short item (短稿: about
                      # 500 characters of a tabloid's 11-character column), which may be read
                      # ahead of the story before it to fill a page's foot

# Kinds whose short items may be moved up (search.RULES "move-up"): a link box
# stays with its story, a continued part (上接…) keeps its place.
MOVABLE = frozenset({"article", "briefs", "promo"})

# What a story module `short` lines taller than its content costs per column.
SHORT_COST = [prices.short_cost(short, MAX_AIR) for short in range(MAX_AIR + HOLE)]


# body_height(heights of the flow items, columns, sub-units per grid line) → grid lines
HeightFn = Callable[[tuple[int, ...], int, int], int]


def _promo_height(heights: tuple[int, ...], k: int, subdiv: int) -> int:
    """A QR code beside its lines (two columns) or over them (one column)."""
    body = sum(heights) // subdiv
    return max(PROMO_QR_LINES, body) if k > 1 else PROMO_QR_LINES + body


@dataclass(frozen=True)
class ModuleKind:
    name: str
    headed: bool             # carries a headline (placement chooses its rank)
    min_width: int           # columns
    max_width: int | None    # None: the page's width
    stretch: int             # lines a module may be taller than its content
    air_price: float | None  # content centred in its module: each extra line × column
                             # costs this (air); None: air over the head, then white
    may_jump: bool           # may continue on a later page (下转 / 上接)
    shaped: bool             # shallow or very long body columns are penalised
    larger_body: bool        # its body may be set larger than the grid's size (short issues)
    body_height: HeightFn | None   # None: the height comes with the content (fillers)
    wide_from: int | None = None   # wider than this only where nothing else places it
                                   # (prices.TOO_WIDE per column more): a link box

    def short_cost(self, short: int, k: int) -> float | None:
        """What a module `short` lines taller than its content costs, or None
        when it may not be that much taller."""
        if short > self.stretch:
            return None
        if self.air_price is not None:
            return self.air_price * short * k
        return SHORT_COST[short] * k

    def short_costs(self, k: int) -> tuple[float, ...]:
        """short_cost for every allowed `short` (0 … stretch), at width k."""
        return _short_costs(self, k)

    def sliver_cost(self, body: int, k: int, price: float = prices.SLIVER) -> float:
        """Body columns `body` lines deep, k wide, shallower than SHALLOW: a
        sliver under the head (a module, or at `price` a jump's first part at
        a foot)."""
        if not self.shaped or body >= SHALLOW or k < 2:
            return 0.0
        return price * k * (SHALLOW - body)

    def shape_cost(self, body: int, k: int) -> float:
        cost = prices.TOO_WIDE * (k - self.wide_from) if self.wide_from and k > self.wide_from \
            else 0.0
        if not self.shaped:
            return cost
        cost += self.sliver_cost(body, k)
        if body > LONG_COLUMN:
            cost += prices.LONG_COLUMN * (body - LONG_COLUMN)
        return cost


@lru_cache(maxsize=None)
def _short_costs(kind: ModuleKind, k: int) -> tuple[float, ...]:
    return tuple(kind.short_cost(short, k) for short in range(kind.stretch + 1))


_STORY = dict(headed=True, min_width=2, max_width=None, stretch=MAX_AIR + HOLE - 1,
              air_price=None, may_jump=True, shaped=True, larger_body=True,
              body_height=column_height)

KINDS: dict[str, ModuleKind] = {
    "article": ModuleKind("article", **_STORY),
    # the continued part of a story from an earlier page (上接…) placed like a story
    "continuation": ModuleKind("continuation", **_STORY),
    # QR code with a few lines: one or two columns, centred in whatever height it gets
    "promo": ModuleKind("promo", headed=False, min_width=1, max_width=2, stretch=PROMO_STRETCH,
                        air_price=prices.PROMO_AIR, may_jump=False, shaped=False,
                        larger_body=False, body_height=_promo_height),
    # from the layout's filler library, to close a gap: a notice, or a house ad with a QR code
    "filler": ModuleKind("filler", headed=False, min_width=1, max_width=None,
                         stretch=FILLER_STRETCH, air_price=prices.FILLER_AIR, may_jump=False,
                         shaped=False, larger_body=False, body_height=None),
    "house_ad": ModuleKind("house_ad", headed=False, min_width=1, max_width=None,
                           stretch=HOUSE_AD_STRETCH, air_price=prices.FILLER_AIR, may_jump=False,
                           shaped=False, larger_body=False, body_height=None),
}
