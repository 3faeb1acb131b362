"""Placement on hand-made stories: no fonts, no PDF, just heights and the grid.

A story is a flow of items of known heights (grid lines); a headline takes
two lines at any width. What placement must do with them is a newspaper fact
each: fill the page, jump a story that does not fit, honour a pin, close a
gap with a filler, stay within the page limit, and grow linearly with the
issue.
"""

from __future__ import annotations

import random
from dataclasses import replace
from itertools import combinations

import pytest

from typeset.layout.columns import column_height, fits
from typeset.layout.place import (KINDS, FillerOption, Geometry, NoLayout, Search, UnitSpec,
                                  kinds, plan_pages)
from typeset.layout.place import prices
from typeset.layout.place.kinds import MIN_JUMP
from typeset.layout.place.search import TOP_AIR_STEPS, prefix_before_a_grid_line
from typeset.layout.place.steps import State
from typeset.sidecar import Pin

COLUMNS, LINES = 6, 40


def story(key: str, lines: int, kind: str = "article", pin: Pin | None = None) -> UnitSpec:
    """A story of `lines` one-line paragraphs' worth of body lines."""
    return UnitSpec(key, ((1,) * lines,), (0.0,), (1,), KINDS[kind], pin)


def head(key: str, k: int, rank: int, continued: bool) -> tuple[int, float]:
    return 2, 0.0


def no_fillers(k: int) -> tuple[FillerOption, ...]:
    return ()


def notice(k: int) -> tuple[FillerOption, ...]:
    return (FillerOption("notice", 3, KINDS["filler"], 40.0),)


def geometry(top: int = 0, even: bool = False, limit: int = 48,
             fixed: int | None = None) -> Geometry:
    return Geometry(COLUMNS, LINES, top, even, limit, fixed)


def cells(module) -> set[tuple[int, int, int]]:
    return {(module.page, c, l) for c in range(module.col, module.col + module.width)
            for l in range(module.line, module.line + module.height)}


def assert_sound(plan, units) -> None:
    """Every module inside the grid, none overlapping, every story placed."""
    for m in plan.modules:
        assert 0 <= m.col and m.col + m.width <= COLUMNS, m
        assert 0 <= m.line and m.line + m.height <= LINES, m
    for a, b in combinations(plan.modules, 2):
        assert not cells(a) & cells(b), (a, b)
    placed = {m.key for m in plan.modules if not m.filler}
    assert placed == {u.key for u in units}


def test_three_short_stories_share_one_page():
    units = [story("item1", 60), story("item2", 50), story("item3", 40)]
    plan = plan_pages(units, geometry(), head, notice)
    assert_sound(plan, units)
    assert plan.pages == 1
    assert {m.page for m in plan.modules} == {0}


def test_the_first_story_of_page_one_gets_the_lead_headline():
    units = [story("item1", 60), story("item2", 50), story("item3", 40)]
    plan = plan_pages(units, geometry(), head, notice)
    lead = next(m for m in plan.modules if m.key == "item1")
    assert lead.rank == 1 and lead.line == min(m.line for m in plan.modules if m.page == 0)


def test_a_story_longer_than_a_page_jumps_with_five_lines_on_each_side():
    units = [story("item1", 600), story("item2", 30)]
    plan = plan_pages(units, geometry(), head, notice)
    assert_sound(plan, units)
    parts = [m for m in plan.modules if m.key == "item1"]
    assert len(parts) >= 2
    for part, following in zip(parts, parts[1:]):
        assert part.jump_to == following.page > part.page
        assert following.jump_from == part.page
        assert part.flow_end == following.flow_start
        assert part.flow_end - part.flow_start >= MIN_JUMP
    assert parts[-1].flow_end == 600 and parts[-1].flow_end - parts[-1].flow_start >= MIN_JUMP


def test_a_page_pin_puts_the_story_on_that_page():
    units = [story("item1", 60), story("item2", 50, pin=Pin(page=1, source="x.yaml:3")),
             story("item3", 40)]
    plan = plan_pages(units, geometry(), head, notice)
    assert_sound(plan, units)
    assert next(m for m in plan.modules if m.key == "item2").page == 1


