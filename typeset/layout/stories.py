"""Stories: the issue's items as the page carries them, each measured.

A banner's stories stand in its place (the banner title over the first);
each story is measured into body flows — the grid's body size and larger
ones, each without and with pull quotes — for placement to choose from.

A briefs banner (简讯, 各地传真) is a column label like any banner; its stories
are briefs (Article.kind "brief"): titles at headline4. A link box
(相关链接) is a module of its own kind: set inside a frame with a line of air
at its foot, never continued on another page, never in larger type.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..compose import Composer, compose_headline
from ..design.roles import HEADLINE_RANKS
from ..diagnostics import Diagnostic, warning
from ..model import Article, Banner, Continuation, Issue, Item, Paragraph, Promo
from .columns import column_height
from .headblock import HeadCache
from .measure import BodyScale, FlowLine, Measured, boxed, measure_item, with_pull_quotes
from .place import KINDS, ModuleKind, UnitSpec, prices


class BannerTitle(str):
    """The banner over a story, as `Story.banner` carries it: its title on a
    banner's first story (empty, so nothing is drawn, on the others) and the
    banner's kind, so a story re-measured from the model is still a brief."""
    kind: str

    def __new__(cls, title: str, kind: str) -> "BannerTitle":
        made = super().__new__(cls, title)
        made.kind = kind
        return made

    def __reduce__(self):
        return BannerTitle, (str(self), self.kind)


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


def _boxed_height(heights: tuple[int, ...], k: int, subdiv: int) -> int:
    """A framed story's body: its balanced columns and a line of air at the
    foot, inside the frame (the head's air is over it)."""
    return column_height(heights, k, subdiv) + 1 if heights else 0


# A link box (相关链接): a story in a rule frame — never jumps (a box is read
# whole), its body at the grid's size.
LINK_BOX = replace(KINDS["article"], name="link_box", may_jump=False, larger_body=False,
                   body_height=_boxed_height)


def kind_of(item: Item) -> ModuleKind:
    if isinstance(item, Promo):
        return KINDS["promo"]
    if boxed(item):
        return LINK_BOX
    return KINDS["continuation" if isinstance(item, Continuation) else "article"]


def box_foot(story: "Story") -> int:
    """Grid lines of air a story's module keeps at its foot (inside a frame)."""
    return 1 if story.kind is LINK_BOX else 0


# A title that needs more lines than this across the whole page, in the
# smallest headline size, is not a headline (a paragraph marked ## by mistake).
MAX_TITLE_LINES = 4


def measure_stories(issue: Issue, composer: Composer,
                    scales: tuple[BodyScale, ...]) -> list[Story]:
    kinds = {key.split(".")[0]: item.kind for key, item in
             ((f"item{n}", item) for n, item in enumerate(issue.items, 1))
             if isinstance(item, Banner)}
    return [measure_story(key, item, _banner_title(banner, kinds.get(key.split(".")[0])),
                          composer, scales, issue.source)
            for key, item, banner in issue.stories()]


def _banner_title(title: str | None, kind: str | None) -> str | None:
    """A briefs banner's stories carry its kind; other stories their title or None."""
    if kind != "briefs":
        return title
    return BannerTitle(title or "", kind)


def measure_story(key: str, item: Item, banner: str | None, composer: Composer,
                  scales: tuple[BodyScale, ...], file: str | None = None) -> Story:
    """The story's body flows at each of `scales` its kind allows, each without
    and with pull quotes. A story under a briefs banner is set as a brief."""
    if getattr(banner, "kind", None) == "briefs" and isinstance(item, Article) \
            and item.kind == "article":
        item = replace(item, kind="brief")
    item, notes = _title_that_fits(item, composer, file)
    item, too_long = _box_that_fits(item, composer, file)
    notes += too_long
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


def _box_that_fits(item: Item, composer: Composer,
                   file: str | None) -> tuple[Item, tuple[Diagnostic, ...]]:
    """The link box, or — when it would not fit a page even across all its
    columns (a box is never continued) — the story set as an article, with a
    warning."""
    if not boxed(item):
        return item, ()
    grid = composer.layout.grid
    flow = measure_item("", item, composer).flow
    body = _boxed_height(tuple(f.height for f in flow), grid.columns, 1)
    head = HeadCache(composer).block("", item, None, grid.columns, 4, False).lines
    if head + body <= grid.lines:
        return item, ()
    return replace(item, kind="article"), (warning(
        f"a link box of {head + body} lines is longer than a page ({grid.lines} lines): set "
        "as a story, without its frame, so that it may continue on another page", file,
        item.source.first_line),)


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
