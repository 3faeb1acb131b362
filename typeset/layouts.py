"""Layouts: a newspaper's design, in the units layout staff use.

A layout file (layouts/<name>.yaml) states the page in mm, the grid in
characters and lines of body type, sizes as 字号 names (or pt), headings by the
body lines they occupy (占行), and the furniture (报头, 报眉, editor credits,
fillers). `load_layout()` validates it and returns a frozen `Layout`.

Every setting is declared once below (`Setting`: key, kind, default, help);
the declarations are the schema, the validator and the documentation. Every
error names the file, the line and the key path:

    layouts/x.yaml:12: error: styles.headline1.font: unknown font role 'heiti' ...

Coordinates (`Grid`): pt, origin at the type area's top-left corner, y
downwards. `Layout.to_pdf()` turns them into PDF page coordinates (pt, origin
at the trimmed page's bottom-left, y upwards).
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

import yaml

from .diagnostics import TypesetError

LAYOUTS_DIR = Path(__file__).resolve().parent.parent / "layouts"

PT_PER_MM = 72 / 25.4  # PDF points (1/72 in); 小五 9 pt = 3.175 mm

# 字号 → pt. This is the table of MS Word, WPS, CTeX (\zihao) and Adobe's
# Chinese UI, i.e. what design staff see in their tools. No national standard
# fixes the names; the older lead-type table differs for 一号 (27.5/28),
# 二号 (21), 三号 (15.75), 四号 (13.75), 六号 (7.875) and 七号 (5.25), and the
# two agree on 初号, 小初, 小一, 小二, 小四, 五号 and 小五 — so the body grid
# (小五 = 9 pt) is the same under either.
ZIHAO_PT: dict[str, float] = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18,
    "三号": 16, "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9,
    "六号": 7.5, "小六": 6.5, "七号": 5.5, "八号": 5,
}

# The character box of a body line is one em tall; the baseline sits this far
# down it (CJK fonts such as Noto CJK: ascent 880, descent 120 per 1000 em).
BASELINE_RATIO = 0.88

REQUIRED_FONT_ROLES = ("song", "hei", "kai", "heavy")
HEADLINE_RANKS = ("headline1", "headline2", "headline3", "headline4")


class LayoutError(TypesetError):
    """A layout file that cannot be used; `key` is the dotted key path."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None,
                 key: str | None = None):
        self.key = key
        super().__init__(f"{key}: {message}" if key else message, file, line)


def zihao_pt(size: str | float) -> float:
    """A 字号 name (小五, 小五号, 一号) or a number of pt → pt."""
    if isinstance(size, (int, float)) and not isinstance(size, bool):
        return float(size)
    name = str(size).strip()
    for candidate in (name, name + "号", name[:-1] if name.endswith("号") else name):
        if candidate in ZIHAO_PT:
            return float(ZIHAO_PT[candidate])
    raise ValueError(f"unknown 字号 {name!r} (known: {' '.join(ZIHAO_PT)})")


def zihao_name(pt: float) -> str | None:
    """The 字号 name for a size in pt, or None if it has none."""
    for name, value in ZIHAO_PT.items():
        if abs(value - pt) < 1e-9:
            return name
    return None


# ================================================================ the result

class Table(Mapping):
    """A small read-only, hashable, picklable mapping kept in file order."""

    def __init__(self, items: Mapping | None = None):
        self._items = tuple((items or {}).items())
        self._index = dict(self._items)

    def __getitem__(self, key):
        return self._index[key]

    def __iter__(self) -> Iterator:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(self._items)

    def __repr__(self) -> str:
        return f"Table({self._index!r})"


@dataclass(frozen=True)
class Rebreak:
    """破栏: `total_chars` re-divided into `columns` equal columns of
    `column_chars` each. Columns stay whole characters so their lines fill
    exactly; the `leftover_chars` widen the gutters, shared equally, so a
    gutter may be a fraction of a character (it is blank, so that is harmless)."""
    total_chars: int
    columns: int
    column_chars: int
    base_gutter_chars: int
    leftover_chars: int

    @property
    def gutter_chars(self) -> float:
        if self.columns == 1:
            return 0.0
        return self.base_gutter_chars + self.leftover_chars / (self.columns - 1)

    def column_offset_chars(self, i: int) -> float:
        """Left edge of re-divided column i (0-based), in characters from the span's left."""
        if not 0 <= i < self.columns:
            raise ValueError(f"column {i} outside 0..{self.columns - 1}")
        return i * (self.column_chars + self.gutter_chars)


