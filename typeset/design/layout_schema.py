"""The layout file's schema: every setting a design may state, declared once.

The declarations are the validator and the documentation (`Setting`: key,
kind, default, help). `build_layout()` then checks what single settings
cannot (the type area fits the page, headlines rank by size, a style sets
only what its role honours) and makes the frozen `Layout`.
"""

from __future__ import annotations

from .grid import Grid, Page
from .roles import HEADLINE_RANKS, REQUIRED_FONT_ROLES, STYLE_ROLES
from .schema import (REQUIRED, Choice, Context, Flag, FontFile, Int, Leading, ListOf, MapOf,
                     Number, RoleName, Section, Setting, SettingsError, Size, Text,
                     leading_pt, suggest)
from .types import (Calendar, Editors, Layout, Masthead, Pages, Rules, RunningHead,
                    Style, Table)
from .units import PT_PER_MM

class LayoutError(SettingsError):
    """A layout file that cannot be used."""


DEFAULT_PAGE_LIMIT = 48   # a 32-page weekly or a 24-page daily section, with room


def _style(values, ctx, path) -> Style:
    return Style(font=values["font"], size_pt=values["size_pt"], lines=values["lines"],
                 align=values["align"], indent_chars=values["indent_chars"],
                 leading_pt=leading_pt(values["leading"], values["size_pt"]),
                 frame=values["frame"])


# What each setting means; which roles honour it is the roles table's `settings`.
STYLE = Section([
    Setting("font", Text(), REQUIRED, "a font role from `fonts`, e.g. song"),
    Setting("size", Size(), REQUIRED, "字号 name or pt, e.g. 小五", attr="size_pt"),
    Setting("lines", Int(1), None, "占行: body lines a one-line heading occupies, "
            "white space included; extra heading lines add their own height, "
            "rounded up to whole body lines"),
    Setting("align", Choice("justify", "left", "center", "right"), "justify", "alignment"),
    Setting("indent", Number(), 0.0, "first-line indent in characters", attr="indent_chars"),
    Setting("leading", Leading(), None, "space between the element's own lines: pt or '30%'"),
    Setting("frame", Choice("none", "box", "reverse"), "none",
            "box: ruled frame; reverse: white on black (rubrics)"),
], _style)

# What a masthead can show (layout/furniture.py draws each): the paper name
# and its Latin name, date, weekday, lunar date and festival, issue numbers,
# pages and frequency, organ (…机关报), CN number (and ISSN), 邮发代号,
# distribution, licence (and approval), the 内部资料 notice, publisher
# (supervisor, sponsor, publisher), printer (and print run), address (and
# postcode), phone (phone, hotline, fax), website (and e-mail), price, the
# source's page label, and extra: printed masthead text no field took.
MASTHEAD_FIELDS = ("paper", "paper_latin", "date", "weekday", "lunar_date", "festival", "issue",
                   "total_issue", "pages", "frequency", "organ", "cn_number", "postal_code",
                   "distribution", "licence", "internal_notice", "publisher", "printer",
                   "address", "phone", "website", "price", "page_label", "extra")
RUNNING_HEAD_FIELDS = ("paper", "date", "page", "section", "editors")

