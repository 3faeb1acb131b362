"""Pages an editor signs off: every page of every seed and corpus issue, in
both layouts, is full — except the issue's last page, which alone may end
short at its foot (and that is reported).

Two measures of each page but the last: the layout report's fill (≥ 97 %,
air round a headline counted as filled), and, from the drawn frames alone,
how far above the type area's foot each grid column's lowest text, box or
QR code ends — less than a hole (kinds.HOLE lines) in every column: no blank
band at the page foot, no empty column.
"""

from __future__ import annotations

import random
from functools import lru_cache

import pytest

from typeset.design import BASELINE_RATIO, PT_PER_MM
from typeset.frames import Box, QRCode, TextLine
from typeset.layout.place import HOLE
from typeset.layout.place.kinds import MIN_JUMP
from typeset.layout.report import MIN_FILL

from .layout_support import MASTHEAD, article, lay_out_file, module_cells, paragraph
from .paths import CORPUS, SEEDS

class _Every:
    def __contains__(self, role) -> bool:
        return True


EVERY_ROLE = _Every()
SOURCES = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("p0*.txt"))
LAYOUTS = ("tabloid", "city-broadsheet")


@lru_cache(maxsize=None)
def laid_out(source, layout_name):
    _, layout, laid = lay_out_file(source, layout_name)
    return layout, laid


def foot_white(layout, page) -> list[int]:
    """Per grid column: the grid lines under the one the lowest thing drawn
    in it ends in (a text line's em box, a box, a QR code), to the type
    area's foot — all of them for a column with nothing drawn."""
    grid = layout.grid
    ox = layout.type_area_origin_pt(page.number)[0]
    oy = layout.page.margin_top_mm * PT_PER_MM
    foot = oy + grid.lines * grid.line_pitch_pt
    deepest = [oy] * grid.columns
    for e in page.elements:
        if isinstance(e, TextLine):
            if not e.glyphs:
                continue
            left = e.x
            right = e.x + max(g.x + g.width for g in e.glyphs) * e.size
            bottom = e.baseline + (1 - BASELINE_RATIO) * e.size
        elif isinstance(e, (Box, QRCode)):
            size = e.size if isinstance(e, QRCode) else None
            left, right = e.x, e.x + (size if size is not None else e.w)
            bottom = e.y + (size if size is not None else e.h)
        else:
            continue
        if bottom > foot + 0.5 * grid.line_pitch_pt:    # below the type area: the folio
            continue
        for col in range(grid.columns):
            x0 = ox + grid.column_x(col)
            x1 = x0 + grid.span_width_pt(1)
            if left < x1 - 0.01 and right > x0 + 0.01:
                deepest[col] = max(deepest[col], bottom)
    return [grid.lines if depth == oy else
            max(0, grid.lines - 1 - int((depth - oy - 0.01) // grid.line_pitch_pt))
            for depth in deepest]


@pytest.mark.parametrize("layout_name", LAYOUTS)
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem[:12])
def test_every_page_but_the_last_is_full(source, layout_name):
    layout, laid = laid_out(source, layout_name)
    pages = laid.report.pages
    short = {p.page: p.fill for p in pages[:-1] if p.fill < MIN_FILL}
    assert not short, (short, [str(w) for w in laid.report.warnings])
    for page, frame in zip(pages[:-1], laid.frames.pages):
        white = foot_white(layout, frame)
        assert max(white) < HOLE, (page.page, white)


@pytest.mark.parametrize("layout_name", LAYOUTS)
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem[:12])
def test_a_last_page_that_ends_short_is_reported(source, layout_name):
    layout, laid = laid_out(source, layout_name)
    last = laid.report.pages[-1]
    white = foot_white(layout, laid.frames.pages[-1])
    if min(white) >= HOLE:          # a band of white across the foot
        assert any(w.message.startswith(f"page {last.page}: ") and "white at the foot"
                   in w.message for w in laid.report.warnings), laid.report.warnings


def column_white(layout, laid, page_index: int, module) -> list[int]:
    """Per column of a report module: grid lines between the grid line its
    lowest text line (body, caption, byline, jump line …) ends in and the
    module's foot."""
    grid = layout.grid
    oy = layout.page.margin_top_mm * PT_PER_MM
    out = []
    for lines in module_cells(layout, laid, page_index, module, roles=EVERY_ROLE):
        if not lines:
            out.append(module.lines[1] - module.lines[0] + 1)
            continue
        bottom = max(e.baseline + (1 - BASELINE_RATIO) * e.size for e in lines)
        out.append(max(0, module.lines[1] - 1 - int((bottom - oy - 0.01) // grid.line_pitch_pt)))
    return out


@pytest.mark.parametrize("layout_name", LAYOUTS)
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem[:12])
def test_no_column_of_a_story_ends_a_hole_above_its_module_foot(source, layout_name):
    """On every page, the last one too: a story's columns (as drawn) end less
    than HOLE lines above its module's foot — the neighbours' foot."""
    layout, laid = laid_out(source, layout_name)
    holes = []
    for index, page in enumerate(laid.report.pages):
        for module in page.modules:
            if module.kind in ("article", "continuation"):
                white = column_white(layout, laid, index, module)
                if max(white) >= HOLE:
                    holes.append((page.page, module.item, module.columns, module.lines, white))
    assert not holes, holes


# --- made-up issues of a paper with no fillers (no papers/*.yaml) ----------

def no_filler_issue(path, chars: tuple[int, ...]):
    """A 河畔晚报 issue (a paper without a paper file: no fillers) of stories of
    about `chars` Han characters each, from the seeds' sentences."""
    rng = random.Random(5)
    articles = []
    for n, size in enumerate(chars, 1):
        body, count = [], 0
        while count < size:
            body.append(paragraph(rng, 150))
            count += len(body[-1])
        articles.append(article(f"第{n}篇稿件的标题在这里", body, "记者 李娜"))
    path.write_text(MASTHEAD.replace("伊滨新闻", "河畔晚报") + "\n" + "\n".join(articles),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("chars, jumps", [((500, 800, 400), False), ((500, 1300, 400), True)],
                         ids=["second-fits", "second-jumps"])
def test_a_short_issue_without_fillers_fills_page_one_and_ends_short_on_the_last(
        tmp_path, chars, jumps):
    """Copy for about 1½ pages, nothing to close a gap with: page 1 carries
    the lead and the second story — whole, or started there and jumped
    overleaf (下转第2版 / 上接第1版) when it is too long for page 1's rest — and
    the white is at the last page's foot, reported (it was page 1's foot)."""
    issue, layout, laid = lay_out_file(no_filler_issue(tmp_path / "issue.txt", chars))
    first, last = laid.report.pages[0], laid.report.pages[-1]
    assert len(laid.report.pages) == 2
    assert first.fill >= MIN_FILL
    assert max(foot_white(layout, laid.frames.pages[0])) < HOLE
    parts = [m for m in laid.plan.modules if m.key == "item2"]
    assert parts[0].page == 0
    if jumps:
        assert [(m.page, m.jump_to, m.jump_from) for m in parts] == [(0, 1, None), (1, None, 0)]
        assert all(m.flow_end - m.flow_start >= MIN_JUMP for m in parts)
    assert last.fill < MIN_FILL and any(w.message.startswith("page 2: ")
                                        and "white at the foot" in w.message
                                        for w in laid.report.warnings)