@dataclass(frozen=True)
class Grid:
    """The body grid. All results in pt, origin at the type area's top-left,
    y downwards. The character box of line k spans [k × pitch, k × pitch +
    body size]; its baseline is BASELINE_RATIO × body size below the box top,
    so every body baseline is a whole number of pitches from the first."""
    columns: int
    column_chars: int
    gutter_chars: int
    lines: int
    body_size_pt: float
    line_pitch_pt: float

    @property
    def leading_pt(self) -> float:
        return self.line_pitch_pt - self.body_size_pt

    @property
    def chars_across(self) -> int:
        return self.span_chars(self.columns)

    @property
    def type_area(self) -> tuple[float, float]:
        """(width, height) in pt; the height runs from the top of the first
        line's box to the bottom of the last line's box."""
        return self.chars_across * self.body_size_pt, self.lines_height_pt(self.lines)

    def _check_span(self, n: int) -> None:
        if not 1 <= n <= self.columns:
            raise ValueError(f"a span of {n} columns on a {self.columns}-column grid")

    def span_chars(self, n: int) -> int:
        """长栏: width of n base columns in characters, gutters included."""
        self._check_span(n)
        return n * self.column_chars + (n - 1) * self.gutter_chars

    def span_width_pt(self, n: int) -> float:
        return self.span_chars(n) * self.body_size_pt

    def column_x(self, col: int) -> float:
        """Left edge of base column col (0-based)."""
        if not 0 <= col < self.columns:
            raise ValueError(f"column {col} outside 0..{self.columns - 1}")
        return col * (self.column_chars + self.gutter_chars) * self.body_size_pt

    def line_top_y(self, line: int) -> float:
        """Top of the character box of body line `line` (0-based)."""
        if not 0 <= line < self.lines:
            raise ValueError(f"line {line} outside 0..{self.lines - 1}")
        return line * self.line_pitch_pt

    def baseline_y(self, line: int) -> float:
        return self.line_top_y(line) + BASELINE_RATIO * self.body_size_pt

    def lines_height_pt(self, n: int) -> float:
        """Height of n consecutive body lines, top of the first box to the bottom of the last."""
        return (n - 1) * self.line_pitch_pt + self.body_size_pt if n > 0 else 0.0

    def rebreak(self, total_chars: int, m: int) -> Rebreak:
        """破栏: divide a span of `total_chars` into m columns:
        (total − (m − 1) × gutter) ÷ m characters each, rounded down; the
        leftover widens the gutters (see `Rebreak`). 三破二 on 41 → 20 + 1 + 20."""
        if m < 1:
            raise ValueError(f"cannot divide into {m} columns")
        gutters = (m - 1) * self.gutter_chars
        width = (total_chars - gutters) // m
        if width < 1:
            raise ValueError(f"{total_chars} characters cannot be divided into {m} columns")
        return Rebreak(total_chars, m, width, self.gutter_chars, total_chars - gutters - m * width)


@dataclass(frozen=True)
class Page:
    width_mm: float
    height_mm: float
    bleed_mm: float
    margin_top_mm: float
    margin_bottom_mm: float
    margin_inner_mm: float
    margin_outer_mm: float


@dataclass(frozen=True)
class Calendar:
    lunar_months: str  # "numeric" (十一月 十二月) | "traditional" (冬月 腊月)


@dataclass(frozen=True)
class Style:
    font: str                 # a role in Layout.fonts
    size_pt: float
    lines: int | None         # 占行: body lines a one-line heading occupies
    align: str                # left | center | right | justify
    indent_chars: float
    leading_pt: float | None  # None: body grid pitch (body) / solid set (headings)
    frame: str                # none | box | reverse

    @property
    def size_name(self) -> str | None:
        return zihao_name(self.size_pt)


