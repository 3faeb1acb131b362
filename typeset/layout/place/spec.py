"""What placement is given: the stories as heights and costs, and the page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, NamedTuple

from ...sidecar import Pin
from .kinds import ModuleKind


@dataclass(frozen=True)
class UnitSpec:
    """A story as placement sees it (measured elsewhere): for each variant of
    its body (body size × pull quotes) the heights of its flow items."""
    key: str
    flows: tuple[tuple[int, ...], ...]  # sub-unit heights of the flow items per variant
    costs: tuple[float, ...]     # what choosing each variant costs (0 for the plain one)
    subdivs: tuple[int, ...]     # sub-units per grid line in each variant's flow
    kind: ModuleKind
    pin: Pin | None = None       # where staff placed it (typeset.sidecar)
    in_banner: bool = False      # one of a banner's stories (item3.2): kept in its banner's
                                 # order, never moved up nor moved past (search.RULES)
    band: tuple[int, ...] = ()   # a banner's first story: its band's grid lines k columns
                                 # wide (band[k]), which its banner's stories beside it
                                 # in a row stand under
    headless: bool = False       # no title (a banner's label at most): what its module has
                                 # more than its text is white at its column feet, never air
    picture_columns: int = 0     # the width staff give its pictures: its module's, exactly
    line_units: tuple[int, ...] = ()   # sub-units of one body line in each variant's flow
                                       # (a jump line takes one): subdivs when not given

    # per variant, per flow item: may a part that jumps end after it? Not
    # after a subhead, nor after a paragraph's first line alone, nor right
    # before its last line alone (all True when not given)
    ends: tuple[tuple[bool, ...], ...] = ()
    # per variant, the body lines among its first i flow items (a jump keeps
    # MIN_JUMP body lines on each side: a byline or pull quote is none)
    bodies: tuple[tuple[int, ...], ...] = ()

    def may_end(self, variant: int, index: int) -> bool:
        return not self.ends or self.ends[variant][index]

    def body_lines(self, variant: int, start: int, end: int) -> int:
        """Body lines among flow items start:end (every item when not given)."""
        if not self.bodies:
            return end - start
        counts = self.bodies[variant]
        return counts[end] - counts[start]

    def line_height(self, variant: int) -> int:
        return self.line_units[variant] if self.line_units else self.subdivs[variant]

    @property
    def min_width(self) -> int:
        return self.picture_columns or self.kind.min_width

    def max_width(self, columns: int) -> int:
        return self.picture_columns or min(columns, self.kind.max_width or columns)


@dataclass(frozen=True)
class Geometry:
    columns: int
    lines: int
    first_page_top: int          # lines taken by masthead and 报眼 on page 1
    even_pages: bool
    page_limit: int              # most pages an issue may take
    fixed_pages: int | None = None


class FillerOption(NamedTuple):
    """A filler of the library at one width: its natural height, kind, price."""
    name: str
    lines: int
    kind: ModuleKind
    cost: float


# head(key, width, rank, continued) -> 占行 (lines) and a badness (main title lines > 2 …)
HeadFn = Callable[[str, int, int, bool], tuple[int, float]]
# filler(width) -> the library's fillers at that width
FillerFn = Callable[[int], tuple[FillerOption, ...]]