def test_a_column_and_width_pin_is_honoured_exactly():
    # item1 beside it in four columns (22 lines) and item2 in two (25 lines):
    # heights two lines of headline air can match
    units = [story("item1", 88), story("item2", 50, pin=Pin(col=4, width=2, source="x.yaml:3")),
             story("item3", 40)]
    plan = plan_pages(units, geometry(), head, notice)
    module = next(m for m in plan.modules if m.key == "item2")
    assert (module.col, module.width) == (4, 2)


def test_a_gap_the_copy_cannot_fill_is_closed_with_a_filler():
    units = [story("item1", 6 * 30)]     # a page of 40 lines, 32 of them filled
    plan = plan_pages(units, geometry(), head, notice)
    assert_sound(plan, units)
    assert [m.filler for m in plan.modules if m.filler] == ["notice"]


def test_without_fillers_a_gap_air_cannot_take_is_left_white_and_noted():
    units = [story("item1", 6 * 10)]     # 12 lines of a 40-line page
    plan = plan_pages(units, geometry(), head, no_fillers)
    assert not any(m.filler for m in plan.modules)
    assert any("left white at the foot" in note.message and note.key == "item1"
               for note in plan.notes)


def test_an_even_page_count_layout_gets_an_even_count():
    units = [story(f"item{n}", 200) for n in range(1, 4)]
    plan = plan_pages(units, geometry(even=True), head, notice)
    assert plan.pages % 2 == 0


def test_a_fixed_page_count_is_kept_and_blank_pages_are_noted():
    units = [story("item1", 60)]
    plan = plan_pages(units, geometry(fixed=3), head, notice)
    assert plan.pages == 3
    assert any("left blank" in note.message for note in plan.notes)


def test_copy_beyond_the_page_limit_is_overset_naming_the_limit_and_the_fix():
    units = [story(f"item{n}", 200) for n in range(1, 9)]
    with pytest.raises(NoLayout, match=r"do not fit in 2 pages.*pages\.limit"):
        plan_pages(units, geometry(limit=2), head, notice)


def test_copy_beyond_a_fixed_count_says_to_give_more_pages():
    units = [story(f"item{n}", 200) for n in range(1, 9)]
    with pytest.raises(NoLayout, match=r"do not fit in 2 pages.*pages: in the sidecar"):
        plan_pages(units, geometry(fixed=2), head, notice)


def test_there_is_no_page_ceiling_below_the_limit():
    units = [story(f"item{n}", 150) for n in range(1, 61)]    # ≈ 40 pages of 240 cells
    plan = plan_pages(units, geometry(), head, notice)
    assert_sound(plan, units)
    assert plan.pages > 8


def _states(count: int, fixed: int | None = None) -> int:
    units = [story(f"item{n}", 120) for n in range(1, count + 1)]
    search = Search(units, geometry(fixed=fixed), head, notice)
    for extra in TOP_AIR_STEPS:
        search.solve(State(0, 0, 0, LINES - extra, True))
    return len(search.memo)


def test_the_search_grows_linearly_with_the_issue():
    """Work counted, not timed: doubling the stories at most doubles the
    states (×2.2 allowed), because pages past the first stand for their class."""
    counts = [_states(n) for n in (20, 40, 80)]
    for small, large in zip(counts, counts[1:]):
        assert large <= 2.2 * small, counts


def test_a_fixed_count_keeps_exact_pages_but_prunes_states_that_cannot_fit():
    pages = 1 + 20 * (2 + 20) // (COLUMNS * LINES)    # the copy needs about this many pages
    exact = _states(20, fixed=pages + 1)
    assert exact <= 3 * _states(20), exact


# --- the front page, and a lead that jumps more than once ---------------------

def test_a_lead_of_two_and_a_half_pages_starts_under_the_masthead_and_jumps_twice():
    """The front page carries its lead however long it is (search.RULES "close"):
    the lead starts under the masthead, continues at the top of pages 2 and 3
    with a jump pair for each turn (下转第2版 / 上接第1版, 下转第3版 / 上接第2版),
    and the brief after it follows the lead's last part."""
    top = 8                                   # masthead and 报眼: 8 of the 40 lines
    units = [story("item1", 570), story("item2", 8)]     # 570 lines: 2.5 pages of 6 × 38
    plan = plan_pages(units, geometry(top=top), head, notice)
    assert_sound(plan, units)
    parts = sorted((m for m in plan.modules if m.key == "item1"), key=lambda m: m.page)
    assert [m.page for m in parts] == [0, 1, 2]
    lead = parts[0]
    assert lead.rank == 1 and lead.line == top + plan.top_air
    assert [(m.jump_from, m.jump_to) for m in parts] == [(None, 1), (0, 2), (1, None)]
    assert all(m.line == 0 for m in parts[1:])               # each continuation on top
    assert [m.flow_start for m in parts] == [0, parts[0].flow_end, parts[1].flow_end]
    assert parts[-1].flow_end == 570
    assert all(m.flow_end - m.flow_start >= MIN_JUMP for m in parts)
    brief = next(m for m in plan.modules if m.key == "item2")
    assert (brief.page, brief.line) >= (parts[-1].page, parts[-1].line + parts[-1].height)


