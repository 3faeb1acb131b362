"""A plan drawn: every page's elements, and the report of what each module holds.

Drawing uses the arithmetic placement counted with (columns.py), and the
report reads white and overset from the columns as drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..compose import Composer
from ..diagnostics import Diagnostic, warning
from ..model import Issue, Promo
from ..sidecar import StaffPlan
from .columns import column_height, filled_columns, used_units
from .draw import PageDraw, draw_box, draw_filler, draw_flow_columns, draw_head, draw_promo, \
    draw_rules, jump_line, looser
from .fillers import FillerLibrary
from .furniture import Top, running_head
from .headblock import HeadCache
from .measure import boxed, fixed_rank, line_units, titled
from .place import Module, Plan
from .place.kinds import MODULE_GAP
from .place.prices import GENEROUS_AIR
from .report import ModuleReport, white_cells
from .stories import Story, box_foot, pull_quotes


@dataclass(frozen=True)
class Drawn:
    pages: tuple[PageDraw, ...]
    modules: tuple[tuple[ModuleReport, ...], ...]   # per page
    warnings: tuple[Diagnostic, ...]
    # stories whose pull quotes had to be left out: none could stand clear of
    # the sentence it repeats (columns._quotes_dropped); layout plans them again
    unquoted: frozenset[str] = frozenset()


def draw_pages(issue: Issue, stories: list[Story], staff: StaffPlan, plan: Plan, top: Top,
               heads: HeadCache, library: FillerLibrary, composer: Composer) -> Drawn:
    layout = composer.layout
    by_key = {s.key: s for s in stories}
    qr_url = staff.qr_url
    first = issue.first_page           # the folio of the issue's first page
    pages = [PageDraw(layout, first + n) for n in range(plan.pages)]
    pages[0].story = "epigraph"        # the masthead's lines are furniture; the epigraph's count
    for element in top.elements:
        pages[0].add(element)
    pages[0].story = None
    # a front page carries the masthead; every other page, and every page of
    # a paper's inner pages, its running head
    for page in pages[1:] if first == 1 else pages:
        running_head(page, issue.masthead, staff.sections.get(page.number),
                     staff.editors, composer)
    reports: list[list[ModuleReport]] = [[] for _ in pages]
    warnings: list[Diagnostic] = []
    fillers = iter(library.chosen(plan.modules))
    unquoted: set[str] = set()
    jumping = {m.key for m in plan.modules if m.jump_to is not None or m.jump_from is not None}
    framed = frozenset(s.key for s in stories if boxed(s.item))
    spans, bands = banner_rows(plan, by_key, heads, jumping | framed)
    for module in plan.modules:
        page = pages[module.page]
        page.story = None if module.filler else module.key
        if module.filler:
            chosen = next(fillers)
            if chosen is None:
                warnings.append(Diagnostic(
                    "warning", f"page {first + module.page}: no filler left to print that has not "
                               "been printed already; the space stays white", issue.source))
                continue
            draw_filler(page, composer, module, chosen, qr_url)
            reports[module.page].append(_report(module, f"filler:{chosen.name}", chosen.text,
                                                "filler", 0, chosen.text, first=first))
            continue
        story = by_key[module.key]
        if isinstance(story.item, Promo):
            if qr_url is None:
                warnings.append(warning(
                    "promo: its text asks readers to scan a QR code, but the paper has no "
                    "address for one (qr_url in its paper file under papers/, or promo_qr_url "
                    "in the sidecar); a draft prints it without one", issue.source,
                    story.item.source.first_line, rule="promo.qr_url"))
            draw_promo(page, composer, module, story.item, qr_url)
            reports[module.page].append(_report(module, story.key, story.measured.title,
                                                story.kind.name, 0, "promo", first=first))
            continue
        under = any(m.page == module.page and m.line + m.height + MODULE_GAP == module.line
                    and m.col < module.col + module.width and module.col < m.col + m.width
                    for m in plan.modules)      # a module rule runs over it
        # over a frame, the module rule stops short of it: the line between is white
        open_under = tuple(MODULE_GAP if any(
            m.page == module.page and m.key in framed and m.col <= column < m.col + m.width
            and module.line + module.height + MODULE_GAP == m.line for m in plan.modules) else 0
            for column in range(module.col, module.col + module.width))
        span, _ = spans.get(module.key, (None, 0))
        report, dropped = _draw_story(page, story, module, heads, composer,
                                      module.key in jumping, under, open_under, span,
                                      bands.get(module.key, 0))
        if dropped:
            unquoted.add(story.key)
        if report.overset_lines:     # never expected: placement counts with the same arithmetic
            warnings.append(Diagnostic(
                "warning", f"page {first + module.page}: {story.key} overset by "
                           f"{report.overset_lines} lines", issue.source,
                story.item.source.first_line))
        reports[module.page].append(report)
    for page in pages:
        page.story = None
    for index, page in enumerate(pages):
        modules = [m for m in plan.modules if m.page == index]
        draw_rules(page, layout, modules, framed,
                   tuple((m, *spans[m.key]) for m in modules if m.key in spans))
    return Drawn(tuple(pages), tuple(tuple(r) for r in reports), tuple(warnings),
                 frozenset(unquoted))


def banner_rows(plan: Plan, by_key: dict[str, Story], heads: HeadCache,
                apart: set[str] | frozenset[str]) -> tuple[dict[str, tuple[int, int]],
                                                             dict[str, int]]:
    """A banner's band over its stories in a row, not over the first alone
    (各地传真 over both of its stories side by side): for each banner's first
    story, the columns its band runs across — itself and the stories of the
    same banner right beside it, level with its top — and the band's grid
    lines; for each story beside, the lines its text starts under.
    Placement gives a row's modules beside the first those lines
    (search._row_frame, "band"); a story beside joins only where its module
    has them to spare, so a plan made otherwise (staff pins) draws as it
    fits. `apart`: stories that never join (jumping, framed)."""
    spans: dict[str, tuple[int, int]] = {}
    bands: dict[str, int] = {}
    for first in plan.modules:
        story = by_key.get(first.key)
        if first.filler or story is None or not story.banner or first.key in apart:
            continue
        group = first.key.rsplit(".", 1)[0] + "."
        beside = {m.col: m for m in plan.modules
                  if m.page == first.page and m.line == first.line and not m.filler
                  and m.key.startswith(group) and m.key != first.key and m.key not in apart}
        width, chain = first.width, []
        while (m := beside.get(first.col + width)) is not None:
            chain.append(m)
            width += m.width
        while chain:
            band = heads.band_lines(story.banner, width)
            if all(_room_under_band(by_key[m.key], m, band, heads) for m in chain):
                break
            width -= chain.pop().width
        if chain:
            spans[first.key] = width, band
            bands.update((m.key, band) for m in chain)
    return spans, bands


def _room_under_band(story: Story, module: Module, band: int, heads: HeadCache) -> bool:
    """Do the story's head (its air given up for the band first) and body fit
    its module under `band` lines of a banner's band?"""
    flow = story.flows[module.variant][module.flow_start:module.flow_end]
    if not flow:
        return True
    head = heads.block(story.key, story.item, None, module.width, module.rank or 4, False,
                       max(0, module.air - band)).lines if titled(story.item) else 0
    body = column_height(tuple(f.height for f in flow), module.width, flow[0].subdiv)
    return band + head + body <= module.height


