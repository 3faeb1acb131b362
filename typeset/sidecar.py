"""The sidecar `<source>.yaml`: what staff add to a parsed issue by hand.

    masthead: {paper: 伊滨新闻, date: 2024-12-31, issue: 52, total_issue: 320}
    layout: tabloid            # a name in layouts/ or a path
    pages: 4                         # fixed page count (else the content decides)
    first_page: 2                    # these are a paper's inner pages, from 第2版
    sections: {2: 综合新闻}           # section names for the running heads
    editors: {责任编辑: 王伟, 校对: 李娜}
    paper: yibin-news                # a paper file (papers/<name>.yaml or a path);
                                     # else the one whose name: is the masthead's
    promo_qr_url: https://example.org/today
    structure:                       # corrections to how the file was read
      - lines: 40
        is: article                  # line 40 starts a new article
      - lines: 40-41
        is: title
      - lines: [12, 15]              # the block at line 15 joins the paragraph at 12
        is: joined
      - lines: 158-160
        is: dropped
    placement:
      - item: 作风硬                  # an item key (item5, item4.1) or part of its title
        page: 2
        columns: [1, 5]              # first and last column, 1-based
        lines: [44, 86]              # first and last grid line, 1-based
      - item: item2
        width: 3                     # columns, wherever it goes
      - item: 樊灿涛调研
        order: 1                     # place it first (reading order of importance)
    pictures:                        # checked and loaded by typeset/pictures.py
      - item: 作风硬                  # as in placement: an item key or part of its title
        file: photos/dam.jpg         # relative to this file's folder, never outside it
        caption: 图为施工现场           # else the item's caption paragraph, if it has one
        credit: 记者 王伟 摄            # else that paragraph's （… 摄）, or a 摄 byline
        width: 2                     # columns

This module is the sidecar's one home: where it is found (`find_sidecar`),
its schema (read with the layouts' schema engine: types, ranges, unknown keys
with did-you-mean, file:line:column in every error), and what its placement
entries mean for a given issue and design (`staff_plan`). Its pictures'
files are checked and opened by typeset.pictures (`load_pictures`). Command-line
options are merged in as if they were written here (`Sidecar.with_options`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .design import Filler, Layout, Table
from .design.schema import (REQUIRED, Choice, Context, Date, Int, ListOf, MapOf, Section,
                            Setting, SettingsError, SourceLines, Span, Text, Url, read_yaml_file,
                            suggest)
from .model import Issue, title_of
from .paper import PaperError, find_paper

MAX_ISSUE_NUMBER = 9_999          # 第N期 within a year or a run
MAX_TOTAL_ISSUE = 999_999         # 总第N期


class SidecarError(SettingsError):
    """A sidecar that cannot be used, or a staff decision that cannot be honoured."""


# ---------------------------------------------------------------- values

@dataclass(frozen=True)
class PlacementEntry:
    """One `placement:` entry as written; `line` is its line in the sidecar."""
    item: str
    line: int
    page: int | None = None
    columns: tuple[int, int] | None = None
    lines: tuple[int, int] | None = None
    width: int | None = None
    order: int | None = None


@dataclass(frozen=True)
class PictureEntry:
    """One `pictures:` entry as written; `line` is its line in the sidecar.
    The file is checked and opened by typeset.pictures.load_pictures."""
    item: str
    file: str
    line: int
    caption: str | None = None
    credit: str | None = None
    width: int | None = None       # columns


# What staff may say a run of source lines is (`structure:` entries).
STRUCTURE_KINDS = {
    "article": "the lines start a new article (the first is its title or first paragraph)",
    "title": "the lines are the title of a new article (1–3 lines)",
    "subhead": "the line is a subhead of the story it stands in",
    "paragraph": "the lines are running text, never a title or a label",
    "joined": "lines [A, B]: the block at B joins the paragraph at A (one paragraph)",
    "byline": "the line is the byline of the story it closes",
    "caption": "the line is a photo caption",
    "dropped": "the lines are not printed (kept in the model as dropped)",
}


@dataclass(frozen=True)
class StructureEntry:
    """One `structure:` entry: source lines `first`–`last` are `kind`;
    `line` is the entry's line in the sidecar."""
    first: int
    last: int
    kind: str
    line: int