LAYOUT = Section([
    Setting("name", Text(), None, "layout name; defaults to the file name"),
    Setting("page", Section([
        Setting("width_mm", Number(True), REQUIRED, "trimmed page width in mm (四开 ≈ 270)"),
        Setting("height_mm", Number(True), REQUIRED, "trimmed page height in mm (四开 ≈ 390)"),
        Setting("bleed_mm", Number(), 3.0, "bleed beyond the trim in mm"),
        Setting("margin_top_mm", Number(), None, "give top or bottom; neither: centred"),
        Setting("margin_bottom_mm", Number(), None, "give top or bottom; neither: centred"),
        Setting("margin_inner_mm", Number(), None, "give inner or outer; neither: centred"),
        Setting("margin_outer_mm", Number(), None, "give inner or outer; neither: centred"),
    ]), REQUIRED, "page size and margins in mm"),
    Setting("grid", Section([
        Setting("columns", Int(1), REQUIRED, "base columns, e.g. 6"),
        Setting("column_chars", Int(1), REQUIRED, "characters per column, e.g. 11"),
        Setting("gutter_chars", Int(0), 1, "gutter between columns, in characters"),
        Setting("lines", Int(1), REQUIRED, "body lines per column, e.g. 86"),
        Setting("body_size", Size(), REQUIRED, "body type size, e.g. 小五", attr="body_size_pt"),
        Setting("line_pitch_pt", Number(True), None, "baseline to baseline in pt; or give leading"),
        Setting("leading", Leading(), None, "space between body lines: pt or '30%'; "
                "or give line_pitch_pt"),
    ]), REQUIRED, "the body grid; finished in build_layout, which also knows the page"),
    Setting("fonts", MapOf(RoleName(), ListOf(FontFile()), "a mapping of role names"), REQUIRED,
            "role → font files, first found wins; roles song, hei, kai, heavy, and zaozi "
            "(optional): the only font private-use characters (造字) print from"),
    Setting("calendar", Section([
        Setting("lunar_months", Choice("numeric", "traditional"), "numeric",
                "numeric: 十一月 十二月; traditional: 冬月 腊月"),
    ], lambda v, ctx, path: Calendar(**v)), REQUIRED, "calendar conventions"),
    Setting("styles", Section([Setting(name, STYLE, REQUIRED if role.required else None,
                                       role.help)
                               for name, role in STYLE_ROLES.items()],
                              lambda v, ctx, path: Table({k: s for k, s in v.items() if s})),
            REQUIRED, "text styles by role"),
    Setting("rules", Section([
        Setting("column_rule_pt", Number(), 0.0, "rule between columns in pt; 0: none"),
        Setting("module_rule_pt", Number(), 0.5, "rule between articles in pt"),
        Setting("box_rule_pt", Number(), 0.5, "frame of boxed items in pt"),
    ], lambda v, ctx, path: Rules(**v)), REQUIRED, "rule weights"),
    Setting("masthead", Section([
        Setting("paper_font", Text(), "heavy", "font role for the paper name set as text"),
        Setting("paper_size", Size(), REQUIRED, "paper name size when set as text",
                attr="paper_size_pt"),
        Setting("logo", Text(), None, "paper name image, relative to the layout file"),
        Setting("lines", Int(1), REQUIRED, "body lines the masthead occupies"),
        Setting("columns", Int(1), REQUIRED, "base columns the masthead spans"),
        Setting("fields", ListOf(Choice(*MASTHEAD_FIELDS)), MASTHEAD_FIELDS,
                "what the masthead shows of what the issue's masthead printed: a field "
                "it did not print is never shown (for a sidecar's date, its weekday and "
                "lunar date are); a field left out of the list is not printed"),
    ]), REQUIRED, "报头 on page 1"),
    Setting("running_head", Section([
        Setting("paper_size", Size(), REQUIRED, "reduced paper name size",
                attr="paper_size_pt"),
        Setting("fields", ListOf(Choice(*RUNNING_HEAD_FIELDS)), RUNNING_HEAD_FIELDS,
                "what the running head shows"),
        Setting("rule_pt", Number(), 0.5, "rule under the running head in pt; 0: none"),
    ]), REQUIRED, "报眉 on inner pages, in the top margin above the type area"),
    Setting("editors", Section([
        Setting("labels", ListOf(Text()), ("责任编辑", "校对", "美编"), "credit labels, in order"),
    ]), REQUIRED, "editor credits; in the running head if its fields list editors, "
                  "else at the page foot"),
    Setting("pages", Section([
        Setting("count", Int(1), None, "fixed page count; left out, the content decides"),
        Setting("limit", Int(1, 999), DEFAULT_PAGE_LIMIT,
                "most pages an issue may take; more is overset (an error)"),
        Setting("even", Flag(), False, "page count must be even (folded sheets)"),
    ]), REQUIRED, "issue-level defaults"),
])


# ================================================================ cross-checks

