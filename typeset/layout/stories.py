"""Stories: the issue's items as the page carries them, each measured.

A banner's stories stand in its place (the banner title over the first);
each story is measured into body flows — the grid's body size and larger
ones, each without and with pull quotes — for placement to choose from.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..compose import Composer, compose_headline
from ..design.roles import HEADLINE_RANKS
from ..diagnostics import Diagnostic, warning
from ..model import Article, Continuation, Issue, Item, Paragraph, Promo
from .measure import BodyScale, FlowLine, Measured, measure_item, with_pull_quotes
from .place import KINDS, ModuleKind, UnitSpec, prices


@dataclass(frozen=True)
class Story:
    key: str                                  # item3, item2.1: what staff write in the sidecar
    item: Item
    banner: str | None                        # the banner title over it (a banner's first story)
    kind: ModuleKind
    measured: Measured                        # at the grid's body size, without pull quotes
    flows: tuple[tuple[FlowLine, ...], ...]   # body flows: each body size × 0, 1, 2 pull quotes
    costs: tuple[float, ...]                  # placement cost of each flow
    labels: tuple[str, ...]                   # each flow as staff would name it: 五号 + 1 pull quote
    notes: tuple[Diagnostic, ...] = ()        # what measuring changed (a title set as text)

    def spec(self, pin=None) -> UnitSpec:
        return UnitSpec(self.key, tuple(tuple(f.height for f in flow) for flow in self.flows),
                        self.costs, tuple(flow[0].subdiv if flow else 1 for flow in self.flows),
                        self.kind, pin)


def kind_of(item: Item) -> ModuleKind:
    if isinstance(item, Promo):
        return KINDS["promo"]
    return KINDS["continuation" if isinstance(item, Continuation) else "article"]


# A title that needs more lines than this across the whole page, in the
# smallest headline size, is not a headline (a paragraph marked ## by mistake).
MAX_TITLE_LINES = 4


def measure_stories(issue: Issue, composer: Composer,
                    scales: tuple[BodyScale, ...]) -> list[Story]:
    return [measure_story(key, item, banner, composer, scales, issue.source)
            for key, item, banner in issue.stories()]


def measure_story(key: str, item: Item, banner: str | None, composer: Composer,
                  scales: tuple[BodyScale, ...], file: str | None = None) -> Story:
    """The story's body flows at each of `scales` its kind allows, each without
    and with pull quotes."""
    item, notes = _title_that_fits(item, composer, file)
    kind = kind_of(item)
    flows: list[tuple[FlowLine, ...]] = []
    costs: list[float] = []
    labels: list[str] = []
    plain = None
    for scale in (scales if kind.larger_body else scales[:1]):
        measured = measure_item(key, item, composer, scale if scale.lines > 1 else None)
        for quotes, flow in enumerate(with_pull_quotes(measured, composer)):
            flows.append(flow)
            costs.append(scale.cost + prices.PULL_QUOTE * quotes)
            labels.append(f"body {scale.name}" + (f" + {quotes} pull quote"
                                                  f"{'s' if quotes > 1 else ''}"
                                                  if quotes else ""))
        plain = plain or measured
    return Story(key, item, banner, kind, plain, tuple(flows), tuple(costs), tuple(labels),
                 notes)


def _title_that_fits(item: Item, composer: Composer,
                     file: str | None) -> tuple[Item, tuple[Diagnostic, ...]]:
    """The item, or — when its main title cannot be a headline anywhere on the
    page — the item with that title set as its first paragraph, and a warning."""
    if not isinstance(item, (Article, Continuation)) or not item.headline \
            or not item.headline.main:
        return item, ()
    layout = composer.layout
    style = layout.style(HEADLINE_RANKS[-1])
    measure = layout.grid.span_width_pt(layout.grid.columns) / style.size_pt
    title = "".join(item.headline.main)
    if len(compose_headline(title, measure, composer.metrics, style.font)) <= MAX_TITLE_LINES:
        return item, ()
    source = item.headline.source or item.source
    text = Paragraph(title, source)
    demoted = replace(item, headline=replace(item.headline, main=()), body=(text,) + item.body)
    return demoted, (warning(f"a title of {len(title)} characters cannot be a headline (more "
                             f"than {MAX_TITLE_LINES} lines across the page): set as its "
                             "story's first paragraph", file, source.first_line),)
