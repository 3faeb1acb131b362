"""Stage 3: the model and composed text → placed pages (frames) and a report.

    units (items in reading order, banners flattened onto their first article)
    → measure (body flows at the column measure, headlines per width)
    → place (rows of modules on each page, jumps; place.py)
    → draw (modules, furniture, rules → frame elements)
"""

from __future__ import annotations

from dataclasses import dataclass

from ..frames import DocumentFrames, PageFrame
from ..design import PT_PER_MM, Layout
from ..model import Article, Banner, Continuation, Headline, Issue, Item, Promo
from .columns import used_units
from .draw import (PageDraw, draw_filler, filler_lines, draw_flow_columns, draw_head, draw_promo, draw_rules,
                   jump_line)
from .furniture import page_one_top, running_head
from .headblock import HeadBlock, headline_block
from .measure import (Composer, FlowLine, Measured, body_scales, measure_item,
                      with_pull_quotes)
from ..diagnostics import TypesetError
from ..sidecar import Sidecar
from .place import (FILLER_COST, FILLER_STRETCH, HOLE, PROMO_STRETCH, QR_FILLER_COST,
                    Geometry, Module, NoLayout, Plan, UnitSpec, plan_pages)
from .staff import read_staff

__all__ = ["lay_out", "LaidOut"]


@dataclass(frozen=True)
class Unit:
    key: str
    item: Item
    banner: str | None
    measured: Measured
    flows: tuple[tuple[FlowLine, ...], ...]   # body flows: each body size × 0, 1, 2 pull quotes
    costs: tuple[float, ...]                  # placement cost of each flow
    labels: tuple[str, ...]                   # each flow as staff would name it: 五号 + 1 pull quote


@dataclass(frozen=True)
class LaidOut:
    frames: DocumentFrames
    plan: Plan
    report: dict


def lay_out(issue: Issue, layout: Layout, fonts, sidecar: Sidecar | None = None) -> LaidOut:
    """Place the issue on pages. The sidecar carries staff decisions: pins,
    order, page count, section names, editor credits, the promo's QR link."""
    composer = Composer(layout, fonts)
    scales = body_scales(layout)
    # The grid's size and the next larger one first; the largest only when a
    # page would otherwise stay under-filled (rare, and it costs composing).
    laid = _lay_out(issue, composer, sidecar, scales[:2])
    if len(scales) > 2 and any(page["fill"] < MIN_FILL for page in laid.report["pages"]):
        laid = _lay_out(issue, composer, sidecar, scales)
    return laid


def _lay_out(issue: Issue, composer: Composer, sidecar: Sidecar | None, scales) -> LaidOut:
    layout = composer.layout
    units = _units(issue, composer, scales)
    staff = read_staff(sidecar or Sidecar(), {u.key: u.measured.title for u in units})
    if staff.order:      # staff order first, in their numbering; the rest keep reading order
        last = len(units) + 1      # (len() of a list being sorted is 0)
        units.sort(key=lambda u: staff.order.get(u.key, last))
    heads = _Heads(composer)
    library = _Fillers(composer)
    plan = _plan(issue, units, staff, heads, library, composer)
    top = page_one_top(issue.masthead, issue.epigraph, layout.paper, plan.pages, composer,
                       plan.top_air)
    pages, module_reports, warnings = _draw(issue, units, staff, plan, top, heads, library,
                                            composer)
    width, height = layout.page_size_pt
    frames = DocumentFrames(
        tuple(PageFrame(p.number, width, height, layout.page.bleed_mm * PT_PER_MM,
                        tuple(p.elements)) for p in pages),
        title=" ".join(s for s in (issue.masthead.paper_name or layout.paper,
                                   issue.masthead.date_text) if s),
        subject=f"第{issue.masthead.issue_number}期" if issue.masthead.issue_number else "")
    report = _page_report(plan, module_reports, top.lines, layout, units, warnings)
    return LaidOut(frames, plan, report)


class _Heads:
    """Headline blocks by (unit, width, rank, continued, air), each composed once:
    placement asks for their height many times, drawing for their elements."""

    def __init__(self, composer: Composer):
        self.composer = composer
        self.blocks: dict[tuple, HeadBlock] = {}

    def block(self, unit: Unit, k: int, rank: int, continued: bool, air: int = 0) -> HeadBlock:
        key = (unit.key, k, rank, continued, air)
        if key not in self.blocks:
            self.blocks[key] = headline_block(*_head_parts(unit, continued),
                                              self.composer.layout.grid.span_width_pt(k), rank,
                                              self.composer, air)
        return self.blocks[key]