@pytest.mark.parametrize("even", [True, False])
@pytest.mark.parametrize("top", [6, 10])
def test_the_front_page_is_never_closed_with_nothing_under_its_masthead(top, even):
    """However the lead's length falls against the pages, page 1 holds a story."""
    for lead in range(300, 700, 20):
        for rest in ((), (8,), (30, 20)):
            units = [story("item1", lead)] + [story(f"item{n}", lines)
                                              for n, lines in enumerate(rest, 2)]
            plan = plan_pages(units, geometry(top=top, even=even), head, notice)
            front = [m for m in plan.modules if m.page == 0 and not m.filler]
            assert front and front[0].key == "item1" and front[0].rank == 1, (lead, rest)


def test_staff_may_still_leave_the_front_page_to_a_story_pinned_later():
    units = [story("item1", 60, pin=Pin(page=1, source="x.yaml:3")), story("item2", 50)]
    plan = plan_pages(units, geometry(top=10), head, notice)
    assert_sound(plan, units)
    assert not [m for m in plan.modules if m.page == 0 and not m.filler]
    assert next(m for m in plan.modules if m.key == "item1").page == 1


# --- a jumped story goes on in the body it started in --------------------------

def larger(key: str, lines: int, subdiv: int = 5, grid_lines: int = 6) -> UnitSpec:
    """A story with a second body in larger type: `lines` lines of the grid's
    size, or as many lines of a size set `subdiv` lines to `grid_lines` grid
    lines (五号 on a 小五 grid: 5 to 6), which costs 30 (prices.LARGER_BODY)."""
    return UnitSpec(key, ((1,) * lines, (grid_lines,) * lines), (0.0, 30.0), (1, subdiv),
                    KINDS["article"])


def test_a_lead_in_larger_type_jumps_in_it_and_every_part_fits():
    """Two even pages, a lead of 1.4 pages at the grid's size: in larger type
    it fills both, its jump lines one grid line of its flow each."""
    units = [larger("item1", 300)]
    plan = plan_pages(units, geometry(top=8, even=True), head, notice)
    assert_sound(plan, units)
    parts = [m for m in plan.modules if m.key == "item1"]
    assert len(parts) == 2 and {m.variant for m in parts} == {1}
    for part in parts:
        flow = units[0].flows[1][part.flow_start:part.flow_end]
        flow = ((5,) if part.jump_from is not None else ()) + flow \
            + ((5,) if part.jump_to is not None else ())
        assert part.head_lines + column_height(flow, part.width, 5) <= part.height


def test_a_jump_part_in_sub_units_is_what_the_columns_fit_with_the_jump_line():
    """search.prefix_before_a_grid_line against columns.fits, on mixed flows of
    larger-type lines (6 units) and grid items (subheads: 5 or 10 units)."""
    rng = random.Random(7)
    for _ in range(300):
        heights = tuple(rng.choice((6, 6, 6, 6, 5, 10)) for _ in range(rng.randint(0, 40)))
        columns, height = rng.randint(1, 4), rng.randint(1, 20)
        taken = prefix_before_a_grid_line(heights, 5, columns, height, 5)
        assert taken == 0 or fits(heights[:taken] + (5,), columns, height, 5)
        assert taken == len(heights) or not fits(heights[:taken + 1] + (5,), columns, height, 5)


# --- holes an editor fills: jump the next story, or move a short one up -------

def paragraphs(key: str, *heights: int) -> UnitSpec:
    """A story of paragraphs of the given body lines each (a flow item each)."""
    return UnitSpec(key, (heights,), (0.0,), (1,), KINDS["article"])


def page_lines(plan, page: int) -> int:
    """Lines of the page the plan's modules reach down to (all full width here)."""
    return max(m.line + m.height for m in plan.modules if m.page == page)