@dataclass(frozen=True)
class Rules:
    column_rule_pt: float
    module_rule_pt: float
    box_rule_pt: float


@dataclass(frozen=True)
class Masthead:
    paper_font: str
    paper_size_pt: float
    logo: Path | None
    lines: int
    columns: int
    fields: tuple[str, ...]


@dataclass(frozen=True)
class RunningHead:
    paper_size_pt: float
    lines: int
    fields: tuple[str, ...]
    rule_pt: float


@dataclass(frozen=True)
class Editors:
    labels: tuple[str, ...]
    position: str  # "running_head" if the running head shows them, else "foot"


@dataclass(frozen=True)
class Filler:
    name: str
    text: str
    style: str
    qr: bool = False


@dataclass(frozen=True)
class Pages:
    count: int | None   # None: the content decides
    even: bool
    promo_qr_url: str | None
    fillers: tuple[Filler, ...]

    def filler(self, name: str) -> Filler:
        for f in self.fillers:
            if f.name == name:
                return f
        raise KeyError(name)


@dataclass(frozen=True)
class Layout:
    name: str
    paper: str
    source: str
    page: Page
    grid: Grid
    fonts: Table          # role → tuple of font file names (fallback chain)
    calendar: Calendar
    styles: Table         # role → Style
    rules: Rules
    masthead: Masthead
    running_head: RunningHead
    editors: Editors
    pages: Pages

    @property
    def body_size_pt(self) -> float:
        return self.grid.body_size_pt

    @property
    def line_pitch_pt(self) -> float:
        return self.grid.line_pitch_pt

    @property
    def type_area(self) -> tuple[float, float]:
        return self.grid.type_area

    @property
    def page_size_pt(self) -> tuple[float, float]:
        """Trimmed page (bleed excluded)."""
        return self.page.width_mm * PT_PER_MM, self.page.height_mm * PT_PER_MM

    def style(self, role: str) -> Style:
        return self.styles[role]

    def type_area_origin_pt(self, page_number: int) -> tuple[float, float]:
        """PDF coordinates of the type area's top-left corner on the trimmed
        page. Odd pages are recto (inner margin on the left)."""
        left_mm = self.page.margin_inner_mm if page_number % 2 else self.page.margin_outer_mm
        return left_mm * PT_PER_MM, (self.page.height_mm - self.page.margin_top_mm) * PT_PER_MM

    def to_pdf(self, x: float, y: float, page_number: int) -> tuple[float, float]:
        """Grid coordinates (type area, y down) → PDF page coordinates (y up)."""
        ox, oy = self.type_area_origin_pt(page_number)
        return ox + x, oy - y


# ================================================================ the schema machinery

_REQUIRED = object()


@dataclass(frozen=True)
class Setting:
    key: str
    kind: "Kind"
    default: Any = _REQUIRED
    help: str = ""
    attr: str | None = None   # name in the built object, if not `key`

    @property
    def name(self) -> str:
        return self.attr or self.key


class _Context:
    def __init__(self, file: str, loader: yaml.SafeLoader, base: Path):
        self.file = file
        self.loader = loader
        self.base = base                 # directory of the layout file
        self.lines: dict[str, int] = {}  # key path → line of its key

    def fail(self, where: yaml.Node | int | None, path: str, message: str):
        line = where.start_mark.line + 1 if isinstance(where, yaml.Node) else where
        raise LayoutError(message, self.file, line, path or None)

    def fail_at(self, path: str, message: str):
        """Fail at the line of key `path` (or the nearest enclosing key)."""
        probe = path
        while probe and probe not in self.lines:
            probe = probe.rpartition(".")[0]
        self.fail(self.lines.get(probe, 1), path, message)

    def scalar(self, node: yaml.Node) -> Any:
        return self.loader.construct_object(node, deep=True)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _tag(node: yaml.Node) -> str:
    return node.tag.rpartition(":")[2]


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return {"null": "nothing", "bool": f"the boolean {node.value}",
            "int": f"the number {node.value}", "float": f"the number {node.value}",
            "str": f"the text {node.value!r}"}.get(_tag(node), repr(node.value))