def build_layout(v: dict, ctx: Context, stem: str) -> Layout:
    g, p = v["grid"], v["page"]

    # grid: pitch from exactly one of line_pitch_pt / leading
    if (g["line_pitch_pt"] is None) == (g["leading"] is None):
        ctx.fail_at("grid", "give exactly one of line_pitch_pt and leading")
    pitch = g["line_pitch_pt"]
    if pitch is None:
        pitch = g["body_size_pt"] + leading_pt(g["leading"], g["body_size_pt"])
    elif pitch < g["body_size_pt"]:
        ctx.fail_at("grid.line_pitch_pt", f"{pitch:g} pt is less than the body size "
                                          f"{g['body_size_pt']:g} pt: lines would overlap")
    grid = Grid(g["columns"], g["column_chars"], g["gutter_chars"], g["lines"],
                g["body_size_pt"], pitch)

    # page: the grid fixes the type area; margins place it
    width_mm, height_mm = (d / PT_PER_MM for d in grid.type_area)
    page = Page(p["width_mm"], p["height_mm"], p["bleed_mm"],
                *_margins(ctx, p, "top", "bottom", "height_mm", height_mm,
                          f"{grid.lines} lines at {pitch:g} pt pitch"),
                *_margins(ctx, p, "inner", "outer", "width_mm", width_mm,
                          f"{grid.chars_across} characters of {grid.body_size_pt:g} pt"))

    # fonts
    fonts = v["fonts"]
    for role in REQUIRED_FONT_ROLES:
        if role not in fonts:
            ctx.fail_at("fonts", f"missing required role {role!r} "
                                 f"(required: {', '.join(REQUIRED_FONT_ROLES)})")

    def check_role(path: str, role: str) -> None:
        if role not in fonts:
            ctx.fail_at(path, f"unknown font role {role!r}{_suggest_roles(role, fonts)}")

    # styles: each sets only what its role honours (roles.py), so no setting is dead
    styles: Table = v["styles"]
    for role, style in styles.items():
        check_role(f"styles.{role}.font", style.font)
        honoured = STYLE_ROLES[role].settings
        for key in ("lines", "align", "indent", "leading", "frame"):
            if key not in honoured and f"styles.{role}.{key}" in ctx.lines:
                users = [name for name, r in STYLE_ROLES.items() if key in r.settings]
                ctx.fail_at(f"styles.{role}.{key}",
                            f"{role} does not use {key!r}; remove it (it applies to: "
                            f"{', '.join(users)})")
        if style.lines is not None and grid.lines_height_pt(style.lines) < style.size_pt:
            ctx.fail_at(f"styles.{role}.lines",
                        f"{style.lines} body line{'s' * (style.lines != 1)} "
                        f"({grid.lines_height_pt(style.lines):g} pt) "
                        f"cannot hold a line of {style.size_pt:g} pt type")
    body = styles["body"]
    if styles["dateline"].size_pt != body.size_pt:
        ctx.fail_at("styles.dateline.size", f"{styles['dateline'].size_pt:g} pt: a run-in "
                                            f"dateline is set at the body size ({body.size_pt:g} pt)")
    if body.size_pt != grid.body_size_pt:
        ctx.fail_at("styles.body.size", f"{body.size_pt:g} pt differs from grid.body_size "
                                        f"({grid.body_size_pt:g} pt)")
    if body.leading_pt is not None and abs(body.leading_pt - grid.leading_pt) > 1e-6:
        ctx.fail_at("styles.body.leading", f"body leading is fixed by the grid "
                                           f"({grid.leading_pt:g} pt); remove it")
    for higher, lower in zip(HEADLINE_RANKS, HEADLINE_RANKS[1:]):
        if styles[lower].size_pt > styles[higher].size_pt:
            ctx.fail_at(f"styles.{lower}.size",
                        f"{styles[lower].size_pt:g} pt is larger than {higher} "
                        f"({styles[higher].size_pt:g} pt); headlines rank by size")

    # furniture
    m = v["masthead"]
    check_role("masthead.paper_font", m["paper_font"])
    if m["columns"] > grid.columns:
        ctx.fail_at("masthead.columns", f"{m['columns']} columns on a {grid.columns}-column grid")
    logo = None
    if m["logo"] is not None:
        logo = (ctx.base / m["logo"]).resolve()
        if not logo.is_file():
            ctx.fail_at("masthead.logo", f"image not found: {logo}")
    masthead = Masthead(m["paper_font"], m["paper_size_pt"], logo, m["lines"], m["columns"],
                        tuple(m["fields"]))
    r = v["running_head"]
    running_head = RunningHead(r["paper_size_pt"], tuple(r["fields"]), r["rule_pt"])
    if masthead.lines >= grid.lines:
        ctx.fail_at("masthead.lines", f"{masthead.lines} lines leave no room on a "
                                      f"{grid.lines}-line page")
    editors = Editors(tuple(v["editors"]["labels"]),
                      "running_head" if "editors" in running_head.fields else "foot")

    pg = v["pages"]
    if pg["even"] and pg["count"] and pg["count"] % 2:
        ctx.fail_at("pages.count", f"{pg['count']} pages, but pages.even is true")
    if pg["count"] and pg["count"] > pg["limit"]:
        ctx.fail_at("pages.count", f"{pg['count']} pages, over pages.limit ({pg['limit']})")
    pages = Pages(pg["count"], pg["limit"], pg["even"])

    return Layout(v["name"] or stem, ctx.file, page, grid,
                  Table({k: tuple(c) for k, c in fonts.items()}), v["calendar"], styles,
                  v["rules"], masthead, running_head, editors, pages,
                  Table({role: ctx.lines[f"fonts.{role}"] for role in fonts}))


def _suggest_roles(role: str, fonts) -> str:
    hint = suggest(role, fonts)
    return (hint if hint.startswith(";") else "") + f" (roles: {', '.join(fonts)})"


def _margins(ctx: Context, p: dict, a: str, b: str, size_key: str, area_mm: float,
             what: str) -> tuple[float, float]:
    """Resolve one pair of margins (top/bottom or inner/outer) around the type area."""
    size = p[size_key]
    ka, kb = f"margin_{a}_mm", f"margin_{b}_mm"
    if area_mm > size + 1e-9:
        ctx.fail_at(f"page.{size_key}", f"the type area ({what} = {area_mm:.1f} mm) does not "
                                        f"fit the page ({size:g} mm)")
    ma, mb = p[ka], p[kb]
    if ma is not None and mb is not None:
        ctx.fail_at(f"page.{kb}", f"give {ka} or {kb}, not both: the grid fixes the type "
                                  f"area at {area_mm:.1f} mm")
    if ma is None and mb is None:
        ma = mb = (size - area_mm) / 2
    elif ma is None:
        ma = size - area_mm - mb
    else:
        mb = size - area_mm - ma
    if ma < -1e-9 or mb < -1e-9:
        given = ka if p[ka] is not None else kb
        ctx.fail_at(f"page.{given}", f"{p[given]:g} mm + the type area ({what} = "
                                     f"{area_mm:.1f} mm) exceeds the page ({size:g} mm)")
    return ma, mb