def test_a_story_too_long_for_page_ones_rest_starts_there_and_jumps():
    """No fillers: after the lead (19 of 40 lines) the second story (32 lines)
    does not fit the 21 lines left. It starts there and jumps overleaf with
    five lines at least on each side, rather than leave page 1 a white foot
    (search.RULES "foot-white", "jump"); only the issue's last page may end short."""
    units = [story("item1", 6 * 17), story("item2", 6 * 30), story("item3", 6 * 10)]
    plan = plan_pages(units, geometry(even=True), head, no_fillers)
    assert_sound(plan, units)
    assert plan.pages == 2
    first, second = sorted((m for m in plan.modules if m.key == "item2"), key=lambda m: m.page)
    assert (first.page, first.jump_to, second.page, second.jump_from) == (0, 1, 1, 0)
    assert first.line + first.height == LINES
    assert first.flow_end - first.flow_start >= MIN_JUMP <= second.flow_end - second.flow_start
    assert not [n for n in plan.notes if n.page == 1]          # page 1: no white foot
    # white, if any, only at the issue's end, and reported there
    assert all(n.page == 2 for n in plan.notes if "left white at the foot" in n.message)


def test_a_short_later_item_moves_up_into_a_hole_the_next_story_cannot_fill():
    """The lead takes 27 of 40 lines. The next story (22 lines) neither fits
    the 13 left nor can jump (six paragraphs: not five on each side of a
    turn), and a 13-line white foot is a hole. The short story after it (8
    lines) moves up under the lead (search.RULES "move-up"); the second story
    begins page 2, the reading order resumes after the moved one, and the
    move is noted for staff."""
    units = [story("item1", 6 * 25), paragraphs("item2", *(20,) * 6),
             story("item3", 6 * 6), story("item4", 6 * 15)]
    plan = plan_pages(units, geometry(even=True), head, no_fillers)
    assert_sound(plan, units)
    assert plan.pages == 2
    where = {m.key: (m.page, m.line) for m in plan.modules}
    assert where["item1"] < where["item3"] < where["item2"] < where["item4"]
    assert where["item3"][0] == 0 and where["item2"] == (1, 0)
    assert page_lines(plan, 0) == LINES
    assert any(n.message == "item3 moved up ahead of item2 to fill the page's foot"
               and n.page == 1 and n.key == "item3" for n in plan.notes)


def test_the_lead_of_page_one_is_never_moved_past_nor_a_long_story_moved_up():
    """Reading order bends only for short items, and never ahead of a page's
    lead: the second story here is too long to move (kinds.SHORT_ITEM)."""
    units = [story("item1", 6 * 25), paragraphs("item2", *(20,) * 6),
             story("item3", kinds.SHORT_ITEM + 1), story("item4", 6 * 15)]
    plan = plan_pages(units, geometry(even=True), head, no_fillers)
    assert_sound(plan, units)
    order = [m.key for m in sorted(plan.modules, key=lambda m: (m.page, m.line, m.col))]
    assert order[0] == "item1"
    assert order.index("item2") < order.index("item3")


# --- "feet": a body whose columns would step costs the white the steps leave --

def test_feet_that_step_are_counted_as_the_lines_the_columns_end_short():
    from typeset.layout.place.search import _short_lines
    body = (1,) * 31
    assert _short_lines(body, 5, 1, 7, 1) == 0       # 7 7 7 7 3: the last shorter
    assert _short_lines(body, 8, 1, 4, 1) == 0       # 4 4 4 4 4 4 4 3
    # in six columns of 6 the last would hold 1 line (a hole): spread 6 5 5 5 5 5,
    # four columns a line short of the first
    assert _short_lines(body, 6, 1, 6, 1) == 4
    # a two-line item that cannot start in the middle column's last line: 2 1 2
    assert _short_lines((1, 1, 1, 2), 3, 1, 2, 1) == 1


def test_a_body_whose_columns_step_costs_the_white_the_steps_leave(monkeypatch):
    """31 lines in six columns step (6 5 5 5 5 5): the variant costs
    INNER_WHITE × white for the four lines, so a width that ends level (five
    columns: 7 7 7 7 3) wins where the two cost the same otherwise."""
    import typeset.layout.place.search as search_module
    units = [story("item1", 31)]
    stepped = min(v.badness for v in Search(units, geometry(), head, no_fillers)
                  .variants(0, 6, 1, False, 0))
    monkeypatch.setattr(search_module, "_short_lines", lambda *args: 0)
    level = min(v.badness for v in Search(units, geometry(), head, no_fillers)
                .variants(0, 6, 1, False, 0))
    assert stepped - level == prices.inner_white(4)


