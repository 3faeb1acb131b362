"""Stage 3: the model and composed text → placed pages (frames) and a report.

    units (items in reading order, banners flattened onto their first article)
    → measure (body flows at the column measure, headlines per width)
    → place (rows of modules on each page, jumps; place.py)
    → draw (modules, furniture, rules → frame elements)
"""

from __future__ import annotations

from dataclasses import dataclass

from ..compose import Run
from ..frames import DocumentFrames, PageFrame
from ..layouts import PT_PER_MM, Layout
from ..model import Article, Banner, Continuation, Headline, Issue, Item, Promo
from .columns import split_columns
from .draw import (PageDraw, draw_filler, draw_flow_columns, draw_head, draw_promo, draw_rules,
                   jump_line)
from .furniture import page_one_top, running_head
from .headline import HeadBlock, headline_block
from .measure import Composer, FlowLine, Measured, measure_item, with_pull_quotes
from .place import Geometry, Module, Plan, UnitSpec, plan_pages

__all__ = ["lay_out", "LaidOut"]


@dataclass(frozen=True)
class Unit:
    key: str
    item: Item
    banner: str | None
    measured: Measured
    flows: tuple[tuple[FlowLine, ...], ...]   # body flow without, with one, two pull quotes


@dataclass(frozen=True)
class LaidOut:
    frames: DocumentFrames
    plan: Plan
    report: dict


def lay_out(issue: Issue, layout: Layout, fonts, *, sections: dict[int, str] | None = None,
            editors: dict[str, str] | None = None, qr_url: str | None = None) -> LaidOut:
    composer = Composer(layout, fonts)
    units = _units(issue, composer)
    grid = layout.grid
    width_pt = {k: grid.span_width_pt(k) for k in range(1, grid.columns + 1)}
    heads: dict[tuple, HeadBlock] = {}

    def head_block(unit: Unit, k: int, rank: int, continued: bool, air: int = 0) -> HeadBlock:
        key = (unit.key, k, rank, continued, air)
        if key not in heads:
            heads[key] = headline_block(*_head_parts(unit, continued), width_pt[k], rank,
                                        composer, air)
        return heads[key]

    by_key = {u.key: u for u in units}

    def head(key: str, k: int, rank: int, continued: bool) -> tuple[int, float]:
        unit = by_key[key]
        if isinstance(unit.item, Promo):
            return 0, 0.0
        block = head_block(unit, k, rank, continued)
        badness = 25.0 * max(0, block.main_lines - 2)
        return block.lines, badness

    fillers = {f.name: f for f in layout.pages.fillers}

    def filler(k: int):
        if not fillers or k < 1:
            return None
        name = next(iter(fillers))
        style = composer.style("promo")
        measure = (width_pt[k] - 2 * layout.body_size_pt) / style.size_pt
        lines = len(composer.paragraph((Run(fillers[name].text, style.font),), measure, 0,
                                       "center", "center").lines)
        return name, max(3, lines * 2 + 2)

    top = page_one_top(issue.masthead, issue.epigraph, layout.paper, 2, composer)
    specs = [UnitSpec(u.key, tuple(sum(f.height for f in flow) for flow in u.flows), _kind(u.item),
                      1, 2 if isinstance(u.item, Promo) else grid.columns) for u in units]
    geometry = Geometry(grid.columns, grid.lines, top.lines, layout.pages.even,
                        layout.pages.count or None)
    plan = plan_pages(specs, geometry, head, filler)
    top = page_one_top(issue.masthead, issue.epigraph, layout.paper, plan.pages, composer)

    pages = [PageDraw(layout, n + 1) for n in range(plan.pages)]
    for element in top.elements:
        pages[0].add(element)
    for number, page in enumerate(pages, 1):
        if number > 1:
            running_head(page, issue.masthead, layout.paper, (sections or {}).get(number),
                         editors or {}, composer)
    module_reports: list[list[dict]] = [[] for _ in pages]
    for module in plan.modules:
        page = pages[module.page]
        if module.filler:
            draw_filler(page, composer, module, fillers[module.filler].text)
            module_reports[module.page].append(_report(module, "filler", 0))
            continue
        unit = by_key[module.key]
        if isinstance(unit.item, Promo):
            draw_promo(page, composer, module, unit.item.lines, qr_url or layout.pages.promo_qr_url)
            module_reports[module.page].append(_report(module, unit.measured.title, 0))
            continue
        continued = module.jump_from is not None
        block = head_block(unit, module.width, module.rank or 4, continued, module.air) \
            if module.head_lines else None
        if block:
            draw_head(page, layout, module, block)
        flow = unit.flows[module.variant][module.flow_start:module.flow_end]
        if continued:
            flow = (jump_line(composer, f"（上接第{module.jump_from + 1}版）"),) + flow
        if module.jump_to is not None:
            flow = flow + (jump_line(composer, f"（下转第{module.jump_to + 1}版）"),)
        head_lines = block.lines if block else 0
        body_height = module.height - head_lines
        draw_flow_columns(page, composer, module, flow, module.line + head_lines, body_height)
        white = _white_cells(flow, module.width, body_height)
        module_reports[module.page].append(_report(module, unit.measured.title, white))
    for index, page in enumerate(pages):
        draw_rules(page, layout, [m for m in plan.modules if m.page == index])

    width, height = layout.page_size_pt
    frames = DocumentFrames(
        tuple(PageFrame(p.number, width, height, layout.page.bleed_mm * PT_PER_MM,
                        tuple(p.elements)) for p in pages),
        title=" ".join(s for s in (issue.masthead.paper_name or layout.paper,
                                   issue.masthead.date_text) if s),
        subject=f"第{issue.masthead.issue_number}期" if issue.masthead.issue_number else "",
        font_roles=tuple((role, tuple(chain)) for role, chain in layout.fonts.items()))
    report = _page_report(plan, module_reports, top.lines, layout, units)
    return LaidOut(frames, plan, report)


