"""Helpers for the page-layout tests: synthetic issues in the seed format,
laying out without a PDF, and reading frames against the grid."""

from __future__ import annotations

import random
import re
from pathlib import Path

from typeset.compose import Composer
from typeset.design import BASELINE_RATIO, PT_PER_MM, load_layout
from typeset.fonts import FontSet
from typeset.frames import TextLine
from typeset.layout import lay_out
from typeset.layout.columns import em_drop
from typeset.layout.measure import body_scales
from typeset.parse import parse_issue
from typeset.sidecar import find_sidecar, staff_plan

from .conftest import SEED_000, SEED_004

MASTHEAD = """# 伊滨新闻

2024年4月1日 第6期 ■ 河南省新闻出版局批准 ■ 河南省连续性内部资料(洛阳)审连00018号
甲辰年二月廿三 总第274期 ■ 主管主办:洛阳市城乡一体化示范区管委会 ■ 编辑出版:区融媒体中心 内部资料 免费交流
"""

_FONTS: dict[str, FontSet] = {}


def fonts_for(layout) -> FontSet:
    key = layout.name
    if key not in _FONTS:
        _FONTS[key] = FontSet.load(dict(layout.fonts))
    return _FONTS[key]


def lay_out_file(path: Path, layout_name: str = "tabloid"):
    """(issue, layout, laid) for an issue file and the sidecar beside it."""
    layout = load_layout(layout_name)
    sidecar = find_sidecar(path)
    issue = parse_issue(path, sidecar, layout.calendar.lunar_months)
    staff = staff_plan(sidecar, issue, layout)
    return issue, layout, lay_out(issue, Composer(layout, fonts_for(layout)), staff)


# --- synthetic text from the seeds' own sentences -------------------------

def _seed_sentences() -> list[str]:
    out = []
    for seed in (SEED_000, SEED_004):
        for line in seed.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(line) < 40 or line.startswith("#"):
                continue
            for sentence in re.findall(r"[^。！？]+[。！？]", line):
                sentence = sentence.strip()
                # plain sentences only: no quotes or brackets left open
                if 8 <= len(sentence) <= 80 and not re.search(r"[“”‘’（）()《》]", sentence):
                    out.append(sentence)
    return out


SENTENCES = _seed_sentences()


def paragraph(rng: random.Random, chars: int) -> str:
    """About `chars` characters of seed sentences, ending with a full stop."""
    text = ""
    while len(text) < chars:
        text += rng.choice(SENTENCES)
    return text


def article(title: str, paragraphs: list[str], byline: str = "记者 王小明") -> str:
    return f"## {title}\n\n" + "\n\n".join(paragraphs) + f"\n\n({byline})\n"


def write_issue(path: Path, articles: list[str], sidecar: str | None = None) -> Path:
    path.write_text(MASTHEAD + "\n" + "\n".join(articles), encoding="utf-8")
    if sidecar is not None:
        path.with_suffix(".yaml").write_text(sidecar, encoding="utf-8")
    return path


# --- reading frames --------------------------------------------------------

def glyph_text(element: TextLine) -> str:
    return "".join(g.char for g in element.glyphs)


def text_lines(page, role: str | None = None) -> list[TextLine]:
    return [e for e in page.elements if isinstance(e, TextLine) and (role is None or e.role == role)]


def grid_offset(layout, baseline: float) -> float:
    """Grid lines from the first body baseline of the type area to `baseline`."""
    top = layout.page.margin_top_mm * PT_PER_MM
    return (baseline - top - BASELINE_RATIO * layout.body_size_pt) / layout.line_pitch_pt


def unit_keys(issue) -> list[str]:
    """The keys lay_out gives the issue's items (banners flattened)."""
    return [key for key, _, _ in issue.stories()]


FLOW_ROLES = ("body", "byline", "jump", "subhead1", "subhead2", "pullquote")


def line_grid_lines(layout, element: TextLine) -> float:
    """Grid lines a one-line flow item takes: 1, or G/N for a larger body size."""
    if element.role in ("body", "byline") and abs(element.size - layout.body_size_pt) > 1e-6:
        scale = next((s for s in body_scales(layout) if s.size == element.size), None)
        if scale is not None:
            return scale.grid_lines / scale.lines
    return 1.0


def body_top(layout, element: TextLine) -> float:
    """Grid lines from the type area's first line to the top of the grid cell
    a one-line flow item (body, byline, jump) was drawn in (columns.em_drop: a
    larger size's em is centred in its taller line)."""
    drop = em_drop(layout.line_pitch_pt, layout.body_size_pt, element.size,
                   line_grid_lines(layout, element))
    return grid_offset(layout, element.baseline - BASELINE_RATIO * element.size - drop
                       + BASELINE_RATIO * layout.body_size_pt)


def on_grid(layout, offset: float, tolerance_pt: float = 0.01) -> bool:
    return abs(offset - round(offset)) * layout.line_pitch_pt <= tolerance_pt


def article_modules(laid):
    """(page index, report entry) of every article part (no fillers, no promo)."""
    return [(index, m) for index, page in enumerate(laid.report.pages)
            for m in page.modules if m.kind in ("article", "continuation")]


def module_cells(layout, laid, page_index: int, module: dict, roles=FLOW_ROLES):
    """The TextLines of `roles` inside each base column of a report module:
    a list, one entry per column, of the lines whose start and baseline fall
    in that column's share of the module's rectangle."""
    grid = layout.grid
    page = laid.frames.pages[page_index]
    ox = layout.type_area_origin_pt(page.number)[0]
    oy = layout.page.margin_top_mm * PT_PER_MM
    first, last = module.lines
    top = oy + (first - 1) * grid.line_pitch_pt
    bottom = oy + last * grid.line_pitch_pt
    cells = []
    for col in range(module.columns[0] - 1, module.columns[1]):
        x0 = ox + grid.column_x(col)
        x1 = x0 + grid.span_width_pt(1)
        cells.append([e for e in text_lines(page) if e.role in roles
                      and x0 - 0.01 <= e.x < x1 and top <= e.baseline < bottom])
    return cells


def jump_chains(report) -> dict[str, list[tuple[int, dict]]]:
    """Unit key → its modules in page order, (page number, report entry)."""
    out: dict[str, list] = {}
    for page in report.pages:
        for m in page.modules:
            if m.kind != "filler":
                out.setdefault(m.item, []).append((page.page, m))
    return out


LONG_TITLE = "伊滨科技城建设全面提速"


def jump_issue(path: Path, paragraphs: int = 40, sidecar: str | None = None) -> Path:
    """A long first article (`paragraphs` × ~120 Han characters) and three short ones."""
    rng = random.Random(1)
    articles = [article(LONG_TITLE, [paragraph(rng, 120) for _ in range(paragraphs)])]
    articles += [article(f"短讯第{n}条", [paragraph(rng, 150) for _ in range(3)], "记者 李娜")
                 for n in ("一", "二", "三")]
    return write_issue(path, articles, sidecar)


def assert_chain(key, parts):
    """One module without jumps, or parts whose 下转/上接 pages point at each other."""
    if len(parts) == 1:
        (_, only), = parts
        assert only.jump_to is None and only.jump_from is None, key
        return
    for (page, part), (next_page, following) in zip(parts, parts[1:]):
        assert part.jump_to == next_page, key
        assert following.jump_from == page, key
        assert next_page > page, key
    assert parts[0][1].jump_from is None and parts[-1][1].jump_to is None, key