def _draw_story(page: PageDraw, story: Story, module: Module, heads: HeadCache,
                composer: Composer, jumps: bool = False, under: bool = False,
                open_under: tuple[int, ...] = (), banner_k: int | None = None,
                band: int = 0) -> tuple[ModuleReport, bool]:
    """Headline, then the body flow (with its jump lines) in balanced columns;
    a link box inside its frame. `jumps`: the story continues on another page;
    `under`: another module stands right over it (a module rule between);
    `open_under`: per column, the grid lines white under its foot — a framed
    module stands right under the column, no rule between, and a column
    ending short reaches into that line. `banner_k`: the columns its banner's
    band runs across (banner_rows); `band`: the lines of a banner's band over
    it, drawn with the story it runs from, which its head gives its air to.
    With the report: were pull quotes of the flow left out?"""
    first = page.number - module.page     # the issue's first folio
    continued = module.jump_from is not None
    framed = boxed(story.item)
    # A framed story keeps its label over its text; the head's air goes over
    # the label, inside the frame, as placement counted it (air over the
    # head, not white under the text).
    air, lead = (0, module.air) if framed else (module.air, 0)
    placed = module
    if band:        # set under the band, in the lines it leaves
        air, under = max(0, air - band), False
        module = replace(module, line=module.line + band, height=module.height - band,
                         air=air)
    if framed:
        draw_box(page, composer.layout, module)
    whole = story.flows[module.variant]
    flow = whole[module.flow_start:module.flow_end]
    subdiv, line = (whole[0].subdiv, line_units(whole)) if whole else (1, 1)
    if continued:
        flow = (jump_line(composer, f"（上接第{module.jump_from + first}版）", subdiv, line),) + flow
    if module.jump_to is not None:
        flow = flow + (jump_line(composer, f"（下转第{module.jump_to + first}版）", subdiv, line),)
    filled = None
    if module.head_lines and air > GENEROUS_AIR:
        # more air than the style gives (its row is taller than its copy):
        # the body driven a line longer here and there to take the rest, as a
        # make-up editor drives lines (拉行), where the paragraphs allow it
        block = heads.block(story.key, story.item, story.banner, module.width,
                            module.rank or 4, continued, GENEROUS_AIR, banner_k)
        filled = filled_columns(flow, module.width,
                                lambda lines, tol: looser(composer, lines, tol),
                                module.height - block.lines - box_foot(story),
                                (composer.layout.line_pitch_pt, composer.layout.body_size_pt))
        if filled is not None:
            air, module = GENEROUS_AIR, replace(module, air=GENEROUS_AIR)
    block = heads.block(story.key, story.item, story.banner, module.width, module.rank or 4,
                        continued, air, banner_k) if module.head_lines else None
    at = replace(module, line=module.line + lead)
    if block:
        draw_head(page, composer.layout, at, block)
    head_lines = block.lines if block else 0
    # under a frame's text: the rest of its air and its foot line
    body_height = module.height - head_lines - (module.air if framed else 0) - box_foot(story)
    if not block and not framed and under and flow and column_height(
            tuple(f.height for f in flow), module.width, flow[0].subdiv) < body_height:
        # a module without a head under another: its text would start right
        # under the rule between them; the white it has to spare goes there
        lead, body_height = lead + 1, body_height - 1
    columns = draw_flow_columns(page, composer, module, flow, module.line + lead + head_lines,
                                body_height, framed, open_under, filled)
    dropped = pull_quotes(flow) > pull_quotes(tuple(item for column in columns
                                                     for item, _ in column))
    subdiv = flow[0].subdiv if flow else 1
    used = [-(-used_units(column) // subdiv) for column in columns]   # grid lines per column
    needed = max(used, default=0)
    # the rank drawn: a brief's is fixed; a story without a title has none, and
    # no air (what its module has more than its text is white at the feet)
    headed = titled(story.item) or continued
    rank = (fixed_rank(story.item) or module.rank) if module.rank and headed else 0
    return _report(replace(placed, rank=rank, air=module.air if headed else 0), story.key,
                   story.measured.title,
                   story.kind.name, white_cells(used, body_height),
                   story.labels[module.variant], max(0, needed - body_height), first), dropped


def _report(module: Module, item: str, title: str, kind: str, white: int, variant: str,
            overset: int = 0, first: int = 1) -> ModuleReport:
    """The module as the report gives it, its jumps as printed folios
    (`first`: the issue's first folio)."""
    return ModuleReport(item, title, kind, (module.col + 1, module.col + module.width),
                        (module.line + 1, module.line + module.height), module.rank, module.air,
                        variant, white,
                        module.jump_to + first if module.jump_to is not None else None,
                        module.jump_from + first if module.jump_from is not None else None,
                        overset)