def _units(issue: Issue, composer: Composer) -> list[Unit]:
    units: list[Unit] = []
    for n, item in enumerate(issue.items, 1):
        if isinstance(item, Banner):
            for k, article in enumerate(item.items, 1):
                key = f"item{n}.{k}"
                measured = measure_item(key, article, composer)
                units.append(Unit(key, article, item.title if k == 1 else None, measured,
                                  with_pull_quotes(measured, composer)))
        else:
            key = f"item{n}"
            measured = measure_item(key, item, composer)
            units.append(Unit(key, item, None, measured, with_pull_quotes(measured, composer)))
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


def _white_cells(flow, columns: int, height: int) -> int:
    filled = sum(sum(f.height for f in col) for col in split_columns(flow, columns, height))
    return max(0, columns * height - filled)


def _report(module: Module, title: str, white: int) -> dict:
    return {"item": module.key, "title": title, "columns": [module.col + 1, module.col + module.width],
            "lines": [module.line + 1, module.line + module.height], "rank": module.rank,
            "air": module.air, "white_cells": white,
            **({"jump_to": module.jump_to + 1} if module.jump_to is not None else {}),
            **({"jump_from": module.jump_from + 1} if module.jump_from is not None else {})}


def _page_report(plan: Plan, modules: list[list[dict]], top_lines: int, layout: Layout,
                 units: list[Unit]) -> dict:
    grid = layout.grid
    cells = grid.columns * grid.lines
    pages = []
    for index, mods in enumerate(modules):
        used = sum((m["columns"][1] - m["columns"][0] + 1) * (m["lines"][1] - m["lines"][0] + 1)
                   - m["white_cells"] for m in mods)
        if index == 0:
            used += grid.columns * top_lines
        pages.append({"page": index + 1, "fill": round(used / cells, 4), "modules": mods})
    return {"pages": pages, "cost": round(plan.cost, 1), "warnings": list(plan.warnings),
            "typography": {u.key: list(u.measured.violations) for u in units
                           if u.measured.violations}}
