"""Grid arithmetic on placed pages: every body line on the line grid, every
column of a module starting on a grid line, columns balanced."""

import pytest

from typeset.layout.columns import HOLE, split_columns, used_units
from typeset.layout.measure import FlowLine, body_scales

from .conftest import SEED_000, SEED_004
from .layout_support import (article_modules, body_top, grid_offset, jump_issue, lay_out_file,
                             line_grid_lines, module_cells, on_grid, text_lines)

CASES = {
    "seed000-tabloid": lambda tmp: (SEED_000, "tabloid"),
    "seed004-broadsheet": lambda tmp: (SEED_004, "city-broadsheet"),
    "jump-tabloid": lambda tmp: (jump_issue(tmp / "jump.txt"), "tabloid"),
}


@pytest.fixture(scope="module", params=list(CASES))
def case(request, tmp_path_factory):
    path, layout_name = CASES[request.param](tmp_path_factory.mktemp(request.param))
    return lay_out_file(path, layout_name)


def test_every_body_line_of_the_grid_size_has_its_baseline_on_the_line_grid(case):
    _, layout, laid = case
    body = [(page.number, e) for page in laid.frames.pages for e in text_lines(page, "body")]
    assert len(body) > 100
    size = layout.body_size_pt
    off = [(n, round(grid_offset(layout, e.baseline), 3), "".join(g.char for g in e.glyphs)[:8])
           for n, e in body
           if abs(e.size - size) < 1e-6 and not on_grid(layout, grid_offset(layout, e.baseline))]
    assert not off


def test_larger_body_lines_sit_on_the_subdivided_grid_of_their_size(case):
    """五号 on a 小五 grid is N lines to G grid lines: each line starts a
    whole number of 1/N grid lines from the type area's first line."""
    _, layout, laid = case
    scales = {s.size: s for s in body_scales(layout)[1:]}
    off = []
    for page in laid.frames.pages:
        for e in text_lines(page, "body"):
            if abs(e.size - layout.body_size_pt) < 1e-6:
                continue
            assert e.size in scales, f"body line in {e.size} pt, not a body scale"
            units = body_top(layout, e) * scales[e.size].lines
            if abs(units - round(units)) * layout.line_pitch_pt / scales[e.size].lines > 0.01:
                off.append((page.number, round(body_top(layout, e), 3)))
    assert not off


def test_every_column_of_every_module_starts_its_body_on_a_grid_line(case):
    _, layout, laid = case
    off, checked = [], 0
    for index, module in article_modules(laid):
        for col, cell in enumerate(module_cells(layout, laid, index, module), module.columns[0]):
            if not cell:
                continue
            first = min(cell, key=lambda e: e.baseline)
            if first.role not in ("body", "byline", "jump"):
                continue        # a subhead or pull quote centres itself in its lines
            checked += 1
            if not on_grid(layout, body_top(layout, first)):
                off.append((index + 1, module.item, col, round(body_top(layout, first), 3)))
    assert checked >= 10
    assert not off


def _bottoms(layout, laid):
    """(module, column bottoms in grid lines, tallest item) of the modules
    with no subhead or pull quote in their flow."""
    for index, module in article_modules(laid):
        cells = module_cells(layout, laid, index, module)
        if any(e.role not in ("body", "byline", "jump") for cell in cells for e in cell):
            continue
        ends = [[body_top(layout, e) + line_grid_lines(layout, e) for e in cell] for cell in cells]
        tallest = max(line_grid_lines(layout, e) for cell in cells for e in cell)
        start = min(body_top(layout, e) for cell in cells for e in cell)
        # an empty column ends where the body begins
        yield (index + 1, module.item), [max(c) if c else start for c in ends], tallest


def test_a_modules_columns_end_level_the_last_one_shorter_but_never_a_hole(case):
    """齐脚: every column but the last ends within one of its lines of the
    others (in a larger size, 五号 at 1.2 grid lines a line, plus the wait of
    a byline that starts on the next grid line); the last is never longer,
    and ends less than HOLE grid lines short."""
    _, layout, laid = case
    uneven = {}
    for m, bottoms, tallest in _bottoms(layout, laid):
        slack = tallest + (0.8 if tallest > 1.01 else 0) + 0.01
        *before, last = bottoms
        if before and (max(before) - min(before) > slack or last > max(before) + 0.01
                       or max(before) - last >= HOLE):
            uneven[m] = [round(b, 2) for b in bottoms]
    assert not uneven