def _suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if close:
        return f"; did you mean {close[0]!r}?"
    return f" (expected one of: {', '.join(choices)})"


class Kind:
    what = "a value"

    def convert(self, node: yaml.Node, ctx: _Context, path: str) -> Any:
        raise NotImplementedError

    def expect(self, node, ctx, path, tags) -> Any:
        if not isinstance(node, yaml.ScalarNode) or _tag(node) not in tags:
            hint = " (quote it)" if self.what == "text" and isinstance(node, yaml.ScalarNode) else ""
            ctx.fail(node, path, f"expected {self.what}, got {_describe(node)}{hint}")
        return ctx.scalar(node)


class Text(Kind):
    what = "text"

    def convert(self, node, ctx, path):
        value = self.expect(node, ctx, path, {"str"})
        if not value.strip():
            ctx.fail(node, path, "must not be empty")
        return value


class Flag(Kind):
    what = "true or false"

    def convert(self, node, ctx, path):
        return self.expect(node, ctx, path, {"bool"})


class Int(Kind):
    def __init__(self, minimum: int = 0):
        self.minimum = minimum
        self.what = "a whole number" if minimum <= 0 else f"a whole number ≥ {minimum}"

    def convert(self, node, ctx, path):
        value = self.expect(node, ctx, path, {"int"})
        if value < self.minimum:
            ctx.fail(node, path, f"expected {self.what}, got {value}")
        return value


class Number(Kind):
    def __init__(self, positive: bool = False):
        self.positive = positive
        self.what = "a positive number" if positive else "a number ≥ 0"

    def convert(self, node, ctx, path):
        value = float(self.expect(node, ctx, path, {"int", "float"}))
        if value < 0 or (self.positive and value == 0) or not math.isfinite(value):
            ctx.fail(node, path, f"expected {self.what}, got {node.value}")
        return value


class Choice(Kind):
    def __init__(self, *choices: str):
        self.choices = choices
        self.what = "one of " + ", ".join(choices)

    def convert(self, node, ctx, path):
        value = self.expect(node, ctx, path, {"str", "bool"})
        value = node.value if isinstance(value, bool) else value
        if value not in self.choices:
            ctx.fail(node, path, f"unknown value {value!r}{_suggest(value, self.choices)}")
        return value


class Size(Kind):
    """A 字号 name (小五, 一号, 小初号) or a size in pt (9, 10.5, "9pt")."""
    what = "a 字号 name (e.g. 小五) or a size in pt"

    def convert(self, node, ctx, path):
        value = self.expect(node, ctx, path, {"str", "int", "float"})
        if isinstance(value, str):
            text = value.strip()
            m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*pt", text)
            if m:
                value = float(m.group(1))
            else:
                try:
                    return zihao_pt(text)
                except ValueError:
                    ctx.fail(node, path, f"unknown 字号 {text!r}{_suggest(text, ZIHAO_PT)}")
        if value <= 0:
            ctx.fail(node, path, f"expected a positive size, got {value}")
        return float(value)


class Leading(Kind):
    """Extra space between lines: pt (2.6, "2.6pt") or a fraction of the size ("30%")."""
    what = "a leading in pt (2.6) or as a share of the size ('30%')"

    def convert(self, node, ctx, path) -> tuple[float, str]:
        value = self.expect(node, ctx, path, {"str", "int", "float"})
        if isinstance(value, str):
            m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(%|pt)", value.strip())
            if not m:
                ctx.fail(node, path, f"expected {self.what}, got {value!r}")
            return float(m.group(1)) / (100 if m.group(2) == "%" else 1), m.group(2)
        if value < 0:
            ctx.fail(node, path, f"expected {self.what}, got {value}")
        return float(value), "pt"


def _leading_pt(leading: tuple[float, str] | None, size_pt: float) -> float | None:
    if leading is None:
        return None
    value, unit = leading
    return value * size_pt if unit == "%" else value