@dataclass(frozen=True)
class Sidecar:
    path: str | None = None
    masthead: Table = field(default_factory=Table)   # model field name → value
    layout: str | None = None
    pages: int | None = None
    sections: Table = field(default_factory=Table)   # page number (1-based) → name
    editors: Table = field(default_factory=Table)    # label → name
    promo_qr_url: str | None = None
    placement: tuple[PlacementEntry, ...] = ()
    lines: Table = field(default_factory=Table)      # key path → line, for later errors
    structure: tuple[StructureEntry, ...] = ()
    paper: str | None = None       # the paper file, when the sidecar names it
    first_page: int | None = None  # the issue's first page: 2 for a paper's inner pages
    pictures: tuple[PictureEntry, ...] = ()

    def with_options(self, first_page: int | None = None, **options: Any) -> "Sidecar":
        """Command-line options over the file's: masthead facts (paper, date,
        issue, total_issue) and the first page."""
        merged = dict(self.masthead)
        for key, value in options.items():
            if value is not None:
                merged[MASTHEAD_FIELDS[key]] = value
        return replace(self, masthead=Table(merged),
                       first_page=first_page if first_page is not None else self.first_page)

    def layout_name(self, explicit: str | None = None) -> str:
        """The design to use: the one asked for, else the sidecar's `layout:`,
        else the default — the one rule, for build and parse alike."""
        from .design import DEFAULT_LAYOUT
        return explicit or self.layout or DEFAULT_LAYOUT

    def fail(self, key: str, message: str):
        raise SidecarError(message, self.path, self.lines.get(key), key)


# ---------------------------------------------------------------- schema

# sidecar key → model.Masthead field
MASTHEAD_FIELDS = {"paper": "paper_name", "date": "date", "issue": "issue_number",
                   "total_issue": "total_issue_number", "lunar_date": "lunar_date",
                   "licence": "licence", "approval": "approval", "sponsor": "sponsor",
                   "publisher": "publisher", "note": "note"}

MASTHEAD = Section([
    Setting("paper", Text(40), None, "paper name, e.g. 伊滨新闻"),
    Setting("date", Date(), None, "issue date, e.g. 2024-12-31"),
    Setting("issue", Int(1, MAX_ISSUE_NUMBER), None, "第N期"),
    Setting("total_issue", Int(1, MAX_TOTAL_ISSUE), None, "总第N期"),
    Setting("lunar_date", Text(20), None, "as printed, e.g. 甲辰年二月廿三 (else computed)"),
    Setting("licence", Text(), None, "licence or 刊号 line"),
    Setting("approval", Text(), None, "approving authority line"),
    Setting("sponsor", Text(), None, "主管主办"),
    Setting("publisher", Text(), None, "编辑出版"),
    Setting("note", Text(), None, "e.g. 内部资料 免费交流"),
], lambda v, ctx, path: Table({MASTHEAD_FIELDS[k]: value for k, value in v.items()
                               if value is not None}))

PLACEMENT = Section([
    Setting("item", Text(), REQUIRED, "an item key (item3, item4.1) or part of its title"),
    Setting("page", Int(1), None, "page, 1-based"),
    Setting("columns", Span(), None, "[first, last] column, 1-based"),
    Setting("lines", Span(), None, "[first, last] grid line, 1-based"),
    Setting("width", Int(1), None, "width in columns, wherever it goes"),
    Setting("order", Int(1), None, "1: the lead story; items with an order come first"),
], lambda v, ctx, path: _entry(v, ctx, path))

STRUCTURE = Section([
    Setting("lines", SourceLines(), REQUIRED, "a source line, or first-last"),
    Setting("is", Choice(*STRUCTURE_KINDS), REQUIRED, "what those lines are"),
], lambda v, ctx, path: StructureEntry(v["lines"][0], v["lines"][1], v["is"], ctx.lines[path]))

PICTURE = Section([
    Setting("item", Text(), REQUIRED, "an item key (item3, item4.1) or part of its title"),
    Setting("file", Text(), REQUIRED, "the picture file, relative to the sidecar's folder"),
    Setting("caption", Text(), None, "the caption under it; else the item's caption paragraph"),
    Setting("credit", Text(60), None, "the photo credit after the caption, e.g. 记者 王伟 摄"),
    Setting("width", Int(1), None, "width in columns"),
], lambda v, ctx, path: PictureEntry(v["item"], v["file"], ctx.lines[path], v["caption"],
                                     v["credit"], v["width"]))

