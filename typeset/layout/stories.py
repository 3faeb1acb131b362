"""Stories: the issue's items as the page carries them, each measured.

A banner's stories stand in its place (the banner title over the first);
each story is measured into body flows — the grid's body size and larger
ones, each without and with pull quotes — for placement to choose from.

A briefs banner (简讯, 各地传真) is a column label like any banner; its stories
are briefs (Article.kind "brief", issue_stories): titles at headline4. A
column of briefs only is one module under its label, the briefs set one after
another in its columns, each led in by ■ and its title in bold. A link
box (相关链接) is a module of its own kind: set inside a frame with a line of
air at its foot, never continued on another page, never in larger type, at
most a third of the page wide. A short commentary (评论, 短评) is framed the
same way under its series label, as wide as placement likes but never deeper
than a third of the page; a longer one is set as a story. A story without a
title has no head: its text starts at the top of its module (under its
banner's label, if it has one).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate
from typing import Iterator

from ..compose import Composer, compose_headline
from ..design.roles import HEADLINE_RANKS
from ..diagnostics import Diagnostic, warning
from ..model import Article, Banner, Continuation, Issue, Item, Paragraph, Promo
from .columns import column_height
from .headblock import HeadCache
from .measure import (BodyScale, FlowLine, Measured, boxed, line_units, measure_item, titled,
                      with_pull_quotes)
from .place import HOLE, KINDS, ModuleKind, UnitSpec, prices


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
                        self.kind, pin, line_units=tuple(line_units(flow) for flow in self.flows),
                        ends=tuple(part_ends(flow) for flow in self.flows),
                        bodies=tuple(tuple(accumulate((f.role == "body" for f in flow), initial=0))
                                     for flow in self.flows))


def part_ends(flow: tuple[FlowLine, ...]) -> tuple[bool, ...]:
    """May a part of the story that jumps end after each flow item: not after
    a subhead, nor leaving a paragraph's single first line at its foot or its
    single last line at the head of the part overleaf (columns.py keeps the
    same in a module's columns)."""
    out = []
    for i, item in enumerate(flow):
        after = flow[i + 1] if i + 1 < len(flow) else None
        lone_first = item.role == "body" and item.paragraph_start and not item.paragraph_end
        lone_last = (after is not None and after.role == "body" and after.paragraph_end
                     and not after.paragraph_start)
        out.append(not (item.keep_with_next or lone_first or lone_last))
    return tuple(out)


def pull_quotes(flow: tuple[FlowLine, ...]) -> int:
    return sum(1 for f in flow if f.role == "pullquote")


def fewer_pull_quotes(story: Story, than: int) -> Story:
    """The story with only its flows that carry fewer than `than` pull quotes."""
    keep = [i for i, flow in enumerate(story.flows) if pull_quotes(flow) < than]
    return replace(story, flows=tuple(story.flows[i] for i in keep),
                   costs=tuple(story.costs[i] for i in keep),
                   labels=tuple(story.labels[i] for i in keep))


def _boxed_height(heights: tuple[int, ...], k: int, subdiv: int) -> int:
    """A framed story's body: its balanced columns and a line of air at the
    foot, inside the frame (the head's air is over it)."""
    return column_height(heights, k, subdiv) + 1 if heights else 0


# A link box (相关链接): a story in a rule frame — never jumps (a box is read
# whole), its body at the grid's size, no wider than a third of the page
# (2 of a tabloid's 6 columns, 3 of a broadsheet's 8) and never wider than a
# short story (短稿) on any grid, two or three columns: a box stands beside
# the story it accompanies, it does not run across the page — unless no
# neighbour has its height, when it is set across the page under it.
LINK_BOX_SHARE = 1 / 3
SHORT_STORY_COLUMNS = 3


def link_box_width(columns: int) -> int:
    """The widest a link box may be on a grid of `columns` columns."""
    widest = min(max(1, round(columns * LINK_BOX_SHARE)), SHORT_STORY_COLUMNS)
    return max(widest, min(KINDS["article"].min_width, columns))


@lru_cache(maxsize=None)
def link_box_kind(columns: int) -> ModuleKind:
    # its frame holds its text: a frame taller than that by HOLE lines would
    # show a white hole inside it. It stands beside a story of its height; where
    # none has it, it is set across the page under its story (a 通栏 box)
    return replace(KINDS["article"], name="link_box", may_jump=False, larger_body=False,
                   wide_from=link_box_width(columns), body_height=_boxed_height,
                   stretch=HOLE - 1)


# A commentary in its frame: as wide as placement finds best but never so
# narrow that it is deeper than a third of the page (narrowest_box), read
# whole (a box never continues), at the grid's body size (its depth is
# reckoned at it; the frame sets it apart from the page's other text, rule 4),
# and a frame no more than HOLE - 1 lines taller than its text, like a link box's.
COMMENTARY = replace(KINDS["article"], name="commentary", may_jump=False, larger_body=False,
                     body_height=_boxed_height, stretch=HOLE - 1)


# A story without a title (a photo's news, an untitled item of a briefs
# column): its text starts at the top of its module, so what its module has
# more than its text is white at its column feet, never air over a head — and
# never a hole: at most HOLE - 1 lines, priced as that much air elsewhere (a
# short item ending a few lines above the rule reads as its end, not a gap).
UNTITLED_STRETCH = HOLE - 1


def _untitled_kind(kind: ModuleKind) -> ModuleKind:
    return replace(kind, stretch=UNTITLED_STRETCH)


UNTITLED = {name: _untitled_kind(KINDS[name]) for name in ("article", "continuation")}

# A column of briefs (简讯): untitled under its label, and read whole — never
# continued on another page.
BRIEFS = replace(UNTITLED["article"], name="briefs", may_jump=False)


def kind_of(item: Item, columns: int) -> ModuleKind:
    if isinstance(item, Promo):
        return KINDS["promo"]
    if isinstance(item, Banner):
        return BRIEFS
    if boxed(item):
        return link_box_kind(columns) if item.kind == "link_box" else COMMENTARY
    name = "continuation" if isinstance(item, Continuation) else "article"
    return KINDS[name] if titled(item) else UNTITLED[name]


def box_foot(story: "Story") -> int:
    """Grid lines of air a story's module keeps at its foot (inside a frame)."""
    return 1 if boxed(story.item) else 0


# A title that needs more lines than this across the whole page, in the
# smallest headline size, is not a headline (a paragraph marked ## by mistake).
MAX_TITLE_LINES = 4


def issue_stories(issue: Issue) -> Iterator[tuple[str, Item, str | None]]:
    """Issue.stories() as the page sets them: the stories of a briefs banner
    (Banner.kind "briefs": 简讯, 各地传真) are briefs (Article.kind "brief"); a
    column of briefs only (Banner.sets_as_one) is one story under its label,
    each brief led in by ■ and its title (measure.py)."""
    briefs = {id(story) for item in issue.items
              if isinstance(item, Banner) and item.kind == "briefs" for story in item.items}
    for key, item, banner in issue.stories():
        if id(item) in briefs and isinstance(item, Article) and item.kind == "article":
            item = replace(item, kind="brief")
        if isinstance(item, Banner):      # a column of briefs: its label over it
            banner = item.title
        yield key, item, banner


def measure_stories(issue: Issue, composer: Composer,
                    scales: tuple[BodyScale, ...]) -> list[Story]:
    return [measure_story(key, item, banner, composer, scales, issue.source)
            for key, item, banner in issue_stories(issue)]


def measure_story(key: str, item: Item, banner: str | None, composer: Composer,
                  scales: tuple[BodyScale, ...], file: str | None = None) -> Story:
    """The story's body flows at each of `scales` its kind allows, each without
    and with pull quotes."""
    item, notes = _title_that_fits(item, composer, file)
    item, too_long = _box_that_fits(item, composer, file)
    notes += too_long
    kind = kind_of(item, composer.layout.grid.columns)
    if kind is COMMENTARY:      # never so narrow that its box is a wall; else not boxed
        narrowest = narrowest_box(item, composer)
        if narrowest is None:
            item = replace(item, kind="article")
            kind = kind_of(item, composer.layout.grid.columns)
        else:
            kind = replace(kind, min_width=narrowest)
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


# A commentary is boxed when it is a short one (短评, 热评): its box at the
# page's width no deeper than this share of the page. A long one (评论员文章,
# a column running over pages) is set as a story: a box is read whole, and
# a frame deeper than a third of the page reads as a wall.
BOXED_COMMENTARY_SHARE = 1 / 3


def _box_that_fits(item: Item, composer: Composer,
                   file: str | None) -> tuple[Item, tuple[Diagnostic, ...]]:
    """The link box, or — when it would not fit a page even as wide as a box
    may be (a box is never continued) — the story set as an article, with a
    warning. (A commentary too deep for its box: measure_story.)"""
    if not boxed(item) or item.kind != "link_box":
        return item, ()
    grid = composer.layout.grid
    widest = link_box_width(grid.columns)
    depth = _box_depth(item, composer, widest)
    if depth <= grid.lines:
        return item, ()
    return replace(item, kind="article"), (warning(
        f"a link box of {depth} lines ({widest} columns wide) is longer than a page "
        f"({grid.lines} lines): set as a story, without its frame, so that it may continue "
        "on another page", file, item.source.first_line),)


def _box_depth(item: Item, composer: Composer, k: int,
               heights: tuple[int, ...] | None = None) -> int:
    """Grid lines a boxed story's module takes k columns wide (at the
    smallest head); `heights`: its flow's, when measured already."""
    if heights is None:
        heights = tuple(f.height for f in measure_item("", item, composer).flow)
    return HeadCache(composer).block("", item, None, k, 4, False).lines + \
        _boxed_height(heights, k, 1)


def narrowest_box(item: Item, composer: Composer) -> int | None:
    """The fewest columns a boxed commentary is set in so that its box is no
    deeper than BOXED_COMMENTARY_SHARE of the page; None: not even the page's
    width."""
    grid = composer.layout.grid
    deepest = int(grid.lines * BOXED_COMMENTARY_SHARE)
    heights = tuple(f.height for f in measure_item("", item, composer).flow)
    return next((k for k in range(KINDS["article"].min_width, grid.columns + 1)
                 if _box_depth(item, composer, k, heights) <= deepest), None)


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
