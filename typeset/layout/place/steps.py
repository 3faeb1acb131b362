"""The records the search passes between its parts: named fields, tuple speed.

A plan is read back as a chain of steps from the start state: rows of
modules, jumps to the next page, and page feet (closed with a filler or left
white).
"""

from __future__ import annotations

from typing import NamedTuple

from .kinds import MODULE_GAP


class State(NamedTuple):
    """Where the search stands: the next unit (from flow item `rem` on, when
    part of it is already placed), the page, lines left on it, and whether
    the next row is the page's first. `page` is the page number, or its class
    (first / odd / even) when nothing depends on the exact number (search.py).
    `variant` is the body flow a part already placed was set in (its size, its
    pull quotes): the rest of the story continues in it; 0 when rem is 0.
    `ahead` is 1 when the unit after `unit` is already placed — moved up
    into the foot of an earlier page (search.RULES "move-up") — so that the
    next unit after this one is unit + 2.
    `size` is the body size the page's news stories are set in — the
    sub-units per grid line of the first story module placed on the page (a
    continued part arriving overleaf among them), 0 while none is (search.RULES
    "one-body"): every later story module on the page takes a variant of it."""
    unit: int
    rem: int
    page: int
    left: int
    first: bool
    variant: int = 0
    ahead: int = 0
    size: int = 0


class Variant(NamedTuple):
    """One way to set a unit at one width: headline lines, body column height,
    and the most lines its module may be taller than that (search.RULES "hole").
    Its height is the lines it takes on the page: the module's, and the line
    under it for the module rule (kinds.MODULE_GAP)."""
    head: int
    body: int
    badness: float
    rank: int
    variant: int
    stretch: int = 0

    @property
    def height(self) -> int:
        return self.head + self.body + MODULE_GAP


class Placed(NamedTuple):
    """A unit's module in a row: its slot's width and column, its offset in a stack."""
    unit: int
    rem: int            # flow item the module starts at (a continued part)
    width: int
    rank: int
    head: int
    air: int
    height: int
    variant: int
    col: int
    offset: int


class PlacedFiller(NamedTuple):
    name: str
    width: int
    height: int
    col: int


class Row(NamedTuple):
    modules: tuple          # Placed | PlacedFiller
    height: int


class Jump(NamedTuple):
    """Unit `unit` fills the rest of the page full width and continues overleaf."""
    unit: int
    rem: int
    width: int
    rank: int
    head: int
    end: int            # flow items placed up to here
    variant: int = 0    # the body flow it is set in, here and overleaf


class MovedUp(NamedTuple):
    """A short later unit placed in the foot of a page (`row`), the page then
    closed (`foot`): the unit before it begins the next page."""
    row: Row
    foot: "Foot"
    before: int         # the unit it is read ahead of


class Foot(NamedTuple):
    """A page's foot: `lines` left, closed by a filler or left white; `last`
    when it is the end of the issue (else the page is closed and a new one begins)."""
    lines: int
    filler: str | None
    last: bool