SIDECAR = Section([
    Setting("masthead", MASTHEAD, REQUIRED, "masthead facts the issue file lacks"),
    Setting("layout", Text(), None, "layout name in layouts/ or a path to a layout file"),
    Setting("pages", Int(1, 999), None, "fixed page count; left out, the content decides"),
    Setting("sections", MapOf(Int(1, 999), Text(20), "page numbers mapped to section names, "
                              "e.g. {2: 综合}"), {}, "running-head section names by page"),
    Setting("editors", MapOf(Text(20), Text(40), "labels mapped to names, e.g. "
                             "{责任编辑: 王伟}"), {}, "editor credits"),
    Setting("paper", Text(200), None, "the paper file: a name in papers/ or a path"),
    Setting("first_page", Int(1, 999), None, "the issue's first page number: 2 or more for a "
            "paper's inner pages (no masthead; running heads on every page)"),
    Setting("promo_qr_url", Url(), None, "the promo QR code's address for this issue"),
    Setting("placement", ListOf(PLACEMENT, nonempty=False, unique=False), (),
            "staff placement: pins and order"),
    Setting("structure", ListOf(STRUCTURE, nonempty=False, unique=False), (),
            "corrections to the reading, by source line"),
    Setting("pictures", ListOf(PICTURE, nonempty=False, unique=False), (),
            "pictures of the items: file, caption, credit, width"),
])


def _entry(v: dict, ctx: Context, path: str) -> PlacementEntry:
    if v["width"] is not None and v["columns"] is not None \
            and v["width"] != v["columns"][1] - v["columns"][0] + 1:
        first, last = v["columns"]
        ctx.fail_at(f"{path}.width", f"width {v['width']} contradicts columns {first}–{last}")
    return PlacementEntry(v["item"], ctx.lines[path], v["page"], v["columns"], v["lines"],
                          v["width"], v["order"])


def find_sidecar(source: str | Path, explicit: str | Path | None = None) -> Sidecar:
    """The sidecar of an issue file: `explicit` if given (it must exist), else
    `<stem>.yaml` beside the source if there is one, else an empty sidecar."""
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise SidecarError("no such sidecar file", str(path))
        return load_sidecar(path)
    return load_sidecar(Path(source).with_suffix(".yaml"))


def load_sidecar(path: Path) -> Sidecar:
    if not path.exists():
        return Sidecar()
    name = str(path)
    root = read_yaml_file(path, "sidecar", SidecarError)
    if root is None:
        return Sidecar(name)
    ctx = Context(name, SidecarError, path.parent)
    v = SIDECAR.convert(root, ctx, "")
    return Sidecar(name, v["masthead"], v["layout"], v["pages"], Table(v["sections"]),
                   Table(v["editors"]), v["promo_qr_url"], v["placement"], Table(ctx.lines),
                   tuple(v["structure"]), v["paper"], v["first_page"],
                   pictures=tuple(v["pictures"]))


# ---------------------------------------------------------------- staff decisions

@dataclass(frozen=True)
class Pin:
    page: int | None = None        # 0-based
    col: int | None = None         # 0-based first column
    width: int | None = None
    line: int | None = None        # 0-based first grid line
    height: int | None = None
    source: str = ""               # sidecar file:line, for messages


@dataclass(frozen=True)
class StaffPlan:
    """The sidecar's decisions, and the paper file's identity, resolved for one
    issue and one design."""
    pins: Table = field(default_factory=Table)       # story key → Pin
    order: Table = field(default_factory=Table)      # story key → order number
    pages: int | None = None
    sections: Table = field(default_factory=Table)   # page number (1-based) → name
    editors: Table = field(default_factory=Table)    # label → name
    qr_url: str | None = None
    fillers: tuple[Filler, ...] = ()                 # the paper's, for this issue
    paper: str | None = None                         # the paper file used, if any
    output_profile: tuple[str, str | None] | None = None   # the paper's printer profile
                                                     # (path, condition identifier)


