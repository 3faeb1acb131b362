"""Stories: the issue's items as the page carries them, each measured.

A banner's stories stand in its place (the banner title over the first);
each story is measured into body flows — the grid's body size and larger
ones, each without and with pull quotes — for placement to choose from.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..compose import Composer
from ..model import Continuation, Issue, Item, Promo
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

    def spec(self, pin=None) -> UnitSpec:
        return UnitSpec(self.key, tuple(tuple(f.height for f in flow) for flow in self.flows),
                        self.costs, tuple(flow[0].subdiv if flow else 1 for flow in self.flows),
                        self.kind, pin)


def kind_of(item: Item) -> ModuleKind:
    if isinstance(item, Promo):
        return KINDS["promo"]
    return KINDS["continuation" if isinstance(item, Continuation) else "article"]


def measure_stories(issue: Issue, composer: Composer,
                    scales: tuple[BodyScale, ...]) -> list[Story]:
    return [measure_story(key, item, banner, composer, scales)
            for key, item, banner in issue.stories()]


def measure_story(key: str, item: Item, banner: str | None, composer: Composer,
                  scales: tuple[BodyScale, ...]) -> Story:
    """The story's body flows at each of `scales` its kind allows, each without
    and with pull quotes."""
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
    return Story(key, item, banner, kind, plain, tuple(flows), tuple(costs), tuple(labels))