class _Fillers:
    """The layout's filler library, measured per width for placement."""

    def __init__(self, composer: Composer):
        self.composer = composer
        self.by_name = {f.name: f for f in composer.layout.pages.fillers}
        self._options: dict[int, tuple] = {}

    def options(self, k: int) -> tuple[tuple[str, int, int, float], ...]:
        """At width k: (name, lines it needs, lines it may grow, what using it costs)."""
        if k not in self._options:
            width = self.composer.layout.grid.span_width_pt(k)
            self._options[k] = tuple(
                (f.name, filler_lines(self.composer, f, width),
                 PROMO_STRETCH if f.qr else FILLER_STRETCH,
                 QR_FILLER_COST if f.qr else FILLER_COST) for f in self.by_name.values())
        return self._options[k]

    def unused(self, module: Module, used: set[str]):
        """The planned filler, or — when it has already been printed in this
        issue — another text of the library that fits the same space: a reader
        should not meet the same notice twice."""
        planned = self.by_name[module.filler]
        if planned.name not in used:
            return planned
        width = self.composer.layout.grid.span_width_pt(module.width)
        for other in sorted(self.by_name.values(), key=lambda f: f.qr):
            if other.name not in used and \
                    filler_lines(self.composer, other, width) <= module.height:
                return other
        return planned


def _plan(issue: Issue, units: list[Unit], staff, heads: _Heads, library: _Fillers,
          composer: Composer) -> Plan:
    layout, grid = composer.layout, composer.layout.grid
    by_key = {u.key: u for u in units}

    def head(key: str, k: int, rank: int, continued: bool) -> tuple[int, float]:
        unit = by_key[key]
        if isinstance(unit.item, Promo):
            return 0, 0.0
        block = heads.block(unit, k, rank, continued)
        return block.lines, 25.0 * max(0, block.main_lines - 2)   # 3+ title lines read badly

    top = page_one_top(issue.masthead, issue.epigraph, layout.paper, 2, composer)
    # A headline needs two columns at least; a promo (QR code and three
    # lines) is one or two columns wide.
    specs = [UnitSpec(u.key, tuple(tuple(f.height for f in flow) for flow in u.flows), u.costs,
                      tuple(flow[0].subdiv if flow else 1 for flow in u.flows),
                      _kind(u.item), *((1, 2) if isinstance(u.item, Promo) else (2, grid.columns)),
                      staff.pins.get(u.key))
             for u in units]
    geometry = Geometry(grid.columns, grid.lines, top.lines, layout.pages.even,
                        staff.pages or layout.pages.count)
    try:
        return plan_pages(specs, geometry, head, library.options)
    except NoLayout as exc:
        raise TypesetError(str(exc), issue.source) from None


def _draw(issue: Issue, units: list[Unit], staff, plan: Plan, top, heads: _Heads,
          library: _Fillers, composer: Composer):
    """Every page's elements, the modules' report rows, and warnings."""
    layout = composer.layout
    by_key = {u.key: u for u in units}
    qr_url = staff.qr_url or layout.pages.promo_qr_url
    pages = [PageDraw(layout, n + 1) for n in range(plan.pages)]
    for element in top.elements:
        pages[0].add(element)
    for page in pages[1:]:
        running_head(page, issue.masthead, layout.paper, staff.sections.get(page.number),
                     staff.editors, composer)
    reports: list[list[dict]] = [[] for _ in pages]
    warnings = list(plan.warnings)
    used_fillers: set[str] = set()
    for module in plan.modules:
        page = pages[module.page]
        if module.filler:
            chosen = library.unused(module, used_fillers)
            used_fillers.add(chosen.name)
            draw_filler(page, composer, module, chosen, qr_url)
            reports[module.page].append(dict(_report(module, "filler", 0, chosen.text),
                                             item=f"filler:{chosen.name}"))
            continue
        unit = by_key[module.key]
        if isinstance(unit.item, Promo):
            draw_promo(page, composer, module, unit.item.lines, qr_url)
            reports[module.page].append(_report(module, unit.measured.title, 0, "promo"))
            continue
        reports[module.page].append(_draw_article(page, unit, module, heads, composer, warnings))
    for index, page in enumerate(pages):
        draw_rules(page, layout, [m for m in plan.modules if m.page == index])
    return pages, reports, warnings