def _lines(count: int) -> tuple[FlowLine, ...]:
    return tuple(FlowLine(1, (), "body", 9.0, paragraph_start=n == 0,
                          paragraph_end=n == count - 1) for n in range(count))


@pytest.mark.parametrize("count,columns", [(12, 6), (24, 6), (32, 8)])
def test_split_columns_fills_evenly_divisible_flows_exactly(count, columns):
    cols = split_columns(_lines(count), columns)
    assert [used_units(c) for c in cols] == [count // columns] * columns


def test_columns_end_level_and_the_last_takes_the_rest():
    assert [used_units(c) for c in split_columns(_lines(32), 6)] == [6, 6, 6, 6, 6, 2]


def test_a_paragraphs_last_line_is_not_left_alone_at_the_head_of_a_column():
    cols = split_columns(_lines(31), 6)         # level would leave line 31 alone in column 6
    assert sum(used_units(c) for c in cols) == 31
    assert used_units(cols[-1]) >= 2


def test_a_flow_that_would_leave_its_last_column_a_hole_gives_up_lines_in_its_last_columns():
    cols = split_columns(_lines(25), 6)         # level: 5 5 5 5 5 0 — an empty column
    used = [used_units(c) for c in cols]
    assert used == [5, 5, 5, 5, 3, 2]           # not a step in every column: 4 4 4 4 4 5


def test_lone_lines_at_column_feet_are_borne_rather_than_a_column_ending_short():
    """Rule 7 keeps feet level; a 孤行 is avoided only where that costs no
    step: 35 lines, paragraphs from lines 1, 12 and 24, in three columns of 12
    set 12 12 11 with two first lines alone at a column foot — not 11 12 12."""
    flow = tuple(FlowLine(1, (), "body", 9.0, paragraph_start=n in (0, 11, 23),
                          paragraph_end=n in (10, 22, 34)) for n in range(35))
    assert [used_units(c) for c in split_columns(flow, 3)] == [12, 12, 11]


def test_a_module_with_room_under_its_columns_fills_them_deeper_rather_than_strand_a_subhead():
    """8 lines, a subhead, 9 lines in two columns: at the least height (9) the
    subhead ends column 1 or pushes the flow past column 2's foot. A module
    11 lines deep ends column 1 two lines under the subhead instead."""
    flow = (tuple(FlowLine(1, (), "body", 9.0, paragraph_start=n == 0, paragraph_end=n == 7)
                  for n in range(8))
            + (FlowLine(1, (), "subhead2", 9.0, paragraph_end=True, paragraph_start=True,
                        keep_with_next=True),)
            + tuple(FlowLine(1, (), "body", 9.0, paragraph_start=n == 0, paragraph_end=n == 8)
                    for n in range(9)))
    least = split_columns(flow, 2)
    assert least[0][-1][0].role == "subhead2"           # stranded: nowhere else to go
    deeper = split_columns(flow, 2, height=11)
    assert [used_units(c) for c in deeper] == [11, 7]
    assert [item.role for item, _ in deeper[0][-3:]] == ["subhead2", "body", "body"]


def test_a_column_over_a_frame_counts_the_white_line_between_them_as_part_of_its_hole():
    """No rule closes a module over a link box's frame: the line between is
    white and a short column's white runs into it. 22 lines in four columns
    8 lines deep end 6 6 6 4; with that line open under the last column, 4
    short plus 1 open is a hole, so the lines spread 6 6 5 5. Open under
    the first column only, the fill is as without it."""
    assert [used_units(c) for c in split_columns(_lines(22), 4, height=8)] == [6, 6, 6, 4]
    assert [used_units(c) for c in split_columns(_lines(22), 4, height=8,
                                                 open_under=(0, 0, 0, 1))] == [6, 6, 5, 5]
    assert [used_units(c) for c in split_columns(_lines(22), 4, height=8,
                                                 open_under=(1, 0, 0, 0))] == [6, 6, 6, 4]


def test_an_empty_column_is_never_chosen_over_a_short_one():
    """21 lines, four columns 9 deep, the line under the last open: every
    filling leaves a hole (6 5 5 5 ends 5 above the open line), and a column
    with text ending short is still a column — not 7 7 7 with the fourth
    empty, the deepest filling's way out."""
    cols = split_columns(_lines(21), 4, height=9, open_under=(0, 0, 0, 1))
    assert all(cols) and sum(used_units(c) for c in cols) == 21


def test_a_photo_caption_a_column_can_hold_is_not_split_between_columns():
    """A caption is read as one block, its credit（…摄）at its end: 7 lines,
    a 3-line caption, 7 lines in two columns. Level at 9 lines would end
    column 1 inside the caption; a module 10 lines deep keeps it whole in
    column 1 and ends column 2 shorter."""
    def para(role, count):
        return tuple(FlowLine(1, (), role, 9.0, paragraph_start=n == 0,
                              paragraph_end=n == count - 1) for n in range(count))
    flow = para("body", 7) + para("caption", 3) + para("body", 7)
    cols = split_columns(flow, 2, height=10)
    assert [used_units(c) for c in cols] == [10, 7]
    assert [item.role for item, _ in cols[0][-3:]] == ["caption"] * 3


def test_a_byline_never_stands_alone_in_a_column():
    """16 lines and the closing credit（张若舍 刘姝涵）in five columns: level at
    4 lines leaves the byline alone in column 5, which reads as an empty
    column with a name in it (seed 000's 中州时代). It ends the text instead."""
    flow = _lines(16) + (FlowLine(1, (), "byline", 9.0, paragraph_start=True,
                                  paragraph_end=True),)
    cols = split_columns(flow, 5)
    assert all(any(item.role == "body" for item, _ in c) for c in cols)
    assert cols[-1][-1][0].role == "byline"


def test_a_number_that_fits_the_column_is_not_cut_for_the_space_a_line_end_drops():
    """为 12020122000000931082 的: the ¼ em between the number and the Han
    character after it goes at a line end, so the 20 digits (10.9 em of the
    body font) take a line of the tabloid's 11-character column whole."""
    from typeset.compose import Composer
    from typeset.design import load_layout
    from typeset.layout.measure import measure_item
    from typeset.model import Article, Headline, Paragraph, Span

    from .layout_support import fonts_for
    layout = load_layout("tabloid")
    composer = Composer(layout, fonts_for(layout))
    text = ("捐款可汇至红十字会在宁波银行开设的账号为12020122000000931082的专用账户，"
            "善款将全部用于受灾群众的生活救助和灾后重建工作。")
    item = Article(Headline(("爱心捐款渠道公布",)), (Paragraph(text, Span("x.txt", 2, 2)),),
                   Span("x.txt", 1, 2))
    measured = measure_item("item1", item, composer)
    assert not [v for _, v in measured.violations if "splits" in v], measured.violations


def test_a_pull_quote_in_a_larger_body_takes_whole_lines_of_it():
    """小四 on a 小五 grid is 2 lines to 3 grid lines: a quote's slot of
    whole grid lines is rounded up to whole 小四 lines, so the column it
    stands in ends level with one holding body lines only."""
    from typeset.compose import Composer
    from typeset.design import load_layout
    from typeset.layout.measure import pull_quote_flow

    from .layout_support import fonts_for
    layout = load_layout("tabloid")
    composer = Composer(layout, fonts_for(layout))
    quote = pull_quote_flow("让老年人能有一个幸福美满的晚年", None, composer, 2, line=3)
    grid_only = pull_quote_flow("让老年人能有一个幸福美满的晚年", None, composer, 2)
    assert quote.height % 3 == 0                 # 10 units (5 grid lines) → 12 (4 lines)
    assert grid_only.height % 2 == 0 and grid_only.height <= quote.height < grid_only.height + 3


def _paragraphs(*lengths: int) -> tuple[FlowLine, ...]:
    out = []
    for n in lengths:
        out += [FlowLine(1, (), "body", 9.0, paragraph_start=i == 0, paragraph_end=i == n - 1,
                         setting=("runs", "style") if i == 0 else None) for i in range(n)]
    return tuple(out)


def _a_line_longer(lines, tol):
    """A paragraph set a line longer, as the composer would where it can."""
    return lines + (lines[-1],)


def test_a_body_is_driven_a_line_longer_here_and_there_to_fill_its_module():
    """16 lines in two columns of 8 under a head with 2 lines of air too
    many: four of its five paragraphs each set a line longer fill two
    columns of 10."""
    from typeset.layout.columns import filled_columns
    cols = filled_columns(_paragraphs(3, 3, 3, 3, 4), 2, _a_line_longer, 10)
    assert [used_units(c) for c in cols] == [10, 10]


def test_a_body_too_short_to_fill_its_module_is_not_driven():
    from typeset.layout.columns import filled_columns
    assert filled_columns(_paragraphs(4, 4, 4, 4), 2, _a_line_longer, 14) is None
    assert filled_columns(_paragraphs(4, 4, 4, 4), 2, lambda lines, tol: None, 10) is None
