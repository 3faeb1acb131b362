"""Placement on hand-made stories: no fonts, no PDF, just heights and the grid.

A story is a flow of items of known heights (grid lines); a headline takes
two lines at any width. What placement must do with them is a newspaper fact
each: fill the page, jump a story that does not fit, honour a pin, close a
gap with a filler, stay within the page limit, and grow linearly with the
issue.
"""

from __future__ import annotations

from itertools import combinations

import pytest

from typeset.layout.place import (KINDS, FillerOption, Geometry, NoLayout, Search, UnitSpec,
                                  plan_pages)
from typeset.layout.place.kinds import MIN_JUMP
from typeset.layout.place.search import TOP_AIR_STEPS
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
    units = [story("item1", 60), story("item2", 50, pin=Pin(col=4, width=2, source="x.yaml:3")),
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