def staff_plan(sidecar: Sidecar, issue: Issue, layout: Layout) -> StaffPlan:
    """Resolve `item:` references against the issue's stories and check every
    decision against the design: a pin is honoured exactly or refused here,
    naming the sidecar line. The paper file (named by the sidecar, else found
    by the masthead's paper name) gives the paper's fillers, QR address,
    sections and editors; the sidecar's own say wins."""
    grid = layout.grid
    base = Path(sidecar.path).parent if sidecar.path else None
    paper = find_paper(issue.masthead.paper_name, sidecar.paper, base)
    fillers = paper.fillers_for(issue.masthead.paper_name, issue.masthead.kind) if paper else ()
    for n, declared in enumerate(paper.fillers if paper else ()):
        style = declared.filler.style
        if style not in layout.styles:
            raise PaperError(f"filler {declared.filler.name!r}: the layout {layout.name} has no "
                             f"style {style!r}{suggest(style, layout.styles)}",
                             paper.path, paper.lines.get(f"fillers[{n}]"))
    if sidecar.pages is not None and sidecar.pages > layout.pages.limit:
        sidecar.fail("pages", f"{sidecar.pages} pages: over the layout's limit of "
                              f"{layout.pages.limit} (pages.limit in {layout.source})")
    if sidecar.pages and layout.pages.even and sidecar.pages % 2:
        sidecar.fail("pages", f"{sidecar.pages} pages: this layout prints an even page count")
    for label in sidecar.editors:
        if label not in layout.editors.labels:
            sidecar.fail(f"editors.{label}", f"unknown editor label {label!r}"
                                             f"{suggest(label, layout.editors.labels)}")
    titles = {key: title_of(story) for key, story, _ in issue.stories()}
    pins: dict[str, Pin] = {}
    order: dict[str, int] = {}
    first_entry: dict[str, int] = {}
    order_line: dict[int, int] = {}
    for index, entry in enumerate(sidecar.placement):
        where = f"placement[{index}]"
        key = resolve_item(entry.item, titles,
                           lambda m: sidecar.fail(f"{where}.item", m))
        if key in first_entry:
            sidecar.fail(f"{where}.item", f"{key} ({titles[key][:12]}) is already placed by "
                                          f"the entry on line {first_entry[key]}: one entry per item")
        first_entry[key] = entry.line
        pages = sidecar.pages or layout.pages.count
        first = issue.first_page
        if entry.page is not None and entry.page < first:
            sidecar.fail(f"{where}.page", f"page {entry.page}: this issue's pages start at "
                                          f"第{first}版 (first_page)")
        if entry.page is not None and entry.page - first + 1 > (pages or layout.pages.limit):
            sidecar.fail(f"{where}.page", f"page {entry.page} of {pages}" if pages else
                         f"page {entry.page} of {layout.pages.limit}: past the layout's page "
                         "limit (pages.limit)")
        if entry.columns and entry.columns[1] > grid.columns:
            sidecar.fail(f"{where}.columns", f"columns {entry.columns[0]}–{entry.columns[1]} "
                                             f"of {grid.columns}")
        if entry.width and entry.width > grid.columns:
            sidecar.fail(f"{where}.width", f"{entry.width} columns of {grid.columns}")
        if entry.lines and entry.lines[1] > grid.lines:
            sidecar.fail(f"{where}.lines", f"lines {entry.lines[0]}–{entry.lines[1]} "
                                           f"of {grid.lines}")
        if entry.order is not None:
            if entry.order in order_line:
                sidecar.fail(f"{where}.order", f"order {entry.order} is already given on line "
                                               f"{order_line[entry.order]}")
            order_line[entry.order] = entry.line
            order[key] = entry.order
        width = entry.width
        col = line = height = None
        if entry.columns:
            col, width = entry.columns[0] - 1, entry.columns[1] - entry.columns[0] + 1
        if entry.lines:
            line, height = entry.lines[0] - 1, entry.lines[1] - entry.lines[0] + 1
        if any(v is not None for v in (entry.page, width, col, line)):
            pins[key] = Pin(entry.page - first if entry.page else None, col, width, line, height,
                            f"{sidecar.path}:{entry.line}")
    _check_overlaps(sidecar, pins)
    sections = dict(paper.sections if paper else {}) | dict(sidecar.sections)
    editors = dict(paper.editors if paper else {}) | dict(sidecar.editors)
    return StaffPlan(Table(pins), Table(order), sidecar.pages, Table(sections), Table(editors),
                     sidecar.promo_qr_url or (paper.qr_url if paper else None), fillers,
                     paper.path if paper else None,
                     (paper.output_profile, paper.output_condition)
                     if paper and paper.output_profile else None)


def _check_overlaps(sidecar: Sidecar, pins: dict[str, Pin]) -> None:
    """Two pins of the same page whose rectangles share a cell cannot both hold."""
    boxed = [(key, pin) for key, pin in pins.items() if None not in
             (pin.page, pin.col, pin.width, pin.line, pin.height)]
    for n, (key, pin) in enumerate(boxed):
        for other_key, other in boxed[:n]:
            if pin.page == other.page and pin.col < other.col + other.width \
                    and other.col < pin.col + pin.width and pin.line < other.line + other.height \
                    and other.line < pin.line + pin.height:
                raise SidecarError(f"the pin of {key} overlaps the pin of {other_key} "
                                   f"({other.source}) on page {pin.page + 1}",
                                   sidecar.path, int(pin.source.rpartition(":")[2]))


def resolve_item(wanted: str, titles: dict[str, str], fail) -> str:
    """The key of the item staff mean by `wanted`: its key (item5, item4.1) or
    part of exactly one title; else `fail(message)`, which must raise."""
    if wanted in titles:
        return wanted
    matches = [key for key, title in titles.items() if wanted in title]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        fail(f"no item '{wanted}' (items: "
             + ", ".join(f"{k} {t[:12]}" for k, t in titles.items()) + ")")
    fail(f"'{wanted}' matches several items: {', '.join(matches)}")