class ListOf(Kind):
    def __init__(self, item: Kind, nonempty: bool = True, unique: bool = True):
        self.item, self.nonempty, self.unique = item, nonempty, unique
        self.what = f"a list of {item.what}"

    def convert(self, node, ctx, path):
        if not isinstance(node, yaml.SequenceNode):
            ctx.fail(node, path, f"expected {self.what}, got {_describe(node)}")
        if self.nonempty and not node.value:
            ctx.fail(node, path, "must not be an empty list")
        out = []
        for i, child in enumerate(node.value):
            value = self.item.convert(child, ctx, f"{path}[{i}]")
            if self.unique and value in out:
                ctx.fail(child, f"{path}[{i}]", f"{value!r} is listed twice")
            out.append(value)
        return tuple(out)


class Section(Kind):
    """A mapping with declared keys. `build(values, ctx, path)` makes the object."""
    what = "a mapping"

    def __init__(self, settings: list[Setting], build: Callable | None = None):
        self.settings = {s.key: s for s in settings}
        self.build = build

    @property
    def optional(self) -> bool:
        return all(s.default is not _REQUIRED for s in self.settings.values())

    def convert(self, node, ctx, path):
        if node is not None and not isinstance(node, yaml.MappingNode):
            ctx.fail(node, path, f"expected a mapping with keys {', '.join(self.settings)}, "
                                 f"got {_describe(node)}")
        values: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for knode, vnode in (node.value if node is not None else []):
            if not isinstance(knode, yaml.ScalarNode):
                ctx.fail(knode, path, "keys must be plain names")
            key = knode.value
            kpath = _join(path, key)
            if key in seen:
                ctx.fail(knode, kpath, f"duplicate key (first on line {seen[key]})")
            seen[key] = knode.start_mark.line + 1
            setting = self.settings.get(key)
            if setting is None:
                ctx.fail(knode, kpath, f"unknown key{_suggest(key, self.settings)}")
            ctx.lines[kpath] = seen[key]
            if setting.default is None and isinstance(vnode, yaml.ScalarNode) \
                    and _tag(vnode) == "null":
                values[setting.name] = None
            else:
                values[setting.name] = setting.kind.convert(vnode, ctx, kpath)
        for key, setting in self.settings.items():
            if key in seen:
                continue
            if setting.default is _REQUIRED:
                if isinstance(setting.kind, Section) and setting.kind.optional:
                    values[setting.name] = setting.kind.convert(None, ctx, _join(path, key))
                    continue
                line = ctx.lines.get(path) or (node.start_mark.line + 1 if node is not None else 1)
                ctx.fail(line, _join(path, key), f"missing required key ({setting.help})")
            values[setting.name] = setting.default
        return self.build(values, ctx, path) if self.build else values


class RoleMap(Kind):
    """A mapping from role names (chosen by the layout) to values of one kind."""
    what = "a mapping of role names"

    def __init__(self, value: Kind):
        self.value = value

    def convert(self, node, ctx, path):
        if not isinstance(node, yaml.MappingNode):
            ctx.fail(node, path, f"expected {self.what}, got {_describe(node)}")
        out: dict[str, Any] = {}
        for knode, vnode in node.value:
            key = knode.value if isinstance(knode, yaml.ScalarNode) else ""
            kpath = _join(path, str(key))
            if not re.fullmatch(r"[a-z][a-z0-9_]*", key):
                ctx.fail(knode, kpath, "role names are lower-case latin words (song, hei, …)")
            if key in out:
                ctx.fail(knode, kpath, f"duplicate key (first on line {ctx.lines[kpath]})")
            ctx.lines[kpath] = knode.start_mark.line + 1
            out[key] = self.value.convert(vnode, ctx, kpath)
        return out


class FontFile(Text):
    what = "a font file name (.ttf, .otf, .ttc)"

    def convert(self, node, ctx, path):
        value = super().convert(node, ctx, path)
        if not value.lower().endswith((".ttf", ".otf", ".ttc", ".otc")):
            ctx.fail(node, path, f"expected {self.what}, got {value!r}")
        return value


# ================================================================ the schema

