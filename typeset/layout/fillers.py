"""The paper's filler library, measured per width for placement.

A filler closes a gap the copy cannot: a notice, or a house ad with the
paper's QR code. The texts are the paper's (its paper file, typeset/paper.py):
a paper without one has none, and typeset invents no notice. Placement sees
each as a FillerOption (its natural height at a
width, its kind, its price); drawing picks one that has not been printed yet.
"""

from __future__ import annotations

from ..compose import Composer
from ..design import Filler
from .draw import filler_lines
from .place import KINDS, FillerOption, Module
from .place import prices


class FillerLibrary:
    """`dearer`: what each filler costs is multiplied by it — a plan that
    asked for more fillers than the paper has is made again with them dearer
    (layout._Run), so that copy, air and larger type close more of its gaps."""

    def __init__(self, composer: Composer, fillers: tuple[Filler, ...], dearer: float = 1.0):
        self.composer = composer
        self.by_name = {f.name: f for f in fillers}
        self.dearer = dearer
        self._options: dict[int, tuple[FillerOption, ...]] = {}

    def made_dearer(self, factor: float) -> "FillerLibrary":
        return FillerLibrary(self.composer, tuple(self.by_name.values()), self.dearer * factor)

    def options(self, k: int) -> tuple[FillerOption, ...]:
        """The library at width k: what each filler needs and costs."""
        found = self._options.get(k)
        if found is None:
            width = self.composer.layout.grid.span_width_pt(k)
            found = self._options[k] = tuple(
                FillerOption(f.name, filler_lines(self.composer, f, width),
                             KINDS["house_ad" if f.qr else "filler"],
                             self.dearer * (prices.QR_FILLER_COST if f.qr
                                            else prices.FILLER_COST))
                for f in self.by_name.values())
        return found

    def unused(self, module: Module, used: set[str]) -> Filler | None:
        """The planned filler, or — when it has already been printed in this
        issue — another text of the library that fits the same space; None
        when every one that fits is printed already: a reader never meets the
        same notice twice (the space stays white, and the audit reports it)."""
        planned = self.by_name[module.filler]
        if planned.name not in used:
            return planned
        width = self.composer.layout.grid.span_width_pt(module.width)
        for other in sorted(self.by_name.values(), key=lambda f: f.qr):
            if other.name not in used and \
                    filler_lines(self.composer, other, width) <= module.height:
                return other
        return None

    def chosen(self, modules) -> list[Filler | None]:
        """The text each filler module of a plan prints, in drawing order
        (`unused`): None where every text that fits is printed already."""
        used: set[str] = set()
        out: list[Filler | None] = []
        for module in modules:
            if module.filler:
                filler = self.unused(module, used)
                if filler is not None:
                    used.add(filler.name)
                out.append(filler)
        return out