def test_a_jump_that_leaves_a_sliver_at_the_foot_costs_more_than_a_shallow_module():
    """A story's first part at a page foot only a line or two deep under its
    head reads as a strip of text across the page (p03 printed two lines in
    six columns, then （下转第2版））: the jump is priced per column × line it
    is shallower than kinds.SHALLOW at JUMP_SLIVER, dearer than a shallow
    module and than headline air that looks empty, so a page is planned
    around it first."""
    kind = KINDS["article"]
    assert kind.sliver_cost(2, 6) == prices.SLIVER * 6 * (kinds.SHALLOW - 2)
    assert kind.sliver_cost(2, 6, prices.JUMP_SLIVER) == prices.JUMP_SLIVER * 6 * (kinds.SHALLOW - 2)
    assert prices.JUMP_SLIVER > prices.EMPTY_AIR > prices.SLIVER
    assert kind.sliver_cost(kinds.SHALLOW, 6, prices.JUMP_SLIVER) == 0.0
    assert KINDS["promo"].sliver_cost(2, 2) == 0.0          # not a shaped kind
    units = [story("item1", 6 * 60), story("item2", 6 * 30)]
    search = Search(units, geometry(), head, no_fillers)
    def jump_cost(left: int) -> float:      # `left` lines left on the page
        return min(cost for cost, step, _ in search.moves(State(0, 0, 0, left, False))
                   if type(step).__name__ == "Jump")
    # nine lines left: its head (2) and the rule's line leave 6 of body, a sliver
    assert jump_cost(9) - jump_cost(20) == pytest.approx(
        kind.sliver_cost(6, 6, prices.JUMP_SLIVER))


def test_a_jump_keeps_five_body_lines_on_each_side_and_a_byline_is_none():
    """227 body lines and the jump line fill page 1 under a two-line head;
    4 more and the byline would be 5 items overleaf but 4 body lines: the
    story jumps earlier."""
    flow = (1,) * 232
    bodies = (tuple(range(232)) + (231,),)        # the last item is no body line
    units = [UnitSpec("item1", (flow,), (0.0,), (1,), KINDS["article"], bodies=bodies),
             story("item2", 200)]
    plan = plan_pages(units, geometry(), head, notice)
    assert_sound(plan, units)
    for part in (m for m in plan.modules if m.key == "item1"):
        body = units[0].body_lines(0, part.flow_start, part.flow_end)
        assert part.jump_to is None and part.jump_from is None or body >= MIN_JUMP, part


def test_pages_in_pairs_take_three_pages_of_copy_over_four_rather_than_leave_one_blank():
    """A blank page is refused for print (a white hole): the copy is spread,
    the last page ending short."""
    units = [story(f"item{n}", 6 * 36) for n in range(1, 4)] + [story("item4", 60)]
    plan = plan_pages(units, geometry(even=True), head, no_fillers)
    assert plan.pages == 4
    assert not any("left blank" in note.message for note in plan.notes)
    assert any(m.page == 3 for m in plan.modules)


def test_a_banners_story_beside_its_first_stands_under_the_band_its_lines_taller():
    """A banner (各地传真) over two stories set side by side, three columns
    each: the band is in the first story's head and runs on over the second,
    whose module is the band's lines deeper than its copy needs alone, so
    the two end level: every such row is the band's lines taller."""
    def side_by_side(band: int) -> list[tuple[int, int]]:
        first = replace(story("item1.1", 3 * 20), in_banner=True,
                        band=(band,) * (COLUMNS + 1) if band else ())
        second = replace(story("item1.2", 3 * 20), in_banner=True, headless=True)
        search = Search([first, second], geometry(), head, no_fillers)
        return sorted({(row.modules[0].height, row.modules[1].height)
                       for _, _, row, used, _ in search.row_moves(0, 0, 0, True)
                       if used == 2 and len(row.modules) == 2 and row.modules[1].col == 3})
    alone, banded = side_by_side(0), side_by_side(3)
    assert alone and all(a == b for a, b in banded)
    assert banded[0][1] == alone[0][1] + 3