def _style(values, ctx, path) -> Style:
    return Style(font=values["font"], size_pt=values["size_pt"], lines=values["lines"],
                 align=values["align"], indent_chars=values["indent_chars"],
                 leading_pt=_leading_pt(values["leading"], values["size_pt"]),
                 frame=values["frame"])


STYLE = Section([
    Setting("font", Text(), _REQUIRED, "a font role from `fonts`, e.g. song"),
    Setting("size", Size(), _REQUIRED, "字号 name or pt, e.g. 小五", attr="size_pt"),
    Setting("lines", Int(1), None, "占行: body lines a one-line heading occupies, "
            "white space included; extra heading lines add their own height, "
            "rounded up to whole body lines"),
    Setting("align", Choice("justify", "left", "center", "right"), "justify", "alignment"),
    Setting("indent", Number(), 0.0, "first-line indent in characters", attr="indent_chars"),
    Setting("leading", Leading(), None, "space between the element's own lines: pt or '30%'"),
    Setting("frame", Choice("none", "box", "reverse"), "none",
            "box: ruled frame; reverse: white on black (rubrics)"),
], _style)

STYLE_ROLES = {
    "body": "正文",
    "headline1": "lead headline (头条主题)", "headline2": "rank-2 headline",
    "headline3": "rank-3 headline", "headline4": "rank-4 headline (briefs)",
    "kicker": "引题, above the main title", "subtitle": "副题, below the main title",
    "deck": "interview deck line (——访…)", "byline": "记者 X 通讯员 Y",
    "dateline": "run-in dateline (伊滨讯 3月28日)", "rubric": "栏目名 above a headline",
    "subhead1": "part heading inside a body", "subhead2": "section heading (■…)",
    "caption": "photo caption", "running_head": "报眉 text",
    "epigraph": "报眼 quote box near the masthead", "promo": "promo / notice filler text",
    "jump": "(下转第N版) / (上接第N版) lines", "folio": "page number",
}

MASTHEAD_FIELDS = ("paper", "date", "weekday", "lunar_date", "issue", "total_issue",
                   "licence", "internal_notice", "publisher")
RUNNING_HEAD_FIELDS = ("paper", "date", "page", "section", "editors")

FILLER = Section([
    Setting("name", Text(), _REQUIRED, "filler name, e.g. subscription"),
    Setting("text", Text(), _REQUIRED, "the filler's text"),
    Setting("style", Text(), "kicker", "style role the text is set in"),
    Setting("qr", Flag(), False, "print the promo QR code (pages.promo_qr_url) beside the text"),
], lambda v, ctx, path: Filler(**v))