def _draw_article(page: PageDraw, unit: Unit, module: Module, heads: _Heads,
                  composer: Composer, warnings: list[str]) -> dict:
    """Headline, then the body flow (with its jump lines) in balanced columns."""
    continued = module.jump_from is not None
    block = heads.block(unit, module.width, module.rank or 4, continued, module.air) \
        if module.head_lines else None
    if block:
        draw_head(page, composer.layout, module, block)
    flow = unit.flows[module.variant][module.flow_start:module.flow_end]
    if continued:
        flow = (jump_line(composer, f"（上接第{module.jump_from + 1}版）"),) + flow
    if module.jump_to is not None:
        flow = flow + (jump_line(composer, f"（下转第{module.jump_to + 1}版）"),)
    head_lines = block.lines if block else 0
    body_height = module.height - head_lines
    columns = draw_flow_columns(page, composer, module, flow, module.line + head_lines,
                                body_height)
    subdiv = flow[0].subdiv if flow else 1
    used = [-(-used_units(column) // subdiv) for column in columns]   # grid lines per column
    report = _report(module, unit.measured.title, _white_cells(used, body_height),
                     unit.labels[module.variant])
    needed = max(used, default=0)
    if needed > body_height:     # never expected: placement counts with the same arithmetic
        report["overset_lines"] = needed - body_height
        warnings.append(f"page {module.page + 1}: {module.key} overset by "
                        f"{needed - body_height} lines")
    return report


PULL_QUOTE_COST = 15.0
MIN_FILL = 0.97      # a page filled less than this is reported


def _units(issue: Issue, composer: Composer, scales) -> list[Unit]:
    """Items in reading order (a banner's articles in its place, the banner
    title on the first), each with its body flows: the grid's body size and
    larger ones, each without and with pull quotes."""
    units: list[Unit] = []
    for n, item in enumerate(issue.items, 1):
        members = ([(f"item{n}.{k}", a, item.title if k == 1 else None)
                    for k, a in enumerate(item.items, 1)] if isinstance(item, Banner)
                   else [(f"item{n}", item, None)])
        for key, member, banner in members:
            flows: list[tuple[FlowLine, ...]] = []
            costs: list[float] = []
            labels: list[str] = []
            for scale in (scales if not isinstance(member, Promo) else scales[:1]):
                measured = measure_item(key, member, composer, scale if scale.lines > 1 else None)
                for quotes, flow in enumerate(with_pull_quotes(measured, composer)):
                    flows.append(flow)
                    costs.append(scale.cost + PULL_QUOTE_COST * quotes)
                    labels.append(f"body {scale.name}" + (f" + {quotes} pull quote"
                                                          f"{'s' if quotes > 1 else ''}"
                                                          if quotes else ""))
                if scale is scales[0]:
                    plain = measured
            units.append(Unit(key, member, banner, plain, tuple(flows), tuple(costs),
                              tuple(labels)))
    return units


def _head_parts(unit: Unit, continued: bool) -> tuple[Headline | None, str | None]:
    item = unit.item
    if continued:
        return Headline((_short_title(item),)), None
    headline = item.headline if isinstance(item, (Article, Continuation)) else None
    return headline, unit.banner


def _short_title(item: Item) -> str:
    if isinstance(item, (Article, Continuation)) and item.headline and item.headline.main:
        return item.headline.main[0].rstrip("，、：；")
    return "续"


def _kind(item: Item) -> str:
    if isinstance(item, Promo):
        return "promo"
    return "continuation" if isinstance(item, Continuation) else "article"


def _white_cells(used: list[int], height: int) -> int:
    """Grid cells left empty at the column feet of a module (`used`: lines
    filled per column), beyond the one line by which balanced columns may
    differ (that line counts as filled)."""
    return sum(max(0, height - lines - 1) for lines in used)


def _report(module: Module, title: str, white: int, variant: str) -> dict:
    return {"item": module.key, "title": title, "columns": [module.col + 1, module.col + module.width],
            "lines": [module.line + 1, module.line + module.height], "rank": module.rank,
            "air": module.air, "variant": variant, "white_cells": white,
            **({"jump_to": module.jump_to + 1} if module.jump_to is not None else {}),
            **({"jump_from": module.jump_from + 1} if module.jump_from is not None else {})}


def _page_report(plan: Plan, modules: list[list[dict]], top_lines: int, layout: Layout,
                 units: list[Unit], warnings: list[str]) -> dict:
    """Fill counts a module's area less the white at its column feet beyond
    the one line balanced columns may differ by; headline air is designed
    space and counts as filled. A hole is white at a page foot or a column
    foot of HOLE lines or more."""
    grid = layout.grid
    cells = grid.columns * grid.lines
    pages = []
    for index, mods in enumerate(modules):
        used = sum((m["columns"][1] - m["columns"][0] + 1) * (m["lines"][1] - m["lines"][0] + 1)
                   - m["white_cells"] for m in mods)
        top = top_lines if index == 0 else 0     # masthead block, its air included
        used += grid.columns * top
        bottom = max([m["lines"][1] for m in mods] + [top])
        holes = ([{"columns": [1, grid.columns], "lines": [bottom + 1, grid.lines]}]
                 if grid.lines - bottom >= HOLE else [])
        fill = used / cells
        if fill < MIN_FILL:
            warnings.append(f"page {index + 1}: filled {fill:.1%}, under {MIN_FILL:.0%}")
        pages.append({"page": index + 1, "fill": round(fill, 4), "holes": holes,
                      "jumps": [{"item": m["item"], "to": m["jump_to"]} for m in mods
                                if "jump_to" in m],
                      "overset_lines": sum(m.get("overset_lines", 0) for m in mods),
                      "modules": mods})
    return {"pages": pages, "cost": round(plan.cost, 1), "warnings": warnings,
            "typography": {u.key: list(u.measured.violations) for u in units
                           if u.measured.violations},
            # lines of the grid-size body with more than ¼ em added per gap
            "loose_lines": {u.key: u.measured.loose_lines for u in units
                            if u.measured.loose_lines}}