LAYOUT = Section([
    Setting("name", Text(), None, "layout name; defaults to the file name"),
    Setting("paper", Text(), _REQUIRED, "default paper name, e.g. 伊滨新闻"),
    Setting("page", Section([
        Setting("width_mm", Number(True), _REQUIRED, "trimmed page width in mm (四开 ≈ 270)"),
        Setting("height_mm", Number(True), _REQUIRED, "trimmed page height in mm (四开 ≈ 390)"),
        Setting("bleed_mm", Number(), 3.0, "bleed beyond the trim in mm"),
        Setting("margin_top_mm", Number(), None, "give top or bottom; neither: centred"),
        Setting("margin_bottom_mm", Number(), None, "give top or bottom; neither: centred"),
        Setting("margin_inner_mm", Number(), None, "give inner or outer; neither: centred"),
        Setting("margin_outer_mm", Number(), None, "give inner or outer; neither: centred"),
    ]), _REQUIRED, "page size and margins in mm"),
    Setting("grid", Section([
        Setting("columns", Int(1), _REQUIRED, "base columns, e.g. 6"),
        Setting("column_chars", Int(1), _REQUIRED, "characters per column, e.g. 11"),
        Setting("gutter_chars", Int(0), 1, "gutter between columns, in characters"),
        Setting("lines", Int(1), _REQUIRED, "body lines per column, e.g. 86"),
        Setting("body_size", Size(), _REQUIRED, "body type size, e.g. 小五", attr="body_size_pt"),
        Setting("line_pitch_pt", Number(True), None, "baseline to baseline in pt; or give leading"),
        Setting("leading", Leading(), None, "space between body lines: pt or '30%'; "
                "or give line_pitch_pt"),
    ]), _REQUIRED, "the body grid; finished in _build_layout, which also knows the page"),
    Setting("fonts", RoleMap(ListOf(FontFile())), _REQUIRED,
            "role → font files, first found wins; roles song, hei, kai, heavy"),
    Setting("calendar", Section([
        Setting("lunar_months", Choice("numeric", "traditional"), "numeric",
                "numeric: 十一月 十二月; traditional: 冬月 腊月"),
    ], lambda v, ctx, path: Calendar(**v)), _REQUIRED, "calendar conventions"),
    Setting("styles", Section([Setting(role, STYLE, _REQUIRED, help)
                               for role, help in STYLE_ROLES.items()],
                              lambda v, ctx, path: Table(v)),
            _REQUIRED, "text styles by role"),
    Setting("rules", Section([
        Setting("column_rule_pt", Number(), 0.0, "rule between columns in pt; 0: none"),
        Setting("module_rule_pt", Number(), 0.5, "rule between articles in pt"),
        Setting("box_rule_pt", Number(), 0.5, "frame of boxed items in pt"),
    ], lambda v, ctx, path: Rules(**v)), _REQUIRED, "rule weights"),
    Setting("masthead", Section([
        Setting("paper_font", Text(), "heavy", "font role for the paper name set as text"),
        Setting("paper_size", Size(), _REQUIRED, "paper name size when set as text",
                attr="paper_size_pt"),
        Setting("logo", Text(), None, "paper name image, relative to the layout file"),
        Setting("lines", Int(1), _REQUIRED, "body lines the masthead occupies"),
        Setting("columns", Int(1), _REQUIRED, "base columns the masthead spans"),
        Setting("fields", ListOf(Choice(*MASTHEAD_FIELDS)), MASTHEAD_FIELDS,
                "what the masthead shows"),
    ]), _REQUIRED, "报头 on page 1"),
    Setting("running_head", Section([
        Setting("paper_size", Size(), _REQUIRED, "reduced paper name size",
                attr="paper_size_pt"),
        Setting("lines", Int(1), _REQUIRED, "body lines the running head occupies"),
        Setting("fields", ListOf(Choice(*RUNNING_HEAD_FIELDS)), RUNNING_HEAD_FIELDS,
                "what the running head shows"),
        Setting("rule_pt", Number(), 0.5, "rule under the running head in pt; 0: none"),
    ]), _REQUIRED, "报眉 on inner pages"),
    Setting("editors", Section([
        Setting("labels", ListOf(Text()), ("责任编辑", "校对", "美编"), "credit labels, in order"),
    ]), _REQUIRED, "editor credits; in the running head if its fields list editors, "
                   "else at the page foot"),
    Setting("pages", Section([
        Setting("count", Int(1), None, "fixed page count; left out, the content decides"),
        Setting("even", Flag(), False, "page count must be even (folded sheets)"),
        Setting("promo_qr_url", Text(), None, "default URL for promo QR codes"),
        Setting("fillers", ListOf(FILLER, nonempty=False, unique=False), (),
                "named fillers for empty space"),
    ]), _REQUIRED, "issue-level defaults"),
])


# ================================================================ cross-checks

def _build_layout(v: dict, ctx: _Context, stem: str) -> Layout:
    g, p = v["grid"], v["page"]

    # grid: pitch from exactly one of line_pitch_pt / leading
    if (g["line_pitch_pt"] is None) == (g["leading"] is None):
        ctx.fail_at("grid", "give exactly one of line_pitch_pt and leading")
    pitch = g["line_pitch_pt"]
    if pitch is None:
        pitch = g["body_size_pt"] + _leading_pt(g["leading"], g["body_size_pt"])
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

    # styles
    styles: Table = v["styles"]
    for role, style in styles.items():
        check_role(f"styles.{role}.font", style.font)
        if style.lines is not None and grid.lines_height_pt(style.lines) < style.size_pt:
            ctx.fail_at(f"styles.{role}.lines",
                        f"{style.lines} body line{'s' * (style.lines != 1)} "
                        f"({grid.lines_height_pt(style.lines):g} pt) "
                        f"cannot hold a line of {style.size_pt:g} pt type")
    body = styles["body"]
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
    running_head = RunningHead(r["paper_size_pt"], r["lines"], tuple(r["fields"]), r["rule_pt"])
    for key, lines in (("masthead", masthead.lines), ("running_head", running_head.lines)):
        if lines >= grid.lines:
            ctx.fail_at(f"{key}.lines", f"{lines} lines leave no room on a {grid.lines}-line page")
    editors = Editors(tuple(v["editors"]["labels"]),
                      "running_head" if "editors" in running_head.fields else "foot")

    pg = v["pages"]
    if pg["even"] and pg["count"] and pg["count"] % 2:
        ctx.fail_at("pages.count", f"{pg['count']} pages, but pages.even is true")
    names: set[str] = set()
    for i, filler in enumerate(pg["fillers"]):
        if filler.name in names:
            ctx.fail_at(f"pages.fillers[{i}].name", f"filler {filler.name!r} defined twice")
        names.add(filler.name)
        if filler.qr and not pg["promo_qr_url"]:
            ctx.fail_at(f"pages.fillers[{i}].qr", "a QR filler needs pages.promo_qr_url")
        if filler.style not in styles:
            ctx.fail_at(f"pages.fillers[{i}].style",
                        f"unknown style {filler.style!r}{_suggest(filler.style, styles)}")
    pages = Pages(pg["count"], pg["even"], pg["promo_qr_url"], tuple(pg["fillers"]))

    return Layout(v["name"] or stem, v["paper"], ctx.file, page, grid,
                  Table({k: tuple(c) for k, c in fonts.items()}), v["calendar"], styles,
                  v["rules"], masthead, running_head, editors, pages)


def _suggest_roles(role: str, fonts: Mapping) -> str:
    close = difflib.get_close_matches(role, list(fonts), n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{hint} (roles: {', '.join(fonts)})"


def _margins(ctx: _Context, p: dict, a: str, b: str, size_key: str, area_mm: float,
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


# ================================================================ loading

def available_layouts() -> list[str]:
    return sorted(p.stem for p in LAYOUTS_DIR.glob("*.yaml"))


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def resolve_layout_path(name_or_path: str) -> tuple[Path, str]:
    """(path, name to show in messages). A bare name → the repo's layouts/<name>.yaml."""
    text = str(name_or_path)
    if "/" not in text and "\\" not in text and not text.endswith((".yaml", ".yml")):
        path = LAYOUTS_DIR / f"{text}.yaml"
        return path, _display(path)
    return Path(text), text


def load_layout(name_or_path: str) -> Layout:
    path, shown = resolve_layout_path(name_or_path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        names = available_layouts()
        close = difflib.get_close_matches(path.stem, names, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise LayoutError(f"layout file not found{hint} (available layouts: "
                          f"{', '.join(names) or 'none'})", shown) from None
    except UnicodeDecodeError as e:
        raise LayoutError(f"not UTF-8 text ({e.reason} at byte {e.start})", shown) from None
    except OSError as e:
        raise LayoutError(f"cannot read layout: {e.strerror}", shown) from None
    return parse_layout(text, shown, stem=path.stem, base=path.parent)


def parse_layout(text: str, file: str = "<layout>", stem: str = "layout",
                 base: Path | None = None) -> Layout:
    """Validate layout YAML `text`; `file` is the name used in messages."""
    loader = yaml.SafeLoader(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as e:
            mark = e.problem_mark or e.context_mark
            problem = e.problem + (f" ({e.context})" if e.context else "")
            raise LayoutError(f"YAML syntax error: {problem}", file,
                              mark.line + 1 if mark else None) from None
        except yaml.YAMLError as e:
            raise LayoutError(f"YAML error: {e}", file) from None
        if root is None:
            raise LayoutError("the layout file is empty", file, 1)
        ctx = _Context(file, loader, base or Path.cwd())
        values = LAYOUT.convert(root, ctx, "")
        return _build_layout(values, ctx, stem)
    finally:
        loader.dispose()
